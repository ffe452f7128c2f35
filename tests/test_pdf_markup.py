"""The PDF's paragraph markup is a function of the text and its style alone: a warm process (watch) keeps what it
wrote for a text (render/pdf/markup.py) and writes it again whatever came between, in any script or language.
And it is read into the frags reportlab's parser would make of it (render/pdf/frags.py)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from briefgen.inline import Span
from briefgen.layout.document import NoteMark
from briefgen.render.pdf import markup
from briefgen.render.pdf.fonts import family
from briefgen.render.pdf.frags import frags_of
from briefgen.render.pdf.internals import cleaned
from briefgen.render.pdf.styles import styles
from briefgen.theme import load_theme

THEME = load_theme(None)
# Latin, Arabic and Hebrew letters, digits, spaces, markup's own characters, a right-to-left mark, a link's slashes.
TEXT = st.text(alphabet="abc XYZ 123 <&>\"' مرحبا שלום \u200f/.:", max_size=40)
SPAN = st.builds(Span, TEXT, st.booleans(), st.booleans(), st.sampled_from([None, "https://example.org/a"]))


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.lists(SPAN, max_size=4), min_size=1, max_size=6),
       language=st.sampled_from(["en-GB", "ar", "he"]))
def test_markup_written_again_is_the_markup_written_fresh(paragraphs, language):
    writer = markup.Markup(family(THEME), "1F4E79", language)
    first = [writer.spans(spans) for spans in paragraphs]
    again = [writer.spans(spans) for spans in reversed(paragraphs)]
    markup._STYLED.clear()
    fresh = [writer.spans(spans) for spans in paragraphs]
    assert first == fresh == list(reversed(again))
    # Another writer's markup is its own: its links in its colour.
    other = markup.Markup(family(THEME), "C00000", language)
    for spans in paragraphs:
        linked = any(span.href for span in spans)
        assert ("C00000" in other.spans(spans)) == linked and ("1F4E79" in writer.spans(spans)) == linked


# Text as briefs hold it: markup's own characters, runs of spaces, new lines, soft hyphens, word joiners and
# no-break spaces, right-to-left script, letters only the fallback face draws and some neither face does.
READ_TEXT = st.text(alphabet="ab Z1 <&>\"';   \n\t\u00ad\u2060\u00a0\u2009 مرحبا שלום Ωж 漢字 → ★ /.:%#", max_size=30)
READ_SPAN = st.builds(Span, READ_TEXT, st.booleans(), st.booleans(),
                      st.sampled_from([None, "https://example.org/a?b=1&c=<2>\"", "mailto:x@example.org",
                                       "javascript:alert(1)", "https://example.org/a%20b  "]))
NOTE_MARK = st.builds(NoteMark, st.integers(1, 120), st.sampled_from(["note_1", "note_<2>&"]),
                      st.sampled_from(["", ","]), st.sampled_from(["", "Note 1", "Note & <2>"]))
STYLES = styles(THEME, family(THEME))
READ_STYLES = [STYLES.body, STYLES.heading1, STYLES.cell, STYLES.note_text, STYLES.judgment,
               ParagraphStyle("shouting", parent=STYLES.body, textTransform="uppercase")]


def _seen(frags: list) -> list:
    """Each frag's class and attributes, in order, a callback's definition by its own attributes."""
    return [(type(f), [(k, (type(v), list(vars(v).items())) if k == "cbDefn" else v) for k, v in vars(f).items()])
            for f in frags]


@settings(max_examples=200, deadline=None)
@given(spans=st.lists(st.one_of(READ_SPAN, NOTE_MARK), max_size=6), bold=st.booleans(), italic=st.booleans(),
       anchor=st.sampled_from([None, "note_7", " note <&> "]), style=st.sampled_from(READ_STYLES),
       language=st.sampled_from(["en-GB", "ar", "he"]))
def test_our_markup_is_read_into_the_frags_reportlab_parses_it_into(spans, bold, italic, anchor, style, language):
    text = markup.Markup(family(THEME), "1F4E79", language).spans(spans, bold=bold, italic=italic)
    if anchor is not None:  # as the writer starts a note
        text = f'<a name="{markup.escape(anchor)}"/>' + text
    text = cleaned(text)
    parser = ParaParser()
    parser.caseSensitive = 1  # as Paragraph's
    _, parsed, _ = parser.parse(text, style)
    if style.textTransform:
        textTransformFrags(parsed, style)
    found = frags_of(text, style)
    assert found is not None
    assert _seen(found) == _seen(parsed)


def test_markup_of_another_kind_is_left_to_reportlabs_parser():
    for text in ("<u>under</u>", "<para>own</para>", "<b>open", "a</b>", "<br>", "&nbsp;", "&#169;", "a & b",
                 '<font size="9">x</font>', '<a href="https://example.org">x</a>', "<super rise=\"2\">1</super>"):
        assert frags_of(text, STYLES.body) is None, text
