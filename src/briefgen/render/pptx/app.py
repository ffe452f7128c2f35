"""Extended properties (docProps/app.xml) of the deck: what it is, in counts PowerPoint's File ▸ Info shows.

The template's own app.xml describes the template (no slides, 4:3, the tool that last
saved it), so the renderer replaces it with one that describes the deck.
"""

from __future__ import annotations

from ...layout.properties import Properties
from ..office.xml_text import escape

_FORMATS = {(12192000, 6858000): "Widescreen", (9144000, 6858000): "On-screen Show (4:3)"}


def app_properties(about: Properties, *, slides: int, notes: int, size: tuple[int, int]) -> bytes:
    """The extended properties part of a deck of ``slides`` slides of ``size`` (EMU)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(about.application)}</Application>"
        f"<PresentationFormat>{_FORMATS.get(size, 'Custom')}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        f"<Company>{escape(about.organisation)}</Company>"
        "</Properties>")
    return xml.encode("utf-8")
