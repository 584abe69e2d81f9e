"""Opening the casebook named by the global ``--casebook`` option, and progress bars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tollbook.book import Casebook
from tollbook.cli.output import stderr
from tollbook.settings import Settings


def settings_from(ctx: typer.Context) -> Settings:
    options = ctx.find_root().obj or {}
    return Settings.from_env(casebook=options.get("casebook"), actor=options.get("actor"))


@contextmanager
def open_book(ctx: typer.Context) -> Iterator[Casebook]:
    """The casebook for this command, closed when the command ends."""
    book = Casebook.open(settings=settings_from(ctx))
    try:
        yield book
    finally:
        book.close()


@contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr (hidden when stderr is not a terminal); yields ``update(done, total)``."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task(label, total=total)

        def update(done: int, new_total: int) -> None:
            progress.update(task, completed=done, total=new_total)

        yield update
