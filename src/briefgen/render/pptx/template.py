"""The deck's template, read once per process: its layouts' frames, a prototype slide per layout, its parts.

The template is the built-in templates/default/deck.pptx or the user's ``--template``: its
layouts are found by name, so a corporate master keeps its look. What every render needs
is kept in a Prepared template: the frames the deck is fitted to, each layout's prototype
slide (placeholders cloned and framed, the marking box and slide number in place, only
text left to write), the notes slide all notes start from, and every part as bytes
(package). A render only copies from it, so a watch renders many times from one
reading, until the template or the theme changes.

python-pptx reads a user's template (reader.py); the built-in one is kept prepared as
package data (prepared.py), used only while it matches deck.pptx.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...layout import deck as layout
from ...errors import TemplateError
from ..office.template import Template, theme_deck
from ...theme import Theme
from ...typography import DeckRoles, typography
from . import theme as pptx_theme
from .prepared import BUILT_IN, Prepared, built_in_source, saved_built_in
from .xml import SLIDE_MASTER_TYPE, THEME_TYPE, parsed, serialized


def template_path(theme: Theme, template: Template | None) -> Template | Path:
    """The user's template, else the theme's own deck.pptx (both sanitised), else the built-in one (ours)."""
    return template or theme_deck(theme) or BUILT_IN


def prepared(theme: Theme, template: Template | None) -> Prepared:
    """The template the deck uses, read once per template and theme (a watch renders many times).

    A template whose layouts are named otherwise, or cannot hold the deck's text, gives way to
    the built-in deck, as pandoc falls back to its own layouts; its ``warning`` says why.
    """
    path = template_path(theme, template)
    read = _read(path if isinstance(path, Template) else built_in_source())
    problem = read.problem or _too_small(read, typography(theme).deck.min_body)
    warning = None
    if problem:
        if path == BUILT_IN:
            raise TemplateError(problem)
        warning = f"{problem}; the deck uses briefgen's built-in layouts instead"
        read = _read(built_in_source())
        problem = read.problem or _too_small(read, typography(theme).deck.min_body)
        if problem:
            raise TemplateError(problem)
    # The theme's own deck (or ours) takes theme.toml's colours; a reference document keeps its own, but for
    # its links': those are the style table's (from the reference's own when it gives one: colours.py).
    roles = typography(theme).deck
    return _themed(read, roles if template is None or warning else None, roles.link.colour, warning)


@lru_cache(maxsize=4)
def _read(source: Template | str) -> Prepared:
    if isinstance(source, Template):
        from . import reader as pptx_reader
        return pptx_reader.read(source)
    saved_source, data = saved_built_in()
    if saved_source == source:
        return Prepared.from_saved(data, BUILT_IN)
    from . import reader as pptx_reader
    return pptx_reader.read(BUILT_IN)


@lru_cache(maxsize=8)
def _themed(read: Prepared, roles: DeckRoles | None, link: str, warning: str | None) -> Prepared:
    """``read`` with the colours of the deck's ``roles`` on its slide masters and their fonts in its Office themes
    (theme.py), ``link`` as its Office themes' hyperlink colour, and ``warning`` to give."""
    themed = object.__new__(Prepared)
    themed.__dict__.update(read.__dict__)
    themed.warning = warning
    for part in read.parts.values():
        if part.content_type == THEME_TYPE:
            blob = pptx_theme.with_link(part.blob, link)
            themed.blobs = {**themed.blobs, part: pptx_theme.with_fonts(blob, roles) if roles is not None else blob}
    if roles is not None:
        for part in read.parts.values():
            if part.content_type == SLIDE_MASTER_TYPE:
                master = parsed(part.blob)
                pptx_theme.apply(master, roles)
                themed.blobs = {**themed.blobs, part: serialized(master)}
    return themed


def _too_small(read: Prepared, min_body: float) -> str | None:
    """Why a frame leaves no room to fit text at the sizes the deck allows, if one does."""
    for title, bodies in read.placeholders.values():
        for ph, lines, size in ((title, 1, layout.TITLE_MIN), *((b, 3, min_body) for b in bodies)):
            if ph.frame.height < lines * size * layout.LINE_SPACING + layout.HEIGHT_RESERVE or \
                    ph.frame.width < 10 * size:
                return (f'{read.path}: placeholder "{ph.name}" of slide layout "{ph.layout}" is too small '
                        f"({ph.inches[0]:.1f} × {ph.inches[1]:.1f} in) for {lines} line(s) at {size:g} pt")
    return None
