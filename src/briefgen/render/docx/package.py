"""The Word brief's package entries ([Content_Types].xml, relationships, every part), as python-docx saves them.

python-docx's ``save`` zips the package with the wall clock in every entry, which output.package
would then have to unzip and zip again; here its own writer's steps give the same entries, in the
same order with the same bytes, for output.package to zip once. [Content_Types].xml comes
from python-docx's PackageWriter through internals.
"""

from __future__ import annotations

from typing import BinaryIO, Callable, Iterator

from docx.document import Document as WordDocument
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from lxml import etree

from ...output import Entry
from .body import Body
from .internals import content_types, is_xml_part


def entries(word: WordDocument, body: Body | None = None) -> Iterator[tuple[str, Entry]]:
    """The package of ``word`` as (entry name, bytes), in python-docx's order; its document part written by
    ``body``, which may have written its blocks as they were made (body.py).

    An XML part is given as what writes it into its entry, with the bytes its ``blob`` would have
    (python-docx's serialize_part_xml): a long brief's body, whole, is as large again as its tree.
    """
    package = word.part.package
    parts = list(package.iter_parts())
    for part in parts:  # what python-docx's save does first (a part may serialise state it keeps aside)
        part.before_marshal()
    yield CONTENT_TYPES_URI.membername, content_types(parts)
    yield PACKAGE_URI.rels_uri.membername, package.rels.xml
    for part in parts:
        if body is not None and part is word.part:
            yield part.partname.membername, body.write
        else:
            yield part.partname.membername, (_written(part.element) if is_xml_part(part) else part.blob)
        if len(part.rels):
            yield part.partname.rels_uri.membername, part.rels.xml


def _written(element: etree._Element) -> Callable[[BinaryIO], None]:
    def write(stream: BinaryIO) -> None:
        element.getroottree().write(stream, encoding="UTF-8", standalone=True)
    return write
