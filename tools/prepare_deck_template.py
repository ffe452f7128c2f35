"""Prepare the built-in deck template: read templates/default/deck.pptx with python-pptx, make every
prototype slide a deck can ask for, and save it as src/briefgen/render/pptx/built_in.zip.

A developer tool, not installed: run it after changing deck.pptx (tools/make_deck_template.py runs it
for you). tests/test_pptx.py fails while built_in.zip is stale.

    python tools/prepare_deck_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

TOP = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TOP / "src"))

from briefgen.layout import deck as layout  # noqa: E402
from briefgen.render.pptx import reader  # noqa: E402
from briefgen.render.pptx.prepared import BUILT_IN, BUILT_IN_PREPARED, Prepared, built_in_source  # noqa: E402

TARGET = TOP / "src" / "briefgen" / "render" / "pptx" / BUILT_IN_PREPARED


def prepared_built_in() -> Prepared:
    """deck.pptx read by python-pptx, with a prototype of every layout at every body count the deck uses."""
    prepared = reader.read(BUILT_IN)
    for name in layout.LAYOUTS:
        for count in range(reader.BODY_COUNT.get(name, 1) + 1):
            prepared.prototype(name, count)
    return prepared


def main() -> None:
    TARGET.write_bytes(prepared_built_in().saved(built_in_source()))
    print(f"wrote {TARGET.relative_to(TOP)}")


if __name__ == "__main__":
    main()
