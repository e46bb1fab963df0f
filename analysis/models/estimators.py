"""Estimators: OLS, TWFE event study, Gardner two-stage DiD, Sun–Abraham (via pyfixest).

Each takes a specification and its estimation frame and returns a ModelResult; point
estimates and clustered standard errors come from pyfixest, intervals use t(G − 1), and the
few-cluster p-values come from a seeded wild cluster bootstrap (analysis.models.inference).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyfixest as pf

from analysis.models import inference
from analysis.models.results import OK, ModelResult, not_estimable
from analysis.models.specs import Specification

EVENT_TERM = re.compile(r"::(-?\d+(?:\.0)?)")


#: Convergence tolerance of pyfixest's fixed-effect demeaning, far below its default so that
#: the reported digits do not depend on the iterations' path.
FIXEF_TOL = 1e-13


def _variables(formula: str) -> tuple[str, list[str], list[str]]:
    """(outcome, regressors, fixed effects) of a simple `y ~ a + b | fe1 + fe2` formula."""
    left, right = formula.split("~", 1)
    rhs, _, fe = right.partition("|")
    names = [t.strip() for t in rhs.split("+") if t.strip() and t.strip() not in {"0", "1"}]
    return left.strip(), names, [t.strip() for t in fe.split("+") if t.strip()]


def _size_check(spec: Specification, data: pd.DataFrame, n_params: int) -> str | None:
    n_obs, n_clusters = len(data), data[spec.cluster].nunique()
    if n_obs < spec.min_obs:
        return f"{n_obs} observations < minimum {spec.min_obs}"
    if n_clusters < spec.min_clusters:
        return f"{n_clusters} clusters < minimum {spec.min_clusters}"
    if n_obs - n_params < spec.min_resid_df:
        return f"{n_obs} observations for {n_params} parameters (residual df < {spec.min_resid_df})"
    return None


def _coef_frame(
    spec: Specification,
    terms: list[str],
    estimate: np.ndarray,
    se: np.ndarray,
    p_wild: list[float],
    n_clusters: int,
) -> pd.DataFrame:
    low, high, p_value = inference.t_interval(estimate, se, n_clusters, spec.alpha)
    return pd.DataFrame(
        {
            "term": terms,
            "estimate": estimate,
            "std_error": se,
            "ci_low": low,
            "ci_high": high,
            "p_value": p_value,
            "p_value_wild": p_wild,
        }
    )


def _quiet(call: Callable[[], object]) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


def ols(spec: Specification, data: pd.DataFrame) -> ModelResult:
    """Cross-sectional OLS with cluster-robust SEs and wild-bootstrap p-values per term."""
    outcome, regressors, fixed = _variables(spec.formula)
    data = data.dropna(subset=[outcome, *regressors, spec.cluster]).reset_index(drop=True)
    constant = [c for c in regressors if data[c].nunique() < 2]
    if constant:
        return not_estimable(
            spec, f"no variation in {', '.join(constant)}", len(data), data[spec.cluster].nunique()
        )
    reason = _size_check(spec, data, len(regressors) + 1)
    n_obs, n_clusters = len(data), data[spec.cluster].nunique()
    if reason:
        return not_estimable(spec, reason, n_obs, n_clusters)
    fit = _quiet(
        lambda: pf.feols(spec.formula, data=data, vcov={"CRV1": spec.cluster}, fixef_tol=FIXEF_TOL)
    )
    terms = [t for t in fit.coef().index]
    X = np.column_stack(
        [np.ones(n_obs), data[regressors].to_numpy(float), inference.dummies(data, fixed)]
    )
    names = ["Intercept", *regressors]
    y = data[outcome].to_numpy(float)
    boot = spec.bootstrap
    p_wild = [
        inference.wild_cluster_p(
            X,
            y,
            data[spec.cluster].to_numpy(),
            [names.index(t)],
            boot.reps,
            boot.weights,
            boot.seed,
        )
        for t in terms
    ]
    coefs = _coef_frame(spec, terms, fit.coef().to_numpy(), fit.se().to_numpy(), p_wild, n_clusters)
    return ModelResult(spec, OK, n_obs, n_clusters, coefs)


def _event_time(term: str) -> int:
    return int(float(EVENT_TERM.search(term).group(1)))


def _cohort(term: str) -> int:
    return int(float(term.rsplit("::", 1)[1]))


def _event_design(data: pd.DataFrame, bins: list[int], spec: Specification) -> np.ndarray:
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    events = np.column_stack([(data["event_time_bin"] == b).to_numpy(float) for b in bins])
    return np.column_stack([events, np.ones(len(data)), inference.dummies(data, [unit, time])])


def _pretrend(
    spec: Specification,
    coefs: pd.DataFrame,
    vcov: np.ndarray,
    n_clusters: int,
    p_wild: float,
) -> pd.DataFrame:
    usable = coefs["status"].isna() if "status" in coefs else True
    leads = coefs.index[(coefs["event_time"] < spec.reference) & usable].tolist()
    if not leads:
        return pd.DataFrame()
    beta = coefs.loc[leads, "estimate"].to_numpy()
    stat, df1, df2, p = inference.wald_f(beta, vcov[np.ix_(leads, leads)], n_clusters)
    label = ",".join(str(int(e)) for e in coefs.loc[leads, "event_time"])
    return pd.DataFrame(
        [
            {
                "test": f"pretrend_joint[{label}]",
                "statistic": stat,
                "df1": df1,
                "df2": df2,
                "p_value": p,
                "p_value_wild": p_wild,
            }
        ]
    )


def _guard_terms(
    spec: Specification,
    coefs: pd.DataFrame,
    data: pd.DataFrame,
    seen: pd.Series | None = None,
) -> pd.DataFrame:
    """Blank the inference of event-time terms seen in fewer than min_term_clusters clusters.

    ``seen`` (clusters per event time) defaults to the clusters observed at each bin.
    """
    if seen is None:
        seen = data.groupby("event_time_bin")[spec.cluster].nunique()
    counts = coefs["event_time"].map(seen).fillna(0).astype(int)
    thin = counts < spec.min_term_clusters
    coefs = coefs.copy()
    coefs["status"] = pd.Series(pd.NA, index=coefs.index, dtype="object")
    columns = ["std_error", "ci_low", "ci_high", "p_value", "p_value_wild"]
    coefs.loc[thin, columns] = np.nan
    coefs.loc[thin, "status"] = [
        f"not estimable: {n} cluster(s) at this event time < minimum {spec.min_term_clusters}"
        for n in counts[thin]
    ]
    return coefs


def _event_check(spec: Specification, data: pd.DataFrame) -> str | None:
    if data.empty:
        return "no observations with the outcome and a feedback year"
    if not (data["event_time_bin"] == spec.reference).any():
        return f"no observation at the reference period {spec.reference}"
    if not (data["event_time_bin"] >= 0).any():
        return "no post-feedback observation"
    return None


def twfe_event_study(spec: Specification, data: pd.DataFrame) -> ModelResult:
    """Binned event study with unit and year fixed effects (pyfixest ``feols``)."""
    reason = _event_check(spec, data)
    bins = sorted(set(data["event_time_bin"]) - {spec.reference}) if reason is None else []
    n_params = (
        len(bins)
        + data[spec.options.get("unit", "jurisdiction")].nunique()
        + data[spec.options.get("time", "year")].nunique()
        - 1
        if reason is None
        else 0
    )
    reason = reason or _size_check(spec, data, n_params)
    n_obs, n_clusters = len(data), data[spec.cluster].nunique() if len(data) else 0
    if reason:
        return not_estimable(spec, reason, n_obs, n_clusters)
    fit = _quiet(
        lambda: pf.feols(spec.formula, data=data, vcov={"CRV1": spec.cluster}, fixef_tol=FIXEF_TOL)
    )
    est = fit.coef()
    times = [_event_time(t) for t in est.index]
    design = _event_design(data, times, spec)
    y = data[spec.outcome].to_numpy(float)
    clusters = data[spec.cluster].to_numpy()
    boot = spec.bootstrap
    p_wild = [
        inference.wild_cluster_p(design, y, clusters, [k], boot.reps, boot.weights, boot.seed)
        for k in range(len(times))
    ]
    coefs = _coef_frame(
        spec,
        [f"event_time={t}" for t in times],
        est.to_numpy(),
        fit.se().to_numpy(),
        p_wild,
        n_clusters,
    )
    coefs["event_time"] = times
    coefs = _guard_terms(spec, coefs, data)
    leads = [
        k for k, t in enumerate(times) if t < spec.reference and pd.isna(coefs["status"].iloc[k])
    ]
    p_joint = (
        inference.wild_cluster_p(design, y, clusters, leads, boot.reps, boot.weights, boot.seed)
        if leads
        else np.nan
    )
    tests = _pretrend(spec, coefs, np.asarray(fit._vcov), n_clusters, p_joint)
    notes = ["wild p: restricted wild cluster bootstrap (WCR), cluster-robust Wald statistic"]
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


def _untreated_lead_test(spec: Specification, data: pd.DataFrame) -> pd.DataFrame:
    """Joint test of leads on untreated rows only (Borusyak–Jaravel–Spiess pre-trend test)."""
    untreated = data[data["treated"] == 0].reset_index(drop=True)
    leads = sorted(set(untreated["event_time_bin"]) - {spec.reference})
    if not leads or not (untreated["event_time_bin"] == spec.reference).any():
        return pd.DataFrame()
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    formula = f"{spec.outcome} ~ i(event_time_bin, ref={spec.reference}) | {unit} + {time}"
    fit = _quiet(
        lambda: pf.feols(formula, data=untreated, vcov={"CRV1": spec.cluster}, fixef_tol=FIXEF_TOL)
    )
    times = [_event_time(t) for t in fit.coef().index]
    coefs = pd.DataFrame({"event_time": times, "estimate": fit.coef().to_numpy()})
    coefs = _guard_terms(spec, coefs, untreated)
    usable = [k for k in range(len(times)) if pd.isna(coefs["status"].iloc[k])]
    if not usable:
        return pd.DataFrame()
    design = _event_design(untreated, times, spec)
    boot = spec.bootstrap
    p_wild = inference.wild_cluster_p(
        design,
        untreated[spec.outcome].to_numpy(float),
        untreated[spec.cluster].to_numpy(),
        usable,
        boot.reps,
        boot.weights,
        boot.seed,
    )
    tests = _pretrend(spec, coefs, np.asarray(fit._vcov), untreated[spec.cluster].nunique(), p_wild)
    tests["test"] = tests["test"].str.replace("pretrend_joint", "pretrend_untreated")
    return tests


def _identified(data: pd.DataFrame, unit: str, time: str) -> tuple[pd.DataFrame, list[str]]:
    """Drop units and years with fewer than two untreated rows until none is left to drop.

    A unit or year without untreated rows has no imputed counterfactual; one with a single
    untreated row is a singleton fixed effect in the first stage, which pyfixest's did2s
    variance cannot handle. Both are dropped, and the notes say how many.
    """
    notes = []
    while True:
        untreated = data[data["treated"] == 0]
        unit_rows = untreated[unit].value_counts()
        year_rows = untreated[time].value_counts()
        bad_units = {u for u in set(data[unit]) if unit_rows.get(u, 0) < 2}
        bad_years = {y for y in set(data[time]) if year_rows.get(y, 0) < 2}
        if not bad_units and not bad_years:
            return data, notes
        if bad_units:
            notes.append(f"{len(bad_units)} unit(s) with fewer than two untreated years dropped")
        if bad_years:
            notes.append(
                f"year(s) {sorted(int(y) for y in bad_years)} with fewer than two "
                "untreated units dropped (no imputed counterfactual)"
            )
        data = data[~data[unit].isin(bad_units) & ~data[time].isin(bad_years)]


def _did2s_linear(
    data: pd.DataFrame, bins: list[int], spec: Specification
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(L, fitted, resid) with beta = L y: the two-stage estimator as a linear map of y."""
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    first = np.column_stack([np.ones(len(data)), inference.dummies(data, [unit, time])])
    second = np.column_stack([(data["event_time_bin"] == b).to_numpy(float) for b in bins])
    untreated = (data["treated"] == 0).to_numpy()
    impute = np.zeros((first.shape[1], len(data)))
    impute[:, untreated] = np.linalg.pinv(first[untreated])
    residual_maker = np.eye(len(data)) - first @ impute
    L = np.linalg.pinv(second) @ residual_maker
    y = data[spec.outcome].to_numpy(float)
    fitted = first @ (impute @ y) + second @ (L @ y)
    return L, fitted, y - fitted


