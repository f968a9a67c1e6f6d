"""Uncertainty: seeded bootstrap confidence intervals and a paired test on per-query differences.

Every system is resampled with the same bootstrap indices (so intervals are comparable), and the
paired test is a sign-flip permutation test on per-query differences (exact when the number of
non-zero differences is small, otherwise 10,000 random flips), two-sided.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_QUERIES = 20  # below this, intervals are too wide to separate most models: say so plainly
ALPHA = 0.05


def bootstrap_indices(n: int, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """(n_boot, n) resampling indices, fixed by ``seed`` so every run and every system agree."""
    return np.random.default_rng(seed).integers(0, n, size=(n_boot, n)) if n else np.zeros((n_boot, 0), int)


def ci95(values: np.ndarray, idx: np.ndarray) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of the mean."""
    if len(values) == 0:
        return (0.0, 0.0)
    boot = values[idx].mean(axis=1)
    lo, hi = np.percentile(boot, [2.5, 97.5])
    return (round(float(lo), 4), round(float(hi), 4))


def sign_flip_p(diffs: np.ndarray, n_perm: int = 10_000, seed: int = 0) -> float:
    """Two-sided p-value that the mean paired difference is zero (sign-flip permutation test)."""
    d = diffs[diffs != 0]
    if len(d) == 0:
        return 1.0
    observed = abs(d.mean())
    if len(d) <= 16:  # exact: all 2^n sign patterns
        signs = ((np.arange(2 ** len(d))[:, None] >> np.arange(len(d))) & 1) * 2 - 1
        means = np.abs((signs * d).sum(axis=1)) / len(diffs)
        return float(np.mean(means >= abs(diffs.mean()) - 1e-12))
    rng = np.random.default_rng(seed)
    count = 0
    for start in range(0, n_perm, 2000):
        signs = rng.choice((-1.0, 1.0), size=(min(2000, n_perm - start), len(d)))
        count += int(np.sum(np.abs((signs * d).mean(axis=1)) >= observed - 1e-12))
    return (count + 1) / (n_perm + 1)


@dataclass(frozen=True)
class PairedTest:
    """``model`` minus ``versus`` on one metric, per query."""

    versus: str
    metric: str
    mean_diff: float
    ci95: tuple[float, float]
    p_value: float
    n_queries: int
    verdict: str

    def to_dict(self) -> dict:
        return {"versus": self.versus, "metric": self.metric, "mean_diff": self.mean_diff,
                "ci95": list(self.ci95), "p_value": self.p_value, "n_queries": self.n_queries,
                "verdict": self.verdict}


def paired_test(a: np.ndarray, b: np.ndarray, versus: str, metric: str, idx: np.ndarray, seed: int = 0,
                min_queries: int = MIN_QUERIES) -> PairedTest:
    """Compare per-query scores ``a`` (this model) with ``b`` (``versus``) on the same queries."""
    diffs = a - b
    n = len(diffs)
    mean = round(float(diffs.mean()), 4) if n else 0.0
    interval = ci95(diffs, idx)
    p = round(sign_flip_p(diffs, seed=seed), 4)
    if n < min_queries:
        verdict = f"sample too small (<{min_queries} queries)"
    elif p >= ALPHA:
        verdict = "not significant"
    else:
        verdict = "significantly better" if mean > 0 else "significantly worse"
    return PairedTest(versus, metric, mean, interval, p, n, verdict)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return not (a[1] < b[0] or b[1] < a[0])
