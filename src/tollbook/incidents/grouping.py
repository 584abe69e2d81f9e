"""Propose incidents: which claims describe the same event, by place, time and event cues.

Claims are linked pairwise and joined single-linkage, in a fixed content-derived order, so
the proposal does not depend on the order sources were added. Two claims are linked when
* they come from the same source, their places agree (or one has none) and their dates overlap,
  or one of them has no date of its own: a report's undated figure ("the committee documented
  1,426 deaths") is about what the report's dated figures are about;
* they come from different sources, their dates overlap (with a little slack) and a place of
  one is, or contains, a place of the other in the gazetteer hierarchy (a Baniyas claim sits
  inside a Tartus event; Jableh and Baniyas reports join only through a claim covering both);
* one has no place (nor its report), their dates overlap, and either one body's tally runs
  from a day the other's figure from the same body covers, or their sources' titles and
  wording share event cues.
A claim dated only to a year or a long period links to nothing outside its own report, and
an open-ended tally ("since 6 March") is placed at the start of what it counts.
A join is refused when it would stretch the event's precisely dated span past
``max_event_days``: this is what keeps two massacres in one town, years apart, apart even
when a vague "since 2011" claim overlaps both. Background (historical) claims never link;
they follow their source's main incident and are shown there as excluded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tollbook.incidents import cues
from tollbook.incidents.dates import DateRange, Precision
from tollbook.incidents.evidence import ClaimRecord

_PRECISE = (Precision.DAY, Precision.INTERVAL)


@dataclass(frozen=True)
class GroupingRules:
    """The tunable thresholds of grouping, with the values the methodology documents."""

    slack_days: int = 2
    max_event_days: int = 31
    cue_threshold: float = 0.25


DEFAULT_RULES = GroupingRules()


@dataclass(frozen=True)
class Proposal:
    """Raw proposed clusters (claim ids, background included) under stable keys."""

    clusters: Mapping[str, frozenset[int]]
    records: Mapping[int, ClaimRecord]


def propose(
    records: Iterable[ClaimRecord],
    rules: GroupingRules = DEFAULT_RULES,
    previous: Mapping[str, frozenset[int]] | None = None,
) -> Proposal:
    """Group claims into proposed incidents; keys are inherited from ``previous`` by overlap."""
    pool = sorted(records, key=lambda r: r.sort_key)
    counted = [r for r in pool if not r.claim.historical]
    groups = _link(counted, rules)
    groups = _add_background([r for r in pool if r.claim.historical], groups)
    keyed = assign_keys(groups, previous or {}, {r.claim_id: r for r in pool})
    return Proposal(clusters=keyed, records={r.claim_id: r for r in pool})


def _link(counted: Sequence[ClaimRecord], rules: GroupingRules) -> list[list[ClaimRecord]]:
    joiner = _Joiner(counted, rules.max_event_days)
    for i, j in _candidate_pairs(counted, rules):
        if linked(counted[i], counted[j], rules):
            joiner.join(i, j)
    return joiner.groups()


def _candidate_pairs(counted: Sequence[ClaimRecord], rules: GroupingRules) -> list[tuple[int, int]]:
    """Pairs worth comparing: same source, or windows that can overlap (a sweep over start dates).

    Same-source pairs come first so a report's own claims stick together before others join.
    """
    by_source: dict[str, list[int]] = {}
    for index, record in enumerate(counted):
        by_source.setdefault(_source_identity(record), []).append(index)
    same = [(a, b) for members in by_source.values() for n, a in enumerate(members) for b in members[n + 1 :]]
    dated = sorted(
        (i for i, r in enumerate(counted) if r.window),
        key=lambda i: (counted[i].window, i),
    )
    across: list[tuple[int, int]] = []
    for n, i in enumerate(dated):
        reach = counted[i].window.end.toordinal() + rules.slack_days  # type: ignore[union-attr]
        for k in range(n + 1, len(dated)):  # by index: slicing would copy the tail every time
            j = dated[k]
            if counted[j].window.start.toordinal() > reach:  # type: ignore[union-attr]
                break
            if _source_identity(counted[i]) != _source_identity(counted[j]):
                across.append((min(i, j), max(i, j)))
    return sorted(same) + sorted(across)


def linked(a: ClaimRecord, b: ClaimRecord, rules: GroupingRules) -> bool:
    """Whether two countable claims describe the same event (see the module docstring)."""
    wa, wb = a.window, b.window
    if _source_identity(a) == _source_identity(b):
        if wa is None or wb is None:
            in_time = True
        else:
            undated = Precision.REPORTED in (wa.precision, wb.precision)
            in_time = undated or wa.overlaps(wb, rules.slack_days)
        placed = a.area and b.area
        return in_time and (not placed or bool(a.area & b.area))
    if wa is None or wb is None or not wa.overlaps(wb, rules.slack_days):
        return False
    if max(wa.days, wb.days) > rules.max_event_days:
        return False  # a year or a long period is no event: such claims join only their own report
    if a.area and b.area:
        return a.nested(b)
    if a.origin == b.origin and (_tally_from(wa, wb) or _tally_from(wb, wa)):
        return True
    return cues.similarity(claim_cues(a), claim_cues(b)) >= rules.cue_threshold


def _tally_from(tally: DateRange, other: DateRange) -> bool:
    """True when ``tally`` runs from a day ("since 6 March") that the precisely dated ``other`` covers.

    One body's tally since a day and its own figure for that day count the same event.
    """
    precise = other.precision in (*_PRECISE, Precision.OPEN)
    return tally.precision is Precision.OPEN and precise and other.start <= tally.start <= other.end


def claim_cues(record: ClaimRecord) -> frozenset[str]:
    """Cue tokens of a claim: its source's title and its own wording."""
    return cues.tokens(record.source.title) | cues.tokens(record.claim.span.text)


