"""One JSON shape: `Result.to_dict()` in the library and `normalize --format json` give the
same record for a text, and both validate against the JSON Schema shipped in the package
(`normalizer/schemas/result.schema.json`). The command is the installed one, run as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS, installed_normalize

from normalizer.markup import protected_spans
from normalizer.result import json_schema

GARBLED_SEED = "000_5c59bf609092c03b.txt"
CLEAN_SEED = "001_03dd391ba65497f6.txt"
CRLF = "Energy minister Yerlan Nulgariyev spoke.\r\nLater, Yerlan Nulgariyev left for Norvania.\r\n"


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator, record) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record))


def normalize(*args, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *map(str, args)], cwd=cwd, input=stdin, capture_output=True)


def test_the_schema_ships_in_the_installed_package():
    from importlib.resources import files

    shipped = files("normalizer").joinpath("schemas", "result.schema.json")
    assert shipped.is_file()
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize("name", [GARBLED_SEED, CLEAN_SEED])
def test_library_record_validates(bundled_normalizer, validator, name):
    result = bundled_normalizer.normalize((SEEDS / name).read_text(encoding="utf-8"))
    record = result.to_dict()
    assert errors(validator, record) == []
    assert record["path"] is None and record["text"] == result.text and record["changed"] == result.changed
    assert errors(validator, result.to_dict(path=name)) == []
    if name == GARBLED_SEED:
        assert record["changed"] and any(c["applied"] for c in record["corrections"])


def test_library_record_offsets_and_positions_point_at_the_original(bundled_normalizer):
    text = (SEEDS / GARBLED_SEED).read_text(encoding="utf-8")
    lines = text.split("\n")
    for c in bundled_normalizer.normalize(text).to_dict()["corrections"]:
        assert text[c["start"]:c["end"]] == c["original"]
        if c["line"] == c["end_line"]:
            assert lines[c["line"] - 1][c["column"] - 1:c["end_column"] - 1] == c["original"]


def test_command_json_is_the_library_record_of_each_file(tmp_path, bundled_normalizer, validator):
    shutil.copy(SEEDS / GARBLED_SEED, tmp_path / "garbled.txt")
    shutil.copy(SEEDS / CLEAN_SEED, tmp_path / "clean.md")
    done = normalize("--check", "--format", "json", "garbled.txt", "clean.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # --check found corrections
    records = json.loads(done.stdout)
    assert [r["path"] for r in records] == ["garbled.txt", "clean.md"]
    for record in records:
        assert errors(validator, record) == []
        text = (tmp_path / record["path"]).read_text(encoding="utf-8")
        expected = bundled_normalizer.normalize(text, ignore_spans=protected_spans(record["path"], text))
        assert record == expected.to_dict(path=record["path"])
    assert records[0]["changed"] and records[0]["text"] == (SEEDS / "reference" / GARBLED_SEED).read_text(encoding="utf-8")
    assert not records[1]["changed"]


def test_command_json_positions_on_crlf_lines_and_stdin(tmp_path, newsroom_gazetteer, validator):
    options = ["--no-bundled", "--gazetteer", newsroom_gazetteer, "--format", "json"]
    (tmp_path / "crlf.txt").write_bytes(CRLF.encode("utf-8"))
    from_file = normalize("--check", *options, "crlf.txt", cwd=tmp_path)
    from_stdin = normalize(*options, "-", cwd=tmp_path, stdin=CRLF.encode("utf-8"))
    assert from_stdin.stdout.decode("utf-8").replace("\r\n", "\n") == CRLF.replace("Nulgariyev", "Nurgaliyev").replace("\r\n", "\n")
    (file_record,) = json.loads(from_file.stdout)
    (stdin_record,) = json.loads(from_stdin.stderr)  # the text went to stdout, the report to stderr
    assert stdin_record["path"] == "<stdin>"
    assert {**stdin_record, "path": "crlf.txt"} == file_record
    for record in (file_record, stdin_record):
        assert errors(validator, record) == []
    second = [c for c in file_record["corrections"] if c["line"] == 2]
    assert second and second[0]["column"] == len("Later, Yerlan ") + 1
    assert second[0]["end_column"] == second[0]["column"] + len("Nulgariyev")
    assert file_record["text"] == CRLF.replace("Nulgariyev", "Nurgaliyev")


def test_add_variant_reads_the_command_json(tmp_path, newsroom_gazetteer):
    """The documented review loop: `normalize --format json` -> reviewed.json -> `add-variant --from-json`."""
    (tmp_path / "a.txt").write_text("The energy minister Yerlan Nulgariyev said prices would rise.\n", encoding="utf-8")
    report = normalize("--check", "--no-bundled", "--gazetteer", newsroom_gazetteer, "--format", "json", "a.txt",
                       cwd=tmp_path)
    assert report.returncode == 1, report.stderr
    (tmp_path / "reviewed.json").write_bytes(report.stdout)
    added = normalize("gazetteer", "add-variant", "--no-bundled", newsroom_gazetteer, "--from-json", "reviewed.json",
                      cwd=tmp_path)
    assert added.returncode == 0, added.stdout + added.stderr
    from normalizer.gazetteer.loading import load_gazetteer

    (entity,) = [e for e in load_gazetteer([newsroom_gazetteer], bundled=False).entities
                 if e.canonical == "Yerlan Nurgaliyev"]
    assert "Yerlan Nulgariyev" in entity.variants
