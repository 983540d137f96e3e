"""When a real name word stands as written. A capitalized word in a list of
real names (GeoNames' places, the name words of people, the English
lexicon's names) that the gazetteer does not hold is somebody's correct
name by default: `candidates.fuzzy` reads it as a garble of a gazetteer
form only with evidence, which these tests weigh.

- A real name alone ("Kanata", "Merkle") is somebody's name.
- Beside a word of the name ("South Kolea"), beside other garbled words that
  agree on the same name ("Elunan Dalio Gomesu"), or as a person's surname
  where the text names the person or their office, it may be a garble; so
  may one standing alone where the text names intact the place or body it
  reads as ("Cuba ... flights to Kuba").
- One in the English lexicon ("Mickey") needs an intact word beside it: a
  capitalized one, or the name's particle between two words read as the
  name's ("Usama bin Ladin" for Osama bin Laden). The Arabic article counts
  in small letters too: "al-Kaida" as "Al Kaida".
- In a text that came through another script, real name words are read by a
  learned round trip alone (`fuzzy.OPENED_IN_TRANSLATION`), but a real city's
  name read as another place less than surely stands as written, as
  anywhere: clean Wikinews names Mangalore beside Bangalore, which the pooled
  route reads at 0.78.
"""

from __future__ import annotations

from normalizer.document import Document
from normalizer.evidence.context import specific_context_near
from normalizer.gazetteer.index import Form, Index
from normalizer.gazetteer.lexicon import place_names
from normalizer.gazetteer.names import ARTICLES, PARTICLES
from normalizer.mentions import Mentions
from normalizer.suspects import Status

# A real name word standing alone is read as a place or body the text names
# intact only where its spelling reads so nearly surely: "Kuba" is Cuba at
# 0.95; "Chila" in an article naming China is China at 0.85 and Chile at 0.86.
NAMED_ALONE_MIN = 0.9


def stands_as_written(
    doc: Document, mentions: Mentions, form: Form, start: int, scores: list[float], level: float,
    real_names: set[Status], exact_words: list[str],
) -> bool:
    """Whether the real name words (of `real_names` statuses) that `form`,
    laid from `start` with these `scores`, would read otherwise stand as
    written: no intact word of the name and no other evidence beside them."""
    if any(_intact_beside(w) for w in exact_words) or _particle_between(doc, form, start):
        return False
    end = start + len(form.keys)
    fuzzy = sum(1 for score in scores if score < 1.0)
    alone = (Status.ENGLISH_NAME in real_names and not _beside_an_unknown_word(doc, start, scores)) or (
        fuzzy < 2 and not _person_in_view(doc, mentions, form, start, end - 1)
        and not (level >= NAMED_ALONE_MIN and _named_alone(doc, mentions, form, start, end - 1))
    )
    return alone and not _whole_name_respelled(doc, form, start, scores)


def real_place_as_a_place(index: Index, form: Form, key: str) -> bool:
    """Whether `key` is a real city's name and `form` a place's."""
    return index.entities[form.entity].kind == "place" and key in place_names()


def _intact_beside(word: str) -> bool:
    """Whether an intact word of a name makes a real name word beside it a
    reading of that name: a capitalized word, or the Arabic article, which
    names write in small letters ("al-Qaeda")."""
    return word[:1].isupper() or word in ARTICLES


def _whole_name_respelled(doc: Document, form: Form, start: int, scores: list[float]) -> bool:
    """Whether every word of a person's name of several words that the text
    writes otherwise is another spelling of the name's own word (a shared
    key, the same consonants in order, a sure learned route: one_name_word),
    as outlets write one Arabic name ("Khalid Mashal" for Khaled Meshaal,
    خالد مشعل): real name words all, yet the person's whole name, not
    another person's, whose name would differ in a word."""
    from normalizer.candidates.given_names import one_name_word  # here: given_names imports fuzzy, which imports this

    if len(form.keys) < 2 or doc.index.entities[form.entity].kind != "person":
        return False
    return all(
        one_name_word(doc.index, doc.tokens[start + q].text, form.tokens[q])
        for q, score in enumerate(scores) if score < 1.0
    )


def _beside_an_unknown_word(doc: Document, start: int, scores: list[float]) -> bool:
    """Whether a word the form reads otherwise than written is no word at all
    (a suspect: in no lexicon), so that a lexicon name beside it agrees with
    a garble, not with another real name."""
    return any(score < 1.0 and doc.status[start + q] == Status.SUSPECT for q, score in enumerate(scores))


def _particle_between(doc: Document, form: Form, start: int) -> bool:
    """Whether the form's particle ("bin", "van") stands intact between two
    words of the form that the text writes otherwise."""
    keys = doc.keys
    return any(
        keys[start + q] == form.keys[q] and form.keys[q] in PARTICLES
        and keys[start + q - 1] != form.keys[q - 1] and keys[start + q + 1] != form.keys[q + 1]
        for q in range(1, len(form.keys) - 1)
    )


def _named_alone(doc: Document, mentions: Mentions, form: Form, first: int, last: int) -> bool:
    """A one-word form of an entity the text names intact, over a word with
    no name beside it (a capitalized word outside the English lexicon): a
    real name standing alone in the article about the thing it reads as."""
    if first != last or not mentions.seen.get(form.entity):
        return False
    beside = (k for k in (first - 1, first + 1) if 0 <= k < len(doc) and doc.gap_ok(min(k, first), max(k, first)))
    return not any(doc.tokens[k].text[:1].isupper() and doc.status[k] != Status.ENGLISH for k in beside)


def _person_in_view(doc: Document, mentions: Mentions, form: Form, first: int, last: int) -> bool:
    """The form is a person's, and the text names that person intact or
    their office, in words few others share, right beside the word
    ("Syrian President Assaad"; not "President Assaad")."""
    if doc.index.entities[form.entity].kind != "person":
        return False
    return bool(mentions.seen.get(form.entity)) or specific_context_near(doc, form.entity, first, last)
