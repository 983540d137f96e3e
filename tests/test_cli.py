"""End to end: the installed `normalize` command, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEEDS, installed_normalize

SEED_NAMES = sorted(p.name for p in SEEDS.glob("0*.txt"))


def run(*args, cwd=None, stdin: bytes | None = None):
    return subprocess.run([installed_normalize(), *map(str, args)], cwd=cwd, input=stdin, capture_output=True)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_stdout_equals_reference(name):
    done = run("--stdout", SEEDS / name)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (SEEDS / "reference" / name).read_bytes()


def test_files_are_written_beside_the_input_and_the_diff_applies(tmp_path):
    article = tmp_path / "article.txt"
    shutil.copy(SEEDS / "000_5c59bf609092c03b.txt", article)
    before = article.read_bytes()
    done = run(article)
    assert done.returncode == 0, done.stderr
    assert article.read_bytes() == before  # the input is never touched
    normalized = tmp_path / "article.normalized.txt"
    assert normalized.read_bytes() == (SEEDS / "reference" / "000_5c59bf609092c03b.txt").read_bytes()
    report = done.stdout.decode()
    assert f"{article}:1:39: Fatem Mokhajelani -> Fatemeh Mohajerani (" in report
    diff = (tmp_path / "article.diff").read_text(encoding="utf-8")
    assert diff.startswith("--- a/article.txt\n+++ b/article.txt\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "article.diff"], cwd=tmp_path, check=True)
    assert article.read_bytes() == normalized.read_bytes()


def test_several_paths_and_json_report(tmp_path):
    paths = []
    for name in SEED_NAMES[:2]:
        shutil.copy(SEEDS / name, tmp_path / name)
        paths.append(tmp_path / name)
    done = run("--format", "json", *paths)
    assert done.returncode == 0, done.stderr
    import json

    records = json.loads(done.stdout)  # one record per file, garbled or not
    assert [r["path"] for r in records] == [str(p) for p in paths]
    assert [r["changed"] for r in records] == [True, False]
    assert all((tmp_path / (p.stem + ".normalized.txt")).exists() for p in paths)


def test_stdin_to_stdout():
    text = (SEEDS / "000_5c59bf609092c03b.txt").read_bytes()
    done = run("-", stdin=text)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (SEEDS / "reference" / "000_5c59bf609092c03b.txt").read_bytes()
    assert b"Mokhajelani" in done.stderr  # the report goes to stderr


def test_own_gazetteer_without_the_bundled_ones(tmp_path, newsroom_gazetteer):
    article = tmp_path / "energy.txt"
    article.write_text("The energy minister Yerlan Nulgariyev said prices would rise.\n", encoding="utf-8")
    done = run("--no-bundled", "--gazetteer", newsroom_gazetteer, "--stdout", article)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "The energy minister Yerlan Nurgaliyev said prices would rise.\n"


def test_min_confidence_applies_a_suggestion(tmp_path, newsroom_gazetteer):
    article = tmp_path / "later.txt"
    article.write_text("Later, Nurgalyiev declined to comment.\n", encoding="utf-8")
    default = run("--no-bundled", "-g", newsroom_gazetteer, "--min-confidence", "0.99", "--stdout", article)
    assert default.stdout.decode() == "Later, Nurgalyiev declined to comment.\n"
    assert b"suggestion: Nurgalyiev -> Nurgaliyev (" in default.stderr
    lenient = run("--no-bundled", "-g", newsroom_gazetteer, "--min-confidence", "0.9", "--stdout", article)
    assert lenient.stdout.decode() == "Later, Nurgaliyev declined to comment.\n"


def test_bom_crlf_and_missing_final_newline_pass_through(tmp_path):
    article = tmp_path / "windows.txt"
    raw = "\ufeffAt a meeting, Foreign Minister Abbas Aragut spoke.\r\nNothing else.".encode("utf-8")
    article.write_bytes(raw)
    done = run("--stdout", article)
    assert done.returncode == 0, done.stderr
    assert done.stdout == raw.replace(b"Aragut", b"Araghchi")


def test_empty_file(tmp_path):
    article = tmp_path / "empty.txt"
    article.write_bytes(b"")
    done = run(article)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "empty.normalized.txt").read_bytes() == b""


def bad_inputs(tmp_path: Path):
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("Tehr\xe1n".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    text = (SEEDS / "000_5c59bf609092c03b.txt").read_text(encoding="utf-8")
    wide = {}
    for encoding in ("utf-16", "utf-16-le", "utf-32"):  # with a byte order mark, without, with
        wide[encoding] = tmp_path / f"{encoding}.txt"
        wide[encoding].write_bytes(text.encode(encoding))
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "folder": (tmp_path, "is a directory"),
        "not utf-8": (not_utf8, "not UTF-8"),
        "binary": (binary, "not a text file (contains NUL bytes)"),
        "utf-16": (wide["utf-16"], ": is UTF-16 text; normalize needs UTF-8"),
        "utf-16 without a mark": (wide["utf-16-le"], ": is UTF-16 text; normalize needs UTF-8"),
        "utf-32": (wide["utf-32"], ": is UTF-32 text; normalize needs UTF-8"),
    }


BAD_INPUTS = ["missing", "folder", "not utf-8", "binary", "utf-16", "utf-16 without a mark", "utf-32"]


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, case):
    path, message = bad_inputs(tmp_path)[case]
    before = sorted(tmp_path.iterdir())
    done = run(path)
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0]
    assert sorted(tmp_path.iterdir()) == before


def run_bounded(*args, stdin=None):
    """`run` that cannot take the machine down: a minute at most, and 2 GiB of
    memory, so a read that never ends fails the test instead."""
    import resource

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    command = [installed_normalize(), *map(str, args)]
    return subprocess.run(command, stdin=stdin, capture_output=True, timeout=60, preexec_fn=limit_memory)


@pytest.mark.skipif(not (hasattr(os, "mkfifo") and Path("/dev/zero").exists()), reason="POSIX devices and FIFOs")
@pytest.mark.parametrize("mode", [["--check"], []])
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_a_pipe_is_refused_without_being_read(tmp_path, mode, kind):
    if kind == "fifo":
        path, said = tmp_path / "pipe.txt", "is a named pipe (FIFO)"
        os.mkfifo(path)  # no writer: opening it for reading would wait for ever
    else:
        path, said = Path("/dev/zero"), "is a device"  # endless
    before = sorted(tmp_path.iterdir())
    done = run_bounded(*mode, path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().splitlines()
    assert lines == [f"normalize: error: {path}: {said}, not a regular file; give a file, or '-' for stdin"]
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_stdin_is_read_up_to_the_limit_and_refused():
    with open("/dev/zero", "rb") as endless:
        done = run_bounded("--check", "-", stdin=endless)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == ["normalize: error: <stdin>: over the 67108864 byte limit for one article"]


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux's /proc")
def test_the_read_stops_at_the_limit_whatever_the_size_says(monkeypatch):
    # A /proc file says it holds 0 bytes and holds thousands.
    from normalizer.cli import files
    from normalizer.errors import InputError

    assert os.stat("/proc/self/maps").st_size == 0
    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 100)
    with pytest.raises(InputError, match="^/proc/self/maps: over the 100 byte limit for one article$"):
        files.read_article("/proc/self/maps")


@pytest.mark.parametrize(
    "content, message",
    [
        ("entities: [unclosed\n", "malformed"),
        ("entities:\n  - canonical: X\n    kind: planet\n", ":2:"),
        ("entities:\n  - {canonical: X, kind: person, colour: red}\n", "unknown entity field"),
        ("- just a list\n", "mapping"),
    ],
)
def test_bad_gazetteer_exits_2_naming_file_and_line(tmp_path, content, message):
    gazetteer = tmp_path / "bad.yaml"
    gazetteer.write_text(content, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    done = run("-g", gazetteer, article)
    assert done.returncode == 2
    assert str(gazetteer) in done.stderr.decode() and message in done.stderr.decode()
    assert not (tmp_path / "a.normalized.txt").exists()


def test_hostile_yaml_tag_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    gazetteer = tmp_path / "evil.yaml"
    gazetteer.write_text(f'entities: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    done = run("-g", gazetteer, article)
    assert done.returncode == 2 and "evil.yaml" in done.stderr.decode()
    assert not marker.exists()


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run("--format", "xml", "x.txt").returncode == 2


def _many_articles(folder: Path, count: int) -> list[Path]:
    """`count` articles cut from the seeds: some garbled, some clean, one unreadable."""
    seeds = sorted(SEEDS.glob("*.txt"))
    paths = []
    for number in range(count):
        path = folder / f"{number:03d}.txt"
        path.write_bytes(seeds[number % len(seeds)].read_bytes())
        paths.append(path)
    paths[7].write_bytes(b"\xff\xfe not utf-8 \xc3\x28")
    return paths


@pytest.mark.parametrize("mode", [["--check"], ["--diff"], ["--check", "--format", "json"], []])
def test_worker_processes_give_the_same_output_as_one(tmp_path, mode):
    one, many = tmp_path / "one", tmp_path / "many"
    one.mkdir(), many.mkdir()
    _many_articles(one, 60)
    _many_articles(many, 60)
    names = [f"{n:03d}.txt" for n in range(60)]
    sequential = run(*mode, "-j", "1", *names, cwd=one)
    parallel = run(*mode, "-j", "2", *names, cwd=many)
    assert parallel.returncode == sequential.returncode == 2  # the unreadable article
    assert parallel.stdout == sequential.stdout
    assert parallel.stderr == sequential.stderr
    assert sequential.stdout.count(b"\n") > 10
    for name in sorted(p.name for p in one.iterdir()):
        assert (many / name).read_bytes() == (one / name).read_bytes(), name


# Imported only where needed (cli._run, config._read_yaml, gazetteer.parse_file,
# the typer pin, cli.app.quick_parse, engine._load: the gazetteers' schema and
# parsing only where an index is built): the pre-commit hook runs `normalize
# --check` at every commit.
NOT_AT_START = ("multiprocessing", "concurrent.futures.process", "yaml", "pydantic", "typer", "normalizer.gazetteer.loading")
_IMPORTED_AFTER_RUN = """
import sys
from normalizer.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(name for name in {names!r} if name in sys.modules))
"""


def test_a_hook_run_imports_neither_multiprocessing_nor_yaml(tmp_path, cache_folder, newsroom_gazetteer):
    import sys

    article = tmp_path / "clean.txt"
    article.write_text("The minister Ruhollah Khomeini spoke.\n", encoding="utf-8")
    script = _IMPORTED_AFTER_RUN.format(names=NOT_AT_START)
    args = [sys.executable, "-c", script, "--check", "--no-bundled", "-g", newsroom_gazetteer, article]
    cold = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "yaml" in cold.stdout.split()  # the first run parses the gazetteer and caches the index
    warm = subprocess.run(args, capture_output=True, text=True, check=True)
    assert warm.stdout.split() == [], warm.stderr


def test_importing_the_cli_imports_neither_multiprocessing_nor_yaml():
    import sys

    script = f"import sys, normalizer.cli.app; print(' '.join(n for n in {NOT_AT_START!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


# --- sub-commands and --version, as a user runs them ----------------------------------------


def installed(script: str) -> str:
    found = shutil.which(script, path=str(Path(installed_normalize()).parent))
    if not found:
        pytest.fail(f"the `{script}` command is not installed: run `pip install -e '.[test]'` first")
    return found


def test_version_is_the_package_version():
    from importlib.metadata import version

    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.decode() == f"normalize {version('news-normalizer')}\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        ([SEEDS, SEEDS / "reference", "--glob", "*.txt"], "normalizer: 5 texts"),
        (["garble", SEEDS / "reference", "--seed", "1"], '{"id": "000_5c59bf609092c03b.txt"'),
        (["--help"], "usage: normalize-eval"),
    ],
)
def test_normalize_eval_is_normalize_eval(args, expected):
    new = run("eval", *args)
    old = subprocess.run([installed("normalize-eval"), *map(str, args)], capture_output=True)
    assert new.returncode == 0, new.stderr
    assert expected in new.stdout.decode()
    assert (new.returncode, new.stdout, new.stderr) == (old.returncode, old.stdout, old.stderr)


def test_normalize_eval_bad_input_exits_2_as_normalize_eval_does(tmp_path):
    new = run("eval", tmp_path / "missing")
    old = subprocess.run([installed("normalize-eval"), tmp_path / "missing"], capture_output=True)
    assert new.returncode == old.returncode == 2
    assert new.stderr == old.stderr


def test_gazetteer_sub_command(newsroom_gazetteer):
    helped = run("gazetteer", "--help")
    assert helped.returncode == 0
    page = helped.stdout.decode()
    assert page.startswith("Usage: normalize gazetteer [OPTIONS] COMMAND [ARGS]...")
    for command in ("validate", "lint", "stats", "add-variant"):
        assert f"\n  {command} " in page
    validated = run("gazetteer", "validate", newsroom_gazetteer)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.decode() == "1 file(s), 9 entities: valid\n"


def test_top_level_help_lists_the_sub_commands():
    done = run("--help")
    assert done.returncode == 0
    page = done.stdout.decode()
    assert "\nCommands:\n  gazetteer " in page and "\n  eval " in page
    assert "article.normalized.txt" in page


def test_an_article_named_like_a_sub_command_is_normalized_with_a_path(tmp_path):
    (tmp_path / "eval").write_bytes((SEEDS / "000_5c59bf609092c03b.txt").read_bytes())
    done = run("--check", "./eval", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("./eval:1:39: Fatem Mokhajelani -> Fatemeh Mohajerani")
