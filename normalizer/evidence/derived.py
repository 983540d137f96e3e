"""Words derived from a name, or a name derived from a word, are other words.

A demonym is written by adding an ending to the place's name, often after
dropping its last vowel: Puerto Rico, "Puerto Rican"; Ukraine, "Ukrainian";
Iraq, "Iraqi". News misspells demonyms as often as names ("Ukranian",
"Brazillian", "Belarussian" in the clean Wikinews corpus), and a gazetteer
that lists a place without its demonyms would "repair" such a word to the
place: "the Ukranian team" -> "the Ukraine team", "Puerto Rican" -> "Puerto
Rico". The place is not what the writer meant, so such a reading is never
made; where the gazetteer lists the demonym, its own reading stands.

The other way round, a realm is often named by a title and an ending:
Sultan, "Sultanate of Oman"; Emir, "Emirate"; King, "Kingdom". "The Sultan of
Oman" is a person, not a garble of the Sultanate: an English word that is
the start of a name word up to such an ending is its own word.
"""

from __future__ import annotations

from jellyfish import damerau_levenshtein_distance

# Endings of English demonyms (and the French "-ien" of machine translation).
# "-i" and "-n" alone are asked exactly (Iraq-i, Kenya-n): a garble doubles a
# letter or drops one as often ("Tehrann", "Israell").
DEMONYM_ENDINGS = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "ites", "ite", "iens", "ien")
EXACT_DEMONYM_ENDINGS = ("is", "i", "ns", "n")
# Endings that make a realm, an office or a doctrine of an English word.
DERIVING_ENDINGS = ("ates", "ate", "doms", "dom", "ship", "ism", "ists", "ist")
MIN_STEM = 3
VOWELS = "aeiouy"


def demonym_of(word: str, name: str) -> bool:
    """`word` (a token key) is a demonym of the place word `name` (a key),
    perhaps misspelled: its stem, once an ending is taken off, is the name
    or the name without its last vowel, within one edit, for the longer
    endings, and the name itself for "-i" and "-n". A name that itself ends
    so ("Pakistan", "Oman") is read as it is."""
    for endings, edits in ((DEMONYM_ENDINGS, 1), (EXACT_DEMONYM_ENDINGS, 0)):
        for ending in endings:
            stem = word[: -len(ending)]
            if not word.endswith(ending) or len(stem) < MIN_STEM or name.endswith(ending):
                continue
            # "-i" and "-n" follow the whole name (Iraq-i, Kenya-n): a word that
            # only changes the name's last vowel to "i" is a spelling of the
            # name ("Niamei", "Kennedi"), no demonym.
            drops_vowel = edits and name[-1:] in VOWELS
            bases = (name, name[:-1]) if drops_vowel else (name,)
            if any(damerau_levenshtein_distance(stem, base) <= edits for base in bases):
                return True
    return False


def deriving_word(word: str, name: str) -> bool:
    """The name word `name` is the word `word` with an ending that derives
    another word from it ("sultanate" of "sultan", "kingdom" of "king")."""
    return len(word) >= MIN_STEM and name.startswith(word) and name[len(word) :] in DERIVING_ENDINGS


def only_a_demonym(index, keys: tuple[str, ...], entity: int) -> bool:
    """Whether the words `keys` are, of `entity`'s forms, only a demonym or
    adjective ("Danes", "Filipinos"), not a name of it."""
    roles = {index.forms[form].role for form in index.exact.get(keys, ()) if index.forms[form].entity == entity}
    return roles == {"adjective"}
