"""A real `normalize corpus` process killed part-way (after its first partition
is recorded), then the same command again: it finishes, keeps what was done,
and every record is in the output exactly once, as the library gives it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter


from tests.conftest import installed_normalize
from tests.ingest_corpus import comparable, expected, records, write_jsonl

RECORDS = 120
PARTITION = 4  # 30 partitions: the kill lands long before the last one


def recorded(manifest_path) -> dict:
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))["partitions"]
    except (OSError, ValueError, KeyError):
        return {}


def test_a_killed_job_resumes_and_writes_every_record_once(tmp_path, bundled_normalizer):
    data = records(RECORDS)
    source = write_jsonl(tmp_path / "in.jsonl", data)
    out = tmp_path / "out"
    command = [installed_normalize(), "corpus", str(source), "-o", str(out), "--text-field", "body",
               "--partition-size", str(PARTITION), "--workers", "2", "--format", "jsonl"]
    manifest = out / "_manifest.json"

    job = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not recorded(manifest) and job.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert job.poll() is None, "the job ended before it could be killed: " + job.stderr.read().decode()
        assert recorded(manifest), "no partition recorded within 5 minutes"
        os.killpg(job.pid, signal.SIGKILL)  # the job and its worker processes, as an OOM kill or a lost node
    finally:
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGKILL)
        job.wait()
        job.stderr.close()
    assert job.returncode == -signal.SIGKILL

    state = json.loads(manifest.read_text(encoding="utf-8"))
    assert not state["complete"]
    kept = {key: (out / entry["file"]).stat().st_mtime_ns for key, entry in state["partitions"].items()}
    assert 1 <= len(kept) < RECORDS // PARTITION

    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"every one of the {RECORDS} input ids appears exactly once" in again.stderr
    assert "from an earlier run" in again.stderr
    # The index's files are closed at exit without noise ("Exception ignored in __del__").
    assert "Traceback" not in again.stderr and "Exception ignored" not in again.stderr

    state = json.loads(manifest.read_text(encoding="utf-8"))
    assert state["complete"] and len(state["partitions"]) == RECORDS // PARTITION
    for key, mtime in kept.items():  # what the killed run finished was not done again
        assert (out / state["partitions"][key]["file"]).stat().st_mtime_ns == mtime
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    rows = [json.loads(line) for key in sorted(state["partitions"])
            for line in (out / state["partitions"][key]["file"]).read_text(encoding="utf-8").splitlines()]
    assert Counter(r["id"] for r in rows) == Counter(d["id"] for d in data)
    assert all(n == 1 for n in Counter(r["id"] for r in rows).values())
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert [comparable(r) for r in rows] == [expected(bundled_normalizer, d["body"]) for d in data]
