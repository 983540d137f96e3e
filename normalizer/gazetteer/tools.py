"""The former home of `normalize gazetteer ...`, kept as an alias.

The tools now live in one module per job: `app` (the command line), `files`
(reading and validating files), `lint`, `stats`, `edit` (add-variant) and
`yaml_edit` (editing a file's text in place). This module keeps the old
entry point and import path working:

    python -m normalizer.gazetteer.tools lint newsroom.yaml   # = python -m normalizer.gazetteer.app
"""

from __future__ import annotations

from normalizer.gazetteer.app import gazetteer_app
from normalizer.gazetteer.edit import Reviewed, variant_from_correction

__all__ = ["gazetteer_app", "Reviewed", "variant_from_correction"]

if __name__ == "__main__":
    gazetteer_app()
