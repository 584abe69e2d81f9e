"""Simulated closed populations of known size, to test that estimators find the truth.

Four capture regimes, each a known way MSE breaks or holds:

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

and one fixed design, ``published``: the simulation Manrique-Vallier (2016) used to present the
latent-class model. Two classes, 90% of people recorded rarely (0.033, 0.033, 0.099, 0.132 and
0.033 on the five lists) and 10% almost always (0.66, 0.825, 0.759, 0.99, 0.693), so about
two people in three are on no list. It is defined for five lists only: the reference figures
judge an implementation on the design the method's author chose, not on one chosen by us.
"""

from __future__ import annotations

import numpy as np

from tollbook.errors import InputError
from tollbook.estimation.histories import CaptureTable

REGIMES = ("independent", "moderate", "heterogeneous", "dependent")
HARD_GROUP_RATES = {"moderate": (0.2, 0.35), "heterogeneous": (0.1, 0.25)}  # per list, U(low, high)
PUBLISHED = "published"
PUBLISHED_LISTS = 5
PUBLISHED_CLASS_SHARES = (0.9, 0.1)
PUBLISHED_RATES = ((0.033, 0.033, 0.099, 0.132, 0.033), (0.66, 0.825, 0.759, 0.99, 0.693))  # class x list


def simulate(size: int, lists: int, regime: str, rng: np.random.Generator) -> CaptureTable:
    """Capture histories of a population of ``size`` people seen by ``lists`` lists."""
    if regime == PUBLISHED:
        probability = _published_rates(size, lists, rng)
    elif regime == "independent":
        probability = np.broadcast_to(rng.uniform(0.2, 0.4, lists), (size, lists))
    elif regime in HARD_GROUP_RATES:
        hard = rng.random(size) < 0.4
        low, high = HARD_GROUP_RATES[regime]
        probability = np.where(hard[:, None], rng.uniform(low, high, lists), rng.uniform(0.4, 0.7, lists))
    elif regime == "dependent":
        probability = np.broadcast_to(rng.uniform(0.2, 0.35, lists), (size, lists)).copy()
    else:
        raise InputError(f"unknown regime {regime!r}", hint=f"choose one of {(*REGIMES, PUBLISHED)}")
    captures = rng.random((size, lists)) < probability
    if regime == "dependent":
        on_first = captures[:, 0]
        captures[:, 1] = np.where(on_first, rng.random(size) < 0.6, rng.random(size) < 0.15)
    seen = captures[captures.any(axis=1)].astype(np.int8)
    names = [f"L{j + 1}" for j in range(lists)]
    return CaptureTable.build(names, seen, np.ones(len(seen), dtype=np.int64))


def _published_rates(size: int, lists: int, rng: np.random.Generator) -> np.ndarray:
    """Each person's capture probabilities under Manrique-Vallier (2016)'s two-class design."""
    if lists != PUBLISHED_LISTS:
        raise InputError(
            f"the published design has {PUBLISHED_LISTS} lists, not {lists}",
            hint=f"simulate it with lists={PUBLISHED_LISTS}, or choose one of {REGIMES}",
        )
    frequent = rng.random(size) < PUBLISHED_CLASS_SHARES[1]
    return np.asarray(PUBLISHED_RATES)[frequent.astype(np.int64)]
