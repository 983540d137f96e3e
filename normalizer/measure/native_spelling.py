"""Spell an English name word in another script, for round trips of words
the Wikidata pairs do not hold.

The garbler's round-trip categories send a name word's spelling in another
script through the real romanizers of normalizer.measure.roundtrip. Where the
pairs of tools/data/transliteration/ hold the word, that spelling is real.
Where they do not (none of the words of the Wikinews gazetteer is in them:
those words were set aside from every file, see its SOURCE.md), this module
writes the spelling with a model learned from the DEV split only, so that the
engine's model (learned from the TRAIN split) is never measured on what it
was learned from:

1. Alignment: each dev pair (English letters, native characters) is cut into
   joint pieces of 1..A English letters and 0..B native characters ("j" ->
   "дж", "bert" -> "バート" is "be" -> "バ", "r" -> "ー", "t" -> "ト"), with
   the pieces' probabilities trained by expectation maximization over every
   way of cutting each pair (forward-backward), then each pair's most
   probable cutting kept.
2. A trigram model of those joint pieces (Witten-Bell smoothing), in the
   manner of joint-sequence grapheme-to-phoneme models (Bisani and Ney 2008).
3. Spelling a new word: the most probable sequence of pieces whose English
   sides spell the word (beam search).

Everything is deterministic: the same pairs give the same spellings.
`python -m normalizer.measure.native_spelling DATA_DIR` measures it on dev
words it was not trained on (exact spelling, and whether a round trip of the
written spelling gives a Latin form of the real one's).
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

TRAIN_WORDS = 10000  # the most frequent dev pairs of a script (count, then file order)
HELD_OUT_WORDS = 300  # the next ones: what --measure spells
MIN_PIECE_COUNT = 2
BEAM = 12
_KEEP = {"hebrew": "'׳"}  # geresh: ג' is j, צ' is ch
_ATTACHED = "ァィゥェォャュョヮヵヶーッ'׳"  # small kana, long mark, sokuon, geresh: part of the unit before
START, END = ("<s>", ""), ("</s>", "")
VOWELS = set("aeiouy")
INDEL = 0.5


def native_letters(script: str, native: str) -> str:
    """The letters of a native spelling (spaces, dots and harakat dropped)."""
    keep = _KEEP.get(script, "")
    return "".join(
        c for c in native if c in keep or (unicodedata.category(c).startswith("L") and c != "・" and not c.isascii())
    )


def training_pairs(path: Path, script: str) -> list[tuple[str, str]]:
    """The usable pairs of a data file, (english, native letters), the most
    frequent first (Wikidata label count, then file order)."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for order, line in enumerate(lines):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not (parts[0].isascii() and parts[0].isalpha() and len(parts[0]) >= 2):
                continue
            native = native_letters(script, parts[1])
            count = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            if native:
                rows.append((-count, order, parts[0].lower(), native))
    rows.sort()
    return [(english, native) for _, _, english, native in rows]


def dev_split(data_dir: Path, script: str, hold_out: bool = False) -> tuple[list, list]:
    """(training pairs, held-out pairs) of a script's dev split: its first
    TRAIN_WORDS pairs; with `hold_out`, every tenth of them is held out instead
    (HELD_OUT_WORDS at most), for measuring."""
    pairs = training_pairs(Path(data_dir) / f"{script}.dev.tsv", script)[:TRAIN_WORDS]
    if not hold_out:
        return pairs, []
    return [p for k, p in enumerate(pairs) if k % 10], [p for k, p in enumerate(pairs) if not k % 10][:HELD_OUT_WORDS]


@lru_cache(maxsize=None)
def unit_latin(script: str, unit: str) -> str:
    """A unit of a native spelling in Latin letters, by the first scheme of its script."""
    from normalizer.folding import strip_accents
    from normalizer.measure.roundtrip import round_trip_forms

    forms = round_trip_forms(script, unit)
    return strip_accents(forms[0].lower()) if forms else ""


def units(native: str) -> list[str]:
    """A native spelling cut into letters (a kana with its small kana, long mark
    or sokuon; a Hebrew letter with its geresh)."""
    out: list[str] = []
    for c in native:
        if c in _ATTACHED and out:
            out[-1] += c
        else:
            out.append(c)
    return out


