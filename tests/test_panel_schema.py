"""Checks that stop the build: schemas from tables.yaml, reference checksums, external files."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.errors import InputError
from analysis.panel import external, metadata, reference, schema


def frame(table: str, *rows: dict) -> pd.DataFrame:
    base = {c: pd.NA for c in metadata.columns(table)}
    return metadata.cast(pd.DataFrame([{**base, **r} for r in rows], columns=list(base)), table)


def test_completed_above_total_is_caught_with_the_row():
    recs = frame("records",
                 {"doc_id": "ok", "jurisdiction": "甲省", "level": "province",
                  "tasks_total": 10, "tasks_completed": 10},
                 {"doc_id": "bad", "jurisdiction": "乙省", "level": "province",
                  "tasks_total": 10, "tasks_completed": 11})
    with pytest.raises(schema.SchemaViolation) as err:
        schema.validate(recs, "records")
    message = str(err.value)
    assert message.startswith("table records: 1 row(s)")
    assert "tasks_completed <= tasks_total" in message and "乙省" in message
    assert "甲省" not in message
    assert err.value.rows["doc_id"].tolist() == ["bad"]


def test_ratio_above_100_is_caught_with_the_row():
    ments = frame("mentions",
                  {"doc_id": "d", "jurisdiction": "甲省", "variable": "good_air_ratio",
                   "year": 2022, "value": 120, "start": 1, "end": 5},
                  {"doc_id": "d", "jurisdiction": "甲省", "variable": "funding_cny",
                   "year": 2022, "value": 120, "start": 9, "end": 12})
    with pytest.raises(schema.SchemaViolation) as err:
        schema.validate(ments, "mentions")
    assert "table mentions" in str(err.value)
    assert err.value.rows["variable"].tolist() == ["good_air_ratio"]  # 120 yuan is fine


def test_panel_rate_and_pm25_constraints():
    base = {"jurisdiction": "甲省", "level": "province", "year": 2021, "completion_rate": 0.5}
    schema.validate(frame("panel", base), "panel")
    with pytest.raises(schema.SchemaViolation, match="completion_rate"):
        schema.validate(frame("panel", {**base, "completion_rate": 1.2}), "panel")
    with pytest.raises(schema.SchemaViolation, match="pm25"):
        schema.validate(frame("panel", {**base, "pm25": 0.0}), "panel")
    with pytest.raises(schema.SchemaViolation, match="multiple_fields_uniqueness"):
        schema.validate(frame("panel", base, base), "panel")


def test_committed_reference_matches_manifest():
    reference.verify_manifest(paths.REFERENCE)


def test_reference_checksum_mismatch_stops(tmp_path):
    for path in paths.REFERENCE.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    reference.verify_manifest(tmp_path)
    with open(tmp_path / reference.OUTCOMES, "a", encoding="utf-8") as handle:
        handle.write("山西省,2023,pm25,37,ug/m3,http://x\n")
    with pytest.raises(InputError, match=f"{reference.OUTCOMES}: checksum mismatch"):
        reference.verify_manifest(tmp_path)


def test_unlisted_reference_file_stops(tmp_path):
    (tmp_path / reference.MANIFEST).write_bytes((paths.REFERENCE / reference.MANIFEST)
                                                .read_bytes())
    for path in paths.REFERENCE.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "extra.csv").write_text("a\n1\n")
    with pytest.raises(InputError, match="extra.csv: reference file not listed"):
        reference.verify_manifest(tmp_path)


GOOD = """jurisdiction,year,variable,value,unit,source,months
山西省,2021,pm25,39,ug/m3,Yearbook 2022 t10-3,
山西省,2022,good_air_ratio,80.5,pct,Bulletin,1-11
"""


def test_external_outcomes_merge(tmp_path):
    (tmp_path / "b.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.csv").write_text("jurisdiction,year,variable,value,unit,source\n"
                                    "河南省,2020,water_good_ratio,77.7,pct,Own\n")
    got = external.read_all(tmp_path)
    assert got["file"].tolist() == ["a.csv", "b.csv", "b.csv"]
    assert got["value"].tolist() == [77.7, 39.0, 80.5]
    assert got["months"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize("line, problem", [
    ("山西省,2021,pm10,39,ug/m3,Y,", "row 2: unknown variable 'pm10'"),
    ("山西省,2021,good_air_ratio,120,pct,Y,", "row 2: value 120.0 out of range"),
    ("山西省,2021.5,pm25,39,ug/m3,Y,", "row 2: year '2021.5' is not an integer year"),
    ("山西省,2021,pm25,39,pct,Y,", "row 2: unit 'pct' for pm25"),
    ("山西省,2021,pm25,,ug/m3,Y,", "row 2: value is empty"),
])
def test_bad_external_file_names_file_and_row(tmp_path, line, problem):
    path = tmp_path / "mine.csv"
    path.write_text("jurisdiction,year,variable,value,unit,source,months\n" + line + "\n")
    with pytest.raises(InputError) as err:
        external.read_all(tmp_path)
    assert str(err.value).startswith(f"{path}: {problem}")


def test_unknown_external_column(tmp_path):
    (tmp_path / "x.csv").write_text(GOOD.replace("months", "note"), encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.csv: unknown column\(s\) \['note'\]"):
        external.read_all(tmp_path)


def test_one_span_may_give_values_for_two_periods():
    row = {"doc_id": "d", "jurisdiction": "甲市", "variable": "water_good_ratio",
           "value": 100, "start": 520, "end": 537}
    ments = frame("mentions", {**row, "year": 2022}, {**row, "year": 2023, "months": "1-4"})
    schema.validate(ments, "mentions")
    with pytest.raises(schema.SchemaViolation, match="uniqueness"):
        schema.validate(frame("mentions", {**row, "year": 2022}, {**row, "year": 2022}),
                        "mentions")
