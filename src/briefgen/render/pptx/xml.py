"""The PresentationML names the deck writes: namespaces, content and relationship types, units, serialisation.

They are python-pptx's (tests/test_library_internals.py compares them), written out here
because importing python-pptx costs about two thirds of a cold ``briefgen pptx`` and a
deck on the built-in template needs none of it: only reading another template does
(reader.py). What the Word brief shares with it (picture, link, font and property relationships, image
types, how a part is parsed and written) is render/office/opc.py's.
"""

from __future__ import annotations

from ..office.opc import (  # noqa: F401 (the names both office files share, named here as the deck's)
    CORE_PROPERTIES, EXTENDED_PROPERTIES, FONT, HYPERLINK, IMAGE, IMAGE_TYPES, parsed, serialized)

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}

_OFFICE = "application/vnd.openxmlformats-officedocument"
SLIDE_TYPE = f"{_OFFICE}.presentationml.slide+xml"
NOTES_SLIDE_TYPE = f"{_OFFICE}.presentationml.notesSlide+xml"
SLIDE_MASTER_TYPE = f"{_OFFICE}.presentationml.slideMaster+xml"
THEME_TYPE = f"{_OFFICE}.theme+xml"
FONT_DATA_TYPE = "application/x-fontdata"

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLIDE_LAYOUT = f"{_RELATIONSHIPS}/slideLayout"
SLIDE = f"{_RELATIONSHIPS}/slide"
NOTES_MASTER = f"{_RELATIONSHIPS}/notesMaster"
NOTES_SLIDE = f"{_RELATIONSHIPS}/notesSlide"

EMU_PER_PT = 12700
EMU_PER_INCH = 914400


def qn(name: str) -> str:
    """``a:p`` as lxml spells it: ``{http://schemas.openxmlformats.org/drawingml/2006/main}p``."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def emu(points: float) -> int:
    """Points as EMU, truncated as python-pptx's Pt truncates."""
    return int(points * EMU_PER_PT)
