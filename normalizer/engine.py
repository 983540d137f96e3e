"""The one engine every front door calls: load a gazetteer once, normalize many texts.

The flow of one text, one module a stage:

    tokens.py      text -> tokens with offsets
    suspects.py    each token: known name, English word, suspect...
    mentions.py    names the text holds intact, listed variants
    candidates/    readings of the suspects as gazetteer names (one module a source)
    evidence/      what the article says for or against each reading
    decision.py    the best readings: applied, suggested or dropped
    text_spelling.py  each repair in the spelling the text itself uses for that name
    result.py      the corrections spliced in, proven lossless
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from normalizer.batch import DEFAULT_MAX_CHARS, Outcome, normalize_many
from normalizer.cache import cached
from normalizer.candidates import EXACT_SOURCES, GARBLE_SOURCES, echoes, fuzzy
from normalizer.candidates.unbuilt import BuiltOnDemand, built_for
from normalizer.decision import AMBIGUITY_MARGIN, Decider, Decision, Unbuilt
from normalizer.document import Document
from normalizer.evidence.elsewhere import OtherSpellings, across_the_text, seen_elsewhere
from normalizer.evidence.prior import entity_prior
from normalizer.evidence.translated import came_through_another_script, through_another_script
from normalizer.evidence.written_form import written_forms_first
from normalizer.gazetteer.index import Index, build_index
from normalizer.gazetteer.identity import gazetteer_files
from normalizer.mentions import Mentions, find_mentions
from normalizer.options import Options
from normalizer.proposal import Proposal
from normalizer.result import Correction, Result, apply_corrections, moved_by, rebase, shift_spans
from normalizer.segments import SEGMENT_CHARS, segments, spans_within
from normalizer.text_spelling import as_the_text_writes
from normalizer.tokens import line_starts

if TYPE_CHECKING:
    from normalizer.gazetteer.loading import Gazetteer

MARKUPS = ("markdown", "html", "rst", "text")
# Each pass reads the text the previous one repaired; two or three settle every case seen.
MAX_PASSES = 3


class Normalizer:
    """A loaded gazetteer and its compiled index; reusable and thread-safe.

    `normalize` reads only immutable state, so one instance can serve many
    threads; it pickles, so it can be shipped to worker processes.
    """

    def __init__(self, index: Index, options: Options | None = None, index_key: str | None = None):
        self.index = index
        self.options = options or Options()
        self.decider = Decider(index, self.options)
        # What the index was built from (Options.index_key), when loaded from options:
        # the name under which a word store keeps its words (normalizer.word_store).
        self.index_key = index_key

    @classmethod
    def load(
        cls,
        gazetteers: Iterable[str | Path] = (),
        bundled: bool = True,
        apply_threshold: float | None = None,
        suggest_threshold: float | None = None,
        ignore_words: Iterable[str] = (),
    ) -> "Normalizer":
        """Compile (or read from the cache) the index of these gazetteers."""
        options = Options.create(gazetteers, bundled, apply_threshold, suggest_threshold, ignore_words)
        return cls.from_options(options)

    @classmethod
    def from_options(cls, options: Options) -> "Normalizer":
        files = gazetteer_files(options.gazetteers, bundled=options.bundled)
        # On a cache hit no YAML is parsed at all.
        key = options.index_key(files)
        index = cached(key, lambda: build_index(_load(files), options.ignore_words))
        return cls(index, options, key)

    def normalize(
        self, text: str, ignore_spans: Sequence[tuple[int, int]] = (), markup: str | None = None
    ) -> Result:
        """Find and repair garbled names in `text`; never touch `ignore_spans`.

        `markup` ("markdown", "html", "rst" or "text") protects what the
        command line protects in such a file: code, URLs, tags and their
        attributes, link destinations, `normalizer: skip` lines. With None
        only `ignore_spans` are protected.

        A fix converges in one call: a repair can be evidence for another
        (the full name restored, then its lone surname), so the repaired text
        is read again until nothing more is applied."""
        if markup is not None:
            ignore_spans = [*ignore_spans, *_markup_spans(text, markup)]
        if len(text) <= SEGMENT_CHARS:
            corrections, current = self._converged(text, ignore_spans)
            return Result(text, current, tuple(corrections))
        # The segments tile the text and each output is proven lossless against its
        # segment: joined, they are the text's output, with no second splice and proof.
        corrections, outputs, starts = [], [], line_starts(text)
        for start, end in segments(text, SEGMENT_CHARS):
            found, output = self._converged(text[start:end], spans_within(ignore_spans, start, end))
            corrections += moved_by(found, start, starts)
            outputs.append(output)
        return Result(text, "".join(outputs), tuple(corrections))

    def _converged(self, text: str, ignore_spans: Sequence[tuple[int, int]]) -> tuple[list[Correction], str]:
        """The corrections of `text`, read again after each repair until nothing
        more is applied, and the text they make."""
        corrections = self._one_pass(text, ignore_spans)
        current = apply_corrections(text, corrections)
        for _ in range(MAX_PASSES - 1):
            applied = [c for c in corrections if c.applied]
            if not applied:
                break
            again = self._one_pass(current, shift_spans(ignore_spans, applied))
            if not any(c.applied for c in again):
                break
            corrections = sorted(applied + rebase(again, applied, text), key=lambda c: c.start)
            current = apply_corrections(text, corrections)
        return corrections, current

    def normalize_many(
        self, texts: Iterable[Any], ids: Iterable[Any] | None = None, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Outcome]:
        """`normalize` each text, yielding one `normalizer.batch.Outcome` per text in
        order: `.id` (from `ids`, else the position), `.result`, or `.error` when
        the value is not a string, is empty or is longer than `max_chars`. A bad
        record never stops the batch. Word-level work is shared across texts."""
        return normalize_many(self, texts, ids, max_chars)

    def _one_pass(self, text: str, ignore_spans: Sequence[tuple[int, int]]) -> list[Correction]:
        doc = Document(self.index, text, ignore_spans)
        mentions = find_mentions(doc)
        exact = [p for source in EXACT_SOURCES for p in source(doc, mentions)]
        # fuzzy.propose first, as GARBLE_SOURCES has it; it leaves unbuilt the
        # readings that cannot reach the decider's floor (evidence.later).
        garbles = fuzzy.propose(doc, mentions, floor=self.decider.floor)
        garbles += [p for source in GARBLE_SOURCES if source is not fuzzy.propose for p in source(doc, mentions)]
        # An unbuilt reading is built where another reading of its entity
        # stands: there it may corroborate that one, or be moved by its repair
        # (evidence.later). The others are built as the decider asks for them.
        entities = {p.entity for p in exact} | {p.entity for p in garbles if isinstance(p, Proposal)}
        garbles, left = built_for(doc, mentions, garbles, entities)
        # A surname read in full and written alone later; those read only as
        # they were read there come after the evidence across the text.
        lone, as_read_there = echoes.lone_mentions(doc, mentions, garbles)
        unbuilt = BuiltOnDemand(doc, mentions, left)
        garbles = across_the_text(doc, mentions, garbles + lone) + as_read_there
        garbles = [p.with_evidence(entity_prior(self.index, p)) for p in garbles]
        # Of one name's forms tied over the same words, the one the text writes ("CNN Philippines", not Filipinos).
        garbles = written_forms_first(doc, garbles, AMBIGUITY_MARGIN)
        decisions = self.decider.decide(exact + garbles, unbuilt)
        # What the first decisions say of the text moves the readings, once each.
        moved = self._repaired_elsewhere(doc, mentions, decisions, garbles)
        if moved is not None:
            garbles = moved
            decisions = self.decider.decide(exact + garbles, unbuilt)
        confident = [d.proposal for d in decisions if self.decider.applies(d)]
        if came_through_another_script(confident):
            found, unbuilt = self._read_as_translated(doc, mentions, garbles, unbuilt)
            garbles = garbles + found
            decisions = self.decider.decide(exact + (through_another_script(confident, garbles) or garbles), unbuilt)
        # Each repair in the spelling the text itself writes that name with.
        return self.decider.corrections(doc, as_the_text_writes(doc, mentions, decisions))

    def _read_as_translated(
        self, doc: Document, mentions: Mentions, garbles: list[Proposal], unbuilt: BuiltOnDemand
    ) -> tuple[list[Proposal], Unbuilt]:
        """In a text that came through another script, its real name words
        ("Beldžum", "Anni") may be round trips too: their readings by a learned
        route, with the evidence of the text, less those already read. Also
        the readings left unbuilt, the new ones after the old."""
        found = fuzzy.propose(doc, mentions, translated=True, floor=self.decider.floor)
        # An unbuilt reading, old or new, counts here only beside a new
        # proposal of its entity: `read` is asked about those, and
        # corroboration joins one entity's readings.
        entities = {p.entity for p in found if isinstance(p, Proposal)}
        found, left = built_for(doc, mentions, found, entities)
        garbles = garbles + unbuilt.of(entities)
        read = {(p.entity, p.first, p.last) for p in garbles}
        found = [p for p in found if (p.entity, p.first, p.last) not in read]
        unbuilt = _OldThenNew(unbuilt, BuiltOnDemand(doc, mentions, left), garbles)
        if not found:
            return [], unbuilt
        found = across_the_text(doc, mentions, garbles + found)[len(garbles):]
        return [p.with_evidence(entity_prior(self.index, p)) for p in found], unbuilt

    def _repaired_elsewhere(
        self, doc: Document, mentions: Mentions, decisions: list[Decision], garbles: list[Proposal]
    ) -> list[Proposal] | None:
        """Entities repaired with confidence count as seen: a second garble of
        the same name ("Araguchi" after "Abbas Aragut") gains that evidence.
        The same spelling repaired elsewhere is no new evidence ("Rohingya"
        read as "Rohini" three times is one reading, not three). None when no
        proposal moves."""
        # A word read only as it was read in a full name is that garble again, no other spelling.
        applied = [d.proposal for d in decisions if self.decider.applies(d)]
        repaired = OtherSpellings([p for p in applied if p.match != "echo"])
        boosted = [repaired.elsewhere(p) for p in garbles]
        if not any(boosted):
            return None
        return [seen_elsewhere(doc, mentions, p, repaired=True) if moved else p for p, moved in zip(garbles, boosted)]


class _OldThenNew:
    """The unbuilt readings of a text read as translated (an Unbuilt):
    the old ones, then the new ones no old reading has read (as `read`
    drops them)."""

    def __init__(self, old: BuiltOnDemand, new: BuiltOnDemand, garbles: list[Proposal]):
        self.old, self.new = old, new
        self.read = {(p.entity, p.first, p.last) for p in garbles}

    def touching(self, words: set[int]) -> Iterator[Proposal]:
        yield from self.old.touching(words)
        yield from (p for p in self.new.touching(words) if not self._read(p))

    def _read(self, proposal: Proposal) -> bool:
        key = (proposal.entity, proposal.first, proposal.last)
        return key in self.read or any(key == (p.entity, p.first, p.last) for p in self.old.of({proposal.entity}))


def _markup_spans(text: str, markup: str) -> list[tuple[int, int]]:
    from normalizer.errors import NormalizerError
    from normalizer.markup import protected_spans

    if markup not in MARKUPS:
        raise NormalizerError(f"markup must be one of {', '.join(MARKUPS)}, got {markup!r}")
    return protected_spans("", text, fmt=markup)


def _load(files: list[Path]) -> Gazetteer:
    # Only where the index is built: a cached start never imports the schema and the YAML parsing.
    from normalizer.gazetteer.loading import load_files

    return load_files(files)