def _source_identity(record: ClaimRecord) -> str:
    return record.source.fingerprint or f"id:{record.source.id}"


class _Joiner:
    """Union-find that refuses joins stretching an event's precise span too far."""

    def __init__(self, counted: Sequence[ClaimRecord], max_days: int) -> None:
        self.parent = list(range(len(counted)))
        self.counted = counted
        self.max_days = max_days
        self.span: dict[int, tuple[date, date] | None] = {i: _precise(r.window) for i, r in enumerate(counted)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        merged = _union_span(self.span[ri], self.span[rj])
        if merged and (merged[1] - merged[0]).days + 1 > self.max_days:
            return
        low, high = min(ri, rj), max(ri, rj)
        self.parent[high] = low
        self.span[low] = merged

    def groups(self) -> list[list[ClaimRecord]]:
        found: dict[int, list[ClaimRecord]] = {}
        for i, record in enumerate(self.counted):
            found.setdefault(self.find(i), []).append(record)
        return list(found.values())


def _precise(window: DateRange | None) -> tuple[date, date] | None:
    if window is None or window.precision not in _PRECISE or window.days > 31:
        return None
    return (window.start, window.end)


def _union_span(a: tuple[date, date] | None, b: tuple[date, date] | None) -> tuple[date, date] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _add_background(background: Sequence[ClaimRecord], groups: list[list[ClaimRecord]]) -> list[list[ClaimRecord]]:
    """Put each background claim with the group holding most of its source's countable claims."""
    holding: dict[str, dict[int, int]] = {}
    for n, group in enumerate(groups):
        for r in group:
            counts = holding.setdefault(_source_identity(r), {})
            counts[n] = counts.get(n, 0) + 1
    anchors = [_anchor(g).sort_key for g in groups]
    for record in background:
        counts = holding.get(_source_identity(record), {})
        if counts:
            chosen = max(counts, key=lambda n: (counts[n], anchors[n]))
            groups[chosen].append(record)
    return groups


def _anchor(group: Sequence[ClaimRecord]) -> ClaimRecord:
    """The content-first member of a group: names a new incident's key."""
    return min(group, key=lambda r: r.sort_key)


def assign_keys(
    groups: Sequence[Sequence[ClaimRecord]],
    previous: Mapping[str, frozenset[int]],
    records: Mapping[int, ClaimRecord],
) -> dict[str, frozenset[int]]:
    """Give each group the key of the earlier cluster it overlaps most; new groups get a content key.

    Greedy over (overlap size, key) in a fixed order, each old key used once, so decisions
    made on an incident keep applying when new sources join or leave it.
    """
    members = [frozenset(r.claim_id for r in g) for g in groups if g]
    anchors = [_anchor(g) for g in groups if g]
    overlaps = sorted(
        ((len(m & old), key, n) for n, m in enumerate(members) for key, old in previous.items() if m & old),
        key=lambda t: (-t[0], t[1], anchors[t[2]].sort_key),
    )
    keyed: dict[str, frozenset[int]] = {}
    taken: set[int] = set()
    for _, key, n in overlaps:
        if key not in keyed and n not in taken:
            keyed[key] = members[n]
            taken.add(n)
    for n, m in enumerate(members):
        if n not in taken:
            keyed[_fresh_key(anchors[n], keyed, previous)] = m
    return dict(sorted(keyed.items()))


def _fresh_key(anchor: ClaimRecord, used: Mapping[str, object], previous: Mapping[str, object]) -> str:
    digest = hashlib.sha256(anchor.fingerprint.encode()).hexdigest()
    for width in range(10, 65):
        key = f"inc-{digest[:width]}"
        if key not in used and key not in previous:
            return key
    raise RuntimeError("no free incident key")  # unreachable: 55 distinct prefixes of one digest


def most_common_event_word(records: Iterable[ClaimRecord]) -> str | None:
    """The event word most members use (titles and spans), if any."""
    pool = list(records)
    words = cues.event_words([r.source.title for r in pool] + [r.claim.span.text for r in pool])
    return words[0] if words else None
