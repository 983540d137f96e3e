"""The garbler's core: finds the mentions of a gazetteer's names in a text and
garbles some of them, with the hand-written artifacts of
normalizer.measure.artifacts or the real round trips of
normalizer.measure.roundtrip_garbles. The command and the corpus files are
normalizer.measure.garbler."""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass
from typing import Iterable, Sequence

import jellyfish

from normalizer.folding import strip_accents
from normalizer.gazetteer.lexicon import english_ranks
from normalizer.measure.artifacts import (
    ARTIFACTS,
    COMPOUND_CHANCE,
    MAX_DISTANCE,
    SECOND_ARTIFACT_CHANCE,
    SHORT_TOKEN,
    VOWELS,
    WEIGHTS,
    is_english_word,
)
from normalizer.measure.roundtrip_garbles import ROUND_TRIP_CATEGORIES, NativeSpellings, RoundTrip, RoundTripper

NAME_TOKEN = re.compile(r"[^\W\d_]+")
# A token this common in English ("State", "News", "Hill") is left alone even
# inside a name: garbling it tests guessing, not name repair.
COMMON_RANK = 1500
MIN_TOKEN_LENGTH = 4
# With both kinds of category asked for, the share of mentions sent through a round trip.
ROUND_TRIP_SHARE = 0.5


@dataclass(frozen=True)
class Garble:
    """One garbled mention; offsets are in the garbled text."""

    start: int
    end: int
    original: str
    garbled: str
    category: str
    artifacts: tuple[str, ...]
    round_trips: tuple[RoundTrip, ...] = ()  # the words of a round-trip garble

    def to_json(self) -> dict:
        record = asdict(self) | {"artifacts": list(self.artifacts)}
        if not self.round_trips:  # the records of the artifact categories stay as they were
            del record["round_trips"]
        return record


@dataclass(frozen=True)
class GarbledText:
    id: str
    garbled: str
    reference: str
    garbles: tuple[Garble, ...]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "garbled": self.garbled,
            "reference": self.reference,
            "garbles": [g.to_json() for g in self.garbles],
        }


# ---------------------------------------------------------------- garbling


