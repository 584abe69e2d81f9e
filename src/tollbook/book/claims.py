"""``book.claims`` and ``book.places``: claims stored from sources, reviewed as data; the gazetteer.

Extraction is re-runnable: each claim carries a fingerprint of its source, span, count and
outcome, so a second run adds only what is new and never duplicates or overwrites. When a newer
extractor reads a source differently, the older version's unreviewed claims that it no longer
finds are retired as data: a ``rejected`` review by the actor ``extractor`` noted "superseded"
(so every reader of effective claims leaves them out); claims a person reviewed are never
touched, and a new reading that overlaps a reviewed claim is not added beside it. A human
review (accept, correct, reject) is a row of ``claim_reviews``; the latest one is what the
incidents stage applies, and the earlier ones stay as the history of the decision.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.errors import InputError, NotFoundError
from tollbook.extraction import Extractor, RuleExtractor
from tollbook.places import Gazetteer, default_gazetteer
from tollbook.records import Category, Claim, Outcome, Place, Qualifier
from tollbook.storage.tables import claim_places, claim_reviews, claims, places, sources

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook

DECISIONS = ("accepted", "corrected", "rejected")
EXTRACTOR_ACTOR = "extractor"  # the actor of retirements and restorations, never a person's review
SUPERSEDED = "superseded"
# Public field name -> claims column (the incidents stage reads corrections by these names).
CORRECTABLE = {
    "count": "count", "count_max": "count_max", "qualifier": "qualifier", "outcome": "outcome",
    "category": "category", "group": "grp", "historical": "historical", "place": "place_text",
    "date": "date", "source": "claimed_by", "perpetrator": "perpetrator",
}  # fmt: skip


@dataclass(frozen=True)
class ExtractSummary:
    """What one ``extract`` run did to one source."""

    source_id: int
    found: int
    added: int
    existing: int
    retired: int = 0


class ClaimsPart:
    """Extract claims from the casebook's sources, list them, and record reviews."""

    def __init__(self, book: Casebook, extractor: Extractor | None = None) -> None:
        self._book = book
        self._extractor = extractor

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = RuleExtractor(self._book.places.gazetteer)
        return self._extractor

    # --- extraction -----------------------------------------------------------------------

    def extract(self, source_ids: Sequence[int] | None = None) -> list[ExtractSummary]:
        """Extract from the given sources (all sources with text when None); safe to re-run."""
        with self._book.read() as conn:
            query = sa.select(sources.c.id, sources.c.text, sources.c.published).order_by(sources.c.id)
            if source_ids is not None:
                query = query.where(sources.c.id.in_(list(source_ids)))
            rows = conn.execute(query).all()
        missing = sorted(set(source_ids or ()) - {row.id for row in rows})
        if missing:
            raise NotFoundError(
                f"no source {', '.join(map(str, missing))} in this casebook", hint="list sources with: tollbook sources"
            )
        return [self._extract_one(row.id, row.text, row.published) for row in rows if row.text]

    def _extract_one(self, source_id: int, text: str, published: str | None) -> ExtractSummary:
        found = self.extractor.extract(text, published=published)
        label = self.extractor.label
        with self._book.write("claim.extract") as w:
            stored = _stored_claims(w.conn, source_id)
            reviewed = [row for row in stored.values() if row.human_review and row.live]
            added, current = 0, set()
            for claim in found:
                fingerprint = _fingerprint(source_id, claim)
                current.add(fingerprint)
                if fingerprint in stored:
                    self._restore(w.conn, stored[fingerprint], label)
                elif not any(_overlaps(claim, row) for row in reviewed):
                    added += self._store(w.conn, source_id, claim, fingerprint)
            retired = self._retire(w.conn, stored, current, label)
            detail = {"extractor": label, "found": len(found), "added": added, "retired": retired}
            w.audit("claim.extract", "source", source_id, detail)
        return ExtractSummary(source_id, len(found), added, len(found) - added, retired)

    def _store(self, conn: sa.Connection, source_id: int, claim: Claim, fingerprint: str) -> int:
        values = _claim_values(claim)
        values.update(
            source_id=source_id, extractor=self.extractor.label, fingerprint=fingerprint, created_at=utc_now()
        )
        claim_id = conn.execute(sa.insert(claims).values(**values).returning(claims.c.id)).scalar_one()
        self._link_places(conn, claim_id, claim.place)
        return 1

    def _retire(self, conn: sa.Connection, stored: Mapping[str, _StoredClaim], current: set[str], label: str) -> int:
        """Older extractors' unreviewed claims this run no longer finds: superseded, as a review row."""
        retired = 0
        for fingerprint, row in stored.items():
            if fingerprint in current or row.human_review or not row.live or row.extractor == label:
                continue
            _machine_review(conn, row.id, "rejected", f"{SUPERSEDED} by {label}")
            retired += 1
        return retired

    def _restore(self, conn: sa.Connection, row: _StoredClaim, label: str) -> None:
        """A claim retired by an earlier run that this extractor finds again comes back."""
        if not row.live and not row.human_review:
            _machine_review(conn, row.id, "restored", f"found again by {label}")

    def _link_places(self, conn: sa.Connection, claim_id: int, written: Sequence[str]) -> None:
        linked: set[str] = set()
        for name in written:
            place = self._book.places.resolve(name)
            if place is None or place.pcode in linked:
                continue
            self._book.places.ensure(conn, place)
            conn.execute(sa.insert(claim_places).values(claim_id=claim_id, pcode=place.pcode, text=name, score=1.0))
            linked.add(place.pcode)

    # --- reading --------------------------------------------------------------------------

    def list(self, *, source_id: int | None = None, include_rejected: bool = True) -> list[dict[str, Any]]:
        """Claims as extracted, each with its latest review decision ("unreviewed" when none)."""
        with self._book.read() as conn:
            query = sa.select(claims).order_by(claims.c.id)
            if source_id is not None:
                query = query.where(claims.c.source_id == source_id)
            rows = conn.execute(query).all()
            latest = _latest_reviews(conn)
        items = [_public(row, latest.get(row.id)) for row in rows]
        return [i for i in items if include_rejected or i["review"] not in ("rejected", SUPERSEDED)]

    def get(self, claim_id: int) -> dict[str, Any]:
        """One claim with its whole review history, oldest first, and its resolved places."""
        with self._book.read() as conn:
            row = conn.execute(sa.select(claims).where(claims.c.id == claim_id)).one_or_none()
            if row is None:
                raise NotFoundError(f"no claim {claim_id} in this casebook", hint="list claims with: tollbook claims")
            history = conn.execute(
                sa.select(claim_reviews).where(claim_reviews.c.claim_id == claim_id).order_by(claim_reviews.c.id)
            ).all()
            linked = conn.execute(sa.select(claim_places).where(claim_places.c.claim_id == claim_id)).all()
        item = _public(row, history[-1] if history else None)
        item["reviews"] = [dict(r._mapping) for r in history]
        item["places"] = [{"pcode": p.pcode, "text": p.text} for p in linked]
        return item

    # --- review ---------------------------------------------------------------------------

    def review(
        self, claim_id: int, decision: str, corrected: Mapping[str, Any] | None = None, note: str | None = None
    ) -> int:
        """Record a review as a new row (never an overwrite); returns the review's id."""
        if decision not in DECISIONS:
            raise InputError(f"unknown decision {decision!r}", hint=f"choose one of: {', '.join(DECISIONS)}")
        fields = parse_corrections(corrected or {})
        if decision == "corrected" and not fields:
            raise InputError("a correction needs at least one FIELD=VALUE", hint="e.g. --correct count=12")
        if decision != "corrected" and fields:
            raise InputError(f"a review that is {decision} takes no corrections", hint="use --correct alone")
        with self._book.write("claim.review") as w:
            if w.conn.execute(sa.select(claims.c.id).where(claims.c.id == claim_id)).first() is None:
                raise NotFoundError(f"no claim {claim_id} in this casebook", hint="list claims with: tollbook claims")
            values = {
                "claim_id": claim_id,
                "decision": decision,
                "corrected": fields or None,
                "note": note,
                "at": utc_now(),
                "actor": self._book.actor,
            }
            review_id = w.conn.execute(
                sa.insert(claim_reviews).values(**values).returning(claim_reviews.c.id)
            ).scalar_one()
            w.audit("claim.review", "claim", claim_id, {"decision": decision, "corrected": fields, "note": note})
        return int(review_id)


