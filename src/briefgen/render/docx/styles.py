"""word/styles.xml: the brief's named Word styles, our look for each, and the fallback for a reference document.

Every paragraph and run in the brief points at one of these styles, so a user restyles
the whole brief by editing a style. Built-in styles keep Word's own names ("heading 1",
"caption", "endnote text") so Word and LibreOffice recognise them as such.
"""

from __future__ import annotations


from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ...marking import MARKING_BACKGROUND, MIN_MARKING_SIZE, Tlp
from ...theme import Theme
from . import numbering
from .internals import paragraph_element
from ...value import Value

W = nsdecls("w")


class Style(Value):
    """One style: Word's name and id, its kind, and its paragraph and run properties as OOXML (schema order)."""

    name: str
    style_id: str
    kind: str  # paragraph | character | table
    ppr: str = ""
    rpr: str = ""
    based_on: str | None = "Normal"
    next_id: str | None = None
    numbering: str | None = None  # bullet: a list style points at a list definition
    tblpr: str = ""
    aliases: tuple[str, ...] = ()  # what a reference document may call it instead (pandoc's names)


# The ids the renderer writes into paragraphs and runs.
TITLE, SUBTITLE, DETAILS = "Title", "Subtitle", "BriefDetails"
HEADINGS = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
QUOTE, ATTRIBUTION, CAPTION = "Quote", "QuoteAttribution", "Caption"
BULLET = "ListBullet"
TABLE, TABLE_TEXT, TABLE_HEADING = "TableGrid", "TableText", "TableHeading"
BOTTOM_LINE, EDITOR_NOTE = "BottomLine", "EditorNote"
JUDGMENT, JUDGMENT_BASIS, ESTIMATE = "KeyJudgment", "JudgmentBasis", "Estimate"
MARKING_LABEL = "MarkingLabel"
NOTE_TEXT, NOTE_REFERENCE = "EndnoteText", "EndnoteReference"
HYPERLINK, BIBLIOGRAPHY, HEADER, FOOTER = "Hyperlink", "Bibliography", "Header", "Footer"


def _pt(points: float) -> int:
    """Half-points, the unit of w:sz."""
    return round(points * 2)


def _tw(points: float) -> int:
    """Twentieths of a point, the unit of spacing and indents."""
    return round(points * 20)


def _run(*, size: float | None = None, colour: str | None = None, bold: bool | None = None,
         italic: bool | None = None, extra_before_colour: str = "", extra_after_size: str = "") -> str:
    parts = []
    if bold is not None:
        parts.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        parts.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    parts.append(extra_before_colour)
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size:
        parts.append(f'<w:sz w:val="{_pt(size)}"/><w:szCs w:val="{_pt(size)}"/>')
    parts.append(extra_after_size)
    return "".join(parts)


def _spacing(before: float = 0, after: float = 0, line: float | None = None) -> str:
    rule = f' w:line="{round(line * 240)}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{_tw(before)}" w:after="{_tw(after)}"{rule}/>'


def _box(colour: str, size_eighths: int, space: int, sides: tuple[str, ...]) -> str:
    edges = "".join(f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{colour}"/>'
                    for side in sides)
    return f"<w:pBdr>{edges}</w:pBdr>"


