"""The three products agree: the Word brief (as LibreOffice lays it out) and our PDF show the same words,
set as the style table says, and the deck states every key judgment as they do.

Both PDFs are read with pdftotext. Each page's first line is the running header and its last the
running footer; everything between is the body. Only line and page breaks may differ between the two,
so body words are compared as counts: words split at hyphens, dashes and slashes (where a line may
break), a note mark split from the word it follows (pdftotext reads a raised mark at a line end
sometimes as part of the word, sometimes as a word of its own), and a table's header row counted once (it repeats on each page the table
spans, and the two formats break pages in different places).

Both PDFs are also read with pdfplumber, for the look of each role's text: the opening words of each
role's paragraphs, found in reading order, must be set in the size, colour, weight and slant the style
table gives the role for that product, on its fill and beside its edges. One case is in a theme whose
sizes and colours all differ from the built-in ones and from one another, so that two formulas which
give the same size in the built-in theme (body − 1.5 and small + 0.5) cannot pass for one.
"""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pytest
from pptx import Presentation

from briefgen.estimative import estimate_label
from briefgen.inline import Span, plain, text_of
from briefgen.layout.line_breaks import without_break_marks
from briefgen.layout.document import (PAGE, PAGES, Bibliography, BulletList, Callout, Document, Figure, Heading,
                                      Judgment, NoteMark, Notes, Paragraph, Quote, Table, TitleBlock, compose)
from briefgen.layout.outline import ENGLISH
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.typography import Look, kept_apart, marking_in, typography

from .conftest import EXAMPLE, pdf_pages_text

CASES = ("nrf", "example", "cited", "apa")  # apa: the cited brief in an author-date style
FORMS = ("word", "pdf")  # LibreOffice's PDF of our .docx, and our own PDF


def normal(text: str) -> str:
    """Whitespace collapsed, and a word broken after its hyphen (or an address after a slash) at a line end
    joined up again; without word joiners (layout/line_breaks.py), which no reader sees: reportlab's PDF keeps
    them in its text, LibreOffice's drops them."""
    return re.sub(r"(?<=\S[-/]) (?=\S)", "", " ".join(without_break_marks(text).split()))


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
        # A raised note mark is split from the word before it: "online1." and "online 1." read alike. A note's
        # number reads "1" at a Word footnote and "1." in the PDF's notes list: a number's full stop is not counted,
        # nor a stop that pdftotext reads apart from its word ("Pedram . 1" where a raised mark ends a cell).
        text = re.sub(r"(?<=[^\d\s])(?=\d)", " ", self.text)
        return Counter(re.sub(r"^(\d+)\.$", r"\1", w) for w in re.split(r"[\s\-\u2013\u2014/]+", text)
                       if w and not re.fullmatch(r"[.,;:]", w))

    def between(self, first: str, last: str) -> str:
        start = self.body.index(first) + 1
        end = self.body.index(last, start)
        return normal(" ".join(self.body[start:end]))


def similarity(one: Counter, other: Counter) -> float:
    """Word similarity of two readings: the words they share over all the words either shows, counted with
    repeats (1.0: the same words as often; a figure whose labels only one shows costs its words)."""
    words = set(one) | set(other)
    return sum(min(one[w], other[w]) for w in words) / sum(max(one[w], other[w]) for w in words)


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
    """The PDF's layout of each case."""
    return {case: compose(load(cases[case]), load_theme()) for case in CASES}


@pytest.fixture(scope="module")
def word_layouts(cases) -> dict[str, Document]:
    """The Word brief's layout of each case: the same, its notes Word's footnotes rather than a list."""
    return {case: compose(load(cases[case]), load_theme(), footnotes=True) for case in CASES}


