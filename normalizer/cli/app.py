"""The `normalize` command: arguments in, files out. No matching logic lives here.

    normalize [OPTIONS] PATH...        repair the articles (the default command)
    normalize gazetteer COMMAND ...    gazetteer files (normalizer/gazetteer/tools.py)
    normalize eval [ARGS]...           measure quality (normalizer/measure/evaluate.py)
    normalize corpus IN -o OUT ...     a corpus at scale (normalizer/ingest/command.py)
    normalize report PATH... -o FILE   an HTML page to review (normalizer/cli/html_report.py)
    normalize review PATH...           review the corrections at the terminal (normalizer/cli/review.py)

Modes of the default command (at most one of --check, --in-place, --stdout;
--diff combines with --check):

    (default)    for article.txt, write article.normalized.txt and article.diff beside it
    --stdout     print the normalized text
    --check      write nothing; exit 1 if any correction would be applied
    --in-place   rewrite each changed article atomically
    --diff       print a unified diff to stdout; write nothing

The files a run writes are never its inputs: NAME.normalized.EXT, and a
NAME.diff given beside its article, are skipped with a note; a run whose
outputs would overwrite an input or one another, or cannot be written, is
refused before anything is written (files.py).

Each article gets the project configuration nearest to it (see config.py);
articles that share a configuration share one loaded Normalizer. Code, URLs
and tags of Markdown, HTML and reStructuredText are never touched (markup.py).
Worker processes: concurrency.py; the report and the exit status: report.py.

A plain command line (`normalize --check a.txt b.txt`, what a hook runs) is
read by `quick_parse` here, without typer; help, --version, sub-commands and
anything unusual go to the typer application in commands.py, the one reader
of the options' rules and help. Sub-commands are imported only when they run.
"""

from __future__ import annotations

import sys
from enum import Enum
from functools import partial
from pathlib import Path

