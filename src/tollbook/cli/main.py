"""The ``tollbook`` command: builds the Typer app from one module per pipeline stage.

Each ``tollbook.cli.<stage>`` module exposes ``register(app)``; this module only wires them
together and turns :class:`~tollbook.errors.TollbookError` into a one-line message and an
exit code, so a command body never needs its own ``try``.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tollbook import __version__
from tollbook.cli.output import print_error
from tollbook.errors import TollbookError

STAGE_MODULES = (
    "tollbook.cli.sources",
    "tollbook.cli.claims",
    "tollbook.cli.incidents",
    "tollbook.cli.victims",
    "tollbook.cli.estimates",
    "tollbook.cli.admin",
    "tollbook.cli.demo",
)


class TollbookGroup(TyperGroup):
    """Maps :class:`TollbookError` to a one-line message and its exit code, for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TollbookError as error:
            print_error(error)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=TollbookGroup,
    name="tollbook",
    help="Tollbook: from raw reports to a defensible casualty toll.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tollbook {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    casebook: Annotated[
        str | None,
        typer.Option(
            "--casebook",
            envvar="TOLLBOOK_CASEBOOK",
            help="Casebook file path or database URL (postgresql+psycopg://...). Default: ./tollbook.db",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--as", envvar="TOLLBOOK_ACTOR", help="Who is acting (recorded in custody and audit)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Tollbook: from raw reports to a defensible casualty toll."""
    ctx.obj = {"casebook": casebook, "actor": actor}


def _register_stages() -> None:
    for name in STAGE_MODULES:
        module = importlib.import_module(name)
        module.register(app)


_register_stages()


def run() -> None:
    """Console-script entry point."""
    app()
