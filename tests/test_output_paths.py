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
