"""The three products agree: the Word brief (as LibreOffice lays it out) and our PDF show the same words,
and the deck states every key judgment as they do.

Both PDFs are read with pdftotext. Each page's first line is the running header and its last the
running footer; everything between is the body. Only line and page breaks may differ between the two,
so body words are compared as counts: words split at hyphens, dashes and slashes (where a line may
break), a note mark split from the word it follows (pdftotext reads a raised mark at a line end
sometimes as part of the word, sometimes as a word of its own), and a table's header row counted once (it repeats on each page the table
spans, and the two formats break pages in different places).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from pptx import Presentation

from briefgen.estimative import estimate_label
from briefgen.inline import plain, text_of
from briefgen.layout.document import (PAGE, PAGES, Bibliography, Document, Figure, Heading, Notes, Table, TitleBlock,
                                     compose)
from briefgen.load import load
from briefgen.theme import load_theme

from .conftest import pdf_pages_text

CASES = ("nrf", "example", "cited", "apa")  # apa: the cited brief in an author-date style
FORMS = ("word", "pdf")  # LibreOffice's PDF of our .docx, and our own PDF


def normal(text: str) -> str:
    """Whitespace collapsed, and a word broken after its hyphen (or an address after a slash) at a line end
    joined up again."""
    return re.sub(r"(?<=\S[-/]) (?=\S)", "", " ".join(text.split()))


class Reading:
    """One PDF as pdftotext reads it: per page its header, footer and body lines."""

    def __init__(self, pages: list[str], table_headers: set[str]) -> None:
        self.headers, self.footers, self.body = [], [], []
        seen: set[str] = set()
        for page in pages:
            lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
            self.headers.append(lines[0])
            self.footers.append(lines[-1])
            for line in lines[1:-1]:
                if line in table_headers and line in seen:
                    continue  # a table's header row repeated on the next page
                seen.add(line)
                self.body.append(line)

    @property
    def text(self) -> str:
        return normal(" ".join(self.body))

    def words(self) -> Counter[str]:
        # A raised note mark is split from the word before it: "online1." and "online 1." read alike.
        text = re.sub(r"(?<=[^\d\s])(?=\d)", " ", self.text)
        return Counter(w for w in re.split(r"[\s\-\u2013\u2014/]+", text) if w)

    def between(self, first: str, last: str) -> str:
        start = self.body.index(first) + 1
        end = self.body.index(last, start)
        return normal(" ".join(self.body[start:end]))


def drawn_words(document: Document) -> Counter:
    """The words of the labels in the brief's figures, split as Reading.words splits a page."""
    lines = [line for b in document.blocks if isinstance(b, Figure) for s in b.labels() for line in s.lines]
    text = re.sub(r"(?<=[^\d\s])(?=\d)", " ", " ".join(lines))
    return Counter(w for w in re.split(r"[\s\-\u2013\u2014/]+", text) if w)


@pytest.fixture(scope="module")
def readings(products, converted, layouts) -> dict[tuple[str, str], Reading]:
    made = {}
    for case in CASES:
        assert (case, "docx") in converted, f"LibreOffice could not convert the {case} brief"
        headers = {" ".join(b.columns) for b in layouts[case].blocks if isinstance(b, Table)}
        made[(case, "word")] = Reading(pdf_pages_text(converted[(case, "docx")]), headers)
        made[(case, "pdf")] = Reading(pdf_pages_text(products[(case, "pdf")]), headers)
    return made


@pytest.fixture(scope="module")
def layouts(cases) -> dict[str, Document]:
    return {case: compose(load(cases[case]), load_theme()) for case in CASES}


