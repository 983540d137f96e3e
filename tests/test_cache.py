"""The on-disk pickle cache: hits, misses, invalidation and every safe fallback."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from normalizer import cache
from normalizer.cache import cache_dir, cache_path, cached


@pytest.fixture(autouse=True)
def _own_cache(cache_folder):
    """Every test here gets a fresh, enabled cache folder."""


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_second_call_reads_from_disk_without_building(cache_folder):
    build = Builder({"index": [1, 2, 3]})
    assert cached("k", build) == {"index": [1, 2, 3]}
    assert build.calls == 1
    assert cache_path("k").parent == cache_folder
    assert cache_path("k").is_file()
    again = Builder("not used")
    assert cached("k", again) == {"index": [1, 2, 3]}
    assert again.calls == 0


def test_different_keys_do_not_share_a_value():
    cached("gazetteer-A", Builder("A"))
    build = Builder("B")
    assert cached("gazetteer-B", build) == "B"
    assert build.calls == 1
    assert cache_path("gazetteer-A") != cache_path("gazetteer-B")


def test_another_code_version_is_a_miss(monkeypatch):
    cached("k", Builder("old"))
    monkeypatch.setattr(cache, "code_version", lambda: "9.9.9+other")
    build = Builder("new")
    assert cached("k", build) == "new"
    assert build.calls == 1


def test_a_file_written_under_another_version_is_rejected_even_at_the_same_path(monkeypatch):
    # A foreign record renamed into our file name: the stored version must match too.
    path = cache_path("k")
    path.parent.mkdir(parents=True)
    record = {"format": 1, "version": "0.0.1+ancient", "key": "k", "value": "stale"}
    path.write_bytes(pickle.dumps(record))
    assert cached("k", Builder("fresh")) == "fresh"
    assert cached("k", Builder("unused")) == "fresh"  # and the bad file was replaced


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", pickle.dumps({"key": "k"})[:-3], pickle.dumps(["a", "list"])],
    ids=["empty", "garbage", "truncated", "wrong-shape"],
)
def test_corrupt_cache_file_falls_back_to_build(content):
    path = cache_path("k")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    build = Builder("rebuilt")
    assert cached("k", build) == "rebuilt"
    assert build.calls == 1


def test_pickle_referring_to_a_missing_class_falls_back_to_build():
    path = cache_path("k")
    path.parent.mkdir(parents=True)
    # protocol 0 pickle of a global from a module that does not exist
    path.write_bytes(b"cno_such_module_xyz\nThing\n.")
    assert cached("k", Builder("rebuilt")) == "rebuilt"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_falls_back_silently(cache_folder):
    cache_folder.mkdir()
    cache_folder.chmod(0o500)
    try:
        build = Builder("value")
        assert cached("k", build) == "value"
        assert cached("k", build) == "value"
        assert build.calls == 2
    finally:
        cache_folder.chmod(0o700)


def test_unwritable_cache_location_falls_back_silently(tmp_path, monkeypatch):
    # A regular file where the folder should be: mkdir fails even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(blocker / "cache"))
    build = Builder("value")
    assert cached("k", build) == "value"
    assert cached("k", build) == "value"
    assert build.calls == 2


def test_failed_write_leaves_no_temporary_file_behind(cache_folder, monkeypatch):
    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", broken_replace)
    assert cached("k", Builder("value")) == "value"
    assert list(cache_folder.iterdir()) == []


def test_unpicklable_value_is_returned_and_not_cached(cache_folder):
    value = lambda: None  # noqa: E731 - lambdas cannot be pickled
    assert cached("k", Builder(value)) is value
    assert list(cache_folder.iterdir()) == []


def test_no_cache_variable_disables_reads_and_writes(cache_folder, monkeypatch):
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    build = Builder("value")
    cached("k", build)
    cached("k", build)
    assert build.calls == 2
    assert not cache_folder.exists()


def test_cache_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("NORMALIZER_CACHE_DIR")
    assert cache_dir() == tmp_path / "xdg" / "normalizer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == Path(tmp_path / "home" / ".cache" / "normalizer")


def test_code_version_is_the_package_version_plus_a_source_stamp():
    version, stamp = cache.code_version().rsplit("+", 1)
    assert version == cache._package_version()
    assert len(stamp) == 16


def test_the_source_stamp_moves_with_every_source_and_data_file_and_nothing_else(tmp_path, monkeypatch):
    # A package of a module, a sub-package's module, a data file, compiled
    # bytecode and a symlink back to the package (which must not loop).
    package = tmp_path / "pkg"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    (package / "data").mkdir()
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    (package / "data" / "model.json").write_text("{}")
    (package / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"\0")
    (package / "sub" / "loop").symlink_to(package, target_is_directory=True)
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    stamp = cache.code_version.__wrapped__
    stamps = [stamp()]
    for path, text in ((package / "sub" / "__pycache__" / "b.cpython-311.pyc", "\0\0"), (package / "sub" / "b.py", "y = 22\n"),
                       (package / "a.py", "x = 11\n"), (package / "data" / "model.json", "{ }"), (package / "sub" / "c.py", ""),
                       (package / "_loop.c", "int x;"), (package / "_loop.cpython-311-x86_64-linux-gnu.so", "\0")):
        path.write_text(text)
        stamps.append(stamp())
    assert stamps[1] == stamps[0]  # bytecode is no source
    assert len(set(stamps[1:])) == 7  # each source, build of a C loop or data file edited or added moves it


# --- the engine's compiled index ----------------------------------------------------

GAZETTEER = """\
entities:
  - canonical: Abbas Araghchi
    kind: person
    variants: [Abbas Aragut]
