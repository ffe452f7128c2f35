"""Runs of right-to-left script in a text, and the language each is most likely written in.

A screen reader speaks a run in the voice of its language, so each format marks runs in
another script with a language tag. The script narrows the language; letters only one
language uses decide it: Pashto and Urdu have letters of their own, Persian (Dari) has
four that Arabic lacks, and Hebrew has its own block. A run of plain Arabic letters is
taken for Arabic.
"""

from __future__ import annotations

import re
from functools import cache

# The bidirectional controls, each with what it does to the text after it. They make text read
# otherwise than it is written (CVE-2021-42574, "Trojan Source": "Invoice \u202eFDP.exe" shows as
# "Invoice exe.PDF"). The products never need one: a run of right-to-left script carries its own
# direction (Word's w:rtl, the PDF's visual order, see render/pdf/bidi.py).
BIDI_CONTROLS = {
    "\u202a": ("LEFT-TO-RIGHT EMBEDDING", "embeds the text after it as left-to-right"),
    "\u202b": ("RIGHT-TO-LEFT EMBEDDING", "embeds the text after it as right-to-left"),
    "\u202c": ("POP DIRECTIONAL FORMATTING", "ends an embedding or override, changing how the text before it reads"),
    "\u202d": ("LEFT-TO-RIGHT OVERRIDE", "forces the text after it to show left to right, letter by letter"),
    "\u202e": ("RIGHT-TO-LEFT OVERRIDE", "shows the text after it reversed, right to left, letter by letter"),
    "\u2066": ("LEFT-TO-RIGHT ISOLATE", "sets the text after it apart as left-to-right"),
    "\u2067": ("RIGHT-TO-LEFT ISOLATE", "sets the text after it apart as right-to-left"),
    "\u2068": ("FIRST STRONG ISOLATE", "sets the text after it apart in the direction of its first letter"),
    "\u2069": ("POP DIRECTIONAL ISOLATE", "ends an isolate, changing how the text before it reads"),
}
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")  # a small class: cheap to compile at import
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
RIGHT_TO_LEFT = re.compile(f"[{_RTL_LETTER}]")  # whether a text holds any right-to-left letter
# Letter sets, not regular expressions: compiling a class of letters past Latin-1 takes
# about a millisecond each, at every start, and few briefs hold any.
_HEBREW = frozenset(map(chr, [*range(0x0590, 0x0600), *range(0xFB1D, 0xFB50)]))
_PASHTO = frozenset("\u067c\u0681\u0685\u0689\u0693\u0696\u069a\u06ab\u06bc\u06cd\u06d0")
_URDU = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2")
_PERSIAN = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")


@cache
def _run() -> re.Pattern[str]:
    """A run: right-to-left letters, with what sits between them inside the phrase (spaces, digits,
    punctuation, joiners), but not what trails it. Compiled when a text first holds such letters."""
    return re.compile(f"[{_RTL_LETTER}](?:[{_RTL_LETTER}\\s\u200c\u200d\\d.,:;!?'\"()«»\\-]*[{_RTL_LETTER}])?")


def runs(text: str, document: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each with the language of its right-to-left script, or None for the rest.

    ``document`` is the brief's language (BCP 47), which a run is taken to be in unless its
    letters say otherwise.
    """
    if not RIGHT_TO_LEFT.search(text):
        return [(text, None)] if text else []
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for found in _run().finditer(text):
        if found.start() > start:
            pieces.append((text[start:found.start()], None))
        pieces.append((found.group(), language(found.group(), document)))
        start = found.end()
    if start < len(text):
        pieces.append((text[start:], None))
    return pieces


def language(run: str, document: str) -> str:
    """The BCP 47 language of a run of right-to-left script in a brief written in ``document``."""
    if not _HEBREW.isdisjoint(run):
        found = "he"
    elif not _PASHTO.isdisjoint(run):
        found = "ps"
    elif not _URDU.isdisjoint(run):
        found = "ur"
    elif not _PERSIAN.isdisjoint(run):
        found = "fa"
    else:
        found = "ar"
    own = _primary(document)
    # Letters Arabic shares with every Arabic-script language, and Persian's with Pashto and
    # Urdu, do not tell the brief's own language apart: the run is in it.
    if own in _ARABIC_SCRIPT and (found == "ar" or (found == "fa" and own in ("ps", "ur"))):
        return document
    return document if found == own or (found == "fa" and own == "prs") else found


def written_right_to_left(tag: str) -> bool:
    """Whether the language of BCP 47 ``tag`` is written right to left (Arabic script, Hebrew, Yiddish)."""
    return _primary(tag) in _RIGHT_TO_LEFT_LANGUAGES


def same_language(tag: str, other: str) -> bool:
    """Whether two BCP 47 tags name the same language (``fa`` and ``fa-AF`` do)."""
    return _primary(tag) == _primary(other)


_ARABIC_SCRIPT = frozenset({"ar", "fa", "prs", "ps", "ur", "ckb", "sd", "ug", "ku", "pa", "bal"})
# Kurdish and Punjabi are also written in Latin and Gurmukhi letters: their tags alone do not say right to left.
_RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ur", "ckb", "sd", "ug", "bal", "he", "yi", "dv",
                                      "syr"})


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()
