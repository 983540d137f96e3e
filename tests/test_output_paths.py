"""The files `normalize article.txt` writes beside the article (article.normalized.txt,
article.diff): never over an input or over one another, never read back as
articles by a later run, all checked before the first is written; and file
names a report line or a diff header cannot hold as they are, quoted as git
quotes them. The installed command, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEEDS, installed_normalize
from typer.testing import CliRunner

GARBLED = SEEDS / "000_5c59bf609092c03b.txt"  # six corrections
REPAIRED = SEEDS / "reference" / GARBLED.name
CLEAN = SEEDS / "001_03dd391ba65497f6.txt"


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *map(str, args)], cwd=cwd, capture_output=True, timeout=300)


def files(folder: Path) -> dict[str, bytes | None]:
    """Every entry of `folder` with its bytes (None for a folder)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in folder.iterdir()}


def error_line(done: subprocess.CompletedProcess) -> str:
    """The one line of a refused run."""
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# --- two outputs, or an output and an input, that are one file -------------------------------


@pytest.mark.parametrize(
    "names, message",
    [
        # both diffs would be a.diff: the one written second would hide the first
        (["a.txt", "a.md"], "the diff of a.txt and the diff of a.md would both be a.diff; nothing written"),
        # one file under two names: compared resolved
        (["a.txt", "./a.txt"], "the normalized text of a.txt and the normalized text of ./a.txt would both be"),
        # the diff of a.diff is a.diff: it would overwrite its own input
        (["a.diff"], "a.diff: its diff would be written over it (a.diff)"),
    ],
)
def test_colliding_outputs_refuse_the_run_before_anything_is_written(tmp_path, names, message):
    for name in names:
        shutil.copyfile(GARBLED, tmp_path / name)
    before = files(tmp_path)
    done = run(*names, cwd=tmp_path)
    assert message in error_line(done)
    assert files(tmp_path) == before


def test_an_output_that_is_another_input_under_a_link_refuses_the_run(tmp_path):
    # notes.txt is x.normalized.txt under another name: writing x's output would change it
    shutil.copyfile(GARBLED, tmp_path / "x.txt")
    shutil.copyfile(GARBLED, tmp_path / "x.normalized.txt")
    (tmp_path / "notes.txt").symlink_to("x.normalized.txt")
    before = files(tmp_path)
    done = run("x.txt", "notes.txt", cwd=tmp_path)
    line = error_line(done)
    assert "the normalized text of x.txt, x.normalized.txt, would overwrite the input notes.txt" in line
    assert files(tmp_path) == before


# --- outputs given back as inputs: skipped, with a note --------------------------------------


