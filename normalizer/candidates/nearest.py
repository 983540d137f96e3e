"""The name tokens nearest a word by edit similarity over the whole index
(rapidfuzz, in C++): a wider search than the delete tables' one or two
edits, for the words of a text that came through another script, where a
round trip changes a name by more ("Beizhumu" for Belgium, "Wyadhrsbun"
for Weatherspoon). Each candidate is then scored by normalizer.similarity
like any other; this only finds them.
"""

from __future__ import annotations

from normalizer.transliteration import keys as round_trip_keys
from normalizer.transliteration import plain
from normalizer.word_store import remembered

# Nearest spellings kept per query: of the 62 words the round-trip corpus's
# articles left unrepaired, 58 had their own name among the 10 nearest of one
# of the three queries.
NEAREST = 10
SOURCES = 6  # the likeliest English spellings asked (round_trip_model.sources)
NEAREST_PER_SOURCE = 3
# Words whose nearest name tokens are remembered: a set of some 30 keys,
# ~4 KB, so ~8 MB. Only the words of translated texts that nothing else reads get here.
NEAREST_WORDS = 2_000


def nearest_name_tokens(index, word: str) -> frozenset[str]:
    """Name token keys nearest `word` as printed, by its learned key, and by
    the English spellings it likeliest came from (remembered across texts, and runs: word_store)."""
    return remembered(index, "_nearest_name_tokens", NEAREST_WORDS, word, lambda: frozenset(_nearest(index, word)))


def _nearest(index, word: str) -> set[str]:
    from normalizer.round_trip_model import sources  # lazy: a 1 MB model

    tokens, learned = _choices(index)
    found = set(_extract(plain(word), tokens, NEAREST))
    word_keys = round_trip_keys(word)
    if word_keys:
        for key in _extract(word_keys[-1], learned, NEAREST):
            found.update(index.by_round_trip[key])
    for english, _script, _score in sources(word, SOURCES):
        found.update(_extract(english, tokens, NEAREST_PER_SOURCE))
    return found


def _extract(query: str, choices: list[str], limit: int) -> list[str]:
    from rapidfuzz import fuzz, process  # lazy: only a translated text gets here

    if not query:
        return []
    return [choices[k] for _, _, k in process.extract(query, choices, scorer=fuzz.ratio, limit=limit)]


def _choices(index) -> tuple[list[str], list[str]]:
    """Every name token key, and every learned round-trip key, listed once a process."""
    memo = index.memo("_nearest_choices")
    if not memo:
        memo["tokens"], memo["learned"] = list(index.spelling), list(index.by_round_trip)
    return memo["tokens"], memo["learned"]
