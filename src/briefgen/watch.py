"""Watch mode: one warm process renders the briefs again each time a content file, the template or the theme is saved.

The renderers are imported and the theme read once, so a save costs only the render itself.
When more than one format is watched and there is more than one CPU, each format has a warm
worker process of its own (forked once, at the start), so the products of one save are
rendered at the same time rather than one after another. Each product is written atomically (output.write_atomic: a temporary file renamed into
place), so a PDF viewer that reloads on change never reads half a file. A content error is
reported with its place and the watch goes on; Ctrl-C ends it with status 0.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from . import batch
from .load import ContentError, load_placed
from .render.office.template import Template, read
from .errors import TemplateError, ThemeError
from .theme import Theme, load_theme
from .value import Value

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

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
    minutes: int | None = None  # the meeting a deck is planned for, instead of the content's


def watch(watched: Watched, say: Callable[[str], None], complain: Callable[[str], None]) -> None:
    """Render everything once, then again whatever is saved, until Ctrl-C (KeyboardInterrupt or Interrupted)."""
    theme = _theme(watched, complain)
    if theme is None:
        return
    with ExitStack() as stack:
        workers = None
        if len(watched.formats) > 1 and batch.cpus() > 1 and batch.can_fork():
            workers = {fmt: stack.enter_context(batch.pool(1)) for fmt in watched.formats}
        _watch(watched, theme, workers, say, complain)


def _watch(watched: Watched, theme: Theme, workers: dict[str, ProcessPoolExecutor] | None,
           say: Callable[[str], None], complain: Callable[[str], None]) -> None:
    import watchfiles

    template = watched.template
    for path in watched.files:
        _render(path, watched, theme, template, workers, say, complain)
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
            _render(path, watched, theme, template, workers, say, complain)


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
    except TemplateError as exc:
        complain(str(exc))
        return None
    if template.warning:
        complain(f"warning: {template.warning}")
    return template


def _render(path: Path, watched: Watched, theme: Theme, template: Template | None,
            workers: dict[str, ProcessPoolExecutor] | None, say: Callable[[str], None],
            complain: Callable[[str], None]) -> None:
    """Load one file and write each of its products, one line each as it is written; problems are printed,
    never raised (a bug in one renderer must not end the watch)."""
    try:
        brief, places = load_placed(path)
    except ContentError as exc:
        complain(str(exc))
        return
    for said in [*places.notes, *places.warnings]:
        complain(str(said))
    if watched.minutes is not None:
        from .layout.deck_plan import for_minutes
        brief = for_minutes(brief, watched.minutes)
    tasks = [batch.Task(brief, fmt, watched.target(path, fmt), template) for fmt in watched.formats]
    if workers is None:
        done = (batch.render(task, theme) for task in tasks)
    else:
        from concurrent.futures import as_completed
        futures = [workers[task.fmt].submit(batch.render, task, theme) for task in tasks]
        done = (future.result() for future in as_completed(futures))
    for written, error in done:
        if error is not None:
            complain(f"error: {error}")
            continue
        say(str(written))
        for warning in written.warnings:
            complain(f"warning: {warning}")


def formats_of(choice: str, all_formats: Iterable[str]) -> tuple[str, ...]:
    return tuple(all_formats) if choice == "all" else (choice,)
