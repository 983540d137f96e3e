"""One self-contained HTML page to review the corrections as an editor would:
`normalize --format html` and `normalize report PATH... -o report.html`.

Each article is shown as its normalized text. An applied correction is marked
on its replacement, with the original on hover or keyboard focus; a suggestion
is marked on the words as written, with the suggested replacement. Beside the
text, every finding with its confidence and reasons; above it, the counts per
status and kind; at the top, checkboxes that hide the marks of a status or kind.

The page is built from the records of `--format json` (`Result.to_dict`) and
each article's original text. Every mark carries the record's fields as data
attributes (data-start, data-end, data-original, data-replacement, data-kind,
data-confidence, data-applied...). Article text, file names and reasons are
HTML-escaped, a CR as `&#13;` so that the parser keeps it: the article's
rendered text is the normalized text exactly. The page loads nothing: its CSS
and JS (normalizer/cli/page/) are inline, and its Content Security Policy lets
only them run.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from normalizer.cli.formats import RULE_DESCRIPTIONS
from normalizer.result import quote_path

PROG = "normalize report"
TITLE = "normalizer report"


def render_html(results: Sequence[tuple[str | Path, Any]], version: str = "0",
                errors: Sequence[str] = ()) -> str:
    """The page for `(path, Result)` pairs; `errors` are the articles that could not be read."""
    files = [(quote_path(str(path)), result, result.to_dict(path=str(path))) for path, result in results]
    records = [record for _, _, record in files]
    kinds = _kinds(records)
    style, script = _asset("report.css"), _asset("report.js")
    # Only this page's own style and script may run, whatever an article holds.
    policy = f"default-src 'none'; style-src '{_digest(style)}'; script-src '{_digest(script)}'"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{TITLE}</title>\n<style>{style}</style>\n</head>\n<body>\n<header>\n<h1>{TITLE}</h1>\n",
        f"<p class=\"meta\">{_counted(len(files), 'file')}, {_applied_count(records)} applied, "
        f"{_suggested_count(records)} suggested; normalizer {_escape(version)}</p>\n",
        _filters(records, kinds),
        _overview(files),
        _errors(errors),
        "</header>\n<main>\n",
        *(_article(number, name, result, record) for number, (name, result, record) in enumerate(files, 1)),
        f"</main>\n<script>{script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _escape(text: str) -> str:
    # The parser turns a CR (or CRLF) into LF: a character reference keeps it.
    return html.escape(text, quote=True).replace("\r", "&#13;")


def _asset(name: str) -> str:
    from importlib.resources import files

    return files("normalizer.cli").joinpath("page", name).read_text(encoding="utf-8")


def _digest(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _applied_count(records: Sequence[dict]) -> int:
    return sum(c["applied"] for record in records for c in record["corrections"])


def _suggested_count(records: Sequence[dict]) -> int:
    return sum(not c["applied"] for record in records for c in record["corrections"])


def _kinds(records: Sequence[dict]) -> list[str]:
    """The kinds found, the known ones in their usual order, then any a newer gazetteer adds."""
    found = {c["kind"] for record in records for c in record["corrections"]}
    return [kind for kind in RULE_DESCRIPTIONS if kind in found] + sorted(found - set(RULE_DESCRIPTIONS))


def _filters(records: Sequence[dict], kinds: list[str]) -> str:
    per_kind = Counter(c["kind"] for record in records for c in record["corrections"])
    boxes = [
        _checkbox("status", "applied", f"<span class=\"legend-applied\">applied</span> ({_applied_count(records)})"),
        _checkbox("status", "suggested",
                  f"<span class=\"legend-suggested\">suggested</span> ({_suggested_count(records)})"),
        *(_checkbox("kind", kind, f"{_escape(kind)} ({per_kind[kind]})") for kind in kinds),
    ]
    return f"<fieldset id=\"filters\"><legend>Show</legend>\n{''.join(boxes)}</fieldset>\n"


def _checkbox(group: str, value: str, label: str) -> str:
    return (f"<label><input type=\"checkbox\" data-filter=\"{group}\" value=\"{_escape(value)}\" checked> "
            f"{label}</label>\n")


def _overview(files: list[tuple[str, Any, dict]]) -> str:
    """One row per file: its applied corrections and suggestions, a link to it."""
    rows = []
    for number, (name, _, record) in enumerate(files, 1):
        applied = sum(c["applied"] for c in record["corrections"])
        suggested = len(record["corrections"]) - applied
        rows.append(f"<tr><th scope=\"row\"><a href=\"#file-{number}\">{_escape(name)}</a></th>"
                    f"<td class=\"n\">{applied}</td><td class=\"n\">{suggested}</td></tr>\n")
    return ("<table class=\"overview\"><caption>Files</caption>\n<thead><tr><th scope=\"col\">file</th>"
            "<th scope=\"col\">applied</th><th scope=\"col\">suggested</th></tr></thead>\n<tbody>\n"
            f"{''.join(rows)}</tbody>\n</table>\n")


def _errors(errors: Sequence[str]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{_escape(error)}</li>\n" for error in errors)
    return f"<section class=\"errors\"><h2>Not reported</h2>\n<ul>\n{items}</ul>\n</section>\n"


def _article(number: int, name: str, result, record: dict) -> str:
    corrections = record["corrections"]
    if corrections:
        findings = "".join(_finding(number, index, c) for index, c in enumerate(corrections, 1))
        side = f"<ol class=\"findings\">\n{findings}</ol>\n"
    else:
        side = "<p class=\"none\">No corrections.</p>\n"
    return (f"<section class=\"article\" id=\"file-{number}\" data-path=\"{_escape(name)}\">\n"
            f"<h2>{_escape(name)}</h2>\n"
            f"<div class=\"columns\">\n<div class=\"text\">{_marked_text(number, result.original, corrections)}"
            f"</div>\n<div class=\"side\">{_counts(corrections)}{side}</div>\n</div>\n</section>\n")


def _counts(corrections: list[dict]) -> str:
    """The file's summary: applied and suggested, per kind and in all."""
    applied = Counter(c["kind"] for c in corrections if c["applied"])
    suggested = Counter(c["kind"] for c in corrections if not c["applied"])
    rows = "".join(
        f"<tr><th scope=\"row\">{_escape(kind)}</th><td class=\"n\">{applied[kind]}</td>"
        f"<td class=\"n\">{suggested[kind]}</td></tr>\n"
        for kind in _kinds([{"corrections": corrections}])
    )
    return ("<table class=\"counts\"><caption class=\"meta\">Corrections by kind</caption>\n"
            "<thead><tr><th scope=\"col\">kind</th><th scope=\"col\">applied</th>"
            f"<th scope=\"col\">suggested</th></tr></thead>\n<tbody>\n{rows}</tbody>\n"
            f"<tfoot><tr><th scope=\"row\">all</th><td class=\"n\" data-count=\"applied\">{sum(applied.values())}"
            f"</td><td class=\"n\" data-count=\"suggested\">{sum(suggested.values())}</td></tr></tfoot>\n</table>\n")


