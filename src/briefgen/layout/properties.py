"""What every product says about itself: one record of document properties, decided and trimmed once.

The Word core properties, the PDF's document information and the deck's core properties
all come from this record, so a file browser, a search index or a reader's File ▸ Properties
shows the same title, subject, author and keywords for the three products.
"""

from __future__ import annotations


from .. import __version__
from ..inline import plain
from ..marking import Tlp
from ..model import Brief
from ..value import Value
from .outline import Labels
from .publication import Copy, copy_line, rights

# OOXML keeps at most 255 characters in a core property; the PDF is held to the same, so all three agree.
LIMIT = 255


class Properties(Value):
    title: str
    subject: str         # the subtitle, else the title: what the brief is about
    author: str          # the authors' names, comma-separated
    keywords: str        # "; "-separated, as Word and PowerPoint show them
    category: str
    status: str          # the TLP label, the handling a reader must respect
    organisation: str    # company, and who last modified it
    language: str        # BCP 47
    application: str     # the program that made the file, with its version
    marking: Tlp
    rights: str = ""      # the licence notice (XMP dc:rights; the Office files' comments)
    identifier: str = ""  # the brief's DOI address, else its URL
    copy: str = ""        # a numbered copy's line: "Copy 3 of 12 — Jane Doe, Example Ministry"


def properties_of(brief: Brief, words: Labels, copy: Copy | None = None) -> Properties:
    return Properties(
        title=fit(brief.title),
        subject=fit(plain(brief.subtitle) if brief.subtitle else brief.title),
        author=fit(brief.author_names),
        keywords=fit("; ".join(brief.keywords)),
        category=fit(words.category),
        status=brief.marking.value,
        organisation=fit(brief.organisation),
        language=brief.language,
        application=f"briefgen {__version__}",
        marking=brief.marking,
        rights=fit(rights(brief, words)),
        identifier=fit(brief.address or ""),
        copy=fit(copy_line(copy, words)),
    )


def fit(text: str, limit: int = LIMIT) -> str:
    """``text`` as a property holds it: at most ``limit`` characters, a longer one ending in an ellipsis."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
