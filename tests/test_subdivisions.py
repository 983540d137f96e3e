"""First-level subdivisions (gazetteers/subdivisions.yaml): there, one entity a
name, trusted by size, and left alone when written right."""

from __future__ import annotations

import pytest

from normalizer.gazetteer.loading import bundled_dir, load_gazetteer, parse_gazetteer

FIRST_LEVEL = ("Illinois", "California", "Bavaria", "Punjab", "Catalonia", "Ontario", "Quebec", "Kyiv Oblast")


@pytest.fixture(scope="module")
def places():
    """Every bundled place entity, by each of its correct forms."""
    return {form: e for e in load_gazetteer().entities if e.kind == "place" for form in e.correct_forms}


@pytest.fixture(scope="module")
def subdivisions():
    path = bundled_dir() / "subdivisions.yaml"
    return {e.canonical: e for e in parse_gazetteer(path.read_bytes(), str(path))[0]}


@pytest.mark.parametrize("name", FIRST_LEVEL)
def test_first_level_subdivisions_are_places(places, subdivisions, name):
    assert name in places
    assert name in subdivisions  # Ontario and Quebec are provinces now, not only cities


def test_iso_names_are_aliases_of_the_news_names(subdivisions):
    assert "Bayern" in subdivisions["Bavaria"].aliases
    assert "Kyivska oblast" in subdivisions["Kyiv Oblast"].aliases
    assert {"Catalunya", "Cataluña"} <= set(subdivisions["Catalonia"].aliases)
    assert "Nordrhein-Westfalen" in subdivisions["North Rhine-Westphalia"].aliases


def test_one_name_one_entity(places, subdivisions):
    assert places["Georgia"].adjectives  # the country keeps the name; the US state adds no second Georgia
    assert "Punjab" in subdivisions and subdivisions["Punjab"].region == "Asia"  # India's and Pakistan's, one entity
    assert places["Washington"] is not places["Washington State"]  # the city keeps the bare name
    assert places["Mexico City"] is not places["State of Mexico"]
    assert "Quebec City" in subdivisions["Quebec"].aliases  # the city of Quebec is one entity with the province


def test_positions_are_no_places(subdivisions):
    assert not {"Central", "Northern", "North East", "Western Area"} & set(subdivisions)


def test_small_subdivisions_need_more_confidence(subdivisions):
    assert subdivisions["Illinois"].threshold is None
    assert subdivisions["Bavaria"].threshold is None
    assert subdivisions["Makueni"].threshold == 0.95  # a Kenyan county: 47 for 53 million people


@pytest.mark.parametrize(
    "text",
    [
        "Chicago is the largest city in Illinois, and Springfield is its capital.",
        "Ontario and Quebec will vote on the measure, officials in Toronto said.",
        "Flooding hit Bavaria and Lower Saxony, and North Rhine-Westphalia was spared.",
        "Clashes were reported in Kyiv Oblast and in Punjab on Monday.",
    ],
)
def test_subdivisions_written_right_are_left_alone(bundled_normalizer, text):
    result = bundled_normalizer.normalize(text)
    assert result.text == text
    assert result.corrections == ()


def test_a_garbled_major_subdivision_is_read_as_it(bundled_normalizer):
    """Measured, not forced: a lone garble of a major subdivision is repaired
    when its reading is strong ("Ilinois", one letter dropped), offered as a
    suggestion when weaker ("Bavaira", two letters swapped)."""
    repaired = bundled_normalizer.normalize("Officials in Ilinois said so.")
    assert [(c.original, c.replacement) for c in repaired.applied] == [("Ilinois", "Illinois")]
    offered = bundled_normalizer.normalize("Munich, the capital of Bavaira, hosted the summit.")
    assert [(c.original, c.replacement) for c in offered.corrections] == [("Bavaira", "Bavaria")]
