"""Bayesian non-parametric latent-class capture–recapture (Manrique-Vallier 2016, 'LCMCR')."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from tollbook.errors import InputError
from tollbook.estimation.checks import chain_warnings, fit_warnings, latent_class_warnings, table_warnings
from tollbook.estimation.diagnostics import effective_sample_size, split_rhat
from tollbook.estimation.histories import CaptureTable
from tollbook.estimation.result import EstimateResult, check_level, fitted_result
from tollbook.estimation.sampler import run_chain

# Without --iterations a run starts at AUTO_FIRST sweeps per chain and doubles (each time a new
# run from the same seeds) until the chains agree and the draws are worth AUTO_ESS independent
# ones (the thresholds Vehtari et al. 2021 recommend), up to AUTO_MAX. Two chains of 20,000
# sweeps gave posterior medians from 28,494 to 74,030 for the 5-list Netherlands table across
# seeds; the HIV table settles at 20,000-40,000, the Western US one at 20,000. Some tables never
# settle (Netherlands, Gaza: chains in separate basins): those runs stop at AUTO_MAX and warn.
AUTO_FIRST = 20_000
AUTO_MAX = 320_000
AUTO_DRAWS = 2_000  # draws kept per chain: thin = iterations // AUTO_DRAWS
AUTO_ESS = 400
AUTO_RHAT = 1.01


class LCMCREstimator:
    r"""Dirichlet-process mixture of product-Bernoulli capture models (NPLCM).

    Every person i (seen or not) belongs to a latent class :math:`z_i \in \{1..K\}`; within a
    class the lists capture independently, :math:`x_{ij} \mid z_i = k \sim
    \text{Bernoulli}(\lambda_{jk})`. Heterogeneity in catchability and dependence between lists
    are absorbed by the mixture. Priors: :math:`\lambda_{jk} \sim \text{Beta}(1, 1)`; class
    weights by truncated stick-breaking :math:`\pi_k = V_k \prod_{l<k}(1 - V_l)`,
    :math:`V_k \sim \text{Beta}(1, \alpha)`, :math:`V_K = 1`;
    :math:`\alpha \sim \text{Gamma}(a, b)` (default 0.25, 0.25); :math:`p(N) \propto 1/N`.

    Gibbs sampler with data augmentation: (1) classes of the seen, one multinomial per capture
    pattern; (2) with :math:`p_0 = \sum_k \pi_k \prod_j (1 - \lambda_{jk})` the chance of being
    missed, :math:`n_0 \sim \text{NegBin}(n, 1 - p_0)` — the 1/N prior makes this exact — and
    the classes of the :math:`n_0` unseen (all-zero histories); (3)
    :math:`\lambda_{jk} \sim \text{Beta}(1 + \text{hits}, 1 + \text{misses})`; (4)
    :math:`V_k \sim \text{Beta}(1 + n_k, \alpha + \sum_{l>k} n_l)`; (5)
    :math:`\alpha \sim \text{Gamma}(a + K - 1, b - \sum_{k<K} \log(1 - V_k))`. Sticks are kept as
    :math:`(\log V_k, \log(1 - V_k))` so that a stick within 1e-300 of 1 (common when alpha is
    small) still informs alpha.

    Chains start as R's LCMCR starts them (each list's observed capture rate in every class,
    four leading classes, a 500-sweep warm-up with alpha held small) and every sweep tries two
    label-switching Metropolis–Hastings moves (``label_moves.py``): under the stick-breaking
    prior the order of the classes matters, Gibbs sweeps alone hardly ever change it, and each
    order is its own basin. Without the moves (``label_moves=False``, which is R's sampler)
    chains on the 20-list Colombia stratum disagree even at HRDAG's run length of 5,000,000
    sweeps: one put 0.29 of its draws in the low mode of N, as HRDAG's published run does,
    another 0.52, each the same in both halves of the chain. With the moves chains agree (0.41
    in a chain of the same length), except that about one chain in twenty falls into a basin
    with one class fewer (N near 1,414) and stays there; R-hat then warns. Optionally
    (``split_merge_every`` > 0) every so many sweeps add a split–merge move on the classes
    and the unseen (``moves.py``); it leaves the posterior unchanged but is off by default:
    on the data tried so far it is rarely accepted.

    ``chains`` independent seeded chains run ``burn_in + iterations`` sweeps each, ``jobs`` at a
    time (default: one per core), keeping every ``thin``-th (by default iterations // 2,000).
    Without ``iterations`` the run starts at 20,000 sweeps a chain and doubles until split
    R-hat <= 1.01 and ESS >= 400, up to 320,000, so that the estimate does not depend on the
    seed more than it should. The estimate is the posterior median of N; the interval is
    equal-tailed.
    Split R-hat and the effective sample size of N are reported, with warnings when R-hat > 1.1
    or ESS < 200, and with three lists or fewer, where more than one class is not identifiable.
    The one assumption left is a closed population that the K classes describe.
    """

    method = "lcmcr"

    def __init__(
        self,
        classes: int = 10,
        iterations: int | None = None,
        burn_in: int = 10_000,
        thin: int | None = None,
        chains: int = 4,
        alpha_prior: tuple[float, float] = (0.25, 0.25),
        level: float = 0.95,
        seed: int | None = 0,
        split_merge_every: int = 0,
        label_moves: bool = True,
        jobs: int | None = None,
    ) -> None:
        named = (("K", classes), ("iterations", iterations), ("thin", thin), ("chains", chains), ("jobs", jobs))
        for name, value in named:
            if value is not None and value < 1:
                raise InputError(f"{name} must be at least 1, got {value}", hint=f"give a positive --{name.lower()}")
        if split_merge_every < 0:
            raise InputError(f"split-merge interval must be >= 0, got {split_merge_every}", hint="0 turns it off")
        if burn_in < 0 or (iterations is not None and thin is not None and iterations < thin):
            raise InputError("burn-in must be >= 0 and iterations >= thin", hint="e.g. --burn-in 10000 --thin 10")
        check_level(level)
        self.classes = classes
        self.iterations = iterations
        self.burn_in = burn_in
        self.thin = thin
        self.chains = chains
        self.alpha_prior = alpha_prior
        self.level = level
        self.split_merge_every = split_merge_every
        self.label_moves = label_moves
        self.jobs = jobs or min(chains, os.cpu_count() or 1)
        self.seed = seed if seed is not None else int(np.random.SeedSequence().generate_state(1)[0] % 2**31)

    def chain_seeds(self) -> list[int]:
        """Independent, reproducible seeds for the chains, derived from the one user seed."""
        words = np.random.SeedSequence(self.seed).generate_state(self.chains)
        return [int(w % 2**31) for w in words]

    def fit(self, table: CaptureTable) -> LCMCREstimator:
        """Run the chains (doubling their length until they agree, unless told how long), summarise N."""
        self.table_ = table
        self.warnings_ = table_warnings(table) + latent_class_warnings(table.k)
        started = time.perf_counter()
        iterations = self.iterations or AUTO_FIRST
        self.attempts_ = 0
        while True:
            thin = self.thin or max(1, iterations // AUTO_DRAWS)
            runs = self._run_chains(table, iterations, thin)
            self.attempts_ += 1
            self.traces_ = np.array([r[0] for r in runs])
            self.rhat_ = split_rhat(self.traces_)
            self.ess_ = effective_sample_size(self.traces_)
            settled = self.rhat_ <= AUTO_RHAT and self.ess_ >= AUTO_ESS
            if self.iterations is not None or settled or iterations * 2 > AUTO_MAX:
                break
            iterations *= 2
        self.iterations_, self.thin_ = iterations, thin
        if self.iterations is None and not settled:
            self.warnings_.append(
                f"the chains had not settled after {iterations:,} sweeps each (R-hat <= {AUTO_RHAT} and "
                f"ESS >= {AUTO_ESS:,} asked): give --iterations and --chains for a longer run"
            )
        self.seconds_ = time.perf_counter() - started
        self.alpha_traces_ = np.array([r[1] for r in runs])
        self.class_traces_ = np.array([r[2] for r in runs])
        self.moves_accepted_ = [int(r[3]) for r in runs]
        self.draws_ = self.traces_.ravel()
        tail = (1 - self.level) / 2
        self.observed_ = table.observed
        self.estimate_ = float(np.median(self.draws_))
        self.interval_ = (float(np.quantile(self.draws_, tail)), float(np.quantile(self.draws_, 1 - tail)))
        self.warnings_ += chain_warnings(self.rhat_, self.ess_)
        self.warnings_ += fit_warnings(table.observed, self.estimate_, self.interval_)
        if self.class_traces_.mean() > 0.9 * self.classes:
            self.warnings_.append(f"almost all {self.classes} classes are in use: raise K")
        return self

    def _run_chains(self, table: CaptureTable, iterations: int, thin: int) -> list[Any]:
        """Every chain from its own seed, so a longer attempt repeats and extends the shorter one.

        Chains run in ``jobs`` threads: the compiled sampler releases the GIL and numba gives each
        thread its own random state, seeded by the chain, so the draws do not depend on ``jobs``.
        """

        def one_chain(seed: int) -> Any:
            return run_chain(
                table.patterns,
                table.counts,
                self.classes,
                self.alpha_prior[0],
                self.alpha_prior[1],
                self.burn_in,
                iterations,
                thin,
                seed,
                self.split_merge_every,
                self.label_moves,
            )

        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            return list(pool.map(one_chain, self.chain_seeds()))

    @property
    def summary(self) -> pd.DataFrame:
        """Posterior of N (and of alpha and the classes in use): mean, sd, quantiles."""
        tail = (1 - self.level) / 2
        rows = []
        for name, draws in (
            ("N", self.draws_),
            ("alpha", self.alpha_traces_.ravel()),
            ("classes_used", self.class_traces_.ravel()),
        ):
            low, median, high = np.quantile(draws, [tail, 0.5, 1 - tail])
            rows.append(
                {
                    "parameter": name,
                    "mean": draws.mean(),
                    "sd": draws.std(ddof=1),
                    "low": low,
                    "median": median,
                    "high": high,
                }
            )
        return pd.DataFrame(rows).set_index("parameter")

    def result(self) -> EstimateResult:
        """The reproducible record of this run."""
        parameters: dict[str, Any] = {
            "K": self.classes,
            "iterations": self.iterations_,
            "iterations_rule": "given" if self.iterations is not None else "doubled until settled",
            "attempts": self.attempts_,
            "burn_in": self.burn_in,
            "thin": self.thin_,
            "chains": self.chains,
            "alpha_prior": list(self.alpha_prior),
            "chain_seeds": self.chain_seeds(),
            "split_merge_every": self.split_merge_every,
            "label_moves": self.label_moves,
        }
        summary = self.summary
        return fitted_result(
            self,
            parameters,
            diagnostics={
                "posterior_mean": float(summary.loc["N", "mean"]),
                "posterior_sd": float(summary.loc["N", "sd"]),
                "rhat": self.rhat_,
                "ess": self.ess_,
                "draws": int(self.draws_.size),
                "classes_used_mean": float(self.class_traces_.mean()),
                "split_merges_accepted": self.moves_accepted_,
                "seconds": round(self.seconds_, 3),
            },
            draws=self.draws_.astype(float),
            traces=self.traces_,
        )
