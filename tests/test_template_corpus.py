"""Templates as users have them (template_corpus.py): each renders, and LibreOffice opens the product, or it is
refused with a clear reason that names the file; nothing of the template's author reaches the product."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from . import template_corpus as corpus
from .conftest import EXAMPLE, pdf_pages_text, run_briefgen

RENDERED = [case.name for case in corpus.CORPUS if case.renders]
REFUSED = [case.name for case in corpus.CORPUS if not case.renders]


def parts_of(product: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(product) as package:
        return {name: package.read(name) for name in package.namelist()}


class DescribeTheCorpus:
    def it_is_varied_as_real_templates_are(self):
        makers = {(case.fmt, case.maker) for case in corpus.CORPUS}
        assert {("docx", m) for m in ("Word", "LibreOffice", "WPS", "pandoc")} <= makers
        assert {("pptx", m) for m in ("PowerPoint", "LibreOffice", "WPS", "pandoc")} <= makers
        assert {case.suffix for case in corpus.CORPUS} >= {".docx", ".dotx", ".dotm", ".docm", ".pptx", ".potx",
                                                           ".potm"}

    def it_is_made_whole(self, template_corpus):
        assert set(template_corpus) == {case.name for case in corpus.CORPUS}  # LibreOffice saved every one


class DescribeATemplateThatRenders:
    @pytest.mark.parametrize("name", RENDERED)
    def it_gives_a_product_libreoffice_opens(self, template_corpus, converted, name):
        outcome = template_corpus[name]
        assert outcome.product is not None, outcome.refusal
        pages = " ".join(pdf_pages_text(converted[(name, outcome.case.fmt)]))
        assert "Key judgments" in pages or "Key judgements" in pages

    @pytest.mark.parametrize("name", RENDERED)
    def it_carries_nothing_of_the_templates_author(self, template_corpus, name):
        outcome = template_corpus[name]
        parts = parts_of(outcome.product)
        leaked = [(part, text) for part, data in parts.items() for text in (*outcome.case.leaks, "vbaProject",
                                                                           "mailMerge", "docVars")
                  if text.encode() in data]
        assert leaked == []
        assert not [name for name in parts if name.startswith(("customXml/", "word/glossary/"))
                    or name.endswith((".bin", ".odttf", ".fntdata"))]
        main = "word/document.xml" if outcome.case.fmt == "docx" else "ppt/presentation.xml"
        types = parts["[Content_Types].xml"].decode()
        assert "template.main" not in types and "macroEnabled" not in types and f"/{main}" in types

    @pytest.mark.parametrize("language", corpus.LAYOUT_NAMES)
    def it_finds_a_localised_decks_layouts_by_their_type(self, template_corpus, language):
        for maker in ("powerpoint", "libreoffice"):
            outcome = template_corpus[f"{maker}-{language}.pptx"]
            assert not [w for w in outcome.warnings if "built-in layouts" in w], outcome.warnings

    @pytest.mark.parametrize("name", ["word-hebrew.docx", "libreoffice-hebrew.docx"])
    def it_sets_an_english_brief_left_to_right_on_a_hebrew_template(self, template_corpus, name):
        outcome = template_corpus[name]
        assert b"<w:bidi" in parts_of(outcome.template)["word/styles.xml"]  # the template's paragraphs run RTL
        styles = parts_of(outcome.product)["word/styles.xml"]
        assert b"<w:bidi" not in styles and b"<w:rtl" not in styles

    def it_says_what_it_left_out_of_a_remembering_template(self, template_corpus):
        [warning] = [w for w in template_corpus["word-mail-merge.dotx"].warnings if "left out" in w]
        assert "mail merge data source (word/settings.xml)" in warning and "document variables" in warning


class DescribeATemplateThatIsRefused:
    @pytest.mark.parametrize("name", REFUSED)
    def it_says_why_naming_the_file(self, template_corpus, name):
        outcome = template_corpus[name]
        assert outcome.product is None
        assert outcome.refusal.startswith(f"{outcome.template}: cannot use this template as a ")
        assert outcome.case.refusal in outcome.refusal and "save it" in outcome.refusal


class DescribeTemplateFileNames:
    @pytest.mark.parametrize("name, option", [("word-template.dotx", "--template"),
                                              ("word-macros.dotm", "--reference-docx"),
                                              ("powerpoint-template.potx", "--template"),
                                              ("powerpoint-macros.potm", "--reference-pptx")])
    def it_takes_templates_and_macro_enabled_files(self, tmp_path, name, option):
        case = next(c for c in corpus.CORPUS if c.name == name)
        template = tmp_path / name
        template.write_bytes(case.make())
        out = tmp_path / f"brief.{case.fmt}"
        result = run_briefgen(case.fmt, EXAMPLE, "-o", out, option, template)
        assert result.returncode == 0, result.stderr
        assert out.exists()

    def it_names_the_file_names_it_takes(self, tmp_path):
        (tmp_path / "slides.key").write_bytes(b"not Office")
        result = run_briefgen("pptx", EXAMPLE, "-o", tmp_path / "b.pptx", "--reference-pptx", tmp_path / "slides.key")
        assert result.returncode == 2
        assert "expected a PowerPoint presentation or template (.pptx, .potx, .pptm, .potm)" in result.stderr
