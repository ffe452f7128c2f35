"""Invisible marks in the Word brief that say which content field each paragraph or cell was written from.

A reviewer's comments and tracked changes come back in the .docx; ``briefgen comments`` (review.py)
places each one in the YAML by the mark around it. The mark is a bookmark: Word and LibreOffice
both keep bookmarks through editing and saving (a paragraph split or joined keeps them; only
deleting all of a field's text removes its mark), and neither shows one in the text. The name
starts with an underscore, which makes it a hidden bookmark in Word's Bookmark dialog.

The name is the field's path, its keys and indices joined by underscores
(``key_judgments[0].basis`` → ``_bg_key_judgments_0_basis``), so it can be read back against
the paths of the content file without any table stored beside it. Word keeps at most 40
characters of a bookmark's name, so a longer path is cut and given a checksum of the whole.
A field shown twice (a part's heading and its table) gets ``__2``, ``__3`` on its later marks:
bookmark names are unique in a document.

"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from itertools import count
from typing import Callable, Iterable

from ...parts import FieldPath

Mark = Callable[[object, FieldPath], None]
"""Marks a w:p element as written from a field (``Markers.mark``)."""

PREFIX = "_bg_"
MAX_NAME = 40  # what Word keeps of a bookmark's name
_OCCURRENCE = re.compile(r"__\d+$")


def name_of(path: FieldPath) -> str:
    """The bookmark name of ``path``'s first mark."""
    name = PREFIX + "_".join(str(key) for key in path)
    if len(name) <= MAX_NAME - 4:  # room for an occurrence ("__12")
        return name
    checksum = f"{zlib.crc32('.'.join(map(str, path)).encode()):08x}"
    # "_h" before the checksum: all digits after a "__" would read as an occurrence.
    return f"{name[:MAX_NAME - 4 - 10].rstrip('_')}_h{checksum}"


def field_name(bookmark: str) -> str | None:
    """The field part of a marker's bookmark name (without its occurrence), or None for another bookmark."""
    if not bookmark.startswith(PREFIX):
        return None
    return _OCCURRENCE.sub("", bookmark)


def names_of(paths: Iterable[FieldPath]) -> dict[str, FieldPath]:
    """Each path's marker name → the path: how a mark is read back against a content file's fields."""
    return {name_of(path): path for path in paths}


class Markers:
    """Wraps paragraphs in the bookmarks of their fields, each name used once in the document."""

    def __init__(self, first_id: int) -> None:
        self._ids = count(first_id)  # bookmark ids are unique across the document, whatever the bookmark
        self._seen: Counter[str] = Counter()
        self.last_id = first_id - 1

    def mark(self, p, path: FieldPath) -> None:
        """Wrap all that the w:p element ``p`` holds in the bookmark of ``path``; nothing for an empty path."""
        if not path:
            return
        from .xml import element, qn  # lxml only when marking: ``briefgen comments`` reads names without it
        name = name_of(path)
        self._seen[name] += 1
        if self._seen[name] > 1:
            name = f"{name}__{self._seen[name]}"
        self.last_id = next(self._ids)
        number = str(self.last_id)
        start = element("w:bookmarkStart", {qn("w:id"): number, qn("w:name"): name})
        properties = p.find(qn("w:pPr"))
        if properties is not None:
            properties.addnext(start)
        else:
            p.insert(0, start)
        p.append(element("w:bookmarkEnd", {qn("w:id"): number}))
