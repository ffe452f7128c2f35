"""The Word brief (.docx): python-docx's document, filled from the layout in named styles."""

from .writer import render

__all__ = ["render"]
