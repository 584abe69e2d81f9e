"""Manual decisions on incidents, kept as data and replayed on every re-proposal.

Grouping is re-run whenever claims change; a person's merge, split, rename, attach or
detach must survive that. Each decision names incidents by their stable keys and claims by
their ids, and :func:`replay` applies them in the order they were made on top of the fresh
proposal. A decision whose incident or claims no longer exist is reported as stale, not lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tollbook.incidents.grouping import Proposal
from tollbook.incidents.incident import Incident, build_incident


class DecisionKind(StrEnum):
    """The five edits a person can make to the proposed incidents."""

    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    ATTACH = "attach"
    DETACH = "detach"


@dataclass(frozen=True)
class Decision:
    """One edit. ``other`` is the absorbed incident (merge) or the new incident's key (split)."""

    kind: DecisionKind
    incident: str
    other: str | None = None
    claim_ids: tuple[int, ...] = ()
    title: str | None = None

    def payload(self) -> dict[str, Any]:
        """The JSON stored in ``incident_decisions.payload``."""
        return {
            "incident": self.incident,
            "other": self.other,
            "claim_ids": list(self.claim_ids),
            "title": self.title,
        }

    @classmethod
    def from_payload(cls, kind: str, payload: Mapping[str, Any]) -> Decision:
        """Rebuild a stored decision."""
        return cls(
            kind=DecisionKind(kind),
            incident=str(payload["incident"]),
            other=payload.get("other"),
            claim_ids=tuple(int(c) for c in payload.get("claim_ids") or ()),
            title=payload.get("title"),
        )


def split_key(incident: str, claim_ids: Iterable[int]) -> str:
    """A content-derived key for the incident a split creates (same split, same key)."""
    raw = f"{incident}|{','.join(str(c) for c in sorted(set(claim_ids)))}"
    return "inc-split-" + hashlib.sha256(raw.encode()).hexdigest()[:10]


@dataclass
class _Draft:
    members: set[int]
    title: str | None = None
    origin: str = "proposed"


@dataclass(frozen=True)
class Replay:
    """The incidents after decisions, plus what could not be applied and what was detached."""

    incidents: tuple[Incident, ...]
    stale: tuple[tuple[Decision, str], ...] = ()
    detached: frozenset[int] = field(default_factory=frozenset)


def replay(proposal: Proposal, decisions: Sequence[Decision]) -> Replay:
    """Apply decisions in order to the proposal and build the final incidents."""
    drafts = {key: _Draft(set(ids)) for key, ids in proposal.clusters.items()}
    detached: set[int] = set()
    stale: list[tuple[Decision, str]] = []
    for decision in decisions:
        problem = _apply(decision, drafts, detached, proposal)
        if problem:
            stale.append((decision, problem))
    incidents = tuple(
        build_incident(key, d.members, proposal.records, title=d.title, origin=d.origin)
        for key, d in sorted(drafts.items())
        if d.members
    )
    return Replay(incidents=incidents, stale=tuple(stale), detached=frozenset(detached))


def _apply(
    decision: Decision,
    drafts: dict[str, _Draft],
    detached: set[int],
    proposal: Proposal,
) -> str | None:
    kind = decision.kind
    if kind is DecisionKind.SPLIT:
        return _split(decision, drafts, proposal)
    if kind is DecisionKind.ATTACH:
        return _attach(decision, drafts, detached, proposal)
    target = drafts.get(decision.incident)
    if target is None:
        return f"incident {decision.incident} no longer exists"
    if kind is DecisionKind.RENAME:
        target.title = decision.title
    elif kind is DecisionKind.MERGE:
        other = drafts.pop(decision.other or "", None)
        if other is None:
            return f"incident {decision.other} no longer exists"
        target.members |= other.members
    else:
        gone = set(decision.claim_ids) & target.members
        target.members -= gone
        detached |= gone
    return None


def _split(decision: Decision, drafts: dict[str, _Draft], proposal: Proposal) -> str | None:
    source = drafts.get(decision.incident)
    if source is None:
        return f"incident {decision.incident} no longer exists"
    moving = set(decision.claim_ids) & source.members
    if not moving:
        return "none of the split claims are in the incident any more"
    source.members -= moving
    drafts[decision.other or split_key(decision.incident, moving)] = _Draft(moving, decision.title, "manual")
    return None


def _attach(
    decision: Decision,
    drafts: dict[str, _Draft],
    detached: set[int],
    proposal: Proposal,
) -> str | None:
    target = drafts.get(decision.incident)
    if target is None:
        return f"incident {decision.incident} no longer exists"
    known = {c for c in decision.claim_ids if c in proposal.records}
    if not known:
        return "none of the attached claims exist any more"
    for draft in drafts.values():
        draft.members -= known
    detached -= known
    target.members |= known
    return None