class Garbler:
    """Garbles mentions of a gazetteer's names; one instance per gazetteer."""

    def __init__(
        self, entities: Iterable, rate: float = 0.4, seed: int = 0,
        categories: Sequence[str] = (), two_artifacts: bool = False,
        spellings: NativeSpellings | None = None,
    ):
        """`categories` limits the artifacts used (default: all the artifacts,
        and "compound"; the round-trip categories ja, ru, zh, ko, ar, he only
        when asked for); `two_artifacts` gives every token longer than
        SHORT_TOKEN two artifacts; `spellings` is where the round trips take a
        word's spelling in another script (default: the dev split of the
        repository's pairs, then the dev-learned model)."""
        self.rate = rate
        self.seed = seed
        unknown = set(categories) - {*ARTIFACTS, "compound", *ROUND_TRIP_CATEGORIES}
        if unknown:
            raise ValueError(f"unknown garble categories: {', '.join(sorted(unknown))}")
        self.categories = tuple(categories) or (*WEIGHTS, "compound")
        self.two_artifacts = two_artifacts
        scripts = [c for c in self.categories if c in ROUND_TRIP_CATEGORIES]
        self.round_tripper = (
            RoundTripper(scripts, spellings or NativeSpellings(), self.acceptable_round_trip) if scripts else None
        )
        self.artifact_categories = [c for c in self.categories if c not in ROUND_TRIP_CATEGORIES]
        self.forms: list[str] = []
        self.places: set[str] = set()
        self.two_word_places: set[str] = set()
        self.name_tokens: set[str] = set()
        for entity in entities:
            forms = [entity.canonical, *getattr(entity, "aliases", ())]
            tokens = entity.canonical.split()
            if entity.kind == "person" and len(tokens) > 1 and len(tokens[-1]) >= MIN_TOKEN_LENGTH:
                forms.append(tokens[-1])  # news calls people by surname
            if entity.kind == "place" and len(tokens) == 1:
                self.places.add(entity.canonical)
            if entity.kind == "place" and len(tokens) == 2:
                self.two_word_places.add(entity.canonical)
            self.forms.extend(forms)
            for form in [*forms, *getattr(entity, "variants", ()), *getattr(entity, "adjectives", ())]:
                self.name_tokens.update(t.lower() for t in NAME_TOKEN.findall(form))
        self.forms = sorted(set(self.forms), key=lambda f: (-len(f), f))
        self._pattern = self._mention_pattern()

    def _mention_pattern(self) -> re.Pattern | None:
        if not self.forms:
            return None
        places = "|".join(re.escape(p) for p in sorted(self.places, key=lambda p: (-len(p), p)))
        compound = rf"(?:{places})-(?:{places})|" if places else ""
        alternatives = "|".join(re.escape(f) for f in self.forms)
        return re.compile(rf"(?<![\w-])(?:{compound}{alternatives})(?!\w)(?!-\w)")

    def mentions(self, text: str) -> list[tuple[int, int]]:
        """Spans of gazetteer names in `text`, longest first, never overlapping."""
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(text)]

    def garble_text(self, text: str, text_id: str = "") -> GarbledText:
        # A per-text random source: one article's garbles do not shift another's.
        rng = random.Random(f"{self.seed}:{text_id}")
        pieces: list[str] = []
        garbles: list[Garble] = []
        last = 0
        out_len = 0
        for start, end in self.mentions(text):
            if rng.random() >= self.rate:
                continue
            result = self.garble_mention(text[start:end], rng)
            if result is None:
                continue
            new, category, artifacts, *trips = result
            pieces.append(text[last:start])
            out_len += start - last
            garbles.append(Garble(out_len, out_len + len(new), text[start:end], new, category, artifacts, *trips))
            pieces.append(new)
            out_len += len(new)
            last = end
        pieces.append(text[last:])
        return GarbledText(text_id, "".join(pieces), text, tuple(garbles))

    def garble_mention(self, mention: str, rng: random.Random) -> tuple | None:
        """Garble one mention: a round trip of its words, glue a compound, or
        garble one of its tokens. (new, category, artifacts[, round trips])."""
        if self.round_tripper is not None and (not self.artifact_categories or rng.random() < ROUND_TRIP_SHARE):
            spans = [m.span() for m in NAME_TOKEN.finditer(mention) if self.garblable(m.group())]
            result = self.round_tripper.mention(mention, spans, rng)
            if result is not None or not self.artifact_categories:
                return result
        words = mention.replace("-", " ").split()
        gluable = "-" in mention or mention in self.two_word_places
        if gluable and "compound" in self.categories and len(words) == 2 and all(w.isalpha() and w[0].isupper() for w in words) and rng.random() < COMPOUND_CHANCE:
            glued = self.glue(mention, words, rng)
            if glued is not None:
                return glued
        tokens = [m for m in NAME_TOKEN.finditer(mention) if self.garblable(m.group())]
        rng.shuffle(tokens)
        for token in tokens[:2]:
            result = self.garble_token(token.group(), rng)
            if result is not None:
                new, artifacts = result
                return mention[: token.start()] + new + mention[token.end() :], artifacts[0], artifacts
        return None

    def garblable(self, token: str) -> bool:
        if len(token) < MIN_TOKEN_LENGTH or token.isupper() or not token[0].isupper():
            return False
        rank = english_ranks().get(token.lower())
        return rank is None or rank >= COMMON_RANK

    def garble_token(self, token: str, rng: random.Random, tries: int = 12) -> tuple[str, tuple[str, ...]] | None:
        names = [n for n in WEIGHTS if n in self.categories]
        if not names:
            return None
        weights = [WEIGHTS[n] for n in names]
        want_two = self.two_artifacts and len(token) > SHORT_TOKEN
        for _ in range(tries):
            first = rng.choices(names, weights)[0]
            new = ARTIFACTS[first](token, rng)
            artifacts = (first,)
            others = [n for n in names if n != first]  # none where one artifact is asked for
            if new is not None and others and len(token) > SHORT_TOKEN and (want_two or rng.random() < SECOND_ARTIFACT_CHANCE):
                second = rng.choice(others)
                again = ARTIFACTS[second](new, rng)
                if again is not None:
                    new, artifacts = again, (first, second)
            if want_two and len(artifacts) < 2:
                continue
            if new is not None and self.acceptable(token, new):
                return new, artifacts
        return None

    def glue(self, mention: str, words: list[str], rng: random.Random) -> tuple[str, str, tuple[str, ...]] | None:
        """Two places or a two-word name become one word ("Russia-Iran" -> "Russoilania")."""
        first, second = words
        if "-" in mention:  # a combining form, as in Russo-, Sino-, Indo-
            stem = first.rstrip(VOWELS + "h") or first
            first = stem + "o"
        for _ in range(6):
            tail = ARTIFACTS[rng.choice(("rl", "vowel", "kh", "gqk"))](second.lower(), rng) or second.lower()
            new = first + tail
            if self.acceptable(mention, new) and not is_english_word(new):
                return new, "compound", ("compound",)
        return None

    def acceptable(self, original: str, new: str) -> bool:
        """A garble must change the word, stay a non-word, and not land on another name."""
        if new == original or len(new) < 3:
            return False
        if jellyfish.damerau_levenshtein_distance(new.lower(), original.lower()) > MAX_DISTANCE and " " not in original:
            return False
        lowered = new.lower()
        if new.lower() != original.lower() and lowered in self.name_tokens:
            return False
        return not is_english_word(new)

    def acceptable_round_trip(self, original: str, new: str) -> bool:
        """A round trip's form: a change of letters (not of case alone), no
        English word (accents aside), no other name; no cap on its distance."""
        if new.lower() == original.lower() or len(new) < 3:
            return False
        if new.lower() in self.name_tokens or strip_accents(new.lower()) in self.name_tokens:
            return False
        return not is_english_word(new) and not is_english_word(strip_accents(new))