def headings_of(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Heading)]


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

    def it_shows_the_same_headings_in_the_same_order(self, case, readings, layouts, word_layouts):
        # Word's notes stand at the feet of its pages: it has no notes list, nor its heading.
        assert set(headings_of(layouts[case])) - set(headings_of(word_layouts[case])) <= {"Notes"}
        for form, document in (("pdf", layouts[case]), ("word", word_layouts[case])):
            headings = headings_of(document)
            shown = [line for line in readings[(case, form)].body if line in set(headings)]
            assert shown == headings, form

    def it_shows_the_same_numbered_captions(self, case, readings, layouts):
        # A caption that would only say its heading again is not printed and takes no number.
        tables = [b for b in layouts[case].blocks if isinstance(b, Table)]
        captions = [t.caption.text for t in tables if t.caption.shown]
        assert tables and [c.split(". ")[0] for c in captions] == [f"Table {n}" for n in range(1, len(captions) + 1)]
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
        assert readings[(case, "pdf")].between("Notes", after) == expected
        # Word's are its footnotes, at the feet of the pages: each with its number, in the same order.
        text, at = readings[(case, "word")].text, 0
        for note in notes.entries:
            found = text.find(normal(text_of(note.spans)), at)
            assert found >= at and text[:found].rstrip().endswith(str(note.number)), note.label
            at = found

    def it_shows_the_same_body_words(self, case, readings, layouts, word_layouts):
        # The drawn figures' labels too: Word's figures are shapes and text boxes, whose words LibreOffice shows;
        # the notes too, in Word at the feet of the pages, in the PDF under their heading (not a word of Word's).
        listed = set(headings_of(layouts[case])) - set(headings_of(word_layouts[case]))
        word = readings[(case, "word")].words()
        pdf = readings[(case, "pdf")].words() - Counter(w for heading in listed for w in heading.split())
        assert word - pdf == Counter() and pdf - word == Counter(), \
            f"only in Word: {dict(word - pdf)}; only in the PDF: {dict(pdf - word)}"
        assert similarity(word, pdf) == 1.0

    def it_shows_the_drawn_figures_words(self, case, readings, layouts):
        figures = [b for b in layouts[case].blocks if isinstance(b, Figure)]
        if case == "nrf":  # it switches its timeline and actor map off; the likelihood scale is the deck's
            assert not figures
            return
        labels = " ".join(line for b in figures for s in b.labels() for line in s.lines)
        assert labels, "every other case draws a figure"
        for form in FORMS:
            shown = readings[(case, form)].words()
            lost = Counter(w for w in re.split(r"[\s\-\u2013\u2014/]+", re.sub(r"(?<=[^\d\s])(?=\d)", " ", labels))
                           if w) - shown
            assert lost == Counter(), (form, dict(lost))


class DescribeTheNotes:
    def it_numbers_each_distinct_note_once_and_reuses_its_number(self, layouts):
        notes = layouts["cited"].notes
        assert [n.number for n in notes] == list(range(1, len(notes) + 1))
        texts = [without_break_marks(text_of(n.spans)) for n in notes]
        assert len(set(texts)) == len(texts)
        # Chicago notes and bibliography: every note short, as the sources list gives each source in full.
        report = "Example Research Centre, \u2018The Upper River in Numbers\u2019"
        # The report is cited bare many times, and at p. 4 twice: one note each, first in reading order.
        assert texts[0] == f"{report}."
        assert texts[1:3] == ["\u2018Treaty on the Upper River\u2019, sect. 3.", f"{report}, 4."]
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
        """The meeting's slides in the outline's order, then the backup's, each part under the brief's heading."""
        deck = Presentation(str(products[(case, "pptx")]))
        titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
        headings = [b.text for b in layouts[case].blocks if isinstance(b, Heading) and b.level == 1]
        divider = titles.index(ENGLISH["backup_divider"])
        parts = [list(dict.fromkeys(h for title in group for h in headings if title == h or title.startswith(f"{h};")
                                    or title.endswith(f"; {h}"))) for group in (titles[:divider], titles[divider + 1:])]
        assert sum(map(len, parts)) >= 5
        for shared in parts:
            assert shared == [h for h in headings if h in shared]


# --- sizes, colours and edges -------------------------------------------------------------

