"""The deck's package as a zip of stored entries: [Content_Types].xml, _rels/.rels, then each part and its rels.

python-pptx's ``save`` deflates every entry, and output.normalise_zip then inflates and
deflates them all again to fix their dates: for a long deck that is a quarter of its
render time. Written stored here, the entries are compressed once, by normalise_zip. The
entries, their names and their order are those of python-pptx's PackageWriter.
"""

from __future__ import annotations

import io
import zipfile

from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem


def stored(package) -> bytes:
    """Every part reachable from ``package``'s relationships, in a zip without compression."""
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
