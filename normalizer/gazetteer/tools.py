"""`normalize gazetteer ...`: validate, lint, count and extend gazetteer files.

The commands keep to the exit codes of the rest of the tool: 0 clean, 1 findings
(or a refused edit), 2 bad input or usage.

`lint` indexes every form once in dicts keyed by a folded spelling, so it stays
linear in the number of entities; it never compares all entities pairwise.

`add-variant` edits the file's text at the entity rather than re-dumping the
YAML, so comments, quoting, ordering and line endings elsewhere stay byte for
byte as they were; the new text is validated before it atomically replaces the
old file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

import typer

from normalizer.folding import fold_form
import yaml

from normalizer.errors import GazetteerError, NormalizerError
from normalizer.gazetteer import lexicon
from normalizer.gazetteer.loading import KINDS, Entity, bundled_dir, expand_paths, parse_gazetteer, read_file
from normalizer.gazetteer.names import name_with_surname, surnames

# A single-token canonical, alias, surname or variant whose lowercase form occurs at
# least this often in symspellpy's English frequency dictionary is reported as a
# common English word. 50,000,000 keeps the ~1,450 most frequent words ("may", "said",
# "mobile", "gold", "reading", "nice", "china", "london"): below it the list is full
# of place and person names ("iran" 23.7M, "turkey" 28.1M, "chad" 9.2M) that counts
# alone cannot tell from words, and flagging them would bury the real hazards. Counts
# cannot tell "London" (a frequent name) from "US" (also the word "us") either: a
# reviewer does, and lists the names that may stay under the file's `common_words`.
COMMON_WORD_MIN_COUNT = 50_000_000

# Fields whose forms are right as written, and the singular used in messages.
CORRECT_FIELDS = ("canonical", "aliases", "adjectives")
SINGULAR = {
    "canonical": "canonical",
    "variants": "variant",
    "aliases": "alias",
    "adjectives": "adjective",
    "combining": "combining form",
    "surname": "surname",
}
# Letters that Unicode does not decompose into a base letter plus an accent.

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Validate, lint, count and extend gazetteer files.",
    no_args_is_help=True,
    add_completion=False,
)


# ---------------------------------------------------------------- shared helpers


def same_spelling(form: str) -> str:
    """The key of spellings that differ only by case (accents still count)."""
    return " ".join(unicodedata.normalize("NFC", form).casefold().split())


@dataclass(frozen=True)
class GazetteerFile:
    """One parsed file: its entities, its own `protect` and `common_words` lists."""

    path: Path
    entities: tuple[Entity, ...]
    protect: frozenset[str]
    common_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Finding:
    """One lint message, located at `origin` ("file:line")."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def gather_files(paths: Iterable[str | Path], bundled: bool) -> list[Path]:
    """The bundled files (if asked) and the given files and folders, each once."""
    files = expand_paths([bundled_dir()] if bundled else []) + expand_paths(paths)
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def read_gazetteer_file(path: Path) -> GazetteerFile:
    """Parse one file with the engine's own loader (raises GazetteerError)."""
    parsed = read_file(path)
    return GazetteerFile(path, parsed.entities, parsed.protect, parsed.common_words)


def _origin_line(entity: Entity) -> int:
    return int(entity.origin.rsplit(":", 1)[1])


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


# ---------------------------------------------------------------- validate


@gazetteer_app.command()
def validate(
    paths: Optional[list[Path]] = typer.Argument(None, help="Gazetteer files or folders of *.yaml files."),
    bundled: bool = typer.Option(False, "--bundled", help="Also validate the bundled gazetteers."),
) -> None:
    """Check the schema of gazetteer files; errors name the file and line. Exit 2 on an invalid file."""
    if not paths and not bundled:
        raise _fail("validate: give gazetteer files or folders, or --bundled")
    try:
        files = gather_files(paths or [], bundled)
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    invalid = 0
    entities = 0
    for path in files:
        try:
            entities += len(read_gazetteer_file(path).entities)
        except NormalizerError as exc:
            typer.echo(str(exc), err=True)
            invalid += 1
    if invalid:
        raise _fail(f"{invalid} of {len(files)} gazetteer file(s) invalid")
    typer.echo(f"{len(files)} file(s), {entities} entities: valid")


