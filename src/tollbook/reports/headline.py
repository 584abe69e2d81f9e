"""Which toll entry speaks for an incident in one line (maps, summaries): people killed, incident-wide."""

from __future__ import annotations

from typing import Any

_CATEGORY_ORDER = ("unspecified", "mixed", "civilians", "security_forces", "combatants")


def headline(incident: dict[str, Any]) -> dict[str, Any] | None:
    """The incident-wide "killed" entry of the broadest category, if any."""
    wide = [e for e in incident.get("toll", []) if e["outcome"] == "killed" and not e["group"] and not e["place"]]
    ranked = sorted(wide, key=lambda e: _CATEGORY_ORDER.index(e["category"]) if e["category"] in _CATEGORY_ORDER else 9)
    return ranked[0] if ranked else None


def figure(value: int | None, open_ended: bool = False) -> str:
    """A bound for people: "1,383", "1,501+" (open), "-" (none)."""
    if value is None:
        return "-"
    return f"{value:,}+" if open_ended else f"{value:,}"
