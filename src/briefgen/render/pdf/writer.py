"""Document → PDF with reportlab's platypus: each layout block becomes flowables on the brief's pages."""

from __future__ import annotations

import gc
import io
import re
from contextlib import contextmanager
from datetime import datetime
from typing import Iterator

from reportlab.platypus import Flowable, HRFlowable, Table
from reportlab.platypus import TableStyle

from ...layout.document import (Bibliography, Block, BulletList, Callout, Document, Figure, Heading, Judgment, Notes,
                               Paragraph as TextParagraph, Quote, Table as DataTable, TitleBlock)
from ...theme import Theme
from .figures import FigureFlowable
from .fonts import Family, family as font_family
from .markup import Markup, escape
from .pages import BriefTemplate, Outlined
from .paragraph import LAID_OUT, Paragraph
from .styles import Styles, colour, styles as paragraph_styles
from .tags import Element, Structure

CELL_PADDING = 4


def render(document: Document, theme: Theme, *, when: datetime) -> bytes:
    """The PDF's bytes; the same document, theme and ``when`` always give the same bytes."""
    family = font_family(theme)
    out = io.BytesIO()
    structure = Structure(document.properties.language)
    template = BriefTemplate(out, theme, family, document.properties, document.running, when, structure)
    flow = _Flow(theme, family, paragraph_styles(theme, family),
                 Markup(family, theme.colours.link, document.properties.language), structure,
                 template.width, template.height)
    with _no_cycle_collection(), LAID_OUT.render():
        story: list[Flowable] = []
        for block in document.blocks:
            story += flow.block(block)
        template.build(story)
    return out.getvalue()


# reportlab writes one flat page tree: a single /Pages object whose /Count is the number of pages.
_PAGE_TREE = re.compile(rb"/Count (\d+) /Kids \[[^\]]*\] /Type /Pages")


