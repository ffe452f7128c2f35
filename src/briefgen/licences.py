"""The licences a brief may be published under, by SPDX identifier, with the name and address a reader is shown.

A short table of the licences think tanks and public bodies publish under; an identifier outside
it is refused with the closest one, so a typo never prints a licence nobody chose.
SPDX identifiers compare without regard to case (SPDX 2.3, annex D), so "cc-by-4.0" is CC-BY-4.0.
"""

from __future__ import annotations

from typing import Any

from .value import Value


class Licence(Value):
    id: str     # the SPDX identifier: "CC-BY-4.0"
    name: str   # SPDX's full name: "Creative Commons Attribution 4.0 International"
    short: str  # how the licensor writes it in a notice: "CC BY 4.0"
    url: str    # the licence's own text


def _cc(code: str, words: str, version: str = "4.0", scope: str = "International") -> Licence:
    return Licence(f"CC-{code.upper().replace(' ', '-')}-{version}",
                   f"Creative Commons {words} {version} {scope}",
                   f"CC {code.upper().replace(' ', '-')} {version}",
                   f"https://creativecommons.org/licenses/{code.lower().replace(' ', '-')}/{version}/")


LICENCES: dict[str, Licence] = {licence.id: licence for licence in (
    _cc("by", "Attribution"),
    _cc("by sa", "Attribution Share Alike"),
    _cc("by nd", "Attribution No Derivatives"),
    _cc("by nc", "Attribution Non Commercial"),
    _cc("by nc sa", "Attribution Non Commercial Share Alike"),
    _cc("by nc nd", "Attribution Non Commercial No Derivatives"),
    _cc("by", "Attribution", "3.0", "Unported"),
    _cc("by sa", "Attribution Share Alike", "3.0", "Unported"),
    Licence("CC0-1.0", "Creative Commons Zero v1.0 Universal", "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
    Licence("OGL-UK-3.0", "Open Government Licence v3.0", "OGL v3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
)}
_FOLDED = {key.lower(): licence for key, licence in LICENCES.items()}


def licence(value: Any) -> Licence:
    """The licence an SPDX identifier names; a ValueError that says the closest known one otherwise."""
    if isinstance(value, Licence):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an SPDX licence identifier such as 'CC-BY-4.0', got {type(value).__name__}")
    found = _FOLDED.get(value.strip().lower())
    if found is not None:
        return found
    import difflib  # only when an identifier is wrong

    # "CC BY 4.0", as a licence notice writes it, is the identifier with spaces for hyphens.
    close = difflib.get_close_matches(value.strip().lower().replace(" ", "-"), list(_FOLDED), n=1, cutoff=0.75)
    hint = (f"did you mean {_FOLDED[close[0]].id!r}?" if close
            else "the identifiers briefgen knows are " + ", ".join(LICENCES))
    raise ValueError(f"{value!r} is not an SPDX licence identifier briefgen knows; {hint}")
