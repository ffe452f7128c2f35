"""What keeps a brief on its pages without cutting a word of it: the PDF sets its lines as Word does, a quote
breaks across pages as a paragraph does, a box under a heading takes no title of its own, an "About the
authors" that would only name them again is left out, and a short note names a title without its subtitle."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefgen.layout.csl import format_citations
from briefgen.layout.document import Callout, Heading, compose
from briefgen.layout.measure import metrics_for
from briefgen.citation_styles import DEFAULT
from briefgen.inline import Citation, text_of
from briefgen.load import load
from briefgen.model import Source
from briefgen.render.pdf.fonts import family
from briefgen.render.pdf.styles import styles
from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import NRF, example_changed, run_briefgen

THEME = load_theme()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"




class DescribeTheLines:
    def it_reads_the_fonts_single_line_as_word_processors_set_it(self):
        # Carlito has Calibri's metrics: ascender 1536, descender 512 and line gap 452 of 2048 units.
        assert metrics_for(THEME.fonts).line(10.0) == pytest.approx(10 * 2500 / 2048)

    def it_sets_each_pdf_role_at_words_multiple_of_that_line(self):
        roles, single = typography(THEME).brief, metrics_for(THEME.fonts).line(1.0)
        made = styles(THEME, family(THEME))
        for style, role in ((made.body, roles.body), (made.cell, roles.table_text), (made.basis, roles.basis),
                            (made.subtitle, roles.subtitle), (made.heading1, roles.heading1)):
            word = role.in_word.flow.line or roles.body.in_word.flow.line
            assert style.leading == pytest.approx(role.in_pdf.size * word * single), role.name


class DescribeAQuoteAtAPageFoot:
    def it_breaks_across_the_page_as_a_paragraph_does(self, tmp_path):
        # Filler before the actors moves the quote down the first pages: somewhere it meets a page foot, and there
        # it starts on one page and ends on the next instead of leaving the foot blank.
        split = 0
        for filler in range(0, 12):
            def more(data, filler=filler):
                data["context"]["paragraphs"] += ["Filler about the dam and the river basin, long enough to take "
                                                  "a line and a half of the page at the body size."] * filler
                data["actors"][0]["quotes"] = [{"text": " ".join(["The river is shared, and so is its water."] * 8),
                                                "speaker": "A minister", "source": "report2024"}]
            pdf = tmp_path / f"quote-{filler}.pdf"
            assert run_briefgen("pdf", example_changed(tmp_path, more), "-o", pdf).returncode == 0
            pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split("\f")
            first = next(n for n, page in enumerate(pages) if "The river is shared" in page)
            last = next(n for n, page in enumerate(pages) if "A minister" in page)
            split += last > first
        assert split

    def it_is_not_kept_with_what_follows_in_word(self, tmp_path):
        out = tmp_path / "nrf.docx"
        assert run_briefgen("docx", NRF, "-o", out).returncode == 0
        with zipfile.ZipFile(out) as package:
            styles_xml = etree.fromstring(package.read("word/styles.xml"))
        quote = next(s for s in styles_xml.iter(f"{W}style") if s.get(f"{W}styleId") == "Quote")
        assert quote.find(f"{W}pPr/{W}keepNext") is None


class DescribeABoxUnderItsHeading:
    def it_takes_no_title_of_its_own(self):
        blocks = compose(load(NRF), THEME).blocks
        [note] = [b for b in blocks if isinstance(b, Callout) and b.role == "editor-note"]
        assert note.title == "" and isinstance(blocks[blocks.index(note) - 1], Heading)

    def it_keeps_its_title_with_no_heading_above(self):
        blocks = compose(load(NRF), THEME).blocks
        [bottom_line] = [b for b in blocks if isinstance(b, Callout) and b.role == "bottom-line"]
        assert bottom_line.title == "Bottom line" and not isinstance(blocks[blocks.index(bottom_line) - 1], Heading)


class DescribeTheAuthorsPart:
    def it_is_left_out_when_it_would_only_name_them_again(self):
        brief = load(NRF)
        assert not any(a.role or a.bio for a in brief.authors)
        assert "About the author" not in [b.text for b in compose(brief, THEME).blocks if isinstance(b, Heading)]

    def it_is_there_when_an_author_has_a_role_or_a_note(self, tmp_path):
        brief = load(example_changed(tmp_path, lambda d: d["authors"][0].pop("bio", None)))
        assert brief.authors[0].role
        assert "About the author" in [b.text for b in compose(brief, THEME).blocks if isinstance(b, Heading)]


class DescribeAShortNote:
    def shortened(self, title: str) -> str:
        source = Source(id="s", title=title, author="Human Rights Watch")
        made = format_citations(DEFAULT, "en-GB", [source], [(Citation("s"),), (Citation("s", "3", "page"),)],
                                short=True)
        return text_of(made.citations[0])

    def it_names_a_title_without_its_subtitle(self):
        assert self.shortened("Afghanistan Is a Failed Marriage: The Rise of Secessionist Agendas") == \
            "Human Rights Watch, \u2018Afghanistan Is a Failed Marriage\u2019."

    def it_keeps_the_whole_title_when_its_main_part_is_too_short_to_name_it(self):
        assert self.shortened("Afghanistan: Taliban Torture Civilians in Panjshir") == \
            "Human Rights Watch, \u2018Afghanistan: Taliban Torture Civilians in Panjshir\u2019."
