"""What a render keeps while it works: nothing it has already drawn or said that it will not use again.

A brief near the 5 MB content cap is loaded once, and its products are drawn by workers forked from the
process that loaded it; each worker starts with what its parent held. These tests hold the behaviour
that keeps that small (benchmarks/run.py and docs/performance.md give the numbers): the PDF's pages are
compressed as each one ends, the Word body's blocks are written as each is made, a worker inherits neither
the content file's text nor every field's place, and a worker that makes no deck lets the deck's plan go.
"""

from __future__ import annotations

import gc
import io
import re
import zlib
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from briefgen import batch, products
from briefgen.inline import Span
from briefgen.layout import deck_plan
from briefgen.layout.measure import ONCE_KEPT, Metrics
from briefgen.output import package
from briefgen.load import Places, load_placed
from briefgen.render.docx import body as word_body, page as word_page
from briefgen.render.office import template
from briefgen.render.pdf import canvas, internals, writer
from briefgen.theme import load_theme

from .conftest import EXAMPLE, LIBREOFFICE_REFERENCES, NRF, example_changed
from .logos import logo_png, themed
from datetime import datetime, timezone

THEME = load_theme()


class DescribeThePdfPages:
    def it_compresses_each_page_as_it_ends(self, monkeypatch):
        ended: list[int] = []
        show_page = canvas.TaggedCanvas.showPage

        def observed(self: canvas.TaggedCanvas) -> None:
            show_page(self)
            pages = internals.pages(self)
            ended.append(len(pages))
            # No finished page keeps its operators as text until the file is written.
            assert all(page.stream is None and page.Contents is not None for page in pages)
            # What the page drew is there, compressed.
            assert b" Tj" in zlib.decompress(pages[-1].Contents.content)

        monkeypatch.setattr(canvas.TaggedCanvas, "showPage", observed)
        data = products.render(load_placed(NRF)[0], "pdf", THEME)
        assert len(ended) > 1 and ended == list(range(1, len(ended) + 1))
        assert data.count(b"/Filter [ /ASCII85Decode /FlateDecode ]") >= len(ended)

    def it_writes_the_bytes_reportlab_writes_when_it_compresses_them_at_the_end(self, monkeypatch):
        brief = load_placed(NRF)[0]
        early = products.render(brief, "pdf", THEME)
        monkeypatch.setattr(internals, "compress_last_page", lambda canvas: None)
        assert products.render(brief, "pdf", THEME) == early


