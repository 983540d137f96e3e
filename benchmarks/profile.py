"""Where the time goes: the two profiles BENCHMARKS.md shows under "Speed and memory".

    batch       cProfile of the library path: `Normalizer.load` once, gc.freeze() (as the
                CLI does), then `normalize(text)` over the first articles of the speed batch;
                the top functions by own time, and the time of each engine stage
    cold start  `python -X importtime` and cProfile of one `normalize --check ARTICLE`:
                the slowest imports, and the top functions by cumulative time

Both run in a child process (a fresh interpreter, as the CLI gets), write their raw data
to a temporary file and return markdown; `benchmarks/speed.py` calls them in its run.
To look at one profile alone (from the repository root):

    python benchmarks/profile.py batch [--articles 500] [--save batch.prof]
    python benchmarks/profile.py cold-start [--save cold.prof]

cProfile slows pure-Python code several times over, unevenly: its shares say where
the time goes, its seconds are not the benchmark's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This file bears the name of the standard library's `profile`, which cProfile
# imports: run as a script (this one, benchmarks/run, benchmarks/speed.py) this
# folder is first on sys.path and would shadow it. Take it off before cProfile loads.
sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import pstats  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Sequence  # noqa: E402

from benchmarks.common import WORK, build_articles, child_env, normalize_command  # noqa: E402

BATCH_ARTICLES = 500  # profiled in the batch profile: enough to be typical, quick under cProfile
OWN_TIME_ROWS = 12
IMPORT_ROWS = 10
CUMULATIVE_ROWS = 8

# The child process of the batch profile: load outside the profile, then profile normalize alone.
BATCH_SCRIPT = """
import cProfile, gc, sys, time
from normalizer import Normalizer
out, gazetteers, warm, files = sys.argv[1], [g for g in sys.argv[2].split(",") if g], int(sys.argv[3]), sys.argv[4:]
texts = []
for name in files:
    with open(name, encoding="utf-8") as handle:
        texts.append(handle.read())
started = time.perf_counter()
normalizer = Normalizer.load(gazetteers=gazetteers, bundled=True)
print(time.perf_counter() - started)
gc.freeze()
for text in texts[:warm]:  # unprofiled: the memos a long batch has warm
    normalizer.normalize(text)
profiler = cProfile.Profile()
profiler.enable()
for text in texts[warm:]:
    normalizer.normalize(text)
