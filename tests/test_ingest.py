"""`normalize corpus`: formats in and out, the same results as the library,
per-record errors, unusable input (exit 2), refusing to overwrite, resuming."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from normalizer.ingest import writers
from normalizer.ingest.command import main
from tests.ingest_corpus import GARBLED, comparable, expected, records, write_jsonl

pa = pytest.importorskip("pyarrow", reason="pyarrow is in the test extra: pip install -e '.[test]'")
import pyarrow.parquet as pq  # noqa: E402


def corpus(argv: list, capsys) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def rows_of(path: Path) -> list[dict]:
    if path.is_dir():
        manifest = json.loads((path / "_manifest.json").read_text())
        return [row for key in sorted(manifest["partitions"])
                for row in writers.read_rows(path / manifest["partitions"][key]["file"],
                                             "jsonl" if manifest["job"]["format"] == "jsonl" else "parquet")]
    return list(writers.read_rows(path, "jsonl" if path.suffix == ".jsonl" else "parquet"))


@pytest.mark.parametrize("out_name", ["out.parquet", "out.jsonl", "outdir"])
def test_output_is_what_normalize_gives_each_text(tmp_path, capsys, bundled_normalizer, out_name):
    data = records(12)
    source = write_jsonl(tmp_path / "in.jsonl", data)
    out = tmp_path / out_name
    code, err = corpus([source, "-o", out, "--text-field", "body", "--partition-size", "5", "--workers", "1"], capsys)
    assert code == 0, err
    assert "every one of the 12 input ids appears exactly once" in err
    rows = rows_of(out)
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert [comparable(r) for r in rows] == [expected(bundled_normalizer, d["body"]) for d in data]
    assert any(r["changed"] for r in rows) and not all(r["changed"] for r in rows)
    assert not (tmp_path / f"{out_name}.parts").exists()  # the staging folder of a file output is gone


def test_parquet_output_has_the_documented_columns(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(7))
    code, err = corpus([source, "-o", tmp_path / "out.parquet", "--text-field", "body", "--workers", "1"], capsys)
    assert code == 0, err
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert schema.names == ["id", "text", "corrections", "changed", "error"]
    fields = schema.field("corrections").type.value_type
    assert [fields.field(i).name for i in range(fields.num_fields)] == [
        "start", "end", "original", "replacement", "entity", "kind", "confidence", "applied"]


def test_csv_and_parquet_inputs_and_a_folder_of_them(tmp_path, capsys, bundled_normalizer):
    import csv

    data = records(9)
    folder = tmp_path / "in"
    folder.mkdir()
    with open(folder / "a.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["id", "body"])
        writer.writeheader()
        writer.writerows(data[:4])  # texts with newlines and quotes, as CSV quotes them
    pq.write_table(pa.Table.from_pylist(data[4:]), folder / "b.parquet")
    code, err = corpus([folder, "-o", tmp_path / "out.jsonl", "--text-field", "body", "--workers", "1"], capsys)
    assert code == 0, err
    rows = rows_of(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert [comparable(r) for r in rows] == [expected(bundled_normalizer, d["body"]) for d in data]


def test_bad_records_become_error_rows_and_nothing_else_is_lost(tmp_path, capsys):
    good = [{"id": f"doc-{i:04d}", "body": text} for i, text in enumerate(
        GARBLED + ["Nothing to repair in this sentence."])]
    lines = [
        json.dumps(good[0]),
        '{"id": "broken", "body": "unterminated',
        json.dumps({"id": "no-body", "text": "Emmanuel Macrom"}),
        json.dumps({"id": "number", "body": 12}),
        json.dumps({"id": "empty", "body": ""}),
        json.dumps({"id": "long", "body": "Emmanuel Macrom " * 30}),
        "[1, 2]",
        json.dumps(good[1]),
        json.dumps({"body": good[2]["body"]}),  # no id: named by its line
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = corpus([source, "-o", tmp_path / "out.jsonl", "--text-field", "body", "--max-chars", "400",
                        "--workers", "1"], capsys)
    assert code == 0, err
    assert "9 records" in err and "6 errors" in err
    rows = {r["id"]: r for r in rows_of(tmp_path / "out.jsonl")}
    assert list(rows) == ["doc-0000", "in.jsonl:2", "no-body", "number", "empty", "long", "in.jsonl:7",
                          "doc-0001", "in.jsonl:9"]
    assert rows["in.jsonl:2"]["error"].startswith("in.jsonl:2: malformed JSON line")
    assert rows["no-body"]["error"] == "in.jsonl:3: no field 'body'"
    assert rows["number"]["error"] == "not a string (int)"
    assert rows["empty"]["error"] == "empty text"
    assert rows["long"]["error"] == "text of 480 characters is longer than the limit of 400"
    assert rows["in.jsonl:7"]["error"] == "in.jsonl:7: a JSON list, not an object"
    for name in ("doc-0000", "doc-0001", "in.jsonl:9"):
        assert rows[name]["error"] is None and rows[name]["text"]
    assert all(r["text"] is None for r in rows.values() if r["error"])


def test_unusable_input_exits_2_naming_the_file(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    no_column = tmp_path / "no_column.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "1", "text": "x"}]), no_column)
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "1", "body": 5}]), numbers)
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("id,text\n1,hello\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,body\n1,Bogot\xe1\n".encode("latin-1"))
    not_parquet = tmp_path / "fake.parquet"
    not_parquet.write_text("not parquet", encoding="utf-8")
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    cases = {
        tmp_path / "missing.jsonl": "missing.jsonl: no such file or folder",
        no_column: "no_column.parquet: no column 'body' (columns: id, text)",
        numbers: "numbers.parquet: column 'body' holds int64, not strings",
        bad_csv: "bad.csv: no column 'body' (columns: id, text)",
        latin: "latin.csv: not UTF-8 text",
        not_parquet: "fake.parquet: not a Parquet file",
        empty_dir: "no .jsonl, .csv or .parquet file in this folder",
        tmp_path / "notes.txt": "notes.txt: unknown input format",
    }
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    for source, message in cases.items():
        code, err = corpus([source, "-o", out, "--text-field", "body", "--workers", "1"], capsys)
        assert code == 2, source
        assert err.startswith("normalize corpus: error: ") and message in err, err
        assert not out.exists() and not (tmp_path / "out.jsonl.parts").exists()


def test_a_finished_job_run_again_rewrites_nothing(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(6))
    args = [source, "-o", tmp_path / "out", "--text-field", "body", "--partition-size", "2", "--workers", "1"]
    assert corpus(args, capsys)[0] == 0
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("part-*")}
    assert len(before) == 3
    code, err = corpus(args, capsys)
    assert code == 0 and "6 from an earlier run" in err and "exactly once" in err
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("part-*")} == before


def test_nothing_is_overwritten_unless_asked(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(4))
    out = tmp_path / "out"
    assert corpus([source, "-o", out, "--text-field", "body", "--workers", "1"], capsys)[0] == 0
    # another job (another field) into the same folder: refused, the first job's files intact
    other = [source, "-o", out, "--text-field", "id", "--workers", "1"]
    code, err = corpus(other, capsys)
    assert code == 2 and "holds the output of another job" in err
    assert [r["text"] is not None for r in rows_of(out)] == [True] * 4
    code, err = corpus([*other, "--overwrite"], capsys)
    assert code == 0, err
    assert [r["text"] for r in rows_of(out)] == [f"doc-{i:04d}" for i in range(4)]
    # a folder that is not a job's: refused even with --overwrite
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "part-00000.parquet").write_text("someone else's", encoding="utf-8")
    for extra in ([], ["--overwrite"]):
        code, err = corpus([source, "-o", foreign, "--text-field", "body", "--workers", "1", *extra], capsys)
        assert code == 2 and "holds no corpus job" in err
    assert (foreign / "part-00000.parquet").read_text(encoding="utf-8") == "someone else's"
    # an existing output file
    target = tmp_path / "out.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    code, err = corpus([source, "-o", target, "--text-field", "body", "--workers", "1"], capsys)
    assert code == 2 and "exists; pass --overwrite" in err and target.read_text() == "keep me\n"
    assert corpus([source, "-o", target, "--text-field", "body", "--workers", "1", "--overwrite"], capsys)[0] == 0
    assert Counter(r["id"] for r in rows_of(target)) == Counter(f"doc-{i:04d}" for i in range(4))


def test_local_worker_processes_give_the_same_output(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(10))
    base = [source, "--text-field", "body", "--partition-size", "3"]
    assert corpus([*base, "-o", tmp_path / "one.jsonl", "--workers", "1"], capsys)[0] == 0
    code, err = corpus([*base, "-o", tmp_path / "two.jsonl", "--workers", "2"], capsys)
    assert code == 0, err
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def spy_on_shared_words(monkeypatch, work: bool = True) -> list[dict]:
    """Each call of shared_words.work_out: its texts, its spread, the worker processes alive
    then, how many words it worked out; with `work` False it works nothing out."""
    import multiprocessing

    from normalizer import shared_words

    calls, real = [], shared_words.work_out

    def work_out(engine, texts, spread, **kwargs):
        call = {"texts": list(texts), "spread": spread, "workers alive": multiprocessing.active_children()}
        call["words"] = real(engine, texts, spread, **kwargs) if work else 0
        calls.append(call)
        return call["words"]

    monkeypatch.setattr(shared_words, "work_out", work_out)
    return calls


def test_local_workers_inherit_the_words_the_records_share(tmp_path, capsys, monkeypatch):
    data = records(10)
    source = write_jsonl(tmp_path / "in.jsonl", data)
    base = [source, "--text-field", "body", "--partition-size", "3"]
    calls = spy_on_shared_words(monkeypatch)
    assert corpus([*base, "-o", tmp_path / "one.jsonl", "--workers", "1"], capsys)[0] == 0
    assert calls == []  # no workers, nothing to inherit
    code, err = corpus([*base, "-o", tmp_path / "shared.jsonl", "--workers", "2"], capsys)
    assert code == 0, err
    [call] = calls
    assert call["texts"] == [d["body"] for d in data] and call["spread"] == 2
    assert call["workers alive"] == [] and call["words"] > 0  # worked out before the fork
    calls.clear()
    spy_on_shared_words(monkeypatch, work=False)
    code, err = corpus([*base, "-o", tmp_path / "unshared.jsonl", "--workers", "2"], capsys)
    assert code == 0, err
    output = (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "shared.jsonl").read_bytes() == output == (tmp_path / "unshared.jsonl").read_bytes()


def test_a_resumed_job_works_out_only_the_words_of_what_is_left(tmp_path, capsys, monkeypatch):
    data = records(10)
    data[7]["body"] = ""  # an error row: nothing for a worker to read
    source = write_jsonl(tmp_path / "in.jsonl", data)
    out = tmp_path / "out"
    args = [source, "-o", out, "--text-field", "body", "--partition-size", "3", "--format", "jsonl"]
    assert corpus([*args, "--workers", "1"], capsys)[0] == 0
    parts = {path.name: path.read_bytes() for path in out.glob("part-*")}
    manifest = json.loads((out / "_manifest.json").read_text())
    manifest["complete"] = False
    for key in ("00002", "00003"):  # as if killed after the first two partitions
        del manifest["partitions"][key]
    (out / "_manifest.json").write_text(json.dumps(manifest))
    calls = spy_on_shared_words(monkeypatch)
    code, err = corpus([*args, "--workers", "2"], capsys)
    assert code == 0, err
    assert "6 from an earlier run" in err
    assert [call["texts"] for call in calls] == [[d["body"] for d in data[6:] if d["body"]]]
    assert {path.name: path.read_bytes() for path in out.glob("part-*")} == parts


def test_plain_progress_lines_when_not_at_a_terminal(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(4))
    code, err = corpus([source, "-o", tmp_path / "o.jsonl", "--text-field", "body", "--partition-size", "2",
                        "--workers", "1"], capsys)
    assert code == 0
    lines = [line for line in err.splitlines() if "partition" in line]
    assert len(lines) == 2 and "records/s" in lines[-1] and "4/4 done" in lines[-1]


def test_the_bar_says_what_it_waits_for_and_plain_lines_say_nothing_of_it():
    import io

    from normalizer.ingest.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    with Progress(8, stream=terminal) as progress, progress.saying("reading the words the records share"):
        assert "reading the words the records share..." in terminal.getvalue()
    with Progress(8, stream=log) as progress, progress.saying("reading the words the records share"):
        pass
    assert log.getvalue() == ""
