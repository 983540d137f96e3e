"""`normalize gazetteer lint`: what in a gazetteer would make the engine go wrong.

Each check is a function of parsed files that returns `Finding` values
(file:line: message); `lint_files` runs them all and sorts the findings by
file and line. The checks of what goes stale (people's offices, their
`checked` dates, context phrases) are in `freshness`. Forms are indexed once in dicts keyed by a folded spelling, so
lint stays linear in the number of entities; it never compares all entities
pairwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from normalizer.folding import fold_form
from normalizer.gazetteer import lexicon
from normalizer.gazetteer.files import (
    CORRECT_FIELDS,
    SINGULAR,
    GazetteerFile,
    describe,
    entity_forms,
    read_gazetteer_file,
    same_spelling,
)
from normalizer.gazetteer.loading import Entity
from normalizer.gazetteer.names import surnames
from normalizer.tokens import tokenize

# A single-token canonical, alias, surname or variant whose lowercase form occurs at
# least this often in symspellpy's English frequency dictionary is reported as a
# common English word. 50,000,000 keeps the ~1,450 most frequent words ("may", "said",
# "mobile", "gold", "reading", "nice", "china", "london"): below it the list is full
# of place and person names ("iran" 23.7M, "turkey" 28.1M, "chad" 9.2M) that counts
# alone cannot tell from words, and flagging them would bury the real hazards. Counts
# cannot tell "London" (a frequent name) from "US" (also the word "us") either: a
# reviewer does, and lists the names that may stay under the file's `common_words`.
COMMON_WORD_MIN_COUNT = 50_000_000


@dataclass(frozen=True)
class Finding:
    """One lint message, located at `origin` ("file:line")."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class LintReport:
    """Every finding of a lint run, sorted by file and line, and what was read."""

    findings: tuple[Finding, ...]
    files: int
    entities: int
    notice: str | None = None  # the examples were skipped, and why

    @property
    def summary(self) -> str:
        return f"{len(self.findings)} finding(s) in {self.files} file(s), {self.entities} entities"


def lint_files(
    paths: list[Path],
    examples: bool = True,
    common_min_count: int = COMMON_WORD_MIN_COUNT,
    today: date | None = None,
) -> LintReport:
    """Read and lint `paths` (raises GazetteerError on an invalid file).
    `today`: the day `checked` dates are measured from (default: the clock's)."""
    parsed = [read_gazetteer_file(path) for path in paths]
    findings = lint_forms(parsed, lexicon.common_words(common_min_count))
    findings += lint_freshness(parsed, today or date.today())
    notice = None
    if examples:
        example_findings, notice = lint_examples(parsed, paths)
        findings += example_findings
    order = {str(path): position for position, path in enumerate(paths)}
    ordered = sorted(findings, key=lambda finding: _sort_key(finding, order))
    return LintReport(tuple(ordered), len(paths), sum(len(gfile.entities) for gfile in parsed), notice)


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple[int, int, str]:
    name, _, line = finding.origin.rpartition(":")
    return order.get(name, len(order)), int(line) if line.isdigit() else 0, finding.message


def lint_forms(files: list[GazetteerFile], common: dict[str, int]) -> list[Finding]:
    """Duplicates, collisions and common English words across the given files."""
    findings, kept = duplicate_entities(files)
    for _, entity in kept:
        findings += own_form_clashes(entity)
    findings += collisions([entity for _, entity in kept])
    for gfile, entity in kept:
        findings += common_word_forms(entity, gfile, common)
        findings += stale_english_variants(entity, lexicon.english_words())
    for gfile in files:
        findings += stale_common_words(gfile)
    return findings


def lint_freshness(files: list[GazetteerFile], today: date) -> list[Finding]:
    """People not checked for a year, posts held by two people, context phrases
    of two kinds (see `freshness`); a duplicate entity is read once."""
    from normalizer.gazetteer import freshness  # here: freshness builds on this module's Finding

    _, kept = duplicate_entities(files)
    entities = [entity for _, entity in kept]
    return (
        freshness.unchecked_people(entities, today)
        + freshness.shared_posts(entities, entities)
        + freshness.mixed_kind_contexts(entities)
    )


def duplicate_entities(files: list[GazetteerFile]) -> tuple[list[Finding], list[tuple[GazetteerFile, Entity]]]:
    """An entity defined twice (same canonical, same kind) in the bundled set or
    in the newsroom's files is reported; the first of each is kept, with its
    file, for the other checks."""
    first_seen: dict[tuple[str, str], Entity] = {}
    findings, kept = [], []
    for gfile in files:
        for entity in gfile.entities:
            # A newsroom's own entry for a bundled name extends it (what `review` writes).
            key = (same_spelling(entity.canonical), entity.kind, entity.bundled)
            first = first_seen.setdefault(key, entity)
            if first is entity:
                kept.append((gfile, entity))
            else:
                message = f"duplicate entity '{entity.canonical}' ({entity.kind}), first at {first.origin}"
                findings.append(Finding(entity.origin, message))
    return findings, kept


