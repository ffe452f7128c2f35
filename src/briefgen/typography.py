"""Every typographic role a reader sees, once: its size, weight, slant, colour, fill and edges, from the theme.

Word's styles (render/docx/styles.py, numbering.py), the PDF's paragraph styles and boxes
(render/pdf/styles.py, writer.py, pages.py), the deck's text (render/pptx) and the contrast
check (contrast.py) are all made from this table, so changing a heading's colour is one edit
here and Word and the PDF cannot set it apart by accident.

A role's look (family, size, weight, slant, colour, fill, edges) is one for the brief: Word and the
PDF show the same. Its family is the theme's body or heading fonts, as IN_HEADING_FONTS says. How a role sits in the flow (space before and after, line spacing, indents,
what it keeps with) is given for each of them, as Word's spacing may be left to a reference document's.
Both set lines at Word's multiple of the font's single line (1.22 em in Calibri and Carlito): the PDF
runs no longer than Word on the same words.

Where the PDF still shows a role otherwise than Word, the role says so in ``pdf_apart``, and
``KEPT_APART`` lists them all: a reader of both would expect them to agree, and each is one
edit here when it is chosen (tests/test_consistency.py holds both products to this table).
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from .marking import MARKING_BACKGROUND, MIN_MARKING_SIZE, Tlp
from .value import Value, fields, replace

if TYPE_CHECKING:  # the theme's contrast check builds this table as it loads a theme
    from .theme import Colours, DeckSizes, Fonts, Sizes, Theme


class Edge(Value):
    """A rule along some sides of a paragraph or box (``grid``: every cell of a table)."""

    colour: str  # RRGGBB
    width: float  # points
    sides: tuple[str, ...]  # of top, left, bottom, right, grid


NO_EDGE = Edge("", 0.0, ())


class Spacing(Value):
    """How a role sits in one product's flow, in points."""

    before: float = 0.0
    after: float = 0.0
    # A multiple of the font's single line (its ascent, descent and line gap); in Word None keeps the body's (a
    # reference document's Normal, say), in the PDF it sets Word's.
    line: float | None = None
    left: float = 0.0  # where the text starts, from the margin (inside a box: its edge sits ``padding`` before)
    right: float = 0.0
    hanging: float = 0.0  # the first line starts this far left of the others (a number or bullet hangs there)
    keep: bool = False  # kept on the page of what follows
    whole: bool = False  # never broken across pages
    padding: float = 0.0  # between the edge (or the fill's border) and the text; a table's cells: left and right
    inset: float = 0.0  # a table's cells: top and bottom padding
    together: bool = False  # Word: no space between paragraphs of the role, only around the run of them


class Look(Value):
    """A role as one product shows it: ``Role``'s look and that product's spacing."""

    size: float
    colour: str | None
    bold: bool
    italic: bool
    fill: str | None
    edge: Edge | None
    flow: Spacing
    underline: bool = False
    superscript: bool = False
    font: Fonts | None = None


class Role(Value):
    """One typographic role: what a reader sees of it, the same in Word and the PDF, and where it sits in each."""

    name: str  # as a reader would call it: "captions", in the contrast check's messages
    size: float  # points; 0 for a role that sets no text of its own (a rule, a table's grid)
    colour: str | None  # RRGGBB; None for a role that sets no text of its own
    bold: bool = False
    italic: bool = False
    fill: str | None = None  # background
    edge: Edge | None = None
    word: Spacing = Spacing()
    pdf: Spacing = Spacing()
    underline: bool = False
    superscript: bool = False
    links: bool = False  # its text may hold links and note marks (set in their colours on its fill)
    # Not text to be read but a mark (a draft's watermark): WCAG 1.4.3 exempts such incidental text from contrast.
    decorative: bool = False
    pdf_apart: tuple[tuple[str, Any], ...] = ()  # (field, value): what the PDF still shows otherwise
    # The family it is set in: the theme's body or heading fonts (IN_HEADING_FONTS); None in a table made for
    # colours and sizes alone (the contrast check's).
    font: Fonts | None = None

    @cached_property
    def in_word(self) -> Look:
        return self._look(self.word, ())

    @cached_property
    def in_pdf(self) -> Look:
        # The PDF sets its lines as Word does: Word's multiple of the font's single line, or single.
        flow = self.pdf if self.pdf.line is not None else replace(self.pdf, line=self.word.line or 1.0)
        return self._look(flow, self.pdf_apart)

    def _look(self, flow: Spacing, apart: tuple[tuple[str, Any], ...]) -> Look:
        look = {name: getattr(self, name) for name in fields(Look) if name != "flow"}
        look.update(apart)
        if look["edge"] == NO_EDGE:
            look["edge"] = None
        return Look(flow=flow, **look)


