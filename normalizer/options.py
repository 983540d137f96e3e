"""The engine's options: one frozen value, built once from the command line
and the project configuration by `merge`, passed to `Normalizer.load`, and
naming the compiled index in the cache (as black's `Mode` does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from normalizer import calibration
from normalizer.errors import NormalizerError

if TYPE_CHECKING:
    from normalizer.config import ProjectConfig

# Probabilities (normalizer/calibration.py), set on measured precision by tools/fit_calibration.py.
DEFAULT_APPLY_THRESHOLD = calibration.apply_probability()
DEFAULT_SUGGEST_THRESHOLD = calibration.suggest_probability()
# The raw score an entity's own `threshold` is measured from (evidence.prior): the engine's
# apply threshold before calibration, kept so that a gazetteer's thresholds keep their meaning.
ENTITY_THRESHOLD_BASE = 0.80


@dataclass(frozen=True)
class Options:
    gazetteers: tuple[str, ...] = ()  # files or folders, besides the bundled set
    bundled: bool = True
    apply_threshold: float = DEFAULT_APPLY_THRESHOLD
    suggest_threshold: float = DEFAULT_SUGGEST_THRESHOLD  # never above apply_threshold
    ignore_words: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("apply_threshold", "suggest_threshold"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise NormalizerError(f"{name} must be a number in (0, 1], got {value!r}")
        # A suggestion is a correction not sure enough to apply: never above the apply threshold.
        object.__setattr__(self, "suggest_threshold", min(self.suggest_threshold, self.apply_threshold))
        object.__setattr__(self, "gazetteers", tuple(str(path) for path in self.gazetteers))
        object.__setattr__(self, "ignore_words", tuple(self.ignore_words))

    @classmethod
    def create(
        cls,
        gazetteers: Iterable[str | Path] = (),
        bundled: bool = True,
        apply_threshold: float | None = None,
        suggest_threshold: float | None = None,
        ignore_words: Iterable[str] = (),
    ) -> "Options":
        """Options from keyword arguments, None meaning the default."""
        return cls(
            gazetteers=tuple(gazetteers),
            bundled=bundled,
            apply_threshold=DEFAULT_APPLY_THRESHOLD if apply_threshold is None else apply_threshold,
            suggest_threshold=DEFAULT_SUGGEST_THRESHOLD if suggest_threshold is None else suggest_threshold,
            ignore_words=tuple(ignore_words),
        )

    def index_key(self, files: Iterable[Path]) -> str:
        """The cache key of the compiled index for these options: the bytes of
        every gazetteer file and the protected words (the cache adds the code
        version). Thresholds are not part of it: they are applied per text."""
        from normalizer.gazetteer.identity import fingerprint

        return f"index\0{fingerprint(files)}\0" + "\0".join(sorted(set(self.ignore_words)))

    def results_key(self, files: Iterable[Path]) -> str:
        """What a text's result depends on besides the text and the code: the
        index of these gazetteer files and the thresholds."""
        return f"results\0{self.index_key(files)}\0{self.apply_threshold!r}\0{self.suggest_threshold!r}"


def merge(
    config: ProjectConfig | None,
    gazetteers: Iterable[str | Path] = (),
    bundled: bool = True,
    apply_threshold: float | None = None,
) -> Options:
    """The options for articles under `config` (None: no project configuration),
    given the command line's. The command line wins: `--gazetteer` adds to the
    configuration's gazetteers, `--no-bundled` and `--min-confidence` override it."""
    return Options.create(
        gazetteers=[*(config.gazetteers if config else ()), *gazetteers],
        bundled=bundled and (config.bundled if config else True),
        apply_threshold=apply_threshold if apply_threshold is not None else (config.apply_threshold if config else None),
        suggest_threshold=config.suggest_threshold if config else None,
        ignore_words=config.ignore_words if config else (),
    )
