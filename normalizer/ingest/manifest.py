"""The manifest of a corpus job: what the job is, and which partitions are done.

It lives in the output folder (or, for a file output `out.parquet`, in the
staging folder `out.parquet.parts/` beside it) as `_manifest.json`, rewritten
atomically after each partition file is in place. So after a kill a partition
is either recorded, with its file complete, or not recorded, and then done
again and its file replaced: no record is ever written twice.

The job is named by everything that decides its output: the input files
(path, size, modification time), the fields, the partition size, the
engine's options and the version. A folder holding another job's manifest, or
other files and no manifest, is refused: nothing is overwritten unless asked
(`--overwrite`, which clears only the files the old manifest lists).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normalizer.atomic import write_atomic
from normalizer.ingest.readers import CorpusError

NAME = "_manifest.json"
VERSION = 1


@dataclass
class Manifest:
    folder: Path
    job: dict[str, Any]
    done: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> {"file", "records"}
    complete: bool = False

    @property
    def path(self) -> Path:
        return self.folder / NAME

    def part_path(self, key: str, suffix: str) -> Path:
        return self.folder / f"part-{key}{suffix}"

    def record(self, key: str, file: Path, records: int) -> None:
        self.done[key] = {"file": file.name, "records": records}
        self.save()

    def finish(self) -> None:
        self.complete = True
        self.save()

    def save(self) -> None:
        data = {"manifest": VERSION, "job": self.job, "complete": self.complete, "partitions": self.done}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n", keep_mode=False)

    def parts(self) -> list[Path]:
        return [self.folder / self.done[key]["file"] for key in sorted(self.done)]


def open_folder(folder: Path, job: dict[str, Any], overwrite: bool) -> Manifest:
    """The manifest of `job` in `folder`: resumed when the folder holds this job,
    new when the folder is new or empty; another job's folder is refused."""
    if folder.exists() and not folder.is_dir():
        raise CorpusError(f"{folder}: exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    existing = _load(folder)
    if existing is not None and existing.job == job and not overwrite:
        _remove_temporaries(folder)
        # A recorded partition whose file is gone is done again.
        existing.done = {k: v for k, v in existing.done.items() if (folder / v["file"]).is_file()}
        return existing
    if existing is not None and not overwrite:
        raise CorpusError(
            f"{folder}: holds the output of another job (other input, fields or options); "
            "choose another output or pass --overwrite"
        )
    if existing is None and _foreign(folder):
        raise CorpusError(f"{folder}: is not empty and holds no corpus job; choose an empty or new folder")
    if existing is not None:  # --overwrite: clear what the old job wrote, nothing else
        for part in existing.parts():
            part.unlink(missing_ok=True)
        _remove_temporaries(folder)
    manifest = Manifest(folder, job)
    manifest.save()
    return manifest


def _load(folder: Path) -> Manifest | None:
    path = folder / NAME
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(folder, data["job"], dict(data["partitions"]), bool(data["complete"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"{path}: unreadable manifest ({exc}); remove the folder to start again") from None


def _foreign(folder: Path) -> bool:
    return any(not _ours(p.name) for p in folder.iterdir())


def _ours(name: str) -> bool:
    return name == NAME or _temporary(name)


def _temporary(name: str) -> bool:
    """A half-written file of a killed run: write_atomic's hidden ".NAME.random.tmp"."""
    return name.startswith(".") and name.endswith(".tmp")


def _remove_temporaries(folder: Path) -> None:
    for path in folder.iterdir():
        if _temporary(path.name):
            path.unlink(missing_ok=True)
