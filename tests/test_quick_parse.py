"""`normalize`'s own reading of a plain command line (cli/app.py quick_parse),
which spares a hook's run the import of typer: it must read every line it
takes exactly as typer does, and leave every other line to typer."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from typer.testing import CliRunner

from normalizer.cli import app as cli
from normalizer.cli import commands

PLAIN = [
    ["--check", "a.txt"],
    ["a.txt", "--check", "b.txt"],
    ["-"],
    ["--stdout", "-"],
    ["-i", "a.txt"],
    ["--in-place", "a.txt"],
    ["--diff", "--check", "a.txt"],
    ["-g", "g.yaml", "--gazetteer", "more/", "a.txt", "-g", "./h.yaml"],
    ["--no-bundled", "a.txt"],
    ["--no-result-cache", "--check", "a.txt"],
    ["--min-confidence", "0.9", "a.txt"],
    ["--min-confidence", ".5", "a.txt"],
    ["--min-confidence", "1", "a.txt"],
    ["--min-confidence", "0.01", "a.txt"],
    ["--format", "json", "a.txt"],
    ["--format", "github", "--check", "a.txt"],
    ["--jobs", "2", "a.txt"],
    ["-j", "0", "a.txt"],
    ["--suggestions", "show", "a.txt"],
    ["--suggestions", "hide", "a.txt"],
    ["--check", "--check", "a.txt"],
    ["normalize", "a.txt"],  # an article named like the program
    ["./eval", "./gazetteer"],
]

FOR_TYPER = [
    [],
    ["--help"],
    ["a.txt", "--help"],
    ["--version"],
    ["-h"],
    ["eval", "x.jsonl"],
    ["gazetteer", "lint"],
    ["--check"],  # no article: typer's error
    ["-g"],
    ["--min-confidence=0.5", "a.txt"],
    ["-j2", "a.txt"],
    ["-ij", "2", "a.txt"],
    ["--min-confidence", "5", "a.txt"],
    ["--min-confidence", "0", "a.txt"],
    ["--min-confidence", "1e-1", "a.txt"],
    ["--min-confidence", "nan", "a.txt"],
    ["--jobs", "-1", "a.txt"],
    ["--jobs", "1.5", "a.txt"],
    ["--format", "JSON", "a.txt"],
    ["--suggestions", "all", "a.txt"],
    ["--format", "json", "--format", "text", "a.txt"],
    ["-g", "-", "a.txt"],
    ["--", "-a.txt"],
    ["--bogus", "a.txt"],
]


def with_defaults(keywords: dict) -> dict:
    bound = inspect.signature(cli.run).bind(**keywords)
    bound.apply_defaults()
    return {name: list(value) if isinstance(value, (list, tuple)) else value for name, value in bound.arguments.items()}


def typer_reads(args: list[str], monkeypatch) -> dict | None:
    """The keywords typer's command hands to `run`, or None if it does not get there."""
    seen: dict = {}

    def fake_run(paths, **keywords):
        seen.update(paths=paths, **keywords)
        return 0

    monkeypatch.setattr(commands, "run", fake_run)
    CliRunner().invoke(commands.app, args, prog_name="normalize")
    return with_defaults(seen) if seen else None


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_plain_line_is_read_as_typer_reads_it(args, monkeypatch):
    quick = cli.quick_parse(args)
    assert quick is not None, "left to typer"
    assert with_defaults(quick) == typer_reads(args, monkeypatch)


@pytest.mark.parametrize("args", FOR_TYPER, ids=" ".join)
def test_anything_else_is_left_to_typer(args):
    assert cli.quick_parse(args) is None


def test_gazetteers_are_paths_in_order():
    quick = cli.quick_parse(["-g", "b.yaml", "a.txt", "--gazetteer", "a/"])
    assert quick["gazetteers"] == [Path("b.yaml"), Path("a/")]
    assert quick["paths"] == ["a.txt"]
