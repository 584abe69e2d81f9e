"""The casebook facade: the one door every write goes through.

``Casebook`` opens the store and exposes one named part per stage (``book.sources``,
``book.claims``, ``book.places``, ``book.incidents``, ``book.victims``, ``book.estimates``,
``book.audit``). The CLI, and later the HTTP API and web UI, call only these parts. Every
write happens inside :meth:`Casebook.write`, which checks the actor's permission, opens one
transaction, and appends hash-chained audit events in that same transaction — so a change
and its audit record land together or not at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tollbook.access.audit import append_event
from tollbook.access.roles import Role, check_permission
from tollbook.errors import StorageError, TollbookError
from tollbook.settings import Settings
from tollbook.storage.database import create_engine, migrate
from tollbook.storage.tables import users

if TYPE_CHECKING:
    from tollbook.book.audit import AuditPart
    from tollbook.book.sources import SourcesPart
    from tollbook.book.users import UsersPart


class WriteScope:
    """One open write transaction: ``conn`` to change data, ``audit`` to record why."""

    def __init__(self, book: Casebook, conn: sa.Connection, role: Role) -> None:
        self.book = book
        self.conn = conn
        self.role = role
        self.events = 0

    def audit(
        self, action: str, object_type: str, object_id: str | int | None, detail: Mapping[str, Any] | None = None
    ) -> None:
        """Record one audited action; permission is checked again per action recorded."""
        check_permission(self.book.actor, self.role, action)
        append_event(
            self.conn,
            actor=self.book.actor,
            action=action,
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            detail=dict(detail or {}),
        )
        self.events += 1


class Casebook:
    """An open casebook. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.actor = settings.resolved_actor()

    @classmethod
    def open(
        cls, casebook: str | Path | None = None, *, actor: str | None = None, settings: Settings | None = None
    ) -> Casebook:
        """Open (creating and migrating if needed) a casebook file or database URL."""
        base = settings or Settings.from_env()
        resolved = replace(base, casebook=str(casebook) if casebook else base.casebook, actor=actor or base.actor)
        engine = create_engine(resolved.casebook)
        try:
            migrate(engine)
        except TollbookError:
            engine.dispose()
            raise
        return cls(engine, resolved)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def role(self) -> Role:
        """The actor's role; a casebook with no users yet is single-user and local: admin."""
        with self.read() as conn:
            row = conn.execute(
                sa.select(users.c.role, users.c.disabled).where(users.c.name == self.actor)
            ).one_or_none()
            anyone = conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()
        if row is not None:
            return Role.VIEWER if row.disabled else Role.parse(row.role)
        return Role.ADMIN if anyone == 0 else Role.VIEWER

    @contextmanager
    def write(self, action: str | None = None) -> Iterator[WriteScope]:
        """Permission check, one transaction, the caller's change, its audit events — in that order."""
        role = self.role
        if action:
            check_permission(self.actor, role, action)
        try:
            with self.engine.connect().execution_options(tollbook_write=True) as conn, conn.begin():
                scope = WriteScope(self, conn, role)
                yield scope
                if scope.events == 0:
                    raise StorageError(
                        "a write recorded no audit event and was rolled back",
                        hint="this is a bug in Tollbook: every write must call scope.audit()",
                    )
        except sa.exc.OperationalError as error:
            raise StorageError(
                f"cannot write to the casebook {self.url}: {error.orig}",
                hint="check the casebook is writable and not locked by another program",
            ) from error

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read-only view (one snapshot for the block's duration)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def summary(self) -> dict[str, int]:
        """Row counts per stage: what this casebook holds."""
        from tollbook.storage import tables as t

        counted = {
            "sources": t.sources,
            "claims": t.claims,
            "incidents": t.incidents,
            "victim lists": t.victim_lists,
            "victim records": t.victim_records,
            "persons": t.persons,
            "estimates": t.estimates,
            "audit events": t.audit_events,
        }
        with self.read() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in counted.items()
            }

    # --- the named parts --------------------------------------------------------------

    @cached_property
    def sources(self) -> SourcesPart:
        from tollbook.book.sources import SourcesPart

        return SourcesPart(self)

    @cached_property
    def audit(self) -> AuditPart:
        from tollbook.book.audit import AuditPart

        return AuditPart(self)

    @cached_property
    def users(self) -> UsersPart:
        from tollbook.book.users import UsersPart

        return UsersPart(self)

    @cached_property
    def claims(self) -> Any:
        return self._part("claims", "ClaimsPart")

    @cached_property
    def places(self) -> Any:
        return self._part("claims", "PlacesPart")

    @cached_property
    def incidents(self) -> Any:
        return self._part("incidents", "IncidentsPart")

    @cached_property
    def victims(self) -> Any:
        return self._part("victims", "VictimsPart")

    @cached_property
    def estimates(self) -> Any:
        return self._part("estimates", "EstimatesPart")

    def _part(self, module: str, cls: str) -> Any:
        # Imported lazily so opening a casebook does not load Splink, statsmodels or numba.
        return getattr(importlib.import_module(f"tollbook.book.{module}"), cls)(self)
