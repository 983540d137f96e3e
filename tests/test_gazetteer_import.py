"""`normalize gazetteer import FILE`, end to end through the installed command:
each shape it reads, each refusal, and a round trip (import, then normalize)."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import installed_normalize

from normalizer.gazetteer.loading import load_gazetteer


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [installed_normalize(), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path


def imported(tmp_path: Path, name: str, content: str, *options: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Import `content` into out.yaml; the entities written, by canonical."""
    source = write(tmp_path, name, content)
    out = tmp_path / "out.yaml"
    done = run("gazetteer", "import", source, "-o", out, *options)
    entities = load_gazetteer([out], bundled=False).entities if out.exists() else ()
    return done, {entity.canonical: entity for entity in entities}


OWN_CSV = """
    canonical,kind,variants,aliases,context,past_context,region,checked,surname
    Ieva Ozoliņa,person,Ieva Ozolinja;Ieva Ozolinya,Ieva Ozolina,Prime Minister of Latvia|x,,Europe,2026-11,
    Ilmar Kalvik,person,,,Estonian Prime Minister,Estonian Minister of Justice,Europe,2026-10,Kalvik
    Illinois,place,,,,,North America,,
    """


# ------------------------------------------------------------------ the shapes


def test_a_csv_list_becomes_a_gazetteer_one_entity_a_line(tmp_path):
    done, entities = imported(tmp_path, "newsroom.csv", OWN_CSV)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == f"read {tmp_path / 'newsroom.csv'} as a CSV list"
    silina = entities["Ieva Ozoliņa"]
    assert silina.variants == ("Ieva Ozolinja", "Ieva Ozolinya") and silina.aliases == ("Ieva Ozolina",)
    assert silina.context == ("Prime Minister of Latvia|x",)  # ";" separates items, nothing else does
    assert (silina.region, silina.checked) == ("Europe", "2026-11")
    michal = entities["Ilmar Kalvik"]
    assert michal.past_context == ("Estonian Minister of Justice",) and michal.surname == ("Kalvik",)
    assert entities["Illinois"].kind == "place" and entities["Illinois"].checked is None
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Imported from {tmp_path / 'newsroom.csv'} (a CSV list)")
    entity_lines = [line for line in text.splitlines() if line.startswith("  - {")]
    assert len(entity_lines) == 3  # one flow mapping a line, as the hand-written files
    assert "3 of 3 row(s) imported" in done.stderr.splitlines()[-1]


def test_without_an_output_the_gazetteer_goes_to_standard_output(tmp_path):
    source = write(tmp_path, "newsroom.csv", OWN_CSV)
    done = run("gazetteer", "import", source)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Imported from") and "canonical: Ilmar Kalvik" in done.stdout
    assert "Ilmar Kalvik" not in done.stderr  # messages only on stderr
    assert list(tmp_path.iterdir()) == [source]


def test_a_json_list_with_arrays(tmp_path):
    rows = [
        {"canonical": "Rob Jetten", "kind": "person", "aliases": ["Robert Jetten"], "context": ["Dutch Prime Minister"]},
        {"canonical": "Bavaria", "kind": "place", "variants": "Bavariya", "notes": "a string is a one-item list"},
    ]
    done, entities = imported(tmp_path, "list.json", json.dumps(rows))
    assert done.returncode == 0, done.stderr
    assert "as a JSON list" in done.stderr and "notice: ignored the columns notes" in done.stderr
    assert entities["Rob Jetten"].aliases == ("Robert Jetten",) and entities["Bavaria"].variants == ("Bavariya",)


WBGETENTITIES = {
    "entities": {
        "Q20971234": {
            "id": "Q20971234",
            "labels": {"en": {"language": "en", "value": "Ieva Ozoliņa"}, "lv": {"language": "lv", "value": "Ieva Ozoliņa"}},
            "descriptions": {"en": {"language": "en", "value": "Prime Minister of Latvia"}},
            "aliases": {"en": [{"language": "en", "value": "Ieva Ozolina"}, {"language": "en", "value": "IEVA OZOLIŅA"}]},
        },
        "Q1": {
            "id": "Q1",
            "labels": {"en": {"language": "en", "value": "Shigeru Ishiba"}},
            "descriptions": {"en": {"language": "en", "value": "former Prime Minister of Japan"}},
        },
        "Q2": {"id": "Q2", "labels": {"en": {"value": "Petteri Orpo"}}, "descriptions": {"en": {"value": "Finnish politician (born 1969)"}}},
        "Q999999999": {"id": "Q999999999", "missing": ""},
        "Q42": {"id": "Q42", "labels": {"fr": {"language": "fr", "value": "Douglas Adams"}}},
    }
}


