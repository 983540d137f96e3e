"""Make realistic garbled copies of clean articles, for measuring the engine.

Only mentions of gazetteer names are garbled, the way machine translation
through Japanese, Chinese, Russian, Arabic or Persian and back garbles them
(r/l merged, h -> kh, vowels inserted, doubled or dropped, gh/q/k/g swapped,
final vowel or h cut, capitals lost, two places glued into one word), or the
way a typist slips (adjacent key, swapped, dropped or doubled letter).

The clean text is the reference. Every garble records its category so a report
can be split by it. A garble must differ from its original, must not be an
English word (symspellpy's bundled frequency dictionary) nor another name of
the gazetteer, and carries at most two artifacts, so a reader still knows it.

    python -m normalizer.measure.garbler ARTICLES... --gazetteer G.yaml --no-bundled --seed 1 -o corpus.jsonl
    normalize-eval garble ...   (the same command)

The same inputs and seed rebuild the same corpus byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import jellyfish

# The English word list has one reader; `english_ranks` stays importable from here
# (benchmarks/baselines.py).
from normalizer.gazetteer.lexicon import english_ranks, english_words

VOWELS = "aeiou"
NAME_TOKEN = re.compile(r"[^\W\d_]+")
# A token this common in English ("State", "News", "Hill") is left alone even
# inside a name: garbling it tests guessing, not name repair.
COMMON_RANK = 1500
MIN_TOKEN_LENGTH = 4

QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass(frozen=True)
class Garble:
    """One garbled mention; offsets are in the garbled text."""

    start: int
    end: int
    original: str
    garbled: str
    category: str
    artifacts: tuple[str, ...]


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
            "garbles": [asdict(g) | {"artifacts": list(g.artifacts)} for g in self.garbles],
        }


# ---------------------------------------------------------------- lexicon


def is_english_word(token: str) -> bool:
    return token.lower() in english_words()


# ---------------------------------------------------------------- artifacts
# Each artifact takes a word and a random source and returns a changed word,
# or None when it does not apply to that word. Case of the first letter is kept.


def _with_case(original: str, lowered: str) -> str:
    if original[:1].isupper():
        return lowered[:1].upper() + lowered[1:]
    return lowered


def _positions(word: str, predicate: Callable[[str, int], bool]) -> list[int]:
    return [i for i in range(len(word)) if predicate(word, i)]


def artifact_rl(word: str, rng: random.Random) -> str | None:
    """Japanese has one liquid: an r becomes l or an l becomes r."""
    low = word.lower()
    spots = _positions(low, lambda w, i: w[i] in "rl")
    if not spots:
        return None
    i = rng.choice(spots)
    swapped = "l" if low[i] == "r" else "r"
    return _with_case(word, low[:i] + swapped + low[i + 1 :])


def artifact_kh(word: str, rng: random.Random) -> str | None:
    """Russian transcribes h as kh (х); going back, kh may also lose its k."""
    low = word.lower()
    options = []
    for i, ch in enumerate(low):
        before = low[i - 1] if i else ""
        if ch == "h" and before not in "cstgpwk":
            options.append(low[:i] + "kh" + low[i + 1 :])
        if low.startswith("kh", i):
            options.append(low[:i] + "h" + low[i + 2 :])
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_vowel(word: str, rng: random.Random) -> str | None:
    """Vowels inserted between consonants (Japanese), doubled, dropped or shifted."""
    low = word.lower()
    options = []
    for i in range(1, len(low)):
        a, b = low[i - 1], low[i]
        if a not in VOWELS and b not in VOWELS and a.isalpha() and b.isalpha():
            options.append(low[:i] + rng.choice("uio") + low[i:])  # epenthesis
        if b in VOWELS:
            options.append(low[: i + 1] + b + low[i + 1 :])  # doubled vowel
            if 0 < i < len(low) - 1 and low[i + 1] not in VOWELS and a not in VOWELS:
                options.append(low[:i] + low[i + 1 :])  # dropped vowel
            shift = {"e": "i", "i": "e", "o": "u", "u": "o", "a": "e"}[b]
            options.append(low[:i] + shift + low[i + 1 :])
    if low[-1] not in VOWELS and low[-1].isalpha():
        options.append(low + rng.choice("uio"))  # a final vowel added
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_gqk(word: str, rng: random.Random) -> str | None:
    """Arabic and Persian gh/q/k/g written one for another."""
    low = word.lower()
    swaps = {"gh": ("g", "q", "k"), "q": ("k", "gh", "g"), "k": ("g", "q", "kh"), "g": ("k", "gh")}
    options = []
    i = 0
    while i < len(low):
        key = "gh" if low.startswith("gh", i) else low[i]
        if key in swaps and not (key == "g" and low[i - 1 : i] == "n"):
            for new in swaps[key]:
                options.append(low[:i] + new + low[i + len(key) :])
        i += len(key)
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_truncate(word: str, rng: random.Random) -> str | None:
    """A final vowel or h is lost (Fatemeh -> Fatem, Hamza -> Hamz)."""
    low = word.lower()
    options = []
    if low.endswith("h") and len(low) > 4:
        options.append(low[:-1])
        if low[-2] in VOWELS:
            options.append(low[:-2])
    elif low[-1] in VOWELS and len(low) > 4:
        options.append(low[:-1])
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_case(word: str, rng: random.Random) -> str | None:
    """The capital is lost, as in a translation that took the name for a word."""
    if word[:1].isupper() and not word.isupper():
        return word[0].lower() + word[1:]
    return None


def _neighbours(ch: str) -> str:
    for row_index, row in enumerate(QWERTY_ROWS):
        col = row.find(ch)
        if col >= 0:
            near = [row[c] for c in (col - 1, col + 1) if 0 <= c < len(row)]
            for other in (row_index - 1, row_index + 1):
                if 0 <= other < len(QWERTY_ROWS):
                    near += [QWERTY_ROWS[other][c] for c in (col - 1, col) if 0 <= c < len(QWERTY_ROWS[other])]
            return "".join(near)
    return ""


def artifact_typo(word: str, rng: random.Random) -> str | None:
    """A keyboard slip after the first letter: adjacent key, swap, drop or double."""
    low = word.lower()
    if len(low) < 4:
        return None
    i = rng.randrange(1, len(low))
    kind = rng.choice(("adjacent", "swap", "drop", "double"))
    if kind == "adjacent":
        near = _neighbours(low[i])
        if not near:
            return None
        new = low[:i] + rng.choice(near) + low[i + 1 :]
    elif kind == "swap":
        if i == len(low) - 1 or low[i] == low[i + 1]:
            return None
        new = low[:i] + low[i + 1] + low[i] + low[i + 2 :]
    elif kind == "drop":
        new = low[:i] + low[i + 1 :]
    else:
        new = low[: i + 1] + low[i] + low[i + 1 :]
    return _with_case(word, new)


ARTIFACTS: dict[str, Callable[[str, random.Random], str | None]] = {
    "rl": artifact_rl,
    "kh": artifact_kh,
    "vowel": artifact_vowel,
    "gqk": artifact_gqk,
    "truncate": artifact_truncate,
    "case": artifact_case,
    "typo": artifact_typo,
}
# How often each artifact leads a garble; case mostly rides along as a second artifact.
WEIGHTS = {"rl": 3, "kh": 3, "vowel": 3, "gqk": 2, "truncate": 1, "case": 1, "typo": 3}
SECOND_ARTIFACT_CHANCE = 0.3
COMPOUND_CHANCE = 0.5  # of a mention that can be glued (two places, or a two-word place name)
SHORT_TOKEN = 5  # a token this short gets one artifact only, or it is no longer recognisable
MAX_DISTANCE = 3  # Damerau-Levenshtein cap between a token and its garble (case aside)


# ---------------------------------------------------------------- garbling


class Garbler:
    """Garbles mentions of a gazetteer's names; one instance per gazetteer."""

    def __init__(
        self, entities: Iterable, rate: float = 0.4, seed: int = 0,
        categories: Sequence[str] = (), two_artifacts: bool = False,
    ):
        """`categories` limits the artifacts used (default: all, and "compound");
        `two_artifacts` gives every token longer than SHORT_TOKEN two of them."""
        self.rate = rate
        self.seed = seed
        unknown = set(categories) - {*ARTIFACTS, "compound"}
        if unknown:
            raise ValueError(f"unknown garble categories: {', '.join(sorted(unknown))}")
        self.categories = tuple(categories) or (*WEIGHTS, "compound")
        self.two_artifacts = two_artifacts
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
            new, category, artifacts = result
            pieces.append(text[last:start])
            out_len += start - last
            garbles.append(Garble(out_len, out_len + len(new), text[start:end], new, category, artifacts))
            pieces.append(new)
            out_len += len(new)
            last = end
        pieces.append(text[last:])
        return GarbledText(text_id, "".join(pieces), text, tuple(garbles))

    def garble_mention(self, mention: str, rng: random.Random) -> tuple[str, str, tuple[str, ...]] | None:
        """Garble one mention: glue a compound, or garble one of its tokens."""
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
        weights = [WEIGHTS[n] for n in names]
        want_two = self.two_artifacts and len(token) > SHORT_TOKEN
        for _ in range(tries):
            first = rng.choices(names, weights)[0]
            new = ARTIFACTS[first](token, rng)
            artifacts = (first,)
            if new is not None and len(token) > SHORT_TOKEN and (want_two or rng.random() < SECOND_ARTIFACT_CHANCE):
                second = rng.choice([n for n in names if n != first])
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


