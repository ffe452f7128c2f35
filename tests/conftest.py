"""Shared fixtures: the products of a few briefs, rendered once per session, and read by tools we did not write.

LibreOffice is slow to start, so every .docx and .pptx the suite needs is converted
to PDF by one `soffice` call in the session-scoped ``converted`` fixture. To add a
product, add a ``Job`` to ``jobs()`` below rather than calling soffice in a test.
"""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NRF = ROOT / "content" / "nrf-secession.yaml"
EXAMPLE = ROOT / "templates" / "default" / "example.yaml"
HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
# pandoc's default reference.docx and reference.pptx, opened and saved again by LibreOffice 7.4
# (`soffice --convert-to docx` / `pptx`): a template as LibreOffice writes it, page setup and renamed layouts.
LIBREOFFICE_REFERENCES = {fmt: ROOT / "tests" / "data" / f"libreoffice-reference.{fmt}" for fmt in ("docx", "pptx")}
FORMATS = ("docx", "pdf", "pptx")
REFERENCE_HEADING_FONT, REFERENCE_HEADING_COLOUR = "DejaVu Serif", "C00000"
SERIF = "DejaVu Serif"  # installed with LibreOffice (fonts-dejavu-core): its files are found on this machine
# The theme colours of the references whose heading font is SERIF: their headings (accent1 in pandoc's .docx),
# estimates (accent2) and links (hlink).
HEADING_REFERENCE_COLOURS = {"accent1": "7A1F5C", "accent2": "2E6B30", "hlink": "5B2C8F"}


@dataclass(frozen=True)
class Job:
    """One product the session renders: a case name, a format, its content and optional --template."""

    case: str
    fmt: str
    content: Path
    template: Path | None = None

    @property
    def filename(self) -> str:
        # Distinct stems, so that one soffice call can convert them all into one folder.
        return f"{self.case}-{self.fmt}.{self.fmt}"


