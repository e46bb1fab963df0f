"""Sun–Abraham interaction-weighted event study, on the cohorts the panel states.

One regression of the outcome on cohort × relative-year dummies (every relative year but the
reference) with unit and year fixed effects, on treated cohorts and a control cohort: the
never-treated units, or, where every unit is treated, the last-treated cohort with the years
from its treatment on dropped. A cohort × relative-year cell enters only where the control
cohort is observed in that calendar year. The effect at relative year l is the average of the
cells at l weighted by their share of the treated observations at l (Sun and Abraham 2021),
with the weights held fixed in the variance. Cohorts come from the frame's ``cohort`` column
(the panel's event year), never from the rows observed, so a unit whose post-event years are
missing keeps its cohort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.models import inference
from analysis.models.data import identified_rows
from analysis.models.results import OK, ModelResult, not_estimable
from analysis.models.specs import Specification


def cluster_vcov(X: np.ndarray, resid: np.ndarray, clusters: np.ndarray, k: int) -> np.ndarray:
    """CRV1 covariance with the small-sample factor G/(G−1)·(N−1)/(N−k) (k: non-FE terms)."""
    codes, uniques = pd.factorize(pd.Series(clusters), sort=True)
    n, g = len(resid), len(uniques)
    bread = np.linalg.pinv(X.T @ X)
    scores = np.zeros((g, X.shape[1]))
    np.add.at(scores, codes, X * resid[:, None])
    factor = g / max(g - 1, 1) * (n - 1) / max(n - k, 1)
    return factor * bread @ scores.T @ scores @ bread


def _control(data: pd.DataFrame, time: str) -> tuple[pd.DataFrame, pd.Series, list[str]]:
    """(rows kept, control-unit flag, notes): never-treated, else the last-treated cohort."""
    never = data["cohort"].isna()
    if never.any():
        return data, never, ["never-treated units are the control cohort"]
    last = data["cohort"].max()
    kept = data[data[time] < last]
    return kept, kept["cohort"] == last, [
        f"no never-treated unit: last-treated cohort ({int(last)}) is the control, "
        f"years >= {int(last)} dropped"
    ]


def _cells(data: pd.DataFrame, control: pd.Series, time: str, reference: int) -> tuple[
    pd.DataFrame, list[tuple[int, int]], list[str]
]:
    """Treated rows in calendar years where the control is observed; the cells to estimate."""
    notes = []
    control_years = set(data.loc[control, time])
    treated = ~control
    unseen = treated & ~data[time].isin(control_years)
    if unseen.any():
        notes.append(f"{int(unseen.sum())} treated row(s) in years without a control row dropped")
    data, control = data[~unseen], control[~unseen]
    rel = (data[time] - data["cohort"]).where(~control)
    without_ref = [
        int(c) for c, group in data[~control].groupby("cohort")
        if not (group[time] - c == reference).any()
    ]
    if without_ref:
        notes.append(f"cohort(s) {without_ref} dropped: no observation at the reference year")
        gone = data["cohort"].isin(without_ref) & ~control
        data, control, rel = data[~gone], control[~gone], rel[~gone]
    data = data.assign(rel=rel, control=control)
    cells = sorted(
        {(int(c), int(r)) for c, r in zip(data["cohort"], data["rel"], strict=True)
         if not pd.isna(r) and r != reference}
    )
    return data.reset_index(drop=True), cells, notes


def sun_abraham(spec: Specification, data: pd.DataFrame) -> ModelResult:
    """Interaction-weighted event study (see the module docstring)."""
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    data = identified_rows(data)
    if data.empty:
        return not_estimable(spec, "no observations with the outcome and an event year")
    if data["cohort"].nunique() < 2 and not data["cohort"].isna().any():
        return not_estimable(spec, "fewer than two cohorts (no control cohort)", len(data),
                             data[spec.cluster].nunique())
    kept, control, notes = _control(data, time)
    kept, cells, more = _cells(kept, control, time, spec.reference)
    notes += more
    n_obs, n_clusters = len(kept), kept[spec.cluster].nunique() if len(kept) else 0
    low, high = spec.window()
    shown = sorted({r for _, r in cells if low <= r <= high})
    if not cells or not any(r >= 0 for r in shown):
        return not_estimable(spec, "no post-event cell with a control observed in its year",
                             n_obs, n_clusters, notes)
    n_params = len(cells) + kept[unit].nunique() + kept[time].nunique() - 1
    if n_obs < spec.min_obs or n_clusters < spec.min_clusters or (
        n_obs - n_params < spec.min_resid_df
    ):
        reason = (f"{n_obs} observations, {n_clusters} clusters, {n_params} parameters "
                  f"(minimum {spec.min_obs} observations, {spec.min_clusters} clusters, "
                  f"residual df {spec.min_resid_df})")
        return not_estimable(spec, reason, n_obs, n_clusters, notes)
    D = np.column_stack([
        ((kept["cohort"] == c) & (kept["rel"] == r)).to_numpy(float) for c, r in cells
    ])
    X = np.column_stack([D, np.ones(n_obs), inference.dummies(kept, [unit, time])])
    y = kept[spec.outcome].to_numpy(float)
    clusters = kept[spec.cluster].to_numpy()
    beta = np.linalg.pinv(X) @ y
    vcov = cluster_vcov(X, y - X @ beta, clusters, len(cells))[: len(cells), : len(cells)]
    sizes = np.array([D[:, k].sum() for k in range(len(cells))])
    rows, boot = [], spec.bootstrap
    for horizon in shown:
        at = np.array([r == horizon for _, r in cells])
        weights = np.where(at, sizes, 0.0) / sizes[at].sum()
        seen = kept.loc[(kept["rel"] == horizon), spec.cluster].nunique()
        estimate = float(weights @ beta[: len(cells)])
        se = float(np.sqrt(weights @ vcov @ weights))
        row = {"term": f"event_time={horizon}", "event_time": horizon, "estimate": estimate,
               "std_error": se, "clusters_at_term": seen}
        if seen >= spec.min_term_clusters:
            wild = inference.RestrictedBootstrap(
                X, y, clusters, np.concatenate([weights, np.zeros(X.shape[1] - len(cells))]),
                boot.reps, boot.weights, boot.seed)
            row["p_value_wild"] = wild.p_value(0.0)
            row["ci_low_wild"], row["ci_high_wild"] = wild.interval(spec.alpha)
        rows.append(row)
    coefs = pd.DataFrame(rows)
    t_low, t_high, t_p = inference.t_interval(
        coefs["estimate"].to_numpy(), coefs["std_error"].to_numpy(), n_clusters, spec.alpha)
    coefs["ci_low"], coefs["ci_high"], coefs["p_value"] = t_low, t_high, t_p
    coefs = guard_thin_terms(coefs, spec)
    tests = _lead_test(spec, X, y, clusters, vcov, beta, cells, kept, n_clusters)
    notes.append(
        "cohort weights: share of the treated observations at each relative year, held fixed "
        "in the variance; wild p and interval: restricted wild cluster bootstrap of the "
        "weighted sum, interval by test inversion"
    )
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


THIN = ["std_error", "ci_low", "ci_high", "p_value", "p_value_wild", "ci_low_wild",
        "ci_high_wild"]


def guard_thin_terms(coefs: pd.DataFrame, spec: Specification) -> pd.DataFrame:
    """Blank the inference of terms seen in fewer than ``min_term_clusters`` clusters."""
    coefs = coefs.copy()
    for column in THIN:
        if column not in coefs:
            coefs[column] = np.nan
    thin = coefs["clusters_at_term"] < spec.min_term_clusters
    coefs.loc[thin, THIN] = np.nan
    coefs["term_status"] = pd.Series(OK, index=coefs.index, dtype="object")
    coefs.loc[thin, "term_status"] = [
        f"no inference: {int(n)} cluster(s) at this event time < minimum "
        f"{spec.min_term_clusters}" for n in coefs.loc[thin, "clusters_at_term"]
    ]
    return coefs


def _lead_test(
    spec: Specification, X: np.ndarray, y: np.ndarray, clusters: np.ndarray,
    vcov: np.ndarray, beta: np.ndarray, cells: list[tuple[int, int]], kept: pd.DataFrame,
    n_clusters: int,
) -> pd.DataFrame:
    """Joint test that every cohort × lead cell seen in enough clusters is zero."""
    leads = [
        k for k, (c, r) in enumerate(cells)
        if r < spec.reference and kept.loc[(kept["cohort"] == c) & (kept["rel"] == r),
                                           spec.cluster].nunique() >= spec.min_term_clusters
    ]
    if not leads:
        return pd.DataFrame()
    stat, df1, df2, p = inference.wald_f(beta[leads], vcov[np.ix_(leads, leads)], n_clusters)
    boot = spec.bootstrap
    p_wild = inference.wild_cluster_p(X, y, clusters, leads, boot.reps, boot.weights, boot.seed)
    label = ",".join(f"{c}:{r}" for c, r in (cells[k] for k in leads))
    return pd.DataFrame([{"test": f"pretrend_joint[{label}]", "statistic": stat, "df1": df1,
                          "df2": df2, "p_value": p, "p_value_wild": p_wild}])