def did2s(spec: Specification, data: pd.DataFrame) -> ModelResult:
    """Gardner's two-stage DiD: FE from untreated rows, then event-time dummies on residuals."""
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    data, notes = _identified(data, unit, time) if len(data) else (data, [])
    data = data.reset_index(drop=True)
    reason = _event_check(spec, data)
    bins = sorted(set(data["event_time_bin"]) - {spec.reference}) if reason is None else []
    reason = reason or _size_check(
        spec, data, len(bins) + data[unit].nunique() + data[time].nunique() - 1
    )
    n_obs, n_clusters = len(data), data[spec.cluster].nunique() if len(data) else 0
    if reason:
        return not_estimable(spec, reason, n_obs, n_clusters, notes)
    second_stage = "~" + spec.formula.split("~", 1)[1]
    fit = _quiet(
        lambda: pf.did2s(
            data,
            yname=spec.outcome,
            first_stage=spec.options["first_stage"],
            second_stage=second_stage,
            treatment="treated",
            cluster=spec.cluster,
        )
    )
    est = fit.coef()
    times = [_event_time(t) for t in est.index]
    L, fitted, resid = _did2s_linear(data, times, spec)
    clusters = data[spec.cluster].to_numpy()
    boot = spec.bootstrap
    beta = est.to_numpy()
    p_wild = [
        inference.wild_cluster_p_linear(
            L[[k]], fitted, resid, clusters, beta[[k]], boot.reps, boot.weights, boot.seed
        )
        for k in range(len(times))
    ]
    coefs = _coef_frame(
        spec, [f"event_time={t}" for t in times], beta, fit.se().to_numpy(), p_wild, n_clusters
    )
    coefs["event_time"] = times
    coefs = _guard_terms(spec, coefs, data)
    tests = _untreated_lead_test(spec, data)
    notes.append(
        "wild p: unrestricted wild cluster bootstrap of both stages (percentile of "
        "the bootstrap Mahalanobis distance)"
    )
    notes.append(
        "lead coefficients are residual means of rows used in the first stage; the "
        "pre-trend test is a TWFE regression of untreated rows on leads (BJS 2024)"
    )
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