def garble_files(
    paths: Sequence[Path], garbler: Garbler, root: Path | None = None
) -> list[GarbledText]:
    texts = []
    for path in paths:
        text_id = str(path.relative_to(root)) if root else path.name
        texts.append(garbler.garble_text(path.read_text(encoding="utf-8"), text_id))
    return texts


def collect_articles(inputs: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def build_parser(prog: str = "python -m normalizer.measure.garbler") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Garble gazetteer names in clean articles (JSONL corpus out).")
    parser.add_argument("articles", nargs="+", help="clean .txt files or folders of them")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="gazetteer file or folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="do not load the bundled gazetteers")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--rate", type=float, default=0.4, help="share of name mentions garbled (default 0.4)")
    parser.add_argument("--categories", default="", help="comma-separated artifacts to use (default: all): "
                        + ",".join([*ARTIFACTS, "compound"]))
    parser.add_argument("--two-artifacts", action="store_true", help="two artifacts in every token longer than 5 letters")
    parser.add_argument("-o", "--output", default="-", help="JSONL file to write (default stdout)")
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m normalizer.measure.garbler") -> int:
    args = build_parser(prog).parse_args(argv)
    from normalizer.errors import NormalizerError
    from normalizer.gazetteer.loading import load_gazetteer

    try:
        gazetteer = load_gazetteer(args.gazetteer, bundled=not args.no_bundled)
        files = collect_articles(args.articles)
        categories = [c for c in args.categories.split(",") if c]
        garbler = Garbler(gazetteer.entities, args.rate, args.seed, categories, args.two_artifacts)
        texts = garble_files(files, garbler)
    except (NormalizerError, FileNotFoundError, UnicodeDecodeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    lines = "".join(json.dumps(t.to_json(), ensure_ascii=False) + "\n" for t in texts)
    if args.output == "-":
        sys.stdout.write(lines)
    else:
        Path(args.output).write_text(lines, encoding="utf-8")
        count = sum(len(t.garbles) for t in texts)
        print(f"{args.output}: {len(texts)} texts, {count} garbles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
