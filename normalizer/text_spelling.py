"""A repair writes a name's word as the text itself writes it, where the text
names the same entity intact by another correct spelling.

A gazetteer lists several correct spellings of many names: "Volodymyr
Zelenskyy" with the aliases "Zelensky" and "Zelenskiy", "Qassem Soleimani"
with "Qasem Soleimani", "Andres Manuel Lopez Obrador" with "Andrés Manuel
López Obrador". A garble is read by whichever spelling it is nearest, and
its repair writes the canonical's spelling of that word. But an article
that writes "Zelensky" four times has chosen its spelling: the garbled fifth
mention ("Zelenskii") is "Zelensky" there too. So each word of a decided
repair that is another spelling (names.respelled, the bar of the
gazetteer's own alias targets) of a word the text writes intact in a
correct form of the same entity is written the text's way, and a whole
repair whose letters are those of a spelling the text writes ("Vietnam",
"Viet Nam") is written as the text writes it. A text that writes a name
more than one way ("Recep Tayyip Erdoğan" once, "Erdogan" twice: articles
have more than one writer) is followed where it writes it most often. On
a tie a word keeps the repair's own spelling, if the text writes it, else
takes the text's first; a whole name takes the spelling the text wrote
first. A word the garble reads far better as the repair has it
(evidence.likelier's MIN_LOG_ODDS, as evidence.written_form) keeps it:
"Surovakia" (スロバキア) is Slovakia, not the "Slovak" of a text that writes
"Slovak Republic" and lists "Slovak" as an alias. Variants ("Kiev" for
Kyiv) are not correct forms: the text's use of one is no spelling to copy; nor
is a demonym ("Russian" is not Russia), a word in capitals (a dateline) or
in small letters (a name that lost its capitals is itself a garble). The
entity, the span and the confidence of each repair stay as decided; only
which spelling of its words is written moves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from normalizer.decision import Decision
from normalizer.document import Document
from normalizer.evidence.likelier import far_likelier
from normalizer.folding import fold_form, run_together
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.tokens import apply_case_style, tokenize
from normalizer.suspects import stray_marks

# The roles of a form that spell the name itself (gazetteer.forms).
_SPELLINGS = frozenset({"canonical", "alias", "surname"})


def as_the_text_writes(doc: Document, mentions: Mentions, decisions: list[Decision]) -> list[Decision]:
    """`decisions`, each repair's words respelled as the text writes them
    intact for the same entity (see the module); a repair left writing what
    the text already says is dropped."""
    entities = {d.proposal.entity for d in decisions}
    written, whole = _written_intact(doc, mentions, entities & set(mentions.seen))
    if not written:
        return decisions
    kept = []
    for decision in decisions:
        proposal = decision.proposal
        words = written.get(proposal.entity)
        # The whole name first: "Vietnam" is written "Viet Nam" in a text that writes it so.
        replacement = _whole_spelling(whole.get(proposal.entity, {}), proposal.replacement)
        if replacement is None or replacement.casefold() == proposal.replacement.casefold():
            replacement = _respelled(doc.index, proposal, words) if words else proposal.replacement
        if replacement == proposal.replacement:
            kept.append(decision)
        elif replacement != doc.text[slice(*proposal.span(doc.tokens))]:
            kept.append(decision._replace(proposal=replace(proposal, replacement=replacement)))
    return kept


def _written_intact(doc: Document, mentions: Mentions, entities: set[int]) -> tuple[dict, dict]:
    """Of each of `entities`, the words its correct spellings are written
    with intact in the text (casefolded word -> the word as written most
    often, and how often), and the whole spellings (their letters run
    together, `run_together` -> the spelling as written most often, and how often)."""
    forms, tokens, spelled_apart = doc.index.forms, doc.tokens, doc.index.spelled_apart
    found: dict[int, dict[str, Counter]] = {}
    whole: dict[int, dict[str, Counter]] = {}
    for mention in mentions.found:
        # A demonym ("Russian", "Filipinos") is another word, not a spelling of the name.
        for entity in {forms[f].entity for f in mention.correct if forms[f].role in _SPELLINGS} & entities:
            spelled = doc.text[tokens[mention.start].start : tokens[mention.start + mention.length - 1].end]
            # A dateline's "BRASÍLIA" says nothing of the name's case, nor a "refugee" in small letters of the
            # name; a listed variant written apart ("Hossein Amir Abdollahian") is the spelling to repair.
            if spelled.isupper() or not spelled[:1].isupper() or fold_form(spelled) in spelled_apart:
                continue
            # A strict Cyrillic scheme's "Èrdogan" beside the garbled "Redžep Taiip" is a round
            # trip's spelling, known only by its plain letters, and "Mileí" a typist's: marks no
            # real name has (suspects.stray_marks) are no spelling the text chose.
            words_here = range(mention.start, mention.start + mention.length)
            if any(stray_marks(doc.index, tokens[k].text) for k in words_here):
                continue
            words = found.setdefault(entity, {})
            for k in words_here:
                words.setdefault(tokens[k].text.casefold(), Counter())[tokens[k].text] += 1
            whole.setdefault(entity, {}).setdefault(run_together(spelled), Counter())[spelled] += 1
    # Each word (and whole spelling) as the text writes it most often; of a tie, the first written.
    return (
        {entity: _most_written(words) for entity, words in found.items()},
        {entity: _most_written(spellings) for entity, spellings in whole.items()},
    )


def _most_written(spellings: dict[str, Counter]) -> dict[str, tuple[str, int]]:
    """By key, the spelling written most often (the first of a tie: Counter keeps
    the order written) and how often the text writes that key in all."""
    return {key: (written.most_common(1)[0][0], sum(written.values())) for key, written in spellings.items()}


def _whole_spelling(spellings: dict[str, tuple[str, int]], replacement: str) -> str | None:
    """The spelling the text writes for the whole of `replacement` (its letters), if it writes one."""
    found = spellings.get(run_together(replacement))
    return found[0] if found else None


def _respelled(index, proposal: Proposal, words: dict[str, tuple[str, int]]) -> str:
    """The proposal's replacement with each word of the name's spelling that
    the text writes another way (`words`, from _written_intact) written the
    text's way."""
    from normalizer.gazetteer.names import respelled  # lazy: similarity's learned model

    replacement = proposal.replacement
    targets = tokenize(replacement)
    garbled = [t.text for t in tokenize(proposal.spelling)]
    pieces, end = [], 0
    for q, token in enumerate(targets):
        word = token.text
        # Not in a demonym ("Brazilian" is no spelling of "Brazil"), and not
        # where the text writes the word as the repair does as often as otherwise.
        if not _spells(index, proposal.entity, token.key):
            continue
        own = words.get(word.casefold(), ("", 0))[1]
        # The other spellings of this word the text writes, more often than the repair's own.
        others = [(count, -k, w) for k, (w, count) in enumerate(words.values()) if count > own and w.casefold() != word.casefold()]
        spelled = next((w for _, _, w in sorted(others, reverse=True) if respelled(w, (word,)) is not None), None)
        if spelled is not None and len(garbled) == len(targets) and far_likelier(garbled[q], word, spelled):
            continue  # "Surovakia" is Slovakia, not the "Slovak" of "Slovak Republic" the text writes
        if spelled is not None:
            pieces += [replacement[end : token.start], apply_case_style(word, spelled)]
            end = token.end
    return "".join(pieces) + replacement[end:] if pieces else replacement


def _spells(index, entity: int, key: str) -> bool:
    """Whether the word `key` belongs to a spelling of `entity`'s name, not only to a demonym or a combining form."""
    roles = {index.forms[form_id].role for form_id, _ in index.token_forms.get(key, ()) if index.forms[form_id].entity == entity}
    return bool(roles & _SPELLINGS) and not roles & {"adjective", "combining"}