def _marked_text(number: int, original: str, corrections: list[dict]) -> str:
    """The normalized text, each correction marked where it stands: an applied
    one on its replacement, a suggestion on the original words (what the
    normalized text keeps there)."""
    pieces, cursor = [], 0
    for index, c in sorted(enumerate(corrections, 1), key=lambda pair: pair[1]["start"]):
        if c["start"] < cursor:  # never made by the engine (its corrections do not overlap): listed only
            continue
        shown = c["replacement"] if c["applied"] else c["original"]
        pieces.append(_escape(original[cursor : c["start"]]))
        pieces.append(_mark(number, index, c, shown))
        # Its twin, shown when a filter hides the mark, keeps the sentence whole.
        pieces.append(f"<span class=\"bare\" hidden>{_escape(shown)}</span>")
        cursor = c["end"]
    pieces.append(_escape(original[cursor:]))
    return "".join(pieces)


def _mark(number: int, index: int, c: dict, shown: str) -> str:
    status = "applied" if c["applied"] else "suggested"
    other = f"was: {c['original']}" if c["applied"] else f"suggests: {c['replacement']}"
    tip = f"{other}\n{c['confidence']:.2f} · {c['kind']}"
    data = {
        "start": c["start"], "end": c["end"], "line": c["line"], "column": c["column"],
        "original": c["original"], "replacement": c["replacement"], "entity": c["entity"], "kind": c["kind"],
        "confidence": c["confidence"], "applied": "true" if c["applied"] else "false", "tip": tip,
    }
    attributes = " ".join(f"data-{key}=\"{_escape(str(value))}\"" for key, value in data.items())
    # Focusable, and described by its finding beside the text for screen readers.
    return (f"<mark id=\"m-{number}-{index}\" class=\"{status}\" tabindex=\"0\" {attributes} "
            f"aria-describedby=\"c-{number}-{index}\">{_escape(shown)}</mark>")