# ---------------------------------------------------------------- lint


def common_words(min_count: int = COMMON_WORD_MIN_COUNT) -> dict[str, int]:
    """Lowercase English words of symspellpy's frequency dictionary at or above `min_count`."""
    return lexicon.common_words(min_count)


def lint_forms(files: list[GazetteerFile], common: dict[str, int]) -> list[Finding]:
    """Duplicates, collisions and common English words across the given files."""
    findings: list[Finding] = []
    kept = _lint_duplicate_entities(files, findings)
    for gfile, entity in kept:
        _lint_own_forms(entity, findings)
    _lint_collisions([entity for _, entity in kept], findings)
    for gfile, entity in kept:
        _lint_common_words(entity, gfile, common, findings)
    for gfile in files:
        _lint_unused_common_words(gfile, findings)
    return findings


def _lint_duplicate_entities(files: list[GazetteerFile], findings: list[Finding]) -> list[tuple[GazetteerFile, Entity]]:
    """Report an entity defined twice (same canonical, same kind); keep the first only."""
    first_seen: dict[tuple[str, str], Entity] = {}
    kept = []
    for gfile in files:
        for entity in gfile.entities:
            key = (same_spelling(entity.canonical), entity.kind)
            first = first_seen.setdefault(key, entity)
            if first is entity:
                kept.append((gfile, entity))
            else:
                findings.append(
                    Finding(entity.origin, f"duplicate entity '{entity.canonical}' ({entity.kind}), first at {first.origin}")
                )
    return kept


def _describe(field_name: str, form: str, entity: Entity) -> str:
    if field_name == "canonical":
        return f"canonical '{form}'"
    return f"{SINGULAR[field_name]} '{form}' of '{entity.canonical}'"


def _entity_forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """(field, form) for every spelling of an entity, canonical first."""
    yield "canonical", entity.canonical
    for field_name in ("aliases", "adjectives", "combining", "variants"):
        for form in getattr(entity, field_name):
            yield field_name, form


def _lint_own_forms(entity: Entity, findings: list[Finding]) -> None:
    """A form listed twice in one field, or a variant that is also a correct form
    of the same entity (the engine would rewrite a right spelling). A correct
    form repeated in another correct field ("Arctic" as canonical and adjective)
    is harmless and not reported."""
    seen: dict[str, str] = {}  # same_spelling key -> the field it first appeared in
    for field_name, form in _entity_forms(entity):  # variants come last
        key = same_spelling(form)
        if key not in seen:
            seen[key] = field_name
            continue
        earlier = seen[key]
        if earlier != field_name and field_name != "variants":
            continue
        name = SINGULAR[field_name]
        if earlier == "canonical":
            message = f"{name} '{form}' of '{entity.canonical}' equals its canonical"
        elif earlier == field_name:
            message = f"duplicate {name} '{form}' in '{entity.canonical}'"
        else:
            message = f"{name} '{form}' of '{entity.canonical}' is also listed in its {earlier}"
        findings.append(Finding(entity.origin, message))


def _lint_collisions(entities: list[Entity], findings: list[Finding]) -> None:
    """Forms of different entities that fold to the same key.

    A variant that is another entity's correct form is the worst case (the
    engine would rewrite a right name into a wrong one); otherwise each later
    entity sharing a key is reported once against the first one.
    """
    index: dict[str, dict[int, tuple[str, str]]] = {}  # key -> entity position -> (field, form)
    for position, entity in enumerate(entities):
        for field_name, form in _entity_forms(entity):
            if field_name == "combining":  # compound stems ("Anglo-") may rightly serve two places
                continue
            index.setdefault(fold_form(form), {}).setdefault(position, (field_name, form))
    for owners in index.values():
        if len(owners) < 2:
            continue
        correct = [p for p, (field_name, _) in owners.items() if field_name in CORRECT_FIELDS]
        variant = [p for p, (field_name, _) in owners.items() if field_name == "variants"]
        for position in variant:
            if correct:
                findings.append(_collision(entities, owners, position, correct[0], "is the"))
        for position in correct[1:]:
            findings.append(_collision(entities, owners, position, correct[0], "collides with"))
        if not correct:
            for position in variant[1:]:
                findings.append(_collision(entities, owners, position, variant[0], "is also"))


