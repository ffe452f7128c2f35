"""Inline markup: the small Markdown subset becomes spans; everything else stays literal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.inline import LOCATOR_TERMS, Citation, MarkupError, Span, citations, parse, plain


class DescribeParse:
    def it_reads_bold_and_italic(self):
        assert parse("a **b** *c*") == (Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True))

    def it_nests_italic_inside_bold(self):
        assert parse("**a *b* c**")[1] == Span("b", bold=True, italic=True)

    def it_reads_links(self):
        assert parse("[site](https://example.org)") == (Span("site", href="https://example.org"),)

    def it_reads_single_and_grouped_citations(self):
        spans = parse("x [@a] y [@b; @c]")
        assert [s.cite.id for s in spans if s.cite] == ["a", "b", "c"]

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


class DescribeCitations:
    """pandoc's citation syntax, as a brief needs it."""

    @pytest.mark.parametrize("text, expected", [
        ("[@jami2022]", Citation("jami2022")),
        ("[@jami2022, p. 4]", Citation("jami2022", "4", "page")),
        ("[@jami2022, pp. 4-6]", Citation("jami2022", "4\u20136", "page")),
        ("[@jami2022, pp 4--6]", Citation("jami2022", "4\u20136", "page")),
        ("[@jami2022, 33]", Citation("jami2022", "33", "page")),
        ("[@jami2022, chap. 2]", Citation("jami2022", "2", "chapter")),
        ("[@jami2022, sec. 2.3]", Citation("jami2022", "2.3", "section")),
        ("[@jami2022, \u00a7 3]", Citation("jami2022", "3", "section")),
        ("[@jami2022, vol. iv]", Citation("jami2022", "iv", "volume")),
        ("[see @jami2022]", Citation("jami2022", prefix=(Span("see"),))),
        ("[see *also* @jami2022]", Citation("jami2022", prefix=(Span("see "), Span("also", italic=True)))),
        ("[@jami2022, p. 4, emphasis added]",
         Citation("jami2022", "4", "page", suffix=(Span(", emphasis added"),))),
        ("[@jami2022 and passim]", Citation("jami2022", suffix=(Span(" and passim"),))),
        ("[-@jami2022, p. 4]", Citation("jami2022", "4", "page", suppress_author=True)),
        ("@jami2022 argues", Citation("jami2022", in_text=True)),
        ("@jami2022 [p. 4] argues", Citation("jami2022", "4", "page", in_text=True)),
        ("as @jami2022.", Citation("jami2022", in_text=True)),
        ("[@{doi:10.1000/182}]", Citation("doi:10.1000/182")),
    ])
    def it_reads_pandoc_citations(self, text, expected):
        assert citations(text) == [expected]

    def it_reads_several_cites_in_one_bracket(self):
        assert citations("[see @a, p. 4; also @b, chap. 2; @c]") == [
            Citation("a", "4", "page", prefix=(Span("see"),)),
            Citation("b", "2", "chapter", prefix=(Span("also"),)),
            Citation("c")]

    def it_keeps_the_words_around_a_cite_in_text(self):
        assert plain("As @jami2022 [p. 4] argues, [@b] the front is weak.") == "As  argues,  the front is weak."

    @pytest.mark.parametrize("citation, place", [
        (Citation("a", "4", "page"), "p. 4"), (Citation("a", "4\u20136", "page"), "pp. 4\u20136"),
        (Citation("a", "2", "chapter"), "chap. 2"), (Citation("a", "1, 3", "section"), "secs. 1, 3"),
        (Citation("a"), "")])
    def it_says_the_place_cited_as_a_reader_expects(self, citation, place):
        assert citation.place == place

    @pytest.mark.parametrize("text", ["write to analyst@example.org", "\\@jami2022 on X", "[a list; of things]",
                                      "[@jami2022](https://example.org)", "@ alone", "[1]"])
    def it_does_not_cite_where_pandoc_does_not(self, text):
        assert citations(text) == []

    def it_refuses_two_sources_in_one_part(self):
        with pytest.raises(MarkupError, match="separate them with ';'"):
            parse("[@a and @b]")


KEY = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_]{0,8}(?:[:.-][A-Za-z0-9_]{1,4}){0,2}", fullmatch=True)
WORDS = st.lists(st.sampled_from(["see", "also", "cf.", "compare", "esp."]), min_size=0, max_size=2)
LABELS = st.sampled_from(sorted(LOCATOR_TERMS))


@given(st.lists(st.tuples(WORDS, KEY, st.none() | st.tuples(LABELS, st.integers(1, 999), st.integers(0, 99))),
                min_size=1, max_size=4))
def test_any_pandoc_citation_bracket_reads_back_as_written(cites):
    parts, expected = [], []
    for words, key, place in cites:
        text = " ".join([*words, f"@{key}"])
        locator, label = "", ""
        if place is not None:
            label, first, extra = place
            locator = f"{first}\u2013{first + extra}" if extra else str(first)
            written = LOCATOR_TERMS[label][1 if extra else 0]
            text += f", {written} {locator.replace(chr(0x2013), '-')}"
        parts.append(text)
        expected.append(Citation(key, locator, label, prefix=(Span(" ".join(words)),) if words else ()))
    assert citations("Text [" + "; ".join(parts) + "] more.") == expected


markup_dense = st.text(alphabet="*[]()@;,\\ a-p.:/", max_size=200)


@given(markup_dense)
def test_markup_dense_text_parses_or_refuses_with_a_markup_error(text):
    try:
        spans = parse(text)
    except MarkupError:
        return
    assert len("".join(s.text for s in spans)) <= len(text)
    assert all(s.text or s.cite for s in spans)


markup_free = st.text(alphabet=st.characters(blacklist_characters="*[]@\\", blacklist_categories=("Cs",)))


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
