"""The engines of a `normalize` run: one loaded Normalizer per set of options,
and the stores of what earlier runs worked out (cli/known_results.py: an
article's result; normalizer/word_store.py: a word's candidates), read as
the run goes and written once at its end."""

from __future__ import annotations

import gc
from pathlib import Path

from normalizer.cli.report import fail
from normalizer.errors import NormalizerError


class Engines:
    """One loaded Normalizer per distinct set of options, loaded on first use."""

    def __init__(self, gazetteers: list[Path], bundled: bool, apply_threshold: float | None,
                 result_cache: bool = True):
        self.gazetteers = list(gazetteers)
        self.bundled = bundled
        self.apply_threshold = apply_threshold
        self._loaded: dict = {}  # Options -> Normalizer
        self._results_keys: dict = {}  # Options -> its results_key
        from normalizer.cli.known_results import KnownResults
        from normalizer.word_store import WordStore

        # The results and the words of earlier runs, read and kept unless --no-result-cache.
        self.known = KnownResults(enabled=result_cache)
        self.words = WordStore(enabled=result_cache)

    def for_config(self, config):
        """The Normalizer for articles under `config` (None: no project config)."""
        from normalizer.engine import Normalizer  # lazy: `--help` stays instant

        options = self._options(config)
        if options not in self._loaded:
            try:
                self._loaded[options] = Normalizer.from_options(options)
            except NormalizerError as exc:  # a bad gazetteer spoils every file: stop at once
                fail(str(exc))
            from normalizer.word_store import attach

            attach(self._loaded[options], self.words)
            # The index lives as long as the command: spare the garbage
            # collector from walking its many objects again and again
            # (and forked workers from copying the pages it would touch).
            gc.freeze()
        return self._loaded[options]

    def remember(self, outcome) -> None:
        """Keep what an article's run (here or on a worker) worked out: its result, its words."""
        self.known.remember(outcome)
        self.words.add(outcome.words)

    def save(self) -> None:
        """Write what the run worked out for the next one, once, at its end."""
        self.known.save()
        self.words.save()

    def results_key(self, config) -> str:
        """What the results under `config` depend on besides the text (known_results.py),
        found without loading the engine: an article known already needs none."""
        from normalizer.gazetteer.identity import gazetteer_files

        options = self._options(config)
        if options not in self._results_keys:
            try:
                files = gazetteer_files(options.gazetteers, bundled=options.bundled)
            except NormalizerError as exc:
                fail(str(exc))
            self._results_keys[options] = options.results_key(files)
        return self._results_keys[options]

    def _options(self, config):
        """Command-line options win: --gazetteer adds to the config's
        gazetteers, --no-bundled and --min-confidence override it."""
        from normalizer.options import merge

        try:
            return merge(config, self.gazetteers, bundled=self.bundled, apply_threshold=self.apply_threshold)
        except NormalizerError as exc:
            fail(str(exc))
