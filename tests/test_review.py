"""`normalize review` as an editor uses it: the installed command at a real
pseudo-terminal (pexpect), keys typed at its questions. Each session is
checked by what it leaves (the article with exactly the accepted changes, the
gazetteer with the variants, protected words, aliases and entities it
learned, comments and order kept) and by a second `normalize --check` run on
a fresh copy of the article, which must honour every decision. The decisions
file and `gazetteer learn`: test_learn.py."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import NEWSROOM_GAZETTEER, ROOT, SEEDS, installed_normalize
from gazetteer_samples import only_insertions

from normalizer.calibration import calibrated
from normalizer.candidates.exact import VARIANT_CONFIDENCE
from normalizer.gazetteer.loading import parse_file

pexpect = pytest.importorskip("pexpect")

SEED = next(SEEDS.glob("000_*.txt"))
PROMPT = "[y,n,e,s,a,q,?]? "
LISTED = round(calibrated(VARIANT_CONFIDENCE), 4)  # a listed variant's confidence, as reported
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# An article of the newsroom's own names (tests/conftest.py), garbled as machine translation garbles them.
SMALL_ARTICLE = (
    "Central bank governor Kaveh Lotfolahy met the energy minister, Yerlan Nurgaliev, in Norvenia on Monday.\n"
    "Lotfolahy said the Tarkestany delegation would return. Nurgaliev agreed.\n"
)


class Terminal:
    """`normalize review ARGS` at a pseudo-terminal in `folder`."""

    def __init__(self, folder: Path, *args: str):
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
        # Ctrl-C as at a terminal, even when the suite itself runs where SIGINT is ignored
        # (a background job of a shell without job control): the child would inherit that.
        self.child = pexpect.spawn(installed_normalize(), ["review", *map(str, args)], cwd=str(folder), env=env,
                                   encoding="utf-8", timeout=60, dimensions=(60, 220),
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.child.logfile_read = self.seen = io.StringIO()

    def asked(self, original: str, *answers: tuple[str, str | None]) -> None:
        """The correction of `original` is shown; answer its questions: (what is
        printed, the line typed then, or None for nothing) pairs."""
        self.child.expect_exact(f"  - {original}\r\n")
        for printed, keys in answers:
            self.child.expect_exact(printed)
            if keys is not None:
                self.child.sendline(keys)

    def finish(self) -> tuple[int, str]:
        """The exit status and all the session printed (the answers echoed), colours removed."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus, ANSI.sub("", self.seen.getvalue()).replace("\r\n", "\n")


def normalize(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def corrections(folder: Path, article: Path, *options: str) -> list[dict]:
    """The corrections `normalize --check` finds in `article`, suggestions too."""
    done = normalize("--check", "--format", "json", "--suggestions", "show", *options, article, cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)[0]["corrections"]


def applied(text: str, chosen: list[dict]) -> str:
    """`text` with exactly the `chosen` corrections spliced in."""
    for c in sorted(chosen, key=lambda c: -c["start"]):
        text = text[: c["start"]] + c["replacement"] + text[c["end"] :]
    return text


def gazetteer(path: Path):
    return parse_file(path.read_text(encoding="utf-8"), str(path))


def entity(path: Path, canonical: str):
    [found] = [e for e in gazetteer(path).entities if e.canonical == canonical]
    return found


@pytest.fixture
def project(tmp_path) -> Path:
    """A repository of articles whose configuration names its own gazetteer."""
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "newsroom.yaml").write_text("# The desk's names.\nentities: []\nprotect: [Lotfi]\n")
    (tmp_path / ".normalizer.yaml").write_text("gazetteers: [names/newsroom.yaml]\n", encoding="utf-8")
    return tmp_path


