"""`python -m briefgen` runs the command line."""

from . import main

main()
