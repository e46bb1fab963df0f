"""Small-sample inference: cluster-robust t intervals, Wald tests, wild cluster bootstrap.

The bootstrap works on dense design matrices (fixed effects as dummies), which is cheap at
the sizes of this project (a few hundred rows) and keeps the algorithm visible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

WEIGHTS = {
    "webb": np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)]),
    "rademacher": np.array([-1.0, 1.0]),
}
CHUNK = 1000
RANK_TOL = 1e-8


def t_interval(
    estimate: np.ndarray, se: np.ndarray, n_clusters: int, alpha: float = 0.05
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ci_low, ci_high, p_value) from a t distribution with G − 1 degrees of freedom."""
    dof = max(n_clusters - 1, 1)
    crit = stats.t.ppf(1 - alpha / 2, dof)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_value = 2 * stats.t.sf(np.abs(estimate / se), dof)
    return estimate - crit * se, estimate + crit * se, p_value


def wald_f(beta: np.ndarray, vcov: np.ndarray, n_clusters: int) -> tuple[float, int, int, float]:
    """Joint test that all of ``beta`` are zero: (F, df1, df2, p) with df2 = G − 1.

    Directions of ``vcov`` with (near-)zero variance, which cluster-robust matrices have when
    coefficients outnumber clusters or rest on one cluster, are left out: df1 is the rank.
    """
    values, vectors = np.linalg.eigh((vcov + vcov.T) / 2)
    keep = values > RANK_TOL * max(values.max(), 0.0)
    rank = int(keep.sum())
    df2 = max(n_clusters - 1, 1)
    if rank == 0:
        return float("nan"), 0, df2, float("nan")
    projected = vectors[:, keep].T @ beta
    stat = float(np.sum(projected**2 / values[keep])) / rank
    return stat, rank, df2, float(stats.f.sf(stat, rank, df2))


def dummies(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Dense fixed-effect dummies for ``columns``, the first level of each dropped."""
    blocks = [
        pd.get_dummies(frame[c].astype(str), drop_first=True, dtype=float).to_numpy()
        for c in columns
    ]
    return np.hstack(blocks) if blocks else np.empty((len(frame), 0))


def draw_weights(kind: str, n_clusters: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    """(G, reps) bootstrap weights, Webb six-point or Rademacher."""
    values = WEIGHTS[kind]
    return values[rng.integers(0, len(values), size=(n_clusters, reps))]


def _cluster_stat(
    a: np.ndarray, ystar: np.ndarray, resid: np.ndarray, onehot: np.ndarray
) -> np.ndarray:
    """Wald statistics b' V^-1 b per draw; a: (q, N) rows of (X'X)^-1 X', resid: (N, B)."""
    b = a @ ystar  # (q, B)
    scores = np.stack([onehot @ (row[:, None] * resid) for row in a], axis=-1)  # (G, B, q)
    vcov = np.einsum("gbq,gbr->bqr", scores, scores)
    inverse = np.linalg.pinv(vcov, hermitian=True)
    return np.einsum("qb,bqr,rb->b", b, inverse, b)


def wild_cluster_p(
    X: np.ndarray,
    y: np.ndarray,
    clusters: np.ndarray,
    test: Sequence[int],
    reps: int,
    weights: str,
    seed: int,
) -> float:
    """Wild cluster restricted bootstrap p-value of H0: beta[test] = 0 (WCR, Cameron et al.).

    The null is imposed in the bootstrap data; the statistic is the cluster-robust Wald
    (t² for one coefficient). The small-sample factor cancels, so it is left out.
    """
    test = list(test)
    codes, uniques = pd.factorize(pd.Series(clusters), sort=True)
    onehot = np.eye(len(uniques))[:, codes]  # (G, N)
    proj = np.linalg.pinv(X)  # (K, N): (X'X)^-1 X'
    hat = X @ proj
    a = proj[test]
    observed = _cluster_stat(a, y[:, None], (y - hat @ y)[:, None], onehot)[0]
    keep = [k for k in range(X.shape[1]) if k not in test]
    fitted = X[:, keep] @ (np.linalg.pinv(X[:, keep]) @ y) if keep else np.zeros_like(y)
    resid = y - fitted
    rng = np.random.default_rng(seed)
    exceed, done = 0, 0
    while done < reps:
        block = min(CHUNK, reps - done)
        w = draw_weights(weights, len(uniques), block, rng)[codes]  # (N, B)
        ystar = fitted[:, None] + resid[:, None] * w
        stat = _cluster_stat(a, ystar, ystar - hat @ ystar, onehot)
        exceed += int(np.sum(stat >= observed - 1e-12 * abs(observed)))
        done += block
    return exceed / reps


def wild_cluster_p_linear(
    L: np.ndarray,
    fitted: np.ndarray,
    resid: np.ndarray,
    clusters: np.ndarray,
    estimate: np.ndarray,
    reps: int,
    weights: str,
    seed: int,
) -> float:
    """Unrestricted wild cluster bootstrap p-value for an estimator linear in y (b = L y).

    Draws y* = fitted + resid · w_g, and compares the Mahalanobis distance of b* − b (in the
    bootstrap covariance) with that of b. Used for two-stage estimators where imposing the
    null is not a single restricted regression.
    """
    codes, uniques = pd.factorize(pd.Series(clusters), sort=True)
    rng = np.random.default_rng(seed)
    w = draw_weights(weights, len(uniques), reps, rng)[codes]
    draws = L @ (fitted[:, None] + resid[:, None] * w) - estimate[:, None]  # (q, B)
    vcov = np.atleast_2d(np.cov(draws))
    inverse = np.linalg.pinv(vcov)
    observed = float(estimate @ inverse @ estimate)
    distances = np.einsum("qb,qr,rb->b", draws, inverse, draws)
    return float(np.mean(distances >= observed - 1e-12 * abs(observed)))
