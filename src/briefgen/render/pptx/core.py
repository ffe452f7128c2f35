"""docProps/core.xml of the deck, filled by render/core_properties.py as python-pptx's CorePropertiesPart fills it.

core_properties.stamp sets the same properties on python-docx's object and on this one;
each is written as python-pptx writes it (an element added at the end when the template's
part lacks it, dates in W3CDTF, ``xsi:type`` on created and modified), so the part's bytes
are python-pptx's without importing it (tests/test_library_internals.py compares them).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from .xml import NAMESPACES, parsed, qn, serialized

_TEXTS = {"title": "dc:title", "subject": "dc:subject", "author": "dc:creator", "keywords": "cp:keywords",
          "language": "dc:language", "category": "cp:category", "comments": "dc:description",
          "content_status": "cp:contentStatus", "identifier": "dc:identifier",
          "last_modified_by": "cp:lastModifiedBy", "version": "cp:version"}
_DATES = {"created": "dcterms:created", "modified": "dcterms:modified", "last_printed": "cp:lastPrinted"}
_TYPED = ("dcterms:created", "dcterms:modified")  # dates that say they are W3CDTF
MAX_TEXT = 255


class CoreProperties:
    """The core properties of one part, set by name (``core.title = ...``); ``blob`` is the part's XML."""

    def __init__(self, blob: bytes) -> None:
        object.__setattr__(self, "_root", parsed(blob))

    @property
    def blob(self) -> bytes:
        return serialized(self._root)

    def __setattr__(self, name: str, value) -> None:
        if name in _TEXTS:
            value = str(value)
            if len(value) > MAX_TEXT:
                raise ValueError(f"{name}: more than {MAX_TEXT} characters")
            self._element(_TEXTS[name]).text = value
        elif name in _DATES:
            if not isinstance(value, datetime):
                raise ValueError(f"{name} must be a datetime, not {value!r}")
            element = self._element(_DATES[name])
            element.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
            if _DATES[name] in _TYPED:
                # Declared on the root, not on each element that uses it: set and removed as python-pptx does.
                self._root.set(qn("xsi:foo"), "bar")
                element.set(qn("xsi:type"), "dcterms:W3CDTF")
                del self._root.attrib[qn("xsi:foo")]
        elif name == "revision":
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"revision must be a positive whole number, not {value!r}")
            self._element("cp:revision").text = str(value)
        else:
            raise AttributeError(f"no core property {name!r}")

    def _element(self, name: str):
        found = self._root.find(qn(name))
        if found is None:
            prefix = name.split(":")[0]
            found = etree.Element(qn(name), nsmap={prefix: NAMESPACES[prefix]})
            self._root.append(found)
        return found
