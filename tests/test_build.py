"""The wheel `pip install .` builds: with the C loops where a compiler is, a
pure one that still works where none is (hatch_build.py), and an error
instead when NORMALIZER_REQUIRE_COMPILED=1 asks for the C loops."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ("normalizer/_alignment.", "normalizer/_joint.", "normalizer/_search.")


@pytest.mark.parametrize("module", ["normalizer._alignment", "normalizer._joint", "normalizer._search"])
def test_the_install_built_each_c_loop(module):
    """`pip install .` (the README's commands) compiles them wherever a C
    compiler is: a silent fallback to the Python twins would go unseen."""
    compiler = sysconfig.get_config_var("CC") or "cc"
    if shutil.which(compiler.split()[0]) is None:
        pytest.skip(f"no C compiler ({compiler}) on this machine")
    importlib.import_module(module)  # ImportError: not built, see hatch_build.py


def build_wheel(folder: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(folder), str(ROOT)],
        capture_output=True, text=True, env={**os.environ, **env}, timeout=600,
    )


def built_files(folder: Path) -> tuple[str, list[str]]:
    (wheel,) = folder.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return wheel.name, archive.namelist()


def test_with_no_compiler_the_wheel_is_pure_and_says_why(tmp_path):
    # CC=false: setuptools' build_ext calls it, and it fails, as a missing compiler does.
    run = build_wheel(tmp_path, CC="false", NORMALIZER_REQUIRE_COMPILED="0")
    assert run.returncode == 0, run.stderr
    name, files = built_files(tmp_path)
    assert name.endswith("-py3-none-any.whl")
    assert not [f for f in files if f.startswith(COMPILED) and not f.endswith(".c")]
    assert "normalizer/alignment.py" in files and "normalizer/_alignment.c" in files


def test_asking_for_the_compiled_loops_makes_a_failed_compile_an_error(tmp_path):
    run = build_wheel(tmp_path, CC="false", NORMALIZER_REQUIRE_COMPILED="1")
    assert run.returncode != 0
    assert not list(tmp_path.glob("*.whl"))


def test_with_a_compiler_the_wheel_holds_the_three_loops(tmp_path):
    if os.environ.get("CC") == "false":
        pytest.skip("no compiler asked for")
    run = build_wheel(tmp_path)
    assert run.returncode == 0, run.stderr
    name, files = built_files(tmp_path)
    assert not name.endswith("-none-any.whl")  # a platform wheel
    for module in COMPILED:
        assert [f for f in files if f.startswith(module) and f.endswith((".so", ".pyd"))], module


# A child that cannot import the C loops, as on a machine where none was built.
WITHOUT_C = """
import sys
class NoCLoops:
    def find_spec(self, name, path=None, target=None):
        if name in ("normalizer._alignment", "normalizer._joint", "normalizer._search"):
            raise ImportError(name + " is not built here")
sys.meta_path.insert(0, NoCLoops())
from normalizer import alignment, round_trip_model, round_trip_search
assert (alignment.compiled_fill, round_trip_model.compiled_joint, round_trip_search.compiled_search) == (None, None, None)
from normalizer.cli.app import main
sys.argv = ["normalize", *sys.argv[1:]]
main()
"""


def test_without_the_c_loops_the_engine_makes_the_same_corrections(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))[:3]
    arguments = ["--format", "json", "--suggestions", "show", "--no-result-cache", "--check", *map(str, seeds)]
    env = {**os.environ, "NORMALIZER_CACHE_DIR": str(tmp_path / "cache")}
    with_c = subprocess.run([sys.executable, "-m", "normalizer.cli.app", *arguments], capture_output=True, text=True, env=env)
    without_c = subprocess.run([sys.executable, "-c", WITHOUT_C, *arguments], capture_output=True, text=True, env=env)
    assert with_c.returncode == without_c.returncode == 1, (with_c.stderr, without_c.stderr)  # --check: repairs found
    assert with_c.stdout == without_c.stdout and '"replacement"' in with_c.stdout