from normalizer._version import __version__
from normalizer.cli import concurrency, preload
from normalizer.cli.engines import Engines
from normalizer.cli.report import Outcome, Report, fail, progress_bar, skip_note
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
    "corpus": (
        "normalizer.ingest.command:main",
        "Normalize a text field of a JSONL, CSV or Parquet corpus into Parquet or JSONL, resumably, "
        "on local processes or Dask.",
    ),
    "review": (
        "normalizer.cli.review:main",
        "Review the corrections at the terminal, like `git add -p`; the decisions teach the gazetteer.",
    ),
    "report": (
        "normalizer.cli.html_report:main",
        "Write one self-contained HTML page to review the corrections of articles (report PATH... -o FILE).",
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
    html = "html"


# ---------------------------------------------------------------- the command line


def main(argv: list[str] | None = None) -> None:
    """The `normalize` console script. A plain command line (articles and the
    default command's options, each written out: what a hook or a script
    runs) is read here; anything else goes to typer (commands.py), which
    gives help, sub-commands and every error of usage."""
    args = sys.argv[1:] if argv is None else list(argv)
    options = quick_parse(args)
    if options is None:
        from normalizer.cli.commands import app

        app(args, prog_name="normalize")
        return
    try:
        code = run(**options)
    except (EOFError, KeyboardInterrupt):  # as click reports them
        print("\nAborted!", file=sys.stderr)
        code = 1
    except BrokenPipeError:  # `normalize --stdout x | head`: as click does
        code = _broken_pipe()
    if argv is None:  # the console script, not a caller in this process
        _exit_now(code)
    raise SystemExit(code)


def _exit_now(code: int) -> None:
    """End the process at once, as mypy's console script does: the
    interpreter's teardown (every object freed, a last collection: some 3%
    of a cold start's work) does nothing a finished run needs. Only where
    nothing is left to finish: no other thread, no worker process, and the
    output flushed (else the ordinary exit reports what fails), and no
    profiler or tracer (cProfile, coverage) waiting to write what it saw."""
    import os
    import threading

    if sys.getprofile() is not None or sys.gettrace() is not None:
        return
    processes = sys.modules.get("multiprocessing")
    if threading.active_count() != 1 or (processes is not None and processes.active_children()):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


# The default command's options that `quick_parse` reads: flag -> run's keyword.
FLAGS = {"--stdout": "stdout", "--check": "check", "--in-place": "in_place", "-i": "in_place",
         "--diff": "diff", "--no-bundled": "no_bundled", "--no-result-cache": "no_result_cache"}
VALUED = {"--gazetteer": "gazetteers", "-g": "gazetteers", "--min-confidence": "min_confidence",
          "--format": "output_format", "--jobs": "jobs", "-j": "jobs", "--suggestions": "suggestions"}
_DIGITS = frozenset("0123456789")


def quick_parse(args: list[str]) -> dict | None:
    """run's keywords for a command line typer would read the same way, or
    None for anything else (help, --version, a sub-command, `--opt=value`,
    a repeated or doubtful value, an unknown option): then typer reads it."""
    if not args or args[0] in SUBCOMMANDS:
        return None
    options: dict = {"paths": [], "gazetteers": []}
    rest = iter(args)
    for arg in rest:
        if arg == STDIN or not arg.startswith("-"):
            options["paths"].append(arg)
        elif arg in FLAGS:
            options[FLAGS[arg]] = True
        elif arg in VALUED:
            name, value = VALUED[arg], next(rest, None)
            if value is None or value.startswith("-") or not value or (name in options and name != "gazetteers"):
                return None
            converted = _convert(name, value)
            if converted is None:
                return None
            if name == "gazetteers":
                options[name].append(converted)
            else:
                options[name] = converted
        else:
            return None
    if not options["paths"]:
        return None
    options["bundled"] = not options.pop("no_bundled", False)
    options["result_cache"] = not options.pop("no_result_cache", False)
    return options


def _convert(name: str, value: str):
    """The value as typer would give it, or None when typer might read it otherwise."""
    if name == "gazetteers":
        return Path(value)
    if name == "output_format":
        return value if value in ReportFormat.__members__ else None
    if name == "suggestions":
        return value if value in Suggestions.__members__ else None
    if not set(value) <= _DIGITS | {"."} or value.count(".") > 1 or value.strip(".") == "":
        return None
    if name == "jobs":
        return int(value) if "." not in value else None
    number = float(value)  # --min-confidence
    return number if 0.01 <= number <= 1.0 else None


def _broken_pipe() -> int:
    # What click does when the reader of stdout goes away: exit 1, and no
    # second error when the interpreter flushes stdout at exit.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def run(paths: list[str], *, stdout: bool = False, check: bool = False, in_place: bool = False, diff: bool = False,
        gazetteers: list[Path] = (), bundled: bool = True, min_confidence: float | None = None,
        output_format: str = "text", jobs: int = 0, suggestions: str | None = None, result_cache: bool = True) -> int:
    """The default command, its arguments read: normalize the articles, report; the exit status."""
    chosen = [flag for flag, on in (("--check", check), ("--in-place", in_place), ("--stdout", stdout)) if on]
    if len(chosen) > 1:
        fail(f"{' and '.join(chosen)} cannot be used together")
    if diff and (in_place or stdout):
        fail(f"--diff cannot be used with {chosen[0]}")
    if in_place and STDIN in paths:
        fail("--in-place needs files, not '-' (stdin)")

    from normalizer.cli.files import check_outputs, written_by_normalize

    engines = Engines(list(gazetteers), bundled=bundled, apply_threshold=min_confidence, result_cache=result_cache)
    # The files a run writes are never read as articles (a second `normalize *.txt`
    # would normalize the first one's outputs), nor written over one another.
    skipped = written_by_normalize([name for name in paths if name != STDIN])
    left_out = set(skipped)
    try:
        articles = plan([name for name in paths if name not in left_out])
        if not (check or in_place or stdout or diff):  # the one mode that writes beside the articles
            check_outputs([name for name, _ in articles if name != STDIN])
    except NormalizerError as exc:
        fail(str(exc))
    if skipped:
        print(skip_note(skipped), file=sys.stderr)

    task = partial(_normalize_one, engines, check=check, in_place=in_place, diff=diff, stdout=stdout)
    # Standard input is read here, never on a worker.
    workers = 1 if STDIN in paths else jobs
    report = Report(check=check, done=in_place, hide_suggestions=_hide_suggestions(suggestions, articles, check))
    bar = progress_bar(len(articles), enabled=output_format == "text" and not (stdout or diff))
    with bar as advance:
        load = partial(preload.load_all, engines, articles, saying=bar.saying)
        for outcome in concurrency.run(task, articles, workers, before_fork=load):
            report.add(outcome)
            engines.remember(outcome)
            if outcome.printed:
                sys.stdout.buffer.write(outcome.printed)
                sys.stdout.flush()
            advance()
    engines.save()

    # Machine output and diagnostics go to stdout unless the text or diff does.
    text_on_stdout = stdout or diff or (STDIN in paths and not check)
    report.write(
        sys.stderr if text_on_stdout else sys.stdout,
        output_format,
        findings_only=check or in_place or diff,
        version=__version__,
    )
    return report.return_code


