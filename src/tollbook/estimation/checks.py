"""Warnings when a capture table or a fit looks like it breaks the assumptions of MSE.

These never stop an estimate; they travel with the result so a reader sees them next to the
number. Thresholds are rules of thumb from the MSE literature, stated in each message.
"""

from __future__ import annotations

import numpy as np

from tollbook.estimation.histories import CaptureTable


def table_warnings(table: CaptureTable) -> list[str]:
    """Few overlaps, sparse cells, one list dominating: the classic ways MSE goes wrong."""
    found: list[str] = []
    n = table.observed
    multiple = int(table.counts[table.patterns.sum(axis=1) >= 2].sum())
    if multiple < 10 or multiple < 0.02 * n:
        found.append(
            f"few overlaps: only {multiple} of {n} people are on two or more lists; "
            "estimates rest on very little information and can be unstable"
        )
    if table.k <= 8:
        cells = 2**table.k - 1
        empty = cells - len(table.counts)
        if empty > cells / 2:
            found.append(f"sparse table: {empty} of {cells} capture patterns are empty")
    totals = table.list_totals()
    largest = max(totals, key=lambda name: totals[name])
    if totals[largest] > 0.9 * n:
        found.append(
            f"one list dominates: {largest!r} holds {totals[largest]} of {n} people; "
            "the other lists add little to estimate who it missed"
        )
    return found


def fit_warnings(observed: int, estimate: float, interval: tuple[float, float]) -> list[str]:
    """Estimates far beyond what was seen, or intervals with no upper end, need a second look."""
    found = []
    if np.isfinite(estimate) and estimate > 5 * observed:
        found.append(f"the estimate ({estimate:,.0f}) is over five times the observed count ({observed:,})")
    if not np.isfinite(interval[1]):
        found.append("the interval has no finite upper end: the data cannot bound the population")
    return found


def chain_warnings(rhat: float, ess: float) -> list[str]:
    """MCMC draws that have not mixed give numbers that change from run to run."""
    found = []
    if np.isfinite(rhat) and rhat > 1.1:
        found.append(f"chains disagree (R-hat {rhat:.2f} > 1.1): run more iterations or a longer burn-in")
    if ess < 200:
        found.append(f"low effective sample size ({ess:.0f} < 200): run more iterations or thin less")
    return found


IDENTIFIABLE_LISTS = 4  # a two-class model with the all-zero cell unseen: 2J + 1 parameters, 2^J - 2 cells


def latent_class_warnings(lists: int) -> list[str]:
    """With three lists a model of two or more classes has more parameters than the table has
    cells, so what it says about people who are hard to record comes from its prior."""
    if lists >= IDENTIFIABLE_LISTS:
        return []
    return [
        f"with {lists} lists a latent-class model of two or more classes is not identifiable: "
        "how many hard-to-record people were missed comes from the prior, not the data; in our "
        "simulation with strongly heterogeneous capture its 95% intervals covered the truth about "
        "half the time with 3 lists (docs/estimation.md). Add lists if you can"
    ]
