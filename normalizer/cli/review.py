"""`normalize review PATH...`: each correction put to an editor at the terminal,
in the manner of `git add -p`.

For every applied correction and every suggestion of each article: its line
with the span marked, the replacement, the confidence and the reasons, then
one question. Keys (a line each, Enter to send):

    y  accept it              n  reject it (then: protect the spelling, or an alias)
    e  edit the replacement   s  skip: leave it as written, learn nothing
    a  accept it and every later one of this spelling
    q  quit: leave this and the rest as written     ?  help

At the end each article is rewritten atomically with the accepted changes
only, and the decisions go to the repository's own gazetteer (`--learn-to
FILE`, else the first file the project configuration's `gazetteers` names)
through `normalizer.gazetteer.decisions`, the code `normalize gazetteer learn`
runs; with neither, a line says they were not saved. `--save-decisions FILE`
also writes them as the JSON that `gazetteer learn` reads. Ctrl-C writes
nothing. Exit status 0 done, 1 interrupted, 2 bad input or no terminal.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.text import Text

from normalizer.errors import NormalizerError
from normalizer.folding import fold_case
from normalizer.gazetteer.decisions import (
    Decision, apply_decisions, check_writable, configured_gazetteer, write_decisions,
)
from normalizer.gazetteer.files import same_spelling
from normalizer.result import Correction, apply_corrections
from normalizer.tokens import tokenize

PROG = "normalize review"
KEYS = "y,n,e,s,a,q,?"
HELP = """y - accept this correction
n - reject it: the spelling is right as written (then: protect it, or keep it as an alias)
e - edit the replacement, then accept it
s - skip: leave it as written and learn nothing
a - accept this correction and every later one of the same spelling
q - quit: leave this one and the rest as written (what was decided is kept)
? - print this help"""
KIND_KEYS = {"p": "person", "l": "place", "o": "organization", "h": "honorific", "t": "term"}
CONTEXT = 60  # characters of the line shown on each side of the span


@dataclass
class Article:
    name: str
    text: str
    config: object  # ProjectConfig or None
    target: Path | None  # the gazetteer its decisions go to
    engine: object  # the Normalizer of its configuration
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The editor's answer on one correction: applied as `replacement` or not, and
    what the gazetteer learns of it (None: nothing)."""

    correction: Correction
    applied: bool
    replacement: str
    decision: Decision | None = None


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if not sys.stdin.isatty():
        print(f"{PROG}: needs a terminal (standard input is not a tty); "
              "use `normalize --format json` and `normalize gazetteer learn` instead", file=sys.stderr)
        return 2
    console = Console(highlight=False)
    try:
        articles = _prepare(args)
        for article in articles:
            article.corrections = _corrections(article)
        session = Session(console)
        verdicts = {article.name: session.review(article) for article in articles}
    except NormalizerError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        console.print("\nInterrupted: nothing written.")
        return 1
    try:
        return _finish(console, args, articles, verdicts)
    except (NormalizerError, OSError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Review each correction of the articles at the terminal, then rewrite them with the "
        "accepted ones and teach the decisions to the repository's gazetteer.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="articles to review")
    parser.add_argument("--learn-to", type=Path, metavar="FILE",
                        help="the gazetteer that learns the decisions (default: the configuration's first file)")
    parser.add_argument("--save-decisions", type=Path, metavar="FILE",
                        help="also write the decisions as JSON, for `normalize gazetteer learn`")
    parser.add_argument("--gazetteer", "-g", type=Path, action="append", default=[], metavar="PATH",
                        help="extra gazetteer file or folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="leave the bundled gazetteers out")
    parser.add_argument("--min-confidence", type=_confidence, metavar="X",
                        help="apply corrections at or above this confidence (the rest are suggestions)")
    return parser


def _confidence(value: str) -> float:
    number = float(value)
    if not 0.01 <= number <= 1.0:  # as `normalize --min-confidence`
        raise ValueError(value)
    return number


# ---------------------------------------------------------------- before the session


def _prepare(args) -> list[Article]:
    """The articles, read, each with its engine and the gazetteer its decisions go to (checked)."""
    from normalizer.cli.app import Engines, plan
    from normalizer.cli.files import read_article

    learn_to = args.learn_to
    if learn_to is not None:
        check_writable(learn_to)  # refused now, before the editor's work, not after it
    engines: dict[tuple[Path, ...], Engines] = {}
    articles = []
    for name, config in plan(list(args.paths)):
        configured = list(config.gazetteers) if config is not None else []
        target = learn_to or configured_gazetteer(configured)
        if target is not None and target != learn_to:
            check_writable(target)
        extra = list(args.gazetteer)
        if learn_to is not None and learn_to.resolve() not in {path.resolve() for path in configured}:
            extra.append(learn_to)  # what it protects counts already (a file loaded twice would be a rival of itself)
        key = tuple(extra)
        if key not in engines:
            engines[key] = Engines(extra, bundled=not args.no_bundled, apply_threshold=args.min_confidence)
        articles.append(Article(name, read_article(name), config, target, engines[key].for_config(config)))
    return articles


def _corrections(article: Article) -> tuple[Correction, ...]:
    from normalizer.markup import protected_spans

    result = article.engine.normalize(article.text, ignore_spans=protected_spans(article.name, article.text))
    return tuple(sorted(result.corrections, key=lambda c: c.start))


# ---------------------------------------------------------------- the session


class Session:
    """The questions, one correction at a time, and the editor's answers."""

    def __init__(self, console: Console):
        self.console = console
        self.accept_all: set[tuple[str, str]] = set()  # (spelling, replacement) accepted with `a`
        self.kept: dict[str, bool] = {}  # spelling rejected as right as written -> as an alias: not asked again
        self.quit = False

    def review(self, article: Article) -> list[Verdict]:
        total = len(article.corrections)
        if not total:
            self.console.print(Text(f"{article.name}: nothing to review"))
        verdicts = []
        for n, correction in enumerate(article.corrections, 1):
            if self.quit:
                break
            verdict = self.decided_before(article, correction)
            if verdict is None:
                show(self.console, article, correction, n, total)
                verdict = self.ask(article, correction)
            if verdict is not None:
                verdicts.append(verdict)
        return verdicts

    def decided_before(self, article: Article, correction: Correction) -> Verdict | None:
        """The verdict of an earlier answer that covers this correction too."""
        spelling = same_spelling(correction.original)
        where = f"{article.name}:{correction.line}:{correction.column}"
        if (spelling, correction.replacement) in self.accept_all:
            change = f"'{correction.original}' -> '{correction.replacement}'"
            self.console.print(Text(f"{where}: {change} (as before)", "dim"))
            return _verdict(article, correction, True)
        if spelling in self.kept:
            self.console.print(Text(f"{where}: '{correction.original}' left as written (as before)", "dim"))
            return _verdict(article, correction, False, alias=self.kept[spelling])
        return None

    def ask(self, article: Article, correction: Correction) -> Verdict | None:
        """The editor's verdict on one correction (None: skipped, or quit)."""
        while True:
            answer = self.prompt(f"Apply this correction [{KEYS}]? ")
            if answer in ("y", "a"):
                if answer == "a":
                    self.accept_all.add((same_spelling(correction.original), correction.replacement))
                return _verdict(article, correction, True)
            if answer == "n":
                return self.rejected(article, correction)
            if answer == "s":
                return None
            if answer == "q":
                self.quit = True
                return None
            if answer == "e":
                verdict = self.edited(article, correction)
                if verdict is not False:
                    return verdict
            else:
                self.console.print(Text(HELP, style="" if answer == "?" else "yellow"))

    def rejected(self, article: Article, correction: Correction) -> Verdict:
        question = (f"Keep '{correction.original}' as [p]rotected (never offered again) or as an "
                    f"[a]lias of '{correction.entity}' (another correct form)? [p,a] ")
        while True:
            answer = self.prompt(question) or "p"
            if answer in ("p", "a"):
                self.kept[same_spelling(correction.original)] = answer == "a"
                return _verdict(article, correction, False, alias=answer == "a")

    def edited(self, article: Article, correction: Correction) -> Verdict | None | bool:
        """The verdict with the replacement as typed (None: left as written);
        False to ask again (nothing typed)."""
        typed = self.prompt(f"Replace '{correction.original}' with (Enter: back): ", lower=False)
        if not typed:
            return False
        if typed == correction.original:  # as written: nothing to apply or learn
            return None
        known = known_name(article, typed, correction.entity)
        if known is not None:
            edited = replace(correction, replacement=typed, entity=known[0], kind=known[1])
            return _verdict(article, edited, True)
        question = (f"'{typed}' is a name the gazetteers lack. Learn it as a new [p]erson, p[l]ace, "
                    "[o]rganization, [h]onorific or [t]erm (Enter: apply it, learn nothing)? ")
        while True:
            answer = self.prompt(question)
            if not answer:
                return Verdict(correction, True, typed)
            if answer in KIND_KEYS:
                edited = replace(correction, replacement=typed, entity=typed, kind=KIND_KEYS[answer])
                return _verdict(article, edited, True, new_entity=True)

    def prompt(self, question: str, lower: bool = True) -> str:
        """One line of the editor's; the end of input quits, as `q` does."""
        try:
            answer = self.console.input(Text(question, style="bold blue")).strip()
        except EOFError:
            self.quit = True
            return "q"
        return answer.lower() if lower else answer


def _verdict(article: Article, correction: Correction, accepted: bool, **how: bool) -> Verdict:
    """The verdict on `correction` (its replacement and entity as the editor left them)
    and the decision the gazetteer learns from it."""
    where = f"{article.name}:{correction.line}:{correction.column}"
    decision = Decision(correction.original, correction.replacement, correction.entity, correction.kind,
                        accepted, where=where, **how)
    return Verdict(correction, accepted, correction.replacement, decision)


def known_name(article: Article, typed: str, preferred: str) -> tuple[str, str] | None:
    """(canonical, kind) of the loaded entity that `typed` is a correct form of, `preferred` first."""
    index = article.engine.index
    keys = tuple(fold_case(token.text) for token in tokenize(typed))
    found = [index.entities[index.forms[i].entity] for i in index.exact.get(keys, ()) if not index.forms[i].is_variant]
    found.sort(key=lambda info: info.canonical != preferred)
    return (found[0].canonical, found[0].kind) if found else None


def show(console: Console, article: Article, correction: Correction, n: int, total: int) -> None:
    """The correction as the editor sees it: where, the line with the span marked, the change, why."""
    status = "applied" if correction.applied else "suggested"
    console.print()
    console.print(Text.assemble(
        (f"({n}/{total}) {article.name}:{correction.line}:{correction.column}", "bold"),
        f"  {correction.kind} '{correction.entity}', {status} at {correction.confidence:.2f}",
    ))
    line_start = article.text.rfind("\n", 0, correction.start) + 1
    line_end = article.text.find("\n", correction.end)
    line_end = len(article.text) if line_end == -1 else line_end
    before = article.text[max(line_start, correction.start - CONTEXT):correction.start]
    after = article.text[correction.end:min(line_end, correction.end + CONTEXT)]
    console.print(Text.assemble(
        "  ", "…" if correction.start - CONTEXT > line_start else "", before,
        (correction.original, "bold red reverse"), after, "…" if correction.end + CONTEXT < line_end else "",
    ))
    console.print(Text(f"  - {correction.original}", style="red"))
    console.print(Text(f"  + {correction.replacement}", style="green"))
    for reason in correction.reasons:
        console.print(Text(f"    · {reason}", style="dim"))


# ---------------------------------------------------------------- after it


def _finish(console: Console, args, articles: list[Article], verdicts: dict[str, list[Verdict]]) -> int:
    """Write the articles, save the decisions, teach the gazetteers; report each.
    An article that cannot be written is said and the rest goes on (exit 2)."""
    from normalizer.atomic import write_atomic

    status = 0
    console.print()
    for article in articles:
        chosen = [replace(v.correction, applied=True, replacement=v.replacement) for v in verdicts[article.name]
                  if v.applied]
        try:
            if chosen:
                write_atomic(article.name, apply_corrections(article.text, chosen), in_place=True)
        except NormalizerError as exc:  # read-only, hard links: says which
            print(f"{PROG}: {exc}", file=sys.stderr)
            status = 2
            continue
        except OSError as exc:
            print(f"{PROG}: {article.name}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            status = 2
            continue
        console.print(Text(f"{article.name}: {len(chosen)} of {len(article.corrections)} correction(s) applied"))
    if args.save_decisions is not None:  # first: should the gazetteer fail, the decisions are kept
        write_decisions(args.save_decisions, [_record(article, verdicts[article.name]) for article in articles])
        console.print(Text(f"{args.save_decisions}: decisions saved"))
    _learn(console, args, articles, verdicts)
    return status


def _learn(console: Console, args, articles: list[Article], verdicts: dict[str, list[Verdict]]) -> None:
    """Each gazetteer learns the decisions of its articles, checked against the
    gazetteers their engine loaded (bundled ones too, unless left out)."""
    targets: dict[Path, tuple[list[Decision], list[Path], list[bool]]] = {}
    unsaved = 0
    for article in articles:
        decisions = [v.decision for v in verdicts[article.name] if v.decision is not None]
        if article.target is None:
            unsaved += len(decisions)
            continue
        config = article.config
        learned, also, bundled = targets.setdefault(article.target, ([], [], []))
        learned += decisions
        also += [*(config.gazetteers if config is not None else ()), *args.gazetteer]
        bundled.append(not args.no_bundled and (config.bundled if config is not None else True))
    for target, (decisions, also, bundled) in targets.items():
        if not decisions:
            continue
        for message in apply_decisions(target, decisions, bundled=any(bundled), also=also):
            console.print(Text(message.text))
        if target.resolve() not in {path.resolve() for path in also}:
            console.print(Text(f"({target} is not in the project's configuration: give it with --gazetteer "
                               "for the next runs to use what it learned)"))
    if unsaved and args.save_decisions is None:
        console.print(Text(f"{unsaved} decision(s) not saved: no gazetteer is configured; "
                           "give --learn-to FILE or --save-decisions FILE"))


def _record(article: Article, verdicts: list[Verdict]) -> dict:
    """The article's corrections as `normalize --format json` gives them, with the decisions."""
    decided = {v.correction.start: v for v in verdicts}
    items = []
    for correction in article.corrections:
        verdict = decided.get(correction.start)
        item = correction.to_dict()
        if verdict is not None and verdict.decision is not None:
            item = verdict.decision.as_item(item)
        elif verdict is not None:  # applied as typed, nothing to learn
            item["replacement"] = verdict.replacement
        items.append(item)
    return {"path": article.name, "corrections": items}
