"""How alike a word of the text and a word of a name are, graded in tiers.

A name that travels through Japanese, Russian, Persian or Arabic and back
loses distinctions those scripts do not make (see folding.py). Equal keys
after folding are strong evidence; otherwise an edit-distance and
Jaro-Winkler blend, capped below the key tiers.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import jellyfish

from normalizer.folding import mt_fold, skeleton, strip_accents
from normalizer.transliteration import ROUNDING
from normalizer.transliteration import score_above as round_trip_above

# Three consonants in order, one vowel added, dropped or changed ("Sdan" ~
# "Sudan", "Pris" ~ "Paris"): the commonest MT and typing slip in a short name.
# Below a lone word's threshold on its own, it needs evidence from the article.
# Set on the garbled/held-out/MT corpora: 0.83-0.85 give the same corrections;
# 0.87 starts to break clean text.
ONE_VOWEL_APART = 0.84
ONE_VOWEL_REASON = "one vowel apart"
# The tiers, strongest first.
EXACT = 1.0  # equal once case and accents are set aside
SAME_MT_KEY = 0.95  # equal MT-folded keys ("Mokhajelani" / "Mohajerani")
SAME_MT_KEY_SHORT = 0.8  # ... of a word under MIN_KEY_LENGTH letters: short keys collide
MIN_KEY_LENGTH = 4
# A name left in a Slavic grammatical case by a translation that
# transliterated it ("Makrona" after "переговоры Макрона", "Obamu"): the
# MT-folded key of the name plus a case ending. One step under equal keys:
# the ending is read, not seen. Only where the letters read the pair as a
# Russian round trip (`read_as_russian`): katakana and pinyin end names in
# vowels too.
SAME_KEY_WITH_CASE_ENDING = 0.93
CASE_ENDING_REASON = "the same name with another ending"
# The endings of a borrowed name declined as a Russian, Ukrainian or Polish
# noun, as MT-folded keys spell them: a name ending in a consonant takes
# genitive/accusative -a, dative -u, instrumental -om/-em, prepositional -e;
# one ending in -a drops it for -y/-i (folded "i"), -e, -u, -oj/-oy (folded "oi").
CONSONANT_STEM_ENDINGS = ("a", "u", "om", "em", "e")
A_STEM_ENDINGS = ("i", "e", "u", "oj", "oi")
MIN_DECLINED_LENGTH = 4  # a shorter name plus an ending is too often another word
# Two neighbouring letters typed in the wrong order ("Zelenksyy"), the
# commonest typing slip, in a long word: every letter kept, so as sure as a
# case ending. Of the real name words of seven letters or more
# (normalizer/data/name_words.txt, place_names.txt) one in 120 has such a
# twin (Krysten/Kyrsten); of those of five or more, one in 24.
SAME_KEY_WITH_SWAP = 0.93
SWAP_REASON = "two neighbouring letters swapped"
MIN_SWAP_LENGTH = 7
SAME_SKELETON = 0.9  # equal consonant skeletons ("Araguchi" / "Araghchi"), less 0.01 an edit
MIN_SKELETON_LENGTH = 4  # shorter skeletons ("hmn") join different people
SAME_SKELETON_REASON = "same consonant skeleton"
# A word three letters or more shorter than the name lost more than vowels: "Austar" (an ABC
# news article's pay-TV company) has Australia's skeleton only because folding joins its r and l.
# Of the calibration data's skeleton readings that short, none was right.
MAX_SKELETON_LOSS = 2
BLEND_CAP = 0.88  # the edit/Jaro-Winkler blend stays below the key tiers
SHORT_WORD = 4  # a word this short or shorter ...
SHORT_WORD_PENALTY = 0.1  # ... pays this in the blend
FIRST_LETTER_PENALTY = 0.1  # garbles rarely change the first letter
MIN_ROUND_TRIP_LENGTH = 4  # shorter words are too short for the learned routes to tell apart
# Below this the spellings share too little for a learned route to explain one
# by the other often enough to pay for asking (most pairs a lookup meets). Of
# the round-trip forms of 200 calibration dev words per script, 68 fall below
# 0.25 and the learned route reads 4 of them at 0.8 or more; between 0.25 and
# 0.45 it reads 52 of 112 ("Iyfanz" for Evans, "Chtaykhin" for Steichen).
MIN_SPELLING_FOR_ROUND_TRIP = 0.25
# A word that is a whole name after a syllable of its own ("Keqiang", "Qiang")
# is another name: of 691,130 real round-trip forms of the train split's name
# words (six scripts, every romanizer), 88 (0.013%) are so, nearly all pairs
# whose native side holds a longer name ("Sebastiano" for "bastiano"). The
# Arabic article is no syllable of a name ("Alhurini" for Hurini).
ARABIC_ARTICLES = frozenset({"al", "el", "ul"})
ANOTHER_NAME_REASON = "the name after a syllable of its own: another name"
VOWELS = frozenset("aeiouy")
# No reader of a pair's similarity takes one below this (candidates.fuzzy's
# MIN_SIMILARITY, the least of them): a learned reading under it is not asked for.
LEAST_READ = 0.6
# A word read at this by itself is about where a word alone is applied (the
# calibrated apply bar is 0.80 raw): the level that lets the rest of a name
# carry a weaker word (candidates.name_parts.FAR_WORD_ANCHOR), and under
# which a surname beside a shared given name is a namesake's
# (evidence.open_world.namesake).
ALONE_APPLIED = 0.8


# News repeats its unknown names, and scoring is pure: the pairs asked again
# are remembered. A pair, its score and its reason take ~500 bytes in the
# cache: ~8 MB. (A new word is scored once against each of its candidates,
# hundreds with a big gazetteer; candidates.fuzzy keeps those it needs.)
PAIRS_REMEMBERED = 16_384


@lru_cache(maxsize=PAIRS_REMEMBERED)
def similarity(word: str, name: str) -> tuple[float, str]:
    """The better of two readings of how `word` came from `name`: the folds
    and edit distance below (`spelling_similarity`), or a round trip through
    another script as the learned model sees it (normalizer.transliteration),
    with the route in the reason ("katakana round trip")."""
    score, why = spelling_similarity(word, name)
    if spelling_decides(word, name, score, why):
        return score, why
    # The learned reading where it is the better one and one a reader takes
    # (else None): most pairs with little in common are settled by one cheap
    # alignment, which shows their learned reading below LEAST_READ.
    # Two tiers of the spelling keep their letters, read by them and not by the name's sounds: a
    # name left in a Slavic case ending ("Obamu"), and a short name one vowel from its spelling,
    # which waits for evidence from the article ("Sdan": Sudan by ear too, at the cap).
    by_ear = why not in (CASE_ENDING_REASON, ONE_VOWEL_REASON)
    return round_trip_above(word, name, max(score, LEAST_READ - ROUNDING), by_ear=by_ear) or (score, why)


def spelling_decides(word: str, name: str, score: float, why: str) -> bool:
    """Whether `similarity` of the pair is its spelling's reading (`score`,
    `why`) as it is, with no round trip asked. Else it is that reading or a
    learned one above it: never lower."""
    # A case ending is asked about too: a katakana round trip also ends a
    # name in a vowel ("Hamiru" for Hamill), and the likelier route is named.
    settled = score >= SAME_SKELETON and why != CASE_ENDING_REASON
    return settled or score < MIN_SPELLING_FOR_ROUND_TRIP or min(len(word), len(name)) < MIN_ROUND_TRIP_LENGTH


def is_round_trip(why: str) -> bool:
    """Whether a reason given by `similarity` names a learned round-trip route."""
    return why in _route_labels()


def names_a_script(why: str) -> bool:
    """Whether a reason given by `similarity` names one script's round trip
    ("Chinese pinyin round trip"), which explains the pair clearly better than
    every other script, not the pooled "transliteration"."""
    from normalizer.transliteration import POOLED, model

    return is_round_trip(why) and why != model().routes[POOLED]


@lru_cache(maxsize=1)
def _route_labels() -> frozenset[str]:
    from normalizer.transliteration import model

    return frozenset(model().routes.values())


def with_case_ending(folded_word: str, folded_name: str) -> bool:
    """Whether MT-folded `folded_word` is the name `folded_name` declined: its
    stem and one Slavic case ending ("makrona" of "makron", "obamu" of "obama")."""
    if len(folded_name) < MIN_DECLINED_LENGTH or not folded_word.startswith(folded_name[:-1]):
        return False
    if folded_name[-1] == "a":
        return folded_word[len(folded_name) - 1 :] in A_STEM_ENDINGS
    if folded_name[-1] in "eiou":
        return False  # indeclinable in these languages ("Abe", "Macri")
    return folded_word.startswith(folded_name) and folded_word[len(folded_name) :] in CONSONANT_STEM_ENDINGS


def read_as_russian(word: str, name: str) -> bool:
    """Whether the letter model reads `word` as a Russian round trip of `name`
    about as well as through any script (within NAMED_ROUTE_MARGIN of the
    best): a case ending is Russian grammar. Katakana and pinyin end a name
    in a vowel too ("Juuru" for Jules, "Busu" for Booth, "Abasu" for Airbus):
    over their real round trips an ending so read names another real name
    word 2.6 (katakana) and 7 (pinyin) times as often as the word's own
    (BENCHMARKS.md). Never a word with a letter no Russian romanizer prints
    (the model's, from the train split): "Krūze" (Latvian) is not Cruz
    declined, and "Nowaka" is Polish ("Novaka" in Russian letters)."""
    from normalizer.transliteration import NAMED_ROUTE_MARGIN, evidence_by_script, model

    printed = model().cyrillic_letters
    if printed and not all(c in printed for c in unicodedata.normalize("NFC", word.lower()) if c.isalpha()):
        return False
    by_script = dict((script, value) for value, script in evidence_by_script(word, name))
    return "russian" in by_script and by_script["russian"] >= max(by_script.values()) - NAMED_ROUTE_MARGIN


def after_a_syllable(plain_word: str, plain_name: str) -> bool:
    """Whether `plain_word` is all of `plain_name` (both in small letters,
    without accents) after letters of its own that make a syllable, a vowel
    and a consonant ("ke" of "keqiang" after "qiang"), other than the Arabic
    article. Not on folded keys: folding "sc" to "s" makes the typed
    "Sicientology" look like "si" before Scientology."""
    extra = len(plain_word) - len(plain_name)
    if extra < 2 or not plain_word.endswith(plain_name):
        return False
    prefix = plain_word[:extra]
    return prefix not in ARABIC_ARTICLES and not VOWELS.isdisjoint(prefix) and not VOWELS.issuperset(prefix)


def swapped_neighbours(a: str, b: str) -> bool:
    """Whether `b` is `a` with two neighbouring letters swapped, nothing else."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]


def spelling_similarity(word: str, name: str) -> tuple[float, str]:
    """How alike a text word and a gazetteer name token are, with the reason.

    Exact (ignoring case and accents) is 1.0; equal MT-folded keys 0.95; the
    key plus a case ending, or two neighbouring letters of a long word
    swapped, 0.93; the whole name after a syllable of the word's own
    ("Keqiang", "Qiang"), 0; equal skeletons 0.9; otherwise a blend of edit distance
    and Jaro-Winkler on the folded forms, capped below the key matches, or on
    the letters as written where they are one edit apart and blend higher (a
    typist's slip). Short words collide easily, so they pay a penalty, unless
    all they lack is one vowel.
    """
    plain_word, plain_name = strip_accents(word).casefold(), strip_accents(name).casefold()
    if plain_word == plain_name:
        return EXACT, "exact"
    folded_word, folded_name = mt_fold(word), mt_fold(name)
    if not folded_word or not folded_name:
        return 0.0, "empty"
    shortest = min(len(folded_word), len(folded_name))
    if folded_word == folded_name:
        return (SAME_MT_KEY if shortest >= MIN_KEY_LENGTH else SAME_MT_KEY_SHORT), "same MT-folded key"
    if with_case_ending(folded_word, folded_name) and read_as_russian(word, name):
        return SAME_KEY_WITH_CASE_ENDING, CASE_ENDING_REASON
    if shortest >= MIN_SWAP_LENGTH and swapped_neighbours(folded_word, folded_name):
        return SAME_KEY_WITH_SWAP, SWAP_REASON
    if len(plain_word) >= MIN_SWAP_LENGTH and swapped_neighbours(plain_word, plain_name):
        # The typist swaps letters as written, before any fold: "Kharkvi" is
        # seven letters, its fold "harkvi" six.
        return SAME_KEY_WITH_SWAP, SWAP_REASON
    if after_a_syllable(plain_word, plain_name):
        return 0.0, ANOTHER_NAME_REASON  # no round trip, typist or translation adds a syllable before a name
    distance = jellyfish.damerau_levenshtein_distance(folded_word, folded_name)
    skeleton_word = skeleton(word)
    same_skeleton = skeleton_word == skeleton(name)
    # A skeleton of four consonants or more is specific enough to trust
    # ("argch"); shorter ones ("hmn") join different people, so only the blend
    # below decides between them. So it does where the word lost letters beyond
    # vowels (MAX_SKELETON_LOSS); the learned routes still read a round trip that drops them.
    lost = len(folded_name) - len(folded_word)
    if same_skeleton and len(skeleton_word) >= MIN_SKELETON_LENGTH and lost <= MAX_SKELETON_LOSS:
        return SAME_SKELETON - 0.01 * distance, SAME_SKELETON_REASON
    score = _blend(folded_word, folded_name, distance)
    if same_skeleton and len(skeleton_word) == MIN_SKELETON_LENGTH - 1 and distance == 1 and score < ONE_VOWEL_APART:
        return ONE_VOWEL_APART, ONE_VOWEL_REASON
    # A typist's slip (a letter dropped, doubled, swapped or mistyped) is one
    # edit of the letters as written. Folding, made for translation's changes,
    # may put its letters farther apart ("Grecee" -> "gresi", "Greece" ->
    # "grise") or as near as another name's ("Ryssia" folds one edit from
    # Russia and from Libya): the letters' own blend counts where it is the
    # higher. Pairs farther apart as written are no slip.
    if jellyfish.damerau_levenshtein_distance(plain_word, plain_name) == 1:
        as_written = _blend(plain_word, plain_name, 1)
        if as_written > score:
            return max(0.0, as_written), "edit distance 1 as written"
    return max(0.0, score), f"edit distance {distance} after folding"


def _blend(word: str, name: str, distance: int) -> float:
    """The edit distance and Jaro-Winkler blend of two spellings, capped
    below the key tiers, less the short-word and first-letter penalties."""
    edit_score = 1 - distance / max(len(word), len(name))
    score = min(BLEND_CAP, 0.5 * edit_score + 0.5 * jellyfish.jaro_winkler_similarity(word, name))
    if min(len(word), len(name)) <= SHORT_WORD:
        score -= SHORT_WORD_PENALTY
    if word[0] != name[0]:
        score -= FIRST_LETTER_PENALTY
    return score