profiler.disable()
profiler.dump_stats(out)
"""


# ---------------------------------------------------------------- pstats rows


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _module_path(filename: str) -> str:
    """A file as a reader finds it: relative to the project, else to its sys.path entry."""
    path = Path(filename)
    if not path.is_absolute():
        return filename
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        pass
    roots = [Path(p).resolve() for p in sys.path if p and Path(p).is_dir()]
    inside = [r for r in roots if path.resolve().is_relative_to(r)]
    return path.resolve().relative_to(max(inside, key=lambda r: len(r.parts))).as_posix() if inside else path.name


def function_label(func: tuple[str, int, str]) -> str:
    """`normalizer/candidates/fuzzy.py:align`, `re/_parser.py:_parse`, or `{built-in method builtins.len}`."""
    filename, _, name = func
    if filename == "~" and name.startswith("<") and name.endswith(">"):
        return "{" + name[1:-1] + "}"
    if filename == "~":
        return name
    return f"{_module_path(filename)}:{name}"


def _short_name(func: tuple[str, int, str]) -> str:
    return func[2].rsplit(".", 1)[-1]  # co_name, or a qualified name in newer Pythons


def top_by_own_time(stats: pstats.Stats, limit: int = OWN_TIME_ROWS) -> list[tuple[tuple, tuple]]:
    """(function, (primitive calls, calls, own s, cumulative s, callers)), most own time first."""
    return sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:limit]


def own_time_rows(stats: pstats.Stats, limit: int = OWN_TIME_ROWS) -> list[list[str]]:
    """The top functions by own time (tottime): function, calls, own s, share %, cumulative s."""
    total = stats.total_tt or 1e-12
    return [
        [f"`{function_label(func)}`", f"{calls:,}", f"{own:.3f}", f"{100 * own / total:.1f}%", f"{cumulative:.3f}"]
        for func, (_, calls, own, cumulative, _) in top_by_own_time(stats, limit)
    ]


OWN_TIME_HEADER = ["function", "calls", "own s", "share of total", "cumulative s"]


# ---------------------------------------------------------------- engine stages


@dataclass(frozen=True)
class Stage:
    label: str
    module: str  # the file it lives in, inside normalizer/
    names: tuple[str, ...]  # its function, by preference (the engine's code is still moving)
    stem: str  # else: the function of `module` with this in its name and the most cumulative time


STAGES = (  # the flow of Normalizer.normalize (README "How it works"), one stage a module
    Stage("tokenize", "tokens.py", ("tokenize",), "tokeni"),
    Stage("suspects", "suspects.py", ("classify",), "classif"),
    Stage("intact mentions", "mentions.py", ("find_mentions",), "mention"),
    Stage("exact forms", "candidates/exact.py", ("propose",), "propose"),
    Stage("fuzzy candidates", "candidates/fuzzy.py", ("propose",), "propose"),
    Stage("glued names", "candidates/glued.py", ("propose",), "propose"),
    Stage("compounds", "candidates/compounds.py", ("propose",), "propose"),
    Stage("evidence across the text", "evidence/elsewhere.py", ("across_the_text",), "across"),
    Stage("decide", "decision.py", ("decide",), "decide"),
)
TOTAL = Stage("`Normalizer.normalize`", "engine.py", ("normalize",), "normalize")


def find_stage(stats: pstats.Stats, stage: Stage) -> tuple[str, int, str] | None:
    """The pstats key of a stage's function in normalizer/`stage.module`, or None."""
    module = ROOT / "normalizer" / stage.module
    in_module = [f for f in stats.stats if f[0] != "~" and Path(f[0]).resolve() == module]
    for name in stage.names:
        found = [f for f in in_module if _short_name(f) == name]
        if found:
            return max(found, key=lambda f: stats.stats[f][3])
    fuzzy = [f for f in in_module if stage.stem in _short_name(f).lower()]
    return max(fuzzy, key=lambda f: stats.stats[f][3]) if fuzzy else None


def stage_rows(stats: pstats.Stats) -> list[list[str]]:
    """Cumulative time of each engine stage, and its share of `normalize`; `-` where a stage is not found."""
    total_func = find_stage(stats, TOTAL)
    total = stats.stats[total_func][3] if total_func else stats.total_tt
    total = total or 1e-12
    rows, counted = [], 0.0
    for stage in (*STAGES, TOTAL):
        func = find_stage(stats, stage)
        if func is None:
            rows.append([stage.label, "-", "-", "-", "-"])
            continue
        _, calls, _, cumulative, _ = stats.stats[func]
        if stage is not TOTAL:
            counted += cumulative
        else:
            rows.append(["rest of `normalize`", "", "", f"{cumulative - counted:.3f}",
                         f"{100 * (cumulative - counted) / total:.1f}%"])
        rows.append([stage.label, f"`{function_label(func)}`", f"{calls:,}", f"{cumulative:.3f}",
                     f"{100 * cumulative / total:.1f}%"])
    return rows


STAGE_HEADER = ["stage", "function", "calls", "cumulative s", "share of normalize"]


# ---------------------------------------------------------------- cumulative time, cold start

IMPORT_MACHINERY = ("builtins.exec", "builtins.__import__", "_imp.", "builtins.compile", "marshal.loads")


def is_import_machinery(func: tuple[str, int, str]) -> bool:
    """importlib's frames, module bodies run at import, and the builtins they call."""
    filename, _, name = func
    if filename.startswith("<frozen ") or name == "<module>" or filename == "<string>":
        return True
    return filename == "~" and any(part in name for part in IMPORT_MACHINERY)


