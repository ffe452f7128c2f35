"""The python-pptx internals the deck renderer reads a template through, fenced here and nowhere else.

python-pptx has no public name for a package's own relationships, for a presentation's
list of slide ids, or for the text body element behind a shape's text frame; the
functions below reach them through private names (``_rels``, ``_sldIdLst``, ``_txBody``).
pyproject.toml bounds python-pptx by the version they were tested with, and
tests/test_library_internals.py fails if a release changes what they rely on.
"""

from __future__ import annotations


def root_relationships(package):
    """The package's relationships from its root (_rels/.rels), by rId, in the order python-pptx walks them."""
    return package._rels


def slide_ids(prs):
    """The presentation's p:sldIdLst element (added if the template has none)."""
    return prs.slides._sldIdLst


def text_body(shape):
    """The p:txBody element of ``shape``'s text frame (added if the shape has none)."""
    return shape.text_frame._txBody
