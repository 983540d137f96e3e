"""Output partitions: written atomically (a reader sees all of a partition or
none of it), read back for the final check, merged into one file when the
output is a file.

The format is Parquet (`.parquet`, needs pyarrow) or JSONL (`.jsonl`), one
row per record with the columns of `rows.COLUMNS`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from normalizer.atomic import write_atomic
from normalizer.ingest.readers import CorpusError

SUFFIXES = {"parquet": ".parquet", "jsonl": ".jsonl"}


def output_format(path: Path) -> str | None:
    """The format a file output's extension names, or None (the output is a folder)."""
    for fmt, suffix in SUFFIXES.items():
        if path.suffix.lower() == suffix:
            return fmt
    return None


def need_pyarrow(fmt: str) -> None:
    if fmt != "parquet":
        return
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise CorpusError("writing Parquet needs pyarrow: pip install 'normalizer[ingest]'") from None


def write_partition(path: Path, fmt: str, rows: list[dict[str, Any]]) -> None:
    """Write `rows` to `path` atomically (a temporary file beside it, renamed)."""
    if fmt == "jsonl":
        data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
        write_atomic(path, _readable(lambda temporary: temporary.write_bytes(data)), keep_mode=False)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    from normalizer.ingest.rows import arrow_schema

    table = pa.Table.from_pylist(rows, schema=arrow_schema())
    write_atomic(path, _readable(lambda temporary: pq.write_table(table, temporary)), keep_mode=False)


def _readable(fill: Callable[[Path], Any]) -> Callable[[Path], None]:
    """`fill`, then the permissions a new file gets here (0666 less the umask),
    not the temporary file's private 0600: a corpus is read by other jobs."""

    def run(temporary: Path) -> None:
        fill(temporary)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)

    return run


def read_ids(path: Path, fmt: str) -> list[str]:
    """The ids of an output file, in order."""
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line)["id"] for line in handle if line.strip()]
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=["id"]).column("id").to_pylist()


def read_rows(path: Path, fmt: str) -> Iterator[dict[str, Any]]:
    """Every row of an output file (for tests and small checks)."""
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle if line.strip())
        return
    import pyarrow.parquet as pq

    yield from pq.read_table(path).to_pylist()


def merge(parts: Iterable[Path], fmt: str, target: Path) -> None:
    """Concatenate the partition files, in order, into `target`, atomically."""
    parts = list(parts)
    if fmt == "jsonl":

        def fill(temporary: Path) -> None:
            with open(temporary, "wb") as out:
                for part in parts:
                    with open(part, "rb") as handle:
                        shutil.copyfileobj(handle, out)

        write_atomic(target, _readable(fill), keep_mode=False)
        return
    import pyarrow.parquet as pq

    from normalizer.ingest.rows import arrow_schema

    def fill_parquet(temporary: Path) -> None:
        with pq.ParquetWriter(temporary, arrow_schema()) as writer:
            for part in parts:
                writer.write_table(pq.read_table(part, schema=arrow_schema()))

    write_atomic(target, _readable(fill_parquet), keep_mode=False)
