"""Watch mode: one warm process renders the briefs again each time a content file, the template or the theme is saved.

The renderers are imported and the theme read once, so a save costs only the render itself.
Each product is written atomically (output.write_atomic: a temporary file renamed into
place), so a PDF viewer that reloads on change never reads half a file. A content error is
reported with its place and the watch goes on; Ctrl-C ends it with status 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .load import ContentError, load
from .output import OutputError
from .products import make
from .template_package import Template, read
from .theme import Theme, ThemeError, load_theme
from .value import Value

# How long (ms) the file system must stay quiet after a change before rendering: editors write
# a file in a few steps, and rendering a half-written file would only print a spurious error.
QUIET_MS = 20
# How often (ms) the watcher wakes without a change; the first wake-up says it is watching.
WAKE_MS = 200


class Watched(Value):
    """What to render and from what: content files, formats, and where the theme or template lives."""

    files: tuple[Path, ...]
    formats: tuple[str, ...]
    target: Callable[[Path, str], Path]
    theme_folder: Path | None = None
    paper: str | None = None
    reference: Path | None = None  # a reference .docx or .pptx (one format only)
    template: Template | None = None  # that reference as first read (sanitised); read again when saved


def watch(watched: Watched, say: Callable[[str], None], complain: Callable[[str], None]) -> None:
    """Render everything once, then again whatever is saved, until Ctrl-C (KeyboardInterrupt)."""
    import watchfiles

    theme = _theme(watched, complain)
    if theme is None:
        return
    template = watched.template
    for path in watched.files:
        _render(path, watched, theme, template, say, complain)
    files = {p.resolve() for p in watched.files}
    styling = {p.resolve() for p in (watched.theme_folder, watched.reference) if p is not None}
    folders = {p.parent for p in files} | {p if p.is_dir() else p.parent for p in styling}

    def relevant(change: watchfiles.Change, name: str) -> bool:
        path = Path(name)
        return change != watchfiles.Change.deleted and (path in files or any(
            path == s or s in path.parents for s in styling))

    announced = False
    for changes in watchfiles.watch(*sorted(folders), watch_filter=relevant, step=QUIET_MS,
                                    rust_timeout=WAKE_MS, yield_on_timeout=True):
        if not announced:  # the watcher is running: a save from now on is seen
            say(f"watching {len(files)} file{'s' * (len(files) != 1)}; Ctrl-C to stop")
            announced = True
        changed = {Path(name) for _, name in changes}
        if changed & styling:
            theme = _theme(watched, complain) or theme
            template = _template(watched, complain) or template
            again = list(watched.files)
        else:
            again = [p for p in watched.files if p.resolve() in changed]
        for path in again:
            _render(path, watched, theme, template, say, complain)


def _theme(watched: Watched, complain: Callable[[str], None]) -> Theme | None:
    try:
        return load_theme(watched.theme_folder, paper=watched.paper)
    except ThemeError as exc:
        complain(str(exc))
        return None


def _template(watched: Watched, complain: Callable[[str], None]) -> Template | None:
    """The reference document read again (as untrusted input) after a save; None if it cannot be used."""
    if watched.reference is None:
        return None
    try:
        template = read(watched.reference, watched.formats[0])
    except ThemeError as exc:
        complain(str(exc))
        return None
    if template.warning:
        complain(f"warning: {template.warning}")
    return template


def _render(path: Path, watched: Watched, theme: Theme, template: Template | None, say: Callable[[str], None],
            complain: Callable[[str], None]) -> None:
    """Load one file and write each of its products, one line each; problems are printed, never raised."""
    try:
        brief = load(path)
    except ContentError as exc:
        complain(str(exc))
        return
    for fmt in watched.formats:
        try:
            written = make(brief, fmt, watched.target(path, fmt), theme, template=template)
        except (OutputError, ThemeError) as exc:
            complain(f"error: {exc}")
            continue
        except Exception as exc:  # a bug in one renderer must not end the watch
            complain(f"error: {watched.target(path, fmt)}: internal error: {type(exc).__name__}: {exc}")
            continue
        say(str(written))
        for warning in written.warnings:
            complain(f"warning: {warning}")


def formats_of(choice: str, all_formats: Iterable[str]) -> tuple[str, ...]:
    return tuple(all_formats) if choice == "all" else (choice,)
