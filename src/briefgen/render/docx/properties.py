"""docProps/core.xml (see core_properties) and docProps/app.xml of the Word brief, stamped with the build time only."""

from __future__ import annotations

from datetime import datetime

from ...layout.properties import Properties
from ..office import core_properties
from ..office.extended_properties import extended_properties
from . import xml
from .package import Word, WordPart


def stamp(word: Word, about: Properties, when: datetime) -> None:
    """Set the core and extended properties from the layout's record; no wall clock, no leftovers from a template.
    The base has a core properties part (python-docx makes one for a base that lacks it: package.Word.adopt)."""
    part = word.package.related(xml.CORE_PROPERTIES)
    core = core_properties.CoreProperties(part.written())
    core_properties.stamp(core, about, when)
    part.replace(core.blob)
    # A template's thumbnail shows a page that is not this brief, and its app.xml names another program.
    for kind in (xml.THUMBNAIL, xml.EXTENDED_PROPERTIES):
        word.package.drop(kind)
    app = extended_properties((("Application", about.application), ("Company", about.organisation),
                               ("DocSecurity", "0"), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                               ("HyperlinksChanged", "false")))
    word.package.relate(WordPart("/docProps/app.xml", xml.EXTENDED_PROPERTIES_TYPE, app), xml.EXTENDED_PROPERTIES)
