"""One loaded brief → one product on disk: lay out, render, write atomically.

This is the only place that knows the whole pipeline after loading; the CLI calls it, and so do
tests and benchmarks. Renderer modules are imported only when their format is asked for,
so `validate` and `--help` never pay for python-docx, python-pptx or reportlab. Nor is the
loader (and PyYAML with it) imported here: a batch's workers are forked with this module
imported and never read YAML, and the parent imports it after forking them, not before,
while the other CPU waited.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import ModuleType
from typing import Any

from .cycles import imported
from .errors import BriefgenError
from .layout import document as document_layout
from .layout.outline import labels
from .layout.publication import Copy
from .model import Brief, dotted, text_fields
from .errors import OutputError
from .output import build_time, check_target, write_atomic, write_stdout
from .render.office.template import Template, theme_deck
from .errors import TemplateError
from .theme import Theme
from .value import Value

FORMATS = ("docx", "pdf", "pptx")
STDOUT = Path("-")


class Written(Value):
    path: Path
    size: int
    seconds: float
    warnings: tuple[str, ...] = ()
    pages: int | None = None  # counted in a PDF, estimated for a .docx; only when the brief sets a page budget
    sha256: str = ""  # of the bytes written, for a numbered copy's manifest

    def __str__(self) -> str:
        where = "<stdout>" if self.path == STDOUT else self.path
        return f"{where}  {_size(self.size)}  {self.seconds:.2f} s"


def render(brief: Brief, fmt: str, theme: Theme, *, template: Template | None = None,
           warnings: list[str] | None = None) -> bytes:
    """The bytes of one product; ``template`` is a sanitised reference .docx or .pptx for that format.

    What the reader should know but does not stop the product (a style the reference document
    lacks, a character the PDF font cannot show) is appended to ``warnings``, never printed here.
    """
    return _rendered(brief, fmt, theme, template, [] if warnings is None else warnings)[0]


def _rendered(brief: Brief, fmt: str, theme: Theme, template: Template | None,
              warnings: list[str], laid: LaidOut | None = None, copy: Copy | None = None) -> tuple[bytes, int | None]:
    """The product's bytes and, when the brief sets a page budget, its pages (see page_count)."""
    user_template = template or (theme_deck(theme) if fmt == "pptx" else None)
    try:
        return _render(brief, fmt, theme, template, warnings, laid, copy)
    except BriefgenError:
        raise
    except Exception as exc:
        if user_template is None:
            raise
        # Sanitised, a template is well-formed Office XML, yet its values can still be ones python-docx or
        # python-pptx cannot use (a page width of "abc"): that is the template's fault, said as such.
        raise TemplateError(f"{user_template.path}: cannot use this template: {type(exc).__name__}: {exc}") from exc


class LaidOut(Value):
    """One product laid out: what every numbered copy of it shares, and what the layout warned of."""

    fmt: str
    layout: Any  # layout.document.Document for docx and pdf, layout.deck.Deck for pptx
    warnings: tuple[str, ...] = ()


def redlined(brief: Brief, old: Brief, theme: Theme) -> LaidOut:
    """The Word brief's layout of ``brief`` with every change from the edition ``old`` marked (layout/redline.py),
    by "briefgen" on the new edition's date."""
    from .layout.redline import compare
    new = document_layout.compose(brief, theme, footnotes=True)
    date = f"{brief.date.first_day().isoformat()}T00:00:00Z"
    return LaidOut("docx", compare(document_layout.compose(old, theme, footnotes=True), new, date=date),
                   tuple(new.left_out))


def prepare(fmt: str) -> None:
    """Import what rendering ``fmt`` needs, ahead of its first product: a batch's worker does so while it waits
    for the first brief to be loaded."""
    if fmt in FORMATS:
        _renderer(fmt)


