"""Words of a many-word name that `fuzzy.lay` reads only because the rest of
the name agrees:

- a short word ("Si" of "Si Tszinpin", the "fon" of "Ursula fon der
  Lyayen"): too short for its spelling or a learned route to tell alone,
  read where a route says yes and the name's longer words agree;
- an open word its spelling does not reach, beside another word of the same
  person's name read surely ("Sounitsu Kuukureeru" for Sawhnit Keukeleire):
  a text that garbles a surname through another script garbles the given
  name beside it the same way, and often further than its spelling shows.
"""

from __future__ import annotations

from normalizer import transliteration
from normalizer.similarity import ALONE_APPLIED, MIN_ROUND_TRIP_LENGTH, is_round_trip
from normalizer.suspects import Status

# A short word of a many-word name may be a gazetteer name's word ("Si") or
# a real name word ("fon", Фон) and still be read by a learned route there.
SHORT_READABLE = frozenset({Status.KNOWN, Status.NAME, Status.MARKED})
MAY_BE_SHORT = SHORT_READABLE | {Status.SHORT}  # the statuses short_name_word may accept

# What a word read beside the rest of the name may be: unknown, or a real
# name word (not one of the English lexicon: "Maria", "Toni").
ANCHORABLE = frozenset({Status.SUSPECT, Status.NAME, Status.MARKED})
# A sure reading of a garbled word, by a fold or a route: the tiers of
# similarity's SAME_SKELETON and above, a learned route's 0.9 and above. A
# word read under it may be read at the level of a surer word of its name
# (read_beside_a_sure_word); one read at it stands for its name word beside
# a known word as an intact one would (candidates/given_names).
ANCHOR = 0.9
# The least the rest must be read at before a word too far for its spelling
# is read by a route beside it ("Dzho Bayden" for Joe Biden: Bayden one edit
# from Biden, 0.88), or a weaker word beside it is read at its level
# ("Iiron Masuku"): about where a word alone is applied (similarity's
# ALONE_APPLIED). Lowering it from ANCHOR moved no open-world correction
# (`python benchmarks/open_world.py`) and no control word of
# `python benchmarks/names_in_text.py`.
FAR_WORD_ANCHOR = ALONE_APPLIED
# The least learned-route similarity of the word read beside it. Fitted on
# the train split, never on the words measured (the fit is
# `python benchmarks/anchored_words.py`): of round-trip forms whose spelling
# reads under fuzzy's MIN_SIMILARITY, a route reads 14% at 0.55 or more,
# and an impostor (another real name word of the train split) 0.24% of the
# time; at 0.5, 15% and 0.40%; at 0.45, 28% and 1.3%.
ANCHORED_MIN = 0.55
ANCHORED_REASON = "read beside the rest of the name"


def short_name_word(word: str, status: Status, name_word: str) -> bool:
    """A word too short to judge alone that may still be a name's word:
    written capitalized, not as an acronym ("Si", "Abe"; not "UN", "in"),
    or in small letters where the name writes that word so (a particle:
    "fon" for the "von" of "Ursula von der Leyen"), and unknown or somebody's
    name word ("Si" is one in a big gazetteer)."""
    return (
        (status == Status.SHORT or (status in SHORT_READABLE and len(word) < MIN_ROUND_TRIP_LENGTH))
        and (word[:1].isupper() or name_word.islower())
        and not word.isupper()
        and word.isalpha()
    )


def may_anchor(kind: str, words: int, word: str, status: Status) -> bool:
    """Whether a word whose spelling is too far from the name's word (or
    only weakly near it) may still be read beside the rest of the name: a
    capitalized word, unknown or a real name word (as fuzzy.lay reads one
    beside other garbled words that agree on the name) but not one common
    enough for the English lexicon ("Maria" beside a garbled surname is
    somebody else), long enough for a learned route, in a person's name of
    two words or more."""
    return (
        kind == "person" and words >= 2 and status in ANCHORABLE
        and len(word) >= MIN_ROUND_TRIP_LENGTH and word[:1].isupper()
    )


def anchored_readings(words: list[tuple[str, str]], sure: float) -> list[tuple[float, str]] | None:
    """The learned readings of (text word, name word) pairs that may be read
    beside the rest of their name, whose surest other word reads at `sure`;
    None where any is not read: the rest not sure enough, or a route that
    does not explain the word well enough."""
    if sure < FAR_WORD_ANCHOR:
        return None
    readings = []
    for word, name_word in words:
        read = _route_reading(word, name_word)
        if read is None:
            return None
        readings.append((read[0], f"{read[1]}, {ANCHORED_REASON}"))
    return readings


def read_beside_a_sure_word(doc, form, start: int, scores: list[float], garbled) -> list[int]:
    """Of the `garbled` positions of `form` laid from `start` (with their
    `scores`), those read at fuzzy's MIN_SIMILARITY or more but under ANCHOR
    and under a word of the same name read at FAR_WORD_ANCHOR or more, that
    a learned route reads at ANCHORED_MIN or more, as a word too far for
    fuzzy is read there (anchored_readings). The name is then as sure as its
    surer word, not as its weaker one: else "Maiku Panpeo" (Mike at 0.62,
    Pompeo at 0.91) would be less sure than "Panpeo" alone, and a given name
    too far for fuzzy, read beside the same surname, surer than both; so
    would "Iiron Masuku" (Elon at 0.64, Musk at 0.88)."""
    kind = doc.index.entities[form.entity].kind
    weak = []
    for q in sorted(garbled):
        word = doc.tokens[start + q].text
        surest = max((scores[p] for p in garbled if p != q), default=0.0)
        if scores[q] >= min(ANCHOR, surest) or not may_anchor(kind, len(form.keys), word, doc.status[start + q]):
            continue
        if surest < FAR_WORD_ANCHOR:
            continue
        if _route_reading(word, form.tokens[q]) is not None:
            weak.append(q)
    return weak


def _route_reading(word: str, name_word: str) -> tuple[float, str] | None:
    """The learned route's reading of `word` as `name_word` (similarity, route),
    where it explains the word well enough to read it beside the rest of the name."""
    score, why = transliteration.score(word, name_word)
    return (score, why) if is_round_trip(why) and score >= ANCHORED_MIN else None
