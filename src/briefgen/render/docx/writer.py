"""Document → Word brief (.docx): each layout block becomes paragraphs and tables in named styles.

The brief is written with lxml into a package of our own (package.py): the prepared base for the
built-in styles (prepared.py), read without python-docx, or a base python-docx made (styling.py);
one writer fills either, and python-docx is imported only to make a base.
"""

from __future__ import annotations

import copy
from datetime import datetime

from lxml.etree import SubElement

from ...inline import Span
from ...marking import Tlp
from ...layout.document import (Bibliography, Block, BulletList, Callout, Document, Figure, Heading, Judgment,
                               Paragraph, Quote, Table, TitleBlock, Tracked)
from ...output import package
from ...parts import FieldPath
from ..office.carried_fonts import carried_families
from ..office.template import Template
from ...theme import Theme
from ...layout import pages
from ...typography import typography
from . import (body as word_body, embedded_fonts, footnotes, formatting, inline, page, pictures, prepared,
               properties, styles, tables, tracked)
from .inline import add_paragraph, add_run
from .markers import Markers
from .package import Word, entries
from .styles import (ATTRIBUTION, BIBLIOGRAPHY, BOTTOM_LINE, BULLET, DETAILS, EDITOR_NOTE, ESTIMATE,
                          HEADINGS, JUDGMENT, JUDGMENT_BASIS, QUOTE, SUBTITLE, TITLE)
from .xml import Length, element, pt, qn

CALLOUT_STYLES = {"bottom-line": BOTTOM_LINE, "editor-note": EDITOR_NOTE}


def render(document: Document, theme: Theme, *, reference: Template | None, when: datetime,
           warnings: list[str] | None = None) -> tuple[bytes, int]:
    """The brief as .docx bytes, and the pages it says it has; ``reference`` is a user's sanitised .docx whose
    page setup and styles win over ours.

    The pages are estimated here, once, at the text width of the page the brief is set on (the reference's, if
    it sets one): the count the .docx carries (NUMPAGES) is the one a page budget is held to.
    Each style the reference lacks (ours stands in for it) is appended to ``warnings``.
    """
    if reference is None:
        word, lists = _base(theme, document.marking, document.language)
    else:
        word, lists = made_base(reference, theme, document.marking, document.language, warnings), {}
    width, page_notes = page.set_up(word, theme, reference=reference is not None)
    if warnings is not None:
        warnings += page_notes
    # The pages are estimated before the body is built: a long text's measured words are gone by the time the
    # body's tree, most of a long brief's memory, is made.
    estimate = pages.pages(document, theme, width.pt)
    # A footnote reference's bookmark is numbered by its note; the fields' marks take the ids after them.
    writer = _Writer(word, theme, width, Markers(first_id=len(document.notes) + 1), lists)
    if document.notes and not document.footnotes:
        raise ValueError("the Word brief's notes are its footnotes: lay it out with compose(..., footnotes=True)")
    for block in document.blocks:
        writer.add(block)
        if document.redline is None:  # a redline's changes are numbered across the whole body, once it is made
            writer.body.flush()  # the block written: a long brief's tree is never whole (body.py)
    if document.footnotes:
        footnotes.write(word, document.notes, writer.mark)
    if document.redline is not None:
        # Ids after every bookmark's: Word wants an annotation's id unique among them all.
        tracked.stamp(word.body, document.redline, writer.markers.last_id + 1)
    page.running(word, document.running, width, estimate, typography(theme).brief.watermark,
                 theme.fonts.family, writer.body.last_drawing_id, reference=reference is not None)
    if reference is not None and reference.header_pictures and warnings is not None:
        instead = ("the theme's logo is in the header instead" if document.running.logo else
                   'to have a logo in the header, name it in the theme: logo = "logo.png" and logo_in_header = true')
        warnings.append(f"the reference document's header and footer are replaced by the brief's running ones "
                        f"(short title, marking, page number), and the picture in them (a logo?) with them: "
                        f"{', '.join(reference.header_pictures)}; {instead}")
    families, refused = carried_families(theme, "docx")
    if families:  # Word readers may lack a font: the brief carries it
        embedded_fonts.embed(word, families)
    if warnings is not None:
        warnings += refused
    properties.stamp(word, document.properties, when)
    return package(entries(word, writer.body), when), estimate


# The base document python-docx made with our styles installed, by what it is made of, for a theme whose styles
# are not the built-in ones (those are kept prepared: prepared.py): making it is a fifth of a warm render (parsing
# python-docx's template, then every style), a copy of it half that. Only without a reference document, which
# watch reads again at each save and whose styles and page win over ours. It is kept from the second render of its
# kind on: a process that renders once (the usual command) copies nothing.
_BASES: dict[tuple[Theme, Tlp, str], object | None] = {}
_BASES_KEPT = 4


def _base(theme: Theme, marking: Tlp, language: str) -> tuple[Word, dict[str, str | None]]:
    """The base document without a reference, and the lists of the list styles it says."""
    found = prepared.base(theme, marking, language)
    if found is not None:
        return found
    key = (theme, marking, language)
    if key not in _BASES:  # the first of its kind: made, and given away
        if len(_BASES) >= _BASES_KEPT:
            del _BASES[next(iter(_BASES))]
        _BASES[key] = None
        return made_base(None, theme, marking, language, None), {}
    from . import styling  # python-docx: only where a base is made
    made = _BASES[key]
    if made is None:
        made = _BASES[key] = styling.styled_base(None, theme, marking, language, None)
    return Word.adopt(copy.deepcopy(made)), {}


