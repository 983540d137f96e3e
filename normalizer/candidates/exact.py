"""Candidates from intact spellings: a listed variant ("Abbas Araqchi") and a
name that lost its capitals ("montalvo", "maxime Bernier")."""

from __future__ import annotations

from dataclasses import replace

from normalizer.candidates.articles import article_at
from normalizer.candidates.render import render
from normalizer.document import Document
from normalizer.evidence.as_a_place import written_as_a_place
from normalizer.evidence.open_world import known_name_continued, unknown_name_beside
from normalizer.evidence.persons_slot import name_before, office_before
from normalizer.folding import fold_form
from normalizer.gazetteer.exonyms import crossed_a_script
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.russian_names import read_only_as_a_place
from normalizer.mentions import Mention, Mentions
from normalizer.proposal import Proposal
from normalizer.suspects import UNCHANGEABLE, Status, marked, stray_marks
from normalizer.tokens import apply_case_style, soft_sign_after

RESTORED_CAPITALS_CONFIDENCE = 0.90  # "montalvo" where the gazetteer has "Montalvo"
VARIANT_CONFIDENCE = 0.99


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    proposals = []
    for mention in mentions.found:
        if any(_unchangeable(doc, mention, k) for k in range(mention.length)):
            continue  # an ignored word is never part of a correction, nor is a protected one changed
        if mention.correct:
            proposal = (
                _separators(doc, mention) or _capitals(doc, mention) or _soft_sign(doc, mention) or _marks(doc, mention)
            )
        else:
            proposal = _variant(doc, mentions, mention)
        if proposal:
            proposals.append(proposal)
    return proposals


def _unchangeable(doc: Document, mention: Mention, q: int) -> bool:
    """Whether the mention's word `q` is one no correction of it may touch: an
    ignored word, or a protected one ("York"), unless it is a listed variant's
    word that the name writes just as the text does ("Nyu-York", a variant of
    New York: only "Nyu" is rewritten)."""
    k = mention.start + q
    if doc.status[k] != Status.PROTECTED:
        return doc.status[k] in UNCHANGEABLE
    if mention.correct:
        return True
    forms = [doc.index.forms[f] for f in mention.form_ids]
    return any(len(form.target) != mention.length or form.target[q] != doc.tokens[k].text for form in forms)


def _separators(doc: Document, mention: Mention) -> Proposal | None:
    """A listed variant that differs from its canonical only in how the words
    are joined ("Hossein Amir Abdollahian" for "Hossein Amir-Abdollahian")."""
    index, i = doc.index, mention.start
    last = i + mention.length - 1
    written = " ".join(doc.text[doc.tokens[i].start : doc.tokens[last].end].split())
    canonical = index.spelled_apart.get(fold_form(written))
    if canonical is None:
        return None
    entity = index.forms[mention.correct[0]].entity
    reason = f"'{written}' is a listed variant of '{canonical}'"
    replacement = apply_case_style(written, canonical)
    return Proposal(i, last, replacement, entity, VARIANT_CONFIDENCE, (reason,), "variant", spelling=written.casefold())


def _soft_sign(doc: Document, mention: Mention) -> Proposal | None:
    """An intact name with the apostrophe a romanization of Cyrillic prints
    for a final ь after it ("Angela Merkel’ said", Ангела Меркель): the name
    without it (tokens.soft_sign_after)."""
    last = mention.start + mention.length - 1
    sign = soft_sign_after(doc.text, doc.tokens[last])
    if not sign:
        return None
    word = doc.tokens[last].text
    entity = doc.index.forms[mention.correct[0]].entity
    written = doc.text[doc.tokens[last].start : doc.tokens[last].end + sign]
    reason = f"'{written}' is '{word}' with the apostrophe a romanization of Cyrillic prints for a soft sign"
    return Proposal(
        last, last, word, entity, VARIANT_CONFIDENCE, (reason,), "variant", spelling=word.casefold(), soft_sign=sign
    )


