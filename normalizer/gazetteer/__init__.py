"""The gazetteer side: files and their schema (loading), the compiled index and
its delete store, people's surnames (names), the English lexicon, and the
tools that keep gazetteer files clean (lint, edit, stats)."""

from normalizer.gazetteer.loading import (  # noqa: F401  the public face of the package
    Entity,
    Gazetteer,
    bundled_dir,
    expand_paths,
    fingerprint,
    gazetteer_files,
    load_files,
    load_gazetteer,
)
