"""An editor's decisions on corrections, applied to a gazetteer file.

`normalize review` records them as it goes; `normalize gazetteer learn` reads
them from a file: the JSON of `normalize --format json` (a list of records,
or one record, each with `corrections`) where each decided correction has

    accepted: true      the repair is right. Its new spelling becomes a variant
                        of its entity (a person's surname repaired alone: the
                        full name with the garble, as add-variant --from-json).
    replacement         the one the editor wrote, when it differs from the engine's
    new_entity: true    (with accepted true) the replacement names someone the
                        gazetteers lack: a new entity of `kind`, the original its variant
    accepted: false     the spelling is right as written: its words that the
                        repair changed are protected (never changed, never offered again)
    alias: true         (with accepted false) it is another correct form of the
                        entity: an alias instead

A correction without `accepted` was not decided and teaches nothing. An entity
of the bundled set (or of another file) gets a namesake in the file (see
`edit`). Bad input (a file that is not JSON or not of this shape, a decision
for an entity that exists nowhere, a file that cannot be written) raises
GazetteerError before anything is written; a collision is refused, reported,
and the rest goes on.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from normalizer.atomic import rewritable, write_atomic
from normalizer.errors import GazetteerError, InputError
from normalizer.gazetteer.edit import POSSESSIVE, EditMessage, Outcome, Reviewed, VariantEditor, variant_from_correction
from normalizer.gazetteer.files import same_spelling
from normalizer.gazetteer.loading import KINDS, Entity
from normalizer.tokens import tokenize


@dataclass(frozen=True)
class Decision:
    """What the editor said of one correction (`original` -> `replacement` of `entity`)."""

    original: str
    replacement: str
    entity: str
    kind: str
    accepted: bool
    alias: bool = False
    new_entity: bool = False
    where: str = field(default="", compare=False)  # where it came from, for messages

    def as_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """A correction of the JSON report with this decision written into it."""
        decided = {**item, "accepted": self.accepted, "replacement": self.replacement, "entity": self.entity,
                   "kind": self.kind}
        if self.alias:
            decided["alias"] = True
        if self.new_entity:
            decided["new_entity"] = True
        return decided


# ---------------------------------------------------------------- reading and writing decisions files


def read_decisions(path: Path) -> list[Decision]:
    """The decisions of a JSON file; GazetteerError when it is not JSON, not of
    the report's shape, or decides nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read decisions: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"{path}: not a JSON decisions file: {exc}") from None
    return decisions_from_json(data, str(path))


def decisions_from_json(data: Any, name: str) -> list[Decision]:
    records = [data] if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) and "corrections" in r for r in records):
        raise GazetteerError(f"{name}: expected the JSON of `normalize --format json`: records with 'corrections'")
    decisions = []
    for r, record in enumerate(records, 1):
        items = record["corrections"]
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise GazetteerError(f"{name}: record {r}: 'corrections' must be a list of objects")
        path = record.get("path") if isinstance(record.get("path"), str) else f"record {r}"
        for c, item in enumerate(items, 1):
            if "accepted" in item:
                decisions.append(_decision(item, f"{name}: {path}: correction {c}"))
    if not decisions:
        raise GazetteerError(f"{name}: no decisions: no correction has an 'accepted' field (true or false)")
    return decisions


