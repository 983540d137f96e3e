"""suspects.classify asks no token about URLs and paths in a text that can
hold none (`may_hold_non_prose` false): the statuses are those the token by
token judgement gives, on real news and on news with markup, URLs, paths,
handles and addresses put in."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer import Normalizer, suspects
from normalizer.document import ignored_tokens
from normalizer.tokens import tokenize

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
NEWS = [json.loads(line)["garbled"] for line in islice(open(CORPUS / "wikinews-garbled.jsonl", encoding="utf-8"), 40)]
PIECES = ["https://example.org/Macrom", "a/b", "#Tehran", "@Araghchi", "x_y", "Mr.Smith", "3.25", "<b>Macrom</b>",
          "[Macrom](https://x.org/Macrom)", "C:\\Iran", "mail@iran.ir", " ", "\n", "Iran", "Aragut", "**Libya**", "#"]


@pytest.fixture(scope="module")
def index():
    return Normalizer.load(gazetteers=[CORPUS / "wikinews" / "gazetteer.yaml"], bundled=True).index


def both(index, text, monkeypatch):
    tokens = tokenize(text)
    ignored = ignored_tokens(tokens, ())
    fast = suspects.classify(index, text, tokens, ignored)
    with monkeypatch.context() as patched:
        patched.setattr(suspects, "may_hold_non_prose", lambda text: True)
        slow = suspects.classify(index, text, tokens, ignored)
    return fast, slow


def test_real_news_is_classified_as_token_by_token(index, monkeypatch):
    shortcut = 0
    for text in NEWS:
        fast, slow = both(index, text, monkeypatch)
        assert fast == slow
        shortcut += not suspects.may_hold_non_prose(text)
    assert shortcut >= 10  # the shortcut was taken


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.sampled_from(NEWS), cuts=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(PIECES)), max_size=4))
def test_news_with_urls_paths_and_markup_put_in_is_classified_as_token_by_token(index, monkeypatch, text, cuts):
    for at, piece in cuts:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    fast, slow = both(index, text, monkeypatch)
    assert fast == slow
