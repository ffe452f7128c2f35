"""Brief → Deck: a deck planned for its meeting, its slides decided and fitted before any XML is written.

Like pandoc's PowerPoint writer, this is a presentation model: each slide names the template
layout it uses, a title, short items and speaker notes. deck_plan.py decides what the meeting
sees (the main slides, sized to its minutes) and what waits in the backup, and what the
presenter says; deck_fit.py measures the text with the theme font's real widths against the
template's real frames. The PPTX renderer only serialises the result, with the spacing in
slides.py.
"""

from __future__ import annotations

from ..model import Brief
from ..theme import Theme
from . import deck_figures, figures as drawn
from .deck_fit import HEIGHT_RESERVE, TITLE_MIN, WIDTH_RESERVE, Fitter
from .deck_plan import LINK_NUMBER, Plan, plan
from .document import Captions, watermark_of
from .line_breaks import unbroken_ranges_in, without_break_marks
from .measure import metrics_for
from .outline import Labels, Outline
from .properties import fit, properties_of
from .publication import Copy, copy_line
from .slides import (BADGE_SPACE, Box, CONTENT, DeckLogo, COPY_SIZE, EDGE, INDENT, INSET_X, INSET_Y, LAYOUTS, LINE_SPACING,
                     MARKING_GAP, MARKING_HEIGHT, MARKING_SIZE, MARKING_TOP, SECTION,
                     SPACE_BEFORE, TITLE_SLIDE, TWO_CONTENT, Deck, Frame, Geometry, Item, Planned,
                     Slide)
from ..inline import Span
from ..typography import typography
from ..value import replace


def compose(brief: Brief, theme: Theme, geometry: Geometry) -> Deck:
    """The deck for ``brief``, planned for its meeting and fitted to ``geometry`` with ``theme``'s font and sizes."""
    metrics = metrics_for(theme.fonts)
    outline = Outline.of(brief)
    words = outline.labels
    planned = plan(outline)
    marking_width = metrics.width(brief.marking.value, MARKING_SIZE, bold=True) + 2 * INSET_X + 2
    geometry, title_boxes = _clear_of_marking(geometry, marking_width)
    fitter = Fitter(metrics, theme, geometry, words.continued, words.continued_again)
    # The figures' legends number the judgments as the slides do; their captions are numbered as in the brief
    # (both take them in the outline's order), though a slide's title says what its caption would.
    pen = drawn.Pen(metrics, theme.colours, 0.0, replace(words, judgment_key=words.judgment_key_deck),
                    least=deck_figures.LABEL_LEAST)
    captions = Captions(words.caption)
    frame = geometry.bodies[CONTENT][0]
    drawings = {p.key: p for p in (*planned.main, *planned.backup) if p.figure or p.picture}
    numbered: dict[str, list[Slide]] = {}
    # A figure the brief's pages leave to the deck is numbered after theirs, which keep their numbers.
    for key in sorted(planned.figures, key=lambda k: k in drawn.DRAWN and k not in drawn.ON_THE_PAGE):
        if key not in drawings:
            continue
        p = drawings[key]
        numbered[key] = [replace(s, figure=deck_figures.captioned(drawn.numbered(s.figure, captions, words), pen,
                                                                    frame.width))
                           for s in fitter.figure_slides(brief, p, pen)]

    def fitted(p: Planned) -> list[Slide]:
        return numbered[p.key] if p.figure or p.picture else fitter.fit(p)

    main = [fitter.title_slide(outline, _title_notes(outline, planned))]
    main += [s for p in planned.main for s in fitted(p)]
    backup = [s for p in planned.backup for s in fitted(p)]
    # Speaker notes are read from, not set in the slides' narrow lines: without the marks that place line breaks.
    # And no range breaks across lines in any slide's text (line_breaks.py): the joiner has no width, the fit holds.
    slides = [replace(s, notes=without_break_marks(s.notes),
                      bodies=tuple(tuple(replace(i, spans=unbroken_ranges_in(i.spans)) for i in body)
                                   for body in s.bodies))
              for s in _linked(main + backup)]
    watermark = watermark_of(outline, theme, geometry.slide, typography(theme).deck.watermark.size)
    logo = _logo(theme, outline, geometry) if theme.logo else None
    left_out = ()
    if logo and not (logo.title and logo.layouts):
        where = " and ".join(w for w, box in (("its title slide", logo.title), ("its other slides", logo.layouts))
                             if box is None)
        left_out = (f"the logo is left out of the deck's {where}: the template's placeholders leave no "
                    f"{LOGO_LEAST:g} pt high space in a corner clear of them",)
    # A draft's line at the foot of the slides starts right of a logo at the foot.
    dated_left = logo.layouts[0] + logo.layouts[2] + LOGO_GAP if logo and logo.layouts and \
        logo.layouts[1] > geometry.slide[1] / 2 else 0.0
    return Deck(properties=properties_of(brief, words), slides=tuple(slides), marking_width=marking_width,
                title_boxes=title_boxes,
                main=len(main), watermark=watermark, dated=outline.dated if watermark else "",
                dated_left=dated_left, logo=logo, left_out=left_out)