def _cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if (a in VOWELS) == (b in VOWELS):
        return 0.4 if a in VOWELS else 0.6
    return 1.0


def align(script: str, english: str, native: str) -> list[tuple[str, str]] | None:
    """Cut a pair into joint pieces (English letters, native units): each native
    unit is sent to Latin letters (unit_latin), the English word is aligned with
    that Latin spelling by a weighted edit distance, and each English letter goes
    with the unit its Latin letter came from (a letter with none, with the unit
    before). A unit that gets no English letter joins the piece before it (the
    first piece, at the start): "smith" / "스미스" -> s/스, mi/미, th/스."""
    cut = units(native)
    latin, owner = "", []
    for k, unit in enumerate(cut):
        spelled = unit_latin(script, unit)
        latin += spelled
        owner += [k] * len(spelled)
    if not latin or not english:
        return None
    E, L = len(english), len(latin)
    cost = [[0.0] * (L + 1) for _ in range(E + 1)]
    for i in range(1, E + 1):
        cost[i][0] = i * INDEL
    for j in range(1, L + 1):
        cost[0][j] = j * INDEL
    for i in range(1, E + 1):
        for j in range(1, L + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + _cost(english[i - 1], latin[j - 1]),
                cost[i - 1][j] + INDEL,
                cost[i][j - 1] + INDEL,
            )
    unit_of = [-1] * E  # the unit of each English letter
    i, j = E, L
    while i > 0:
        if j > 0 and cost[i][j] == cost[i - 1][j - 1] + _cost(english[i - 1], latin[j - 1]):
            unit_of[i - 1] = owner[j - 1]
            i, j = i - 1, j - 1
        elif j > 0 and cost[i][j] == cost[i][j - 1] + INDEL:
            j -= 1
        else:
            i -= 1
    for k in range(E):  # a letter with no Latin letter goes with the unit before (or after, at the start)
        if unit_of[k] < 0:
            unit_of[k] = unit_of[k - 1] if k else next((u for u in unit_of if u >= 0), 0)
    starts = [k for k in range(E) if k == 0 or unit_of[k] != unit_of[k - 1]]
    pieces = []
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else E
        first = 0 if n == 0 else unit_of[k]
        last = unit_of[starts[n + 1]] if n + 1 < len(starts) else len(cut)
        pieces.append((english[k:end], "".join(cut[first:last])))
    return pieces


class SpellingModel:
    """English -> native spelling of one script, learned from pairs."""

    def __init__(self, script: str, pairs: list[tuple[str, str]]):
        self.script = script
        self.options: dict[str, list[str]] = defaultdict(list)  # English side -> native sides seen
        self.counts: list[dict[tuple, dict[tuple, int]]] = [defaultdict(lambda: defaultdict(int)) for _ in range(3)]
        seen: dict[tuple[str, str], int] = defaultdict(int)
        paths = [path for english, native in pairs if (path := align(script, english, native))]
        for path in paths:
            for token in path:
                seen[token] += 1
        for path in paths:
            history = [START, START]
            for token in [*path, END]:
                for order in range(3):
                    context = tuple(history[len(history) - order :]) if order else ()
                    self.counts[order][context][token] += 1
                history.append(token)
        for (english, native), count in sorted(seen.items()):
            if count >= MIN_PIECE_COUNT:  # once only: mostly a pair that is not the same name
                self.options[english].append(native)
        self.longest = max((len(e) for e in self.options), default=1)
        self.totals = [{h: sum(ws.values()) for h, ws in level.items()} for level in self.counts]
        self.vocabulary = len(self.counts[0][()])
        self._cache: dict[tuple, float] = {}

    # ------------------------------------------------------------ the joint trigram

    def logprob(self, token: tuple[str, str], history: tuple) -> float:
        key = (token, history)
        if key not in self._cache:
            self._cache[key] = math.log(self._prob(token, history))
        return self._cache[key]

    def _prob(self, token, history) -> float:
        unigram = self.counts[0][()]
        lower = (unigram.get(token, 0) + 0.5) / (self.totals[0][()] + 0.5 * (self.vocabulary + 1))
        for order in (1, 2):
            context = history[len(history) - order :]
            seen = self.counts[order].get(context)
            if not seen:
                continue
            types = len(seen)
            lower = (seen.get(token, 0) + types * lower) / (self.totals[order][context] + types)
        return lower

    def spell(self, english: str) -> str | None:
        """The most probable native spelling of a lower-case English word, or
        None when no known pieces spell it."""
        word = english.lower()
        beams: list[dict[tuple, tuple[float, str]]] = [dict() for _ in range(len(word) + 1)]
        beams[0][(START, START)] = (0.0, "")
        for i in range(len(word)):
            states = sorted(beams[i].items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:BEAM]
            for history, (score, written) in states:
                for a in range(1, self.longest + 1):
                    piece = word[i : i + a]
                    if len(piece) < a:
                        break
                    for side in self.options.get(piece, ()):
                        token = (piece, side)
                        new = score + self.logprob(token, history)
                        state = (history[1], token)
                        old = beams[i + a].get(state)
                        if old is None or (new, written + side) > (old[0], old[1]):
                            beams[i + a][state] = (new, written + side)
        finished = [
            (score + self.logprob(END, history), written) for history, (score, written) in beams[len(word)].items()
        ]
        if not finished:
            return None
        return max(finished, key=lambda sw: (sw[0], sw[1]))[1] or None


