"""The README's promises: CI runs its test command verbatim, and the quick start names real commands."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_ci_runs_the_readme_test_command_verbatim():
    extracted = subprocess.run(["sed", "-n", "/<!-- test-command -->/{n;n;p;}", "README.md"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    assert extracted in readme_commands()
    assert "pytest" in extracted and "[test]" in extracted


def test_quick_start_renders_all_three_formats_with_the_installed_command():
    install_and_render = readme_commands()[0]
    assert "pip install ." in install_and_render and install_and_render.endswith("briefgen all")


def test_a_new_reader_reaches_the_content_format_within_150_lines():
    lines = (ROOT / "README.md").read_text().splitlines()
    assert lines.index("## The content format") < 150


def test_no_document_speaks_of_issue_numbers_or_its_own_history():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text()
        assert not re.search(r"(?i)\bissues? #?\d+|#\d{2}\b|\bthis session\b", text), doc.name
