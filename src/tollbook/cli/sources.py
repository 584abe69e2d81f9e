"""``tollbook add``, ``sources``, ``show``, ``original``, ``rate``: evidence intake and provenance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollbook.book.sources import AddResult
from tollbook.cli.context import open_book, progress_bar
from tollbook.cli.output import print_json, print_table, stderr, stdout
from tollbook.errors import InputError
from tollbook.sources.intake import KINDS, SourceMeta


def add(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files to take in (txt, md, html, pdf, docx, csv, xlsx).")],
    kind: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(KINDS)} (default: list for tables, else article).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title (default: the file name).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was found.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, ISO 8601 (2025-03-10, 2025-03).")] = None,
    language: Annotated[str | None, typer.Option(help="Language code (en, ar, ...).")] = None,
    confidential: Annotated[bool, typer.Option(help="Mark as confidential (e.g. a testimony).")] = False,
    encoding: Annotated[str | None, typer.Option(help="Text encoding when a file is not UTF-8.")] = None,
) -> None:
    """Keep files as evidence: original bytes by SHA-256, provenance and a custody event."""
    meta = SourceMeta(
        kind=kind,
        title=title,
        publisher=publisher,
        url=url,
        published=_iso_date(published),
        language=language,
        confidential=confidential,
    )
    with open_book(ctx) as book, progress_bar("adding", len(paths)) as update:
        done = [0]

        def report(result: AddResult) -> None:
            done[0] += 1
            update(done[0], len(paths))
            _print_result(result)

        results = book.sources.add_many(paths, meta, encoding=encoding, on_each=report)
    failed = [r for r in results if r.error]
    if failed:
        raise typer.Exit(failed[0].error.exit_code if failed[0].error else 1)


def _print_result(result: AddResult) -> None:
    if result.error:
        stderr.print(f"[bold red]error:[/] {result.error.message}", highlight=False)
        if result.error.hint:
            stderr.print(f"  hint: {result.error.hint}", markup=False, highlight=False)
    elif result.duplicate:
        stdout.print(
            f"duplicate: {result.path} is already source {result.source_id} (sha256 {result.sha256}); nothing changed",
            highlight=False,
        )
    else:
        stdout.print(f"added source {result.source_id}: {result.path} (sha256 {result.sha256})", highlight=False)


def _iso_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    for length in (10, 7, 4):
        text = value[:length] + ("-01" if length == 7 else "-01-01" if length == 4 else "")
        try:
            date.fromisoformat(text)
        except ValueError:
            continue
        if len(value) == length:
            return value
    raise InputError(f"--published {value!r} is not an ISO 8601 date", hint="write 2025-03-10, 2025-03 or 2025")


def list_sources(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the sources in the casebook."""
    with open_book(ctx) as book:
        rows = book.sources.list(kind=kind)
    if format == "json":
        print_json(rows)
        return
    print_table(
        "Sources",
        ["id", "kind", "title", "publisher", "published", "sha256"],
        ([r["id"], r["kind"], r["title"], r["publisher"], r["published"], r["sha256"][:12]] for r in rows),
    )


def show(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id (see tollbook sources).")],
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show one source: metadata, chain of custody and extracted text."""
    with open_book(ctx) as book:
        record = book.sources.get(source_id)
    if format == "json":
        print_json(record)
        return
    for key in (
        "id",
        "kind",
        "title",
        "publisher",
        "url",
        "published",
        "language",
        "confidential",
        "filename",
        "media_type",
        "sha256",
        "reader",
        "added_at",
        "added_by",
    ):
        stdout.print(f"[bold]{key}:[/] {record[key]}", highlight=False)
    if record["assessment"]:
        a = record["assessment"]
        stdout.print(
            f"[bold]assessment:[/] reliability={a['reliability']} origin={a['origin']} "
            f"repeats={a['repeats_source_id']}",
            highlight=False,
        )
    print_table(
        "Chain of custody",
        ["at", "actor", "action", "sha256", "detail"],
        ([c["at"], c["actor"], c["action"], c["sha256"][:12], c["detail"]] for c in record["custody"]),
    )
    stdout.print("[bold]text:[/]")
    stdout.print(
        record["text"] if record["text"] is not None else "(a table: see tollbook victims import)",
        markup=False,
        highlight=False,
    )


def original(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id.")],
    out: Annotated[Path, typer.Option("--out", help="File or folder to write the original to.")],
) -> None:
    """Write a source's original bytes out (logged in its chain of custody)."""
    with open_book(ctx) as book:
        path = book.sources.export_original(source_id, out)
    stdout.print(f"wrote {path}", highlight=False)


def rate(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id.")],
    reliability: Annotated[str | None, typer.Option(help="high, medium, low or unknown.")] = None,
    origin: Annotated[str | None, typer.Option(help="The body whose figures this source carries.")] = None,
    repeats: Annotated[int | None, typer.Option(help="Id of the source this one repeats (not independent).")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Rate a source's reliability and independence (kept as a new assessment, never overwritten)."""
    with open_book(ctx) as book:
        book.sources.rate(source_id, reliability=reliability, origin=origin, repeats=repeats, note=note)
    stdout.print(f"rated source {source_id}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("sources")(list_sources)
    app.command("show")(show)
    app.command("original")(original)
    app.command("rate")(rate)
