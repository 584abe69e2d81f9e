"""What one claim says about a number: the floor, the ceiling and the point it stands for.

"Over 1,500" is a floor of 1,501 with no ceiling; "up to 50" a ceiling with no floor;
"between 30 and 40" both. Reconciliation works on these bounds, never on the bare count.
"""

from __future__ import annotations

from dataclasses import dataclass

from tollbook.records import Claim, Qualifier


@dataclass(frozen=True)
class Bounds:
    """``lower`` is what the claim guarantees, ``upper`` its ceiling (None: none stated), ``point`` its figure."""

    lower: int
    upper: int | None
    point: int


def bounds(claim: Claim) -> Bounds:
    """The bounds a claim's qualifier gives its count (approximations taken at face value)."""
    n = claim.count
    q = claim.qualifier
    if q is Qualifier.AT_LEAST:
        return Bounds(n, None, n)
    if q is Qualifier.OVER:
        return Bounds(n + 1, None, n + 1)
    if q is Qualifier.UP_TO:
        return Bounds(0, n, n)
    if q is Qualifier.RANGE and claim.count_max is not None:
        low, high = sorted((n, claim.count_max))
        return Bounds(low, high, (low + high) // 2)
    return Bounds(n, n, n)


def wording(claim: Claim) -> str:
    """The figure as a short phrase: "over 1,500", "at least 745", "30-40"."""
    n = f"{claim.count:,}"
    prefix = {
        Qualifier.AT_LEAST: "at least ",
        Qualifier.OVER: "over ",
        Qualifier.ABOUT: "about ",
        Qualifier.UP_TO: "up to ",
    }.get(claim.qualifier, "")
    if claim.qualifier is Qualifier.RANGE and claim.count_max is not None:
        return f"{n}-{claim.count_max:,}"
    return prefix + n
