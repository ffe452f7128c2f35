"""briefgen: one structured analytic brief in, a Word brief, a PDF and a slide deck out."""

__version__ = "0.1.0"


def main() -> None:
    """The ``briefgen`` program (cli.run), the command line imported with the cycle collector paused.

    What an import makes lives as long as the process: collections while click and the command line are imported
    walk it for nothing (~3 ms of every command's start; see cycles.imported).
    """
    from .cycles import imported
    imported(f"{__name__}.cli").run()