def _marks(doc: Document, mention: Mention) -> Proposal | None:
    """A word of an intact name of several words with marks no real name is
    spelled with and no correct form of the gazetteer writes: "Javier Mileí"
    (a typist's accent), "Ali Khameneï" (French transliteration through MT),
    "Mark Rûtte" (GOST 7.79). The key compares the plain letters, so the name
    reads as intact; the gazetteer's letters are written there. A real name's
    marks ("José Mourinho") and the marks a correct form of the gazetteer
    writes ("Recep Tayyip Erdoğan") stay, as do Hepburn's macrons, and so
    does every word of a name one word of which has a real name's marks."""
    i, index = mention.start, doc.index
    form = index.forms[mention.correct[0]]
    if len(form.keys) < 2 or len({index.forms[f].target for f in mention.correct}) != 1:
        return None
    words = [doc.tokens[i + k].text for k in range(len(form.keys))]
    stray = [k for k, word in enumerate(words) if stray_marks(index, word)]
    if not stray or any(marked(word) for k, word in enumerate(words) if k not in stray):
        # Another word of the name in a real name's marks: the text writes the
        # name in its own orthography ("Tô Lâm"), every word of it on purpose.
        return None
    target = tuple(form.tokens[k] if k in stray else word for k, word in enumerate(words))
    reason = " ".join(f"'{words[k]}' is '{form.tokens[k]}' with marks no real name is spelled with" for k in stray)
    return render(doc, i, form, VARIANT_CONFIDENCE, [reason], "variant", target=target)


def _capitals(doc: Document, mention: Mention) -> Proposal | None:
    """Capitals back, unless a lowercase word is an English word ("bill",
    "china", the "the" of "the Philippines")."""
    index, i = doc.index, mention.start
    form = index.forms[mention.correct[0]]
    words = [doc.tokens[i + k].text for k in range(len(form.keys))]
    # After a hyphen a small letter is a spelling, not a loss ("Kim Jong-un").
    lost = [
        k for k, w in enumerate(words)
        if w.islower() and not form.tokens[k].islower() and not (k and doc.gap(i + k - 1, i + k) == "-")
    ]
    if not lost or any(len(t) > 1 and t.isupper() for t in form.tokens) or sum(map(len, words)) < 4:
        return None  # nothing lost; "ap" for "AP": too short to tell a lost capital from a word
    if any(doc.status[i + k].settled for k in range(len(words))):
        return None
    if any(words[k] in index.english for k in lost):
        return None
    # One name listed in two gazetteers (bundled and the newsroom's) is still one name.
    if len({index.forms[f].target for f in mention.correct}) != 1:
        return None
    reason = f"'{' '.join(words)}' is '{' '.join(form.tokens)}' without its capitals"
    # The form's own capitals: an alias stays the alias it is.
    return render(doc, i, form, RESTORED_CAPITALS_CONFIDENCE, [reason], "capitals", target=form.tokens)


