"""The numbers in the report's text agree with the tables it shows: each is recomputed here
from the table files with plain pandas (not with the report's own functions)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.report import facts as report_facts
from analysis.report import sources
from analysis.report import tables as report_tables

ROOT = Path(__file__).resolve().parents[1]

RECORDS = ",".join([
    "doc_id", "jurisdiction", "level", "doc_type", "inspection_level", "published_date",
    "tasks_total", "tasks_completed", "petitions_total", "petitions_resolved",
    "accountability_people"]) + """
d1,甲省,province,progress,central,2021-05-01,10,8,100,90,5
d2,乙省,province,progress,central,2022-01-01,20,20,50,,
d3,丙市,prefecture,plan,provincial,2020-03-01,,,300,150,7
d4,丁市,prefecture,progress,central,2023-03-01,4,1,10,10,
"""

SPECIFICATIONS = ",".join([
    "spec_id", "family", "outcome", "estimator", "event", "status", "reason", "n_obs",
    "n_clusters", "terms", "terms_with_inference", "seed", "reps", "notes"]) + """
es_twfe.pm25,es_twfe,pm25,twfe_event_study,feedback_year,ok,,60,24,3,2,11,999,
es_twfe.water,es_twfe,water,twfe_event_study,feedback_year,not estimable,31 obs.,31,18,0,0,11,999,
intensity.pm25,intensity,pm25,ols,,ok,,12,9,2,2,11,999,
intensity.water,intensity,water,ols,,not estimable,5 clusters < minimum 6,7,5,0,0,11,999,
"""

# es_twfe.pm25's first row is a term without inference: a status read from the first
# coefficient row would call an estimated specification not estimable.
COEFFICIENTS = ",".join([
    "spec_id", "term", "estimate", "std_error", "ci_low", "ci_high", "p_value", "p_value_wild",
    "ci_low_wild", "ci_high_wild", "clusters_at_term", "term_status", "n_obs", "n_clusters",
    "seed", "status"]) + """
