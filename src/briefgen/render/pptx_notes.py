"""Speaker notes: one notes slide part (ppt/notesSlides/notesSlideN.xml) per slide, named in constant time.

python-pptx's ``slide.notes_slide`` finds a free part name by walking every part of the
package, which makes a deck of N slides cost O(N²). The deck already knows each slide's
number, so the notes part takes that number as its name and is related exactly as
python-pptx would relate it: to the notes master and to its slide, and back.
"""

from __future__ import annotations

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart
from pptx.util import Pt


def add_notes(presentation, slide, number: int, text: str, size: float) -> None:
    """Give ``slide`` (the deck's slide ``number``) speaker notes reading ``text``, one paragraph per line."""
    master_part = presentation.part.notes_master_part
    part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE,
                          presentation.part.package, CT_NotesSlide.new())
    part.relate_to(master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    notes = part.notes_slide
    notes.clone_master_placeholders(master_part.notes_master)
    frame = notes.notes_text_frame
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
