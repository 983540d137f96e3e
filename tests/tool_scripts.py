"""The scripts of tools/, imported as modules by the tests that check them."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def tool_script(name: str):
    """tools/NAME.py as a module, loaded once. It is registered in
    sys.modules under its name: its dataclasses look their module up."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
