"""The benchmark scripts share their helpers through benchmarks/common.py and import
one another in one direction only, deferred imports included."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import common  # noqa: E402


def benchmark_imports() -> dict[str, set[str]]:
    """For each script of benchmarks/, the other scripts it imports, at any depth of its code."""
    scripts = {path.stem: path for path in [*BENCHMARKS.glob("*.py"), BENCHMARKS / "run"] if path.stem != "__init__"}
    graph = {}
    for name, path in scripts.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "benchmarks":
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("benchmarks."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("benchmarks."))
        graph[name] = found & set(scripts) - {name}
    return graph


def test_no_benchmark_script_imports_one_that_imports_it():
    graph = benchmark_imports()
    assert graph["speed"] >= {"common", "profile"} and "speed" not in graph["profile"]

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph[start])

    assert [name for name in graph if reaches(name, name, set())] == []
    assert graph["common"] <= {"corpora"}  # the helpers lean on nothing but the corpus paths


def test_child_env_puts_this_checkout_first_once(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(["/elsewhere", str(ROOT)]))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", "/set/since/import")
    env = common.child_env()
    assert env["PYTHONPATH"].split(os.pathsep) == [str(ROOT), "/elsewhere"]
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["NORMALIZER_CACHE_DIR"] == "/set/since/import"  # the environment as it is now
    assert common.child_env(env) == env
    assert common.child_env({"A": "b"}) == {"A": "b", "PYTHONPATH": str(ROOT)}


def test_build_articles_is_seeded(tmp_path):
    first = [p.read_text(encoding="utf-8") for p in common.build_articles(3, 7, tmp_path / "a")]
    again = [p.read_text(encoding="utf-8") for p in common.build_articles(3, 7, tmp_path / "b")]
    assert first == again and len(set(first)) == 3 and all(text.endswith("\n") for text in first)