class BriefRoles(Value):
    """The roles of the brief, Word's and the PDF's."""

    body: Role
    title: Role
    subtitle: Role
    dateline: Role  # "Organisation · date" under the subtitle
    details: Role  # the authors and the information cut-off under it
    title_block: Role  # the rule that closes the title block
    heading1: Role
    heading2: Role
    heading3: Role
    bullet: Role
    bullet_mark: Role
    bottom_line: Role
    bottom_line_title: Role
    editor_note: Role
    editor_note_title: Role
    judgment: Role
    judgment_number: Role
    estimate: Role
    basis: Role
    caption: Role  # above a table; also below a figure in Word
    figure_caption: Role  # below a figure in the PDF
    table: Role  # the grid: its lines, stripes and cell padding; its edge sits at the margin (``left`` from it)
    figure: Role  # a drawn figure or picture: its left edge at the margin, as the text's and the tables' are
    table_text: Role
    table_header: Role
    quote: Role
    attribution: Role
    notes: Role  # the numbered notes
    note_mark: Role
    link: Role
    bibliography: Role
    byline: Role  # each author's paragraph in "About the authors"
    header: Role
    footer: Role
    marking: Role  # the TLP label, its colour given by the label (see marking_in)
    figure_label: Role  # labels inside drawn figures on the page
    watermark: Role  # "DRAFT" across every page of a draft, behind the text


class DeckRoles(Value):
    """The roles of the slide deck: sizes the deck's planner fits between, and the colours it sets."""

    title: Role  # fitted from this size down to ``TITLE_MIN``; the title slide's starts larger
    title_slide: Role
    body: Role  # fitted from this size down to ``min_body``
    min_body: float
    badge: Role  # a judgment's likelihood and confidence under it
    link: Role  # an address in a slide's text, as PowerPoint and LibreOffice show it (not their theme's pure blue)
    notes: Role  # the speaker notes
    marking: Role
    slide_number: Role
    footer: Role  # a draft's version and date
    copy: Role  # a numbered copy's line, beside the marking
    figure_caption: Role
    figure_label: Role  # at its least: a figure is drawn at the largest label size that fits
    table_header: Role
    table_text: Role
    watermark: Role  # "DRAFT" across every slide of a draft, behind what is on it


class Typography(Value):
    brief: BriefRoles
    deck: DeckRoles


# The deck's sizes that no theme sets, in points; the deck's planner fits its text between them.
TITLE_MIN = 24.0  # the smallest a slide title is set while it fits the frame …
TITLE_LEAST = 20.0  # … and a long one (a headline of 15 long words), before its words go to the body
TITLE_SLIDE_LARGER = 8.0  # the title slide's title may start this much larger than a slide's
MAIN_LARGER = 6.0  # a main slide's text may be set this much above the theme's body size
SLIDE_MARKING_SIZE = 14.0  # the TLP label at the top right of every slide
SLIDE_COPY_SIZE = 10.0  # a numbered copy's line beside it
SLIDE_FOOTER_SIZE = 12.0  # the slide number, a draft's version and date
SLIDE_FIGURE_SIZES = (18.0, 16.0, 15.0, 14.0, 13.0, 12.0)  # label sizes tried on a slide, largest first
SLIDE_LABEL_LEAST = 12.0  # no label, legend or credit is set smaller: it must be read across a room
SLIDE_CREDIT_SIZE = 12.0  # a figure's caption and credit on a slide
SLIDE_TABLE_SIZES = (18.0, 16.0, 14.0)  # a table's text sizes tried on a slide, largest first


