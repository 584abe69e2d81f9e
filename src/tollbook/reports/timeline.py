"""A timeline chart of each source's running figures, as inline SVG (no scripts, works offline).

One line per origin and scope: x is the date a figure was current, y the figure. Superseded
figures stay on the chart, so a reader sees how a tally rose (340, 745, 973, 1,383) and
where another origin's count sat at the same time.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

WIDTH, HEIGHT = 860, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 300, 20, 40
LEGEND_CHARS = 48
COLOURS = (
    "#1b6ca8",
    "#c0392b",
    "#27ae60",
    "#8e44ad",
    "#d35400",
    "#2c3e50",
    "#16a085",
    "#7f8c8d",
    "#b7950b",
    "#e84393",
    "#0984e3",
    "#6c5ce7",
)


def series(incident: dict[str, Any]) -> dict[str, list[tuple[date, int, str]]]:
    """(date, figure, wording) points per "scope: origin" label, from dated claims of the toll."""
    found: dict[str, list[tuple[date, int, str]]] = {}
    for entry in incident.get("toll", []):
        for claim in entry.get("claims", []):
            if not claim.get("as_of"):
                continue
            name = f"{entry['label']}: {claim['origin']}"
            point = (date.fromisoformat(claim["as_of"]), int(claim["count"]), str(claim["figure"]))
            found.setdefault(name, []).append(point)
    return {k: sorted(v) for k, v in sorted(found.items())}


def timeline_svg(incident: dict[str, Any]) -> str:
    """The chart for one incident, or an empty string when no figure is dated."""
    lines = series(incident)
    points = [p for pts in lines.values() for p in pts]
    if not points:
        return ""
    first, last = min(p[0] for p in points), max(p[0] for p in points)
    days = max((last - first).days, 1)
    top = max(p[1] for p in points) or 1

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / days

    def y(value: int) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top

    parts = [_axes(first, last, top, x, y)]
    for n, (name, pts) in enumerate(lines.items()):
        parts.append(_line(name, pts, COLOURS[n % len(COLOURS)], n, x, y))
    title = escape(f"Running figures for {incident.get('title', '')}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{title}" class="timeline"><title>{title}</title>{"".join(parts)}</svg>'
    )


def _axes(first: date, last: date, top: int, x: Any, y: Any) -> str:
    base = HEIGHT - BOTTOM
    out = [
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#444"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#444"/>',
    ]
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = round(top * fraction)
        out.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11">{value:,}</text>')
        out.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" stroke="#ddd"/>')
    for day in sorted({first, last}):
        out.append(
            f'<text x="{x(day):.1f}" y="{base + 16}" text-anchor="middle" font-size="11">{day.isoformat()}</text>'
        )
    return "".join(out)


def _line(name: str, pts: list[tuple[date, int, str]], colour: str, n: int, x: Any, y: Any) -> str:
    path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in pts)
    out = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>']
    for d, v, words in pts:
        tip = escape(f"{name}: {words} as of {d.isoformat()}")
        out.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"><title>{tip}</title></circle>')
    legend_y = TOP + 14 * n
    out.append(f'<rect x="{WIDTH - RIGHT + 10}" y="{legend_y}" width="10" height="10" fill="{colour}"/>')
    label = escape(name if len(name) <= LEGEND_CHARS else name[: LEGEND_CHARS - 1] + "…")
    out.append(f'<text x="{WIDTH - RIGHT + 24}" y="{legend_y + 9}" font-size="10">{label}</text>')
    return "".join(out)