def sun_abraham(spec: Specification, data: pd.DataFrame) -> ModelResult:
    """Sun–Abraham interaction-weighted event study (pyfixest saturated, cohort shares).

    With no never-treated unit the last-treated cohort is the control group and years from
    its treatment on are dropped. Event times are not binned; those in the window are shown.
    """
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    notes: list[str] = []
    data = data.copy()
    if len(data) and data["cohort"].nunique() > 1:
        last = data["cohort"].max()
        data = data[data[time] < last].copy()
        data["cohort"] = np.where(data["cohort"] == last, 0, data["cohort"])
        notes.append(
            f"last-treated cohort ({int(last)}) used as control; years >= {int(last)} dropped"
        )
    reason = None if len(data) else "no observations with the outcome and a feedback year"
    if reason is None and data["cohort"].nunique() < 2:
        reason = "fewer than two feedback cohorts (no control cohort)"
    reason = reason or _event_check(spec, data.assign(event_time_bin=data["event_time"]))
    reason = reason or _size_check(spec, data, data[unit].nunique() + data[time].nunique())
    n_obs, n_clusters = len(data), data[spec.cluster].nunique() if len(data) else 0
    if reason:
        return not_estimable(spec, reason, n_obs, n_clusters, notes)
    fit = _quiet(
        lambda: pf.event_study(
            data,
            yname=spec.outcome,
            idname=unit,
            tname=time,
            gname="cohort",
            estimator="saturated",
            cluster=spec.cluster,
        )
    )
    n_params = len(fit.coef()) + data[unit].nunique() + data[time].nunique() - 1
    reason = _size_check(spec, data, n_params)
    if reason:
        return not_estimable(spec, reason, n_obs, n_clusters, notes)
    agg = _quiet(lambda: fit.aggregate(weighting="shares"))
    low, high = spec.window()
    periods = np.array([float(p) for p in agg.index])
    keep = (periods >= low) & (periods <= high) & (periods != spec.reference)
    agg, periods = agg[keep], periods[keep].astype(int)
    estimate = agg["Estimate"].to_numpy(float)
    coefs = _coef_frame(
        spec,
        [f"event_time={t}" for t in periods],
        estimate,
        agg["Std. Error"].to_numpy(float),
        [np.nan] * len(periods),
        n_clusters,
    )
    coefs["event_time"] = periods
    cells = data.groupby(["cohort", "event_time"])[spec.cluster].nunique()
    treated_cells = cells[cells.index.get_level_values("cohort") != 0]
    thinnest = treated_cells.groupby(level="event_time").min()  # weakest cohort cell
    coefs = _guard_terms(spec, coefs, data, seen=thinnest)
    names = list(fit.coef().index)
    leads = [
        k
        for k, n in enumerate(names)
        if _event_time(n) < spec.reference
        and cells.get((_cohort(n), _event_time(n)), 0) >= spec.min_term_clusters
    ]
    tests = pd.DataFrame()
    if leads:
        beta = fit.coef().to_numpy()[leads]
        vcov = np.asarray(fit._vcov)[np.ix_(leads, leads)]
        stat, df1, df2, p = inference.wald_f(beta, vcov, n_clusters)
        tests = pd.DataFrame(
            [
                {
                    "test": "pretrend_joint[cohort x lead]",
                    "statistic": stat,
                    "df1": df1,
                    "df2": df2,
                    "p_value": p,
                    "p_value_wild": np.nan,
                }
            ]
        )
    notes.append(
        "wild bootstrap not computed for the interaction-weighted aggregate; a term "
        "needs min_term_clusters clusters in every cohort cell it averages"
    )
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


ESTIMATORS: dict[str, Callable[[Specification, pd.DataFrame], ModelResult]] = {
    "ols": ols,
    "twfe_event_study": twfe_event_study,
    "did2s": did2s,
    "sun_abraham": sun_abraham,
}