def _collision(entities: list[Entity], owners: dict, position: int, other: int, verb: str) -> Finding:
    entity, first = entities[position], entities[other]
    field_name, form = owners[position]
    other_field, other_form = owners[other]
    whose = f"{_describe(other_field, other_form, first)} ({first.origin})"
    return Finding(entity.origin, f"{_describe(field_name, form, entity)} {verb} {whose}")


def _name_forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """(field, form) for the forms a name is written as: canonical, aliases,
    variants, and a person's surnames (given or derived)."""
    for field_name, form in _entity_forms(entity):
        if field_name in ("canonical", "aliases", "variants"):
            yield field_name, form
    if entity.kind == "person":
        for surname in surnames(entity):
            yield "surname", surname


def _lint_common_words(entity: Entity, gfile: GazetteerFile, common: dict[str, int], findings: list[Finding]) -> None:
    """A one-word form that is also a common English word.

    A correct form (a name that is also a word: "London", "US") stays once
    reviewed and listed under the file's `common_words`, which changes nothing
    the engine does; `protect` also accepts it, but would stop the engine from
    ever repairing a garble into it. A variant never helps: the engine never
    rewrites an English word, so it is reported whatever the lists say.
    """
    accepted = {word.casefold() for word in (*gfile.protect, *gfile.common_words)}
    reported: set[str] = set()
    for field_name, form in _name_forms(entity):
        word = form.casefold()
        if len(form.split()) != 1 or word not in common or word in reported:
            continue
        reported.add(word)
        count = f"a common English word (count {common[word]:,})"
        if field_name == "variants":
            message = f"{_describe(field_name, form, entity)} is {count}: the engine never rewrites it; remove it"
        elif word in accepted:
            continue
        else:
            message = (
                f"{_describe(field_name, form, entity)} is also {count}: once reviewed, list it under "
                "this file's 'common_words' ('protect' would also block repairs into it)"
            )
        findings.append(Finding(entity.origin, message))


def _lint_unused_common_words(gfile: GazetteerFile, findings: list[Finding]) -> None:
    """A `common_words` entry that is no one-word form of this file: a stale review."""
    forms = {form.casefold() for entity in gfile.entities for _, form in _name_forms(entity)}
    for word in sorted(gfile.common_words):
        if word.casefold() not in forms:
            findings.append(Finding(f"{gfile.path}:1", f"common_words entry '{word}' is not a form of any entity in this file"))


def lint_examples(files: list[GazetteerFile], paths: list[Path]) -> tuple[list[Finding], str | None]:
    """Normalize every entity's example `text` with the engine loaded from `paths`.

    Returns the findings and, when the engine cannot be imported yet, a notice
    instead (the examples are then skipped, not failed).
    """
    examples = [(entity, example) for gfile in files for entity in gfile.entities for example in entity.examples]
    if not examples:
        return [], None
    try:
        from normalizer import Normalizer  # the engine; lazy so the other checks never wait for it
    except ImportError as exc:
        return [], f"notice: skipped {len(examples)} example(s): the engine is not importable ({exc})"
    engine = Normalizer.load(gazetteers=paths, bundled=False)
    findings = []
    for entity, example in examples:
        actual = engine.normalize(example.text).text
        if actual != example.expect:
            findings.append(
                Finding(
                    entity.origin,
                    f"example of '{entity.canonical}': {example.text!r} became {actual!r}, expected {example.expect!r}",
                )
            )
    return findings, None


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple[int, int, str]:
    name, _, line = finding.origin.rpartition(":")
    return order.get(name, len(order)), int(line) if line.isdigit() else 0, finding.message


