"""The ``tollbook`` command: builds the Typer app from one module per pipeline stage.

Each ``tollbook.cli.<stage>`` module exposes ``register(app)``; this module only wires them
together and turns :class:`~tollbook.errors.TollbookError` into a one-line message and an
exit code, so a command body never needs its own ``try``.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer

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
)

app = typer.Typer(
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
    """Console-script entry point: run the app, mapping our errors to clean exits."""
    try:
        code = app(standalone_mode=False)
    except TollbookError as error:
        print_error(error)
        sys.exit(error.exit_code)
    except typer.Abort:
        print_error(TollbookError("aborted"))
        sys.exit(130)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except SystemExit:
        raise
    except Exception as error:  # click usage errors arrive as ClickException subclasses
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
