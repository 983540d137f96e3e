"""The `normalize` command: arguments in, files out. No matching logic lives here.

    normalize [OPTIONS] PATH...        repair the articles (the default command)
    normalize gazetteer COMMAND ...    gazetteer files (normalizer/gazetteer/tools.py)
    normalize eval [ARGS]...           measure quality (normalizer/measure/evaluate.py)

Modes of the default command (at most one of --check, --in-place, --stdout;
--diff combines with --check):

    (default)    for article.txt, write article.normalized.txt and article.diff beside it
    --stdout     print the normalized text
    --check      write nothing; exit 1 if any correction would be applied
    --in-place   rewrite each changed article atomically
    --diff       print a unified diff to stdout; write nothing

Each article gets the project configuration nearest to it (see config.py);
articles that share a configuration share one loaded Normalizer. Code, URLs
and tags of Markdown, HTML and reStructuredText are never touched (markup.py).
Worker processes: concurrency.py; the report and the exit status: report.py.

Sub-commands are imported only when they run, and a hook's `normalize --check`
imports none of them: see NormalizeGroup.
"""

from __future__ import annotations

import gc
import sys
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from normalizer._version import __version__
from normalizer.cli import concurrency
from normalizer.cli.report import Outcome, Report, progress_bar
from normalizer.errors import NormalizerError

STDIN = "-"
STDIN_NAME = "<stdin>"

# The sub-commands of `normalize`, imported only when run: name -> (where it
# lives, its line in `normalize --help`, kept here so that help imports nothing).
# A Typer app is mounted as a group; a function is an argparse-style
# `main(argv) -> int` that gets the rest of the command line untouched.
GAZETTEER_APP = "normalizer.gazetteer.app:gazetteer_app"
SUBCOMMANDS = {
    "gazetteer": (GAZETTEER_APP, "Validate, lint, count and extend gazetteer files."),
    "eval": (
        "normalizer.measure.evaluate:main",
        "Score the engine on garbled texts with references (also normalize-eval); "
        "`eval garble` makes such texts.",
    ),
}
DEFAULT_COMMAND = "normalize"  # what runs when the first argument names no sub-command


class Suggestions(str, Enum):
    show = "show"
    hide = "hide"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def output_paths(path: Path) -> tuple[Path, Path]:
    """`article.txt` -> (`article.normalized.txt`, `article.diff`), beside the input."""
    return path.with_name(f"{path.stem}.normalized{path.suffix}"), path.with_name(f"{path.stem}.diff")


# ---------------------------------------------------------------- the command line


class NormalizeGroup(TyperGroup):
    """`normalize PATH...`, or `normalize COMMAND [ARGS]...` when the first
    argument names a sub-command (a "default group").

    The fallback is decided on the first argument alone, before any parsing, so
    the default command sees its arguments as a plain command would (`--`, `-j2`,
    an article named like an option's value). Its own options (`--version`,
    `--help`) count only first. An article named `eval` or `gazetteer` is
    written `./eval`. Sub-commands load lazily (click's lazy group): listing
    them in the help imports nothing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Its own option, made here rather than by typer from a callback's
        # signature: one less function to inspect at every start.
        version = TyperOption(
            param_decls=["--version"], is_flag=True, is_eager=True, expose_value=False, callback=_print_version,
            help="Print the version and exit.",
        )
        self.params.append(version)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        own = {name for param in self.get_params(ctx) for name in (*param.opts, *param.secondary_opts)}
        if not args or (args[0] not in SUBCOMMANDS and args[0] not in own):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: typer.Context, name: str):
        if name in SUBCOMMANDS:
            return load_subcommand(name)
        return super().get_command(ctx, name)  # the default command, hidden

    # One help page for `normalize --help` and `normalize PATH --help`: the
    # default command's usage, text and options, this group's, then the commands.
    def format_usage(self, ctx: typer.Context, formatter) -> None:
        default = self.commands[DEFAULT_COMMAND]
        formatter.write_usage(ctx.command_path, " ".join(default.collect_usage_pieces(ctx)))
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix=" " * len("Usage: "))

    def format_help_text(self, ctx: typer.Context, formatter) -> None:
        self.commands[DEFAULT_COMMAND].format_help_text(ctx, formatter)

    def format_options(self, ctx: typer.Context, formatter) -> None:
        params = [*self.commands[DEFAULT_COMMAND].params, *self.get_params(ctx)]
        for kind, title in (("argument", "Arguments"), ("option", "Options")):
            rows = [param.get_help_record(ctx) for param in params if param.param_type_name == kind]
            rows = [row for row in rows if row is not None]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: typer.Context, formatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short_help) for name, (_, short_help) in SUBCOMMANDS.items()])


class _DefaultContext(typer.Context):
    """The default command's context: it reads as the program itself in usage
    lines and errors (`normalize [OPTIONS] PATH...`, not `normalize normalize`)."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class DefaultCommand(TyperCommand):
    context_class = _DefaultContext

    def format_help(self, ctx: typer.Context, formatter) -> None:
        if ctx.parent is not None:  # `normalize PATH --help`: the page of `normalize --help`
            return ctx.parent.command.format_help(ctx.parent, formatter)
        return super().format_help(ctx, formatter)


