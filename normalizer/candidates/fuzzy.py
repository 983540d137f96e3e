"""Candidates from look-alike words: each suspect proposes the name tokens it
may be a garble of (SymSpell over MT-folded keys, skeletons, metaphone, and
the word a known neighbour implies), and each form holding such a token is
laid over the text around it and scored."""

from __future__ import annotations

from typing import NamedTuple

from normalizer import transliteration
from normalizer.candidates import articles
from normalizer.candidates.name_parts import (
    ANCHORED_REASON, MAY_BE_SHORT, anchored_readings, may_anchor, read_beside_a_sure_word, short_name_word,
)
from normalizer.candidates.name_tokens import MIN_SIMILARITY, pair_similarity, ranked_candidate_tokens
from normalizer.candidates.real_names import real_place_as_a_place, stands_as_written
from normalizer.candidates.render import render
from normalizer.document import Document
from normalizer.evidence.another_person import another_given_name
from normalizer.evidence.context import context
from normalizer.evidence.later import most_later_evidence
from normalizer.evidence.lists import LIST_NEIGHBOUR_BONUS, list_neighbour, listed_beside_itself
from normalizer.evidence.neighbours import distinctive, exact_neighbours, lone_word
from normalizer.evidence.open_world import SURE_SIMILARITY, namesake, veto
from normalizer.evidence.persons_slot import COURTESY_TITLES
from normalizer.gazetteer.index import Form
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import MIN_ROUND_TRIP_LENGTH, is_round_trip
from normalizer.suspects import FOREIGN_LETTERED, OPEN, REAL_NAMES, Status
from normalizer.tokens import HYPHENS, without_soft_sign

# Real name words that a translated text's own round trips may have made
# (evidence/translated.py): "Beldžum" beside repaired "Suoqi" and "Fuwangu".
# Not ENGLISH_NAME: "Bateman" is a garble of Batman only beside other evidence.
OPENED_IN_TRANSLATION = frozenset({Status.NAME, *FOREIGN_LETTERED})
# What a `read_known` position may hold (candidates/given_names): a correct
# name of someone else, or a word of the English lexicon written capitalized
# (the web lexicon holds many names: "Qaddafi", "Muhammad").
READ_KNOWN = frozenset({Status.KNOWN, Status.ENGLISH})


class Unbuilt(NamedTuple):
    """A reading `align` left unbuilt: whatever the text adds to it later, its
    confidence stays under the decider's floor (evidence.later). The engine
    builds it where another reading of its entity stands in the text."""

    entity: int
    form_id: int
    start: int
    last: int  # the form's last word: the proposal's span lies within start..last
    opened: frozenset[Status]

    def build(self, doc: Document, mentions: Mentions) -> Proposal | None:
        """The proposal `align` would have made (or None)."""
        return align(doc, mentions, self.form_id, self.start, opened=self.opened)


def propose(
    doc: Document, mentions: Mentions, translated: bool = False, floor: float | None = None
) -> list[Proposal | Unbuilt]:
    """The readings of the open words. In a `translated` text (one that came
    through another script) the search is wider and real name words are
    read too, by a learned round trip only. With a `floor`, a reading of an
    index form that cannot reach it is an `Unbuilt` in its place (a form laid
    with an article, which no form id rebuilds, is always built)."""
    proposals: list[Proposal | Unbuilt] = []
    tried: set[tuple[int | Form, int]] = set()  # (index form id, or a form laid with an article; first token)
    index = doc.index
    opened = OPENED_IN_TRANSLATION if translated else frozenset()
    readable = OPEN | opened
    # The article of an Arabic name, written or not (candidates/articles).
    writes_article = articles.writes_article(doc)
    with_article = articles.forms_with_article(index)
    keys, closed, forms = doc.keys, closed_positions(doc, mentions, readable), index.forms
    for i, status in enumerate(doc.status):
        if status not in readable or mentions.covered[i]:
            continue
        for key, _score in ranked_candidate_tokens(doc, i, translated):
            for form_id, position in index.token_forms.get(key, ()):
                start = i - position
                if (form_id, start) in tried:
                    continue
                tried.add((form_id, start))
                # Most forms tried (60% in a batch) hold another word where the
                # text has a closed one: lay's first test, asked without calling it.
                if _may_lay(forms[form_id].keys, start, keys, closed):
                    proposal = align(doc, mentions, form_id, start, opened=opened, floor=floor)
                    if proposal:
                        proposals.append(proposal)
                if writes_article or form_id in with_article:
                    for laid, first in articles.readings(doc, index.forms[form_id], i, position):
                        if (laid, first) not in tried:
                            tried.add((laid, first))
                            proposal = lay(doc, mentions, laid, first, opened=opened)
                            if proposal:
                                proposals.append(proposal)
    return proposals


