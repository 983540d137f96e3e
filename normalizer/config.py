"""Project configuration, found by walking up from each article's folder.

In each folder from the article's own up to the filesystem root, the first of
these that exists wins and the walk stops:

    .normalizer.yaml                      (or .normalizer.yml)
    pyproject.toml with a [tool.normalizer] table   (one without it is passed over)

Keys (all optional):

    gazetteers:         [extra.yaml, names/]   paths relative to the config file
    ignore_words:       [Mokhtar]              never changed
    apply_threshold:    0.9                    above 0, at most 1
    suggest_threshold:  0.6                    above 0, at most 1, not above apply_threshold
    include:            ["articles/**"]        globs on the path relative to the config folder
    exclude:            ["drafts/*", "*.tmp.md"]
    bundled:            true                   load the bundled gazetteers
    suggestions:        hide                   show or hide suggestions (default: hidden by --check)

A bad key or value raises `ConfigError` naming the file and the key, in one
line; the file is read as a gazetteer is (normalizer.gazetteer.reading), so a
hostile one (a device, UTF-16, an alias bomb, a key given twice) is refused too.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from normalizer.errors import ConfigError
from normalizer.gazetteer.reading import LINE, FileKind, decode, load_yaml, read_bytes, shown

YAML_NAMES = (".normalizer.yaml", ".normalizer.yml")
PYPROJECT = "pyproject.toml"
KNOWN_KEYS = (
    "gazetteers", "ignore_words", "apply_threshold", "suggest_threshold", "include", "exclude", "bundled", "suggestions",
)
SUGGESTIONS = ("show", "hide")
CONFIG = FileKind(noun="configuration file", plural="configuration files", malformed="invalid YAML", error=ConfigError)


@dataclass(frozen=True)
class ProjectConfig:
    """Settings for the articles below `root`; `source` is None for the defaults."""

    root: Path
    source: Path | None = None
    gazetteers: tuple[Path, ...] = ()
    ignore_words: tuple[str, ...] = ()
    apply_threshold: float | None = None
    suggest_threshold: float | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    bundled: bool = True
    suggestions: str | None = None  # show | hide; None: the command's default for its mode

    def selects(self, path: str | Path) -> bool:
        """Whether `path` is in `include` (or include is empty) and not in `exclude`."""
        relative = _relative_posix(Path(path), self.root)
        if relative is None:  # outside the project: the patterns do not speak of it
            return True
        if self.include and not any(_matches(relative, p) for p in self.include):
            return False
        return not any(_matches(relative, p) for p in self.exclude)


# "normalizer" as a TOML key under "tool": after the start of a line (in a
# [tool] table), "." (a header or a dotted key), "{" or "," (an inline
# table), bare or quoted, before ".", "=", "]" or the line's end (a header
# left unclosed: the parse reports it). Every spelling of [tool.normalizer]
# matches, but one escaped inside quotes, which no one writes; a value that
# happens to match costs only a full parse.
_OUR_KEY = re.compile(r"""(?:^|[.{,])[ \t]*["']?normalizer["']?[ \t]*(?:[.=\]]|$)""", re.MULTILINE)
_found: dict[Path, ProjectConfig | None] = {}  # folder -> config found from it (None: none up to the root)


def find_config(path: str | Path) -> ProjectConfig | None:
    """The configuration governing the file (or folder) `path`, or None.

    Results are cached per folder, so a thousand files in one folder cost one walk.
    """
    start = Path(path).resolve()
    folder = start if start.is_dir() else start.parent
    visited: list[Path] = []
    config: ProjectConfig | None = None
    for candidate in (folder, *folder.parents):
        if candidate in _found:
            config = _found[candidate]
            break
        visited.append(candidate)
        config = _config_in(candidate)
        if config is not None:
            break
    for seen in visited:
        _found[seen] = config
    return config


def clear_cache() -> None:
    """Forget every walk (tests, or a long-lived process whose files changed)."""
    _found.clear()


def load_config_file(path: str | Path) -> ProjectConfig:
    """Read one `.normalizer.yaml` or `pyproject.toml` given explicitly."""
    path = Path(path).resolve()
    config = _read_pyproject(path) if path.name == PYPROJECT else _read_yaml(path)
    if config is None:
        raise ConfigError(f"{path}: no [tool.normalizer] table")
    return config


def _config_in(folder: Path) -> ProjectConfig | None:
    for name in YAML_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return _read_yaml(candidate)
    candidate = folder / PYPROJECT
    if candidate.is_file():
        return _read_pyproject(candidate)
    return None


def _read_yaml(path: Path) -> ProjectConfig:
    document = load_yaml(_read_text(path), str(path), CONFIG)
    if document is None:
        document = {}
    if isinstance(document, dict):
        document.pop(LINE, None)  # the line the loader keeps for messages; not a key
    return _parse(document, path)


def _read_pyproject(path: Path) -> ProjectConfig | None:
    text = _read_text(path)
    if not _OUR_KEY.search(text):
        # No table of ours can be in it: most projects' pyproject.toml is not
        # parsed at all (tomllib's import is a twentieth of a cold start), nor
        # one that names the tool elsewhere ("news-normalizer" among its
        # dependencies, a comment).
        return None
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict) or "normalizer" not in tool:
        return None
    return _parse(tool["normalizer"], path, prefix="tool.normalizer.")


def _read_text(path: Path) -> str:
    return decode(read_bytes(path, CONFIG), str(path), CONFIG)


def _parse(document: Any, path: Path, prefix: str = "") -> ProjectConfig:
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: {prefix.rstrip('.') or 'the configuration'} must be a mapping of keys")
    for key in document:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown key {shown(prefix + str(key))} (known: {', '.join(KNOWN_KEYS)})")

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: '{prefix}{key}' {problem}")

    def strings(key: str) -> tuple[str, ...]:
        value = document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def threshold(key: str) -> float | None:
        value = document.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise fail(key, f"must be a number above 0 and at most 1, got {shown(value)}")
        return float(value)

    root = path.parent
    gazetteers = []
    for entry in strings("gazetteers"):
        gazetteer = (root / entry).resolve()
        if not gazetteer.exists():
            raise fail("gazetteers", f"names '{entry}', which does not exist")
        gazetteers.append(gazetteer)
    apply_threshold = threshold("apply_threshold")
    suggest_threshold = threshold("suggest_threshold")
    if apply_threshold is not None and suggest_threshold is not None and suggest_threshold > apply_threshold:
        raise fail("suggest_threshold", f"({suggest_threshold}) must not exceed apply_threshold ({apply_threshold})")
    bundled = document.get("bundled", True)
    if not isinstance(bundled, bool):
        raise fail("bundled", f"must be true or false, got {shown(bundled)}")
    suggestions = document.get("suggestions")
    if suggestions is not None and suggestions not in SUGGESTIONS:
        raise fail("suggestions", f"must be show or hide, got {shown(suggestions)}")
    return ProjectConfig(
        root=root,
        source=path,
        gazetteers=tuple(gazetteers),
        ignore_words=strings("ignore_words"),
        apply_threshold=apply_threshold,
        suggest_threshold=suggest_threshold,
        include=strings("include"),
        exclude=strings("exclude"),
        bundled=bundled,
        suggestions=suggestions,
    )


def _relative_posix(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _matches(relative: str, pattern: str) -> bool:
    """Glob match in the spirit of .gitignore, kept small:

    `*` and `?` as in fnmatch (a `*` also crosses folders); a pattern also
    matches everything below a folder it names (`drafts` or `drafts/`); a
    leading `**/` also matches at the top; a pattern without `/` also matches
    the file name alone (`*.md` anywhere).
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    candidates = {pattern, pattern + "/*"}
    if pattern.startswith("**/"):
        candidates |= {pattern[3:], pattern[3:] + "/*"}
    if any(fnmatch.fnmatchcase(relative, p) for p in candidates):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(PurePosixPath(relative).name, pattern)
