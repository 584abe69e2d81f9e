"""The whole-pipeline schema (development form: replaced by the frozen DDL before release).

Revision ID: 0001
"""

from __future__ import annotations

from alembic import op

from tollbook.storage.tables import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
