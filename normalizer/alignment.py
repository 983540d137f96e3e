"""The cheapest route of one spelling to another under a learned table of
group rewrites: the dynamic program of normalizer.transliteration.

A table maps an English group of up to `max_source` letters to the garbled
groups it may become, with their costs (-log P); single letters the table
does not know cost the floors (identity, substitution, deletion,
insertion). `align` works on a `Table`, which indexes a table dict once and
remembers, for the names and words it meets most, what does not depend on
the other spelling of the pair. Its cells are filled in C where
normalizer/_alignment.c was built (`pip install .`), else by
`fill_in_python`, the same arithmetic in the same order.
"""

from __future__ import annotations

import math
from itertools import accumulate, chain, repeat
from operator import add

try:  # the cell loop in C, built by `pip install .` where a compiler is (hatch_build.py)
    from normalizer._alignment import fill as compiled_fill
except ImportError:  # pragma: no cover - a machine with no compiler: the Python loop below
    compiled_fill = None

SOURCES_KEPT = 1024  # per script table: what align() keeps of the names it saw, about 0.5 kB each
TARGETS_KEPT = 1024  # ... and of the garbled words, about 0.5 kB each


class Table:
    """One script's costs indexed for `align`: the single-letter steps apart
    (they fill every cell, so they are looked up per letter), and the group
    steps (rare: a few per pair) by where they can start in a source word.
    The table dict is read-only once given here."""

    def __init__(self, table: dict[str, dict[str, float]], floors: tuple[float, ...], max_source: int, max_target: int):
        self.table, self.floors = table, tuple(floors)
        self.max_source, self.max_target = max_source, max_target
        self.inserts = {t: c for t, c in table.get("", {}).items() if len(t) == 1} if max_target else {}
        self.insert_floor = floors[3] if max_target else math.inf
        # The "" group (multi-letter insertions) is the same at every row.
        self.in_row = {t: c for t, c in table.get("", {}).items() if 2 <= len(t) <= max_target}
        self.groups: dict[str, dict[str, float]] = {}
        for group, options in table.items():
            if 1 <= len(group) <= max_source:
                low = 2 if len(group) == 1 else 0
                kept = {t: c for t, c in options.items() if low <= len(t) <= max_target}
                if kept:
                    self.groups[group] = kept
        self.letters: dict[str, tuple[float, dict[str, float]]] = {}
        self.by_letter = _Letters(self.letter)  # letter(c) by c, read in C
        self.sources: dict[str, tuple] = {}
        self.targets: dict[str, tuple] = {}

    def letter(self, c: str) -> tuple[float, dict[str, float]]:
        """The deletion cost of `c` and its 1x1 costs by garbled letter (a
        dict that fills in the floors as letters are asked for)."""
        found = self.letters.get(c)
        if found is None:
            identity, substitute, delete, _ = self.floors
            options = (self.table.get(c) or {}) if self.max_source else {}
            if not self.max_source:
                delete = identity = substitute = math.inf
            if not self.max_target:
                identity = substitute = math.inf
            singles = {t: cost for t, cost in options.items() if len(t) == 1} if self.max_target else {}
            found = self.letters[c] = (options.get("", delete), _Floors(identity, substitute, c, singles))
        return found

    def source(self, source: str) -> tuple[list[tuple[int, int, dict[str, float]]], list]:
        """Per source word: its groups that have group steps (row, letters,
        their steps by garbled piece), and per row its letter's costs. Kept for the last
        SOURCES_KEPT words (names recur)."""
        found = self.sources.get(source)
        if found is None:
            groups = self.groups
            spans = [(i, a, groups[group]) for a in range(1, self.max_source + 1) for i in range(len(source) - a + 1) if (group := source[i : i + a]) in groups]
            if len(self.sources) >= SOURCES_KEPT:
                self.sources.clear()
            found = self.sources[source] = (spans, list(map(self.by_letter.__getitem__, source)))
        return found

    def target(self, target: str, at: dict[str, list[int]]) -> tuple:
        """Per garbled word (`at`: its pieces): the cost of inserting each of
        its letters, its multi-letter insertions by the column they reach,
        and the first row of `align` (nothing of the source written yet).
        Kept for the last TARGETS_KEPT words."""
        found = self.targets.get(target)
        if found is None:
            in_row: dict[int, list[tuple[int, float]]] = {}
            for piece in self.in_row.keys() & at.keys():
                for j in at[piece]:
                    in_row.setdefault(j + len(piece), []).append((j, self.in_row[piece]))
            ins = [0.0, *map(self.inserts.get, target, repeat(self.insert_floor))]
            # Row 0: from the start by insertions only (single or multi-letter).
            first = list(accumulate(ins))
            if in_row:
                here = 0.0
                for j in range(1, len(ins)):
                    here += ins[j]
                    for start, cost in in_row.get(j, ()):
                        if first[start] + cost < here:
                            here = first[start] + cost
                    first[j] = here
            if len(self.targets) >= TARGETS_KEPT:
                self.targets.clear()
            found = self.targets[target] = (ins, in_row, first)
        return found


