"""The brief's paragraph styles for reportlab, made from the style table (typography.py).

Every style is set in its family's regular face (the body's, or the headings' where the role says so: its
``font``); bold and italic come only from markup,
so a character a styled face lacks can fall back to the regular face (see markup): the
writer asks the role whether its text is bold or italic.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ...layout.measure import metrics_for
from ...typography import BriefRoles, Look, typography
from ...theme import Theme
from .fonts import Family, family_of
from ...value import Value


@lru_cache(maxsize=None)
def colour(rrggbb: str) -> HexColor:
    # Cached: a brief has a dozen colours, asked for by every shape, rule and fill.
    return HexColor(f"#{rrggbb}")


class Styles(Value):
    roles: BriefRoles  # the table the styles are made from, for the boxes and rules the writer draws
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    dateline: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
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
    roles = typography(theme).brief
    font = family.regular.name
    body = roles.body.in_pdf
    # reportlab's own breaking of addresses stays off (uriWasteReduce): it breaks after "https://" and sets the
    # rest past the margin. Where an address breaks is the layout's rule (layout/line_breaks.py, word_breaks.py).
    base = ParagraphStyle(
        "body", fontName=font, fontSize=body.size, leading=body.size * body.flow.line * _single(body),
        textColor=colour(body.colour),
        spaceAfter=body.flow.after, alignment=TA_LEFT, bulletFontName=font, allowWidows=0, allowOrphans=0,
        splitLongWords=1, uriWasteReduce=0)

    def derive(name: str, look: Look, *, mark: Look | None = None, mark_face: str | None = None) -> ParagraphStyle:
        """A style of ``look``; ``mark``: the look of the number or bullet hanging before its text."""
        flow = look.flow
        # Text in a box (a fill or an edge) is indented by the box the writer draws around it.
        boxed = look.fill is not None or look.edge is not None
        changes: dict[str, object] = dict(
            fontName=family_of(look.font).regular.name, fontSize=look.size, leading=look.size * flow.line * _single(look),
            textColor=colour(look.colour), spaceBefore=flow.before, spaceAfter=flow.after,
            leftIndent=0 if boxed else flow.left, keepWithNext=int(flow.keep))
        if mark is None:
            if flow.hanging:
                changes["firstLineIndent"] = -flow.hanging
        else:
            changes.update(bulletIndent=flow.left - flow.hanging, bulletFontSize=mark.size,
                           bulletColor=colour(mark.colour))
            if mark_face:
                changes["bulletFontName"] = mark_face
        return ParagraphStyle(name, parent=base, **changes)

    r = {name: getattr(roles, name).in_pdf for name in ("title", "subtitle", "dateline", "heading1", "heading2",
                                                         "heading3", "bottom_line_title", "bottom_line", "editor_note",
                                                         "judgment", "judgment_number", "estimate", "basis",
                                                         "table_text", "table_header", "caption", "quote",
                                                         "attribution", "bullet", "bullet_mark", "bibliography",
                                                         "notes", "byline", "figure_caption")}
    return Styles(
        roles=roles,
        body=base,
        title=derive("title", r["title"]),
        subtitle=derive("subtitle", r["subtitle"]),
        dateline=derive("dateline", r["dateline"]),
        heading1=derive("heading1", r["heading1"]),
        heading2=derive("heading2", r["heading2"]),
        heading3=derive("heading3", r["heading3"]),
        callout_title=derive("callout-title", r["bottom_line_title"]),
        callout=derive("callout", r["bottom_line"]),
        note=derive("note", r["editor_note"]),
        judgment=derive("judgment", r["judgment"], mark=r["judgment_number"],
                        mark_face=family.face(bold=r["judgment_number"].bold, italic=False).name),
        estimate=derive("estimate", r["estimate"]),
        basis=derive("basis", r["basis"]),
        cell=derive("cell", r["table_text"]),
        header_cell=derive("header-cell", r["table_header"]),
        caption=derive("caption", r["caption"]),
        quote=derive("quote", r["quote"]),
        attribution=derive("attribution", r["attribution"]),
        bullet=derive("bullet", r["bullet"], mark=r["bullet_mark"]),
        source=derive("source", r["bibliography"]),
        note_text=derive("note-text", r["notes"], mark=r["notes"]),
        byline=derive("byline", r["byline"]),
        figure_caption=derive("figure-caption", r["figure_caption"]),
    )


def _single(look: Look) -> float:
    """The single line of the look's font, in ems: a role's line is a multiple of it, as in Word."""
    return metrics_for(look.font).line(1.0)
