"""Candidates where a bundled spelling and the newsroom's own name contend
for one word: "Flights from Karchi to Lahore" is Карчи romanized, the
bundled tables' Russian name of the Ecuadorian province Carchi, and the
newsroom's own Karachi with a letter dropped. A listed variant's words are
covered before the fuzzy source reads them, so the newsroom's reading was
never made and the bundled one was applied. Here the newsroom's own names
read such a word as the fuzzy source reads an unknown one (a word alone as
a name of the bundled reading's kind only); the decider puts a credible
reading of the newsroom's gazetteer before the bundled ones of the same
words (decision.Decider._own_first)."""

from __future__ import annotations

from normalizer.candidates.fuzzy import lay
from normalizer.candidates.name_tokens import ranked_candidate_tokens
from normalizer.document import Document
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.suspects import Status


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals: list[Proposal] = []
    if not index.has_own_entities:
        return proposals  # the bundled gazetteers alone: nothing contends
    tried: set[tuple[int, int]] = set()  # (form id, first token)
    for mention in mentions.found:
        i = mention.start
        # A word no real name spells, that only bundled entities list, as a variant.
        if mention.length != 1 or mention.correct or doc.status[i] != Status.SUSPECT:
            continue
        if any(index.entities[index.forms[f].entity].own for f in mention.form_ids):
            continue
        # A name of the newsroom's spelled as the bundled variant's target is no contender:
        # "Suweden" is Sweden, the bundled place or the newsroom's team alike.
        bundled_targets = {index.forms[f].target for f in mention.form_ids}
        bundled_kinds = {index.entities[index.forms[f].entity].kind for f in mention.form_ids}
        for key, _score in ranked_candidate_tokens(doc, i):  # in the fuzzy source's order
            for form_id, position in index.token_forms.get(key, ()):
                form = index.forms[form_id]
                entity = index.entities[form.entity]
                if not entity.own or form.role == "variant" or form.tokens in bundled_targets:
                    continue
                # A word alone contends as a name of the same kind: "Fighters left Rakka" (Raqqa's
                # Japanese name) is no person's surname "Raka"; "Gibran Rakabuming Rakka" is his name.
                if len(form.keys) == 1 and entity.kind not in bundled_kinds:
                    continue
                if (form_id, i - position) in tried:
                    continue
                tried.add((form_id, i - position))
                # The word is covered by the bundled variant: read here as an unknown word.
                proposal = lay(doc, mentions, form, i - position, read_known=frozenset({position}))
                if proposal is not None:
                    proposals.append(proposal)
    return proposals
