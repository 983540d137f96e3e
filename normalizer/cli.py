"""The `normalize` command: arguments in, files out. No matching logic lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .errors import NormalizerError

app = typer.Typer(add_completion=False, rich_markup_mode=None)
STDIN = "-"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def output_paths(path: Path) -> tuple[Path, Path]:
    """`article.txt` -> (`article.normalized.txt`, `article.diff`), beside the input."""
    return path.with_name(f"{path.stem}.normalized{path.suffix}"), path.with_name(f"{path.stem}.diff")


@app.command(help="Repair garbled names in PATHS; write PATH.normalized and PATH.diff beside each.")
def normalize(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Articles to normalize; '-' reads stdin."),
    stdout: bool = typer.Option(False, "--stdout", help="Print the normalized text instead of writing files."),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", "-g", help="Extra gazetteer file or folder (repeatable)."),
    no_bundled: bool = typer.Option(False, "--no-bundled", help="Leave the bundled gazetteers out."),
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.01, max=1.0, help="Apply corrections at or above this confidence."
    ),
    output_format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Report format."),
) -> None:
    from .engine import Normalizer  # lazy: `--help` stays instant

    try:
        engine = Normalizer.load(gazetteers=gazetteer, bundled=not no_bundled, apply_threshold=min_confidence)
    except NormalizerError as exc:
        fail(str(exc))
    failed = False
    reports = []
    for name in paths:
        try:
            reports.append(_normalize_one(engine, name, to_stdout=stdout or name == STDIN))
        except NormalizerError as exc:
            print(f"normalize: error: {exc}", file=sys.stderr)
            failed = True
    report_stream = sys.stderr if stdout or STDIN in paths else sys.stdout
    _report(reports, output_format.value, report_stream)
    raise typer.Exit(2 if failed else 0)


def _normalize_one(engine, name: str, to_stdout: bool):
    from .files import decode_article, read_article, write_atomic

    text = decode_article(sys.stdin.buffer.read(), "<stdin>") if name == STDIN else read_article(name)
    result = engine.normalize(text)
    written: list[Path] = []
    if to_stdout:
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()
    else:
        path = Path(name)
        normalized_path, diff_path = output_paths(path)
        write_atomic(normalized_path, result.text, like=path)
        write_atomic(diff_path, result.diff(path.name), like=path)
        written = [normalized_path, diff_path]
    return name if name != STDIN else "<stdin>", result, written


def _report(reports, output_format: str, stream) -> None:
    from .formats import render

    pairs = [(name, result) for name, result, _ in reports]
    if output_format == "json":
        stream.write(render("json", pairs))
        return
    for name, result, written in reports:
        applied = [c for c in result.corrections if c.applied]
        stream.write(render("text", [(name, _only(result, applied))]))
        suggestions = [c for c in result.corrections if not c.applied]
        if suggestions:
            stream.write("suggestions (not applied):\n")
            stream.write(render("text", [(name, _only(result, suggestions))]))
        outputs = f"; wrote {', '.join(str(p) for p in written)}" if written else ""
        stream.write(f"{name}: {len(applied)} corrected, {len(suggestions)} suggested{outputs}\n")


def _only(result, corrections):
    """A view of `result` with a subset of its corrections, for rendering."""
    from dataclasses import replace

    return replace(result, corrections=tuple(corrections))


def fail(message: str) -> None:
    print(f"normalize: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "gazetteer":
        from .gazetteer_tools import gazetteer_app

        gazetteer_app(args[1:], prog_name="normalize gazetteer")
        return
    app(args, prog_name="normalize")


if __name__ == "__main__":
    main()
