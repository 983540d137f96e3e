"""Regenerate normalizer/data/japanese_names.tsv: the given names and surnames of Japanese people,
romanized, by which the index knows a Japanese name to give it the other order (surname first).

    python tools/generate_japanese_names.py             # writes normalizer/data/japanese_names.tsv
    python tools/generate_japanese_names.py --out FILE  # writes FILE

Input: UniDic (unidic-lite 1.0.8, BSD), whose proper nouns of people are tagged 人名,名 (a given
name) or 人名,姓 (a surname), each with its reading in katakana. A reading is romanized by the
Hepburn romanizer of normalizer.measure.romanizers (pykakasi) and keyed by
normalizer.gazetteer.japanese_names.japanese_key (small letters, a long vowel once). Loanwords
(UniDic writes their source beside them: "ジョン-John") are not Japanese names and are left out.

Output: `key<TAB>kinds` a line, kinds `g` (a given name), `s` (a surname) or `gs` (both), sorted;
same inputs, same bytes (tests/test_japanese_names.py checks the committed file).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.gazetteer.japanese_names import GIVEN, SURNAME, TABLE, japanese_key  # noqa: E402
from normalizer.measure.romanizers import katakana_hepburn  # noqa: E402

OUT = TABLE
# An entry of UniDic's for a person's given name or surname, up to its NUL (features comma-separated).
_PERSON = re.compile("(?:^|\0)(名詞,固有名詞,人名,(?:名|姓),[^\0]*)".encode())
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
MIN_LETTERS = 2  # "O" (オ) alone is no name word English news prints


def names() -> dict[str, set[str]]:
    """Key -> the kinds UniDic gives its readings (GIVEN, SURNAME)."""
    import unidic_lite

    found: dict[str, set[str]] = {}
    for entry in _PERSON.finditer((Path(unidic_lite.DICDIR) / "sys.dic").read_bytes()):
        try:
            fields = entry[1].decode("utf-8").split(",")
        except UnicodeDecodeError:
            continue
        # fields[7], the lemma's reading, holds "-Source" for a loanword ("ジョン-John").
        if len(fields) < 9 or not _KATAKANA.fullmatch(fields[7]):
            continue
        key = japanese_key(katakana_hepburn(fields[7]))
        if len(key) >= MIN_LETTERS:
            found.setdefault(key, set()).add(GIVEN if fields[3] == "名" else SURNAME)
    return found


def render() -> str:
    kinds = names()
    lines = [f"{key}\t{''.join(sorted(kinds[key]))}" for key in sorted(kinds)]
    return "# key\tkinds (g given name, s surname): python tools/generate_japanese_names.py\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from table_file import write_table  # beside this script (tools/): run as one, it is on the path

    return write_table(__doc__, render, OUT, argv)


if __name__ == "__main__":
    sys.exit(main())
