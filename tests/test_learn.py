"""Teaching a gazetteer an editor's decisions: `normalize gazetteer learn` end to
end (the installed command), the decisions file it reads and its bad inputs
(normalizer/gazetteer/decisions.py), and the edits behind it: protected words,
aliases and new entities written into the YAML text in place (edit.py,
yaml_edit.py). The interactive review that makes such decisions: test_review.py."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import SEEDS, installed_normalize
from gazetteer_samples import STYLES, only_insertions
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.calibration import calibrated
from normalizer.candidates.exact import VARIANT_CONFIDENCE
from normalizer.errors import GazetteerError
from normalizer.gazetteer.decisions import Decision, apply_decisions, changed_words, decisions_from_json
from normalizer.gazetteer.edit import Outcome, VariantEditor
from normalizer.gazetteer.loading import parse_file
from normalizer.gazetteer.yaml_edit import insert_entity, insert_form, insert_protect

SEED = next(SEEDS.glob("000_*.txt"))
# The newsroom's own file: a comment, an entity of its own, a protected word.
NEWSROOM = textwrap.dedent("""\
    # Newsroom spellings: reviewed by the desk.
    entities:
      - canonical: Kaveh Lotfollahi   # central bank
        kind: person
        variants: [Kaveh Lotfolahi]
    protect: [Lotfi]
    """)


def parsed(text: str):
    return parse_file(text, "g.yaml")


def entities_of(path: Path) -> dict[str, object]:
    return {e.canonical: e for e in parsed(path.read_text(encoding="utf-8")).entities}


def normalize(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def seed_report(tmp_path: Path) -> list[dict]:
    """The JSON report of seed 000, as a CMS would receive it."""
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes())
    done = normalize("--check", "--format", "json", "--suggestions", "show", article)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def decide(report: list[dict], verdicts: dict[str, dict]) -> list[dict]:
    """`report` with the editor's fields added to the corrections named in `verdicts` (by original)."""
    items = [item for record in report for item in record["corrections"]]
    assert set(verdicts) <= {item["original"] for item in items}  # the report has them all to decide
    for item in items:
        item.update(verdicts.get(item["original"], {}))
    return report


@pytest.fixture
def newsroom(tmp_path) -> Path:
    path = tmp_path / "newsroom.yaml"
    path.write_text(NEWSROOM, encoding="utf-8")
    return path


# ------------------------------------------------------------------ yaml_edit: protect, aliases, new entities


@pytest.mark.parametrize(
    ("text", "edited"),
    [
        (STYLES, STYLES.replace("protect: [Khomeini]", "protect: [Khomeini, seided]")),  # a flow list
        (  # a block list: an item after the last one and its comment
            "entities: []\nprotect:\n  - Khomeini   # the name\n",
            "entities: []\nprotect:\n  - Khomeini   # the name\n  - seided\n",
        ),
        ("entities: []\nprotect: Khomeini\n", "entities: []\nprotect: [Khomeini, seided]\n"),  # a string: a list
        (  # none yet: after the last entity, before the comments that close the file
            "# only people\nentities:\n  - {canonical: Iran, kind: place}\n# end\n",
            "# only people\nentities:\n  - {canonical: Iran, kind: place}\nprotect: [seided]\n# end\n",
        ),
        ("", "protect: [seided]\n"),  # an empty file
    ],
)
def test_insert_protect_in_the_files_own_style(text, edited):
    assert insert_protect(text, "g.yaml", "seided") == edited
    only_insertions(text, edited)
    assert "seided" in parsed(edited).protect


NEW_ENTITY = "  - canonical: Fatemeh Mohajerany\n    kind: person\n    variants: [Fatem Mokhajelani]\n"


@pytest.mark.parametrize(
    ("text", "edited"),
    [
        (  # block entities: a block mapping at the first one's indent, after the last one's comment
            STYLES,
            STYLES.replace("protect:", NEW_ENTITY + "protect:"),
        ),
        (  # flow mappings: one more
            "entities:\n- {canonical: Iran, kind: place}  # ours\nprotect: [Khomeini]\n",
            "entities:\n- {canonical: Iran, kind: place}  # ours\n"
            "- {canonical: Fatemeh Mohajerany, kind: person, variants: [Fatem Mokhajelani]}\nprotect: [Khomeini]\n",
        ),
        ("# ours\nprotect: [Khomeini]\n", "# ours\nprotect: [Khomeini]\nentities:\n" + NEW_ENTITY),  # none yet
    ],
)
def test_insert_entity_after_the_last_one_in_their_style(text, edited):
    assert insert_entity(text, "g.yaml", "Fatemeh Mohajerany", "person", {"variants": "Fatem Mokhajelani"}) == edited
    only_insertions(text, edited)
    new = parsed(edited).entities[-1]
    assert (new.canonical, new.kind, new.variants) == ("Fatemeh Mohajerany", "person", ("Fatem Mokhajelani",))


