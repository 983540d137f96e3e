"""A text that came through another script: once several of its names were
repaired as learned round trips, one more round-trip reading gains evidence
(normalizer/evidence/translated.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer import Normalizer
from normalizer.evidence.translated import MIN_ROUND_TRIPS, TRANSLATED_BONUS, through_another_script
from normalizer.proposal import Proposal

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"


def proposal(entity: int, round_trip: bool, confidence: float = 0.78) -> Proposal:
    return Proposal(entity, entity, f"Name{entity}", entity, confidence, (), "fuzzy", round_trip=round_trip)


def test_too_few_round_trips_say_nothing():
    confident = [proposal(e, True, 0.9) for e in range(MIN_ROUND_TRIPS - 1)]
    assert through_another_script(confident, confident + [proposal(99, True)]) is None


def test_only_open_round_trip_readings_gain():
    confident = [proposal(e, True, 0.9) for e in range(MIN_ROUND_TRIPS)]
    lone, spelled = proposal(99, True), proposal(98, False)
    moved = through_another_script(confident, confident + [lone, spelled])
    assert moved[: len(confident)] == confident  # the repairs that made the case are not moved
    assert moved[-2].confidence == pytest.approx(lone.confidence + TRANSLATED_BONUS)
    assert "came back through another script" in moved[-2].reasons[-1]
    assert moved[-1] == spelled  # a reading by spelling alone is no round trip


def test_another_reading_of_a_repairs_words_does_not_gain():
    # Unseen Wikinews through katakana: "Guriisu" read as Greece (0.88, a confident repair)
    # and as Greeks (0.87); the bonus to Greeks alone put it over the repair it speaks for as much.
    confident = [proposal(e, True, 0.9) for e in range(MIN_ROUND_TRIPS)] + [proposal(50, True, 0.88)]
    sibling = Proposal(50, 50, "Greeks", 50, 0.87, (), "fuzzy", round_trip=True)
    elsewhere = Proposal(50, 51, "Greeks", 50, 0.87, (), "fuzzy", round_trip=True)
    moved = through_another_script(confident, confident + [sibling, elsewhere])
    assert moved[-2] == sibling
    assert moved[-1].confidence == pytest.approx(elsewhere.confidence + TRANSLATED_BONUS)


def test_a_reading_a_fold_found_that_a_learned_route_explains_gains_too():
    # "Indonesiia" has Indonesia's folded key, and a learned route reads it at 0.94:
    # as much a round trip as the demonyms "Indonesian" and "Indonesians" the routes found.
    confident = [proposal(e, True, 0.9) for e in range(MIN_ROUND_TRIPS)]
    folded = Proposal(99, 99, "Indonesia", 99, 0.83, (), "fuzzy", spelling="indonesiia")
    unexplained = Proposal(98, 98, "Indiana", 98, 0.83, (), "fuzzy", spelling="indonesiia")
    moved = through_another_script(confident, confident + [folded, unexplained])
    assert moved[-2].confidence == pytest.approx(folded.confidence + TRANSLATED_BONUS)
    assert moved[-1] == unexplained


def test_an_entity_is_not_its_own_evidence():
    confident = [proposal(e, True, 0.9) for e in range(MIN_ROUND_TRIPS)]
    # A second garble of an entity already counted sees one name fewer.
    assert through_another_script(confident, [proposal(0, True)]) is None


def test_plain_repairs_do_not_make_a_text_translated():
    confident = [proposal(e, False, 0.9) for e in range(10)]
    assert through_another_script(confident, confident + [proposal(99, True)]) is None


@pytest.fixture(scope="module")
def wikinews_normalizer() -> Normalizer:
    return Normalizer.load(gazetteers=[CORPUS / "wikinews" / "gazetteer.yaml"], bundled=False)


def round_trip_article(name: str) -> str:
    for line in (CORPUS / "wikinews-roundtrip.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == name:
            return record["garbled"]
    raise LookupError(name)


def test_a_lone_round_trip_is_repaired_in_a_translated_text_and_only_suggested_alone(wikinews_normalizer):
    paragraph = next(p for p in round_trip_article("soccer.txt").splitlines() if "Suoqi" in p)
    among = [c for c in wikinews_normalizer.normalize(paragraph).corrections if c.original == "Suoqi"]
    assert [c.applied for c in among] == [True]
    assert any("came back through another script" in reason for reason in among[0].reasons)
    alone = wikinews_normalizer.normalize("The match was played at the Fisht Stadium in Suoqi.").corrections
    assert not any(c.applied for c in alone if c.original == "Suoqi")


def test_a_real_name_word_is_read_as_a_round_trip_only_in_a_translated_text(wikinews_normalizer):
    # "Beldžum" is spelled as a Czech or Croatian name could be (FOREIGN):
    # alone it is somebody's correct name; in an article whose other names
    # came back through Cyrillic, katakana and pinyin, it is one of them.
    # (The article also names Belgium intact, which reads it in the first
    # pass, candidates/foreign_names: without those mentions it is the
    # translated text that reads it.)
    article = round_trip_article("soccer.txt")
    title = article.splitlines()[0]
    assert "Beldžum" in title
    unnamed = re.sub(r"\bBelgium\b", "the team", article)
    among = [c for c in wikinews_normalizer.normalize(unnamed).corrections if c.original == "Beldžum"]
    assert [(c.replacement, c.applied) for c in among] == [("Belgium", True)]
    assert any("came back through another script" in reason for reason in among[0].reasons)
    assert not [c for c in wikinews_normalizer.normalize(title).corrections if c.original == "Beldžum"]


@pytest.fixture(scope="module")
def wikinews_and_bundled() -> Normalizer:
    return Normalizer.load(gazetteers=[CORPUS / "wikinews" / "gazetteer.yaml"], bundled=True)


def test_a_translated_text_reads_a_real_name_by_a_learned_route_only(wikinews_and_bundled):
    # Kanata (Ontario) is one letter from Canada's folded key, and Canada is
    # named intact, but no learned route makes one of the other: the
    # translated article leaves it as written.
    article = round_trip_article("soccer.txt") + "\nThe squad had trained in Kanata, Canada.\n"
    result = wikinews_and_bundled.normalize(article)
    assert any(c.original == "Beldžum" and c.applied for c in result.corrections)  # the text counts as translated
    assert not [c for c in result.corrections if c.original == "Kanata"]


def test_a_translated_text_searches_wider_for_a_word_nothing_reads(wikinews_normalizer):
    # pypinyin's "Beizhumu" for Belgium is four edits from it: neither the
    # delete tables nor the likeliest English spellings reach it; the nearest
    # name tokens over the whole index do, and then only in a translated text.
    from normalizer.candidates.nearest import nearest_name_tokens

    index = wikinews_normalizer.index
    assert "belgium" not in index.fuzzy_tokens("Beizhumu") | index.round_trip_tokens("Beizhumu")
    assert "belgium" in nearest_name_tokens(index, "Beizhumu")
    article = round_trip_article("soccer.txt")
    among = [c for c in wikinews_normalizer.normalize(article).corrections if c.original == "Beizhumu"]
    assert among and all(c.replacement == "Belgium" and c.applied for c in among)
    line = next(p for p in article.splitlines() if "Beizhumu" in p)
    assert not [c for c in wikinews_normalizer.normalize(line).corrections if c.original == "Beizhumu"]


def test_a_marked_spelling_no_real_name_has_is_read_beside_the_rest_of_its_name(wikinews_normalizer):
    # "Èstman" (ISO 9 writes Э as È) has a letter MT into English does not
    # write, but no real name is spelled so (suspects.Status.MARKED): it is
    # read like a real name word, beside "Kres" of the same name.
    article = round_trip_article("iodine.txt")
    among = [c for c in wikinews_normalizer.normalize(article).corrections if "Èstman" in c.original]
    assert [c.applied for c in among] == [True]
    assert "Eastman" in among[0].replacement
    assert any(reason.startswith("'Èstman' ~ 'Eastman': ") for reason in among[0].reasons)


_INDIAN_PLACES = """entities:
  - {canonical: Bangalore, kind: place}
  - {canonical: Karnataka, kind: place}
  - {canonical: Mysuru, kind: place}
  - {canonical: Hassan, kind: place}
  - {canonical: Chamarajanagar, kind: place}