def styles(theme: Theme, marking: Tlp) -> tuple[Style, ...]:
    """Our definition of every style the brief uses, from the theme."""
    s, c = theme.sizes, theme.colours
    table_size = s.body - 1.5
    marking_size = max(s.marking, MIN_MARKING_SIZE)
    edges = ("top", "left", "bottom", "right")
    return (
        Style("Normal", "Normal", "paragraph", based_on=None,
              ppr='<w:widowControl/>' + _spacing(after=4, line=1.0),
              rpr=_run(size=s.body, colour=c.text)),
        Style("Title", TITLE, "paragraph", next_id=SUBTITLE,
              ppr="<w:keepNext/>" + _spacing(after=4, line=1.0) + "<w:contextualSpacing/>",
              rpr=_run(size=s.title, colour=c.primary, bold=True, italic=False)),
        Style("Subtitle", SUBTITLE, "paragraph", next_id=DETAILS,
              ppr="<w:keepNext/>" + _spacing(after=8, line=1.05),
              rpr=_run(size=s.subtitle, colour=c.muted, bold=False, italic=False)),
        Style("Brief Details", DETAILS, "paragraph",
              ppr="<w:keepNext/>" + _spacing(after=2),
              rpr=_run(colour=c.muted)),
        *(Style(f"heading {level}", HEADINGS[level], "paragraph", next_id="Normal",
                ppr="<w:keepNext/><w:keepLines/>"
                    + (_box(c.rule, 4, 1, ("bottom",)) if level == 1 else "")
                    + _spacing(before=before, after=after, line=1.0)
                    + f'<w:outlineLvl w:val="{level - 1}"/>',
                rpr=_run(size=size, colour=colour, bold=True, italic=False))
          for level, size, colour, before, after in ((1, s.heading1, c.primary, 10, 4),
                                                      (2, s.heading2, c.primary, 7, 2),
                                                      (3, s.heading3, c.text, 7, 2))),
        Style("Quote", QUOTE, "paragraph", next_id=ATTRIBUTION,
              ppr="<w:keepNext/>" + _box(c.accent, 12, 8, ("left",)) + _spacing(before=4, after=1)
                  + '<w:ind w:left="425" w:right="425"/>',
              rpr=_run(italic=True, bold=False), aliases=("Block Text",)),
        Style("Quote Attribution", ATTRIBUTION, "paragraph", based_on=QUOTE, next_id="Normal",
              # Based on Quote but not kept with what follows: a chain of quotes would drag the next part along.
              ppr='<w:keepNext w:val="0"/>' + _box(c.accent, 12, 8, ("left",)) + _spacing(after=6)
                  + '<w:ind w:left="425" w:right="425"/>',
              rpr=_run(size=s.body - 1, colour=c.muted, italic=False)),
        Style("caption", CAPTION, "paragraph", next_id="Normal",
              ppr="<w:keepNext/>" + _spacing(before=6, after=3, line=1.0),
              rpr=_run(size=table_size, colour=c.muted, bold=True, italic=False)),
        Style("List Bullet", BULLET, "paragraph", numbering="bullet",
              ppr=_spacing(after=2) + "<w:contextualSpacing/>"),
        Style("Table Grid", TABLE, "table", based_on=None,
              ppr=_spacing(after=0, line=1.0),
              tblpr=_grid(c.rule), aliases=("Table",)),
        Style("Table Text", TABLE_TEXT, "paragraph",
              ppr=_spacing(before=1, after=1, line=1.0),
              rpr=_run(size=table_size)),
        Style("Table Heading", TABLE_HEADING, "paragraph", based_on=TABLE_TEXT,
              rpr=_run(colour=c.table_header_text, bold=True)),
        Style("Bottom Line", BOTTOM_LINE, "paragraph",
              ppr=_box(c.callout_border, 12, 6, edges)
                  + f'<w:shd w:val="clear" w:color="auto" w:fill="{c.callout_fill}"/>'
                  + _spacing(after=4) + '<w:ind w:left="142" w:right="142"/>',
              rpr=_run(size=s.body + 0.5)),
        Style("Editor Note", EDITOR_NOTE, "paragraph",
              ppr=_box(c.rule, 12, 6, ("left",)) + _spacing(after=3, line=1.0)
                  + '<w:ind w:left="142"/>',
              rpr=_run(size=table_size, colour=c.muted)),
        Style("Key Judgment", JUDGMENT, "paragraph", next_id=JUDGMENT_BASIS,
              ppr="<w:keepNext/>" + _spacing(before=4, after=1) + '<w:ind w:left="340" w:hanging="340"/>',
              rpr=_run(bold=True)),
        Style("Judgment Basis", JUDGMENT_BASIS, "paragraph",
              ppr=_spacing(after=4) + '<w:ind w:left="340"/>',
              rpr=_run(size=s.body - 0.5)),
        Style("Estimate", ESTIMATE, "character", based_on=None,
              rpr=_run(colour=c.accent, bold=True)),
        Style("Marking Label", MARKING_LABEL, "character", based_on=None,
              rpr=_marking_run(marking, marking_size)),
        # The notes list and its marks: Word's own endnote styles, as the notes close the brief.
        Style("endnote text", NOTE_TEXT, "paragraph",
              ppr=_spacing(after=2, line=1.0) + '<w:ind w:left="340" w:hanging="340"/>',
              rpr=_run(size=table_size)),
        Style("endnote reference", NOTE_REFERENCE, "character", based_on=None,
              rpr=_run(colour=c.link, extra_after_size='<w:vertAlign w:val="superscript"/>')),
        Style("Hyperlink", HYPERLINK, "character", based_on=None,
              rpr=_run(colour=c.link, extra_after_size='<w:u w:val="single"/>')),
        Style("Bibliography", BIBLIOGRAPHY, "paragraph",
              ppr=_spacing(after=4) + '<w:ind w:left="340" w:hanging="340"/>'),
        Style("header", HEADER, "paragraph", ppr=_spacing(after=0, line=1.0),
              rpr=_run(size=s.small, colour=c.muted)),
        Style("footer", FOOTER, "paragraph", ppr=_spacing(after=0, line=1.0),
              rpr=_run(size=s.small, colour=c.muted)),
    )


