"""Renderer-neutral layouts: a flowing Document for DOCX and PDF, a Deck of slides for PPTX."""
