"""Is the engine's confidence a probability? Reliability of raw and calibrated confidence.

The data are the labelled corrections of `benchmarks/corpus/calibration-data.jsonl` (every
correction the engine makes at a raw suggestion threshold of 0.3 on the three garbled Wikinews
corpora, right or wrong against the reference, and on the clean open-world corpus, all wrong;
`python tools/fit_calibration.py --collect` rewrites them and refits
`normalizer/data/calibration.json`). Reported:

- per confidence bin (tenths): corrections, mean predicted confidence, observed precision, for
  the raw confidence and for the calibrated one (`normalizer.calibration.calibrated`);
- expected calibration error (ECE: the count-weighted mean |predicted - observed| over those bins)
  and Brier score, before and after;
- the thresholds of the table and what they choose, per corpus (garbled recall, open-world
  corrections per 10,000 tokens);
- held-out checks: the same fit made without one garbled corpus and half the open-world files,
  measured on them (cross-validation by corpus, 6 folds); and the same by article (the three
  garbled corpora are the same 24 articles garbled three ways: holding out an article in all
  three is the stricter check);
- a reliability diagram, `benchmarks/reliability.png` (matplotlib, from the `bench` extra).

    python benchmarks/calibration.py                     # table, ECE, thresholds, held-out, PNG
    python benchmarks/calibration.py --format markdown   # the same as a BENCHMARKS.md section
    python benchmarks/calibration.py --collect           # measure the engine now (not the committed data)
    python benchmarks/calibration.py --no-plot
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.calibration import Calibration  # noqa: E402

PNG = ROOT / "benchmarks" / "reliability.png"
BINS = tuple(i / 10 for i in range(11))
PER = 10_000
STEADY_BIN = 20  # the diagram joins bins of at least this many corrections; smaller ones are hollow
COMMAND = "python benchmarks/calibration.py"


def _tool():
    """tools/fit_calibration.py, which fits the table (tools/ is not a package)."""
    name = "fit_calibration"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "fit_calibration.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# ---------------------------------------------------------------- measures


def reliability(pairs: Sequence[tuple[float, bool]], bins: Sequence[float] = BINS) -> list[dict]:
    """Per bin [lower, upper) (the last closed): count, mean predicted, observed precision."""
    rows = []
    for i, (lower, upper) in enumerate(zip(bins, bins[1:])):
        last = i == len(bins) - 2
        inside = [(p, y) for p, y in pairs if lower <= p < upper or (last and p == upper)]
        rows.append(
            {
                "lower": lower,
                "upper": upper,
                "count": len(inside),
                "predicted": sum(p for p, _ in inside) / len(inside) if inside else None,
                "observed": sum(y for _, y in inside) / len(inside) if inside else None,
            }
        )
    return rows


def ece(pairs: Sequence[tuple[float, bool]], bins: Sequence[float] = BINS) -> float:
    """Expected calibration error over `bins`: sum of count/N * |predicted - observed|."""
    rows = reliability(pairs, bins)
    total = sum(r["count"] for r in rows)
    return sum(r["count"] / total * abs(r["predicted"] - r["observed"]) for r in rows if r["count"]) if total else 0.0


def brier(pairs: Sequence[tuple[float, bool]]) -> float:
    return sum((p - y) ** 2 for p, y in pairs) / len(pairs) if pairs else 0.0


def scored(records: Sequence[dict], calibration: Calibration | None) -> list[tuple[float, bool]]:
    """(confidence, right) per record: the raw confidence, or its calibrated value."""
    if calibration is None:
        return [(float(r["confidence"]), bool(r["right"])) for r in records]
    return [(calibration.calibrated(float(r["confidence"])), bool(r["right"])) for r in records]


# ---------------------------------------------------------------- held out


def held_out(meta: dict, records: Sequence[dict], min_count: int, suggest_rule: str) -> dict:
    """Cross-validation by corpus and by article: fit on the rest, measure on the held-out part."""
    tool = _tool()
    garbled = sorted({r["source"] for r in records if r["source"] != tool.OPEN_WORLD_SOURCE})
    open_files = sorted({r["text"] for r in records if r["source"] == tool.OPEN_WORLD_SOURCE})
    halves = [set(open_files[0::2]), set(open_files[1::2])]
    articles = sorted({r["text"] for r in records if r["source"] != tool.OPEN_WORLD_SOURCE})
    by_corpus = []
    for corpus in garbled:
        for h, half in enumerate(halves):
            def test(r, corpus=corpus, half=half):
                return r["source"] == corpus if r["source"] != tool.OPEN_WORLD_SOURCE else r["text"] in half

            by_corpus.append(_fold(f"{corpus} + open-world half {h + 1}", records, test, min_count, suggest_rule))
    folds = 4
    by_article = []
    for k in range(folds):
        held_articles = set(articles[k::folds])
        held_files = set(open_files[k::folds])

        def test(r, held_articles=held_articles, held_files=held_files):
            return r["text"] in (held_files if r["source"] == tool.OPEN_WORLD_SOURCE else held_articles)

        by_article.append(_fold(f"articles {k + 1}/{folds}", records, test, min_count, suggest_rule))
    return {"by_corpus": by_corpus, "by_article": by_article}


def _fold(name: str, records: Sequence[dict], test: Callable[[dict], bool], min_count: int, suggest_rule: str) -> dict:
    tool = _tool()
    train = [r for r in records if not test(r)]
    held = [r for r in records if test(r)]
    knots = tool.fit(tool.points(train), min_count)
    calibration = Calibration(knots)
    found = tool.thresholds(tool.points(train), calibration, min_count, suggest_rule)
    apply, suggest = found["apply_probability"], found["suggest_probability"]
    after = scored(held, calibration)
    applied = [y for p, y in after if p >= apply]
    suggested = [y for p, y in after if suggest <= p < apply]
    return {
        "pairs": after,
        "fold": name,
        "train": len(train),
        "test": len(held),
        "test_right": sum(r["right"] for r in held),
        "ece_raw": ece(scored(held, None)),
        "ece_calibrated": ece(after),
        "brier_raw": brier(scored(held, None)),
        "brier_calibrated": brier(after),
        "apply_probability": apply,
        "apply_precision": sum(applied) / len(applied) if applied else None,
        "applied": len(applied),
        "suggest_probability": suggest,
        "suggest_precision": sum(suggested) / len(suggested) if suggested else None,
        "suggested": len(suggested),
        "suggested_right": sum(suggested),
    }


# ---------------------------------------------------------------- the report


def measure(records: Sequence[dict] | None = None, meta: dict | None = None, table: dict | None = None) -> dict:
    """Everything this benchmark reports, as a JSON-ready dict."""
    tool = _tool()
    if records is None:
        meta, records = tool.read_data()
    if table is None:
        table = tool.build(meta, records)
    calibration = Calibration(table["knots"])
    raw, after = scored(records, None), scored(records, calibration)
    apply, suggest = table["apply_probability"], table["suggest_probability"]
    folds = held_out(meta, records, table["fit"]["min_count"], table["fit"]["suggest_rule"])
    out_of_fold = [pair for fold in folds["by_article"] for pair in fold.pop("pairs")]
    for fold in folds["by_corpus"]:
        fold.pop("pairs")
    per_source = {}
    for source, info in sorted(meta["sources"].items()):
        mine = [(calibration.calibrated(float(r["confidence"])), bool(r["right"])) for r in records if r["source"] == source]
        applied = [y for p, y in mine if p >= apply]
        suggested = [y for p, y in mine if suggest <= p < apply]
        per_source[source] = {
            "tokens": info["tokens"],
            "gold_edits": info["gold_edits"],
            "applied": len(applied),
            "applied_right": sum(applied),
            "suggested": len(suggested),
            "suggested_right": sum(suggested),
            "recall_applied": sum(applied) / info["gold_edits"] if info["gold_edits"] else None,
            "applied_per_10k": PER * len(applied) / info["tokens"],
            "suggested_per_10k": PER * len(suggested) / info["tokens"],
        }
    return {
        "corrections": len(records),
        "right": sum(r["right"] for r in records),
        "collected_with": table["data"]["collected_with"],
        "raw": reliability(raw),
        "calibrated": reliability(after),
        "ece_raw": ece(raw),
        "ece_calibrated": ece(after),
        "brier_raw": brier(raw),
        "brier_calibrated": brier(after),
        "table": {k: table[k] for k in (
            "apply_probability", "apply_raw", "apply_target_met", "apply_precision", "applied",
            "suggest_probability", "suggest_raw", "suggest_precision", "suggested",
        )},
        "knots": table["knots"],
        "suggest_rule": table["fit"]["suggest_rule"],
        "per_source": per_source,
        "held_out": folds,
        # every correction predicted by the fit that did not see its article
        "held_out_calibrated": reliability(out_of_fold),
        "ece_held_out": ece(out_of_fold),
        "brier_held_out": brier(out_of_fold),
        "suggest_rules": suggest_rules(meta, records, table),
        "apply_choices": apply_choices(meta, records, calibration),
    }


def apply_choices(meta: dict, records: Sequence[dict], calibration: Calibration) -> list[dict]:
    """What each possible apply threshold (each level of the map from 0.2 up) would apply: precision of
    all, recall on the garbled corpora, open-world corrections per 10,000 tokens."""
    tool = _tool()
    gold = sum(info["gold_edits"] for info in meta["sources"].values())
    open_tokens = meta["sources"][tool.OPEN_WORLD_SOURCE]["tokens"]
    scored_records = [(calibration.calibrated(float(r["confidence"])), r) for r in records]
    rows = []
    for level in sorted({c for c, _ in scored_records if c >= 0.2}):
        chosen = [r for c, r in scored_records if c >= level]
        right = sum(r["right"] for r in chosen)
        rows.append({
            "probability": level,
            "raw": calibration.raw_for(level),
            "applied": len(chosen),
            "precision": right / len(chosen),
            "recall": right / gold if gold else None,
            "open_world_per_10k": PER * sum(r["source"] == tool.OPEN_WORLD_SOURCE for r in chosen) / open_tokens,
        })
    return rows


def suggest_rules(meta: dict, records: Sequence[dict], table: dict) -> list[dict]:
    """Each rule for the suggestion threshold, on the same fit: the threshold, its suggestions'
    precision in sample and held out (by article), open-world suggestions per 10,000 tokens."""
    tool = _tool()
    calibration = Calibration(table["knots"])
    data = tool.points(records)
    rows = []
    for rule in tool.SUGGEST_RULES:
        found = tool.thresholds(data, calibration, table["fit"]["min_count"], rule)
        open_world = [
            r for r in records
            if r["source"] == tool.OPEN_WORLD_SOURCE
            and found["suggest_probability"] <= calibration.calibrated(float(r["confidence"])) < found["apply_probability"]
        ]
        folds = held_out(meta, records, table["fit"]["min_count"], rule)["by_article"]
        right = sum(f["suggested_right"] for f in folds)
        shown = sum(f["suggested"] for f in folds)
        rows.append({
            "rule": rule,
            "suggest_probability": found["suggest_probability"],
            "suggest_raw": found["suggest_raw"],
            "suggested": found["suggested"],
            "suggest_precision": found["suggest_precision"],
            "held_out_precision": right / shown if shown else None,
            "open_world_per_10k": PER * len(open_world) / meta["sources"][tool.OPEN_WORLD_SOURCE]["tokens"],
        })
    return rows


def plot(report: dict, path: Path = PNG) -> Path:
    """The reliability diagram: observed precision against predicted confidence per bin, raw and
    calibrated, with the corrections per bin below and the fitted map beside."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(10, 5.2), dpi=100)
    grid = fig.add_gridspec(2, 2, height_ratios=(3, 1), width_ratios=(3, 2), hspace=0.08, wspace=0.25)
    ax = fig.add_subplot(grid[0, 0])
    counts = fig.add_subplot(grid[1, 0], sharex=ax)
    curve = fig.add_subplot(grid[:, 1])
    ax.plot([0, 1], [0, 1], color="0.5", linestyle="--", linewidth=1, label="perfect calibration", zorder=5)
    styles = (
        ("raw", "ece_raw", "raw confidence", "tab:red", "o", "-"),
        ("calibrated", "ece_calibrated", "calibrated, in sample", "tab:blue", "s", "-"),
        ("held_out_calibrated", "ece_held_out", "calibrated, article held out", "tab:purple", "^", ":"),
    )
    width = 0.03
    for offset, (key, ece_key, label, color, marker, line) in zip((-width, 0.0, width), styles):
        rows = [r for r in report[key] if r["count"]]
        steady = [r for r in rows if r["count"] >= STEADY_BIN]
        ax.plot(
            [r["predicted"] for r in steady], [r["observed"] for r in steady],
            linestyle=line, color=color, label=f"{label} (ECE {report[ece_key]:.3f})",
        )
        ax.scatter(
            [r["predicted"] for r in rows], [r["observed"] for r in rows], marker=marker, zorder=4,
            s=[8 + 3 * r["count"] ** 0.5 for r in rows],
            facecolors=[color if r["count"] >= STEADY_BIN else "none" for r in rows], edgecolors=color,
        )
        counts.bar(
            [(r["lower"] + r["upper"]) / 2 + offset for r in report[key]], [r["count"] for r in report[key]],
            width=width, color=color, alpha=0.7,
        )
    apply = report["table"]["apply_probability"]
    suggest = report["table"]["suggest_probability"]
    for axis in (ax, counts):
        axis.axvline(apply, color="tab:green", linewidth=1)
        axis.axvline(suggest, color="tab:orange", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("observed precision")
    ax.set_title(f"Reliability: {report['corrections']:,} corrections, {report['right']:,} right")
    ax.legend(loc="upper left", fontsize=8)
    ax.tick_params(labelbottom=False)
    counts.set_xlabel(f"predicted confidence (bins of 0.1; marker area ~ corrections, hollow: fewer than {STEADY_BIN})")
    counts.set_ylabel("corrections")
    knots = report["knots"]
    xs = [0.3] + [k[0] for k in knots] + [1.0]
    ys = [knots[0][1]] + [k[1] for k in knots] + [knots[-1][1]]
    curve.plot(xs, ys, color="tab:blue", marker=".")
    curve.axhline(apply, color="tab:green", linewidth=1, label=f"apply >= {apply:.2f}")
    curve.axhline(suggest, color="tab:orange", linewidth=1, label=f"suggest >= {suggest:.2f}")
    curve.set_xlim(0.3, 1.0)
    curve.set_ylim(0, 1)
    curve.set_xlabel("raw confidence")
    curve.set_ylabel("calibrated confidence = P(right)")
    curve.set_title("The fitted map")
    curve.legend(loc="upper left", fontsize=8)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return path


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_text(report: dict, markdown: bool = False) -> str:
    def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
        if markdown:
            return ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)] + [
                "| " + " | ".join(row) + " |" for row in rows
            ]
        widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
        return [
            "  ".join(str(x).rjust(w) for x, w in zip(line, widths)) for line in (header, *rows)
        ]

    t = report["table"]
    collected = report["collected_with"]
    out = [
        f"{report['corrections']:,} corrections ({report['right']:,} right, base rate "
        f"{report['right'] / report['corrections']:.3f}), collected at raw apply >= {collected['apply_threshold_raw']}, "
        f"suggest >= {collected['suggest_threshold_raw']}",
        "",
    ]
    rows = []
    for raw, cal, held in zip(report["raw"], report["calibrated"], report["held_out_calibrated"]):
        rows.append([
            f"[{raw['lower']:.1f}, {raw['upper']:.1f}{']' if raw['upper'] == 1 else ')'}",
            str(raw["count"]), _f(raw["predicted"]), _f(raw["observed"]),
            str(cal["count"]), _f(cal["predicted"]), _f(cal["observed"]),
            str(held["count"]), _f(held["predicted"]), _f(held["observed"]),
        ])
    out += table(
        ["confidence", "raw: n", "predicted", "observed", "calibrated: n", "predicted", "observed",
         "held out: n", "predicted", "observed"],
        rows,
    )
    out += [
        "",
        "(held out: each correction calibrated by the fit made without its article, 4 folds)",
        f"ECE (10 bins): raw {report['ece_raw']:.3f} -> calibrated {report['ece_calibrated']:.3f}"
        f" (held out {report['ece_held_out']:.3f}); Brier: raw {report['brier_raw']:.3f} -> calibrated"
        f" {report['brier_calibrated']:.3f} (held out {report['brier_held_out']:.3f})",
        "",
        f"apply   >= {t['apply_probability']:.2f} calibrated (raw >= {t['apply_raw']}): {t['applied']} corrections,"
        f" precision {_f(t['apply_precision'])} (target 0.98 {'met' if t['apply_target_met'] else 'out of reach: the lowest threshold as good as the best one, within its 95% interval'})",
        f"suggest >= {t['suggest_probability']:.2f} calibrated (raw >= {t['suggest_raw']}): {t['suggested']} corrections"
        f" below apply, precision {_f(t['suggest_precision'])} (target 0.333)",
        "",
    ]
    rows = []
    for source, s in report["per_source"].items():
        rows.append([
            source, f"{s['tokens']:,}", str(s["gold_edits"]), f"{s['applied']} ({s['applied_right']} right)",
            f"{s['suggested']} ({s['suggested_right']} right)", _f(s["recall_applied"]),
            f"{s['applied_per_10k']:.2f}", f"{s['suggested_per_10k']:.2f}",
        ])
    out += table(["corpus", "tokens", "gold", "applied", "suggested", "recall", "applied/10k", "suggested/10k"], rows)
    out += ["", "apply threshold choices (each level of the map; recall on the garbled corpora together):"]
    out += table(
        ["apply >=", "raw >=", "applied", "precision", "garbled recall", "open world /10k"],
        [
            [f"{r['probability']:.3f}", f"{r['raw']:.4f}", str(r["applied"]), f"{r['precision']:.3f}",
             _f(r["recall"]), f"{r['open_world_per_10k']:.2f}"]
            for r in report["apply_choices"]
        ],
    )
    out += ["", f"the suggestion threshold by rule (the table uses {report['suggest_rule']!r}):"]
    out += table(
        ["rule", "suggest >=", "raw >=", "suggestions", "precision", "held out (by article)", "open world /10k"],
        [
            [
                r["rule"], f"{r['suggest_probability']:.2f}", str(r["suggest_raw"]), str(r["suggested"]),
                _f(r["suggest_precision"]), _f(r["held_out_precision"]), f"{r['open_world_per_10k']:.2f}",
            ]
            for r in report["suggest_rules"]
        ],
    )
    for key, title in (("by_corpus", "held out by corpus"), ("by_article", "held out by article")):
        folds = report["held_out"][key]
        out += ["", f"{title} (fit on the rest, measured on the fold):"]
        rows = [
            [
                f["fold"], str(f["test"]), str(f["test_right"]), f"{f['ece_raw']:.3f}", f"{f['ece_calibrated']:.3f}",
                f"{f['apply_probability']:.2f}", f"{_f(f['apply_precision'])} ({f['applied']})",
                f"{f['suggest_probability']:.2f}", f"{_f(f['suggest_precision'])} ({f['suggested']})",
            ]
            for f in folds
        ]
        n = sum(f["test"] for f in folds)
        rows.append([
            "weighted mean", str(n), str(sum(f["test_right"] for f in folds)),
            f"{sum(f['ece_raw'] * f['test'] for f in folds) / n:.3f}",
            f"{sum(f['ece_calibrated'] * f['test'] for f in folds) / n:.3f}", "", "", "", "",
        ])
        out += table(
            ["fold", "n", "right", "ECE raw", "ECE calibrated", "apply", "precision (n)", "suggest", "precision (n)"],
            rows,
        )
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n")[0])
    parser.add_argument("--collect", action="store_true", help="run the engine now instead of reading the committed data")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--png", type=Path, default=PNG, help=f"where to draw the diagram (default {PNG.relative_to(ROOT)})")
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args(argv)
    tool = _tool()
    if args.collect:
        meta, records = tool.collect(tool.collect_apply_threshold())
    else:
        meta, records = tool.read_data()
    report = measure(records, meta)
    if not args.no_plot:
        plot(report, args.png)
    sys.stdout.write(format_text(report, markdown=args.format == "markdown"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