@pytest.mark.parametrize("case", CASES)
class DescribeWordAndPdf:
    def it_runs_the_same_header_and_footer_on_every_page(self, case, readings, layouts):
        running = layouts[case].running
        for form in FORMS:
            reading = readings[(case, form)]
            count = len(reading.headers)
            assert reading.headers == [f"{running.header} {running.marking.value}"] * count, form
            footers = [" ".join([running.footer, "".join(str(n) if p == PAGE else str(count) if p == PAGES else p
                                                         for p in running.page), running.marking.value])
                       for n in range(1, count + 1)]
            assert reading.footers == footers, form

    def it_opens_with_the_same_title_block(self, case, readings, layouts):
        block = next(b for b in layouts[case].blocks if isinstance(b, TitleBlock))
        expected = normal(" ".join(text_of(part) for part in (block.title, block.subtitle or (), block.dateline,
                                                              block.authors)))
        for form in FORMS:
            assert readings[(case, form)].text.startswith(expected), form

    def it_shows_the_same_headings_in_the_same_order(self, case, readings, layouts):
        headings = [b.text for b in layouts[case].blocks if isinstance(b, Heading)]
        for form in FORMS:
            shown = [line for line in readings[(case, form)].body if line in set(headings)]
            assert shown == headings, form

    def it_shows_the_same_numbered_captions(self, case, readings, layouts):
        captions = [b.caption.text for b in layouts[case].blocks if isinstance(b, Table)]
        assert captions and captions[0].startswith("Table 1. ")
        for form in FORMS:
            shown = [line for line in readings[(case, form)].body if re.match(r"Table \d+\. ", line)]
            assert shown == captions, form

    def it_shows_the_same_numbered_notes(self, case, readings, layouts):
        document = layouts[case]
        notes = next((b for b in document.blocks if isinstance(b, Notes)), None)
        if notes is None:  # an author-date style cites in the text
            assert case == "apa" and not document.notes
            return
        expected = normal(" ".join(f"{n.label} {text_of(n.spans)}" for n in notes.entries))
        outline = [b.text for b in document.blocks if isinstance(b, Heading)]
        after = outline[outline.index("Notes") + 1]
        for form in FORMS:
            assert readings[(case, form)].between("Notes", after) == expected, form

    def it_shows_the_same_body_words(self, case, readings, layouts):
        # The PDF draws a figure's labels as text, Word shows the same figure as a picture.
        word, pdf = readings[(case, "word")].words(), readings[(case, "pdf")].words() - drawn_words(layouts[case])
        assert word - pdf == Counter() and pdf - word == Counter(), \
            f"only in Word: {dict(word - pdf)}; only in the PDF: {dict(pdf - word)}"


class DescribeTheNotes:
    def it_numbers_each_distinct_note_once_and_reuses_its_number(self, layouts):
        notes = layouts["cited"].notes
        assert [n.number for n in notes] == list(range(1, len(notes) + 1))
        texts = [text_of(n.spans) for n in notes]
        assert len(set(texts)) == len(texts)
        # Chicago notes and bibliography: a source's first note in full, its later notes short.
        report = "Example Research Centre, \u2018The Upper River in Numbers\u2019"
        # The report is cited bare many times, and at p. 4 twice: one note each, first in reading order.
        assert texts[0] == f"{report}, Example Press, February 2024, https://example.org/upper-river."
        assert texts[1:3] == ["\u2018Treaty on the Upper River\u2019, 1959, sect. 3.", f"{report}, 4."]
        assert "See \u2018Treaty on the Upper River\u2019, sect. 9." in texts
        assert f"{report}, 4\u20136." in texts

    def it_lists_the_sources_sorted_with_names_inverted(self, layouts):
        listed = next(b for b in layouts["nrf"].blocks if isinstance(b, Bibliography)).entries
        assert [text_of(entry).split(".")[0] for _, entry in listed] == sorted(
            text_of(entry).split(".")[0].strip("\u2018") for _, entry in listed)
        assert any(text_of(entry).startswith("Jami, Maryam. ") for _, entry in listed)

    def it_marks_several_sources_cited_together_in_number_order(self, layouts):
        from briefgen.layout.document import NoteMark
        summary = next(b for b in layouts["cited"].blocks if type(b).__name__ == "Callout")
        marks = [[m.number for m in p if isinstance(m, NoteMark)] for p in summary.paragraphs]
        assert [2, 3] in [m[-2:] for m in marks]
        for numbers in marks:
            assert numbers == sorted(numbers)

    def it_separates_marks_side_by_side(self, readings):
        for form in FORMS:
            assert re.search(r"treaty2,3\.", readings[("cited", form)].text), form


@pytest.mark.parametrize("case", CASES)
class DescribeTheDeck:
    def it_states_every_key_judgment_with_its_likelihood_and_confidence(self, case, cases, products):
        deck = Presentation(str(products[(case, "pptx")]))
        shown = normal(" ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                                if shape.has_text_frame))
        spoken = normal(" ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides))
        for judgment in load(cases[case]).key_judgments:
            statement = normal(plain(judgment.statement))
            estimate = estimate_label(judgment.likelihood, judgment.confidence)
            assert statement in shown or statement in spoken, statement
            assert f"{statement} {estimate}" in spoken, statement
            assert estimate in shown, estimate

    def it_takes_its_titles_in_the_outlines_order(self, case, products, layouts):
        deck = Presentation(str(products[(case, "pptx")]))
        titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
        headings = [b.text for b in layouts[case].blocks if isinstance(b, Heading) and b.level == 1]
        shared = [t for t in dict.fromkeys(titles) if t in headings]
        assert len(shared) >= 5
        assert shared == [h for h in headings if h in shared]