def lay_out(brief: Brief, fmt: str, theme: Theme, template: Template | None = None) -> LaidOut:
    """The layout of one product, before it is drawn."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    renderer = _renderer(fmt)  # before the layout, which would be frozen with what the import makes
    if fmt in ("docx", "pdf"):
        # Word's notes are its own footnotes; the PDF lists them under their heading.
        layout = document_layout.compose(brief, theme, footnotes=fmt == "docx")
        glyphs = glyph_warnings(brief, theme) if fmt == "pdf" else []
        return LaidOut(fmt, layout, (*glyphs, *layout.left_out))
    if fmt == "pptx":
        from .layout import deck as deck_layout
        deck = deck_layout.compose(brief, theme, renderer.geometry(theme, template))
        return LaidOut(fmt, deck, tuple(deck.left_out))


def _renderer(fmt: str) -> ModuleType:
    """The format's renderer (render/<fmt>), imported when a product of it is first laid out or drawn, with the
    cycle collector paused (cycles.imported)."""
    return imported(f"{__package__}.render.{fmt}")


def _render(brief: Brief, fmt: str, theme: Theme, template: Template | None,
            warnings: list[str], laid: LaidOut | None = None, copy: Copy | None = None) -> tuple[bytes, int | None]:
    when = build_time(brief.date.first_day())
    laid = laid or lay_out(brief, fmt, theme, template)
    warnings += laid.warnings
    layout = laid.layout
    if copy is not None:  # a numbered copy: the same layout, its marking line and properties its own
        words = labels(brief.language)
        if fmt == "pptx":
            from .layout.deck import numbered as numbered_deck
            layout = numbered_deck(layout, copy, theme, words)
        else:
            layout = document_layout.numbered(layout, copy, words)
    if fmt == "docx":
        docx = _renderer("docx")
        data, pages = docx.render(layout, theme, reference=template, when=when, warnings=warnings)
        # Estimated, not counted: Word sets the pages itself when it opens the file. A PDF's pages are counted
        # in it; a deck has slides, not pages.
        return data, (pages if brief.page_budget else None)
    if fmt == "pdf":
        pdf = _renderer("pdf")
        handed = [layout]
        del laid, layout  # handed over: the PDF lets the layout go before it draws the pages
        data = pdf.render(handed, theme, when=when)
        return data, (pdf.page_count(data) if brief.page_budget else None)
    pptx = _renderer("pptx")
    return pptx.render(layout, theme, template=template, when=when, warnings=warnings), None


def make(brief: Brief, fmt: str, out: Path, theme: Theme, *, template: Template | None = None,
         laid: LaidOut | None = None, copy: Copy | None = None) -> Written:
    """Render one product and write it to ``out`` atomically, or to standard output if ``out`` is ``-``.

    ``laid`` is the product already laid out (every numbered copy shares one), ``copy`` the copy it is.
    """
    start = time.perf_counter()
    to_stdout = out == STDOUT
    if not to_stdout:
        check_target(out)
    if not to_stdout and not out.parent.is_dir():
        # Say so before spending time on the render.
        raise OutputError(f"{out.parent}: output folder does not exist")
    warnings: list[str] = []
    data, pages = _rendered(brief, fmt, theme, template, warnings, laid, copy)
    if brief.status == "final":
        _refuse_open_warnings(brief, warnings, pages, "<stdout>" if to_stdout else str(out))
    if to_stdout:
        write_stdout(data)
    else:
        write_atomic(out, data)
    said = tuple(dict.fromkeys(f"{'<stdout>' if to_stdout else out}: {w}" for w in warnings))
    digest = ""
    if copy is not None:  # a numbered copy's hash goes into the manifest; hashlib loads OpenSSL, so only then
        import hashlib
        digest = hashlib.sha256(data).hexdigest()
    return Written(out, len(data), time.perf_counter() - start, said, pages, digest)


def _refuse_open_warnings(brief: Brief, warnings: list[str], pages: int | None, product: str) -> None:
    """A final brief goes out with no open warning: its product is not written if rendering it warned
    (a character the PDF cannot show, a style the reference lacks, a page budget overrun)."""
    from .lint import page_budget
    over = page_budget(brief, pages, product) if pages is not None else None
    found = [*warnings, *([f"{over.message}"] if over else [])]
    if found:
        raise OutputError(f"{product}: not written: status: final, and rendering it warned: {'; '.join(found)}; "
                          "a final brief goes out with no open warning (or set status: draft)")


def glyph_warnings(brief: Brief, theme: Theme) -> list[str]:
    """Characters the PDF's embedded font cannot show, by field; the PDF shows each as U+FFFD.

    Word, LibreOffice and PowerPoint substitute another font for such characters;
    a PDF can only use what it embeds, so only the PDF is checked.
    """
    from .render.pdf.fonts import missing_glyphs, replacement
    fields = list(text_fields(brief))
    if not missing_glyphs("".join(text for _, text in fields), theme):  # as nearly always: one look at every text
        return []
    found = []
    for path, text in fields:
        missing = missing_glyphs(text, theme)
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(missing)[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            found.append(f"{dotted(path)}: the PDF font has no glyph for {shown}{more}; "
                         f"it is shown as {replacement(theme)}")
    return found


def default_output(content: Path, fmt: str, out_dir: Path = Path("out")) -> Path:
    """out/<name>.<format>; a brief read from standard input is named "stdin"."""
    return out_dir / f"{'stdin' if content == STDOUT else content.stem}.{fmt}"


__all__ = ["FORMATS", "Written", "default_output", "make", "render"]


def _size(n: int) -> str:
    return f"{n / 1024:.1f} kB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
