"""A call made in a forked child (normalizer.forked_call): the same value as
made here, made here when the child fails, and the index built with its
tables looked up and packed in children byte for byte the index built without."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import forked_call
from normalizer.forked_call import ForkedCall, can_fork_here, spare_cpu

ROOT = Path(__file__).resolve().parent.parent
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a child is forked on Linux only")


# A CPU taken as free for the child whatever else the machine runs (forked_call.spare_cpu).
SPARE_CPU = """
from normalizer import forked_call
forked_call.spare_cpu = lambda: True
"""


def _in_a_fresh_interpreter(script: str) -> None:
    # A test run may have other threads (a pool left by an earlier test): no fork there.
    command = [sys.executable, "-c", SPARE_CPU + script]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def _pid_and(value):
    return os.getpid(), value


@LINUX
def test_the_value_is_made_in_a_child_and_comes_back():
    _in_a_fresh_interpreter(
        """
import os
from normalizer.forked_call import ForkedCall
def made(n):
    return os.getpid(), [str(k) * 3 for k in range(n)], b"x" * n
with ForkedCall(made, 100_000) as call:
    pid, texts, data = call.result()
assert pid != os.getpid()
assert texts == [str(k) * 3 for k in range(100_000)] and data == b"x" * 100_000
with ForkedCall(made, 3, fork=False) as call:
    assert call.result()[0] == os.getpid()  # not worth a child: made here
print("ok")
"""
    )


@LINUX
def test_a_failing_child_leaves_the_call_to_this_process():
    _in_a_fresh_interpreter(
        """
import os
from normalizer.forked_call import ForkedCall
parent = os.getpid()
def dies_in_the_child():
    if os.getpid() != parent:
        os._exit(3)
    return "made here"
def raises_in_the_child():
    if os.getpid() != parent:
        raise MemoryError
    return "made here"
for function in (dies_in_the_child, raises_in_the_child):
    with ForkedCall(function) as call:
        assert call.result() == "made here"
print("ok")
"""
    )


@LINUX
def test_a_child_whose_value_is_never_asked_for_is_stopped():
    _in_a_fresh_interpreter(
        """
import os, time
from normalizer.forked_call import ForkedCall
try:
    with ForkedCall(time.sleep, 60) as call:
        child = call._pid
        raise KeyError("the caller failed first")
except KeyError:
    pass
try:  # reaped: no child left behind
    os.waitpid(child, os.WNOHANG)
    raise AssertionError("the child was not reaped")
except ChildProcessError:
    pass
print("ok")
"""
    )


def test_an_error_of_the_call_is_raised_here():
    with ForkedCall(int, "not a number") as call, pytest.raises(ValueError):
        call.result()


def test_without_a_fork_the_call_is_made_here(monkeypatch):
    # No free CPU (a busy machine): the call is made in this process. The
    # machine's own load is not read twice, since it may change in between.
    monkeypatch.setattr(forked_call, "spare_cpu", lambda: False)
    assert not can_fork_here()
    with ForkedCall(_pid_and, "same") as call:
        pid, value = call.result()
    assert value == "same" and pid == os.getpid()


@LINUX
def test_an_index_built_with_children_is_the_index_built_here():
    _in_a_fresh_interpreter(
        """
import os, pickle
os.environ["NORMALIZER_NO_CACHE"] = "1"
from normalizer import forked_call
from normalizer.gazetteer import index as index_module
from normalizer.gazetteer.loading import gazetteer_files, load_files
gazetteer = load_files(gazetteer_files(["benchmarks/corpus/wikinews/gazetteer.yaml"]))
here = pickle.dumps(index_module.build_index(gazetteer), protocol=5)
forks, fork = [], os.fork
def counted():
    pid = fork()
    forks.append(pid)
    return pid
os.fork = counted
index_module.FORK_ENTITIES = 0
assert pickle.dumps(index_module.build_index(gazetteer), protocol=5) == here
assert len(forks) == 2 and min(forks) > 0, forks  # the table lookups, the packing
print("ok")
"""
    )


@LINUX
def test_no_child_without_a_free_cpu(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # one CPU, which this thread holds
    assert not spare_cpu() and not can_fork_here()
    assert ForkedCall(_pid_and, 1).result() == (os.getpid(), 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(10_000)))
    assert spare_cpu()
    monkeypatch.setattr(forked_call, "open", lambda *args, **kwargs: (_ for _ in ()).throw(OSError), raising=False)
    assert not spare_cpu()  # unknown: no child