def test_insert_entity_into_an_empty_flow_list_makes_a_block_list_and_keeps_the_comment():
    text = "# ours\nentities: []   # none yet\nprotect: [x]\n"
    edited = insert_entity(text, "g.yaml", "Myanmar", "place", {"variants": "Myamr"})
    edited = insert_entity(edited, "g.yaml", "Malaysia", "place", {"variants": "Malaysi"})
    assert edited == (
        "# ours\nentities:   # none yet\n"
        "  - canonical: Myanmar\n    kind: place\n    variants: [Myamr]\n"
        "  - canonical: Malaysia\n    kind: place\n    variants: [Malaysi]\n"
        "protect: [x]\n"
    )


def test_insert_form_adds_an_alias_like_a_variant():
    edited = insert_form(STYLES, "g.yaml", "Abbas Araghchi", "aliases", "Araqchi")
    assert only_insertions(STYLES, edited) == "\n    aliases: [Araqchi]"
    again = insert_form(edited, "g.yaml", "Abbas Araghchi", "aliases", "Araghchy")
    assert only_insertions(edited, again) == ", Araghchy"


@settings(max_examples=100, deadline=None)
# Any spelling a gazetteer may hold: one line, no control characters (the loader refuses those).
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
       .map(str.strip).filter(bool))
def test_new_entities_and_protected_words_read_back_whatever_their_spelling(name):
    edited = insert_protect(insert_entity(STYLES, "g.yaml", name, "term", {"aliases": name}), "g.yaml", name)
    only_insertions(STYLES, edited)
    after = parsed(edited)
    assert (after.entities[-1].canonical, after.entities[-1].aliases) == (name, (name,))
    assert name in after.protect and len(after.entities) == len(parsed(STYLES).entities) + 1


# ------------------------------------------------------------------ the editor: what it refuses


def test_the_editor_protects_a_word_once_and_never_a_word_of_a_name(newsroom):
    editor = VariantEditor(newsroom, bundled=False)
    assert editor.add_protect("seided").outcome is Outcome.ADDED
    assert editor.add_protect("SEIDED").outcome is Outcome.PRESENT
    refused = editor.add_protect("Lotfollahi")  # a word of a canonical: it would never be written again
    assert refused.outcome is Outcome.REFUSED and "would keep the canonical 'Kaveh Lotfollahi'" in refused.text
    undone = editor.add_protect("Lotfolahi")  # a word of this file's variant: that variant would stop working
    assert undone.outcome is Outcome.REFUSED and "in the variant 'Kaveh Lotfolahi'" in undone.text
    editor.save()
    assert parsed(newsroom.read_text(encoding="utf-8")).protect == {"Lotfi", "seided"}


def test_a_variant_of_a_protected_word_and_an_alias_that_is_a_variant_are_refused(newsroom):
    editor = VariantEditor(newsroom, bundled=False)
    kaveh = editor.entity_named("Kaveh Lotfollahi")
    refused = editor.add_form(kaveh, "variants", "Kaveh Lotfi")  # the engine would never read it
    assert refused.outcome is Outcome.REFUSED and f"holds 'Lotfi', which {newsroom} protects" in refused.text
    alias = editor.add_form(kaveh, "aliases", "Kaveh Lotfolahi")
    assert alias.outcome is Outcome.REFUSED and "already the variant of 'Kaveh Lotfollahi'" in alias.text
    assert not editor.changed


def test_a_bundled_entity_gets_one_namesake_in_the_file(newsroom):
    editor = VariantEditor(newsroom, bundled=True)
    [bundled] = [e for e in editor.others if e.canonical == "Abbas Araghchi"]
    first = editor.add_form(bundled, "variants", "Abbas Aragut")
    assert first.text == f"{newsroom}:6: added 'Abbas Araghchi' (person) with the variant 'Abbas Aragut'"
    again = editor.add_form(editor.entity_named("Abbas Araghchi"), "variants", "Abbas Araguchi")
    assert again.text == f"{newsroom}:6: added variant 'Abbas Araguchi' to 'Abbas Araghchi'"
    known = editor.add_form(editor.entity_named("Abbas Araghchi"), "variants", "Abbas Araqchi")  # the bundled one's
    assert known.outcome is Outcome.PRESENT
    editor.save()
    assert entities_of(newsroom)["Abbas Araghchi"].variants == ("Abbas Aragut", "Abbas Araguchi")


