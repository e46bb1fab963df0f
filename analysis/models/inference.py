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


class RestrictedBootstrap:
    """Wild cluster restricted bootstrap (WCR) of one linear combination ``R beta`` in OLS.

    The null ``R beta = r`` is imposed in the bootstrap data; every quantity the statistic
    needs is affine in ``r`` (restricted fit, bootstrap outcome, cluster scores), so the
    p-value is cheap to evaluate at any ``r``, and the interval is the set of ``r`` it does
    not reject at level alpha (test inversion, Roodman et al. 2019). The same weights serve
    every ``r``: the p-value at 0 and the interval bounds come from one bootstrap.
    """

    def __init__(
        self,
        X: np.ndarray,
        y: np.ndarray,
        clusters: np.ndarray,
        R: np.ndarray,
        reps: int,
        weights: str,
        seed: int,
    ) -> None:
        codes, uniques = pd.factorize(pd.Series(clusters), sort=True)
        onehot = np.eye(len(uniques))[:, codes]  # (G, N)
        proj = np.linalg.pinv(X)  # (K, N)
        R = np.asarray(R, dtype=float).ravel()
        a = R @ proj  # (N,)
        self.estimate = float(a @ y)
        resid = y - X @ (proj @ y)
        self.se = float(np.sqrt(np.sum((onehot @ (a * resid)) ** 2)))
        ARt = proj @ proj.T @ R  # (X'X)^-1 R'
        F1 = X @ ARt / float(R @ ARt)  # restricted fit: F0 + r F1
        F0 = X @ (proj @ y) - F1 * self.estimate
        W = draw_weights(weights, len(uniques), reps, np.random.default_rng(seed))  # (G, B)
        # y*(r) = F0 + e ⊙ w + r (F1 − F1 ⊙ w) with e = y − F0 and w constant within
        # clusters. F0 and F1 lie in the column space of X, so the residuals of y*(r) are
        # M(e ⊙ w) − r M(F1 ⊙ w), and their cluster scores are (G × G) maps of W.
        A = onehot @ (a[:, None] * X)  # (G, K): per-cluster sums of a_i x_i
        def scores(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            s = onehot @ (a * v)  # (G,)
            C = proj * v @ onehot.T  # (K, G): per-cluster sums of proj_i v_i
            return s, np.diag(s) - A @ C
        s_e, map_e = scores(y - F0)
        s_1, map_1 = scores(F1)
        self._aP = float(a @ F0) + s_e @ W  # b*(r) − r = aP + r (aQ − 1), aF1 = 1
        self._aQ = -(s_1 @ W)
        self._u = map_e @ W  # cluster scores of the bootstrap residuals: u + r v
        self._v = -(map_1 @ W)
        self.reps = reps

    def p_value(self, r: float = 0.0) -> float:
        """Bootstrap p-value of H0: R beta = r (share of draws with t*² ≥ t²)."""
        if not self.se > 0:
            return float("nan")
        observed = (self.estimate - r) ** 2 / self.se**2
        num = (self._aP + r * self._aQ) ** 2
        var = np.sum((self._u + r * self._v) ** 2, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.where(var > 0, num / var, np.inf)
        return float(np.mean(stat >= observed - 1e-12 * abs(observed)))

    def interval(self, alpha: float = 0.05) -> tuple[float, float]:
        """The values of ``r`` not rejected at ``alpha``: (low, high), NaN if unbounded.

        With few clusters the bootstrap p-value need not fall monotonically away from the
        estimate, so the set not rejected can have gaps: the interval is its hull, found on
        a grid out to ``REACH`` standard errors and always holding ``r = 0`` when the test of
        ``r = 0`` does not reject (the interval and the p-value then agree).
        """
        if not self.se > 0:
            return float("nan"), float("nan")
        return (_bound(self.p_value, self.estimate, -self.se, alpha),
                _bound(self.p_value, self.estimate, self.se, alpha))


#: How far (in standard errors) the search for the last value not rejected looks.
REACH = 20
#: Grid points per standard error in that search.
GRID = 4


def _bound(p_value, start: float, step: float, alpha: float, tries: int = 60) -> float:
    """The farthest point from ``start`` (in the direction of ``step``) not rejected at
    ``alpha``, to 1e-7 of ``step``: the first crossing found by doubling and bisection, then
    pushed past any later value not rejected on a grid out to ``REACH`` steps (and ``0``).
    """
    inside = _crossing(p_value, start, step, alpha, tries)
    if np.isnan(inside):
        return inside
    direction, size = np.sign(step), abs(step)
    probes = [start + direction * size * k / GRID for k in range(1, REACH * GRID + 1)]
    probes.append(0.0)
    beyond = [r for r in probes if (r - inside) * direction > 0 and p_value(r) >= alpha]
    if beyond:
        farthest = max(beyond, key=lambda r: (r - start) * direction)
        return _crossing(p_value, farthest, step, alpha, tries)
    return inside


def _crossing(p_value, start: float, step: float, alpha: float, tries: int) -> float:
    """Where ``p_value`` first falls below ``alpha`` moving from ``start`` by multiples of
    ``step``: brackets the crossing by doubling, then bisects; returns the last value not
    rejected (p ≥ alpha)."""
    inside, distance = start, abs(step)
    for _ in range(tries):
        candidate = start + np.sign(step) * distance
        if p_value(candidate) < alpha:
            outside = candidate
            break
        inside, distance = candidate, 2 * distance
    else:
        return float("nan")
    while abs(outside - inside) > 1e-7 * abs(step):
        middle = (inside + outside) / 2
        if p_value(middle) < alpha:
            outside = middle
        else:
            inside = middle
    return float(inside)


def linear_wild_interval(
    L: np.ndarray,
    fitted: np.ndarray,
    resid: np.ndarray,
    clusters: np.ndarray,
    estimate: float,
    reps: int,
    weights: str,
    seed: int,
    alpha: float = 0.05,
) -> tuple[float, float, float]:
    """(low, high, p at 0) of the unrestricted wild bootstrap of one estimator b = L y.

    p(r) = share of draws with |b* − b| ≥ |b − r| (what ``wild_cluster_p_linear`` computes
    for one coefficient); the interval inverts it: b ± the (1 − alpha) quantile of |b* − b|.
    """
    codes, uniques = pd.factorize(pd.Series(clusters), sort=True)
    rng = np.random.default_rng(seed)
    w = draw_weights(weights, len(uniques), reps, rng)[codes]
    draws = np.abs(np.ravel(L) @ (fitted[:, None] + resid[:, None] * w) - estimate)
    p_zero = float(np.mean(draws >= abs(estimate) - 1e-12 * abs(estimate)))
    ordered = np.sort(draws)
    # largest |b - r| with share(draws >= |b - r|) >= alpha
    k = int(np.ceil(alpha * reps))
    half = float(ordered[reps - k]) if k >= 1 else float("inf")
    return estimate - half, estimate + half, p_zero
