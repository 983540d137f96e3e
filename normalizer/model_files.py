"""The learned models and generated tables shipped in normalizer/data, read once per process.

A model file is JSON, the form its learning script writes and a reviewer can
read. Parsing it and building the model's tables costs a tenth of a cold
start, so the built model is kept in the cache folder (normalizer.cache) as
a pickle, which loads in a third of the time. The cache key holds the file's
size and modification time, and the cache's own key the package's code
version: an edited model or an edited loader is built afresh.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from normalizer import cache

DATA = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


def load_model(resource: str, build: Callable[[dict], T]) -> T:
    """`build(parsed JSON of data/resource)`, from the cache when it holds it."""
    path = DATA / resource
    info = path.stat()
    key = f"model:{resource}:{info.st_size}:{info.st_mtime_ns}"
    return cache.cached(key, lambda: build(json.loads(path.read_text(encoding="utf-8"))))


def table_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a generated table (tab-separated columns), without its
    comment lines ("#", the generator's header) and blank lines."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")
