"""Build the C parts of the wheel: the hottest loops of a batch, each with a
Python twin that gives the same results (normalizer/alignment.py,
normalizer/round_trip_model.py).

hatchling builds no C by itself; this hook compiles each extension with
setuptools' build_ext (the compiler and flags Python was built with). A
standard wheel gets the compiled modules and a platform tag; an editable
install (`pip install -e .`) gets them beside their sources, where the
editable import finds them. Where one cannot be compiled (no compiler, no
Python headers) the wheel is built without it, with a warning, and its
Python twin runs: slower, the same corrections. Set
NORMALIZER_REQUIRE_COMPILED=1 to make that an error instead.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# module -> its C source
EXTENSIONS = {
    "normalizer._alignment": "normalizer/_alignment.c",  # the cells of normalizer.alignment.align
    "normalizer._joint": "normalizer/_joint.c",  # the grid of normalizer.round_trip_model's joint
    "normalizer._search": "normalizer/_search.c",  # the states of normalizer.round_trip_search
}


class CompiledLoopsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        self._work = Path(tempfile.mkdtemp(prefix="normalizer-build-"))
        built = []
        for module, source in EXTENSIONS.items():
            if version == "editable":
                # An old build beside the source would be imported in place of one that fails now.
                for suffix in EXTENSION_SUFFIXES:  # .cpython-311-x86_64-linux-gnu.so, .abi3.so, .so, .pyd ...
                    (Path(self.root) / "normalizer" / (module.rsplit(".", 1)[1] + suffix)).unlink(missing_ok=True)
            try:
                built.append(_compile(module, Path(self.root) / source, self._work))
            except Exception as error:  # noqa: BLE001 - any failure to compile leaves the Python twin
                if os.environ.get("NORMALIZER_REQUIRE_COMPILED") == "1":
                    raise
                print(f"normalizer: could not compile {source} ({error}); its Python twin runs instead", file=sys.stderr)
        for path in built:
            if version == "editable":
                # Beside its source: the editable install imports normalizer from this folder.
                shutil.copy2(path, Path(self.root) / "normalizer" / path.name)
            else:
                build_data["force_include"][str(path)] = f"normalizer/{path.name}"
        if built:
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _compile(module: str, source: Path, work: Path) -> Path:
    """`module` compiled from `source` in the folder `work`: the path of the built file."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    distribution = Distribution({"name": "news-normalizer", "ext_modules": [Extension(module, [str(source)])]})
    command = build_ext(distribution)
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "temp")
    command.ensure_finalized()
    command.run()
    return Path(command.get_ext_fullpath(module))
