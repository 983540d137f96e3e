"""candidates.fuzzy's shortcuts give what the slow path gives, on real texts.

`propose` skips a form whose word at a closed position of the text is not
the text's own (`_may_lay` false) without calling `lay`: `lay` would have
returned None there. Here `propose` runs with and without the shortcut on
garbled and round-trip Wikinews, plain and as a translated text, with the
engine's floor and without, and must give the same readings in the same order.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from normalizer import Normalizer
from normalizer.candidates import fuzzy
from normalizer.document import Document
from normalizer.mentions import find_mentions

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
TEXTS_PER_CORPUS = 12


def corpus_texts():
    for name in ("wikinews-garbled.jsonl", "wikinews-roundtrip.jsonl", "wikinews-mt.jsonl"):
        with open(CORPUS / name, encoding="utf-8") as lines:
            for line in islice(lines, TEXTS_PER_CORPUS):
                yield json.loads(line)["garbled"]


@pytest.fixture(scope="module")
def engine() -> Normalizer:
    return Normalizer.load(gazetteers=[CORPUS / "wikinews" / "gazetteer.yaml"], bundled=True)


def test_the_pretest_of_a_form_changes_no_reading(engine, monkeypatch):
    skipped = 0

    def counting(*args):
        nonlocal skipped
        may = may_lay(*args)
        skipped += not may
        return may

    may_lay = fuzzy._may_lay
    for text in corpus_texts():
        doc = Document(engine.index, text)
        mentions = find_mentions(doc)
        for translated in (False, True):
            for floor in (None, engine.decider.floor):
                monkeypatch.setattr(fuzzy, "_may_lay", counting)
                fast = fuzzy.propose(doc, mentions, translated=translated, floor=floor)
                monkeypatch.setattr(fuzzy, "_may_lay", lambda *args: True)
                slow = fuzzy.propose(doc, mentions, translated=translated, floor=floor)
                assert fast == slow
    assert skipped > 1000  # the shortcut was taken, not only passed over


def test_a_closed_position_rejects_every_form_with_another_word_there(engine):
    # `closed_positions` against `lay` itself: a form laid with one foreign
    # word at a closed position is rejected; the text's own word there is not.
    for text in islice(corpus_texts(), 6):
        doc = Document(engine.index, text)
        mentions = find_mentions(doc)
        closed = fuzzy.closed_positions(doc, mentions, fuzzy.OPEN)
        for form_id in range(0, len(engine.index.forms), 97):
            form = engine.index.forms[form_id]
            for start in range(0, len(doc) - len(form.keys) + 1, 5):
                if not fuzzy._may_lay(form.keys, start, doc.keys, closed):
                    assert fuzzy.lay(doc, mentions, form, start) is None