def made_base(reference: Template | None, theme: Theme, marking: Tlp, language: str,
              warnings: list[str] | None) -> Word:
    """The base document python-docx makes, emptied, with every style the brief uses (styling.py), as our package:
    a reference document's, or python-docx's template's for a theme whose styles are not prepared."""
    from . import styling  # python-docx: only where a base is made
    return Word.adopt(styling.styled_base(reference, theme, marking, language, warnings))


class _Writer:
    """Appends layout blocks to the Word body in the theme's styles."""

    def __init__(self, word: Word, theme: Theme, width: Length, markers: Markers,
                 lists: dict[str, str | None]) -> None:
        self.word, self.theme, self.width = word, theme, width
        self.body = word_body.Body(word)
        self.markers = markers
        self.mark = markers.mark
        self.lists = dict(lists)  # each list style's numId, looked up in the styles when not given

    def add(self, block: Block | Tracked) -> None:
        match block:
            case Tracked(block=whole, change=change):  # a block only one edition of a redline has
                count = self.body.count()
                self.add(whole)
                for made in self.body.since(count):
                    tracked.whole(made, change)
            case TitleBlock():
                self._title(block)
            case Heading(level=level, text=text, field=field, marked=marked):
                heading = add_paragraph(self.body, HEADINGS[min(level, 3)], "" if marked else text)
                inline.write(heading, marked, self.body)  # a redline's heading, its changes marked
                self.mark(heading, field)
            case Paragraph(spans=spans, field=field):
                self._paragraph(spans, field=field)
            case BulletList():
                self._list(block)
            case Callout():
                self._callout(block)
            case Judgment():
                self._judgment(block)
            case Table():
                tables.add_table(self.body, block, self.theme, self.width, self.mark)
            case Quote(spans=spans, attribution=attribution):
                self._paragraph(spans, QUOTE, block.text_field)
                self._paragraph(attribution, ATTRIBUTION, block.attribution_field)
            case Bibliography(entries=entries, fields=fields):
                for (_, entry), field in zip(entries, fields or ((),) * len(entries)):
                    self._paragraph(entry, BIBLIOGRAPHY, field)
            case Figure():
                pictures.add_figure(self.body, block, self.theme, self.width, self.mark)
            case _:
                raise TypeError(f"no Word rendering for {type(block).__name__}")

    def _paragraph(self, spans, style: str | None = None, field: FieldPath = ()):
        paragraph = add_paragraph(self.body, style) if style else self.body.add_paragraph()
        inline.write(paragraph, spans, self.body)
        self.mark(paragraph, field)
        return paragraph

    def _title(self, block: TitleBlock) -> None:
        title, subtitle, dateline, authors, cutoff = block.fields
        if block.logo:
            logo = self.body.add_paragraph()
            formatting.spacing(logo, before=pt(0), after=pt(block.logo.gap))
            formatting.keep_with_next(logo)
            pictures.add_logo(logo, block.logo, self.body.next_id, self.word.part, self.word)
        self._paragraph(block.title, TITLE, title)
        if block.subtitle:
            self._paragraph(block.subtitle, SUBTITLE, subtitle)
        self._paragraph(block.dateline, DETAILS, dateline)
        self._paragraph(block.authors, DETAILS, authors)
        if block.cutoff:
            self._paragraph(block.cutoff, DETAILS, cutoff)

    def _list(self, block: BulletList) -> None:
        for item, field in zip(block.items, block.fields or ((),) * len(block.items)):
            self._listed(self._paragraph(item, BULLET, field), BULLET)

    def _listed(self, paragraph, style: str) -> None:
        """Bind the paragraph to its style's list in its own properties too (w:numPr), as every reader looks there."""
        if style not in self.lists:
            self.lists[style] = styles.list_number(self.word, style)
        if self.lists[style] is not None:
            numbering = element("w:numPr")
            SubElement(numbering, qn("w:ilvl")).set(qn("w:val"), "0")
            SubElement(numbering, qn("w:numId")).set(qn("w:val"), self.lists[style])
            properties = formatting.properties(paragraph)
            style_element = properties.find(qn("w:pStyle"))
            (style_element.addnext(numbering) if style_element is not None else properties.insert(0, numbering))

    def _callout(self, block: Callout) -> None:
        style = CALLOUT_STYLES[block.role]
        if block.title:
            title = add_paragraph(self.body, style)
            add_run(title, block.title, bold=True)
            formatting.keep_with_next(title)
            self.mark(title, block.field)
        for spans, field in zip(block.paragraphs, block.fields or ((),) * len(block.paragraphs)):
            self._paragraph(spans, style, field)

    def _judgment(self, block: Judgment) -> None:
        statement = add_paragraph(self.body, JUDGMENT)  # Word numbers it (the style's list)
        self._listed(statement, JUDGMENT)
        inline.write(statement, block.statement, self.body)
        self.mark(statement, block.statement_field)
        estimate = add_paragraph(self.body, JUDGMENT_BASIS)
        formatting.keep_with_next(estimate)
        add_run(estimate, block.estimate, ESTIMATE)
        self.mark(estimate, block.field)
        for (label, spans), field in zip(block.reasons, block.reason_fields or ((),) * len(block.reasons)):
            reason = add_paragraph(self.body, JUDGMENT_BASIS)
            inline.write(reason, (Span(label, italic=True),) + spans, self.body)
            self.mark(reason, field)
