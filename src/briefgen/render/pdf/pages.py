"""The brief's pages: every page under the layout's running header and over its running footer, marked top
and bottom right and numbered as the layout words it, and the outline built as headings land.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from ...layout.document import PAGE, PAGES, Running, Watermark
from ...layout.properties import Properties
from ...typography import WATERMARK_OPACITY, marking_in, typography
from ...theme import MM, Theme
from .bidi import visual
from .canvas import TaggedCanvas
from .figures import draw_logo
from .fonts import Family
from .internals import BodyFrame, KeptWithNext, frame_cursor, leave_open
from .styles import colour
from .tags import Structure
from .xmp import packet

TOTAL_FORM = "page-total"


class Outlined:
    """What a heading flowable carries so that the page template can bookmark it."""

    def __init__(self, level: int, title: str, key: str):
        self.level, self.title, self.key = level, title, key


class BriefTemplate(BaseDocTemplate):
    """A4 or Letter pages from the theme; reproducible bytes; outline shown when the file opens."""

    def __init__(self, out: BinaryIO, theme: Theme, family: Family, about: Properties, running: Running,
                 when: datetime, structure: Structure):
        page = theme.page
        super().__init__(
            out, pagesize=page.size_pt,
            leftMargin=page.margin_left_mm * MM, rightMargin=page.margin_right_mm * MM,
            topMargin=page.margin_top_mm * MM, bottomMargin=page.margin_bottom_mm * MM,
            title=about.title, author=about.author, subject=about.subject,
            keywords=about.keywords, creator=about.application, lang=about.language,
            invariant=1, displayDocTitle=1, initialFontName=family.regular.name,
            keepTogetherClass=KeptWithNext)
        self._family, self._running = family, running
        self._structure, self._metadata = structure, packet(about, when)
        self._stamp = when.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
        self._roles = typography(theme).brief
        footer = self._roles.footer.in_pdf
        self._total_style: tuple[str, float, str] = (family.regular.name, footer.size, footer.colour)
        self._outline_level = -1
        frame = BodyFrame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("page", frames=[frame], onPage=lambda c, d: self._decorate(c),
                         onPageEnd=lambda c, d: self._watermark(c, running.watermark) if running.watermark else None),
        ])

    def build(self, flowables: list[Flowable]) -> None:  # type: ignore[override]
        """Lay the brief out once, then write the page total into the form every footer shows.

        A PDF form may be drawn before it is defined, so one layout pass suffices: multiBuild
        would lay the whole brief out twice only to learn the number of pages.
        """
        leave_open(self)
        super().build(flowables, canvasmaker=partial(TaggedCanvas, structure=self._structure,
                                                     metadata=self._metadata))
        face, size, rgb = self._total_style
        self.canv.beginForm(TOTAL_FORM)
        self.canv.setFont(face, size)
        self.canv.setFillColor(colour(rgb))
        self.canv.drawString(0, 0, str(self.page))
        self.canv.endForm()
        self.canv.save()

    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's hook, once per pass on a new canvas
        self._outline_level = -1
        self.canv.setDateFormatter(lambda *_: self._stamp)
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        outlined = getattr(flowable, "outlined", None)
        if outlined is None:
            return
        # An outline may step down one level at a time only.
        level = min(outlined.level, self._outline_level + 1)
        self._outline_level = level
        # The frame's cursor sits just below the heading: the reader lands with it at the top.
        top = frame_cursor(self.frame) + getattr(flowable, "height", 0) + flowable.getSpaceBefore()
        self.canv.bookmarkHorizontalAbsolute(outlined.key, top)
        self.canv.addOutlineEntry(outlined.title, outlined.key, level=level, closed=False)

    def _decorate(self, canvas: Canvas) -> None:
        running, header, footer = self._running, self._roles.header.in_pdf, self._roles.footer.in_pdf
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        regular = self._family.regular
        canvas.saveState()

        box_top = height - 10 * MM
        box_left, baseline = self._marking(canvas, right, box_top)
        canvas.setFont(regular.name, header.size)
        canvas.setFillColor(colour(header.colour))
        if running.copy:  # a numbered copy: whose it is, just before the marking, never cut
            copy = self._family.drawable(visual(running.copy))
            box_left -= self._runs(canvas, box_left - 6, baseline, copy, header.size, right_aligned=True) + 6
        text = self._family.drawable(visual(running.header))
        start = left
        if running.logo:  # at the left, centred on the middle of the header's capitals, the short title after it
            logo = running.logo
            draw_logo(canvas, logo, left, baseline + header.size * regular.cap_height / 2 - logo.height / 2)
            start += logo.width + logo.gap
        canvas.setFont(regular.name, header.size)
        canvas.setFillColor(colour(header.colour))
        self._runs(canvas, start, baseline, _fitted(text, regular.name, header.size, box_left - start - 12), header.size)
        canvas.setStrokeColor(colour(header.edge.colour))
        canvas.setLineWidth(header.edge.width)
        rule_y = height - self.topMargin + 4 * MM
        canvas.line(left, rule_y, right, rule_y)

        footer_rule = self.bottomMargin - 5 * MM
        if (footer.edge.colour, footer.edge.width) != (header.edge.colour, header.edge.width):  # else the same pen
            canvas.setStrokeColor(colour(footer.edge.colour))
            canvas.setLineWidth(footer.edge.width)
        canvas.line(left, footer_rule, right, footer_rule)
        box_left, baseline = self._marking(canvas, right, footer_rule - 3 * MM)
        small = footer.size
        canvas.setFont(regular.name, small)
        canvas.setFillColor(colour(footer.colour))
        self._runs(canvas, left, baseline, self._family.drawable(visual(running.footer)), small)
        number = str(canvas.getPageNumber())
        # Centred as if the total had as many digits as this page's number; the total is a form
        # filled in after the last page (see build).
        pieces = [number if p == PAGE else p for p in running.page]
        width = sum(stringWidth(number if p == PAGES else p, regular.name, small) for p in pieces)
        x = (left + right - width) / 2
        for piece in pieces:
            if piece == PAGES:
                canvas.saveState()
                canvas.translate(x, baseline)
                canvas.doForm(TOTAL_FORM)
                canvas.restoreState()
                x += stringWidth(number, regular.name, small)
            else:
                canvas.drawString(x, baseline, regular.drawable(piece))
                x += stringWidth(regular.drawable(piece), regular.name, small)
        canvas.restoreState()

    def _runs(self, canvas: Canvas, x: float, baseline: float, text: str, size: float, *,
              right_aligned: bool = False) -> float:
        """``text`` (drawable) from ``x`` (or ending there), each run in the face that shows it; its width."""
        pieces = self._family.runs(text, self._family.regular)
        width = sum(stringWidth(piece, shown.name, size) for piece, shown in pieces)
        x -= width if right_aligned else 0
        for piece, shown in pieces:
            canvas.setFont(shown.name, size)
            canvas.drawString(x, baseline, piece)
            x += stringWidth(piece, shown.name, size)
        canvas.setFont(self._family.regular.name, size)  # what follows is set in the regular face
        return width

    def _watermark(self, canvas: Canvas, watermark: Watermark) -> None:
        """The watermark across the page's centre, see-through over all the page shows (an artifact, as
        everything on the page outside the brief's structure)."""
        width, height = self.pagesize
        canvas.saveState()
        canvas.translate(width / 2, height / 2)
        canvas.rotate(watermark.angle)
        canvas.setFont(self._family.bold.name, watermark.size)
        canvas.setFillColor(colour(self._roles.watermark.colour))
        canvas.setFillAlpha(WATERMARK_OPACITY)
        # Centred on the height of its capitals.
        canvas.drawCentredString(0, -watermark.cap_height / 2, self._family.bold.drawable(visual(watermark.text)))
        canvas.restoreState()

    def _marking(self, canvas: Canvas, right: float, top: float) -> tuple[float, float]:
        """Draw the TLP label, its colour on black, with its top-right corner at (right, top).

        Returns the box's left edge and the text baseline, for whatever shares the line.
        """
        label = self._running.marking.value
        role = marking_in(self._roles.marking, self._running.marking).in_pdf
        face = self._family.face(bold=role.bold, italic=role.italic).name
        size = role.size
        pad = size * 0.35
        box_width = stringWidth(label, face, size) + 2 * pad
        box_height = size * 1.45
        left, bottom = right - box_width, top - box_height
        canvas.setFillColor(colour(role.fill))
        canvas.rect(left, bottom, box_width, box_height, stroke=0, fill=1)
        canvas.setFillColor(colour(role.colour))
        canvas.setFont(face, size)
        baseline = bottom + (box_height - size * 0.72) / 2
        canvas.drawString(left + pad, baseline, label)
        return left, baseline


def _fitted(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "\u2026", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "\u2026"
