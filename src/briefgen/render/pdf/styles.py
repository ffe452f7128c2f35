"""The brief's paragraph styles for reportlab, sized and coloured from the theme.

Every style is set in the family's regular face; bold and italic come only from markup,
so a character a styled face lacks can fall back to the regular face (see markup).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ...theme import Theme
from .fonts import Family
from ...value import Value


@lru_cache(maxsize=None)
def colour(rrggbb: str) -> HexColor:
    # Cached: a brief has a dozen colours, asked for by every shape, rule and fill.
    return HexColor(f"#{rrggbb}")


class Styles(Value):
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    dateline: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    callout_title: ParagraphStyle
    callout: ParagraphStyle
    note: ParagraphStyle
    judgment: ParagraphStyle
    estimate: ParagraphStyle
    basis: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    caption: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    bullet: ParagraphStyle
    source: ParagraphStyle
    note_text: ParagraphStyle
    byline: ParagraphStyle
    figure_caption: ParagraphStyle  # below a figure, where a table's caption is above it


@lru_cache(maxsize=4)
def styles(theme: Theme, family: Family) -> Styles:
    """The hierarchy: title > heading 1 > heading 2 > body > tables, notes and attributions."""
    size = theme.sizes
    ink = theme.colours
    font = family.regular.name
    # Tables, notes and sources sit just above small: DejaVu Sans is large for its size,
    # so this stays readable on paper while the brief keeps to a few pages.
    cell_size = size.small + 0.5
    base = ParagraphStyle(
        "body", fontName=font, fontSize=size.body, leading=size.body * 1.35, textColor=colour(ink.text),
        spaceAfter=size.body * 0.5, alignment=TA_LEFT, bulletFontName=font, allowWidows=0, allowOrphans=0,
        splitLongWords=1, uriWasteReduce=0.3)

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    heading = dict(keepWithNext=1, textColor=colour(ink.primary))
    return Styles(
        body=base,
        title=derive("title", fontSize=size.title, leading=size.title * 1.18, spaceAfter=size.title * 0.3,
                     textColor=colour(ink.primary)),
        subtitle=derive("subtitle", fontSize=size.subtitle, leading=size.subtitle * 1.3,
                        spaceAfter=size.subtitle * 0.6, textColor=colour(ink.muted)),
        dateline=derive("dateline", fontSize=cell_size, leading=cell_size * 1.4,
                        textColor=colour(ink.muted), spaceAfter=2),
        heading1=derive("heading1", fontSize=size.heading1, leading=size.heading1 * 1.25,
                        spaceBefore=size.heading1 * 0.9, spaceAfter=size.heading1 * 0.4, **heading),
        heading2=derive("heading2", fontSize=size.heading2, leading=size.heading2 * 1.25,
                        spaceBefore=size.heading2 * 0.7, spaceAfter=size.heading2 * 0.35, **heading),
        callout_title=derive("callout-title", fontSize=size.heading2, leading=size.heading2 * 1.3,
                             spaceAfter=3, textColor=colour(ink.primary), keepWithNext=1),
        callout=derive("callout", spaceAfter=size.body * 0.4),
        note=derive("note", fontSize=cell_size, leading=cell_size * 1.35, spaceAfter=cell_size * 0.4),
        judgment=derive("judgment", leftIndent=20, bulletIndent=0, spaceAfter=2, keepWithNext=1,
                        bulletFontName=family.bold.name, bulletFontSize=size.heading2,
                        bulletColor=colour(ink.primary)),
        estimate=derive("estimate", leftIndent=20, fontSize=cell_size, leading=cell_size * 1.4,
                        textColor=colour(ink.accent), spaceAfter=2, keepWithNext=1),
        basis=derive("basis", leftIndent=20, fontSize=cell_size, leading=cell_size * 1.4,
                     textColor=colour(ink.muted), spaceAfter=size.body * 0.8),
        cell=derive("cell", fontSize=cell_size, leading=cell_size * 1.25, spaceAfter=0),
        header_cell=derive("header-cell", fontSize=cell_size, leading=cell_size * 1.25, spaceAfter=0,
                           textColor=colour(ink.table_header_text)),
        caption=derive("caption", fontSize=cell_size, leading=cell_size * 1.25, spaceBefore=6, spaceAfter=3,
                       textColor=colour(ink.muted), keepWithNext=1),
        quote=derive("quote", spaceAfter=2),
        attribution=derive("attribution", fontSize=cell_size, leading=cell_size * 1.4,
                           textColor=colour(ink.muted), spaceAfter=0),
        bullet=derive("bullet", spaceAfter=size.body * 0.3, leftIndent=14, bulletIndent=2,
                      bulletColor=colour(ink.primary)),
        source=derive("source", fontSize=cell_size, leading=cell_size * 1.35, leftIndent=18, firstLineIndent=-18,
                      spaceAfter=3),
        note_text=derive("note-text", fontSize=cell_size, leading=cell_size * 1.35, leftIndent=18, bulletIndent=0,
                         bulletFontSize=cell_size,
                         spaceAfter=2),
        byline=derive("byline", fontSize=cell_size, leading=cell_size * 1.4),
        figure_caption=derive("figure-caption", fontSize=cell_size, leading=cell_size * 1.3,
                              textColor=colour(ink.muted), spaceBefore=4, spaceAfter=size.body * 0.8),
    )
