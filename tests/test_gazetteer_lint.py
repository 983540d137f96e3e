"""normalizer/gazetteer/lint.py: each check called on parsed entities, without the command line."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

from gazetteer_samples import ReplacingEngine

import normalizer
from normalizer.gazetteer.files import GazetteerFile, gather_files, read_gazetteer_file
from normalizer.gazetteer.lexicon import common_words
from normalizer.gazetteer.lint import (
    COMMON_WORD_MIN_COUNT,
    Finding,
    collisions,
    common_word_forms,
    duplicate_entities,
    lint_examples,
    lint_files,
    lint_forms,
    own_form_clashes,
    stale_common_words,
    stale_english_variants,
)
from normalizer.gazetteer.lexicon import english_words
from normalizer.gazetteer.loading import Entity, Example

COMMON = {"gold": 107_497_778, "price": 501_651_226, "mobile": 145_490_029, "us": 900_000_000}


def at(line: int, entity: Entity, name: str = "g.yaml") -> Entity:
    """`entity` as the loader leaves it: located at file:line."""
    return dataclasses.replace(entity, origin=f"{name}:{line}")


def gfile(*entities: Entity, protect=(), common_words_=(), name: str = "g.yaml") -> GazetteerFile:
    return GazetteerFile(Path(name), entities, frozenset(protect), frozenset(common_words_))


def messages(findings: list[Finding]) -> list[str]:
    return [str(finding) for finding in findings]


def test_finding_reads_as_file_line_message():
    assert str(Finding("g.yaml:3", "duplicate alias 'X' in 'Y'")) == "g.yaml:3: duplicate alias 'X' in 'Y'"


def test_duplicate_entities_keep_the_first_of_each_and_report_the_rest():
    first = at(2, Entity("Hezbollah", "organization"))
    again = at(5, Entity("HEZBOLLAH", "organization"), "h.yaml")
    place = at(7, Entity("Hezbollah", "place"), "h.yaml")  # another kind: another entity
    findings, kept = duplicate_entities([gfile(first), gfile(again, place, name="h.yaml")])
    assert messages(findings) == ["h.yaml:5: duplicate entity 'HEZBOLLAH' (organization), first at g.yaml:2"]
    assert [entity.origin for _, entity in kept] == ["g.yaml:2", "h.yaml:7"]
    assert kept[1][0].path == Path("h.yaml")


def test_a_newsroom_entry_for_a_bundled_name_extends_it_and_is_no_duplicate():
    # `normalize review` teaches a bundled name's new spelling this way.
    bundled = dataclasses.replace(at(2, Entity("Abbas Araghchi", "person"), "people.yaml"), bundled=True)
    own = at(4, Entity("Abbas Araghchi", "person", variants=("Abbas Aragut",)), "newsroom.yaml")
    twice = at(9, Entity("Abbas Araghchi", "person"), "newsroom.yaml")
    findings, _ = duplicate_entities([gfile(bundled, name="people.yaml"), gfile(own, twice, name="newsroom.yaml")])
    assert messages(findings) == ["newsroom.yaml:9: duplicate entity 'Abbas Araghchi' (person), first at newsroom.yaml:4"]
    assert collisions([bundled, own]) == []  # the two entries are one name


def test_own_form_clashes():
    entity = at(2, Entity("Araghchi", "person", variants=("ARAGHCHI", "Araqchi", "Arakchi", "Arakchi"), aliases=("Araqchi",)))
    assert messages(own_form_clashes(entity)) == [
        "g.yaml:2: variant 'ARAGHCHI' of 'Araghchi' equals its canonical",
        "g.yaml:2: variant 'Araqchi' of 'Araghchi' is also listed in its aliases",
        "g.yaml:2: duplicate variant 'Arakchi' in 'Araghchi'",
    ]


def test_own_form_clashes_pass_accented_variants_and_correct_forms_in_two_fields():
    assert own_form_clashes(at(2, Entity("Erdoğan", "person", variants=("Erdogan",)))) == []
    assert own_form_clashes(at(2, Entity("Arctic", "place", adjectives=("Arctic",)))) == []


def test_collisions_rank_a_variant_that_is_another_entitys_correct_form_first():
    khamenei = at(2, Entity("Ali Khamenei", "person", variants=("Ruhollah Khomeini",)))
    khomeini = at(5, Entity("Ruhollah Khomeini", "person"))
    sao_paulo = at(7, Entity("São Paulo", "place"))
    club = at(9, Entity("Sao Paulo FC", "organization", aliases=("SAO PAULO",)))
    gaddafi = at(11, Entity("Muammar Gaddafi", "person", variants=("Qadhafi",)))
    saif = at(13, Entity("Saif al-Islam Gaddafi", "person", variants=("qadhafi",)))
    assert sorted(messages(collisions([khamenei, khomeini, sao_paulo, club, gaddafi, saif]))) == [
        "g.yaml:13: variant 'qadhafi' of 'Saif al-Islam Gaddafi' is also variant 'Qadhafi' of 'Muammar Gaddafi' (g.yaml:11)",
        "g.yaml:2: variant 'Ruhollah Khomeini' of 'Ali Khamenei' is the canonical 'Ruhollah Khomeini' (g.yaml:5)",
        "g.yaml:9: alias 'SAO PAULO' of 'Sao Paulo FC' collides with canonical 'São Paulo' (g.yaml:7)",
    ]


def test_collisions_fold_undecomposable_letters_and_spare_combining_forms():
    lodz = at(2, Entity("Łódź", "place"))
    other = at(4, Entity("Lodz Voivodeship", "place", aliases=("LODZ",)))
    assert messages(collisions([lodz, other])) == ["g.yaml:4: alias 'LODZ' of 'Lodz Voivodeship' collides with canonical 'Łódź' (g.yaml:2)"]
    britain = at(2, Entity("Britain", "place", combining=("Anglo",)))
    england = at(4, Entity("England", "place", combining=("Anglo",)))
    assert collisions([britain, england]) == []
    # a combining form never stands for its entity's other forms of the same key
    anglia = at(6, Entity("Anglia", "place", combining=("Anglo",), variants=("ANGLO",)))
    anglo = at(8, Entity("Anglo", "term"))
    assert messages(collisions([anglia, anglo])) == ["g.yaml:6: variant 'ANGLO' of 'Anglia' is the canonical 'Anglo' (g.yaml:8)"]


def test_common_word_forms_of_names_and_variants():
    mobile = at(2, Entity("Mobile", "place"))
    reading = at(3, Entity("Reading Festival", "term"))
    gaddafi = at(4, Entity("Muammar Gaddafi", "person", variants=("Gold",)))
    price = at(5, Entity("Ned Price", "person"))  # the derived surname
    assert messages(common_word_forms(mobile, gfile(mobile), COMMON)) == [
        "g.yaml:2: canonical 'Mobile' is also a common English word (count 145,490,029): once reviewed, list it "
        "under this file's 'common_words' ('protect' would also block repairs into it)"
    ]
    assert common_word_forms(reading, gfile(reading), COMMON) == []  # two words
    assert messages(common_word_forms(gaddafi, gfile(gaddafi), COMMON)) == [
        "g.yaml:4: variant 'Gold' of 'Muammar Gaddafi' is a common English word (count 107,497,778): the engine "
        "would rewrite the word; once reviewed, list it under the entity's 'english_variants', otherwise remove it"
    ]
    assert "surname 'Price' of 'Ned Price'" in str(common_word_forms(price, gfile(price), COMMON)[0])


def test_common_word_forms_accept_names_reviewed_in_common_words_and_variants_in_english_variants():
    us = at(2, Entity("United States", "place", aliases=("US",)))
    mobile = at(3, Entity("Mobile", "place"))
    gaddafi = at(4, Entity("Muammar Gaddafi", "person", variants=("Gold",)))
    reviewed = gfile(us, mobile, gaddafi, protect=["mobile"], common_words_=["us", "Gold"])
    assert common_word_forms(us, reviewed, COMMON) == []
    assert common_word_forms(mobile, reviewed, COMMON) == []  # protect accepts it too
    assert len(common_word_forms(gaddafi, reviewed, COMMON)) == 1  # common_words is for names, not variants
    gaddafi = dataclasses.replace(gaddafi, english_variants=("GOLD",))
    assert common_word_forms(gaddafi, reviewed, COMMON) == []
    assert common_word_forms(mobile, reviewed, {}) == []  # not common at this count


def test_stale_english_variants():
    kyiv = at(2, Entity("Kyiv", "place", variants=("Kiev", "Kyyiv"), english_variants=("Kiev", "Kyyiv")))
    assert messages(stale_english_variants(kyiv, english_words())) == [
        "g.yaml:2: english_variants entry 'Kyyiv' of 'Kyiv' is not an English word"
    ]


def test_stale_common_words():
    kim = at(2, Entity("Kim Jong Un", "person", surname=("Kim",)))
    stale = gfile(kim, common_words_=["London", "KIM"], name="people.yaml")
    assert messages(stale_common_words(stale)) == [
        "people.yaml:1: common_words entry 'London' is not a form of any entity in this file"
    ]


def test_lint_forms_runs_every_check_once_per_entity():
    first = at(2, Entity("Mobile", "place", variants=("Mobil", "Mobil")))
    again = at(4, Entity("Mobile", "place", variants=("Gold",)))
    findings = messages(lint_forms([gfile(first, again, common_words_=["Paris"])], COMMON))
    assert sorted(findings) == [
        "g.yaml:1: common_words entry 'Paris' is not a form of any entity in this file",
        "g.yaml:2: canonical 'Mobile' is also a common English word (count 145,490,029): once reviewed, list it "
        "under this file's 'common_words' ('protect' would also block repairs into it)",
        "g.yaml:2: duplicate variant 'Mobil' in 'Mobile'",
        "g.yaml:4: duplicate entity 'Mobile' (place), first at g.yaml:2",  # its "Gold" is not linted again
    ]


def test_common_word_threshold_keeps_frequent_words_only():
    words = common_words(COMMON_WORD_MIN_COUNT)
    assert {"may", "said", "gold"} <= set(words)
    assert all(count >= COMMON_WORD_MIN_COUNT for count in words.values())
    assert "araghchi" not in words and "chad" not in words
    assert 1_000 < len(words) < 2_000  # about the 1,450 most frequent words (README)


# ------------------------------------------------------------------ examples and the whole run




EXAMPLES = """\
entities:
  - canonical: Abbas Araghchi
    kind: person
    checked: 2026-11
    variants: [Abbas Aragut]
    examples:
      - {text: "Abbas Aragut said.", expect: "Abbas Araghchi said."}
      - {text: "Minister Araguchi said.", expect: "Minister Araghchi said."}
  - {canonical: Tabriz, kind: place, variants: [Tebriz, Tebriz]}
