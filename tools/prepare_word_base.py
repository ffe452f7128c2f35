"""Prepare the Word brief's base document for the built-in theme's styles: python-docx's default template,
emptied, with every style installed, once for each marking, saved as src/briefgen/render/docx/built_in.zip.

A developer tool, not installed: run it after changing what Word's styles are made of (render/docx/styles.py,
numbering.py, the built-in theme or the style table) or python-docx. tests/test_word_base.py fails while
built_in.zip is stale.

    python tools/prepare_word_base.py
"""

from __future__ import annotations

import sys
from pathlib import Path

TOP = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TOP / "src"))

from briefgen.marking import Tlp  # noqa: E402
from briefgen.render.docx import prepared, styles  # noqa: E402
from briefgen.render.docx.package import Word  # noqa: E402
from briefgen.render.docx.styling import styled_base  # noqa: E402
from briefgen.theme import load_theme  # noqa: E402

TARGET = TOP / "src" / "briefgen" / "render" / "docx" / prepared.BUILT_IN_PREPARED


def prepared_built_in() -> bytes:
    """built_in.zip as the code makes it now."""
    theme = load_theme()
    made = {marking: styled_base(None, theme, marking, prepared.LANGUAGE, None) for marking in Tlp}
    lists = {style.style_id: styles.list_number(Word.adopt(made[Tlp.CLEAR]), style.style_id)
             for style in styles.styles(theme, Tlp.CLEAR) if style.numbering}
    return prepared.saved(made, {marking: styles.made_of(theme, marking) for marking in Tlp}, lists)


def main() -> None:
    TARGET.write_bytes(prepared_built_in())
    print(f"wrote {TARGET.relative_to(TOP)}")


if __name__ == "__main__":
    main()
