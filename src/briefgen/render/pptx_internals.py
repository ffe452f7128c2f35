"""The python-pptx internals the deck renderer leans on for speed, fenced here and nowhere else.

python-pptx's public ``relate_to`` scans every relationship of a part for one to reuse, and
its ``save`` deflates every entry; for a deck of N slides the first is O(N²) and the second
is undone by output.normalise_zip. The two functions below do the same work directly, through
private names (``_rels``, ``_add_relationship``, ``_ContentTypesItem``). pyproject.toml bounds
python-pptx by the version they were tested with, and tests/test_library_internals.py fails
if a release changes what they rely on.
"""

from __future__ import annotations

import io
import zipfile

from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem


def relate(source, target, reltype: str) -> str:
    """The rId of a new relationship of ``reltype`` from part ``source`` to part ``target``.

    The deck's parts are new and each is related once, so there is nothing to reuse: the
    relationship is added straight away, with the next free rId as python-pptx would pick it.
    """
    return source._rels._add_relationship(reltype, target)


def stored(package) -> bytes:
    """Every part reachable from ``package``'s relationships, in a zip without compression.

    The entries, their names and their order are those of python-pptx's PackageWriter; they
    are compressed once, by normalise_zip.
    """
    parts = tuple(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.writestr(CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        target.writestr(PACKAGE_URI.rels_uri.membername, package._rels.xml)
        for part in parts:
            target.writestr(part.partname.membername, part.blob)
            if part._rels:
                target.writestr(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()
