"""The fonts a reference .docx or .pptx gives the brief: its heading font and its body font, by family name.

A reference document restyles everything, its fonts as its colours (colours.py): the family
it sets body text in becomes the brief's, so Word, the PDF and the deck (measured with that
family's widths) all follow it, when briefgen can find the family's files or a free font with
its widths (theme.py: refonted). Each is read where Word and PowerPoint take it from:

- .docx: the body's from the Normal style, else the document defaults; the heading's from the
  "heading 1" style, else the body's. A theme font (w:asciiTheme) names the theme's major or
  minor font, and wins over a named one, as in Word.
- .pptx: the first master's body and title text styles; "+mn-lt" and "+mj-lt" name its theme's
  minor and major fonts, as PowerPoint's defaults do when the styles name none.
"""

from __future__ import annotations

import io
import re
import zipfile

from .sanitise import theme_element, untrusted_xml
from .template import Template

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def fonts_of(template: Template) -> dict[str, str]:
    """The families ``template`` gives: "body" and "heading", each only if it gives one."""
    with zipfile.ZipFile(io.BytesIO(template.data)) as package:
        names = package.namelist()
        scheme = _theme_fonts(package, names)
        if template.fmt == "docx":
            body, heading = _docx_fonts(package, names, scheme)
        else:
            body, heading = _pptx_fonts(package, names, scheme)
    return {role: family for role, family in (("body", body), ("heading", heading or body)) if family}


def _theme_fonts(package: zipfile.ZipFile, names: list[str]) -> dict[str, str]:
    """The first theme part's major and minor Latin fonts: {"major": ..., "minor": ...}."""
    scheme = theme_element(package, names, "fontScheme")
    found = {}
    for kind in ("major", "minor"):
        latin = scheme.find(f"{{{_A}}}{kind}Font/{{{_A}}}latin") if scheme is not None else None
        if latin is not None and _family(latin.get("typeface")):
            found[kind] = _family(latin.get("typeface"))
    return found


def _family(name: str | None) -> str | None:
    """A family name as a document may hold it, or None for none (or one that cannot be a family's)."""
    name = (name or "").strip()
    return name if name and len(name) <= 64 and not re.search(r'[&<>"\\;{}\x00-\x1f\x7f]', name) else None


def _docx_fonts(package: zipfile.ZipFile, names: list[str], scheme: dict[str, str]):
    if "word/styles.xml" not in names:
        return None, None
    root = untrusted_xml(package.read("word/styles.xml"))

    def named(rpr) -> str | None:
        fonts = rpr.find(f"{{{_W}}}rFonts") if rpr is not None else None
        if fonts is None:
            return None
        themed = fonts.get(f"{{{_W}}}asciiTheme") or fonts.get(f"{{{_W}}}hAnsiTheme")
        if themed:  # Word shows the theme's font before a named one
            return scheme.get("major" if themed.startswith("major") else "minor")
        return _family(fonts.get(f"{{{_W}}}ascii") or fonts.get(f"{{{_W}}}hAnsi"))

    styles = {}
    for style in root.iter(f"{{{_W}}}style"):
        name = style.find(f"{{{_W}}}name")
        if style.get(f"{{{_W}}}type") == "paragraph" and name is not None:
            styles.setdefault((name.get(f"{{{_W}}}val") or "").lower(), style)
    default = named(root.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault/{{{_W}}}rPr"))
    body = named(styles["normal"].find(f"{{{_W}}}rPr")) if "normal" in styles else None
    body = body or default
    heading = named(styles["heading 1"].find(f"{{{_W}}}rPr")) if "heading 1" in styles else None
    return body, heading


def _pptx_fonts(package: zipfile.ZipFile, names: list[str], scheme: dict[str, str]):
    masters = sorted(n for n in names if re.fullmatch(r"ppt/slideMasters/[^/]+\.xml", n))
    styles = untrusted_xml(package.read(masters[0])).find(f"{{{_P}}}txStyles") if masters else None

    def named(style: str, default: str) -> str | None:
        latin = styles.find(f"{{{_P}}}{style}/{{{_A}}}lvl1pPr/{{{_A}}}defRPr/{{{_A}}}latin") \
            if styles is not None else None
        typeface = latin.get("typeface") if latin is not None else default
        if typeface in ("+mj-lt", "+mn-lt"):
            return scheme.get("major" if typeface == "+mj-lt" else "minor")
        return _family(typeface)

    return named("bodyStyle", "+mn-lt"), named("titleStyle", "+mj-lt")
