"""Protected spans of Markdown, HTML, reStructuredText and plain text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer.markup import detect_format, merge, protected_spans


def protected_text(path: str, text: str) -> list[str]:
    """The protected pieces of `text`, as strings, for readable assertions."""
    return [text[start:end] for start, end in protected_spans(path, text)]


def is_protected(path: str, text: str, fragment: str, occurrence: int = 0) -> bool:
    """Whether every character of the `occurrence`-th `fragment` is protected."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    end = start + len(fragment)
    return any(s <= start and end <= e for s, e in protected_spans(path, text))


def touches_protection(path: str, text: str, fragment: str, occurrence: int = 0) -> bool:
    """Whether any character of the `occurrence`-th `fragment` is protected."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    end = start + len(fragment)
    return any(s < end and start < e for s, e in protected_spans(path, text))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.md", "markdown"),
        ("a.MARKDOWN", "markdown"),
        ("b.html", "html"),
        ("b.htm", "html"),
        ("c.rst", "rst"),
        ("d.txt", "text"),
        ("no_suffix", "text"),
    ],
)
def test_format_from_suffix(name, expected):
    assert detect_format(name) == expected


# --- every format ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.rst"])
def test_urls_are_protected_in_every_format_without_trailing_punctuation(name):
    text = "See https://example.org/Mokhajelani?q=Aragut. Then Aragut spoke."
    assert is_protected(name, text, "https://example.org/Mokhajelani?q=Aragut")
    assert not touches_protection(name, text, ". Then Aragut spoke.")


def test_url_keeps_parentheses_it_opened_but_not_a_closing_one_of_prose():
    text = "(see https://en.wikipedia.org/wiki/Foo_(bar)) and (www.example.org/x)."
    assert is_protected("a.txt", text, "https://en.wikipedia.org/wiki/Foo_(bar)")
    assert not is_protected("a.txt", text, "https://en.wikipedia.org/wiki/Foo_(bar))")
    assert is_protected("a.txt", text, "www.example.org/x")
    assert not is_protected("a.txt", text, "www.example.org/x)")


def test_email_addresses_are_protected():
    text = "Write to fatem.mokhajelani@example.ir today."
    assert protected_text("a.txt", text) == ["fatem.mokhajelani@example.ir"]


def test_plain_text_without_markup_has_no_protected_spans():
    assert protected_spans("a.txt", "Abbas Aragut met `Putin` <b>today</b>.") == []


# --- skip markers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "marker"),
    [("a.md", "<!-- normalizer: skip -->"), ("a.rst", ".. normalizer: skip"), ("a.txt", "# normalizer: skip")],
)
def test_skip_marker_protects_its_whole_line_only(name, marker):
    text = f"Aragut said one thing.\nQuote: “Aragut was here” {marker}\nAragut again.\n"
    assert is_protected(name, text, f"Quote: “Aragut was here” {marker}")
    assert not touches_protection(name, text, "Aragut said one thing.")
    assert not touches_protection(name, text, "Aragut again.")


def test_skip_marker_line_end_excludes_the_line_break_and_handles_crlf():
    text = "keep Aragut\r\nQuote Aragut <!-- normalizer: skip -->\r\nnext Aragut\r\n"
    assert protected_text("a.txt", text) == ["Quote Aragut <!-- normalizer: skip -->"]


def test_off_on_block_protects_everything_between_the_markers():
    text = (
        "Before Aragut.\n"
        "<!-- normalizer: off -->\n"
        "Verbatim Aragut quote.\n"
        "Second verbatim line.\n"
        "<!-- normalizer: on -->\n"
        "After Aragut.\n"
    )
    (span,) = protected_spans("a.md", text)
    assert text[span[0] : span[1]].startswith("<!-- normalizer: off -->")
    assert text[span[0] : span[1]].endswith("<!-- normalizer: on -->")
    assert not touches_protection("a.md", text, "Before Aragut.")
    assert not touches_protection("a.md", text, "After Aragut.")


def test_off_without_on_runs_to_the_end_of_the_file():
    text = "Before Aragut.\n# normalizer: off\nAragut one.\nAragut two."
    spans = protected_spans("a.txt", text)
    assert spans == [(text.index("# normalizer: off"), len(text))]


def test_the_word_normalizer_alone_is_not_a_marker():
    assert protected_spans("a.txt", "The normalizer skips nothing here.\nnormalizer: offline\n") == []


# --- Markdown -----------------------------------------------------------------------


def test_markdown_fenced_code_blocks_backticks_and_tildes():
    text = "Aragut said:\n\n```python\nname = 'Aragut'\n```\n\n~~~~\nAraguchi\n~~~~\nAragut left.\n"
    assert is_protected("a.md", text, "```python\nname = 'Aragut'\n```")
    assert is_protected("a.md", text, "~~~~\nAraguchi\n~~~~")
    assert not touches_protection("a.md", text, "Aragut said:")
    assert not touches_protection("a.md", text, "Aragut left.")


def test_markdown_unclosed_fence_runs_to_the_end():
    text = "Intro Aragut\n```\ncode Aragut\nmore"
    assert is_protected("a.md", text, "```\ncode Aragut\nmore")
    assert not touches_protection("a.md", text, "Intro Aragut")


def test_markdown_indented_code_block_after_blank_line():
    text = "Paragraph about Aragut.\n\n    code Aragut\n    more code\n\nAragut again.\n"
    assert is_protected("a.md", text, "    code Aragut\n    more code")
    assert not touches_protection("a.md", text, "Paragraph about Aragut.")
    assert not touches_protection("a.md", text, "Aragut again.")


def test_markdown_nested_list_items_and_lazy_continuations_are_not_code():
    text = "- Aragut met\n\n    - Mokhajelani in Tehran\n\n    Continuation Aragut.\n"
    assert protected_spans("a.md", text) == []


def test_markdown_inline_code_spans_of_any_backtick_length():
    text = "Use `Aragut` and ``a ` Mokhajelani`` but not Araguchi."
    assert protected_text("a.md", text) == ["`Aragut`", "``a ` Mokhajelani``"]


def test_markdown_link_text_is_prose_but_destination_and_title_are_not():
    text = 'Read [Aragut interview](https://x.org/Aragut "Aragut talks") now.'
    assert not touches_protection("a.md", text, "Aragut interview")
    assert is_protected("a.md", text, '(https://x.org/Aragut "Aragut talks")')


def test_markdown_relative_link_destinations_and_reference_definitions():
    text = "See [Aragut](people/Aragut.md) and [him][aragut-ref].\n\n[aragut-ref]: ./bios/Aragut.md 'Bio'\n"
    assert is_protected("a.md", text, "(people/Aragut.md)")
    assert is_protected("a.md", text, "[aragut-ref]", occurrence=0)
    assert is_protected("a.md", text, "[aragut-ref]: ./bios/Aragut.md 'Bio'")
    assert not touches_protection("a.md", text, "See [Aragut]")


def test_markdown_autolinks():
    text = "Mail <press@example.ir> or <https://example.ir/Aragut>; Aragut spoke."
    assert is_protected("a.md", text, "<press@example.ir>")
    assert is_protected("a.md", text, "<https://example.ir/Aragut>")
    assert not touches_protection("a.md", text, "; Aragut spoke.")


def test_markdown_html_tags_and_comments():
    text = '<span class="Aragut">Aragut</span> <!-- Mokhajelani\nnote --> done'
    assert is_protected("a.md", text, '<span class="Aragut">')
    assert is_protected("a.md", text, "</span>")
    assert is_protected("a.md", text, "<!-- Mokhajelani\nnote -->")
    # the element's text content between the tags stays editable
    content = text.index(">Aragut<") + 1
    assert not any(s < content + len("Aragut") and content < e for s, e in protected_spans("a.md", text))


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_markdown_front_matter_at_the_start_only(fence):
    text = f"{fence}\ntitle: Aragut visit\nauthor: Mokhajelani\n{fence}\nAragut arrived.\n\n{fence}\nnot front matter Aragut\n"
    spans = protected_spans("a.md", text)
    assert spans[0][0] == 0
    assert text[spans[0][0] : spans[0][1]].endswith(f"{fence}\n")
    assert not touches_protection("a.md", text, "Aragut arrived.")
    assert not touches_protection("a.md", text, "not front matter Aragut")


def test_markdown_front_matter_after_a_bom():
    text = "\ufeff---\ntitle: Aragut\n---\nAragut body\n"
    assert is_protected("a.md", text, "\ufeff---\ntitle: Aragut\n---\n")
    assert not touches_protection("a.md", text, "Aragut body")


def test_markdown_inline_code_is_not_special_in_plain_text():
    text = "Use `Aragut` here."
    assert protected_spans("a.txt", text) == []


# --- HTML ----------------------------------------------------------------------------


def test_html_tags_and_attributes_but_not_text_content():
    text = '<p title="Aragut" data-x=\'Mokhajelani\'>Aragut spoke</p>'
    assert is_protected("a.html", text, '<p title="Aragut" data-x=\'Mokhajelani\'>')
    assert is_protected("a.html", text, "</p>")
    assert not touches_protection("a.html", text, "Aragut spoke")


def test_html_attribute_containing_a_closing_angle_bracket_stays_one_tag():
    text = '<a title="a > b Aragut" href="/x">Aragut</a>'
    assert is_protected("a.html", text, '<a title="a > b Aragut" href="/x">')
    assert protected_text("a.html", text) == ['<a title="a > b Aragut" href="/x">', "</a>"]


@pytest.mark.parametrize("element", ["script", "style", "code", "pre", "SCRIPT"])
def test_html_raw_and_code_elements_are_protected_whole(element):
    text = f"<p>Aragut</p>\n<{element} class='x'>var Aragut = 1; if (a<b) {{}}</{element}>\n<p>Mokhajelani</p>"
    assert is_protected("a.html", text, f"<{element} class='x'>var Aragut = 1; if (a<b) {{}}</{element}>")
    assert not touches_protection("a.html", text, "Mokhajelani")
    content = text.index("<p>Aragut</p>") + len("<p>")
    assert not any(s <= content < e for s, e in protected_spans("a.html", text))


def test_html_comments_doctype_and_entities():
    text = "<!DOCTYPE html>\n<!-- Aragut -->\n<p>Tehran&rsquo;s Aragut &amp; Mokhajelani&#8217;s</p>"
    protected = protected_text("a.html", text)
    assert "<!DOCTYPE html>" in protected[0]
    assert any("<!-- Aragut -->" in piece for piece in protected)
    assert "&rsquo;" in protected and "&amp;" in protected and "&#8217;" in protected
    assert not touches_protection("a.html", text, "Aragut", occurrence=1)


# --- reStructuredText -------------------------------------------------------------------


def test_rst_inline_literals_and_roles():
    text = "Use ``Aragut`` and :code:`Mokhajelani` but fix Araguchi."
    assert protected_text("a.rst", text) == ["``Aragut``", ":code:`Mokhajelani`"]


def test_rst_literal_block_after_double_colon():
    text = "Example::\n\n    Aragut verbatim\n\n      deeper Aragut\n\nAragut prose again.\n"
    assert is_protected("a.rst", text, "    Aragut verbatim\n\n      deeper Aragut")
    assert not touches_protection("a.rst", text, "Aragut prose again.")
    assert not touches_protection("a.rst", text, "Example")


def test_rst_code_directive_body_and_directive_line():
    text = ".. code-block:: python\n\n   x = 'Aragut'\n\nAragut spoke.\n\n.. image:: img/Aragut.png\n"
    assert is_protected("a.rst", text, ".. code-block:: python\n\n   x = 'Aragut'")
    assert is_protected("a.rst", text, ".. image:: img/Aragut.png")
    assert not touches_protection("a.rst", text, "Aragut spoke.")


def test_rst_note_directive_body_is_prose():
    text = ".. note::\n\n   Aragut is quoted here.\n"
    assert not touches_protection("a.rst", text, "Aragut is quoted here.")


def test_rst_comments_and_link_targets():
    text = ".. a comment about Aragut\n   continued Aragut\n\nSee `Aragut bio <https://x.org/Aragut>`_.\n\n.. _Aragut: https://x.org/a\n"
    assert is_protected("a.rst", text, ".. a comment about Aragut\n   continued Aragut")
    assert is_protected("a.rst", text, "<https://x.org/Aragut>`_")
    assert is_protected("a.rst", text, ".. _Aragut: https://x.org/a")
    assert not touches_protection("a.rst", text, "See `Aragut bio")


def test_rst_footnote_label_is_protected_but_its_text_is_prose():
    text = ".. [1] Aragut said so.\n"
    assert protected_text("a.rst", text) == [".. [1]"]


# --- merging ------------------------------------------------------------------------------


def test_merge_joins_overlapping_and_touching_spans_and_drops_empty_ones():
    assert merge([(5, 9), (0, 2), (2, 3), (8, 12), (20, 20)]) == [(0, 3), (5, 12)]


@given(st.text(alphabet="ab`<>-*~:\n #[]()!.hwtps/", max_size=200), st.sampled_from(["a.md", "a.html", "a.rst", "a.txt"]))
def test_spans_are_sorted_disjoint_and_inside_the_text(text, name):
    spans = protected_spans(name, text)
    previous_end = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start > previous_end
        previous_end = end


def test_a_stray_backtick_does_not_protect_across_paragraphs():
    text = "He didn`t say.\n\nAragut spoke.\n\nLater `code` here."
    assert protected_text("a.md", text) == ["`code`"]
    assert not touches_protection("a.md", text, "Aragut spoke.")


def test_code_span_may_wrap_one_line():
    text = "Use `Aragut\nMokhajelani` here."
    assert protected_text("a.md", text) == ["`Aragut\nMokhajelani`"]


def test_rst_inline_literal_does_not_cross_a_blank_line():
    text = "A ``broken literal\n\nAragut prose ``x``."
    assert protected_text("a.rst", text) == ["``x``"]