def _hide_suggestions(flag, articles: list[tuple[str, object]], check: bool) -> bool:
    """The command line decides; else the projects' configuration, when they
    agree; else `--check` hides them (a hook reports what it would fix)."""
    if flag is not None:
        return flag == Suggestions.hide.value
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
        from normalizer.result import quote_path

        return Outcome(name, None, error=f"{quote_path(name)}: cannot write: {exc.strerror or exc}")


def _normalize_article(engines: Engines, name: str, config, *, check: bool, in_place: bool, diff: bool,
                       to_stdout: bool) -> Outcome:
    from normalizer.cli.files import (
        decode_article, output_paths, read_article, read_bounded, write_atomic, write_output,
    )
    from normalizer.markup import detect_format, protected_spans

    if name == STDIN:
        text = decode_article(read_bounded(sys.stdin.buffer.read, STDIN_NAME), STDIN_NAME)
    else:
        text = read_article(name)
    markup = detect_format(name)
    # No store (--no-result-cache, the cache off): no key, whose gazetteer digests the load makes anyway.
    results_key = engines.results_key(config) if engines.known.enabled else ""
    result, worked_out = engines.known.normalize(
        results_key, text, markup,
        lambda: engines.for_config(config).normalize(text, ignore_spans=protected_spans(name, text, markup)),
    )
    shown = STDIN_NAME if name == STDIN else name
    outcome = Outcome(shown, result)
    outcome.worked_out = worked_out
    outcome.words = engines.words.take_new() if engines.words.enabled else {}  # a worker's, for the parent to keep
    if diff:
        outcome.printed = result.diff(Path(shown).as_posix()).encode("utf-8")
    elif to_stdout:
        outcome.printed = result.text.encode("utf-8")
    elif in_place:
        if result.text != result.original:
            write_atomic(name, result.text, in_place=True)
            outcome.written.append(Path(name))
    elif not check:
        path = Path(name)
        normalized_path, diff_path = output_paths(path)
        write_output(normalized_path, result.text, like=path)
        write_output(diff_path, result.diff(path.name), like=path)
        outcome.written = [normalized_path, diff_path]
    return outcome


def __getattr__(name: str):
    # The typer application and its parts live in commands.py, imported only
    # when asked for (`from normalizer.cli.app import app` keeps working).
    if name == "output_paths":  # moved to files.py, with the other names of files
        from normalizer.cli.files import output_paths

        return output_paths
    if name in ("app", "load_subcommand", "NormalizeGroup", "DefaultCommand", "PassThrough"):
        from normalizer.cli import commands

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