def _callees(stats: pstats.Stats) -> dict[tuple, dict[tuple, float]]:
    """For each function, the cumulative time spent in each function it called."""
    callees: dict[tuple, dict[tuple, float]] = {}
    for func, (_, _, _, _, callers) in stats.stats.items():
        for caller, numbers in callers.items():
            if caller != func:  # recursion is no hand-over
                callees.setdefault(caller, {})[func] = numbers[3] if isinstance(numbers, tuple) else 0.0
    return callees


def cumulative_rows(stats: pstats.Stats, limit: int = CUMULATIVE_ROWS) -> list[list[str]]:
    """The top functions by cumulative time, leaving out import machinery and
    pass-through frames (a function that hands >= 95% of its time to one callee,
    such as the layers of click and typer around the command)."""
    total = max((ct for _, _, _, ct, _ in stats.stats.values()), default=0.0) or 1e-12
    callees = _callees(stats)
    rows = []
    for func, (_, calls, _, cumulative, _) in sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True):
        if is_import_machinery(func):
            continue
        inner = callees.get(func, {})
        if inner and max(inner.values()) >= 0.95 * cumulative:
            continue
        rows.append([f"`{function_label(func)}`", f"{calls:,}", f"{cumulative:.3f}", f"{100 * cumulative / total:.1f}%"])
        if len(rows) == limit:
            break
    return rows


CUMULATIVE_HEADER = ["function", "calls", "cumulative s", "share of run"]


def import_share(stats: pstats.Stats) -> tuple[float, float]:
    """(seconds in importlib's _find_and_load, seconds of the whole profiled run)."""
    total = max((ct for _, _, _, ct, _ in stats.stats.values()), default=0.0)
    loads = [ct for f, (_, _, _, ct, _) in stats.stats.items() if f[0].startswith("<frozen") and f[2] == "_find_and_load"]
    return (max(loads) if loads else 0.0), total


@dataclass(frozen=True)
class Import:
    name: str
    self_us: int
    cumulative_us: int
    depth: int
    inside: str  # the import that triggered it ("" at top level)


def parse_importtime(stderr: str) -> list[Import]:
    """The lines of `python -X importtime`: `import time: self | cumulative | name`,
    the name indented two spaces a level, a module's imports listed before it."""
    raw = []
    for line in stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(fields) != 3 or not fields[0].strip().isdigit():
            continue  # not importtime's, or its header
        name = fields[2].rstrip()
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        raw.append((name.strip(), int(fields[0]), int(fields[1]), depth))
    imports = []
    for k, (name, own, cumulative, depth) in enumerate(raw):
        parent = next((n for n, _, _, d in raw[k + 1:] if d < depth), "")
        imports.append(Import(name, own, cumulative, depth, parent))
    return imports


def import_rows(imports: Sequence[Import], limit: int = IMPORT_ROWS) -> list[list[str]]:
    total = sum(i.cumulative_us for i in imports if i.depth == 0) or 1
    top = sorted(imports, key=lambda i: i.cumulative_us, reverse=True)[:limit]
    return [
        [f"`{i.name}`", f"`{i.inside}`" if i.inside else "-", f"{i.self_us / 1000:.1f}",
         f"{i.cumulative_us / 1000:.1f}", f"{100 * i.cumulative_us / total:.1f}%"]
        for i in top
    ]


IMPORT_HEADER = ["module", "imported by", "self ms", "cumulative ms", "share of imports"]


# ---------------------------------------------------------------- running the profiles