@gazetteer_app.command()
def lint(
    paths: Optional[list[Path]] = typer.Argument(None, help="Gazetteer files or folders (default: the bundled set)."),
    bundled: bool = typer.Option(False, "--bundled", help="Also lint the bundled gazetteers with the given paths."),
    examples: bool = typer.Option(True, "--examples/--no-examples", help="Run the entities' examples through the engine."),
    common_min_count: int = typer.Option(
        COMMON_WORD_MIN_COUNT, "--common-min-count", min=1, help="Frequency from which a word counts as common English."
    ),
) -> None:
    """Report duplicates, collisions, common English words and failing examples as file:line: message."""
    try:
        files = gather_files(paths or [], bundled or not paths)
        parsed = [read_gazetteer_file(path) for path in files]
        findings = lint_forms(parsed, common_words(common_min_count))
        notice = None
        if examples:
            example_findings, notice = lint_examples(parsed, files)
            findings += example_findings
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    order = {str(path): position for position, path in enumerate(files)}
    for finding in sorted(findings, key=lambda f: _sort_key(f, order)):
        typer.echo(str(finding))
    if notice:
        typer.echo(notice, err=True)
    entities = sum(len(gfile.entities) for gfile in parsed)
    typer.echo(f"{len(findings)} finding(s) in {len(files)} file(s), {entities} entities", err=True)
    if findings:
        raise typer.Exit(1)


# ---------------------------------------------------------------- stats


def gazetteer_stats(files: list[GazetteerFile]) -> dict[str, Any]:
    """Counts per kind and per file, and of every kind of form."""
    kinds: Counter[str] = Counter()
    per_file: dict[str, int] = {}
    totals: Counter[str] = Counter()
    for gfile in files:
        per_file[str(gfile.path)] = len(gfile.entities)
        totals["protect"] += len(gfile.protect)
        for entity in gfile.entities:
            kinds[entity.kind] += 1
            totals["forms"] += len({same_spelling(form) for _, form in _entity_forms(entity)})
            for field_name in ("variants", "aliases", "adjectives", "combining", "examples"):
                totals[field_name] += len(getattr(entity, field_name))
    return {
        "files": len(files),
        "entities": sum(per_file.values()),
        "kinds": {kind: kinds[kind] for kind in KINDS},
        "per_file": per_file,
        **{name: totals[name] for name in ("forms", "variants", "aliases", "adjectives", "combining", "examples", "protect")},
    }


