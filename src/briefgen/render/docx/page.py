"""The section of word/document.xml and its header and footer parts: paper, margins, marking and page numbers."""

from __future__ import annotations

from lxml import etree
from lxml.etree import SubElement

from ...layout.document import PAGE, PAGES, Running
from ...typography import WATERMARK_OPACITY, Role
from ...theme import Theme
from . import formatting, pictures, watermark as watermarks, xml
from .fields import field
from .inline import add_run
from .package import Word, WordPart
from .styles import FOOTER, HEADER, MARKING_LABEL, styled
from .xml import Length, mm, pt, qn

HEADER_DISTANCE = mm(10)
FOOTER_DISTANCE = mm(9)
# What the root of python-docx's default header and footer parts (templates/default-header.xml) declares.
_STORY_NAMESPACES = {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "mo": "http://schemas.microsoft.com/office/mac/office/2008/main",
    "mv": "urn:schemas-microsoft-com:mac:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
_PORTRAIT = qn("w:orient")
_MARGINS = {"top_margin": "w:top", "bottom_margin": "w:bottom", "left_margin": "w:left", "right_margin": "w:right"}


def set_up(word: Word, theme: Theme, *, reference: bool) -> tuple[Length, list[str]]:
    """Paper and margins; return the text width and what the user should know about them.

    Without a reference document, the theme's paper and margins. A reference keeps its own,
    except that a paper asked for on the command line wins, and what the reference lacks
    (pandoc's default reference.docx has no page size at all) comes from the theme.
    """
    section = word.body.find(qn("w:sectPr"))  # the last section's (python-docx's sections[-1])
    if section is None:  # a reference without section properties is laid out on Word's defaults: ours instead
        section = SubElement(word.body, qn("w:sectPr"))
    notes: list[str] = []
    page = theme.page
    margins = {"top_margin": page.margin_top_mm, "bottom_margin": page.margin_bottom_mm,
               "left_margin": page.margin_left_mm, "right_margin": page.margin_right_mm}
    if not reference:
        _paper(section, theme)
        _margins(section, {name: mm(value) for name, value in margins.items()})
        _margins(section, {"w:header": HEADER_DISTANCE, "w:footer": FOOTER_DISTANCE, "w:gutter": Length(0)})
        return _text_width(section), notes
    lacking = []
    if page.asked:
        _paper(section, theme)
    elif _measure(section, "w:pgSz", "w:w") is None or _measure(section, "w:pgSz", "w:h") is None:
        _paper(section, theme)
        lacking.append(("page size", f"{page.paper} paper"))
    unset = {name: mm(value) for name, value in margins.items() if _measure(section, "w:pgMar", _MARGINS[name]) is None}
    _margins(section, unset)
    if unset:
        _margins(section, {"w:header": HEADER_DISTANCE, "w:footer": FOOTER_DISTANCE})
        lacking.append(("margins", "margins"))
    if lacking:
        notes.append(f"the reference document sets no {' or '.join(what for what, _ in lacking)}; "
                     f"using the theme's {' and '.join(used for _, used in lacking)}")
    return _text_width(section), notes


def _paper(section, theme: Theme) -> None:
    """Portrait (python-docx's default: no w:orient), the theme's paper."""
    width, height = theme.page.size_pt
    size = formatting.section_property(section, "w:pgSz")
    size.attrib.pop(_PORTRAIT, None)
    size.set(qn("w:w"), str(pt(width).twips))
    size.set(qn("w:h"), str(pt(height).twips))


def _margins(section, lengths: dict[str, Length]) -> None:
    """Set the margins (by _MARGINS' names or w:pgMar's attributes), in the order given."""
    if not lengths:
        return
    margins = formatting.section_property(section, "w:pgMar")
    for name, length in lengths.items():
        margins.set(qn(_MARGINS.get(name, name)), str(length.twips))


def _measure(section, tag: str, attribute: str) -> Length | None:
    """A section's length (xml.measure); None if not set."""
    found = section.find(qn(tag))
    value = found.get(qn(attribute)) if found is not None else None
    if value is None:
        return None
    return xml.measure(value)


def _text_width(section) -> Length:
    return Length(_measure(section, "w:pgSz", "w:w") - _measure(section, "w:pgMar", "w:left")
                  - _measure(section, "w:pgMar", "w:right"))


def running(word: Word, running: Running, text_width: Length, pages: int, watermark: Role,
            family: str, last_drawing_id: int, *, reference: bool) -> None:
    """One header and one footer for every page, as the layout decided them: text left, page centred, marking right;
    a draft's watermark behind every page, in the ``watermark`` role and the font ``family``. ``last_drawing_id``
    is the largest of the body's drawings' ids (body.Body.last_drawing_id); ``reference``: the styles are a
    reference document's."""
    section = word.body.find(qn("w:sectPr"))
    # A first-page or even-page header from a reference document would hide the marking on those pages.
    for flag in section.findall(qn("w:titlePg")):
        section.remove(flag)
    for tag in ("w:headerReference", "w:footerReference"):
        for ref in section.findall(qn(tag)):
            if ref.get(qn("w:type")) in ("first", "even"):
                section.remove(ref)
    settings = word.settings
    for flag in settings.findall(qn("w:evenAndOddHeaders")):
        settings.remove(flag)

    header = _story(word, section, "w:headerReference", xml.HEADER, xml.HEADER_TYPE, "/word/header%d.xml", "hdr")
    footer = _story(word, section, "w:footerReference", xml.FOOTER, xml.FOOTER_TYPE, "/word/footer%d.xml", "ftr")

    line = _line(word, header.element, HEADER, text_width, centre=False, reference=reference)
    if running.logo:  # at the left, the short title at a stop just after it
        pictures.add_logo(line, running.logo, last_drawing_id + 1, header, word)
        formatting.tab_stop(line, pt(running.logo.width + running.logo.gap), "left")
        add_run(line, "\t")
    add_run(line, running.header)
    add_run(line, "\t")
    if running.copy:  # a numbered copy: whose it is, just before the marking
        add_run(line, f"{running.copy}  ")
    add_run(line, running.marking.value, MARKING_LABEL)
    if running.watermark:  # anchored in the header, so on every page
        line.append(watermarks.run(running.watermark, family=family, colour=watermark.colour,
                                   opacity=WATERMARK_OPACITY))

    line = _line(word, footer.element, FOOTER, text_width, centre=True, reference=reference)
    add_run(line, running.footer)
    add_run(line, "\t")
    for piece in running.page:
        if piece == PAGE:
            field(line, "PAGE", "1")
        elif piece == PAGES:
            field(line, "NUMPAGES", str(pages))
        else:
            add_run(line, piece)
    add_run(line, "\t")
    add_run(line, running.marking.value, MARKING_LABEL)


def _story(word: Word, section, reference: str, reltype: str, content_type: str, partname: str,
           tag: str) -> WordPart:
    """The part of the section's default header (footer), emptied; a new one if it has none (as python-docx
    makes it: the first free partname, related from the document, referred to in the section)."""
    found = next((ref for ref in section.findall(qn(reference)) if ref.get(qn("w:type")) == "default"), None)
    if found is not None:
        part = word.part.rels[found.get(qn("r:id"))][1]
    else:
        root = etree.Element(f"{{{_STORY_NAMESPACES['w']}}}{tag}", nsmap=_STORY_NAMESPACES)
        root.set(f"{{{_STORY_NAMESPACES['mc']}}}Ignorable", "w14 wp14")
        part = WordPart(word.free_partname(partname), content_type, element=root)
        formatting.section_reference(section, reference, "default", word.part.relate(part, reltype))
    root = part.element  # w:hdr or w:ftr
    for child in list(root):
        root.remove(child)
    return part


def _line(word: Word, root, style_id: str, text_width: Length, *, centre: bool, reference: bool):
    """A header or footer paragraph with a right stop at the text's right edge (and a ``centre`` stop mid-page)."""
    line = styled(SubElement(root, qn("w:p")), style_id)
    # A reference's Header/Footer style may bring stops for another page width: clear them. Ours set none (their
    # properties are all ours: styling.install), and the styles part is not read (prepared.py).
    style = word.styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']") if reference else None
    if style is not None and style.get(qn("w:type"), "paragraph") == "paragraph":
        for stop in style.findall(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}"):
            formatting.tab_stop(line, xml.measure(stop.get(qn("w:pos"))), "clear")
    if centre:
        formatting.tab_stop(line, Length(text_width // 2), "center")
    formatting.tab_stop(line, text_width, "right")
    return line
