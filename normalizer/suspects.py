"""Stage 2: sort every token into what it is, so later stages only look at suspects.

A suspect is a token that is not a correct gazetteer form, not an English
word, not protected, not part of a URL or path, and not a word derived from a
known name ("Zealanders"). Real place names the gazetteers leave out
("Kanata") are suspects only beside a word of the name they may garble.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

from jellyfish import damerau_levenshtein_distance

from normalizer.gazetteer.index import Index
from normalizer.gazetteer.lexicon import place_names
from normalizer.gazetteer.name_words import is_marked_name_word, name_words
from normalizer.tokens import Token
from normalizer.romanized import romanized

# A known name plus one of these is a derived word (demonym, plural), not a garble.
_DERIVATIONAL_SUFFIXES = ("ers", "er", "ians", "ian", "ans", "ese", "ites", "ite", "s", "es", "ism", "ist")
# A stem with these endings takes "-es" for its plural, never a bare "-s".
_TAKES_ES = ("s", "x", "z", "ch", "sh")
# The whitespace-delimited chunk around a token looks like a URL, a path, an
# e-mail address, a handle or a domain: its words are not prose.
_NOT_PROSE = re.compile(r"[/@\\]|\w\.\w{2,}|^[#@]|_")
# But two words joined by one slash are prose: "the De La Fuente/Richardson
# ticket", "a Trump/GOP plant", "Disney/Pixar" (41 such pieces in the 501 clean
# Wikinews articles, and no path without a dot or a digit); three are a path.
# So is a sentence whose space after the full stop was lost: "in
# Afghanistan.Trump said", "the president.In" (2 such pieces there, against 10
# domains, each with a small letter after its dot: "Amazon.com", "Znak.com").
# (Punctuation around the piece, but not a handle's or a hashtag's "@" or "#".)
_JOINED_WORDS = re.compile(r"[^\w/@#\\]*([^\W\d_]+(?:['’-][^\W\d_]+)*)([/.])([^\W\d_]+(?:['’-][^\W\d_]+)*)[^\w/@#\\]*")
# Markup around a word is no part of it: "<b>Macrom</b>", "[Emmanuel Macrom](https://...)".
_MARKUP_AROUND = re.compile(r"</?[A-Za-z][\w:-]*[^<>]*>|\]\([^()\s]*\)|[\[\]]|^[*_]+|[*_]+$")
# Where a chunk parts into pieces once its markup is set aside: spaces, and
# the edges of a tag cut by whitespace (`href="..."><b>Macrom`).
_PIECE_EDGES = re.compile(r"[\s<>]+")
# Whitespace ends a chunk: a word with whitespace on both sides is its own chunk.
_CHUNK_EDGES = frozenset(" \t\n\r\u00a0")
_SPACE = re.compile(r"\s")


class Status(IntEnum):  # an int: hashed in C (`status in OPEN` runs per token)
    SKIP = 0  # ignored span, part of a URL or path: never part of a correction
    KNOWN = 1  # a token of a correct gazetteer form
    ENGLISH = 2  # in the English lexicon
    SUSPECT = 3
    NAME = 4  # a real name the gazetteers do not hold ("Kanata", "Merkle"): a garble only with evidence
    FOREIGN = 5  # spelled as a real name is, with letters MT into English does not write ("Orbán")
    SHORT = 6  # too short to judge, or an acronym
    DERIVED = 7  # a known name plus an English suffix ("Zealanders")
    ENGLISH_NAME = 8  # in the English lexicon, but capitalized and a real name word ("Emanuel", "Schultz")
    MARKED = 9  # foreign letters in a spelling no real name has ("Ławrow", "Járkov"): FOREIGN, and also a NAME
    # A word the gazetteers protect ("York", "San"): never changed, nor written as a name of its
    # own, but as written it may stand in a longer name read around it ("New Yrok", "San Fransisco").
    PROTECTED = 10

    @property
    def settled(self) -> bool:
        """Not to be read as anything else: a listed variant may still rewrite it."""
        return self in (Status.SHORT, Status.DERIVED)


# Words a fuzzy reading may rewrite.
OPEN = frozenset({Status.SUSPECT, Status.NAME, Status.ENGLISH_NAME, Status.MARKED})
# Words no correction may change: an ignored one, and a protected one (which a
# fuzzy reading may still lay a longer name over, as written).
UNCHANGEABLE = frozenset({Status.SKIP, Status.PROTECTED})
# Real names the gazetteer does not hold: read only with evidence (candidates/fuzzy).
REAL_NAMES = frozenset({Status.NAME, Status.ENGLISH_NAME, Status.MARKED})
# Spelled with letters MT into English does not write: read by a learned round trip where
# a romanizer may have written them (candidates.foreign_names, a translated text).
FOREIGN_LETTERED = frozenset({Status.FOREIGN, Status.MARKED})
# Words of the English lexicon, capitalized or not.
ENGLISH_WORDS = frozenset({Status.ENGLISH, Status.ENGLISH_NAME})


def classify(
    index: Index, text: str, tokens: list[Token], ignored: list[bool], keys: list[str] | None = None
) -> list[Status]:
    """The status of each token of `text`, in text order (`keys`: the tokens' keys, when known)."""
    # A text with no chunk like a URL or a path (three news articles in
    # four) asks no token about one: no call per token.
    in_non_prose = _NonProse(text) if may_hold_non_prose(text) else None
    protected = index.protected
    # What a word is by itself is remembered across texts; its place in this text is not.
    memo = index.memo("_word_status")
    statuses = []
    for token, ignored_here, key in zip(tokens, ignored, keys or [t.key for t in tokens]):
        if ignored_here or (in_non_prose is not None and in_non_prose(token)):
            statuses.append(Status.SKIP)
            continue
        if key in protected:
            statuses.append(Status.PROTECTED)
            continue
        status = memo.get(token.text)
        if status is None:
            status = memo[token.text] = word_status(index, token.text, key)
        statuses.append(status)
    return statuses


# A macron only lengthens a vowel (Hepburn's "Kūpā" for クーパー, Cooper):
# a word whose only such letters are macrons is what its plain letters are
# (its key drops them), a real name word if they spell one ("Jānis", "Itō"),
# else a word to read; "ņ", "ș", "ł" change the letter and stay foreign.
LONG_VOWELS = frozenset("āēīōūĀĒĪŌŪ")


def marked(word: str) -> bool:
    """Whether `word` has a letter with a mark other than a long vowel's macron."""
    return not word.isascii() and any(not c.isascii() and c.isalpha() and c not in LONG_VOWELS for c in word)


def stray_marks(index: Index, word: str) -> bool:
    """Whether `word` has marks no real name is spelled with and no correct
    form of the gazetteer writes ("Mileí", "Khameneï", GOST's "Rûtte"): a
    typist's, a third language's or a romanizer's, not the name's own."""
    return marked(word) and not index.writes_marked(word) and not is_marked_name_word(word)


# The marks English writes on its own words, loanwords' ("café", "naïve",
# "rôle", "señor", "façade"), a long vowel's macron (LONG_VOWELS), and its
# ligatures ("ærobic"). A caron, a stroke, an ogonek or a breve ("Čaves",
# "Buš": GOST's č and š for Chavez, Bush) is another language's letter: such
# a word is no English word, whatever its letters fold to ("caves", "bus").
# The lexicon (symspellpy's) is in plain letters: it cannot say which marks its words take.
# Grave, acute, circumflex, tilde, macron, diaeresis, cedilla (as NFD writes them):
_ENGLISH_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0304\u0308\u0327")
_ENGLISH_LIGATURES = frozenset("æœ")


def spelled_as_english(word: str) -> bool:
    """Whether every letter of `word` is one English spells its words with."""
    if word.isascii():
        return True
    for c in word.lower():
        if c.isascii() or not c.isalpha() or c in _ENGLISH_LIGATURES:
            continue
        base, *marks = unicodedata.normalize("NFD", c)
        if not base.isascii() or not marks or any(m not in _ENGLISH_MARKS for m in marks):
            return False
    return True


def word_status(index: Index, word: str, key: str) -> Status:
    """What a word is, by itself (its place in the text aside)."""
    if key in index.correct_tokens:
        if word.islower() and key in index.english and not index.spelling[key].islower():
            return Status.ENGLISH  # "nice", "reading": the word, not the city
        return Status.KNOWN
    if key in index.english and spelled_as_english(word):
        # The lexicon holds names too ("emanuel", "schultz"): capitalized, a
        # real name word is a name, read only with evidence like any other.
        if word[:1].isupper() and not word.isupper() and key in name_words():
            return Status.ENGLISH_NAME
        return Status.ENGLISH
    if _derived_from_name(index, key):
        return Status.DERIVED
    by_romanizer = False
    if marked(word):
        if not romanized(word):
            # MT into English writes names in plain letters; "ņ", "ș", "ł", "ʻ"
            # come from a writer who knew the name's own spelling. But MT also
            # keeps a third language's spelling of a name it translated
            # ("Ławrow", "Járkov" for Lavrov, Kharkiv), which no real name
            # has: read like a real name the gazetteers lack, with evidence.
            return Status.FOREIGN if is_marked_name_word(word) else Status.MARKED
        by_romanizer = True
    # A romanizer's spelling is no real name, whatever its folded key is:
    # "Méikǎ" folds to the given name Meika but is pinyin for Mecca.
    if not by_romanizer and (key in place_names() or key in name_words()):
        return Status.NAME
    if len(word) < 3 or (word.isupper() and len(word) < 5):
        return Status.SHORT  # too short to judge; acronyms
    return Status.SUSPECT


def _derived_from_name(index: Index, key: str) -> bool:
    """"Zealanders", "Londoner", "Texans": a known name plus an English
    suffix is a derived word (demonym, plural), not a garble; unless it is
    one slip from a word of another name ("Emirites": "Emir" and "-ites",
    but one letter from the "Emirates" of the United Arab Emirates)."""
    for suffix in _DERIVATIONAL_SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= 3 and stem in index.correct_tokens:
            if suffix == "s" and stem.endswith(_TAKES_ES):
                continue  # English writes "Harrises", "the Foxes": "Harriss" is a doubled letter
            if suffix == "es" and not stem.endswith(_TAKES_ES):
                continue  # and "Israelis", "Japans": "Israelies", "Japanes" are slips
            return not _slip_of_another_name(index, key, stem)
    return False


def _slip_of_another_name(index: Index, key: str, stem: str) -> bool:
    """`key` is one edit (a letter changed, added, dropped, or two swapped)
    from a correct word of a name that `stem` is no word of: "Germans" is
    one letter from "Germany", whose own word "German" is the stem. A
    person's name and "-s" is a family ("the Sams", "the Erdogans"), whatever
    it is near."""
    own = {index.forms[f].entity for f, _ in index.token_forms.get(stem, ())}
    if key == stem + "s" and any(index.entities[entity].kind == "person" for entity in own):
        return False
    for near in index.fuzzy_tokens(key):
        if near != key and near in index.correct_tokens and damerau_levenshtein_distance(near, key) == 1:
            if own.isdisjoint(index.forms[f].entity for f, _ in index.token_forms.get(near, ())):
                return True
    return False


def may_hold_non_prose(text: str) -> bool:
    """Whether some chunk of `text` may look like a URL or a path: a chunk
    is part of the text, so one _NOT_PROSE matches it in the text too,
    but for its "^" (a chunk that starts with "#" or "@")."""
    return "#" in text or _NOT_PROSE.search(text) is not None


def _prose_joined(piece: str) -> bool:
    """Whether `piece` is two words of prose joined by a slash, or by a full
    stop whose space was lost before a capitalized word."""
    joined = _JOINED_WORDS.fullmatch(piece)
    if joined is None:
        return False
    after = joined[3]
    return joined[2] == "/" or (after[0].isupper() and after[1:2].islower())


class _NonProse:
    """Which tokens stand in a URL, a path or markup, judged chunk by chunk.

    Tokens come in text order, so the chunk (and the piece) of the last token is
    kept and each is scanned once: rescanning a 20 KB chunk without spaces for
    each of its 4,000 words would take seconds."""

    def __init__(self, text: str):
        self.text = text
        self.chunk: tuple[int, int, str | None] = (0, 0, None)  # start, end, markup-masked text (None: prose)
        self.piece: tuple[int, int, bool] = (0, 0, False)  # start, end in the masked chunk, not prose

    def __call__(self, token: Token) -> bool:
        text = self.text
        if (token.start == 0 or text[token.start - 1] in _CHUNK_EDGES) and (
            token.end == len(text) or text[token.end] in _CHUNK_EDGES
        ):
            return False  # the chunk is the word itself (the common case)
        start, end, masked = self.chunk
        if not start <= token.start < end:
            start, end, masked = self.chunk = self._chunk_around(token)
            self.piece = (0, 0, False)
        if masked is None:
            return False
        # The token is judged where it stands, not by another copy of its text
        # elsewhere in the chunk ("[Macrom](https://x.org/Macrom)").
        first, last = token.start - start, token.end - start
        if masked[first:last] != token.text:
            return True  # inside the markup itself
        piece_start, piece_end, not_prose = self.piece
        if not piece_start <= first < piece_end:
            while first > 0 and not _PIECE_EDGES.match(masked[first - 1]):
                first -= 1
            while last < len(masked) and not _PIECE_EDGES.match(masked[last]):
                last += 1
            # In a piece that is a URL, a path or an address: not prose.
            piece = masked[first:last]
            not_prose = _NOT_PROSE.search(piece) is not None and not _prose_joined(piece)
            piece_start, piece_end, _ = self.piece = (first, last, not_prose)
        return not_prose and piece_end - piece_start != token.end - token.start

    def _chunk_around(self, token: Token) -> tuple[int, int, str | None]:
        text = self.text
        start = token.start
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, token.end)
        end = space.start() if space else len(text)
        chunk = text[start:end]
        if _NOT_PROSE.search(chunk) is None:
            return start, end, None
        # Markup blanked out, offsets kept.
        return start, end, _MARKUP_AROUND.sub(lambda m: " " * len(m.group()), chunk)
