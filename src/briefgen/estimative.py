"""The estimative vocabulary of ICD 203: likelihood terms with their ranges, and confidence levels."""

from __future__ import annotations

from enum import Enum


class Likelihood(str, Enum):
    """How probable a judgment is, in the seven ICD 203 terms."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"

    @property
    def range(self) -> tuple[int, int]:
        return _RANGES[self]

    @property
    def label(self) -> str:
        """The term with its range, as readers see it: "Likely (55–80%)"."""
        low, high = self.range
        return f"{self.value.capitalize()} ({low}\u2013{high}%)"


_RANGES = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN_CHANCE: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(str, Enum):
    """How much the analyst trusts the basis of a judgment; stated apart from likelihood."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def label(self) -> str:
        return f"{self.value} confidence"


def estimate_label(likelihood: Likelihood, confidence: Confidence) -> str:
    """A judgment's estimate as every product shows it: "Likely (55–80%) · moderate confidence"."""
    return f"{likelihood.label} \u00b7 {confidence.label}"
