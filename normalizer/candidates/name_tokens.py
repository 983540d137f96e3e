"""The name tokens a word may be a garble of, with their similarity: SymSpell
over MT-folded keys, skeletons and metaphone (Index.fuzzy_tokens), the
English spellings a round trip likeliest came from, and the word a known
neighbour implies. Word-level work, remembered across texts (Index.memo) and
across runs where a word store is attached (normalizer.word_store); the
fuzzy source (candidates/fuzzy.py) lays the forms holding them over a text."""

from __future__ import annotations

from normalizer.candidates.nearest import nearest_name_tokens
from normalizer.document import Document
from normalizer.gazetteer.attested import reading
from normalizer.gazetteer.index import MAX_FORMS_PER_NEIGHBOUR
from normalizer.similarity import MIN_ROUND_TRIP_LENGTH, PAIRS_REMEMBERED, similarity
from normalizer.suspects import Status
from normalizer.transliteration import model, plain
from normalizer.word_store import keeps_words, remembered

# Lowest word similarity a candidate may have at all.
MIN_SIMILARITY = 0.6
# Words each memo below remembers (Index.memo), by the bytes an entry took
# with a 100,000-entity gazetteer: the name tokens alike to a word with their
# similarity, ~2.5 KB (by spelling) and ~4.5 KB (by round trip), ~10 MB each;
# those a known neighbour implies, ~350 bytes, ~7 MB. A batch of news meets
# a few hundred such words again and again (2,000 articles: under 700).
SIMILAR_WORDS = 4_000
ROUND_TRIP_WORDS = 2_000
IMPLIED_WORDS = 20_000
# A word printed as the real romanizers print a name token's spelling in
# another script, by the Wikidata pairs (gazetteer.attested: "Bler" for
# Blair, Блэр): no guess from letters but a spelling the data shows, read as
# surely as equal MT-folded keys, with the script's route as its reason.
ATTESTED = 0.95
ATTESTED_WORDS = 20_000  # words remembered by _attested_of: ~250 bytes each, most an empty dict
# The memos `candidate_tokens` fills, with their limits: what a process that
# worked out words for another hands back (shared_words).
WORD_MEMOS = {
    "_similar_name_tokens": SIMILAR_WORDS,
    "_round_trip_name_tokens": ROUND_TRIP_WORDS,
    "_implied_name_tokens": IMPLIED_WORDS,
    "_attested_of": ATTESTED_WORDS,
}


def candidate_tokens(doc: Document, i: int, translated: bool = False) -> dict[str, float]:
    """Name token keys that `tokens[i]` may be a garble of, with their similarity."""
    index = doc.index
    word = doc.tokens[i].text
    # A lexicon word that is a name ("Emanuel") is read only beside an intact
    # word of the same name (align), which the neighbour's forms below supply:
    # searching every name alike costs much on real news ("Rose", "Cook").
    found = dict(similar_name_tokens(doc, word)) if doc.status[i] != Status.ENGLISH_NAME else {}
    # An unknown capitalized word may be a round trip no fold finds ("Bureiku"
    # for Blake): the English spellings it likeliest came from propose more.
    status = doc.status[i]
    if (status == Status.SUSPECT or translated) and len(word) >= MIN_ROUND_TRIP_LENGTH and word[:1].isupper():
        found = {**round_trip_name_tokens(doc, word), **found}
        if translated and not found:
            # A translated text's word that nothing reads: search wider.
            found = _alike(doc, word, nearest_name_tokens(index, word))
    # A known neighbour implies what this word should be: "Abbas" + ? -> "Araghchi".
    for j in (i - 1, i + 1):
        if 0 <= j < len(doc) and doc.status[j] == Status.KNOWN:
            for key, score in implied_name_tokens(index, word, doc.keys[j], i - j).items():
                found.setdefault(key, score)
    return found


def ranked_candidate_tokens(doc: Document, i: int, translated: bool = False) -> list[tuple[str, float]]:
    """`candidate_tokens`, best first, ties by spelling: the same input always
    yields the same proposals in the same order (sets are unordered)."""
    return sorted(candidate_tokens(doc, i, translated).items(), key=lambda item: (-item[1], item[0]))


def implied_name_tokens(index, word: str, neighbour: str, offset: int) -> dict[str, float]:
    """The name token keys `offset` words from the known word `neighbour` in some form, alike enough
    to `word`, each with its first alike spelling's similarity (remembered across texts and runs)."""
    return remembered(index, "_implied_name_tokens", IMPLIED_WORDS, (word, neighbour, offset),
                      lambda: _implied(index, word, neighbour, offset))


def _implied(index, word: str, neighbour: str, offset: int) -> dict[str, float]:
    implied: dict[str, float] = {}
    forms = index.token_forms.get(neighbour, ())
    if len(forms) <= MAX_FORMS_PER_NEIGHBOUR:
        for form_id, position in forms:
            form = index.forms[form_id]
            q = position + offset
            if 0 <= q < len(form.keys) and form.keys[q] not in implied:
                score, _ = word_similarity(index, word, form.tokens[q])
                if score >= MIN_SIMILARITY:
                    implied[form.keys[q]] = score
    return implied


def similar_name_tokens(doc: Document, word: str) -> dict[str, float]:
    """Name token keys alike enough to `word`, with their similarity (remembered across texts and runs)."""
    return remembered(doc.index, "_similar_name_tokens", SIMILAR_WORDS, word,
                      lambda: _alike(doc, word, doc.index.fuzzy_tokens(word) | _attested_of(doc.index, word).keys()))


def round_trip_name_tokens(doc: Document, word: str) -> dict[str, float]:
    """Name token keys near the English spellings `word` likeliest came from
    through another script, alike enough to it (remembered across texts and runs)."""
    return remembered(doc.index, "_round_trip_name_tokens", ROUND_TRIP_WORDS, word,
                      lambda: _alike(doc, word, doc.index.round_trip_tokens(word)))


def pair_similarity(index, word: str, name: str) -> tuple[float, str]:
    """`word_similarity`, remembered across runs too where a store is attached (word_store): the pairs `lay` reads."""
    if not keeps_words(index):
        return word_similarity(index, word, name)  # similarity has its own lru_cache: no second memo
    return remembered(index, "_pair_similarity", PAIRS_REMEMBERED, (word, name), lambda: word_similarity(index, word, name))


def word_similarity(index, word: str, name: str) -> tuple[float, str]:
    """`similarity`, or ATTESTED where the pairs show `word` printed for `name`."""
    found = similarity(word, name)
    if found[0] < ATTESTED:
        printed = _attested_of(index, word)
        if printed:
            name = plain(name)
            script = next((script for key, script in printed.items() if plain(key) == name), None)
            if script is not None:
                return ATTESTED, model().routes[script]
    return found


def _attested_of(index, word: str) -> dict[str, str]:
    """The name token keys the pairs show `word` printed for (Index.attested),
    each with its script; most words none. A source of candidates
    (`similar_name_tokens`) and of their score (`word_similarity`, asked per
    pair): remembered."""
    memo = index.memo("_attested_of", ATTESTED_WORDS)
    found = memo.get(word)
    if found is None:
        found = memo[word] = dict(map(reading, index.attested.get(plain(word), ())))
    return found


def _alike(doc: Document, word: str, keys) -> dict[str, float]:
    """Those of the name token `keys` alike enough to `word`, with their similarity."""
    found = {}
    for key in keys:
        score, _ = word_similarity(doc.index, word, doc.index.spelling[key])
        if score >= MIN_SIMILARITY:
            found[key] = score
    return found
