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
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from normalizer.candidates.name_tokens import ROUND_TRIP_WORDS, candidate_tokens
from normalizer.document import Document
from normalizer.suspects import OPEN

# At most this many words: the smallest memo they fill (ROUND_TRIP_WORDS)
# forgets everything past its size, and the texts still bring words of their own.
MOST_WORDS = ROUND_TRIP_WORDS // 2
# Looked for in the first this many texts only: reading a text costs about a
# millisecond here, before any worker starts, and the words a long batch
# shares most are in its first thousands of texts.
MOST_TEXTS = 2_000


def work_out(engine, texts: Sequence[str], spread: int, most: int = MOST_WORDS) -> int:
    """Work out under `engine` (a Normalizer) the candidates of each open word
    that at least `spread` of the `texts` hold (two at least), the most
    widely held first, at most `most` words; only the first MOST_TEXTS texts
    are read. The callers gather them once: reading them again would read
    the input again. How many words were worked out."""
    index = engine.index
    held: Counter[str] = Counter()
    first_in: dict[str, int] = {}  # a word -> the first text that holds it
    texts = texts[:MOST_TEXTS]
    for number, text in enumerate(texts):
        words = {token.text for token, status in _open_words(index, text)}
        held.update(words)
        for word in words:
            first_in.setdefault(word, number)
    chosen = {word for word, count in held.most_common(most) if count >= max(2, spread)}
    # Each word is worked out in the first text that holds it.
    wanted = {first_in[word] for word in chosen}
    left = set(chosen)
    for number in sorted(wanted):
        doc = Document(index, texts[number])
        for i, status in enumerate(doc.status):
            if status in OPEN and doc.tokens[i].text in left:
                left.discard(doc.tokens[i].text)
                candidate_tokens(doc, i)
    return len(chosen)


def _open_words(index, text: str):
    doc = Document(index, text)
    return ((token, status) for token, status in zip(doc.tokens, doc.status) if status in OPEN)
