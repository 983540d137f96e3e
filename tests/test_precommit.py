"""The real `pre-commit` tool running this repository's hooks on a repo of articles.

`pre-commit try-repo` clones THIS repository at HEAD (plus uncommitted changes
to tracked files), builds a fresh virtualenv and pip-installs the package into
it, so these tests need network access to PyPI and take a minute or so each.

They are end-to-end tests of the whole tool: they pass only once the engine
repairs the seed article exactly as its reference does. Until
`normalizer.engine` and `normalizer.cli.app` exist they are skipped, with that reason.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="needs the pre-commit tool"),
    pytest.mark.skipif(not (REPO_ROOT / ".git").exists(), reason="needs this repository as a git checkout"),
    pytest.mark.skipif(
        importlib.util.find_spec("normalizer.engine") is None or importlib.util.find_spec("normalizer.cli.app") is None,
        reason="end-to-end: needs the engine and the `normalize` command to repair the seeds",
    ),
]


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def articles(tmp_path, monkeypatch) -> Path:
    """A fresh git repository holding copies of seeds 000 (garbled) and 001 (clean)."""
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "commit.gpgsign", "false")
    for prefix in ("000", "001"):
        shutil.copyfile(seed(prefix), repo / seed(prefix).name)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "articles")
    # Keep the index cache of the hook's runs inside the test's folder.
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "normalizer-cache"))
    return repo


def try_repo(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_COLOR"] = "never"
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(REPO_ROOT), hook, "--verbose", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_check_hook_fails_on_the_garbled_seed_with_path_line_col_diagnostics(articles):
    name = seed("000").name
    run = try_repo(articles, "normalize", name)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    diagnostics = re.findall(rf"^{re.escape(name)}:(\d+):(\d+): (.+) -> (.+) \(", output, flags=re.MULTILINE)
    assert diagnostics, output
    originals = {original for _, _, original, _ in diagnostics}
    assert "Aragut" in " ".join(originals), output
    # The check hook writes nothing.
    assert (articles / name).read_bytes() == seed("000").read_bytes()


def test_check_hook_passes_on_a_clean_seed(articles):
    name = seed("001").name
    run = try_repo(articles, "normalize", name)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (articles / name).read_bytes() == seed("001").read_bytes()


def test_fix_hook_rewrites_the_garbled_seed_into_its_reference(articles):
    name = seed("000").name
    run = try_repo(articles, "normalize-fix", name)
    # pre-commit fails a hook that modified files, so the commit can be re-run with the fix.
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    reference = SEEDS / "reference" / name
    assert (articles / name).read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    assert not list(articles.glob("*.normalized*")) and not list(articles.glob("*.diff"))
