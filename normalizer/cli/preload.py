"""What the parent loads before it forks the workers of a batch, so that
they inherit it instead of each loading their own: every engine the articles
need, and the words most workers would meet (normalizer/shared_words.py)."""

from __future__ import annotations

from contextlib import nullcontext
from functools import partial
from typing import Callable, ContextManager

from normalizer.errors import NormalizerError


def load_all(engines, articles: list[tuple[str, object]], workers: int,
             saying: Callable[[str], ContextManager] = lambda what: nullcontext()) -> None:
    """Load the engine of each article (`engines`: cli.app.Engines), then
    work out under each engine the words its articles share that most of
    the `workers` would meet, while `saying` (the progress bar's) tells so."""
    from normalizer import shared_words

    by_engine: dict[int, tuple[object, list[tuple[str, object]]]] = {}  # id(engine) -> it and its articles
    for name, config in articles:
        engine = engines.for_config(config)
        by_engine.setdefault(id(engine), (engine, []))[1].append((name, config))
    for engine, its_articles in by_engine.values():
        read = min(len(its_articles), shared_words.MOST_TEXTS)
        with saying(f"reading the words {read:,} articles share"):
            shared_words.work_out(engine, partial(texts_to_work_out, engines, its_articles), spread=workers)


def texts_to_work_out(engines, articles: list[tuple[str, object]]):
    """The text of each article whose result is not known already; an
    article that cannot be read is left to its worker, which reports it."""
    from normalizer.cli.files import read_article
    from normalizer.markup import detect_format

    for name, config in articles:
        try:
            text = read_article(name)
        except (NormalizerError, OSError):
            continue
        if engines.known.enabled and engines.known.knows(engines.results_key(config), text, detect_format(name)):
            continue
        yield text
