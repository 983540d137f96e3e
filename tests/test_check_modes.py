"""The CI modes of `normalize`: --check, --in-place, --diff, --format, project config, markup.

End-to-end tests run the installed `normalize` command in a subprocess; the
tests that must break things on purpose (a failing rename mid-way) or count
engine loads run the same command in-process with typer's CliRunner.
"""

from __future__ import annotations

import re
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
NORMALIZE = shutil.which("normalize") or str(Path(sys.executable).with_name("normalize"))

# The tests bring their own gazetteer (and leave the bundled ones out) so they
# test the command, not the tuning of the bundled names; only the seed tests
# use the bundled gazetteers, as the hook does.
NAMES = """\
entities:
  - canonical: Kaveh Lotfollahi
    kind: person
    variants: [Kaveh Lotfolahi]
    context: [central bank governor]
  - canonical: Yerlan Nurgaliyev
    kind: person
    context: [energy minister]
"""
GARBLED = "The central bank governor Kaveh Lotfolahi spoke on Monday.\n"
REPAIRED = "The central bank governor Kaveh Lotfollahi spoke on Monday.\n"
CLEAN = REPAIRED
FINDING = "Lotfolahi -> Lotfollahi ("
COLUMN = GARBLED.index("Lotfolahi") + 1

needs_command = pytest.mark.skipif(
    not Path(NORMALIZE).exists(), reason="needs the installed `normalize` command (pip install -e .)"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Run in an empty folder with a private index cache and no config above it."""
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "names.yaml").write_text(NAMES, encoding="utf-8")
    from normalizer import config

    config.clear_cache()
    yield
    config.clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def names_options() -> list[str]:
    """Options that load only the test gazetteer (kept in the ignored .cache folder)."""
    return ["--no-bundled", "--gazetteer", str(Path.cwd() / ".cache" / "names.yaml")]


def run(*args: str, cwd: Path | None = None, bundled: bool = False) -> subprocess.CompletedProcess:
    options = [] if bundled else names_options()
    return subprocess.run([NORMALIZE, *options, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != ".cache")


# --- --check ------------------------------------------------------------------------


@needs_command
def test_check_exits_1_with_path_line_col_diagnostics_and_writes_nothing(tmp_path):
    article = write(tmp_path / "story.txt", "Headline\n" + GARBLED)
    result = run("--check", "story.txt")
    assert result.returncode == 1, result.stderr
    assert re.search(rf"story.txt:2:{COLUMN}: {re.escape(FINDING)}0\.9\d*, ", result.stdout), result.stdout
    assert article.read_text(encoding="utf-8") == "Headline\n" + GARBLED
    assert listing(tmp_path) == ["story.txt"]


@needs_command
def test_check_exits_0_on_clean_articles(tmp_path):
    write(tmp_path / "a.txt", CLEAN)
    shutil.copyfile(next(SEEDS.glob("001_*.txt")), tmp_path / "b.txt")
    result = run("--check", "a.txt", "b.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "->" not in result.stdout
    assert listing(tmp_path) == ["a.txt", "b.txt"]


@needs_command
def test_check_exits_2_on_a_missing_or_undecodable_file(tmp_path):
    write(tmp_path / "good.txt", GARBLED)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 Lotfolahi".encode("latin-1"))
    missing = run("--check", "good.txt", "nope.txt")
    assert missing.returncode == 2
    assert "nope.txt" in missing.stderr
    undecodable = run("--check", "latin1.txt")
    assert undecodable.returncode == 2
    assert "latin1.txt" in undecodable.stderr and "UTF-8" in undecodable.stderr


@needs_command
def test_check_does_not_fail_on_suggestions_alone(tmp_path):
    from normalizer import Normalizer

    text = "He met Nurgaliev.\n"
    gazetteer = [tmp_path / ".cache" / "names.yaml"]
    (found,) = Normalizer.load(gazetteer, bundled=False).normalize(text).applied
    above = f"{min(0.99, found.confidence + 0.005):.3f}"  # a bar just above this reading's confidence
    result = Normalizer.load(gazetteer, bundled=False, apply_threshold=float(above)).normalize(text)
    assert result.suggestions and not result.applied  # the premise of this test
    write(tmp_path / "a.txt", text)
    assert run("a.txt", "--check").returncode == 1  # applied at the default threshold
    checked = run("--check", "--suggestions", "show", "--min-confidence", above, "a.txt")
    assert checked.returncode == 0
    assert checked.stdout.startswith("a.txt:1:8: suggestion: Nurgaliev -> Nurgaliyev (")


@needs_command
def test_check_does_not_look_inside_markdown_code(tmp_path):
    write(tmp_path / "a.md", "Use `Kaveh Lotfolahi` as the example.\n")
    result = run("--check", "a.md")
    assert result.returncode == 0
    assert result.stdout == ""


@needs_command
def test_check_with_conflicting_modes_is_a_usage_error(tmp_path):
    write(tmp_path / "a.txt", GARBLED)
    result = run("--check", "--in-place", "a.txt")
    assert result.returncode == 2
    assert "--check" in result.stderr and "--in-place" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == GARBLED


# --- --in-place ------------------------------------------------------------------------


@needs_command
def test_in_place_rewrites_keeps_permissions_and_reports(tmp_path):
    article = write(tmp_path / "story.txt", "Headline\r\n" + GARBLED.replace("\n", "\r\n"))
    article.chmod(0o640)
    clean = write(tmp_path / "clean.txt", CLEAN)
    clean_mtime = clean.stat().st_mtime_ns
    result = run("--in-place", "story.txt", "clean.txt")
    assert result.returncode == 0, result.stderr
    assert article.read_bytes() == ("Headline\r\n" + REPAIRED.replace("\n", "\r\n")).encode("utf-8")
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert f"story.txt:2:{COLUMN}: {FINDING}" in result.stdout
    assert clean.stat().st_mtime_ns == clean_mtime  # unchanged files are not rewritten
    assert listing(tmp_path) == ["clean.txt", "story.txt"]


@needs_command
def test_in_place_fixes_the_garbled_seed_into_its_reference(tmp_path):
    seed = next(SEEDS.glob("000_*.txt"))
    shutil.copyfile(seed, tmp_path / seed.name)
    assert run("--in-place", seed.name, bundled=True).returncode == 0
    assert (tmp_path / seed.name).read_bytes() == (SEEDS / "reference" / seed.name).read_bytes()


def invoke(*args: str):
    from normalizer.cli.app import app

    return CliRunner().invoke(app, [*names_options(), *args])


def test_in_place_failure_midway_leaves_the_original_intact(tmp_path, monkeypatch):
    from normalizer import atomic  # the writer behind --in-place

    article = write(tmp_path / "story.txt", GARBLED)

    def failing_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    result = invoke("--in-place", str(article))
    assert result.exit_code == 2
    assert article.read_bytes() == GARBLED.encode("utf-8")
    assert listing(tmp_path) == ["story.txt"]  # the temporary file was removed


def test_in_place_failure_while_writing_leaves_the_original_intact(tmp_path, monkeypatch):
    from normalizer import atomic  # the writer behind --in-place

    article = write(tmp_path / "story.txt", GARBLED)

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    result = invoke("--in-place", str(article))
    assert result.exit_code == 2
    assert article.read_bytes() == GARBLED.encode("utf-8")
    assert listing(tmp_path) == ["story.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_in_place_in_a_read_only_folder_fails_cleanly(tmp_path):
    folder = tmp_path / "ro"
    article = write(folder / "story.txt", GARBLED)
    folder.chmod(0o555)
    try:
        result = invoke("--in-place", str(article))
        assert result.exit_code == 2
        assert article.read_bytes() == GARBLED.encode("utf-8")
    finally:
        folder.chmod(0o755)


# --- --diff -------------------------------------------------------------------------------


@needs_command
def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    write(tmp_path / "story.txt", GARBLED)
    result = run("--diff", "story.txt")
    assert result.returncode == 0, result.stderr
    assert "--- a/story.txt\n+++ b/story.txt\n" in result.stdout
    assert "-" + GARBLED in result.stdout and "+" + REPAIRED in result.stdout
    assert listing(tmp_path) == ["story.txt"]


@needs_command
def test_diff_output_applies_with_git_apply(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    seed = next(SEEDS.glob("000_*.txt"))
    shutil.copyfile(seed, tmp_path / seed.name)
    diff = run("--diff", seed.name, bundled=True).stdout
    subprocess.run(["git", "apply", "-"], input=diff, text=True, cwd=tmp_path, check=True)
    assert (tmp_path / seed.name).read_bytes() == (SEEDS / "reference" / seed.name).read_bytes()


@needs_command
def test_check_and_diff_together_print_the_diff_and_exit_1(tmp_path):
    write(tmp_path / "story.txt", GARBLED)
    result = run("--check", "--diff", "story.txt")
    assert result.returncode == 1
    assert "+" + REPAIRED in result.stdout


# --- --format -----------------------------------------------------------------------------


@needs_command
def test_check_format_json_is_an_array_of_one_record_per_file(tmp_path):
    write(tmp_path / "a.txt", GARBLED)
    write(tmp_path / "b.txt", CLEAN)
    result = run("--check", "--format", "json", "a.txt", "b.txt")
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert [(r["path"], r["changed"], r["text"]) for r in records] == [("a.txt", True, REPAIRED), ("b.txt", False, CLEAN)]
    findings = [(r["path"], c["original"], c["replacement"], c["applied"]) for r in records for c in r["corrections"]]
    assert findings == [("a.txt", "Lotfolahi", "Lotfollahi", True)]


@needs_command
def test_check_format_sarif_is_sarif_2_1_0(tmp_path):
    import jsonschema

    write(tmp_path / "a.txt", GARBLED)
    result = run("--check", "--format", "sarif", "a.txt")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads((REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (finding,) = log["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert log["runs"][0]["tool"]["driver"]["version"] == _installed_version()


def _installed_version() -> str:
    from importlib.metadata import version

    return version("news-normalizer")


@needs_command
def test_check_format_github_annotations(tmp_path):
    write(tmp_path / "a.txt", GARBLED)
    result = run("--check", "--format", "github", "a.txt")
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file=a.txt,line=1,col={COLUMN},")


@needs_command
def test_machine_output_has_no_progress_bar_or_summary_on_stdout(tmp_path):
    names = [write(tmp_path / f"a{i}.txt", GARBLED).name for i in range(12)]
    result = run("--check", "--format", "json", *names)
    assert len(json.loads(result.stdout)) == 12


# --- project configuration --------------------------------------------------------------


@needs_command
def test_config_exclude_skips_files(tmp_path):
    write(tmp_path / ".normalizer.yaml", "exclude: [drafts]\n")
    write(tmp_path / "drafts" / "a.txt", GARBLED)
    write(tmp_path / "published" / "a.txt", CLEAN)
    assert run("--check", "drafts/a.txt", "published/a.txt").returncode == 0


@needs_command
def test_config_include_limits_files(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.normalizer]\ninclude = ['articles/**']\n")
    write(tmp_path / "notes.txt", GARBLED)
    write(tmp_path / "articles" / "a.txt", GARBLED)
    result = run("--check", "notes.txt", "articles/a.txt")
    assert result.returncode == 1
    assert "articles/a.txt:1:" in result.stdout and "notes.txt" not in result.stdout


@needs_command
def test_config_ignore_words_are_never_changed(tmp_path):
    write(tmp_path / "a.txt", GARBLED)
    assert run("--check", "a.txt").returncode == 1
    write(tmp_path / ".normalizer.yaml", "ignore_words: [Lotfolahi]\n")
    result = run("--check", "a.txt")
    assert result.returncode == 0, result.stdout


@needs_command
def test_config_gazetteer_is_loaded_relative_to_the_config(tmp_path):
    local = NAMES.replace("Kaveh Lotfollahi", "Darkhan Seitkali").replace("Kaveh Lotfolahi", "Darhan Seitkaly")
    write(tmp_path / "names" / "local.yaml", local)
    write(tmp_path / "sub" / "a.txt", "The central bank governor Darhan Seitkaly spoke.\n")
    assert run("--check", "a.txt", cwd=tmp_path / "sub").returncode == 0  # unknown to the test gazetteer
    write(tmp_path / ".normalizer.yaml", "gazetteers: [names/local.yaml]\n")
    result = run("--check", "a.txt", cwd=tmp_path / "sub")  # the config's gazetteer joins --gazetteer
    assert result.returncode == 1
    assert result.stdout.startswith("a.txt:1:27: Darhan Seitkaly -> Darkhan Seitkali (")


@needs_command
def test_config_apply_threshold_turns_corrections_into_suggestions(tmp_path):
    write(tmp_path / "a.txt", GARBLED)
    assert run("--check", "a.txt").returncode == 1
    write(tmp_path / ".normalizer.yaml", "apply_threshold: 1.0\nsuggest_threshold: 0.5\n")
    result = run("--check", "a.txt")
    assert result.returncode == 0
    assert "suggestion: " not in result.stdout  # --check hides them, and counts them
    assert "suggestion hidden (--suggestions show to list them)" in result.stderr
    shown = run("--check", "--suggestions", "show", "a.txt")
    assert shown.returncode == 0 and "suggestion: " in shown.stdout
    write(tmp_path / ".normalizer.yaml", "apply_threshold: 1.0\nsuggest_threshold: 0.5\nsuggestions: show\n")
    assert "suggestion: " in run("--check", "a.txt").stdout
    write(tmp_path / ".normalizer.yaml", "suggestions: loud\n")
    refused = run("--check", "a.txt")
    assert refused.returncode == 2 and "'suggestions' must be show or hide" in refused.stderr


@needs_command
def test_invalid_config_exits_2_naming_file_and_key(tmp_path):
    write(tmp_path / ".normalizer.yaml", "apply_treshold: 0.9\n")
    write(tmp_path / "a.txt", GARBLED)
    result = run("--check", "a.txt")
    assert result.returncode == 2
    assert ".normalizer.yaml" in result.stderr and "apply_treshold" in result.stderr
    assert "Traceback" not in result.stderr


@needs_command
def test_each_file_gets_the_config_nearest_to_it(tmp_path):
    write(tmp_path / "strict" / ".normalizer.yaml", "ignore_words: [Lotfolahi]\n")
    write(tmp_path / "strict" / "a.txt", GARBLED)
    write(tmp_path / "loose" / "a.txt", GARBLED)
    result = run("--check", "strict/a.txt", "loose/a.txt")
    assert result.returncode == 1
    assert "loose/a.txt:1:" in result.stdout and "strict/a.txt" not in result.stdout


def test_files_sharing_a_config_share_one_loaded_normalizer(tmp_path, monkeypatch):
    from normalizer import engine

    loads = []
    real = engine.Normalizer.from_options.__func__
    monkeypatch.setattr(engine.Normalizer, "from_options", classmethod(lambda cls, o: loads.append(o) or real(cls, o)))
    write(tmp_path / "one" / ".normalizer.yaml", "ignore_words: [X]\n")
    paths = [str(write(tmp_path / "one" / f"a{i}.txt", GARBLED)) for i in range(3)]
    paths += [str(write(tmp_path / "two" / f"b{i}.txt", GARBLED)) for i in range(3)]
    result = invoke("--check", *paths)
    assert result.exit_code == 1, result.output
    assert len(loads) == 2


# --- markup and skip markers --------------------------------------------------------------


@needs_command
def test_markdown_code_and_urls_are_left_alone(tmp_path):
    text = (
        f"{GARBLED}\n"
        "```\nKaveh Lotfolahi\n```\n\n"
        "See `Kaveh Lotfolahi` and https://example.org/Kaveh_Lotfolahi and <https://x.org/Kaveh Lotfolahi>.\n"
    )
    write(tmp_path / "a.md", text)
    assert run("--in-place", "a.md").returncode == 0
    after = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert after == text.replace(GARBLED, REPAIRED, 1)


@needs_command
def test_skip_marker_keeps_a_quotation_as_written(tmp_path):
    write(tmp_path / "a.md", "Quoted: “Kaveh Lotfolahi said” <!-- normalizer: skip -->\n")
    write(tmp_path / "b.txt", "normalizer: off\n" + GARBLED + "normalizer: on\n")
    write(tmp_path / "c.txt", GARBLED)
    result = run("--check", "a.md", "b.txt", "c.txt")
    assert result.returncode == 1
    assert "c.txt:1:" in result.stdout
    assert "a.md" not in result.stdout and "b.txt" not in result.stdout


@needs_command
def test_html_tags_and_attributes_are_left_alone(tmp_path):
    text = f'<p title="Kaveh Lotfolahi">{GARBLED.strip()}</p>\n<pre>Kaveh Lotfolahi</pre>\n'
    write(tmp_path / "a.html", text)
    assert run("--in-place", "a.html").returncode == 0
    expected = text.replace(GARBLED.strip(), REPAIRED.strip())
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == expected


# --- progress bar ---------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_many_files_on_a_terminal(monkeypatch):
    from normalizer.cli import report as cli

    monkeypatch.setattr(cli.sys, "stderr", FakeTerminal())
    many = cli.PROGRESS_MIN_FILES
    assert cli.progress_bar(many, enabled=True).enabled
    assert not cli.progress_bar(many - 1, enabled=True).enabled
    assert not cli.progress_bar(many, enabled=False).enabled  # machine output, --stdout, --diff
    monkeypatch.setattr(cli.sys, "stderr", io.StringIO())  # a pipe, a hook, CI
    assert not cli.progress_bar(many, enabled=True).enabled


def test_progress_bar_runs_and_clears_itself(monkeypatch):
    from normalizer.cli import report as cli

    terminal = FakeTerminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    with cli.progress_bar(cli.PROGRESS_MIN_FILES, enabled=True) as advance:
        for _ in range(cli.PROGRESS_MIN_FILES):
            advance()
    with cli.progress_bar(1, enabled=True) as advance:
        advance()  # the no-op stand-in


@needs_command
def test_no_progress_bar_when_stderr_is_a_pipe(tmp_path):
    names = [write(tmp_path / f"a{i}.txt", GARBLED).name for i in range(12)]
    result = run("--check", *names)
    assert result.returncode == 1
    assert result.stderr == "normalize: 12 corrections to apply in 12 of 12 file(s)\n"


def test_progress_bar_says_what_it_waits_for(monkeypatch):
    from normalizer.cli import report as cli

    terminal = FakeTerminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    bar = cli.progress_bar(cli.PROGRESS_MIN_FILES, enabled=True)
    with bar as advance:
        with bar.saying("reading the words 10 articles share"):
            assert "reading the words 10 articles share..." in terminal.getvalue()
        assert bar._progress.tasks[0].description == "normalizing"
        advance()
    shown = terminal.getvalue()
    off = cli.progress_bar(cli.PROGRESS_MIN_FILES, enabled=False)  # machine output, --stdout, --diff
    with off, off.saying("reading the words 10 articles share"):
        pass
    assert terminal.getvalue() == shown


MANY = 2 * 25  # files enough for two workers (concurrency.MIN_FILES_PER_WORKER each)


@needs_command
@pytest.mark.parametrize("report", ["text", "json"])
def test_a_terminal_is_told_why_the_bar_waits_before_the_workers_start(tmp_path, report):
    pexpect = pytest.importorskip("pexpect")
    names = [write(tmp_path / f"a{i:02d}.txt", GARBLED).name for i in range(MANY)]
    child = pexpect.spawn(NORMALIZE, [*names_options(), "--check", "--jobs", "2", "--format", report, *names],
                          cwd=str(tmp_path), env={**os.environ, "TERM": "xterm", "NO_COLOR": "1"},
                          encoding="utf-8", timeout=300, dimensions=(24, 200))
    seen = child.read()
    child.close()
    assert child.exitstatus == 1, seen
    assert (f"reading the words {MANY} articles share..." in seen) == (report == "text"), seen


@needs_command
def test_nothing_is_said_of_the_shared_words_to_a_pipe(tmp_path):
    names = [write(tmp_path / f"a{i:02d}.txt", GARBLED).name for i in range(MANY)]
    result = run("--check", "--jobs", "2", *names)
    assert result.returncode == 1
    assert result.stderr == f"normalize: {MANY} corrections to apply in {MANY} of {MANY} file(s)\n"
