"""Convergence diagnostics for MCMC draws: split R-hat and effective sample size.

Both follow Gelman et al., *Bayesian Data Analysis* (3rd ed., ch. 11): chains are split in
halves so a drifting chain disagrees with itself, and the ESS sums autocorrelations in pairs
until they turn negative (Geyer's initial positive sequence).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def _split(chains: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    half = chains.shape[1] // 2
    return np.vstack([chains[:, :half], chains[:, half : 2 * half]])


def split_rhat(chains: npt.NDArray[np.float64]) -> float:
    """Potential scale reduction of (chains x draws); near 1 when the chains agree."""
    parts = _split(np.asarray(chains, dtype=float))
    n = parts.shape[1]
    if n < 2:
        return float("nan")
    within = parts.var(axis=1, ddof=1).mean()
    between = n * parts.mean(axis=1).var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    pooled = (n - 1) / n * within + between / n
    return float(np.sqrt(pooled / within))


def effective_sample_size(chains: npt.NDArray[np.float64]) -> float:
    """Number of independent draws worth as much as these autocorrelated ones."""
    parts = _split(np.asarray(chains, dtype=float))
    m, n = parts.shape
    if n < 4:
        return float(m * n)
    centred = parts - parts.mean(axis=1, keepdims=True)
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size, axis=1)
    autocov = np.fft.irfft(spectrum * np.conj(spectrum), size, axis=1)[:, :n] / n
    within = autocov[:, 0].mean() * n / (n - 1)
    if within == 0:
        return float(m * n)
    between = n * parts.mean(axis=1).var(ddof=1) if m > 1 else 0.0
    pooled = (n - 1) / n * within + between / n
    rho = 1 - (within - autocov.mean(axis=0)) / pooled
    total = 0.0
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        total += pair
    return float(min(m * n / max(2 * total - 1, 1e-12), m * n * np.log10(m * n)))
