"""``tollbook incidents ...`` and ``tollbook toll``: group claims into incidents, edit them, print tolls."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tollbook.cli.context import open_book
from tollbook.cli.output import print_json, print_table, stderr
from tollbook.reports import render
from tollbook.reports.headline import figure, headline

incidents_app = typer.Typer(
    help="Incidents: claims grouped into events, with their reconciled tolls.",
    invoke_without_command=True,
    no_args_is_help=False,
)


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class TollFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    GEOJSON = "geojson"
    HTML = "html"


ClaimIds = Annotated[list[int], typer.Argument(help="Claim ids (see: tollbook incidents show ID).")]
IncidentRef = Annotated[str, typer.Argument(help="Incident id (or key).")]


@incidents_app.callback(invoke_without_command=True)
def listing(
    ctx: typer.Context,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="table for people, json for machines.")
    ] = ListFormat.TABLE,
) -> None:
    """List incidents (run `tollbook incidents propose` first, and again after new claims)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_book(ctx) as book:
        items = book.incidents.list()
    if fmt is ListFormat.JSON:
        print_json(items)
        return
    print_table(
        "Incidents",
        ["id", "title", "dates", "grade", "killed low / best / high", "sources"],
        [_row(i) for i in items],
    )


def _row(inc: dict) -> list[object]:
    top = headline(inc)
    killed = (
        ""
        if top is None
        else (
            f"{figure(top['low'])} / {figure(top['best'])} / {figure(top['high'], top.get('high_open', False))} "
            f"({top['category']})"
        )
    )
    dates = " to ".join(dict.fromkeys(d for d in (inc.get("start"), inc.get("end")) if d)) or "?"
    return [inc["id"], inc["title"], dates, inc.get("grade"), killed, len(inc.get("sources", []))]


@incidents_app.command("propose")
def propose(ctx: typer.Context) -> None:
    """Group all reviewed claims into incidents, keeping every merge, split, rename, attach and detach."""
    with open_book(ctx) as book:
        summary = book.incidents.propose()
    stderr.print(
        f"{summary['incidents']} incident(s) from {summary['claims']} claim(s); "
        f"{summary['stale_decisions']} decision(s) no longer apply",
        highlight=False,
    )


@incidents_app.command("show")
def show(
    ctx: typer.Context,
    incident: IncidentRef,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.TABLE,
) -> None:
    """One incident: toll with rules, the claims behind every number, exclusions and checks."""
    with open_book(ctx) as book:
        item = book.incidents.get(incident)
    if fmt is ListFormat.JSON:
        print_json(item)
    else:
        sys.stdout.write(render([item], "table"))


@incidents_app.command("merge")
def merge(
    ctx: typer.Context, into: IncidentRef, other: Annotated[str, typer.Argument(help="Incident merged in.")]
) -> None:
    """Merge incident OTHER into INTO (kept on every re-proposal)."""
    with open_book(ctx) as book:
        kept = book.incidents.merge(into, other)
    stderr.print(f"merged {other} into incident {kept}", highlight=False)


@incidents_app.command("split")
def split(
    ctx: typer.Context,
    incident: IncidentRef,
    claim_ids: ClaimIds,
    title: Annotated[str | None, typer.Option(help="Title of the new incident.")] = None,
) -> None:
    """Move the given claims out of INCIDENT into a new incident."""
    with open_book(ctx) as book:
        new_id = book.incidents.split(incident, claim_ids, title=title)
    stderr.print(f"split {len(claim_ids)} claim(s) into new incident {new_id}", highlight=False)


@incidents_app.command("rename")
def rename(ctx: typer.Context, incident: IncidentRef, title: Annotated[str, typer.Argument(help="New title.")]) -> None:
    """Give an incident a title of your choosing."""
    with open_book(ctx) as book:
        book.incidents.rename(incident, title)
    stderr.print(f"renamed incident {incident}", highlight=False)


@incidents_app.command("attach")
def attach(ctx: typer.Context, incident: IncidentRef, claim_ids: ClaimIds) -> None:
    """Move claims into INCIDENT from wherever they are."""
    with open_book(ctx) as book:
        book.incidents.attach(incident, claim_ids)
    stderr.print(f"attached {len(claim_ids)} claim(s) to incident {incident}", highlight=False)


@incidents_app.command("detach")
def detach(ctx: typer.Context, incident: IncidentRef, claim_ids: ClaimIds) -> None:
    """Take claims out of INCIDENT (they stay out on re-proposals)."""
    with open_book(ctx) as book:
        book.incidents.detach(incident, claim_ids)
    stderr.print(f"detached {len(claim_ids)} claim(s) from incident {incident}", highlight=False)


@incidents_app.command("rate")
def rate(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id.")],
    reliability: Annotated[str, typer.Argument(help="high, medium, low or unknown.")],
    origin: Annotated[str | None, typer.Option(help="Body whose figures this source carries.")] = None,
    repeats: Annotated[int | None, typer.Option(help="Id of the source this one repeats.")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Rate a source's reliability and independence, then refresh every toll."""
    with open_book(ctx) as book:
        book.incidents.rate_source(source_id, reliability, origin=origin, repeats=repeats, note=note)
    stderr.print(f"rated source {source_id} {reliability}; tolls refreshed", highlight=False)


def toll(
    ctx: typer.Context,
    incident: Annotated[str | None, typer.Argument(help="Incident id (default: every incident).")] = None,
    fmt: Annotated[TollFormat, typer.Option("--format", help="table, json, csv, geojson or html.")] = TollFormat.TABLE,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of the screen.")] = None,
) -> None:
    """Print the reconciled toll (low / best / high with rules and the claims behind each number)."""
    with open_book(ctx) as book:
        items = [book.incidents.get(incident)] if incident else book.incidents.list()
    text = render(items, fmt.value)
    if out is None:
        sys.stdout.write(text)
        return
    out.write_text(text, encoding="utf-8")
    stderr.print(f"wrote {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``tollbook incidents ...`` and ``tollbook toll``."""
    app.add_typer(incidents_app, name="incidents")
    app.command("toll")(toll)
