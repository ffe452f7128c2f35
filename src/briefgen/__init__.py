"""briefgen: one structured analytic brief in, a Word brief, a PDF and a slide deck out."""

__version__ = "0.1.0"