def run_briefgen(*args: str | os.PathLike, cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a user would: a separate process, captured output."""
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def packages_imported(*args: str | os.PathLike, cwd: Path | None = None) -> set[str]:
    """The top-level packages a command line imports, as a user runs it (its own process), asserted to succeed.

    The command line ends with os._exit, so the process says what it imported just before it."""
    code = ("import os, sys\n"
            "leave = os._exit\n"
            "def said(status):\n"
            "    print(sorted({name.split('.')[0] for name in sys.modules}), flush=True)\n"
            "    leave(status)\n"
            "os._exit = said\n"
            f"sys.argv = ['briefgen', *{[str(arg) for arg in args]!r}]\n"
            "from briefgen import main\n"
            "main()\n")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120)
    assert found.returncode == 0, found.stderr
    return set(ast.literal_eval(found.stdout.strip().splitlines()[-1]))


def jobs(cases: dict[str, Path], references: dict[str, Path] | None = None,
         foreign: dict[tuple[str, str], Path] | None = None, restyled: Path | None = None,
         unknown_font: Path | None = None, logo: Path | None = None,
         serif_headings: Path | None = None) -> list[Job]:
    listed = [Job(case, fmt, content) for case, content in cases.items() for fmt in FORMATS]
    # The long-titled brief's deck with its titles in DejaVu Serif (a theme's [heading_fonts]): fitted in its widths.
    listed += [Job("serif-headings", "pptx", cases["titled"], serif_headings)] if serif_headings else []
    # The NRF brief in a theme with a logo, in its running header too.
    listed += [Job("logo", fmt, NRF, logo) for fmt in FORMATS if logo]
    # The example brief in a theme of its own: the brief in Word and as a PDF, to compare their looks.
    listed += [Job("restyled", fmt, EXAMPLE, restyled) for fmt in ("docx", "pdf") if restyled]
    # The example in a font neither Office nor this machine has: the Word brief must carry it.
    listed += [Job("unknown-font", fmt, EXAMPLE, unknown_font) for fmt in ("docx", "pptx") if unknown_font]
    # The NRF brief once more per reference document the session made: --template as a user gives it.
    listed += [Job("reference", fmt, NRF, template) for fmt, template in (references or {}).items()]
    # And once per reference document made by another program (pandoc, LibreOffice).
    listed += [Job(case, fmt, NRF, template) for (case, fmt), template in (foreign or {}).items()]
    return listed


@pytest.fixture(scope="session")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Reference documents for --template, by format, made here rather than shipped."""
    return {"docx": reference_docx(tmp_path_factory.mktemp("reference") / "reference.docx")}


@pytest.fixture(scope="session")
def foreign_references(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Reference documents other programs made, by (maker, format): pandoc's defaults, and LibreOffice-saved ones."""
    made = {("libreoffice", fmt): path for fmt, path in LIBREOFFICE_REFERENCES.items()}
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.fail("pandoc is not installed; .ci/run installs it with apt")
    folder = tmp_path_factory.mktemp("pandoc")
    for fmt in ("docx", "pptx"):
        path = folder / f"reference.{fmt}"
        subprocess.run([pandoc, "-o", str(path), "--print-default-data-file", f"reference.{fmt}"], check=True)
        made[("pandoc", fmt)] = path
    # pandoc's reference .docx with its body font changed in its theme, as a user would in Word.
    made[("serif", "docx")] = pandoc_with_fonts(tmp_path_factory.mktemp("serif"), "docx", body=SERIF)
    # pandoc's references with their heading font and theme colours changed, their body font Calibri (Carlito).
    folder = tmp_path_factory.mktemp("heading")
    for fmt in ("docx", "pptx"):
        made[("heading", fmt)] = pandoc_with_fonts(folder, fmt, body="Calibri", heading=SERIF,
                                                   colours=HEADING_REFERENCE_COLOURS)
    return made


def pandoc_with_fonts(folder: Path, fmt: str, *, body: str | None = None, heading: str | None = None,
                      colours: dict[str, str] | None = None) -> Path:
    """pandoc's own reference .docx or .pptx, its theme's body (minor) and heading (major) fonts and the
    ``colours`` of its scheme's slots ("accent1": RRGGBB) changed as a user would in Word's or PowerPoint's
    Design tab."""
    default = subprocess.run(["pandoc", "--print-default-data-file", f"reference.{fmt}"], capture_output=True,
                             check=True).stdout
    out = folder / f"reference.{fmt}"
    with zipfile.ZipFile(io.BytesIO(default)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if re.fullmatch(r"(word|ppt)/theme/theme1\.xml", info.filename):
                for kind, family in (("minor", body), ("major", heading)):
                    if family:
                        data = re.sub(rf'(<a:{kind}Font>\s*<a:latin typeface=")[^"]*'.encode(),
                                      rb"\g<1>" + family.encode(), data)
                for slot, colour in (colours or {}).items():
                    data, found = re.subn(rf'(<a:{slot}>\s*<a:srgbClr val=")[0-9A-Fa-f]{{6}}'.encode(),
                                          rb"\g<1>" + colour.encode(), data)
                    assert found == 1, slot
            target.writestr(info, data)
    return out


def reference_docx(path: Path) -> Path:
    """A user's .docx whose Heading 1 is red DejaVu Serif: the look --template must carry into the brief."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = REFERENCE_HEADING_FONT
    # As Word does when a font is picked for the style: its theme font goes (Word shows a theme font before
    # a named one, and LibreOffice does once the theme's font, or a metric twin of it, is installed).
    fonts = heading.element.rPr.rFonts
    for theme_font in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{theme_font}", None)
    heading.font.color.rgb = RGBColor.from_string(REFERENCE_HEADING_COLOUR)
    heading.font.size = Pt(16)
    document.add_paragraph("Boilerplate of the user's own that the brief replaces.")
    document.save(path)
    return path


RESTYLED_SIZES = {"body": 11.5, "small": 7.5, "title": 26, "subtitle": 15, "heading1": 16.5, "heading2": 13.5,
                  "heading3": 12.5, "marking": 13}
# Every colour its own, so that a product setting one role in another role's colour shows it.
RESTYLED_COLOURS = {"primary": "23415F", "callout_border": "2A4D73", "table_header_fill": "173350",
                    "accent": "A8402A", "rule": "8C99A6"}


# DejaVu Sans, as fonts-dejavu-core installs it (.ci/run).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def dejavu_theme(folder: Path) -> Path:
    """The built-in theme set in DejaVu Sans."""
    shutil.copytree(ROOT / "templates" / "default", folder)
    for face in ("", "-Bold", "-Oblique", "-BoldOblique"):
        shutil.copy(DEJAVU / f"DejaVuSans{face}.ttf", folder / "fonts")
    toml = folder / "theme.toml"
    text = toml.read_text(encoding="utf-8")
    for old, new in (('"Calibri"', '"DejaVu Sans"'), ("Carlito-Regular", "DejaVuSans"), ("Carlito-BoldItalic",
                     "DejaVuSans-BoldOblique"), ("Carlito-Bold", "DejaVuSans-Bold"), ("Carlito-Italic",
                     "DejaVuSans-Oblique")):
        text = text.replace(old, new)
    toml.write_text(text, encoding="utf-8")
    return folder


UNKNOWN_FAMILY = "Vujade Sans"


def unknown_font_theme(folder: Path) -> Path:
    """The built-in theme in DejaVu Sans renamed Vujade Sans (its licence asks a changed font to be renamed):
    a font that neither Office nor this machine has, so LibreOffice can only show it from inside the brief."""
    dejavu_theme(folder)
    for path in (folder / "fonts").glob("DejaVuSans*.ttf"):
        data = path.read_bytes()
        for encoding in ("utf-16-be", "latin-1"):  # the name table's strings, the same length each
            data = data.replace("DejaVu Sans".encode(encoding), UNKNOWN_FAMILY.encode(encoding))
            data = data.replace("DejaVuSans".encode(encoding), "VujadeSans".encode(encoding))
        path.write_bytes(data)
    toml = folder / "theme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"DejaVu Sans"', f'"{UNKNOWN_FAMILY}"'),
                    encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def unknown_font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unknown_font_theme(tmp_path_factory.mktemp("unknown-font") / "theme")


def serif_headings_theme(folder: Path) -> Path:
    """A copy of the built-in theme whose headings are set in DejaVu Serif (its files copied from this machine's)."""
    from briefgen.installed_fonts import faces_of, font_folders

    shutil.copytree(ROOT / "templates" / "default", folder,
                    ignore=shutil.ignore_patterns("deck.pptx", "*.py", "example.yaml"))
    found = faces_of(SERIF, folder, font_folders())
    assert len(found) == 4, f"{SERIF}'s four faces are not installed: .ci/run installs them (fonts-dejavu-*)"
    lines = ["", "[heading_fonts]", f'family = "{SERIF}"']
    for face, path in found.items():
        shutil.copy(path, folder / "fonts" / path.name)
        lines.append(f'{face} = "fonts/{path.name}"')
    with (folder / "theme.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n".join(lines) + "\n")
    return folder


@pytest.fixture(scope="session")
def serif_headings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return serif_headings_theme(tmp_path_factory.mktemp("serif-headings") / "theme")


@pytest.fixture(scope="session")
def restyled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A theme folder whose sizes and colours all differ from the built-in theme's and from one another."""
    folder = tmp_path_factory.mktemp("restyled") / "theme"
    shutil.copytree(ROOT / "templates" / "default", folder)
    toml = folder / "theme.toml"
    lines, table = [], ""
    for line in toml.read_text(encoding="utf-8").splitlines():
        key = line.split("=")[0].strip()
        if line.startswith("["):
            table = line.split("]")[0] + "]"
        elif table == "[sizes]" and key in RESTYLED_SIZES:
            line = f"{key} = {RESTYLED_SIZES[key]:g}"
        elif table == "[colours]" and key in RESTYLED_COLOURS:
            line = f'{key} = "{RESTYLED_COLOURS[key]}"'
        lines.append(line)
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def logo_theme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in theme with a wide logo (transparent around a disc and a bar), in the running header too."""
    from .logos import logo_png, themed

    return themed(tmp_path_factory.mktemp("logo") / "theme", '"logo.png"', header=True,
                  files={"logo.png": logo_png()})


@pytest.fixture(scope="session")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The content files every session renders: the NRF brief, the scaffold example, hostile strings, a long brief."""
    return {"nrf": NRF, "example": EXAMPLE, "hostile": HOSTILE,
            "long": long_brief(tmp_path_factory.mktemp("long") / "long.yaml"),
            "cited": cited_brief(tmp_path_factory.mktemp("cited") / "cited.yaml"),
            "apa": cited_brief(tmp_path_factory.mktemp("apa") / "apa.yaml", csl="apa"),
            "own": own_brief(tmp_path_factory.mktemp("own") / "own.yaml"),
            "titled": titled_brief(tmp_path_factory.mktemp("titled") / "titled.yaml")}


LONG_TITLE = ("What the Secessionist Currents Around Afghanistan's National Resistance Front Mean for the Region "
              "in 2023 and After")
LONG_SUBTITLE = ("Online Pan-Khorasanism against the NRF's call for a united Afghanistan, as the desk read it in "
                 "its leaders' own posts")
# A source's address as a new user pastes one: long, with hyphens in its path, longer than a line of notes.
LONG_URL = ("https://www.example-policy-institute.org/research/briefs/2022/11/secessionist-currents-around-"
            "afghanistans-national-resistance-front-and-the-wider-region")


def example_changed(folder: Path, change=None) -> Path:
    """The scaffold's example brief, changed in one way by ``change(data)``, written as a user's YAML file."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if change:
        change(data)
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def titled_brief(path: Path) -> Path:
    """The NRF brief with a long title and subtitle, and a long address with hyphens for its first source."""
    import yaml

    data = yaml.safe_load(NRF.read_text(encoding="utf-8"))
    data["title"], data["subtitle"] = LONG_TITLE, LONG_SUBTITLE
    source = next(s for s in data["sources"] if s.get("url"))
    source["url"] = LONG_URL
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def long_brief(path: Path) -> Path:
    """The NRF brief with its lists repeated and its statements lengthened: text that cannot fit one slide."""
    import yaml

    data = yaml.safe_load(NRF.read_text(encoding="utf-8"))
    summary = data["summary"] if isinstance(data["summary"], list) else [data["summary"]]
    data["summary"] = summary * 2 + [" ".join(summary * 3)]  # one paragraph taller than a slide
    data["key_judgments"] = [dict(kj, statement=f"{kj['statement']} {kj['basis']}") for kj in data["key_judgments"]] * 2
    data["signals"] = data["signals"] * 2
    # The NRF brief tells its analogies in the outlook's prose; the example's are lengthened instead, to
    # more words than two columns of a slide hold.
    analogies = data.get("analogies") or yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["analogies"]
    data["analogies"] = [dict(a, what_happened=" ".join([a["what_happened"], a["parallel"], a["limits"]] * 8))
                         for a in analogies]
    data["outlook"]["scenarios"] = data["outlook"]["scenarios"] * 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def cited_brief(path: Path, csl: str | None = None) -> Path:
    """The example with two sources cited at several places: notes reused, distinct and side by side
    (or, in an author-date ``csl`` style, citations in the text)."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if csl:
        data["csl"] = csl
    data["sources"].append({"id": "treaty1959", "title": "Treaty on the Upper River", "date": 1959})
    data["summary"] += " Both sides still quote the treaty [@treaty1959, sec. 3; @report2024, p. 4]."
    judgment = data["key_judgments"][0]
    judgment["basis"] += " The flow figures are the centre's [@report2024, p. 4]."
    data["key_judgments"].append(dict(judgment, statement="The treaty will not be reopened this year.",
                                      likelihood="very likely", confidence="low",
                                      basis="Neither side has asked to reopen it [see @treaty1959, sec. 9]."))
    data["context"]["paragraphs"].append("As @report2024 [pp. 4-6] shows, the flow fell by a tenth.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


OWN_TABLE_ROWS = 24  # more than one slide holds: the deck continues the table with its header


def own_brief(path: Path) -> Path:
    """The scaffold example with the analyst's own image (in a subfolder, with a credit), own table, and actors
    that name each other (the three drawn figures)."""
    import yaml
    from PIL import Image, ImageDraw

    (path.parent / "images").mkdir()
    picture = Image.new("RGB", (900, 500), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 60, 840, 440), outline="navy", width=6)
    draw.line((60, 250, 840, 250), fill="teal", width=12)  # the river
    picture.save(path.parent / "images" / "river.png")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["images"] = [{"image": "images/river.png", "caption": "The river and the dam site",
                       "alt": "Sketch map: the river runs west to east across a rectangular basin.",
                       "credit": "Map: the desk's own sketch.", "after": "context"}]
    # Actors that name each other, so that the actor map is drawn: one tie plain, one reported (dashed),
    # and an ally who is no actor listed in its box.
    data["actors"] += [
        {"name": "Regional development bank", "kind": "lender", "role": "Lends for the dam's second phase.",
         "stance": "Wants the talks to go on.", "allies": ["Upstream government"]},
        {"name": "Downstream government", "kind": "state", "role": "Depends on the river's flow.",
         "stance": "Calls the dam a threat.", "allies": ["Regional development bank (reported)"]}]
    data["sections"].append({"title": "Flow measurements", "after": "context", "table": {
        "header": ["Station", "Year", "Mean flow (m³/s)"],
        "rows": [[f"Station {n}", str(2000 + n), f"{100 + 7 * n}"] for n in range(OWN_TABLE_ROWS)],
        "caption": "Mean flow by station"}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def products(tmp_path_factory: pytest.TempPathFactory, cases: dict[str, Path],
             references: dict[str, Path], foreign_references: dict[tuple[str, str], Path],
             restyled: Path, unknown_font: Path, logo_theme: Path,
             serif_headings: Path) -> dict[tuple[str, str], Path]:
    """Every Job rendered once through the real command line: (case, fmt) → file."""
    folder = tmp_path_factory.mktemp("products")
    made: dict[tuple[str, str], Path] = {}
    for job in jobs(cases, references, foreign_references, restyled, unknown_font, logo=logo_theme,
                    serif_headings=serif_headings):
        out = folder / job.filename
        args = [job.fmt, job.content, "-o", out]
        if job.template:
            args += ["--template", job.template]
        result = run_briefgen(*args)
        assert result.returncode == 0, f"{job}: {result.stderr}"
        made[(job.case, job.fmt)] = out
    return made


@pytest.fixture(scope="session")
def template_corpus(tmp_path_factory: pytest.TempPathFactory):
    """The NRF brief rendered with each template of the corpus (template_corpus.py): name → Outcome."""
    from . import template_corpus as corpus

    made = corpus.write(tmp_path_factory.mktemp("corpus"), ROOT / "tests" / "data")
    return corpus.render_each(made, NRF, tmp_path_factory.mktemp("corpus-products"))


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory, products: dict[tuple[str, str], Path],
              template_corpus) -> dict[tuple[str, str], Path]:
    """LibreOffice's PDF of every .docx and .pptx product, from a single soffice run: the cases' products
    by (case, fmt), and the template corpus's by (template name, fmt).

    A product LibreOffice cannot open has no PDF here, and the tests that need it fail.
    """
    products = {**products, **{(name, outcome.case.fmt): outcome.product
                               for name, outcome in template_corpus.items() if outcome.product}}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it with apt")
    folder = tmp_path_factory.mktemp("libreoffice")
    office_files = {key: path for key, path in products.items() if key[1] in ("docx", "pptx")}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(folder), *map(str, office_files.values())],
                       capture_output=True, text=True, timeout=600)
    return {key: folder / f"{path.stem}.pdf" for key, path in office_files.items()
            if (folder / f"{path.stem}.pdf").exists()}


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page, by pdftotext (form feeds separate the pages), as a reader sees it: without the
    word joiners that keep a range on one line (layout/line_breaks.py), which pdftotext gives from our PDF."""
    pages = pdftotext(pdf).replace("\u2060", "").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def briefgen_in_process(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run the command line inside this process (fast), exactly as `main()` does for a user."""
    from briefgen.cli import main

    def run(*args: str | os.PathLike, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["briefgen", *map(str, args)])
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main()
        captured = capsys.readouterr()
        return Run(int(exited.value.code or 0), captured.out, captured.err)

    return run


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory):
    """The session's products keep what they cache (formatted citations, user_cache.py) in a folder of its
    own, for this process and every briefgen it starts: not in the user's, and not shared with another run."""
    kept = os.environ.get("BRIEFGEN_CACHE")
    os.environ["BRIEFGEN_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if kept is None:
        del os.environ["BRIEFGEN_CACHE"]
    else:
        os.environ["BRIEFGEN_CACHE"] = kept


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read LibreOffice's conversions are slow, and run on one xdist worker together, so that the
    session's one soffice run (``converted``) happens once, not once per worker."""
    for item in items:
        # The template corpus is saved by LibreOffice too (and its products are among those converted).
        if {"converted", "template_corpus"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group("libreoffice"))
