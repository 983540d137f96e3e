"""`normalize --in-place` changes the text of a file and nothing else the user
owns: not its owner, group or mode, not a symlink, not a hard link, not a
read-only file. Each test runs the installed command as a user does."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import installed_normalize
from gazetteer_samples import LOTFOLLAHI_GARBLED, LOTFOLLAHI_NAMES

NAMES, GARBLED = LOTFOLLAHI_NAMES, LOTFOLLAHI_GARBLED
REPAIRED = "The central bank governor Kaveh Lotfollahi spoke on Monday.\n"

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")


@pytest.fixture
def names(tmp_path: Path) -> Path:
    path = tmp_path / "names.yaml"
    path.write_text(NAMES, encoding="utf-8")
    return path


def in_place(names: Path, *paths: Path) -> subprocess.CompletedProcess:
    command = [installed_normalize(), "--no-bundled", "--gazetteer", str(names), "--in-place", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def article(path: Path, text: str = GARBLED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@as_root
def test_another_users_file_keeps_its_owner_group_and_mode(tmp_path, names):
    story = article(tmp_path / "news" / "story.txt")
    os.chown(story, 1234, 1234)  # no such user need exist: root may give a file to any uid
    story.chmod(0o640)
    done = in_place(names, story)
    assert done.returncode == 0, done.stderr
    assert story.read_text(encoding="utf-8") == REPAIRED
    info = story.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 1234, 0o640)


def test_a_symlink_stays_a_link_and_its_target_gets_the_repair(tmp_path, names):
    target = article(tmp_path / "archive" / "story.txt")
    (tmp_path / "news").mkdir()
    hop = tmp_path / "news" / "hop.txt"
    hop.symlink_to(Path("..") / "archive" / "story.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(Path("news") / "hop.txt")  # a chain: the final target is what is replaced
    done = in_place(names, link)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.join("news", "hop.txt")
    assert hop.is_symlink()
    assert target.read_text(encoding="utf-8") == REPAIRED and not target.is_symlink()
    # The temporary file was made beside the target and renamed there: none is left.
    assert listing(tmp_path / "archive") == ["story.txt"]
    assert listing(tmp_path / "news") == ["hop.txt"]


def test_a_hard_linked_file_is_refused_and_the_other_files_are_repaired(tmp_path, names):
    story = article(tmp_path / "story.txt")
    twin = tmp_path / "twin.txt"
    os.link(story, twin)
    other = article(tmp_path / "other.txt")
    done = in_place(names, story, other)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"normalize: error: {story}: has 2 hard links; replacing it would break them, not rewritten"
    )
    assert story.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8") == GARBLED
    assert os.path.samefile(story, twin)
    assert other.read_text(encoding="utf-8") == REPAIRED


def test_a_read_only_file_is_refused_even_by_root(tmp_path, names):
    story = article(tmp_path / "story.txt")
    story.chmod(0o444)
    done = in_place(names, story)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"normalize: error: {story}: is read-only (mode 444), not rewritten"]
    assert story.read_text(encoding="utf-8") == GARBLED
    assert stat.S_IMODE(story.stat().st_mode) == 0o444
    assert listing(tmp_path) == ["names.yaml", "story.txt"]
