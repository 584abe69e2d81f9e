"""Reports: the reconciled toll as tables, CSV, JSON, GeoJSON and a printable HTML page.

Every function here takes incidents in the contract shape (the JSON that
``tollbook incidents --format json`` prints), so a report can be rebuilt from an export
without the casebook, and what is printed is what was stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollbook.errors import InputError
from tollbook.reports.exports import to_csv, to_geojson, to_json
from tollbook.reports.html import to_html
from tollbook.reports.text import to_text

FORMATS = ("table", "json", "csv", "geojson", "html")

__all__ = ["FORMATS", "render", "to_csv", "to_geojson", "to_html", "to_json", "to_text"]


def render(incidents: Sequence[dict[str, Any]], fmt: str) -> str:
    """The incidents as text in one of :data:`FORMATS`."""
    renderers = {"table": to_text, "json": to_json, "csv": to_csv, "geojson": to_geojson, "html": to_html}
    if fmt not in renderers:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}")
    return renderers[fmt](incidents)
