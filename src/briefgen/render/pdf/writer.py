"""Document → PDF with reportlab's platypus: each layout block becomes flowables on the brief's pages."""

from __future__ import annotations

import io
import re
from datetime import datetime

from reportlab.platypus import Flowable, HRFlowable, Table
from reportlab.platypus import TableStyle

from ... import cycles
from ...layout.document import (Bibliography, Block, BulletList, Callout, Document, Figure, Heading, Judgment, Notes,
                               Paragraph as TextParagraph, Quote, Table as DataTable, TitleBlock)
from ...theme import Theme
from ...typography import Look, typography
from ...value import replace
from .figures import FigureFlowable, LogoFlowable
from .fonts import Family, family as font_family, family_of
from .markup import Markup, escape
from .pages import BriefTemplate, Outlined
from .paragraph import LAID_OUT, Paragraph
from .styles import Styles, colour, styles as paragraph_styles
from .tags import Element, Structure


def render(handed: list[Document], theme: Theme, *, when: datetime) -> bytes:
    """The PDF's bytes, of the one document in ``handed``; the same document, theme and ``when`` always give the
    same bytes. The caller hands the document over and holds it no more: it is let go once its flowables are
    made, before the pages are drawn (the layout of a brief near the content cap is ~9 MB of its PDF's peak,
    which drawing the pages then reuses)."""
    document = handed.pop()
    family = font_family(theme)
    out = io.BytesIO()
    structure = Structure(document.properties.language)
    template = BriefTemplate(out, theme, family, document.properties, document.running, when, structure)
    flow = _Flow(family, paragraph_styles(theme, family),
                 Markup(family, typography(theme).brief.link.in_pdf.colour, document.properties.language), structure,
                 template.width, template.height)
    with cycles.paused(), LAID_OUT.render():
        story: list[Flowable] = [flowable for block in document.blocks for flowable in flow.block(block)]
        del document
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


