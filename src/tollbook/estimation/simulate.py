"""Simulated closed populations of known size, to test that estimators find the truth.

Three capture regimes, each a known way MSE breaks or holds:

* ``independent`` — every list catches every person with its own probability;
* ``heterogeneous`` — two latent groups (40% hard to record, 60% easy) with different
  probabilities on every list: the case latent-class models are built for. The hard group
  (recorded with probability 0.1–0.25 per list, the easy one 0.4–0.7) is still seen often
  enough on two lists for the data to reveal it; a group almost never recorded twice is
  invisible to every method, and simulating one would test nothing;
* ``moderate`` — the same two groups, but the hard one is recorded at about half the easy
  one's rate (0.2–0.35 per list): how far the heterogeneous results depend on how hard the
  hard group is;
* ``dependent`` — list 2 is much likelier to record people already on list 1 (a referral
  between lists), a positive dependence log-linear models can capture with an interaction.
"""

from __future__ import annotations

import numpy as np

from tollbook.errors import InputError
from tollbook.estimation.histories import CaptureTable

REGIMES = ("independent", "moderate", "heterogeneous", "dependent")
HARD_GROUP_RATES = {"moderate": (0.2, 0.35), "heterogeneous": (0.1, 0.25)}  # per list, U(low, high)


def simulate(size: int, lists: int, regime: str, rng: np.random.Generator) -> CaptureTable:
    """Capture histories of a population of ``size`` people seen by ``lists`` lists."""
    if regime == "independent":
        probability = np.broadcast_to(rng.uniform(0.2, 0.4, lists), (size, lists))
    elif regime in HARD_GROUP_RATES:
        hard = rng.random(size) < 0.4
        low, high = HARD_GROUP_RATES[regime]
        probability = np.where(hard[:, None], rng.uniform(low, high, lists), rng.uniform(0.4, 0.7, lists))
    elif regime == "dependent":
        probability = np.broadcast_to(rng.uniform(0.2, 0.35, lists), (size, lists)).copy()
    else:
        raise InputError(f"unknown regime {regime!r}", hint=f"choose one of {REGIMES}")
    captures = rng.random((size, lists)) < probability
    if regime == "dependent":
        on_first = captures[:, 0]
        captures[:, 1] = np.where(on_first, rng.random(size) < 0.6, rng.random(size) < 0.15)
    seen = captures[captures.any(axis=1)].astype(np.int8)
    names = [f"L{j + 1}" for j in range(lists)]
    return CaptureTable.build(names, seen, np.ones(len(seen), dtype=np.int64))
