"""The CLI reference in docs/cli.md, rendered from the commands themselves.

A test compares this rendering with the committed file, so the reference cannot drift
from the code: regenerate it with ``uv run --frozen python -m tollbook.cli.reference > docs/cli.md``.
"""

from __future__ import annotations

from typing import Any

import typer.main

from tollbook.cli.main import app
from tollbook.settings import SETTINGS


def render_reference() -> str:
    root = typer.main.get_command(app)
    lines = [
        "# CLI reference",
        "",
        "Generated from the code by `python -m tollbook.cli.reference`; a test keeps it in sync.",
        "",
    ]
    lines += _render(root, ["tollbook"])
    lines += ["## Settings", "", "| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    lines += [f"| {s.name} | `{s.env}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(lines) + "\n"


def _render(command: Any, path: list[str]) -> list[str]:
    lines = [f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`", ""]
    if command.help:
        lines += [command.help.strip().split("\n\n")[0], ""]
    lines += _params(command)
    if hasattr(command, "commands"):  # a group (typer ships its own click classes)
        for name in sorted(command.commands):
            sub = command.commands[name]
            if not sub.hidden:
                lines += _render(sub, [*path, name])
    return lines


def _params(command: Any) -> list[str]:
    rows = []
    for param in command.params:
        if param.param_type_name == "argument":
            optional = "" if param.required else ", optional"
            rows.append(f"- `{param.name.upper()}` (argument{optional}){': ' + param.help if param.help else ''}")
        elif param.param_type_name == "option" and not param.hidden:
            names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
            text = (param.help or "").strip()
            rows.append(f"- {names}: {text}" if text else f"- {names}")
    return [*rows, ""] if rows else []


if __name__ == "__main__":
    print(render_reference(), end="")