def page_count(data: bytes) -> int:
    """How many pages a PDF made by ``render`` has, read from the file itself."""
    found = _PAGE_TREE.search(data)
    if found is None:
        raise ValueError("no page tree in the PDF")
    return int(found.group(1))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the brief is laid out.

    Layout makes hundreds of thousands of small objects that all live until the file is
    written; the collector walked them again and again, a tenth of the time of a long brief,
    and found nothing that peak memory shows.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Flow:
    """Maps each layout block to flowables in the theme's styles, and to elements of the structure tree.

    The title is the tree's H1, so the brief's parts are H2 and their subdivisions H3.
    """

    def __init__(self, theme: Theme, family: Family, styles: Styles, markup: Markup, structure: Structure,
                 width: float, height: float):
        self.theme, self.family, self.styles, self.markup = theme, family, styles, markup
        self.tags = structure
        self.width, self.height = width, height
        self._headings = 0
        self._judgments: Element | None = None  # the list that consecutive judgments make

    def block(self, block: Block) -> list[Flowable]:
        if not isinstance(block, Judgment):
            self._judgments = None
        handler = {
            TitleBlock: self._title, Heading: self._heading, TextParagraph: self._paragraph,
            BulletList: self._bullets, Callout: self._callout, Judgment: self._judgment,
            DataTable: self._table, Quote: self._quote, Bibliography: self._bibliography, Notes: self._notes,
            Figure: self._figure,
        }[type(block)]
        return handler(block)

    def _title(self, block: TitleBlock) -> list[Flowable]:
        s, m, tags = self.styles, self.markup, self.tags
        parts: list[Flowable] = [Paragraph(m.spans(block.title, bold=True), s.title, tag=tags.add("H1"))]
        if block.subtitle:
            parts.append(Paragraph(m.spans(block.subtitle), s.subtitle, tag=tags.add("P")))
        parts.append(Paragraph(m.spans(block.dateline, bold=True), s.dateline, tag=tags.add("P")))
        parts.append(Paragraph(m.spans(block.authors), s.dateline, tag=tags.add("P")))
        if block.cutoff:
            parts.append(Paragraph(m.spans(block.cutoff), s.dateline, tag=tags.add("P")))
        parts.append(HRFlowable(width="100%", thickness=1.5, color=colour(self.theme.colours.primary),
                                spaceBefore=4, spaceAfter=10))
        return parts

    def _heading(self, block: Heading) -> list[Flowable]:
        self._headings += 1
        style = self.styles.heading1 if block.level <= 1 else self.styles.heading2
        paragraph = Paragraph(self.markup.text(block.text, bold=True), style,
                              tag=self.tags.add(f"H{block.level + 1}"))
        paragraph.outlined = Outlined(block.level - 1, block.text, f"heading-{self._headings}")
        return [paragraph]

    def _paragraph(self, block: TextParagraph) -> list[Flowable]:
        style = self.styles.byline if block.role == "byline" else self.styles.body
        return [Paragraph(self.markup.spans(block.spans), style, tag=self.tags.add("P"))]

    def _bullets(self, block: BulletList) -> list[Flowable]:
        items = self.tags.add("L", numbering="Disc")
        paragraphs: list[Flowable] = []
        for item in block.items:
            label, body = self._item(items)
            paragraphs.append(Paragraph(self.markup.spans(item), self.styles.bullet, tag=body.add("P"), label=label,
                                        bulletText="\u2022"))
        return paragraphs

    @staticmethod
    def _item(items: Element) -> tuple[Element, Element]:
        """A new list item of ``items``: its label and its body."""
        item = items.add("LI")
        return item.add("Lbl"), item.add("LBody")

    def _callout(self, block: Callout) -> list[Flowable]:
        s, m = self.styles, self.markup
        bottom_line = block.role == "bottom-line"
        edge = self.theme.colours.callout_border if bottom_line else self.theme.colours.accent
        style = s.callout if bottom_line else s.note
        box = self.tags.add("Div")
        title = Paragraph(m.text(block.title, bold=True), s.callout_title, tag=box.add("P"))
        paragraphs = [Paragraph(m.spans(p), style, tag=box.add("P")) for p in block.paragraphs]
        # One row per paragraph, so a long box breaks between paragraphs, never after its title alone.
        rows: list[list[Flowable | list[Flowable]]] = [
            [[title, paragraphs[0]]],
            *([p] for p in paragraphs[1:])]
        box = Table(rows, colWidths=[self.width], spaceAfter=8,
                    splitInRow=1 if self._has_tall_row(rows, [self.width], (10, 10)) else 0, style=self._style([
                        ("BACKGROUND", (0, 0), (-1, -1), colour(self.theme.colours.callout_fill)),
                        ("LINEBEFORE", (0, 0), (0, -1), 3, colour(edge)),
                        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                        # A cell drops its last paragraph's space after; the padding puts it back.
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), style.spaceAfter),
                        ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                    ]))
        return [box]

    def _judgment(self, block: Judgment) -> list[Flowable]:
        s, m = self.styles, self.markup
        if self._judgments is None:
            self._judgments = self.tags.add("L", numbering="Decimal")
        label, body = self._item(self._judgments)
        # The statement and estimate styles keep with what follows, so a judgment never parts
        # from its likelihood and a heading never parts from the first judgment.
        return [
            Paragraph(m.spans(block.statement, bold=True), s.judgment, bulletText=f"{block.number}.",
                      tag=body.add("P"), label=label),
            Paragraph(m.text(block.estimate, bold=True), s.estimate, tag=body.add("P")),
            *(Paragraph(m.text(label, italic=True) + m.spans(spans), s.basis, tag=body.add("P"))
              for label, spans in block.reasons),
        ]

    def _table(self, block: DataTable) -> list[Flowable]:
        s, m = self.styles, self.markup
        total = sum(block.widths)
        widths = [self.width * w / total for w in block.widths]
        grid = self.tags.add("Table")
        caption = Paragraph(m.text(block.caption.text, bold=True), s.caption, tag=grid.add("Caption"))
        header_row = grid.add("TR")
        header = [Paragraph(m.text(name, bold=True), s.header_cell, tag=header_row.add("TH", scope="Column"))
                  for name in block.columns]
        rows = []
        for row in block.rows:
            tagged_row = grid.add("TR")
            rows.append([Paragraph(m.spans(cell), s.cell, tag=tagged_row.add("TD")) for cell in row])
        ink = self.theme.colours
        table = Table([header, *rows], colWidths=widths, repeatRows=1, spaceAfter=10,
                      splitInRow=1 if self._has_tall_row(rows, widths, (CELL_PADDING, CELL_PADDING)) else 0, style=self._style([
                          ("BACKGROUND", (0, 0), (-1, 0), colour(ink.table_header_fill)),
                          ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colour("FFFFFF"), colour(ink.table_stripe)]),
                          ("LINEBELOW", (0, 1), (-1, -1), 0.25, colour(ink.rule)),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                          ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                          ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
                      ]))
        return [caption, table]

    def _figure(self, block: Figure) -> list[Flowable]:
        """The drawing, never taller than most of a page, kept on one page with its caption and credit.

        Tagged as a Figure whose alt text is the layout's; the caption is its own Caption element.
        """
        m = self.markup
        width = min(self.width, block.width * self.height * 0.75 / block.height)
        caption = m.text(block.title, bold=True) + (f"<br/>{m.text(block.credit)}" if block.credit else "")
        picture = FigureFlowable(block, self.family, width, self.tags.add("Figure", alt=block.alt))
        picture.keepWithNext = 1  # with its caption; and, as no container is, with a heading before it
        return [picture, Paragraph(caption, self.styles.figure_caption, tag=self.tags.add("Caption"))]

    def _style(self, commands: list[tuple]) -> TableStyle:
        # A table's own text defaults to Helvetica; naming our face keeps the standard 14 fonts out.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.family.regular.name), *commands])

    def _has_tall_row(self, rows: list[list[Flowable | list[Flowable]]], widths: list[float],
                      padding: tuple[float, float]) -> bool:
        """Whether a row could not fit on a page whole; only then may rows break across pages.

        ``padding`` is the cells' left and right padding: measured at the width the table will
        give them, a paragraph breaks its lines once for both (see internals).
        """
        limit = self.height * 0.8
        left, right = padding
        for row in rows:
            for cell, width in zip(row, widths):
                parts = cell if isinstance(cell, list) else [cell]
                if sum(p.wrap(width - left - right, self.height)[1] for p in parts) > limit:
                    return True
        return False

    def _quote(self, block: Quote) -> list[Flowable]:
        s, m = self.styles, self.markup
        indent = 14
        quote = self.tags.add("BlockQuote")
        content = [Paragraph(m.spans(block.spans, italic=True), s.quote, tag=quote.add("P")),
                   Paragraph(m.spans(block.attribution), s.attribution, tag=quote.add("P"))]
        width = self.width - indent
        box = Table([[content]], colWidths=[width], hAlign="RIGHT", spaceAfter=8,
                    splitInRow=1 if self._has_tall_row([content], [width], (10, 0)) else 0,
                    style=self._style([
                        ("LINEBEFORE", (0, 0), (0, -1), 2, colour(self.theme.colours.accent)),
                        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ]))
        return [box]

    def _bibliography(self, block: Bibliography) -> list[Flowable]:
        # A list of the sources, each a bibliography entry.
        entries = self.tags.add("L", numbering="None")
        return [Paragraph(self.markup.spans(ref), self.styles.source, tag=entries.add("LI").add("LBody").add("BibEntry"))
                for _, ref in block.entries]

    def _notes(self, block: Notes) -> list[Flowable]:
        # Each note is the destination its marks link to, and the Note their References point at.
        entries = self.tags.add("L", numbering="Decimal")
        paragraphs: list[Flowable] = []
        for note in block.entries:
            label, body = self._item(entries)
            paragraphs.append(Paragraph(f'<a name="{escape(note.anchor)}"/>' + self.markup.spans(note.spans),
                                        self.styles.note_text, bulletText=note.label, label=label,
                                        tag=body.add("Note", id=note.anchor)))
        return paragraphs

