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

# The one description of a row: each field and its type ("int", "float",
# "str", "bool", or "corrections": a list of CORRECTION_TYPES structs). The
# Arrow schema (arrow_schema) and the Spark struct (normalizer.spark) are
# written from it.
CORRECTION_TYPES = (
    ("start", "int"),
    ("end", "int"),
    ("original", "str"),
    ("replacement", "str"),
    ("entity", "str"),
    ("kind", "str"),
    ("confidence", "float"),
    ("applied", "bool"),
)
COLUMN_TYPES = (("id", "str"), ("text", "str"), ("corrections", "corrections"), ("changed", "bool"), ("error", "str"))
COLUMNS = tuple(name for name, _ in COLUMN_TYPES)
CORRECTION_FIELDS = tuple(name for name, _ in CORRECTION_TYPES)


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

    scalars = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_()}
    correction = pa.struct([(name, scalars[kind]) for name, kind in CORRECTION_TYPES])
    types = {**scalars, "corrections": pa.list_(correction)}
    return pa.schema([(name, types[kind]) for name, kind in COLUMN_TYPES])
