"""``tollbook demo``: build the demo casebook from the bundled example sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tollbook.book import Casebook
from tollbook.cli.output import print_table, stdout
from tollbook.reports.headline import figure


def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the demo casebook and its exports (replaced if it holds a demo).")
    ] = Path("demo-out"),
) -> None:
    """Build the demo casebook: example reports through claims, incidents, victims and estimates."""
    # Imported here: the demo pulls in every stage (statsmodels, Splink, numba), seconds of
    # start-up that no other command should pay.
    from tollbook.demo.build import build_demo

    build = build_demo(out, say=lambda line: stdout.print(f"  {line}", highlight=False))
    with Casebook.open(build.casebook, actor="demo") as book:
        counts = book.summary()
        incidents = book.incidents.list()
    print_table(f"Demo casebook {build.casebook}", ["what", "count"], counts.items())
    for incident in incidents:
        print_toll(incident)
    for path in build.files:
        stdout.print(f"wrote {path}", highlight=False)
    stdout.print(f"explore it: tollbook --casebook {build.casebook} sources", highlight=False)


def print_toll(incident: dict[str, Any]) -> None:
    """The toll at a glance; ``tollbook toll`` shows the rule and the claims behind every number."""
    title = f"Incident {incident['id']}: {incident['title']} (grade {incident.get('grade', '?')})"
    rows = (
        [
            entry["label"],
            figure(entry["low"]),
            figure(entry["best"]),
            figure(entry["high"], entry.get("high_open", False)),
            len({claim["source_id"] for claim in entry["claims"]}),
        ]
        for entry in incident["toll"]
    )
    print_table(title, ["scope", "low", "best", "high", "sources"], rows)
    for excluded in incident.get("excluded", []):
        words = " ".join(excluded["span"].split())
        stdout.print(f'  not counted: "{words}" ({excluded["reason"]})', highlight=False)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
