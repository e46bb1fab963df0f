"""Build the jurisdiction x year panel: :func:`build_panel` (pure) and :func:`run` (files).

Rows: every province for every year from the earliest to the latest year of the reference
outcomes (widened to any year another source gives a province value for), plus every coded
prefecture or county for the years its documents (or external files) give values for.
Outcome columns hold the chosen full-year value (see ``outcomes``) and the latest
year-to-date value; event columns the central inspection of ``event_round`` (see
``events``); intensity columns the latest progress record, constant across years (see
``intensity``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.outputs import atomic_write_text, write_table
from analysis.panel import events as ev
from analysis.panel import external, metadata, outcomes, reference, schema
from analysis.panel.intensity import intensity, months_to_asof
from analysis.panel.markdown import to_markdown
from analysis.panel.pinyin import pinyin_of

OUTCOME_VARIABLES = ["pm25", "good_air_ratio", "water_good_ratio"]


@dataclass(frozen=True)
class PanelResult:
    """The built tables, each in the column order of tables.yaml."""

    panel: pd.DataFrame
    outcomes: pd.DataFrame
    outcome_disagreements: pd.DataFrame
    schedule_disagreements: pd.DataFrame


def _jurisdictions(
    records: pd.DataFrame, schedule: pd.DataFrame, reference_outcomes: pd.DataFrame
) -> pd.DataFrame:
    """Provinces (schedule, reference, records) and coded prefectures and counties."""
    provinces = set(schedule["province"].dropna()) | set(reference_outcomes["province"].dropna())
    provinces |= set(records.loc[records["level"] == "province", "jurisdiction"])
    coded = records[records["level"] != "province"].sort_values(
        ["published_date", "doc_id"], ascending=[False, True], na_position="last"
    )
    coded = coded.drop_duplicates("jurisdiction")[["jurisdiction", "level", "parent"]]
    coded = coded[~coded["jurisdiction"].isin(provinces)]
    prov = pd.DataFrame({"jurisdiction": sorted(provinces), "level": "province", "parent": pd.NA})
    return pd.concat([prov, coded], ignore_index=True)


def _record_years(records: pd.DataFrame) -> pd.DataFrame:
    """The year each record's figures are stated for: its as-of date, else its publication."""
    when = records["asof"].fillna(records["published_date"])
    years = pd.to_numeric(when.astype("string").str[:4], errors="coerce")
    return pd.DataFrame({"jurisdiction": records["jurisdiction"], "year": years}).dropna()


def _rows(
    places: pd.DataFrame,
    long: pd.DataFrame,
    mentions: pd.DataFrame,
    reference_outcomes: pd.DataFrame,
    records: pd.DataFrame,
) -> pd.DataFrame:
    """The (jurisdiction, year) skeleton with level and parent: provinces over the reference
    years; a prefecture or county for the years its documents give (values stated for a year,
    and the year its rectification figures are stated for)."""
    is_province = places["level"] == "province"
    province_years = set(reference_outcomes["year"].dropna().astype(int))
    province_years |= set(
        long.loc[long["jurisdiction"].isin(places.loc[is_province, "jurisdiction"]), "year"].astype(
            int
        )
    )
    span = range(min(province_years), max(province_years) + 1) if province_years else []
    rows = [(j, y) for j in places.loc[is_province, "jurisdiction"] for y in span]
    stated = pd.concat(
        [
            long[["jurisdiction", "year"]],
            mentions.loc[mentions["year"].notna(), ["jurisdiction", "year"]],
            _record_years(records),
        ]
    )
    for j in places.loc[~is_province, "jurisdiction"]:
        rows += [(j, int(y)) for y in sorted(set(stated.loc[stated["jurisdiction"] == j, "year"]))]
    skeleton = pd.DataFrame(rows, columns=["jurisdiction", "year"])
    return skeleton.merge(places, on="jurisdiction", how="left")


def _full_year_wide(long: pd.DataFrame) -> pd.DataFrame:
    chosen = long[long["chosen"] & long["months"].isna()]
    wide = None
    for var in OUTCOME_VARIABLES:
        part = chosen[chosen["variable"] == var][
            ["jurisdiction", "year", "value", "source", "source_type", "derived"]
        ].rename(
            columns={
                "value": var,
                "source": f"{var}_source",
                "source_type": f"{var}_source_type",
                "derived": f"{var}_derived",
            }
        )
        wide = part if wide is None else wide.merge(part, on=["jurisdiction", "year"], how="outer")
    return wide


