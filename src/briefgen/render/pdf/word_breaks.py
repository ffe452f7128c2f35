"""Where a line may end inside a word, with no space: between the parts of an address (layout/line_breaks.py).

reportlab ends a line only at a space, or cuts a word longer than its line anywhere. Between
two parts of an address the markup puts an <onDraw> of this name, which the paragraph gives
a width of nothing that still ends a word (internals.may_end_line_at): reportlab may then end
the line there, and sets nothing between the parts where it does not. Drawn, it does nothing
(the canvas's callback), and a line ended there ends with an empty text, not a space, so the
address is copied from the PDF as written.
"""

from __future__ import annotations

NAME = "line_may_end"  # the canvas callback the <onDraw> calls
LINE_MAY_END = f'<onDraw name="{NAME}"/>'