class DescribeThePdfsFile:
    """The file is written as its objects are formatted, and the structure tree's objects made only then."""

    @pytest.mark.parametrize("content", [NRF, EXAMPLE], ids=["nrf", "example"])
    def it_writes_the_bytes_reportlab_writes_when_it_joins_the_file_first(self, content, monkeypatch):
        brief = load_placed(content)[0]
        written = products.render(brief, "pdf", THEME)
        monkeypatch.setattr(internals, "save", Canvas.save)  # every object formatted, joined, then written
        assert products.render(brief, "pdf", THEME) == written

    def it_writes_each_object_as_it_is_formatted(self, monkeypatch):
        writes: list[int] = []

        class Recording(io.BytesIO):
            def write(self, data: bytes) -> int:
                if data:
                    writes.append(len(data))
                return super().write(data)

        before: list[int] = []  # how many writes were made as each object began to be formatted
        formatted = pdfdoc.PDFIndirectObject.format

        def observed(self, document):
            before.append(len(writes))
            return formatted(self, document)

        monkeypatch.setattr(writer, "io", SimpleNamespace(BytesIO=Recording))
        monkeypatch.setattr(pdfdoc.PDFIndirectObject, "format", observed)
        data = products.render(load_placed(NRF)[0], "pdf", THEME)
        # The header, then each object as it is formatted, then the cross-reference table and the trailer.
        assert len(before) > 100 and before == list(range(1, len(before) + 1))
        assert len(writes) == len(before) + 3 and sum(writes) == len(data)

    @pytest.mark.parametrize("content", [NRF, EXAMPLE], ids=["nrf", "example"])
    def it_writes_the_links_reportlab_writes(self, content, monkeypatch):
        brief = load_placed(content)[0]
        written = products.render(brief, "pdf", THEME)

        def theirs(canvas, rect, relative, *, url=None, destination_name=None):
            if url is None:
                Canvas.linkRect(canvas, "", destination_name, rect, relative=relative)
            else:
                Canvas.linkURL(canvas, url, rect, relative=relative)

        monkeypatch.setattr(internals, "add_link", theirs)
        assert products.render(brief, "pdf", THEME) == written

    def it_keeps_each_link_as_a_record_until_the_file_is_written(self, monkeypatch):
        kept: list[Counter] = []
        save = canvas.TaggedCanvas.save

        def observed(self: canvas.TaggedCanvas) -> None:  # every page drawn, nothing yet written
            gc.collect()
            kept.append(Counter(type(obj).__name__ for obj in gc.get_objects()
                                if isinstance(obj, (internals.Link, pdfdoc.LinkAnnotation, pdfdoc.PDFDictionary))))
            save(self)

        monkeypatch.setattr(canvas.TaggedCanvas, "save", observed)
        data = products.render(load_placed(NRF)[0], "pdf", THEME)
        [found] = kept
        links = data.count(b"/Subtype /Link")
        assert links > 20 and found["Link"] == links and found["LinkAnnotation"] == 0
        assert found["PDFDictionary"] < 20  # the document's own few, none for a link

    def it_makes_no_elements_dictionary_before_the_file_is_written(self, monkeypatch):
        held: list[int] = []
        write = canvas.write_structure

        def observed(*args: object) -> None:
            write(*args)
            gc.collect()
            held.append(sum(type(obj) is internals.Dictionary for obj in gc.get_objects()))

        monkeypatch.setattr(canvas, "write_structure", observed)
        data = products.render(load_placed(NRF)[0], "pdf", THEME)
        assert held == [2]  # the root's and its IDTree's: each element's is made as the file is written, and let go
        assert data.count(b"<</S /P/P ") > 30  # written all the same


class DescribeThePlacesKeptAfterTheWarnings:
    def it_places_a_field_the_file_writes_where_the_whole_places_do(self):
        places = load_placed(NRF)[1]
        kept = places.only(("page_budget",))
        assert str(kept.warning(("page_budget",), "over")) == str(places.warning(("page_budget",), "over"))
        assert kept.file == places.file and kept.notes == places.notes

    def it_places_a_field_the_file_leaves_out_at_its_mapping(self, tmp_path):
        content = tmp_path / "nrf.yaml"
        content.write_text(re.sub(r"(?m)^page_budget: .*\n", "", NRF.read_text(encoding="utf-8")), encoding="utf-8")
        places = load_placed(content)[1]
        kept = places.only(("page_budget",))
        assert str(kept.warning(("page_budget",), "over")) == str(places.warning(("page_budget",), "over"))

    def it_keeps_no_other_place_nor_the_files_text(self):
        kept = load_placed(NRF)[1].only(("page_budget",))
        assert set(kept.fields()) == {(), ("page_budget",)}
        assert kept._tree.text == "" and not kept._tree.value_spans


def _inherited(fmt: str, content: Path, title: str) -> str:
    """What a worker found it held when its task began: the text of ``content``, the deck plans, and the briefs
    titled ``title``."""
    gc.collect()
    found = gc.get_objects()
    trees = [obj for obj in found if type(obj).__name__ == "_Tree" and obj.name == str(content) and obj.text]
    briefs = [obj for obj in found if type(obj).__name__ == "Brief" and obj.title == title]
    # A deck's worker is handed its brief's plan with it (batch._unpacked): one of the brief it was handed.
    plans = [made for made in deck_plan._last if any(made[0].brief is brief for brief in briefs)]
    return f"{fmt}: texts={len(trees)} plans={len(deck_plan._last)} of its brief={len(plans)} briefs={len(briefs)}"


