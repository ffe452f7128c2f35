"""The `briefgen` command: thin click commands that parse options and call products.py."""

from __future__ import annotations

import re
import signal
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import click

from . import __version__
from .cycles import imported, kept
from .errors import BriefgenError

if TYPE_CHECKING:
    from .batch import Worker
    from .recipients import Recipient
    from .render.office.template import Template
    from .theme import Theme

# Commands import the pipeline only when they run, so `--help` stays instant; see products.py.

EXIT_CONTENT = 1
STDIO = Path("-")  # CONTENT or -o: standard input or output
STDIN_NAME = "<stdin>"

# The kinds of path the options take, each made once: click names a path type in the user's language when it is
# made (gettext looks for a translation on disk each time), and the commands' 33 took ~5 ms of every start.
_PATH_OR_DASH = click.Path(path_type=Path, allow_dash=True)  # - is standard input or output (STDIO)
_FILE = click.Path(path_type=Path, dir_okay=False)
_FOLDER = click.Path(path_type=Path, file_okay=False)
_EXISTING = click.Path(path_type=Path, exists=True)
_EXISTING_FILE = click.Path(path_type=Path, exists=True, dir_okay=False)
_EXISTING_FOLDER = click.Path(path_type=Path, exists=True, file_okay=False)


def _content_arg(multiple: bool) -> Callable:
    return click.argument("content", nargs=-1 if multiple else 1, required=False, type=_PATH_OR_DASH)


def _template_option(f: Callable) -> Callable:
    return click.option("--template", type=_EXISTING,
                        help="A reference .docx/.pptx for that format, or a theme folder (theme.toml).")(f)


def _paper_option(f: Callable) -> Callable:
    return click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
                        help="Paper size for the brief; the theme's by default.")(f)


def _strict_option(f: Callable) -> Callable:
    return click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")(f)


def _reference_option(fmt: str) -> Callable:
    return click.option(f"--reference-{fmt}", "reference_" + fmt, type=_EXISTING_FILE,
                        help=f"A reference .{fmt} whose look the {'Word brief' if fmt == 'docx' else 'deck'} takes "
                             "(as pandoc's --reference-doc).")


def _recipients_option(f: Callable) -> Callable:
    return click.option("--recipients", type=_FILE,
                        help="A CSV of recipients (columns name, organisation, optional email): one numbered "
                             "copy each, as out/<brief>/<nn>-<name>.<ext>, listed in out/<brief>/manifest.csv.")(f)


def _minutes_option(f: Callable) -> Callable:
    return click.option("--minutes", type=click.IntRange(min=1, max=240), default=None,
                        help="Plan the deck for a meeting of N minutes: 2 + N/3 main slides, the rest in the "
                             "backup [default: the content's meeting.minutes, else 20].")(f)


