"""The style table's deck colours on the built-in deck's slide master (ppt/slideMasters/slideMaster1.xml).

templates/default/deck.pptx is made with the default theme's colours in its master text
styles and its title rule. A theme folder restyles Word and PDF through theme.toml; this
puts the same colours on the master, and the theme's fonts in its Office theme, so slide titles and text follow
the theme too. A
user's own template keeps its look, as a reference .docx keeps its styles, but for its
hyperlink colour: every deck's Office theme gives its links the style table's colour.
"""

from __future__ import annotations

from ...typography import DeckRoles
from .xml import parsed, qn, serialized

_FILL, _RGB = qn("a:solidFill"), qn("a:srgbClr")


def apply(master, roles: DeckRoles) -> None:
    """Title text and the rule under titles in the slide titles' colour, body text in the slide text's.

    ``master`` is a slide master's p:sldMaster element.
    """
    styles = master.find(qn("p:txStyles"))
    if styles is not None:
        _recolour(styles.find(qn("p:titleStyle")), roles.title.colour)
        _recolour(styles.find(qn("p:bodyStyle")), roles.body.colour)
    for shape in master.iter(qn("p:sp")):
        name = shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
        if name is not None and name.get("name") == "Title rule":
            _recolour(shape.find(qn("p:spPr")), roles.title.colour)


def _recolour(element, colour: str) -> None:
    if element is None:
        return
    for fill in element.iter(_FILL):
        for rgb in fill.findall(_RGB):
            rgb.set("val", colour)


def with_fonts(theme_part: bytes, roles: DeckRoles) -> bytes:
    """An Office theme part with the slide titles' family as its heading (major) font and the slide text's as its
    body (minor) font: the master's text styles name them so (+mj-lt, +mn-lt), so a title or text box a user adds
    in PowerPoint is in the deck's fonts, and briefgen's reference .pptx gives them back (office/fonts.py)."""
    root = parsed(theme_part)
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    for kind, role in (("majorFont", roles.title), ("minorFont", roles.body)):
        latin = scheme.find(f"{qn('a:' + kind)}/{qn('a:latin')}") if scheme is not None else None
        if latin is not None:
            latin.set("typeface", role.font.family)
    return serialized(root)


def with_link(theme_part: bytes, colour: str) -> bytes:
    """An Office theme part (ppt/theme/themeN.xml) with ``colour`` as its hyperlink colour (a:hlink).

    PowerPoint 2019 and later draw a link in its run's colour when the link says so (text.py);
    earlier versions and LibreOffice draw every link, and every jump to a slide, in the theme's.
    """
    root = parsed(theme_part)
    slot = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}/{qn('a:hlink')}")
    if slot is None:
        return theme_part
    for child in list(slot):
        slot.remove(child)
    slot.append(root.makeelement(_RGB, val=colour))
    return serialized(root)