"""


@pytest.mark.parametrize("word, repaired", [("Mangalore", False), ("Bangalole", True)])
def test_a_real_city_is_not_read_as_another_place_by_a_route_less_than_sure(tmp_path, word, repaired):
    # Clean Wikinews names Mangalore beside Bangalore; in a translated text the pooled
    # route reads the one as the other at 0.78, under the sure 0.9 (candidates/real_names).
    # "Bangalole", no city's name, is still the katakana garble it looks like.
    engine = engine_of(tmp_path, _INDIAN_PLACES)
    text = (
        "The division of Misuru in Kalunataka runs trains from Chamarajanagar to Hasusan. "
        f"It starts at Bangalore and then goes up to {word} this side."
    )
    changes = applied_changes(engine.normalize(text))
    assert ("Kalunataka", "Karnataka") in changes and ("Hasusan", "Hassan") in changes  # a translated text
    assert ((word, "Bangalore") in changes) is repaired


def test_a_word_inside_an_unknown_name_is_read_as_the_name_the_text_names_by_its_surest_reading(tmp_path):
    # "Garuda Indonesiya" (Индонезия): inside an unknown name only a sure round trip is read in a
    # translated text; the same MT-folded key as Indonesia (0.95) is as sure where the text names
    # Indonesia, else the demonym, a route's 0.94, was the one read there. "Nabil Hasan" is not
    # read as the place Hassan, which the text does not name (open-world issue).
    engine = engine_of(tmp_path, """entities:
  - {canonical: Indonesia, kind: place, adjectives: [Indonesian, Indonesians]}
  - {canonical: Xinhua, kind: organization}
  - {canonical: Pakistan, kind: place}
  - {canonical: Airbus, kind: organization}
  - {canonical: Hassan, kind: place}
""")
    text = (
        "Indonesia banned Indonesian airlines from buying Airbus planes, Sinkhua reported. "
        "The ban followed the losses of Garuda Indonesiya Flight 200 and a crash in Pakisutan. "
        "Planes cannot fly to Indonesiya now. Nabil Hasan al-Quaety was shot in Aden."
    )
    changes = applied_changes(engine.normalize(text))
    assert ("Sinkhua", "Xinhua") in changes and ("Pakisutan", "Pakistan") in changes  # a translated text
    assert changes.count(("Indonesiya", "Indonesia")) == 2
    assert not [change for change in changes if change[0] == "Hasan"]
