"""Render the findings of many files for people and machines.

Input everywhere: a list of `(path, result)` pairs, where `result` is an engine
`Result`. Formats:

    text    path:line:col: original -> replacement (0.97, reason; reason)
            (a path with a newline or other unprintable character quoted as git does)
    json    a JSON array, one record per file: `Result.to_dict(path)`, the shape
            of `normalizer/schemas/result.schema.json`
    sarif   SARIF 2.1.0, for code-scanning dashboards
    github  GitHub Actions workflow commands (::error / ::notice annotations)
    html    one self-contained page to review the findings in a browser (html_report.py)

Lines and columns are 1-based and count characters (code points). The end of a
finding is exclusive: `end_line:end_column` is the position just after it, as
in SARIF regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import quote

from normalizer.result import CONFIDENCE_DIGITS, end_position, quote_path

FORMATS = ("text", "json", "sarif", "github", "html")
TOOL_NAME = "normalizer"
INFORMATION_URI = "https://pypi.org/project/news-normalizer/"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_DESCRIPTIONS = {
    "person": "A person's name garbled by machine translation or typing",
    "place": "A place name garbled by machine translation or typing",
    "organization": "An organization's name garbled by machine translation or typing",
    "honorific": "A title or honorific garbled by machine translation or typing",
    "term": "A proper term garbled by machine translation or typing",
}


@dataclass(frozen=True)
class Finding:
    """One correction of one file, with its end position worked out."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    original: str
    replacement: str
    entity: str
    kind: str
    confidence: float
    reasons: tuple[str, ...]
    applied: bool

    @property
    def message(self) -> str:
        """`original -> replacement (0.97, reason; reason)`."""
        why = "; ".join(self.reasons)
        details = f"{self.confidence:.2f}, {why}" if why else f"{self.confidence:.2f}"
        return f"{self.original} -> {self.replacement} ({details})"


def findings(results: Iterable[tuple[str | Path, Any]]) -> list[Finding]:
    """Every correction of every result, in file order then text order."""
    found = []
    for path, result in results:
        for correction in result.corrections:
            end_line, end_column = end_position(correction.line, correction.column, correction.original)
            found.append(
                Finding(
                    path=str(path),
                    line=correction.line,
                    column=correction.column,
                    end_line=end_line,
                    end_column=end_column,
                    original=correction.original,
                    replacement=correction.replacement,
                    entity=correction.entity,
                    kind=correction.kind,
                    confidence=round(float(correction.confidence), CONFIDENCE_DIGITS),
                    reasons=tuple(correction.reasons),
                    applied=bool(correction.applied),
                )
            )
    return found


def render(fmt: str, results: Sequence[tuple[str | Path, Any]], version: str = "0") -> str:
    """The findings of `results` in format `fmt`; empty text output when none."""
    if fmt == "json":
        return render_json(results)
    if fmt == "html":
        from normalizer.cli.html_report import render_html  # a page's code: only when one is asked for

        return render_html(results, version)
    items = findings(results)
    if fmt == "text":
        return render_text(items)
    if fmt == "sarif":
        return render_sarif(items, version)
    if fmt == "github":
        return render_github(items)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_text(items: Sequence[Finding]) -> str:
    """One line per finding; suggestions say so, applied corrections need no label."""
    lines = []
    for item in items:
        label = "" if item.applied else "suggestion: "
        lines.append(f"{quote_path(item.path)}:{item.line}:{item.column}: {label}{item.message}")
    return "".join(line + "\n" for line in lines)


def render_json(results: Sequence[tuple[str | Path, Any]]) -> str:
    """One record per file, as the library's `Result.to_dict(path)` gives it."""
    import json  # here and in render_sarif: the text report of a hook need not import it

    records = [result.to_dict(path=str(path)) for path, result in results]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def render_github(items: Sequence[Finding]) -> str:
    lines = []
    for item in items:
        command = "error" if item.applied else "notice"
        properties = {
            "file": item.path,
            "line": item.line,
            "col": item.column,
            "endLine": item.end_line,
            "endColumn": item.end_column,
            "title": f"normalizer: {'garbled' if item.applied else 'possibly garbled'} {item.kind} name",
        }
        rendered = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        lines.append(f"::{command} {rendered}::{_escape_data(item.message)}")
    return "".join(line + "\n" for line in lines)


def _escape_data(value: str) -> str:
    # The escapes the GitHub Actions runner undoes in a workflow command's message.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def rule_id(kind: str) -> str:
    return f"garbled-{kind}"


def render_sarif(items: Sequence[Finding], version: str) -> str:
    kinds = list(RULE_DESCRIPTIONS)
    kinds += sorted({item.kind for item in items} - set(kinds))  # kinds a newer gazetteer may add
    rules = [
        {
            "id": rule_id(kind),
            "name": f"Garbled{kind.title()}Name",
            "shortDescription": {"text": RULE_DESCRIPTIONS.get(kind, f"A {kind} name garbled by machine translation")},
            "defaultConfiguration": {"level": "error"},
        }
        for kind in kinds
    ]
    results = [_sarif_result(item, kinds.index(item.kind)) for item in items]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_result(item: Finding, rule_index: int) -> dict[str, Any]:
    region = {
        "startLine": item.line,
        "startColumn": item.column,
        "endLine": item.end_line,
        "endColumn": item.end_column,
    }
    artifact = {"uri": artifact_uri(item.path)}
    return {
        "ruleId": rule_id(item.kind),
        "ruleIndex": rule_index,
        "level": "error" if item.applied else "note",
        "message": {"text": item.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "fixes": [
            {
                "description": {"text": f"Replace with '{item.replacement}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [{"deletedRegion": region, "insertedContent": {"text": item.replacement}}],
                    }
                ],
            }
        ],
        "properties": {"confidence": item.confidence, "entity": item.entity, "reasons": list(item.reasons)},
    }


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference (what code scanning wants);
    an absolute one becomes a file:// URI."""
    posix = Path(path).as_posix()
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(posix, safe="/")