def _clear_of_marking(geometry: Geometry, marking_width: float) -> tuple[Geometry, dict[str, Box]]:
    """The geometry with each layout's title that reaches into the marking's box narrowed to end MARKING_GAP
    before it, and those titles' new boxes. A template may set its titles at the very top and across the
    slide (pandoc's does): a title filling its box would run under the label. A title that would keep less
    than half its width is left as it is."""
    left = geometry.slide[0] - EDGE - marking_width - MARKING_GAP
    below = MARKING_TOP + MARKING_HEIGHT + MARKING_GAP
    boxes = {name: (x, y, left - x, h) for name, ((x, y, w, h), *_) in geometry.furniture.items()
             if y < below and x + w > left and left - x >= w / 2}
    if not boxes:
        return geometry, {}
    titles = {name: replace(frame, width=boxes[name][2] - 2 * INSET_X) if name in boxes else frame
              for name, frame in geometry.titles.items()}
    furniture = {name: (boxes[name], *rest) if name in boxes else (box, *rest)
                 for name, (box, *rest) in geometry.furniture.items()}
    return replace(geometry, titles=titles, furniture=furniture), boxes


# The boxes a logo is fitted into on a slide, keeping its proportions (points): on the title slide as large as
# the brief's, on the other slides' layouts small, in a corner; never less than LOGO_LEAST high, always
# LOGO_GAP from every placeholder and LOGO_MARGIN from the slide's edge, in the slide's left half (the
# marking and a copy's line are at the top right).
TITLE_SLIDE_LOGO = (3.5 * 72, 0.9 * 72)
SLIDE_LOGO = (1.6 * 72, 0.4 * 72)
LOGO_LEAST = 18.0
LOGO_GAP = 7.2
LOGO_MARGIN = 10.8


def _logo(theme: Theme, outline: Outline, geometry: Geometry) -> DeckLogo:
    """Where the logo goes: above the title slide's title (else below its text), and at the foot of the other
    layouts (else above their titles), at the left edge of their titles, clear of every placeholder."""
    image = theme.logo
    title_slide = geometry.furniture.get(TITLE_SLIDE, ())
    others = [box for name in (CONTENT, SECTION, TWO_CONTENT) for box in geometry.furniture.get(name, ())]
    content_left = geometry.furniture[CONTENT][0][0] if geometry.furniture.get(CONTENT) else LOGO_MARGIN
    title_left = title_slide[0][0] if title_slide else LOGO_MARGIN
    return DeckLogo(image, outline.logo_alt,
                    logo_corner(image, TITLE_SLIDE_LOGO, title_left, title_slide, geometry.slide, ("top", "bottom")),
                    logo_corner(image, SLIDE_LOGO, content_left, others, geometry.slide, ("bottom", "top")))


