"""`normalize gazetteer ...`: the command line of the gazetteer tools.

Argument parsing and printing only; the work is done by `files` (validate),
`lint`, `stats`, `edit` (add-variant) and `importing` (import), which return values. The commands
keep to the exit codes of the rest of the tool: 0 clean, 1 findings (or a
refused edit), 2 bad input or usage.

    python -m normalizer.gazetteer.app lint newsroom.yaml   # the same as `normalize gazetteer lint ...`
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from normalizer.errors import GazetteerError, NormalizerError
from normalizer.gazetteer.edit import Outcome, add_from_json, add_variant
from normalizer.gazetteer.files import gather_files, read_gazetteer_file, validate_files
from normalizer.gazetteer.lint import COMMON_WORD_MIN_COUNT, lint_files
from normalizer.gazetteer.loading import parse_file
from normalizer.gazetteer.stats import FORMATS, format_stats, gazetteer_stats

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Validate, lint, count and extend gazetteer files.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


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
    validation = validate_files(files)
    for error in validation.errors:
        typer.echo(error, err=True)
    if validation.errors:
        # One file: its error says it all, in one line, as `normalize` says it.
        raise _fail(validation.summary) if len(files) > 1 else typer.Exit(2)
    typer.echo(validation.summary)


@gazetteer_app.command()
def lint(
    paths: Optional[list[Path]] = typer.Argument(None, help="Gazetteer files or folders (default: the bundled set)."),
    bundled: bool = typer.Option(False, "--bundled", help="Also lint the bundled gazetteers with the given paths."),
    examples: bool = typer.Option(True, "--examples/--no-examples", help="Run the entities' examples through the engine."),
    common_min_count: int = typer.Option(
        COMMON_WORD_MIN_COUNT, "--common-min-count", min=1, help="Frequency from which a word counts as common English."
    ),
    today: Optional[str] = typer.Option(
        None, "--today", hidden=True, help="YYYY-MM-DD: the day `checked` dates are measured from (for tests)."
    ),
) -> None:
    """Report duplicates, collisions, common English words, failing examples, people not checked
    for a year, posts held by two people and context shared by two kinds, as file:line: message."""
    try:
        day = _day(today)
        report = lint_files(gather_files(paths or [], bundled or not paths), examples, common_min_count, day)
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    for finding in report.findings:
        typer.echo(str(finding))
    if report.notice:
        typer.echo(report.notice, err=True)
    typer.echo(report.summary, err=True)
    if report.findings:
        raise typer.Exit(1)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise GazetteerError(f"lint: --today must be a date as YYYY-MM-DD, got {text!r}") from None


@gazetteer_app.command()
def stats(
    paths: Optional[list[Path]] = typer.Argument(None, help="Gazetteer files or folders (default: the bundled set)."),
    bundled: bool = typer.Option(False, "--bundled", help="Also count the bundled gazetteers with the given paths."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Count entities per kind and per file, and their forms, variants, aliases and examples."""
    if output_format not in FORMATS:
        raise _fail(f"stats: --format must be text or json, got {output_format!r}")
    try:
        files = gather_files(paths or [], bundled or not paths)
        numbers = gazetteer_stats([read_gazetteer_file(path) for path in files])
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    for line in format_stats(numbers, output_format):
        typer.echo(line)


@gazetteer_app.command("add-variant")
def add_variant_command(
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
        if from_json is None:
            messages = add_variant(file, canonical.strip(), variant.strip(), line, bundled)
        else:
            messages = add_from_json(file, from_json, bundled)
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    _report_edits(messages)


def _report_edits(messages) -> None:
    """Each edit on its line (an added form on stdout, the rest on stderr); exit 1 when one was refused."""
    for message in messages:
        typer.echo(message.text, err=message.for_stderr)
    if any(message.outcome is Outcome.REFUSED for message in messages):
        raise typer.Exit(1)


@gazetteer_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="A CSV or JSON list (canonical, kind, ...), or a Wikidata export (JSON or CSV)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="The gazetteer to write (default: standard output)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="The kind of the rows that give none (a Wikidata export gives none)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    bundled: bool = typer.Option(True, "--bundled/--no-bundled", help="Also refuse collisions with the bundled set."),
) -> None:
    """Make a gazetteer of a list, refusing what add-variant refuses; each row skipped
    or form left out is reported on stderr with its row number. Exit 1 when one was."""
    from normalizer.gazetteer.importing import check_output, entities_yaml, header_for, import_rows, write_gazetteer

    try:
        if output is not None:
            check_output(output, file, force)
        report = import_rows(file, kind, bundled)
        text = entities_yaml(report.entities, header_for(str(file), report.shape))
        if output is not None:
            write_gazetteer(output, text, file, force)
        else:
            parse_file(text, "<stdout>")  # what is printed loads, as a written file does
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"read {file} as {report.shape}", err=True)
    if report.ignored:
        typer.echo(f"notice: ignored the columns {', '.join(report.ignored)}", err=True)
    for note in report.notes:
        typer.echo(note, err=True)
    typer.echo(report.summary(str(file), str(output) if output is not None else "standard output"), err=True)
    if output is None:
        typer.echo(text, nl=False)
    if report.refused:
        raise typer.Exit(1)


@gazetteer_app.command()
def learn(
    decisions: Path = typer.Argument(..., help="`normalize --format json` output, 'accepted' in each decided item."),
    to: Optional[Path] = typer.Option(
        None, "--to", help="The gazetteer file to teach (default: the first file the project configuration names)."
    ),
    bundled: bool = typer.Option(True, "--bundled/--no-bundled", help="Also refuse collisions with the bundled set."),
) -> None:
    """Teach a gazetteer an editor's decisions: an accepted repair adds a variant, a rejected one
    protects its spelling (or adds an alias with 'alias': true), 'new_entity': true adds an entity."""
    from normalizer.config import find_config
    from normalizer.gazetteer.decisions import apply_decisions, configured_gazetteer, read_decisions

    try:
        config = find_config(Path.cwd())
        configured = list(config.gazetteers) if config is not None else []
        target = to or configured_gazetteer(configured)
        if target is None:
            raise GazetteerError("learn: no gazetteer is configured here; give --to FILE")
        messages = apply_decisions(target, read_decisions(decisions), bundled, also=configured)
    except NormalizerError as exc:
        raise _fail(str(exc)) from None
    _report_edits(messages)


if __name__ == "__main__":
    gazetteer_app()
