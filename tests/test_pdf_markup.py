"""The PDF's paragraph markup is a function of the text and its style alone: a warm process (watch) keeps what it
wrote for a text (render/pdf/markup.py) and writes it again whatever came between, in any script or language."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from briefgen.inline import Span
from briefgen.render.pdf import markup
from briefgen.render.pdf.fonts import family
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