def dev_model(data_dir: Path, script: str) -> SpellingModel:
    """The model of one script learned from its dev split."""
    return SpellingModel(script, dev_split(data_dir, script)[0])


def _distance(a: str, b: str) -> float:
    import jellyfish

    return jellyfish.levenshtein_distance(a, b) / max(len(a), len(b), 1)


def measure(data_dir: Path, scripts) -> list[dict]:
    """On held-out dev pairs: how often the written spelling is the real one;
    how often a round trip of it gives a Latin form of the real one's; and how
    far the first round-trip form is from the English word, of the real
    spelling and of the written one (mean normalized edit distance): a
    written spelling should make garbles neither easier nor harder."""
    from normalizer.folding import strip_accents
    from normalizer.measure.roundtrip import round_trip_forms

    rows = []
    for script in scripts:
        train, held = dev_split(data_dir, script, hold_out=True)
        model = SpellingModel(script, train)
        exact = shared = spelled = 0
        real_far = written_far = 0.0
        for english, native in held:
            written = model.spell(english)
            real_forms, written_forms = round_trip_forms(script, native), round_trip_forms(script, written or "")
            if not written or not real_forms or not written_forms:
                continue
            spelled += 1
            exact += written == native
            shared += bool(set(written_forms) & set(real_forms))
            real_far += _distance(english, strip_accents(real_forms[0].lower()))
            written_far += _distance(english, strip_accents(written_forms[0].lower()))
        rows.append({
            "script": script, "words": len(held), "spelled": spelled, "exact": exact, "same_round_trip": shared,
            "real_distance": round(real_far / max(spelled, 1), 3),
            "written_distance": round(written_far / max(spelled, 1), 3),
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    from normalizer.measure.roundtrip import SCRIPTS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", help="folder of the *.dev.tsv pairs (tools/data/transliteration)")
    parser.add_argument("--script", action="append", choices=SCRIPTS, help="only this script (repeatable)")
    parser.add_argument("--spell", nargs="*", default=(), metavar="WORD", help="spell these words instead of measuring")
    args = parser.parse_args(argv)
    scripts = args.script or SCRIPTS
    if args.spell:
        for script in scripts:
            model = dev_model(Path(args.data_dir), script)
            for word in args.spell:
                print(f"{script}\t{word}\t{model.spell(word) or '-'}")
        return 0
    print(f"{'script':9} {'held out':>8} {'spelled':>7} {'exact':>6} {'same round trip':>15} "
          f"{'distance, real':>14} {'distance, written':>17}")
    for row in measure(Path(args.data_dir), scripts):
        print(f"{row['script']:9} {row['words']:8d} {row['spelled']:7d} {row['exact']:6d} {row['same_round_trip']:15d} "
              f"{row['real_distance']:14.3f} {row['written_distance']:17.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