def logo_corner(image, box: tuple[float, float], left: float, furniture, slide: tuple[float, float],
                order: tuple[str, ...]) -> Box | None:
    """The logo at ``left``, at the top or the foot of the slide (the first of ``order`` with room), as large as
    fits ``box`` and the space between the slide's edge and the placeholders it would otherwise overlap."""
    width = min(box[0], slide[0] / 2 - left)
    if width <= 0:
        return None
    scale = min(width / image.pixels[0], box[1] / image.pixels[1])
    w, h = image.pixels[0] * scale, image.pixels[1] * scale
    below = [b for b in furniture if b[0] < left + w + LOGO_GAP and b[0] + b[2] > left - LOGO_GAP]
    for where in order:
        if where == "top":
            room = min((b[1] for b in below), default=slide[1]) - LOGO_GAP - LOGO_MARGIN
        else:
            room = slide[1] - LOGO_MARGIN - max((b[1] + b[3] for b in below), default=0.0) - LOGO_GAP
        if room < LOGO_LEAST:
            continue
        shrink = min(1.0, room / h)
        top = LOGO_MARGIN if where == "top" else slide[1] - LOGO_MARGIN - h * shrink
        return (left, top, w * shrink, h * shrink)
    return None


def numbered(deck: Deck, copy: Copy, theme: Theme, words: Labels) -> Deck:
    """The fitted deck as ``copy``: only the line beside each slide's marking, and its properties, differ.

    Where the template's titles were narrowed clear of the marking, the line goes to the slides' foot: beside
    the marking it would run into a title fitted before the copy's line was known."""
    line = copy_line(copy, words)
    width = metrics_for(theme.fonts).width(line, COPY_SIZE) + 2 * INSET_X + 2
    return replace(deck, copy=line, copy_width=width, copy_at_foot=bool(deck.title_boxes),
                   properties=replace(deck.properties, copy=fit(line)))


def _title_notes(outline: Outline, planned: Plan) -> str:
    brief, words = outline.brief, outline.labels
    opening = (f"{brief.title}. {brief.organisation}, {brief.date.display()}. "
               f"{words.handling}: {brief.marking.value}.\n{words.prepared_by}: "
               + "; ".join(a.name + (f" ({a.role})" if a.role else "") for a in brief.authors) + ".")
    after = planned.main[0].title if planned.main else words.backup_divider
    return f"{opening}\n{words.next.format(title=after)}"


def _linked(slides: list[Slide]) -> list[Slide]:
    """Each link to a backup slide given that slide's number, in its text and as the renderer's jump."""
    first: dict[str, int] = {}
    for number, slide in enumerate(slides, 1):
        for key in (slide.key, *slide.aliases):
            first.setdefault(key, number)
    out = []
    for slide in slides:
        if any(i.link for body in slide.bodies for i in body):
            slide = replace(slide, bodies=tuple(tuple(_jump(i, first[i.link]) if i.link else i for i in body)
                                                for body in slide.bodies))
        out.append(slide)
    return out


def _jump(item: Item, number: int) -> Item:
    return replace(item, spans=tuple(Span(s.text.replace(LINK_NUMBER, str(number)), s.bold, s.italic, s.href)
                                     for s in item.spans), jump=number)


__all__ = ["BADGE_SPACE", "CONTENT", "COPY_SIZE", "Deck", "DeckLogo", "Frame", "Geometry", "HEIGHT_RESERVE", "INDENT", "INSET_X", "INSET_Y",
           "Item", "LAYOUTS", "LINE_SPACING", "MARKING_SIZE", "Planned", "SECTION", "SPACE_BEFORE", "Slide",
           "TITLE_MIN", "TITLE_SLIDE", "TWO_CONTENT", "WIDTH_RESERVE", "compose", "numbered"]
