"""Right-to-left text (Dari, Pashto, Arabic, Hebrew) put in the visual order a PDF draws, Arabic letters joined.

reportlab draws every string left to right, one glyph per character: Dari pasted into a
brief would come out with its letters unjoined and its words reversed. Word processors and
slide viewers shape text themselves; a PDF must carry the shaped glyphs. Each run of text is
reshaped (contextual letter forms, lam-alef ligatures) and reordered by the Unicode
bidirectional algorithm with a left-to-right base, which suits Dari names and quotations in
an English brief. Limitation: an RTL phrase that wraps over lines keeps its visual order per
string, so its parts appear on the lines in reverse.
"""

from __future__ import annotations

from ...scripts import BIDI_CONTROL, BIDI_CONTROLS, RIGHT_TO_LEFT

_NO_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))


def visual(text: str) -> str:
    """``text`` as drawn left to right: unchanged unless it holds right-to-left letters or bidirectional controls.

    A control (which the loader warns about) does what it says, as in Word, and is then left out:
    it has no glyph, and would be drawn as U+FFFD.
    """
    controlled = BIDI_CONTROL.search(text) is not None
    if not controlled and not RIGHT_TO_LEFT.search(text):
        return text
    # Imported only when needed: most briefs have no right-to-left text.
    import arabic_reshaper
    from bidi import get_display
    shown = get_display(arabic_reshaper.reshape(text), base_dir="L")
    return shown.translate(_NO_CONTROLS) if controlled else shown
