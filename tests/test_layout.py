"""The house rules of the code base (issue 10): modules and classes small
enough to read, and no import cycle, including one hidden behind a package's
__init__. Module-level imports only: a deferred import inside a function is
how a module keeps start-up light, and cannot form a cycle at import time."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "normalizer"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 200


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_module_is_over_400_lines():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path, _ in modules()}
    assert {name: n for name, n in long.items() if n > MAX_MODULE_LINES} == {}


def test_no_class_is_over_200_lines():
    big = {
        f"{name}.{node.name}": node.end_lineno - node.lineno + 1
        for name, _, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    }
    assert big == {}


def _imports(tree: ast.Module) -> set[str]:
    """Modules imported at module level; importing a.b.c runs a, a.b and a.b.c."""
    found: set[str] = set()
    for node in tree.body:
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            found.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return found


def test_no_import_cycle():
    graph = {name: set() for name, _, _ in modules()}
    for name, _, tree in modules():
        # A module's own parent packages are initialized before it: importing
        # a sibling through them is not a cycle of the design.
        ancestors = {name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)}
        graph[name] = {m for m in _imports(tree) if m in graph and m != name and m not in ancestors}
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dependency in sorted(graph[module]):
            if state.get(dependency) == 1:
                cycles.append(path[path.index(dependency):] + [dependency])
            elif dependency not in state:
                visit(dependency, path + [dependency])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_version_module_is_a_leaf():
    tree = ast.parse((PACKAGE / "_version.py").read_text(encoding="utf-8"))
    assert not _imports(tree)
