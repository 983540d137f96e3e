"""A Dask bag of records normalized on the cluster, for library users:

    import dask.bag as db
    from normalizer.ingest.bag import normalize_bag

    records = db.read_text("articles-*.jsonl").map(json.loads)
    rows = normalize_bag(records, text_field="body")      # a bag of rows (rows.COLUMNS)
    rows.to_dataframe().to_parquet("out/")

Each partition runs `workers.normalize_rows` on a worker, which loads the
`Normalizer` once per worker process (keyed by the options) and keeps it:
only the small `Options` value travels with the tasks.
"""

from __future__ import annotations

from typing import Any, Optional

from normalizer.batch import DEFAULT_MAX_CHARS
from normalizer.options import Options


def normalize_bag(bag, text_field: str = "text", id_field: str = "id", options: Optional[Options] = None,
                  max_chars: int = DEFAULT_MAX_CHARS):
    """A bag of output rows, one per record of `bag` (dicts), in order."""
    return bag.map_partitions(_partition, text_field, id_field, options or Options(), max_chars)


def _partition(records, text_field: str, id_field: str, options: Options, max_chars: int) -> list[dict[str, Any]]:
    from normalizer.ingest.workers import normalize_rows

    records = list(records)
    ids, texts, errors = [], [], []
    for position, record in enumerate(records):
        if not isinstance(record, dict):
            ids.append(str(position))
            texts.append(None)
            errors.append(f"a {type(record).__name__}, not a record (dict)")
            continue
        raw_id = record.get(id_field)
        ids.append(str(position) if raw_id is None else str(raw_id))
        texts.append(record.get(text_field))
        errors.append(None if text_field in record else f"no field {text_field!r}")
    return normalize_rows(options, ids, texts, max_chars, errors)
