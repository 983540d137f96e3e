"""One output row per input record, the same in Parquet, JSONL, Dask and Spark:

    id           the record's id (a string)
    text         the normalized text (None for a record in error)
    corrections  a list of {start, end, original, replacement, entity, kind, confidence, applied}
                 (offsets are characters into the original text, end exclusive; applied
                 corrections and suggestions both, as `Result.corrections`)
    changed      whether the text changed (None for a record in error)
    error        why the record has no result, or None
"""

from __future__ import annotations

from typing import Any, Optional

from normalizer.batch import Outcome
from normalizer.result import Correction, Result

COLUMNS = ("id", "text", "corrections", "changed", "error")
CORRECTION_FIELDS = ("start", "end", "original", "replacement", "entity", "kind", "confidence", "applied")


def correction_row(correction: Correction) -> dict[str, Any]:
    full = correction.to_dict()
    return {name: full[name] for name in CORRECTION_FIELDS}


def result_row(record_id: str, result: Optional[Result], error: Optional[str] = None) -> dict[str, Any]:
    if result is None:
        return {"id": record_id, "text": None, "corrections": [], "changed": None, "error": error}
    return {
        "id": record_id,
        "text": result.text,
        "corrections": [correction_row(c) for c in result.corrections],
        "changed": result.changed,
        "error": None,
    }


def outcome_row(outcome: Outcome) -> dict[str, Any]:
    return result_row(str(outcome.id), outcome.result, outcome.error)


def arrow_schema():
    """The Arrow schema of the rows (pyarrow imported here, only when Parquet is written)."""
    import pyarrow as pa

    correction = pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("original", pa.string()),
            ("replacement", pa.string()),
            ("entity", pa.string()),
            ("kind", pa.string()),
            ("confidence", pa.float64()),
            ("applied", pa.bool_()),
        ]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("text", pa.string()),
            ("corrections", pa.list_(correction)),
            ("changed", pa.bool_()),
            ("error", pa.string()),
        ]
    )