# The roles whose look Word and the PDF still set apart, each written in its role (pdf_apart). A reader of
# both expects them to agree; adding one to the table takes a change here too.
KEPT_APART = {
    "dateline": ("size", "bold"), "details": ("size",), "title_block": ("edge",), "heading1": ("edge",),
    "bullet_mark": ("colour",), "bottom_line": ("size", "edge"), "bottom_line_title": ("size", "colour"),
    "editor_note": ("colour", "fill", "edge"), "editor_note_title": ("size", "colour", "fill"),
    "judgment_number": ("size", "colour"), "estimate": ("size",), "basis": ("size", "colour"), "table": ("edge",),
    "table_text": ("fill",), "quote": ("edge",), "attribution": ("size", "edge"), "link": ("underline",),
    "bibliography": ("size",), "byline": ("size",), "header": ("edge",), "footer": ("edge",),
}


def hex_colour(colour) -> str | None:
    """pdfplumber's RGB (0–1 each) as RRGGBB; None for any other colour space."""
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return None
    return "".join(f"{round(c * 255):02X}" for c in colour)


class Printed:
    """One PDF as pdfplumber reads it: each word with its size, colour and face, and the lines and fills drawn."""

    def __init__(self, path) -> None:
        self.words: list[dict] = []
        self.lines: dict[int, list[dict]] = {}
        self.fills: dict[int, list[dict]] = {}
        with pdfplumber.open(path) as pdf:
            self.height = pdf.pages[0].height
            for number, page in enumerate(pdf.pages):
                for word in page.extract_words(extra_attrs=["size", "non_stroking_color", "fontname"]):
                    self.words.append(dict(word, page=number, text=word["text"].replace("\u2060", "")))
                self.lines[number] = [dict(line) for line in (*page.lines, *page.curves)]
                self.fills[number] = [dict(rect) for rect in page.rects if rect.get("fill")]

    def find(self, tokens: list[str], start: int) -> list[int]:
        """Where ``tokens`` are shown from word ``start`` on: the first starting a line, the rest in order soon after.

        Soon after, not next: where a table cell's text wraps, the line of the cells beside it comes between.
        """
        texts = [w["text"] for w in self.words]
        for at in range(start, len(texts)):
            if texts[at] != tokens[0] or not self._starts_line(at):
                continue
            found = [at]
            for token in tokens[1:]:
                following = [n for n in range(found[-1] + 1, min(found[-1] + 30, len(texts))) if texts[n] == token]
                if not following:
                    break
                found.append(following[0])
            if len(found) == len(tokens):
                return found
        raise AssertionError(f"{' '.join(tokens)!r} is not shown after word {start}")

    def _starts_line(self, at: int) -> bool:
        word = self.words[at]
        before = self.words[at - 1] if at else None
        while before is not None and _same_line(before, word) and re.fullmatch(r"\u2022|\d+\.", before["text"]):
            at -= 1  # a list's bullet or number hangs before the line's text
            before = self.words[at - 1] if at else None
        return before is None or not _same_line(before, word)

    def look(self, word: dict) -> tuple[float, str | None, bool, bool]:
        face = word["fontname"]
        return (round(word["size"], 1), hex_colour(word["non_stroking_color"]), "Bold" in face,
                "Oblique" in face or "Italic" in face)

    def edge_left_of(self, word: dict) -> tuple[str | None, float] | None:
        """The colour and width of the nearest upright rule left of ``word``'s line, if one runs beside it."""
        beside = [line for line in self.lines[word["page"]] if line["x1"] - line["x0"] < 4 and line["x1"] <= word["x0"]
                  and line["top"] - 2 <= word["top"] <= line["bottom"] and word["x0"] - line["x1"] < 30]
        if not beside:
            return None
        line = max(beside, key=lambda line: line["x1"])
        return hex_colour(line["stroking_color"]), round(line["linewidth"], 2)

    def rule_under(self, word: dict) -> tuple[str | None, float] | None:
        """The colour and width of a level rule just under ``word``'s line, if one runs under it."""
        under = [line for line in self.lines[word["page"]] if line["bottom"] - line["top"] < 4
                 and line["x0"] <= word["x0"] <= line["x1"] and 0 <= line["top"] - word["bottom"] < 8]
        if not under:
            return None
        line = min(under, key=lambda line: line["top"])
        return hex_colour(line["stroking_color"]), round(line["linewidth"], 2)

    def fill_under(self, word: dict) -> str | None:
        """The colour of the smallest fill drawn under the middle of ``word``."""
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        under = [rect for rect in self.fills[word["page"]]
                 if rect["x0"] <= x <= rect["x1"] and rect["top"] <= y <= rect["bottom"]]
        if not under:
            return None
        return self.fill_colour(min(under, key=lambda rect: rect["width"] * rect["height"]))

    @staticmethod
    def fill_colour(rect: dict) -> str | None:
        return hex_colour(rect["non_stroking_color"])


