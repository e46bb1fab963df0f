"""Estimators: OLS, TWFE event study, Gardner two-stage DiD, Sun–Abraham interaction-weighted.

Each takes a specification and its estimation frame and returns a ModelResult. Point
estimates and clustered standard errors of OLS, TWFE and did2s come from pyfixest (the
interaction-weighted estimator is in ``interaction_weighted``); t intervals use t(G − 1); the
wild cluster bootstrap gives each term a p-value and an interval by inverting the same test
(analysis.models.inference). Estimator names are those of specifications.yaml.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyfixest as pf

from analysis.models import inference, permutation
from analysis.models import specs as model_specs
from analysis.models.data import identified_rows
from analysis.models.interaction_weighted import guard_thin_terms, sun_abraham
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
    wild: list[tuple[float, float, float]],
    n_clusters: int,
) -> pd.DataFrame:
    """Coefficients with t intervals and, per term, the wild (p, low, high) of ``wild``."""
    low, high, p_value = inference.t_interval(estimate, se, n_clusters, spec.alpha)
    p_wild, low_wild, high_wild = (list(c) for c in zip(*wild, strict=True)) if wild else (
        [], [], [])
    return pd.DataFrame(
        {
            "term": terms,
            "estimate": estimate,
            "std_error": se,
            "ci_low": low,
            "ci_high": high,
            "p_value": p_value,
            "p_value_wild": p_wild,
            "ci_low_wild": low_wild,
            "ci_high_wild": high_wild,
        }
    )


def _wcr(spec: Specification, X: np.ndarray, y: np.ndarray, clusters: np.ndarray,
         k: int) -> tuple[float, float, float]:
    """(p at 0, low, high) of the restricted wild bootstrap of coefficient ``k``."""
    boot = spec.bootstrap
    R = np.zeros(X.shape[1])
    R[k] = 1.0
    wild = inference.RestrictedBootstrap(X, y, clusters, R, boot.reps, boot.weights, boot.seed)
    return (wild.p_value(0.0), *wild.interval(spec.alpha))


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
    clusters = data[spec.cluster].to_numpy()
    wild = [_wcr(spec, X, y, clusters, names.index(t)) for t in terms]
    coefs = _coef_frame(spec, terms, fit.coef().to_numpy(), fit.se().to_numpy(), wild, n_clusters)
    coefs["clusters_at_term"] = n_clusters
    coefs = guard_thin_terms(coefs, spec)
    notes = ["wild p and interval: restricted wild cluster bootstrap, interval by test inversion"]
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, notes=notes)


def _event_time(term: str) -> int:
    return int(float(EVENT_TERM.search(term).group(1)))


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
    usable = coefs["term_status"] == OK if "term_status" in coefs else True
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


def _guard_terms(spec: Specification, coefs: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """Blank the inference of event-time terms seen in fewer than min_term_clusters clusters."""
    seen = data.groupby("event_time_bin")[spec.cluster].nunique()
    coefs = coefs.assign(clusters_at_term=coefs["event_time"].map(seen).fillna(0).astype(int))
    return guard_thin_terms(coefs, spec)


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
    frame, data = data, identified_rows(data)
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
    seen = data.groupby("event_time_bin")[spec.cluster].nunique()
    wild = [
        _wcr(spec, design, y, clusters, k) if seen.get(t, 0) >= spec.min_term_clusters
        else (np.nan, np.nan, np.nan)
        for k, t in enumerate(times)
    ]
    coefs = _coef_frame(
        spec,
        [f"event_time={t}" for t in times],
        est.to_numpy(),
        fit.se().to_numpy(),
        wild,
        n_clusters,
    )
    coefs["event_time"] = times
    coefs = _guard_terms(spec, coefs, data)
    leads = [
        k for k, t in enumerate(times)
        if t < spec.reference and coefs["term_status"].iloc[k] == OK
    ]
    p_joint = (
        inference.wild_cluster_p(design, y, clusters, leads, boot.reps, boot.weights, boot.seed)
        if leads
        else np.nan
    )
    tests = _pretrend(spec, coefs, np.asarray(fit._vcov), n_clusters, p_joint)
    notes = ["wild p and interval: restricted wild cluster bootstrap (WCR) of the "
             "cluster-robust t statistic, interval by test inversion"]
    if spec.options.get("randomisation"):
        tests = pd.concat([tests, _placebo(spec, frame)], ignore_index=True)
        notes.append("placebo: static DiD coefficient under permuted batch membership "
                     f"(df1 = permutations, seed {spec.bootstrap.seed})")
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


def _placebo(spec: Specification, frame: pd.DataFrame) -> pd.DataFrame:
    """Randomisation inference over the batch assignment (``options.randomisation``)."""
    unit, time = spec.options.get("unit", "jurisdiction"), spec.options.get("time", "year")
    reps = int(spec.options["randomisation"].get("reps", 999))
    result = permutation.batch_permutation(frame, spec.outcome, unit, time, spec.reference,
                                           reps, spec.bootstrap.seed)
    return pd.DataFrame([{"test": "placebo_batch_permutation[static DiD]",
                          "statistic": result["statistic"], "df1": result["draws"],
                          "df2": np.nan, "p_value": result["p_value"],
                          "p_value_wild": np.nan}])


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
    usable = [k for k in range(len(times)) if coefs["term_status"].iloc[k] == OK]
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
    data = identified_rows(data)
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
    wild = []
    for k in range(len(times)):
        low, high, p = inference.linear_wild_interval(
            L[[k]], fitted, resid, clusters, float(beta[k]), boot.reps, boot.weights,
            boot.seed, spec.alpha)
        wild.append((p, low, high))
    coefs = _coef_frame(
        spec, [f"event_time={t}" for t in times], beta, fit.se().to_numpy(), wild, n_clusters
    )
    coefs["event_time"] = times
    coefs = _guard_terms(spec, coefs, data)
    # Lead "coefficients" of an imputation estimator are mean first-stage residuals of
    # untreated rows, not pre-trend evidence: only the post-event terms are reported, and the
    # pre-trend test is the regression of untreated rows on leads (BJS 2024).
    coefs = coefs[coefs["event_time"] >= 0].reset_index(drop=True)
    tests = _untreated_lead_test(spec, data)
    notes.append(
        "wild p and interval: unrestricted wild cluster bootstrap of both stages "
        "(|b* − b| against |b − r|), interval by test inversion"
    )
    notes.append(
        "leads not reported (residual means of first-stage rows); the pre-trend test is a "
        "TWFE regression of untreated rows on leads (BJS 2024)"
    )
    return ModelResult(spec, OK, n_obs, n_clusters, coefs, tests, notes)


#: The implementation of each estimator declared in specifications.yaml, by function name.
IMPLEMENTATIONS: dict[str, Callable[[Specification, pd.DataFrame], ModelResult]] = {
    f.__name__: f for f in (ols, twfe_event_study, did2s, sun_abraham)
}
if set(IMPLEMENTATIONS) != set(model_specs.ESTIMATORS):
    raise ImportError(
        f"estimators declared in {model_specs.SPEC_FILE.name} "
        f"({sorted(model_specs.ESTIMATORS)}) and implemented ({sorted(IMPLEMENTATIONS)}) differ"
    )