# The roles set in the theme's heading family (a reference's heading font, Word's and PowerPoint's major
# font); every other role is set in its body family. The deck's subtitle is the title slide's body text.
IN_HEADING_FONTS = {BriefRoles: ("title", "subtitle", "heading1", "heading2", "heading3"),
                    DeckRoles: ("title", "title_slide")}


@lru_cache(maxsize=8)
def typography(theme: Theme) -> Typography:
    """The theme's roles for the brief and the deck."""
    body, heading = theme.fonts, theme.heading_fonts or theme.fonts
    return Typography(brief=in_fonts(brief_roles(theme.sizes, theme.colours), body, heading),
                      deck=in_fonts(deck_roles(theme.deck, theme.colours), body, heading))


def in_fonts(roles: BriefRoles | DeckRoles, body: Fonts, heading: Fonts) -> Any:
    """``roles``, each set in the ``heading`` family if IN_HEADING_FONTS names it, else in the ``body`` one."""
    heading_roles = IN_HEADING_FONTS[type(roles)]
    return replace(roles, **{name: replace(role, font=heading if name in heading_roles else body)
                             for name in fields(roles) if isinstance(role := getattr(roles, name), Role)})


WATERMARK_SIZE = 110.0  # points: "DRAFT" across an A4 or Letter page at 45 degrees
# The watermark's opacity: faint enough that the text keeps its contrast, seen at a glance on every page.
# The PDF and the deck lay it over what the page shows (a table's fills would hide it); Word sets it
# behind the text, in the colour it would have over white (Word's run colours have no opacity).
WATERMARK_OPACITY = 0.25


def tint(colour: str, strength: float) -> str:
    """``colour`` laid over white at ``strength`` (0 white … 1 the colour)."""
    rgb = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * strength):02X}" for v in rgb)


def marking_in(role: Role, marking: Tlp) -> Role:
    """The marking role as ``marking`` is shown: TLP 2.0's colour for the label, on black."""
    return replace(role, colour=marking.colour)


