"""A base document made by python-docx: its template's or a reference document's, emptied, with our styles
(styles.py) installed in its styles part, and its list definitions (numbering.py).

This is the one place a Word brief needs python-docx, and only where a base is made: a reference
document, a theme whose styles are not the built-in ones, a right-to-left language (writer.made_base),
and tools/prepare_word_base.py, which keeps the built-in styles' base prepared (prepared.py). The
document made here is then taken over as our package (package.Word.adopt), and the same writer
fills it as it fills the prepared base.
"""

from __future__ import annotations

import zipfile

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from lxml import etree

from ... import scripts
from ...errors import TemplateError
from ..office.template import Template
from ...typography import Edge
from ...marking import Tlp
from ...theme import Theme
from . import numbering
from .styles import BIBLIOGRAPHY, BULLET, HYPERLINK, QUOTE, SUBTITLE, TITLE, Style, styles

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def styled_base(reference: Template | None, theme: Theme, marking: Tlp, language: str,
                warnings: list[str] | None) -> WordDocument:
    """The base document, emptied, with every style the brief uses; its page not yet set up."""
    word = open_base(reference)
    empty_body(word)
    missing = install(word, theme, marking, language=language, reference=reference is not None)
    if warnings is not None and missing:
        warnings.append(f"the reference document lacks {len(missing)} of briefgen's styles "
                        f"({', '.join(map(repr, missing))}); briefgen's own are used")
    return word


def open_base(reference: Template | None) -> WordDocument:
    if reference is None:
        word = docx.Document()
        # python-docx's template carries Word 2010's copy of its styles; ours replace them in styles.xml.
        for r_id, rel in list(word.part.rels.items()):
            if rel.reltype == STYLES_WITH_EFFECTS:
                del word.part.rels[r_id]
        return word
    try:
        return docx.Document(reference.open())
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{reference}: not a Word document (.docx) to take styles from: {exc}") from None


def empty_body(word: WordDocument) -> None:
    """Keep only the final section properties of the base document: its content is not the brief."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _w(tag: str, parent=None, **attributes: object):
    """A w: element with w: attributes, appended to ``parent`` if given."""
    attrib = {qn(f"w:{name}"): str(value) for name, value in attributes.items()}
    if parent is None:
        return OxmlElement(f"w:{tag}", attrib)
    return etree.SubElement(parent, qn(f"w:{tag}"), attrib)


def _half_points(points: float) -> int:
    """The unit of w:sz."""
    return round(points * 2)


def _twips(points: float) -> int:
    """Twentieths of a point, the unit of spacing, indents and table measures."""
    return round(points * 20)


def _eighths(points: float) -> int:
    """Eighths of a point, the unit of a border's width."""
    return round(points * 8)


def _switch(parent, tag: str, on: bool) -> None:
    """A toggle property and its complex-script twin: <w:b/><w:bCs/>, or switched off."""
    for name in (tag, f"{tag}Cs"):
        _w(name, parent) if on else _w(name, parent, val=0)


def _run_properties(style: Style):
    """w:rPr: what the style's look sets apart from its base (all of it for the base of every other)."""
    look, base = style.look, style.base
    rpr = _w("rPr")
    if base is not None and look.font and base.font and look.font.family != base.font.family:
        # A heading's family where it is not the body's (the document's default, _set_default_font).
        family = look.font.family
        _w("rFonts", rpr, ascii=family, hAnsi=family, eastAsia=family, cs=family)
    if look.bold != (base.bold if base else False):
        _switch(rpr, "b", look.bold)
    if look.italic != (base.italic if base else False):
        _switch(rpr, "i", look.italic)
    if base is None or look.colour != base.colour:
        _w("color", rpr, val=look.colour)
    if base is None or look.size != base.size:
        for tag in ("sz", "szCs"):
            _w(tag, rpr, val=_half_points(look.size))
    if look.underline and not (base and base.underline):
        _w("u", rpr, val="single")
    if style.kind == "character" and look.fill:
        # A run's own shading: TLP 2.0's black behind the marking's label, and only behind it.
        _w("shd", rpr, val="clear", color="auto", fill=look.fill)
    if look.superscript:
        _w("vertAlign", rpr, val="superscript")
    return rpr if len(rpr) else None


