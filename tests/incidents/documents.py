"""Hand-written reports and a small gazetteer for the incidents tests (our own sentences).

``Desk`` hands out sources and claims the way the casebook would: each claim's span is
found in its report's text, so spans are real substrings with real offsets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.incidents import ClaimRecord, Reliability, SourceInfo
from tollbook.records import Category, Claim, Outcome, Place, Qualifier, Span
from tollbook.sources.intake import SourceMeta
from tollbook.storage import tables

SYRIA = Place("SY", "Syria", 0)
COAST = Place("SYCOAST", "Syrian coast", 1, ancestors=("SY",), lat=35.2, lon=35.95)
LATAKIA = Place("SY06", "Latakia", 1, ancestors=("SYCOAST", "SY"), lat=35.52, lon=35.79)
TARTUS = Place("SY10", "Tartus", 1, ancestors=("SYCOAST", "SY"), lat=34.89, lon=35.89)
JABLEH = Place("SY0602", "Jableh", 2, ancestors=("SY06", "SYCOAST", "SY"), lat=35.36, lon=35.92)
BANIYAS = Place("SY1002", "Baniyas", 2, ancestors=("SY10", "SYCOAST", "SY"), lat=35.18, lon=35.94)
ALEPPO = Place("SY02", "Aleppo", 1, ancestors=("SY",), lat=36.2, lon=37.16)
CATALOG = {p.pcode: p for p in (SYRIA, COAST, LATAKIA, TARTUS, JABLEH, BANIYAS, ALEPPO)}


@dataclass
class Desk:
    """Issues source and claim ids in order, like a casebook would."""

    sources: list[SourceInfo] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    records: list[ClaimRecord] = field(default_factory=list)

    def source(
        self,
        text: str,
        *,
        publisher: str,
        published: str,
        title: str | None = None,
        reliability: Reliability = Reliability.UNKNOWN,
        kind: str = "article",
        origin: str | None = None,
    ) -> SourceInfo:
        sid = len(self.sources) + 1
        info = SourceInfo(
            id=sid,
            title=title or text[:60],
            publisher=publisher,
            published=published,
            kind=kind,
            reliability=reliability,
            origin=origin,
            fingerprint=hashlib.sha256(text.encode()).hexdigest(),
        )
        self.sources.append(info)
        self.texts[sid] = text
        return info

    def claim(
        self,
        source: SourceInfo,
        phrase: str,
        count: int,
        *,
        qualifier: Qualifier = Qualifier.EXACT,
        outcome: Outcome = Outcome.KILLED,
        category: Category = Category.CIVILIANS,
        places: tuple[Place, ...] = (),
        group: str | None = None,
        date: str | None = None,
        credited: str | None = None,
        historical: bool = False,
        count_max: int | None = None,
    ) -> ClaimRecord:
        text = self.texts[source.id]
        start = text.index(phrase)
        claim = Claim(
            count=count,
            qualifier=qualifier,
            outcome=outcome,
            category=category,
            span=Span(start, start + len(phrase), phrase),
            count_max=count_max,
            group=group,
            historical=historical,
            place=tuple(p.name_en for p in places),
            date=date,
            source=credited,
        )
        record = ClaimRecord(len(self.records) + 1, claim, source, places)
        self.records.append(record)
        return record


def into_book(book: Casebook, desk: Desk, folder: Path, order: list[int] | None = None) -> dict[int, int]:
    """Put the desk's reports into a casebook, in ``order``; returns desk claim id -> casebook claim id.

    Sources go in through ``book.sources.add`` (real intake). Claims and places are written
    as the claims stage stores them, so these tests do not depend on the extractor's choices.
    """
    source_ids: dict[int, int] = {}
    for n in order or range(len(desk.sources)):
        info = desk.sources[n]
        path = folder / f"report-{info.id}.txt"
        path.write_text(desk.texts[info.id], encoding="utf-8")
        meta = SourceMeta(kind=info.kind, title=info.title, publisher=info.publisher, published=info.published)
        added = book.sources.add(path, meta)
        assert added.source_id is not None
        source_ids[info.id] = added.source_id
        if info.reliability is not Reliability.UNKNOWN:
            book.sources.rate(added.source_id, reliability=info.reliability.value)
    claim_ids: dict[int, int] = {}
    with book.write("claim.extract") as scope:
        _store_places(scope.conn)
        for record in sorted(desk.records, key=lambda r: list(source_ids).index(r.source.id)):
            claim_ids[record.claim_id] = _store_claim(scope.conn, record, source_ids[record.source.id])
        scope.audit("claim.extract", "claim", None, {"claims": len(claim_ids)})
    return claim_ids


def _store_places(conn: sa.Connection) -> None:
    present = set(conn.execute(sa.select(tables.places.c.pcode)).scalars())
    rows = [
        {
            "pcode": p.pcode,
            "name_en": p.name_en,
            "level": p.level,
            "ancestors": list(p.ancestors),
            "lat": p.lat,
            "lon": p.lon,
            "gazetteer": "test",
        }
        for p in CATALOG.values()
        if p.pcode not in present
    ]
    if rows:
        conn.execute(tables.places.insert(), rows)


def _store_claim(conn: sa.Connection, record: ClaimRecord, source_id: int) -> int:
    c = record.claim
    row = conn.execute(
        tables.claims.insert()
        .values(
            source_id=source_id,
            start=c.span.start,
            end=c.span.end,
            span=c.span.text,
            count=c.count,
            count_max=c.count_max,
            qualifier=c.qualifier.value,
            outcome=c.outcome.value,
            category=c.category.value,
            grp=c.group,
            historical=c.historical,
            place_text=list(c.place),
            date=c.date,
            claimed_by=c.source,
            perpetrator=c.perpetrator,
            extractor="hand",
            fingerprint=f"{source_id}-{record.fingerprint}"[:64],
            created_at="2025-01-01T00:00:00+00:00",
        )
        .returning(tables.claims.c.id)
    )
    claim_id = int(row.scalar_one())
    if record.places:
        conn.execute(
            tables.claim_places.insert(),
            [{"claim_id": claim_id, "pcode": p.pcode, "text": p.name_en} for p in record.places],
        )
    return claim_id
