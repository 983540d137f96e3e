from hypothesis import given
from hypothesis import strategies as st

from normalizer.folding import fold_case
from normalizer.tokens import apply_case_style, is_name_gap, line_starts, tokenize


@given(st.text())
def test_tokens_are_slices_of_the_text(text):
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end


def test_tokens_keep_diacritics_and_inner_apostrophes():
    words = [t.text for t in tokenize("Tehrán, O'Brien and Ñandú met in Zürich.")]
    assert words == ["Tehrán", "O'Brien", "and", "Ñandú", "met", "in", "Zürich"]


def test_a_middle_dot_between_letters_stays_inside_the_token():
    # BGN/PCGN prints Э after a consonant as "·e" (Дэвид Кэмерон -> "D·evid
    # K·emeron"); Catalan writes "l·l" inside words. Neither is two words.
    words = [t.text for t in tokenize("D·evid K·emeron visited the Paral·lel · then left.")]
    assert words == ["D·evid", "K·emeron", "visited", "the", "Paral·lel", "then", "left"]


def test_a_decomposed_word_stays_one_token():
    # NFD text (as some systems write it) puts each accent after its letter as
    # a combining mark: "Erdoğan" was "Erdog" and "an", and "Erdog" was read
    # as a garble of Erdogan.
    import unicodedata

    text = unicodedata.normalize("NFD", "Erdoğan met Zürich’s mayor and Müller.")
    assert [t.text for t in tokenize(text)] == [unicodedata.normalize("NFD", w) for w in ("Erdoğan", "met", "Zürich", "mayor", "and", "Müller")]


def test_an_invisible_hyphen_or_joiner_stays_inside_the_token():
    # Web pages hyphenate with soft hyphens; "Arag\u00adhchi" was "Arag" and
    # "hchi", and "Arag" was repaired to Araghchi ("Araghchi\u00adhchi").
    text = "Abbas Arag\u00adhchi and Zelen\u200dskyy met Ma\u200bcron."
    assert [t.text for t in tokenize(text)] == ["Abbas", "Arag\u00adhchi", "and", "Zelen\u200dskyy", "met", "Ma\u200bcron"]
    assert [fold_case(t.text) for t in tokenize(text)][1::2] == ["araghchi", "zelenskyy", "macron"]


def test_possessive_stays_outside_the_token_with_either_apostrophe():
    for text in ("Russoilania’s technology", "Russoilania's technology"):
        first = tokenize(text)[0]
        assert first.text == "Russoilania"
        assert text[first.end :].startswith(("’s", "'s"))


def test_hyphen_splits_compounds_and_is_a_name_gap():
    tokens = tokenize("Russia-Iran ties")
    assert [t.text for t in tokens] == ["Russia", "Iran", "ties"]
    assert is_name_gap("-") and is_name_gap(" ") and is_name_gap("\n")
    assert not is_name_gap(", ") and not is_name_gap("\n\n") and not is_name_gap(". ")


def test_case_style_keeps_all_caps_and_restores_lost_capitals():
    assert apply_case_style("ARAGUCHI", "Araghchi") == "ARAGHCHI"
    assert apply_case_style("seided", "Sayyed") == "Sayyed"
    assert apply_case_style("Mcdonald", "McDonald") == "McDonald"
    assert apply_case_style("A", "Araghchi") == "Araghchi"  # one letter is no case style


def test_fold_case_meets_accents_and_case():
    assert fold_case("TEHRÁN") == fold_case("tehran")


def test_line_starts_count_newlines_only():
    text = "one\r\ntwo\nthree"
    assert line_starts(text) == [0, 5, 9]
