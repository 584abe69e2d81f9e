"""``tollbook extract``, ``claims`` and ``places``: casualty claims from text, their review, the gazetteer."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import typer

from tollbook.cli.context import open_book
from tollbook.cli.output import print_json, print_jsonl, print_table, stdout
from tollbook.errors import InputError
from tollbook.extraction import RuleExtractor
from tollbook.extraction.documents import read_documents
from tollbook.places import default_gazetteer
from tollbook.records import Place

claims_app = typer.Typer(help="Claims stored in the casebook: list, show, review.", invoke_without_command=True)


class ClaimFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


CONTRACT_FIELDS = (
    "count",
    "count_max",
    "qualifier",
    "outcome",
    "category",
    "group",
    "historical",
    "place",
    "date",
    "source",
    "perpetrator",
    "span",
    "start",
    "end",
)
TABLE_COLUMNS = [
    "doc",
    "count",
    "max",
    "qualifier",
    "outcome",
    "category",
    "group",
    "hist",
    "place",
    "date",
    "source",
    "span",
]


def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Text, Markdown or HTML files, .jsonl files of {id, text} lines, or - for stdin."),
    ] = None,
    all_sources: Annotated[bool, typer.Option("--all", help="Extract from every source in the casebook.")] = False,
    source: Annotated[
        list[int] | None, typer.Option("--source", help="Extract from this casebook source (repeatable).")
    ] = None,
    fmt: Annotated[
        ClaimFormat, typer.Option("--format", help="table for people, jsonl (one claim per line) for machines.")
    ] = ClaimFormat.TABLE,
) -> None:
    """Find casualty claims: from PATHs (no casebook needed) or, with --all/--source, into the casebook."""
    if paths and (all_sources or source):
        raise InputError(
            "give either PATHs or --all/--source, not both",
            hint="PATHs are read without a casebook; --all/--source store claims in it",
        )
    if paths:
        _extract_paths(paths, fmt)
        return
    if not (all_sources or source):
        raise InputError("nothing to extract from", hint="name files (or - for stdin), or use --all / --source ID")
    with open_book(ctx) as book:
        done = book.claims.extract(None if all_sources else source)
    rows = [[s.source_id, s.found, s.added, s.existing, s.retired] for s in done]
    print_table("Extraction", ["source", "claims found", "added", "already stored", "superseded"], rows)


def _extract_paths(paths: list[str], fmt: ClaimFormat) -> None:
    extractor = RuleExtractor(default_gazetteer())
    rows: list[dict[str, Any]] = []
    for document in read_documents(paths):
        found = [
            _contract(claim.to_json(), document.doc)
            for claim in extractor.extract(document.text, published=document.published)
        ]
        if fmt is ClaimFormat.JSONL:
            print_jsonl(found)
        else:
            rows += found
    if fmt is ClaimFormat.TABLE:
        print_table("Claims", TABLE_COLUMNS, [_table_row(r) for r in rows])


def _contract(data: dict[str, Any], doc: str) -> dict[str, Any]:
    """The fields of the ``--format jsonl`` contract, in its order."""
    return {**{name: data[name] for name in CONTRACT_FIELDS}, "doc": doc}


def _table_row(row: dict[str, Any]) -> list[Any]:
    return [
        row["doc"],
        row["count"],
        row["count_max"],
        row["qualifier"],
        row["outcome"],
        row["category"],
        row["group"],
        "yes" if row["historical"] else "",
        "; ".join(row["place"]),
        row["date"],
        row["source"],
        row["span"],
    ]


@claims_app.callback(invoke_without_command=True)
def listing(
    ctx: typer.Context,
    source: Annotated[int | None, typer.Option("--source", help="Only claims from this source.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table for people, json for machines.")] = (
        ListFormat.TABLE
    ),
) -> None:
    """List stored claims with their latest review (run `tollbook extract --all` first)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_book(ctx) as book:
        items = book.claims.list(source_id=source)
    if fmt is ListFormat.JSON:
        print_json(items)
        return
    columns = [
        "id",
        "source",
        "count",
        "max",
        "qualifier",
        "outcome",
        "category",
        "group",
        "hist",
        "place",
        "source credited",
        "review",
        "span",
    ]
    print_table("Claims", columns, [_stored_row(i) for i in items])


def _stored_row(item: dict[str, Any]) -> list[Any]:
    return [
        item["id"],
        item["source_id"],
        item["count"],
        item["count_max"],
        item["qualifier"],
        item["outcome"],
        item["category"],
        item["group"],
        "yes" if item["historical"] else "",
        "; ".join(item["place"] or []),
        item["source"],
        item["review"],
        item["span"],
    ]


@claims_app.command("show")
def show(ctx: typer.Context, claim_id: Annotated[int, typer.Argument(help="Claim id.")]) -> None:
    """One claim with its span, resolved places and full review history."""
    with open_book(ctx) as book:
        print_json(book.claims.get(claim_id))


@claims_app.command("review")
def review(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="Claim id (see: tollbook claims).")],
    accept: Annotated[bool, typer.Option("--accept", help="The claim is right as extracted.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Not a claim (left out of incidents and tolls).")] = False,
    correct: Annotated[
        list[str] | None,
        typer.Option("--correct", help="FIELD=VALUE, repeatable (count=12, category=civilians, place=Banyas;Jableh)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the review).")] = None,
) -> None:
    """Record a review of a claim as a new row; earlier reviews are kept (needs the reviewer role)."""
    chosen = [name for name, on in (("accepted", accept), ("rejected", reject), ("corrected", bool(correct))) if on]
    if len(chosen) != 1:
        raise InputError(
            "choose exactly one of --accept, --reject, --correct FIELD=VALUE",
            hint="e.g. tollbook claims review 3 --correct count=12",
        )
    with open_book(ctx) as book:
        review_id = book.claims.review(claim_id, chosen[0], _pairs(correct or []), note)
    stdout.print(f"review {review_id}: claim {claim_id} {chosen[0]}", highlight=False)


def _pairs(items: Iterable[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--correct {item!r} is not FIELD=VALUE", hint="e.g. --correct count=12")
        pairs[name.strip()] = value
    return pairs


def places(
    name: Annotated[str | None, typer.Argument(help="A place name in any common spelling (Tartus, Banyas).")] = None,
    level: Annotated[
        int | None, typer.Option(help="Only this level (1 governorate, 2 district, 3 sub-district, 4 town).")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table for people, json for machines.")] = (
        ListFormat.TABLE
    ),
) -> None:
    """Look up places in the packaged gazetteer: p-code, names, hierarchy and coordinates."""
    gazetteer = default_gazetteer()
    found = gazetteer.search(name) if name else list(gazetteer)
    found = [p for p in found if level is None or p.level == level]
    if fmt is ListFormat.JSON:
        print_json([_place_json(p) for p in found])
        return
    rows = [
        [p.pcode, p.level, p.name_en, p.name_ar, " > ".join(a.name_en for a in gazetteer.ancestors(p)), p.lat, p.lon]
        for p in found
    ]
    print_table("Places", ["pcode", "level", "name", "Arabic", "within", "lat", "lon"], rows)


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "pcode": place.pcode,
        "level": place.level,
        "name_en": place.name_en,
        "name_ar": place.name_ar,
        "parent_pcode": place.parent_pcode,
        "ancestors": list(place.ancestors),
        "lat": place.lat,
        "lon": place.lon,
        "aliases": list(place.aliases),
    }


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.add_typer(claims_app, name="claims")
    app.command("places")(places)
