"""``book.audit``: reading the audit log and verifying evidence and chain integrity.

``verify`` trusts nothing stored: it recomputes each original's SHA-256 from its bytes,
each extracted text's hash, and the whole audit chain, and names every mismatch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import iter_events, verify_chain
from tollbook.storage.tables import blobs, custody_events, sources

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook


@dataclass(frozen=True)
class VerifyReport:
    """What ``verify`` checked and every finding; ``ok`` only when there are none."""

    originals: int
    audit_events: int
    findings: list[str]

    @property
    def ok(self) -> bool:
        return not self.findings


class AuditPart:
    def __init__(self, book: Casebook) -> None:
        self._book = book

    def events(
        self, *, object_type: str | None = None, object_id: str | None = None, limit: int | None = 50
    ) -> list[dict[str, Any]]:
        """Newest first."""
        with self._book.read() as conn:
            return [
                dict(r._mapping) for r in iter_events(conn, object_type=object_type, object_id=object_id, limit=limit)
            ]

    def verify(self, on_progress: Callable[[int, int], None] | None = None) -> VerifyReport:
        """Recompute every evidence hash and the whole audit chain."""
        with self._book.read() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(blobs)).scalar_one()
            findings = list(self._check_blobs(conn, total, on_progress))
            findings += list(self._check_sources(conn))
            chain = verify_chain(conn)
            events = conn.execute(sa.select(sa.func.count()).select_from(sa.table("audit_events"))).scalar_one()
        return VerifyReport(originals=total, audit_events=events, findings=findings + [str(f) for f in chain])

    @staticmethod
    def _check_blobs(conn: sa.Connection, total: int, on_progress: Callable[[int, int], None] | None) -> Iterator[str]:
        # One blob at a time so a casebook of large originals does not need them all in memory.
        keys = conn.execute(sa.select(blobs.c.sha256).order_by(blobs.c.sha256)).scalars().all()
        for done, key in enumerate(keys, start=1):
            content, size = conn.execute(sa.select(blobs.c.content, blobs.c.size).where(blobs.c.sha256 == key)).one()
            actual = hashlib.sha256(bytes(content)).hexdigest()
            if actual != key:
                yield f"original {key[:12]}… was altered: its bytes now hash to {actual[:12]}…"
            elif len(content) != size:
                yield f"original {key[:12]}… has {len(content)} bytes, {size} were recorded"
            if on_progress:
                on_progress(done, total)

    @staticmethod
    def _check_sources(conn: sa.Connection) -> Iterator[str]:
        known = set(conn.execute(sa.select(blobs.c.sha256)).scalars())
        for row in conn.execute(sa.select(sources.c.id, sources.c.sha256, sources.c.text, sources.c.text_sha256)):
            if row.sha256 not in known:
                yield f"source {row.id}: its original ({row.sha256[:12]}…) was deleted"
            if row.text is not None and hashlib.sha256(row.text.encode()).hexdigest() != row.text_sha256:
                yield f"source {row.id}: its extracted text was edited after intake"
        custody = sa.select(
            custody_events.c.id, custody_events.c.source_id, custody_events.c.sha256, sources.c.sha256.label("expected")
        ).join(sources)
        for row in conn.execute(custody):
            if row.sha256 != row.expected:
                yield f"custody event {row.id} (source {row.source_id}) names a different hash than the source"