def _same_line(one: dict, other: dict) -> bool:
    return one["page"] == other["page"] and abs(one["top"] - other["top"]) < 2 and one["x1"] <= other["x0"]


def _tokens(spans) -> list[tuple[str, bool]]:
    """The words of ``spans`` up to the first note mark, each with whether it is set as its role sets it.

    A word is cut where the face or colour changes, as pdfplumber cuts it ("Doe" in bold, then ",").
    """
    found: list[tuple[str, bool]] = []
    word, key = "", None
    for span in spans:
        if isinstance(span, NoteMark):
            break
        style = (span.bold, span.italic, bool(span.href))
        for character in span.text.replace("\u2060", ""):  # a word joiner is not seen (normal())
            if character.isspace() or (word and style != key):
                if word:
                    found.append((word, key == (False, False, False)))
                word = ""
            if not character.isspace():
                word, key = word + character, style
    if word:
        found.append((word, key == (False, False, False)))
    return found


def samples(document: Document) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The opening words of each role's text in reading order: (role, [(word, set as the role sets it)])."""
    found: list[tuple[str, list]] = []

    def add(role: str, spans) -> None:
        tokens = _tokens((Span(spans),) if isinstance(spans, str) else spans)[:4]
        if any(own for _, own in tokens):
            found.append((role, tokens))

    for block in document.blocks:
        match block:
            case TitleBlock():
                add("title", block.title)
                if block.subtitle:
                    add("subtitle", block.subtitle)
                add("dateline", block.dateline)
                add("details", block.authors)
            case Heading(level=level, text=text):
                add(f"heading{min(level, 3)}", text)
            case Paragraph(role=role, spans=spans):
                add("byline" if role == "byline" else "body", spans)
            case BulletList(items=items):
                add("bullet", items[0])
            case Callout(role=role, title=title, paragraphs=paragraphs):
                name = "bottom_line" if role == "bottom-line" else "editor_note"
                add(f"{name}_title", title)
                add(name, paragraphs[0])
            case Judgment():
                add("judgment", block.statement)
                add("estimate", block.estimate)
                label, spans = block.reasons[0]
                add("basis", (Span(label, italic=True), *spans))
            case Table(columns=columns, rows=rows, caption=caption):
                if caption.shown:
                    add("caption", caption.text)
                add("table_header", columns[0])
                if len(rows) > 1:  # the second row: striped where the table stripes its rows
                    add("table_text", rows[1][0])
            case Quote(spans=spans, attribution=attribution):
                add("quote", spans)
                add("attribution", attribution)
            case Notes(entries=entries):
                add("notes", entries[0].spans)
            case Bibliography(entries=entries):
                add("bibliography", entries[0][1])
            case Figure():
                add("figure_caption", block.title)
    return found


# "restyled" in a theme whose sizes and colours are all its own; "own" prints a table's caption (the others' tables
# sit under headings that say what their captions would).
LOOK_CASES = ("nrf", "example", "restyled", "own")


@pytest.fixture(scope="module")
def printed(products, converted) -> dict[tuple[str, str], Printed]:
    return {(case, form): Printed(converted[(case, "docx")] if form == "word" else products[(case, "pdf")])
            for case in LOOK_CASES for form in FORMS}


@pytest.fixture(scope="module")
def themed(cases, restyled) -> dict[str, tuple[dict[str, Document], object]]:
    """Each look case's layouts (the PDF's and Word's, by form) and style table."""
    made = {}
    for case in LOOK_CASES:
        theme = load_theme(restyled if case == "restyled" else None)
        brief = load(EXAMPLE if case == "restyled" else cases[case])
        made[case] = ({"pdf": compose(brief, theme), "word": compose(brief, theme, footnotes=True)},
                      typography(theme).brief)
    return made