def cheapest(tables: list[Table]) -> Table:
    """A table no step of which costs more than under any of `tables` (of
    one size): each step at its least learned cost, a single-letter step at
    no more than the least floor of its kind (what a table that has not
    learned it charges). So under it no alignment costs more than under any
    of them: one alignment bounds them all from below."""
    floors = tuple(min(table.floors[kind] for table in tables) for kind in range(4))
    identity, substitute, delete, insert = floors
    merged: dict[str, dict[str, float]] = {}
    for table in tables:
        for source, options in table.table.items():
            into = merged.setdefault(source, {})
            for target, cost in options.items():
                into[target] = min(cost, into.get(target, math.inf))
    for source, options in merged.items():
        for target, cost in options.items():
            if len(source) <= 1 and len(target) <= 1 and (source or target):
                floor = insert if not source else delete if not target else identity if source == target else substitute
                options[target] = min(cost, floor)
    return Table(merged, floors, tables[0].max_source, tables[0].max_target)


class _Letters(dict):
    """Table.letter(c) by letter, each worked out at its first asking."""

    def __init__(self, letter):
        super().__init__()
        self.letter = letter

    def __missing__(self, c: str) -> tuple[float, dict[str, float]]:
        found = self[c] = self.letter(c)
        return found


class _Floors(dict):
    """1x1 costs of one source letter: learned where the table has one, else the floor."""

    def __init__(self, identity: float, substitute: float, letter: str, learned: dict[str, float]):
        super().__init__(learned)
        self.identity, self.substitute, self.letter = identity, substitute, letter

    def __missing__(self, t: str) -> float:
        cost = self[t] = self.identity if t == self.letter else self.substitute
        return cost


def pieces(target: str, max_target: int) -> dict[str, list[int]]:
    """Where each substring of `target` of up to `max_target` letters starts
    (read-only: kept for the last TARGETS_KEPT words, each aligned with
    every candidate name it meets)."""
    found = _pieces.get((target, max_target))
    if found is None:
        found = {}
        for b in range(max_target + 1):
            for j in range(len(target) - b + 1):
                found.setdefault(target[j : j + b], []).append(j)
        if len(_pieces) >= TARGETS_KEPT:
            _pieces.clear()
        _pieces[(target, max_target)] = found
    return found


_pieces: dict[tuple[str, int], dict[str, list[int]]] = {}


_tables: dict[int, Table] = {}


def align(
    source: str,
    target: str,
    table: dict[str, dict[str, float]] | Table,
    floors: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    max_source: int = 0,
    max_target: int = 0,
    trace: bool = False,
    at: dict[str, list[int]] | None = None,
) -> tuple[float, list[tuple[str, str]]]:
    """The cheapest segmentation of `source` -> `target` into group rewrites.

    Each step rewrites source[i:i+a] (a <= max_source) into target[j:j+b]
    (b <= max_target); a group the table knows costs its learned cost; a
    single letter unknown to the table costs the floor of its kind
    (identity, substitution, deletion, insertion). Returns the total cost and,
    with `trace`, the steps (of equally cheap routes, the one whose earlier
    steps end first, row by row). `table` is a table dict with the floors and
    sizes, or a Table; `at` is pieces(target) if known.
    """
    if not isinstance(table, Table):
        known = _tables.get(id(table))  # the learner aligns thousands of pairs per table
        if known is None or known.table is not table or known.floors != tuple(floors) or (known.max_source, known.max_target) != (max_source, max_target):
            if len(_tables) >= 16:
                _tables.clear()
            known = _tables[id(table)] = Table(table, floors, max_source, max_target)
        table = known
    at = pieces(target, table.max_target) if at is None else at
    ins, in_row, first = table.target(target, at)
    if compiled_fill is not None and not trace:
        return compiled_fill(source, target, table.groups, table.by_letter, table.max_source, first, ins, in_row, at), []
    spans, letters = table.source(source)
    # This pair's group steps (a few), by the row they reach: (column, from row, from column, cost).
    # The order within a row does not matter: a cell keeps the cheapest.
    landing: dict[int, list[tuple[int, int, int, float]]] = {}
    for i, a, options in spans:
        for piece in options.keys() & at.keys():
            b, cost = len(piece), options[piece]
            reach = landing.setdefault(i + a, [])
            for j in at[piece]:
                reach.append((j + b, i, j, cost))
    return fill_in_python(source, target, table, trace, letters, ins, in_row, first, landing)


