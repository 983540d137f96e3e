"""The Arabic article of a name, written or left out as an outlet likes:
"Muammar al-Qaddafi" and "Moammar el-Gadhafi" (The New York Times, AP) for
Muammar Gaddafi, "Abu Bakr Bagdadi" for Abu Bakr al-Baghdadi. English news
prints the article as al- or el- (the Egyptian reading), or drops it; it is
part of how a name is spelled, not a word of the name. So a form is also
laid over the text with the article the text writes: put in, left out or
exchanged (`readings`), and the reading rewrites the span to the form's
spelling. The article alone never makes a correction: the laid form reads
it as an exact word, and a reading needs another word of the name garbled
("Bashar Assad" and "Abdel Fattah al-Sisi" stay as written)."""

from __future__ import annotations

from normalizer.document import Document, of_the_text
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.names import ARTICLES, SUN_ARTICLES
from normalizer.tokens import token_texts


# The article as a katakana round trip brings it back, a word of its own
# (アル: "Basshaaru Aru Asado" for Bashar al-Assad; "Alu" with l for the r-row).
KATAKANA_ARTICLES = frozenset({"aru", "alu"})
_WRITTEN = ARTICLES | KATAKANA_ARTICLES  # as a text may write the article: a word of its own


def forms_with_article(index) -> frozenset[int]:
    """The forms that write an article inside them ("Abu Bakr al-Baghdadi"):
    the few a text without one may leave it out of (remembered per index)."""
    memo = index.memo("_forms_with_article", 1)
    if None not in memo:
        memo[None] = frozenset(
            form_id for key in ARTICLES for form_id, q in index.token_forms.get(key, ())
            if 0 < q < len(index.forms[form_id].keys) - 1
        )
    return memo[None]


def article_at(doc: Document, k: int, apart: bool = False) -> bool:
    """Token `k` is the Arabic article: "al", "el", or one before a sun letter
    joined to its capitalized word ("as-Sadr": not the "as" of "such as Sadr
    City", nor the "at" of "at-third"). With `apart`, also one capitalized
    before it with a space, as GeoNames writes it ("Ar Raqqah"; "As Raqqah
    fell" is English)."""
    key = doc.keys[k]
    if key in _WRITTEN:
        return True
    sound = SUN_ARTICLES.get(key)
    if sound is None or k + 1 >= len(doc):
        return False
    joined = doc.gap(k, k + 1) == "-" or (apart and doc.gap(k, k + 1) == " " and doc.tokens[k].text[:1].isupper())
    return (
        joined and doc.keys[k + 1].startswith(sound) and len(doc.keys[k + 1]) > len(sound)
        and doc.tokens[k + 1].text[:1].isupper()
    )


@of_the_text
def writes_article(doc: Document) -> bool:
    """Whether the text writes the article anywhere (most texts: no)."""
    return not _WRITTEN.isdisjoint(doc.keys) or any(
        article_at(doc, k) for k, key in enumerate(doc.keys) if key in SUN_ARTICLES
    )


def readings(doc: Document, form: Form, i: int, position: int) -> list[tuple[Form, int]]:
    """The forms, with the article as the text writes it, that lay `form`'s
    word `position` on token `i`: (form, first token) each. Only where the
    text writes an article, or the form does."""
    found = []
    keys = doc.keys
    written = _written(doc, form)
    for q in range(1, len(form.keys)):
        if form.keys[q] in ARTICLES:
            if q == position or q == len(form.keys) - 1:
                continue
            at = i - position + q  # where the form's article stands, if the text writes it
            if 0 <= at < len(doc) and article_at(doc, at):
                if keys[at] != form.keys[q]:  # the other article: "al-Sisi" for el-Sisi, "as-Sadr" for al-Sadr
                    exchanged = _exchanged(form, q, doc.tokens[at].text, keys[at])
                    if keys[at] in KATAKANA_ARTICLES and written is not None:
                        exchanged = exchanged._replace(target=(written,))  # the name as the canonical joins it
                    found.append((exchanged, i - position))
            elif written is not None:  # left out: "Abu Bakr Bagdadi"
                found.append((_without(form, q, written), i - position + (position > q)))
        elif form.keys[q - 1] not in ARTICLES and written is not None:
            # Put in before word q: "Muammar al-Qaddafi" for Muammar Gaddafi.
            first = i - position - (position >= q)
            if 0 <= first + q < len(doc) and article_at(doc, first + q):
                found.append((_with(form, q, doc.tokens[first + q].text, keys[first + q], written), first))
    return found


def _written(doc: Document, form: Form) -> str | None:
    """The text a reading with another number of words writes: the entity's
    canonical spelling, where the form is rewritten to it (its gaps, such
    as the hyphen of "al-Baghdadi", are not in the form's tokens)."""
    canonical = doc.index.entities[form.entity].canonical
    return canonical if tuple(token_texts(canonical)) == form.target else None


def _with(form: Form, q: int, token: str, key: str, written: str) -> Form:
    return Form(
        form.entity, form.tokens[:q] + (token,) + form.tokens[q:], form.keys[:q] + (key,) + form.keys[q:], (written,), form.role,
    )


def _without(form: Form, q: int, written: str) -> Form:
    return Form(form.entity, form.tokens[:q] + form.tokens[q + 1 :], form.keys[:q] + form.keys[q + 1 :], (written,), form.role)


def _exchanged(form: Form, q: int, token: str, key: str) -> Form:
    return Form(
        form.entity, form.tokens[:q] + (token,) + form.tokens[q + 1 :], form.keys[:q] + (key,) + form.keys[q + 1 :], form.target, form.role,
    )
