"""The pieces of the command line, each called directly: the report and its exit
status (cli/report.py), the worker pool (cli/concurrency.py), and the group that
falls back to the default command and loads its sub-commands lazily (cli/app.py)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from normalizer.cli import app as cli
from normalizer.cli import concurrency
from normalizer.cli.report import BAD_INPUT, FINDINGS, OK, Outcome, Report
from normalizer.forking import can_fork


def outcome(name: str, applied: int = 0, suggested: int = 0, error: str = "") -> Outcome:
    if error:
        return Outcome(name, None, error=error)
    result = SimpleNamespace(applied=["fix"] * applied, suggestions=["maybe"] * suggested)
    result.corrections = result.applied + result.suggestions
    return Outcome(name, result)


# --- report --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check, outcomes, code",
    [
        (False, [], OK),
        (True, [], OK),
        (True, [outcome("a", suggested=2)], OK),  # suggestions never fail --check
        (True, [outcome("a"), outcome("b", applied=1)], FINDINGS),
        (False, [outcome("a", applied=3)], OK),  # written, not a finding
        (True, [outcome("a", applied=1), outcome("b", error="b: no such file")], BAD_INPUT),
        (False, [outcome("a"), outcome("b", error="b: not UTF-8")], BAD_INPUT),
    ],
)
def test_report_return_code(check, outcomes, code):
    report = Report(check=check)
    for each in outcomes:
        report.add(each, errors=io.StringIO())
    assert report.return_code == code


def test_report_tells_a_failure_at_once_and_keeps_only_the_normalized():
    errors = io.StringIO()
    report = Report()
    report.add(outcome("a", applied=1), errors=errors)
    report.add(outcome("b", error="b: no such file"), errors=errors)
    assert errors.getvalue() == "normalize: error: b: no such file\n"
    assert [o.name for o in report.outcomes] == ["a"] and report.failures == 1


def test_report_summary():
    report = Report(check=True)
    assert report.summary() == ""
    for each in (outcome("a", applied=2), outcome("b", suggested=1), outcome("c", applied=1)):
        report.add(each)
    assert report.summary() == "normalize: 3 corrections to apply in 2 of 3 file(s)"
    report = Report(done=True)
    report.add(outcome("a", applied=1))
    assert report.summary() == "normalize: 1 correction applied in 1 of 1 file(s)"


# --- worker pool ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "jobs, items, cpus, workers",
    [
        (0, 49, 8, 0),  # one worker's worth of files: none
        (0, 50, 8, 2),
        (0, 1000, 4, 4),  # one per CPU
        (1, 1000, 8, 0),  # -j 1: none
        (3, 1000, 8, 3),
        (8, 100, 8, 4),  # never fewer than MIN_FILES_PER_WORKER files each
    ],
)
def test_worker_count(jobs, items, cpus, workers):
    assert concurrency.MIN_FILES_PER_WORKER == 25  # the premise of the table
    assert concurrency.worker_count(jobs, items, cpus) == workers


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.skipif(not can_fork(), reason="workers are forked")
def test_workers_give_the_outcomes_of_one_process_in_order():
    items = list(range(120))
    loaded = []
    parallel = list(concurrency.run(_square_and_pid, items, jobs=2, before_fork=lambda workers: loaded.append(workers)))
    serial = list(concurrency.run(_square_and_pid, items, jobs=1, before_fork=lambda workers: loaded.append(-1)))
    assert [value for value, _ in parallel] == [value for value, _ in serial] == [n * n for n in items]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in parallel}  # really on workers
    assert loaded == [2]  # once, before the fork, told how many; never for a run without workers
    assert concurrency._worker_task is None


def test_few_items_run_here():
    outcomes = list(concurrency.run(_square_and_pid, [1, 2, 3], jobs=4))
    assert outcomes == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


# --- the group: default command, sub-commands, version, help --------------------------------


def invoke(*args: str):
    return CliRunner().invoke(cli.app, list(args), prog_name="normalize")


def test_version():
    from normalizer._version import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"normalize {__version__}\n"


@pytest.mark.parametrize("args", [["--check"], ["--check", "--", "-odd.txt"], ["-j2", "--check"], []])
def test_arguments_that_name_no_sub_command_go_to_the_default_command(monkeypatch, tmp_path, args):
    seen = []
    monkeypatch.setattr(cli, "plan", lambda paths: seen.append(paths) or [])
    monkeypatch.chdir(tmp_path)
    for name in ("gazetteer.txt", "./eval", "normalize"):
        result = invoke(*args, name)
        assert result.exit_code == 0, result.output
    assert seen[-3:] == [[*(["-odd.txt"] if "-odd.txt" in args else []), name] for name in
                         ("gazetteer.txt", "./eval", "normalize")]


def test_a_sub_command_name_first_runs_the_sub_command(monkeypatch):
    calls = []
    monkeypatch.setitem(cli.SUBCOMMANDS, "eval", ("tests_fake_eval:main", "fake"))
    monkeypatch.setitem(sys.modules, "tests_fake_eval", SimpleNamespace(main=lambda argv: calls.append(argv) or 3))
    result = invoke("eval", "--check", "--", "x", "--help")
    assert calls == [["--check", "--", "x", "--help"]]  # untouched
    assert result.exit_code == 3


def test_a_usage_error_names_the_program_not_the_default_command():
    result = invoke("--format", "xml", "x.txt")
    assert result.exit_code == 2
    assert "Usage: normalize [OPTIONS]" in result.output
    assert "normalize normalize" not in result.output


def test_help_lists_the_sub_commands_and_the_files_written():
    result = invoke("--help")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("Usage: normalize [OPTIONS] ")
    assert "normalize COMMAND [ARGS]..." in page
    assert "article.normalized.txt" in page and "article.diff" in page
    commands = page.split("\nCommands:\n", 1)[1]
    assert [line.split()[0] for line in commands.splitlines() if line.startswith("  ") and line[2] != " "] == [
        "gazetteer",
        "eval",
        "corpus",
        "review",
        "report",
    ]
    for option in ("--check", "--in-place", "--jobs", "--version", "--help"):
        assert option in page
    assert invoke("article.txt", "--help").stdout == page  # one page, wherever --help is


def test_the_short_help_of_a_lazy_sub_command_is_its_own():
    group = cli.load_subcommand("gazetteer")
    assert cli.SUBCOMMANDS["gazetteer"][1] == group.get_short_help_str(limit=200)
    assert set(group.commands) >= {"validate", "lint", "stats", "add-variant"}


def test_every_help_page_is_plain_text():
    for args in (["--help"], ["gazetteer", "--help"], ["gazetteer", "lint", "--help"], ["gazetteer", "nope"]):
        result = invoke(*args)
        assert "Usage: normalize" in result.output, args
        assert not set("╭─│╰") & set(result.output), args  # no rich panels


def test_sub_commands_load_only_when_run():
    modules = [target.split(":")[0] for target, _ in cli.SUBCOMMANDS.values()]
    script = (
        "import sys\nfrom normalizer.cli.app import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(' '.join(name for name in {modules!r} if name in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "gazetteer" in done.stdout
    assert done.stderr.split() == []


@pytest.mark.parametrize("thread", [False, True])
def test_the_console_script_ends_without_the_interpreters_teardown(tmp_path, thread):
    # The run's output and status as ever; the teardown (here an exit handler)
    # skipped, unless another thread is still running.
    article = tmp_path / "a.txt"
    article.write_text("Fatem Mokhajelani met reporters.\n", encoding="utf-8")
    script = (
        "import atexit, sys, threading, time\n"
        "atexit.register(lambda: print('teardown', file=sys.stderr))\n"
        + ("threading.Thread(target=time.sleep, args=(0.5,)).start()\n" if thread else "")
        + f"sys.argv = ['normalize', '--check', {str(article)!r}]\n"
        "from normalizer.cli.app import main\nmain()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1 and "Fatemeh Mohajerani" in done.stdout
    assert ("teardown" in done.stderr) is thread


def test_a_profiled_run_writes_its_profile(tmp_path):
    # cProfile writes what it saw as the script ends: the teardown is kept for it.
    article = tmp_path / "a.txt"
    article.write_text("Fatem Mokhajelani met reporters.\n", encoding="utf-8")
    stats = tmp_path / "run.prof"
    script = tmp_path / "normalize_script.py"
    script.write_text("import sys\nfrom normalizer.cli.app import main\nsys.exit(main())\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), str(script), "--check", str(article)],
        capture_output=True, text=True,
    )
    assert "Fatemeh Mohajerani" in done.stdout  # (cProfile's own exit status is 0)
    assert stats.stat().st_size > 0
