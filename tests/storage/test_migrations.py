"""Migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tollbook.book import Casebook
from tollbook.storage.database import current_revision, head_revision
from tollbook.storage.tables import metadata


def test_migrated_casebook_matches_declared_tables(book: Casebook) -> None:
    assert current_revision(book.engine) == head_revision()
    with book.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_opening_again_is_a_no_op(casebook_url: str) -> None:
    Casebook.open(casebook_url).close()
    again = Casebook.open(casebook_url)
    assert current_revision(again.engine) == head_revision()
    again.close()
