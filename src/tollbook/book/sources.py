"""``book.sources``: evidence intake, provenance, chain of custody and ratings.

Originals are stored byte for byte in ``blobs`` under their SHA-256, inside the casebook
itself, so one file carries the evidence with the analysis. Each source is taken in by one
transaction (blob, source row, custody event, audit event), so an interrupted import
leaves either the whole source or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.errors import InputError, NotFoundError, SourceFileError, TollbookError
from tollbook.sources.intake import PreparedSource, SourceMeta, prepare
from tollbook.storage.tables import blobs, custody_events, source_assessments, sources

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook

RELIABILITY = ("high", "medium", "low", "unknown")


@dataclass(frozen=True)
class AddResult:
    """What happened to one offered file: stored, a duplicate of an existing source, or refused."""

    path: str
    source_id: int | None
    sha256: str | None
    duplicate: bool = False
    error: TollbookError | None = None


def expand_folders(paths: Iterable[str | Path]) -> list[Path]:
    """Folders stand for the files inside them (recursively, hidden files skipped, sorted)."""
    expanded: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            expanded.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            expanded.append(path)
    return expanded


class SourcesPart:
    def __init__(self, book: Casebook) -> None:
        self._book = book

    # --- intake ---------------------------------------------------------------------------

    def add(self, path: str | Path, meta: SourceMeta | None = None, *, encoding: str | None = None) -> AddResult:
        """Take one file in; a duplicate (same bytes) changes nothing and says which source it is."""
        prepared = prepare(
            Path(path), meta or SourceMeta(), encoding=encoding, max_bytes=self._book.settings.max_source_mb * 1_000_000
        )
        existing = self._id_for_hash(prepared.sha256)
        if existing is not None:
            return AddResult(str(path), existing, prepared.sha256, duplicate=True)
        return AddResult(str(path), self._store(prepared, meta or SourceMeta()), prepared.sha256)

    def add_many(
        self,
        paths: Iterable[str | Path],
        meta: SourceMeta | None = None,
        *,
        encoding: str | None = None,
        on_each: Callable[[AddResult], None] | None = None,
    ) -> list[AddResult]:
        """Add several files, one transaction each; a bad file is reported and the rest go on."""
        results = []
        for path in expand_folders(paths):
            try:
                result = self.add(path, meta, encoding=encoding)
            except SourceFileError as error:
                result = AddResult(str(path), None, None, error=error)
            results.append(result)
            if on_each:
                on_each(result)
        return results

    def _id_for_hash(self, sha256: str) -> int | None:
        with self._book.read() as conn:
            return conn.execute(sa.select(sources.c.id).where(sources.c.sha256 == sha256)).scalar_one_or_none()

    def _store(self, prepared: PreparedSource, meta: SourceMeta) -> int:
        actor, now = self._book.actor, utc_now()
        with self._book.write("source.add") as scope:
            conn = scope.conn
            if conn.execute(sa.select(blobs.c.sha256).where(blobs.c.sha256 == prepared.sha256)).first() is None:
                conn.execute(
                    blobs.insert().values(sha256=prepared.sha256, size=len(prepared.content), content=prepared.content)
                )
            source_id = conn.execute(
                sources.insert()
                .values(
                    sha256=prepared.sha256,
                    kind=prepared.kind,
                    title=meta.title or prepared.path.stem,
                    publisher=meta.publisher,
                    url=meta.url,
                    published=meta.published,
                    language=meta.language,
                    confidential=meta.confidential,
                    filename=prepared.path.name,
                    media_type=prepared.media_type,
                    text=prepared.text,
                    text_sha256=prepared.text_sha256,
                    reader=prepared.reader,
                    added_at=now,
                    added_by=actor,
                    extra=meta.extra,
                )
                .returning(sources.c.id)
            ).scalar_one()
            conn.execute(
                custody_events.insert().values(
                    source_id=source_id,
                    at=now,
                    actor=actor,
                    action="received",
                    sha256=prepared.sha256,
                    detail={
                        "filename": prepared.path.name,
                        "size": len(prepared.content),
                        "from": str(prepared.path.resolve()),
                        "reader": prepared.reader,
                    },
                )
            )
            scope.audit(
                "source.add",
                "source",
                source_id,
                {"sha256": prepared.sha256, "filename": prepared.path.name, "kind": prepared.kind},
            )
        return int(source_id)

    # --- reading --------------------------------------------------------------------------

    def list(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        """Every source's metadata (no text, no bytes), oldest first."""
        columns = [c for c in sources.c if c.name not in ("text",)]
        query = sa.select(*columns).order_by(sources.c.id)
        if kind:
            query = query.where(sources.c.kind == kind)
        with self._book.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def get(self, source_id: int) -> dict[str, Any]:
        """One source with its extracted text, custody history and latest assessment."""
        with self._book.read() as conn:
            row = conn.execute(sa.select(sources).where(sources.c.id == source_id)).one_or_none()
            if row is None:
                raise NotFoundError(f"no source {source_id} in this casebook", hint="list them with: tollbook sources")
            custody = conn.execute(
                sa.select(custody_events).where(custody_events.c.source_id == source_id).order_by(custody_events.c.id)
            ).all()
            assessment = self._latest_assessment(conn, source_id)
        return {**dict(row._mapping), "custody": [dict(c._mapping) for c in custody], "assessment": assessment}

    def original(self, source_id: int) -> bytes:
        """The original bytes exactly as received."""
        with self._book.read() as conn:
            content = conn.execute(
                sa.select(blobs.c.content)
                .join(sources, sources.c.sha256 == blobs.c.sha256)
                .where(sources.c.id == source_id)
            ).scalar_one_or_none()
        if content is None:
            raise NotFoundError(f"no source {source_id} in this casebook", hint="list them with: tollbook sources")
        return bytes(content)

    def export_original(self, source_id: int, target: Path) -> Path:
        """Write the original out and log that it left the casebook (custody)."""
        content, record = self.original(source_id), self.get(source_id)
        path = target / record["filename"] if target.is_dir() else target
        path.write_bytes(content)
        with self._book.write("source.export") as scope:
            scope.conn.execute(
                custody_events.insert().values(
                    source_id=source_id,
                    at=utc_now(),
                    actor=self._book.actor,
                    action="exported",
                    sha256=record["sha256"],
                    detail={"to": str(path.resolve())},
                )
            )
            scope.audit("source.export", "source", source_id, {"to": str(path.resolve())})
        return path

    # --- assessments ----------------------------------------------------------------------

    def rate(
        self,
        source_id: int,
        *,
        reliability: str | None = None,
        origin: str | None = None,
        repeats: int | None = None,
        note: str | None = None,
    ) -> None:
        """Record how reliable a source is and whose figures it carries (kept per assessment)."""
        if reliability is not None and reliability not in RELIABILITY:
            raise InputError(f"unknown reliability {reliability!r}", hint=f"choose one of {', '.join(RELIABILITY)}")
        self.get(source_id)
        if repeats is not None:
            self.get(repeats)
        with self._book.write("source.rate") as scope:
            scope.conn.execute(
                source_assessments.insert().values(
                    source_id=source_id,
                    reliability=reliability,
                    origin=origin,
                    repeats_source_id=repeats,
                    note=note,
                    at=utc_now(),
                    actor=self._book.actor,
                )
            )
            scope.audit(
                "source.rate",
                "source",
                source_id,
                {"reliability": reliability, "origin": origin, "repeats": repeats, "note": note},
            )

    def assessments(self) -> dict[int, dict[str, Any]]:
        """The latest assessment of every rated source, by source id."""
        latest: dict[int, dict[str, Any]] = {}
        with self._book.read() as conn:
            for row in conn.execute(sa.select(source_assessments).order_by(source_assessments.c.id)):
                latest[row.source_id] = dict(row._mapping)
        return latest

    @staticmethod
    def _latest_assessment(conn: sa.Connection, source_id: int) -> dict[str, Any] | None:
        row = conn.execute(
            sa.select(source_assessments)
            .where(source_assessments.c.source_id == source_id)
            .order_by(source_assessments.c.id.desc())
            .limit(1)
        ).one_or_none()
        return dict(row._mapping) if row else None
