"""How a name sounds, as another script writes it: the pronunciation route.

Russian, Japanese and the other scripts write an English name by ear:
Байден for Biden comes back "Bajden", Эппл for Apple "Eppl". The letter
model (normalizer.transliteration) rewrites the English letters and reads
such pairs poorly; this route reads the garble against the name's
pronunciation in the CMU Pronouncing Dictionary
(`normalizer/data/pronunciations.txt`, one symbol a phoneme), by a group
edit model of the same kind, per script
(`normalizer/data/pronunciation_route.json`). Both files are made by
`tools/learn_pronunciation.py` from the train split of the Wikidata pairs
and the dictionary, and calibrated on the dev split as the letter model is.

`transliteration.score` takes this route's reading where it is the higher;
a name the dictionary does not hold has none.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from normalizer.alignment import Table, align, cheapest, pieces

MODEL_RESOURCE = "pronunciation_route.json"
# The route reads a pair only at the apply level of the learned scale or above (0.8: hard impostors
# reach it in about 0.5%). Under it, its readings of the clean open-world articles were mostly wrong
# suggestions: with them the calibration data's readings at raw 0.76-0.80 fell from 42% right to 16%.
READ_FROM = 0.8
PRONUNCIATIONS = Path(__file__).resolve().parent / "data" / "pronunciations.txt"
# Russian writes a name by ear but keeps the double consonants of its English
# spelling: Эппл for Apple, Кеннеди, Рассел (77% of the train split's Russian
# forms of names with one; katakana 26%, the other scripts under 6%). The
# sounds hold no double, so the Russian table reads a word with such a double
# once as written and once with it single ("Eppl" as "Epl").
COPIES_DOUBLES = "russian"
_DOUBLE_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1")


class Route:
    """The learned tables, per script, and the calibration curve of their evidence."""

    def __init__(self, data: dict):
        self.calibration: list[float] = data["calibration"]
        self.max_target: int = data["max_target"]
        # A route that reads a word at a cost per letter above this explains little of it: the
        # evidence of such a word ("C'Bearing" for Beijing) is mostly its being unlike English.
        self.most_per_letter: float = data.get("most_per_letter", math.inf)
        self.aligners: dict[str, Table] = {}
        for script, table in data["tables"].items():
            by_source: dict[str, dict[str, float]] = {}
            for source, target, cost in table["ops"]:
                by_source.setdefault(source, {})[target] = cost
            floors = table["floors"]
            kinds = (floors["identity"], floors["substitute"], floors["delete"], floors["insert"])
            self.aligners[script] = Table(by_source, kinds, data["max_source"], data["max_target"])
        # One alignment under it bounds every script's cost from below (`may_reach`).
        self.cheapest = cheapest(list(self.aligners.values())) if self.aligners else None

    def evidence(self, word: str, sounds, spelled: str = "") -> tuple[float, str]:
        """log P(word | a name said as one of `sounds`, best script) - log P(word
        as an English-side name), in nats, and that script; -inf with no
        sounds. `word` is plain lowercase letters, `spelled` the name's."""
        from normalizer.transliteration import model

        if not sounds:
            return -math.inf, ""
        alone = model().english_cost(word)
        best, best_script = -math.inf, ""
        most = self.most_per_letter * len(word)  # the word as printed: a copied double is no letter explained
        for script, cost in self._costs(word, sounds, spelled):
            if cost <= most and alone - cost > best:
                best, best_script = alone - cost, script
        return best, best_script

    def cost_per_letter(self, word: str, sounds, spelled: str = "") -> float:
        """The cheapest route's cost of `word` from one of `sounds`, per letter of `word`."""
        return min(cost for _, cost in self._costs(word, sounds, spelled)) / len(word)

    def _costs(self, word: str, sounds, spelled: str):
        """(script, the cost of `word` from one of `sounds` under its table), each script and sound;
        under COPIES_DOUBLES, of the word with the name's double consonants single too."""
        as_printed = [(word, pieces(word, self.max_target))]
        single = undoubled(word, spelled)
        both = as_printed + [(single, pieces(single, self.max_target))] if single != word else as_printed
        for script, table in self.aligners.items():
            for read, at in both if script == COPIES_DOUBLES else as_printed:
                for said in sounds:
                    yield script, align(said, read, table, at=at)[0]


def score(word: str, name: str) -> float | None:
    """How likely the plain letters `word` are `name` (plain letters) written
    by ear through another script, on transliteration.score's scale (its cap
    too); None where the dictionary does not say `name`."""
    from normalizer.transliteration import SCORE_CAP, calibrated

    value = evidence(word, name)
    heard = 0.0 if value == -math.inf else round(min(calibrated(-value, route().calibration), SCORE_CAP), 4)
    return heard if heard >= READ_FROM else None


def evidence(word: str, name: str) -> float:
    """log P(the plain letters `word` | `name` said, best script) - log P(`word`
    as an English-side name), in nats, as transliteration.evidence's; -inf
    where the dictionary does not say `name`, `word` spells a real name, or
    no script reads it within the per-letter limit."""
    sounds = _sounds_to_read(word, name)
    return -math.inf if sounds is None else route().evidence(word, sounds, name)[0]


def undoubled(word: str, spelled: str) -> str:
    """`word` with each double consonant that `spelled` (the name) doubles too written once."""
    if not spelled:
        return word
    return _DOUBLE_CONSONANT.sub(lambda found: found.group(1) if found.group(0) in spelled else found.group(0), word)


def _sounds_to_read(word: str, name: str) -> list[str] | None:
    """The pronunciations of `name` to read `word` against, or None: the
    dictionary does not say `name`, or `word` spells a real name
    (gazetteer.name_words), somebody's name by default, which sounds can
    tell from a homophone no better than the ear ("Merkle" is said as
    Merkel; a clean article's "Shiu" read as Singh at 0.84)."""
    from normalizer.gazetteer.name_words import name_words

    sounds = pronunciations().get(name)
    if not sounds or not word or word in name_words():
        return None
    return sounds


def may_reach(word: str, name: str, floor: float) -> bool:
    """Whether `score(word, name)` may be above `floor`: one alignment under
    the cheapest steps of every script bounds it (most pairs are far)."""
    from normalizer.transliteration import calibrated, model

    sounds = _sounds_to_read(word, name)
    if sounds is None:
        return False
    loaded = route()
    least = min(align(said, read, loaded.cheapest)[0] for said in sounds for read in {word, undoubled(word, name)})
    if least > loaded.most_per_letter * len(word):
        return False  # every script costs more a letter than `Route.evidence` reads
    bound = calibrated(least - model().english_cost(word), loaded.calibration)
    return bound >= READ_FROM and bound > floor


@lru_cache(maxsize=1)
def route() -> Route:
    """The packaged route, read once per process (from the cache: normalizer.model_files)."""
    from normalizer.model_files import load_model

    return load_model(MODEL_RESOURCE, Route)


@lru_cache(maxsize=1)
def pronunciations():
    """word -> its pronunciations, a WordMap read once per process from the start-up cache."""
    from normalizer.cache import cached
    from normalizer.wordmap import compact

    info = PRONUNCIATIONS.stat()
    key = f"pronunciations\0{PRONUNCIATIONS}\0{info.st_size}\0{info.st_mtime_ns}"
    return cached(key, lambda: compact(dict(_rows(PRONUNCIATIONS.read_text(encoding="utf-8")))))


def _rows(text: str):
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, sounds = line.split("\t")
            yield word, sounds.split()