def expected(look: Look) -> tuple[float, str | None, bool, bool]:
    return round(look.size, 1), look.colour, look.bold, look.italic


@pytest.mark.parametrize("case", LOOK_CASES)
class DescribeTheLookOfEachRole:
    def it_sets_each_roles_text_in_its_size_colour_and_face(self, case, printed, themed):
        documents, roles = themed[case]
        assert {"title", "heading1", "body", "table_text", "table_header", "judgment", "estimate", "basis",
                "bottom_line", "notes", "bibliography", *(("caption",) if case == "own" else ())} <= {
            role for role, _ in samples(documents["pdf"])}
        for form in FORMS:
            reading, at = printed[(case, form)], 0
            shown = samples(documents[form])
            if form == "word":  # the first note, at the foot of the page that first cites it
                tokens = [word for word, _ in _tokens(documents[form].notes[0].spans)[:4]]
                texts = [w["text"] for w in reading.words]
                place = next(n for n in range(len(texts)) if texts[n:n + len(tokens)] == tokens)
                assert reading.look(reading.words[place]) == expected(roles.notes.in_word), (form, "notes")
            for role, tokens in shown:
                look = getattr(getattr(roles, role), "in_word" if form == "word" else "in_pdf")
                places = reading.find([word for word, _ in tokens], at)
                for place, (word, own) in zip(places, tokens):
                    if own:
                        assert reading.look(reading.words[place]) == expected(look), (form, role, word)
                at = places[0] + 1

    def it_draws_each_roles_edges_and_fills(self, case, printed, themed):
        documents, roles = themed[case]
        for form in FORMS:
            reading, at = printed[(case, form)], 0
            for role, tokens in samples(documents[form]):
                look = getattr(getattr(roles, role), "in_word" if form == "word" else "in_pdf")
                at = reading.find([word for word, _ in tokens], at)[0]
                word = reading.words[at]
                at += 1
                if role == "table_text" and look.fill:  # every other row, counted again on each page
                    assert look.fill in {reading.fill_colour(rect) for rect in reading.fills[word["page"]]}, form
                else:
                    assert reading.fill_under(word) in ((look.fill,) if look.fill else (None, "FFFFFF")), (form, role)
                if look.edge and "left" in look.edge.sides:
                    assert reading.edge_left_of(word) == (look.edge.colour, look.edge.width), (form, role)
                if look.edge and "bottom" in look.edge.sides and not look.fill:
                    assert reading.rule_under(word) == (look.edge.colour, look.edge.width), (form, role)

    def it_runs_the_header_footer_and_marking_as_the_table_says(self, case, printed, themed):
        documents, roles = themed[case]
        running = documents["pdf"].running
        for form in FORMS:
            reading = printed[(case, form)]
            first = [w for w in reading.words if w["page"] == 0]
            header = [w for w in first if w["top"] < 60 and w["text"] in running.header.split()]
            footer = [w for w in first if w["top"] > reading.height - 60 and w["text"] in running.footer.split()]
            marks = [w for w in first if w["text"] == running.marking.value]
            looks = (roles.header.in_word, roles.footer.in_word) if form == "word" else \
                (roles.header.in_pdf, roles.footer.in_pdf)
            assert header and {reading.look(w) for w in header} == {expected(looks[0])}, form
            assert footer and {reading.look(w) for w in footer} == {expected(looks[1])}, form
            marking = getattr(marking_in(roles.marking, running.marking), "in_word" if form == "word" else "in_pdf")
            assert len(marks) == 2 and {reading.look(w) for w in marks} == {expected(marking)}, form
            assert {reading.fill_under(w) for w in marks} == {marking.fill}, form


class DescribeTheStyleTable:
    def it_sets_apart_in_the_pdf_only_the_roles_it_names(self):
        assert kept_apart(typography(load_theme()).brief) == KEPT_APART

    def it_gives_the_editors_note_the_same_edge_colour_and_table_text_one_size(self):
        roles = typography(load_theme()).brief
        assert roles.editor_note.in_word.edge.colour == roles.editor_note.in_pdf.edge.colour
        assert roles.table_text.in_word.size == roles.table_text.in_pdf.size