def test_review_without_a_terminal_says_so_in_one_line_and_exits_2(project):
    article = project / "a.txt"
    article.write_bytes(SEED.read_bytes())
    done = subprocess.run([installed_normalize(), "review", "a.txt"], cwd=project, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert "needs a terminal (standard input is not a tty)" in done.stderr
    assert article.read_bytes() == SEED.read_bytes()


def test_a_review_of_seed_000_accepts_one_change_rejects_another_and_the_next_run_honours_both(project):
    article = project / "a.txt"
    article.write_bytes(SEED.read_bytes())
    newsroom = project / "names" / "newsroom.yaml"
    before = newsroom.read_text(encoding="utf-8")
    found = corrections(project, article)
    assert [c["original"] for c in found][:4] == ["Fatem Mokhajelani", "Mohajelani", "seided", "Aragut"]

    terminal = Terminal(project, "a.txt")
    terminal.asked("Fatem Mokhajelani", (PROMPT, "?"), ("s - skip", None), (PROMPT, "y"))  # help, then accept
    terminal.asked("Mohajelani", (PROMPT, "s"))
    terminal.asked("seided", (PROMPT, "n"), ("[p,a] ", "p"))  # right as written: protect it
    terminal.asked("Aragut", (PROMPT, "q"))
    status, transcript = terminal.finish()

    assert status == 0, transcript
    assert "a.txt: 1 of 6 correction(s) applied" in transcript
    assert article.read_text(encoding="utf-8") == applied(SEED.read_text(encoding="utf-8"), found[:1])
    after = newsroom.read_text(encoding="utf-8")
    assert only_insertions(before, after)  # the comment and the order kept
    assert entity(newsroom, "Fatemeh Mohajerani").variants == ("Fatem Mokhajelani",)
    assert gazetteer(newsroom).protect == {"Lotfi", "seided"}
    assert len(gazetteer(newsroom).entities) == 1  # the skipped and unasked ones taught nothing

    fresh = project / "fresh.txt"
    fresh.write_bytes(SEED.read_bytes())
    again = {c["original"]: c for c in corrections(project, fresh)}
    listed = again["Fatem Mokhajelani"]
    assert listed["applied"] and listed["confidence"] == LISTED
    assert listed["reasons"] == ["'Fatem Mokhajelani' is a listed variant of 'Fatemeh Mohajerani'"]
    assert "seided" not in again  # never offered again, not even as a suggestion
    assert "Mohajelani" in again and "Aragut" in again  # skipped, unasked: as before


def test_a_review_with_the_newsrooms_gazetteer_learns_an_alias_a_new_entity_and_every_mention(tmp_path):
    newsroom = tmp_path / "newsroom.yaml"
    original_gazetteer = "# Our own names, reviewed.\n" + textwrap.dedent(NEWSROOM_GAZETTEER).lstrip("\n")
    newsroom.write_text(original_gazetteer, encoding="utf-8")
    (tmp_path / ".normalizer.yaml").write_text("gazetteers: [newsroom.yaml]\nbundled: false\n", encoding="utf-8")
    article = tmp_path / "small.txt"
    article.write_text(SMALL_ARTICLE, encoding="utf-8")
    found = corrections(tmp_path, article)
    originals = ["Lotfolahy", "Nurgaliev", "Norvenia", "Lotfolahy", "Tarkestany", "Nurgaliev"]
    assert [c["original"] for c in found] == originals

    terminal = Terminal(tmp_path, "small.txt", "--save-decisions", "decisions.json")
    terminal.asked("Lotfolahy", (PROMPT, "a"))  # and the later Lotfolahy without asking
    terminal.asked("Nurgaliev", (PROMPT, "n"), ("[p,a] ", "a"))  # another correct form: an alias
    terminal.asked("Norvenia", (PROMPT, "e"), ("(Enter: back): ", "Slovenia"), ("learn nothing)? ", "l"))
    terminal.asked("Tarkestany", (PROMPT, "s"))
    status, transcript = terminal.finish()

    assert status == 0, transcript
    assert "small.txt:2:1: 'Lotfolahy' -> 'Lotfollahi' (as before)" in transcript
    assert "small.txt:2:56: 'Nurgaliev' left as written (as before)" in transcript
    edited = [found[0], {**found[2], "replacement": "Slovenia"}, found[3]]
    assert article.read_text(encoding="utf-8") == applied(SMALL_ARTICLE, edited)
    only_insertions(original_gazetteer, newsroom.read_text(encoding="utf-8"))
    assert entity(newsroom, "Kaveh Lotfollahi").variants == ("Kaveh Lotfolahi", "Kaveh Lotfolahy")
    assert entity(newsroom, "Yerlan Nurgaliyev").aliases == ("Nurgaliev",)
    slovenia = entity(newsroom, "Slovenia")
    assert (slovenia.kind, slovenia.variants) == ("place", ("Norvenia",))

    saved = json.loads((tmp_path / "decisions.json").read_text(encoding="utf-8"))
    items = saved[0]["corrections"]
    assert [item.get("accepted") for item in items] == [True, False, True, True, None, False]
    assert items[1]["alias"] is True and items[5]["alias"] is True
    assert {k: items[2][k] for k in ("replacement", "entity", "kind", "new_entity")} == {
        "replacement": "Slovenia", "entity": "Slovenia", "kind": "place", "new_entity": True}
    # The same decisions through `gazetteer learn` (the code review runs) teach a fresh copy the same,
    # once the project no longer names the gazetteer that learned them already.
    config = (tmp_path / ".normalizer.yaml").read_bytes()
    (tmp_path / ".normalizer.yaml").unlink()
    copy = tmp_path / "copy.yaml"
    copy.write_text(original_gazetteer, encoding="utf-8")
    assert normalize("gazetteer", "learn", "decisions.json", "--to", copy, "--no-bundled", cwd=tmp_path).returncode == 0
    assert copy.read_bytes() == newsroom.read_bytes()
    (tmp_path / ".normalizer.yaml").write_bytes(config)

    fresh = tmp_path / "fresh.txt"
    fresh.write_text(SMALL_ARTICLE, encoding="utf-8")
    again = corrections(tmp_path, fresh)
    assert [(c["original"], c["replacement"]) for c in again] == [
        ("Lotfolahy", "Lotfollahi"), ("Norvenia", "Slovenia"), ("Lotfolahy", "Lotfollahi"),
        ("Tarkestany", "Tarkestani"),
    ]
    assert all(c["confidence"] == LISTED and "listed variant" in c["reasons"][0] for c in again[:3]), again


def test_a_garbled_benchmark_article_reviewed_end_to_end(tmp_path):
    """The issue's other done-when: a wikinews article of the benchmark, garbled,
    whose wrong suggestion ("Rohingya" -> "Rohini") the editor rejects."""
    rows = (json.loads(line) for line in (ROOT / "benchmarks" / "corpus" / "wikinews-garbled.jsonl").open())
    text = next(row["garbled"] for row in rows if row["id"] == "asylum.txt")
    article = tmp_path / "asylum.txt"
    article.write_text(text, encoding="utf-8")
    newsroom = tmp_path / "newsroom.yaml"
    newsroom.write_text("# ours\nentities: []\n", encoding="utf-8")
    found = corrections(tmp_path, article)
    originals = ["Myamr", "Rohingya", "Malaysi", "Rohingya", "Ketry", "Thaland", "Rohingya"]
    assert [c["original"] for c in found] == originals

    terminal = Terminal(tmp_path, "asylum.txt", "--learn-to", "newsroom.yaml")
    terminal.asked("Myamr", (PROMPT, "y"))
    terminal.asked("Rohingya", (PROMPT, "n"), ("[p,a] ", ""))  # Enter: protect, the default
    for garble in ("Malaysi", "Ketry", "Thaland"):
        terminal.asked(garble, (PROMPT, "y"))
    status, transcript = terminal.finish()

    assert status == 0, transcript
    assert transcript.count("'Rohingya' left as written (as before)") == 2
    assert "(newsroom.yaml is not in the project's configuration" in transcript
    accepted = [c for c in found if c["original"] != "Rohingya"]
    assert article.read_text(encoding="utf-8") == applied(text, accepted)
    learned = gazetteer(newsroom)
    assert learned.protect == {"Rohingya"}
    assert {e.canonical: e.variants for e in learned.entities} == {
        "Myanmar": ("Myamr",), "Malaysia": ("Malaysi",), "John Kerry": ("John Ketry",), "Thailand": ("Thaland",)}

    fresh = tmp_path / "fresh.txt"
    fresh.write_text(text, encoding="utf-8")
    again = corrections(tmp_path, fresh, "-g", "newsroom.yaml")
    assert not [c for c in again if "Rohingya" in c["original"]]
    assert [c["original"] for c in again] == ["Myamr", "Malaysi", "Ketry", "Thaland"]  # Ketry: of "John Ketry"
    assert all(c["applied"] and "listed variant" in c["reasons"][0] for c in again)


def test_ctrl_c_writes_nothing(project):
    article = project / "a.txt"
    article.write_bytes(SEED.read_bytes())
    newsroom = project / "names" / "newsroom.yaml"
    before = newsroom.read_bytes()
    terminal = Terminal(project, "a.txt")
    terminal.asked("Fatem Mokhajelani", (PROMPT, "y"))
    terminal.asked("Mohajelani")
    terminal.child.expect_exact(PROMPT)
    terminal.child.sendintr()
    status, transcript = terminal.finish()
    assert status == 1 and "Interrupted: nothing written." in transcript
    assert article.read_bytes() == SEED.read_bytes() and newsroom.read_bytes() == before


def test_without_a_gazetteer_the_decisions_are_said_not_saved(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    terminal = Terminal(tmp_path, "a.txt")
    terminal.asked("Fatem Mokhajelani", (PROMPT, "y"))
    terminal.asked("Mohajelani", (PROMPT, "n"), ("[p,a] ", "p"))
    terminal.asked("seided", (PROMPT, "q"))
    status, transcript = terminal.finish()
    assert status == 0
    unsaved = "2 decision(s) not saved: no gazetteer is configured; give --learn-to FILE or --save-decisions FILE"
    assert unsaved in transcript
    assert "Fatemeh Mohajerani announced" in article.read_text(encoding="utf-8")


def test_bad_input_is_refused_before_the_first_question(project):
    article = project / "a.txt"
    article.write_bytes(SEED.read_bytes())
    newsroom = project / "names" / "newsroom.yaml"
    before = newsroom.read_bytes()
    newsroom.chmod(0o444)
    try:
        status, transcript = Terminal(project, "a.txt").finish()
    finally:
        newsroom.chmod(0o644)
    assert status == 2 and transcript.strip().count("\n") == 0
    assert "newsroom.yaml: is read-only (mode 444), decisions not saved" in transcript
    status, transcript = Terminal(project, "missing.txt").finish()
    assert (status, transcript.strip()) == (2, "normalize review: missing.txt: no such file")
    assert article.read_bytes() == SEED.read_bytes() and newsroom.read_bytes() == before


def test_an_article_that_cannot_be_written_is_said_and_the_decisions_still_learned(project):
    article = project / "a.txt"
    article.write_bytes(SEED.read_bytes())
    article.chmod(0o444)
    terminal = Terminal(project, "a.txt")
    terminal.asked("Fatem Mokhajelani", (PROMPT, "y"))
    terminal.asked("Mohajelani", (PROMPT, "q"))
    status, transcript = terminal.finish()
    assert status == 2
    assert "normalize review: a.txt: is read-only (mode 444), not rewritten" in transcript
    assert article.read_bytes() == SEED.read_bytes()
    assert entity(project / "names" / "newsroom.yaml", "Fatemeh Mohajerani").variants == ("Fatem Mokhajelani",)
