"""One renderer per format: each maps a layout (Document or Deck) and the theme to one library's primitives."""