"""


def test_lint_examples_report_the_actual_output(tmp_path, monkeypatch):
    monkeypatch.setattr(normalizer, "Normalizer", ReplacingEngine, raising=False)
    path = tmp_path / "g.yaml"
    path.write_text(EXAMPLES, encoding="utf-8")
    findings, notice = lint_examples([read_gazetteer_file(path)], [path])
    assert notice is None
    assert messages(findings) == [
        f"{path}:2: example of 'Abbas Araghchi': 'Minister Araguchi said.' became 'Minister Araguchi said.', "
        "expected 'Minister Araghchi said.'"
    ]


def test_lint_examples_without_the_engine_give_a_notice(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "normalizer.engine", None)  # makes `import normalizer.engine` fail
    entity = at(2, Entity("Iran", "place", examples=(Example("Irann", "Iran"),)))
    findings, notice = lint_examples([gfile(entity)], [])
    assert findings == [] and notice.startswith("notice: skipped 1 example(s): the engine is not importable")
    assert lint_examples([gfile(at(2, Entity("Iran", "place")))], []) == ([], None)  # no examples: no engine


def test_lint_files_sorts_by_file_then_line_and_sums_up(tmp_path, monkeypatch):
    monkeypatch.setattr(normalizer, "Normalizer", ReplacingEngine, raising=False)
    second = tmp_path / "a.yaml"  # listed second: the files' order wins over their names
    second.write_text("entities:\n  - {canonical: Gold, kind: term}\n", encoding="utf-8")
    first = tmp_path / "z.yaml"
    first.write_text(EXAMPLES, encoding="utf-8")
    report = lint_files([first, second], today=date(2026, 12, 2))
    assert [finding.origin for finding in report.findings] == [f"{first}:2", f"{first}:9", f"{second}:2"]
    assert (report.files, report.entities, report.notice) == (2, 3, None)
    assert report.summary == "3 finding(s) in 2 file(s), 3 entities"
    quiet = lint_files([first, second], examples=False, common_min_count=10**12, today=date(2026, 12, 2))
    assert [finding.origin for finding in quiet.findings] == [f"{first}:9"]


def test_bundled_examples_hold():
    """Every example pinned in the bundled gazetteers comes out as it expects."""
    files = gather_files([], bundled=True)
    findings, notice = lint_examples([read_gazetteer_file(path) for path in files], files)
    assert notice is None
    assert [str(f) for f in findings] == []


def test_bundled_set_lints_clean():
    from test_bundled_gazetteers import reviewed_as_of

    from normalizer.gazetteer.loading import load_gazetteer

    as_of = date.fromisoformat(reviewed_as_of(load_gazetteer()))
    report = lint_files(gather_files([], bundled=True), examples=False, today=as_of)
    assert report.findings == () and report.entities > 5_000
