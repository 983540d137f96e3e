"""Normalizing a Spark DataFrame column, with the Normalizer loaded once per executor process.

    from normalizer.spark import normalize_column

    df = spark.read.parquet("articles/")
    out = normalize_column(df, "body")            # adds the struct column "normalized"
    out.select("id", "normalized.text", "normalized.corrections").write.parquet("out/")

The column `output` (default "normalized") is a struct of `text` (the
normalized text), `corrections` (an array of structs: start, end, original,
replacement, entity, kind, confidence, applied), `changed` and `error` (why a
value has no result: null, empty, too long), as `normalize corpus` writes them.

A pandas UDF: Arrow batches of the column go to Python workers, which Spark
reuses (`spark.python.worker.reuse`, on by default); each keeps the
`Normalizer` in a per-process cache keyed by the `Options` value
(`normalizer.ingest.workers.normalizer_for`), so only that small value is
shipped with the UDF and the index is loaded once per Python worker.
"""

from __future__ import annotations

from typing import Optional

from normalizer.batch import DEFAULT_MAX_CHARS
from normalizer.ingest.rows import COLUMN_TYPES, COLUMNS, CORRECTION_TYPES
from normalizer.options import Options

# Spark's names of the row types of normalizer.ingest.rows.
_SPARK_TYPES = {"int": "bigint", "float": "double", "str": "string", "bool": "boolean"}
# The struct of the output column: every row field but the id.
STRUCT_FIELDS = tuple(name for name in COLUMNS if name != "id")


def _struct_ddl() -> str:
    correction = ",".join(f"{name}:{_SPARK_TYPES[kind]}" for name, kind in CORRECTION_TYPES)
    types = {**_SPARK_TYPES, "corrections": f"array<struct<{correction}>>"}
    return "struct<" + ",".join(f"{name}:{types[kind]}" for name, kind in COLUMN_TYPES if name != "id") + ">"


STRUCT_DDL = _struct_ddl()


def normalize_column(df, column: str, output: str = "normalized", options: Optional[Options] = None,
                     max_chars: int = DEFAULT_MAX_CHARS):
    """`df` with the struct column `output`: the normalized `column`, row by row."""
    return df.withColumn(output, normalize_udf(options, max_chars)(df[column]))


def normalize_udf(options: Optional[Options] = None, max_chars: int = DEFAULT_MAX_CHARS):
    """The pandas UDF itself, for `select` and SQL: string column in, struct out."""
    from pyspark.sql.functions import pandas_udf

    options = options or Options()

    def normalize(texts):  # a pandas Series of strings (None for null)
        return normalize_batch(texts, options, max_chars)

    return pandas_udf(normalize, STRUCT_DDL)


def normalize_batch(texts, options: Optional[Options] = None, max_chars: int = DEFAULT_MAX_CHARS):
    """What the UDF does with one Arrow batch: a pandas Series of texts in, a
    DataFrame of the struct's fields out, with this process's cached Normalizer."""
    import pandas as pd

    from normalizer.ingest.workers import normalize_rows

    rows = normalize_rows(options, range(len(texts)), texts.tolist(), max_chars)
    return pd.DataFrame({name: [row[name] for row in rows] for name in STRUCT_FIELDS})
