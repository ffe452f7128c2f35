"""Which of the theme's font files (its body's and its headings') the Word brief and the deck carry inside them,
decided once for both.

Only a family Office lacks travels (theme.Fonts.office_has): Word and PowerPoint readers have the
others, and a free font drawn to an Office font's widths is told to them by the Office name. And only
a font whose licence lets a document carry it (its OS/2 table's fsType): Word and PowerPoint will not
load a "restricted" font from a file, so carrying one would only make the file larger; the user is
told to name a font Office has instead.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ...installed_fonts import FACES, tables
from ...theme import Fonts, Theme

# Who reads each format, and what they would see without the theme's font.
_READERS = {"docx": ("Word", "the brief in another font"),
            "pptx": ("PowerPoint", "the deck in another font of other widths, and text fitted to its slides may "
                                   "overflow them")}


def carried_families(theme: Theme, fmt: str) -> tuple[dict[str, dict[str, bytes]], list[str]]:
    """Each of the theme's families (its body's, its headings') that a .docx or .pptx (``fmt``) carries, by family
    name, as ``carried`` gives its faces; and why any is not carried, for warnings."""
    families: dict[str, dict[str, bytes]] = {}
    refusals = []
    for fonts in dict.fromkeys(fonts for fonts in (theme.fonts, theme.heading_fonts) if fonts):
        faces, refused = carried(fonts, fmt)
        if faces:
            families[fonts.family] = faces
        if refused:
            refusals.append(refused)
    return families, refusals


def carried(fonts: Fonts, fmt: str) -> tuple[dict[str, bytes], str | None]:
    """The theme's faces that a .docx or .pptx (``fmt``) carries, as TrueType bytes by face (regular, bold,
    italic, bold_italic): none when Office has the family; none, and why for a warning, when a face's licence
    forbids embedding it."""
    if fonts.office_has:
        return {}, None
    faces = {face: Path(getattr(fonts, face)).read_bytes() for face in FACES}
    forbidden = [Path(getattr(fonts, face)).name for face, data in faces.items() if not _may_embed(data)]
    if forbidden:
        reader, seen = _READERS[fmt]
        return {}, (f"the licence of {', '.join(forbidden)} forbids embedding it, and {reader} readers may not have "
                    f"{fonts.family!r}: they would see {seen}; name a font Office has")
    return faces, None


def _may_embed(data: bytes) -> bool:
    """Whether the font's licence lets a document carry it (OS/2 fsType): not "restricted" unless preview,
    print or editing is allowed too, and not bitmaps only. A font without an OS/2 table sets no limit."""
    at = tables(data).get(b"OS/2")
    if at is None:
        return True
    rights = struct.unpack_from(">H", data, at + 8)[0]
    return rights & 0x000E != 0x0002 and not rights & 0x0200
