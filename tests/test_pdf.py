"""The PDF brief, read back by qpdf, poppler (pdffonts, pdfinfo, pdftotext, pdftoppm) and pypdf."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from briefgen.load import load
from briefgen.render.pdf.fonts import missing_glyphs
from briefgen.theme import load_theme

from .conftest import EXAMPLE, NRF, packages_imported, pdf_pages_text, run_briefgen

LITERALS = ['<font size=80>', '<img src="/etc/hostname"/>', '<a href="javascript:alert(1)">x</a>', "&amp;",
            "%s"]
LONG_WORD = "Khorasan" * 375  # 3,000 characters, no break opportunity
EXAMPLE_OUTLINE = [(0, "Key judgments"), (0, "Key assumptions"), (0, "Context"), (1, "Timeline"), (0, "Actors"),
                   (1, "In their own words"), (0, "Warning signals"), (0, "Historical analogies"),
                   (0, "Alternative explanations"), (0, "Outlook"), (1, "Scenarios"), (1, "Indicators to watch"), (0, "Method"),
                   (0, "Implications for policy"), (0, "Editor's note"), (0, "Notes"), (0, "Sources"), (0, "About the author"),
                   (0, "Suggested citation")]


def hostile(data: dict) -> dict:
    """The example with the markup look-alikes in many kinds of field, and an amber marking."""
    text = " ".join(LITERALS)
    data["title"] = f"Title {LITERALS[0]}"
    data["short_title"] = f"Short {LITERALS[4]}"
    data["marking"] = "TLP:AMBER"
    data["summary"] = f"Summary {text}"
    data["key_judgments"][0]["statement"] = f"Statement {text}"
    data["context"]["paragraphs"] = [f"Context {text}"]
    data["context"]["timeline"][0]["event"] = f"Event {text}"
    data["actors"][0]["quotes"][0]["text"] = f"Quote {text}"
    data["outlook"]["indicators"] = [f"Indicator {text}"]  # a plain-text indicator has no id to name
    data["alternatives"] = [{"explanation": f"Alternative {text}", "would_show": f"Would show {text}",
                             "assessment": f"Assessment {text}"}]
    data["editor_notes"] = [f"Note {text}"]
    data["sources"][0]["title"] = f"Source {text}"
    return data


def stretched(data: dict) -> dict:
    """The example with a 3,000-character word in prose, cells, a quote and a note, and a 60-row timeline."""
    data["summary"] = f"Before {LONG_WORD} after."
    data["actors"][0]["role"] = LONG_WORD
    data["actors"][0]["quotes"][0]["text"] = LONG_WORD
    data["editor_notes"] = [LONG_WORD]
    data["context"]["timeline"] = [{"date": f"{1950 + i}", "event": f"Event number {i} of a long timeline."}
                                   for i in range(60)]
    data["context"]["timeline"][30]["event"] = LONG_WORD
    data["figures"] = {"timeline": False}  # the table is under test here; test_figures draws long timelines
    return data


def missing_glyph(data: dict) -> dict:
    data["summary"] = "The character \u6f22 is not in the theme font."
    return data


VARIANTS = {"hostile": hostile, "stretched": stretched, "glyph": missing_glyph}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case rendered once through the command line: nrf, example, letter and the variants above."""
    folder = tmp_path_factory.mktemp("pdf")
    jobs: dict[str, list] = {"nrf": [NRF], "example": [EXAMPLE], "letter": [EXAMPLE, "--paper", "letter"]}
    for name, change in VARIANTS.items():
        content = folder / f"{name}.yaml"
        content.write_text(yaml.safe_dump(change(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))),
                                          allow_unicode=True), encoding="utf-8")
        jobs[name] = [content]
    made = {}
    for name, args in jobs.items():
        out = folder / f"{name}.pdf"
        result = run_briefgen("pdf", args[0], "-o", out, *args[1:])
        assert result.returncode == 0, f"{name}: {result.stderr}"
        made[name] = out
    return made