def _ytd_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Latest year-to-date value per jurisdiction-year-variable (latest end month, longest)."""
    ytd = long[long["chosen"] & long["months"].notna()].copy()
    bounds = ytd["months"].str.split("-", expand=True).astype(int) if len(ytd) else None
    ytd["_end"] = bounds[1] if bounds is not None else pd.Series(dtype=int)
    ytd["_start"] = bounds[0] if bounds is not None else pd.Series(dtype=int)
    ytd = ytd.sort_values(
        ["jurisdiction", "year", "variable", "_end", "_start"],
        ascending=[True, True, True, False, True],
    )
    ytd = ytd.drop_duplicates(["jurisdiction", "year", "variable"])
    wide = None
    for var in OUTCOME_VARIABLES:
        part = ytd[ytd["variable"] == var][["jurisdiction", "year", "value", "months"]].rename(
            columns={"value": f"{var}_ytd", "months": f"{var}_ytd_months"}
        )
        wide = part if wide is None else wide.merge(part, on=["jurisdiction", "year"], how="outer")
    return wide


def build_panel(
    records: pd.DataFrame,
    mentions: pd.DataFrame,
    schedule: pd.DataFrame,
    reference_outcomes: pd.DataFrame,
    external_outcomes: pd.DataFrame,
    *,
    event_round: int | str = 2,
) -> PanelResult:
    """Build all panel-stage tables from frames (no file access)."""
    records = metadata.cast(records, "records")
    mentions = metadata.cast(mentions, "mentions")
    long = outcomes.collect(mentions, reference_outcomes, external_outcomes)
    places = _jurisdictions(records, schedule, reference_outcomes)
    panel = _rows(places, long, mentions, reference_outcomes, records)
    panel["jurisdiction_pinyin"] = [
        pinyin_of(j, None if pd.isna(p) else p)
        for j, p in zip(panel["jurisdiction"], panel["parent"], strict=True)
    ]
    keys = ["jurisdiction", "year"]
    panel["year"] = panel["year"].astype("Int64")
    for wide in (_full_year_wide(long), _ytd_wide(long)):
        panel = panel.merge(wide.astype({"year": "Int64"}), on=keys, how="left")
    panel = panel.merge(
        ev.events(places, records, schedule, event_round), on="jurisdiction", how="left"
    )
    panel["event_time"] = panel["year"] - panel["feedback_year"]
    panel = panel.merge(intensity(records, mentions), on="jurisdiction", how="left")
    panel["months_to_asof"], panel["months_to_asof_basis"] = months_to_asof(
        panel["feedback_date"], panel["asof"], panel["published_date"]
    )
    panel = panel[metadata.columns("panel")].sort_values(keys).reset_index(drop=True)
    return PanelResult(
        panel=metadata.cast(panel, "panel"),
        outcomes=long,
        outcome_disagreements=outcomes.disagreements(long),
        schedule_disagreements=ev.schedule_disagreements(records, schedule),
    )


def read_inputs(raw_dir: Path, clean_dir: Path) -> dict[str, pd.DataFrame]:
    """Read and check every input: reference checksums, coded tables, external outcomes."""
    reference_dir = raw_dir / "reference"
    reference.verify_manifest(reference_dir)
    inputs = {}
    for name in ("records", "mentions", "evidence"):
        path = clean_dir / metadata.table(name)["path"]
        if name == "evidence" and not path.exists():
            continue
        inputs[name] = schema.validate(metadata.read_csv(path, name), name)
    inputs["schedule"] = reference.read_schedule(reference_dir)
    inputs["reference_outcomes"] = reference.read_outcomes(reference_dir)
    inputs["external_outcomes"] = external.read_all(raw_dir / "outcomes")
    return inputs


def run(
    raw_dir: Path = paths.RAW,
    clean_dir: Path = paths.CLEAN,
    tables_dir: Path = paths.TABLES,
    event_round: int | str = 2,
) -> list[Path]:
    """Read, build, validate and write the panel-stage tables and the data dictionary."""
    from analysis import dictionary  # the dictionary documents every clean table

    raw_dir, clean_dir, tables_dir = Path(raw_dir), Path(clean_dir), Path(tables_dir)
    inputs = read_inputs(raw_dir, clean_dir)
    result = build_panel(
        inputs["records"],
        inputs["mentions"],
        inputs["schedule"],
        inputs["reference_outcomes"],
        inputs["external_outcomes"],
        event_round=event_round,
    )
    written: list[Path] = []
    for name in ("outcomes", "outcome_disagreements", "schedule_disagreements", "panel"):
        frame = schema.validate(getattr(result, name), name)
        formats = ("csv", "parquet") if name in ("outcomes", "panel") else ("csv",)
        written += write_table(frame, clean_dir / name, formats=formats)
    text = to_markdown(
        result.outcome_disagreements,
        f"Outcome values disagreeing by more than {outcomes.TOLERANCE}",
    )
    written.append(atomic_write_text(tables_dir / "outcome_disagreements.md", text))
    written += dictionary.write_all(clean_dir, result.panel)
    return written
