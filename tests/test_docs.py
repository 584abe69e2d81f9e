"""Docs that cannot drift: the CLI reference and settings table match the code."""

from __future__ import annotations

from pathlib import Path

import typer.main

from tollbook.cli.main import app
from tollbook.cli.reference import render_reference
from tollbook.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_cli_reference_is_current() -> None:
    committed = (DOCS / "cli.md").read_text()
    assert committed == render_reference(), "regenerate: uv run --frozen python -m tollbook.cli.reference > docs/cli.md"


def test_every_command_has_help() -> None:
    root = typer.main.get_command(app)
    missing = [name for name, command in root.commands.items() if not (command.help or "").strip()]  # type: ignore[attr-defined]
    assert missing == []


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text()
    assert [s.env for s in SETTINGS if s.env not in readme] == []


def test_readme_gives_the_two_commands() -> None:
    readme = README.read_text()
    assert "scripts/demo" in readme and "scripts/test" in readme
