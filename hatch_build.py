"""Build the C part of the wheel: normalizer/_alignment.c, the cell loop of
normalizer.alignment.align (the hottest loop of a batch).

hatchling builds no C by itself; this hook compiles the one extension with
setuptools' build_ext (the compiler and flags Python was built with). A
standard wheel gets the compiled module and a platform tag; an editable
install (`pip install -e .`) gets it beside its source, where the editable
import finds it. Where nothing can compile it (no compiler, no Python
headers) the wheel is built without it, with a warning: normalizer.alignment
then runs the same loop in Python, slower and with the same results.
Set NORMALIZER_REQUIRE_COMPILED=1 to make that an error instead.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "normalizer._alignment"
SOURCE = "normalizer/_alignment.c"


class CompiledAlignmentHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        self._work = Path(tempfile.mkdtemp(prefix="normalizer-build-"))
        try:
            built = _compile(Path(self.root), self._work)
        except Exception as error:  # noqa: BLE001 - any failure to compile leaves the Python loop
            if os.environ.get("NORMALIZER_REQUIRE_COMPILED") == "1":
                raise
            print(f"normalizer: could not compile {SOURCE} ({error}); the alignment runs in Python", file=sys.stderr)
            return
        if version == "editable":
            # Beside its source: the editable install imports normalizer from this folder.
            shutil.copy2(built, Path(self.root) / "normalizer" / built.name)
        else:
            build_data["force_include"][str(built)] = f"normalizer/{built.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _compile(root: Path, work: Path) -> Path:
    """The extension module, compiled in the folder `work`."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    distribution = Distribution({"name": "news-normalizer", "ext_modules": [Extension(MODULE, [str(root / SOURCE)])]})
    command = build_ext(distribution)
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "temp")
    command.ensure_finalized()
    command.run()
    return Path(command.get_ext_fullpath(MODULE))
