"""What the parent loads before it forks the workers of a batch, so that
they inherit it instead of each loading their own: the engine of every
article whose result is not known already, and the words most workers would
meet (normalizer/shared_words.py). A batch whose results are all known
(black's "unchanged" files) loads no engine at all: its workers read the
results back."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Callable, ContextManager

from normalizer.errors import NormalizerError


def load_all(engines, articles: list[tuple[str, object]], workers: int,
             saying: Callable[[str], ContextManager] = lambda what: nullcontext()) -> None:
    """Load the engine of each article (`engines`: cli.app.Engines) whose
    result is not known, then work out under each engine the words its
    articles share that most of the `workers` would meet, while `saying`
    (the progress bar's) tells so."""
    from normalizer import shared_words

    by_engine: dict[int, tuple[object, list[str]]] = {}  # id(engine) -> it and the texts to work out
    for number, (name, config) in enumerate(articles):
        # Past the texts shared_words reads, an article's engine is loaded
        # without reading it: the parent would read every file of a long batch.
        text = _text_to_work_out(engines, name, config) if number < shared_words.MOST_TEXTS else None
        if text is _KNOWN or text is _UNREADABLE:
            continue  # its worker reads the result back, or reports the file
        engine = engines.for_config(config)
        texts = by_engine.setdefault(id(engine), (engine, []))[1]
        if text is not None:
            texts.append(text)
    for engine, texts in by_engine.values():
        if texts:
            with saying(f"reading the words {len(texts):,} articles share"):
                shared_words.work_out(engine, texts, spread=workers, helpers=workers)


# What _text_to_work_out gives for an article whose result is known, and for one it cannot read.
_KNOWN, _UNREADABLE = object(), object()


def _text_to_work_out(engines, name: str, config):
    """The text of an article to work out; _KNOWN where its result is known
    already, _UNREADABLE where it cannot be read (its worker reports that)."""
    from normalizer.cli.files import read_article
    from normalizer.markup import detect_format

    try:
        text = read_article(name)
    except (NormalizerError, OSError):
        return _UNREADABLE
    if engines.known.enabled and engines.known.knows(engines.results_key(config), text, detect_format(name)):
        return _KNOWN
    return text
