"""`normalizer.spark.normalize_column` on PySpark in local mode: what the library
gives, errors for null and empty values, and the Normalizer loaded once per
Python worker process (never per batch). Needs a Java runtime (`.ci/run`
installs one); skipped, saying so, only where there is none."""

from __future__ import annotations

import shutil

import pytest

from tests.ingest_corpus import comparable, expected, records

pytest.importorskip("pyspark", reason="pyspark is in the test extra: pip install -e '.[test]'")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (java not on PATH), which Spark needs; .ci/run installs one with apt-get",
                allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    import warnings

    from pyspark.sql import SparkSession

    warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("normalizer-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2")  # several batches per worker
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_normalize_column_is_what_normalize_gives(spark, bundled_normalizer):
    from normalizer.spark import normalize_column

    data = records(10)
    rows = [(d["id"], d["body"]) for d in data] + [("null", None), ("empty", "")]
    df = spark.createDataFrame(rows, "id string, body string").repartition(4)
    out = {r["id"]: r for r in normalize_column(df, "body").select("id", "normalized").collect()}
    assert set(out) == {row[0] for row in rows}
    for d in data:
        got = out[d["id"]]["normalized"].asDict(recursive=True)
        assert comparable(got) == expected(bundled_normalizer, d["body"]), d["id"]
    assert out["null"]["normalized"]["error"] == "no text (null)"
    assert out["empty"]["normalized"]["error"] == "empty text"
    assert out["empty"]["normalized"]["text"] is None


def test_the_normalizer_is_loaded_once_per_python_worker(spark):
    from pyspark.sql.functions import pandas_udf

    data = records(12)
    df = spark.createDataFrame([(d["id"], d["body"]) for d in data], "id string, body string").repartition(6)

    @pandas_udf("string")
    def where(values):  # the UDF's own work on each batch, then where it ran and how many loads that process made
        import pandas as pd

        from normalizer.ingest.workers import loads
        from normalizer.spark import normalize_batch

        normalized = normalize_batch(values)
        info = loads()
        return pd.Series([f"{info['pid']}:{info['loads']}"] * len(normalized))

    seen = [r["where"] for r in df.select(where("body").alias("where")).collect()]
    assert len(seen) == 12
    assert {int(s.split(":")[1]) for s in seen} == {1}, seen  # one Normalizer per process, however many batches
    assert len({s.split(":")[0] for s in seen}) < 6  # fewer processes than batches: the workers were reused
