"""Turn a gazetteer form laid over the text into a proposal for the smallest span that changes."""

from __future__ import annotations

import unicodedata

from normalizer.document import Document
from normalizer.gazetteer.index import Form, marked_form_key
from normalizer.proposal import Proposal
from normalizer.tokens import apply_case_style, fold_case, soft_sign_after, tokenize, without_soft_sign


def render(
    doc: Document, start: int, form: Form, confidence: float, reasons, match: str, target: tuple[str, ...] | None = None,
    **flags,
) -> Proposal | None:
    """The proposal that writes `target` (by default `form`'s target) over the
    tokens from `start`; None when nothing would change. `flags`: the
    proposal's other fields (`anchored=True`), set here rather than by a copy."""
    target = form.target if target is None else target
    originals = [doc.tokens[k].text for k in range(start, start + len(form.keys))]
    joined = flags.pop("joined_as_canonical", False) and len(target) == len(originals)  # else written whole below
    if len(target) == len(originals):
        separators = _canonical_separators(doc, start, form.entity, target)
        joins = separators if joined else {}  # a table's spelling is written back whole, as the canonical writes it
        new = [apply_case_style(o, t) for o, t in zip(originals, target)]
        # A word the text writes as the alias has it, or as some correct form
        # writes it with its marks ("Erdoğan" in a garbled "Resep Tayiip
        # Erdoğan", read by the canonical "Recep Tayyip Erdogan"), is correct: kept as written.
        kept = [
            doc.keys[start + q] == form.keys[q] and (form.role == "alias" or doc.index.writes_marked(o))
            for q, o in enumerate(originals)
        ]
        new = [o if keep else n for o, n, keep in zip(originals, new, kept)]
        new = _with_the_texts_marks(doc, form, target, originals, new, kept)
        for q in joins:
            # Two words the name joins otherwise than the text: both are the name's own words.
            for p in (q - 1, q):
                new[p] = apply_case_style(originals[p], target[p]) if originals[p].isupper() else target[p]
        changed = [q for q, (o, t) in enumerate(zip(originals, new)) if o != t] + list(joins)
        if not changed:
            return None
        # Beside a word it rewrites, a repair writes the name's words apart or
        # joined as the canonical does: "Yun Suk-yeol" is "Yoon Suk Yeol", not
        # the "Suk-Yeol" of no style. Elsewhere the text's own style stands.
        separators = {q: s for q, s in separators.items() if q in joins or q in changed or q - 1 in changed}
        # A soft sign's apostrophe between two words of the name is dropped
        # ("Emmanuel’ Makron" -> "Emmanuel Macron"): both words are rewritten.
        gaps = [doc.gap(start + q - 1, start + q) if q else "" for q in range(len(originals))]
        marked = [q for q in range(1, len(originals)) if without_soft_sign(gaps[q]) is not None]
        soft_sign = soft_sign_after(doc.text, doc.tokens[start + len(originals) - 1])
        # A soft sign after the name's last word goes with the repair, and that word with it.
        moved = [*marked, *separators]  # gaps the repair rewrites, with the words on both sides
        first, last = min(changed + [q - 1 for q in moved]), max(changed + moved + [len(originals) - 1] * soft_sign)
        pieces = []
        for q in range(first, last + 1):
            if q > first:
                pieces.append(separators[q] if q in separators else without_soft_sign(gaps[q]) or gaps[q])
            pieces.append(new[q])
        replacement = "".join(pieces)
        if len(originals) > 1:  # a name of several words, though one word may change
            flags["rewrites"] = tuple((doc.words(start + q, start + q), new[q]) for q in changed)
    else:
        # The text may write some of the name's words right beside the words
        # read ("Mekhiko City": Mexico City's Russian name, then "City"): the
        # repair takes them in rather than writing them twice.
        before, after = _written_beside(doc, start, start + len(originals) - 1, target)
        first, last = -before, len(originals) - 1 + after
        replacement = apply_case_style(originals[0], written_target(doc.index, form.entity, target))
        soft_sign = soft_sign_after(doc.text, doc.tokens[start + last])
    return Proposal(
        start + first, start + last, replacement, form.entity, confidence, tuple(reasons), match,
        surname=form.role == "surname", spelling=doc.words(start + first, start + last), soft_sign=soft_sign, **flags,
    )


