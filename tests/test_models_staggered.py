"""Staggered designs: cohorts from the panel on an unbalanced panel, identified horizons,
bootstrap intervals that invert the bootstrap test, and the batch-permutation placebo."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from test_models_synthetic import synthetic_panel

from analysis.models import data as model_data
from analysis.models import estimate, inference, specs
from analysis.models.interaction_weighted import sun_abraham
from analysis.models.permutation import batch_permutation

FAST = specs.Bootstrap(reps=399, weights="webb", seed=7)
TRUTH = {e: -2.0 - 2.5 * e for e in range(6)}  # effect at each year since the event


def _spec(spec_id: str, **changes: object) -> specs.Specification:
    """The declared specification with a short bootstrap and no permutation placebo."""
    spec = next(s for s in specs.load() if s.id == spec_id)
    options = {k: v for k, v in spec.options.items() if k != "randomisation"}
    return dataclasses.replace(spec, bootstrap=FAST, options=options, **changes)


def unbalanced_panel(seed: int = 0) -> pd.DataFrame:
    """48 provinces, cohorts 2016/2018/2020/2022, a dynamic effect, and missing rows.

    Half of the units of cohorts 2016 and 2018 are not observed in their first two post
    years (their first observed post year is two years late), and four units have no
    observed post year at all; a further 5% of rows are missing at random.
    """
    rng = np.random.default_rng(seed)
    cohorts = (2016, 2018, 2020, 2022)
    rows = []
    for unit in range(48):
        cohort = cohorts[unit % 4]
        late = cohort in (2016, 2018) and unit % 8 < 4
        no_post = unit in (0, 1, 4, 5)
        base = 50 + 10 * rng.random()
        for year in range(2012, 2025):
            e = year - cohort
            if (late and 0 <= e <= 1) or (no_post and e >= 0) or rng.random() < 0.05:
                continue
            y = base - 1.2 * (year - 2012) + (TRUTH.get(e, TRUTH[5]) if e >= 0 else 0.0)
            rows.append({"jurisdiction": f"省{unit:02d}", "level": "province", "year": year,
                         "pm25": y + 0.3 * rng.normal(), "feedback_year": cohort,
                         "inspection_batch": cohorts.index(cohort) + 1,
                         "record_doc_id": None})
    return pd.DataFrame(rows)


def _recomputed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each unit's cohort recomputed from its observed rows (the error): the
    first observed year at or after the event, for the units observed after it."""
    post = frame[frame["year"] >= frame["cohort"]]
    first = post.groupby("jurisdiction")["year"].min()
    wrong = frame.assign(cohort=frame["jurisdiction"].map(first).fillna(frame["cohort"]))
    wrong["event_time"] = wrong["year"] - wrong["cohort"]
    return wrong.drop(columns="identified")


def test_interaction_weighted_uses_the_panels_cohorts_on_an_unbalanced_panel() -> None:
    panel = model_data.tidy_panel(unbalanced_panel())
    spec = _spec("es_sunab.pm25")
    frame = model_data.build(panel, spec).data
    # a unit with no observed post-event year keeps the panel's cohort
    assert (frame.loc[frame["jurisdiction"] == "省04", "cohort"] == 2016).all()
    assert (frame.loc[frame["jurisdiction"] == "省04", "year"] < 2016).all()
    result = sun_abraham(spec, frame)
    assert result.ok, result.status
    post = result.coefs[result.coefs["event_time"].between(0, 3)].set_index("event_time")
    assert len(post) == 4
    errors = (post["estimate"] - post.index.map(TRUTH)).abs()
    assert errors.max() < 0.35, errors
    covered = (post["ci_low_wild"] <= post.index.map(TRUTH)) & (
        post.index.map(TRUTH) <= post["ci_high_wild"])
    assert covered.all()
    leads = result.coefs[result.coefs["event_time"] < -1]
    assert (leads["estimate"].abs() < 0.35).all()
    # the same estimator on cohorts recomputed from the observed rows is badly off
    wrong = sun_abraham(spec, _recomputed(frame))
    wrong_post = wrong.coefs[wrong.coefs["event_time"].between(0, 3)].set_index("event_time")
    assert (wrong_post["estimate"] - wrong_post.index.map(TRUTH)).abs().max() > 1.0


