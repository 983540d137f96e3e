"""`normalize gazetteer stats`: how much a set of gazetteer files holds."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from normalizer.gazetteer.files import GazetteerFile, entity_forms, same_spelling
from normalizer.gazetteer.loading import KINDS

# The totals, in the order they are reported.
TOTALS = ("forms", "variants", "aliases", "adjectives", "combining", "examples", "protect")
FORMATS = ("text", "json")


def gazetteer_stats(files: list[GazetteerFile]) -> dict[str, Any]:
    """Counts per kind and per file, and of every kind of form.

    `forms` counts an entity's distinct spellings (case and spacing set aside,
    accents kept); the other totals count the entries of each field."""
    kinds: Counter[str] = Counter()
    per_file: dict[str, int] = {}
    totals: Counter[str] = Counter()
    for gfile in files:
        per_file[str(gfile.path)] = len(gfile.entities)
        totals["protect"] += len(gfile.protect)
        for entity in gfile.entities:
            kinds[entity.kind] += 1
            totals["forms"] += len({same_spelling(form) for _, form in entity_forms(entity)})
            for field_name in ("variants", "aliases", "adjectives", "combining", "examples"):
                totals[field_name] += len(getattr(entity, field_name))
    return {
        "files": len(files),
        "entities": sum(per_file.values()),
        "kinds": {kind: kinds[kind] for kind in KINDS},
        "per_file": per_file,
        **{name: totals[name] for name in TOTALS},
    }


def format_stats(numbers: dict[str, Any], output_format: str = "text") -> list[str]:
    """The lines that report `numbers`: a table, or one JSON document."""
    if output_format == "json":
        return [json.dumps(numbers, indent=2, ensure_ascii=False)]
    if output_format != "text":
        raise ValueError(f"unknown stats format {output_format!r} (known: {', '.join(FORMATS)})")
    lines = [f"{numbers['entities']} entities in {numbers['files']} file(s)"]
    lines += [f"  {kind:<14}{count:>8}" for kind, count in numbers["kinds"].items()]
    lines += [f"{name:<16}{numbers[name]:>8}" for name in TOTALS]
    lines.append("per file:")
    lines += [f"  {count:>8}  {path}" for path, count in numbers["per_file"].items()]
    return lines
