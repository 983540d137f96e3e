"""Stage 3: the names the text holds intact (and the listed variants).

A run of tokens equal to a gazetteer form is a mention: a correct form is
document evidence for its entity, and its words are settled (covered) so no
fuzzy reading rewrites them; a listed variant becomes a proposal to rewrite.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from normalizer.document import Document
from normalizer.gazetteer.index import Form
from normalizer.suspects import ENGLISH_WORDS


@dataclass(frozen=True)
class Mention:
    start: int  # first token
    length: int  # tokens
    form_ids: tuple[int, ...]  # the forms spelled by these tokens
    correct: tuple[int, ...]  # ... of them, the forms that are not variants


@dataclass
class Mentions:
    found: list[Mention] = field(default_factory=list)
    covered: list[bool] = field(default_factory=list)  # token -> inside a mention
    seen: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # entity -> intact mentions
    full_name_at: dict[int, int] = field(default_factory=dict)  # entity -> first intact full name
    first_intact: dict[int, Mention] = field(default_factory=dict)  # entity -> its first intact mention
    intact_kinds: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # token -> kinds named there


def find_mentions(doc: Document) -> Mentions:
    index = doc.index
    mentions = Mentions(covered=[False] * len(doc))
    for i, length in _longest_first(doc):
        form_ids = index.exact[tuple(doc.keys[i : i + length])]
        correct = tuple(f for f in form_ids if not index.forms[f].is_variant)
        mentions.found.append(Mention(i, length, form_ids, correct))
        for entity in {index.forms[f].entity for f in correct}:
            mentions.seen[entity] += 1
            mentions.first_intact.setdefault(entity, mentions.found[-1])
        for f in correct:
            form = index.forms[f]
            if length >= 2 and form.role in ("canonical", "alias"):
                mentions.full_name_at.setdefault(form.entity, i)
            # What kind of name stands here, for list evidence; a demonym
            # ("Bangladeshis") names people, not the place.
            kind = index.entities[form.entity].kind
            for k in range(i, i + length):
                mentions.intact_kinds[k].add(kind if form.role not in ("adjective", "combining") else form.role)
        for k in range(i, i + length):
            mentions.covered[k] = True
    return mentions


def _longest_first(doc: Document) -> list[tuple[int, int]]:
    """The spans (first token, length) the text spells a form with, in text
    order, none overlapping another: of two that overlap, the longer name
    ("Emir Tamim bin Hamad Al Thani" holds the alias "Emir Tamim" and the
    name "Tamim bin Hamad Al Thani": the second is his, and its "Hamad" is
    no mention of King Hamad), of two as long the first."""
    heads, keys = doc.index.lengths_by_head, doc.keys
    found = [(i, length) for i in range(len(doc)) if keys[i] in heads for length in _exact_lengths(doc, i)]
    if len(found) < 2:
        return found
    taken = [False] * len(doc)
    chosen = []
    for i, length in sorted(found, key=lambda span: (-span[1], span[0])):
        if not any(taken[i : i + length]):
            taken[i : i + length] = [True] * length
            chosen.append((i, length))
    return sorted(chosen)


def _exact_lengths(doc: Document, i: int) -> Iterator[int]:
    """The lengths of the forms the text spells from token `i`, longest first."""
    index = doc.index
    for length in index.lengths_by_head.get(doc.keys[i], ()):
        if i + length > len(doc):
            continue
        if tuple(doc.keys[i : i + length]) not in index.exact:
            continue
        if length == 1 and doc.keys[i] in index.protected:
            continue  # a protected word is no name by itself ("Nice", "York"), only in a longer one ("New York")
        if all(doc.status[k] in ENGLISH_WORDS for k in range(i, i + length)) and not _capitalized_variant(doc, i, length):
            continue  # ordinary words that also spell a name ("new york", "nice")
        if not any(doc.tokens[k].text[:1].isupper() for k in range(i, i + length)) and _table_only(doc, i, length):
            continue  # a table's spelling is a name's, capitalized: in small letters the words stay open ("livorn")
        if all(doc.gap_ok(k, k + 1) for k in range(i, i + length - 1)):
            yield length


def _table_only(doc: Document, i: int, length: int) -> bool:
    """The forms spelled by the tokens from `i` are all variants a table of
    normalizer/data added (forms.add_table_variants), none the gazetteer's."""
    index = doc.index
    return all(index.table_reason(index.forms[f]) is not None for f in index.exact[tuple(doc.keys[i : i + length])])


def written_as_a_name(doc: Document, i: int, form: Form) -> bool:
    """The tokens from `i` carry the capitals of `form` ("Kiev", not "kiev")."""
    return all(
        doc.tokens[i + k].text[:1].isupper() or not token[:1].isupper() for k, token in enumerate(form.tokens)
    )


def _capitalized_variant(doc: Document, i: int, length: int) -> bool:
    """A listed variant that is also an English word, written as a name ("Kiev")."""
    index = doc.index
    return any(
        index.forms[f].is_variant and written_as_a_name(doc, i, index.forms[f])
        for f in index.exact[tuple(doc.keys[i : i + length])]
    )
