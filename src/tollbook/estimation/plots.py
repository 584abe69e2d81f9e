"""PNG plots of an estimate: the posterior (or bootstrap) distribution of N and MCMC traces."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
import numpy.typing as npt

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from tollbook.estimation.result import EstimateResult


def plot_result(result: EstimateResult, folder: str | Path, stem: str = "estimate") -> list[Path]:
    """Write the plots this result supports into ``folder``; return the files written."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    if result.draws is not None and len(result.draws):
        written.append(_posterior(result, result.draws, target / f"{stem}-{result.method}-posterior.png"))
    if result.traces is not None:
        written.append(_traces(result.traces, result.method, target / f"{stem}-{result.method}-trace.png"))
    for part in result.strata:
        label = "-".join(part.stratum.values()) if part.stratum else "stratum"
        written += plot_result(part, target, f"{stem}-{label}")
    return written


def _posterior(result: EstimateResult, draws: npt.NDArray[np.float64], path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(6, 3.5))
    axes.hist(draws, bins=60, color="#4a6fa5", alpha=0.8)
    axes.axvline(result.estimate, color="black", label=f"estimate {result.estimate:,.0f}")
    for end in result.interval:
        axes.axvline(end, color="black", linestyle="--")
    axes.axvline(result.observed, color="#b33", label=f"observed {result.observed:,}")
    axes.set_xlabel("population size N")
    axes.set_title(f"{result.method}: distribution of N ({result.level:.0%} interval dashed)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _traces(traces: npt.NDArray[np.float64], method: str, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(7, 3.5))
    for index, chain in enumerate(traces):
        axes.plot(chain, linewidth=0.6, label=f"chain {index + 1}")
    axes.set_xlabel("kept draw")
    axes.set_ylabel("N")
    axes.set_title(f"{method}: trace of N per chain")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
