"""What a senior reviewer would send back about a valid brief, placed in its file.

The loader's own warnings, the analytic checks' (lint.py) and what the deck planned for the brief's
meeting had to settle for (deck_plan.py). Every command that reads a brief says these — validate, each
render, watch — once per brief, so that ``--strict`` fails on the same wherever the brief is made.
"""

from __future__ import annotations

from .. import lint
from ..load import Places, Problem
from ..model import Brief
from .deck_plan import checks


def open_warnings(brief: Brief, places: Places) -> list[Problem]:
    """Every warning about ``brief``, placed, in the order of its file."""
    findings = [(f.path, f.message) for f in lint.check(brief)] + list(checks(brief))
    return sorted([*places.warnings, *(places.warning(path, message) for path, message in findings)],
                  key=lambda p: (p.line, p.column))
