"""The colours a reference .docx or .pptx gives the brief: its theme's colour scheme and its heading colour.

A reference document restyles everything, not only the Word styles it holds: its colours
take the places of theme.toml's (theme.py: restyled), so tables, estimates, callouts,
figures, the PDF and the deck follow it. Each of briefgen's colours is taken from the
place an Office theme gives the same job:

- primary (title, headings, table headers, callout edges): the colour of its "heading 1"
  style (a .pptx: its master's title text), else its scheme's accent1;
- accent (estimates, quotation edges): accent2, Office's second emphasis colour;
- text: dk1; table header text: lt1; link: hlink;
- the callout fill and table stripes: tints of primary, as briefgen's own are of its navy.

Muted text and rules have no place in a scheme and stay the theme's. A colour the reference
does not give (no theme part, no such slot) stays the theme's too.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ...theme import Colours
from .opc import serialized
from .sanitise import theme_element, untrusted_xml
from .template import Template

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
# A scheme colour as a run or a style names it: Word's themeColor and DrawingML's schemeClr.
_SCHEME_NAMES = {"text1": "dk1", "tx1": "dk1", "dark1": "dk1", "text2": "dk2", "tx2": "dk2", "dark2": "dk2",
                 "background1": "lt1", "bg1": "lt1", "light1": "lt1", "background2": "lt2", "bg2": "lt2",
                 "light2": "lt2", "hyperlink": "hlink", "followedHyperlink": "folHlink"}
# How strongly the light fills are tinted from primary: briefgen's E8EEF5 and F3F5F8 are about
# these tints of its 1B3A5C.
CALLOUT_TINT, STRIPE_TINT = 0.1, 0.05
_RGB = re.compile(r"[0-9A-Fa-f]{6}")


def colours_of(template: Template) -> dict[str, str]:
    """briefgen's colour fields (Colours' names) that ``template`` gives, as RRGGBB."""
    from ...typography import tint
    with zipfile.ZipFile(io.BytesIO(template.data)) as package:
        names = package.namelist()
        scheme = _scheme(package, names)
        heading = _docx_heading(package, names, scheme) if template.fmt == "docx" else \
            _pptx_title(package, names, scheme)
    found = {field: scheme[slot] for field, slot in (("text", "dk1"), ("accent", "accent2"),
                                                    ("table_header_text", "lt1"), ("link", "hlink"))
             if slot in scheme}
    primary = heading or scheme.get("accent1")
    if primary:
        found |= {"primary": primary, "table_header_fill": primary, "callout_border": primary,
                  "callout_fill": tint(primary, CALLOUT_TINT), "table_stripe": tint(primary, STRIPE_TINT)}
    return found


def _scheme(package: zipfile.ZipFile, names: list[str]) -> dict[str, str]:
    """The colour scheme of the package's first theme part (the document's, or the first master's)."""
    scheme = theme_element(package, names, "clrScheme")
    found = {}
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str) or len(slot) == 0:
            continue
        colour = slot[0]
        value = colour.get("lastClr") if colour.tag == f"{{{_A}}}sysClr" else \
            colour.get("val") if colour.tag == f"{{{_A}}}srgbClr" else None
        if value and _RGB.fullmatch(value):
            found[slot.tag.split("}")[1]] = value.upper()
    return found


def _docx_heading(package: zipfile.ZipFile, names: list[str], scheme: dict[str, str]) -> str | None:
    """The colour of the "heading 1" style: its theme colour through the scheme, else its own value."""
    if "word/styles.xml" not in names:
        return None
    for style in untrusted_xml(package.read("word/styles.xml")).iter(f"{{{_W}}}style"):
        name = style.find(f"{{{_W}}}name")
        if name is None or (name.get(f"{{{_W}}}val") or "").lower() != "heading 1":
            continue
        colour = style.find(f"{{{_W}}}rPr/{{{_W}}}color")
        if colour is None:
            return None
        themed = colour.get(f"{{{_W}}}themeColor")
        if themed and _SCHEME_NAMES.get(themed, themed) in scheme:
            return scheme[_SCHEME_NAMES.get(themed, themed)]
        value = colour.get(f"{{{_W}}}val") or ""
        return value.upper() if _RGB.fullmatch(value) else None
    return None


def _pptx_title(package: zipfile.ZipFile, names: list[str], scheme: dict[str, str]) -> str | None:
    """The colour of the first master's title text."""
    masters = sorted(n for n in names if re.fullmatch(r"ppt/slideMasters/[^/]+\.xml", n))
    if not masters:
        return None
    fill = untrusted_xml(package.read(masters[0])).find(
        f"{{{_P}}}txStyles/{{{_P}}}titleStyle/{{{_A}}}lvl1pPr/{{{_A}}}defRPr/{{{_A}}}solidFill")
    if fill is None or len(fill) == 0:
        return None
    colour = fill[0]
    if colour.tag == f"{{{_A}}}schemeClr":
        return scheme.get(_SCHEME_NAMES.get(colour.get("val", ""), colour.get("val", "")))
    value = colour.get("val", "") if colour.tag == f"{{{_A}}}srgbClr" else ""
    return value.upper() if _RGB.fullmatch(value) else None


def with_scheme(theme_part: bytes, colours: Colours) -> bytes:
    """A theme part (ours: python-docx's or the built-in deck's) with ``colours`` in the scheme slots that
    ``colours_of`` reads, so that briefgen's reference document, passed back, gives the theme's colours."""
    root = untrusted_xml(theme_part)
    scheme = root.find(f"{{{_A}}}themeElements/{{{_A}}}clrScheme")
    for slot, colour in (("dk1", colours.text), ("lt1", colours.table_header_text), ("accent1", colours.primary),
                         ("accent2", colours.accent), ("hlink", colours.link)):
        held = scheme.find(f"{{{_A}}}{slot}") if scheme is not None else None
        if held is None:
            continue
        for child in list(held):
            held.remove(child)
        etree.SubElement(held, f"{{{_A}}}srgbClr", val=colour)
    return serialized(root)
