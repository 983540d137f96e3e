"""The round-trip categories of normalizer.measure.garbler: a name word sent
through another script and back by a real romanizer.

| category | script | romanizers (normalizer.measure.roundtrip) |
| --- | --- | --- |
| ja | katakana | Hepburn, long vowels unmarked, l for r |
| ru | russian | iuliia: Wikipedia, BGN/PCGN, passports, GOST, scientific |
| zh | chinese | pinyin, with and without tone marks |
| ko | korean | Revised Romanization, letter by letter |
| ar | arabic | news and French-style tables |
| he | hebrew | news tables |

A word's spelling in the other script comes, in the order asked for
(`sources`), from the DEV split of the Wikidata pairs (tools/data/
transliteration/*.dev.tsv: the engine's model is learned from the TRAIN split,
so it is measured on words it never saw), from the TRAIN split (opt-in, and
labelled "train" in the record), or from `model`: the spelling written by
normalizer.measure.native_spelling, a model learned from the dev split, for
words no pair holds. Where a word has several spellings in a split, the one
that most Wikidata labels give (then the first in the file).

Every word of the mention that the garbler may touch goes through the same
script (a name comes through one language); a word stays as it is when it
has no spelling, or when every form is its own spelling, an English word, or
another name of the gazetteer. Among the forms left, the scheme is a seeded
choice. The garbled word keeps the original's capitalization style.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from normalizer.measure.native_spelling import SpellingModel, dev_model
from normalizer.measure.roundtrip import round_trips

ROUND_TRIP_CATEGORIES = {
    "ja": "katakana", "ru": "russian", "zh": "chinese", "ko": "korean", "ar": "arabic", "he": "hebrew",
}
SOURCES = ("dev", "train", "model")
DEFAULT_SOURCES = ("dev", "model")
DATA_DIR = Path(__file__).resolve().parents[2] / "tools" / "data" / "transliteration"


@dataclass(frozen=True)
class RoundTrip:
    """One word of a round-tripped mention."""

    word: str  # as the clean text writes it
    native: str  # its spelling in the other script
    source: str  # where that spelling comes from: dev, train or model
    scheme: str  # the romanization that sent it back
    form: str  # what the garbled text writes


class NativeSpellings:
    """A word's spelling in another script, from the pairs or the dev-learned model."""

    def __init__(self, data_dir: Path | str = DATA_DIR, sources: Sequence[str] = DEFAULT_SOURCES):
        unknown = set(sources) - set(SOURCES)
        if unknown or not sources:
            raise ValueError(f"native spelling sources are {', '.join(SOURCES)}; got {', '.join(sources) or 'none'}")
        self.data_dir = Path(data_dir)
        self.sources = tuple(sources)
        self._splits: dict[tuple[str, str], dict[str, str]] = {}
        self._models: dict[str, SpellingModel] = {}
        self._spelled: dict[tuple[str, str], str | None] = {}

    def _path(self, script: str, split: str) -> Path:
        path = self.data_dir / f"{script}.{split}.tsv"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file (the Wikidata pairs; see --pairs)")
        return path

    def _split(self, script: str, split: str) -> dict[str, str]:
        if (script, split) not in self._splits:
            best: dict[str, tuple[int, str]] = {}
            with open(self._path(script, split), encoding="utf-8") as lines:
                for line in lines:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 2 or not parts[0] or not parts[1]:
                        continue
                    count = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
                    if parts[0] not in best or count > best[parts[0]][0]:
                        best[parts[0]] = (count, parts[1])
            self._splits[(script, split)] = {english: native for english, (_, native) in best.items()}
        return self._splits[(script, split)]

    def model(self, script: str) -> SpellingModel:
        if script not in self._models:
            self._path(script, "dev")  # a missing file is an error that names it
            self._models[script] = dev_model(self.data_dir, script)
        return self._models[script]

    def lookup(self, script: str, word: str) -> tuple[str, str] | None:
        """(native spelling, source) of a word, or None."""
        key = word.lower()
        for source in self.sources:
            if source == "model":
                if (script, key) not in self._spelled:
                    self._spelled[(script, key)] = self.model(script).spell(key)
                native = self._spelled[(script, key)]
            else:
                native = self._split(script, source).get(key)
            if native:
                return native, source
        return None


def with_style(original: str, form: str) -> str:
    """`form` in the capitalization style of `original` (Title, ALL CAPS, lower)."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].islower():
        return form.lower()
    return form[:1].upper() + form[1:].lower()


class RoundTripper:
    """Sends the words of a mention through one script and back."""

    def __init__(self, categories: Sequence[str], spellings: NativeSpellings,
                 acceptable: Callable[[str, str], bool]):
        self.categories = tuple(categories)
        self.spellings = spellings
        self.acceptable = acceptable

    def word(self, word: str, category: str, rng: random.Random) -> RoundTrip | None:
        script = ROUND_TRIP_CATEGORIES[category]
        found = self.spellings.lookup(script, word)
        if found is None:
            return None
        native, source = found
        forms = [(label, with_style(word, form)) for label, form in round_trips(script, native)]
        forms = [(label, form) for label, form in forms if self.acceptable(word, form)]
        if not forms:
            return None
        scheme, form = rng.choice(forms)
        return RoundTrip(word, native, source, scheme, form)

    def mention(self, mention: str, spans: Sequence[tuple[int, int]], rng: random.Random):
        """(garbled mention, category, scheme labels, round trips), or None when
        no script changes any word. `spans` are the words that may change; the
        scripts are tried in a seeded order."""
        if not spans:
            return None
        order = list(self.categories)
        rng.shuffle(order)
        for category in order:
            changed = [(start, end, self.word(mention[start:end], category, rng)) for start, end in spans]
            changed = [(start, end, trip) for start, end, trip in changed if trip is not None]
            if not changed:
                continue
            pieces, cursor = [], 0
            for start, end, trip in changed:
                pieces += [mention[cursor:start], trip.form]
                cursor = end
            pieces.append(mention[cursor:])
            schemes = tuple(dict.fromkeys(trip.scheme for _, _, trip in changed))
            return "".join(pieces), category, schemes, tuple(trip for _, _, trip in changed)
        return None
