"""Nothing leaks that the analyst did not mean to publish: no image metadata, no path, user or host name.

Every part of every product is searched: each zip entry of a .docx and a .pptx, and a PDF's file, each of
its streams decoded (pikepdf) and each image poppler's pdfimages finds in it (the inline images too).
"""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image

from briefgen import images

from . import photos
from .conftest import EXAMPLE, run_briefgen

# Most tests run briefgen in processes of their own.
pytestmark = pytest.mark.slow


def pdf_parts(pdf: Path, scratch: Path) -> dict[str, bytes]:
    """The PDF file, each of its streams decoded, and each image in it as pdfimages writes it (raw JPEG data)."""
    import pikepdf

    parts = {"file": pdf.read_bytes()}
    with pikepdf.open(pdf) as document:
        for number, obj in enumerate(document.objects):
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts[f"object {number}"] = obj.read_bytes()
                except pikepdf.PdfError:  # a filter pikepdf does not decode (an image's DCT): the raw bytes
                    parts[f"object {number}"] = obj.read_raw_bytes()
    extracted = scratch / f"{pdf.stem}-images"
    extracted.mkdir()
    subprocess.run(["pdfimages", "-all", str(pdf), str(extracted / "image")], check=True, capture_output=True)
    parts.update({f"image {p.name}": p.read_bytes() for p in sorted(extracted.iterdir())})
    return parts


def product_parts(product: Path, scratch: Path) -> dict[str, bytes]:
    """Every part of a product, by name."""
    if product.suffix == ".pdf":
        return pdf_parts(product, scratch)
    with zipfile.ZipFile(product) as package:
        return {name: package.read(name) for name in package.namelist()}


def found_in(parts: dict[str, bytes], needles: list[str]) -> list[tuple[str, str]]:
    """(part, needle) for each needle found in a part, as UTF-8, UTF-16 (Office's binary strings) or Latin-1."""
    found = []
    for name, data in parts.items():
        for needle in needles:
            forms = {needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("latin-1", "replace")}
            if any(form in data for form in forms):
                found.append((name, needle))
    return found


def brief_with_images(folder: Path, *pictures: tuple[str, bytes]) -> Path:
    """The scaffold example with the analyst's images, written into ``folder``/photos."""
    (folder / "photos").mkdir(exist_ok=True)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["images"] = []
    for number, (name, content) in enumerate(pictures, 1):
        (folder / "photos" / name).write_bytes(content)
        data["images"].append({"image": f"photos/{name}", "caption": f"Photo {number}", "alt": "A red corner.",
                               "after": "context"})
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def published_images(parts: dict[str, bytes]) -> list[Image.Image]:
    """The pictures in a product's parts that Pillow opens (the analyst's, the drawn figures, a template's)."""
    found = []
    for data in parts.values():
        try:
            picture = Image.open(io.BytesIO(data))
            picture.load()
        except Exception:  # noqa: BLE001 - not an image: most parts are XML
            continue
        found.append(picture)
    return found


class DescribeAnAnalystsImage:
    @pytest.mark.parametrize("make", [photos.phone_jpeg, photos.edited_png])
    def it_is_read_upright_with_its_colour_profile_and_nothing_else(self, tmp_path, make):
        path = tmp_path / "photo"
        path.write_bytes(make())
        image = images.read(path)
        assert image.pixels == (photos.STORED[1], photos.STORED[0])  # turned as its EXIF orientation said
        assert not found_in({"data": image.data}, list(photos.SECRETS))
        shown = Image.open(io.BytesIO(image.data))
        assert shown.size == image.pixels
        assert not shown.getexif() and not {"xmp", "comment", "exif", "Author", "Software"} & set(shown.info)
        assert shown.info.get("icc_profile") == photos.srgb_profile()
        assert shown.convert("RGB").getpixel(photos.RED_CORNER_SHOWN)[0] > 240
        assert shown.convert("RGB").getpixel((20, 20)) == (255, 255, 255) or \
            min(shown.convert("RGB").getpixel((20, 20))) > 240
        assert "EXIF with a GPS position" in image.removed and "XMP" in image.removed

    def it_keeps_an_upright_jpegs_compressed_pixels_byte_for_byte(self, tmp_path):
        original = photos.phone_jpeg(orientation=1)
        (tmp_path / "photo.jpg").write_bytes(original)
        image = images.read(tmp_path / "photo.jpg")
        scan = original[original.index(b"\xff\xda"):original.index(b"\xff\xd9") + 2]
        assert image.data.endswith(scan)  # not encoded again: the same scan, and nothing after it
        assert image.pixels == photos.STORED
        assert "extra pictures after the image" in image.removed and "IPTC" in image.removed

    def it_lists_what_an_image_without_metadata_lacks_as_nothing(self, tmp_path):
        Image.new("RGB", (10, 10), "white").save(tmp_path / "plain.png")
        image = images.read(tmp_path / "plain.png")
        assert image.removed == () and image.data == (tmp_path / "plain.png").read_bytes()


@pytest.fixture(scope="module")
def photographed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path], str]:
    """Every product of a brief holding a phone's JPEG and an edited PNG; the command's standard error."""
    folder = tmp_path_factory.mktemp("photographed")
    content = brief_with_images(folder, ("phone.jpg", photos.phone_jpeg()), ("edited.png", photos.edited_png()))
    result = run_briefgen("all", content, "--out-dir", folder / "out")
    assert result.returncode == 0, result.stderr
    return folder, {fmt: folder / "out" / f"brief.{fmt}" for fmt in ("docx", "pdf", "pptx")}, result.stderr


