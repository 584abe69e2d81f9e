"""``book.incidents``: propose incidents from reviewed claims, keep people's decisions, serve tolls.

Every change goes through one path: record the decision (if any), re-run the pure core
(:func:`tollbook.incidents.run`) over the casebook's effective claims with all decisions
replayed, and store the result — membership, places, dates, grade and the worked toll —
in the same transaction, with an audit event. Reads then serve what was stored, so the
toll a person sees is exactly the one the audit log vouches for. After new claims are
extracted or reviewed, ``propose()`` (``tollbook incidents propose``) brings it up to date.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.errors import InputError, NotFoundError
from tollbook.incidents import ClaimRecord, Decision, DecisionKind, Reliability, Result, SourceInfo, run, split_key
from tollbook.places.gazetteer import Gazetteer
from tollbook.records import Category, Claim, Outcome, Place, Qualifier, Span
from tollbook.storage.tables import (
    claim_places,
    claim_reviews,
    claims,
    incident_decisions,
    incident_members,
    incident_places,
    incidents,
    places,
    source_assessments,
    sources,
)

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook

_CORRECTABLE = {"group": "grp", "source": "claimed_by", "place": "place_text"}


class IncidentsPart:
    """Incidents and their reconciled tolls, reached as ``book.incidents``."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    # --- writing ------------------------------------------------------------------------

    def propose(self) -> dict[str, int]:
        """Re-group all effective claims, replaying every decision; safe to run again and again."""
        with self._book.write("incident.propose") as scope:
            summary = _repropose(scope.conn, self._gazetteer())
            scope.audit("incident.propose", "incident", None, summary)
        return summary

    def merge(self, into: int | str, other: int | str) -> int:
        """Merge ``other`` into ``into``; the merge is replayed on every later proposal."""
        return self._decide(DecisionKind.MERGE, into, other=other)

    def split(self, incident: int | str, claim_ids: Sequence[int], title: str | None = None) -> int:
        """Move the given claims out of an incident into a new one; returns the new incident's id."""
        if not claim_ids:
            raise InputError(
                "split needs at least one claim id", hint="see the claims with: tollbook incidents show ID"
            )
        return self._decide(DecisionKind.SPLIT, incident, claim_ids=claim_ids, title=title)

    def rename(self, incident: int | str, title: str) -> int:
        """Give an incident a title of a person's choosing (kept over proposed titles)."""
        if not title.strip():
            raise InputError("the new title is empty", hint="give the title in quotes")
        return self._decide(DecisionKind.RENAME, incident, title=title.strip())

    def attach(self, incident: int | str, claim_ids: Sequence[int]) -> int:
        """Move claims into an incident from wherever they are."""
        return self._decide(DecisionKind.ATTACH, incident, claim_ids=claim_ids)

    def detach(self, incident: int | str, claim_ids: Sequence[int]) -> int:
        """Take claims out of an incident; they stay out on later proposals."""
        return self._decide(DecisionKind.DETACH, incident, claim_ids=claim_ids)

    def rate_source(
        self,
        source_id: int,
        reliability: str | None = None,
        *,
        origin: str | None = None,
        repeats: int | None = None,
        note: str | None = None,
    ) -> None:
        """Rate a source (through ``book.sources``, which keeps assessments) and refresh the tolls."""
        self._book.sources.rate(source_id, reliability=reliability, origin=origin, repeats=repeats, note=note)
        self.propose()

    def _decide(
        self,
        kind: DecisionKind,
        incident: int | str,
        *,
        other: int | str | None = None,
        claim_ids: Sequence[int] = (),
        title: str | None = None,
    ) -> int:
        action = f"incident.{kind.value}"
        with self._book.write(action) as scope:
            conn = scope.conn
            key = _key(conn, incident)
            other_key = _key(conn, other) if other is not None else None
            if kind is DecisionKind.SPLIT:
                other_key = split_key(key, claim_ids)
            _check_claims(conn, claim_ids)
            decision = Decision(kind, key, other=other_key, claim_ids=tuple(claim_ids), title=title)
            conn.execute(
                incident_decisions.insert().values(
                    kind=kind.value, payload=decision.payload(), at=utc_now(), actor=self._book.actor
                )
            )
            summary = _repropose(conn, self._gazetteer())
            target = _id_for_key(conn, other_key if kind is DecisionKind.SPLIT and other_key else key)
            scope.audit(action, "incident", target, {**decision.payload(), "result": summary})
        return target

    def _gazetteer(self) -> Gazetteer:
        """The gazetteer the claims stage resolves places with, to place claims that name none."""
        gazetteer: Gazetteer = self._book.places.gazetteer
        return gazetteer

    # --- reading ------------------------------------------------------------------------

    def list(self) -> list[dict[str, Any]]:
        """Every active incident in the contract shape (see docs/incidents.md)."""
        with self._book.read() as conn:
            rows = conn.execute(
                sa.select(incidents).where(incidents.c.active.is_(True)).order_by(incidents.c.start, incidents.c.id)
            ).all()
            ids = dict(conn.execute(sa.select(incidents.c.key, incidents.c.id)).all())
        return [_stored(row, ids) for row in rows]

    def get(self, incident: int | str) -> dict[str, Any]:
        """One incident (active or not) with its toll, exclusions, checks and grade."""
        with self._book.read() as conn:
            row = conn.execute(sa.select(incidents).where(incidents.c.id == _id(conn, incident))).one()
            ids = dict(conn.execute(sa.select(incidents.c.key, incidents.c.id)).all())
        return _stored(row, ids)

    def toll(self, incident: int | str) -> builtins.list[dict[str, Any]]:
        """The reconciled toll entries of one incident."""
        return list(self.get(incident)["toll"])

    def decisions(self) -> builtins.list[dict[str, Any]]:
        """Every decision made, oldest first."""
        with self._book.read() as conn:
            rows = conn.execute(sa.select(incident_decisions).order_by(incident_decisions.c.id)).all()
        return [dict(r._mapping) for r in rows]

    def catalog(self) -> dict[str, Place]:
        """Gazetteer places stored in the casebook, by p-code (for maps and scope names)."""
        with self._book.read() as conn:
            return _catalog(conn)


