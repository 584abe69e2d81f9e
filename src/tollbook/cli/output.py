"""How the CLI prints: tables, JSON lines and errors, all to the right stream."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from tollbook.errors import TollbookError

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


def print_error(error: TollbookError) -> None:
    """One line naming what went wrong, then the hint on what to do next."""
    stderr.print(f"[bold red]error:[/] {error.message}", markup=True, highlight=False)
    if error.hint:
        stderr.print(f"  hint: {error.hint}", markup=False, highlight=False)


def print_json(value: Any) -> None:
    """Pretty JSON for a whole document (one object or list)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def print_jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    """One compact JSON object per line, for machines and ``jq``."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A readable table for people."""
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if cell is None else str(cell) for cell in row])
    stdout.print(table)