class PassThrough(TyperCommand):
    """A sub-command that hands the rest of the command line, untouched, to an
    argparse-style `main(argv) -> int` (its `--help` included)."""

    def __init__(self, name: str, main, help: str):
        super().__init__(name, help=help, add_help_option=False, rich_markup_mode=None)
        self.main_function = main

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        ctx.args = list(args)
        return ctx.args

    def invoke(self, ctx: typer.Context):
        raise typer.Exit(self.main_function(ctx.args) or 0)


def load_subcommand(name: str):
    """Import sub-command `name` and give it as a command of this program, with
    the same help style as the rest (plain text, no rich panels)."""
    import importlib  # not at start: a hook's run needs no sub-command

    target, short_help = SUBCOMMANDS[name]
    module, attribute = target.split(":")
    loaded = getattr(importlib.import_module(module), attribute)
    if not isinstance(loaded, typer.Typer):
        return PassThrough(name, loaded, short_help)
    # Mounted under a host as `app.add_typer` would mount it, so that it takes
    # the host's help style rather than its own.
    host = typer.Typer(add_completion=False, rich_markup_mode=None)
    host.add_typer(loaded, name=name)
    return typer.main.get_command(host).commands[name]


app = typer.Typer(cls=NormalizeGroup, add_completion=False, rich_markup_mode=None)


def _print_version(ctx: typer.Context, param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        print(f"normalize {__version__}")
        raise typer.Exit(0)


@app.callback()
def _group():  # unannotated: typer would evaluate the annotation at each start
    """Makes `app` a group (its one option, --version, is NormalizeGroup's)."""


@app.command(
    DEFAULT_COMMAND,
    cls=DefaultCommand,
    hidden=True,
    help="Repair garbled names in each article. For article.txt, write article.normalized.txt and "
    "article.diff (NAME.normalized.EXT, NAME.diff) beside it; the article itself is never changed "
    "unless --in-place. Exit status 0 fine, 1 --check found corrections to apply, 2 bad input or usage.",
)
def normalize(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Articles to normalize; '-' reads stdin."),
    stdout: bool = typer.Option(False, "--stdout", help="Print the normalized text instead of writing files."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if any correction would be applied (for hooks and CI)."
    ),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Rewrite each article in place, atomically."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff to stdout instead of writing files."),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", "-g", help="Extra gazetteer file or folder (repeatable)."),
    no_bundled: bool = typer.Option(False, "--no-bundled", help="Leave the bundled gazetteers out."),
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.01, max=1.0, help="Apply corrections at or above this confidence."
    ),
    output_format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Report format."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes for many files (0: one per CPU, 1: no workers)."
    ),
    suggestions: Optional[Suggestions] = typer.Option(
        None, "--suggestions", help="Show or hide suggestions (default: hidden by --check, with a count)."
    ),
) -> None:
    chosen = [flag for flag, on in (("--check", check), ("--in-place", in_place), ("--stdout", stdout)) if on]
    if len(chosen) > 1:
        fail(f"{' and '.join(chosen)} cannot be used together")
    if diff and (in_place or stdout):
        fail(f"--diff cannot be used with {chosen[0]}")
    if in_place and STDIN in paths:
        fail("--in-place needs files, not '-' (stdin)")

    engines = Engines(gazetteer, bundled=not no_bundled, apply_threshold=min_confidence)
    try:
        articles = plan(paths)
    except NormalizerError as exc:
        fail(str(exc))

    task = partial(_normalize_one, engines, check=check, in_place=in_place, diff=diff, stdout=stdout)
    # Standard input is read here, never on a worker.
    workers = 1 if STDIN in paths else jobs
    report = Report(check=check, done=in_place, hide_suggestions=_hide_suggestions(suggestions, articles, check))
    with progress_bar(len(articles), enabled=output_format is ReportFormat.text and not (stdout or diff)) as advance:
        for outcome in concurrency.run(task, articles, workers, before_fork=partial(_load_all, engines, articles)):
            report.add(outcome)
            if outcome.printed:
                sys.stdout.buffer.write(outcome.printed)
                sys.stdout.flush()
            advance()

    # Machine output and diagnostics go to stdout unless the text or diff does.
    text_on_stdout = stdout or diff or (STDIN in paths and not check)
    report.write(
        sys.stderr if text_on_stdout else sys.stdout,
        output_format.value,
        findings_only=check or in_place or diff,
        version=__version__,
    )
    raise typer.Exit(report.return_code)


