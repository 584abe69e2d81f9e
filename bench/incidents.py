"""Incidents benchmark: grouping and reconciliation time, and grouping accuracy, on synthetic claims.

No public data set pairs casualty claims with the events they describe, so the claims are
generated: events scattered over time (one a week country-wide, and a dense ten a week) and
a two-level gazetteer (14 governorates x 6 districts), each reported by one to four bodies
publishing running tallies over the days after it, some repeated by a wire that credits
them, some with a background figure. The true event of every claim is known, so the
proposal is scored by pairwise precision and recall (a pair of claims is "together" when
they share an incident) and by the share of events recovered exactly. Times are for the
pure core (``tollbook.incidents.run``: propose, replay, reconcile, check, grade) on one
core; a second run on shuffled input checks that the toll does not depend on input order.
"""

from __future__ import annotations

import random
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bench.results import publish
from tollbook.incidents import ClaimRecord, Reliability, SourceInfo, propose, run
from tollbook.records import Category, Claim, Outcome, Place, Qualifier, Span

SEED = 20250306
GOVERNORATES = 14
DISTRICTS = 6
FIRST_DAY = date(1990, 1, 1)
# Country-wide, one event a week on average (one per governorate every ~14 weeks); the dense
# row packs ten events a week, which is where grouping by place and time starts to merge events.
WEEKS_PER_EVENT = 1.0
DENSE_WEEKS_PER_EVENT = 0.1
BODIES = ("Observatory", "Network", "Ministry", "Medics", "Committee", "Monitor")


@dataclass(frozen=True)
class World:
    """Synthetic claims and, for each claim id, the event it truly belongs to."""

    records: list[ClaimRecord]
    truth: dict[int, int]
    events: int


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    sizes = (500, 2_000) if quick else (500, 2_000, 5_000)
    rows = [_measure(n, WEEKS_PER_EVENT) for n in sizes]
    rows.append(_measure(2_000, DENSE_WEEKS_PER_EVENT))
    extra = {"quick": quick, "seed": SEED, "gazetteer": f"{GOVERNORATES} x {DISTRICTS} districts"}
    publish("incidents", "Incidents: propose + reconcile on synthetic claims (1 core)", rows, extra)
    return 0 if all(r["order-invariant"] == "yes" for r in rows) else 1


def _measure(events: int, weeks_per_event: float) -> dict[str, Any]:
    world = _world(events, weeks_per_event, random.Random(SEED + events))
    started = time.perf_counter()
    proposal = propose(world.records)
    grouped = time.perf_counter() - started
    fresh = _world(events, weeks_per_event, random.Random(SEED + events))  # same claims, nothing cached
    started = time.perf_counter()
    result = run(fresh.records)
    total = time.perf_counter() - started
    shuffled = list(world.records)
    random.Random(SEED).shuffle(shuffled)
    again = run(shuffled)
    same = [a.to_json() for a in again.assessments] == [a.to_json() for a in result.assessments]
    precision, recall, exact = _score(proposal.clusters.values(), world.truth)
    return {
        "events": world.events,
        "events/week": round(1 / weeks_per_event, 1),
        "claims": len(world.records),
        "incidents": len(result.assessments),
        "propose s": round(grouped, 3),
        "propose+reconcile s": round(total, 3),
        "claims/s": round(len(world.records) / total),
        "pair precision": round(precision, 4),
        "pair recall": round(recall, 4),
        "events exact": round(exact, 4),
        "order-invariant": "yes" if same else "NO",
    }


def _gazetteer() -> list[Place]:
    places = []
    for g in range(1, GOVERNORATES + 1):
        gov = Place(f"SY{g:02d}", f"Governorate {g}", 1, ancestors=("SY",))
        places.append(gov)
        for d in range(1, DISTRICTS + 1):
            places.append(Place(f"SY{g:02d}{d:02d}", f"District {g}.{d}", 2, ancestors=(gov.pcode, "SY")))
    return places