def _variant(doc: Document, mentions: Mentions, mention: Mention) -> Proposal | None:
    index, i = doc.index, mention.start
    targets = {index.forms[f].target for f in mention.form_ids}
    form = index.forms[mention.form_ids[0]]
    if len(targets) != 1:
        return None  # ambiguous: leave it alone
    if not all(_english_word_written_as_a_name(doc, i + k, token) for k, token in enumerate(form.tokens)):
        return None  # a variant that is also an English word fires only where it is written as a name
    if not any(doc.tokens[i + k].text[:1].isupper() for k in range(len(form.tokens))):
        return None  # ... and a name has a capital: its small words pass only beside one
    if _opens_an_unknown_name(doc, i, form):
        return None
    canonical = index.entities[form.entity].canonical
    listed = " ".join(form.tokens)
    listed_by_table = index.table_reason(form)  # by a table of normalizer/data, not the gazetteer
    from_table = listed_by_table is not None
    start = i - 1 if from_table and _after_an_article(doc, i, form) else i
    written = doc.text[doc.tokens[start].start : doc.tokens[i + len(form.keys) - 1].end]
    if from_table and len(form.keys) == 1 and known_name_continued(doc, i):
        return None  # a table's spelling of a place ("Rakka", Raqqa) as the next word of a person's intact name
    if from_table and read_only_as_a_place(listed_by_table) and not written_as_a_place(doc, mentions, i):
        return None  # "Nikolaev" is a surname too: the city only "in Nikolaev", "Nikolaev and Kherson"
    if from_table and index.entities[form.entity].kind != "person" and _in_a_persons_slot(doc, i):
        return None  # "Iffam Abu Daka" (ABC news): GeoNames' "Daka" for Dhaka is a surname there
    if from_table:
        # Quoted as the text writes it: "Siria" matched the table's "Siriâ" by key.
        # Every table's reason quotes its form first: "'Siriâ' is the Russian name ...".
        reason = f"'{written}" + listed_by_table[listed_by_table.find("' ", 1) :]
    else:
        reason = f"'{listed}' is a listed variant of '{canonical}'"
    # The tables' forms are romanizations of another script: a name that came
    # back through it, as the text's other round trips did (evidence/translated);
    # not a name in Latin letters of another language ("Moskau").
    # A table's spelling is a whole name written otherwise: written back as the canonical joins it.
    round_trip = from_table and crossed_a_script(listed_by_table)
    proposal = render(
        doc, i, form, VARIANT_CONFIDENCE, [reason], "variant", round_trip=round_trip, joined_as_canonical=from_table
    )
    return proposal if start == i or proposal is None else replace(proposal, first=start)


def _in_a_persons_slot(doc: Document, i: int) -> bool:
    """Token `i` follows an office, a courtesy title or a real given name
    (evidence.persons_slot): a person's name stands there, whatever a table of
    other spellings of places says of the word. A newsroom's own variant is
    the newsroom's word, and is not asked."""
    return office_before(doc, i) is not None or name_before(doc, i) is not None


def _after_an_article(doc: Document, i: int, form: Form) -> bool:
    """A place's table spelling right after the Arabic article ("Al Hudaydah",
    GeoNames' "Al Ḩudaydah") is read with it: the article is part of how the
    name is spelled (candidates.articles), so the newsroom's name is written
    for both ("Hodeidah"; a name with the article, "Al Hudaydah", writes its own).
    Before a sun letter, GeoNames writes the article apart too ("Ar Raqqah",
    "An Najaf"): capitalized, before the spelling it sounds as, it is one."""
    if doc.index.entities[form.entity].kind != "place" or i == 0:
        return False
    return doc.gap(i - 1, i) in (" ", "-") and article_at(doc, i - 1, apart=True)


def _opens_an_unknown_name(doc: Document, i: int, form: Form) -> bool:
    """A person's variant of one word ("Nasrullah", a surname of the variant
    "Hassan Nasrullah") right before a capitalized word nobody in the
    gazetteer bears is the given name of that somebody ("Nasrullah
    Boitani"), as a fuzzy reading there is (evidence.open_world)."""
    if len(form.keys) != 1 or doc.index.entities[form.entity].kind != "person":
        return False
    return unknown_name_beside(doc, i, i, False, True, "person") is not None  # positional: memoized per text


def _english_word_written_as_a_name(doc: Document, i: int, listed: str) -> bool:
    """Token `i`, a word of a listed variant spelled `listed`, is not an English
    word, or the text writes it as a name: capitalized, and, when the gazetteer
    lists it in small letters ("and"), not merely because it opens a sentence."""
    if doc.keys[i] not in doc.index.english:  # by the lexicon: "and" is also a word of "Trinidad and Tobago"
        return True
    written = doc.tokens[i].text
    if not written[:1].isupper():
        # A name's small word as the variant lists it ("al" of "Bashar al-Asad"), or a syllable
        # after a hyphen ("Mun Jae-in"), is the name as written, where another word is capitalized.
        return written == listed or (i > 0 and doc.gap(i - 1, i) == "-")
    return listed[:1].isupper() or not _opens_sentence(doc, i)


def _opens_sentence(doc: Document, i: int) -> bool:
    if i == 0:
        return True
    before = doc.gap(i - 1, i)
    return "\n" in before or any(mark in before for mark in ".!?:\"“")
