"""Estimation: specs load, estimators recover known effects, small samples fail politely."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from test_models_synthetic import synthetic_panel

from analysis.models import data as model_data
from analysis.models import estimate, estimate_all, inference, run, specs
from analysis.models.data import identified_rows
from analysis.models.estimators import _did2s_linear, _identified

FAST = specs.Bootstrap(reps=399, weights="webb", seed=7)


def _spec(spec_id: str, **changes: object) -> specs.Specification:
    """The declared specification with a short bootstrap and no permutation placebo."""
    spec = next(s for s in specs.load() if s.id == spec_id)
    options = {k: v for k, v in spec.options.items() if k != "randomisation"}
    return dataclasses.replace(spec, bootstrap=FAST, options=options, **changes)


def _tidy_panel(**kwargs: object) -> pd.DataFrame:
    return model_data.tidy_panel(synthetic_panel(**kwargs))


def _lags(result) -> pd.DataFrame:
    return result.coefs[result.coefs["event_time"] >= 0]


def _leads(result) -> pd.DataFrame:
    return result.coefs[result.coefs["event_time"] < -1]


def test_specifications_cover_required_models() -> None:
    loaded = specs.load()
    families = {s.family for s in loaded}
    assert {"es_twfe", "es_did2s", "intensity_dose", "intensity_did",
            "completion_timing"} <= families
    event = {s.outcome for s in loaded if s.family == "es_twfe"}
    assert event == {"pm25", "good_air_ratio", "water_good_ratio"}
    assert all(s.bootstrap.seed is not None for s in loaded)


def test_unknown_estimator_is_rejected() -> None:
    document = {"specifications": [{"id": "x", "title": "x", "outcomes": ["pm25"],
                                    "formula": "pm25 ~ 1", "estimator": "magic"}]}
    with pytest.raises(ValueError, match="unknown estimator"):
        specs.parse(document)


@pytest.mark.parametrize("spec_id", ["es_twfe.pm25", "es_did2s.pm25", "es_sunab.pm25"])
def test_event_study_recovers_post_effect_and_flat_leads(spec_id: str) -> None:
    panel = _tidy_panel(effect=-3.0, noise=0.5, seed=11)
    result = estimate(_spec(spec_id), panel)
    assert result.ok, result.status
    assert result.n_clusters == 31 and result.n_obs > 100
    lags = _lags(result)
    assert len(lags) >= 3
    assert np.all(np.abs(lags["estimate"] + 3.0) < 0.8)
    assert np.all((lags["ci_low"] < -3.0) | (np.abs(lags["estimate"] + 3.0) < 0.8))
    assert np.all(lags["ci_high"] < 0)  # an effect of -3 with noise 0.5 is detected
    leads = _leads(result)
    if spec_id.startswith("es_did2s"):  # imputation leads are not pre-trend evidence
        assert leads.empty
        assert result.tests["test"].iloc[0].startswith("pretrend_untreated")
    else:
        assert len(leads) >= 1
        assert np.all(np.abs(leads["estimate"]) < 0.8)
    assert result.tests["p_value"].iloc[0] > 0.01


def test_event_study_with_no_effect_shows_none() -> None:
    panel = _tidy_panel(effect=0.0, noise=0.5, seed=3)
    result = estimate(_spec("es_twfe.pm25"), panel)
    assert np.all(np.abs(result.coefs["estimate"]) < 0.8)
    assert result.tests["p_value"].iloc[0] > 0.01


def test_pretrend_test_detects_a_pre_trend() -> None:
    panel = synthetic_panel(effect=0.0, noise=0.3, seed=5)
    pre = panel["event_time"].between(-4, -2)
    panel.loc[pre, "pm25"] += 2.0 * (panel.loc[pre, "event_time"] + 5)  # anticipation
    result = estimate(_spec("es_twfe.pm25"), model_data.tidy_panel(panel))
    test = result.tests.iloc[0]
    assert test["test"].startswith("pretrend_joint")
    assert test["p_value"] < 0.001 and test["p_value_wild"] < 0.01


def test_did2s_linear_map_reproduces_pyfixest() -> None:
    spec = _spec("es_did2s.pm25")
    result = estimate(spec, _tidy_panel(seed=2))
    frame = identified_rows(model_data.build(_tidy_panel(seed=2), spec).data)
    frame, _ = _identified(frame, "jurisdiction", "year")  # as the estimator restricts
    frame = frame.reset_index(drop=True)
    L, _, _ = _did2s_linear(frame, list(result.coefs["event_time"]), spec)
    np.testing.assert_allclose(L @ frame["pm25"].to_numpy(), result.coefs["estimate"],
                               atol=1e-8)


def test_robust_estimators_recover_heterogeneous_dynamics() -> None:
    # effect grows 1 per year after feedback; the robust estimators track each horizon
    panel = _tidy_panel(effect=-3.0, dynamic=-1.0, noise=0.2, seed=4)
    truth = {e: -3.0 - 1.0 * e for e in range(4)}
    for spec_id in ("es_did2s.pm25", "es_sunab.pm25"):
        lags = _lags(estimate(_spec(spec_id), panel))
        lags = lags[lags["event_time"].isin(truth)]
        assert len(lags) >= 2, spec_id
        assert np.abs(lags["estimate"] - lags["event_time"].map(truth)).max() < 0.5, spec_id


def test_intensity_regression_recovers_completion_slope() -> None:
    # post-feedback PM2.5 falls by 10 per unit of completion rate in the synthetic panel
    panel = _tidy_panel(noise=0.3, completion_slope=-10.0, cohorts=(2018,), seed=8)
    result = estimate(_spec("intensity_completion.pm25"), panel)
    row = result.coefs.set_index("term").loc["completion_rate"]
    assert result.n_obs == 31
    assert row["ci_low"] < -10 < row["ci_high"]
    assert abs(row["estimate"] + 10) < 1.5
    assert 0 <= row["p_value_wild"] < 0.05


def test_full_intensity_and_descriptive_models_report_n_and_intervals() -> None:
    panel = _tidy_panel(seed=9)
    for spec_id in ("intensity_completion.pm25",):
        result = estimate(_spec(spec_id), panel)
        assert result.ok, result.status
        assert result.n_obs == 31 and result.n_clusters == 31
        assert (result.coefs["ci_low"] < result.coefs["estimate"]).all()
        assert (result.coefs["estimate"] < result.coefs["ci_high"]).all()
        assert f"N = {result.n_obs}" in result.summary()


def test_derived_values_are_excluded_unless_asked() -> None:
    panel = _tidy_panel(seed=1)  # good_air_ratio of the first year is marked derived
    excluded = estimate(_spec("es_twfe.good_air_ratio"), panel)
    included = estimate(_spec("es_twfe.good_air_ratio", include_derived=True), panel)
    assert included.n_obs - excluded.n_obs == 31


@pytest.mark.parametrize("spec_id", ["es_twfe.pm25", "es_did2s.pm25", "es_sunab.pm25",
                                     "intensity_completion.pm25"])
def test_too_small_sample_is_not_estimable(spec_id: str) -> None:
    panel = _tidy_panel(n_units=3, seed=1)
    result = estimate(_spec(spec_id), panel)
    assert result.status.startswith("not estimable: ")
    tidy = result.tidy()
    assert len(tidy) == 1 and tidy["status"].iloc[0] == result.status
    assert tidy["n_obs"].iloc[0] == result.n_obs


def test_missing_feedback_years_are_not_estimable_not_a_crash() -> None:
    panel = synthetic_panel(n_units=8)
    panel["feedback_year"] = np.nan
    results = estimate_all(panel, [_spec("es_twfe.pm25"), _spec("es_did2s.pm25")])
    assert all(r.status.startswith("not estimable") for r in results)
    assert "without feedback_year" in results[0].notes[0]


def test_min_clusters_is_configurable() -> None:
    result = estimate(_spec("es_twfe.pm25", min_clusters=40), _tidy_panel())
    assert result.status == "not estimable: 31 clusters < minimum 40"


def test_wild_bootstrap_is_seeded_and_rejects_a_large_effect() -> None:
    rng = np.random.default_rng(0)
    clusters = np.repeat(np.arange(12), 5)
    x = rng.normal(size=60)
    y = 2.0 * x + rng.normal(size=60) + rng.normal(size=12)[clusters]
    X = np.column_stack([np.ones(60), x])
    first = inference.wild_cluster_p(X, y, clusters, [1], 999, "webb", 1)
    assert first == inference.wild_cluster_p(X, y, clusters, [1], 999, "webb", 1)
    assert first < 0.01
    null = inference.wild_cluster_p(X, rng.normal(size=60), clusters, [1], 999, "webb", 1)
    assert 0 < null <= 1


def test_wild_bootstrap_p_values_are_roughly_uniform_under_the_null() -> None:
    rng = np.random.default_rng(1)
    clusters = np.repeat(np.arange(8), 6)
    pvalues = []
    for _ in range(60):
        x = rng.normal(size=48) + rng.normal(size=8)[clusters]
        y = rng.normal(size=48) + rng.normal(size=8)[clusters]
        X = np.column_stack([np.ones(48), x])
        pvalues.append(inference.wild_cluster_p(X, y, clusters, [1], 199, "webb", 2))
    rejections = np.mean(np.array(pvalues) < 0.1)
    assert rejections < 0.25  # nominal 0.10; 60 draws


def test_run_writes_tables_byte_identically(tmp_path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    synthetic_panel(seed=6, n_units=16, years=(2014, 2022)).to_csv(clean / "panel.csv",
                                                                  index=False)
    out = tmp_path / "tables"
    written = run(clean, out)
    names = {p.name for p in written}
    assert {"models_coefficients.csv", "models_tests.csv", "models_specifications.csv",
            "models_summary.md",
            "models_summary.html", "models_summary.tex"} <= names
    first = {p.name: p.read_bytes() for p in written}
    run(clean, out)
    assert {p.name: p.read_bytes() for p in written} == first
    coefs = pd.read_csv(out / "models_coefficients.csv")
    assert list(coefs.columns[:4]) == ["spec_id", "term", "estimate", "std_error"]
    row = coefs[(coefs["spec_id"] == "es_twfe.pm25") & (coefs["term"] == "event_time=0")]
    shown = f"{row['estimate'].iloc[0]:.3f}"
    for suffix in ("md", "html", "tex"):
        assert shown in (out / f"models_summary.{suffix}").read_text(encoding="utf-8")


def test_first_round_specification_takes_its_own_event_column() -> None:
    # the effect sits at the first round (two years before the feedback year of the panel)
    panel = synthetic_panel(effect=-3.0, noise=0.5, seed=11, cohorts=(2016, 2018, 2020))
    panel["first_round_feedback_year"] = panel["feedback_year"]
    panel["feedback_year"] = panel["feedback_year"] + 2
    panel = model_data.tidy_panel(panel)
    result = estimate(_spec("es_twfe_round1.pm25"), panel)
    assert result.ok, result.status
    lags = _lags(result)
    assert len(lags) >= 3 and np.all(np.abs(lags["estimate"] + 3.0) < 0.8)
    main = estimate(_spec("es_twfe.pm25"), panel)  # the round-2 event misses the timing
    assert np.abs(_lags(main)["estimate"] + 3.0).max() > 0.8
