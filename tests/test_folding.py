"""One fold for every part of the tool: the engine, lint and the garbler agree."""

from normalizer.folding import fold_case, fold_form, mt_fold, skeleton, strip_accents


def test_fold_form_ignores_case_accents_and_spacing():
    assert fold_form("São  Paulo") == fold_form("sao paulo")
    assert fold_form("Łódź") == fold_form("lodz")
    assert fold_form("Araghchi") != fold_form("Araqchi")


def test_letters_without_a_decomposition_keep_their_base_letter():
    # ł, ø, đ have no Unicode decomposition: before, the MT key deleted them,
    # so "Łódź" keyed as "odz" while "Lodz" keyed as "rodz".
    assert strip_accents("Łódź") == "Lodz"
    assert mt_fold("Łódź") == mt_fold("Lodz")
    assert fold_case("Søren") == fold_case("Soren")
    assert skeleton("Đakovo") == skeleton("Dakovo")
    assert fold_case("Æsir") == "aesir"


def test_the_token_key_and_the_form_key_agree_on_one_word():
    for word in ("Łódź", "Tehrán", "TEHRAN", "Siliņa", "Nukuʻalofa"):
        assert fold_form(word) == fold_case(word)


def test_mt_fold_erases_the_confusions_of_a_round_trip():
    assert mt_fold("Mokhajelani") == mt_fold("Mohajerani")
    assert skeleton("Araguchi") == skeleton("Araghchi")
