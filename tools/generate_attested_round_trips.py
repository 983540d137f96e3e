"""Regenerate normalizer/data/attested_round_trips.tsv: how the real romanizers print common name words.

    python tools/generate_attested_round_trips.py             # writes normalizer/data/attested_round_trips.tsv
    python tools/generate_attested_round_trips.py --out FILE  # writes FILE

What the table is for: the learned round-trip model (tools/learn_round_trip_model.py) generalizes
from letters, and grades the commonest romanizations of common names lower than a reader would:
"Bler" for Blair (Блэр) 0.66, "Geitsu" for Gates (ゲイツ) 0.58, "Zhak" for Jacques (Жак). Yet these
are not guesses: they are what the romanizers print for the spelling the language really writes.
The table lists them, so that such a word is read as the name it attests
(normalizer.gazetteer.attested), whatever the letters say.

Input, real data only: the train split of the CC0 Wikidata pairs (tools/data/transliteration/*.train.tsv:
an English name word, its spelling in the other script, and how many Wikidata names hold the
pair). Never the dev split, on which the name-level benchmark measures. Each spelling is sent back
to Latin letters by every romanizer of normalizer.measure.roundtrip.

A word of the pairs is taken when MIN_NAMES names or more hold its pair, or when it is a word of a
name of the bundled gazetteers (the names news writes: Musk, Ardern and Elon are rare in Wikidata's
names, common in the news). A printed form is kept for it when:
- it is not the English word's own spelling (transliteration.plain: letters, no marks, lower case);
- it has at least MIN_LETTERS letters (shorter ones say too little: "Di", "Bin");
- of the names behind the form (every pair that prints it, in any script, and the form itself
  as an English word of the pairs), the English word's own are at least MIN_SHARE: the form's
  likeliest reading ("Toni": Tony 1,110 names, Tawny 7).

Output: one English word a line, `english<TAB>form share script;...` (share to two decimals; the
script that prints the form for the word most),
sorted; the same inputs give the same bytes (tests/test_attested.py checks the committed file).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.gazetteer.attested import PATH  # noqa: E402
from normalizer.measure.roundtrip import SCRIPTS, round_trip_forms  # noqa: E402
from normalizer.transliteration import plain  # noqa: E402

DATA = ROOT / "tools" / "data" / "transliteration"
MIN_NAMES = 5
MIN_LETTERS = 4
MIN_WORD = 3  # "a", "ad": the pairs' shorter English words are particles or noise ("ad" for ad-Din)
MIN_SHARE = 0.5


def _bundled_name_words() -> frozenset[str]:
    """The words of the bundled gazetteers' names (plain), as their index holds them."""
    from normalizer.gazetteer.index import build_index
    from normalizer.gazetteer.loading import load_gazetteer

    index = build_index(load_gazetteer(bundled=True))
    return frozenset(plain(key) for key in index.spelling)


def _train_pairs(script: str) -> list[tuple[str, str, int]]:
    """(english, native, names) of a script's train split, plain English words of MIN_WORD letters or more."""
    pairs = []
    for line in (DATA / f"{script}.train.tsv").read_text(encoding="utf-8").splitlines():
        english, native, names = line.split("\t")
        if english.isascii() and english.isalpha() and len(english) >= MIN_WORD:
            pairs.append((english.lower(), native, int(names)))
    return pairs


def _dev_words() -> frozenset[str]:
    """The English words of every script's dev split (lower case), on which the name-level benchmark measures."""
    words = set()
    for path in sorted(DATA.glob("*.dev.tsv")):
        words.update(line.split("\t", 1)[0].lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(words)


# A loanword's lemma in UniDic: its katakana, a hyphen, the word it renders ("アップル-apple", "グーグル-Google").
_LOANWORD = re.compile(r"([\u30a1-\u30fa\u30fc]+)-([A-Za-z]+)")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
# An entry of UniDic's whose features start with the parts of speech of a proper noun, up to its NUL.
_PROPER_NOUN = re.compile("(?:^|\0)(名詞,固有名詞,[^\0]*)".encode())


@lru_cache(maxsize=1)  # read by generate and by the tests: the dictionary once
def _unidic_pairs() -> tuple[tuple[str, str, int], ...]:
    """(english, katakana, MIN_NAMES) of the proper nouns of UniDic (unidic-lite, BSD) that
    are loanwords: UniDic writes beside each its source word, people's, places' and companies'
    names ("ボーイング-Boeing", "グーグル-Google", "アイオワ-Iowa"), which Wikidata's pairs of
    people's names lack. Not its common nouns ("カーリー-curly", "クーラー-cooler"): their
    forms outweighed names' own ("Kuli", Cooley's, was then read as Curly). Each counts as
    MIN_NAMES names. Not a word of any dev split, which the name-level benchmark keeps
    unseen. Read from the dictionary's entries as MeCab stores them (their features,
    NUL-terminated, comma-separated: the lemma the eighth, the spelling the ninth)."""
    import unidic_lite

    dev = _dev_words()
    found = set()
    # The proper nouns' entries alone, found in place: splitting the whole 188 MB file at
    # every NUL would hold millions of pieces at once.
    for entry in _PROPER_NOUN.finditer((Path(unidic_lite.DICDIR) / "sys.dic").read_bytes()):
        raw = entry[1]
        if raw.count(b",") < 10:
            continue
        try:
            fields = raw.decode("utf-8").split(",")
        except UnicodeDecodeError:
            continue
        loanword = _LOANWORD.fullmatch(fields[7])
        if loanword and len(loanword[2]) >= MIN_WORD and loanword[2].lower() not in dev:
            # As the lemma writes it and as this entry does ("エアーバス", "エアバス").
            for katakana in {loanword[1], fields[8]}:
                if _KATAKANA.fullmatch(katakana):
                    found.add((loanword[2].lower(), katakana, MIN_NAMES))
    return tuple(sorted(found))


def generate() -> str:
    printed: dict[str, Counter] = defaultdict(Counter)  # form -> (english word, script) -> names
    itself: Counter = Counter()  # an English word of the pairs -> names, every script
    news = _bundled_name_words()
    for script in SCRIPTS:
        for english, native, names in _train_pairs(script) + (list(_unidic_pairs()) if script == "katakana" else []):
            itself[english] += names
            if names < MIN_NAMES and english not in news:
                continue
            for form in {plain(form) for form in round_trip_forms(script, native)}:
                if form != english and len(form) >= MIN_LETTERS:
                    printed[form][english, script] += names
    by_word: dict[str, list[str]] = defaultdict(list)
    for form, pairs in printed.items():
        words: Counter = Counter()
        for (english, _), names in pairs.items():
            words[english] += names
        english, names = max(words.items(), key=lambda item: (item[1], item[0]))
        share = names / (sum(words.values()) + itself.get(form, 0))
        if share >= MIN_SHARE:
            # The script that prints it for this word most, named in a repair's reason.
            script = max((names, script) for (word, script), names in pairs.items() if word == english)[1]
            by_word[english].append(f"{form} {share:.2f} {script}")
    lines = [f"{english}\t{';'.join(sorted(forms))}" for english, forms in sorted(by_word.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PATH)
    args = parser.parse_args(argv)
    text = generate()
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10))} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