def closed_positions(doc: Document, mentions: Mentions, readable: frozenset[Status]) -> list[bool]:
    """Per token, whether `lay` (without `read_known`) rejects any form
    holding another word there: a word inside an intact mention, or a
    word not `readable` that cannot be a short word of a name, whatever the
    name writes there (name_parts.short_name_word with a name word in small letters)."""
    status, covered = doc.status, mentions.covered
    return [
        covered[k]
        or (
            status[k] not in readable
            # most words are English: no call for them
            and (status[k] not in MAY_BE_SHORT or not short_name_word(token.text, status[k], "a"))
        )
        for k, token in enumerate(doc.tokens)
    ]


def _may_lay(form_keys: tuple[str, ...], start: int, keys: list[str], closed: list[bool]) -> bool:
    """Whether the form fits from `start` with the text's own word at every closed position (else lay: None)."""
    if start < 0 or start + len(form_keys) > len(keys):
        return False
    for k, form_key in enumerate(form_keys, start):
        if closed[k] and keys[k] != form_key:
            return False
    return True


def align(
    doc: Document, mentions: Mentions, form_id: int, start: int, floor: float | None = None, **options
) -> Proposal | Unbuilt | None:
    """Lay the index's form `form_id` over the tokens from `start` (`lay`).
    `floor`: a reading whose confidence, with the most the text may add
    later, stays under it is not built (an `Unbuilt` instead, which builds
    it; not with `read_known`)."""
    form = doc.index.forms[form_id]
    reading = lay(doc, mentions, form, start, floor=floor, **options)
    if reading is UNDER_FLOOR:
        return Unbuilt(form.entity, form_id, start, start + len(form.keys) - 1, options.get("opened", frozenset()))
    return reading


# What `lay` returns for a reading under its `floor` (align makes it an Unbuilt).
UNDER_FLOOR = object()


