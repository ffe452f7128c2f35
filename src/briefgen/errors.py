"""The one kind of error a user sees: a problem with their content, theme, template or output, never a bug.

Every user-facing error is a ``BriefgenError``: the command line reports its message as it is
and exits 1, with no traceback. The subclasses say where the problem lies, so callers that care
(``validate`` reports only content) can tell them apart; anything else that escapes is a bug.
"""

from __future__ import annotations


class BriefgenError(Exception):
    """A problem the user can fix, reported as its message alone."""