def _written_beside(doc: Document, first: int, last: int, target: tuple[str, ...]) -> tuple[int, int]:
    """How many of `target`'s first words the text writes right before tokens
    `first`..`last`, and how many of its last words right after them, as
    words of one name (the longest such runs; together fewer than all)."""
    keys = [fold_case(word) for word in target]

    def written(at: int, words: list[str], gaps: range) -> bool:
        return 0 <= at and at + len(words) <= len(doc.keys) and doc.keys[at : at + len(words)] == words and all(
            doc.gap_ok(p, p + 1) for p in gaps
        )

    after = next((m for m in range(len(keys) - 1, 0, -1) if written(last + 1, keys[-m:], range(last, last + m))), 0)
    before = next(
        (n for n in range(len(keys) - 1 - after, 0, -1) if written(first - n, keys[:n], range(first - n, first))), 0
    )
    return before, after


def _with_the_texts_marks(doc: Document, form: Form, target, originals, new, kept) -> list[str]:
    """`new`, its other words written as a correct form with marks writes
    them, where the text keeps a word of that form's marks: "Andoresu Manueru
    López Obuladolu" read by the canonical Andres Manuel Lopez Obrador is
    Andrés Manuel López Obrador, the alias whose "López" the text writes."""
    style = [q for q, (o, n, keep) in enumerate(zip(originals, target, kept)) if keep and not o.isascii() and o != n]
    if not style or tuple(map(fold_case, target)) != form.keys:
        return new
    written = doc.index.marked_forms.get(marked_form_key(form.entity, form.keys))
    if not written or any(_composed(originals[q]).casefold() != written[q].casefold() for q in style):
        return new
    return [n if keep else apply_case_style(o, w) for o, n, w, keep in zip(originals, new, written, kept)]


def _canonical_separators(doc: Document, start: int, entity: int, target: tuple[str, ...]) -> dict[int, str]:
    """Where the canonical joins two words of `target` by a hyphen that the
    text at `start` writes apart ("Mun Chzhe In" for Moon Jae-in), or writes
    apart two words the text joins by one ("Yun Suk-yeol" for Yoon Suk Yeol):
    each such word's position, with the canonical's hyphen or space."""
    written = [doc.gap(start + q - 1, start + q) for q in range(1, len(target))]
    if "-" not in written and "-" not in doc.index.entities[entity].canonical:
        return {}  # no hyphen on either side, as in most readings: the canonical is not tokenized (a hot path)
    found = _canonical_run(doc.index, entity, target)
    if found is None:
        return {}
    canonical, run = found
    separators = {}
    for q in range(1, len(run)):
        wanted = canonical[run[q - 1].end : run[q].start]
        if (wanted == "-" and written[q - 1].isspace()) or (wanted == " " and written[q - 1] == "-"):
            separators[q] = wanted
    return separators


def _composed(word: str) -> str:
    """`word` with its marks composed: decomposed text (NFD) writes the same "Erdoğan"."""
    return word if word.isascii() else unicodedata.normalize("NFC", word)


def written_target(index, entity: int, target: tuple[str, ...]) -> str:
    """The words `target` as the entity's canonical joins them, where they are
    a run of its words ("Baden-Wurttemberg", the surname "Amir-Abdollahian"):
    a form keeps its words, not what stood between them. Else they are
    joined by spaces."""
    found = _canonical_run(index, entity, target)
    if found is None:
        return " ".join(target)
    canonical, run = found
    return canonical[run[0].start : run[-1].end]


def _canonical_run(index, entity: int, target: tuple[str, ...]):
    """The entity's canonical and its tokens that spell `target`'s words in
    a row (keys compared), or None where no run of them does."""
    canonical = index.entities[entity].canonical
    tokens = tokenize(canonical)
    wanted = [fold_case(word) for word in target]
    for k in range(len(tokens) - len(wanted) + 1):
        if [token.key for token in tokens[k : k + len(wanted)]] == wanted:
            return canonical, tokens[k : k + len(wanted)]
    return None
