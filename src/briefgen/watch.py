"""Watch mode: one warm process renders the briefs again each time a content file, the template or the theme is saved.

The renderers are imported and the theme read once, so a save costs only the render itself.
When more than one format is watched and there is more than one CPU, each format has a warm
worker process of its own (forked once, at the start: batch.per_format), so the products of one
save are rendered at the same time rather than one after another; a worker that dies (killed, out
of memory) does not end the watch (batch.hand). Each product is written atomically
(output.write_atomic: a temporary file renamed into place), so a PDF viewer that reloads on change
never reads half a file. A content error is reported with its place and the watch goes on; Ctrl-C
ends it with status 0.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from . import batch, cycles
from .layout import deck_plan
from .layout.reviewer import open_warnings
from .load import ContentError, load_placed
from .render.office.template import Template, read
from .errors import TemplateError, ThemeError
from .theme import Theme, load_theme
from .value import Value

if TYPE_CHECKING:
    from .products import Written

# How long (ms) the file system must stay quiet after a change before rendering: editors write
# a file in a few steps, and rendering a half-written file would only print a spurious error. The steps
# of one save follow each other within a millisecond; the watcher sees a change one to two of these
# after it, so this is most of the wait between a save and its render (20 ms cost 30 ms a save on
# average, against the 60 ms a save may take in all). Waking every 5 ms costs no measurable CPU.
QUIET_MS = 5
# How often (ms) the watcher wakes without a change; the first wake-up says it is watching.
WAKE_MS = 200


class Watched(Value):
    """What to render and from what: content files, formats, and where the theme and reference documents live."""

    files: tuple[Path, ...]
    formats: tuple[str, ...]
    target: Callable[[Path, str], Path]
    theme_folder: Path | None = None
    paper: str | None = None
    templates: dict[str, Template] = {}  # each format's reference document as first read; read again when saved
    minutes: int | None = None  # the meeting a deck is planned for, instead of the content's


class Voices(Value):
    """Where a watch says things: ``say`` a product written or the watch's state, ``warn`` what does not stop a
    product, ``complain`` what does. ``-q`` silences the first two."""

    say: Callable[[str], None]
    warn: Callable[[str], None]
    complain: Callable[[str], None]


def watch(watched: Watched, voices: Voices) -> None:
    """Render everything once, then again whatever is saved, until Ctrl-C (KeyboardInterrupt or Interrupted)."""
    theme = _theme(watched, voices)
    if theme is None:
        return
    if len(watched.formats) > 1 and batch.cpus() > 1 and batch.can_fork():
        with batch.per_format(watched.formats) as workers:
            _watch(watched, theme, workers, voices)
    else:
        _watch(watched, theme, None, voices)


def _watch(watched: Watched, theme: Theme, workers: dict[str, batch.Worker] | None, voices: Voices) -> None:
    import watchfiles

    templates = dict(watched.templates)
    failing: set[Path] = set()  # files whose last render failed: the next good one says "fixed"
    for path in watched.files:
        _render(path, watched, theme, templates, workers, voices, failing)
    # What the process keeps from here on (modules, the fonts, the theme, what the first renders left in the warm
    # caches) is never collected: the cycle collector leaves it out of every later collection (see _render, whose
    # collection after each render leaves nothing to collect first).
    gc.freeze()
    files = {p.resolve() for p in watched.files}
    references = {t.path.resolve(): fmt for fmt, t in watched.templates.items()}
    styling = {*references, *([watched.theme_folder.resolve()] if watched.theme_folder is not None else [])}
    folders = {p.parent for p in files} | {p if p.is_dir() else p.parent for p in styling}

    def relevant(change: watchfiles.Change, name: str) -> bool:
        # Whatever way an editor saves — writing in place, writing a temporary file and renaming it over the
        # file (vim, VS Code), deleting and writing it anew — the file's own name is added or modified last.
        path = Path(name)
        return change != watchfiles.Change.deleted and (path in files or any(
            path == s or s in path.parents for s in styling))

    announced = False
    for changes in watchfiles.watch(*sorted(folders), watch_filter=relevant, step=QUIET_MS,
                                    rust_timeout=WAKE_MS, yield_on_timeout=True):
        if not announced:  # the watcher is running: a save from now on is seen
            voices.say(f"watching {len(files)} file{'s' * (len(files) != 1)}; Ctrl-C to stop")
            announced = True
        changed = {Path(name) for _, name in changes}
        if changed & styling:
            theme = _theme(watched, voices) or theme
            for fmt in {references[p] for p in changed if p in references}:
                templates[fmt] = _template(templates[fmt], voices) or templates[fmt]
            again = list(watched.files)
        else:
            again = [p for p in watched.files if p.resolve() in changed]
        for path in again:
            _render(path, watched, theme, templates, workers, voices, failing)


def _theme(watched: Watched, voices: Voices) -> Theme | None:
    try:
        return load_theme(watched.theme_folder, paper=watched.paper)
    except ThemeError as exc:
        voices.complain(str(exc))
        return None


def _template(before: Template, voices: Voices) -> Template | None:
    """A reference document read again (as untrusted input) after a save; None if it cannot be used."""
    try:
        template = read(before.path, before.fmt)
    except TemplateError as exc:
        voices.complain(str(exc))
        return None
    if template.warning:
        voices.warn(f"warning: {template.warning}")
    return template


def _render(path: Path, watched: Watched, theme: Theme, templates: dict[str, Template],
            workers: dict[str, batch.Worker] | None, voices: Voices, failing: set[Path]) -> None:
    """Load one file and write each of its products, one line each as it is written; problems are printed,
    never raised (a bug in one renderer must not end the watch). A file that failed last time and renders
    now is said to be fixed."""
    # What a save leaves in cycles (a few thousand of reportlab's objects) is collected once its products are
    # written and said, while the watch waits for the next save: with the warm state frozen (_watch), that takes
    # a millisecond or two.
    with cycles.paused(collect_after=True):
        _render_products(path, watched, theme, templates, workers, voices, failing)


def _render_products(path: Path, watched: Watched, theme: Theme, templates: dict[str, Template],
                     workers: dict[str, batch.Worker] | None, voices: Voices, failing: set[Path]) -> None:
    try:
        brief, places = load_placed(path)
    except ContentError as exc:
        voices.complain(str(exc))
        failing.add(path)
        return
    if watched.minutes is not None:
        brief = deck_plan.for_minutes(brief, watched.minutes)
    tasks = [batch.Task(brief, fmt, watched.target(path, fmt), templates.get(fmt)) for fmt in watched.formats]
    # What the brief says (the notes and what validate warns of) follows its products: a save's products are
    # what the writer waits for, and the warnings (the deck's plan most of them) are worked out while workers
    # render, or after the product is written where this process renders it.
    if workers is None:
        failed = _say_products((batch.render(task, theme) for task in tasks), voices)
        warnings = open_warnings(brief, places)
    else:
        outcomes = batch.hand(tasks, theme, workers)
        warnings = open_warnings(brief, places)
        failed = _say_products(((outcome.written, outcome.error) for outcome in outcomes), voices)
    for said in places.notes:
        voices.say(str(said))
    for said in warnings:  # what validate says, at each save
        voices.warn(str(said))
    # The deck's plan made for the warnings is of this save's brief, which the next save changes: kept while the
    # watch waits, it would be idle memory (16 MB for a brief near the content cap).
    deck_plan.forget()
    if failed:
        failing.add(path)
    elif path in failing:
        failing.discard(path)
        voices.say(f"{path}: fixed")


def _say_products(done: Iterable[tuple[Written | None, str | None]], voices: Voices) -> bool:
    """Say each product as it is written, with what rendering it warned of; whether any failed."""
    failed = False
    for written, error in done:
        if error is not None:
            voices.complain(f"error: {error}")
            failed = True
            continue
        voices.say(str(written))
        for warning in written.warnings:
            voices.warn(f"warning: {warning}")
    return failed


def formats_of(choice: str, all_formats: Iterable[str]) -> tuple[str, ...]:
    return tuple(all_formats) if choice == "all" else (choice,)
