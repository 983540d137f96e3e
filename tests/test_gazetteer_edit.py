"""normalizer/gazetteer/edit.py and yaml_edit.py: the variant editor called directly,
its messages as values, and the in-place edit of the YAML text."""

from __future__ import annotations

import json
import subprocess
import stat
import unicodedata
from pathlib import Path

import pytest
from conftest import installed_normalize
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.errors import GazetteerError
from normalizer.gazetteer import edit
from normalizer.gazetteer.edit import (
    EditMessage,
    Outcome,
    RefusedEdit,
    Reviewed,
    VariantEditor,
    add_from_json,
    add_variant,
    check_new_variant,
    corrections_from_json,
    forms_index,
    variant_from_correction,
)
from normalizer.gazetteer.lexicon import english_words
from normalizer.gazetteer.loading import Entity, load_gazetteer, parse_gazetteer
from normalizer.gazetteer.yaml_edit import insert_variant
from normalizer.tokens import tokenize

from gazetteer_samples import STYLES, only_insertions



@pytest.fixture
def gazetteer(tmp_path) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(STYLES, encoding="utf-8")
    return path


def variants(path: Path, canonical: str) -> tuple[str, ...]:
    [found] = [e for e in load_gazetteer([path], bundled=False).entities if e.canonical == canonical]
    return found.variants


def parse_entities(text: str) -> dict[str, Entity]:
    return {e.canonical: e for e in parse_gazetteer(text, "before")[0]}


# ------------------------------------------------------------------ the editor's messages


def test_add_returns_its_message_and_saves_only_on_save(gazetteer):
    editor = VariantEditor(gazetteer, bundled=False)
    message = editor.add(editor.entity_named("Iran"), "Eeran")
    assert message == EditMessage(Outcome.ADDED, f"{gazetteer}:13: added variant 'Eeran' to 'Iran'")
    assert not message.for_stderr
    assert gazetteer.read_text(encoding="utf-8") == STYLES  # nothing on disk yet
    editor.save()
    assert variants(gazetteer, "Iran") == ("Irān", "Eran", "Eeran")


def test_a_variant_already_there_or_refused_leaves_the_file(gazetteer):
    editor = VariantEditor(gazetteer, bundled=False)
    assert editor.add(editor.entity_named("Iran"), "EREN").outcome is Outcome.ADDED
    iran = editor.entity_named("Iran")  # as edited
    assert editor.add(iran, "eren") == EditMessage(Outcome.PRESENT, "'Iran' already has the variant 'eren'")
    refused = editor.add(iran, "Teherán")
    assert refused.outcome is Outcome.REFUSED and refused.for_stderr
    assert refused.text == f"{gazetteer}: refused: 'Teherán' collides with variant 'Teheran' of 'Tehran' ({gazetteer}:16)"
    own = editor.add(iran, "IRAN")
    assert own.text == f"{gazetteer}: refused: 'IRAN' is already the canonical of 'Iran' ({gazetteer}:13)"


def test_a_variant_added_in_this_session_is_refused_for_another_entity(gazetteer):
    editor = VariantEditor(gazetteer, bundled=False)
    assert editor.add(editor.entity_named("Gaza"), "Ghaza").outcome is Outcome.ADDED
    again = editor.add(editor.entity_named("Iran"), "GHAZA")
    assert again.outcome is Outcome.REFUSED and "variant 'Ghaza' of 'Gaza'" in again.text


def test_nothing_changed_nothing_written(gazetteer):
    gazetteer.chmod(0o640)
    before = gazetteer.stat().st_mtime_ns
    editor = VariantEditor(gazetteer, bundled=False)
    editor.add(editor.entity_named("Iran"), "Eran")
    editor.save()
    assert gazetteer.stat().st_mtime_ns == before