def _display(path: str | Path) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def profile_batch(files: Sequence[str | Path], gazetteers: Sequence[str | Path], env: dict | None = None,
                  save: str | Path | None = None, warm: int = 0) -> tuple[pstats.Stats, float]:
    """(cProfile stats of normalize over `files` after the first `warm`, load
    seconds), from a fresh child process."""
    with tempfile.TemporaryDirectory(prefix="normalizer-profile-") as folder:
        out = Path(save) if save else Path(folder) / "batch.prof"
        done = subprocess.run(
            [sys.executable, "-c", BATCH_SCRIPT, str(out), ",".join(map(str, gazetteers)), str(warm), *map(str, files)],
            capture_output=True, text=True, env=child_env(env), cwd=ROOT, check=True,
        )
        return pstats.Stats(str(out)), float(done.stdout.split()[-1])


def batch_section(files: Sequence[str | Path], gazetteers: Sequence[str | Path], env: dict | None = None,
                  limit: int = BATCH_ARTICLES, save: str | Path | None = None, warm: int = 0) -> str:
    """Markdown: where the batch's time goes, from `limit` of `files` after the first `warm`."""
    files = list(files)[: warm + limit]
    stats, load_s = profile_batch(files, gazetteers, env, save, warm)
    profiled = len(files) - warm
    after = f"articles {warm + 1:,}-{len(files):,}, after normalizing the first {warm:,} unprofiled" if warm else f"first {len(files):,} articles"
    warm_arg = f" --warm {warm}" if warm else ""
    covered = sum(own for _, (_, _, own, _, _) in top_by_own_time(stats))
    total = stats.total_tt or 1e-12
    gazetteer_args = "".join(f" --gazetteer {_display(g)}" for g in gazetteers)
    return "\n".join([
        f"cProfile of the library path on the {after}: `Normalizer.load` once "
        f"({load_s:.2f} s, not profiled), `gc.freeze()` as the CLI does, then `normalize(text)` on each "
        f"({stats.total_tt:.2f} s profiled). cProfile inflates pure-Python code several times over and "
        "unevenly: the shares say where the time goes, the seconds are not the benchmark's. "
        f"Reproduce: `python benchmarks/profile.py batch --articles {profiled}{warm_arg}{gazetteer_args} --save batch.prof`, "
        "then `python -m pstats batch.prof` (`sort tottime`, `stats 20`).",
        "",
        "By engine stage (cumulative time of each stage's function, found by name; `-` if not found):",
        "",
        markdown_table(STAGE_HEADER, stage_rows(stats)),
        "",
        f"Top {OWN_TIME_ROWS} functions by own time (tottime), together {100 * covered / total:.0f}% "
        "of the profiled time:",
        "",
        markdown_table(OWN_TIME_HEADER, own_time_rows(stats)),
    ]) + "\n"


def python_args(command: Sequence[str], folder: Path) -> list[str] | None:
    """`command` as arguments to a Python interpreter (so -X importtime and -m cProfile
    can go in front), or None if it is not a Python program."""
    if Path(command[0]).name.startswith("python") or command[0] == sys.executable:
        if command[1:2] == ["-c"]:  # cProfile takes no -c: the script goes to a file
            script = folder / "one_shot.py"
            script.write_text(command[2], encoding="utf-8")
            return [str(script), *command[3:]]
        return list(command[1:])
    try:
        with open(command[0], "rb") as handle:
            first = handle.readline()
    except OSError:
        return None
    return [command[0], *command[1:]] if first.startswith(b"#!") and b"python" in first else None


def _shown(arg: str, command: Sequence[str]) -> str:
    """An argument as a reader would type it in the repository root."""
    if arg == command[0] and Path(arg).name == "normalize":
        return '"$(command -v normalize)"'
    return _display(arg) if Path(arg).is_absolute() else arg


