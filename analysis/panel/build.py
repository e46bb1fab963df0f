"""Build the jurisdiction x year panel: :func:`build_panel` (pure) and :func:`run` (files).

Rows: every province for every year from the earliest to the latest year of the reference
outcomes (widened to any year another source gives a province value for), plus every coded
prefecture or county for the years its documents (or external files) give values for.
Outcome columns hold the chosen full-year value of the independent series (see
``outcomes``), the same restricted to government and official-media facts (``*_official``),
the documents' own values apart (``*_self``) and the latest year-to-date value; event
columns the central inspection of ``event_round`` of the jurisdiction's province from the
events table (see ``inspections``), with the jurisdiction's own dates where its records
state them; intensity columns the latest progress record, constant across years (see
``intensity``). Records are the coded ones and the hand-coded reference records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.outputs import atomic_write_text, write_table
from analysis.panel import (
    cnemc,
    external,
    hand_coded,
    inspections,
    metadata,
    outcomes,
    reference,
    schema,
)
from analysis.panel import events as ev
from analysis.panel.intensity import intensity, latest_intensity, months_to_asof
from analysis.panel.markdown import to_markdown
from analysis.panel.pinyin import pinyin_of
from analysis.variables import OUTCOMES

OUTCOME_VARIABLES = list(OUTCOMES)
#: Outlets of the reference series kept in the ``*_official`` columns (with external values).
OFFICIAL_OUTLETS = ["gov", "official_media"]


@dataclass(frozen=True)
class PanelResult:
    """The built tables, each in the column order of tables.yaml."""

    panel: pd.DataFrame
    outcomes: pd.DataFrame
    outcome_disagreements: pd.DataFrame
    schedule_disagreements: pd.DataFrame
    events: pd.DataFrame
    intensity: pd.DataFrame


def _gazetteer_places(names: set[str]) -> list[tuple[str, str, object]]:
    """(name, level, parent) of the names the gazetteer knows (others are left out)."""
    from analysis.gazetteer import resolve

    places = []
    for name in sorted(names):
        place = resolve(name)
        if place is not None and place.name == name:
            places.append((name, place.level, place.parent or pd.NA))
    return places


def _jurisdictions(
    records: pd.DataFrame, schedule: pd.DataFrame, reference_outcomes: pd.DataFrame,
    external_names: set[str] = frozenset(),
) -> pd.DataFrame:
    """Provinces (schedule, reference, records), coded prefectures and counties, and the
    prefectures and counties of external files (level and province from the gazetteer)."""
    provinces = set(schedule["province"].dropna()) | set(reference_outcomes["province"].dropna())
    provinces |= set(records.loc[records["level"] == "province", "jurisdiction"])
    coded = records[records["level"] != "province"].sort_values(
        ["published_date", "doc_id"], ascending=[False, True], na_position="last"
    )
    coded = coded.drop_duplicates("jurisdiction")[["jurisdiction", "level", "parent"]]
    coded = coded[~coded["jurisdiction"].isin(provinces)]
    known = provinces | set(coded["jurisdiction"])
    extra = [p for p in _gazetteer_places(set(external_names) - known) if p[1] != "province"]
    prov = pd.DataFrame({"jurisdiction": sorted(provinces), "level": "province", "parent": pd.NA})
    others = pd.DataFrame(extra, columns=["jurisdiction", "level", "parent"])
    return pd.concat([prov, coded, others], ignore_index=True)


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


def _wide(rows: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """One column per outcome variable (and its provenance columns) from chosen rows."""
    wide = pd.DataFrame(columns=["jurisdiction", "year"])
    for var in OUTCOME_VARIABLES:
        part = rows[rows["variable"] == var][["jurisdiction", "year", *columns]].rename(
            columns={c: name.format(var=var) for c, name in columns.items()})
        wide = wide.merge(part, on=["jurisdiction", "year"], how="outer")
    return wide


def _full_year_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Independent values; the same kept only from gov/official-media outlets or external
    files; the self-reported values apart."""
    full = long[long["chosen"] & long["months"].isna()]
    independent = full[full["independent"]]
    official = independent[independent["outlet"].isin(OFFICIAL_OUTLETS)
                           | (independent["source_type"] == "external")]
    self_reported = full[~full["independent"]]
    main = _wide(independent, {"value": "{var}", "source": "{var}_source",
                               "source_type": "{var}_source_type", "outlet": "{var}_outlet"})
    parts = [_wide(official, {"value": "{var}_official"}),
             _wide(self_reported, {"value": "{var}_self", "source": "{var}_self_source",
                                   "derived": "{var}_self_derived"})]
    for part in parts:
        main = main.merge(part, on=["jurisdiction", "year"], how="outer")
    return main


