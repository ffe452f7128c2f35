"""Relationships between the deck's package parts (the _rels/*.rels items), added in constant time.

python-pptx's ``relate_to`` first scans every relationship of the source part for one it
could reuse. The presentation part relates to every slide, so a deck of N slides costs
O(N²) there. The deck's parts are new and each is related once, so nothing can be reused:
the relationship is added straight away, with the next free rId as python-pptx would pick it.
"""

from __future__ import annotations


def relate(source, target, reltype: str) -> str:
    """The rId of a new relationship of ``reltype`` from part ``source`` to part ``target``."""
    return source._rels._add_relationship(reltype, target)
