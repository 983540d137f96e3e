"""The command line of the tools that write one table of normalizer/data from a
`render()` of theirs (generate_chinese_names_russian, generate_korean_names,
generate_russian_scheme_letters): `--out FILE`, else the committed file; and of
those whose filters can say what they left out (generate_place_spellings):
`--review` too."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable


def write_table(doc: str, render: Callable[[], str], default: Path, argv: list[str] | None = None) -> int:
    """Parse `argv` (the tool's docstring `doc` describes it), write `render()` to the chosen file."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args(argv)
    args.out.write_text(render(), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def write_reviewed_table(
    doc: str, generate: Callable[[list[str] | None], str], default: Path, argv: list[str] | None = None
) -> int:
    """As `write_table`, for a `generate(review)` that appends to `review` (a
    list, with `--review`) each line it leaves out and why: printed after."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=default)
    parser.add_argument("--review", action="store_true", help="print each line left out, and why")
    args = parser.parse_args(argv)
    review: list[str] | None = [] if args.review else None
    text = generate(review)
    args.out.write_text(text, encoding="utf-8")
    if review is not None:
        print("\n".join(review))
    rows = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    print(f"wrote {args.out}: {rows} rows", file=sys.stderr)
    return 0