# --- the re-proposal, in one transaction ------------------------------------------------


def _repropose(conn: sa.Connection, gazetteer: Gazetteer | None = None) -> dict[str, int]:
    records = read_records(conn, gazetteer)
    stored = conn.execute(sa.select(incidents.c.key, incidents.c.extra)).all()
    previous = {key: frozenset((extra or {}).get("proposed", ())) for key, extra in stored}
    decisions = [
        Decision.from_payload(kind, payload)
        for kind, payload in conn.execute(
            sa.select(incident_decisions.c.kind, incident_decisions.c.payload).order_by(incident_decisions.c.id)
        )
    ]
    result = run(records, decisions, previous={k: v for k, v in previous.items() if v}, catalog=_catalog(conn))
    return _store(conn, result, {key for key, _ in stored})


def _store(conn: sa.Connection, result: Result, existing: set[str]) -> dict[str, int]:
    now = utc_now()
    known_places = set(conn.execute(sa.select(places.c.pcode)).scalars())
    finals = {a.incident.key: a for a in result.assessments}
    duplicates: dict[str, list[str]] = {}
    for s in result.duplicates:
        duplicates.setdefault(s.first, []).append(s.second)
        duplicates.setdefault(s.second, []).append(s.first)
    keys = sorted(set(result.proposal.clusters) | set(finals) | existing)
    conn.execute(incident_members.delete())
    conn.execute(incident_places.delete())
    for key in keys:
        assessment = finals.get(key)
        extra: dict[str, Any] = {"proposed": sorted(result.proposal.clusters.get(key, ()))}
        values: dict[str, Any] = {"active": assessment is not None, "extra": extra}
        if assessment is not None:
            inc = assessment.incident
            extra.update(assessment=assessment.to_json(), duplicates=sorted(duplicates.get(key, [])))
            values.update(
                title=inc.title,
                start=inc.start.isoformat() if inc.start else None,
                end=inc.end.isoformat() if inc.end else None,
                grade=assessment.grading.grade.value,
                origin=inc.origin,
            )
        incident_id = _upsert(conn, key, values, now, key in existing)
        if assessment is not None:
            _store_members(conn, incident_id, assessment.incident, set(extra["proposed"]), known_places)
    stale = len(result.replay.stale)
    return {"incidents": len(finals), "claims": len(result.proposal.records), "stale_decisions": stale}


