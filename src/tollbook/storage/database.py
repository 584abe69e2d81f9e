"""Opening a casebook: a SQLite file path or a database URL, migrated to the current schema.

SQLite is the default so a researcher needs no server; PostgreSQL serves a team. Both go
through the same SQLAlchemy Core tables and Alembic migrations, so every test runs on both.
Database errors are translated here into :class:`~tollbook.errors.StorageError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from tollbook.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(casebook: str) -> str:
    """A URL for SQLAlchemy: URLs pass through, anything else is a SQLite file path."""
    if "://" in casebook:
        return casebook
    return f"sqlite:///{Path(casebook).expanduser().resolve()}"


def create_engine(casebook: str) -> Engine:
    """An engine with the settings each dialect needs for safe, concurrent use."""
    url = database_url(casebook)
    if url.startswith("sqlite"):
        _check_sqlite_parent(url)
        engine = sa.create_engine(url, connect_args={"timeout": 60})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except (sa.exc.ArgumentError, ImportError) as error:
        raise StorageError(
            f"cannot use casebook URL {url!r}: {error}",
            hint="use a file path, or postgresql+psycopg://USER@HOST:PORT/DB",
        ) from error


def _check_sqlite_parent(url: str) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    if not path.parent.is_dir():
        raise StorageError(
            f"cannot create casebook {path}: folder {path.parent} does not exist",
            hint="create the folder or pass another --casebook path",
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily; we issue BEGIN ourselves (below) so a
    # write transaction takes the lock at its start and two writers cannot interleave.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin_immediate(connection: sa.Connection) -> None:
    # Writers take the database lock when they begin (IMMEDIATE) so the audit chain head
    # is read and advanced by one writer at a time; readers stay lock-free under WAL.
    mode = "IMMEDIATE" if connection.get_execution_options().get("tollbook_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config(sa.create_engine("sqlite://"))).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the casebook to the newest schema; each migration runs in one transaction."""
    if current_revision(engine) == head_revision():
        return
    try:
        command.upgrade(alembic_config(engine), "head")
    except sa.exc.OperationalError as error:
        raise StorageError(
            f"cannot migrate casebook {engine.url!r}: {error.orig}",
            hint="check the path or server, and that you may write to it",
        ) from error