def _grid(colour: str) -> str:
    edges = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{colour}"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tblBorders>{edges}</w:tblBorders>'
            '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')


def _marking_run(marking: Tlp, size: float | None) -> str:
    # TLP 2.0 sets the label in its colour on black; run shading keeps the black to the label itself.
    return _run(size=size, colour=marking.colour, bold=True,
                extra_after_size=f'<w:shd w:val="clear" w:color="auto" w:fill="{MARKING_BACKGROUND}"/>')


def install(document: WordDocument, theme: Theme, marking: Tlp, *, language: str,
            reference: bool) -> list[str]:
    """Give ``document`` every style the brief uses; return the names a reference document lacked.

    Without a reference, our look replaces the base template's for every style. With one,
    the reference's styles, fonts and colours win, and only the styles it lacks are ours.
    """
    root = document.styles.element
    _set_language(root, language)
    if not reference:
        _set_default_font(root, theme.fonts.family)
    missing = []
    index = _StyleIndex(root)
    for style in styles(theme, marking):
        existing = index.find(style)
        if existing is not None and reference:
            _adopt_id(document, existing, style.style_id)
            continue
        if existing is None:
            if reference:
                missing.append(style.name)
            existing = _create(document, style, index)
        _apply(document, existing, style)
    return missing


def add_paragraph(container, style_id: str, text: str = "") -> Paragraph:
    """A new paragraph at the end of ``container`` (body, cell, header) in the style with ``style_id``."""
    paragraph = container.add_paragraph(text)
    paragraph_element(paragraph).style = style_id
    return paragraph


def add_run(paragraph: Paragraph, text: str, style_id: str | None = None) -> Run:
    """``paragraph.add_run(text)`` in the style with ``style_id``.

    Text without tabs or line breaks goes into one w:t directly: python-docx's text setter
    looks at each character in Python, the slowest step of rendering a long brief.
    """
    if "\t" in text or "\n" in text or "\r" in text:
        run = paragraph.add_run(text)
    else:
        r = paragraph_element(paragraph).add_r()
        if text:
            r.add_t(text)
        run = Run(r, paragraph)
    if style_id:
        run.element.style = style_id
    return run


def _adopt_id(document: WordDocument, element, style_id: str) -> None:
    """Give a reference document's style our id, so every paragraph names it the same way in any language.

    Word localises style ids (a German "heading 1" is "berschrift1"); its name stays, and
    every place that points at the old id points at the new one.
    """
    old = element.get(qn("w:styleId"))
    if old == style_id:
        return
    element.set(qn("w:styleId"), style_id)
    parts = [document.styles.element, document.settings.element, numbering.numbering_of(document)]
    for root in parts:
        for tag in ("w:basedOn", "w:next", "w:link", "w:pStyle", "w:rStyle", "w:tblStyle",
                    "w:clickAndTypeStyle", "w:defaultTableStyle"):
            for pointer in root.iter(qn(tag)):
                if pointer.get(qn("w:val")) == old:
                    pointer.set(qn("w:val"), style_id)