def test_a_new_entity_that_is_another_entitys_form_is_refused(newsroom):
    editor = VariantEditor(newsroom, bundled=False)
    refused = editor.add_entity("Kaveh Lotfolahi", "person", "Kaveh Lotfolahy")
    assert refused.outcome is Outcome.REFUSED and "collides with variant 'Kaveh Lotfolahi'" in refused.text
    assert editor.add_entity("Yerlan Nurgaliyev", "person", "Yerlan Nurgaliev").outcome is Outcome.ADDED


# ------------------------------------------------------------------ decisions: the file and what they teach


def test_changed_words_leave_the_words_the_repair_kept():
    assert changed_words("Abbas Aragut", "Abbas Araghchi") == ["Aragut"]
    assert changed_words("Fatem Mokhajelani", "Fatemeh Mohajerani") == ["Fatem", "Mokhajelani"]
    assert changed_words("iran", "Iran") == ["iran"]  # only the capitals: the word itself


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"text": "x"}, "records with 'corrections'"),
        ([{"corrections": "none"}], "record 1: 'corrections' must be a list of objects"),
        ([{"path": "a.txt", "corrections": [{"original": "x"}]}], "no decisions"),
        ([{"path": "a.txt", "corrections": [{"accepted": "yes"}]}],
         "a.txt: correction 1: 'accepted' must be true or false"),
        ({"corrections": [{"accepted": True, "original": "x", "replacement": "y", "entity": "", "kind": "place"}]},
         "record 1: correction 1: 'entity' must be a non-empty string"),
        ({"corrections": [{"accepted": True, "alias": True, "original": "x", "replacement": "y", "entity": "y",
                           "kind": "place"}]}, "'alias' goes with a rejected correction"),
        ({"corrections": [{"accepted": True, "new_entity": True, "original": "x", "replacement": "y", "entity": "y",
                           "kind": "planet"}]}, "a new entity's 'kind' must be one of person"),
    ],
)
def test_a_decisions_file_of_the_wrong_shape_is_named(data, problem):
    with pytest.raises(GazetteerError, match=problem):
        decisions_from_json(data, "d.json")


def test_decisions_for_an_entity_that_exists_nowhere_write_nothing(newsroom):
    before = newsroom.read_bytes()
    decisions = [
        Decision("Kaveh Lotfolahy", "Kaveh Lotfollahi", "Kaveh Lotfollahi", "person", True),
        Decision("Atlantys", "Atlantis", "Atlantis", "place", True, where="d.json: a.txt: correction 2"),
    ]
    with pytest.raises(GazetteerError, match=r"d.json: a.txt: correction 2: no entity 'Atlantis' in .*newsroom.yaml"):
        apply_decisions(newsroom, decisions, bundled=False)
    assert newsroom.read_bytes() == before


# ------------------------------------------------------------------ normalize gazetteer learn, end to end


def test_learn_applies_a_reviewed_report_and_the_next_run_honours_it(tmp_path, newsroom):
    report = decide(seed_report(tmp_path), {
        "Fatem Mokhajelani": {"accepted": True},
        "seided": {"accepted": False},
        "Mohajelani": {"accepted": False, "alias": True},
        "Aragut": {"accepted": True},
    })
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(report), encoding="utf-8")
    done = normalize("gazetteer", "learn", decisions, "--to", newsroom)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{newsroom}:6: added 'Fatemeh Mohajerani' (person) with the variant 'Fatem Mokhajelani'",
        f"{newsroom}:6: added alias 'Mohajelani' to 'Fatemeh Mohajerani'",
        f"{newsroom}: protected 'seided'",
        f"{newsroom}:10: added 'Abbas Araghchi' (person) with the variant 'Abbas Aragut'",
    ]
    only_insertions(NEWSROOM, newsroom.read_text(encoding="utf-8"))  # comments and order kept
    learned = entities_of(newsroom)
    assert learned["Fatemeh Mohajerani"].variants == ("Fatem Mokhajelani",)
    assert learned["Fatemeh Mohajerani"].aliases == ("Mohajelani",)
    assert learned["Abbas Araghchi"].variants == ("Abbas Aragut",)

    fresh = tmp_path / "fresh.txt"
    fresh.write_bytes(SEED.read_bytes())
    again = normalize("--check", "--format", "json", "--suggestions", "show", "-g", newsroom, fresh)
    found = {c["original"]: c for c in json.loads(again.stdout)[0]["corrections"]}
    listed = found["Fatem Mokhajelani"]
    assert listed["applied"] and listed["confidence"] == round(calibrated(VARIANT_CONFIDENCE), 4)
    assert listed["reasons"] == ["'Fatem Mokhajelani' is a listed variant of 'Fatemeh Mohajerani'"]
    assert "is a listed variant" in found["Aragut"]["reasons"][0]
    assert "seided" not in found and "Mohajelani" not in found  # protected; an alias is right as written


