"""The words a batch's texts share, worked out once before the batch is split.

Most of what a new word costs is its own, not its text's: the searches for
the name tokens it may be a garble of (candidates.name_tokens.candidate_tokens)
and the similarities they score, which the index's memos then remember for
every later text. Worker processes forked after the load start with the
memos as they were at the fork, so a word that the texts of several workers
hold was worked out by each of them: on 400 articles of the speed batch, two
workers spent 51 s of CPU where one process spent 28 s.

So before the fork, the words that at least as many texts hold as there are
workers (each worker would likely meet them) are worked out here, once, and
every worker inherits them. Rarer words are left to the worker that meets
them: working them out here would only make the workers wait. The work is
pure (a word's candidates under this index), so the corrections are the
same either way.

The parent does not do this alone while the CPUs the workers will use stand
idle: it and helpers forked for the purpose, as many in all as there will be
workers, each read a slice of the texts, then work out a share of the words;
each helper hands the memos' new entries back (and what it added to the word
store). The memos are the same as if the parent had filled them. On 2,000
speed articles with two workers, the batch took 0.88 of its wall time.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

from normalizer.candidates.name_tokens import ROUND_TRIP_WORDS, WORD_MEMOS, candidate_tokens
from normalizer.document import Document
from normalizer.suspects import OPEN
from normalizer.word_store import attached

# At most this many words: the smallest memo they fill (ROUND_TRIP_WORDS)
# forgets everything past its size, and the texts still bring words of their own.
MOST_WORDS = ROUND_TRIP_WORDS // 2
# Looked for in the first this many texts only: reading a text costs about a
# millisecond here, before any worker starts, and the words a long batch
# shares most are in its first thousands of texts.
MOST_TEXTS = 2_000
# A helper costs a fork (10-20 ms with the bundled gazetteers loaded) and
# the memos it hands back; a text costs about half a millisecond to read and
# a word some 10 ms to work out. Below these each, the parent works alone.
MIN_TEXTS_PER_HELPER = 50
MIN_WORDS_PER_HELPER = 8

# The engine, the texts and the parent of the current run: set before the
# helpers fork, so that they inherit them instead of receiving a pickled copy.
_job: tuple | None = None


def work_out(engine, texts: Sequence[str], spread: int, most: int = MOST_WORDS, helpers: int = 1) -> int:
    """Work out under `engine` (a Normalizer) the candidates of each open word
    that at least `spread` of the `texts` hold (two at least), the most
    widely held first, at most `most` words; only the first MOST_TEXTS texts
    are read, on `helpers` forked processes where there are enough texts. The
    callers gather them once: reading them again would read the input again.
    How many words were worked out."""
    global _job
    texts = list(texts[:MOST_TEXTS])
    if helpers < 2 or len(texts) < helpers * MIN_TEXTS_PER_HELPER:
        helpers = 1
    _job = (engine, texts, os.getpid())
    try:
        with _processes(helpers) as run:
            held, first_in = _merged(run(_count, _slices(len(texts), helpers)))
            chosen = [word for word, count in held.most_common(most) if count >= max(2, spread)]
            # Too few words to repay handing them back: all of them here.
            parts = helpers if len(chosen) >= helpers * MIN_WORDS_PER_HELPER else 1
            for found in run(_work_out_share, _shares(chosen, first_in, parts)):
                _keep(engine, found)
    finally:
        _job = None
    return len(chosen)


@contextmanager
def _processes(helpers: int) -> Iterator[Callable[[Callable, list], list]]:
    """A `map` that runs the first item here and each other one on a process
    forked for it, which ends with this one (at most `helpers` - 1 of them);
    the built-in one, here, for a single helper or where nothing forks. This
    process works too: its memos, warm with its share, are what the workers
    inherit beside the shares handed back."""
    from normalizer.forking import can_fork, pool

    if helpers < 2 or not can_fork():
        yield lambda task, items: list(map(task, items))
        return
    with pool(helpers - 1) as helpers_pool:

        def run(task: Callable, items: list) -> list:
            elsewhere = [helpers_pool.submit(task, item) for item in items[1:]]
            here = [task(item) for item in items[:1]]
            return here + [future.result() for future in elsewhere]

        yield run


def _slices(count: int, parts: int) -> list[tuple[int, int]]:
    """`count` texts in `parts` runs of consecutive ones, as even as can be."""
    bounds = [count * part // parts for part in range(parts + 1)]
    return list(zip(bounds, bounds[1:]))


def _count(run: tuple[int, int]) -> tuple[Counter, dict[str, int]]:
    """How many of the texts `run` holds hold each open word, and the first that does."""
    engine, texts, _ = _job
    held: Counter[str] = Counter()
    first_in: dict[str, int] = {}  # a word -> the first text that holds it
    for number in range(*run):
        words = {token.text for token, status in _open_words(engine.index, texts[number])}
        held.update(words)
        for word in words:
            first_in.setdefault(word, number)
    return held, first_in


def _merged(counts: Iterable[tuple[Counter, dict[str, int]]]) -> tuple[Counter, dict[str, int]]:
    """The counts of consecutive runs of texts, in order, as one run's:
    the words in the order they first appear, as one process counts them."""
    held: Counter[str] = Counter()
    first_in: dict[str, int] = {}
    for run_held, run_first_in in counts:
        held.update(run_held)
        for word, number in run_first_in.items():
            first_in.setdefault(word, number)
    return held, first_in


def _shares(chosen: list[str], first_in: dict[str, int], parts: int) -> list[list[tuple[int, frozenset[str]]]]:
    """The chosen words by the first text that holds each (where each is
    worked out), those texts dealt out in `parts` shares of about as many words."""
    by_text: dict[int, set[str]] = {}
    for word in chosen:
        by_text.setdefault(first_in[word], set()).add(word)
    shares: list[list[tuple[int, frozenset[str]]]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for number in sorted(by_text):
        smallest = sizes.index(min(sizes))
        shares[smallest].append((number, frozenset(by_text[number])))
        sizes[smallest] += len(by_text[number])
    return [share for share in shares if share]


def _work_out_share(share: list[tuple[int, frozenset[str]]]) -> dict | None:
    """Work out each word of `share` in its text. In a helper, what that
    added to the memos and the word store, for the parent to keep; here, None."""
    engine, texts, parent = _job
    index = engine.index
    handing_back = os.getpid() != parent
    before = {name: set(index.__dict__.get(name, ())) for name in WORD_MEMOS} if handing_back else {}
    for number, words in share:
        left = set(words)
        doc = Document(index, texts[number])
        for i, status in enumerate(doc.status):
            if status in OPEN and doc.tokens[i].text in left:
                left.discard(doc.tokens[i].text)
                candidate_tokens(doc, i)
    if not handing_back:
        return None
    memos = {name: {key: value for key, value in index.__dict__.get(name, {}).items() if key not in known}
             for name, known in before.items()}
    store = attached(engine)
    return {"memos": memos, "words": store.take_new() if store is not None and store.enabled else {}}


def _keep(engine, found: dict | None) -> None:
    """What a helper worked out, in this process's memos (and its word store)."""
    if found is None:
        return
    for name, entries in found["memos"].items():
        index_memo = engine.index.memo(name, WORD_MEMOS[name])
        index_memo.update(entries)
    store = attached(engine)
    if store is not None:
        store.add(found["words"])


def _open_words(index, text: str):
    doc = Document(index, text)
    return ((token, status) for token, status in zip(doc.tokens, doc.status) if status in OPEN)
