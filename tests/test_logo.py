"""A theme's logo: checked like its fonts, and shown in every product, read back by tools we did not write."""

from __future__ import annotations

import io
import os
import posixpath
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from briefgen.images import Image as ImageRecord
from briefgen.layout.deck import LOGO_MARGIN, SLIDE_LOGO, logo_corner
from briefgen.theme import MAX_LOGO_PIXELS, load_theme

from . import pdf_ua
from .conftest import ROOT, run_briefgen
from .logos import gif, logo_png, themed
from .photos import phone_jpeg

DEFAULT = ROOT / "templates" / "default"
NRF = ROOT / "content" / "nrf-secession.yaml"


def logo_line(folder: Path, key: str = "logo") -> int:
    lines = (folder / "theme.toml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


class DescribeTheLogoField:
    def it_reads_a_png_and_a_turned_jpeg_upright(self, tmp_path):
        wide = load_theme(themed(tmp_path / "wide", '"logo.png"', files={"logo.png": logo_png()}))
        assert wide.logo.format == "png" and wide.logo.pixels == (800, 200) and not wide.logo_in_header
        assert wide.logo.path in wide.files  # no product may be written over it
        # A phone's JPEG stored landscape with orientation 6 is shown portrait; its EXIF is gone.
        phone = load_theme(themed(tmp_path / "phone", '"logo.jpg"', header=True, files={"logo.jpg": phone_jpeg(6)}))
        assert phone.logo.format == "jpeg" and phone.logo.pixels == (300, 400) and phone.logo_in_header
        assert b"Exif" not in phone.logo.data

    def it_is_optional(self):
        theme = load_theme(DEFAULT)
        assert theme.logo is None and not theme.logo_in_header

    @pytest.mark.parametrize("value, files, expected", [
        ('"../logo.png"', {}, r"'\.\./logo\.png' is outside the theme folder"),
        ('"/etc/passwd"', {}, r"'/etc/passwd' is outside the theme folder"),
        ('"missing.png"', {}, r"missing\.png: no such file"),
        ('"notes.png"', {"notes.png": b"just some text, renamed"}, r"is not a PNG or JPEG image"),
        ('"logo.png"', {"logo.png": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}, r"is not a PNG or JPEG image"),
        ('"logo.svg"', {"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
         r"'logo\.svg' is an SVG drawing.*export it as PNG"),
        ('"logo.gif"', {"logo.gif": gif()}, r"is a GIF image; use PNG or JPEG"),
        ('"huge.png"', {"huge.png": logo_png((2001, 2000))},
         rf"is 2001 × 2000 pixels; a logo may have at most {MAX_LOGO_PIXELS:,} pixels"),
        ("3", {}, r"expected a PNG or JPEG file in the theme folder.*got 3"),
        ('"fonts"', {}, r"is not a file"),
    ])
    def it_refuses_what_is_no_logo_at_its_line_saying_what_was_expected(self, tmp_path, value, files, expected):
        folder = themed(tmp_path / "theme", value, files=files)
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert result.returncode == 1
        assert re.search(rf"theme\.toml:{logo_line(folder)}:8: logo: .*{expected}", result.stderr), result.stderr
        assert "expected a PNG or JPEG" in result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()

    def it_refuses_a_link_out_of_the_theme_folder(self, tmp_path):
        outside = tmp_path / "elsewhere.png"
        outside.write_bytes(logo_png())
        folder = themed(tmp_path / "theme", '"logo.png"')
        os.symlink(outside, folder / "logo.png")
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert result.returncode == 1
        assert re.search(rf"theme\.toml:{logo_line(folder)}:8: logo: 'logo\.png' is outside the theme folder",
                         result.stderr), result.stderr

    def it_refuses_a_header_logo_without_a_logo_or_as_other_than_true_or_false(self, tmp_path):
        folder = themed(tmp_path / "none", None, header=True)
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert re.search(rf"theme\.toml:{logo_line(folder, 'logo_in_header')}:18: logo_in_header: there is no logo",
                         result.stderr), result.stderr
        folder = themed(tmp_path / "yes", '"logo.png"', files={"logo.png": logo_png()})
        toml = folder / "theme.toml"
        toml.write_text(toml.read_text().replace('logo = "logo.png"\n', 'logo = "logo.png"\nlogo_in_header = "yes"\n', 1))
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert re.search(r"logo_in_header: expected true or false, got 'yes'", result.stderr), result.stderr


ALT = "Logo of Veldmark Institute"  # the NRF brief's organisation
WIDE = (800, 200)  # logo_png's pixels
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def logo_uses(pdf: Path, aspect: float = WIDE[0] / WIDE[1]) -> dict[int, int]:
    """How many times each page draws an image of the logo's proportions, as poppler's pdfimages lists them
    (LibreOffice's PDF export samples a picture down to 300 dpi, so its pixels are not the logo's)."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    uses: dict[int, int] = {}
    for row in listed.splitlines()[2:]:
        page, _, kind, width, height = row.split()[:5]
        if kind == "image" and abs(int(width) / int(height) / aspect - 1) < 0.03:
            uses[int(page)] = uses.get(int(page), 0) + 1
    return uses


def page_count(pdf: Path) -> int:
    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def drawn_images(page: pikepdf.Page) -> list[tuple[str, int | None]]:
    """Each image XObject the page draws: 'Artifact' or the MCID of the tagged content it is drawn in."""
    images = {str(name) for name, x in page.resources.get("/XObject", {}).items() if x.get("/Subtype") == "/Image"}
    stack: list[tuple[str, int | None]] = []
    found = []
    for instruction in pikepdf.parse_content_stream(page):
        operator, operands = str(instruction.operator), list(getattr(instruction, "operands", []))
        if operator in ("BMC", "BDC"):
            mcid = int(operands[1].MCID) if operator == "BDC" and "/MCID" in operands[1] else None
            stack.append((str(operands[0]).lstrip("/"), mcid))
        elif operator == "EMC":
            stack.pop()
        elif operator == "Do" and str(operands[0]) in images:
            found.append("Artifact" if any(t == "Artifact" for t, _ in stack) else
                         next((m for _, m in reversed(stack) if m is not None), None))
    return found


def figures_with_alt(pdf: pikepdf.Pdf) -> list[tuple[str, list[int]]]:
    """Every Figure of the structure tree: its /Alt and the MCIDs it owns."""
    found = []

    def walk(element: pikepdf.Object) -> None:
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        if element.get("/S") == "/Figure":
            found.append((str(element.get("/Alt", "")), [int(k) for k in kids if isinstance(k, int)]
                          + [int(k.MCID) for k in kids if isinstance(k, pikepdf.Dictionary) and "/MCID" in k]))
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


class DescribeTheBriefsLogo:
    def it_opens_the_pdf_and_heads_every_page(self, products):
        pdf = products[("logo", "pdf")]
        # The title block's and the header's on page 1, the header's on every other page.
        assert logo_uses(pdf) == {1: 2, **{n: 1 for n in range(2, page_count(pdf) + 1)}}

    def it_is_a_figure_that_says_whose_on_page_one_and_an_artifact_in_the_headers(self, products):
        with pikepdf.open(products[("logo", "pdf")]) as pdf:
            first = drawn_images(pdf.pages[0])
            assert first.count("Artifact") == 1 and len(first) == 2
            mcid = next(m for m in first if m != "Artifact")
            assert (ALT, [mcid]) in figures_with_alt(pdf)
            assert all(drawn_images(page) == ["Artifact"] for page in pdf.pages[1:])
        assert not pdf_ua.problems(products[("logo", "pdf")])

    def it_is_left_out_of_the_header_unless_the_theme_asks(self, tmp_path):
        folder = themed(tmp_path / "theme", '"logo.png"', files={"logo.png": logo_png()})
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert result.returncode == 0, result.stderr
        assert logo_uses(tmp_path / "x.pdf") == {1: 1}

    def it_opens_the_word_brief_and_heads_its_pages_decorative(self, products):
        with zipfile.ZipFile(products[("logo", "docx")]) as word:
            body = etree.fromstring(word.read("word/document.xml"))
            header = etree.fromstring(word.read("word/header1.xml"))
            rels = word.read("word/_rels/header1.xml.rels").decode()
            media = [n for n in word.namelist() if n.startswith("word/media/")]
        first = body.find(f"{{{W}}}body")[0]  # the title block's first paragraph holds the logo
        assert [d.get("descr") for d in first.iter(f"{{{WP}}}docPr")] == [ALT]
        assert first.getnext().find(f".//{{{W}}}pStyle").get(f"{{{W}}}val") == "Title"
        (doc_pr,) = header.iter(f"{{{WP}}}docPr")
        assert doc_pr.get("descr") is None and doc_pr.find(f".//{{{ADEC}}}decorative").get("val") == "1"
        assert "relationships/image" in rels and len(media) == 1  # one picture, shared by body and header

    def it_shows_in_the_word_brief_as_libreoffice_prints_it(self, converted):
        pdf = converted[("logo", "docx")]
        assert logo_uses(pdf) == {1: 2, **{n: 1 for n in range(2, page_count(pdf) + 1)}}


P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def pictures(package: zipfile.ZipFile, part: str) -> list[tuple[dict, str]]:
    """The p:pic shapes of a part: their cNvPr attributes (and whether decorative), and the image part each shows."""
    folder, name = part.rsplit("/", 1)
    rels = etree.fromstring(package.read(f"{folder}/_rels/{name}.rels"))
    targets = {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target"))) for r in rels}
    found = []
    for pic in etree.fromstring(package.read(part)).iter(f"{{{P}}}pic"):
        names = pic.find(f".//{{{P}}}cNvPr")
        about = dict(names.attrib, decorative=names.find(f".//{{{ADEC}}}decorative") is not None)
        found.append((about, targets[pic.find(f".//{{{A}}}blip").get(f"{{{R}}}embed")]))
    return found


def slide_layouts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each slide's layout part, by slide part."""
    slides = sorted((n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                    key=lambda n: int(re.search(r"\d+", n).group()))
    found = {}
    for slide in slides:
        rels = etree.fromstring(package.read(slide.replace("slides/", "slides/_rels/") + ".rels"))
        target = next(r.get("Target") for r in rels if r.get("Type").endswith("/slideLayout"))
        found[slide] = posixpath.normpath(posixpath.join("ppt/slides", target))
    return found


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def clear_of_text(deck: Path) -> list[str]:
    """Where a logo on a slide (its own, or its layout's) overlaps a shape holding text, as python-pptx places them."""
    from pptx import Presentation

    found = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        logos = [s for s in (*slide.shapes, *slide.slide_layout.shapes) if s.name == "Logo"]
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        for logo in logos:
            for shape in texts:
                if overlaps((logo.left, logo.top, logo.width, logo.height),
                            (shape.left, shape.top, shape.width, shape.height)):
                    found.append(f"slide {number}: the logo overlaps {shape.name} ({shape.text_frame.text[:30]!r})")
    return found


class DescribeTheDecksLogo:
    def it_is_on_the_title_slide_saying_whose_and_on_every_other_layout_decorative(self, products):
        with zipfile.ZipFile(products[("logo", "pptx")]) as deck:
            layouts = slide_layouts(deck)
            title_slide, *others = layouts
            (about, image), = pictures(deck, title_slide)
            assert about["descr"] == ALT and not about["decorative"] and image.startswith("ppt/media/")
            assert not [p for p in pictures(deck, layouts[title_slide]) if p[0]["name"] == "Logo"]
            used = {layouts[s] for s in others}
            assert len(used) >= 2  # content and section layouts at least
            for part in used:
                (about, shown), = [p for p in pictures(deck, part) if p[0]["name"] == "Logo"]
                assert about["decorative"] and "descr" not in about and shown == image  # one image part
            assert not any(pictures(deck, s) and pictures(deck, s)[0][0]["name"] == "Logo" for s in others)
            assert Image.open(io.BytesIO(deck.read(image))).size == WIDE

    def it_never_covers_text(self, products):
        assert clear_of_text(products[("logo", "pptx")]) == []

    def it_shows_on_every_slide_as_libreoffice_prints_it(self, converted):
        pdf = converted[("logo", "pptx")]
        assert logo_uses(pdf) == {n: 1 for n in range(1, page_count(pdf) + 1)}

    def it_goes_on_a_users_template_too(self, foreign_references, logo_theme, tmp_path):
        out = tmp_path / "deck.pptx"
        result = run_briefgen("pptx", NRF, "--template", logo_theme, "--reference-pptx",
                              foreign_references[("pandoc", "pptx")], "-o", out)
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(out) as deck:
            layouts = slide_layouts(deck)
            title_slide, *others = layouts
            assert [p[0]["descr"] for p in pictures(deck, title_slide)] == [ALT]
            assert all(any(p[0]["name"] == "Logo" for p in pictures(deck, layouts[s])) for s in others)
        assert clear_of_text(out) == []


def reference_with_header_logo(path: Path) -> Path:
    """A house .docx whose header carries its logo, as a team's letterhead does."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(logo_png((300, 300))), width=Mm(15))
    document.add_paragraph("The house's boilerplate.")
    document.save(path)
    return path


class DescribeAReferenceDocumentsHeaderLogo:
    def it_says_plainly_that_the_header_and_its_logo_are_replaced(self, tmp_path):
        reference = reference_with_header_logo(tmp_path / "house.docx")
        out = tmp_path / "brief.docx"
        result = run_briefgen("docx", NRF, "--template", reference, "-o", out)
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines()
                if "the reference document's header and footer are replaced" in line]
        assert len(said) == 1 and "the picture in them (a logo?)" in said[0] and "word/media/image1.png" in said[0]
        assert 'logo = "logo.png" and logo_in_header = true' in said[0]
        assert result.stderr.count("image1.png") == 1  # said once, in the plain warning
        with zipfile.ZipFile(out) as word:
            assert not [n for n in word.namelist() if n.startswith("word/media/")]

    def it_says_the_themes_logo_takes_its_place(self, tmp_path, logo_theme):
        reference = reference_with_header_logo(tmp_path / "house.docx")
        out = tmp_path / "brief.docx"
        result = run_briefgen("docx", NRF, "--template", logo_theme, "--reference-docx", reference, "-o", out)
        assert result.returncode == 0, result.stderr
        assert "the theme's logo is in the header instead" in result.stderr
        with zipfile.ZipFile(out) as word:
            header = etree.fromstring(word.read("word/header1.xml"))
            media = [n for n in word.namelist() if n.startswith("word/media/")]
        assert len(list(header.iter(f"{{{WP}}}docPr"))) == 1 and len(media) == 1
        with zipfile.ZipFile(out) as word:
            assert Image.open(io.BytesIO(word.read(media[0]))).size == WIDE  # the theme's, not the house's


boxes = st.tuples(st.floats(0, 900), st.floats(0, 500), st.floats(1, 900), st.floats(1, 500))


class DescribeWhereTheDeckPutsIt:
    @settings(max_examples=200, deadline=None)
    @given(furniture=st.lists(boxes, max_size=6), pixels=st.tuples(st.integers(1, 2000), st.integers(1, 2000)),
           left=st.floats(0, 500), top_first=st.booleans())
    def it_never_overlaps_a_placeholder_nor_leaves_the_slide_or_its_left_half(self, furniture, pixels, left,
                                                                             top_first):
        image = ImageRecord(Path("logo.png"), "png", pixels)
        slide = (960.0, 540.0)
        order = ("top", "bottom") if top_first else ("bottom", "top")
        placed = logo_corner(image, SLIDE_LOGO, left, furniture, slide, order)
        if placed is None:
            return
        x, y, w, h = placed
        assert x == left and x + w <= slide[0] / 2 + 1e-6
        assert LOGO_MARGIN - 1e-6 <= y and y + h <= slide[1] - LOGO_MARGIN + 1e-6
        assert w <= SLIDE_LOGO[0] + 1e-6 and h <= SLIDE_LOGO[1] + 1e-6
        assert abs(w * pixels[1] - h * pixels[0]) <= 1e-6 * max(w, h) * max(pixels)  # its own proportions
        assert not any(overlaps((x, y, w, h), b) for b in furniture)

    def it_says_when_the_template_leaves_no_room(self, tmp_path):
        from briefgen.layout.deck import LOGO_LEAST
        image = ImageRecord(Path("logo.png"), "png", WIDE)
        full = [(0.0, 0.0, 960.0, 540.0)]  # a placeholder over the whole slide
        assert logo_corner(image, SLIDE_LOGO, 40.0, full, (960.0, 540.0), ("bottom", "top")) is None
        tight = [(0.0, LOGO_MARGIN + LOGO_LEAST, 960.0, 540.0 - 2 * (LOGO_MARGIN + LOGO_LEAST))]
        assert logo_corner(image, SLIDE_LOGO, 40.0, tight, (960.0, 540.0), ("bottom", "top")) is None
