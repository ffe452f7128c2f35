"""The PresentationML names the deck writes: namespaces, content and relationship types, units, serialisation.

They are python-pptx's (tests/test_library_internals.py compares them), written out here
because importing python-pptx costs about two thirds of a cold ``briefgen pptx`` and a
deck on the built-in template needs none of it: only reading another template does
(reader.py).
"""

from __future__ import annotations

from lxml import etree

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

_OFFICE = "application/vnd.openxmlformats-officedocument"
SLIDE_TYPE = f"{_OFFICE}.presentationml.slide+xml"
NOTES_SLIDE_TYPE = f"{_OFFICE}.presentationml.notesSlide+xml"
SLIDE_MASTER_TYPE = f"{_OFFICE}.presentationml.slideMaster+xml"
THEME_TYPE = f"{_OFFICE}.theme+xml"
IMAGE_TYPES = {"png": ("png", "image/png"), "jpeg": ("jpg", "image/jpeg")}  # a format's extension and content type
FONT_DATA_TYPE = "application/x-fontdata"

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLIDE_LAYOUT = f"{_RELATIONSHIPS}/slideLayout"
SLIDE = f"{_RELATIONSHIPS}/slide"
IMAGE = f"{_RELATIONSHIPS}/image"
HYPERLINK = f"{_RELATIONSHIPS}/hyperlink"
FONT = f"{_RELATIONSHIPS}/font"
NOTES_MASTER = f"{_RELATIONSHIPS}/notesMaster"
NOTES_SLIDE = f"{_RELATIONSHIPS}/notesSlide"
EXTENDED_PROPERTIES = f"{_RELATIONSHIPS}/extended-properties"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

# As python-pptx parses a part: no blank text between elements, no entities resolved.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
EMU_PER_PT = 12700
EMU_PER_INCH = 914400


def qn(name: str) -> str:
    """``a:p`` as lxml spells it: ``{http://schemas.openxmlformats.org/drawingml/2006/main}p``."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def emu(points: float) -> int:
    """Points as EMU, truncated as python-pptx's Pt truncates."""
    return int(points * EMU_PER_PT)


def parsed(blob: bytes):
    """A part's XML element, parsed as python-pptx parses it."""
    return etree.fromstring(blob, _PARSER)


def serialized(element) -> bytes:
    """A part's XML as python-pptx writes it: UTF-8, standalone, not indented."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)
