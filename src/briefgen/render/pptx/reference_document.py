"""briefgen's own reference .pptx: the deck's master and every layout it uses, in the theme's colours.

It is the template a deck is made on without --reference-pptx (the theme folder's
deck.pptx, else the built-in one), as the deck shows it: with theme.toml's colours on
its masters. A user restyles it in PowerPoint and passes it back; its layouts keep
their names, so every one is found.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from ...output import package
from ...theme import Theme
from ...typography import typography
from ..office.colours import with_scheme
from ..office.template import theme_deck
from . import theme as pptx_theme
from .prepared import BUILT_IN
from .xml import parsed, serialized

_MASTER = re.compile(r"ppt/slideMasters/[^/]+\.xml")
_THEME = re.compile(r"ppt/theme/[^/]+\.xml")


def render(theme: Theme, when: datetime) -> bytes:
    """The reference .pptx for ``theme``."""
    own = theme_deck(theme)
    data = own.data if own is not None else BUILT_IN.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = [(name, source.read(name)) for name in source.namelist() if not name.endswith("/")]
    return package(((name, _themed(blob, theme) if _MASTER.fullmatch(name)
                     else pptx_theme.with_fonts(with_scheme(blob, theme.colours), typography(theme).deck)
                     if _THEME.fullmatch(name) else blob)
                    for name, blob in parts), when)


def _themed(blob: bytes, theme: Theme) -> bytes:
    master = parsed(blob)
    pptx_theme.apply(master, typography(theme).deck)
    return serialized(master)