def _paragraph_properties(style: Style, numbered: int | None):
    """w:pPr: what the style's flow and edges set apart from its base, its spacing whole, in the schema's order."""
    look, base = style.look, style.base
    flow, base_flow = look.flow, base.flow if base else None
    ppr = _w("pPr")
    if flow.keep != (base_flow.keep if base_flow else False):
        _w("keepNext", ppr) if flow.keep else _w("keepNext", ppr, val=0)
    if flow.whole and not (base_flow and base_flow.whole):
        _w("keepLines", ppr)
    if base is None and style.kind == "paragraph":
        _w("widowControl", ppr)  # the body leaves no line alone at a page's foot or head; every style inherits it
    if numbered is not None:
        _w("numId", _w("numPr", ppr), val=numbered)
    if look.edge and not (base and base.edge == look.edge and base_flow.padding == flow.padding):
        _borders(ppr, look.edge, flow.padding)
    if look.fill and not (base and base.fill == look.fill):
        _w("shd", ppr, val="clear", color="auto", fill=look.fill)
    spacing = (flow.before, flow.after, flow.line)
    if style.based_on in (None, "Normal") or spacing != (base_flow.before, base_flow.after, base_flow.line):
        element = _w("spacing", ppr, before=_twips(flow.before), after=_twips(flow.after))
        if flow.line is not None:
            element.set(qn("w:line"), str(round(flow.line * 240)))
            element.set(qn("w:lineRule"), "auto")
    indents = (flow.left, flow.right, flow.hanging)
    if not style.numbering and any(indents) and not (base_flow and indents == (base_flow.left, base_flow.right,
                                                                                  base_flow.hanging)):
        ind = _w("ind", ppr, left=_twips(flow.left))
        if flow.right:
            ind.set(qn("w:right"), str(_twips(flow.right)))
        if flow.hanging:
            ind.set(qn("w:hanging"), str(_twips(flow.hanging)))
    if flow.together:
        _w("contextualSpacing", ppr)
    if style.outline is not None:
        _w("outlineLvl", ppr, val=style.outline)
    return ppr if len(ppr) else None


def _borders(ppr, edge: Edge, padding: float) -> None:
    borders = _w("pBdr", ppr)
    for side in ("top", "left", "bottom", "right"):
        if side in edge.sides:
            _w(side, borders, val="single", sz=_eighths(edge.width), space=round(padding), color=edge.colour)


def _table_properties(style: Style):
    """w:tblPr of a table style: its grid of edges and its cells' padding."""
    edge, flow = style.look.edge, style.look.flow
    tblpr = _w("tblPr")
    borders = _w("tblBorders", tblpr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _w(side, borders, val="single", sz=_eighths(edge.width), space=0, color=edge.colour)
    margins = _w("tblCellMar", tblpr)
    for side, points in (("top", flow.inset), ("left", flow.padding), ("bottom", flow.inset),
                         ("right", flow.padding)):
        _w(side, margins, w=_twips(points), type="dxa")
    return tblpr


def _table_paragraphs(style: Style):
    """w:pPr of a table style: the spacing of paragraphs in its cells that have no style of their own."""
    flow = style.look.flow
    ppr = _w("pPr")
    spacing = _w("spacing", ppr, before=_twips(flow.before), after=_twips(flow.after))
    spacing.set(qn("w:line"), str(round(flow.line * 240)))
    spacing.set(qn("w:lineRule"), "auto")
    return ppr


def install(document: WordDocument, theme: Theme, marking: Tlp, *, language: str,
            reference: bool) -> list[str]:
    """Give ``document`` every style the brief uses; return the names a reference document lacked.

    Without a reference, our look replaces the base template's for every style. With one,
    the reference's styles, fonts and colours win, and only the styles it lacks are ours.
    """
    root = document.styles.element
    _set_language(root, language)
    if not scripts.written_right_to_left(language):
        _left_to_right(root)
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
    anchor = element.find(qn("w:name"))
    for tag, value in (("basedOn", style.based_on), ("next", style.next_id)):
        if value:
            link = _w(tag, val=value)
            anchor.addnext(link)
            anchor = link
    if style.kind == "table":
        properties = (_table_paragraphs(style), None, _table_properties(style))
    else:
        numbered = numbering.definition(document, style.numbering, style.look.flow) if style.numbering else None
        properties = (_paragraph_properties(style, numbered) if style.kind == "paragraph" else None,
                      _run_properties(style), None)
    # pPr, rPr and tblPr sit after every descriptive child (uiPriority, qFormat, rsid...) and before the
    # conditional table formats.
    tail = next((child for child in element if child.tag in _TABLE_FORMATS), None)
    for child in properties:
        if child is None:
            continue
        if tail is not None:
            tail.addprevious(child)
        else:
            element.append(child)


_TABLE_FORMATS = {qn("w:trPr"), qn("w:tcPr"), qn("w:tblStylePr")}


def _doc_defaults_rpr(root):
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _w("docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _w("rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = _w("rPr", rpr_default)
    return rpr


def _set_language(root, language: str) -> None:
    rpr = _doc_defaults_rpr(root)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        # w:lang follows every other run property Word puts in the defaults.
        lang = _w("lang", rpr)
    lang.set(qn("w:val"), language)


def _left_to_right(root) -> None:
    """Paragraphs and runs left to right, as the brief's language is written: a Hebrew or Arabic reference
    document sets them right to left by default (w:bidi, w:rtl), which would put an English sentence's full
    stop at its start. A run of right-to-left script still says so itself (inline.py)."""
    for element in [*root.iter(qn("w:bidi")), *root.iter(qn("w:rtl"))]:
        element.getparent().remove(element)


def _set_default_font(root, family: str) -> None:
    """One font for the whole brief: explicit names replace the base template's theme fonts everywhere."""
    rpr = _doc_defaults_rpr(root)
    for fonts in root.iter(qn("w:rFonts")):
        fonts.getparent().remove(fonts)
    rpr.insert(0, _w("rFonts", ascii=family, hAnsi=family, eastAsia=family, cs=family))