def brief_roles(s: Sizes, c: Colours) -> BriefRoles:
    """The table for the brief, from the theme's sizes and colours."""
    # Tables, notes, captions and the editor's note sit just above small: readable on paper in
    # Calibri, while the brief keeps to a few pages.
    secondary = s.small + 0.5
    quote_edge = Edge(c.accent, 1.5, ("left",))
    pdf_quote_edge = ("edge", Edge(c.accent, 2, ("left",)))
    callout_title = (("size", s.heading2), ("colour", c.primary))
    # The body: in Word every paragraph style is based on it, in the PDF every paragraph style.
    body = Role("body text", s.body, c.text, links=True, word=Spacing(after=4, line=1.0),
                pdf=Spacing(after=4))
    details = Role("datelines", s.body, c.muted, word=Spacing(after=2, keep=True), pdf=Spacing(after=2),
                   pdf_apart=(("size", secondary),))
    heading = Spacing(before=7, after=2, line=1.0, keep=True, whole=True)
    return BriefRoles(
        body=body,
        title=Role("the title", s.title, c.primary, bold=True,
                   word=Spacing(after=4, line=1.0, keep=True, together=True),
                   pdf=Spacing(after=s.title * 0.3)),
        subtitle=Role("subtitles", s.subtitle, c.muted, links=True, word=Spacing(after=8, line=1.05, keep=True),
                      pdf=Spacing(after=s.subtitle * 0.6)),
        dateline=replace(details, pdf_apart=(("size", secondary), ("bold", True))),
        details=details,
        title_block=Role("the title block", 0, None, pdf=Spacing(before=4, after=10),
                         pdf_apart=(("edge", Edge(c.primary, 1.5, ("bottom",))),)),
        heading1=Role("headings", s.heading1, c.primary, bold=True, edge=Edge(c.rule, 0.5, ("bottom",)),
                      word=replace(heading, before=10, after=4, padding=1),
                      pdf=Spacing(before=10, after=4, keep=True),
                      pdf_apart=(("edge", NO_EDGE),)),
        heading2=Role("headings", s.heading2, c.primary, bold=True, word=heading,
                      pdf=Spacing(before=7, after=2, keep=True)),
        heading3=Role("headings", s.heading3, c.text, bold=True, word=heading,
                      pdf=Spacing(before=7, after=2, keep=True)),
        bullet=Role("list items", s.body, c.text, links=True,
                    word=Spacing(after=2, left=17, hanging=11.35, together=True),
                    pdf=Spacing(after=2, left=14, hanging=12)),
        bullet_mark=Role("list bullets", s.body, c.text, pdf_apart=(("colour", c.primary),)),
        bottom_line=Role("the bottom line", s.body + 0.5, c.text, fill=c.callout_fill, links=True,
                         edge=Edge(c.callout_border, 1.5, ("top", "left", "bottom", "right")),
                         word=Spacing(after=4, left=7.1, right=7.1, padding=6),
                         pdf=Spacing(after=s.body * 0.4, left=10, padding=10),
                         pdf_apart=(("size", s.body), ("edge", Edge(c.callout_border, 3, ("left",))))),
        bottom_line_title=Role("callout titles", s.body + 0.5, c.text, bold=True, fill=c.callout_fill,
                               word=Spacing(after=4, left=7.1, right=7.1, keep=True, padding=6),
                               pdf=Spacing(after=3, left=10, keep=True, padding=10),
                               pdf_apart=callout_title),
        editor_note=Role("the editor's note", secondary, c.muted, edge=Edge(c.accent, 1.5, ("left",)), links=True,
                         word=Spacing(after=3, line=1.0, left=7.1, padding=6),
                         pdf=Spacing(after=secondary * 0.4, left=10, padding=10),
                         pdf_apart=(("colour", c.text), ("fill", c.callout_fill),
                                    ("edge", Edge(c.accent, 3, ("left",))))),
        editor_note_title=Role("callout titles", secondary, c.muted, bold=True,
                               word=Spacing(after=3, line=1.0, left=7.1, keep=True, padding=6),
                               pdf=Spacing(after=3, left=10, keep=True, padding=10),
                               pdf_apart=(*callout_title, ("fill", c.callout_fill))),
        judgment=Role("key judgments", s.body, c.text, bold=True, links=True,
                      word=Spacing(before=4, after=1, left=17, hanging=17, keep=True),
                      pdf=Spacing(after=2, left=20, hanging=20, keep=True)),
        judgment_number=Role("judgment numbers", s.body, c.text, bold=True, pdf_apart=callout_title),
        estimate=Role("likelihood and confidence estimates", s.body - 0.5, c.accent, bold=True,
                      word=Spacing(after=4, left=17, keep=True), pdf=Spacing(after=2, left=20, keep=True),
                      pdf_apart=(("size", secondary),)),
        basis=Role("the basis of judgments", s.body - 0.5, c.text, links=True, word=Spacing(after=4, left=17),
                   pdf=Spacing(after=4, left=20),
                   pdf_apart=(("size", secondary), ("colour", c.muted))),
        caption=Role("captions", secondary, c.muted, bold=True, word=Spacing(before=6, after=3, line=1.0, keep=True),
                     pdf=Spacing(before=6, after=3, keep=True)),
        figure_caption=Role("captions", secondary, c.muted, bold=True,
                            word=Spacing(before=6, after=3, line=1.0, keep=True),
                            pdf=Spacing(before=4, after=s.body * 0.8)),
        table=Role("tables", 0, None, edge=Edge(c.rule, 0.5, ("grid",)),
                   word=Spacing(line=1.0, padding=4.25, inset=1.4), pdf=Spacing(padding=4, inset=3),
                   pdf_apart=(("edge", Edge(c.rule, 0.25, ("bottom",))),)),
        figure=Role("figures", 0, None, word=Spacing(before=8, keep=True), pdf=Spacing(keep=True)),
        table_text=Role("table cells", secondary, c.text, links=True, word=Spacing(before=1, after=1, line=1.0),
                        pdf=Spacing(), pdf_apart=(("fill", c.table_stripe),)),  # every other row
        table_header=Role("table header cells", secondary, c.table_header_text, bold=True, fill=c.table_header_fill,
                          word=Spacing(before=1, after=1, line=1.0), pdf=Spacing()),
        quote=Role("quotations", s.body, c.text, italic=True, edge=quote_edge, links=True,
                   word=Spacing(before=4, after=1, left=21.25, right=21.25, padding=8),
                   pdf=Spacing(after=2, left=24, padding=10), pdf_apart=(pdf_quote_edge,)),
        attribution=Role("attributions", s.body - 1, c.muted, edge=quote_edge, links=True,
                         word=Spacing(after=6, left=21.25, right=21.25, padding=8),
                         pdf=Spacing(left=24, padding=10),
                         pdf_apart=(("size", secondary), pdf_quote_edge)),
        notes=Role("notes", secondary, c.text, links=True, word=Spacing(after=2, line=1.0, left=17, hanging=17),
                   pdf=Spacing(after=2, left=18, hanging=18)),
        note_mark=Role("note numbers", s.body, c.link, superscript=True),
        link=Role("links", s.body, c.link, underline=True, pdf_apart=(("underline", False),)),
        bibliography=Role("sources", s.body, c.text, links=True, word=Spacing(after=4, left=17, hanging=17),
                          pdf=Spacing(after=3, left=18, hanging=18), pdf_apart=(("size", secondary),)),
        byline=Role("author notes", s.body, c.text, links=True, word=body.word,
                    pdf=Spacing(after=4), pdf_apart=(("size", secondary),)),
        header=Role("running headers and footers", s.small, c.muted, word=Spacing(line=1.0),
                    pdf_apart=(("edge", Edge(c.rule, 0.5, ("bottom",))),)),
        footer=Role("running headers and footers", s.small, c.muted, word=Spacing(line=1.0),
                    pdf_apart=(("edge", Edge(c.rule, 0.5, ("top",))),)),
        marking=Role("the marking", max(s.marking, MIN_MARKING_SIZE), "FFFFFF", bold=True, fill=MARKING_BACKGROUND),
        figure_label=Role("figure labels", s.small, c.text),
        watermark=Role("the draft watermark", WATERMARK_SIZE, c.rule, bold=True, decorative=True),
    )


