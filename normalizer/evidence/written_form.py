"""Of two forms of one name read over the same words, the one the text writes.

An entity has several forms: its name, aliases, the demonyms of a place, the
other spelling of a word ("Organisation", "Organization"). A garble is often
as near one as another: "Filipinesu", a katakana round trip of Philippines,
is as near Filipinos on the capped similarity scale, and the learned round
trip hardly tells them apart. The decider's ranking then falls back on the
replacements' alphabetical order, and writes the demonym where the article
meant the country. The article itself says which: a text that writes "CNN
Philippines" elsewhere writes the place so, and a British text that writes
"World Health Organisation" spells the word its own way.

So where readings of one entity over the same words tie within the
decider's ambiguity margin and the text writes some of their forms
elsewhere and not others, the forms it does not write are set aside,
unless the learned round trip finds one far likelier (evidence.likelier's
MIN_LOG_ODDS): "Korombia" is Colombia in a text that writes only
"Colombian", though both sit at the top of the similarity scale. The entity
read is the same either way: only which of its forms is written moves.
"""

from __future__ import annotations

from normalizer.document import Document
from normalizer.evidence.derived import only_a_demonym
from normalizer.evidence.likelier import far_likelier
from normalizer.proposal import Proposal
from normalizer.tokens import tokenize


def written_forms_first(doc: Document, proposals: list[Proposal], close: float) -> list[Proposal]:
    """`proposals` less the readings whose form the text never writes, where
    a reading of the same entity over the same words, at most `close` below
    it or above it, has a form the text writes elsewhere; and less a
    demonym's reading that a name's reading of the same words ties."""
    by_reading: dict[tuple[int, int, int], list[int]] = {}
    for k, proposal in enumerate(proposals):
        by_reading.setdefault((proposal.entity, proposal.first, proposal.last), []).append(k)
    dropped: set[int] = set()
    for (_, first, last), ranks in by_reading.items():
        if len({proposals[k].replacement for k in ranks}) < 2:
            continue
        written = {k for k in ranks if _written_elsewhere(doc, proposals[k].replacement, first, last)}
        for k in ranks:
            if k in written:
                continue
            # The written forms this one ties with or falls below; it stays
            # only where the round trip finds it far likelier than each.
            reading = proposals[k]
            near = [proposals[w].replacement for w in written if reading.confidence <= proposals[w].confidence + close]
            if near and not all(far_likelier(reading.spelling, reading.replacement, other) for other in near):
                dropped.add(k)
        dropped |= _demonyms_tied_with_the_name(doc, proposals, [k for k in ranks if k not in dropped])
    if not dropped:
        return proposals
    return [p for k, p in enumerate(proposals) if k not in dropped]


def _demonyms_tied_with_the_name(doc: Document, proposals: list[Proposal], ranks: list[int]) -> set[int]:
    """Of one entity's readings over the same words (`ranks`, those the
    text's own forms left), those of a demonym only ("Filipinos") that a
    reading of a name of the entity ("Philippines") ties or outranks: the
    name comes first, not the alphabet ("Firipinesu" is as near either, and
    the learned round trip reads Filipinos no likelier)."""
    demonym = {k: only_a_demonym(doc.index, _keys(proposals[k].replacement), proposals[k].entity) for k in ranks}
    best_name = max((proposals[k].confidence for k in ranks if not demonym[k]), default=None)
    if best_name is None:
        return set()
    return {k for k in ranks if demonym[k] and proposals[k].confidence <= best_name}


def _keys(form: str) -> tuple[str, ...]:
    """The keys of a form's words, as the text's and the index's are made."""
    return tuple(token.key for token in tokenize(form))


def _written_elsewhere(doc: Document, form: str, first: int, last: int) -> bool:
    """Whether the text writes `form` (its words, case aside) outside words first..last."""
    keys = list(_keys(form))
    if not keys:
        return False
    width = len(keys)
    for start in doc.positions.get(keys[0], ()):  # where the form's first word stands
        if doc.keys[start : start + width] == keys and (start + width - 1 < first or start > last):
            return True
    return False