class PlacesPart:
    """The gazetteer behind place resolution, and the casebook's copy of the places it used."""

    def __init__(self, book: Casebook, gazetteer: Gazetteer | None = None) -> None:
        self._book = book
        self.gazetteer = gazetteer or default_gazetteer()

    def resolve(self, name: str) -> Place | None:
        """The place a written name means (Tartous/Tartus, Baniyas/Banyas, Jableh/Jablah), or None."""
        return self.gazetteer.resolve(name)

    def get(self, pcode: str) -> Place:
        return self.gazetteer.get(pcode)

    def ancestors(self, pcode: str) -> list[Place]:
        """The units containing the place, nearest first."""
        return self.gazetteer.ancestors(pcode)

    def find(self, name: str) -> list[Place]:
        """The place ``name`` resolves to, then places whose name contains it; for looking up by hand."""
        return self.gazetteer.search(name)

    def list(self, *, level: int | None = None) -> list[Place]:
        return [p for p in self.gazetteer if level is None or p.level == level]

    def ensure(self, conn: sa.Connection, place: Place) -> None:
        """Keep a copy of a place (and its ancestors) in the casebook so claims can point at it."""
        for item in (place, *self.gazetteer.ancestors(place)):
            if conn.execute(sa.select(places.c.pcode).where(places.c.pcode == item.pcode)).first():
                continue
            conn.execute(sa.insert(places).values(
                pcode=item.pcode, name_en=item.name_en, name_ar=item.name_ar, level=item.level,
                parent_pcode=item.parent_pcode, ancestors=list(item.ancestors), lat=item.lat, lon=item.lon,
                gazetteer=self.gazetteer.name,
            ))  # fmt: skip


