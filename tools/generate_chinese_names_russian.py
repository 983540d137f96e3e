"""Regenerate normalizer/data/chinese_syllables_russian.tsv: each pinyin syllable as Russian writes it
(the Palladius system), romanized back by the Cyrillic schemes English writers use.

    python tools/generate_chinese_names_russian.py             # writes normalizer/data/chinese_syllables_russian.tsv
    python tools/generate_chinese_names_russian.py --out FILE  # writes FILE

What the table is for: Russian writes Chinese names by the Palladius system (Си Цзиньпин, Ли Цян,
Ван И), and machine translation from Russian, or a reporter working from Russian sources, brings
them back to Latin letters by a romanization of Cyrillic: "Si Tszinpin", "Li Tsyan", "Van I" for Xi
Jinping, Li Qiang, Wang Yi. No fold or edit distance leads from one to the other (x -> s, j -> tsz,
q -> ts), and the learned models of normalizer/data are learned from names of the English side.
The engine gives each person of a gazetteer whose name is written in pinyin syllables those
spellings as variants (normalizer.gazetteer.chinese_names).

Inputs, real data only: pypinyin (its dictionary's syllables, and its Cyrillic style, which is
Palladius) and iuliia (the schemes of normalizer.measure.romanizers, which the garbler's Russian
round trips use).

Output: one syllable a line, `syllable<TAB>cyrillic<TAB>forms`, forms `;`-separated, one per
scheme in SCHEMES order (the header names them), lowercase. Sorted; same inputs, same bytes
(tests/test_chinese_names.py checks the committed file).
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "normalizer" / "data" / "chinese_syllables_russian.tsv"
# Those of normalizer.measure.romanizers (its _IULIIA_SCHEMES), in its order.
SCHEMES = ("WIKIPEDIA", "BGN_PCGN", "ICAO_DOC_9303", "MVD_310", "GOST_779", "SCIENTIFIC")


def rows() -> list[tuple[str, str, list[str]]]:
    import iuliia
    from pypinyin import Style
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    syllables: dict[str, str] = {}  # plain syllable -> a tone-marked spelling of it
    for readings in pinyin_dict.values():
        for marked in readings.split(","):
            plain = to_normal(marked, v_to_u=True)
            if plain.isascii() and plain.isalpha():  # "lü" and its kin: names write them otherwise
                syllables.setdefault(plain, marked)
    schemes = [getattr(iuliia, name) for name in SCHEMES]
    found = []
    for plain in sorted(syllables):
        cyrillic = re.sub(r"\d", "", convert(syllables[plain], Style.CYRILLIC, True))
        if not cyrillic or not all("\u0400" <= c <= "\u04ff" for c in cyrillic):
            continue
        found.append((plain, cyrillic, [scheme.translate(cyrillic).lower() for scheme in schemes]))
    return found


def render() -> str:
    versions = f"pypinyin {metadata.version('pypinyin')}, iuliia {metadata.version('iuliia')}"
    lines = [
        "# pinyin syllable, Palladius Cyrillic (pypinyin), romanized by iuliia: " + ", ".join(SCHEMES),
        f"# made by tools/generate_chinese_names_russian.py from {versions}",
    ]
    lines += [f"{plain}\t{cyrillic}\t{';'.join(forms)}" for plain, cyrillic, forms in rows()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from table_file import write_table  # beside this script (tools/): run as one, it is on the path

    return write_table(__doc__, render, OUT, argv)


if __name__ == "__main__":
    sys.exit(main())
