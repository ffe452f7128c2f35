"""What a deck is made of: the template's frames, a slide's items, fitted slides, and the typesetting they share.

The planner (deck_plan.py) writes items and slides-to-be, the fitter (deck_fit.py) measures and
places them, and the PPTX renderer sets them with exactly the spacing below.
"""

from __future__ import annotations

from functools import cached_property

from ..images import Image
from ..inline import Inline
from ..model import Picture
# The marking's and a copy's line's sizes are the style table's, named here as the deck measures with them.
from ..typography import SLIDE_COPY_SIZE as COPY_SIZE, SLIDE_MARKING_SIZE as MARKING_SIZE
from .deck_figures import DeckTable
from .document import Watermark
from .figures import Figure
from .properties import Properties
from ..value import Value

TITLE_SLIDE = "Title Slide"
CONTENT = "Title and Content"
SECTION = "Section Header"
TWO_CONTENT = "Two Content"
LAYOUTS = (TITLE_SLIDE, CONTENT, SECTION, TWO_CONTENT)

# Typesetting the renderer applies exactly as measured here (multiples of the font size).
LINE_SPACING = 1.25     # exact line pitch; above Carlito's (Calibri's) own 1.221, so nothing is clipped
SPACE_BEFORE = 0.5      # between items
BADGE_SPACE = 0.15      # between an item and its badge
INDENT = 1.0            # hanging indent of a bulleted item
NUMBER_INDENT = 1.8     # and of a numbered one: room for "99."
INSET_X = 7.2           # text frame insets in points, set on every placeholder the deck fills
INSET_Y = 3.6

# The TLP label's box at the top right of every slide, in points: its top edge MARKING_TOP from the slide's,
# its right edge EDGE from the slide's (as the draft's line at the foot is from the left edge), one line high.
# A title that reaches into it is narrowed to end MARKING_GAP before it (deck.py).
MARKING_TOP = 8.64      # 0.12 in
EDGE = 21.6             # 0.3 in
MARKING_HEIGHT = MARKING_SIZE * LINE_SPACING + 2 * INSET_Y
MARKING_GAP = 3.6


Box = tuple[float, float, float, float]  # left, top, width, height in points, from the slide's top-left corner


class Frame(Value):
    """The text area of a placeholder, inside its insets, in points."""

    width: float
    height: float


class Geometry(Value):
    """The template's frames per layout name: where titles and bodies must fit."""

    titles: dict[str, Frame]
    bodies: dict[str, tuple[Frame, ...]]
    slide: tuple[float, float] = (960.0, 540.0)  # the slide's width and height in points (16:9 by default)
    # Per layout, where its title, bodies and slide number are: (left, top, width, height) in points.
    furniture: dict[str, tuple[Box, ...]] = {}


class Item(Value):
    """One paragraph of a slide body: a bulleted point, or plain text, with an optional badge line."""

    spans: Inline
    bullet: bool = True
    badge: str | None = None  # e.g. a judgment's likelihood and confidence, shown as a label below it
    notes: str = ""           # what the presenter says about this item, on a slide that speaks its items
    continued: bool = False   # the rest of a bulleted item split across slides: indented, no bullet
    heading: bool = False     # a run-in label that must not end a slide without what it introduces
    link: str = ""            # the plan's key of the backup slide this item opens (see deck_plan.Unit.key)
    jump: int = 0             # that slide's number, once the deck is fitted: the renderer links to it
    number: int = 0           # an item of a numbered list: its number, set as the list's, not as its text

    @property
    def indent(self) -> float:
        """Its hanging indent, in multiples of the text size."""
        if self.number:
            return NUMBER_INDENT
        return INDENT if self.bullet or self.continued else 0.0

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # Fitting looks an item up by value tens of times per size, and its fields never change.
        return hash((self.spans, self.bullet, self.badge, self.notes, self.continued, self.heading, self.link,
                     self.jump, self.number))


class Planned(Value):
    """A slide before fitting: its text may continue on further slides, its figure may come in parts."""

    layout: str
    title: str
    columns: tuple[tuple[Item, ...], ...]
    notes: str = ""                 # what the presenter says over it; each item's own notes are added after
    figure: str = ""                # a drawn figure of the brief's own data, by name (see figures.draw)
    picture: Picture | None = None  # the analyst's own image
    table: tuple | None = None      # the analyst's own table: document.own_table's columns, rows, widths, caption
    key: str = ""                   # the unit of the plan it shows, which a main slide's link may name
    main: bool = False              # a main slide: one message in few words, set larger than the backup's text
    aliases: tuple[str, ...] = ()   # the units of slides it took in (see deck_plan.Planner.merged)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for column in self.columns for item in column)


class Slide(Value):
    layout: str               # the template layout's name
    title: str
    title_size: float
    title_pitch: float        # its exact line pitch in points: its family's single line at its size (deck_fit.py)
    bodies: tuple[tuple[Item, ...], ...] = ()  # one per body placeholder of the layout
    size: float = 0.0         # the body text size all bodies use
    notes: str = ""
    figure: Figure | None = None    # drawn in the body's frame instead of text
    table: DeckTable | None = None  # likewise
    key: str = ""             # the plan's unit it shows (its first slide is what a link to the unit opens)
    aliases: tuple[str, ...] = ()  # and the units of the slides it took in


class DeckLogo(Value):
    """The theme's logo on the deck: on the title slide, said to a screen reader, and on the layouts of every
    other slide, smaller and decorative. A box is None where the template leaves no room for it."""

    image: Image
    alt: str
    title: Box | None
    layouts: Box | None


class Deck(Value):
    properties: Properties
    slides: tuple[Slide, ...]
    marking_width: float  # of the TLP label's box, in points: its text at MARKING_SIZE within the insets
    # The layouts whose title placeholder is narrowed clear of the marking, with its box (left, top, width, height)
    title_boxes: dict[str, Box] = {}
    main: int = 0         # how many slides the meeting sees, the title slide included; the backup follows
    copy: str = ""          # a numbered copy's line, just left of the marking on every slide
    copy_width: float = 0.0  # its box's width in points: its text at COPY_SIZE within the insets
    # That line at the foot of the slides, at the left, instead: the template's titles reach up beside the marking
    copy_at_foot: bool = False
    watermark: Watermark | None = None  # "DRAFT" across every slide of a draft
    dated: str = ""         # a draft's version and date, at the foot of every slide
    dated_left: float = 0.0  # where that line starts, in points from the slide's left edge (0: the renderer's edge)
    logo: DeckLogo | None = None
    left_out: tuple[str, ...] = ()  # what the layout could not show, said to the reader as warnings


__all__ = ["BADGE_SPACE", "Box", "CONTENT", "COPY_SIZE", "Deck", "DeckLogo", "EDGE", "Frame", "Geometry", "INDENT", "INSET_X",
           "INSET_Y", "Item", "LAYOUTS", "LINE_SPACING", "MARKING_GAP", "MARKING_HEIGHT", "MARKING_SIZE", "MARKING_TOP", "NUMBER_INDENT", "Planned", "SECTION", "SPACE_BEFORE", "Slide",
           "TITLE_SLIDE", "TWO_CONTENT"]
