"""Property tests for the audit chain: any history verifies; any single edit is found."""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.access.audit import append_event, verify_chain
from tollbook.storage.tables import audit_events, metadata

event = st.tuples(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["source.add", "claim.review", "incident.merge"]),
    st.dictionaries(st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=20), st.none()), max_size=3),
)


def memory_db() -> sa.Engine:
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    return engine


def record(engine: sa.Engine, events: list[tuple[str, str, dict[str, object]]]) -> None:
    with engine.begin() as conn:
        for actor, action, detail in events:
            append_event(conn, actor=actor, action=action, object_type="x", object_id="1", detail=detail)


@settings(max_examples=40, deadline=None)
@given(st.lists(event, min_size=1, max_size=8))
def test_any_history_verifies(events: list[tuple[str, str, dict[str, object]]]) -> None:
    engine = memory_db()
    record(engine, events)
    with engine.connect() as conn:
        assert verify_chain(conn) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(event, min_size=2, max_size=8), st.data())
def test_any_single_edit_is_found(events: list[tuple[str, str, dict[str, object]]], data: st.DataObject) -> None:
    engine = memory_db()
    record(engine, events)
    seq = data.draw(st.integers(1, len(events)))
    column = data.draw(st.sampled_from(["actor", "action", "detail", "at"]))
    with engine.begin() as conn:
        old = conn.execute(sa.select(audit_events.c[column]).where(audit_events.c.seq == seq)).scalar_one()
        conn.execute(audit_events.update().where(audit_events.c.seq == seq).values({column: old + "~"}))
    with engine.connect() as conn:
        findings = verify_chain(conn)
    assert any(f.seq == seq for f in findings)
