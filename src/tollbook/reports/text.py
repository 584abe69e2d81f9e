"""The toll as plain text for the terminal: one block per incident, every figure with its source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollbook.reports.headline import figure


def to_text(incidents: Sequence[dict[str, Any]]) -> str:
    """All incidents, each with its toll table, rules, excluded claims and checks."""
    if not incidents:
        return "No incidents. Run: tollbook incidents propose\n"
    return "\n".join(_incident(i) for i in incidents)


def _incident(inc: dict[str, Any]) -> str:
    places = ", ".join(f"{p['name']} ({p['pcode']})" for p in inc.get("places", [])) or "unknown"
    lines = [
        f"Incident {inc['id']}: {inc['title']}",
        f"  dates {inc.get('start') or '?'} to {inc.get('end') or '?'} | grade {inc.get('grade', '?')}: "
        f"{inc.get('grade_reason', '')}",
        f"  places {places}",
        f"  sources {', '.join(str(s['id']) for s in inc.get('sources', []))}",
        "",
        f"  {'scope':<44} {'low':>9} {'best':>9} {'high':>9}",
    ]
    for entry in inc.get("toll", []):
        lines.append(
            f"  {entry['label']:<44} {figure(entry['low']):>9} {figure(entry['best']):>9} "
            f"{figure(entry['high'], entry.get('high_open', False)):>9}"
        )
        lines.extend(_entry_detail(entry))
    for excluded in inc.get("excluded", []):
        lines.append(
            f"  EXCLUDED claim {excluded['claim_id']} (source {excluded['source_id']}) "
            f'"{_flat(excluded["span"])}": {excluded["reason"]}'
        )
    for found in inc.get("checks", []):
        lines.append(f"  {found['severity'].upper()} {found['kind']}: {found['message']}")
    twins = inc.get("possible_duplicates") or []
    if twins:
        others = ", ".join(str(t) for t in twins)
        lines.append(f"  POSSIBLE DUPLICATE of incident(s) {others}: tollbook incidents merge {inc['id']} OTHER")
    return "\n".join(lines) + "\n"


def _entry_detail(entry: dict[str, Any]) -> list[str]:
    rules = entry.get("rules", {})
    lines = [f"      {name:<4} = {rules[name]['rule']}" for name in ("low", "best", "high") if name in rules]
    for c in entry.get("claims", []):
        state = "current" if c.get("current") else "superseded"
        relay = "" if c.get("independent", True) else ", repeat"
        lines.append(
            f"      - claim {c['claim_id']} / source {c['source_id']}: {c['figure']} ({c['origin']}, "
            f'{c.get("as_of") or "undated"}, {state}{relay}) "{_flat(c["span"])}"'
        )
    return lines


def _flat(text: str) -> str:
    """A span on one line: the source's line breaks are layout, not content."""
    return " ".join(str(text).split())