def parse_corrections(corrected: Mapping[str, Any]) -> dict[str, Any]:
    """Check and type reviewer corrections (``count=12``, ``place=Banyas;Jableh``, ``historical=true``)."""
    typed: dict[str, Any] = {}
    for name, value in corrected.items():
        if name not in CORRECTABLE:
            raise InputError(f"cannot correct field {name!r}", hint=f"correctable fields: {', '.join(CORRECTABLE)}")
        typed[name] = _typed(name, value)
    return typed


def _typed(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if name in ("count", "count_max"):
            return None if text.lower() in ("", "null", "none") and name == "count_max" else int(text.replace(",", ""))
        if name == "historical":
            return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}[text.lower()]
        enums = {"qualifier": Qualifier, "outcome": Outcome, "category": Category}
        if name in enums:
            return enums[name](text).value
    except (ValueError, KeyError):
        raise InputError(f"{name}={value!r} is not a valid value", hint=_choices(name)) from None
    if name == "place":
        return [p.strip() for p in text.replace("|", ";").split(";") if p.strip()]
    return None if text.lower() in ("", "null", "none") else text


def _choices(name: str) -> str:
    enums = {"qualifier": Qualifier, "outcome": Outcome, "category": Category}
    if name in enums:
        return f"{name} is one of: {', '.join(e.value for e in enums[name])}"
    if name == "historical":
        return "historical is true or false"
    return f"{name} is a whole number"


@dataclass(frozen=True)
class _StoredClaim:
    id: int
    start: int
    end: int
    extractor: str
    human_review: bool  # a person reviewed it: extraction never touches it again
    live: bool  # not rejected by its latest review


def _stored_claims(conn: sa.Connection, source_id: int) -> dict[str, _StoredClaim]:
    rows = conn.execute(sa.select(claims).where(claims.c.source_id == source_id)).all()
    reviews = conn.execute(
        sa.select(claim_reviews)
        .where(claim_reviews.c.claim_id.in_([row.id for row in rows]))
        .order_by(claim_reviews.c.id)
    ).all()
    human = {r.claim_id for r in reviews if r.actor != EXTRACTOR_ACTOR}
    latest = {r.claim_id: r.decision for r in reviews}
    return {
        row.fingerprint: _StoredClaim(
            row.id, row.start, row.end, row.extractor, row.id in human, latest.get(row.id) != "rejected"
        )
        for row in rows
    }


def _overlaps(claim: Claim, row: _StoredClaim) -> bool:
    return claim.span.start < row.end and row.start < claim.span.end


def _machine_review(conn: sa.Connection, claim_id: int, decision: str, note: str) -> None:
    values = {"claim_id": claim_id, "decision": decision, "note": note, "at": utc_now(), "actor": EXTRACTOR_ACTOR}
    conn.execute(sa.insert(claim_reviews).values(**values))


def _fingerprint(source_id: int, claim: Claim) -> str:
    key = f"{source_id}|{claim.span.start}|{claim.span.end}|{claim.count}|{claim.count_max}|{claim.outcome.value}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _claim_values(claim: Claim) -> dict[str, Any]:
    return {
        "start": claim.span.start, "end": claim.span.end, "span": claim.span.text, "count": claim.count,
        "count_max": claim.count_max, "qualifier": claim.qualifier.value, "outcome": claim.outcome.value,
        "category": claim.category.value, "grp": claim.group, "historical": claim.historical,
        "place_text": list(claim.place), "date": claim.date, "claimed_by": claim.source,
        "perpetrator": claim.perpetrator,
    }  # fmt: skip


def _latest_reviews(conn: sa.Connection) -> dict[int, Any]:
    latest: dict[int, Any] = {}
    for review in conn.execute(sa.select(claim_reviews).order_by(claim_reviews.c.id)):
        latest[review.claim_id] = review
    return latest


def _review_status(review: Any) -> str:
    """ "unreviewed", a person's decision, or "superseded" when a newer extractor retired the claim."""
    if review is None or (review.actor == EXTRACTOR_ACTOR and review.decision == "restored"):
        return "unreviewed"
    if review.actor == EXTRACTOR_ACTOR and review.decision == "rejected":
        return SUPERSEDED
    return str(review.decision)


def _public(row: Any, review: Any) -> dict[str, Any]:
    """A stored claim under its public field names, the latest correction applied."""
    item = {"id": row.id, "source_id": row.source_id}
    for name, column in CORRECTABLE.items():
        item[name] = getattr(row, column)
    if review is not None and review.decision == "corrected":
        item.update(review.corrected or {})
    item.update(
        span=row.span,
        start=row.start,
        end=row.end,
        extractor=row.extractor,
        review=_review_status(review),
    )
    return item
