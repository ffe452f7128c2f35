"""The Word brief in Word's own terms: its lists are Word's numbering, read back by pandoc and LibreOffice."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest
from lxml import etree

from briefgen.layout.document import Judgment, compose
from briefgen.layout.redline import compare
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.value import replace

from .conftest import NRF, pdf_pages_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def parts(path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        return {name: etree.fromstring(package.read(name)) for name in ("word/document.xml", "word/numbering.xml",
                                                                        "word/styles.xml")}


def list_format(numbering: etree._Element, num_id: str) -> tuple[str, str]:
    """(number format, level text) of the first level of the list definition behind ``num_id``."""
    abstract = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=NS)[0]
    level = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']", namespaces=NS)[0]
    return (level.find("w:numFmt", NS).get(f"{{{W}}}val"), level.find("w:lvlText", NS).get(f"{{{W}}}val"))


class DescribeWordLists:
    def it_numbers_the_key_judgments_with_word_numbering(self, products):
        found = parts(products[("nrf", "docx")])
        judgments = found["word/document.xml"].xpath("//w:p[w:pPr/w:pStyle/@w:val='KeyJudgment']", namespaces=NS)
        assert len(judgments) == len(load(NRF).key_judgments)
        ids = {p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in judgments}
        assert len(ids) == 1 and list_format(found["word/numbering.xml"], ids.pop()) == ("decimal", "%1.")
        # No number typed into the text: Word renumbers when a reviewer inserts a judgment.
        for p in judgments:
            text = "".join(p.xpath(".//w:t/text()", namespaces=NS))
            assert not text[:3].rstrip().rstrip(".").isdigit(), text

    def it_binds_every_bullet_to_a_bullet_list(self, products):
        found = parts(products[("nrf", "docx")])
        bullets = found["word/document.xml"].xpath("//w:p[w:pPr/w:pStyle/@w:val='ListBullet']", namespaces=NS)
        assert bullets
        ids = {p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in bullets}
        assert len(ids) == 1 and list_format(found["word/numbering.xml"], ids.pop())[0] == "bullet"

    def it_reads_as_lists_to_pandoc(self, products):
        document = json.loads(subprocess.run(["pandoc", "-t", "json", str(products[("nrf", "docx")])],
                                             capture_output=True, text=True, check=True).stdout)
        kinds = [block["t"] for block in document["blocks"]]
        numbered = [block for block in document["blocks"] if block["t"] == "OrderedList"]
        starts = [block["c"][0][0] for block in numbered]
        # The judgments are one list, interrupted by their estimates and reasons: pandoc keeps counting.
        assert starts == list(range(1, len(load(NRF).key_judgments) + 1))
        assert "BulletList" in kinds

    def it_shows_the_numbers_through_libreoffice(self, converted):
        text = " ".join(" ".join(pdf_pages_text(converted[("nrf", "docx")])).split())
        for number, judgment in enumerate(load(NRF).key_judgments, 1):
            assert f"{number}. {' '.join(judgment.statement.split()[:3])}" in text


class DescribeARedlineOfAList:
    def it_tracks_an_inserted_judgment_and_leaves_the_others_untouched(self):
        base = compose(load(NRF), load_theme())
        judgments = [b for b in base.blocks if isinstance(b, Judgment)]
        added = replace(judgments[0], statement=(replace(judgments[0].statement[0], text="A new judgment."),))
        renumbered = [added] + [replace(j, number=j.number + 1) for j in judgments]
        redline = compare(replace(base, blocks=tuple(judgments)), replace(base, blocks=tuple(renumbered)),
                          date="2022-11-02T00:00:00Z")
        assert [type(b).__name__ for b in redline.blocks] == ["Tracked"] + ["Judgment"] * len(judgments)
        assert redline.blocks[0].change == "ins"
        assert all(not s.change for b in redline.blocks[1:] for s in b.statement)