def _world(events: int, weeks_per_event: float, rng: random.Random) -> World:
    places = _gazetteer()
    districts = [p for p in places if p.level == 2]
    by_code = {p.pcode: p for p in places}
    records: list[ClaimRecord] = []
    truth: dict[int, int] = {}
    for event in range(events):
        start = FIRST_DAY + timedelta(days=rng.randrange(max(1, round(7 * weeks_per_event * events))))
        where = rng.choice(districts)
        wide = by_code[where.ancestors[0]]
        for body in rng.sample(BODIES, rng.randint(1, 4)):
            for claim in _reports(rng, event, body, start, where, wide, len(records)):
                truth[claim.claim_id] = event
                records.append(claim)
    return World(records, truth, events)


def _reports(
    rng: random.Random, event: int, body: str, start: date, where: Place, wide: Place, first_id: int
) -> list[ClaimRecord]:
    """One body's running tally of one event, sometimes relayed by a wire, sometimes with background."""
    out: list[ClaimRecord] = []
    count = rng.randint(3, 60)
    reliability = rng.choice(list(Reliability))
    for update in range(rng.randint(1, 4)):
        published = start + timedelta(days=update + rng.randint(0, 2))
        count += rng.randint(0, 40)
        place = where if rng.random() < 0.7 else wide
        text = f"{body} says {count} civilians were killed in {place.name_en} since {start.isoformat()}."
        source = _source(f"{event}-{body}-{update}", body, published, reliability, text)
        out.append(_record(first_id + len(out) + 1, source, text, count, place, f"{start.isoformat()}/.."))
        if rng.random() < 0.3:
            relay = f"Wire: {body} said {count} civilians were killed in {place.name_en}."
            wire = _source(f"{event}-{body}-{update}-wire", "Wire", published, Reliability.MEDIUM, relay)
            out.append(_record(first_id + len(out) + 1, wire, relay, count, place, None, credited=body))
        if rng.random() < 0.1:
            note = text + " The war has killed over 500,000 people."
            background = _source(f"{event}-{body}-{update}-bg", body, published, reliability, note)
            out.append(_record(first_id + len(out) + 1, background, note, count, place, f"{start.isoformat()}/.."))
            out.append(_record(first_id + len(out) + 1, background, note, 500_000, None, "2011/..", background=True))
    return out


def _source(key: str, publisher: str, published: date, reliability: Reliability, text: str) -> SourceInfo:
    return SourceInfo(
        id=zlib.crc32(key.encode()),
        title=text[:60],
        publisher=publisher,
        published=published.isoformat(),
        reliability=reliability,
        fingerprint=key,
    )


def _record(
    claim_id: int,
    source: SourceInfo,
    text: str,
    count: int,
    place: Place | None,
    when: str | None,
    *,
    credited: str | None = None,
    background: bool = False,
) -> ClaimRecord:
    figure = f"{count:,}" if background else str(count)
    start = text.index(figure)
    claim = Claim(
        count=count,
        qualifier=Qualifier.OVER if background else Qualifier.EXACT,
        outcome=Outcome.KILLED,
        category=Category.UNSPECIFIED if background else Category.CIVILIANS,
        span=Span(start, start + len(figure), figure),
        historical=background,
        date=when,
        source=credited,
    )
    return ClaimRecord(claim_id, claim, source, (place,) if place else ())


def _score(clusters: Sequence[frozenset[int]] | Any, truth: dict[int, int]) -> tuple[float, float, float]:
    """Pairwise precision and recall of co-membership, and the share of events found exactly."""
    found_pairs = sum(_pairs(c, lambda _: 0) for c in clusters)
    correct = sum(_pairs(c, truth.__getitem__) for c in clusters)
    by_event: dict[int, set[int]] = {}
    for claim_id, event in truth.items():
        by_event.setdefault(event, set()).add(claim_id)
    true_pairs = sum(len(m) * (len(m) - 1) // 2 for m in by_event.values())
    exact = {frozenset(m) for m in by_event.values()} & {frozenset(c) for c in clusters}
    precision = correct / found_pairs if found_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    return precision, recall, len(exact) / len(by_event)


def _pairs(members: frozenset[int], label: Any) -> int:
    """Pairs of members that share a label (all pairs when the label is constant)."""
    counts: dict[int, int] = {}
    for member in members:
        key = label(member)
        counts[key] = counts.get(key, 0) + 1
    return sum(n * (n - 1) // 2 for n in counts.values())
