"""The WordprocessingML names the Word brief writes: namespaces, content and relationship types, lengths, and how
a part is parsed and written.

They are python-docx's (tests/test_library_internals.py compares them), written out here because
importing python-docx costs about a fifth of a cold ``briefgen docx`` and a brief on the built-in
styles needs none of it: only making a base document does (writer.made_base), as reading a deck
template does for the deck (render/pptx/xml.py). What the deck shares with it (picture, link, font and
property relationships, image types, how a part is parsed and written) is render/office/opc.py's.
"""

from __future__ import annotations

from lxml import etree

from ..office.opc import (  # noqa: F401 (the names both office files share, named here as the Word brief's)
    CORE_PROPERTIES, EXTENDED_PROPERTIES, FONT, HYPERLINK, IMAGE, IMAGE_TYPES, parsed, serialized)

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    # Word 2010's shapes and groups (drawing.py) and VML (watermark.py), which python-docx does not name.
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

_OFFICE = "application/vnd.openxmlformats-officedocument"
FOOTNOTES_TYPE = f"{_OFFICE}.wordprocessingml.footnotes+xml"
HEADER_TYPE = f"{_OFFICE}.wordprocessingml.header+xml"
FOOTER_TYPE = f"{_OFFICE}.wordprocessingml.footer+xml"
FONT_TABLE_TYPE = f"{_OFFICE}.wordprocessingml.fontTable+xml"
EXTENDED_PROPERTIES_TYPE = f"{_OFFICE}.extended-properties+xml"
OBFUSCATED_FONT_TYPE = f"{_OFFICE}.obfuscatedFont"

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SETTINGS = f"{_RELATIONSHIPS}/settings"
STYLES = f"{_RELATIONSHIPS}/styles"
FOOTNOTES = f"{_RELATIONSHIPS}/footnotes"
HEADER = f"{_RELATIONSHIPS}/header"
FOOTER = f"{_RELATIONSHIPS}/footer"
FONT_TABLE = f"{_RELATIONSHIPS}/fontTable"
OFFICE_DOCUMENT = f"{_RELATIONSHIPS}/officeDocument"
CUSTOM_XML = f"{_RELATIONSHIPS}/customXml"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

EMU_PER_PT, EMU_PER_MM, EMU_PER_TWIP = 12700, 36000, 635
# A universal measure's units (ST_UniversalMeasure), in EMU.
_EMU_PER_UNIT = {"mm": EMU_PER_MM, "cm": 10 * EMU_PER_MM, "in": 914400, "pt": EMU_PER_PT, "pc": 12 * EMU_PER_PT,
                 "pi": 12 * EMU_PER_PT}


def qn(name: str) -> str:
    """``w:p`` as lxml spells it: ``{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p``."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def element(name: str, attributes: dict[str, str] | None = None):
    """A new element ``name`` (``w:p``) declaring its own prefix, as python-docx's OxmlElement makes it: the
    declaration goes when it is put in a part that has it."""
    prefix = name.split(":")[0]
    return etree.Element(qn(name), attributes, nsmap={prefix: NAMESPACES[prefix]})


class Length(int):
    """A length in EMU, as python-docx keeps one (its ``Length``)."""

    __slots__ = ()

    @property
    def pt(self) -> float:
        return self / EMU_PER_PT

    @property
    def twips(self) -> int:
        return int(round(self / EMU_PER_TWIP))


def pt(points: float) -> Length:
    """Points as EMU, truncated as python-docx's Pt truncates."""
    return Length(int(points * EMU_PER_PT))


def mm(millimetres: float) -> Length:
    return Length(int(millimetres * EMU_PER_MM))


def measure(value: str) -> Length:
    """A length read from the XML (a page size, a margin, a tab stop's position) as python-docx reads a signed
    twips measure (ST_SignedTwipsMeasure): a number with its unit ("25.4mm", "1in"), else twips rounded to
    whole ones ("1417.5", "1.44e3"; Word writes whole twips, LibreOffice and others not always)."""
    if "i" in value or "m" in value or "p" in value:  # python-docx's test for a unit
        unit = _EMU_PER_UNIT.get(value[-2:])
        if unit is None:
            raise ValueError(f"{value!r} is not a length (twips, or a number with mm, cm, in, pt, pc or pi)")
        return Length(int(round(float(value[:-2]) * unit)))
    return Length(int(int(round(float(value))) * EMU_PER_TWIP))
