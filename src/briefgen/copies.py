"""Numbered copies for named recipients: where each copy goes, and the manifest that records who got which.

Organisations number each copy of a brief under handling control and record who holds it, so
that a leak can be traced. Copies share one layout per format (products.lay_out) and differ
only in the line that names their holder; the manifest lists each file's SHA-256 and size.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .marking import Tlp

if TYPE_CHECKING:  # every render asks unnumbered_red; only --recipients reads a recipients file or writes a CSV
    from .recipients import Recipient

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("copy", "recipient", "email", "format", "file", "sha256", "size")
# TLP 2.0 (FIRST, 2022), on TLP:RED.
TLP_RED_RULE = ("For the eyes and ears of individual recipients only, no further disclosure. [...] Recipients "
                "may therefore not share TLP:RED information with anyone else.")


def folder(product: Path) -> Path:
    """Where a product's copies go: out/<brief>/ for out/<brief>.<ext>."""
    return product.with_suffix("")


def target(product: Path, recipient: Recipient, count: int) -> Path:
    """``out/<brief>/<nn>-<name>.<ext>``, numbered to as many digits as the last copy needs (at least two)."""
    digits = max(2, len(str(count)))
    return folder(product) / f"{recipient.number:0{digits}d}-{recipient.file_stem}{product.suffix}"


def manifest(rows: list[tuple[Recipient, str, Path, str, int]]) -> bytes:
    """The manifest's CSV bytes: one row per (recipient, format, file, sha256, size), by copy then format."""
    import csv
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for recipient, fmt, path, digest, size in sorted(rows, key=lambda r: (r[0].number, r[1])):
        writer.writerow((recipient.number, recipient.label, recipient.email, fmt, path.name, digest, size))
    return out.getvalue().encode("utf-8")


def unnumbered_red(marking: Tlp) -> str | None:
    """The warning for a TLP:RED brief rendered as one copy for everyone, quoting TLP 2.0's rule."""
    if marking is not Tlp.RED:
        return None
    return (f"TLP 2.0 says of TLP:RED: \u201c{TLP_RED_RULE}\u201d One unnumbered copy cannot be traced to "
            "its holder: give the named recipients with --recipients FILE.csv (columns name, organisation, "
            "email) to make a numbered copy for each")
