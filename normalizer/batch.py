"""Many texts through one Normalizer: `Normalizer.normalize_many`.

Each record gets an outcome, in input order, and a bad record never stops
the batch: a value that is not a string, an empty text or one longer than
`max_chars` gets an `Outcome` with its id and the reason, and the next record
is read. Word-level work (candidate lookups, word similarity) is memoized on
the index across texts, so a batch shares it without doing anything here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from normalizer.errors import NormalizerError

if TYPE_CHECKING:
    from normalizer.engine import Normalizer
    from normalizer.result import Result

# Longer texts are refused, record by record: a stray multi-megabyte value
# (a whole dump in one field) would hold a worker for minutes.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Outcome:
    """One record of a batch: its id and either a `Result` or the reason it has none."""

    id: Any
    result: Optional["Result"] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def check_text(value: Any, max_chars: int) -> Optional[str]:
    """Why `value` cannot be normalized, or None when it can."""
    if not isinstance(value, str):
        return "no text (null)" if value is None else f"not a string ({type(value).__name__})"
    if not value.strip():
        return "empty text"
    if len(value) > max_chars:
        return f"text of {len(value):,} characters is longer than the limit of {max_chars:,}"
    return None


def normalize_many(
    normalizer: "Normalizer",
    texts: Iterable[Any],
    ids: Optional[Iterable[Any]] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Outcome]:
    """An `Outcome` per text, in order; ids default to the position (0, 1, ...)."""
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise NormalizerError(f"max_chars must be a positive integer, got {max_chars!r}")
    id_iter = iter(ids) if ids is not None else None
    for position, text in enumerate(texts):
        record_id = position if id_iter is None else next(id_iter, position)
        reason = check_text(text, max_chars)
        if reason is not None:
            yield Outcome(record_id, error=reason)
            continue
        try:
            yield Outcome(record_id, result=normalizer.normalize(text))
        except NormalizerError as exc:  # our own lossless check failing: that record only
            yield Outcome(record_id, error=str(exc))
