"""The casebook schema for the whole pipeline, as SQLAlchemy Core tables.

Designed once so each stage adds behaviour, not a new data model. Principles:
* originals are immutable and content-addressed (``blobs`` keyed by SHA-256);
* human decisions (claim reviews, incident edits, link decisions) are rows of their own,
  never overwrites of machine output, so a re-run can respect them and the audit can show them;
* every published number can be traced: toll entries -> claims -> spans -> sources -> blobs;
* estimates keep method, parameters, seed and data hash so they can be reproduced.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

# --- access: users and the audit chain -------------------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # viewer | researcher | reviewer | admin
    Column("password_hash", String(300)),  # argon2; null for local-only actors
    Column("created_at", String(40), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),  # ISO 8601 UTC, hashed as text
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("object_type", String(50), nullable=False),
    Column("object_id", String(100)),
    Column("detail", Text, nullable=False),  # canonical JSON, hashed as text
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

# One row holding the chain head; updating it in every write serialises writers, so two
# concurrent transactions cannot fork the chain (row lock on PostgreSQL, file lock on SQLite).
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

# --- sources and evidence ----------------------------------------------------------------

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),  # article | report | list | testimony
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", String(32)),  # ISO 8601 date or partial date as given
    Column("language", String(16)),
    Column("confidential", Boolean, nullable=False, default=False),
    Column("filename", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("text", Text),  # extracted text that claims' spans point into
    Column("text_sha256", String(64)),
    Column("reader", String(100)),  # which reader (and version) produced ``text``
    Column("added_at", String(40), nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("extra", JSON, nullable=False, default=dict),
)

custody_events = Table(
    "custody_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),  # received | text-extracted | re-offered | exported | ...
    Column("sha256", String(64), nullable=False),
    Column("detail", JSON, nullable=False, default=dict),
)

# How far a source can be trusted and whom it repeats (a wire quoting a monitor is not a
# second witness). Kept per assessment so a change of mind is visible.
source_assessments = Table(
    "source_assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("reliability", String(20)),  # high | medium | low | unknown
    Column("origin", Text),  # the body whose figures this source carries (normalised name)
    Column("repeats_source_id", Integer, ForeignKey("sources.id")),
    Column("note", Text),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)

# --- claims and places ---------------------------------------------------------------------

places = Table(
    "places",
    metadata,
    Column("pcode", String(32), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text),
    Column("level", Integer, nullable=False),
    Column("parent_pcode", String(32)),
    Column("ancestors", JSON, nullable=False, default=list),
    Column("lat", Float),
    Column("lon", Float),
    Column("gazetteer", String(100), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("span", Text, nullable=False),
    Column("count", BigInteger, nullable=False),
    Column("count_max", BigInteger),
    Column("qualifier", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("category", String(20), nullable=False),
    Column("grp", Text),  # victim group ("group" is an SQL keyword)
    Column("historical", Boolean, nullable=False, default=False),
    Column("place_text", JSON, nullable=False, default=list),
    Column("date", String(40)),  # ISO 8601 date, month or interval as extracted
    Column("claimed_by", Text),  # the body the text credits
    Column("perpetrator", Text),
    Column("extractor", String(100), nullable=False),  # name and version
    Column("fingerprint", String(64), nullable=False),  # source + span + count + outcome: re-runs upsert
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("fingerprint", name="uq_claims_fingerprint"),
)

claim_places = Table(
    "claim_places",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("pcode", String(32), ForeignKey("places.pcode"), primary_key=True),
    Column("text", Text, nullable=False),
    Column("score", Float, nullable=False, default=1.0),
)

claim_reviews = Table(
    "claim_reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("decision", String(20), nullable=False),  # accepted | corrected | rejected
    Column("corrected", JSON),  # the fields as the reviewer says they should read
    Column("note", Text),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)

# --- incidents -----------------------------------------------------------------------------

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),  # stable across re-proposals
    Column("title", Text, nullable=False),
    Column("start", String(32)),
    Column("end", String(32)),
    Column("grade", String(20)),  # confirmed | fair | weak | contested | discounted
    Column("origin", String(20), nullable=False),  # proposed | manual
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", String(40), nullable=False),
    Column("extra", JSON, nullable=False, default=dict),
)

incident_members = Table(
    "incident_members",
    metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id"), primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("origin", String(20), nullable=False),  # proposed | attached
)

incident_places = Table(
    "incident_places",
    metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id"), primary_key=True),
    Column("pcode", String(32), ForeignKey("places.pcode"), primary_key=True),
)

incident_decisions = Table(
    "incident_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # merge | split | rename | attach | detach
    Column("payload", JSON, nullable=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)

# --- victims and linkage -------------------------------------------------------------------

victim_lists = Table(
    "victim_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("mapping", JSON, nullable=False, default=dict),
    Column("imported_at", String(40), nullable=False),
)

victim_records = Table(
    "victim_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, ForeignKey("victim_lists.id"), nullable=False, index=True),
    Column("record_id", String(200), nullable=False),
    Column("line", Integer, nullable=False),
    Column("name", Text),
    Column("given_name", Text),
    Column("father_name", Text),
    Column("family_name", Text),
    Column("sex", String(10)),
    Column("age", Integer),
    Column("birth_year", Integer),
    Column("birth_date", String(10)),  # ISO, partial allowed: 1990, 1990-05, 1990-05-17
    Column("date_of_death", String(10)),
    Column("place", Text),
    Column("pcode", String(32)),
    Column("status", String(20)),  # civilian | security_forces | combatant | unknown
    Column("extra", JSON, nullable=False, default=dict),
    UniqueConstraint("list_id", "record_id", name="uq_victim_records_list_record"),
)

link_runs = Table(
    "link_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("engine", String(20), nullable=False),
    Column("model", JSON, nullable=False),  # the Splink settings with trained parameters
    Column("threshold", Float, nullable=False),
    Column("params", JSON, nullable=False, default=dict),
    Column("stats", JSON, nullable=False, default=dict),
    Column("created_at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("link_runs.id"), nullable=False, index=True),
    Column("label", Text),  # a display name chosen from its records
    Column("size", Integer, nullable=False),
)

person_records = Table(
    "person_records",
    metadata,
    Column("person_id", Integer, ForeignKey("persons.id"), primary_key=True),
    Column("record_id", Integer, ForeignKey("victim_records.id"), primary_key=True),
)

review_queue = Table(
    "review_queue",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("link_runs.id"), nullable=False, index=True),
    Column("record_a", Integer, ForeignKey("victim_records.id"), nullable=False),
    Column("record_b", Integer, ForeignKey("victim_records.id"), nullable=False),
    Column("probability", Float, nullable=False),
    Column("status", String(20), nullable=False, default="open"),  # open | decided
)

link_decisions = Table(
    "link_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_a", Integer, ForeignKey("victim_records.id"), nullable=False),
    Column("record_b", Integer, ForeignKey("victim_records.id"), nullable=False),
    Column("decision", String(20), nullable=False),  # match | non-match
    Column("note", Text),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)
Index("ix_link_decisions_pair", link_decisions.c.record_a, link_decisions.c.record_b)

# --- estimates -----------------------------------------------------------------------------

estimates = Table(
    "estimates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("method", String(20), nullable=False),
    Column("params", JSON, nullable=False),
    Column("seed", BigInteger),
    Column("data_hash", String(64), nullable=False),
    Column("data", JSON, nullable=False),  # the capture table itself, so the run can be repeated
    Column("software", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
)
