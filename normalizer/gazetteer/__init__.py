"""The gazetteer side: files and their schema (loading), the compiled index and
its delete store, people's surnames (names), the English lexicon, and the
tools that keep gazetteer files clean (lint, edit, stats)."""

from __future__ import annotations

# The public face of the package, each read from its module at first use: a
# start whose index is cached imports neither the schema nor the YAML parsing
# (normalizer.gazetteer.loading) to find it, only its files (identity).
_FACE = {
    "Entity": "loading", "Gazetteer": "loading", "load_files": "loading", "load_gazetteer": "loading",
    "bundled_dir": "identity", "expand_paths": "identity", "fingerprint": "identity", "gazetteer_files": "identity",
}
__all__ = list(_FACE)


def __getattr__(name: str):
    if name not in _FACE:
        raise AttributeError(f"module 'normalizer.gazetteer' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"normalizer.gazetteer.{_FACE[name]}"), name)