def fill_in_python(source: str, target: str, table: Table, trace: bool, letters: list, ins: list[float],
                   in_row: dict, first: list[float], landing: dict) -> tuple[float, list[tuple[str, str]]]:
    """align's cells in Python: where normalizer._alignment was not built,
    and to trace a route (which needs every row)."""
    n, m = len(source), len(target)
    inf = math.inf
    nothing = [inf] * (m + 1)
    rows: list[list[float]] = [first]
    above = first
    for i in range(1, n + 1):
        delete, sub = letters[i - 1]
        # 1x1 steps from the row above, lazily (no list): column 0 has none.
        kept = chain((inf,), map(add, above, map(sub.__getitem__, target)))
        # Each cell: the cheapest of a deletion and a 1x1 step from the row
        # above, a group step arriving, an insertion from the cell before.
        row: list[float] = []
        here = inf
        jumps = landing.get(i)
        if jumps:
            arriving = nothing[:]
            for end, i0, start, cost in jumps:
                if rows[i0][start] + cost < arriving[end]:
                    arriving[end] = rows[i0][start] + cost
        # One cell rule, written three times: with multi-letter insertions in
        # this row, with group steps only, with neither. Testing per cell which
        # case holds cost more than the rule itself (the hottest loop of a batch).
        if in_row:
            for j, (x, z, y, c) in enumerate(zip(above, kept, arriving if jumps else nothing, ins)):
                here += c
                x += delete
                if x < here:
                    here = x
                if z < here:
                    here = z
                if y < here:
                    here = y
                if j in in_row:
                    for start, cost in in_row[j]:
                        if row[start] + cost < here:
                            here = row[start] + cost
                row.append(here)
        elif jumps:
            for x, z, y, c in zip(above, kept, arriving, ins):
                here += c
                x += delete
                if x < here:
                    here = x
                if z < here:
                    here = z
                if y < here:
                    here = y
                row.append(here)
        else:
            for x, z, c in zip(above, kept, ins):
                here += c
                x += delete
                if x < here:
                    here = x
                if z < here:
                    here = z
                row.append(here)
        rows.append(row)
        above = row
    total = rows[n][m]
    return total, _trace(source, target, table, rows) if trace and total < inf else []


def _trace(source: str, target: str, table: Table, rows: list[list[float]]) -> list[tuple[str, str]]:
    """The steps back from the end: at each cell the step from the earliest
    cell (row, then column) whose cost plus the step's gives the cell's cost,
    the step a forward pass keeping the first of equal costs would record."""
    identity, substitute, delete, insert = table.floors
    steps: list[tuple[str, str]] = []
    i, j = len(source), len(target)
    while i or j:
        for a in range(min(table.max_source, i), -1, -1):
            piece = source[i - a : i]
            options = table.table.get(piece) or {}
            for b in range(min(table.max_target, j), -1, -1):
                garbled = target[j - b : j]
                cost = options.get(garbled)
                if cost is None and a + b == 1:
                    cost = insert if not a else delete
                elif cost is None and a == b == 1:
                    cost = identity if piece == garbled else substitute
                if cost is not None and a + b and rows[i - a][j - b] + cost == rows[i][j]:
                    break
            else:
                continue
            break
        steps.append((piece, garbled))
        i, j = i - a, j - b
    steps.reverse()
    return steps
