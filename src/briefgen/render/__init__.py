"""Renderers: one package per format, each drawing a finished layout with one library.

``docx`` and ``pdf`` draw the same ``layout.document.Document``; ``pptx`` serialises a
``layout.deck.Deck``; ``office`` holds what the two Office writers share (the zip package's core
properties, XML text, and reading an untrusted reference document safely). No renderer reads
the content file or decides what a reader sees.
"""