class _StyleIndex:
    """The styles already in a document, by kind and name and by kind and id: one scan, not one per style."""

    def __init__(self, root):
        self._by_name: dict[tuple[str, str], object] = {}
        self._by_id: dict[tuple[str, str], object] = {}
        self.names: set[str] = set()  # every style's name as stored, whatever its kind
        for element in root.findall(qn("w:style")):
            kind = element.get(qn("w:type"))
            name = element.find(qn("w:name"))
            if name is not None:
                self.names.add(name.get(qn("w:val"), ""))
                self._by_name.setdefault((kind, name.get(qn("w:val"), "").lower()), element)
            self._by_id.setdefault((kind, element.get(qn("w:styleId"))), element)

    def find(self, style: Style):
        for name in (style.name, *style.aliases):
            found = self._by_name.get((style.kind, name.lower()))
            if found is not None:
                return found
        return self._by_id.get((style.kind, style.style_id))


def _create(document: WordDocument, style: Style, index: _StyleIndex):
    """A new, empty style under our id; ``_apply`` gives it our look.

    python-docx's ``styles.add_style`` first looks for the name by reading every style in the
    document, once per style added; ``index`` has already said the name is free.
    """
    name = BabelFish.ui2internal(style.name)
    if name in index.names:  # as a style of another kind: Word wants names unique
        raise ValueError(f"document already contains style '{style.name}'")
    made = StyleFactory(document.styles.element.add_style_of_type(name, _KINDS[style.kind], _builtin(style)))
    made.style_id = style.style_id
    made.quick_style = True
    return made.element


_KINDS = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}


def _builtin(style: Style) -> bool:
    return style.name[0].islower() or style.style_id in {"Normal", TITLE, SUBTITLE, QUOTE, BULLET,
                                                         HYPERLINK, BIBLIOGRAPHY}


def _apply(document: WordDocument, element, style: Style) -> None:
    """Replace the style's links and properties with ours, keeping its name and id."""
    for tag in ("w:basedOn", "w:next", "w:link", "w:pPr", "w:rPr", "w:tblPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    name = element.find(qn("w:name"))
    anchor = name
    for tag, value in (("basedOn", style.based_on), ("next", style.next_id)):
        if value:
            link = parse_xml(f'<w:{tag} {W} w:val="{value}"/>')
            anchor.addnext(link)
            anchor = link
    ppr = style.ppr
    if style.numbering:
        num_id = numbering.definition(document, style.numbering)
        ppr = f'<w:numPr><w:numId w:val="{num_id}"/></w:numPr>' + ppr
    # pPr, rPr and tblPr sit after every descriptive child (uiPriority, qFormat, rsid...) and before the
    # conditional table formats.
    tail = next((child for child in element if child.tag in _TABLE_FORMATS), None)
    for tag, body in (("pPr", ppr), ("rPr", style.rpr), ("tblPr", style.tblpr)):
        if not body:
            continue
        child = parse_xml(f"<w:{tag} {W}>{body}</w:{tag}>")
        if tail is not None:
            tail.addprevious(child)
        else:
            element.append(child)


_TABLE_FORMATS = {qn("w:trPr"), qn("w:tcPr"), qn("w:tblStylePr")}


def _doc_defaults_rpr(root):
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {W}/>")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {W}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {W}/>")
        rpr_default.append(rpr)
    return rpr


def _set_language(root, language: str) -> None:
    rpr = _doc_defaults_rpr(root)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {W}/>")
        # w:lang follows every other run property Word puts in the defaults.
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _set_default_font(root, family: str) -> None:
    """One font for the whole brief: explicit names replace the base template's theme fonts everywhere."""
    rpr = _doc_defaults_rpr(root)
    for fonts in root.iter(qn("w:rFonts")):
        fonts.getparent().remove(fonts)
    fonts = parse_xml(f'<w:rFonts {W} w:ascii="{family}" w:hAnsi="{family}" w:eastAsia="{family}" '
                      f'w:cs="{family}"/>')
    rpr.insert(0, fonts)
