"""`normalize gazetteer validate|lint|stats|add-variant` on files written here: the
command line (normalizer/gazetteer/app.py) end to end. Each piece behind it has
its own tests: test_gazetteer_files, _lint, _stats, _edit."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import installed_normalize
from gazetteer_samples import STYLES, ReplacingEngine, only_insertions
from typer.testing import CliRunner

import normalizer
from normalizer.gazetteer.app import gazetteer_app
from normalizer.gazetteer.loading import load_gazetteer, parse_gazetteer

runner = CliRunner()


def write(tmp_path: Path, name: str, content: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(textwrap.dedent(content).lstrip("\n").replace("\n", newline).encode("utf-8"))
    return path


def run(*args: str | Path):
    return runner.invoke(gazetteer_app, [str(arg) for arg in args])


def entity(path: Path, canonical: str):
    [found] = [e for e in load_gazetteer([path], bundled=False).entities if e.canonical == canonical]
    return found


GOOD = """
    # hand-curated
    entities:
      - canonical: Abbas Araghchi
        kind: person
        variants: [Abbas Araqchi]
        context: [Foreign Minister]
        checked: 2026-11
      - {canonical: Fatemeh Mohajerani, kind: person, checked: 2026-11}
      - canonical: Iran
        kind: place
        adjectives: [Iranian]
    protect: [Khomeini]
    """


# ------------------------------------------------------------------ validate


def test_validate_accepts_a_good_file(tmp_path):
    result = run("validate", write(tmp_path, "good.yaml", GOOD))
    assert result.exit_code == 0, result.output
    assert "3 entities" in result.output


def test_validate_names_file_and_line_of_a_bad_entity(tmp_path):
    bad = write(tmp_path, "bad.yaml", """
        entities:
          - canonical: Iran
            kind: place
          - canonical: Tehran
            kind: city
        """)
    result = run("validate", bad)
    assert result.exit_code == 2
    assert f"{bad}:4:" in result.output
    assert "kind must be one of" in result.output


def test_validate_reports_malformed_yaml_with_its_line(tmp_path):
    bad = write(tmp_path, "broken.yaml", "entities:\n  - canonical: [Iran\n    kind: place\n")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert f"{bad}:" in result.output and "malformed" in result.output


def test_validate_a_folder_reports_every_bad_file(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", "entities:\n  - {canonical: X, kind: place, colour: red}\n")
    write(tmp_path, "c.yaml", "entities: 3\n")
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert "b.yaml:2: unknown entity field 'colour'" in result.output
    assert "c.yaml:1: 'entities' must be a list" in result.output
    assert "2 of 3" in result.output


def test_validate_needs_a_path_and_rejects_missing_ones(tmp_path):
    assert run("validate").exit_code == 2
    result = run("validate", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2 and "no such file" in result.output


# ------------------------------------------------------------------ lint


def lint(tmp_path: Path, content: str, *options: str):
    """Lint `content` on the day its people were last checked: findings of other kinds only."""
    path = write(tmp_path, "g.yaml", content)
    return path, run("lint", "--no-examples", "--today", "2026-12-02", *options, path)


def test_lint_passes_a_clean_file(tmp_path):
    _, result = lint(tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert "0 finding(s)" in result.output


def test_lint_variant_that_is_another_entitys_correct_form(tmp_path):
    path, result = lint(tmp_path, """
        entities:
          - canonical: Ali Khamenei
            kind: person
            variants: [Ruhollah Khomeini]
          - canonical: Ruhollah Khomeini
            kind: person
          - canonical: Iran
            kind: place
            variants: [Persian]
            english_variants: [Persian]
          - canonical: Persia
            kind: place
            adjectives: [Persian]
        """)
    assert result.exit_code == 1
    assert f"{path}:2: variant 'Ruhollah Khomeini' of 'Ali Khamenei' is the canonical 'Ruhollah Khomeini' ({path}:5)" in result.output
    assert f"{path}:7: variant 'Persian' of 'Iran' is the adjective 'Persian' of 'Persia'" in result.output


def test_lint_forms_of_two_entities_that_collide_when_folded(tmp_path):
    path, result = lint(tmp_path, """
        entities:
          - canonical: São Paulo
            kind: place
          - canonical: Sao Paulo FC
            kind: organization
            aliases: [SAO PAULO]
          - canonical: Muammar Gaddafi
            kind: person
            variants: [Qadhafi]
            english_variants: [Qadhafi]
          - canonical: Saif al-Islam Gaddafi
            kind: person
            variants: [qadhafi]
            english_variants: [qadhafi]
        """)
    assert result.exit_code == 1
    assert f"{path}:4: alias 'SAO PAULO' of 'Sao Paulo FC' collides with canonical 'São Paulo' ({path}:2)" in result.output
    assert f"{path}:11: variant 'qadhafi' of 'Saif al-Islam Gaddafi' is also variant 'Qadhafi' of 'Muammar Gaddafi'" in result.output
    assert result.output.count("collides") + result.output.count("is also") == 2  # each pair once


def test_lint_common_english_words_unless_reviewed(tmp_path):
    content = """
        entities:
          - canonical: Mobile
            kind: place
          - canonical: Reading Festival
            kind: term
          - canonical: Chad
            kind: place
          - canonical: Muammar Gaddafi
            kind: person
            variants: [Gold]
            english_variants: [Gold]
        """
    path, result = lint(tmp_path, content)
    assert result.exit_code == 1
    assert f"{path}:2: canonical 'Mobile' is also a common English word" in result.output
    assert "list it under this file's 'common_words'" in result.output
    assert "Gold" not in result.output  # a variant reviewed under english_variants
    assert "Reading" not in result.output  # only single-token forms
    assert "Chad" not in result.output  # below the default count
    _, stricter = lint(tmp_path, content, "--common-min-count", "1000000")
    assert "canonical 'Chad' is also a common English word" in stricter.output


def test_lint_accepts_reviewed_common_words_but_a_variant_only_under_english_variants(tmp_path):
    content = """
        common_words: [mobile, US, Gold]
        protect: [Nice]
        entities:
          - {canonical: Mobile, kind: place}
          - {canonical: Nice, kind: place}
          - {canonical: United States, kind: place, aliases: [US]}
          - {canonical: Muammar Gaddafi, kind: person, variants: [Gold], checked: 2026-11}
        """
    path, result = lint(tmp_path, content)
    # common_words reviews names; a variant that is an English word is refused when the file is read
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{path}:7: variant 'Gold' of 'Muammar Gaddafi' is also an English word: once reviewed, "
        "list it under the entity's 'english_variants'; otherwise remove it"
    ]
    _, reviewed = lint(tmp_path, content.replace("variants: [Gold]", "variants: [Gold], english_variants: [Gold]"))
    assert reviewed.exit_code == 0, reviewed.output


def test_lint_checks_surnames_derived_or_given(tmp_path):
    content = """
        entities:
          - {canonical: Ned Price, kind: person, checked: 2026-11}
          - {canonical: Dong Jun, kind: person, surname: Dong, checked: 2026-11}
        """
    path, result = lint(tmp_path, content)
    assert f"{path}:2: surname 'Price' of 'Ned Price' is also a common English word" in result.output
    assert "Jun" not in result.output  # the surname of Dong Jun is Dong, not the word "jun"
    _, reviewed = lint(tmp_path, content.rstrip() + "\n        common_words: [Price]\n")
    assert reviewed.exit_code == 0, reviewed.output


def test_lint_reports_a_common_words_entry_that_names_nothing(tmp_path):
    path, result = lint(tmp_path, GOOD.rstrip() + "\n    common_words: [London]\n")
    assert result.exit_code == 1
    assert f"{path}:1: common_words entry 'London' is not a form of any entity in this file" in result.output


def test_common_words_is_invisible_to_the_engine(tmp_path):
    """Unlike `protect`, the reviewed list does not stop a repair into the name."""
    from normalizer import Normalizer

    text = "Fighting in Syria: London said on Monday that Lodnon would send aid."
    entities = "entities:\n  - {canonical: London, kind: place}\n  - {canonical: Syria, kind: place}\n"
    outputs = {}
    for extra in ("", "common_words: [London]\n", "protect: [London]\n"):
        path = tmp_path / "g.yaml"
        path.write_text(extra + entities, encoding="utf-8")
        outputs[extra.split(":")[0]] = Normalizer.load(gazetteers=[path], bundled=False).normalize(text).text
    assert outputs[""] == outputs["common_words"] == text.replace("Lodnon", "London")
    assert outputs["protect"] == text


def test_lint_duplicate_entity_and_duplicate_variant(tmp_path):
    path, result = lint(tmp_path, """
        entities:
          - canonical: Hezbollah
            kind: organization
            variants: [Hizbollah, Hizballah, Hizbollah]
          - canonical: Hezbollah
            kind: organization
            variants: [Hizbollah]
        """)
    assert result.exit_code == 1
    assert f"{path}:5: duplicate entity 'Hezbollah' (organization), first at {path}:2" in result.output
    assert f"{path}:2: duplicate variant 'Hizbollah' in 'Hezbollah'" in result.output
    assert "is also" not in result.output  # the duplicate is reported once, not as collisions


def test_lint_variant_equal_to_its_own_canonical_or_alias(tmp_path):
    path, result = lint(tmp_path, """
        entities:
          - canonical: Araghchi
            kind: person
            variants: [ARAGHCHI, Araqchi, Arakchi]
            aliases: [Araqchi]
          - canonical: Erdoğan
            kind: person
            variants: [Erdogan]
        """)
    assert result.exit_code == 1
    assert "variant 'ARAGHCHI' of 'Araghchi' equals its canonical" in result.output
    assert "variant 'Araqchi' of 'Araghchi' is also listed in its aliases" in result.output
    assert "Arakchi" not in result.output
    assert "Erdogan" not in result.output  # an accent-stripped spelling is a real variant


def test_lint_defaults_to_the_bundled_set_and_exits_2_on_a_bad_file(tmp_path):
    bad = write(tmp_path, "bad.yaml", "entities:\n  - canonical: X\n")
    result = run("lint", bad)
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.output
    bundled = run("lint", "--no-examples")
    assert "file(s)" in bundled.output and bundled.exit_code in (0, 1)




EXAMPLES = """
    entities:
      - canonical: Abbas Araghchi
        kind: person
        checked: 2026-11
        variants: [Abbas Aragut]
        examples:
          - {text: "Abbas Aragut said.", expect: "Abbas Araghchi said."}
          - text: "Minister Araguchi said."
            expect: "Minister Araghchi said."
    """


def test_lint_runs_examples_through_the_engine_and_shows_the_actual_output(tmp_path, monkeypatch):
    monkeypatch.setattr(normalizer, "Normalizer", ReplacingEngine, raising=False)
    path, result = lint(tmp_path, EXAMPLES, "--examples")
    assert result.exit_code == 1
    assert (
        f"{path}:2: example of 'Abbas Araghchi': 'Minister Araguchi said.' became "
        "'Minister Araguchi said.', expected 'Minister Araghchi said.'"
    ) in result.output
    assert "Abbas Aragut said." not in result.output  # the example that holds is quiet


def test_lint_skips_examples_with_a_notice_without_the_engine(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "normalizer.engine", None)  # makes `import normalizer.engine` fail
    _, result = lint(tmp_path, EXAMPLES, "--examples")
    assert result.exit_code == 0, result.output
    assert "skipped 2 example(s)" in result.output


# ------------------------------------------------------------------ stats


def test_stats_counts_per_kind_and_file_as_json(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", """
        entities:
          - canonical: Hezbollah
            kind: organization
            variants: [Hizbollah, Hizballah]
            aliases: [Hizbullah Lebanon]
            examples: [{text: Hizbollah, expect: Hezbollah}]
        """)
    result = run("stats", "--format", "json", tmp_path)
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output)
    assert numbers["entities"] == 4 and numbers["files"] == 2
    assert numbers["kinds"]["person"] == 2 and numbers["kinds"]["organization"] == 1 and numbers["kinds"]["place"] == 1
    assert numbers["per_file"] == {str(tmp_path / "a.yaml"): 3, str(tmp_path / "b.yaml"): 1}
    assert (numbers["variants"], numbers["aliases"], numbers["adjectives"], numbers["examples"]) == (3, 1, 1, 1)
    assert numbers["forms"] == 3 + 4 + 1 + 1  # the four Hezbollah forms, Araghchi's two, one each, Iran's two
    text = run("stats", tmp_path)
    assert text.exit_code == 0 and "4 entities in 2 file(s)" in text.output


def test_stats_rejects_an_unknown_format(tmp_path):
    assert run("stats", "--format", "xml", write(tmp_path, "a.yaml", GOOD)).exit_code == 2


# ------------------------------------------------------------------ add-variant




@pytest.mark.parametrize(
    ("canonical", "variant"),
    [
        ("Fatemeh Mohajerani", "Fatem Mokhajelani"),  # flow mapping
        ("Abbas Araghchi", "Abbas Aragut"),  # block mapping without variants
        ("Hezbollah", "Hisbollah"),  # block sequence
        ("Iran", "Eeran"),  # flow sequence
        ("Tehran", "Tehrun"),  # a single string
        ("Gaza", "Ghaza"),  # an empty list
        ("Iran", "Iran: the land"),  # needs quoting
        ("Iran", "'Iran, #1'"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_add_variant_keeps_the_rest_of_the_file(tmp_path, canonical, variant, newline):
    path = write(tmp_path, "g.yaml", STYLES, newline)
    before = path.read_bytes().decode()
    result = run("add-variant", "--no-bundled", path, canonical, variant)
    assert result.exit_code == 0, result.output
    after = path.read_bytes().decode()
    added = only_insertions(before, after)
    assert "\n" not in added.replace(newline, "")  # lone \n never enters a CRLF file
    assert variant in entity(path, canonical).variants
    for other in ("Hezbollah", "Iran", "Fatemeh Mohajerani"):
        if other != canonical:
            assert entity(path, other) == parse_entities(before)[other]


def parse_entities(text: str):
    return {e.canonical: e for e in parse_gazetteer(text, "before")[0]}


def test_add_variant_block_items_follow_the_existing_indent(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    run("add-variant", "--no-bundled", path, "Hezbollah", "Hisbollah")
    assert "      - 'Hizballah'   # older AP spelling\n      - Hisbollah\n    context: [Lebanon]" in path.read_text()
    run("add-variant", "--no-bundled", path, "Abbas Araghchi", "Abbas Aragut")
    assert "    kind: person   # foreign minister\n    variants: [Abbas Aragut]\n" in path.read_text()


def test_add_variant_keeps_a_byte_order_mark_and_the_file_mode(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    path.chmod(0o640)
    assert run("add-variant", "--no-bundled", path, "Iran", "Eeran").exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]  # no temporary file left behind


def test_add_variant_refuses_a_collision_and_leaves_the_file(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    before = path.read_bytes()
    for canonical, variant in [("Iran", "Teheran"), ("Gaza", "TEHRAN"), ("Iran", "Tehrān"), ("Hezbollah", "Hezbollah")]:
        result = run("add-variant", "--no-bundled", path, canonical, variant)
        assert result.exit_code == 1, (variant, result.output)
        assert "refused" in result.output
    assert path.read_bytes() == before


def test_add_variant_already_present_is_a_no_op(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    before = path.read_bytes()
    result = run("add-variant", "--no-bundled", path, "Hezbollah", "hizbollah")
    assert result.exit_code == 0 and "already has" in result.output
    assert path.read_bytes() == before


def test_add_variant_bad_input_exits_2(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    assert run("add-variant", "--no-bundled", path, "Atlantis", "Atlantys").exit_code == 2
    assert run("add-variant", "--no-bundled", path, "Iran").exit_code == 2
    assert run("add-variant", "--no-bundled", tmp_path / "missing.yaml", "Iran", "Eeran").exit_code == 2
    broken = write(tmp_path, "broken.yaml", "entities: [\n")
    assert run("add-variant", "--no-bundled", broken, "Iran", "Eeran").exit_code == 2


def test_add_variant_chooses_between_namesakes_by_line(tmp_path):
    path = write(tmp_path, "g.yaml", """
        entities:
          - {canonical: Córdoba, kind: place, context: [Argentina]}
          - {canonical: Córdoba, kind: place, context: [Spain]}
        """)
    result = run("add-variant", "--no-bundled", path, "Córdoba", "Cordova")
    assert result.exit_code == 2 and "--line" in result.output
    assert run("add-variant", "--no-bundled", "--line", "3", path, "Córdoba", "Cordova").exit_code == 0
    first, second = load_gazetteer([path], bundled=False).entities
    assert first.variants == () and second.variants == ("Cordova",)


def test_add_variant_checks_collisions_with_the_bundled_set(tmp_path):
    bundled = load_gazetteer([], bundled=True).entities
    if not bundled:
        pytest.skip("no bundled gazetteers")
    taken = bundled[0].canonical
    path = write(tmp_path, "g.yaml", "entities:\n  - {canonical: Somewhere Else, kind: place}\n")
    result = run("add-variant", path, "Somewhere Else", taken)
    assert result.exit_code == 1 and "collides" in result.output


def finding(original, replacement, entity, **more):
    """One item of `normalize --format json` output (its other fields do not matter here)."""
    return {"path": "article.txt", "line": 1, "column": 1, "original": original, "replacement": replacement,
            "entity": entity, "kind": "person", "applied": True, **more}


def test_add_variant_from_json_corrections(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    report = [
        finding("Fatem Mokhajelani", "Fatemeh Mohajerani", "Fatemeh Mohajerani"),
        finding("Abbas Aragut’s", "Abbas Araghchi’s", "Abbas Araghchi"),  # possessive set aside
        finding("ARAGUCHI", "ARAGHCHI", "Abbas Araghchi"),  # the surname alone, in a headline
        finding("Abas", "Abbas", "Abbas Araghchi"),  # neither the name nor its surname
        finding("Teheran", "Iran", "Iran"),  # Tehran's variant: refused
        finding("Kremlim", "Kremlin", "Kremlin"),  # not in this file
    ]
    corrections = write(tmp_path, "report.json", json.dumps(report, ensure_ascii=False))
    result = run("add-variant", "--no-bundled", path, "--from-json", corrections)
    assert result.exit_code == 1, result.output
    assert entity(path, "Fatemeh Mohajerani").variants == ("Fatem Mokhajelani",)
    assert entity(path, "Abbas Araghchi").variants == ("Abbas Aragut", "Abbas Araguchi")
    assert "Teheran" not in entity(path, "Iran").variants
    assert "'Kremlin' is not in" in result.output and "add a variant by hand" in result.output


def test_add_variant_from_json_accepts_results_with_corrections(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    report = {"changed": True, "corrections": [finding("Hizbolah", "Hezbollah", "Hezbollah")]}
    corrections = write(tmp_path, "report.json", json.dumps(report))
    assert run("add-variant", "--no-bundled", path, "--from-json", corrections).exit_code == 0
    assert entity(path, "Hezbollah").variants[-1] == "Hizbolah"
    assert run("add-variant", "--no-bundled", path, "Iran", "--from-json", corrections).exit_code == 2


def test_add_variant_from_json_rejects_bad_json(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    corrections = write(tmp_path, "report.json", "[{")
    result = run("add-variant", "--no-bundled", path, "--from-json", corrections)
    assert result.exit_code == 2 and "cannot read corrections JSON" in result.output


def test_add_variant_from_json_stopped_by_an_error_reports_no_addition(tmp_path):
    """The file is written only when every correction went through: an error
    after a first addition leaves the file as it was, and says nothing was added."""
    path = write(tmp_path, "g.yaml", """
        entities:
          - {canonical: Gaza, kind: place}
          - canonical: Iran
            kind: place
            variants: |
              Eran
        """)
    before = path.read_bytes()
    report = [finding("Ghaza", "Gaza", "Gaza"), finding("Irann", "Iran", "Iran")]
    corrections = write(tmp_path, "report.json", json.dumps(report))
    result = run("add-variant", "--no-bundled", path, "--from-json", corrections)
    assert result.exit_code == 2
    assert "cannot extend this 'variants' field" in result.output and "added" not in result.output
    assert path.read_bytes() == before


def test_add_variant_to_an_entity_whose_canonical_is_escaped(tmp_path):
    path = write(tmp_path, "g.yaml", """
        entities:
          - canonical: "Tehr\\u0101n"
            kind: place
          - {canonical: "\\u00c7ad", kind: place}
        """)
    assert run("add-variant", "--no-bundled", path, "Tehrān", "Tehruun").exit_code == 0
    assert run("add-variant", "--no-bundled", path, "Çad", "Tschad").exit_code == 0
    assert entity(path, "Tehrān").variants == ("Tehruun",)
    assert entity(path, "Çad").variants == ("Tschad",)


# ------------------------------------------------------------------ the installed command and its aliases


def test_the_installed_command_mounts_the_gazetteer_tools(tmp_path):
    path = write(tmp_path, "g.yaml", STYLES)
    done = subprocess.run(
        [installed_normalize(), "gazetteer", "add-variant", "--no-bundled", str(path), "Iran", "Eeran"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{path}:13: added variant 'Eeran' to 'Iran'\n" and done.stderr == ""
    assert entity(path, "Iran").variants == ("Irān", "Eran", "Eeran")
    refused = subprocess.run(
        [installed_normalize(), "gazetteer", "add-variant", "--no-bundled", str(path), "Gaza", "Teheran"],
        capture_output=True, text=True,
    )
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith(f"{path}: refused: 'Teheran' collides with variant 'Teheran' of 'Tehran'")


@pytest.mark.parametrize("module", ["normalizer.gazetteer.app", "normalizer.gazetteer.tools"])
def test_python_m_runs_the_tools_under_the_new_and_the_old_name(tmp_path, module):
    path = write(tmp_path, "g.yaml", GOOD)
    done = subprocess.run([sys.executable, "-m", module, "stats", "--format", "json", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entities"] == 3
