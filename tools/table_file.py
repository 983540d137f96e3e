"""The command line of the tools that write one table of normalizer/data from a
`render()` of theirs (generate_chinese_names_russian, generate_korean_names,
generate_russian_scheme_letters): `--out FILE`, else the committed file."""

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
