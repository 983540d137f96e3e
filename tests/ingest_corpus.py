"""A small real corpus for the ingestion tests (the seed articles, garbled, and
Wikinews articles) and what the library says of each text, built independently
of normalizer.ingest so that the tests compare two ways of getting there."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020"
SEEDS = ROOT / "seeds"
GARBLED = [
    "French President Emanuel Macrom met German Chancellor Olaf Schultz in Paris.",
    "Foreign Minister Abbas Aragut spoke in Tehran. Araguchi said talks would go on.",
]


def records(count: int) -> list[dict]:
    """`count` records {"id", "body"}: seeds and garbled lines first, then Wikinews."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + GARBLED
    texts += [p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))]
    texts = texts[:count]
    assert len(texts) == count
    return [{"id": f"doc-{i:04d}", "body": text} for i, text in enumerate(texts)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def expected(normalizer, text: str) -> dict:
    """What `normalize` gives for one text, in the shape of an output row."""
    result = normalizer.normalize(text)
    return {
        "text": result.text,
        "changed": result.text != text,
        "error": None,
        "corrections": [
            {"start": c.start, "end": c.end, "original": c.original, "replacement": c.replacement,
             "entity": c.entity, "kind": c.kind, "confidence": round(c.confidence, 4), "applied": c.applied}
            for c in result.corrections
        ],
    }


def comparable(row: dict) -> dict:
    """An output row without its id, as plain values (Spark's Rows, pandas' NaN...)."""
    return {
        "text": row["text"],
        "changed": row["changed"],
        "error": row["error"],
        "corrections": [dict(c) for c in row["corrections"]],
    }
