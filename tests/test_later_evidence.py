"""Readings left unbuilt (candidates.fuzzy.align under Decider.floor): the
ceiling of evidence.later holds, and leaving such readings out changes no
decision."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Normalizer, engine
from normalizer.candidates import fuzzy
from normalizer.decision import Decider
from normalizer.evidence import later
from normalizer.evidence.elsewhere import CORROBORATION_BONUS, DOCUMENT_BONUS, SURNAME_AFTER_FULL_NAME_BONUS
from normalizer.evidence.neighbours import LOST_CAPITALS_PENALTY
from normalizer.evidence.translated import TRANSLATED_BONUS
from normalizer.options import Options
from normalizer.proposal import Proposal

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"

# Every place in the engine that moves a proposal after it is made, by file:
# evidence.later must count each one that can raise a fuzzy reading. A new
# one here means a new line in its docstring and, if it can raise, in
# most_later_evidence; then this census.
WITH_EVIDENCE_CALLS = {
    "engine.py": 2,  # entity_prior (never raises), twice
    "candidates/glued.py": 2,  # glued and split readings only (their lone word and context: glued.reading)
    "evidence/elsewhere.py": 5,  # seen_elsewhere (4), across_the_text's corroboration (1)
    "evidence/likelier.py": 1,  # reasons only
    "evidence/translated.py": 1,  # TRANSLATED_BONUS
}


def test_every_call_that_moves_a_proposal_is_counted():
    found = {}
    for path in sorted((ROOT / "normalizer").rglob("*.py")):
        calls = len(re.findall(r"\.with_evidence\(", path.read_text(encoding="utf-8")))
        if calls:
            found[path.relative_to(ROOT / "normalizer").as_posix()] = calls
    assert found == WITH_EVIDENCE_CALLS, "a proposal moves in a new place: is it in evidence.later's ceiling?"


def test_the_ceiling_adds_every_later_bonus():
    index = SimpleNamespace(entities=[SimpleNamespace(threshold=None)])
    seen = SimpleNamespace(seen={0: 1})
    unseen = SimpleNamespace(seen={})
    most = later.most_later_evidence(index, seen, 0, surname=True, lost_capitals=True)
    assert most == pytest.approx(
        CORROBORATION_BONUS + DOCUMENT_BONUS + LOST_CAPITALS_PENALTY / 2 + SURNAME_AFTER_FULL_NAME_BONUS + TRANSLATED_BONUS
    )
    # Any reading may be one a learned route explains in a translated text (evidence.translated).
    assert later.most_later_evidence(index, unseen, 0, True, True) == pytest.approx(CORROBORATION_BONUS + TRANSLATED_BONUS)
    index.entities[0].threshold = 0.95  # a small town: its prior takes 0.15 off
    assert later.most_later_evidence(index, unseen, 0, False, False) == pytest.approx(
        CORROBORATION_BONUS + TRANSLATED_BONUS - 0.15
    )


def _garbled_texts(per_corpus: int) -> list[str]:
    texts = []
    for name in ("wikinews-garbled", "wikinews-mt", "wikinews-roundtrip"):
        lines = (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["garbled"] for line in lines[:per_corpus]]
    return texts


@pytest.fixture(scope="module")
def wikinews_engine():
    return Normalizer.load(gazetteers=[CORPUS / "wikinews" / "gazetteer.yaml"])


def test_no_reading_outgrows_its_ceiling(wikinews_engine, monkeypatch):
    """Every reading built with nothing left out: at every decision its
    confidence is at most the ceiling align computed for it, plus the
    evidence of its entity repaired elsewhere (after which the engine builds
    it)."""
    ceilings: dict[tuple, float] = {}
    last: list[float] = []
    state = SimpleNamespace(mentions=None, checked=0)
    ceiling, align, find_mentions, decide = fuzzy._ceiling, fuzzy.align, engine.find_mentions, Decider.decide

    def recording_ceiling(*args):
        last.append(ceiling(*args))
        return last[-1]

    def recording_align(*args, floor=None, **kwargs):
        last.clear()
        proposal = align(*args, floor=-math.inf, **kwargs)  # computes the ceiling, leaves nothing out
        if isinstance(proposal, Proposal) and last:
            key = _key(proposal)
            ceilings[key] = max(ceilings.get(key, -math.inf), last[-1])
        return proposal

    def recording_mentions(doc):
        state.mentions = find_mentions(doc)
        return state.mentions

    def checking_decide(self, proposals, unbuilt=None):
        for p in proposals:
            # An echo is no reading of align's: its confidence is its full name's (candidates/echoes).
            if p.match == "echo" or _key(p) not in ceilings:
                continue
            allowed = ceilings[_key(p)]
            if p.seen_elsewhere and not state.mentions.seen.get(p.entity):
                allowed += later.SEEN_ELSEWHERE_MOST  # repaired elsewhere
            assert p.confidence <= allowed + 1e-9, p
            state.checked += 1
        return decide(self, proposals, unbuilt)

    monkeypatch.setattr(fuzzy, "_ceiling", recording_ceiling)
    monkeypatch.setattr(fuzzy, "align", recording_align)
    monkeypatch.setattr(engine, "find_mentions", recording_mentions)
    monkeypatch.setattr(Decider, "decide", checking_decide)
    for text in _garbled_texts(8):
        wikinews_engine.normalize(text)
    assert state.checked > 500


def _key(p: Proposal) -> tuple:
    return p.entity, p.first, p.last, p.replacement, p.spelling


def test_unbuilt_readings_change_no_outcome(wikinews_engine):
    """The same corrections with readings left unbuilt as with every reading built."""
    texts = _garbled_texts(8)
    floor = wikinews_engine.decider.floor
    assert floor > 0.6  # leaves readings out at all
    left_out = [wikinews_engine.normalize(text).corrections for text in texts]
    wikinews_engine.decider.floor = -math.inf
    try:
        built = [wikinews_engine.normalize(text).corrections for text in texts]
    finally:
        wikinews_engine.decider.floor = floor
    assert left_out == built


# ---------------------------------------------------------------- the decider alone


def _decider(own: list[bool]) -> Decider:
    entities = [SimpleNamespace(own=o, threshold=None, canonical=f"E{k}", kind="person") for k, o in enumerate(own)]
    return Decider(SimpleNamespace(entities=entities, protected=frozenset()), Options())


class _Built:
    """Proposals at hand, as the decider's Unbuilt."""

    def __init__(self, proposals: list[Proposal]):
        self.proposals = proposals

    def touching(self, words: set[int]) -> list[Proposal]:
        return [p for p in self.proposals if any(k in words for k in range(p.first, p.last + 1))]


