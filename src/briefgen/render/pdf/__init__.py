"""The PDF: reportlab's platypus, tagged for accessibility (PDF/UA), with fonts embedded."""

from .writer import page_count, render

__all__ = ["page_count", "render"]
