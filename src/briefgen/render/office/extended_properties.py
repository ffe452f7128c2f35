"""docProps/app.xml of the .docx and the .pptx: the extended properties, each format naming its own."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from .opc import serialized

_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def extended_properties(entries: Iterable[tuple[str, str]]) -> bytes:
    """The part's XML: one element per (name, text) of ``entries``, in their order (the schema's)."""
    root = etree.Element(f"{{{_NS}}}Properties", nsmap={None: _NS, "vt": _VT})
    for name, text in entries:
        etree.SubElement(root, f"{{{_NS}}}{name}").text = text
    return serialized(root)