def _upsert(conn: sa.Connection, key: str, values: dict[str, Any], now: str, exists: bool) -> int:
    if exists:
        conn.execute(incidents.update().where(incidents.c.key == key).values(**values))
        return int(conn.execute(sa.select(incidents.c.id).where(incidents.c.key == key)).scalar_one())
    defaults = {"title": key, "origin": "proposed", "created_at": now}
    inserted = conn.execute(incidents.insert().values(key=key, **{**defaults, **values}).returning(incidents.c.id))
    return int(inserted.scalar_one())


def _store_members(
    conn: sa.Connection, incident_id: int, incident: Any, proposed: set[int], known_places: set[str]
) -> None:
    rows = [
        {"incident_id": incident_id, "claim_id": cid, "origin": "proposed" if cid in proposed else "attached"}
        for cid in sorted(incident.claim_ids)
    ]
    if rows:
        conn.execute(incident_members.insert(), rows)
    pcodes = [{"incident_id": incident_id, "pcode": p.pcode} for p in incident.places if p.pcode in known_places]
    if pcodes:
        conn.execute(incident_places.insert(), pcodes)


def _stored(row: Any, ids: Mapping[str, int]) -> dict[str, Any]:
    extra = row.extra or {}
    data = dict(
        extra.get("assessment")
        or {"key": row.key, "title": row.title, "toll": [], "places": [], "sources": [], "excluded": [], "checks": []}
    )
    data.update(id=row.id, title=row.title, active=bool(row.active), start=row.start, end=row.end)
    data["possible_duplicates"] = [ids[k] for k in extra.get("duplicates", []) if k in ids]
    return data


# --- identifiers ------------------------------------------------------------------------


def _id(conn: sa.Connection, incident: int | str) -> int:
    text = str(incident).strip()
    column = incidents.c.id if text.isdigit() else incidents.c.key
    value: int | str = int(text) if text.isdigit() else text
    found = conn.execute(sa.select(incidents.c.id).where(column == value)).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f"no incident {text} in this casebook", hint="list them with: tollbook incidents")
    return int(found)


def _key(conn: sa.Connection, incident: int | str) -> str:
    return str(conn.execute(sa.select(incidents.c.key).where(incidents.c.id == _id(conn, incident))).scalar_one())


def _id_for_key(conn: sa.Connection, key: str) -> int:
    return _id(conn, key)


def _check_claims(conn: sa.Connection, claim_ids: Iterable[int]) -> None:
    wanted = set(claim_ids)
    found = set(conn.execute(sa.select(claims.c.id).where(claims.c.id.in_(wanted))).scalars()) if wanted else set()
    missing = sorted(wanted - found)
    if missing:
        raise NotFoundError(
            f"no claim {', '.join(map(str, missing))} in this casebook", hint="list claims with: tollbook claims"
        )


# --- reading evidence into the core's records ---------------------------------------------


def read_records(conn: sa.Connection, gazetteer: Gazetteer | None = None) -> list[ClaimRecord]:
    """Effective claims (latest review applied, rejected ones left out) with sources and places.

    With a gazetteer, each claim also carries the places its report names (its context).
    """
    infos = _source_infos(conn)
    contexts = _contexts(conn, gazetteer) if gazetteer is not None else {}
    catalog = _catalog(conn)
    pcodes: dict[int, list[str]] = {}
    for claim_id, pcode in conn.execute(sa.select(claim_places.c.claim_id, claim_places.c.pcode)):
        pcodes.setdefault(claim_id, []).append(pcode)
    reviews = _latest_reviews(conn)
    records = []
    for row in conn.execute(sa.select(claims).order_by(claims.c.id)):
        review = reviews.get(row.id)
        if review is not None and review.decision == "rejected":
            continue
        fields = _claim_fields(row, review.corrected if review is not None else None)
        info, repeated = infos[row.source_id]
        found = tuple(catalog[p] for p in sorted(pcodes.get(row.id, [])) if p in catalog)
        context = contexts.get(row.source_id, ())
        records.append(ClaimRecord(row.id, _claim(row, fields), info, found, repeated, context))
    return records


