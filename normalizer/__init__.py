"""normalizer: repair proper names garbled by machine translation, and show every repair.

    from normalizer import Normalizer
    normalizer = Normalizer.load()               # bundled gazetteers, compiled once
    result = normalizer.normalize(text)
    result.text, result.corrections, result.diff("article.txt")
"""

from __future__ import annotations

from normalizer._version import __version__
__all__ = ["Normalizer", "Result", "Correction", "NormalizerError", "__version__"]


def __getattr__(name: str):
    # Lazy, so `normalize --help` and the hook start without loading the engine.
    if name == "Normalizer":
        from normalizer.engine import Normalizer

        return Normalizer
    if name in ("Result", "Correction"):
        from normalizer import result

        return getattr(result, name)
    if name == "NormalizerError":
        from normalizer.errors import NormalizerError

        return NormalizerError
    raise AttributeError(f"module 'normalizer' has no attribute {name!r}")