"""


def count_index_builds(monkeypatch) -> list:
    from normalizer import engine

    builds = []
    real = engine.build_index
    monkeypatch.setattr(engine, "build_index", lambda *args: builds.append(args) or real(*args))
    return builds


def test_engine_index_is_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    from normalizer import Normalizer

    gazetteer = tmp_path / "names.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    builds = count_index_builds(monkeypatch)
    first = Normalizer.load([gazetteer], bundled=False)
    second = Normalizer.load([gazetteer], bundled=False)
    assert len(builds) == 1
    text = "Foreign Minister Abbas Aragut said."
    assert first.normalize(text).text == second.normalize(text).text == "Foreign Minister Abbas Araghchi said."


def test_engine_cache_is_invalidated_when_a_gazetteer_changes(tmp_path, monkeypatch):
    from normalizer import Normalizer

    gazetteer = tmp_path / "names.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    builds = count_index_builds(monkeypatch)
    text = "Foreign Minister Abbas Aragut said."
    assert "Abbas Araghchi" in Normalizer.load([gazetteer], bundled=False).normalize(text).text
    gazetteer.write_text(GAZETTEER.replace("Abbas Araghchi", "Abbas Araqchi"), encoding="utf-8")
    changed = Normalizer.load([gazetteer], bundled=False)
    assert len(builds) == 2
    assert changed.normalize(text).text == "Foreign Minister Abbas Araqchi said."


def test_engine_cache_key_includes_ignore_words(tmp_path, monkeypatch):
    from normalizer import Normalizer

    gazetteer = tmp_path / "names.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    builds = count_index_builds(monkeypatch)
    Normalizer.load([gazetteer], bundled=False)
    Normalizer.load([gazetteer], bundled=False, ignore_words=["Aragut"])
    Normalizer.load([gazetteer], bundled=False, ignore_words=["Aragut"])
    assert len(builds) == 2


def count_yaml_parses(monkeypatch) -> list:
    """The names of the gazetteer files whose YAML is parsed from now on."""
    from normalizer.gazetteer import loading

    parsed = []
    real = loading.load_yaml
    monkeypatch.setattr(loading, "load_yaml", lambda text, name: parsed.append(name) or real(text, name))
    return parsed


def test_a_gazetteer_file_is_parsed_once_while_its_bytes_stay_the_same(tmp_path, monkeypatch):
    from normalizer.gazetteer.loading import load_files

    own, other = tmp_path / "own.yaml", tmp_path / "other.yaml"
    own.write_text(GAZETTEER, encoding="utf-8")
    larijani = GAZETTEER.replace("Abbas Araghchi", "Ali Larijani").replace("Abbas Aragut", "Ali Larjani")
    other.write_text(larijani, encoding="utf-8")
    parses = count_yaml_parses(monkeypatch)
    alone = load_files([own])
    # Another set of files (a second gazetteer added) builds another index,
    # and parses only the file it has not seen.
    both = load_files([own, other])
    assert parses == [str(own), str(other)]
    assert both.entities[:1] == alone.entities
    assert [e.canonical for e in both.entities] == ["Abbas Araghchi", "Ali Larijani"]
    assert both.entities[1].origin == f"{other}:2"


def test_a_parse_read_back_is_the_parse_entity_for_entity(tmp_path, cache_folder):
    from normalizer import cache
    from normalizer.gazetteer import parse_cache
    from normalizer.gazetteer.loading import parse_file, read_file

    own = tmp_path / "own.yaml"
    own.write_text(GAZETTEER + '  - {canonical: "Kyiv", kind: place}\n  - {canonical: "Ali Larijani", kind: person}\n')
    made, again = read_file(own), read_file(own)  # parsed and kept, then read back
    assert again == made == parse_file(own.read_bytes(), str(own))
    assert [list(e.__dict__.items()) for e in again.entities] == [list(e.__dict__.items()) for e in made.entities]
    # The two entities of a canonical and a kind are kept as columns of text, not objects.
    found, kept = cache.lookup(parse_cache._key(str(own), parse_cache.file_digest(own)))
    simple, canonicals, _, _, others = kept.fields["entities"]
    assert found and simple == [False, True, True] and canonicals == ["Kyiv", "Ali Larijani"] and len(others) == 1


def test_an_edited_gazetteer_file_is_parsed_again(tmp_path, monkeypatch):
    from normalizer.gazetteer.loading import load_files

    own = tmp_path / "own.yaml"
    own.write_text(GAZETTEER, encoding="utf-8")
    parses = count_yaml_parses(monkeypatch)
    load_files([own])
    own.write_text(GAZETTEER.replace("Abbas Araghchi", "Abbas Araqchi"), encoding="utf-8")
    assert [e.canonical for e in load_files([own]).entities] == ["Abbas Araqchi"]
    assert parses == [str(own), str(own)]


def test_the_same_bytes_under_another_name_are_parsed_for_that_name(tmp_path, monkeypatch):
    from normalizer.gazetteer.loading import load_files

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(GAZETTEER, encoding="utf-8")
    second.write_text(GAZETTEER, encoding="utf-8")
    load_files([first])
    # Each entity's origin, which messages quote, names its own file.
    assert load_files([second]).entities[0].origin == f"{second}:2"


def test_a_gazetteer_that_fails_to_parse_fails_every_time(tmp_path):
    from normalizer.errors import GazetteerError
    from normalizer.gazetteer.loading import load_files

    broken = tmp_path / "broken.yaml"
    broken.write_text("entities:\n  - canonical: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(GazetteerError, match="broken.yaml"):
            load_files([broken])


def test_with_the_cache_off_no_parse_is_kept(tmp_path, cache_folder, monkeypatch):
    from normalizer.gazetteer.loading import load_files

    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    own = tmp_path / "own.yaml"
    own.write_text(GAZETTEER, encoding="utf-8")
    parses = count_yaml_parses(monkeypatch)
    load_files([own])
    load_files([own])
    assert parses == [str(own), str(own)]
    assert not cache_folder.exists() or not any(cache_folder.iterdir())


def test_engine_works_with_a_corrupt_cache_file(tmp_path, cache_folder):
    from normalizer import Normalizer

    gazetteer = tmp_path / "names.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    Normalizer.load([gazetteer], bundled=False)
    for stored in cache_folder.glob("*.pickle"):
        stored.write_bytes(stored.read_bytes()[:100])
    text = "Foreign Minister Abbas Aragut said."
    assert Normalizer.load([gazetteer], bundled=False).normalize(text).text == "Foreign Minister Abbas Araghchi said."


def test_writing_sweeps_files_unused_for_a_month_and_nothing_else(cache_folder):
    from normalizer.gazetteer.delete_store import DeleteStore

    cached("old", Builder("old"))
    old = cache_path("old")
    table = DeleteStore(["araghchi", "tehran"])
    table.prepare()
    stale_table = cache_folder / table.file_name
    foreign = cache_folder / "notes.txt"  # not ours: never touched
    foreign.write_text("keep")
    month_ago = time.time() - (cache.UNUSED_DAYS + 1) * 86400
    for path in (old, stale_table, foreign):
        os.utime(path, (month_ago, month_ago))
    cached("new", Builder("new"))
    assert not old.exists() and not stale_table.exists()
    assert foreign.read_text() == "keep"
    assert cache_path("new").is_file()


def test_a_read_keeps_a_file_from_the_sweep(cache_folder):
    cached("kept", Builder("kept"))
    kept = cache_path("kept")
    month_ago = time.time() - (cache.UNUSED_DAYS + 1) * 86400
    os.utime(kept, (month_ago, month_ago))
    assert cached("kept", Builder("unused")) == "kept"  # a hit marks it used
    cached("other", Builder("other"))  # a write sweeps
    assert kept.is_file()


def test_past_the_size_limit_the_least_recently_used_go_first(cache_folder, monkeypatch):
    for key in ("a", "b"):
        cached(key, Builder("x" * 1000))
    size = cache_path("a").stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size + size // 2)  # room for two of three
    hour_ago = time.time() - 3600
    os.utime(cache_path("a"), (hour_ago, hour_ago))
    cached("c", Builder("x" * 1000))
    assert not cache_path("a").exists()
    assert cache_path("b").is_file() and cache_path("c").is_file()


def test_a_large_gazetteers_digest_is_cached_until_the_file_changes(tmp_path, monkeypatch):
    from normalizer.gazetteer import reading

    monkeypatch.setattr(reading, "MEMO_BYTES", 10)
    monkeypatch.setattr(reading, "SETTLED_SECONDS", 0)
    hashed = []
    real = reading._sha256
    monkeypatch.setattr(reading, "_sha256", lambda path: hashed.append(path) or real(path))
    path = tmp_path / "big.yaml"
    path.write_text("entities: []\n# one\n", encoding="utf-8")
    first = reading.file_digest(path)
    assert reading.file_digest(path) == first and len(hashed) == 1  # the second from the cache
    path.write_text("entities: []\n# two\n", encoding="utf-8")  # same size: the times tell
    os.utime(path, ns=(10**18, 10**18))  # as a write one clock tick later would leave them
    assert reading.file_digest(path) != first and len(hashed) == 2


def test_a_set_of_gazetteers_is_fingerprinted_without_reading_them_until_one_changes(tmp_path, monkeypatch):
    from normalizer.gazetteer import identity as module
    from normalizer.gazetteer import reading

    monkeypatch.setattr(reading, "SETTLED_SECONDS", 0)
    hashed = []
    real = reading._sha256
    monkeypatch.setattr(reading, "_sha256", lambda path: hashed.append(path) or real(path))
    files = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for path in files:
        path.write_text(f"entities: []\n# {path.name}\n", encoding="utf-8")
    first = module.fingerprint(files)
    assert len(hashed) == 2 and module.fingerprint(files) == first and len(hashed) == 2  # the second from the cache
    assert module.fingerprint(files[::-1]) != first  # the order is part of it
    files[1].write_text("entities: []\n# B.yaml\n", encoding="utf-8")  # same size: the times tell
    os.utime(files[1], ns=(10**18, 10**18))
    assert module.fingerprint(files) not in (first, module.fingerprint(files[::-1]))
    monkeypatch.setattr(reading, "SETTLED_SECONDS", 10**12)  # every file written "moments ago": read each time
    count = len(hashed)
    assert module.fingerprint(files) == module.fingerprint(files) and len(hashed) == count + 4


def test_a_gazetteer_changed_moments_ago_is_hashed_every_time(tmp_path, monkeypatch):
    from normalizer.gazetteer import reading

    monkeypatch.setattr(reading, "MEMO_BYTES", 10)
    hashed = []
    real = reading._sha256
    monkeypatch.setattr(reading, "_sha256", lambda path: hashed.append(path) or real(path))
    path = tmp_path / "big.yaml"
    path.write_text("entities: []\n# one\n", encoding="utf-8")
    reading.file_digest(path)
    reading.file_digest(path)
    assert len(hashed) == 2 and not list(cache_dir().glob("*.pickle"))
