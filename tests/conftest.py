"""Shared fixtures: small gazetteers written by the tests, never the seeds; and a
cache folder of the session's own, so that no test writes to the user's cache."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

NEWSROOM_GAZETTEER = """
entities:
  - canonical: Kaveh Lotfollahi
    kind: person
    variants: [Kaveh Lotfolahi]
    context: [central bank governor]
  - canonical: Yerlan Nurgaliyev
    kind: person
    context: [energy minister]
  - canonical: Ruhollah Khomeini
    kind: person
  - canonical: Ali Khamenei
    kind: person
  - canonical: Sheikh
    kind: honorific
  - canonical: Norvania
    kind: place
    adjectives: [Norvanian]
    combining: [Norvo]
  - canonical: Tarkestan
    kind: place
    adjectives: [Tarkestani]
  - canonical: Iran
    kind: place
    adjectives: [Iranian]
  - canonical: Iraq
    kind: place
    adjectives: [Iraqi]
protect: [Lotfi]
"""


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory) -> Path:
    """The index cache of this test session, in pytest's temporary folder: never
    `~/.cache/normalizer`. Set in the environment, so subprocesses (the installed
    `normalize`, pre-commit's hooks) inherit it; XDG_CACHE_HOME too, for a test or a
    child that drops NORMALIZER_CACHE_DIR. Tests that need a cache of their own
    (`cache_folder`) override it for themselves."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORMALIZER_CACHE_DIR", str(folder / "normalizer"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "xdg"))
        yield folder / "normalizer"


@pytest.fixture
def newsroom_gazetteer(tmp_path: Path) -> Path:
    path = tmp_path / "newsroom.yaml"
    path.write_text(textwrap.dedent(NEWSROOM_GAZETTEER), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def bundled_normalizer():
    from normalizer import Normalizer

    return Normalizer.load()


def installed_normalize() -> str:
    """The `normalize` console script as a user has it; tests need it installed."""
    found = shutil.which("normalize")
    if not found:
        pytest.fail("the `normalize` command is not installed: run `pip install -e '.[test]'` first")
    return found


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    """A fresh, enabled on-disk cache in the test's own folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    monkeypatch.delenv("NORMALIZER_NO_CACHE", raising=False)
    return folder
