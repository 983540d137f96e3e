"""The packed tables of the index answer exactly as the lists and dicts they replace.

normalizer.gazetteer.packed keeps the forms, the entities and the maps over
their words as byte strings decoded a record at a time; these tests build the
same index with and without packing and compare every record and every entry,
after a pickle round trip (how a cached index is read)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from normalizer.gazetteer import index as index_module
from normalizer.gazetteer.loading import gazetteer_files, load_files
from normalizer.gazetteer.packed import Rows, entity_and_role, pack_exact, pack_pair_columns, pack_pairs, pack_rows, pack_single
from normalizer.gazetteer.packing import plain_tables
from normalizer.gazetteer.records import EntityInfo, Form

ROOT = Path(__file__).resolve().parent.parent
MAPS = ("exact", "token_forms", "spelling", "place_forms", "lengths_by_head")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The Wikinews index packed (and pickled), and the same index left plain."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        gazetteer = load_files(gazetteer_files([ROOT / "benchmarks" / "corpus" / "wikinews" / "gazetteer.yaml"]))
        packed = pickle.loads(pickle.dumps(index_module.build_index(gazetteer)))
        # Left plain but for token_forms, packed as the build always did.
        patch.setattr(index_module, "packed_tables", lambda index, exact, columns: {
            **plain_tables(exact), "token_forms": pack_pair_columns(*columns)
        })
        plain = index_module.build_index(gazetteer)
    return packed, plain


def test_every_table_is_packed(both):
    packed, _ = both
    assert isinstance(packed.forms, Rows) and isinstance(packed.entities, Rows)
    assert not any(isinstance(getattr(packed, name), dict) for name in MAPS)


def test_the_records_are_the_same_in_the_same_order(both):
    packed, plain = both
    assert len(packed.forms) == len(plain.forms) and list(packed.forms) == plain.forms
    assert len(packed.entities) == len(plain.entities) and list(packed.entities) == plain.entities
    assert packed.forms[-1] == plain.forms[-1] and packed.forms[3:7] == plain.forms[3:7]
    assert all(type(form) is Form for form in packed.forms) and type(packed.entities[0]) is EntityInfo


def test_a_forms_entity_and_role_are_read_without_decoding_it(both):
    packed, plain = both
    fresh = pickle.loads(pickle.dumps(packed.forms))  # nothing decoded yet
    read = [entity_and_role(fresh, k) for k in range(len(fresh))]
    assert read == [(form.entity, form.role) for form in plain.forms] == [entity_and_role(plain.forms, k) for k in range(len(plain.forms))]
    assert fresh._decoded == 0


@pytest.mark.parametrize("name", MAPS)
def test_every_map_gives_the_same_values(both, name):
    packed, plain = both
    mine, theirs = getattr(packed, name), getattr(plain, name)
    assert len(mine) == len(theirs) and set(mine) == set(theirs)
    for key, value in theirs.items():
        value = tuple(value) if isinstance(value, list) else value  # built as lists, kept as tuples
        assert mine[key] == value and mine.get(key) == value and key in mine
        assert type(mine[key]) is type(value)
    for missing in ("zzqx", ("zzqx",), (), "", ("iran", "zzqx"), 7, "a\1b", ("a\2b",), ("",)):
        assert mine.get(missing) is None and missing not in mine


def test_correct_tokens_are_the_same_set(both):
    packed, plain = both
    assert set(packed.correct_tokens) == plain.correct_tokens


def test_a_record_holding_a_separator_stays_a_plain_list():
    forms = [Form(0, ("a\1b",), ("a\1b",), ("a\1b",), "canonical")]
    assert pack_rows(forms, "forms") is forms
    entities = [
        EntityInfo("Name", "place", None, ((),), False),
        EntityInfo("Other", "person", 0.5, (), True),
        EntityInfo("Third", "person", 1.0, (("",), ("a", ""), ("b",)), False),
    ]
    rows = pack_rows(entities, "entities")
    assert isinstance(rows, Rows) and list(pickle.loads(pickle.dumps(rows))) == entities


def test_maps_holding_a_separator_stay_dicts():
    assert pack_exact({("a\2b",): (1,)}) == {("a\2b",): (1,)}
    assert isinstance(pack_pairs({"a": ((1, 5000),)}), dict)  # a position past the packed range
    assert pack_single({"a": "b\0"}) == {"a": "b\0"}


@pytest.mark.parametrize("name", ("lengths_by_head", "place_forms"))
def test_a_map_asked_of_every_word_of_every_text_remembers_its_answers(both, name):
    # The exact pass asks `lengths_by_head` about each token of each text:
    # a word asked again, found or not, is answered without reading the bytes.
    table = pickle.loads(pickle.dumps(getattr(both[0], name)))
    asked = []

    class Counting:
        def __init__(self, words):
            self.words = words

        def get(self, key, default=None):
            asked.append(key)
            return self.words.get(key, default)

    table._words = Counting(table._words)
    found = next(iter(getattr(both[1], name)))
    for _ in range(3):
        assert table.get(found) is not None and table.get("zzqx") is None
    assert asked == [found, "zzqx"]
