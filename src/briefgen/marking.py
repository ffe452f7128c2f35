"""Handling markings: the TLP 2.0 labels and the colours they are shown in."""

from __future__ import annotations

from enum import Enum


class Tlp(str, Enum):
    """A Traffic Light Protocol 2.0 label, shown on every page and every slide."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def colour(self) -> str:
        """The label's text colour as RRGGBB; TLP 2.0 sets it on a black background."""
        return _COLOURS[self]


MARKING_BACKGROUND = "000000"
MIN_MARKING_SIZE = 12.0  # TLP 2.0: the label at 12 pt or larger

_COLOURS = {
    Tlp.CLEAR: "FFFFFF",
    Tlp.GREEN: "33FF00",
    Tlp.AMBER: "FFC000",
    Tlp.AMBER_STRICT: "FFC000",
    Tlp.RED: "FF2B2B",
}