def capital_inside(word: str) -> bool:
    """A capital after a small letter ("BankSA", "eBay", "McConnel"): a brand's
    or a name's own spelling. Machine translation and typists keep such
    capitals: no garble of the corpora has one, 1,468 of their intact
    words do; so the word is read only as a name written so too."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def lay(
    doc: Document,
    mentions: Mentions,
    form: Form,
    start: int,
    read_known: frozenset[int] = frozenset(),
    opened: frozenset[Status] = frozenset(),
    floor: float | None = None,
    short_alone: bool = False,
) -> Proposal | object | None:
    """Lay `form` over the tokens from `start`; score the fit.
    `read_known`: form positions whose word may be a correct name of
    something else, or an English word, and still be read as this form's
    (candidates/given_names).
    `opened`: statuses of real name words read here by a learned round trip
    alone, as in a translated text.
    `floor`: a reading that cannot reach it is UNDER_FLOOR (`align`).
    `short_alone`: a short open word read by a learned route alone, surely,
    with no longer word beside it (candidates/short_words)."""
    end = start + len(form.keys)
    if start < 0 or end > len(doc):
        return None
    if form.role == "combining" and not _before_a_hyphen(doc, end - 1):
        return None  # "Perso", "Sino": the first half of a compound, never a word alone
    # Cheap test first: every word is the form's own or an open suspect.
    keys, status, covered = doc.keys, doc.status, mentions.covered
    short_read: list[int] = []  # form positions of short words, read by a learned route only
    short_open: list[int] = []  # ... of short open words, read by a route where the spelling does not
    for q, k in enumerate(range(start, end)):
        if keys[k] == form.keys[q]:
            continue
        if covered[k] and q not in read_known:  # (given_names vets a covered word it reads)
            return None
        if keys[k] in COURTESY_TITLES:
            return None  # "Mr Leete" is no garbled Mark Rutte: a title, then the name
        if capital_inside(doc.tokens[k].text) and not capital_inside(form.tokens[q]):
            return None  # "BankSA" is no garbled Benxi: a writer's capitals, which garbles keep
        if status[k] not in OPEN and status[k] not in opened and not (q in read_known and status[k] in READ_KNOWN):
            if len(form.keys) < 2 or not short_name_word(doc.tokens[k].text, status[k], form.tokens[q]):
                return None
            short_read.append(q)
        elif len(form.keys) >= 2 and short_name_word(doc.tokens[k].text, status[k], form.tokens[q]):
            # A short real name word ("fon", Фон, for "von"): its spelling
            # may read it, else a learned route may.
            short_open.append(q)
    scores, reasons, exact_words = [], [], []
    anchored: dict[int, int] = {}  # form positions read beside the rest of the name: where their reason stands
    reason_at: dict[int, int] = {}  # form position of a garbled word -> where its reason stands
    round_trip = False
    sure_route: set[int] = set()  # form positions of unknown words read surely (by a learned route, below)
    # form positions of real places' names, opened in translation, that a route reads as another place
    # less than surely: real names there, as anywhere (candidates/real_names)
    unsure_opened: list[int] = []
    for q, k in enumerate(range(start, end)):
        if k > start and not doc.gap_ok(k - 1, k) and without_soft_sign(doc.gap(k - 1, k)) is None:
            return None  # a soft sign's apostrophe is a garble's, dropped by render
        if keys[k] == form.keys[q]:
            if status[k] == Status.SKIP:
                return None  # an ignored word is never part of a correction (a protected one stands in it as written)
            scores.append(1.0)
            exact_words.append(doc.tokens[k].text)
            continue
        score, why = pair_similarity(doc.index, doc.tokens[k].text, form.tokens[q])
        if (q in short_open or short_alone) and score < MIN_SIMILARITY:
            short_read.append(q)
        if q in short_read:
            # Too short for a route alone, but read by one in a name whose longer words agree
            # ("Si Tszinpin": Xi Jinping in a Russian romanization): no route, no reading.
            score, why = transliteration.score(doc.tokens[k].text, form.tokens[q])
            if not is_round_trip(why):
                return None
        if status[k] in opened and score < SURE_SIMILARITY and real_place_as_a_place(doc.index, form, keys[k]):
            unsure_opened.append(q)
        if status[k] in opened and not is_round_trip(why):
            # A real name reads as a round trip's garble by a learned route only; a plain one where
            # a route is its best reading ("Kanata", a fold from Canada, is a place); one with "è" or
            # "ž" at the route's own score: folds strip what a romanizer wrote ("Èstman": ISO 9's Э).
            if status[k] not in FOREIGN_LETTERED:
                return None
            score, why = transliteration.score(doc.tokens[k].text, form.tokens[q])
            if not is_round_trip(why):
                return None
        if score < MIN_SIMILARITY:
            kind = doc.index.entities[form.entity].kind
            if q in short_read or not may_anchor(kind, len(form.keys), doc.tokens[k].text, status[k]):
                return None
            anchored[q] = len(reasons)  # read below, if the rest of the name is read surely
        scores.append(score)
        routed = is_round_trip(why)
        round_trip = round_trip or routed
        # (A spelling's sure reading counts as a route's where the text names the entity intact:
        # "Garuda Indonesiya" in an article naming Indonesia; not "Nabil Hasan" as Hassan.)
        if status[k] == Status.SUSPECT and score >= SURE_SIMILARITY and (routed or mentions.seen.get(form.entity)):
            sure_route.add(q)
        reason_at[q] = len(reasons)
        reasons.append(f"'{doc.tokens[k].text}' ~ '{form.tokens[q]}': {why}")
    # A weak word beside a sure one of the same name: the name is as sure as the surer word.
    beside_sure = read_beside_a_sure_word(doc, form, start, scores, {*reason_at} - {*anchored, *short_read})
    for q in beside_sure:
        reasons[reason_at[q]] += f", {ANCHORED_REASON}"
    if anchored:
        rest = [s for q, s in enumerate(scores) if s < 1.0 and q not in anchored and q not in short_read]
        read = anchored_readings([(doc.tokens[start + q].text, form.tokens[q]) for q in anchored], max(rest, default=0))
        if read is None:
            return None
        for (q, at), (score, why) in zip(anchored.items(), read):
            scores[q], round_trip = score, True
            reasons[at] = f"'{doc.tokens[start + q].text}' ~ '{form.tokens[q]}': {why}"
    fuzzy = [s for s in scores if s < 1.0]
    if not fuzzy:
        return None
    if short_read and not any(q not in short_read and len(form.keys[q]) >= MIN_ROUND_TRIP_LENGTH for q in range(len(scores))):
        if not short_alone or min(fuzzy) < SURE_SIMILARITY:
            return None  # only short words: nothing longer agrees on the name
    # A short or anchored word's route says yes or no; how sure the reading
    # is, the name's other words say (else its surname alone would outrank it).
    level = min(
        (score for q, score in enumerate(scores) if score < 1.0 and q not in {*short_read, *anchored, *beside_sure}),
        default=min(fuzzy),
    )
    if namesake(doc, mentions, form, scores) or listed_beside_itself(doc, mentions, form.entity, start, end - 1):
        return None  # another person: "Sergei Lavrov and Sergei Ryabkov" (evidence/open_world, evidence/lists)
    # (A `read_known` word was vetted by its caller: given_names reads a lexicon name there
    # beside a garble read surely, "Sukotto Morison".)
    real_names = {status[start + q] for q in range(len(form.keys)) if q not in read_known} & (REAL_NAMES - opened)
    real_names |= {status[start + q] for q in unsure_opened if q not in read_known}
    if real_names and stands_as_written(doc, mentions, form, start, scores, level, real_names, exact_words):
        return None
    near = context(doc, form.entity, start, end - 1)
    weak = [w for w in exact_words if not distinctive(doc, w)]
    anchors = [w for w in exact_words if distinctive(doc, w)]
    if floor is not None:
        # The evidence is summed as below; the open-world checks (veto) and
        # the rendering, which cost most, wait until the reading matters.
        evidence, lost_capitals = _evidence(doc, mentions, form, start, end, scores, fuzzy, weak, anchors, near, False)
        # A list neighbour adds LIST_NEIGHBOUR_BONUS or nothing: asked only
        # where the rest may reach the floor (a tenth of the readings).
        if _ceiling(doc, mentions, form, level, evidence, lost_capitals) + LIST_NEIGHBOUR_BONUS < floor:
            return UNDER_FLOOR
        evidence.append(list_neighbour(doc, mentions, form.entity, start, end - 1))
        if _ceiling(doc, mentions, form, level, evidence, lost_capitals) < floor:
            return UNDER_FLOOR
    garbled = [q for q, score in enumerate(scores) if score < 1.0]
    # In a translated text, a word no lexicon knows that a learned route reads surely is that route's garble.
    sure_round_trips = bool(opened) and all(q in sure_route for q in garbled)
    if veto(doc, form, start, end - 1, garbled, level, sure_round_trips):
        return None
    if another_given_name(doc, mentions, form, start, end - 1):
        return None  # another person: "Angelo Luoma" is not Edi Rama, in a text that never names him
    if floor is None:
        evidence, lost_capitals = _evidence(doc, mentions, form, start, end, scores, fuzzy, weak, anchors, near)
    # The evidence summed into the one proposal made: the same sums in the same order.
    confidence, reasons = level, tuple(reasons)
    listed = doc.index.table_reason(form)
    if listed:
        reasons += (listed,)  # why a table's spelling is the name's: "'Abubakr al-Baghdadi' writes ..."
    for piece in evidence:
        confidence += piece.delta
        reasons += piece.reasons
    return render(
        doc, start, form, confidence, reasons, "fuzzy",
        anchored=bool(anchors), lost_capitals=lost_capitals, round_trip=round_trip,
    )


def _before_a_hyphen(doc: Document, k: int) -> bool:
    """Whether word `k` is joined to the next by a hyphen ("Perso-Arabic")."""
    end = doc.tokens[k].end
    return end < len(doc.text) and doc.text[end] in HYPHENS


def _evidence(doc, mentions, form, start, end, scores, fuzzy, weak, anchors, near, listed=True):
    """The evidence of a reading, in the order it is summed (the list
    neighbour last, unless not `listed`), and whether its lone word lost its
    capitals."""
    evidence = [exact_neighbours(doc, weak, anchors, len(fuzzy))]
    lost_capitals = False
    if not anchors and len(fuzzy) < 2 and not weak:  # a common neighbour is weak evidence, but not none
        q = next(q for q, score in enumerate(scores) if score < 1.0)
        alone, lost_capitals = lone_word(doc, start + q, form, form.tokens[q])
        evidence.append(alone)
    evidence.append(near)
    if listed:
        evidence.append(list_neighbour(doc, mentions, form.entity, start, end - 1))
    return evidence, lost_capitals


def _ceiling(doc, mentions, form, level, evidence, lost_capitals) -> float:
    """The highest confidence a reading can reach: its own, summed as lay
    sums it, and the most the text can add later."""
    confidence = level
    for piece in evidence:
        confidence += piece.delta
    surname = form.role == "surname"  # as render sets Proposal.surname
    return confidence + most_later_evidence(doc.index, mentions, form.entity, surname, lost_capitals)
