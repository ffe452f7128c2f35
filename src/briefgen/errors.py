"""Every kind of error a user sees: a problem with their content, theme, template or output, never a bug.

Every user-facing error is a ``BriefgenError``: the command line reports its message as it is
and exits 1, with no traceback. The subclasses say where the problem lies, so callers that care
(``validate`` reports only content) can tell them apart; anything else that escapes is a bug.
"""

from __future__ import annotations

from typing import Sequence


class BriefgenError(Exception):
    """A problem the user can fix, reported as its message alone."""


class ContentError(BriefgenError):
    """A content file cannot be turned into a Brief; carries every problem found (``load.Problem``)."""

    def __init__(self, problems: Sequence[object]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ThemeError(BriefgenError):
    """A theme folder (theme.toml, its fonts) cannot be used."""


class FontError(ThemeError):
    """A theme's font file this reader cannot measure."""


class TemplateError(BriefgenError):
    """A reference document or deck template cannot be used: unreadable, unsafe, or without what we need."""


# What a template of each format is, as its messages name it (render/office: template.py, sanitise.py).
TEMPLATE_KINDS = {"docx": "Word document (.docx)", "pptx": "PowerPoint presentation (.pptx)"}


class OutputError(BriefgenError):
    """A product could not be written where it was asked for."""


class BibliographyError(Exception):
    """A bibliography file cannot be read at all (missing, unreadable, not CSL-JSON or BibTeX); the loader
    turns it into a placed ContentError."""