def own_form_clashes(entity: Entity) -> list[Finding]:
    """A form listed twice in one field, or a variant that is also a correct form
    of the same entity (the engine would rewrite a right spelling). A correct
    form repeated in another correct field ("Arctic" as canonical and adjective)
    is harmless and not reported."""
    findings = []
    seen: dict[str, str] = {}  # same_spelling key -> the field it first appeared in
    for field_name, form in entity_forms(entity):  # variants come last
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
    return findings


def collisions(entities: list[Entity]) -> list[Finding]:
    """Forms of different entities that fold to the same key.

    A variant that is another entity's correct form is the worst case (the
    engine would rewrite a right name into a wrong one); otherwise each later
    entity sharing a key is reported once against the first one.
    """
    index: dict[str, dict[int, tuple[str, str]]] = {}  # key -> entity position -> (field, form)
    # Entries of one name (a bundled entity and a newsroom's extension of it) are one owner.
    owner_of: dict[tuple[str, str], int] = {}
    for position, entity in enumerate(entities):
        owner = owner_of.setdefault((same_spelling(entity.canonical), entity.kind), position)
        for field_name, form in entity_forms(entity):
            if field_name == "combining":  # compound stems ("Anglo-") may rightly serve two places
                continue
            index.setdefault(fold_form(form), {}).setdefault(owner, (field_name, form))
    findings = []
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
    return findings


def _collision(entities: list[Entity], owners: dict, position: int, other: int, verb: str) -> Finding:
    entity, first = entities[position], entities[other]
    field_name, form = owners[position]
    other_field, other_form = owners[other]
    whose = f"{describe(other_field, other_form, first)} ({first.origin})"
    return Finding(entity.origin, f"{describe(field_name, form, entity)} {verb} {whose}")


def _name_forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """(field, form) for the forms a name is written as: canonical, aliases,
    variants, and a person's surnames (given or derived)."""
    for field_name, form in entity_forms(entity):
        if field_name in ("canonical", "aliases", "variants"):
            yield field_name, form
    if entity.kind == "person":
        for surname in surnames(entity):
            yield "surname", surname


def common_word_forms(entity: Entity, gfile: GazetteerFile, common: dict[str, int]) -> list[Finding]:
    """A one-word form that is also a common English word (`common`: word -> count).

    A correct form (a name that is also a word: "London", "US") stays once
    reviewed and listed under the file's `common_words`, which changes nothing
    the engine does; `protect` also accepts it, but would stop the engine from
    ever repairing a garble into it. A variant stays once reviewed under its
    entity's `english_variants` (the loader refuses it otherwise; an `Entity`
    made in code may still hold one).
    """
    accepted = {word.casefold() for word in (*gfile.protect, *gfile.common_words)}
    reviewed = {fold_form(word) for word in entity.english_variants}  # as the loader matches them
    findings = []
    reported: set[str] = set()
    for field_name, form in _name_forms(entity):
        word = form.casefold()
        if len(form.split()) != 1 or word not in common or word in reported:
            continue
        reported.add(word)
        count = f"a common English word (count {common[word]:,})"
        if field_name == "variants":
            if fold_form(form) in reviewed:
                continue
            message = (
                f"{describe(field_name, form, entity)} is {count}: the engine would rewrite the word; "
                "once reviewed, list it under the entity's 'english_variants', otherwise remove it"
            )
        elif word in accepted:
            continue
        else:
            message = (
                f"{describe(field_name, form, entity)} is also {count}: once reviewed, list it under "
                "this file's 'common_words' ('protect' would also block repairs into it)"
            )
        findings.append(Finding(entity.origin, message))
    return findings


def stale_english_variants(entity: Entity, english: dict[str, int]) -> list[Finding]:
    """An `english_variants` entry that is no English word (any more): a stale review."""
    return [
        Finding(entity.origin, f"english_variants entry '{form}' of '{entity.canonical}' is not an English word")
        for form in entity.english_variants
        if not ((tokens := tokenize(form)) and len(tokens) == 1 and tokens[0].key in english)
    ]


def stale_common_words(gfile: GazetteerFile) -> list[Finding]:
    """A `common_words` entry that is no one-word form of this file: a stale review."""
    forms = {form.casefold() for entity in gfile.entities for _, form in _name_forms(entity)}
    return [
        Finding(f"{gfile.path}:1", f"common_words entry '{word}' is not a form of any entity in this file")
        for word in sorted(gfile.common_words)
        if word.casefold() not in forms
    ]


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
