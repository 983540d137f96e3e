"""Malformed and hostile gazetteers through the commands a user runs (`normalize -g`,
`normalize gazetteer validate`, `normalize gazetteer lint`): each one is one line
on stderr naming the file, exit status 2, never a traceback, and quick. Then the
same promise under random YAML-ish documents (hypothesis), through the parser and,
for a few, the installed command; and `.normalizer.yaml`, read the same way."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import installed_normalize
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalizer.errors import GazetteerError
from normalizer.gazetteer.loading import KNOWN_FIELDS, TOP_LEVEL_KEYS, parse_file
from normalizer.gazetteer.reading import MAX_FILE_BYTES

ENTITY = "entities:\n  - canonical: Foo\n    kind: person\n"


def laughs_in_kind() -> str:
    """A "billion laughs": ten levels of ten aliases, 10**9 strings once expanded
    (the old loader hung printing the value in its message)."""
    levels = ["&a0 [" + ", ".join(["lol"] * 10) + "]"]
    levels += [f"&a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return "entities:\n  - canonical: Foo\n    kind: [" + ", ".join(levels) + "]\n"


def aliased_lists(count: int = 2000) -> str:
    """A valid shape, quadratic once expanded: `count` entities share one list of `count` words."""
    first = "  - {canonical: A0, kind: person, context: &words [" + ", ".join(["w"] * count) + "]}\n"
    return "entities:\n" + first + "".join(f"  - {{canonical: A{n}, kind: person, context: *words}}\n" for n in range(1, count))


# name -> (content, a part of the one line that names it)
HOSTILE = {
    "mixed_keys": (ENTITY + "    1: x\n    foo: y\n", ":2: unknown entity field 1 (a name is text, not a number)"),
    "null_key": (ENTITY + "    ~: x\n    foo: y\n", ":2: unknown entity field null (a name is text, not null)"),
    "top_mixed_keys": ("1: x\nfoo: y\n", ":1: unknown top-level key 1"),
    "date_key": (ENTITY + "    2024-01-01: x\n    foo: y\n", "unknown entity field datetime.date(2024, 1, 1)"),
    "list_key": (ENTITY + "    ? [a, b]\n    : x\n", ":4: malformed gazetteer: a key is a list, not a name"),
    "mapping_key": (ENTITY + "    ? {a: b}\n    : x\n", ":4: malformed gazetteer: a key is a mapping, not a name"),
    "canonical_number": ("entities:\n  - {canonical: 123, kind: person}\n", "non-empty string 'canonical', got 123"),
    "canonical_list": ("entities:\n  - {canonical: [a], kind: person}\n", "non-empty string 'canonical', got a list"),
    "top_list": ("- a\n- b\n", ":1: a gazetteer is a mapping with 'entities', 'protect', 'common_words', 'house_style', got a list"),
    "top_string": ("just a string\n", "got 'just a string'"),
    "entities_mapping": ("entities: {a: b}\n", "'entities' must be a list, got a mapping"),
    "entity_string": ("entities: [Iran]\n", "entity 1 must be a mapping, got 'Iran'"),
    "variants_number": (ENTITY + "    variants: 5\n", "'variants' must be a list of non-empty strings, got 5"),
    "context_mapping": (ENTITY + "    context: {a: b}\n", "'context' must be a list of non-empty strings, got a mapping"),
    "nested_variants": (ENTITY + "    variants: [[[[Fo]]]]\n", "'variants' must be a list of non-empty strings: item 1 is a list"),
    "deep_nesting": ("entities: " + "[" * 5000 + "]" * 5000 + "\n", "malformed gazetteer"),
    "billion_laughs": (laughs_in_kind(), "aliases repeat over 1,000,000 nodes (an alias bomb?)"),
    "aliased_lists": (aliased_lists(), "aliases repeat over 1,000,000 nodes (an alias bomb?)"),
    "recursive_alias": ("entities: &a [*a]\n", "an alias refers to a node that contains it"),
    "duplicate_key": (ENTITY + "    variants: [Fo]\n    variants: [Fooo]\n", ":5: malformed gazetteer: key 'variants' given twice"),
    "line_key": (ENTITY + "    __line__: 7\n", "unknown entity field '__line__'"),
    "python_tag": ("entities: !!python/object/apply:os.system [echo]\n", "could not determine a constructor"),
    "line_break_in_name": ('entities:\n  - {canonical: "Foo\\nBar", kind: person}\n', "'canonical' entry 'Foo\\nBar' holds a line break"),
    "huge_name": ("entities:\n  - {canonical: " + "x" * 5000 + ", kind: person}\n", "'canonical' holds a string of 5,000 characters"),
    "nul_byte": (b"entities:\n  - canonical: F\x00oo\n    kind: person\n", ":2: contains a NUL byte, not a text file"),
    "control_character": (b"entities:\n  - canonical: F\x07oo\n", ":2: malformed gazetteer: character #x0007 is not allowed"),
    "utf16": ("entities: []\n".encode("utf-16"), ": is UTF-16 text; gazetteers must be UTF-8"),
    "utf16_without_bom": ("entities: []\n".encode("utf-16-le"), ": is UTF-16 text; gazetteers must be UTF-8"),
    "int_tag_not_int": (ENTITY + "    threshold: !!int x\n", ":4: malformed gazetteer: !!int 'x' is no int"),
    "float_tag_not_float": (ENTITY + "    threshold: !!float 1e\n", ":4: malformed gazetteer: !!float '1e' is no float"),
    "english_variant": (ENTITY + "    variants: [and]\n", ":2: variant 'and' of 'Foo' is also an English word"),
}
# Run through every command one by one; the rest go through `validate` in one run.
EACH_COMMAND = ["mixed_keys", "null_key", "list_key", "canonical_list", "billion_laughs", "nul_byte", "utf16", "english_variant"]
COMMANDS = ["normalize", "validate", "lint"]


def write_case(folder: Path, name: str) -> Path:
    content, _ = HOSTILE[name]
    path = folder / f"{name}.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def run(command: str, gazetteer: Path | str, folder: Path) -> subprocess.CompletedProcess:
    """One command as a user types it; a timeout, since an alias bomb or /dev/zero used to hang."""
    if command == "normalize":
        article = folder / "article.txt"
        article.write_text("Bread and butter.\n", encoding="utf-8")
        args = [installed_normalize(), "--no-bundled", "--stdout", "-g", str(gazetteer), str(article)]
    else:
        args = [installed_normalize(), "gazetteer", command, *(["--no-examples"] if command == "lint" else []), str(gazetteer)]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def one_line(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr[-2000:]
    return lines[0]


def test_validate_gives_each_hostile_file_one_line(tmp_path):
    paths = {name: write_case(tmp_path, name) for name in HOSTILE}
    done = subprocess.run([installed_normalize(), "gazetteer", "validate", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert lines[-1] == f"{len(HOSTILE)} of {len(HOSTILE)} gazetteer file(s) invalid"
    assert len(lines) == len(HOSTILE) + 1
    for name, path in paths.items():
        [line] = [line for line in lines if line.startswith(f"{path}:")]
        assert HOSTILE[name][1] in line, (name, line)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", EACH_COMMAND)
def test_each_command_gives_one_line_and_exit_2(tmp_path, command, name):
    path = write_case(tmp_path, name)
    line = one_line(run(command, path, tmp_path))
    assert str(path) in line and HOSTILE[name][1] in line
    assert not (tmp_path / "article.normalized.txt").exists()


def paths_that_are_no_gazetteer(folder: Path) -> dict[str, tuple[Path, str]]:
    (folder / "names").mkdir()
    (folder / "names" / "sub.yaml").mkdir()  # a folder that looks like a gazetteer
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    huge = folder / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    return {
        "missing": (folder / "nowhere.yaml", "nowhere.yaml: no such file or folder"),
        "directory": (folder / "names", "sub.yaml: is a directory, not a gazetteer file"),
        "device": (Path("/dev/zero"), "/dev/zero: is not a regular file (a device, pipe or socket)"),
        "pipe": (fifo, "pipe.yaml: is not a regular file (a device, pipe or socket)"),
        "huge": (huge, f"huge.yaml: file is over the {MAX_FILE_BYTES:,} byte limit"),
    }


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", ["missing", "directory", "device", "pipe", "huge"])
def test_a_path_that_is_no_gazetteer_file_is_named_for_what_it_is(tmp_path, command, case):
    path, message = paths_that_are_no_gazetteer(tmp_path)[case]
    assert message in one_line(run(command, path, tmp_path))


# ------------------------------------------------------------------ random documents

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 300)
    | st.floats(allow_nan=True)
    | st.text(max_size=8)
    | st.sampled_from(["Iran", "and", "person", "place", "Kiev", "  ", "x" * 40])
)
KEYS = SCALARS | st.sampled_from([*KNOWN_FIELDS, *TOP_LEVEL_KEYS])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)
ENTITIES = st.lists(st.dictionaries(st.sampled_from(sorted(KNOWN_FIELDS)) | KEYS, VALUES, max_size=6), max_size=3)
DOCUMENTS = VALUES | st.dictionaries(KEYS, VALUES, max_size=4) | st.fixed_dictionaries({"entities": ENTITIES})
MIXED_KEYS = {"entities": [{"canonical": "Foo", "kind": "person", 1: "x", "foo": "y"}]}


def dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@settings(max_examples=300, deadline=None)
@given(document=DOCUMENTS)
@example(document=MIXED_KEYS)
@example(document={"entities": [{"canonical": "Foo", "kind": "person", None: 1, "a": 2}]})
def test_the_parser_refuses_any_document_in_one_line(document):
    try:
        parse_file(dump(document), "g.yaml")
    except GazetteerError as exc:
        assert str(exc).startswith("g.yaml") and "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=80))
@example(raw="entities: []\n".encode("utf-16-be"))
def test_the_parser_refuses_any_bytes_in_one_line(raw):
    try:
        parse_file(raw, "g.yaml")
    except GazetteerError as exc:
        assert str(exc).startswith("g.yaml") and "\n" not in str(exc)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=DOCUMENTS, command=st.sampled_from(COMMANDS))
@example(document=MIXED_KEYS, command="normalize")
def test_the_commands_exit_0_or_2_on_any_document(document, command):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.yaml"
        path.write_text(dump(document), encoding="utf-8")
        done = run(command, path, Path(folder))
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in ((0, 1, 2) if command == "lint" else (0, 2))  # lint: 1 for findings
    if done.returncode == 2:
        assert len(done.stderr.splitlines()) == 1 and str(path) in done.stderr


# ------------------------------------------------------------------ .normalizer.yaml


@pytest.mark.parametrize(
    "content, message",
    [
        ("suggestions: " + laughs_in_kind().split("kind: ", 1)[1], "invalid YAML: aliases repeat over 1,000,000 nodes"),
        ("bundled: true\nbundled: false\n", ":2: invalid YAML: key 'bundled' given twice"),
        ("ignore_words: [A]\n".encode("utf-16"), "is UTF-16 text; configuration files must be UTF-8"),
        (b"ignore_words: [A\x00]\n", ":1: contains a NUL byte"),
    ],
)
def test_a_hostile_project_config_is_one_line_too(tmp_path, content, message):
    config = tmp_path / ".normalizer.yaml"
    config.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    done = subprocess.run([installed_normalize(), "--check", str(article)], capture_output=True, text=True, timeout=60)
    line = one_line(done)
    assert str(config) in line and message in line
