"""`normalize gazetteer lint`'s freshness findings (normalizer/gazetteer/freshness.py)
and `normalize gazetteer stats` per region and check date, on small gazetteers
written here, through the installed command; and the pieces behind them."""

from __future__ import annotations

import json
import subprocess
import textwrap
from datetime import date
from pathlib import Path

import pytest
from conftest import installed_normalize

from normalizer.gazetteer.freshness import post_names, post_of, unchecked_people
from normalizer.gazetteer.loading import Entity

PLACES = """
    common_words: [Japan]
    entities:
      - {canonical: Japan, kind: place, adjectives: [Japanese]}
      - {canonical: Netherlands, kind: place, adjectives: [Dutch]}
      - {canonical: NATO, kind: organization, aliases: [North Atlantic Treaty Organization]}
    """


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path


def lint(*args: str | Path, today: str = "2026-12-02") -> subprocess.CompletedProcess:
    command = [installed_normalize(), "gazetteer", "lint", "--no-examples", "--today", today, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# ------------------------------------------------------------------ people not checked


def test_people_never_checked_or_checked_over_a_year_ago(tmp_path):
    people = write(tmp_path, "people.yaml", """
        entities:
          - {canonical: Ann Nolan, kind: person}
          - {canonical: Bob Stahl, kind: person, checked: 2025-11}
          - {canonical: Cy Yates, kind: person, checked: 2025-12}
          - {canonical: Dee Frye, kind: person, checked: 2026-11}
          - {canonical: Eve Futter, kind: person, checked: 2027-01}
          - {canonical: Lima, kind: place}
        """)
    done = lint(people)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{people}:2: person 'Ann Nolan' was never checked: add checked: YYYY-MM once its office and spelling are",
        f"{people}:3: person 'Bob Stahl' was last checked 2025-11, 13 months ago: "
        "check its office and spelling, then update 'checked'",
        f"{people}:6: person 'Eve Futter' has checked: 2027-01, a month still to come",
    ]
    a_year_on = lint(people, today="2027-12-31")  # "today" moves the window: 2026-11 is 13 months old then
    assert "'Dee Frye' was last checked 2026-11, 13 months ago" in a_year_on.stdout
    assert "Cy Yates" not in done.stdout and "Eve Futter" not in a_year_on.stdout


def test_a_newsrooms_extension_of_a_person_is_as_fresh_as_its_latest_check(tmp_path):
    first = Entity("Ann Example", "person", checked="2024-01", origin="a.yaml:2")
    extension = Entity("Ann Example", "person", variants=("Ann Exampel",), origin="b.yaml:2")
    assert unchecked_people([first, extension], date(2026, 12, 2))[0].origin == "a.yaml:2"
    checked = Entity("Ann Example", "person", variants=("Ann Exampel",), checked="2026-06", origin="b.yaml:2")
    assert unchecked_people([first, checked], date(2026, 12, 2)) == []


def test_a_bad_today_is_bad_input(tmp_path):
    done = lint(write(tmp_path, "g.yaml", PLACES), today="2026-13-01")
    assert done.returncode == 2 and "--today must be a date as YYYY-MM-DD" in done.stderr


# ------------------------------------------------------------------ posts held twice


@pytest.mark.parametrize("phrase, post", [
    ("Japanese Prime Minister", ("Prime Minister", "Japan")),
    ("Prime Minister of Japan", ("Prime Minister", "Japan")),
    ("Japan's prime minister", ("Prime Minister", "Japan")),
    ("Japan\u2019s Prime Minister", ("Prime Minister", "Japan")),
    ("Prime Minister of the Netherlands", ("Prime Minister", "Netherlands")),
    ("the Netherlands' prime minister", ("Prime Minister", "Netherlands")),
    ("NATO Secretary General", ("Secretary-General", "NATO")),
    ("Secretary-General of the North Atlantic Treaty Organization", ("Secretary-General", "NATO")),
    ("Japanese Defense Minister", ("Defence Minister", "Japan")),
    ("Japanese Vice President", ("Vice President", "Japan")),
    ("Prime Minister", None),  # no place: every prime minister
    ("Foreign Minister", None),
    ("Deputy Prime Minister of Japan", None),  # several hold it at once
    ("Japanese Minister", None),
    ("Japanese government", None),
    ("Prime Minister of Narnia", None),  # a place no gazetteer knows
])
def test_the_post_a_context_phrase_names(phrase, post):
    entities = [
        Entity("Japan", "place", adjectives=("Japanese",)),
        Entity("Netherlands", "place", adjectives=("Dutch",)),
        Entity("NATO", "organization", aliases=("North Atlantic Treaty Organization",)),
        Entity("Narnia", "term"),  # a term's name makes no post
    ]
    assert post_of(phrase, post_names(entities)) == post


