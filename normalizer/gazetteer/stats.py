"""`normalize gazetteer stats`: how much a set of gazetteer files holds."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from normalizer.gazetteer.files import GazetteerFile, entity_forms, same_spelling
from normalizer.gazetteer.freshness import month_number
from normalizer.gazetteer.loading import KINDS, REGIONS

# The totals, in the order they are reported.
TOTALS = ("forms", "variants", "aliases", "adjectives", "combining", "examples", "protect")
FORMATS = ("text", "json")
UNKNOWN_REGION = "unknown"  # an entity without `region`
NEVER_CHECKED = "never"  # a person without `checked`


def gazetteer_stats(files: list[GazetteerFile]) -> dict[str, Any]:
    """Counts per kind, per region, per check date and per file, and of every kind of form.

    `regions` counts every entity under its `region` (or "unknown"); `checked`
    counts the people by their `checked` month, newest first, then "never".
    `forms` counts an entity's distinct spellings (case and spacing set aside,
    accents kept); the other totals count the entries of each field."""
    kinds: Counter[str] = Counter()
    per_file: dict[str, int] = {}
    totals: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    for gfile in files:
        per_file[str(gfile.path)] = len(gfile.entities)
        totals["protect"] += len(gfile.protect)
        for entity in gfile.entities:
            kinds[entity.kind] += 1
            regions[entity.region or UNKNOWN_REGION] += 1
            if entity.kind == "person":
                checked[entity.checked or NEVER_CHECKED] += 1
            totals["forms"] += len({same_spelling(form) for _, form in entity_forms(entity)})
            for field_name in ("variants", "aliases", "adjectives", "combining", "examples"):
                totals[field_name] += len(getattr(entity, field_name))
    return {
        "files": len(files),
        "entities": sum(per_file.values()),
        "kinds": {kind: kinds[kind] for kind in KINDS},
        "regions": {region: regions[region] for region in (*REGIONS, UNKNOWN_REGION)},
        "checked": {month: checked[month] for month in (*_newest_first(checked), NEVER_CHECKED)},
        "per_file": per_file,
        **{name: totals[name] for name in TOTALS},
    }


def _newest_first(checked: Counter[str]) -> list[str]:
    return sorted((month for month in checked if month != NEVER_CHECKED), key=month_number, reverse=True)


def format_stats(numbers: dict[str, Any], output_format: str = "text") -> list[str]:
    """The lines that report `numbers`: a table, or one JSON document."""
    if output_format == "json":
        return [json.dumps(numbers, indent=2, ensure_ascii=False)]
    if output_format != "text":
        raise ValueError(f"unknown stats format {output_format!r} (known: {', '.join(FORMATS)})")
    lines = [f"{numbers['entities']} entities in {numbers['files']} file(s)"]
    lines += [f"  {kind:<14}{count:>8}" for kind, count in numbers["kinds"].items()]
    lines += [f"{name:<16}{numbers[name]:>8}" for name in TOTALS]
    lines.append("per region:")
    lines += [f"  {region:<14}{count:>8}" for region, count in numbers["regions"].items()]
    lines.append("people per check date:")
    lines += [f"  {month:<14}{count:>8}" for month, count in numbers["checked"].items()]
    lines.append("per file:")
    lines += [f"  {count:>8}  {path}" for path, count in numbers["per_file"].items()]
    return lines
