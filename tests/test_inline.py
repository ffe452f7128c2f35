"""Inline markup: the small Markdown subset becomes spans; everything else stays literal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.inline import MarkupError, Span, parse, plain


class DescribeParse:
    def it_reads_bold_and_italic(self):
        assert parse("a **b** *c*") == (Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True))

    def it_nests_italic_inside_bold(self):
        assert parse("**a *b* c**")[1] == Span("b", bold=True, italic=True)

    def it_reads_links(self):
        assert parse("[site](https://example.org)") == (Span("site", href="https://example.org"),)

    def it_reads_single_and_grouped_citations(self):
        spans = parse("x [@a] y [@b; @c]")
        assert [s.cite for s in spans if s.cite] == ["a", "b", "c"]

    def it_refuses_unsafe_link_targets(self):
        with pytest.raises(MarkupError, match="javascript"):
            parse("[x](javascript:alert)")

    @pytest.mark.parametrize("text", ["<font size=80>", '<img src="/etc/hostname"/>', "&amp;", "%s {0}",
                                      "a * b", "**", "[not a link]", "]]>"])
    def it_keeps_everything_else_literal(self, text):
        assert plain(text) == text

    def it_honours_backslash_escapes(self):
        assert plain(r"\*not italic\*") == "*not italic*"

    @pytest.mark.parametrize("text", [r"C:\Users\analyst", "a \\ b", "ends with \\"])
    def it_keeps_a_backslash_that_escapes_nothing(self, text):
        assert plain(text) == text


markup_free = st.text(alphabet=st.characters(blacklist_characters="*[]\\", blacklist_categories=("Cs",)))


@given(markup_free)
def test_text_without_markup_characters_is_returned_unchanged(text):
    assert plain(text) == text


@given(st.text())
def test_any_text_parses_or_refuses_a_link_and_never_loses_plain_characters(text):
    try:
        spans = parse(text)
    except MarkupError:
        return
    shown = "".join(s.text for s in spans)
    # Markup only ever removes characters (markers, citations); it never invents text.
    assert len(shown) <= len(text)
    assert all(s.text or s.cite for s in spans)
