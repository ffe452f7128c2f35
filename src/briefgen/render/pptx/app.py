"""Extended properties (docProps/app.xml) of the deck: what it is, in counts PowerPoint's File ▸ Info shows.

The template's own app.xml describes the template (no slides, 4:3, the tool that last
saved it), so the renderer replaces it with one that describes the deck.
"""

from __future__ import annotations

from ...layout.properties import Properties
from ..office.extended_properties import extended_properties

_FORMATS = {(12192000, 6858000): "Widescreen", (9144000, 6858000): "On-screen Show (4:3)"}


def app_properties(about: Properties, *, slides: int, notes: int, size: tuple[int, int]) -> bytes:
    """The extended properties part of a deck of ``slides`` slides of ``size`` (EMU)."""
    return extended_properties((("Application", about.application), ("PresentationFormat", _FORMATS.get(size, "Custom")),
                                ("Slides", str(slides)), ("Notes", str(notes)), ("HiddenSlides", "0"),
                                ("Company", about.organisation)))