def _hide_suggestions(flag, articles: list[tuple[str, object]], check: bool) -> bool:
    """The command line decides; else the projects' configuration, when they
    agree; else `--check` hides them (a hook reports what it would fix)."""
    if flag is not None:
        return flag is Suggestions.hide
    chosen = {config.suggestions for _, config in articles if config is not None and config.suggestions}
    if len(chosen) == 1:
        return chosen.pop() == "hide"
    return check


def plan(paths: list[str]) -> list[tuple[str, object]]:
    """Each path with its project configuration, leaving out what the config excludes."""
    from normalizer.config import find_config

    jobs = []
    for name in paths:
        config = find_config(Path.cwd() if name == STDIN else Path(name))
        if config is not None and name != STDIN and not config.selects(Path(name)):
            continue
        jobs.append((name, config))
    return jobs


class Engines:
    """One loaded Normalizer per distinct set of options, loaded on first use."""

    def __init__(self, gazetteers: list[Path], bundled: bool, apply_threshold: float | None):
        self.gazetteers = list(gazetteers)
        self.bundled = bundled
        self.apply_threshold = apply_threshold
        self._loaded: dict = {}  # Options -> Normalizer

    def for_config(self, config):
        """The Normalizer for articles under `config` (None: no project config).

        Command-line options win: --gazetteer adds to the config's gazetteers,
        --no-bundled and --min-confidence override it."""
        from normalizer.engine import Normalizer  # lazy: `--help` stays instant
        from normalizer.options import merge

        try:
            options = merge(config, self.gazetteers, bundled=self.bundled, apply_threshold=self.apply_threshold)
        except NormalizerError as exc:
            fail(str(exc))
        if options not in self._loaded:
            try:
                self._loaded[options] = Normalizer.from_options(options)
            except NormalizerError as exc:  # a bad gazetteer spoils every file: stop at once
                fail(str(exc))
            # The index lives as long as the command: spare the garbage
            # collector from walking its many objects again and again
            # (and forked workers from copying the pages it would touch).
            gc.freeze()
        return self._loaded[options]


def _normalize_one(engines: Engines, article: tuple[str, object], *, check: bool, in_place: bool, diff: bool,
                   stdout: bool) -> Outcome:
    """Read, normalize and write one article. Runs on a worker process too, so it
    prints nothing: what is for stdout goes back in the outcome, errors likewise."""
    name, config = article
    try:
        return _normalize_article(engines, name, config, check=check, in_place=in_place, diff=diff,
                                  to_stdout=stdout or (name == STDIN and not check))
    except NormalizerError as exc:
        return Outcome(name, None, error=str(exc))
    except OSError as exc:  # a write that failed midway; the original is intact
        return Outcome(name, None, error=f"{name}: cannot write: {exc.strerror or exc}")


def _normalize_article(engines: Engines, name: str, config, *, check: bool, in_place: bool, diff: bool,
                       to_stdout: bool) -> Outcome:
    from normalizer.cli.files import decode_article, read_article, write_atomic
    from normalizer.markup import protected_spans

    text = decode_article(sys.stdin.buffer.read(), STDIN_NAME) if name == STDIN else read_article(name)
    engine = engines.for_config(config)
    result = engine.normalize(text, ignore_spans=protected_spans(name, text))
    shown = STDIN_NAME if name == STDIN else name
    outcome = Outcome(shown, result)
    if diff:
        outcome.printed = result.diff(Path(shown).as_posix()).encode("utf-8")
    elif to_stdout:
        outcome.printed = result.text.encode("utf-8")
    elif in_place:
        if result.text != result.original:
            write_atomic(name, result.text)
            outcome.written.append(Path(name))
    elif not check:
        path = Path(name)
        normalized_path, diff_path = output_paths(path)
        write_atomic(normalized_path, result.text, like=path)
        write_atomic(diff_path, result.diff(path.name), like=path)
        outcome.written = [normalized_path, diff_path]
    return outcome


def fail(message: str) -> None:
    print(f"normalize: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def _load_all(engines: Engines, articles: list[tuple[str, object]]) -> None:
    """Load every engine the articles need, so that forked workers inherit them
    instead of each loading its own."""
    for _, config in articles:
        engines.for_config(config)


def main(argv: list[str] | None = None) -> None:
    app(sys.argv[1:] if argv is None else argv, prog_name="normalize")


if __name__ == "__main__":
    main()