def test_a_wikidata_entities_json(tmp_path):
    done, entities = imported(tmp_path, "wd.json", json.dumps(WBGETENTITIES), "--kind", "person")
    assert done.returncode == 1  # two rows could not be taken
    assert "as a Wikidata entities JSON" in done.stderr
    silina = entities["Ieva Ozoliņa"]
    # Wikidata's aliases are correct forms, never variants; the label again in capitals adds nothing
    assert silina.aliases == ("Ieva Ozolina",) and silina.variants == ()
    assert silina.context == ("Prime Minister of Latvia",) and silina.sources == ("Wikidata: Q20971234",)
    assert entities["Shigeru Ishiba"].past_context == ("Prime Minister of Japan",)  # "former ...": a past office
    assert entities["Shigeru Ishiba"].context == ()
    assert entities["Petteri Orpo"].context == ()  # a description with a date is no phrase of running text
    notes = done.stderr.splitlines()
    assert any(line.endswith("row 4 (Q999999999): skipped: missing on Wikidata (a deleted or mistyped id)") for line in notes)
    assert any(line.endswith("row 5 (Q42): skipped: no English label") for line in notes)


QUERY_CSV = """
    item,itemLabel,itemDescription,itemAltLabel
    http://www.wikidata.org/entity/Q20971234,Ieva Ozoliņa,Prime Minister of Latvia,"Ieva Ozolina, Ozoliņa"
    http://www.wikidata.org/entity/Q123,Q123,,
    """


def test_a_wikidata_query_service_csv_export(tmp_path):
    done, entities = imported(tmp_path, "query.csv", QUERY_CSV, "--kind", "person")
    assert "as a Wikidata query service CSV export" in done.stderr
    assert entities["Ieva Ozoliņa"].aliases == ("Ieva Ozolina", "Ozoliņa")  # the label service joins with ", "
    assert entities["Ieva Ozoliņa"].context == ("Prime Minister of Latvia",)
    assert "row 3 (Q123): skipped: no English label" in done.stderr  # the service gives the id for a missing label
    assert done.returncode == 1


def test_a_wikidata_query_service_json_export_with_its_own_variable_names(tmp_path):
    results = {
        "head": {"vars": ["person", "personLabel", "personDescription", "kind"]},
        "results": {"bindings": [{
            "person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q311"},
            "personLabel": {"xml:lang": "en", "type": "literal", "value": "Petteri Orpo"},
            "personDescription": {"type": "literal", "value": "Prime Minister of Finland"},
            "kind": {"type": "literal", "value": "person"},
        }]},
    }
    done, entities = imported(tmp_path, "query.json", json.dumps(results))  # the kind comes from the query
    assert done.returncode == 0, done.stderr
    assert "as a Wikidata query service JSON export" in done.stderr
    assert entities["Petteri Orpo"].context == ("Prime Minister of Finland",)
    assert entities["Petteri Orpo"].sources == ("Wikidata: Q311",)


# ------------------------------------------------------------------ refusals


def test_forms_of_other_entities_and_english_word_variants_are_refused_row_by_row(tmp_path):
    content = """
        canonical,kind,variants,aliases
        Ann Example,person,Iran;Ann Exampel;Gold,
        Tehran,place,,
        Ann Exampel,person,,
        Ann Example,person,,
        Bob Example,person,Ann Exampel,
        """
    done, entities = imported(tmp_path, "refused.csv", content)
    assert done.returncode == 1
    notes = [line.split(": ", 1)[1] for line in done.stderr.splitlines() if line.startswith(str(tmp_path))]
    assert notes[0].startswith("row 2: left out the variant of 'Ann Example': 'Iran' collides with canonical 'Iran' (")
    assert notes[1].startswith("row 2: left out the variant of 'Ann Example': 'Gold' is also an English word")
    assert "row 4: skipped: 'Ann Exampel' collides with variant 'Ann Exampel' of 'Ann Example'" in done.stderr
    assert "row 5: skipped: 'Ann Example' (person) repeats row 2" in done.stderr
    assert "row 6: left out the variant of 'Bob Example': 'Ann Exampel' collides with variant" in done.stderr
    assert entities["Ann Example"].variants == ("Ann Exampel",)
    assert entities["Bob Example"].variants == ()
    assert set(entities) == {"Ann Example", "Tehran", "Bob Example"}  # Tehran: the bundled place, extended
    assert done.stderr.splitlines()[-1].endswith("3 of 5 row(s) imported from " f"{tmp_path / 'refused.csv'} into {tmp_path / 'out.yaml'}, 2 skipped, 3 form(s) left out")