def deck_roles(d: DeckSizes, c: Colours) -> DeckRoles:
    """The table for the deck, from the theme's deck sizes and colours."""
    return DeckRoles(
        title=Role("slide titles", d.title, c.primary, bold=True),
        title_slide=Role("slide titles", d.title + TITLE_SLIDE_LARGER, c.primary, bold=True),
        body=Role("slide text", d.body, c.text),
        min_body=d.min_body,
        badge=Role("estimates on slides", d.min_body, c.accent, bold=True),
        link=Role("links on slides", d.min_body, c.link, underline=True),
        notes=Role("speaker notes", d.notes, c.text),
        marking=Role("the marking", SLIDE_MARKING_SIZE, "FFFFFF", bold=True, fill=MARKING_BACKGROUND),
        slide_number=Role("slide numbers", SLIDE_FOOTER_SIZE, c.text),
        footer=Role("slide footers", SLIDE_FOOTER_SIZE, c.muted),
        copy=Role("a numbered copy's line", SLIDE_COPY_SIZE, c.muted),
        figure_caption=Role("figure captions on slides", SLIDE_CREDIT_SIZE, c.muted, bold=True),
        figure_label=Role("figure labels on slides", SLIDE_LABEL_LEAST, c.text),
        table_header=Role("table header cells on slides", min(SLIDE_TABLE_SIZES), c.table_header_text, bold=True,
                          fill=c.table_header_fill),
        table_text=Role("table cells on slides", min(SLIDE_TABLE_SIZES), c.text,
                        fill=c.table_stripe),  # every other row
        watermark=Role("the draft watermark", WATERMARK_SIZE * 1.2, c.rule, bold=True, decorative=True),
    )


def kept_apart(roles: BriefRoles) -> dict[str, tuple[str, ...]]:
    """Each role the PDF still shows otherwise than Word, with the fields in which it does."""
    return {name: tuple(field for field, _ in role.pdf_apart)
            for name in fields(roles) if (role := getattr(roles, name)).pdf_apart}


__all__ = ["BriefRoles", "DeckRoles", "Edge", "IN_HEADING_FONTS", "Look", "NO_EDGE", "Role", "Spacing", "TITLE_MIN",
           "Typography", "WATERMARK_OPACITY", "brief_roles", "deck_roles", "in_fonts", "kept_apart", "marking_in",
           "tint", "typography"]
