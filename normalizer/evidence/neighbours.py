"""The words beside a garble: exact words of the same name pin the reading
("Abbas" beside "Aragut"); a lone word is weaker evidence, unless it is a
title before a name."""

from __future__ import annotations

from normalizer.document import Document
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.names import ARTICLES, PARTICLES
from normalizer.proposal import Evidence
from normalizer.suspects import Status

EXACT_NEIGHBOUR_BONUS = 0.06  # "Abbas" beside "Aragut"
EXTRA_NEIGHBOUR_BONUS = 0.03  # per further exact neighbour, at most two
GARBLES_AGREE_BONUS = 0.04  # two garbled words of one name side by side
LONE_WORD_PENALTY = 0.12  # a single word with no neighbour of its name
TITLE_BEFORE_NAME_BONUS = 0.06  # an honorific right before a known name
TITLE_CHAIN_BONUS = 0.04  # ... and right after another honorific
# A lowercase word that merely resembles a name is most often an ordinary
# word the lexicon lacks ("tweeted", "cosplayer"), not a name that lost its capitals.
LOST_CAPITALS_PENALTY = 0.20
AFTER_PARTICLE_PENALTY = 0.10  # a lone word right after "de", "al", "van"...
# A neighbour is evidence only when it is distinctive: not a very common
# English word (lexicon.COMMON_WORD_COUNT) and part of only a few names.
MAX_FORMS_OF_DISTINCTIVE_WORD = 12


def distinctive(doc: Document, word: str) -> bool:
    key = word.casefold()
    if key in ARTICLES:  # "al" says nothing of which name is meant, however few hold it
        return False
    index = doc.index
    return key not in index.common_english and len(index.token_forms.get(key, ())) <= MAX_FORMS_OF_DISTINCTIVE_WORD


def exact_neighbours(doc: Document, weak: list[str], anchors: list[str], garbled_words: int) -> Evidence:
    """Evidence of the exact words of the same name around the garbled ones:
    `anchors` are distinctive, `weak` too common to say which name is meant
    ("the Freewinds" ~ "The Philippines")."""
    reasons = []
    if weak:
        reasons.append("beside " + " ".join(f"'{w}'" for w in weak) + " (too common to count)")
    if anchors:
        extra = min(len(anchors) - 1, 2)
        reasons.append("beside " + " ".join(f"'{w}'" for w in anchors) + " of the same name")
        return Evidence(EXACT_NEIGHBOUR_BONUS + EXTRA_NEIGHBOUR_BONUS * extra, tuple(reasons))
    if garbled_words >= 2:
        reasons.append(f"{garbled_words} neighbouring words agree on one name")
        return Evidence(GARBLES_AGREE_BONUS, tuple(reasons))
    return Evidence(0.0, tuple(reasons))


def lone_word(doc: Document, i: int, form: Form, name: str) -> tuple[Evidence, bool]:
    """A single garbled word `tokens[i]` read as `name`: weaker evidence,
    unless it is a title before a name. Also says whether it lost capitals."""
    index = doc.index
    if index.entities[form.entity].kind == "honorific" and i + 1 < len(doc) and doc.gap_ok(i, i + 1):
        after = doc.tokens[i + 1].text
        if doc.status[i + 1] == Status.KNOWN and after[:1].isupper():
            bonus = TITLE_BEFORE_NAME_BONUS
            reasons = [f"a title before the name '{after}'"]
            if i > 0 and doc.gap_ok(i - 1, i) and _is_title(doc, i - 1):
                bonus += TITLE_CHAIN_BONUS
                reasons.append(f"after the title '{doc.tokens[i - 1].text}'")
            return Evidence(bonus, tuple(reasons)), False
    penalty = -LONE_WORD_PENALTY
    reasons = []
    lost_capitals = doc.tokens[i].text[:1].islower() and name[:1].isupper()
    if lost_capitals:
        penalty -= LOST_CAPITALS_PENALTY
    if i > 0 and doc.keys[i - 1] in PARTICLES and doc.gap_ok(i - 1, i):
        # "De Vincenti", "Al-Ghaza": after "de", "al", "van" comes the rest
        # of a surname, not a garbled place or demonym of its own.
        penalty -= AFTER_PARTICLE_PENALTY
        reasons.append(f"after '{doc.tokens[i - 1].text}', part of another name")
    return Evidence(penalty, tuple(reasons)), lost_capitals


def _is_title(doc: Document, k: int) -> bool:
    index = doc.index
    return any(
        index.entities[index.forms[f].entity].kind == "honorific"
        for f, _ in index.token_forms.get(doc.keys[k], ())
        if len(index.forms[f].keys) == 1
    )