def test_event_frame_keeps_only_horizons_with_a_not_yet_treated_comparison() -> None:
    panel = model_data.tidy_panel(synthetic_panel(cohorts=(2017, 2019, 2021), seed=3))
    frame = model_data.build(panel, _spec("es_twfe.pm25")).data
    kept = frame[frame["identified"]]
    # recompute the rule with plain pandas: each kept non-reference row's year has a unit
    # of another cohort that is not yet treated
    waiting = frame[frame["event_time"] < 0].groupby("year")["cohort"].agg(set)
    for row in kept[kept["event_time"] != -1].itertuples():
        assert waiting.get(row.year, set()) - {row.cohort}, row
    # from 2021 every unit is treated: no row of those years is identified (no never-treated)
    assert not kept["year"].ge(2021).any()
    assert frame["year"].ge(2021).any()
    result = estimate(_spec("es_twfe.pm25"), panel)
    assert "horizon not identified" in " ".join(result.notes)
    assert result.n_obs == len(kept)


def test_endpoint_binning_sensitivity_drops_rows_outside_the_window() -> None:
    panel = model_data.tidy_panel(synthetic_panel(seed=2))
    binned = model_data.build(panel, _spec("es_twfe.pm25")).data
    dropped = model_data.build(panel, _spec("es_twfe_nobin.pm25")).data
    assert binned["event_time_bin"].min() == -3 and (binned["event_time"] < -3).any()
    assert dropped["event_time"].between(-3, 4).all()
    assert len(dropped) == binned["event_time"].between(-3, 4).sum()


def _inverted_bounds_have_the_tests_size(X, y, clusters, k, reps, alpha) -> None:
    R = np.zeros(X.shape[1])
    R[k] = 1.0
    boot = inference.RestrictedBootstrap(X, y, clusters, R, reps, "webb", 5)
    low, high = boot.interval(alpha)
    assert low < boot.estimate < high
    step = 1e-4 * boot.se
    for bound, outward in ((low, -step), (high, step)):
        # at the bound the bootstrap p-value is the size (to the draws' resolution) ...
        assert alpha <= boot.p_value(bound) <= alpha + 1.5 / reps
        # ... and just beyond it the test rejects
        assert boot.p_value(bound + outward) < alpha
    # the p-value of the null of zero agrees with the interval
    assert (boot.p_value(0.0) < alpha) == (not low <= 0.0 <= high)


def test_wild_bootstrap_interval_inverts_the_bootstrap_test() -> None:
    rng = np.random.default_rng(4)
    clusters = np.repeat(np.arange(14), 6)
    x = rng.normal(size=84) + rng.normal(size=14)[clusters]
    z = rng.normal(size=84)
    y = 0.4 * x + rng.normal(size=84) + rng.normal(size=14)[clusters]
    X = np.column_stack([np.ones(84), x, z])
    for k in (1, 2):
        _inverted_bounds_have_the_tests_size(X, y, clusters, k, 999, 0.05)
        _inverted_bounds_have_the_tests_size(X, y, clusters, k, 999, 0.10)


def test_event_study_intervals_agree_with_their_p_values() -> None:
    panel = model_data.tidy_panel(synthetic_panel(effect=-1.0, noise=2.0, seed=5))
    for spec_id in ("es_twfe.pm25", "es_sunab.pm25", "es_did2s.pm25"):
        coefs = estimate(_spec(spec_id), panel).coefs.dropna(subset=["p_value_wild"])
        assert len(coefs) >= 2, spec_id
        outside = ~((coefs["ci_low_wild"] <= 0) & (coefs["ci_high_wild"] >= 0))
        assert ((coefs["p_value_wild"] < 0.05) == outside).all(), spec_id


def test_batch_permutation_placebo_separates_an_effect_from_none() -> None:
    spec = _spec("es_twfe.pm25")
    for effect, small in ((-3.0, True), (0.0, False)):
        panel = model_data.tidy_panel(synthetic_panel(effect=effect, noise=0.5, seed=8,
                                                      years=(2014, 2021)))
        frame = model_data.build(panel, spec).data
        result = batch_permutation(frame, "pm25", "jurisdiction", "year", -1, 199, 3)
        assert result["draws"] == 199
        assert (result["p_value"] < 0.05) is small, result
    again = batch_permutation(frame, "pm25", "jurisdiction", "year", -1, 199, 3)
    assert again == result  # seeded


def test_interval_holds_every_value_the_test_does_not_reject():
    """A p-value that dips below the size and rises again (few clusters): the interval is the
    hull of the values not rejected, so a value not rejected (here 0) is never outside it."""
    from analysis.models.inference import _bound

    def p_value(r: float) -> float:  # estimate 5; rejected on (2.5, 3.5) only, then from -1
        if 2.5 < r < 3.5 or r < -1.0:
            return 0.01
        return 0.5

    low = _bound(p_value, 5.0, -1.0, 0.05)
    assert low <= 0.0 and low == pytest.approx(-1.0, abs=1e-5)
    high = _bound(lambda r: 0.5 if r < 9.0 else 0.01, 5.0, 1.0, 0.05)
    assert high == pytest.approx(9.0, abs=1e-5)