def test_one_post_in_the_context_of_two_people_is_reported_once(tmp_path):
    places = write(tmp_path, "places.yaml", PLACES)
    people = write(tmp_path, "people.yaml", """
        entities:
          - {canonical: Shigeru Ishiba, kind: person, checked: 2026-11, context: [Japanese Prime Minister]}
          - {canonical: Sanae Takaichi, kind: person, checked: 2026-11, context: [Prime Minister of Japan, Prime Minister]}
          - {canonical: Dick Schoof, kind: person, checked: 2026-11, context: [Dutch Prime Minister]}
          - {canonical: Mark Rutte, kind: person, checked: 2026-11, context: [NATO Secretary General], past_context: [Dutch Prime Minister]}
          - {canonical: Kaja Kallas, kind: person, checked: 2026-11, context: [Prime Minister, Foreign Minister]}
        """)
    done = lint(places, people)
    assert done.stdout.splitlines() == [
        f"{people}:2: post Prime Minister of Japan is held by 2 people at once: 'Shigeru Ishiba' "
        f"('Japanese Prime Minister') and 'Sanae Takaichi' ('Prime Minister of Japan', {people}:3); "
        "keep it in the current holder's context, move it to the others' past_context"
    ]
    assert done.returncode == 1
    moved = people.read_text(encoding="utf-8").replace("context: [Japanese Prime Minister]", "past_context: [Japanese Prime Minister]")
    people.write_text(moved, encoding="utf-8")
    assert lint(places, people).returncode == 0


def test_without_the_places_no_phrase_names_a_post(tmp_path):
    people = write(tmp_path, "people.yaml", """
        entities:
          - {canonical: Shigeru Ishiba, kind: person, checked: 2026-11, context: [Japanese Prime Minister]}
          - {canonical: Sanae Takaichi, kind: person, checked: 2026-11, context: [Japanese Prime Minister]}
        """)
    assert lint(people).returncode == 0
    assert lint(people, write(tmp_path, "places.yaml", PLACES)).returncode == 1


# ------------------------------------------------------------------ context of two kinds


def test_a_context_phrase_of_a_person_and_a_place_is_reported(tmp_path):
    mixed = write(tmp_path, "mixed.yaml", """
        entities:
          - {canonical: Evika Siliņa, kind: person, checked: 2026-11, context: [Prime Minister, Riga]}
          - {canonical: Syria, kind: place, context: [prime minister, Damascus]}
          - {canonical: Saeima, kind: organization, context: [Riga]}
          - {canonical: Ayatollah, kind: honorific, context: [Damascus]}
          - {canonical: Kirill Ozolins, kind: person, checked: 2026-11, context: [Riga]}
        """)
    done = lint(mixed)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{mixed}:2: context 'Prime Minister' of the person 'Evika Siliņa' is also the context of the place "
        f"'Syria' ({mixed}:3): evidence for each of them near a mention",
        f"{mixed}:2: context 'Riga' of the person 'Evika Siliņa' is also the context of the organization "
        f"'Saeima' ({mixed}:4): evidence for each of them near a mention",
    ]  # an honorific's context is its people's, by design: "Damascus" is not reported


# ------------------------------------------------------------------ stats


def test_stats_count_per_region_and_check_date(tmp_path):
    path = write(tmp_path, "g.yaml", """
        entities:
          - {canonical: Ann Example, kind: person, region: Europe, checked: 2026-11}
          - {canonical: Bob Example, kind: person, region: Europe, checked: 2025-03}
          - {canonical: Cy Example, kind: person, checked: 2026-11}
          - {canonical: Dee Example, kind: person}
          - {canonical: Lima, kind: place, region: South America}
          - {canonical: United Nations, kind: organization, region: International}
        """)
    command = [installed_normalize(), "gazetteer", "stats", str(path)]
    numbers = json.loads(subprocess.run([*command, "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert numbers["regions"] == {
        "Africa": 0, "Asia": 0, "Europe": 2, "North America": 0, "South America": 1,
        "Oceania": 0, "Antarctica": 0, "International": 1, "unknown": 2,
    }
    assert list(numbers["checked"].items()) == [("2026-11", 2), ("2025-03", 1), ("never", 1)]  # people only
    lines = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()
    region_at, checked_at = lines.index("per region:"), lines.index("people per check date:")
    assert lines[region_at + 3] == "  Europe               2" and lines[region_at + 9] == "  unknown              2"
    assert lines[checked_at + 1 : checked_at + 4] == ["  2026-11              2", "  2025-03              1", "  never                1"]