class DescribeAForkedWorker:
    @pytest.mark.skipif(not batch.can_fork(), reason="workers are forked only where fork is")
    @pytest.mark.parametrize("apart_from", [batch.APART_FROM, 0], ids=["in-worker", "apart"])
    def it_holds_only_the_brief_it_is_handed(self, apart_from, tmp_path, monkeypatch, briefgen_in_process):
        # apart: each product drawn in a fork of its worker (batch._render_apart), which unpickles the task itself
        monkeypatch.setattr(batch, "APART_FROM", apart_from)
        content = tmp_path / "nrf.yaml"
        title = f"A brief of its own {tmp_path.name}"
        content.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", NRF.read_text(encoding="utf-8"), count=1),
                           encoding="utf-8")
        seen = tmp_path / "seen"
        seen.mkdir()
        make = batch.make

        def observed(brief, fmt, out, theme, **kwargs):  # runs in the worker, after it forgot what it will not use
            (seen / fmt).write_text(_inherited(fmt, content, title), encoding="utf-8")
            return make(brief, fmt, out, theme, **kwargs)

        monkeypatch.setattr(batch, "make", observed)
        monkeypatch.setattr(batch, "cpus", lambda: 2)  # forked workers even on a machine of one CPU
        deck_plan.forget()  # a plan an earlier test left in this process would be inherited, whoever made it
        result = briefgen_in_process("all", content, "--out-dir", tmp_path / "out", "-j", "2")
        assert result.code == 0, result.err
        said = {path.name: path.read_text(encoding="utf-8") for path in seen.iterdir()}
        # Forked before the brief was loaded: each holds the one brief it was handed, and no plan of the parent's
        # but the deck's worker the plan of its own brief, handed with it.
        assert said == {"docx": "docx: texts=0 plans=0 of its brief=0 briefs=1",
                        "pdf": "pdf: texts=0 plans=0 of its brief=0 briefs=1",
                        "pptx": "pptx: texts=0 plans=1 of its brief=1 briefs=1"}


def test_a_places_of_the_whole_file_is_what_load_gives():
    # The test above would pass vacuously if a loaded file's places held no text: they do.
    places = load_placed(NRF)[1]
    assert isinstance(places, Places) and places._tree.text and len(list(places.fields())) > 100
    assert Path(places.file) == NRF


