"""``tollbook demo``: build the demo casebook from the bundled example sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollbook.book import Casebook
from tollbook.cli.output import print_table, stdout
from tollbook.demo.build import build_demo


def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the demo casebook and its exports (replaced if it holds a demo).")
    ] = Path("demo-out"),
) -> None:
    """Build the demo casebook: example reports through claims, incidents, victims and estimates."""
    build = build_demo(out, say=lambda line: stdout.print(f"  {line}", highlight=False))
    with Casebook.open(build.casebook, actor="demo") as book:
        counts = book.summary()
    print_table(f"Demo casebook {build.casebook}", ["what", "count"], counts.items())
    for path in build.files:
        stdout.print(f"wrote {path}", highlight=False)
    stdout.print(f"explore it: tollbook --casebook {build.casebook} sources", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
