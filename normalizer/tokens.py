"""Tokens with offsets, and the casing of replacements.

A token is a run of letters (any script, with diacritics), possibly joined by
inner apostrophes ("O'Brien"). A trailing possessive ("'s", "’s") is left
outside the token, so a correction never touches it and the clitic of the
original survives as written. Everything between tokens is never read again:
the text is rebuilt by slicing, which makes the round trip exact.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from normalizer.folding import fold_case

# Letters, and an apostrophe or a middle dot between letters: "O'Brien", a
# soft sign ("Donal’d"), BGN/PCGN's "·e" for Э ("K·emeron"), Catalan "l·l".
_WORD = re.compile(r"[^\W\d_]+(?:['’·][^\W\d_]+)*")
# The same with what else may stand inside a word: letters' combining marks
# (decomposed text, NFD, writes "Erdoğan" as "g" and a breve: one word, as
# when composed) and invisible characters (a web page's soft hyphens and
# zero-width joiners: "Arag\u00adhchi" is one word; folding drops them).
# Asked only of a text that has such characters (a slower pattern).
_MARK = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200b-\u200d\u2060]"
_MARKS = re.compile(_MARK)
_LETTERS = rf"[^\W\d_](?:[^\W\d_]+|{_MARK}+)*"
_WORD_WITH_MARKS = re.compile(rf"{_LETTERS}(?:['’·]{_LETTERS})*")
HYPHENS = frozenset("-\u2010\u2011")  # the ASCII hyphen, Unicode's hyphen and non-breaking hyphen
# What may stand between two tokens of one name: a space or a hyphen, or a
# single line break (wrapped text); never punctuation or a blank line.
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,3}|[ \t\u00a0]*\r?\n[ \t\u00a0]*|[-‐‑]")
_SOFT_SIGN_GAP = re.compile(r"['’]([ \t\u00a0]{1,3})")


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return fold_case(self.text)


def tokenize(text: str) -> list[Token]:
    """Word tokens of `text` with their offsets; possessives stay outside."""
    tokens = []
    for match in _word_pattern(text).finditer(text):
        start, end = match.span()
        word = match.group()
        if _possessive(word):
            end -= 2
            word = word[:-2]
        tokens.append(Token(start, end, word))
    return tokens


def token_texts(text: str) -> list[str]:
    """The text of each token of `text` (`tokenize`), without a Token each:
    the gazetteer's 100,000 names are tokenized at every build."""
    words = _word_pattern(text).findall(text)
    if "'" in text or "’" in text:  # a possessive may end a word
        words = [word[:-2] if _possessive(word) else word for word in words]
    return words


def _word_pattern(text: str) -> re.Pattern:
    return _WORD if text.isascii() or not _MARKS.search(text) else _WORD_WITH_MARKS


def _possessive(word: str) -> bool:
    """A trailing 's / ’s (not the whole word) is a possessive, not part of the name."""
    return len(word) > 2 and word[-1] in "sS" and word[-2] in "'’"


def is_name_gap(gap: str) -> bool:
    """True when `gap` may separate two tokens of one name."""
    return _NAME_GAP.fullmatch(gap) is not None


def without_soft_sign(gap: str) -> str | None:
    """The gap after a word's final soft sign as BGN/PCGN and GOST print it
    ("Emmanuel’ Makron", Эммануэль Макрон), without the sign: a garble's
    mark to drop. None for any other gap. Never a name gap by itself: the
    same apostrophe ends a plural possessive ("the Smiths’ house")."""
    match = _SOFT_SIGN_GAP.fullmatch(gap)
    return match.group(1) if match else None


def soft_sign_after(text: str, token: Token) -> int:
    """The length of a soft sign's apostrophe right after `token`, as BGN/PCGN
    and the MVD print a final Cyrillic ь ("Merkel’", "Igor'"), or 0. Not after
    an s, x or z (a possessive, "the Joneses’"), nor where a single quotation
    mark opens earlier on the line, which the apostrophe may close ("the
    ‘Merkel’ plan")."""
    after = text[token.end : token.end + 2]
    if not after[:1] or after[0] not in "'’" or (after[1:] and after[1].isalnum()) or token.text[-1:] in "sSxXzZ":
        return 0  # "the Joneses’", and "Ruiz’" as some styles write the possessive
    last = fold_case(token.text[-1:])  # "ā" is an a
    if not last.isalpha() or last in "aeiouykg" or token.text[-2:].lower() == "kh":
        # ь follows a consonant, and not к, г or х: of the 3,880 final ь of the Wikidata
        # Russian names (tools/data/transliteration), none. "Sīnā'" writes an Arabic
        # hamza, "Kotayk'" an Armenian aspirate.
        return 0
    line = text[text.rfind("\n", 0, token.start) + 1 : token.start + 1]  # with the word's first letter
    return 0 if _OPENING_QUOTE.search(line) else 1


_OPENING_QUOTE = re.compile(r"‘|(?:^|[^\w'’])'(?=\w)")


def apply_case_style(original: str, replacement: str) -> str:
    """Spell `replacement` in the case style of `original`.

    An ALL-CAPS original (a headline, a dateline) stays ALL CAPS. Otherwise the
    gazetteer's own casing wins: a name that lost its capitals ("seided") gets
    them back, and "Mcdonald" becomes the gazetteer's "McDonald". But a
    capital the text wrote first is kept where the name has a small letter:
    a sentence begins "Al-Qaida", an outlet writes "Al-Qaeda" and "De Gaulle";
    a repair restores capitals, it does not take them away.
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins, for offset -> (line, column)."""
    starts = [0]
    for match in re.finditer(r"\n", text):  # as git and editors count lines
        starts.append(match.end())
    return starts
