"""The Open Packaging names both office files share, and how a part's XML is read and written (and where a new
element goes among its siblings).

A .docx and a .pptx are the same kind of package: [Content_Types].xml, _rels/*.rels, docProps/core.xml, and
pictures, links, fonts and properties related in the same words. python-docx and python-pptx spell these
alike and parse and write a part alike (tests/test_library_internals.py compares each with both), so they are
written here once; render/docx/xml.py and render/pptx/xml.py take them from here beside their own names.
"""

from __future__ import annotations

from lxml import etree

CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
# The core properties' (docProps/core.xml) prefixes.
NAMESPACES = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE = f"{_RELATIONSHIPS}/image"
HYPERLINK = f"{_RELATIONSHIPS}/hyperlink"
FONT = f"{_RELATIONSHIPS}/font"
EXTENDED_PROPERTIES = f"{_RELATIONSHIPS}/extended-properties"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
# A picture's format: its part's extension and content type (the libraries' image headers').
IMAGE_TYPES = {"png": ("png", "image/png"), "jpeg": ("jpg", "image/jpeg")}

# As both libraries parse a part: no blank text between elements, no entities resolved.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def qn(name: str) -> str:
    """``dc:title`` as lxml spells it: ``{http://purl.org/dc/elements/1.1/}title``."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def parsed(blob: bytes | str):
    """A part's XML element, parsed as python-docx and python-pptx parse it."""
    return etree.fromstring(blob, _PARSER)


def serialized(root) -> bytes:
    """A part's XML as python-docx and python-pptx write it: UTF-8, standalone, not indented."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def insert(parent, child, later) -> None:
    """Put ``child`` into ``parent`` before the first of its children (in document order) whose tag is in ``later``
    (the tags the schema's sequence puts after ``child``'s), or last if there is none."""
    successor = next((sibling for sibling in parent if sibling.tag in later), None)
    (successor.addprevious(child) if successor is not None else parent.append(child))
