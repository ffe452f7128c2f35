"""A platypus paragraph that breaks its lines once per width, however often it is measured."""

from __future__ import annotations

from reportlab.platypus import Paragraph as PlatypusParagraph
from reportlab.rl_config import _FUZZ

# What Paragraph.wrap and its breakLines leave on the paragraph for split and draw to read.
_WRAP_STATE = ("width", "height", "blPara", "frags", "_wrapWidths", "_width_max", "_splitLongWordCount",
               "_hyphenations")


class Paragraph(PlatypusParagraph):
    """Remembers the lines it broke into at each width.

    A table measures every cell again each time it splits across a page, and once more to
    draw it, so a table running over many pages would break the same lines over and over:
    time quadratic in its rows. The lines depend only on the width, never on the height.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        breaks = self.__dict__.setdefault("_breaks", {})
        known = breaks.get(availWidth)
        if known is not None:
            size, state = known
            self.__dict__.update(state)
            return size
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # a width too narrow to hold anything breaks nothing
            breaks[availWidth] = (size, {name: getattr(self, name) for name in _WRAP_STATE if hasattr(self, name)})
        return size