class _Flow:
    """Maps each layout block to flowables in the theme's styles, and to elements of the structure tree.

    The title is the tree's H1, so the brief's parts are H2 and their subdivisions H3.
    """

    def __init__(self, family: Family, styles: Styles, markup: Markup, structure: Structure,
                 width: float, height: float):
        self.family, self.styles, self.markup = family, styles, markup
        self.roles = styles.roles  # each role as the PDF shows it: .in_pdf
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
        s, m, tags, roles = self.styles, self.markup, self.tags, self.roles
        title, subtitle, dateline, details = (roles.title.in_pdf, roles.subtitle.in_pdf, roles.dateline.in_pdf,
                                              roles.details.in_pdf)
        parts: list[Flowable] = [LogoFlowable(block.logo, tags.add("Figure", alt=block.logo.alt))] if block.logo else []
        parts.append(Paragraph(self._in(title).spans(block.title, bold=title.bold), s.title, tag=tags.add("H1")))
        if block.subtitle:
            parts.append(Paragraph(self._in(subtitle).spans(block.subtitle, bold=subtitle.bold), s.subtitle,
                                   tag=tags.add("P")))
        parts.append(Paragraph(m.spans(block.dateline, bold=dateline.bold), s.dateline, tag=tags.add("P")))
        parts.append(Paragraph(m.spans(block.authors, bold=details.bold), s.dateline, tag=tags.add("P")))
        if block.cutoff:
            parts.append(Paragraph(m.spans(block.cutoff, bold=details.bold), s.dateline, tag=tags.add("P")))
        rule = roles.title_block.in_pdf
        parts.append(HRFlowable(width="100%", thickness=rule.edge.width, color=colour(rule.edge.colour),
                                spaceBefore=rule.flow.before, spaceAfter=rule.flow.after))
        return parts

    def _heading(self, block: Heading) -> list[Flowable]:
        self._headings += 1
        level = min(block.level, 3)
        style = (self.styles.heading1, self.styles.heading2, self.styles.heading3)[level - 1]
        role = (self.roles.heading1.in_pdf, self.roles.heading2.in_pdf, self.roles.heading3.in_pdf)[level - 1]
        paragraph = Paragraph(self._in(role).text(block.text, bold=role.bold), style,
                              tag=self.tags.add(f"H{block.level + 1}"))
        paragraph.outlined = Outlined(block.level - 1, block.text, f"heading-{self._headings}")
        return [paragraph]

    def _in(self, look: Look) -> Markup:
        """The markup in the family ``look`` is set in: its faces for bold and italic, and for what they lack."""
        return replace(self.markup, family=family_of(look.font))

    def _paragraph(self, block: TextParagraph) -> list[Flowable]:
        style = self.styles.byline if block.role == "byline" else self.styles.body
        return [Paragraph(self.markup.spans(block.spans), style, tag=self.tags.add("P"), in_frame=True)]

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
        role, title_role = ((self.roles.bottom_line.in_pdf, self.roles.bottom_line_title.in_pdf) if bottom_line
                            else (self.roles.editor_note.in_pdf, self.roles.editor_note_title.in_pdf))
        style = s.callout if bottom_line else s.note
        box = self.tags.add("Div")
        title = [Paragraph(m.text(block.title, bold=title_role.bold), s.callout_title, tag=box.add("P"))
                 ] if block.title else []
        paragraphs = [Paragraph(m.spans(p), style, tag=box.add("P")) for p in block.paragraphs]
        # One row per paragraph, so a long box breaks between paragraphs, never after its title alone.
        rows: list[list[Flowable | list[Flowable]]] = [
            [[*title, paragraphs[0]]],
            *([p] for p in paragraphs[1:])]
        padding = role.flow.padding
        box = Table(rows, colWidths=[self.width], spaceAfter=8,
                    splitInRow=1 if self._has_tall_row(rows, [self.width], (padding, padding)) else 0,
                    style=self._style([
                        ("BACKGROUND", (0, 0), (-1, -1), colour(role.fill)),
                        ("LINEBEFORE", (0, 0), (0, -1), role.edge.width, colour(role.edge.colour)),
                        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                        # A cell drops its last paragraph's space after; the padding puts it back.
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), style.spaceAfter),
                        ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                    ]))
        return [box]

    def _judgment(self, block: Judgment) -> list[Flowable]:
        s, m, roles = self.styles, self.markup, self.roles
        if self._judgments is None:
            self._judgments = self.tags.add("L", numbering="Decimal")
        label, body = self._item(self._judgments)
        # The statement and estimate styles keep with what follows, so a judgment never parts
        # from its likelihood and a heading never parts from the first judgment.
        return [
            Paragraph(m.spans(block.statement, bold=roles.judgment.in_pdf.bold), s.judgment,
                      bulletText=f"{block.number}.", tag=body.add("P"), label=label),
            Paragraph(m.text(block.estimate, bold=roles.estimate.in_pdf.bold), s.estimate, tag=body.add("P")),
            *(Paragraph(m.text(label, italic=True) + m.spans(spans), s.basis, tag=body.add("P"))
              for label, spans in block.reasons),
        ]

    def _table(self, block: DataTable) -> list[Flowable]:
        s, m, roles = self.styles, self.markup, self.roles
        total = sum(block.widths)
        widths = [self.width * w / total for w in block.widths]
        grid = self.tags.add("Table")
        caption = [Paragraph(m.text(block.caption.text, bold=roles.caption.in_pdf.bold), s.caption,
                             tag=grid.add("Caption"))] if block.caption.shown else []
        header_row = grid.add("TR")
        header = [Paragraph(m.text(name, bold=roles.table_header.in_pdf.bold), s.header_cell,
                            tag=header_row.add("TH", scope="Column")) for name in block.columns]
        rows = []
        for row in block.rows:
            tagged_row = grid.add("TR")
            rows.append([Paragraph(m.spans(cell), s.cell, tag=tagged_row.add("TD")) for cell in row])
        look = roles.table.in_pdf
        padding, inset, edge = look.flow.padding, look.flow.inset, look.edge
        table = Table([header, *rows], colWidths=widths, repeatRows=1, spaceAfter=10,
                      splitInRow=1 if self._has_tall_row(rows, widths, (padding, padding)) else 0, style=self._style([
                          ("BACKGROUND", (0, 0), (-1, 0), colour(roles.table_header.in_pdf.fill)),
                          # Every other row striped, from the white first.
                          ("ROWBACKGROUNDS", (0, 1), (-1, -1),
                           [colour("FFFFFF"), colour(roles.table_text.in_pdf.fill)]),
                          ("LINEBELOW", (0, 1), (-1, -1), edge.width, colour(edge.colour)),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), padding),
                          ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                          # A point less above: the font's ascent already leaves room over the text.
                          ("TOPPADDING", (0, 0), (-1, -1), inset - 1),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), inset),
                      ]))
        return [*caption, table]

    def _figure(self, block: Figure) -> list[Flowable]:
        """The drawing, never taller than most of a page, kept on one page with its caption and credit.

        Tagged as a Figure whose alt text is the layout's; the caption is its own Caption element.
        """
        m = self.markup
        width = min(self.width, block.width * self.height * 0.75 / block.height)
        caption = (m.text(block.title, bold=self.roles.figure_caption.in_pdf.bold)
                   + (f"<br/>{m.text(block.credit)}" if block.credit else ""))
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
        s, m, role = self.styles, self.markup, self.roles.quote.in_pdf
        quote = self.tags.add("BlockQuote")
        content = [Paragraph(m.spans(block.spans, italic=role.italic), s.quote, tag=quote.add("P")),
                   Paragraph(m.spans(block.attribution, italic=self.roles.attribution.in_pdf.italic), s.attribution,
                             tag=quote.add("P"))]
        padding = role.flow.padding
        width = self.width - (role.flow.left - padding)  # the box from its edge to the right margin
        box = Table([[content]], colWidths=[width], hAlign="RIGHT", spaceAfter=8, splitInRow=1,
                    style=self._style([
                        ("LINEBEFORE", (0, 0), (0, -1), role.edge.width, colour(role.edge.colour)),
                        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
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

