"""On a real Dask cluster: a `distributed.LocalCluster` of 2 worker processes.
`normalize corpus --engine dask --scheduler ADDRESS` and `normalize_bag` give what
the library gives, and each worker loads the Normalizer once, not once per task."""

from __future__ import annotations


import pytest

from normalizer.ingest import workers
from normalizer.ingest.command import main
from tests.ingest_corpus import comparable, expected, records, write_jsonl

distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
pytest.importorskip("pyarrow", reason="pyarrow is in the test extra")
import dask.bag as db  # noqa: E402

RECORDS, PARTITION = 16, 2  # 8 partitions on 2 workers


@pytest.fixture(scope="module")
def client():
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_corpus_on_a_dask_cluster_is_what_normalize_gives(tmp_path, capsys, client, bundled_normalizer):
    data = records(RECORDS)
    source = write_jsonl(tmp_path / "in.jsonl", data)
    out = tmp_path / "out.parquet"
    code = main([str(source), "-o", str(out), "--text-field", "body", "--partition-size", str(PARTITION),
                 "--engine", "dask", "--scheduler", client.scheduler.address])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"every one of the {RECORDS} input ids appears exactly once" in err
    import pyarrow.parquet as pq

    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert [comparable(r) for r in rows] == [expected(bundled_normalizer, d["body"]) for d in data]

    loads = client.run(workers.loads)  # worker address -> {"pid", "loads"}
    assert len(loads) == 2
    assert {info["pid"] for info in loads.values()}.isdisjoint({__import__("os").getpid()})
    assert all(info["loads"] <= 1 for info in loads.values()), loads  # never once per task
    assert sum(info["loads"] for info in loads.values()) >= 1


def test_normalize_bag_on_the_cluster(client, bundled_normalizer):
    from normalizer.ingest.bag import normalize_bag

    data = records(6) + [{"id": "nobody"}, {"id": "number", "body": 3}]
    rows = normalize_bag(db.from_sequence(data, npartitions=4), text_field="body").compute(scheduler=client)
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert [comparable(r) for r in rows[:6]] == [expected(bundled_normalizer, d["body"]) for d in data[:6]]
    assert [r["error"] for r in rows[6:]] == ["no field 'body'", "not a string (int)"]
    assert all(info["loads"] <= 1 for info in client.run(workers.loads).values())


def test_a_scheduler_that_does_not_answer_is_unusable_input(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    code = main([str(source), "-o", str(tmp_path / "o.jsonl"), "--text-field", "body", "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "--scheduler tcp://127.0.0.1:1: cannot connect" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()