def test_save_keeps_the_byte_order_mark_and_mode_and_leaves_no_temporary_file(gazetteer):
    gazetteer.write_bytes(b"\xef\xbb\xbf" + STYLES.replace("\n", "\r\n").encode("utf-8"))
    gazetteer.chmod(0o604)
    messages = add_variant(gazetteer, "Gaza", "Ghaza", bundled=False)
    assert [m.outcome for m in messages] == [Outcome.ADDED]
    raw = gazetteer.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"variants: [Ghaza]\r\n" in raw
    assert stat.S_IMODE(gazetteer.stat().st_mode) == 0o604
    assert [p.name for p in gazetteer.parent.iterdir()] == ["g.yaml"]


def test_add_variant_picks_a_namesake_by_line(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("entities:\n  - {canonical: Córdoba, kind: place}\n  - {canonical: Córdoba, kind: place}\n")
    with pytest.raises(GazetteerError, match=r"several entities named 'Córdoba' \(lines 2, 3\); choose one with --line"):
        add_variant(path, "Córdoba", "Cordova", bundled=False)
    assert add_variant(path, "Córdoba", "Cordova", line=3, bundled=False)[0].text == f"{path}:3: added variant 'Cordova' to 'Córdoba'"
    with pytest.raises(GazetteerError, match="no entity with canonical 'Atlantis'"):
        add_variant(path, "Atlantis", "Atlantys", bundled=False)


def test_the_editor_refuses_a_collision_with_the_bundled_set(tmp_path):
    taken = load_gazetteer([], bundled=True).entities[0]
    path = tmp_path / "g.yaml"
    path.write_text("entities:\n  - {canonical: Somewhere Else, kind: place}\n")
    [message] = add_variant(path, "Somewhere Else", taken.canonical)
    assert message.outcome is Outcome.REFUSED and f"canonical '{taken.canonical}' ({taken.origin})" in message.text
    assert add_variant(path, "Somewhere Else", taken.canonical, bundled=False)[0].outcome is Outcome.ADDED


def test_the_editor_rejects_what_it_cannot_read(tmp_path):
    with pytest.raises(GazetteerError, match="missing.yaml: no such file"):
        VariantEditor(tmp_path / "missing.yaml", bundled=False)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("entities:\n  - {canonical: Córdoba, kind: place}\n".encode("latin-1"))
    with pytest.raises(GazetteerError, match="not UTF-8 text"):
        VariantEditor(latin1, bundled=False)


def test_add_from_json_reports_each_correction(gazetteer, tmp_path):
    report = [
        {"original": "Fatem Mokhajelani", "replacement": "Fatemeh Mohajerani", "entity": "Fatemeh Mohajerani"},
        {"original": "ARAGUCHI", "replacement": "ARAGHCHI", "entity": "Abbas Araghchi"},
        {"original": "Abas", "replacement": "Abbas", "entity": "Abbas Araghchi"},
        {"original": "Teheran", "replacement": "Iran", "entity": "Iran"},
        {"original": "Kremlim", "replacement": "Kremlin", "entity": "Kremlin"},
        {"original": "Hizbollah", "replacement": "Hezbollah", "entity": "Hezbollah"},
    ]
    corrections = tmp_path / "report.json"
    corrections.write_text(json.dumps(report), encoding="utf-8")
    messages = add_from_json(gazetteer, corrections, bundled=False)
    assert [(m.outcome, m.text) for m in messages] == [
        (Outcome.ADDED, f"{gazetteer}:3: added variant 'Fatem Mokhajelani' to 'Fatemeh Mohajerani'"),
        (Outcome.ADDED, f"{gazetteer}:4: added variant 'Abbas Araguchi' to 'Abbas Araghchi'"),
        (Outcome.SKIPPED, "skipped 'Abas' -> 'Abbas': neither the name 'Abbas Araghchi' nor its surname; add a variant by hand"),
        # Tehran's line in the file as edited: the variants line added to Abbas Araghchi moved it down
        (Outcome.REFUSED, f"{gazetteer}: refused: 'Teheran' collides with variant 'Teheran' of 'Tehran' ({gazetteer}:17)"),
        (Outcome.SKIPPED, f"skipped 'Kremlim': 'Kremlin' is not in {gazetteer}"),
        (Outcome.PRESENT, "'Hezbollah' already has the variant 'Hizbollah'"),
    ]
    assert variants(gazetteer, "Abbas Araghchi") == ("Abbas Araguchi",)  # the refusal did not stop the rest


def test_add_from_json_skips_an_entity_defined_twice(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("entities:\n  - {canonical: Córdoba, kind: place}\n  - {canonical: Córdoba, kind: place}\n")
    corrections = tmp_path / "report.json"
    corrections.write_text(json.dumps({"corrections": [{"original": "Cordova", "replacement": "Córdoba", "entity": "Córdoba"}]}))
    assert add_from_json(path, corrections, bundled=False) == [
        EditMessage(Outcome.SKIPPED, f"skipped 'Cordova': 'Córdoba' is defined twice in {path}")
    ]


def test_add_from_json_names_a_bad_report(gazetteer, tmp_path):
    bad = tmp_path / "report.json"
    bad.write_text("[{")
    with pytest.raises(GazetteerError, match=r"report.json: cannot read corrections JSON"):
        add_from_json(gazetteer, bad, bundled=False)
    with pytest.raises(GazetteerError, match="missing.yaml: no such file"):  # the gazetteer is read first
        add_from_json(tmp_path / "missing.yaml", bad, bundled=False)


def test_check_new_variant():
    iran = Entity("Iran", "place", variants=("Eran",), adjectives=("Iranian",), origin="g.yaml:2")
    tehran = Entity("Tehran", "place", variants=("Teheran",), combining=("Tehrano",), origin="g.yaml:5")
    index = forms_index([iran, tehran])
    assert check_new_variant(iran, "Eeran", index) is True
    assert check_new_variant(iran, "ERAN", index) is False  # already there
    assert check_new_variant(iran, "Tehrano", index) is True  # combining forms are no collision
    with pytest.raises(RefusedEdit, match=r"'iranian' is already the adjective of 'Iran' \(g.yaml:2\)"):
        check_new_variant(iran, "iranian", index)
    with pytest.raises(RefusedEdit, match=r"'TEHERÁN' collides with variant 'Teheran' of 'Tehran' \(g.yaml:5\)"):
        check_new_variant(iran, "TEHERÁN", index)


def test_corrections_from_json_finds_corrections_anywhere_once():
    one = {"entity": "Iran", "original": "Irann", "replacement": "Iran", "applied": True}
    document = [one, {"path": "a.txt", "corrections": [one, {"entity": "Iran", "original": 3, "replacement": "Iran"}]}]
    assert corrections_from_json(document) == [Reviewed("Iran", "Irann", "Iran")]
    assert corrections_from_json({"changed": False}) == []


def test_variant_from_correction_spells_like_the_file():
    sayyed = Entity("Sayyed", "honorific")
    araghchi = Entity("Abbas Araghchi", "person")
    kremlin = Entity("Kremlin", "organization")
    assert variant_from_correction(sayyed, Reviewed("Sayyed", "seided", "Sayyed")) == "Seided"
    assert variant_from_correction(araghchi, Reviewed("Abbas Araghchi", "Aragut", "Araghchi")) == "Abbas Aragut"
    assert variant_from_correction(kremlin, Reviewed("Kremlin", "Kremlim’s", "Kremlin’s")) == "Kremlim"
    assert variant_from_correction(kremlin, Reviewed("Kremlin", "Krem", "Kre")) is None
    assert variant_from_correction(Entity("Kyiv", "place"), Reviewed("Kyiv", "Kyiv", "Kiev")) is None


def test_the_editor_never_prints():
    """It reports with values; only the command line (app.py) prints."""
    source = Path(edit.__file__).read_text(encoding="utf-8")
    assert "typer" not in source and "print(" not in source


# ------------------------------------------------------------------ yaml_edit: the text edited in place


@pytest.mark.parametrize(
    ("canonical", "variant", "edited_lines"),
    [
        (  # flow mapping
            "Fatemeh Mohajerani",
            "Fatem Mokhajelani",
            "  - {canonical: Fatemeh Mohajerani, kind: person, variants: [Fatem Mokhajelani]}   # spokeswoman\n",
        ),
        (  # block mapping without variants: a line after kind, at the entity's indent
            "Abbas Araghchi",
            "Abbas Aragut",
            "    kind: person   # foreign minister\n    variants: [Abbas Aragut]\n    context: [Foreign Minister]\n",
        ),
        (  # block sequence: an item like the others, after the last one's comment
            "Hezbollah",
            "Hisbollah",
            "      - 'Hizballah'   # older AP spelling\n      - Hisbollah\n    context: [Lebanon]\n",
        ),
        ("Iran", "Eeran", '    variants: [Irān, "Eran", Eeran]\n'),  # flow sequence
        ("Tehran", "Tehrun", "    variants: [Teheran, Tehrun]\n"),  # a single string becomes a list
        ("Gaza", "Ghaza", "    variants: [Ghaza]\n"),  # an empty list
        ("Iran", "Iran: the land", '    variants: [Irān, "Eran", "Iran: the land"]\n'),  # needs quoting
    ],
)
def test_insert_variant_in_the_entitys_own_style(canonical, variant, edited_lines):
    edited = insert_variant(STYLES, "g.yaml", canonical, variant)
    only_insertions(STYLES, edited)
    assert edited_lines in edited and edited_lines not in STYLES
    assert parse_entities(edited)[canonical].variants[-1] == variant


def test_insert_variant_keeps_crlf_line_ends():
    text = STYLES.replace("\n", "\r\n")
    edited = insert_variant(text, "g.yaml", "Abbas Araghchi", "Abbas Aragut")
    assert only_insertions(text, edited) == "\r\n    variants: [Abbas Aragut]"


def test_insert_variant_refuses_a_field_it_cannot_extend():
    text = "entities:\n  - canonical: Iran\n    kind: place\n    variants: |\n      Eran\n"
    with pytest.raises(GazetteerError, match=r"g.yaml:4: cannot extend this 'variants' field"):
        insert_variant(text, "g.yaml", "Iran", "Eeran")


def loadable(variant: str) -> bool:
    """What the loader accepts as a variant: one line of text, not an English word by itself."""
    tokens = tokenize(variant)
    english = len(tokens) == 1 and tokens[0].key in english_words()
    return not english and not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in variant)


@settings(max_examples=150, deadline=None)
@given(
    variant=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
    .filter(loadable),
    canonical=st.sampled_from(["Fatemeh Mohajerani", "Abbas Araghchi", "Hezbollah", "Iran", "Tehran", "Gaza"]),
)
def test_insert_variant_reads_back_any_string(variant, canonical):
    edited = insert_variant(STYLES, "g.yaml", canonical, variant)
    only_insertions(STYLES, edited)
    after = parse_entities(edited)
    assert after[canonical].variants[-1] == variant
    assert len(after) == len(parse_entities(STYLES))


@pytest.mark.parametrize("make, message", [
    (lambda folder: Path("/dev/zero"), "is not a regular file"),
    (lambda folder: folder, "is a directory"),
    (lambda folder: _utf16(folder / "wide.yaml"), "is UTF-16 text; gazetteers must be UTF-8"),
])
def test_add_variant_reads_its_file_as_the_engine_does(tmp_path, make, message):
    # Bounded, regular files only, UTF-16 named: never a read of /dev/zero until memory runs out.
    done = subprocess.run([installed_normalize(), "gazetteer", "add-variant", str(make(tmp_path)), "X", "Y"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.splitlines()) == 1


def _utf16(path: Path) -> Path:
    path.write_text("entities:\n  - {canonical: Somewhere, kind: place}\n", encoding="utf-16")
    return path
