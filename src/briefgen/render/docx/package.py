"""The Word brief's package entries ([Content_Types].xml, relationships, every part), as python-docx saves them.

python-docx's ``save`` zips the package with the wall clock in every entry, which output.package
would then have to unzip and zip again; here its own writer's steps give the same entries, in the
same order with the same bytes, for output.package to zip once. [Content_Types].xml comes
from python-docx's PackageWriter through internals.
"""

from __future__ import annotations

from typing import Iterator

from docx.document import Document as WordDocument
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

from .internals import content_types


def entries(word: WordDocument) -> Iterator[tuple[str, bytes]]:
    """The package of ``word`` as (entry name, bytes), in python-docx's order."""
    package = word.part.package
    parts = list(package.iter_parts())
    for part in parts:  # what python-docx's save does first (a part may serialise state it keeps aside)
        part.before_marshal()
    yield CONTENT_TYPES_URI.membername, content_types(parts)
    yield PACKAGE_URI.rels_uri.membername, package.rels.xml
    for part in parts:
        yield part.partname.membername, part.blob
        if len(part.rels):
            yield part.partname.rels_uri.membername, part.rels.xml