es_twfe.pm25,event_time=-3,1.0,,,,,,,,2,no inference: 2 cluster(s),60,24,11,ok
es_twfe.pm25,event_time=-2,0.5,0.4,-0.3,1.3,0.2,0.3,-0.4,1.4,10,ok,60,24,11,ok
es_twfe.pm25,event_time=0,-2.0,0.5,-3.0,-1.0,0.01,0.02,-3.2,-0.3,12,ok,60,24,11,ok
es_twfe.water,,,,,,,,,,,,31,18,11,not estimable: 31 obs.
intensity.pm25,Intercept,3.0,1.0,1.0,5.0,0.01,0.04,0.2,5.9,9,ok,12,9,11,ok
intensity.pm25,completion_rate,-1.0,2.0,-5.0,3.0,0.6,0.7,-6.0,4.0,9,ok,12,9,11,ok
intensity.water,,,,,,,,,,,,7,5,11,not estimable: 5 clusters < minimum 6
"""


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    clean, out = tmp_path / "clean", tmp_path / "tables"
    clean.mkdir()
    out.mkdir()
    (clean / "records.csv").write_text(RECORDS, encoding="utf-8")
    (out / "models_specifications.csv").write_text(SPECIFICATIONS, encoding="utf-8")
    (out / "models_coefficients.csv").write_text(COEFFICIENTS, encoding="utf-8")
    (out / "models_tests.csv").write_text(
        "spec_id,test,statistic,df1,df2,p_value,p_value_wild,n_obs,n_clusters,seed,status\n"
        "es_twfe.pm25,pretrend_joint[-2],1.5,1,23,0.23,0.31,60,24,11,ok\n", encoding="utf-8")
    monkeypatch.setattr(paths, "CLEAN", clean)
    monkeypatch.setattr(paths, "TABLES", out)
    sources.table.cache_clear()
    yield clean, out
    sources.table.cache_clear()


def _number(text: str) -> float:
    return float(str(text).replace(",", "").rstrip("%"))


def _rows(markdown: object) -> list[list[str]]:
    lines = [line for line in str(markdown.data).splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_corpus_facts_match_the_records_table(tables) -> None:
    clean, _ = tables
    records = pd.read_csv(clean / "records.csv")
    f = report_facts.facts()
    both = records.dropna(subset=["petitions_total", "petitions_resolved"])
    assert _number(f.with_petitions) == len(both) == 3
    assert _number(f.petitions_sum) == both["petitions_total"].sum() == 410
    assert _number(f.petitions_resolved_sum) == both["petitions_resolved"].sum()
    pooled = 100 * both["petitions_resolved"].sum() / both["petitions_total"].sum()
    assert _number(f.resolution_pooled) == pytest.approx(round(pooled, 1))
    rates = (records["tasks_completed"] / records["tasks_total"]).dropna()
    assert _number(f.with_tasks) == len(rates)
    assert _number(f.completion_median) == round(100 * rates.median())
    assert _number(f.accountable_sum) == records["accountability_people"].sum()


def test_model_facts_match_the_tables_the_report_shows(tables) -> None:
    _, out = tables
    specs = pd.read_csv(out / "models_specifications.csv")
    coefs = pd.read_csv(out / "models_coefficients.csv")
    f = report_facts.facts()
    assert _number(f.specs) == len(specs) == 4
    assert _number(f.estimable) == (specs["status"] == "ok").sum() == 2
    assert _number(f.not_estimable) == (specs["status"] != "ok").sum()
    assert _number(f.max_obs) == specs.loc[specs["status"] == "ok", "n_obs"].max()
    assert _number(f.max_clusters) == specs.loc[specs["status"] == "ok", "n_clusters"].max()
    intensity = specs[specs["family"] == "intensity"]
    assert _number(f.intensity_specs) == len(intensity)
    assert _number(f.intensity_estimable) == (intensity["status"] == "ok").sum()
    # the not-estimable table lists exactly the specifications the table calls so ...
    listed = {re.sub(r"[`\s]", "", r[0]).replace("·", ".")
              for r in _rows(report_tables.not_estimable())}
    assert listed == set(specs.loc[specs["status"] != "ok", "spec_id"])
    # ... and none of those the estimates table reports
    estimated = _rows(report_tables.estimates())
    reported = {re.sub(r"[`\s]", "", r[0]).replace("·", ".") for r in estimated}
    assert not listed & reported
    # the counts of coefficients in the text are those of the estimates table
    with_interval = coefs[(coefs["status"] == "ok") & coefs["ci_low_wild"].notna()]
    assert _number(f.coefs) == len(estimated) == len(with_interval) == 4
    covering = ((with_interval["ci_low_wild"] <= 0) & (with_interval["ci_high_wild"] >= 0))
    assert _number(f.coefs_covering_zero) == covering.sum() == 2
    assert _number(f.terms_without_inference) == (coefs["term_status"].fillna("ok") != "ok").sum()
    assert f.seed == str(specs["seed"].iloc[0])


def test_pretrend_sentence_quotes_the_tests_table(tables) -> None:
    text = report_tables.pretrends("pm25").data
    assert "p = 0.230" in text and "wild-bootstrap p = 0.310" in text
    assert "N = 60" in text and "G = 24" in text


@pytest.mark.skipif(not (ROOT / "data" / "clean" / "records.csv").exists(),
                    reason="data/clean/records.csv not built")
def test_corpus_facts_match_the_built_records(monkeypatch: pytest.MonkeyPatch) -> None:
    records = pd.read_csv(ROOT / "data" / "clean" / "records.csv", dtype={"doc_id": str})
    monkeypatch.setattr(paths, "CLEAN", ROOT / "data" / "clean")
    sources.table.cache_clear()
    f = report_facts.facts()
    sources.table.cache_clear()
    both = records.dropna(subset=["petitions_total", "petitions_resolved"])
    assert _number(f.with_petitions) == len(both)
    assert _number(f.petitions_sum) == both["petitions_total"].sum()
    assert _number(f.petitions_resolved_sum) == both["petitions_resolved"].sum()
    assert _number(f.records) == len(records)