class DescribeImageMetadataInProducts:
    @pytest.mark.parametrize("fmt", ["docx", "pdf", "pptx"])
    def it_is_in_no_part_of_any_product(self, photographed, fmt, tmp_path):
        _, made, _ = photographed
        parts = product_parts(made[fmt], tmp_path)
        assert found_in(parts, list(photos.SECRETS)) == []
        pictures = published_images(parts)
        analysts = [p for p in pictures if p.size == (photos.STORED[1], photos.STORED[0])]
        assert analysts, f"the analyst's images are not in the {fmt}"
        for picture in pictures:
            assert not picture.getexif() and not {"xmp", "comment", "exif"} & set(picture.info), picture.info
        if fmt != "pdf":  # reportlab draws a PNG's pixels with no profile; the Office products keep the file's
            assert all(p.info.get("icc_profile") == photos.srgb_profile() for p in analysts)

    def it_is_said_once_and_q_silences_it(self, photographed):
        folder, _, stderr = photographed
        notes = [line for line in stderr.splitlines() if "without their metadata" in line]
        assert len(notes) == 1, stderr
        assert re.match(rf"{re.escape(str(folder / 'brief.yaml'))}:\d+:\d+: images: note: the products carry "
                        r"photos/phone\.jpg, photos/edited\.png without their metadata \(.*EXIF with a GPS "
                        r"position.*XMP", notes[0]), notes[0]
        quiet = run_briefgen("pdf", folder / "brief.yaml", "-o", folder / "quiet.pdf", "-q")
        assert quiet.returncode == 0 and quiet.stderr == ""

    def it_is_left_out_of_a_templates_images(self, tmp_path):
        template = pptx_with_a_photo_on_its_master(tmp_path / "photo-master.pptx")
        out = tmp_path / "deck.pptx"
        result = run_briefgen("pptx", EXAMPLE, "-o", out, "--template", template)
        assert result.returncode == 0, result.stderr
        assert "image metadata (ppt/media/" in result.stderr
        parts = product_parts(out, tmp_path)
        assert found_in(parts, list(photos.SECRETS)) == []
        [logo] = [p for p in published_images(parts) if p.size == photos.STORED]  # as stored: Office turns nothing
        assert not logo.getexif() and logo.info.get("icc_profile") == photos.srgb_profile()


def pptx_with_a_photo_on_its_master(path: Path) -> Path:
    """python-pptx's default template with a phone's JPEG as a picture on its slide master (a logo, say)."""
    import pptx
    from pptx.oxml.shapes.picture import CT_Picture

    deck = pptx.Presentation()
    master = deck.slide_master
    _, rid = master.part.get_or_add_image_part(io.BytesIO(photos.phone_jpeg()))
    tree = master.shapes._spTree
    tree.append(CT_Picture.new_pic(900, "Logo", "A logo", rid, 0, 0, 400000, 300000))
    deck.save(path)
    return path


def distinctive(root: Path) -> Path:
    """A folder whose path names a user and a machine nobody else would: any of it in a product is a leak."""
    folder = root / "Users" / "zed-analyst-q7x" / "host-borealis-9" / "Desktop"
    folder.mkdir(parents=True)
    return folder


class DescribeMachineDetails:
    def it_puts_no_path_user_or_host_name_in_any_part_of_any_product(self, tmp_path):
        from .conftest import reference_docx

        folder = distinctive(tmp_path)
        content = brief_with_images(folder, ("zed-phone-shot.jpg", photos.phone_jpeg()))
        text = content.read_text(encoding="utf-8")
        (folder / "refs.bib").write_text("@book{bib2020, title = {A Book}, author = {Doe, Jane}, year = 2020}\n")
        text = text.replace("sources:\n", "bibliography: refs.bib\nsources:\n", 1)
        text = text.replace("[@report2024]", "[@report2024; @bib2020]", 1)
        content.write_text(text, encoding="utf-8")
        reference = reference_docx(folder / "reference.docx")
        deck = pptx_with_a_photo_on_its_master(folder / "deck-template.pptx")
        theme = folder / "theme"
        shutil.copytree(Path(__file__).parents[1] / "templates" / "default", theme,
                        ignore=shutil.ignore_patterns("deck.pptx", "*.py", "example.yaml"))
        shutil.copy(deck, theme / "deck.pptx")
        env = {"HOME": str(folder.parent), "USER": "zed-analyst-q7x", "LOGNAME": "zed-analyst-q7x",
               "USERNAME": "zed-analyst-q7x", "PATH": "/usr/bin:/bin"}
        import os
        env = {**os.environ, **env}
        out = folder / "out"
        made = []
        for extra, fmts in ((("--reference-docx", reference, "--reference-pptx", deck), ("docx", "pdf", "pptx")),
                            (("--template", theme), ("docx", "pdf", "pptx"))):
            result = run_briefgen("all", content, "--out-dir", out, *extra, cwd=folder, env=env)
            assert result.returncode == 0, result.stderr
            for fmt in fmts:
                kept = out / f"{extra[0][2:]}-{fmt}.{fmt}"
                (out / f"brief.{fmt}").rename(kept)
                made.append(kept)
        needles = [str(tmp_path), "zed-analyst-q7x", "host-borealis-9", "Desktop", "zed-phone-shot", str(Path.cwd()),
                   *{name for name in (socket.gethostname(), socket.getfqdn()) if len(name) >= 4
                     and name != "localhost"}]
        for product in made:
            assert found_in(product_parts(product, tmp_path), needles) == [], product
