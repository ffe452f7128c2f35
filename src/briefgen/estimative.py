"""The vocabulary of analytic judgment: ICD 203's likelihood terms with their ranges and its confidence
levels, and the Admiralty scale (NATO AJP-2.1) on which analysts rate a source's reliability."""

from __future__ import annotations

import re
from enum import Enum
from functools import cache


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

    @classmethod
    def meant(cls, written: str) -> "Likelihood | None":
        """The term a word that is not one stands for ("highly unlikely" → very unlikely), if any."""
        return _LIKELIHOOD_WORDS.get(" ".join(written.lower().replace("-", " ").split()))


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

    @classmethod
    def meant(cls, written: str) -> "Confidence | None":
        """The level a word that is not one stands for ("medium" → moderate), if any."""
        return _CONFIDENCE_WORDS.get(" ".join(written.lower().replace("-", " ").split()))


# What analysts write for a term when they do not write the term: ICD 203's own alternative words
# (remote, highly improbable, improbable, roughly even odds, probable, highly probable, nearly certain)
# and the usual others.
_LIKELIHOOD_WORDS = {
    **dict.fromkeys(("remote", "no chance", "almost impossible", "very remote", "nearly impossible",
                     "almost none"), Likelihood.ALMOST_NO_CHANCE),
    **dict.fromkeys(("highly unlikely", "highly improbable", "very improbable", "extremely unlikely"),
                    Likelihood.VERY_UNLIKELY),
    **dict.fromkeys(("improbable", "not likely", "doubtful", "somewhat unlikely"), Likelihood.UNLIKELY),
    **dict.fromkeys(("even chance", "roughly even odds", "even odds", "fifty fifty", "50/50", "50 50", "toss up",
                     "about even", "roughly even", "possible", "as likely as not"), Likelihood.ROUGHLY_EVEN_CHANCE),
    **dict.fromkeys(("probable", "probably", "somewhat likely", "more likely than not"), Likelihood.LIKELY),
    **dict.fromkeys(("highly likely", "highly probable", "very probable", "extremely likely"), Likelihood.VERY_LIKELY),
    **dict.fromkeys(("nearly certain", "almost certainly", "virtually certain", "certain", "near certain"),
                    Likelihood.ALMOST_CERTAIN),
}
_CONFIDENCE_WORDS = {
    **dict.fromkeys(("medium", "mid", "middling", "average", "fair", "moderately", "med"), Confidence.MODERATE),
    **dict.fromkeys(("very low", "weak", "limited", "little", "poor"), Confidence.LOW),
    **dict.fromkeys(("very high", "strong", "solid", "good", "great"), Confidence.HIGH),
}


class Reliability(str, Enum):
    """How far a source has proved reliable, on the Admiralty scale (NATO AJP-2.1): A best, E worst, F unknown."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        return _RELIABILITY_MEANINGS[self]

    @property
    def weak(self) -> bool:
        """Whether a judgment resting on this source alone cannot carry more than low confidence (D–F)."""
        return self in (Reliability.D, Reliability.E, Reliability.F)

    @classmethod
    def parse(cls, value: object) -> "Reliability":
        if isinstance(value, Reliability):
            return value
        grade = value.strip().upper() if isinstance(value, str) else None
        if grade not in cls._value2member_map_:
            scale = "; ".join(f"{r.value} {r.meaning}" for r in cls)
            shown = repr(value) if isinstance(value, (str, int, float)) else "a " + type(value).__name__
            raise ValueError(f"expected a reliability grade A\u2013F on the Admiralty scale ({scale}), got {shown}")
        return cls(grade)


_RELIABILITY_MEANINGS = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}


def estimate_label(likelihood: Likelihood, confidence: Confidence) -> str:
    """A judgment's estimate as every product shows it: "Likely (55–80%) · moderate confidence"."""
    return f"{likelihood.label} \u00b7 {confidence.label}"


# --- the words analysts use, for the analytic checks (lint.py) ------------------------------