def tool(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    lines = tool("pdfinfo", "-enc", "UTF-8", pdf).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def squeezed(text: str) -> str:
    """Text with all whitespace removed: pdftotext breaks lines wherever the PDF does."""
    return re.sub(r"\s+", "", text)


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')


def words(pdf: Path) -> list[dict[str, str | float]]:
    """Every word pdftotext finds, with its page number and box (in points)."""
    found, page = [], 0
    for line in tool("pdftotext", "-bbox", pdf, "-").splitlines():
        if line.strip().startswith("<page "):
            page += 1
            width = float(re.search(r'width="([\d.]+)"', line).group(1))
        match = WORD.search(line)
        if match:
            x0, y0, x1, y1 = map(float, match.groups()[:4])
            found.append({"page": page, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "text": match.group(5),
                          "page_width": width})
    return found


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every outline entry, depth first."""
    reader = PdfReader(pdf)
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


ALL = ("nrf", "example", "letter", "hostile", "stretched", "glyph")


class DescribeAValidFile:
    @pytest.mark.parametrize("case", ALL)
    def it_passes_qpdf_check(self, pdfs, case):
        result = subprocess.run(["qpdf", "--check", str(pdfs[case])], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout

    @pytest.mark.parametrize("case", ALL)
    def it_embeds_every_font_and_only_the_theme_family(self, pdfs, case):
        rows = tool("pdffonts", pdfs[case]).splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            name, embedded = row.split()[0], row.split()[-5]
            assert embedded == "yes", row
            assert re.fullmatch(r"[A-Z]{6}\+Carlito(-Bold|-Italic|-BoldItalic)?", name), row

    def it_is_a4_by_default_and_letter_when_asked(self, pdfs):
        assert pdfinfo(pdfs["example"])["Page size"].startswith("595.276 x 841.89")
        assert pdfinfo(pdfs["letter"])["Page size"].startswith("612 x 792")


class DescribeMetadataAndNavigation:
    def it_carries_title_author_subject_keywords_creator(self, pdfs):
        source = yaml.safe_load(NRF.read_text(encoding="utf-8"))
        info = pdfinfo(pdfs["nrf"])
        assert info["Title"] == source["title"]
        assert info["Author"] == ", ".join(a["name"] for a in source["authors"])
        assert info["Subject"] == source["subtitle"]
        assert info["Keywords"].split("; ") == source["keywords"]
        assert info["Creator"].startswith("briefgen")

    def it_states_its_language_and_opens_on_the_outline(self, pdfs):
        catalog = PdfReader(pdfs["nrf"]).trailer["/Root"]
        assert catalog["/Lang"] == "en-GB"
        assert catalog["/PageMode"] == "/UseOutlines"

    def it_has_an_outline_entry_per_heading_in_order_and_level(self, pdfs):
        assert [(level, title) for level, title, _ in outline(pdfs["example"])] == EXAMPLE_OUTLINE

    def it_points_each_outline_entry_at_the_page_showing_that_heading(self, pdfs):
        pages = pdf_pages_text(pdfs["nrf"])
        entries = outline(pdfs["nrf"])
        assert len(entries) >= 12
        for _, title, page in entries:
            assert title in pages[page], (title, page)

    def it_links_note_marks_to_the_notes_and_urls_to_the_web(self, pdfs):
        reader = PdfReader(pdfs["example"])
        uris, internal = [], []
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                action = annotation.get("/A")
                if action is not None and action.get("/S") == "/URI":
                    uris.append(action["/URI"])
                elif annotation.get("/Dest") is not None:
                    internal.append(reader._get_page_number_by_indirect(annotation["/Dest"][0]))
        assert "https://example.org/upper-river" in uris
        notes_page = next(page for level, title, page in outline(pdfs["example"]) if title == "Notes")
        assert internal and set(internal) == {notes_page}

    def it_makes_a_pdf_without_importing_zipfile(self, tmp_path):
        # Only a reference document is read as a zip, and only the Word brief and the deck are written as one.
        assert "zipfile" not in packages_imported("pdf", NRF, "-o", tmp_path / "brief.pdf", "-q", cwd=tmp_path)
        assert (tmp_path / "brief.pdf").stat().st_size > 0


class DescribeTheMarking:
    @pytest.mark.parametrize("case", ["nrf", "hostile"])
    def it_is_on_every_page_top_and_bottom_with_the_page_count(self, pdfs, case):
        label = "TLP:CLEAR" if case == "nrf" else "TLP:AMBER"
        pages = pdf_pages_text(pdfs[case])
        for number, text in enumerate(pages, 1):
            assert text.count(label) >= 2, f"page {number}"
            assert f"Page {number} of {len(pages)}" in text

    def it_is_set_at_12_points_or_more_at_the_top_right_and_bottom_right(self, pdfs):
        for word in (w for w in words(pdfs["nrf"]) if w["text"] == "TLP:CLEAR"):
            assert word["y1"] - word["y0"] >= 12, word
            assert word["x0"] > word["page_width"] * 0.6, word

    def it_shows_the_label_colour_on_black(self, pdfs, tmp_path):
        tool("pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", pdfs["hostile"], tmp_path / "page")
        image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
        width, height = image.size
        corner = image.crop((int(width * 0.6), 0, width, int(height * 0.08)))
        colours = {colour for _, colour in corner.getcolors(maxcolors=100000)}
        assert (0, 0, 0) in colours
        # TLP:AMBER is FFC000; anti-aliasing blends the edges, the glyph cores keep the colour.
        assert any(r > 240 and 180 < g < 205 and b < 20 for r, g, b in colours)

    def it_runs_the_short_title_in_the_header_of_every_page(self, pdfs):
        pages = pdf_pages_text(pdfs["nrf"])
        assert all(page.lstrip().startswith("NRF and secessionism") for page in pages)


class DescribeTheNrfBrief:
    def it_stays_within_the_briefs_page_budget(self, pdfs):
        assert 2 <= len(PdfReader(pdfs["nrf"]).pages) <= load(NRF).page_budget

    def it_leaves_no_heading_alone_at_a_page_foot(self, pdfs):
        pages = pdf_pages_text(pdfs["nrf"])
        for _, title, page in outline(pdfs["nrf"]):
            lines = [line.strip() for line in pages[page].splitlines() if line.strip()]
            index = next(i for i, line in enumerate(lines) if title in line)
            # Between the heading and the footer's line (date, page, marking) comes some content.
            assert len(lines) - index - 2 >= 1, (title, lines[index:])


class DescribeSafeText:
    def it_prints_markup_lookalikes_literally(self, pdfs):
        text = squeezed(" ".join(pdf_pages_text(pdfs["hostile"])))
        for field in ("Summary", "Statement", "Context", "Event", "Quote", "Indicator", "Note"):
            assert squeezed(f"{field} {' '.join(LITERALS)}") in text, field
        # A source's title is set in the citation style's title case ("<font Size=80>"), still literally.
        assert squeezed(f"Source {' '.join(LITERALS)}").lower() in text.lower()
        assert pdfinfo(pdfs["hostile"])["Title"] == f"Title {LITERALS[0]}"
        assert "Short%s" in text

    def it_neither_enlarges_text_nor_embeds_images_nor_links_to_scripts(self, pdfs):
        assert max(w["y1"] - w["y0"] for w in words(pdfs["hostile"])) < 40
        reader = PdfReader(pdfs["hostile"])
        for page in reader.pages:
            resources = page["/Resources"]
            # The only XObject allowed is our own page-total form; an image would mean <img> was followed.
            for xobject in (resources.get("/XObject") or {}).values():
                assert xobject.get_object()["/Subtype"] == "/Form"
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action is not None and "/URI" in action:
                    assert action["/URI"].startswith(("http://", "https://", "mailto:"))
                    assert "javascript" not in action["/URI"]


class DescribeLongContent:
    def it_breaks_a_3000_character_word_inside_the_page(self, pdfs):
        # A quote or a table cell may run on over a page, as a paragraph does: read without the running header
        # and footer, each word is whole.
        pages = pdf_pages_text(pdfs["stretched"])
        text = squeezed(" ".join("\n".join(page.strip().splitlines()[1:-1]) for page in pages))
        assert text.count(LONG_WORD) >= 4  # summary, actor role, quote, editor's note (and timeline)
        for word in words(pdfs["stretched"]):
            assert word["x1"] <= word["page_width"] - 40, word

    def it_repeats_the_header_row_when_a_table_splits(self, pdfs):
        pages = pdf_pages_text(pdfs["stretched"])
        with_events = [page for page in pages if "Event number" in page]
        assert len(with_events) >= 2
        for page in with_events:
            assert re.search(r"^\s*Date\s+Event\s*$", page, re.MULTILINE), page[:400]


class DescribeMissingGlyphs:
    def it_names_the_characters_the_font_cannot_show(self):
        assert missing_glyphs("Kabul \u6f22 \u00e9\u2013\u2019", load_theme()) == {"\u6f22"}

    def it_reads_the_fallback_face_only_for_what_the_regular_face_lacks(self, tmp_path):
        """A face is read whole when first asked what it shows: a brief whose every character the regular face
        shows leaves the fallback unread (~4 ms of a cold PDF), and one that needs it finds it there."""
        code = ("import sys; from briefgen.theme import load_theme; from briefgen.render.pdf import fonts; "
                "theme = load_theme(); faces = fonts.family(theme); "
                "print(fonts.missing_glyphs(sys.argv[1], theme), ascii(faces.drawable(sys.argv[1])), "
                "faces.fallback._shown is not None)")
        # A word joiner (which the layout puts in ranges, and Carlito lacks) is left out, not looked for.
        for text, said in (("Kabul \u00e9\u2013\u2019", "set() 'Kabul \\xe9\\u2013\\u2019' False"),
                           ("55\u2013\u206080%", "set() '55\\u201380%' False"),
                           ("Kabul \u0627", "set() 'Kabul \\u0627' True"), ("\u6f22", "{'\u6f22'} '?' True")):
            shown = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True)
            assert shown.stdout.strip() == said, text

    def it_shows_a_replacement_character_rather_than_an_empty_box(self, pdfs):
        text = " ".join(pdf_pages_text(pdfs["glyph"]))
        # U+FFFD where the font has it; Carlito has not, so a question mark.
        assert "The character ? is not in the theme font." in " ".join(text.split())


class DescribeReproducibility:
    def it_gives_identical_bytes_twice_and_dates_from_source_date_epoch(self, pdfs, tmp_path):
        again = tmp_path / "again.pdf"
        assert run_briefgen("pdf", EXAMPLE, "-o", again).returncode == 0
        assert again.read_bytes() == pdfs["example"].read_bytes()
        assert PdfReader(again).metadata["/CreationDate"].startswith("D:20240517000000")
        epoch = tmp_path / "epoch.pdf"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        assert run_briefgen("pdf", EXAMPLE, "-o", epoch, env=env).returncode == 0
        metadata = PdfReader(epoch).metadata
        assert metadata["/CreationDate"].startswith("D:20231114221320")
        assert metadata["/ModDate"] == metadata["/CreationDate"]

    def it_gives_a_new_processs_bytes_whatever_the_process_rendered_before(self, pdfs):
        # A watch keeps one process, and each render reuses the paragraphs the last one laid out.
        from briefgen.products import render

        folder = pdfs["nrf"].parent
        contents = {"nrf": NRF, "example": EXAMPLE, **{name: folder / f"{name}.yaml" for name in VARIANTS}}
        theme = load_theme()
        for name in [*contents, *reversed(contents), "nrf", "nrf"]:
            assert render(load(contents[name]), "pdf", theme) == pdfs[name].read_bytes(), name


def embedded_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout


class DescribeStyledFaces:
    def it_embeds_bold_italic_only_when_the_brief_sets_text_in_it(self, pdfs, tmp_path):
        # Faces are read when first used; the one a brief uses must still reach the file.
        from briefgen.load import load
        from briefgen.products import render

        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        data["summary"] = "Plain **bold *both at once* bold** end."
        content = tmp_path / "styled.yaml"
        content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        pdf = tmp_path / "styled.pdf"
        pdf.write_bytes(render(load(content), "pdf", load_theme()))
        assert "Carlito-BoldItalic" in embedded_fonts(pdf)
        assert "both at once" in " ".join(" ".join(pdf_pages_text(pdf)).split())
        assert "Carlito-BoldItalic" not in embedded_fonts(pdfs["example"])


class DescribeParagraphMeasurement:
    def it_breaks_no_line_again_when_a_warm_process_renders_the_brief_again(self, monkeypatch):
        # watch renders the brief after each save: a paragraph laid out as in the last render takes its lines,
        # a table's cells (measured before the table is made) and a text that comes again included.
        from briefgen.products import render
        from briefgen.render.pdf import paragraph as pdf_paragraph

        brief, theme = load(EXAMPLE), load_theme()
        render(brief, "pdf", theme)
        breaks, splits = [], []
        original, split = pdf_paragraph.break_lines, pdf_paragraph.Paragraph.split
        monkeypatch.setattr(pdf_paragraph, "break_lines", lambda self, width: breaks.append(self) or original(self, width))
        monkeypatch.setattr(pdf_paragraph.Paragraph, "split", lambda self, *a: splits.append(self) or split(self, *a))
        render(brief, "pdf", theme)
        assert not splits, "a paragraph split over pages is broken again: the test needs a brief without one"
        assert breaks == []

    def it_parses_a_paragraph_when_first_asked_and_then_is_its_own_class_alone(self):
        # Parsed lazily (a long brief's story would hold every paragraph's frags at once), a paragraph answers what
        # reportlab asks it for before its lines as if parsed; once parsed, a missing attribute (reportlab asks for
        # thousands a render) is Python's own miss, with no parsing __getattr__ in the way. Subclasses keep theirs.
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as PlatypusParagraph

        from briefgen.render.pdf.paragraph import Paragraph

        class Plain(Paragraph):
            pass

        style = ParagraphStyle("body", fontSize=9, leading=11)
        text = "Some <b>bold</b> words"
        for kind in (Paragraph, Plain):
            ours = kind(text, style)
            assert isinstance(ours, kind) and not hasattr(ours, "spaceBefore")
            assert [f.text for f in ours.frags] == [f.text for f in PlatypusParagraph(text, style).frags]
            assert type(ours) is kind and not hasattr(kind, "__getattr__")
            assert ours.wrap(200, 100) == PlatypusParagraph(text, style).wrap(200, 100)

    def it_breaks_lines_once_per_width_and_measures_as_reportlab_does(self, monkeypatch):
        # A long table is measured again at every page it splits over; its cells must not re-break.
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as PlatypusParagraph

        from briefgen.render.pdf import paragraph as pdf_paragraph
        from briefgen.render.pdf.paragraph import Paragraph

        text = "A cell with <b>bold</b> words, " * 12
        style = ParagraphStyle("cell", fontSize=9, leading=11)
        ours = Paragraph(text, style)
        breaks = []
        original = pdf_paragraph.break_lines
        monkeypatch.setattr(pdf_paragraph, "break_lines",
                            lambda self, width: breaks.append((self, width[0])) or original(self, width))
        for width in (120.0, 300.0, 120.0, 300.0, 120.0):
            assert ours.wrap(width, 800) == PlatypusParagraph(text, style).wrap(width, 800)
            first, rest = ours.split(width, 3 * style.leading)
            assert len(first.blPara.lines) == 3 and rest.frags
        assert [width for paragraph, width in breaks if paragraph is ours] == [120.0, 300.0]
