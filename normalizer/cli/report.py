"""What a `normalize` run tells its user: errors as they happen, the findings and
summary at the end, the progress bar meanwhile, and the exit status.

Exit status: 0 fine, 1 `--check` found a correction to apply, 2 an article (or
the usage) was bad. Suggestions never fail `--check`.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

PROGRESS_MIN_FILES = 10  # fewer files finish before a bar is worth drawing

OK, FINDINGS, BAD_INPUT = 0, 1, 2


class Outcome:
    """What happened to one article: its result and the files written for it.
    (A plain class: a dataclass would cost a millisecond at every start.)"""

    __slots__ = ("name", "result", "written", "printed", "error", "worked_out", "words")

    def __init__(self, name: str, result, written: list[Path] | None = None, printed: bytes = b"", error: str = ""):
        self.name = name
        self.result = result
        self.written = written if written is not None else []
        self.printed = printed  # for stdout (--diff, --stdout), printed in order by the parent
        self.error = error  # why this article failed
        # The key of a result the engine worked out rather than read back:
        # the parent keeps it for the next run (known_results.py).
        self.worked_out: bytes | None = None
        # The words its engine worked out for it (normalizer.word_store), for the parent to keep.
        self.words: dict[bytes, str] = {}


class Report:
    """The outcomes of one run, and the exit status they make.

    `check`: corrections to apply are findings (exit 1). `done`: the corrections
    were written (--in-place), so the summary says "applied", not "to apply"."""

    def __init__(self, check: bool = False, done: bool = False, hide_suggestions: bool = False):
        self.check = check
        self.done = done
        self.hide_suggestions = hide_suggestions  # report applied corrections only, and count the rest
        self.outcomes: list[Outcome] = []  # the articles normalized
        self.failures = 0  # the articles that could not be

    def add(self, outcome: Outcome, errors: TextIO | None = None) -> None:
        """Record one article; a failed one is told on `errors` (stderr) at once."""
        if outcome.error:
            self.failures += 1
            print(f"normalize: error: {outcome.error}", file=errors or sys.stderr)
        else:
            self.outcomes.append(outcome)

    @property
    def return_code(self) -> int:
        if self.failures:
            return BAD_INPUT
        if self.check and any(o.result.applied for o in self.outcomes):
            return FINDINGS
        return OK

    def summary(self) -> str:
        """`normalize: 3 corrections to apply in 2 of 5 file(s)`, or "" when none."""
        applied = sum(len(o.result.applied) for o in self.outcomes)
        if not applied:
            return ""
        files = sum(1 for o in self.outcomes if o.result.applied)
        verb = "applied" if self.done else "to apply"
        plural = "s" if applied != 1 else ""
        return f"normalize: {applied} correction{plural} {verb} in {files} of {len(self.outcomes)} file(s)"

    def write(self, stream: TextIO, output_format: str, findings_only: bool, version: str = "") -> None:
        """The report at the end of the run on `stream`; the summary line of
        `findings_only` runs (--check, --in-place, --diff) goes to stderr."""
        if output_format != "text":
            from normalizer.cli.formats import render

            stream.write(render(output_format, self._named(), version))
        elif findings_only:
            if any(o.result.corrections for o in self.outcomes):  # a clean run need not import formats
                from normalizer.cli.formats import render

                stream.write(render("text", self._named()))
            if self.summary():
                print(self.summary(), file=sys.stderr)
        else:
            self._write_per_file(stream)
        if self.hide_suggestions and output_format == "text":
            hidden = sum(len(o.result.suggestions) for o in self.outcomes)
            if hidden:
                plural = "s" if hidden != 1 else ""
                print(f"normalize: {hidden} suggestion{plural} hidden (--suggestions show to list them)", file=sys.stderr)

    def _write_per_file(self, stream: TextIO) -> None:
        """Each file's findings, then `name: 2 corrected, 1 suggested; wrote ...`."""
        from normalizer.cli.formats import render
        from normalizer.result import quote_path

        for outcome in self.outcomes:
            name, result = outcome.name, outcome.result
            stream.write(render("text", [(name, self._shown(result))]))
            outputs = f"; wrote {', '.join(quote_path(str(p)) for p in outcome.written)}" if outcome.written else ""
            counts = f"{len(result.applied)} corrected, {len(result.suggestions)} suggested"
            stream.write(f"{quote_path(name)}: {counts}{outputs}\n")

    def _named(self) -> list[tuple[str, object]]:
        return [(o.name, self._shown(o.result)) for o in self.outcomes]

    def _shown(self, result):
        """The result as reported: without its suggestions when they are hidden."""
        if not self.hide_suggestions or not result.suggestions:
            return result
        from dataclasses import replace

        return replace(result, corrections=tuple(result.applied))


SKIPPED_SHOWN = 3  # names a skip note lists before "and N more"


def skip_note(skipped: list[str]) -> str:
    """The one line that tells which paths given were outputs of normalize, not articles."""
    from normalizer.result import quote_path

    shown = ", ".join(quote_path(name) for name in skipped[:SKIPPED_SHOWN])
    more = f" and {len(skipped) - SKIPPED_SHOWN} more" if len(skipped) > SKIPPED_SHOWN else ""
    return f"normalize: skipped {shown}{more}: files normalize writes (NAME.normalized.EXT, NAME.diff), not articles"


class progress_bar:
    """A rich progress bar on stderr for long interactive runs; a no-op in hooks,
    pipes and CI (stderr not a terminal), for a few files, or with machine output."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.enabled = enabled and total >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("normalizing", total=self.total)
        return lambda: self._progress.advance(self._task)

    @contextmanager
    def saying(self, what: str) -> Iterator[None]:
        """While it lasts, the bar says `what` where it says "normalizing": a wait before
        the first file (cli/preload.py) is not taken for a stall. Only where the bar is."""
        with relabelled(self._progress, self._task, what):
            yield

    def __exit__(self, *exc_info):
        if self._progress is not None:
            self._progress.stop()
        return False


@contextmanager
def relabelled(progress, task, what: str, label: str = "normalizing") -> Iterator[None]:
    """While it lasts, rich's `progress` says `what` for `task` where it says
    `label`; nothing where there is no bar (`progress` None)."""
    if progress is None:
        yield
        return
    progress.update(task, description=f"{what}...")
    progress.refresh()
    try:
        yield
    finally:
        progress.update(task, description=label)


def fail(message: str) -> None:
    """Stop the command on bad usage or input: one line on stderr, exit status 2."""
    print(f"normalize: error: {message}", file=sys.stderr)
    raise SystemExit(BAD_INPUT)
