"""``tollbook init``, ``verify``, ``audit``, ``users``, ``summary``: the casebook itself."""

from __future__ import annotations

from typing import Annotated

import typer

from tollbook.cli.context import open_book, progress_bar
from tollbook.cli.output import print_json, print_table, stdout
from tollbook.errors import IntegrityFailure


def init(ctx: typer.Context) -> None:
    """Create (or migrate) the casebook and say where it is."""
    with open_book(ctx) as book:
        stdout.print(f"casebook ready: {book.url}", highlight=False)


def verify(ctx: typer.Context) -> None:
    """Recompute every original's SHA-256 and the audit hash chain; non-zero exit on any finding."""
    with open_book(ctx) as book, progress_bar("verifying originals") as update:
        report = book.audit.verify(on_progress=update)
    for finding in report.findings:
        stdout.print(f"[bold red]FAIL[/] {finding}", highlight=False)
    if not report.ok:
        raise IntegrityFailure(
            f"verify found {len(report.findings)} problem(s) in {book.url}",
            hint="restore the casebook from a backup, or investigate who changed it",
        )
    stdout.print(f"ok: {report.originals} originals and {report.audit_events} audit events verified", highlight=False)


def audit(
    ctx: typer.Context,
    object_type: Annotated[str | None, typer.Option("--type", help="Only events on this kind of object.")] = None,
    object_id: Annotated[str | None, typer.Option("--id", help="Only events on this object id.")] = None,
    limit: Annotated[int, typer.Option(help="How many events, newest first.")] = 50,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show the audit log, newest first."""
    with open_book(ctx) as book:
        events = book.audit.events(object_type=object_type, object_id=object_id, limit=limit)
    if format == "json":
        print_json(events)
        return
    print_table(
        "Audit log",
        ["seq", "at", "actor", "action", "object", "detail", "hash"],
        (
            [
                e["seq"],
                e["at"],
                e["actor"],
                e["action"],
                f"{e['object_type']} {e['object_id'] or ''}",
                e["detail"],
                e["hash"][:12],
            ]
            for e in events
        ),
    )


users_app = typer.Typer(help="Who may act on this casebook, and in which role.", no_args_is_help=True)


@users_app.command("add")
def users_add(
    ctx: typer.Context, name: str, role: Annotated[str, typer.Option(help="viewer, researcher, reviewer or admin.")]
) -> None:
    """Add a user with a role (the first user turns on permission checks)."""
    with open_book(ctx) as book:
        book.users.add(name, role)
    stdout.print(f"added user {name} ({role})", highlight=False)


@users_app.command("set-role")
def users_set_role(ctx: typer.Context, name: str, role: str) -> None:
    """Change a user's role."""
    with open_book(ctx) as book:
        book.users.set_role(name, role)
    stdout.print(f"{name} is now {role}", highlight=False)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """List users and roles."""
    with open_book(ctx) as book:
        rows = book.users.list()
    print_table(
        "Users",
        ["id", "name", "role", "disabled", "created_at"],
        ([r["id"], r["name"], r["role"], r["disabled"], r["created_at"]] for r in rows),
    )


def summary(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """How much the casebook holds, stage by stage."""
    with open_book(ctx) as book:
        counts = book.summary()
    if format == "json":
        print_json(counts)
        return
    print_table(f"Casebook {book.url}", ["what", "count"], counts.items())


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("verify")(verify)
    app.command("audit")(audit)
    app.command("summary")(summary)
    app.add_typer(users_app, name="users")