def _decision(item: dict[str, Any], where: str) -> Decision:
    def fail(problem: str) -> GazetteerError:
        return GazetteerError(f"{where}: {problem}")

    for key in ("accepted", "alias", "new_entity"):
        if key in item and not isinstance(item[key], bool):
            raise fail(f"'{key}' must be true or false, got {item[key]!r}")
    for key in ("original", "replacement", "entity", "kind"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise fail(f"'{key}' must be a non-empty string")
    decision = Decision(
        item["original"].strip(), item["replacement"].strip(), item["entity"].strip(), item["kind"].strip(),
        item["accepted"], item.get("alias", False), item.get("new_entity", False), where,
    )
    if decision.alias and decision.accepted:
        raise fail("'alias' goes with a rejected correction ('accepted': false)")
    if decision.new_entity and not decision.accepted:
        raise fail("'new_entity' goes with an accepted correction ('accepted': true)")
    if decision.new_entity and decision.kind not in KINDS:
        raise fail(f"a new entity's 'kind' must be one of {', '.join(KINDS)}, got {decision.kind!r}")
    return decision


def write_decisions(path: Path, records: list[dict[str, Any]]) -> None:
    """The decisions file `gazetteer learn` reads, written atomically."""
    write_atomic(path, json.dumps(records, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------- the gazetteer they go to


def configured_gazetteer(gazetteers: Iterable[Path]) -> Path | None:
    """Where a project's decisions go: the first file its configuration's
    `gazetteers` names (a folder is passed over: which of its files is meant?)."""
    return next((path for path in gazetteers if path.is_file()), None)


def check_writable(file: Path) -> None:
    """GazetteerError unless `file` is a gazetteer that can be rewritten in place
    (what `write_atomic(..., in_place=True)` will ask when it is saved)."""
    if not file.is_file():
        raise GazetteerError(f"{file}: gazetteer file not found (an empty file will do)")
    try:
        target, _ = rewritable(file, refusal="decisions not saved")
    except InputError as exc:
        raise GazetteerError(str(exc)) from None
    if not os.access(target.parent, os.W_OK | os.X_OK):  # the new text goes to a temporary file beside it
        raise GazetteerError(f"{file}: its folder is not writable, decisions not saved")


# ---------------------------------------------------------------- applying them


def apply_decisions(
    file: Path, decisions: Iterable[Decision], bundled: bool = True, also: Iterable[Path] = ()
) -> list[EditMessage]:
    """Teach `file` the decisions, checked and validated, and save it once.
    `also`: the other gazetteer files loaded with it (a project's)."""
    check_writable(file)
    editor = VariantEditor(file, bundled, also)
    decisions = list(dict.fromkeys(decisions))  # the same spelling decided at each mention: once
    known = {same_spelling(entity.canonical) for entity in (*editor.entities, *editor.others)}
    for decision in decisions:
        needs_entity = (decision.alias or decision.accepted) and not decision.new_entity
        if needs_entity and same_spelling(decision.entity) not in known:
            raise GazetteerError(
                f"{decision.where}: no entity '{decision.entity}' in {file} or the gazetteers loaded with it"
            )
    messages = [message for decision in decisions for message in apply_decision(editor, decision)]
    editor.save()
    return messages


def apply_decision(editor: VariantEditor, decision: Decision) -> list[EditMessage]:
    """The edits one decision makes to the editor's text (not yet saved)."""
    original, replacement = _without_possessive(decision.original, decision.replacement)
    if decision.new_entity:
        new = Entity(replacement, decision.kind)
        variant = variant_from_correction(new, Reviewed(replacement, original, replacement)) or original
        return [editor.add_entity(replacement, decision.kind, variant)]
    if not decision.accepted and not decision.alias:
        return [editor.add_protect(word) for word in changed_words(original, replacement)]
    entity = _find(editor, decision)
    if entity is None:  # known, so: named twice in the file
        text = f"skipped '{original}': '{decision.entity}' is defined twice in {editor.name}"
        return [EditMessage(Outcome.SKIPPED, text)]
    if decision.alias:
        return [editor.add_form(entity, "aliases", original)]
    variant = variant_from_correction(entity, Reviewed(entity.canonical, decision.original, decision.replacement))
    if variant is None:
        return [EditMessage(
            Outcome.SKIPPED,
            f"skipped '{original}' -> '{replacement}': neither the name '{entity.canonical}' nor its surname; "
            "add a variant by hand",
        )]
    return [editor.add_form(entity, "variants", variant)]


def changed_words(original: str, replacement: str) -> list[str]:
    """The words of `original` that the repair changed (the engine protects word
    by word: "Abbas" of "Abbas Aragut" must stay free), or all its words."""
    kept = {token.key for token in tokenize(replacement)}
    tokens = tokenize(original)
    changed = [token.text for token in tokens if token.key not in kept] or [token.text for token in tokens]
    return list(dict.fromkeys(changed or [original]))


def _find(editor: VariantEditor, decision: Decision) -> Entity | None:
    """The decision's entity as the editor has it now: the file's own (None when
    the file names it twice), else the first of that name loaded with it."""
    mine = [e for e in editor.entities if same_spelling(e.canonical) == same_spelling(decision.entity)]
    if mine:
        return mine[0] if len(mine) == 1 else None
    others = [e for e in editor.others if same_spelling(e.canonical) == same_spelling(decision.entity)]
    others.sort(key=lambda e: e.kind != decision.kind)  # the decision's kind first
    return others[0] if others else None


def _without_possessive(original: str, replacement: str) -> tuple[str, str]:
    if POSSESSIVE.search(original):
        original = original[:-2]
        if POSSESSIVE.search(replacement):
            replacement = replacement[:-2]
    return original, replacement
