"""The deck (.pptx): a planned ``Deck`` serialised onto a template's layouts."""

from .writer import geometry, render

__all__ = ["geometry", "render"]
