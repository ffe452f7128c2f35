"""The tagged PDF (PDF/UA-1), read back by pikepdf (tests/pdf_ua.py) and poppler's pdfinfo."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from briefgen.inline import text_of
from briefgen.layout.document import Heading, compose
from briefgen.load import load
from briefgen.products import render
from briefgen.theme import load_theme

from .conftest import EXAMPLE, NRF
from .pdf_ua import problems

CASES = ("nrf", "example", "hostile", "long")


def render_pdf(data: dict, folder: Path, name: str = "brief") -> Path:
    content = folder / f"{name}.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(render(load(content), "pdf", load_theme()))
    return pdf


def example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def struct_text(pdf: Path) -> list[tuple[str, str]]:
    """(structure type, its first line of text) for every element poppler's pdfinfo -struct-text lists."""
    lines = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    found = []
    for index, line in enumerate(lines):
        role = re.match(r"\s*(\w+)(?: \(\w+\))?:?$", line)
        if role:
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            found.append((role.group(1), following.strip('"') if following.startswith('"') else ""))
    return found


def elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found = []

    def walk(node: object) -> None:
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                if kid.get("/S") == f"/{role}":
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def pages_of(element: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The page objects an element's content (and its descendants') is drawn on."""
    found = set()
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.add(kid.Pg.objgen)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            found |= pages_of(kid)
        elif not isinstance(kid, pikepdf.Dictionary):
            found.add(element.Pg.objgen)
    return found


class DescribeTheChecker:
    """The checker must see what is wrong, or its silence on our files would prove nothing."""

    def it_finds_an_untagged_file_wanting(self, tmp_path):
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(str(tmp_path / "plain.pdf"))
        canvas.drawString(72, 720, "Untagged text")
        canvas.save()
        found = "\n".join(problems(tmp_path / "plain.pdf"))
        for expected in ("not tagged", "neither artifact nor tagged content", "/MarkInfo", "XMP",
                         "DisplayDocTitle", "/Lang"):
            assert expected in found

    @pytest.mark.parametrize("change, expected", [
        (lambda pdf: setattr(elements(pdf, "H3")[0], "S", pikepdf.Name.H5), "a level is skipped"),
        (lambda pdf: [setattr(th, "S", pikepdf.Name.TD) for th in elements(pdf, "TH")], "without a header cell"),
        (lambda pdf: setattr(elements(pdf, "P")[0], "S", pikepdf.Name.Figure), "without alternate text"),
        (lambda pdf: setattr(elements(pdf, "P")[0], "S", pikepdf.Name.Paragraph), "not a standard structure type"),
        (lambda pdf: [a.__delitem__("/Contents") for a in pdf.pages[0].Annots], "no /Contents"),
        (lambda pdf: [a.__delitem__("/StructParent") for a in pdf.pages[0].Annots], "Link element"),
        (lambda pdf: elements(pdf, "P")[0].update({"/S": pikepdf.Name.Note, "/ID": elements(pdf, "Note")[0].ID}),
         "share an ID"),
        (lambda pdf: setattr(elements(pdf, "Document")[0], "K", pikepdf.Array(list(elements(pdf, "Document")[0].K)[::-1])),
         "reading order"),
    ])
    def it_finds_each_kind_of_fault_put_into_a_good_file(self, products, tmp_path, change, expected):
        broken = tmp_path / "broken.pdf"
        with pikepdf.open(products[("nrf", "pdf")]) as pdf:
            change(pdf)
            pdf.save(broken)
        assert any(expected in problem for problem in problems(broken)), problems(broken)


class DescribeATaggedPdf:
    @pytest.mark.parametrize("case", CASES)
    def it_passes_the_pdf_ua_checker(self, products, case):
        assert problems(products[(case, "pdf")]) == []

    @pytest.mark.parametrize("case", CASES)
    def it_is_tagged_for_poppler(self, products, case):
        info = subprocess.run(["pdfinfo", str(products[(case, "pdf")])], capture_output=True, text=True,
                              check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)

    @pytest.mark.parametrize("case, content", [("nrf", NRF), ("example", EXAMPLE)])
    def it_reads_as_the_brief_is_outlined_title_h1_parts_h2_subdivisions_h3(self, products, case, content):
        document = compose(load(content), load_theme())
        expected = [("H1", text_of(document.blocks[0].title))]
        expected += [(f"H{b.level + 1}", b.text) for b in document.blocks if isinstance(b, Heading)]
        found = [(role, text) for role, text in struct_text(products[(case, "pdf")]) if re.fullmatch(r"H\d", role)]
        assert [role for role, _ in found] == [role for role, _ in expected]
        # A heading's wrapped lines read with the space they broke at.
        assert [" ".join(text.split()) for _, text in found] == [" ".join(t.split()) for _, t in expected]

    def it_declares_pdf_ua_1_and_the_title_in_xmp(self, products):
        with pikepdf.open(products[("nrf", "pdf")]) as pdf:
            with pdf.open_metadata() as xmp:
                assert xmp["pdfuaid:part"] == "1"
                assert xmp["dc:title"] == compose(load(NRF), load_theme()).properties.title
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert str(pdf.Root.Lang) == "en-GB"

    def it_keeps_a_table_split_over_pages_one_table_and_its_repeated_header_an_artifact(self, tmp_path):
        data = example()
        data["context"]["timeline"] = [{"date": f"{1950 + i}", "event": f"Event number {i} of a long timeline."}
                                       for i in range(90)]
        data["figures"] = {"timeline": False}  # drawn, the timeline would take the table's place
        with pikepdf.open(render_pdf(data, tmp_path)) as pdf:
            timeline = [t for t in elements(pdf, "Table") if len(elements_under(t, "TR")) == 91]
            assert len(timeline) == 1
            assert len(pages_of(timeline[0])) >= 2
            assert len(elements_under(timeline[0], "TH")) == 2  # drawn again on each page, read once
        assert problems(tmp_path / "brief.pdf") == []

    def it_keeps_a_paragraph_split_over_pages_one_element(self, tmp_path):
        data = example()
        data["context"]["paragraphs"] = [" ".join(["A sentence that fills the page up."] * 400)]
        with pikepdf.open(render_pdf(data, tmp_path)) as pdf:
            assert max(len(pages_of(p)) for p in elements(pdf, "P")) >= 2
        assert problems(tmp_path / "brief.pdf") == []

    def it_says_a_right_to_left_run_in_its_language_and_logical_order(self, tmp_path):
        data = example()
        quote = "ما خواهان افغانستان فدرال هستیم"
        data["actors"][0]["quotes"][0]["text"] = f"He said: {quote}."
        with pikepdf.open(render_pdf(data, tmp_path)) as pdf:
            spans = [s for s in elements(pdf, "Span") if str(s.get("/ActualText", "")) == quote]
            assert spans and all(str(s.Lang) == "fa" for s in spans)
        assert problems(tmp_path / "brief.pdf") == []

    def it_leaves_the_language_unsaid_where_it_is_the_documents(self, products):
        with pikepdf.open(products[("hostile", "pdf")]) as pdf:  # a fa-AF brief
            spans = elements(pdf, "Span")
            assert spans and all("/Lang" not in s and "/ActualText" in s for s in spans)

    def it_gives_each_citation_a_reference_with_a_link_to_its_note(self, products):
        with pikepdf.open(products[("nrf", "pdf")]) as pdf:
            references = elements(pdf, "Reference")
            notes = {str(n.ID) for n in elements(pdf, "Note")}
            assert references and notes
            for reference in references:
                (link,) = elements_under(reference, "Link")
                (objr,) = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                number = re.fullmatch(r"Note (\d+)", str(objr.Obj.Contents)).group(1)
                assert any(re.fullmatch(rf"\D+{number}", note) for note in notes), (number, notes)

    def it_marks_the_running_header_footer_and_marking_as_artifacts(self, products):
        tagged = " ".join(text for _, text in struct_text(products[("nrf", "pdf")]))
        assert "Page 1 of" not in tagged and "TLP:CLEAR" not in tagged
        assert "Bottom line" in tagged

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.sampled_from([
        "plain words", "**bold**", "*italic*", "[a link](https://example.org/a?b=1&c=2)", "[@report2024]",
        "ما خواهان", "שלום", "<b>not</b>", "%s", "&amp;", "\u2022", "Khorasan" * 40,
    ]), min_size=1, max_size=12))
    def it_tags_any_mix_of_inline_markup(self, tmp_path_factory, pieces):
        data = example()
        data["summary"] = [" ".join(pieces)]
        pdf = render_pdf(data, tmp_path_factory.mktemp("mix"))
        assert problems(pdf) == []


def elements_under(element: pikepdf.Dictionary, role: str) -> list[pikepdf.Dictionary]:
    found = []
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            if kid.get("/S") == f"/{role}":
                found.append(kid)
            found += elements_under(kid, role)
    return found