def test_learn_goes_to_the_configured_gazetteer(tmp_path, newsroom):
    (tmp_path / ".normalizer.yaml").write_text("gazetteers: [newsroom.yaml]\n", encoding="utf-8")
    report = decide(seed_report(tmp_path), {
        "Araguchi": {"accepted": True},
        "Russoilania": {"accepted": False},
        "Mohajelani": {"accepted": True, "replacement": "Fatima Mohajerani", "new_entity": True, "kind": "person"},
    })
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(report), encoding="utf-8")
    done = normalize("gazetteer", "learn", decisions.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{newsroom}:6: added 'Fatima Mohajerani' (person) with the variant 'Mohajelani'",
        f"{newsroom}:9: added 'Abbas Araghchi' (person) with the variant 'Abbas Araguchi'",
        f"{newsroom}: protected 'Russoilania'",
    ]
    assert entities_of(newsroom)["Abbas Araghchi"].variants == ("Abbas Araguchi",)


def test_learn_refuses_a_collision_and_goes_on(tmp_path, newsroom):
    report = [{"path": "a.txt", "corrections": [
        {"original": "Iran", "replacement": "Iraq", "entity": "Iraq", "kind": "place", "accepted": False},
        {"original": "Teheran", "replacement": "Iran", "entity": "Iran", "kind": "place", "accepted": True},
        {"original": "Lotfolahy", "replacement": "Lotfollahi", "entity": "Kaveh Lotfollahi", "kind": "person",
         "accepted": True},
    ]}]
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(report), encoding="utf-8")
    done = normalize("gazetteer", "learn", decisions, "--to", newsroom)
    assert done.returncode == 1
    refusals = done.stderr.splitlines()
    assert len(refusals) == 2 and all(": refused: " in line for line in refusals)
    assert "would keep the canonical 'Iran'" in refusals[0]
    assert "'Teheran' collides with" in refusals[1]
    assert done.stdout.splitlines() == [f"{newsroom}:3: added variant 'Kaveh Lotfolahy' to 'Kaveh Lotfollahi'"]


# ------------------------------------------------------------------ bad input: one line, exit 2, nothing written


def one_line_exit_2(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr


def test_learn_bad_inputs(tmp_path, newsroom):
    before = newsroom.read_bytes()

    def learn(decisions: Path, *to: Path) -> str:
        return one_line_exit_2(normalize("gazetteer", "learn", decisions, *(["--to", *to] if to else []), cwd=tmp_path))

    good = tmp_path / "good.json"
    good.write_text(json.dumps(decide(seed_report(tmp_path), {"seided": {"accepted": False}})), encoding="utf-8")
    not_json = tmp_path / "broken.json"
    not_json.write_text('[{"corrections": [', encoding="utf-8")
    assert "broken.json: not a JSON decisions file" in learn(not_json, newsroom)
    shape = tmp_path / "shape.json"
    shape.write_text('{"entities": []}', encoding="utf-8")
    assert "shape.json: expected the JSON of" in learn(shape, newsroom)
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps([{"path": "a.txt", "corrections": [
        {"original": "Atlantys", "replacement": "Atlantis", "entity": "Atlantis", "kind": "place", "accepted": True},
    ]}]), encoding="utf-8")
    assert "no entity 'Atlantis'" in learn(unknown, newsroom)
    assert "no gazetteer is configured here; give --to FILE" in learn(good)
    newsroom.chmod(0o444)
    try:
        assert "is read-only (mode 444)" in learn(good, newsroom)
    finally:
        newsroom.chmod(0o644)
    assert newsroom.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    assert normalize("gazetteer", "learn", good, "--to", newsroom).returncode == 0  # writable again: learned
    assert "seided" in parsed(newsroom.read_text(encoding="utf-8")).protect
