"""Data dictionary: a valid Frictionless package, README and a labelled, stable Stata file."""

from __future__ import annotations

import json

import pandas as pd
from frictionless import Package, validate

from analysis import dictionary, paths
from analysis.outputs import write_table
from analysis.panel import metadata


def sample_panel(**overrides) -> pd.DataFrame:
    base = {c: pd.NA for c in metadata.columns("panel")}
    rows = [{**base, "jurisdiction": "山西省", "level": "province", "year": 2021,
             "pm25": 39.0, "pm25_self_derived": True, "tasks_total": 82, "tasks_completed": 59,
             "completion_rate": 59 / 82, "inspection_round": "2", **overrides},
            {**base, "jurisdiction": "河源市", "level": "prefecture", "parent": "广东省",
             "year": 2022, "good_air_ratio": 96.2}]
    return metadata.cast(pd.DataFrame(rows, columns=list(base)), "panel")


def report(path) -> list[str]:
    result = validate(str(path))
    return [e.message for task in result.tasks for e in task.errors] + (
        [] if result.valid else ["invalid"])


def test_datapackage_is_valid(tmp_path):
    write_table(sample_panel(), tmp_path / "panel")
    dictionary.write_all(tmp_path)
    path = tmp_path / "datapackage.json"
    assert report(path) == []
    package = Package(str(path))
    assert package.resource_names == ["panel"]  # only the CSVs present
    schema = json.loads(path.read_text())["resources"][0]["schema"]
    assert schema["primaryKey"] == ["jurisdiction", "year"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["good_air_ratio"]["constraints"] == {"minimum": 0, "maximum": 100}
    assert fields["pm25"]["unit"] == "ug/m3"


def test_datapackage_flags_a_bad_value(tmp_path):
    write_table(sample_panel(completion_rate=1.5), tmp_path / "panel")
    dictionary.write_all(tmp_path)
    assert any("completion_rate" in m or "constraint" in m
               for m in report(tmp_path / "datapackage.json"))


def test_readme_documents_every_table_and_precedence(tmp_path):
    dictionary.write_all(tmp_path)
    text = (tmp_path / "README.md").read_text()
    for name in metadata.table_names():
        assert f"## {name} (`" in text
    assert "independent series (external > reference)" in text
    assert "(document > derived)" in text


def test_stata_labels_and_stable_bytes(tmp_path):
    panel = sample_panel()
    dictionary.write_all(tmp_path, panel)
    first = (tmp_path / "panel.dta").read_bytes()
    assert dictionary.panel_dta_bytes(panel) == first
    with pd.io.stata.StataReader(tmp_path / "panel.dta") as reader:
        labels = reader.variable_labels()
        data = reader.read()
    assert labels["completion_rate"].startswith("tasks_completed / tasks_total")
    assert data.loc[0, "pm25_self_derived"] == 1 and pd.isna(data.loc[1, "pm25"])
    assert data.loc[1, "parent"] == "广东省" and data.loc[0, "parent"] == ""


def test_measured_variables_are_declared_once_in_the_codebook():
    import pandas as pd

    from analysis.panel import metadata, schema

    assert "variables" not in metadata.load()  # tables.yaml does not restate them
    assert metadata.variables()["pm25"]["unit"] == "ug/m3"
    frame = pd.DataFrame({"variable": ["pm25"] * 3 + ["good_air_ratio"],
                          "value": [0.0, 35.0, 600.0, 100.0]})
    assert schema.value_in_range(frame, "variable").tolist() == [False, True, False, True]


def test_the_data_package_states_its_licence_and_sources(tmp_path):
    from analysis.dictionary import datapackage

    descriptor = datapackage(tmp_path)
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    named = {source["path"] for source in descriptor["sources"]}
    assert {"data/raw/manifest.csv", "data/raw/reference/provincial_outcomes.csv",
            "data/raw/reference/central_inspection_schedule.csv"} <= named
    for path in named:
        assert (paths.PACKAGE.parent / path).exists(), path