# Longest first, so "very unlikely" is not read as "unlikely", nor "unlikely" as "likely".
# The adverb forms ("almost certainly") say the same as the term.
_TERM_WORDS = {
    "almost no chance": Likelihood.ALMOST_NO_CHANCE,
    "very unlikely": Likelihood.VERY_UNLIKELY,
    "roughly even chance": Likelihood.ROUGHLY_EVEN_CHANCE,
    "roughly even odds": Likelihood.ROUGHLY_EVEN_CHANCE,
    "almost certainly": Likelihood.ALMOST_CERTAIN,
    "almost certain": Likelihood.ALMOST_CERTAIN,
    "very likely": Likelihood.VERY_LIKELY,
    "unlikely": Likelihood.UNLIKELY,
    "likely": Likelihood.LIKELY,
}
_TERMS = r"\b(" + "|".join(re.escape(w) for w in _TERM_WORDS) + r")\b"

LOOSE_WORDS = {
    # loose word → the ICD 203 wording to use instead
    "probably": "likely",
    "probable": "likely",
    "possibly": "roughly even chance, unlikely or very unlikely",
    "possible": "roughly even chance, unlikely or very unlikely",
    "perhaps": "roughly even chance or unlikely",
    "may well": "likely",
    "could": "roughly even chance, unlikely or very unlikely",
    "might": "roughly even chance, unlikely or very unlikely",
    "chance of": "one of the seven terms, e.g. 'roughly even chance' or 'very unlikely'",
}
# "chance of" is loose only when it is not part of a term ("almost no chance of", "roughly even chance of").
_LOOSE = r"(?<!almost no )(?<!roughly even )\b(" + "|".join(re.escape(w) for w in LOOSE_WORDS) + r")\b"

# Time frames an analyst accepts ("within 12 months", "by end-2023", "over the next year", a year or
# a month). "In the near term", "soon" and "in the long run" are not time frames: nobody can be wrong.
_NUMBER = r"(?:\d+|a|one|two|three|four|five|six|eight|nine|ten|twelve|eighteen|twenty-four)"
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
_HORIZON = (
    rf"\b(?:within|in|over|during|for|inside)\s+(?:the\s+)?(?:next|coming|following|first)?\s*{_NUMBER}?\s*{_UNIT}\b"
    rf"|\b(?:this|next|the coming)\s+(?:year|month|quarter|winter|summer|spring|autumn|fighting season)\b"
    rf"|\b(?:early|mid|late|end)-?\s?\d{{4}}\b"
    rf"|\b{_MONTH}\s+\d{{4}}\b"
    rf"|\b(?:by|before|until|till|through|throughout|to|in|during|from|after|since|around)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:{_MONTH}\s+)?\d{{4}}\b"
    rf"|\b\d{{4}}(?:-\d{{2}}){{1,2}}\b"
    rf"|\b(?:season|half|quarter|spring|summer|autumn|winter|end|middle|start|rest|remainder)\s+of\s+\d{{4}}\b"
    rf"|\b(?:Q[1-4]|H[12])\s+\d{{4}}\b")

# Words by which a judgment says that its horizon starts well after the information it rests on.
_DATED_EVIDENCE = (r"\b(?:cut-?off|evidence (?:dates|from|of|to|up to)|as of|dated evidence|older evidence"
                   r"|information (?:ends|dates|from))\b")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled on first use: every command imports this module (the model does), few run the checks.
    return re.compile(pattern, re.IGNORECASE)


def terms_in(text: str) -> list[tuple[Likelihood, str]]:
    """The ICD 203 terms a text uses, in order, with the words as written."""
    return [(_TERM_WORDS[m.group(1).lower()], m.group(1)) for m in _compiled(_TERMS).finditer(text)]


def loose_words_in(text: str) -> list[str]:
    """Estimative words outside ICD 203 ("probably", "could", "chance of"), as written, in order."""
    return [m.group(1) for m in _compiled(_LOOSE).finditer(text)]


def has_horizon(text: str) -> bool:
    """Whether a text states a time frame a reader could hold it to."""
    return _compiled(_HORIZON).search(text) is not None


def says_evidence_age(text: str) -> bool:
    """Whether a text says its horizon starts well after its information ("on evidence to …", "as of …")."""
    return _compiled(_DATED_EVIDENCE).search(text) is not None
