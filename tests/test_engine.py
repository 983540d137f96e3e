"""The engine on gazetteers and texts written here (not the seeds)."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer_samples import applied_changes
from normalizer import Normalizer
from normalizer.evidence.elsewhere import NAMED_INTACT
from normalizer.result import undo


@pytest.fixture
def engine(newsroom_gazetteer):
    return Normalizer.load(gazetteers=[newsroom_gazetteer], bundled=False)


def test_garbled_name_beside_a_known_word_of_it_is_repaired(engine):
    result = engine.normalize("The energy minister Yerlan Nulgariyev said on Monday that prices would rise.")
    assert applied_changes(result) == [("Nulgariyev", "Nurgaliyev")]
    correction = result.applied[0]
    assert correction.entity == "Yerlan Nurgaliyev" and correction.kind == "person"
    assert any("Yerlan" in reason for reason in correction.reasons)


def test_lone_surname_garble_needs_evidence(engine):
    alone = engine.normalize("Later, Nurgaleff declined to comment.")
    assert alone.applied == []
    with_evidence = engine.normalize("Yerlan Nurgaliyev spoke first. Later, Nurgaleff declined to comment.")
    assert applied_changes(with_evidence) == [("Nurgaleff", "Nurgaliyev")]


def test_listed_variant_is_rewritten_to_canonical(engine):
    result = engine.normalize("Kaveh Lotfolahi will keep rates unchanged.")
    assert result.text == "Kaveh Lotfollahi will keep rates unchanged."
    assert "variant" in result.applied[0].reasons[0]


def test_protected_words_are_never_changed_nor_offered(engine):
    result = engine.normalize("Central bank governor Kaveh Lotfi spoke.")
    assert all(c.original != "Lotfi" for c in result.corrections)


def test_confusable_people_are_never_merged(engine):
    text = "Ruhollah Khomeini founded the republic; Ali Khamenei leads it."
    assert engine.normalize(text).corrections == ()
    # Between the two: never applied. (A lone "Khamanei" is a Russian
    # romanization of Khamenei, far from Khomeini: that one is repaired.)
    lone = engine.normalize("A statement by Khameini was read out.")
    assert lone.applied == []
    assert all(c.replacement != "Khomeini" for c in engine.normalize("A statement by Khamanei was read out.").corrections)
    paired = engine.normalize("A statement by Ali Khamanei was read out.")
    assert applied_changes(paired) == [("Khamanei", "Khamenei")]


def test_iran_and_iraq_stay_apart(engine):
    text = "Iran and Iraq signed a deal; the Iranian and Iraqi ministers met."
    assert engine.normalize(text).corrections == ()
    assert all(c.replacement != "Iran" for c in engine.normalize("Officials in Irak said.").corrections)


def test_title_before_a_name_is_repaired(engine):
    result = engine.normalize("The sermon of Sheykh Ali Khamenei was broadcast.")
    assert applied_changes(result) == [("Sheykh", "Sheikh")]


def test_glued_compound_of_two_places_keeps_its_clitic(engine):
    for apostrophe in ("’", "'"):
        text = f"Tarkestan welcomed Norvotalkestan{apostrophe}s new treaty with Norvania."
        result = engine.normalize(text)
        assert result.text == f"Tarkestan welcomed Norvania-Tarkestan{apostrophe}s new treaty with Norvania."


def test_all_caps_headline_stays_all_caps_and_keeps_possessive(engine):
    result = engine.normalize("ENERGY MINISTER YERLAN NULGARIYEV'S PLAN\n")
    assert result.text == "ENERGY MINISTER YERLAN NURGALIYEV'S PLAN\n"


def test_lost_capitals_come_back(engine):
    result = engine.normalize("Energy minister Yerlan nulgariyev spoke.")
    assert applied_changes(result) == [("nulgariyev", "Nurgaliyev")]


def test_unknown_names_and_english_are_left_alone(engine):
    text = "Mr Kiarostami, a director, met Ms Okonkwo in the quiet village of Bogliasco."
    assert engine.normalize(text).corrections == ()


@pytest.mark.parametrize(
    "wrapper",
    [
        lambda s: s,
        lambda s: "\ufeff" + s,  # UTF-8 byte order mark
        lambda s: s.replace("\n", "\r\n"),  # Windows line ends
        lambda s: s.rstrip("\n"),  # no final newline
    ],
)
def test_bytes_outside_corrections_are_untouched(engine, wrapper):
    text = wrapper("Energy minister Yerlan Nulgariyev spoke.\n\n“Prices,” he said.\n")
    expected = text.replace("Nulgariyev", "Nurgaliyev")
    assert engine.normalize(text).text == expected


def test_empty_text(engine):
    result = engine.normalize("")
    assert result.text == "" and result.corrections == ()


def test_ignore_spans_are_never_touched(engine):
    text = "Energy minister Yerlan Nulgariyev spoke. `Yerlan Nulgariyev` is quoted as written."
    quoted = text.index("`")
    result = engine.normalize(text, ignore_spans=[(quoted, len(text))])
    assert result.text.count("Nurgaliyev") == 1 and result.text.endswith("`Yerlan Nulgariyev` is quoted as written.")


def test_a_word_an_editor_amended_in_brackets_is_left_as_the_editor_wrote_it(engine):
    # The same garble is repaired where no bracket touches it; amended, it is the editor's
    # ("Pittsburg[h]" repaired would read "Pittsburgh[h]"), but a footnote mark is no amendment.
    text = "Yerlan Nulgariyev spoke. Later Nulgariyev[s] aide and Yerlan [N]ulgariyev spoke. Nulgariyev[2] left."
    result = engine.normalize(text)
    assert result.text == (
        "Yerlan Nurgaliyev spoke. Later Nulgariyev[s] aide and Yerlan [N]ulgariyev spoke. Nurgaliyev[2] left."
    )


def test_corrections_report_line_and_column(engine):
    result = engine.normalize("First line.\nThe energy minister Yerlan Nulgariyev said.\n")
    correction = result.applied[0]
    assert (correction.line, correction.column) == (2, 28)
    assert result.original[correction.start : correction.end] == "Nulgariyev"


def test_suggestions_are_reported_not_applied(newsroom_gazetteer):
    strict = Normalizer.load(gazetteers=[newsroom_gazetteer], bundled=False, apply_threshold=0.99)
    result = strict.normalize("Later, Nurgalyiev declined to comment.")
    assert result.text == result.original
    assert [c.replacement for c in result.suggestions] == ["Nurgaliyev"]


def test_min_confidence_moves_the_line(newsroom_gazetteer):
    text = "Later, Norgalyef declined to comment."
    lenient = Normalizer.load(gazetteers=[newsroom_gazetteer], bundled=False, apply_threshold=0.6)
    assert lenient.normalize(text).text == "Later, Nurgaliyev declined to comment."


def test_diff_and_dict_render_the_same_value(engine):
    result = engine.normalize("Energy minister Yerlan Nulgariyev spoke.")
    diff = result.diff("article.txt")
    assert diff.startswith("--- a/article.txt\n+++ b/article.txt\n")
    assert "-Energy minister Yerlan Nulgariyev spoke." in diff
    assert "\\ No newline at end of file" in diff
    data = result.to_dict()
    assert data["corrections"][0]["replacement"] == "Nurgaliyev" and data["corrections"][0]["applied"] is True


def test_same_input_same_output_across_threads_and_pickles(engine):
    texts = [f"Item {i}: energy minister Yerlan Nulgariyev and Sheykh Ali Khamenei." for i in range(40)]
    serial = [engine.normalize(t).to_dict() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = [r.to_dict() for r in pool.map(engine.normalize, texts)]
    copy = pickle.loads(pickle.dumps(engine))
    assert threaded == serial == [copy.normalize(t).to_dict() for t in texts]


WORDS = ["Yerlan", "Nulgariyev", "Nurgaliyev", "Sheykh", "Ali", "Khamanei", "Norvotalkestan", "the", "minister"]
SEPARATORS = [" ", "-", "\n", "\r\n", ", ", "’s ", "'s ", "  ", "\t", "\ufeff"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=25))
def test_output_equals_input_outside_corrections(engine, pieces):
    text = "".join(word + separator for word, separator in pieces)
    result = engine.normalize(text)
    assert undo(result.text, result.applied) == text
    spans = [(c.start, c.end) for c in result.corrections]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_seed_articles_through_the_library(bundled_normalizer):
    from conftest import SEEDS

    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_bytes().decode("utf-8")
        expected = (SEEDS / "reference" / path.name).read_bytes().decode("utf-8")
        assert bundled_normalizer.normalize(text).text == expected, path.name


def test_a_name_garbled_in_both_words_is_repaired_whole_and_claims_no_other_evidence(engine):
    result = engine.normalize("Energy minister Yerlen Nulgariyev spoke.")
    assert applied_changes(result) == [("Yerlen Nulgariyev", "Yerlan Nurgaliyev")]
    reasons = " ".join(result.applied[0].reasons)
    assert NAMED_INTACT not in reasons and "another garble" not in reasons


def test_a_bundled_protect_does_not_hide_a_name_of_the_newsroom(tmp_path):
    # cities.yaml protects "Victoria" (a given name too); a newsroom that lists
    # the Australian state still gets "Victolia" repaired to it.
    text = "Schools in New South Wales, Victolia and Queensland took part."
    bundled_only = Normalizer.load()
    assert "Victoria" not in [c.replacement for c in bundled_only.normalize(text).applied]
    own = tmp_path / "states.yaml"
    own.write_text("entities:\n  - {canonical: Victoria, kind: place, context: [Australia]}\n", encoding="utf-8")
    with_own = Normalizer.load([own])
    assert ("Victolia", "Victoria") in applied_changes(with_own.normalize(text))
    protect_too = tmp_path / "protect.yaml"
    protect_too.write_text("protect: [Victoria]\nentities: []\n", encoding="utf-8")
    # ...while the newsroom's own `protect` still holds.
    assert ("Victolia", "Victoria") not in applied_changes(Normalizer.load([own, protect_too]).normalize(text))


def test_a_capital_the_text_wrote_is_not_taken_away(tmp_path):
    # The name is "al-Qaeda"; a sentence that begins with it, or an outlet's
    # style, writes "Al-": the repair changes the garbled word only.
    from gazetteer_samples import engine_of

    engine = engine_of(tmp_path, "entities:\n  - {canonical: al-Qaeda, kind: organization}\n")
    result = engine.normalize("Officials said so. Al-Qaida claimed the attack, and al-Qaida fighters fled.")
    assert result.text == "Officials said so. Al-Qaeda claimed the attack, and al-Qaeda fighters fled."


def test_a_capital_the_text_wrote_is_kept_by_every_source(tmp_path):
    # The glued-word source spells its replacement by the same rule as the
    # fuzzy one, with the name's own hyphen.
    from gazetteer_samples import engine_of

    engine = engine_of(tmp_path, "entities:\n  - {canonical: al-Qaeda, kind: organization}\n")
    assert engine.normalize("Officials said so. AlQaeda claimed the attack.").text == "Officials said so. Al-Qaeda claimed the attack."


def test_a_word_after_the_first_word_of_a_name_is_no_glued_name(tmp_path):
    # "Keqiang" after "Li" is not "Li Qiang" run together: the text would read "Li Li Qiang".
    path = tmp_path / "own.yaml"
    path.write_text("entities:\n  - {canonical: Li Qiang, kind: person}\n  - {canonical: Xi Jinping, kind: person}\n")
    engine = Normalizer.load([path], bundled=False)
    assert engine.normalize("Xi Jinping met Li Keqiang.").corrections == ()
    assert [c.replacement for c in engine.normalize("Xi Jinping met Liqiang.").corrections] == ["Li Qiang"]
