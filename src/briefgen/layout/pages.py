"""How many pages Word will likely set the brief on: the cached value NUMPAGES shows until it is updated.

Word and LibreOffice recompute the field when they lay the pages out; this estimate is
what readers that do not lay out (previews, text extractors) see, so it only needs to
be close. It sums the heights of the lines the theme's font breaks each text into, at Word's sizes.
"""

from __future__ import annotations

import math

from ..inline import Span, text_of
from .document import (Bibliography, BulletList, Callout, Document, Figure, Heading, Judgment, Notes, Paragraph,
                               Quote, Table, TitleBlock)
from .measure import Metrics, metrics_for
from ..theme import Theme
from ..typography import typography


def pages(document: Document, theme: Theme, text_width_pt: float) -> int:
    """Pages of the brief's blocks on the theme's text area, at the sizes of Word's styles."""
    roles = typography(theme).brief
    title, subtitle, body, details = (roles.title.in_word.size, roles.subtitle.in_word.size, roles.body.in_word.size,
                                      roles.details.in_word.size)
    table_size, notes_size = roles.table_text.in_word.size, roles.notes.in_word.size
    basis, bibliography = roles.basis.in_word.size, roles.bibliography.in_word.size
    boxed = {"bottom-line": roles.bottom_line.in_word.size, "editor-note": roles.editor_note.in_word.size}
    metrics = metrics_for(roles.body.font)
    page = theme.page
    text_height = page.size_pt[1] - (page.margin_top_mm + page.margin_bottom_mm) * 72 / 25.4

    def block(text: str, size: float, after: float = 4, width: float = text_width_pt, font: Metrics = metrics) -> float:
        lines = sum(font.count((Span(part),), width, size, once=True) for part in text.split("\n"))
        return lines * font.line(size) + after

    height = 0.0
    for item in document.blocks:
        match item:
            case TitleBlock():
                height += (block(text_of(item.title), title, font=metrics_for(roles.title.font))
                           + block(text_of(item.subtitle or ()), subtitle,
                                   font=metrics_for(roles.subtitle.font))
                           + block(text_of(item.dateline), details) + block(text_of(item.authors), details)
                           + (block(text_of(item.cutoff), details) if item.cutoff else 0)
                           + (item.logo.height + item.logo.gap if item.logo else 0))
            case Heading():
                role = roles.heading1 if item.level == 1 else roles.heading2
                height += block(item.text, role.in_word.size, 12, font=metrics_for(role.font))
            case Paragraph() | Quote():
                height += block(text_of(item.spans), body)
            case BulletList():
                height += sum(block(text_of(i), body, 2, text_width_pt - 20) for i in item.items)
            case Callout():
                size = boxed.get(item.role, body)
                height += sum(block(text_of(p), size, 4, text_width_pt - 20) for p in item.paragraphs) + 20
            case Judgment():
                height += block(text_of(item.statement), body, 2) + block(item.estimate, basis, 2)
                height += sum(block(label + text_of(spans), basis) for label, spans in item.reasons)
            case Table():
                total = sum(item.widths)
                widths = [text_width_pt * w / total - 9 for w in item.widths]
                for cells in (item.columns, *(tuple(text_of(c) for c in row) for row in item.rows)):
                    height += max(block(c, table_size, 4, w) for c, w in zip(cells, widths))
                height += block(item.caption.text, table_size, 8) if item.caption.shown else 8
            case Bibliography():
                height += sum(block(text_of(e), bibliography) for _, e in item.entries)
            case Notes():
                height += sum(block(text_of(n.spans), notes_size, 2) for n in item.entries)
            case Figure():
                height += item.height * min(1.0, text_width_pt / item.width) + block(item.title, table_size, 8)
    if document.footnotes:  # at the feet of the pages instead of in a list: the same lines
        height += sum(block(text_of(n.spans), notes_size, 2) for n in document.notes)
    return max(1, math.ceil(height / text_height))
