"""Results worked out by an earlier run, read back instead of worked out again
(as black keeps the files it found formatted).

A repository of articles is checked again and again (a hook, a CI job) while
few of its articles change. A text's result depends only on the text, the
spans protected in it, and the engine (the code, the gazetteers' bytes, the
options: `Normalizer.results_key`). Under a digest of the text and spans, the
store keeps the result's corrections; a known text's result is rebuilt from
them (`apply_corrections`, the same splice as the engine's), so its output,
diff and report are those of a fresh run.

One store per engine, in the cache folder (normalizer.cache: its sweep, its
NORMALIZER_NO_CACHE). Workers read it and send what they work out back with
their outcomes; the parent writes it once, at the end of the run, merged with
what another run may have written meanwhile, atomically. A store that cannot
be read or written is an empty one: the engine runs.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from normalizer.result import Correction, Result, apply_corrections

# The most texts one store keeps; past it the oldest go first. At about
# 40 bytes a text with nothing to correct, a full store is a few megabytes.
MAX_TEXTS = 200_000


def text_key(text: str, protected: Sequence[tuple[int, int]]) -> bytes:
    """A digest of the text and of the spans protected in it."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20)
    digest.update(repr([tuple(span) for span in protected]).encode())
    return digest.digest()


class KnownResults:
    """The stored results of one engine (`results_key`), read on first use."""

    def __init__(self, results_key: str):
        self.results_key = results_key
        self._stored: dict[bytes, tuple[Correction, ...]] | None = None
        self._new: dict[bytes, tuple[Correction, ...]] = {}

    def find(self, text: str, key: bytes) -> Result | None:
        """The result of `text` (whose `text_key` is `key`) as an earlier run worked it out, or None."""
        corrections = self.load().get(key)
        if corrections is None:
            return None
        return Result(text, apply_corrections(text, [c for c in corrections if c.applied]), corrections)

    def remember(self, key: bytes, result: Result) -> None:
        """Keep `result` (of the text whose key is `key`) for `save`."""
        self._new[key] = result.corrections

    def save(self) -> None:
        """Write what this run worked out, with what the store holds now."""
        if not self._new:
            return
        from normalizer import cache

        current = cache.lookup(self.results_key)  # another run may have written since the first read
        merged = dict(current) if isinstance(current, dict) else {}
        for key in self._new:
            merged.pop(key, None)  # re-inserted below: the newest last
        merged.update(self._new)
        if len(merged) > MAX_TEXTS:
            merged = dict(list(merged.items())[-MAX_TEXTS:])
        cache.store(self.results_key, merged)
        self._new = {}

    def load(self) -> dict[bytes, tuple[Correction, ...]]:
        """The stored results, read once (before forking: the workers inherit them)."""
        if self._stored is None:
            from normalizer import cache

            stored = cache.lookup(self.results_key)
            self._stored = stored if isinstance(stored, dict) else {}
        return self._stored
