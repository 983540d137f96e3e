"""benchmarks/profile.py turns profiles into tables: rows and columns, never timings."""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import profile  # noqa: E402


def busy(n: int) -> int:
    return sum(len(str(k)) for k in range(n))


def calls_busy() -> int:
    return sum(busy(2_000) for _ in range(5))


def tiny_stats() -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    calls_busy()
    profiler.disable()
    return pstats.Stats(profiler)


class FakeStats:
    """What the tables read of a pstats.Stats: .stats and .total_tt."""

    def __init__(self, stats: dict, total_tt: float):
        self.stats, self.total_tt = stats, total_tt


def engine(module: str, name: str, line: int = 1) -> tuple[str, int, str]:
    return (str(ROOT / "normalizer" / module), line, name)


def entry(calls: int, own: float, cumulative: float, callers: dict | None = None) -> tuple:
    return (calls, calls, own, cumulative, callers or {})


def test_own_time_table_has_a_row_per_function_with_every_column():
    stats = tiny_stats()
    rows = profile.own_time_rows(stats, limit=4)
    assert 1 <= len(rows) <= 4
    assert all(len(row) == len(profile.OWN_TIME_HEADER) for row in rows)
    labels = [row[0] for row in rows]
    assert any("tests/test_benchmark_profile.py:" in label for label in labels)
    for label, calls, own, share, cumulative in rows:
        assert label.startswith("`") and label.endswith("`")
        assert int(calls.replace(",", "")) >= 1
        float(own), float(cumulative)
        assert share.endswith("%")
    table = profile.markdown_table(profile.OWN_TIME_HEADER, rows)
    assert table.splitlines()[0] == "| function | calls | own s | share of total | cumulative s |"
    assert len(table.splitlines()) == 2 + len(rows)


def test_function_labels():
    assert profile.function_label(("~", 0, "<built-in method builtins.len>")) == "{built-in method builtins.len}"
    assert profile.function_label(engine("candidates/fuzzy.py", "align")) == "normalizer/candidates/fuzzy.py:align"


def test_stages_found_by_name_and_missing_ones_shown_as_dash():
    stats = FakeStats({
        engine("engine.py", "normalize"): entry(10, 0.1, 10.0),
        engine("tokens.py", "tokenize"): entry(10, 1.0, 1.0),
        engine("suspects.py", "classify"): entry(10, 0.5, 2.0),
        engine("candidates/exact.py", "propose"): entry(10, 0.5, 1.5),
        # fuzzy's propose renamed out of reach; decide renamed, found by its stem
        engine("candidates/fuzzy.py", "approximate"): entry(10, 0.5, 4.0),
        engine("decision.py", "_decide_all"): entry(12, 0.5, 0.5),
        engine("decision.py", "_decide_one", 50): entry(40, 0.1, 0.2),
    }, total_tt=10.0)
    rows = {row[0]: row for row in profile.stage_rows(stats)}
    assert all(len(row) == len(profile.STAGE_HEADER) for row in rows.values())
    assert rows["fuzzy candidates"][1:] == ["-", "-", "-", "-"]
    assert rows["decide"][1] == "`normalizer/decision.py:_decide_all`"
    assert rows["exact forms"][1] == "`normalizer/candidates/exact.py:propose`"  # not another module's propose
    assert rows["tokenize"][2:] == ["10", "1.000", "10.0%"]
    assert rows["rest of `normalize`"][3:] == ["5.000", "50.0%"]
    assert rows["`Normalizer.normalize`"][4] == "100.0%"


def test_stage_rows_without_any_engine_function():
    rows = profile.stage_rows(FakeStats({("~", 0, "<built-in method builtins.len>"): entry(1, 1.0, 1.0)}, 1.0))
    assert [row[0] for row in rows][-1] == "`Normalizer.normalize`"
    assert all(row[1:] == ["-", "-", "-", "-"] for row in rows)


def test_cumulative_rows_leave_out_import_machinery_and_pass_through_frames():
    root = ("~", 0, "<built-in method builtins.exec>")
    main, wrapper, work, other = (
        engine("cli.py", "main"), ("/site/click/core.py", 1, "invoke"),
        engine("engine.py", "load"), engine("engine.py", "normalize"),
    )
    find = ("<frozen importlib._bootstrap>", 1, "_find_and_load")
    stats = FakeStats({
        root: entry(1, 0.0, 1.0),
        find: entry(3, 0.0, 0.4, {root: (3, 3, 0.0, 0.4)}),
        main: entry(1, 0.0, 0.6, {root: (1, 1, 0.0, 0.6)}),
        wrapper: entry(1, 0.0, 0.59, {main: (1, 1, 0.0, 0.59)}),
        work: entry(1, 0.3, 0.35, {wrapper: (1, 1, 0.3, 0.35)}),
        other: entry(1, 0.2, 0.24, {wrapper: (1, 1, 0.2, 0.24)}),
    }, total_tt=1.0)
    labels = [row[0] for row in profile.cumulative_rows(stats)]
    assert labels == ["`core.py:invoke`", "`normalizer/engine.py:load`", "`normalizer/engine.py:normalize`"]
    assert profile.import_share(stats) == (0.4, 1.0)


def test_parse_importtime_nesting_and_table():
    stderr = "\n".join([
        "import time: self [us] | cumulative | imported package",
        "import time:       100 |        100 |     c",
        "import time:       200 |        300 |   b",
        "import time:        60 |        400 | a",
        "some other line",
        "import time:        10 |         10 | d",
    ])
    imports = profile.parse_importtime(stderr)
    assert [(i.name, i.depth, i.inside) for i in imports] == [("c", 2, "b"), ("b", 1, "a"), ("a", 0, ""), ("d", 0, "")]
    rows = profile.import_rows(imports, limit=2)
    assert rows == [["`a`", "-", "0.1", "0.4", "97.6%"], ["`b`", "`a`", "0.2", "0.3", "73.2%"]]


def test_markdown_cells_escape_pipes():
    assert profile.markdown_table(["a"], [["x|y"]]).splitlines()[-1] == "| x\\|y |"


def test_the_cold_start_profile_works_the_article_out_as_the_speed_run_times_it(tmp_path, monkeypatch):
    # speed.py's cold start runs `normalize --check --no-result-cache`; a profile
    # of a run that reads the article's known results back shows no engine at all.
    article = tmp_path / "00000.txt"
    article.write_text("An article.\n", encoding="utf-8")
    monkeypatch.setattr(profile, "build_articles", lambda n, seed, folder: [article])
    monkeypatch.setattr(profile, "normalize_command", lambda path: ["normalize"])
    profiled = []
    monkeypatch.setattr(profile, "cold_start_section", lambda command, path, save=None: profiled.append(command) or "")
    assert profile.main(["cold-start"]) == 0
    assert profiled == [["normalize", "--no-result-cache"]]
