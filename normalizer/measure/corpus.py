"""The corpora `normalize eval` scores: pairs of a garbled text and its reference,
from two folders of same-named files or a JSONL file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CLEAN = "clean"  # the category of false corrections made outside any gold edit
UNCATEGORIZED = "other"


@dataclass(frozen=True)
class Pair:
    """A garbled text and its reference; `garbles` are (start, end, category) spans of the garbled text."""

    id: str
    garbled: str
    reference: str
    category: str | None = None
    garbles: tuple[tuple[int, int, str], ...] = ()
    source: str = ""  # path shown by --show (file, or corpus file)


class BadInput(Exception):
    """Input that cannot be evaluated; the message is one line."""


def load_pairs(first: str, second: str | None = None, glob: str = "*") -> list[Pair]:
    if second is None:
        return load_jsonl(Path(first))
    return load_folders(Path(first), Path(second), glob)


def load_folders(garbled_dir: Path, reference_dir: Path, glob: str = "*") -> list[Pair]:
    for folder in (garbled_dir, reference_dir):
        if not folder.is_dir():
            raise BadInput(f"{folder}: not a folder")
    names = sorted(p.name for p in garbled_dir.glob(glob) if p.is_file() and not p.name.startswith("."))
    if not names:
        raise BadInput(f"{garbled_dir}: no files to evaluate")
    pairs = []
    for name in names:
        ref = reference_dir / name
        if not ref.is_file():
            raise BadInput(f"{ref}: missing reference for {garbled_dir / name}")
        pairs.append(Pair(name, _read(garbled_dir / name), _read(ref), source=str(garbled_dir / name)))
    return pairs


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_jsonl(path: Path) -> list[Pair]:
    if not path.is_file():
        raise BadInput(f"{path}: no such file (give a JSONL corpus, or two folders)")
    pairs = []
    for number, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("garbled", "reference")):
            raise BadInput(f"{path}:{number}: needs string fields 'garbled' and 'reference'")
        garbles = []
        for g in record.get("garbles") or ():
            try:
                garbles.append((int(g["start"]), int(g["end"]), str(g["category"])))
            except (KeyError, TypeError, ValueError):
                raise BadInput(f"{path}:{number}: each garble needs start, end and category") from None
        category = record.get("category")
        pairs.append(
            Pair(
                str(record.get("id", number)), record["garbled"], record["reference"],
                str(category) if category is not None else None, tuple(garbles), str(path),
            )
        )
    if not pairs:
        raise BadInput(f"{path}: no records")
    return pairs


# ---------------------------------------------------------------- systems
