"""docProps/core.xml (see core_properties) and docProps/app.xml of the Word brief, stamped with the build time only."""

from __future__ import annotations

from datetime import datetime

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ...layout.properties import Properties
from ..office import core_properties
from ..office.extended_properties import extended_properties



def stamp(document: WordDocument, about: Properties, when: datetime) -> None:
    """Set the core and extended properties from the layout's record; no wall clock, no leftovers from a template."""
    core_properties.stamp(document.core_properties, about, when)
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        # A template's thumbnail shows a page that is not this brief, and its app.xml names another program.
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[r_id]
    app = extended_properties((("Application", about.application), ("Company", about.organisation),
                               ("DocSecurity", "0"), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                               ("HyperlinksChanged", "false")))
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, app, package),
                      RT.EXTENDED_PROPERTIES)