def test_without_the_bundled_set_only_the_files_own_rows_collide(tmp_path):
    done, entities = imported(tmp_path, "own.csv", "canonical,kind,variants\nAnn Example,person,Iran\n", "--no-bundled")
    assert done.returncode == 1 and entities["Ann Example"].variants == ()  # still an English word
    done, entities = imported(tmp_path, "own2.csv", "canonical,kind,variants\nAnn Example,person,Ann Exampel\n", "--no-bundled", "--force")
    assert done.returncode == 0 and entities["Ann Example"].variants == ("Ann Exampel",)


def test_what_the_loader_refuses_skips_the_row_with_the_loaders_reason(tmp_path):
    content = """
        canonical,kind,region,checked,surname
        Ann Example,person,Mars,,
        Bob Example,person,,2026-13,
        Cy Example,person,,,Smith
        Dee Example,person,Europe,2026-11,Example
        """
    done, entities = imported(tmp_path, "loader.csv", content)
    assert done.returncode == 1
    assert "row 2: skipped: 'Ann Example': region must be one of" in done.stderr
    assert "row 3: skipped: 'Bob Example': checked must be a month as \"YYYY-MM\"" in done.stderr
    assert "row 4: skipped: 'Cy Example': surname 'Smith' is not whole words" in done.stderr
    assert set(entities) == {"Dee Example"}


@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", None, "no such file or folder"),
    ("latin1.csv", "canonical,kind\nJos\xe9,person\n".encode("latin-1"), "not UTF-8 text"),
    ("bad.json", "[{\"canonical\": ", "malformed JSON"),
    ("quote.csv", 'canonical,kind\n"Ann,person\n', "malformed CSV"),
    ("wide.csv", "canonical,kind,x\nA,person,1,2\n", "row 2 has 4 cells for 3 columns"),
    ("kind.csv", "canonical,kind\nChicago,city\n", "row 2: 'Chicago': kind must be one of person, place"),
    ("nokind.csv", "item,itemLabel\nhttp://www.wikidata.org/entity/Q1,Ann\n", "has no kind: give a kind column or --kind"),
    ("table.csv", "name,born\nAnn,1970\n", "is none of the shapes import reads"),
    ("object.json", '{"name": "Ann"}', "is none of the shapes import reads"),
    ("empty.csv", "", "is none of the shapes import reads"),
])
def test_bad_input_is_one_line_and_exit_2_and_nothing_is_written(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    done = run("gazetteer", "import", source, "-o", tmp_path / "out.yaml")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and message in done.stderr, done.stderr
    assert not (tmp_path / "out.yaml").exists() and done.stdout == ""


def test_an_existing_output_is_replaced_only_with_force(tmp_path):
    source = write(tmp_path, "newsroom.csv", OWN_CSV)
    out = write(tmp_path, "out.yaml", "entities: []\n")
    kept = run("gazetteer", "import", source, "-o", out)
    assert kept.returncode == 2 and "exists; give --force to replace it" in kept.stderr
    assert out.read_text(encoding="utf-8") == "entities: []\n"
    replaced = run("gazetteer", "import", source, "-o", out, "--force")
    assert replaced.returncode == 0 and "Ilmar Kalvik" in out.read_text(encoding="utf-8")
    itself = run("gazetteer", "import", source, "-o", source, "--force")
    assert itself.returncode == 2 and "is the file being imported" in itself.stderr


def test_a_bad_kind_option_is_bad_input(tmp_path):
    source = write(tmp_path, "query.csv", QUERY_CSV)
    done = run("gazetteer", "import", source, "--kind", "human")
    assert done.returncode == 2 and "--kind must be one of person" in done.stderr


# ------------------------------------------------------------------ round trip


def test_imported_people_are_names_the_engine_knows(tmp_path):
    """Import two people missing from the bundled set; `normalize` then repairs
    their garbles and keeps their names as written."""
    source = write(tmp_path, "people.csv", """
        canonical,kind,context,checked
        Ilmar Kalvik,person,Estonian Prime Minister;Prime Minister of Estonia,2026-11
        Ieva Ozoliņa,person,Latvian Prime Minister;Prime Minister of Latvia,2026-11
        """)
    out = tmp_path / "people.yaml"
    assert run("gazetteer", "import", source, "-o", out).returncode == 0
    clean = "Estonian Prime Minister Ilmar Kalvik met Latvian Prime Minister Ieva Ozoliņa in Riga on Monday.\n"
    garbled = clean.replace("Kalvik", "Klavik").replace("Ozoliņa", "Ozolinna")
    for name, text in (("clean.txt", clean), ("garbled.txt", garbled)):
        write(tmp_path, name, text)
        done = run("--gazetteer", out, name, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        assert (tmp_path / name.replace(".txt", ".normalized.txt")).read_text(encoding="utf-8") == clean
