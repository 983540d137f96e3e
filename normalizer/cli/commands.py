"""The `normalize` command line as typer reads it: the options and their help,
the sub-commands (loaded lazily), --help and --version, and every error of
usage.

`normalize --check PATH...` as a pre-commit hook runs it does not come here:
`normalizer.cli.app.main` reads such plain command lines itself and hands
anything else (help, a sub-command, a mistake) to this module, so the ~50 ms
import of typer and click is paid only where they are needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from normalizer._version import __version__
from normalizer.cli.app import DEFAULT_COMMAND, SUBCOMMANDS, ReportFormat, Suggestions, run

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
    no_result_cache: bool = typer.Option(
        False, "--no-result-cache",
        help="Work every article out anew: neither read nor keep the results of earlier runs "
        "(kept by default, for articles unchanged under the same gazetteers and version).",
    ),
) -> None:
    raise typer.Exit(
        run(
            paths, stdout=stdout, check=check, in_place=in_place, diff=diff, gazetteers=gazetteer,
            bundled=not no_bundled, min_confidence=min_confidence, output_format=output_format.value,
            jobs=jobs, suggestions=None if suggestions is None else suggestions.value,
            result_cache=not no_result_cache,
        )
    )
