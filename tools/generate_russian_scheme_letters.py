"""Regenerate normalizer/data/russian_scheme_letters.tsv: the marked letters the strict Cyrillic
schemes print (GOST 7.79, the scientific transliteration), each with what the Wikipedia scheme
prints for the same Cyrillic letter.

    python tools/generate_russian_scheme_letters.py             # writes normalizer/data/russian_scheme_letters.tsv
    python tools/generate_russian_scheme_letters.py --out FILE  # writes FILE

What the table is for: the learned models of normalizer/data read a word by its plain letters, so
a GOST or scientific spelling loses what its marks say: "Tûmèn" (Тюмень) is read as "tumen", "Džekson"
(Джексон) as "dzekson", and the learned route finds them far from Tyumen and Jackson (0.73, 0.79),
where the Wikipedia spellings of the same Cyrillic, "Tyumen" and "Dzhekson", read at 0.94. With the
table normalizer.transliteration also reads a word the way the Wikipedia scheme would have printed
it, and keeps the better reading.

Inputs, real data only: iuliia's schemes (those of normalizer.measure.romanizers, which the
garbler's Russian round trips use). A letter two Cyrillic letters share in one strict scheme and
the Wikipedia scheme writes apart is left out: the table would have to guess.

Output: one letter a line, `letter<TAB>wikipedia`, lowercase, sorted; same inputs, same bytes
(tests/test_transliteration.py checks the committed file).
"""

from __future__ import annotations

import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "normalizer" / "data" / "russian_scheme_letters.tsv"
STRICT = ("GOST_779", "SCIENTIFIC")  # the schemes of normalizer.measure.romanizers that print marked letters
PLAIN = "WIKIPEDIA"
# The Russian alphabet; each letter is asked between two consonants ("б?б"), where the schemes
# print its plain value (Wikipedia writes е as "ye" only at the start and after vowels).
ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def rows() -> list[tuple[str, str]]:
    import iuliia

    plain = getattr(iuliia, PLAIN)
    found: dict[str, set[str]] = {}
    for name in STRICT:
        scheme = getattr(iuliia, name)
        for letter in ALPHABET:
            # Composed (one scheme prints "z" and a combining caron), and Latin only.
            printed = unicodedata.normalize("NFC", scheme.translate(f"б{letter}б")[1:-1].lower())
            if printed and not printed.isascii() and not any("\u0400" <= c <= "\u04ff" for c in printed):
                found.setdefault(printed, set()).add(plain.translate(f"б{letter}б")[1:-1].lower())
    return sorted((letter, next(iter(values))) for letter, values in found.items() if len(values) == 1)


def render() -> str:
    header = f"# iuliia {metadata.version('iuliia')}: {', '.join(STRICT)} -> {PLAIN} (tools/generate_russian_scheme_letters.py)\n"
    return header + "".join(f"{letter}\t{wikipedia}\n" for letter, wikipedia in rows())


def main(argv: list[str] | None = None) -> int:
    from table_file import write_table  # beside this script (tools/): run as one, it is on the path

    return write_table(__doc__, render, OUT, argv)


if __name__ == "__main__":
    sys.exit(main())