def _quiet_option(f: Callable) -> Callable:
    return click.option("-q", "--quiet", is_flag=True, help="Print only errors: no status lines, no warnings.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Render one structured analytic brief as a Word brief, a PDF and a slide deck.

    CONTENT defaults to every content/*.yaml under the current directory;
    products go to out/<name>.<format>.
    """
    ctx.obj = {"debug": debug}


def _single(fmt: str) -> click.Command:
    @_content_arg(multiple=False)
    @click.option("-o", "--output", type=_PATH_OR_DASH,
                  help="Where to write the product; - for standard output.")
    @_template_option
    @_recipients_option
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                  help="Numbered copies rendered at once, in separate processes.")
    @_quiet_option
    @_strict_option
    @click.pass_obj
    def command(options: dict, content: Path | None, output: Path | None, template: Path | None,
                recipients: Path | None, jobs: int, quiet: bool, strict: bool, paper: str | None = None,
                minutes: int | None = None, compare: Path | None = None,
                **references: Path | None) -> None:
        products = imported(f"{__package__}.products")
        files = _content_files([content] if content else [])
        if recipients is not None and output is not None:
            raise click.UsageError("--recipients writes one copy per recipient under out/<brief>/; drop -o")
        if compare is not None and (recipients is not None or len(files) > 1):
            raise click.UsageError("--compare redlines one CONTENT file against its last edition, without "
                                   "--recipients")
        if output is None and content == STDIO:
            output = STDIO  # from a pipe to a pipe, as pandoc does
        if output and len(files) > 1:
            raise click.UsageError("-o/--output needs a single CONTENT file")
        if output is not None:
            _check_output(output, fmt)
        from . import batch
        # Plain products go to workers forked now, which import their renderers while the theme and the first brief
        # are read; numbered copies and redlines share what the parent lays out, so theirs are forked after it.
        with batch.forked(jobs, [] if recipients or compare else [[fmt]] * len(files)) as workers:
            theme, chosen = _theme_and_references([template] if template else [], paper, references, [fmt], quiet)
            if output is None:
                _ensure_folder(Path("out"))
            _render_all(files, [fmt], theme, chosen, lambda p, f: output or products.default_output(p, f),
                        jobs=jobs, debug=options["debug"], quiet=quiet, strict=strict,
                        recipients=_recipients(recipients), minutes=minutes, compare=compare, workers=workers)

    if fmt == "docx":  # a redline is Word's tracked changes
        command = click.option(
            "--compare", type=_FILE,
            metavar="OLD.yaml", help="Mark every change from the edition in OLD.yaml as a Word tracked change "
                                     "(by \"briefgen\", dated CONTENT's date): a redline.")(command)
    if fmt != "pptx":  # a deck has a slide size, not a paper size
        command = _paper_option(command)
    else:  # and a meeting to fit
        command = _minutes_option(command)
    command = _reference_option("docx" if fmt == "pdf" else fmt)(command)  # the PDF takes the Word brief's look
    return cli.command(fmt, help=f"Render CONTENT as a .{fmt} file (- reads standard input).")(command)


for _fmt in ("docx", "pdf", "pptx"):
    _single(_fmt)


@cli.command("all")
@_content_arg(multiple=True)
@click.option("--out-dir", type=_FOLDER, default=Path("out"),
              show_default=True, help="Folder for the products.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Products rendered at once, in separate processes [default: the number of CPUs].")
@_paper_option
@click.option("--template", "templates", multiple=True, type=_EXISTING,
              help="A theme folder for every product, or a reference .docx or .pptx for its format (repeatable).")
@_reference_option("docx")
@_reference_option("pptx")
@_recipients_option
@_minutes_option
@_quiet_option
@_strict_option
@click.pass_obj
def all_command(options: dict, content: tuple[Path, ...], out_dir: Path, jobs: int | None, paper: str | None,
                templates: tuple[Path, ...], recipients: Path | None, minutes: int | None, quiet: bool,
                strict: bool,
                **references: Path | None) -> None:
    """Render every CONTENT file in all three formats (- reads standard input, written as stdin.*)."""
    from . import batch
    products = imported(f"{__package__}.products")
    files = _content_files(content)
    # As a single format's command: plain products to workers forked now, numbered copies' after their layout.
    with batch.forked(jobs, [] if recipients else [products.FORMATS] * len(files)) as workers:
        theme, chosen = _theme_and_references(list(templates), paper, references, list(products.FORMATS), quiet)
        _ensure_folder(out_dir)
        _render_all(files, list(products.FORMATS), theme, chosen,
                    lambda p, f: products.default_output(p, f, out_dir), jobs=jobs, debug=options["debug"],
                    summary=True, quiet=quiet, strict=strict, recipients=_recipients(recipients), minutes=minutes,
                    workers=workers)


@cli.command("watch")
@_content_arg(multiple=True)
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "pptx", "all"]), default="all", show_default=True,
              help="The products to keep up to date.")
@click.option("--out-dir", type=_FOLDER, default=Path("out"),
              show_default=True, help="Folder for the products.")
@_paper_option
@_template_option
@_reference_option("docx")
@_reference_option("pptx")
@_minutes_option
@_quiet_option
def watch_command(content: tuple[Path, ...], fmt: str, out_dir: Path, paper: str | None,
                  template: Path | None, minutes: int | None, quiet: bool, **references: Path | None) -> None:
    """Render CONTENT, then again each time it, the template or the theme is saved; Ctrl-C stops."""
    from . import interruption, products, watch
    from .output import refuse_clobbering
    files = _content_files(content)
    formats = watch.formats_of(fmt, products.FORMATS)
    # Refuses a template that does not fit; a theme folder's reference.docx/.pptx counts for its format.
    theme, chosen = _theme_and_references([template] if template else [], paper, references, list(formats), quiet)
    folder = template if template is not None and template.is_dir() else (
        template.parent if template is not None and template.name == "theme.toml" else None)
    target = lambda p, f: products.default_output(p, f, out_dir)  # noqa: E731
    _refuse_duplicates([(path, target(path, f)) for path in files for f in formats])
    refuse_clobbering([target(path, f) for path in files for f in formats],
                      [*files, *theme.files, *(t.path for t in chosen.values())])
    _ensure_folder(out_dir)
    watched = watch.Watched(tuple(files), formats, target, folder, paper, chosen, minutes)
    # Each line a watch prints says when: a save's lines are told from the last one's at a glance.
    stamped = lambda err: lambda message: click.echo(_stamped(message), err=err)  # noqa: E731
    silent = lambda message: None  # noqa: E731
    voices = watch.Voices(say=silent if quiet else stamped(False), warn=silent if quiet else stamped(True),
                          complain=stamped(True))
    try:
        with interruption.ending_normally_on(signal.SIGINT):  # Ctrl-C is how a watch ends: not a failure
            try:
                watch.watch(watched, voices)
            except interruption.Interrupted as stop:  # raised so that the format workers were stopped first
                interruption.leave(stop)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _stamped(message: str) -> str:
    """Each line of ``message`` after the time of day it is said (HH:MM:SS), but a line of a fix to paste, which
    keeps its indentation (see yaml_hints)."""
    import time

    now = time.strftime("%H:%M:%S")
    return "\n".join(line if line.startswith(" ") else f"{now} {line}" for line in message.splitlines())


@cli.command()
@_content_arg(multiple=True)
@_strict_option
@_quiet_option
def validate(content: tuple[Path, ...], strict: bool, quiet: bool) -> None:
    """Check CONTENT files (- reads standard input): report every problem, and warn where a reviewer would."""
    from .layout.reviewer import open_warnings
    from .load import ContentError, load_placed
    files = _content_files(content)
    failed = warned = False
    for path in files:
        try:
            brief, places = load_placed(path)
        except ContentError as exc:
            failed = True
            click.echo(str(exc), err=True)
            continue
        warnings = open_warnings(brief, places)
        for said in [*places.notes, *warnings] if not quiet else ():
            click.echo(str(said), err=True)
        warned = warned or bool(warnings)
        if brief.status == "final" and warnings:
            failed = True
            click.echo(_final_refused(path, len(warnings)), err=True)
        elif not quiet:
            click.echo(f"{STDIN_NAME if path == STDIO else path}: ok"
                       + (f", {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""))
    if failed or (strict and warned):
        sys.exit(EXIT_CONTENT)


def _final_refused(path: Path, count: int) -> str:
    return (f"{STDIN_NAME if path == STDIO else path}: status: final, with {count} open warning"
            f"{'s' * (count != 1)}; a final brief goes out with none: resolve {'them' if count != 1 else 'it'}, "
            "or set status: draft")


@cli.command()
@_content_arg(multiple=False)
@click.option("--format", "fmt", type=click.Choice(["text", "bibtex", "csl-json"]), default="text",
              show_default=True, help="text: the suggested citation the brief shows; bibtex or csl-json: its "
                                      "reference for a reference manager (pandoc, Zotero).")
def cite(content: Path | None, fmt: str) -> None:
    """Print how to cite CONTENT (- reads standard input)."""
    from .load import load
    files = _content_files([content] if content else [])
    if len(files) > 1:
        raise click.UsageError("cite needs a single CONTENT file")
    brief = load(files[0])
    if fmt == "text":
        from .inline import text_of
        from .layout.line_breaks import without_break_marks
        from .layout.outline import Outline
        from .layout.publication import citation
        # To paste into a document: without the marks that only place the address's line breaks.
        click.echo(without_break_marks(text_of(citation(brief, Outline.of(brief).labels))))
    else:
        from . import reference
        click.echo(reference.bibtex(brief) if fmt == "bibtex" else reference.csl_json(brief), nl=False)


@cli.command()
@click.argument("fmt", metavar="docx|pptx", type=click.Choice(["docx", "pptx"]))
@click.option("-o", "--output", required=True, type=_PATH_OR_DASH,
              help="Where to write it; - for standard output.")
@click.option("--template", type=_EXISTING_FOLDER,
              help="A theme folder (theme.toml) whose look it has; the built-in theme's by default.")
def reference(fmt: str, output: Path, template: Path | None) -> None:
    """Write briefgen's own reference .docx or .pptx: every style or layout it uses, to restyle in Word or
    PowerPoint and pass back with --reference-docx/--reference-pptx (as pandoc's reference.docx)."""
    from datetime import date

    from .output import build_time, check_target, refuse_clobbering, write_atomic, write_stdout
    from .theme import load_theme
    _check_output(output, fmt)
    theme = load_theme(template)
    if fmt == "docx":
        from .render.docx.reference_document import render
    else:
        from .render.pptx.reference_document import render
    # It has no date of its own: SOURCE_DATE_EPOCH's, else the earliest a zip entry holds, so it is reproducible.
    data = render(theme, build_time(date(1980, 1, 1)))
    if output == STDIO:
        write_stdout(data)
        return
    refuse_clobbering([output], list(theme.files))
    check_target(output)
    write_atomic(output, data)
    click.echo(f"{output}: written; restyle it, then render with --reference-{fmt} {output}", err=True)


@cli.command()
@click.argument("reviewed", type=_FILE)
@click.argument("content", required=False, type=_FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="One line per remark as validate writes problems, or a JSON list.")
def comments(reviewed: Path, content: Path | None, fmt: str) -> None:
    """List the comments and tracked changes in REVIEWED.docx, each at its line in CONTENT.

    REVIEWED is a Word brief briefgen wrote, then reviewed in Word or LibreOffice. CONTENT defaults
    to the content/*.yaml whose name REVIEWED's name begins with.
    """
    import json

    from .load import load_placed
    from .review import read
    content = content or _content_of(reviewed)
    brief, places = load_placed(content)
    review = read(reviewed, places)
    if review.title != " ".join(brief.title.split()):
        click.echo(f"warning: {reviewed} is titled \"{review.title}\", {content} \"{brief.title}\"; "
                   "if it was made from another content file, its remarks are placed by field but not by words",
                   err=True)
    found = review.remarks
    if fmt == "json":
        click.echo(json.dumps([remark.as_data() for remark in found], ensure_ascii=False, indent=2))
        return
    for remark in found:
        click.echo(str(remark))
    if not found:
        click.echo(f"{reviewed}: no comments or tracked changes", err=True)


def _content_of(reviewed: Path) -> Path:
    """The content file a reviewed brief was made from, by name: out/nrf.docx, nrf-reviewed-AB.docx ← content/nrf.yaml."""
    stem = reviewed.stem.lower()
    named = [path for path in Path("content").glob("*.yaml") if stem.startswith(path.stem.lower())]
    if not named:
        raise click.UsageError(f"no content/*.yaml here whose name {reviewed.name} begins with; give CONTENT")
    return max(named, key=lambda path: len(path.stem))


@cli.command()
@click.argument("name")
def new(name: str) -> None:
    """Scaffold content/NAME.yaml from a commented example that validates."""
    from .output import write_atomic
    from .theme import templates_root
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise click.UsageError("NAME must be lower-case letters, digits, '-' or '_' (it becomes the file name)")
    target = Path("content") / f"{name}.yaml"
    if target.exists():
        raise BriefgenError(f"{target}: already exists; choose another NAME or delete it first")
    example = (templates_root() / "default" / "example.yaml").read_text(encoding="utf-8")
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, example.encode("utf-8"))
    click.echo(f"{target}: written; edit it, then run `briefgen validate {target}`")


def _content_files(given: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The files named, or every content/*.yaml under the current directory; a usage error if there are none."""
    files = list(given) or sorted(Path("content").glob("*.yaml"))
    if not files:
        raise click.UsageError("no CONTENT given and no content/*.yaml here")
    return files


def _check_output(output: Path, fmt: str) -> None:
    """A product goes under its own extension, and never as binary onto a terminal."""
    if output == STDIO:
        if sys.stdout.isatty():
            raise click.UsageError(f"refusing to write a binary .{fmt} to the terminal; redirect it "
                                   f"(> brief.{fmt}) or give -o FILE.{fmt}")
        return
    if output.suffix.lower() != f".{fmt}":
        raise click.UsageError(f"-o {output}: a {fmt} product is written as FILE.{fmt}, not "
                               f"{output.suffix or 'without an extension'}")


def _theme_and_references(templates: list[Path], paper: str | None, options: dict[str, Path | None],
                          formats: list[str], quiet: bool = False) -> tuple[Theme, dict[str, Template]]:
    """The theme and each format's reference document, from --template, --reference-docx/-pptx and the theme folder.

    --template takes a theme folder or a reference .docx/.pptx; a theme folder may hold reference.docx
    and reference.pptx, which the explicit options override. The PDF takes the Word brief's look, so a
    reference .docx counts for it too. Every reference given restyles the theme (its colours and fonts),
    whichever products are made: `briefgen pdf` draws the PDF that `briefgen all` draws.
    """
    from .render.office.template import EXTENSIONS, read, theme_deck
    from .theme import load_theme
    folder = None
    references: dict[str, Path] = {}
    for template in templates:
        kind = next((fmt for fmt, suffixes in EXTENSIONS.items() if template.suffix.lower() in suffixes), None)
        if template.is_dir() or template.name == "theme.toml":
            if folder is not None:
                raise click.BadParameter("give one theme folder", param_hint="--template")
            folder = template if template.is_dir() else template.parent
        elif kind in formats or (kind == "docx" and "pdf" in formats):
            references[kind] = template
        else:
            wanted = " or ".join(f"a reference {_REFERENCE_KINDS[f]} ({', '.join(EXTENSIONS[f])})"
                                 for f in formats if f in EXTENSIONS)
            raise click.BadParameter(f"{template}: expected {wanted + ' or ' if wanted else ''}a theme folder",
                                     param_hint="--template")
    for fmt in ("docx", "pptx"):
        given = options.get(f"reference_{fmt}")
        if given is not None:
            if given.suffix.lower() not in EXTENSIONS[fmt]:
                raise click.BadParameter(f"{given}: expected a {_REFERENCE_KINDS[fmt]} "
                                         f"({', '.join(EXTENSIONS[fmt])})", param_hint=f"--reference-{fmt}")
            references[fmt] = given
        elif fmt not in references and folder is not None and (folder / f"reference.{fmt}").is_file():
            references[fmt] = folder / f"reference.{fmt}"
    theme = load_theme(folder, paper=paper)
    # Each reference document is read as untrusted input, once, before any product is rendered.
    read_references = {f: read(p, f) for f, p in references.items()}
    sanitised = {f: template for f, template in read_references.items() if f in formats}
    for template in (theme_deck(theme) if "pptx" in formats else None, *sanitised.values()):
        if template is not None and template.warning and not quiet:
            click.echo(f"warning: {template.warning}", err=True)
    theme, said = _restyled(theme, read_references)
    for warning in said if not quiet else ():
        click.echo(f"warning: {warning}", err=True)
    return theme, sanitised


def _restyled(theme: Theme, references: dict[str, Template]) -> tuple[Theme, list[str]]:
    """The theme in the reference documents' colours and body font, for every product (the .docx's where both
    give one)."""
    said: list[str] = []
    if not references:  # reading one imports lxml
        return theme, said
    from .render.office.colours import colours_of
    from .render.office.fonts import fonts_of
    from .theme import refonted, restyled
    for fmt in ("pptx", "docx"):
        if fmt in references:
            source = str(references[fmt].path)
            theme, kept = restyled(theme, colours_of(references[fmt]), source)
            said += kept
            theme, kept = refonted(theme, fonts_of(references[fmt]), source)
            said += kept
    return theme, said


_REFERENCE_KINDS = {"docx": "Word document or template", "pptx": "PowerPoint presentation or template"}


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None


def _render_all(files: list[Path], formats: list[str], theme: Theme, references: dict[str, Template],
                target: Callable[[Path, str], Path], *, jobs: int | None, debug: bool,
                summary: bool = False, quiet: bool = False, strict: bool = False,
                recipients: tuple[Path, list[Recipient]] | None = None, minutes: int | None = None,
                compare: Path | None = None, workers: Sequence[Worker] = ()) -> None:
    """Load every file, render each product, report one line per product; exit 1 if anything failed
    (or, with ``strict``, warned). ``minutes`` is the meeting a deck is planned for, instead of the content's;
    ``compare`` the last edition's content file, for a Word redline against it; ``workers`` those forked for the
    products (batch.forked), handed each brief's as it is loaded.

    With ``recipients`` (the file and what it lists), each product is laid out once and drawn once per
    recipient as a numbered copy, and each brief's copies are listed in their folder's manifest.
    """
    # One product, and the process ends once it is written: what making it leaves lives until then (kept), and the
    # exit frees it, where collections walked it for nothing (~5 ms of a cold PDF, most of it after the drawing).
    # Several: what each leaves is collected while the next is made.
    one = len(files) * len(formats) * (len(recipients[1]) if recipients else 1) == 1
    with kept() if one else nullcontext():
        _render_each(files, formats, theme, references, target, jobs=jobs, debug=debug, summary=summary, quiet=quiet,
                     strict=strict, recipients=recipients, minutes=minutes, compare=compare, workers=workers)


def _render_each(files: list[Path], formats: list[str], theme: Theme, references: dict[str, Template],
                 target: Callable[[Path, str], Path], *, jobs: int | None, debug: bool, summary: bool, quiet: bool,
                 strict: bool, recipients: tuple[Path, list[Recipient]] | None, minutes: int | None,
                 compare: Path | None, workers: Sequence[Worker]) -> None:
    """Each product made and said, as _render_all says."""
    import time

    from . import batch, copies, lint
    from .layout.reviewer import open_warnings
    from .layout.publication import Copy
    from .load import ContentError, Places, load_placed
    from .output import refuse_clobbering
    start = time.perf_counter()
    listed = recipients[1] if recipients else []
    outputs = [(path, target(path, fmt)) for path in files for fmt in formats if target(path, fmt) != STDIO]
    if recipients:
        outputs = [(path, copies.target(out, r, len(listed))) for path, out in outputs for r in listed]
        for folder in dict.fromkeys(copies.folder(target(path, fmt)) for path in files for fmt in formats):
            _ensure_folder(folder)
    _refuse_duplicates(outputs)
    refuse_clobbering([out for _, out in outputs],
                      [*files, *theme.files, *(reference.path for reference in references.values()),
                       *([recipients[0]] if recipients else []), *([compare] if compare else [])])
    old = None
    if compare is not None:
        try:
            old = load_placed(compare)[0]
        except ContentError as exc:  # the last edition must be a valid brief too: said as the loader says it
            click.echo(str(exc), err=True)
            sys.exit(EXIT_CONTENT)
    places: dict[Path, Places] = {}
    failed = warned = 0
    content_warned = False  # a warning about a content file itself (said above), for --strict

    def loaded() -> Iterator[list[batch.Task]]:
        """Each brief loaded, its warnings said, and its products as tasks (read by batch.run as it goes)."""
        nonlocal failed, content_warned
        for path in files:
            try:
                brief, places[path] = load_placed(path)
            except ContentError as exc:
                click.echo(str(exc), err=True)
                failed += len(formats)
                continue
            if minutes is not None:
                from .layout.deck_plan import for_minutes
                brief = for_minutes(brief, minutes)
            # Said once per content file, not once per product: what validate says.
            warnings = open_warnings(brief, places[path])
            if brief.status == "final" and warnings:
                # A final brief is held to --strict before anything is rendered: no open warning goes out in it.
                for said in warnings:
                    click.echo(str(said), err=True)
                click.echo(_final_refused(path, len(warnings)) + "; nothing rendered", err=True)
                failed += len(formats) * (len(listed) or 1)
                continue
            for said in [*places[path].notes, *warnings] if not quiet else ():
                click.echo(str(said), err=True)
            content_warned = content_warned or bool(warnings)
            red = None if recipients else copies.unnumbered_red(brief.marking)
            if red:
                content_warned = True
                if not quiet:
                    click.echo(str(places[path].warning(("marking",), red)), err=True)
            # Only the page budget is said after rendering: the rest of the places go before the workers fork.
            places[path] = places[path].only(lint.PAGE_BUDGET)
            if not recipients:
                from .products import redlined
                yield [batch.Task(brief, fmt, target(path, fmt), references.get(fmt), content=path,
                                  laid=redlined(brief, old, theme) if old is not None else None)
                       for fmt in formats]
                continue
            from .products import lay_out
            tasks = []
            for fmt in formats:  # laid out once here, before the workers are forked: every copy shares it
                laid = lay_out(brief, fmt, theme, references.get(fmt))
                tasks += [batch.Task(brief, fmt, copies.target(target(path, fmt), r, len(listed)),
                                     references.get(fmt), content=path, laid=laid,
                                     copy=Copy(r.number, len(listed), r.label))
                          for r in listed]
            yield tasks

    written = 0
    manifests: dict[Path, list] = {}
    by_number = {r.number: r for r in listed}
    for outcome in batch.run(loaded(), theme, jobs=jobs, debug=debug, started=workers):
        if outcome.written:
            written += 1
            if not quiet:
                # A product written to standard output leaves that stream to the product alone.
                click.echo(str(outcome.written), err=outcome.task.out == STDIO)
            copy = outcome.task.copy
            if copy is not None:
                manifests.setdefault(outcome.task.out.parent, []).append(
                    (by_number[copy.number], outcome.task.fmt, outcome.task.out, outcome.written.sha256,
                     outcome.written.size))
                if copy.number != 1:
                    continue  # the copies share their layout, and so its warnings: said for the first alone
            warnings = [f"warning: {warning}" for warning in outcome.written.warnings]
            over = None
            if outcome.written.pages is not None:  # counted only when the brief sets a page budget
                over = lint.page_budget(outcome.task.brief, outcome.written.pages, str(outcome.written.path))
            if over:
                warnings.append(str(places[outcome.task.content].warning(over.path, over.message)))
            for warning in warnings if not quiet else ():
                click.echo(warning, err=True)
            warned += bool(warnings)
        else:
            failed += 1
            click.echo(f"error: {outcome.error}", err=True)
    for folder, rows in sorted(manifests.items()):
        from .output import write_atomic
        write_atomic(folder / copies.MANIFEST, copies.manifest(rows))
        if not quiet:
            click.echo(f"{folder / copies.MANIFEST}  {len(rows)} copies", err=False)
    if summary and not (quiet and not failed):
        with_warnings = f", {warned} with warnings" if warned else ""
        click.echo(f"{written} written{with_warnings}, {failed} failed, {time.perf_counter() - start:.2f} s",
                   err=bool(failed))
    if failed or (strict and (warned or content_warned)):
        sys.exit(EXIT_CONTENT)


def _recipients(path: Path | None) -> tuple[Path, list[Recipient]] | None:
    """The recipients file and its recipients, read (as untrusted input) before anything is rendered."""
    if path is None:
        return None
    from .recipients import read
    return path, read(path)


def _refuse_duplicates(targets: list[tuple[Path, Path]]) -> None:
    """Two products bound for one file would overwrite each other: a usage error before anything is written."""
    seen: dict[Path, Path] = {}
    for content, out in targets:
        where = out.resolve()
        first = seen.get(where)
        if first is not None and first.resolve() == content.resolve():
            raise click.UsageError(f"{content} is given twice; give each content file once")
        if first is not None:
            raise click.UsageError(f"{first} and {content} would both be written to {out}; give them "
                                   "different file names or render them into different folders")
        seen[where] = content


def run() -> None:
    """The ``briefgen`` program: main(), then end the process at once with main's exit status.

    Python's own exit frees every object and module one at a time: 25 ms of a ``validate`` and
    about 100 ms of a render, for nothing. By the time main() returns, every product is written
    and renamed into place and every worker stopped; only the standard streams need flushing.
    """
    import os
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"), as Python would show it
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader has gone, or the stream is closed: nothing to keep
            pass
    os._exit(code)


def main() -> None:
    """Entry point: no traceback reaches the user unless --debug asks for one."""
    from .interruption import Interrupted, handled, leave
    debug = "--debug" in sys.argv[1:]
    try:
        with handled():
            cli.main(standalone_mode=False)
    except Interrupted as stop:  # raised where there was cleanup to do; it is done
        leave(stop)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BriefgenError as exc:  # a content, theme, template or output problem: its message says it all
        click.echo(str(exc), err=True)
        sys.exit(EXIT_CONTENT)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, and keep the traceback for --debug
        if debug:
            import traceback
            traceback.print_exc()
        else:
            click.echo(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                       err=True)
        sys.exit(EXIT_CONTENT)
    sys.exit(0)