def _contexts(conn: sa.Connection, gazetteer: Gazetteer) -> dict[int, tuple[Place, ...]]:
    """Places each report names, in text order; datelines in capitals ("DAMASCUS, March 7") left out."""
    found: dict[int, tuple[Place, ...]] = {}
    for source_id, text in conn.execute(sa.select(sources.c.id, sources.c.text)):
        if not text:
            continue
        named = {p.pcode: p for start, end, p in gazetteer.find_in_text(text) if not text[start:end].isupper()}
        found[source_id] = tuple(named.values())
    return found


def _latest_reviews(conn: sa.Connection) -> dict[int, Any]:
    latest: dict[int, Any] = {}
    for review in conn.execute(sa.select(claim_reviews).order_by(claim_reviews.c.id)):
        latest[review.claim_id] = review
    return latest


def _claim_fields(row: Any, corrected: Mapping[str, Any] | None) -> dict[str, Any]:
    fields = {
        "count": row.count,
        "count_max": row.count_max,
        "qualifier": row.qualifier,
        "outcome": row.outcome,
        "category": row.category,
        "grp": row.grp,
        "historical": row.historical,
        "place_text": row.place_text,
        "date": row.date,
        "claimed_by": row.claimed_by,
        "perpetrator": row.perpetrator,
    }
    for name, value in (corrected or {}).items():
        column = _CORRECTABLE.get(name, name)
        if column in fields:
            fields[column] = value
    return fields


def _claim(row: Any, f: Mapping[str, Any]) -> Claim:
    return Claim(
        count=int(f["count"]),
        qualifier=Qualifier(f["qualifier"]),
        outcome=Outcome(f["outcome"]),
        category=Category(f["category"]),
        span=Span(row.start, row.end, row.span),
        count_max=None if f["count_max"] is None else int(f["count_max"]),
        group=f["grp"],
        historical=bool(f["historical"]),
        place=tuple(f["place_text"] or ()),
        date=f["date"],
        source=f["claimed_by"],
        perpetrator=f["perpetrator"],
    )


def _source_infos(conn: sa.Connection) -> dict[int, tuple[SourceInfo, str | None]]:
    latest: dict[int, Any] = {}
    for assessment in conn.execute(sa.select(source_assessments).order_by(source_assessments.c.id)):
        latest[assessment.source_id] = assessment
    rows = {
        r.id: r
        for r in conn.execute(
            sa.select(
                sources.c.id,
                sources.c.title,
                sources.c.publisher,
                sources.c.published,
                sources.c.kind,
                sources.c.sha256,
            )
        )
    }
    infos: dict[int, tuple[SourceInfo, str | None]] = {}
    for sid, row in rows.items():
        rated = latest.get(sid)
        repeats = rated.repeats_source_id if rated is not None else None
        info = SourceInfo(
            id=sid,
            title=row.title,
            publisher=row.publisher,
            published=row.published,
            kind=row.kind,
            reliability=Reliability((rated.reliability if rated is not None else None) or "unknown"),
            origin=rated.origin if rated is not None else None,
            repeats=repeats,
            fingerprint=row.sha256,
        )
        repeated = None
        if repeats is not None and repeats in rows:
            other = latest.get(repeats)
            repeated = (other.origin if other is not None else None) or rows[repeats].publisher
        infos[sid] = (info, repeated)
    return infos


def _catalog(conn: sa.Connection) -> dict[str, Place]:
    return {
        r.pcode: Place(
            pcode=r.pcode,
            name_en=r.name_en,
            level=r.level,
            name_ar=r.name_ar,
            parent_pcode=r.parent_pcode,
            ancestors=tuple(r.ancestors or ()),
            lat=r.lat,
            lon=r.lon,
        )
        for r in conn.execute(sa.select(places))
    }