def _finding(number: int, index: int, c: dict) -> str:
    status = "applied" if c["applied"] else "suggested"
    reasons = "".join(f"<li>{_escape(reason)}</li>" for reason in c["reasons"])
    reasons = f"<ul class=\"reasons\">{reasons}</ul>" if reasons else ""
    return (f"<li id=\"c-{number}-{index}\" class=\"{status}\" data-applied=\"{str(c['applied']).lower()}\" "
            f"data-kind=\"{_escape(c['kind'])}\"><a href=\"#m-{number}-{index}\">{c['line']}:{c['column']}</a> "
            f"<span class=\"status\">{status}</span> {_escape(c['kind'])}: <del>{_escape(c['original'])}</del>"
            f" → <ins>{_escape(c['replacement'])}</ins> <span class=\"confidence\">"
            f"confidence {c['confidence']:.2f}</span>"
            f"{reasons}</li>\n")


# ---------------------------------------------------------------- normalize report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Write one self-contained HTML page showing the corrections and suggestions of each "
        "article, to review them in a browser. Nothing else is written: no NAME.normalized.EXT, no diff.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="articles to report on; '-' reads stdin")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the page to write, atomically ('-': standard output)")
    parser.add_argument("-g", "--gazetteer", action="append", default=[], type=Path, metavar="PATH",
                        help="extra gazetteer file or folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="leave the bundled gazetteers out")
    parser.add_argument("--min-confidence", type=_confidence, metavar="X",
                        help="apply corrections at or above this confidence (0.01 to 1)")
    parser.add_argument("--suggestions", choices=("show", "hide"), default="show",
                        help="show the suggestions (default) or leave them out")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="worker processes for many files (0: one per CPU, 1: no workers)")
    return parser


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.01 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0.01 and 1")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """`normalize report`: exit 0 when every article was reported, 2 when one
    could not be read (the page lists it) or on bad usage."""
    from dataclasses import replace
    from functools import partial

    from normalizer._version import __version__
    from normalizer.atomic import write_atomic
    from normalizer.cli import app, concurrency, preload
    from normalizer.cli.files import written_by_normalize
    from normalizer.cli.report import Report, skip_note
    from normalizer.errors import NormalizerError

    args = build_parser().parse_args(argv)
    paths = list(args.paths)
    if args.output != app.STDIN:
        _check_output(Path(args.output), [name for name in paths if name != app.STDIN])
    engines = app.Engines(args.gazetteer, bundled=not args.no_bundled, apply_threshold=args.min_confidence)
    skipped = written_by_normalize([name for name in paths if name != app.STDIN])
    try:
        articles = app.plan([name for name in paths if name not in set(skipped)])
    except NormalizerError as exc:
        app.fail(str(exc))
    if skipped:
        print(skip_note(skipped), file=sys.stderr)
    # --check mode of the default command: read and normalize, write nothing.
    task = partial(app._normalize_one, engines, check=True, in_place=False, diff=False, stdout=False)
    report, errors = Report(), []
    workers = 1 if app.STDIN in paths else args.jobs
    load = partial(preload.load_all, engines, articles)
    for outcome in concurrency.run(task, articles, workers, before_fork=load):
        report.add(outcome)
        engines.remember(outcome)
        if outcome.error:
            errors.append(outcome.error)
    engines.save()
    results = [(o.name, o.result if args.suggestions == "show" else replace(o.result, corrections=tuple(
        o.result.applied))) for o in report.outcomes]
    page = render_html(results, __version__, errors)
    if args.output == app.STDIN:
        sys.stdout.write(page)
    else:
        try:
            write_atomic(args.output, partial(_write_page, page))
        except OSError as exc:
            app.fail(f"{quote_path(args.output)}: cannot write: {exc.strerror or exc}")
    return report.return_code


def _check_output(output: Path, articles: list[str]) -> None:
    """Refuse, before any work, a page that would replace an article or cannot be written."""
    from normalizer.cli import app

    shown = quote_path(str(output))
    if output.is_dir():
        app.fail(f"{shown}: is a directory; give the page's file name")
    if not output.parent.is_dir():
        app.fail(f"{shown}: no such folder {quote_path(str(output.parent))}")
    resolved = output.resolve()
    for name in articles:
        if Path(name).resolve() == resolved:
            app.fail(f"{shown}: is an article of this report; it would be overwritten")


def _write_page(page: str, temporary: Path) -> None:
    import os

    temporary.write_text(page, encoding="utf-8")
    # A new page is shared like any file one creates (umask), not private as a temporary file is.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
