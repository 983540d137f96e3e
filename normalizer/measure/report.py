"""The evaluation report as text: per-category tables and the --show listing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from normalizer.measure.corpus import CLEAN

if TYPE_CHECKING:
    from normalizer.measure.corpus import Pair
    from normalizer.measure.evaluate import Report


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def category_rows(report: Report) -> list[list[str]]:
    rows = []
    order = sorted(report.by_category, key=lambda c: (c == CLEAN, c))
    for name in order:
        c = report.by_category[name]
        rows.append([name, str(c.gold), str(c.true), str(c.false), str(c.miss), fmt(c.precision), fmt(c.recall), fmt(c.f1)])
    o = report.overall
    rows.append(["overall", str(o.gold), str(o.true), str(o.false), str(o.miss), fmt(o.precision), fmt(o.recall), fmt(o.f1)])
    return rows


CATEGORY_HEADER = ["category", "gold", "true", "false", "miss", "P", "R", "F1"]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_text(report: Report, pairs: Sequence[Pair], show: bool) -> str:
    out = [f"{report.system}: {report.texts} texts, {report.tokens} word tokens", ""]
    out.append(markdown_table(CATEGORY_HEADER, category_rows(report)))
    out.append("")
    out.append(
        f"clean tokens broken: {report.clean_broken}/{report.clean_tokens} ({100 * report.broken_share:.3f}%); "
        f"false corrections per 10,000 tokens: {report.false_per_10k_tokens:.2f}; "
        f"outputs changed outside their corrections: {report.lossy}"
    )
    if show:
        sources = {p.id: p.source for p in pairs}
        out.append("")
        for f in report.findings:
            where = sources.get(f.text_id, "")
            where = f"{where}:{f.line}" if where.endswith(f.text_id) else f"{where}#{f.text_id}:{f.line}"
            label = "false correction" if f.kind == "false" else "miss"
            out.append(f"{where}: {label} [{f.category}] {f.original!r} -> {f.got!r} (expected {f.expected!r})")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command
