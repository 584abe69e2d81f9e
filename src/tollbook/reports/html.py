"""A printable, standalone HTML report: one section per incident with toll, rules, sources, chart.

The template ships inside the package and the page has no scripts, fonts or links to fetch:
it prints the same on a laptop with no network as on a server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from tollbook.reports.headline import figure
from tollbook.reports.timeline import timeline_svg


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tollbook.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure"] = figure
    return env


def to_html(incidents: Sequence[dict[str, Any]]) -> str:
    """The whole report as one HTML document."""
    template = _environment().get_template("report.html.j2")
    # The SVG is assembled from escaped text only, so it may be inserted as markup.
    charts = {str(inc["id"]): Markup(timeline_svg(inc)) for inc in incidents}
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return template.render(incidents=list(incidents), charts=charts, generated=generated)
