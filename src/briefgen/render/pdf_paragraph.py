"""A platypus paragraph that breaks its lines once per width, and draws its text for its structure element."""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as PlatypusParagraph

from .pdf_internals import FUZZ, WRAP_STATE
from .pdf_tags import Element

class Paragraph(PlatypusParagraph):
    """Remembers the lines it broke into at each width, and the structure element its text belongs to.

    A table measures every cell again each time it splits across a page, and once more to
    draw it, so a table running over many pages would break the same lines over and over:
    time quadratic in its rows. The lines depend only on the width, never on the height.

    ``tag`` is the element of the paragraph's text, ``label`` that of its bullet text (a list
    label). The parts a page break splits the paragraph into keep both, so a paragraph over
    two pages stays one element. A paragraph drawn a second time is a table header repeated
    on a later page: an artifact, as the reader has already been told it.
    """

    _drawn = False

    def __init__(self, text: str | None, style: object, *, tag: Element | None = None,
                 label: Element | None = None, **kwargs: object):
        # reportlab's split makes the parts without tag and label; split() below passes them on.
        super().__init__(text, style, **kwargs)
        self.tag, self.label = tag, label

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        breaks = self.__dict__.setdefault("_breaks", {})
        known = breaks.get(availWidth)
        if known is not None:
            size, state = known
            self.__dict__.update(state)
            return size
        size = super().wrap(availWidth, availHeight)
        if availWidth >= FUZZ:  # a width too narrow to hold anything breaks nothing
            breaks[availWidth] = (size, {name: getattr(self, name) for name in WRAP_STATE if hasattr(self, name)})
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if part is not self:
                part.tag, part.label = self.tag, self.label
        return parts

    def draw(self) -> None:
        assert self.tag is not None, "every paragraph drawn belongs to a structure element"
        element = None if self._drawn else self.tag
        self._drawn = True
        with self.canv.tagged(element, self.label if element is not None and self.bulletText else None):
            super().draw()

