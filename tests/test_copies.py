"""Numbered copies for named recipients: one per recipient and format, each marked, listed in a manifest."""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from pptx import Presentation

from briefgen import products
from briefgen.layout import document as document_layout
from briefgen.recipients import MAX_ROWS, RecipientsError, read

from .conftest import EXAMPLE, pdf_pages_text, run_briefgen

NAMES = ["Jane Doe", "Jean Dupont", "Ana Silva", "Chen Wei", "Fatima Zahra", "Olu Ade", "Ivan Petrov",
         "Maria Rossi", "Kim Min-jun", "Sara Berg", "Hans Müller", "Zoë Brontë"]


def recipients_file(path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header or ["name", "organisation", "email"])
        writer.writerows(rows)
    return path


def red_brief(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace("marking: TLP:CLEAR ", "marking: TLP:RED   ", 1)
    path = folder / "red.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(name: str, number: int) -> str:
    org = "Example Ministry" if number % 2 else "Partner Agency"
    return f"Copy {number} of 12 \u2014 {name}, {org}"


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("copies")
    rows = [[name, "Example Ministry" if n % 2 else "Partner Agency", f"r{n}@example.org"]
            for n, name in enumerate(NAMES, 1)]
    recipients = recipients_file(folder / "recipients.csv", rows)
    result = run_briefgen("all", red_brief(folder), "--recipients", recipients, "-j", "2",
                          "--out-dir", folder / "out", "--strict")
    assert result.returncode == 0, result.stderr
    assert "TLP 2.0" not in result.stderr  # named recipients: no warning about TLP:RED
    return folder / "out" / "red"


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class DescribeNumberedCopies:
    def it_writes_one_copy_per_recipient_and_format_with_a_manifest_that_matches(self, twelve):
        rows = manifest(twelve)
        assert len(rows) == 36
        assert sorted(p.name for p in twelve.iterdir() if p.name != "manifest.csv") == sorted(r["file"] for r in rows)
        assert rows[0] == {**rows[0], "copy": "1", "recipient": "Jane Doe, Example Ministry",
                           "email": "r1@example.org", "format": "docx", "file": "01-jane-doe.docx"}
        assert rows[-1]["file"] == "12-zoe-bronte.pptx"
        for row in rows:
            data = (twelve / row["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == row["sha256"] and len(data) == int(row["size"]), row

    def it_marks_every_pdf_page_next_to_the_tlp_label(self, twelve):
        for number, name in ((1, "Jane Doe"), (12, "Zoë Brontë")):
            stem = f"{number:02d}-{'jane-doe' if number == 1 else 'zoe-bronte'}"
            pages = pdf_pages_text(twelve / f"{stem}.pdf")
            assert len(pages) >= 2
            for page in pages:
                header = " ".join(page.splitlines()[0].split())
                assert header.endswith(f"{line_of(name, number)} TLP:RED"), header

    def it_marks_every_slide(self, twelve):
        deck = Presentation(str(twelve / "03-ana-silva.pptx"))
        for number, slide in enumerate(deck.slides, 1):
            texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
            assert line_of("Ana Silva", 3) in texts, number
            assert "TLP:RED" in texts, number

    def it_marks_the_word_header_and_every_products_properties(self, twelve):
        with zipfile.ZipFile(twelve / "05-fatima-zahra.docx") as package:
            headers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/header")]
            core = package.read("docProps/core.xml").decode()
        assert any(line_of("Fatima Zahra", 5) in re.sub(r"<[^>]+>", "", h) for h in headers)
        assert f"<dc:description>{line_of('Fatima Zahra', 5)}\n" in core
        with zipfile.ZipFile(twelve / "05-fatima-zahra.pptx") as package:
            assert line_of("Fatima Zahra", 5) in package.read("docProps/core.xml").decode()
        import pikepdf
        with pikepdf.open(twelve / "05-fatima-zahra.pdf") as pdf:
            assert pdf.open_metadata()["xmpRights:UsageTerms"] == f"TLP:RED; {line_of('Fatima Zahra', 5)}"

    def it_differs_between_copies_only_in_the_marking(self, twelve):
        parts = []
        for stem in ("01-jane-doe", "02-jean-dupont"):
            with zipfile.ZipFile(twelve / f"{stem}.docx") as package:
                parts.append({n: package.read(n) for n in package.namelist()})
        differing = {n for n in parts[0] if parts[0][n] != parts[1][n]}
        assert parts[0].keys() == parts[1].keys()
        assert differing and all(n.startswith("word/header") or n == "docProps/core.xml" for n in differing), differing
        first, second = (pdf_pages_text(twelve / f"{stem}.pdf") for stem in ("01-jane-doe", "02-jean-dupont"))
        # pdftotext aligns columns by the widest line, the header among them: words are compared, not spaces.
        unmarked = [[[" ".join(line.split()) for line in page.splitlines() if " of 12 \u2014 " not in line]
                     for page in pages] for pages in (first, second)]
        assert unmarked[0] == unmarked[1] and len(unmarked[0]) == len(first)

    def it_makes_the_same_bytes_again(self, twelve, tmp_path):
        rows = [[name, "Example Ministry" if n % 2 else "Partner Agency", f"r{n}@example.org"]
                for n, name in enumerate(NAMES, 1)]
        recipients = recipients_file(tmp_path / "recipients.csv", rows[:3])
        result = run_briefgen("pdf", red_brief(tmp_path), "--recipients", recipients, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        again = {r["file"]: r["sha256"] for r in manifest(tmp_path / "out" / "red")}
        first = {r["file"]: r["sha256"] for r in manifest(twelve) if r["file"] in again}
        # Three of twelve say "of 3", not "of 12": only the first three's manifests can be compared by name...
        assert again.keys() == first.keys()
        # ...and the same list, rendered twice, gives the same bytes.
        result = run_briefgen("pdf", red_brief(tmp_path), "--recipients", recipients, cwd=tmp_path)
        assert {r["file"]: r["sha256"] for r in manifest(tmp_path / "out" / "red")} == again

    def it_lays_the_brief_out_once_for_every_copy(self, tmp_path, briefgen_in_process, monkeypatch):
        calls = []
        compose = document_layout.compose
        monkeypatch.setattr(document_layout, "compose", lambda *a, **k: calls.append(1) or compose(*a, **k))
        recipients = recipients_file(tmp_path / "r.csv", [[n, "Org", ""] for n in NAMES[:5]])
        run = briefgen_in_process("pdf", red_brief(tmp_path), "--recipients", recipients, cwd=tmp_path)
        assert run.code == 0, run.err
        assert len(calls) == 1 and len(manifest(tmp_path / "out" / "red")) == 5


class DescribeTlpRed:
    def it_warns_quoting_tlp_2_when_a_red_brief_has_no_recipients(self, tmp_path):
        path = red_brief(tmp_path)
        result = run_briefgen("pdf", path, "-o", tmp_path / "red.pdf")
        assert result.returncode == 0
        line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("marking:"))
        assert f"{path}:{line}:10: marking: warning: TLP 2.0 says of TLP:RED: \u201cFor the eyes and ears of " \
               "individual recipients only, no further disclosure." in result.stderr
        assert "--recipients FILE.csv" in result.stderr
        strict = run_briefgen("pdf", path, "-o", tmp_path / "red.pdf", "--strict")
        assert strict.returncode == 1

    def it_says_nothing_of_an_amber_brief(self, tmp_path):
        result = run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "clear.pdf")
        assert "TLP 2.0" not in result.stderr


def problems(path: Path) -> str:
    with pytest.raises(RecipientsError) as raised:
        read(path)
    return str(raised.value)


class DescribeUntrustedRecipients:
    def it_places_a_missing_column(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [["Jane Doe", "x@example.org"]], header=["name", "email"])
        assert problems(path) == (f"{path}:1:1: has no 'organisation' column; the header row must name the "
                                  "columns name, organisation, email (email is optional)")

    def it_suggests_the_column_meant(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [["Jane Doe", "Org"]], header=["name", "organization"])
        assert f"{path}:1:2: column 'organization' is not one briefgen reads; did you mean 'organisation'?" \
               in problems(path)

    def it_places_a_duplicate_recipient_at_its_second_line(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [["Jane Doe", "Org", ""], ["Ana Silva", "Org", ""],
                                                    [" jane  doe", "ORG", ""]])
        assert problems(path) == (f"{path}:4:1: jane doe, ORG is listed twice (first at line 2); each recipient "
                                  "gets one numbered copy")

    def it_places_control_characters_at_their_cell(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [["Jane Doe", "Org", ""], ["Ana\u202eSilva", "Org", ""],
                                                    ["Chen Wei", "Line\nbreak", ""]])
        found = problems(path)
        assert f"{path}:3:1: name: contains the control character U+202E" in found
        assert f"{path}:4:2: organisation: contains the control character U+000A" in found

    def it_refuses_an_empty_file(self, tmp_path):
        path = tmp_path / "r.csv"
        path.write_text("", encoding="utf-8")
        assert problems(path).startswith(f"{path}:1:1: is empty; expected a header row")
        path.write_text("name,organisation\n\n", encoding="utf-8")
        assert problems(path).startswith(f"{path}:1:1: has a header but no recipients")

    def it_refuses_more_than_ten_thousand_rows(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [[f"Person {n}", "Org", ""] for n in range(MAX_ROWS + 1)])
        assert problems(path) == (f"{path}:{MAX_ROWS + 2}:1: has {MAX_ROWS + 1:,} recipients; at most "
                                  f"{MAX_ROWS:,} copies are made at once (split the list)")
        exactly = recipients_file(tmp_path / "max.csv", [[f"Person {n}", "Org", ""] for n in range(MAX_ROWS)])
        assert len(read(exactly)) == MAX_ROWS

    def it_refuses_a_cell_a_spreadsheet_would_run(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [['=HYPERLINK("http://x","y")', "Org", ""]])
        assert "2:1: name: starts with '=', which a spreadsheet runs as a formula" in problems(path)

    def it_places_a_row_of_the_wrong_length_and_a_bad_address(self, tmp_path):
        path = tmp_path / "r.csv"
        path.write_text("name,organisation,email\nJane Doe,Org\nAna Silva,Org,not-an-address\n", encoding="utf-8")
        found = problems(path)
        assert f"{path}:2:1: has 2 cells; the header has 3" in found
        assert f"{path}:3:3: email: 'not-an-address' is not an e-mail address" in found

    def it_reports_a_bad_file_on_the_command_line_and_writes_nothing(self, tmp_path):
        path = recipients_file(tmp_path / "r.csv", [["Jane Doe"]], header=["name"])
        result = run_briefgen("all", EXAMPLE, "--recipients", path, "--out-dir", tmp_path / "out")
        assert result.returncode == 1
        assert f"{path}:1:1: has no 'organisation' column" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "out" / "example").exists() or not any((tmp_path / "out" / "example").iterdir())

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
                                      max_size=40),
                              st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
                                      max_size=40)), min_size=1, max_size=8))
    def it_reads_back_any_printable_names_a_spreadsheet_writes(self, tmp_path_factory, rows):
        path = recipients_file(tmp_path_factory.mktemp("any") / "r.csv", [[n, o] for n, o in rows],
                               header=["name", "organisation"])
        clean = [(" ".join(n.split()), " ".join(o.split())) for n, o in rows]
        if (any(not n or not o or n.startswith(("=", "+", "-", "@")) or o.startswith(("=", "+", "-", "@"))
                or re.search("[\u202a-\u202e\u2066-\u2069]", n + o) for n, o in clean)
                or len({(n.casefold(), o.casefold()) for n, o in clean}) < len(clean)):
            with pytest.raises(RecipientsError):
                read(path)
            return
        got = read(path)
        assert [(r.number, r.name, r.organisation) for r in got] == [(i, n, o) for i, (n, o) in enumerate(clean, 1)]
        assert all(re.fullmatch(r"[a-z0-9-]+", r.file_stem) for r in got)


def test_products_lay_out_is_the_layout_every_copy_draws():
    from briefgen.load import load
    from briefgen.theme import load_theme
    laid = products.lay_out(load(EXAMPLE), "pdf", load_theme())
    assert isinstance(laid.layout, document_layout.Document)
