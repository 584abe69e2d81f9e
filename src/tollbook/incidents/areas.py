"""Place relations for grouping and scopes: containment, shared area, the extent of a set of places.

The gazetteer gives each place its ancestors from the nearest up to the country. Two places
"share an event area" when one contains the other or they lie in the same unit below the
country; a country-wide mention is too broad to tie two reports together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tollbook.records import Place


def specific(places: Iterable[Place]) -> tuple[Place, ...]:
    """The places below country level, in p-code order (a country names no event area)."""
    return tuple(sorted({p.pcode: p for p in places if p.level > 0}.values(), key=lambda p: p.pcode))


def area(place: Place) -> frozenset[str]:
    """The p-codes that tie this place to others: itself and its ancestors except the country."""
    return frozenset((place.pcode, *place.ancestors[:-1]))


def compatible(left: Sequence[Place], right: Sequence[Place]) -> bool:
    """True when some place of one side contains, or shares a sub-national unit with, the other."""
    return any(a.contains(b) or b.contains(a) or (area(a) & area(b)) for a in specific(left) for b in specific(right))


def top(places: Iterable[Place]) -> tuple[Place, ...]:
    """The places of a set not contained by another of the set: the extent of an event."""
    pool = specific(places)
    return tuple(p for p in pool if not any(o.pcode != p.pcode and o.contains(p) for o in pool))


def covers(places: Sequence[Place], extent: Sequence[Place]) -> bool:
    """True when the places together contain every place of ``extent``."""
    return bool(extent) and all(any(p.contains(e) for p in places) for e in extent)


def common_ancestor(places: Sequence[Place]) -> str | None:
    """The nearest p-code (below the country) that is or contains all the places, if any."""
    chains = [(p.pcode, *p.ancestors[:-1]) for p in places]
    if not chains:
        return None
    shared = set(chains[0]).intersection(*chains[1:])
    for pcode in chains[0]:
        if pcode in shared:
            return pcode
    return None
