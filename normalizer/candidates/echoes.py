"""Later mentions of a word read inside a reading of several words. An
article names a person in full, then by the surname alone, spelled as the
full name spelled it ("Donald Tramp ... Tramp said"; "Konoton Jokuru ...
Later, Jokuru met reporters"): machine translation garbles a name the same
way each time; an outlet quoting another may write another romanization of
it ("Moammar Gadhafi ... Colonel Qaddafi"), read too where it is as alike as
two romanizations of one name word (given_names.one_name_word). Each such
word is read as the name's one-word form, with the evidence a lone word has;
where the reading of the full name is sure, the decider has it follow that
reading (Decider._one_outcome).

The sources read many such words alone already; this one reads those no
candidate of their own spelling finds ("Jokuru", a katakana round trip of
Jaucourt that only the given name beside it led to) and words a source reads
only beside the rest of a name (a known or English word: candidates/given_names).
Only a word with a one-word form of its own (a surname) is read: a given name
alone is anyone's. A word its own spelling cannot read ("Sota" for Souter:
too short, too far) is read as it was read in the full name, where it stands
alone, and is applied only with that name (match "echo", Decider._confident).

Not a source of its own (no `propose`): it reads on from the sources'
readings, once they are built.
"""

from __future__ import annotations

from normalizer.candidates.fuzzy import align
from normalizer.candidates.given_names import one_name_word
from normalizer.candidates.render import render
from normalizer.document import Document
from normalizer.folding import fold_case
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import ALONE_APPLIED
from normalizer.suspects import Status

# The words read as in the full name even where their own reading fails:
# unknown, a real name word, foreign-lettered, or too short to judge alone.
# Not a word of the English lexicon or of the gazetteer: those read or not
# by their own spelling (align's read_known).
REREAD = frozenset({Status.SUSPECT, Status.NAME, Status.FOREIGN, Status.MARKED, Status.SHORT})
SHARED_LETTERS = 50  # rapidfuzz's ratio, in percent: see _OtherSpellings


def lone_mentions(doc: Document, mentions: Mentions, readings: list) -> tuple[list[Proposal], list[Proposal]]:
    """The lone mentions, elsewhere in the text, of each word that a reading of
    several words among `readings` rewrites (spelled the same way, or as
    another romanization of it: `_OtherSpellings`), read as its entity's one-word
    form: those read by their own spelling, and those read only as the word
    was read there (`_as_read_there`). The latter are the same garble as the
    reading: no evidence for it, nor it for them (the engine adds them after
    the evidence across the text)."""
    index = doc.index
    found: list[Proposal] = []
    as_there: list[Proposal] = []
    # The surest of the readings given, by (entity, first word, last word).
    read: dict[tuple[int, int, int], float] = {}
    for p in readings:
        if isinstance(p, Proposal):
            span = (p.entity, p.first, p.last)
            read[span] = max(read.get(span, p.confidence), p.confidence)
    looked_at: set[tuple[int, int, int]] = set()
    others = _OtherSpellings(doc, mentions)
    for reading in readings:
        if not isinstance(reading, Proposal) or not reading.rewrites:
            continue
        rewritten = dict(reading.rewrites)
        for k in range(reading.first, reading.last + 1):
            new = rewritten.get(doc.words(k, k))
            form_id = None if new is None else next(index.one_word_forms(reading.entity, fold_case(new)), None)
            if form_id is None:
                continue
            written = doc.tokens[k].text
            for j in (*doc.positions[doc.keys[k]], *others.of(new, reading)):
                if (doc.tokens[j].text != written and doc.keys[j] == doc.keys[k]) or reading.first <= j <= reading.last:
                    continue
                span = (reading.entity, j, j)
                if mentions.covered[j] or span in looked_at:
                    continue
                looked_at.add(span)
                # A word its own spelling already reads as the entity is not read
                # so again; but an own reading too weak to stand alone ("Kroše"
                # alone after "Kažman Kroše" was repaired) does not keep the same
                # garble from being read as it was read there.
                if read.get(span, 0.0) >= ALONE_APPLIED:
                    continue
                proposal = None if span in read else align(doc, mentions, form_id, j, read_known=frozenset({0}))
                if proposal is not None:
                    found.append(proposal)
                elif doc.keys[j] == doc.keys[k] and doc.status[j] in REREAD and _alone(doc, j):  # the same garble
                    proposal = _as_read_there(doc, index.forms[form_id], j, reading)
                    if proposal is not None:
                        as_there.append(proposal)
    return found, as_there


class _OtherSpellings:
    """The capitalized words of the text, neither covered nor all capitals,
    that spell a repaired word as another romanization of one person's name
    word ("Moammar Gadhafi" repaired, then "Colonel Qaddafi"), each repaired
    word looked for once."""

    def __init__(self, doc: Document, mentions: Mentions):
        self.doc, self.found = doc, {}
        self.words = [
            j for j, token in enumerate(doc.tokens)
            if token.text[:1].isupper() and not token.text.isupper() and not mentions.covered[j]
        ]

    def of(self, new: str, reading: Proposal) -> list[int]:
        doc = self.doc
        if doc.index.entities[reading.entity].kind != "person":
            return []
        found = self.found.get(new)
        if found is None:
            from rapidfuzz import fuzz, process  # loaded already: symspellpy's lookups import it

            key = fold_case(new)
            # Two romanizations of one name word differ by a letter or two in
            # length and share half their letters or more (Vladimir / Volodymyr
            # 59%, Qaddafi / Gaddafi 86%): a C pass keeps those, then the bar.
            near = process.extract(
                key, [doc.keys[j] for j in self.words], scorer=fuzz.ratio, score_cutoff=SHARED_LETTERS, limit=None
            )
            found = self.found[new] = sorted(
                j for j in (self.words[n] for _, _, n in near)
                if doc.keys[j] != key and abs(len(doc.tokens[j].text) - len(new)) <= 2
                and one_name_word(doc.index, doc.tokens[j].text, new)
            )
        return [j for j in found if not reading.first <= j <= reading.last]


def _as_read_there(doc: Document, form, j: int, reading: Proposal) -> Proposal | None:
    """The word at `j` read as it was read inside `reading`, at that reading's
    confidence: a word too short or too far from the name for its spelling
    to be read alone ("Sota" for Souter after "Dadori Sota" -> Dudley Souter),
    or a real name word read there beside the rest ("Semyon" for Semen)."""
    reason = f"'{doc.tokens[j].text}' is read as in '{reading.replacement}' elsewhere in the text"
    return render(doc, j, form, reading.confidence, (reason,), "echo", round_trip=reading.round_trip)


def _alone(doc: Document, j: int) -> bool:
    """Whether the word at `j` stands alone, no capitalized word beside it in
    a name ("Semyon said", not "Semyon Petrov"): else it is another name's."""
    for k in (j - 1, j + 1):
        if 0 <= k < len(doc) and doc.gap_ok(min(j, k), max(j, k)) and doc.tokens[k].text[:1].isupper():
            return False
    return True
