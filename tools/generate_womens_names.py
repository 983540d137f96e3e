"""Regenerate normalizer/data/womens_given_names.txt: women's given names ending in "-a" that no
locale gives a man, by which the engine tells a woman's given name from the man's it resembles
("Aleksandra" / Alexander, "Viktoria" / Viktor, "Daniela" / Daniel: another person).

    python tools/generate_womens_names.py             # writes normalizer/data/womens_given_names.txt
    python tools/generate_womens_names.py --out FILE  # writes FILE

Input: the women's and men's given names of every locale of Faker (MIT; the `test` and `generate`
extras; normalizer.measure.faker_names.given_names_by_sex), in Latin letters. A name a locale gives
to both ("Maria", "Nikola", "Andrea") is left out, and so is an "-a" that a round trip writes for an
English "-er" or "-or" ("Rojaa" for Roger, "Teira" for Taylor): those are no woman's name of any
locale. Keyed as the engine keys a word (small letters, no marks); 4 letters or more.

Output: one key a line, sorted; same inputs, same bytes (tests/test_womens_names.py checks the
committed file).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.evidence.surname_forms import WOMENS_NAMES  # noqa: E402
from normalizer.folding import fold_case  # noqa: E402
from normalizer.measure.faker_names import given_names_by_sex  # noqa: E402

OUT = WOMENS_NAMES
MIN_LETTERS = 4


def _latin(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def render() -> str:
    women, men = given_names_by_sex()
    keys = lambda names: {fold_case(name) for name in names if _latin(name)}  # noqa: E731
    only = sorted(key for key in keys(women) - keys(men) if key.endswith("a") and len(key) >= MIN_LETTERS and key.isalpha())
    return "# women's given names ending in -a, no man's in any Faker locale: python tools/generate_womens_names.py\n" + "\n".join(only) + "\n"


def main(argv: list[str] | None = None) -> int:
    from table_file import write_table  # beside this script (tools/): run as one, it is on the path

    return write_table(__doc__, render, OUT, argv)


if __name__ == "__main__":
    sys.exit(main())
