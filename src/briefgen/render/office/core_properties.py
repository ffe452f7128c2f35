"""docProps/core.xml of the .docx and the .pptx: the layout's one Properties record, stamped with the build time.

python-docx and python-pptx expose the same core properties object, so both office files
say the same about themselves; a template's own values (its author, its last-printed date)
are overwritten, never left behind.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ...layout.properties import Properties, fit


def stamp(core, about: Properties, when: datetime) -> None:
    """Fill ``core`` (python-docx's or python-pptx's CoreProperties) from ``about``; dates are ``when`` in UTC."""
    moment = when.astimezone(timezone.utc).replace(tzinfo=None)
    core.title = about.title
    core.subject = about.subject
    core.author = about.author
    core.keywords = about.keywords
    core.language = about.language
    core.category = about.category
    # OOXML's core properties have no rights: the licence notice, and a numbered copy's line, are its comments.
    core.comments = fit("\n".join(filter(None, (about.copy, about.rights))))
    core.content_status = about.status
    core.identifier = about.identifier
    core.last_modified_by = about.organisation
    core.created = core.modified = core.last_printed = moment
    core.revision = 1
    core.version = ""
