"""A deck's .fntdata parts read by libeot, the library LibreOffice unpacks them with (Debian's LibreOffice
depends on libeot0), through ctypes: the font inside, and the facts its Embedded OpenType header gives."""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass

import pytest


class _Metadata(ctypes.Structure):
    """libeot's struct EOTMetadata (libeot/EOT.h) as far as the names; room for the rest after them."""

    _fields_ = [("total_size", ctypes.c_uint32), ("version", ctypes.c_int), ("flags", ctypes.c_uint32),
                ("panose", ctypes.c_uint8 * 10), ("charset", ctypes.c_int), ("italic", ctypes.c_bool),
                ("weight", ctypes.c_uint32), ("permissions", ctypes.c_uint16),
                ("unicode_range", ctypes.c_uint32 * 4), ("code_page_range", ctypes.c_uint32 * 2),
                ("checksum_adjustment", ctypes.c_uint32),
                ("family_size", ctypes.c_uint16), ("family", ctypes.POINTER(ctypes.c_uint16)),
                ("style_size", ctypes.c_uint16), ("style", ctypes.POINTER(ctypes.c_uint16)),
                ("version_name_size", ctypes.c_uint16), ("version_name", ctypes.POINTER(ctypes.c_uint16)),
                ("full_name_size", ctypes.c_uint16), ("full_name", ctypes.POINTER(ctypes.c_uint16)),
                ("rest", ctypes.c_uint8 * 256)]


@dataclass(frozen=True)
class Unpacked:
    font: bytes
    family: str
    style: str
    italic: bool
    weight: int
    editable: bool  # whether libeot lets LibreOffice use it (its licence allows editing), as LibreOffice asks


def unpacked(fntdata: bytes) -> Unpacked:
    """The font in an Embedded OpenType file, as LibreOffice takes it; fails the test if libeot refuses it."""
    name = ctypes.util.find_library("eot")
    if name is None:
        pytest.fail("libeot is not installed; .ci/run installs it with LibreOffice (libeot0)")
    library = ctypes.CDLL(name)
    metadata, font, size = _Metadata(), ctypes.POINTER(ctypes.c_uint8)(), ctypes.c_uint()
    error = library.EOT2ttf_buffer(fntdata, len(fntdata), ctypes.byref(metadata), ctypes.byref(font),
                                   ctypes.byref(size))
    try:
        assert error == 0, f"libeot refused the font (EOTError {error})"
        return Unpacked(ctypes.string_at(font, size.value), _text(metadata.family, metadata.family_size),
                        _text(metadata.style, metadata.style_size), metadata.italic, metadata.weight,
                        bool(library.EOTcanLegallyEdit(ctypes.byref(metadata))))
    finally:
        if font:
            library.EOTfreeBuffer(font)
        library.EOTfreeMetadata(ctypes.byref(metadata))


def _text(pointer, size: int) -> str:
    return ctypes.string_at(pointer, size).decode("utf-16-le") if size else ""
