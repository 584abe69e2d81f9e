"""Where benchmark figures go: a Rich table on stdout and a JSON file in bench/results/."""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).parent / "results"
SHARED_DATA = Path(os.environ.get("TOLLBOOK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"


def shared_data(*parts: str) -> Path:
    """Path into ../shared/data, or a clear exit when the folder is not beside the repo."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        raise SystemExit(f"benchmark data not found: {path} (clone the repo with ../shared beside it)")
    return path


def publish(name: str, title: str, rows: Sequence[dict[str, Any]], extra: dict[str, Any] | None = None) -> None:
    """Print rows as a table and save them, with the machine they were measured on."""
    table = Table(title=title)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    Console().print(table)
    RESULTS.mkdir(exist_ok=True)
    record = {
        "benchmark": name,
        "title": title,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rows": list(rows),
        **(extra or {}),
    }
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, default=str) + "\n")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)