def test_a_second_run_on_the_same_glob_skips_the_first_runs_outputs(tmp_path):
    shutil.copyfile(GARBLED, tmp_path / "000.txt")
    shutil.copyfile(CLEAN, tmp_path / "001.txt")
    first = run("000.txt", "001.txt", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    written = files(tmp_path)
    assert sorted(written) == ["000.diff", "000.normalized.txt", "000.txt", "001.diff", "001.normalized.txt", "001.txt"]
    glob = sorted(p.name for p in tmp_path.glob("*.txt"))  # `normalize *.txt` again
    second = run(*glob, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert files(tmp_path) == written  # no 000.normalized.normalized.txt; the outputs as the first run wrote them
    assert second.stderr.decode().splitlines() == [
        "normalize: skipped 000.normalized.txt, 001.normalized.txt: files normalize writes "
        "(NAME.normalized.EXT, NAME.diff), not articles"
    ]
    assert second.stdout == first.stdout


def test_an_article_given_with_its_own_outputs_is_normalized_from_the_article(tmp_path):
    # `normalize *` after a run: the outputs are neither read nor written over before they are read
    shutil.copyfile(GARBLED, tmp_path / "a.txt")
    (tmp_path / "a.normalized.txt").write_text("stale\n", encoding="utf-8")
    (tmp_path / "a.diff").write_text("stale\n", encoding="utf-8")
    done = run("a.diff", "a.normalized.txt", "a.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().startswith("normalize: skipped a.diff, a.normalized.txt: files normalize writes")
    assert (tmp_path / "a.normalized.txt").read_bytes() == REPAIRED.read_bytes()
    assert (tmp_path / "a.diff").read_text(encoding="utf-8").startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert sorted(files(tmp_path)) == ["a.diff", "a.normalized.txt", "a.txt"]
    report = done.stdout.decode()
    assert report.endswith("a.txt: 6 corrected, 0 suggested; wrote a.normalized.txt, a.diff\n")
    assert "a.diff:" not in report and "a.normalized.txt:" not in report


def test_check_skips_outputs_too(tmp_path):
    # a hook passes every staged file; a committed output is not an article to check
    shutil.copyfile(CLEAN, tmp_path / "a.txt")
    shutil.copyfile(GARBLED, tmp_path / "a.normalized.txt")  # a hand-edited output, say
    done = run("--check", "a.txt", "a.normalized.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert done.stderr.decode().startswith("normalize: skipped a.normalized.txt: files normalize writes")


# --- outputs checked before the first is written ---------------------------------------------


def test_an_output_that_is_a_folder_refuses_the_run_naming_it(tmp_path):
    shutil.copyfile(GARBLED, tmp_path / "a.txt")
    shutil.copyfile(GARBLED, tmp_path / "b.txt")
    (tmp_path / "b.diff").mkdir()
    before = files(tmp_path)
    done = run("a.txt", "b.txt", cwd=tmp_path)
    line = error_line(done)
    assert line == "normalize: error: b.diff: is a directory; cannot write the diff of b.txt there; nothing written"
    assert files(tmp_path) == before  # not even a.txt's outputs, nor b.normalized.txt


def test_a_write_that_fails_names_the_file_that_could_not_be_written(tmp_path, monkeypatch):
    # in-process: the disk filling up cannot be arranged for a subprocess
    from normalizer import atomic
    from normalizer.cli.commands import app

    shutil.copyfile(GARBLED, tmp_path / "a.txt")

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    done = CliRunner().invoke(app, [str(tmp_path / "a.txt")], prog_name="normalize")
    assert done.exit_code == 2
    expected = f"normalize: error: {tmp_path / 'a.normalized.txt'}: cannot write: No space left on device\n"
    assert expected in done.output
    assert sorted(files(tmp_path)) == ["a.txt"]


# --- file names quoted as git quotes them ---------------------------------------------------


def test_a_newline_in_a_file_name_is_quoted_in_the_report_and_in_the_diff_that_git_applies(tmp_path):
    article = tmp_path / "a\nb.txt"
    shutil.copyfile(GARBLED, article)
    done = run(article.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 7 and all(line.startswith('"a\\nb.txt":') for line in lines)
    assert lines[-1] == '"a\\nb.txt": 6 corrected, 0 suggested; wrote "a\\nb.normalized.txt", "a\\nb.diff"'
    diff = (tmp_path / "a\nb.diff").read_text(encoding="utf-8")
    assert diff.startswith('--- "a/a\\nb.txt"\n+++ "b/a\\nb.txt"\n@@ ')
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "a\nb.diff"], cwd=tmp_path, check=True)
    assert article.read_bytes() == REPAIRED.read_bytes()


def test_a_tab_in_a_file_name_is_quoted_by_check_and_diff(tmp_path):
    shutil.copyfile(GARBLED, tmp_path / "a\tb.txt")
    check = run("--check", "a\tb.txt", cwd=tmp_path)
    assert check.returncode == 1
    assert all(line.startswith('"a\\tb.txt":') for line in check.stdout.decode().splitlines())
    diff = run("--diff", "a\tb.txt", cwd=tmp_path)
    assert diff.stdout.startswith(b'--- "a/a\\tb.txt"\n+++ "b/a\\tb.txt"\n@@ ')
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=diff.stdout, check=True)
    assert (tmp_path / "a\tb.txt").read_bytes() == REPAIRED.read_bytes()


def test_an_error_about_a_file_with_a_newline_in_its_name_is_one_line(tmp_path):
    done = run("no\nsuch.txt", cwd=tmp_path)
    assert error_line(done) == 'normalize: error: "no\\nsuch.txt": no such file'


@pytest.mark.skipif(os.name != "posix", reason="a POSIX file name of bytes that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_reported_with_its_bytes_quoted(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 on a UTF-8 system
    shutil.copyfile(GARBLED, tmp_path / name)
    done = run(name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1].startswith('"caf\\351.txt": 6 corrected')
    diff = (tmp_path / os.fsdecode(b"caf\xe9.diff")).read_bytes()
    assert diff.startswith(b'--- "a/caf\\351.txt"\n+++ "b/caf\\351.txt"\n')