@gazetteer_app.command()
def stats(
    paths: Optional[list[Path]] = typer.Argument(None, help="Gazetteer files or folders (default: the bundled set)."),
    bundled: bool = typer.Option(False, "--bundled", help="Also count the bundled gazetteers with the given paths."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Count entities per kind and per file, and their forms, variants, aliases and examples."""
    if output_format not in ("text", "json"):
        raise _fail(f"stats: --format must be text or json, got {output_format!r}")
    try:
        files = gather_files(paths or [], bundled or not paths)
        numbers = gazetteer_stats([read_gazetteer_file(path) for path in files])
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    if output_format == "json":
        typer.echo(json.dumps(numbers, indent=2, ensure_ascii=False))
        return
    typer.echo(f"{numbers['entities']} entities in {numbers['files']} file(s)")
    for kind, count in numbers["kinds"].items():
        typer.echo(f"  {kind:<14}{count:>8}")
    for name in ("forms", "variants", "aliases", "adjectives", "combining", "examples", "protect"):
        typer.echo(f"{name:<16}{numbers[name]:>8}")
    typer.echo("per file:")
    for path, count in numbers["per_file"].items():
        typer.echo(f"  {count:>8}  {path}")


# ---------------------------------------------------------------- add-variant


class RefusedEdit(Exception):
    """A variant that must not be added (it would collide); exit status 1."""


def _yaml_scalar(value: str) -> str:
    """`value` written so it reads back unchanged as a flow or block list item."""
    for candidate in (value, _double_quoted(value)):  # plain when it reads back, else quoted
        try:
            as_flow = yaml.safe_load(f"[{candidate}]")
            as_block = yaml.safe_load(f"- {candidate}")
            as_value = yaml.safe_load(f"k: [{candidate}]")
        except yaml.YAMLError:
            continue
        if as_flow == [value] and as_block == [value] and as_value == {"k": [value]}:
            return candidate
    raise GazetteerError(f"cannot write {value!r} as a YAML string")


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml composes ten times faster

# Characters a YAML stream may hold as they are (YAML 1.1, as PyYAML's reader checks).
_YAML_PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_YAML_BREAKS = "\t\n\r\x85\u2028\u2029"  # would be folded inside quotes: escape them


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar: escapes for quotes, backslashes and unprintable characters."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char in _YAML_BREAKS or not _YAML_PRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _line_end(text: str, index: int) -> int:
    """Index where the line holding `index` ends (before its \\r\\n or \\n)."""
    end = text.find("\n", index)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _entity_nodes(text: str, name: str, loader: type = _FAST_LOADER) -> list[yaml.MappingNode]:
    """The mapping nodes of the file's entities, with their positions in `text`."""
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{name}: malformed gazetteer: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entities" and isinstance(value, yaml.SequenceNode):
            return [item for item in value.value if isinstance(item, yaml.MappingNode)]
    return []


def _find_entity_node(text: str, name: str, canonical: str, line: int | None) -> yaml.MappingNode:
    matches = _nodes_named(text, name, canonical, _FAST_LOADER)
    if any(canonical not in text[value.start_mark.index : value.end_mark.index] for _, value in matches):
        # The positions disagree with the text (an escaped canonical, or a libyaml
        # counting bytes): the pure-Python composer, slower, indexes characters.
        matches = _nodes_named(text, name, canonical, yaml.SafeLoader)
    matches = [node for node, _ in matches]
    if line is not None:  # the loader records a mapping's line as its node's start line
        matches = [node for node in matches if node.start_mark.line + 1 == line]
    if not matches:
        at = f" at line {line}" if line is not None else ""
        raise GazetteerError(f"{name}: no entity with canonical '{canonical}'{at}")
    if len(matches) > 1:
        lines = ", ".join(str(node.start_mark.line + 1) for node in matches)
        raise GazetteerError(f"{name}: several entities named '{canonical}' (lines {lines}); choose one with --line")
    return matches[0]


def _nodes_named(text: str, name: str, canonical: str, loader: type) -> list[tuple[yaml.MappingNode, yaml.Node]]:
    """(entity node, its canonical's value node) for each entity named `canonical`."""
    matches = []
    for node in _entity_nodes(text, name, loader):
        for key, value in node.value:
            if key.value == "canonical" and isinstance(value, yaml.ScalarNode) and value.value.strip() == canonical:
                matches.append((node, value))
    return matches


def insert_variant(text: str, name: str, canonical: str, variant: str, line: int | None = None) -> str:
    """`text` with `variant` added to the entity `canonical`, every other byte kept."""
    node = _find_entity_node(text, name, canonical, line)
    newline = "\r\n" if "\r\n" in text else "\n"
    scalar = _yaml_scalar(variant)
    fields = {key.value: (key, value) for key, value in node.value}
    if "variants" in fields:
        key, value = fields["variants"]
        if isinstance(value, yaml.SequenceNode) and value.flow_style:
            if not value.value:  # "variants: []"
                close = text.rindex("]", value.start_mark.index, value.end_mark.index)
                return text[:close] + scalar + text[close:]
            at = value.value[-1].end_mark.index
            return text[:at] + ", " + scalar + text[at:]
        if isinstance(value, yaml.SequenceNode) and value.value:
            first = value.value[0].start_mark.index
            line_start = text.rfind("\n", 0, first) + 1
            dash = text.rindex("-", line_start, first)
            prefix = " " * (dash - line_start) + text[dash:first]  # same indent and "- " as the first item
            at = _line_end(text, value.value[-1].end_mark.index)
            return text[:at] + newline + prefix + scalar + text[at:]
        if isinstance(value, yaml.ScalarNode) and value.style in (None, "", "'", '"'):  # "variants: Foo"
            start, end = value.start_mark.index, value.end_mark.index
            return text[:start] + "[" + text[start:end] + ", " + scalar + "]" + text[end:]
        raise GazetteerError(f"{name}:{key.start_mark.line + 1}: cannot extend this 'variants' field; edit it by hand")
    if node.flow_style:  # "- {canonical: X, kind: person}"
        at = node.value[-1][1].end_mark.index
        return text[:at] + ", variants: [" + scalar + "]" + text[at:]
    # Block mapping: a new "variants:" line after canonical/kind, whichever comes later.
    anchors = [fields[k] for k in ("canonical", "kind") if k in fields]
    key, value = max(anchors, key=lambda pair: pair[1].end_mark.index)
    at = _line_end(text, value.end_mark.index)
    indent = " " * fields["canonical"][0].start_mark.column
    return text[:at] + newline + indent + "variants: [" + scalar + "]" + text[at:]


def _forms_index(entities: Iterable[Entity]) -> dict[str, list[tuple[Entity, str, str]]]:
    index: dict[str, list[tuple[Entity, str, str]]] = {}
    for entity in entities:
        for field_name, form in _entity_forms(entity):
            if field_name != "combining":
                index.setdefault(fold_form(form), []).append((entity, field_name, form))
    return index


def check_new_variant(entity: Entity, variant: str, index: dict[str, list[tuple[Entity, str, str]]]) -> bool:
    """False when `entity` already has the variant; raises RefusedEdit on a collision."""
    own = {same_spelling(form): field_name for field_name, form in _entity_forms(entity)}
    field_name = own.get(same_spelling(variant))
    if field_name == "variants":
        return False
    if field_name:
        raise RefusedEdit(f"'{variant}' is already the {SINGULAR[field_name]} of '{entity.canonical}' ({entity.origin})")
    for other, other_field, form in index.get(fold_form(variant), []):
        if other.canonical != entity.canonical or other.origin != entity.origin:
            raise RefusedEdit(
                f"'{variant}' collides with {_describe(other_field, form, other)} ({other.origin})"
            )
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a reader never sees a half-written file."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Reviewed:
    """One correction of `normalize --format json` output: `original` was rewritten
    to `replacement` as a mention of `entity`."""

    entity: str
    original: str
    replacement: str


def corrections_from_json(data: Any) -> list[Reviewed]:
    """Every mapping with string `entity`, `original` and `replacement`, wherever
    it sits in the document (a list of findings, or results with `corrections`)."""
    found: list[Reviewed] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if all(isinstance(value.get(k), str) for k in ("entity", "original", "replacement")):
                found.append(Reviewed(value["entity"], value["original"], value["replacement"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return list(dict.fromkeys(found))


def variant_from_correction(entity: Entity, correction: Reviewed) -> str | None:
    """The variant a reviewed correction teaches, or None when it teaches none.

    A whole-name repair gives its original. A person's surname repaired alone
    ("Aragut" -> "Araghchi" of "Abbas Araghchi") gives the full name with the
    garbled surname ("Abbas Aragut"): the engine derives the surname variant
    from it, while a bare "Aragut" would be rewritten to the whole canonical.
    """
    original, replacement = correction.original.strip(), correction.replacement.strip()
    if _POSSESSIVE.search(original) and _POSSESSIVE.search(replacement):
        original, replacement = original[:-2], replacement[:-2]
    if (original.isupper() or original.islower()) and entity.canonical != entity.canonical.lower():
        original = original.title()  # a headline's capitals or a garble's lost ones are not the name's
    if replacement.casefold() == entity.canonical.casefold():  # the engine keeps a headline's capitals
        return original
    if entity.kind != "person":
        return None
    for surname in surnames(entity):
        if replacement.casefold() == surname.casefold():
            return name_with_surname(entity, surname, original)
    return None


@gazetteer_app.command("add-variant")
def add_variant(
    file: Path = typer.Argument(..., help="The gazetteer file to edit."),
    canonical: Optional[str] = typer.Argument(None, help="The entity's canonical name."),
    variant: Optional[str] = typer.Argument(None, help="The spelling to add to its variants."),
    from_json: Optional[Path] = typer.Option(
        None, "--from-json", help="Add the variants taught by reviewed corrections (`normalize --format json` output)."
    ),
    line: Optional[int] = typer.Option(None, "--line", help="The entity's line, when two share a canonical."),
    bundled: bool = typer.Option(True, "--bundled/--no-bundled", help="Also refuse collisions with the bundled set."),
) -> None:
    """Add a reviewed variant to an entity of FILE, refusing one that collides with another entity's form."""
    try:
        if from_json is not None and (canonical or variant):
            raise GazetteerError("add-variant: give CANONICAL VARIANT or --from-json, not both")
        if from_json is None and not (canonical and canonical.strip() and variant and variant.strip()):
            raise GazetteerError("add-variant: give FILE CANONICAL VARIANT (non-empty), or FILE --from-json JSON")
        editor = _VariantEditor(file, bundled)
        if from_json is None:
            entity = _entity_named(editor.entities, canonical.strip(), line, str(file))
            refused = not editor.add(entity, variant.strip())
        else:
            refused = False
            for correction in _read_corrections(from_json):
                refused |= not editor.add_reviewed(correction)
        editor.save()
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    if refused:
        raise typer.Exit(1)


def _read_corrections(path: Path) -> list[Reviewed]:
    try:
        return corrections_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read corrections JSON: {exc}") from None


class _VariantEditor:
    """The text of one gazetteer file, edited one variant at a time and saved once."""

    def __init__(self, file: Path, bundled: bool):
        if not file.is_file():
            raise GazetteerError(f"{file}: gazetteer file not found")
        self.file, self.name = file, str(file)
        raw = file.read_bytes()
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{file}: not UTF-8 text (byte {exc.start})") from None
        self.entities, _ = parse_gazetteer(self.text, self.name)
        others = []
        if bundled:  # the engine usually loads the bundled set beside a newsroom's file
            for path in gather_files([], bundled=True):
                if path.resolve() != file.resolve():
                    others.extend(read_gazetteer_file(path).entities)
        self.index = _forms_index([*self.entities, *others])
        self.changed = False

    def add_reviewed(self, correction: Reviewed) -> bool:
        """Add the variant a correction teaches; False only when it is refused."""
        matches = [entity for entity in self.entities if entity.canonical == correction.entity]
        if len(matches) != 1:
            where = "is not in" if not matches else "is defined twice in"
            typer.echo(f"skipped '{correction.original}': '{correction.entity}' {where} {self.name}", err=True)
            return True
        variant = variant_from_correction(matches[0], correction)
        if variant is None:
            typer.echo(
                f"skipped '{correction.original}' -> '{correction.replacement}': neither the name "
                f"'{correction.entity}' nor its surname; add a variant by hand",
                err=True,
            )
            return True
        return self.add(matches[0], variant)

    def add(self, entity: Entity, variant: str) -> bool:
        """Add `variant` to `entity`; False (with a message) when it collides."""
        try:
            if not check_new_variant(entity, variant, self.index):
                typer.echo(f"'{entity.canonical}' already has the variant '{variant}'", err=True)
                return True
        except RefusedEdit as exc:
            typer.echo(f"{self.name}: refused: {exc}", err=True)
            return False
        line = _origin_line(entity)
        text = insert_variant(self.text, self.name, entity.canonical, variant, line)
        entities, _ = parse_gazetteer(text, self.name)  # re-validate the edited text before it is kept
        edited = _entity_named(entities, entity.canonical, line, self.name)
        if variant not in edited.variants:
            raise GazetteerError(f"{self.name}:{line}: internal error: the edit did not add '{variant}'")
        self.text, self.entities, self.changed = text, entities, True
        self.index.setdefault(fold_form(variant), []).append((edited, "variants", variant))
        typer.echo(f"{self.name}:{line}: added variant '{variant}' to '{entity.canonical}'")
        return True

    def save(self) -> None:
        if not self.changed:
            return
        write_atomically(self.file, (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8"))
        read_gazetteer_file(self.file)  # the file on disk loads


def _entity_named(entities: list[Entity], canonical: str, line: int | None, name: str) -> Entity:
    matches = [entity for entity in entities if entity.canonical == canonical]
    if line is not None and len(matches) > 1:
        matches = [entity for entity in matches if _origin_line(entity) == line]
    if not matches:
        raise GazetteerError(f"{name}: no entity with canonical '{canonical}'")
    if len(matches) > 1:
        lines = ", ".join(str(_origin_line(entity)) for entity in matches)
        raise GazetteerError(f"{name}: several entities named '{canonical}' (lines {lines}); choose one with --line")
    return matches[0]


if __name__ == "__main__":
    gazetteer_app()
