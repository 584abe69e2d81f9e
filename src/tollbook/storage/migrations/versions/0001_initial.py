"""The whole-pipeline schema: sources and custody, claims and places, incidents, victims and
persons, estimates, users and the audit chain (explicit DDL, frozen: later changes are new
revisions, so a casebook made with this one upgrades in place).

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("object_type", sa.String(length=50), nullable=False),
        sa.Column("object_id", sa.String(length=100), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_events_hash")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.Column("data_hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("software", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_estimates")),
    )
    op.create_table(
        "incident_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_decisions")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start", sa.String(length=32), nullable=True),
        sa.Column("end", sa.String(length=32), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("key", name=op.f("uq_incidents_key")),
    )
    op.create_table(
        "link_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=20), nullable=False),
        sa.Column("model", sa.JSON(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_runs")),
    )
    op.create_table(
        "places",
        sa.Column("pcode", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent_pcode", sa.String(length=32), nullable=True),
        sa.Column("ancestors", sa.JSON(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("gazetteer", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("pcode", name=op.f("pk_places")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "incident_places",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("pcode", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_places_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(["pcode"], ["places.pcode"], name=op.f("fk_incident_places_pcode_places")),
        sa.PrimaryKeyConstraint("incident_id", "pcode", name=op.f("pk_incident_places")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["link_runs.id"], name=op.f("fk_persons_run_id_link_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_index(op.f("ix_persons_run_id"), "persons", ["run_id"], unique=False)
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=True),
        sa.Column("reader", sa.String(length=100), nullable=True),
        sa.Column("added_at", sa.String(length=40), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name=op.f("fk_sources_sha256_blobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sources_sha256")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("span", sa.Text(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("count_max", sa.BigInteger(), nullable=True),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("grp", sa.Text(), nullable=True),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("place_text", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(length=40), nullable=True),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.Column("perpetrator", sa.Text(), nullable=True),
        sa.Column("extractor", sa.String(length=100), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_claims_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("fingerprint", name="uq_claims_fingerprint"),
    )
    op.create_index(op.f("ix_claims_source_id"), "claims", ["source_id"], unique=False)
    op.create_table(
        "custody_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_custody_events_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_events")),
    )
    op.create_index(op.f("ix_custody_events_source_id"), "custody_events", ["source_id"], unique=False)
    op.create_table(
        "source_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=20), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("repeats_source_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["repeats_source_id"], ["sources.id"], name=op.f("fk_source_assessments_repeats_source_id_sources")
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_source_assessments_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_assessments")),
    )
    op.create_index(op.f("ix_source_assessments_source_id"), "source_assessments", ["source_id"], unique=False)
    op.create_table(
        "victim_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_victim_lists_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_victim_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_victim_lists_name")),
    )
    op.create_table(
        "claim_places",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("pcode", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_places_claim_id_claims")),
        sa.ForeignKeyConstraint(["pcode"], ["places.pcode"], name=op.f("fk_claim_places_pcode_places")),
        sa.PrimaryKeyConstraint("claim_id", "pcode", name=op.f("pk_claim_places")),
    )
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("corrected", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_reviews_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_reviews")),
    )
    op.create_index(op.f("ix_claim_reviews_claim_id"), "claim_reviews", ["claim_id"], unique=False)
    op.create_table(
        "incident_members",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_incident_members_claim_id_claims")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_members_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("incident_id", "claim_id", name=op.f("pk_incident_members")),
    )
    op.create_table(
        "victim_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("given_name", sa.Text(), nullable=True),
        sa.Column("father_name", sa.Text(), nullable=True),
        sa.Column("family_name", sa.Text(), nullable=True),
        sa.Column("sex", sa.String(length=10), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_date", sa.String(length=10), nullable=True),
        sa.Column("date_of_death", sa.String(length=10), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("pcode", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["victim_lists.id"], name=op.f("fk_victim_records_list_id_victim_lists")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_victim_records")),
        sa.UniqueConstraint("list_id", "record_id", name="uq_victim_records_list_record"),
    )
    op.create_index(op.f("ix_victim_records_list_id"), "victim_records", ["list_id"], unique=False)
    op.create_table(
        "link_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_a", sa.Integer(), nullable=False),
        sa.Column("record_b", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_a"], ["victim_records.id"], name=op.f("fk_link_decisions_record_a_victim_records")
        ),
        sa.ForeignKeyConstraint(
            ["record_b"], ["victim_records.id"], name=op.f("fk_link_decisions_record_b_victim_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_decisions")),
    )
    op.create_index("ix_link_decisions_pair", "link_decisions", ["record_a", "record_b"], unique=False)
    op.create_table(
        "person_records",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_person_records_person_id_persons")),
        sa.ForeignKeyConstraint(
            ["record_id"], ["victim_records.id"], name=op.f("fk_person_records_record_id_victim_records")
        ),
        sa.PrimaryKeyConstraint("person_id", "record_id", name=op.f("pk_person_records")),
    )
    op.create_table(
        "review_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("record_a", sa.Integer(), nullable=False),
        sa.Column("record_b", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_a"], ["victim_records.id"], name=op.f("fk_review_queue_record_a_victim_records")
        ),
        sa.ForeignKeyConstraint(
            ["record_b"], ["victim_records.id"], name=op.f("fk_review_queue_record_b_victim_records")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["link_runs.id"], name=op.f("fk_review_queue_run_id_link_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_queue")),
    )
    op.create_index(op.f("ix_review_queue_run_id"), "review_queue", ["run_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_queue_run_id"), table_name="review_queue")
    op.drop_table("review_queue")
    op.drop_table("person_records")
    op.drop_index("ix_link_decisions_pair", table_name="link_decisions")
    op.drop_table("link_decisions")
    op.drop_index(op.f("ix_victim_records_list_id"), table_name="victim_records")
    op.drop_table("victim_records")
    op.drop_table("incident_members")
    op.drop_index(op.f("ix_claim_reviews_claim_id"), table_name="claim_reviews")
    op.drop_table("claim_reviews")
    op.drop_table("claim_places")
    op.drop_table("victim_lists")
    op.drop_index(op.f("ix_source_assessments_source_id"), table_name="source_assessments")
    op.drop_table("source_assessments")
    op.drop_index(op.f("ix_custody_events_source_id"), table_name="custody_events")
    op.drop_table("custody_events")
    op.drop_index(op.f("ix_claims_source_id"), table_name="claims")
    op.drop_table("claims")
    op.drop_table("sources")
    op.drop_index(op.f("ix_persons_run_id"), table_name="persons")
    op.drop_table("persons")
    op.drop_table("incident_places")
    op.drop_table("users")
    op.drop_table("places")
    op.drop_table("link_runs")
    op.drop_table("incidents")
    op.drop_table("incident_decisions")
    op.drop_table("estimates")
    op.drop_table("blobs")
    op.drop_table("audit_head")
    op.drop_table("audit_events")
