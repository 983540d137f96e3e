"""Short garbles of a name the text names intact: "Apple released the
iPod ... Afl said" (אפל in Hebrew letters, romanized), "Assad ... Asd's
forces". A word of two or three letters is too short for a learned route
to tell names apart (similarity.MIN_ROUND_TRIP_LENGTH): against a gazetteer
of thousands, anything short reads as something. Against the handful of
names the text itself writes intact it does not: such a word that a route
reads surely (open_world.SURE_SIMILARITY) as a word of one of them is read
as that name's one-word form (its surname, or the name itself), with the
evidence a lone word has (candidates.fuzzy.lay). On the 477 clean Wikinews
articles with the bundled gazetteers no word is so read.
"""

from __future__ import annotations

from normalizer import transliteration
from normalizer.candidates.fuzzy import align
from normalizer.document import Document
from normalizer.evidence.open_world import SURE_SIMILARITY
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import MIN_ROUND_TRIP_LENGTH, is_round_trip
from normalizer.suspects import Status

MIN_LETTERS = 2  # one letter is an initial


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    short = [k for k in range(len(doc)) if _short_unknown(doc, mentions, k)]
    if not short:
        return []
    named = _intact_words(doc, mentions)
    found = []
    for k in short:
        word = doc.tokens[k].text
        for (key, written), entities in named.items():
            score, why = transliteration.score(word, written)
            if score < SURE_SIMILARITY or not is_round_trip(why):
                continue
            for entity in entities:
                for form_id in doc.index.one_word_forms(entity, key):
                    proposal = align(doc, mentions, form_id, k, short_alone=True)
                    if isinstance(proposal, Proposal):
                        found.append(proposal)
    return found


def _short_unknown(doc: Document, mentions: Mentions, k: int) -> bool:
    """A capitalized unknown word too short for a learned route alone."""
    text = doc.tokens[k].text
    return (
        doc.status[k] == Status.SUSPECT and MIN_LETTERS <= len(text) < MIN_ROUND_TRIP_LENGTH
        and text[:1].isupper() and not text.isupper() and not mentions.covered[k]
    )


def _intact_words(doc: Document, mentions: Mentions) -> dict[tuple[str, str], set[int]]:
    """(key, word as written) of each word of an intact mention -> the entities named there."""
    forms = doc.index.forms
    named: dict[tuple[str, str], set[int]] = {}
    for mention in mentions.found:
        entities = {forms[f].entity for f in mention.correct}
        for k in range(mention.start, mention.start + mention.length):
            if entities and len(doc.keys[k]) >= MIN_ROUND_TRIP_LENGTH:
                named.setdefault((doc.keys[k], doc.tokens[k].text), set()).update(entities)
    return named