def cold_start_section(command: Sequence[str], article: str | Path, env: dict | None = None,
                       save: str | Path | None = None) -> str:
    """Markdown: the imports and the functions that make up one `normalize --check ARTICLE`
    (a warm index cache, as in the cold-start median)."""
    env = child_env(env)
    with tempfile.TemporaryDirectory(prefix="normalizer-profile-") as folder:
        args = python_args(command, Path(folder))
        if args is None:
            return f"(not profiled: `{' '.join(command)}` is not a Python program)\n"
        run = [*args, "--check", str(article)]
        done = subprocess.run([sys.executable, "-X", "importtime", *run], capture_output=True, text=True,
                              env=env, cwd=ROOT)
        imports = parse_importtime(done.stderr)
        out = Path(save) if save else Path(folder) / "cold.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *run], capture_output=True,
                       env=env, cwd=ROOT)
        stats = pstats.Stats(str(out))
    shown = " ".join(_shown(arg, command) for arg in run)
    import_total = sum(i.cumulative_us for i in imports if i.depth == 0) / 1e6
    in_imports, profiled = import_share(stats)
    return "\n".join([
        f"One `normalize --check {_display(article)}` with a warm index cache, profiled twice. "
        f"`python -X importtime`: {len(imports)} modules imported in {import_total:.3f} s "
        f"(nested times included in their importer's); the top {IMPORT_ROWS} by cumulative time:",
        "",
        markdown_table(IMPORT_HEADER, import_rows(imports)),
        "",
        f"cProfile of the same command: {profiled:.3f} s profiled, of which {in_imports:.3f} s "
        f"({100 * in_imports / (profiled or 1e-12):.0f}%) in imports (importlib's `_find_and_load`). "
        f"Top {CUMULATIVE_ROWS} functions by cumulative time, leaving out import machinery "
        "(importlib frames, module bodies) and frames that pass >= 95% of their time to one callee "
        "(the layers of click and typer):",
        "",
        markdown_table(CUMULATIVE_HEADER, cumulative_rows(stats)),
        "",
        "Reproduce (run once first: the first run compiles the index): "
        f"`python -X importtime {shown} 2>&1 | sort -t '|' -k2 -n | tail -{IMPORT_ROWS}` and "
        f"`python -m cProfile -s cumulative {shown} | head -40`, "
        "or both tables: `python benchmarks/profile.py cold-start`.",
    ]) + "\n"


# ---------------------------------------------------------------- command line


def _default_gazetteer() -> Path:
    from benchmarks.corpora import WIKINEWS_GAZETTEER

    return Path(WIKINEWS_GAZETTEER)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Where the time goes: the profiles of BENCHMARKS.md.")
    sub = parser.add_subparsers(dest="which", required=True)
    batch = sub.add_parser("batch", help="cProfile of normalize over the speed articles")
    batch.add_argument("--articles", type=int, default=BATCH_ARTICLES)
    batch.add_argument("--gazetteer", action="append", help="default: the Wikinews gazetteer, as speed.py")
    batch.add_argument("--save", help="keep the raw profile here (for python -m pstats, snakeviz)")
    batch.add_argument("--warm", type=int, default=0, metavar="N",
                       help="normalize N articles before profiling the next --articles (a long batch's steady state)")
    cold = sub.add_parser("cold-start", help="importtime and cProfile of one normalize --check")
    cold.add_argument("article", nargs="?", help="default: the speed benchmark's first article")
    cold.add_argument("--save", help="keep the raw cProfile here")
    args = parser.parse_args(argv)
    if args.which == "batch":
        paths = build_articles(args.warm + args.articles, 1, WORK / "profile-articles")
        print(batch_section(paths, args.gazetteer or [_default_gazetteer()], save=args.save, warm=args.warm))
    else:
        # a copy, as speed.py's cold start: normalize_command tries commands on it and restores it
        article = build_articles(1, 1, WORK / "profile-cold-start")[0]  # the speed batch's first
        if args.article:
            article.write_bytes(Path(args.article).read_bytes())
        article.with_suffix(".orig").write_bytes(article.read_bytes())
        # Worked out anew, as speed.py's cold-start median: a known article's results are only read back.
        fresh = [*normalize_command(article), "--no-result-cache"]
        print(cold_start_section(fresh, article, save=args.save))
    return 0


if __name__ == "__main__":
    sys.exit(main())