def _proposal(entity: int, first: int, last: int, confidence: float, name: str) -> Proposal:
    return Proposal(first, last, name, entity, confidence, (), "fuzzy", spelling=name.lower() + "x")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 6), st.integers(0, 2), st.floats(0.6, 1.1)), max_size=8),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 6), st.integers(0, 2), st.floats(0.0, 1.0)), max_size=4),
)
def test_proposals_under_the_floor_decide_nothing(kept, low):
    decider = _decider([True, False, True, False])
    names = ["Ana", "Bo", "Cy", "Di"]
    proposals = [_proposal(e, f, f + n, c, names[e]) for e, f, n, c in kept]
    under = [_proposal(e, f, f + n, min(c, decider.floor - 1e-6), names[e]) for e, f, n, c in low]
    assert decider.decide(proposals, unbuilt=_Built(under)) == decider.decide(proposals + under)


def test_an_unbuilt_outranked_reading_puts_the_own_readings_first():
    """The own readings go first only where a bundled reading is outranked:
    an unbuilt one over an own reading's words orders the decisions too."""
    decider = _decider([True, False])
    own = _proposal(0, 0, 0, 0.95, "Own")  # credible, chosen
    sure = _proposal(1, 1, 1, 1.1, "Sure")  # ranked first, clear of the own reading
    outranked = _proposal(1, 0, 0, 0.0, "Under")
    with_it = decider.decide([own, sure, outranked])
    assert [d.proposal for d in with_it] == [own, sure]
    assert decider.decide([own, sure], unbuilt=_Built([outranked])) == with_it
    assert [d.proposal for d in decider.decide([own, sure])] == [sure, own]  # it does matter
