"""The hash-chained audit log: every write appends an event in the same transaction.

Each event's hash covers its sequence number, time, actor, action, object and detail
plus the previous event's hash, so editing, deleting or reordering any row breaks the
chain from that row on, and ``verify`` can name the first row that no longer fits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tollbook.storage.tables import audit_events, audit_head

GENESIS = "0" * 64


def utc_now() -> str:
    """Timestamps as ISO text so they hash identically on every database."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical_json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, object_type: str, object_id: str | None, detail: str
) -> str:
    payload = canonical_json(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "detail": detail,
        }
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def append_event(
    conn: sa.Connection, *, actor: str, action: str, object_type: str, object_id: str | None, detail: Mapping[str, Any]
) -> str:
    """Append one event after the chain head and advance the head; returns the new hash."""
    head = conn.execute(
        sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1).with_for_update()
    ).one_or_none()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
    at, text = utc_now(), canonical_json(detail)
    digest = event_hash(prev, seq + 1, at, actor, action, object_type, object_id, text)
    conn.execute(
        audit_events.insert().values(
            seq=seq + 1,
            at=at,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=text,
            prev_hash=prev,
            hash=digest,
        )
    )
    if head is None:
        conn.execute(audit_head.insert().values(id=1, seq=seq + 1, hash=digest))
    else:
        conn.execute(audit_head.update().where(audit_head.c.id == 1).values(seq=seq + 1, hash=digest))
    return digest


@dataclass(frozen=True)
class ChainFinding:
    """One place where the stored chain does not match what its hashes promise."""

    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f"audit event {self.seq}" if self.seq is not None else "audit chain"
        return f"{where}: {self.problem}"


def verify_chain(conn: sa.Connection) -> list[ChainFinding]:
    """Recompute every hash; name edited rows, gaps (deleted rows), reorders and a moved head."""
    findings: list[ChainFinding] = []
    expected_seq, prev = 1, GENESIS
    for row in conn.execute(sa.select(audit_events).order_by(audit_events.c.seq)):
        findings.extend(_check_row(row, expected_seq, prev))
        expected_seq, prev = row.seq + 1, row.hash
    findings.extend(_check_head(conn, expected_seq - 1, prev))
    return findings


def _check_row(row: Any, expected_seq: int, prev: str) -> Iterator[ChainFinding]:
    if row.seq != expected_seq:
        yield ChainFinding(row.seq, f"events {expected_seq}..{row.seq - 1} are missing (deleted)")
    if row.prev_hash != prev:
        yield ChainFinding(row.seq, "does not follow the event before it (deleted or reordered rows)")
    recomputed = event_hash(
        row.prev_hash, row.seq, row.at, row.actor, row.action, row.object_type, row.object_id, row.detail
    )
    if recomputed != row.hash:
        yield ChainFinding(
            row.seq,
            f"was edited after it was written ({row.action} on {row.object_type} "
            f"{row.object_id}); its content no longer matches its hash",
        )


def _check_head(conn: sa.Connection, last_seq: int, last_hash: str) -> Iterator[ChainFinding]:
    head = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1)).one_or_none()
    if head is None:
        if last_seq > 0:
            yield ChainFinding(None, "the chain head record is missing")
        return
    if head.seq != last_seq or head.hash != last_hash:
        yield ChainFinding(
            head.seq,
            f"the newest events after {last_seq} were deleted (the head says the chain ends at event {head.seq})",
        )


def iter_events(
    conn: sa.Connection, *, object_type: str | None = None, object_id: str | None = None, limit: int | None = None
) -> list[Any]:
    query = sa.select(audit_events).order_by(audit_events.c.seq.desc())
    if object_type:
        query = query.where(audit_events.c.object_type == object_type)
    if object_id is not None:
        query = query.where(audit_events.c.object_id == object_id)
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query))