def _ytd_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Latest year-to-date value per jurisdiction-year-variable (latest end month, longest)."""
    ytd = long[outcomes.leading(long) & long["months"].notna()].copy()
    bounds = ytd["months"].str.split("-", expand=True).astype(int) if len(ytd) else None
    ytd["_end"] = bounds[1] if bounds is not None else pd.Series(dtype=int)
    ytd["_start"] = bounds[0] if bounds is not None else pd.Series(dtype=int)
    ytd = ytd.sort_values(
        ["jurisdiction", "year", "variable", "_end", "_start"],
        ascending=[True, True, True, False, True],
    )
    ytd = ytd.drop_duplicates(["jurisdiction", "year", "variable"])
    return _wide(ytd, {"value": "{var}_ytd", "months": "{var}_ytd_months"})


def build_panel(
    records: pd.DataFrame,
    mentions: pd.DataFrame,
    schedule: pd.DataFrame,
    reference_outcomes: pd.DataFrame,
    external_outcomes: pd.DataFrame,
    *,
    event_round: int | str = 2,
    hand_records: pd.DataFrame | None = None,
    hand_mentions: pd.DataFrame | None = None,
) -> PanelResult:
    """Build all panel-stage tables from frames (no file access)."""
    records = metadata.cast(records, "records")
    mentions = metadata.cast(mentions, "mentions")
    sources = {}
    if hand_records is not None and len(hand_records):
        sources = dict(zip(hand_records["doc_id"], hand_records["source_url"], strict=True))
        records = pd.concat([records, metadata.cast(
            hand_records[metadata.columns("records")], "records")], ignore_index=True)
    if hand_mentions is not None and len(hand_mentions):
        mentions = pd.concat([mentions, metadata.cast(hand_mentions, "mentions")],
                             ignore_index=True)
    long = outcomes.collect(mentions, reference_outcomes, external_outcomes)
    places = _jurisdictions(records, schedule, reference_outcomes,
                            set(external_outcomes["jurisdiction"].dropna()))
    panel = _rows(places, long, mentions, reference_outcomes, records)
    panel["jurisdiction_pinyin"] = [
        pinyin_of(j, None if pd.isna(p) else p)
        for j, p in zip(panel["jurisdiction"], panel["parent"], strict=True)
    ]
    keys = ["jurisdiction", "year"]
    panel["year"] = panel["year"].astype("Int64")
    for wide in (_full_year_wide(long), _ytd_wide(long)):
        panel = panel.merge(wide.astype({"year": "Int64"}), on=keys, how="left")
    events, assigned = inspections.build(records, schedule)
    panel = panel.merge(inspections.panel_event(places, assigned, events, event_round),
                        on="jurisdiction", how="left")
    panel["event_time"] = panel["year"] - panel["feedback_year"]
    per_record = _intensity_table(assigned, mentions, sources)
    panel = panel.merge(latest_intensity(per_record.rename(columns={
        "inspection": "record_inspection", "inspection_feedback_date": "record_feedback_date"})),
        on="jurisdiction", how="left")
    panel = panel[metadata.columns("panel")].sort_values(keys).reset_index(drop=True)
    return PanelResult(
        panel=metadata.cast(panel, "panel"),
        outcomes=long,
        outcome_disagreements=outcomes.disagreements(long),
        schedule_disagreements=ev.schedule_disagreements(records, schedule),
        events=metadata.cast(events, "events"),
        intensity=metadata.cast(per_record[metadata.columns("intensity")], "intensity"),
    )


def _intensity_table(assigned: pd.DataFrame, mentions: pd.DataFrame,
                     sources: dict[str, str]) -> pd.DataFrame:
    """Per progress record: its inspection, timing and intensity (tables.yaml ``intensity``)."""
    per_record = intensity(assigned, mentions)
    per_record["months_to_asof"], per_record["months_to_asof_basis"] = months_to_asof(
        per_record["inspection_feedback_date"], per_record["asof"])
    per_record["province"] = [
        ev.province_of(lv, j, p) for lv, j, p in
        zip(per_record["level"], per_record["jurisdiction"], per_record["parent"], strict=True)]
    per_record["source"] = per_record["doc_id"].map(inspections.record_source)
    per_record["source_url"] = per_record["doc_id"].map(sources)
    return per_record.sort_values(["jurisdiction", "doc_id"]).reset_index(drop=True)


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
    inputs["hand_records"] = hand_coded.read_records(reference_dir)
    inputs["hand_mentions"] = hand_coded.read_mentions(reference_dir)
    inputs["cnemc"] = cnemc.aggregate(raw_dir / "outcomes" / cnemc.SUBFOLDER)
    inputs["external_outcomes"] = pd.concat(
        [external.read_all(raw_dir / "outcomes"), cnemc.outcomes(inputs["cnemc"])],
        ignore_index=True)
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
        hand_records=inputs["hand_records"],
        hand_mentions=inputs["hand_mentions"],
    )
    written: list[Path] = []
    for name in ("outcomes", "outcome_disagreements", "schedule_disagreements", "events",
                 "intensity", "panel"):
        frame = schema.validate(getattr(result, name), name)
        formats = ("csv", "parquet") if name in ("outcomes", "panel") else ("csv",)
        written += write_table(frame, clean_dir / name, formats=formats)
    for name, frame in inputs["cnemc"].items():
        if name == "n_files":
            continue
        table = f"cnemc_{name}"
        if "day" in frame:
            frame = frame.assign(day=frame["day"].dt.strftime("%Y-%m-%d"))
        frame = schema.validate(metadata.cast(frame[metadata.columns(table)], table), table)
        written += write_table(frame, clean_dir / table, formats=("csv",))
    text = to_markdown(
        result.outcome_disagreements,
        f"Outcome values disagreeing by more than {outcomes.TOLERANCE}",
    )
    written.append(atomic_write_text(tables_dir / "outcome_disagreements.md", text))
    written += dictionary.write_all(clean_dir, result.panel)
    return written
