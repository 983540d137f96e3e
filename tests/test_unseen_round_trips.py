"""The gazetteer of benchmarks/unseen_round_trips.py: the bundled entities an
article names, listed as a newsroom would (no threshold, no sources)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.unseen_round_trips import chosen_articles, named_entities  # noqa: E402

GAZETTEER = """\
entities:
  - {canonical: Cairo, kind: place, threshold: 0.95, sources: [GeoNames]}
  - {canonical: Myanmar, kind: place, aliases: [Burma]}
  - {canonical: Oman, kind: place}
  - {canonical: UN, kind: organization}
"""


def test_the_entities_an_article_names_as_a_newsroom_lists_them(tmp_path):
    gazetteers = tmp_path / "gazetteers"
    gazetteers.mkdir()
    (gazetteers / "places.yaml").write_text(GAZETTEER, encoding="utf-8")
    article = tmp_path / "a.txt"
    # Burma by its alias; "Romania" holds "Oman" inside a word; "UN" is too short to say.
    article.write_text("Officials in Cairo and Burma met the UN envoy from Romania.", encoding="utf-8")
    named = named_entities([article], gazetteers)
    assert named == [{"canonical": "Cairo", "kind": "place"},
                     {"canonical": "Myanmar", "kind": "place", "aliases": ["Burma"]}]


def test_every_fourth_article_is_read():
    articles = chosen_articles()
    assert 100 <= len(articles) <= 130 and len(set(articles)) == len(articles)