class DescribeATextCountedOnce:
    def it_counts_the_lines_a_kept_text_counts_and_keeps_a_long_one_no_longer(self):
        metrics = Metrics(THEME.fonts)
        long = (Span("the front said its fighters held the valley " * (ONCE_KEPT // 40)),)
        short = (Span("the front said its fighters held the valley"),)
        for spans in (long, short):
            assert metrics.count(spans, 300, 11, once=True) == Metrics(THEME.fonts).count(spans, 300, 11)
        assert short in metrics._texts and long not in metrics._texts

    def it_breaks_a_word_wider_than_a_line_as_a_kept_text_does(self):
        spans = (Span("x" * 200 + " and " * (ONCE_KEPT // 5)),)
        assert Metrics(THEME.fonts).count(spans, 100, 11, once=True) == Metrics(THEME.fonts).count(spans, 100, 11)


class DescribeAPackageEntryWrittenIntoItsStream:
    def it_gives_the_bytes_the_same_entry_given_whole_gives(self):
        body = b"<w:document>" + b"<w:r><w:t>word</w:t></w:r>" * 50_000 + b"</w:document>"
        when = datetime(2026, 12, 6, tzinfo=timezone.utc)

        def written(stream):  # in pieces, as lxml writes a tree into a file
            for start in range(0, len(body), 4096):
                stream.write(body[start:start + 4096])

        assert package([("a.xml", b"<a/>"), ("word/document.xml", written)], when) == package(
            [("a.xml", b"<a/>"), ("word/document.xml", body)], when)


class DescribeTheWordBody:
    @pytest.fixture(scope="class")
    @classmethod
    def drawn(cls, tmp_path_factory):
        """The example brief with a picture among its drawn figures, in a theme whose logo heads the brief and
        every page: drawings numbered across the body and the header."""
        folder = tmp_path_factory.mktemp("drawn")
        from PIL import Image
        Image.new("RGB", (40, 20), "teal").save(folder / "map.png")
        content = example_changed(folder, lambda data: data.update(
            images=[{"image": "map.png", "caption": "A map", "alt": "A teal map"}]))
        theme = load_theme(themed(folder / "theme", '"logo.png"', header=True, files={"logo.png": logo_png()}))
        return load_placed(content)[0], theme

    def it_holds_none_of_the_blocks_once_they_are_made(self, drawn, monkeypatch):
        held: list[list[str]] = []
        running = word_page.running

        def observed(word, *args, **named):  # after the last block, before the header and footer
            held.append([element.tag.rsplit("}", 1)[-1] for element in word.body])
            running(word, *args, **named)

        monkeypatch.setattr(word_page, "running", observed)
        data = products.render(drawn[0], "docx", drawn[1])
        assert held == [["sectPr"]]
        assert _entry(data, "word/document.xml").count(b"<w:p>") > 20  # written all the same

    @pytest.mark.parametrize("case", ["drawn", "nrf", "reference", "redline"])
    def it_writes_the_bytes_of_the_whole_tree(self, case, drawn, monkeypatch, tmp_path):
        brief, theme, reference = (*drawn, None) if case == "drawn" else (load_placed(NRF)[0], THEME, None)
        if case == "reference":
            reference = template.read(LIBREOFFICE_REFERENCES["docx"], "docx")
        if case == "redline":  # an earlier edition, its title longer
            old = tmp_path / "old.yaml"
            old.write_text(re.sub(r"(?m)^title: ", "title: Earlier, ", NRF.read_text(encoding="utf-8")),
                           encoding="utf-8")

        def rendered() -> bytes:
            if case == "redline":
                laid = products.redlined(brief, load_placed(old)[0], theme)
                return products._rendered(brief, "docx", theme, None, [], laid)[0]
            return products.render(brief, "docx", theme, template=reference)

        flushed = rendered()
        monkeypatch.setattr(word_body.Body, "flush", lambda self: None)  # every block kept in the tree
        assert rendered() == flushed
        if case == "redline":
            assert b"<w:del " in _entry(flushed, "word/document.xml")  # the title's first words
        if case == "drawn":  # ids after every drawing's, in the body and in the header
            xml = _entry(flushed, "word/document.xml") + _entry(flushed, "word/header1.xml")
            ids = [int(found) for found in re.findall(rb'<wp:docPr id="(\d+)"', xml)]
            assert len(ids) >= 4 and len(set(ids)) == len(ids)


def _entry(package_bytes: bytes, name: str) -> bytes:
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(package_bytes)) as archive:
        return archive.read(name)


class DescribeThePdfsLayout:
    def it_is_let_go_before_the_pages_are_drawn(self, tmp_path, monkeypatch):
        from briefgen.layout.document import Document
        from briefgen.render.pdf import pages

        title = f"A brief of its own {tmp_path.name}"
        content = tmp_path / "nrf.yaml"
        content.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", NRF.read_text(encoding="utf-8"), count=1),
                           encoding="utf-8")
        alive = []
        build = pages.BriefTemplate.build

        def observed(self, story, *args, **kwargs):  # as the pages begin to be drawn
            gc.collect()
            alive.append(sum(isinstance(obj, Document) and obj.properties.title == title for obj in gc.get_objects()))
            return build(self, story, *args, **kwargs)

        monkeypatch.setattr(pages.BriefTemplate, "build", observed)
        brief = load_placed(content)[0]
        assert products.render(brief, "pdf", THEME).startswith(b"%PDF")
        assert alive == [0]  # the story holds what the pages show; the layout it was made from is gone
