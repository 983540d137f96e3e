"""Reading a corpus in partitions: JSONL, CSV or Parquet, a file or a folder of them.

A partition is up to `size` consecutive records of one file, numbered in the
order they are read, so the same input read with the same size always gives
the same partitions: what lets a killed job resume. Each record is an
`InputRecord`: its id (the id field as a string, or `FILE:LINE` / `FILE:ROW`
when the record has none), the value of the text field, and the reason it
cannot be read (a malformed JSON line, a missing text field), if any.

What makes a whole file unusable (unreadable, an unknown extension, a CSV or
Parquet file without the text column, a Parquet text column that is not
strings) raises `CorpusError`, naming the file.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from normalizer.errors import InputError

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class CorpusError(InputError):
    """Input that cannot be used at all: the command exits 2."""


@dataclass(frozen=True)
class InputRecord:
    id: str
    text: Any
    error: Optional[str] = None


@dataclass(frozen=True)
class Partition:
    key: str  # "00000", "00001", ...: the order of reading
    source: str  # the file it comes from
    records: list[InputRecord]


def input_files(path: str | os.PathLike[str]) -> list[Path]:
    """The corpus files: `path` itself, or the corpus files of a folder, sorted."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS and not p.name.startswith("."))
        if not files:
            raise CorpusError(f"{path}: no .jsonl, .csv or .parquet file in this folder")
        return files
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.suffix.lower() not in FORMATS:
        raise CorpusError(f"{path}: unknown input format (expected .jsonl, .ndjson, .csv or .parquet)")
    if not os.access(path, os.R_OK):
        raise CorpusError(f"{path}: cannot read (permission denied)")
    return [path]


def fingerprint(files: list[Path]) -> list[list]:
    """What identifies the input of a job: each file's path, size and modification time."""
    return [[str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns] for f in files]


def count_records(files: list[Path], text_field: str) -> int:
    """How many records the files hold (for the progress bar); checks every file first."""
    return sum(_count(f, text_field) for f in files)


def _count(path: Path, text_field: str) -> int:
    fmt = FORMATS[path.suffix.lower()]
    try:
        if fmt == "parquet":
            return _parquet_file(path, text_field).metadata.num_rows
        with open(path, "rb") as handle:
            if fmt == "jsonl":
                return sum(1 for line in handle if line.strip())
        return sum(1 for _ in _csv_rows(path, text_field))
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None


def partitions(files: list[Path], text_field: str, id_field: str, size: int) -> Iterator[Partition]:
    """Every record of the files, in partitions of at most `size` records of one file."""
    number = 0
    for path in files:
        batch: list[InputRecord] = []
        for record in _records(path, text_field, id_field):
            batch.append(record)
            if len(batch) == size:
                yield Partition(f"{number:05d}", str(path), batch)
                number, batch = number + 1, []
        if batch:
            yield Partition(f"{number:05d}", str(path), batch)
            number += 1


def _records(path: Path, text_field: str, id_field: str) -> Iterator[InputRecord]:
    fmt = FORMATS[path.suffix.lower()]
    try:
        if fmt == "jsonl":
            yield from _jsonl(path, text_field, id_field)
        elif fmt == "csv":
            for line, row in _csv_rows(path, text_field):
                yield _from_mapping(row, text_field, id_field, f"{path.name}:{line}")
        else:
            yield from _parquet(path, text_field, id_field)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _jsonl(path: Path, text_field: str, id_field: str) -> Iterator[InputRecord]:
    with open(path, "rb") as handle:
        line = 0
        for raw in handle:
            line += 1
            if not raw.strip():
                continue
            where = f"{path.name}:{line}"
            try:
                value = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                yield InputRecord(where, None, f"{where}: malformed JSON line ({_short(exc)})")
                continue
            if not isinstance(value, dict):
                yield InputRecord(where, None, f"{where}: a JSON {type(value).__name__}, not an object")
                continue
            yield _from_mapping(value, text_field, id_field, where)


def _from_mapping(row: dict, text_field: str, id_field: str, where: str) -> InputRecord:
    record_id = _record_id(row.get(id_field), where)
    if text_field not in row:
        return InputRecord(record_id, None, f"{where}: no field {text_field!r}")
    return InputRecord(record_id, row[text_field])


def _csv_rows(path: Path, text_field: str) -> Iterator[tuple[int, dict]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8-sig", newline="", errors="strict") as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
            if text_field not in header:
                raise CorpusError(f"{path}: no column {text_field!r} (columns: {', '.join(header) or 'none'})")
            for row in reader:
                yield reader.line_num, {k: v for k, v in row.items() if k is not None and v is not None}
        except UnicodeDecodeError:
            raise CorpusError(f"{path}: not UTF-8 text") from None
        except csv.Error as exc:
            raise CorpusError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None


def _parquet_file(path: Path, text_field: str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(f"{path}: reading Parquet needs pyarrow: pip install 'normalizer[ingest]'") from None
    try:
        handle = pq.ParquetFile(path)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from None
    except Exception as exc:  # pyarrow.ArrowInvalid: not a Parquet file
        raise CorpusError(f"{path}: not a Parquet file ({_short(exc)})") from None
    schema = handle.schema_arrow
    if text_field not in schema.names:
        raise CorpusError(f"{path}: no column {text_field!r} (columns: {', '.join(schema.names)})")
    import pyarrow as pa

    kind = schema.field(text_field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)):
        raise CorpusError(f"{path}: column {text_field!r} holds {kind}, not strings")
    return handle


def _parquet(path: Path, text_field: str, id_field: str) -> Iterator[InputRecord]:
    handle = _parquet_file(path, text_field)
    columns = [text_field] + ([id_field] if id_field in handle.schema_arrow.names and id_field != text_field else [])
    row = 0
    for batch in handle.iter_batches(batch_size=10_000, columns=columns):
        texts = batch.column(text_field).to_pylist()
        ids = batch.column(id_field).to_pylist() if id_field in columns else [None] * len(texts)
        for raw_id, text in zip(ids, texts):
            where = f"{path.name}#{row}"
            yield InputRecord(_record_id(raw_id, where), text)
            row += 1


def _record_id(raw_id, where: str) -> str:
    """A record's id as written, or where it stands when it has none ("a.jsonl:7")."""
    return where if raw_id is None or raw_id == "" else str(raw_id)


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
