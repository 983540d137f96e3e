"""normalizer.atomic.write_atomic: the one writer of the command, the cache and add-variant."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import atomic
from normalizer.atomic import write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_is_written_as_utf8_byte_for_byte(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(target, "\ufeffTehrān\r\nno final newline")
    assert target.read_bytes() == "\ufeffTehrān\r\nno final newline".encode("utf-8")


def test_bytes_and_a_filling_function_are_written(tmp_path):
    write_atomic(tmp_path / "a.bin", b"\x00\xff")
    write_atomic(tmp_path / "b.bin", lambda temporary: temporary.write_bytes(b"filled"))
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "b.bin").read_bytes() == b"filled"


def test_replacing_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "g.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]


def test_like_gives_a_new_file_the_permissions_of_another(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("x")
    article.chmod(0o604)
    write_atomic(tmp_path / "article.diff", "d", like=article)
    assert mode(tmp_path / "article.diff") == 0o604


def test_without_a_template_or_with_keep_mode_off_the_file_is_owner_only(tmp_path):
    write_atomic(tmp_path / "new.txt", "x")
    assert mode(tmp_path / "new.txt") == 0o600
    kept = tmp_path / "kept.pickle"
    kept.write_text("old")
    kept.chmod(0o644)
    write_atomic(kept, b"new", keep_mode=False)
    assert mode(kept) == 0o600


def test_the_temporary_file_sits_beside_the_target(tmp_path, monkeypatch):
    renamed = []
    real_replace = os.replace

    def spy(source, target):
        renamed.append(Path(source))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", spy)
    write_atomic(tmp_path / "g.yaml", "x")
    write_atomic(tmp_path / "k.pickle", b"x", prefix=".tmp-", suffix=".pickle")
    first, second = renamed
    assert first.parent == second.parent == tmp_path
    assert first.name.startswith(".g.yaml.") and first.name.endswith(".tmp")
    assert second.name.startswith(".tmp-") and second.name.endswith(".pickle")


@pytest.mark.parametrize("content", ["text", b"bytes", lambda temporary: temporary.write_bytes(b"filled")])
def test_fsync_before_the_rename_unless_turned_off(tmp_path, monkeypatch, content):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(atomic.os, "replace", lambda s, t: (events.append("replace"), real_replace(s, t))[1])
    write_atomic(tmp_path / "a", content)
    assert events == ["fsync", "replace"]
    events.clear()
    write_atomic(tmp_path / "b", content, fsync=False)
    assert events == ["replace"]


def failing_rename(source, target):
    raise OSError("disk full")


def failing_fill(temporary: Path) -> None:
    temporary.write_bytes(b"half")
    raise ValueError("cannot pickle")


@pytest.mark.parametrize(
    ("content", "patch", "error"),
    [("new", True, OSError), (failing_fill, False, ValueError), ("lone \ud800 surrogate", False, UnicodeEncodeError)],
)
def test_a_failure_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, content, patch, error):
    target = tmp_path / "g.yaml"
    target.write_text("old")
    if patch:
        monkeypatch.setattr(atomic.os, "replace", failing_rename)
    with pytest.raises(error):
        write_atomic(target, content)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]


def test_importing_the_writer_does_not_import_tempfile():
    """`normalize --check` writes nothing: the cold start must not pay for tempfile."""
    code = "import sys, normalizer.atomic, normalizer.cli.files, normalizer.cache; print('tempfile' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_cache_writes_through_it_with_temporary_files_its_sweep_knows(tmp_path, monkeypatch):
    """The cache's files: a ".tmp-*" temporary file (what `sweep` may remove after a
    crash), owner-only, no fsync (a lost cache file is only built again)."""
    from normalizer import cache

    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NORMALIZER_NO_CACHE", raising=False)
    renamed, synced = [], []
    real_replace = os.replace
    monkeypatch.setattr(atomic.os, "replace", lambda s, t: (renamed.append(Path(s)), real_replace(s, t))[1])
    monkeypatch.setattr(atomic.os, "fsync", synced.append)
    assert cache.cached("key", lambda: "value") == "value"
    [temporary] = renamed
    assert temporary.parent == tmp_path / "cache"
    assert temporary.name.startswith(".tmp-") and temporary.match(".tmp-*") and ".tmp-*" in cache._OURS
    assert synced == []
    [stored] = (tmp_path / "cache").iterdir()
    assert mode(stored) == 0o600


# --- in_place: a user's own file (`normalize --in-place`) -----------------------------------

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to change users")


def test_only_in_place_writes_through_a_symlink(tmp_path):
    """The cache and the outputs keep replacing the name; an in-place rewrite
    replaces the link's target and leaves the link."""
    target = tmp_path / "target.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    write_atomic(link, "in place", in_place=True)
    assert link.is_symlink() and target.read_text() == "in place"
    write_atomic(link, "replaced")
    assert not link.is_symlink() and target.read_text() == "in place"


@as_root
def test_in_place_keeps_owner_group_and_set_id_bits(tmp_path):
    """chown clears the set-group-id bit of an executable: the mode is set after it."""
    target = tmp_path / "tool"
    target.write_text("old")
    os.chown(target, 1234, 1234)
    target.chmod(0o2750)
    write_atomic(target, "new", in_place=True)
    info = target.stat()
    assert (info.st_uid, info.st_gid, mode(target), target.read_text()) == (1234, 1234, 0o2750, "new")


@pytest.fixture
def shared(tmp_path_factory):
    """A folder anyone may write to: pytest's own are root's alone."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def as_user(uid: int, groups: list[int], action) -> str:
    """Run `action` in a forked child that is user `uid` (primary group groups[0]):
    what it returned or raised, as text."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        try:
            os.close(read)
            os.setgroups(groups)
            os.setgid(groups[0])
            os.setuid(uid)
            try:
                outcome = repr(action())
            except Exception as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            os.write(write, outcome.encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        outcome = pipe.read()
    os.waitpid(child, 0)
    return outcome


@as_root
def test_in_place_refuses_a_file_its_writer_may_not_write(shared):
    """A writable folder would let a rename replace another user's file: the
    file's own permissions decide."""
    target = shared / "theirs.txt"
    target.write_text("old")
    target.chmod(0o644)
    outcome = as_user(1234, [1234], lambda: write_atomic(target, "new", in_place=True))
    assert outcome == f"InputError: {target}: no permission to write it, not rewritten"
    assert (target.read_text(), target.stat().st_uid, sorted(os.listdir(shared))) == ("old", 0, ["theirs.txt"])


@as_root
def test_in_place_by_a_member_of_the_files_group_keeps_the_group(shared):
    """Not root: the owner cannot be kept (the writer owns the new file), the group can."""
    target = shared / "team.txt"
    target.write_text("old")
    os.chown(target, 0, 1235)
    target.chmod(0o664)
    outcome = as_user(1234, [1234, 1235], lambda: write_atomic(target, "new", in_place=True))
    assert outcome == "None"
    info = target.stat()
    assert (target.read_text(), info.st_uid, info.st_gid, mode(target)) == ("new", 1234, 1235, 0o664)
