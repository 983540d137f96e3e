"""Find the parts of a marked-up file that the engine must never touch.

`protected_spans(path, text)` returns sorted, non-overlapping `(start, end)`
str offsets of code, URLs, tags, front matter and the like, ready to pass to
`Normalizer.normalize(text, ignore_spans=...)`. The format comes from the file
suffix. Everything here is a handful of regular expressions and one line scan
per format: it is not a full Markdown, HTML or reStructuredText parser, and it
errs on the side of protecting too much (a missed repair) rather than too
little (a rewritten URL or code sample).

Inline markers work in every format, usually inside a comment:

    a line containing `normalizer: skip` is left as written;
    `normalizer: off` ... `normalizer: on` leaves every line between them
    (the marker lines included) as written; an `off` without `on` runs to the end.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

Span = tuple[int, int]


class _Lazy:
    """A regular expression compiled at its first use: a plain-text article
    needs none of the Markdown, HTML and reStructuredText ones (~3 ms to compile)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.source = (pattern, flags)

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(*self.source)

    def finditer(self, text: str):
        return self.compiled.finditer(text)

    def match(self, text: str):
        return self.compiled.match(text)


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RST_SUFFIXES = frozenset({".rst", ".rest"})

# --- in every format --------------------------------------------------------

_URL = re.compile(r"""(?:\b(?:https?|ftp|file|mailto):|\bwww\.)[^\s<>"'`]+""", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_TRAILING_PUNCTUATION = ".,;:!?'\"’”)]*_"
_SKIP_LINE = re.compile(r"normalizer:\s*skip\b", re.IGNORECASE)
_OFF = re.compile(r"normalizer:\s*off\b", re.IGNORECASE)
_ON = re.compile(r"normalizer:\s*on\b", re.IGNORECASE)

# --- HTML (also raw HTML inside Markdown) ------------------------------------

_HTML_COMMENT = _Lazy(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_RAW_ELEMENT = _Lazy(
    r"<(script|style|code|pre|kbd|samp|textarea)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_HTML_TAG = _Lazy(r"</?[A-Za-z][\w:-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_HTML_DECLARATION = _Lazy(r"<![A-Za-z][^>]*>|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)", re.DOTALL)
_HTML_ENTITY = _Lazy(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")

# --- Markdown ----------------------------------------------------------------

_FRONT_MATTER = _Lazy(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_FENCED_CODE = _Lazy(
    r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.DOTALL | re.MULTILINE,
)
# Code spans and inline literals may wrap lines but never cross a blank line (a
# paragraph break): a stray backtick must not swallow the rest of the article.
_WITHIN_PARAGRAPH = r"(?:(?!\n[ \t]*\n).)+?"
_CODE_SPAN = _Lazy(r"(?<!`)(`+)(?!`)" + _WITHIN_PARAGRAPH + r"(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = _Lazy(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# `](destination "title")`: the destination and title, not the link text.
_LINK_DESTINATION = _Lazy(r"(?<=\])\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_LINK_REFERENCE = _Lazy(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.MULTILINE)
_REFERENCE_LABEL = _Lazy(r"(?<=\])\[[^\]\n]*\]")  # the `[label]` of `[text][label]`
_LIST_ITEM = _Lazy(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")

# --- reStructuredText ----------------------------------------------------------

_RST_INLINE_LITERAL = _Lazy(r"``(?!\s)" + _WITHIN_PARAGRAPH + r"(?<!\s)``", re.DOTALL)
_RST_ROLE = _Lazy(r":[\w.+-]+:`[^`]*`|`[^`]*`:[\w.+-]+:")  # :code:`x`, :ref:`...`
_RST_LINK_TARGET = _Lazy(r"<[^<>\s]+>`_{1,2}")  # the `<url>` of `Text <url>`_
_RST_CODE_DIRECTIVES = ("code", "code-block", "sourcecode", "literalinclude", "raw", "math", "highlight")
_RST_EXPLICIT = _Lazy(r"^(?P<indent>[ \t]*)\.\.(?:[ \t]+(?P<rest>.*))?$")


def detect_format(path: str | Path) -> str:
    """'markdown', 'html', 'rst' or 'text', from the file suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in RST_SUFFIXES:
        return "rst"
    return "text"


def protected_spans(path: str | Path, text: str, fmt: str | None = None) -> list[Span]:
    """Sorted, merged `(start, end)` offsets of `text` that must stay as written.

    `fmt` overrides the format guessed from `path` ('markdown', 'html', 'rst', 'text').
    """
    fmt = fmt or detect_format(path)
    spans: list[Span] = []
    spans += url_spans(text)
    spans += skip_marker_spans(text)
    if fmt == "markdown":
        spans += markdown_spans(text)
    elif fmt == "html":
        spans += html_spans(text)
    elif fmt == "rst":
        spans += rst_spans(text)
    return merge(spans)


def url_spans(text: str) -> list[Span]:
    """URLs (scheme:// or www.) and e-mail addresses, without trailing punctuation."""
    spans = [(m.start(), m.start() + len(_trim_url(m.group()))) for m in _URL.finditer(text)]
    spans += [m.span() for m in _EMAIL.finditer(text)]
    return spans


def _trim_url(url: str) -> str:
    # Sentence punctuation after a URL is prose; keep a ')' the URL itself opened.
    while url and url[-1] in _TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def skip_marker_spans(text: str) -> list[Span]:
    """Lines with `normalizer: skip`, and blocks from `normalizer: off` to `normalizer: on`."""
    spans: list[Span] = []
    block_start: int | None = None
    for start, end, line in _lines(text):
        if block_start is None:
            if _OFF.search(line):
                block_start = start
            elif _SKIP_LINE.search(line):
                spans.append((start, end))
        elif _ON.search(line):
            spans.append((block_start, end))
            block_start = None
    if block_start is not None:
        spans.append((block_start, len(text)))
    return spans


def html_spans(text: str) -> list[Span]:
    """Comments, tags with their attributes, declarations, entities, and the
    whole of <script>, <style>, <code>, <pre> (and similar) elements."""
    patterns = (_HTML_COMMENT, _HTML_RAW_ELEMENT, _HTML_DECLARATION, _HTML_TAG, _HTML_ENTITY)
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


def markdown_spans(text: str) -> list[Span]:
    """Front matter, fenced and indented code, code spans, autolinks, link
    destinations and reference definitions, plus raw HTML."""
    spans = [m.span() for m in _FRONT_MATTER.finditer(text)]
    fenced = [m.span() for m in _FENCED_CODE.finditer(text)]
    spans += fenced
    spans += _indented_code_spans(text, fenced)
    patterns = (_CODE_SPAN, _AUTOLINK, _LINK_DESTINATION, _LINK_REFERENCE, _REFERENCE_LABEL)
    spans += [m.span() for pattern in patterns for m in pattern.finditer(text)]
    spans += html_spans(text)
    return spans


def _indented_code_spans(text: str, fenced: list[Span]) -> list[Span]:
    # A run of lines indented by 4 spaces or a tab after a blank line is code,
    # unless it looks like a nested list item or sits inside a fenced block.
    spans: list[Span] = []
    previous_blank = True
    in_list = False
    block: Span | None = None
    for start, end, line in _lines(text):
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if block is not None and (indented or blank):
            if not blank:
                block = (block[0], end)
        else:
            if block is not None:
                spans.append(block)
                block = None
            code_start = indented and not blank and previous_blank and not in_list
            if code_start and not _LIST_ITEM.match(line) and not _inside(start, fenced):
                block = (start, end)
            elif not blank and not indented:
                in_list = bool(_LIST_ITEM.match(line))
        previous_blank = blank
    if block is not None:
        spans.append(block)
    return spans


def rst_spans(text: str) -> list[Span]:
    """Inline literals, roles, link targets, explicit markup lines (directives,
    comments, targets), the bodies of code directives and `::` literal blocks."""
    patterns = (_RST_INLINE_LITERAL, _RST_ROLE, _RST_LINK_TARGET)
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    spans += _rst_block_spans(text)
    return spans


def _rst_block_spans(text: str) -> list[Span]:
    lines = list(_lines(text))
    spans: list[Span] = []
    index = 0
    while index < len(lines):
        start, end, line = lines[index]
        explicit = _RST_EXPLICIT.match(line)
        if explicit:
            rest = explicit.group("rest") or ""
            if rest.startswith("["):  # a footnote or citation: its label, not its prose
                label_end = line.find("]")
                spans.append((start, start + label_end + 1 if label_end >= 0 else end))
                index += 1
                continue
            # The markup line itself: a directive name and its arguments, a comment, a target.
            spans.append((start, end))
            directive = rest.split("::", 1)[0].strip() if "::" in rest else None
            is_comment = directive is None and not rest.startswith("_")
            if directive in _RST_CODE_DIRECTIVES or is_comment:
                block_end, index = _indented_block(lines, index + 1, len(explicit.group("indent")))
                if block_end is not None:
                    spans.append((end, block_end))
                continue
        elif line.rstrip().endswith("::"):
            indent = len(line) - len(line.lstrip())
            block_end, index = _indented_block(lines, index + 1, indent)
            if block_end is not None:
                spans.append((end, block_end))
            continue
        index += 1
    return spans


def _indented_block(lines: list[tuple[int, int, str]], index: int, indent: int) -> tuple[int | None, int]:
    """End offset of the block of lines indented deeper than `indent` starting
    at `index` (blank lines allowed inside), and the index of the next line."""
    block_end = None
    while index < len(lines):
        _, end, line = lines[index]
        if line.strip():
            if len(line) - len(line.lstrip()) <= indent:
                break
            block_end = end
        index += 1
    return block_end, index


def _lines(text: str):
    """(start, end, line) for every line; `end` excludes the line break."""
    position = 0
    for raw in text.split("\n"):  # only \n and \r\n end a line; str.splitlines knows more
        content = raw[:-1] if raw.endswith("\r") else raw
        yield position, position + len(content), content
        position += len(raw) + 1


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(start <= offset < end for start, end in spans)


def merge(spans: list[Span]) -> list[Span]:
    """Sort and join overlapping or touching spans; drop empty ones."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
