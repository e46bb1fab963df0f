"""The project's figures. Each function returns (figure, record) or None with a logged reason."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from matplotlib.figure import Figure

from analysis.codebook import default_codebook
from analysis.figures.save import FigureRecord
from analysis.models import data as model_data
from analysis.models import specs as model_specs

log = logging.getLogger(__name__)
Made = tuple[Figure, FigureRecord] | None

LABELS = {
    "pm25": "PM2.5 (μg/m³)",
    "good_air_ratio": "Good-air days (%)",
    "water_good_ratio": "Water sections class I–III (%)",
}
SHORT = {
    "pm25": "PM2.5",
    "good_air_ratio": "good-air days",
    "water_good_ratio": "good water sections",
}
ESTIMATORS = {"es_twfe": "TWFE", "es_did2s": "Gardner did2s", "es_sunab": "Sun–Abraham"}
#: Record variables shown in the coverage figure: every codebook variable a document may or may
#: not state (identifiers and variables every record has are left out).
ALWAYS_CODED = {
    "doc_id",
    "jurisdiction",
    "level",
    "parent",
    "doc_type",
    "inspection_level",
    "lookback",
    "entry_end",
}
RECORD_VARIABLES = [v for v in default_codebook().record_variable_names if v not in ALWAYS_CODED]
POOLED = {"micro", "macro", "all", "overall"}
MENTION_VARIABLES = default_codebook().mention_variable_names


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


CAPTION_POINTS = 8


def _caption(fig: Figure, text: str) -> None:
    """A caption under the axes, wrapped to the figure's width, with room reserved for it."""
    width_in, height_in = fig.get_size_inches()
    per_line = int(width_in * 72 / (CAPTION_POINTS * 0.55))  # average glyph ~0.55 em
    lines = textwrap.wrap(text, per_line)
    fig.text(
        0.01,
        0.005,
        "\n".join(lines),
        fontsize=CAPTION_POINTS,
        va="bottom",
        ha="left",
        color="#333333",
    )
    reserved = (len(lines) * CAPTION_POINTS * 1.25 + 8) / (height_in * 72)
    fig.get_layout_engine().set(rect=(0, reserved, 1, 1 - reserved))


def pinyin_map(panel: pd.DataFrame) -> dict[str, str]:
    """Jurisdiction → pinyin from the panel, then from the gazetteer."""
    mapping: dict[str, str] = {}
    gazetteer = Path(__file__).resolve().parents[1] / "data" / "gazetteer.csv"
    if gazetteer.exists():
        names = pd.read_csv(gazetteer, usecols=["name", "pinyin"], dtype=str).dropna()
        mapping.update(dict(zip(names["name"], names["pinyin"], strict=True)))
    if "jurisdiction_pinyin" in panel:
        known = panel.dropna(subset=["jurisdiction_pinyin"])
        mapping.update(dict(zip(known["jurisdiction"], known["jurisdiction_pinyin"], strict=True)))
    return mapping


def coverage(records_path: Path, mentions_path: Path, panel: pd.DataFrame) -> Made:
    """Heatmap: which variables each coded record states."""
    if not records_path.exists():
        log.warning("coverage: %s not found; figure skipped", records_path)
        return None
    records = pd.read_csv(records_path, dtype=str)
    if records.empty:
        log.warning("coverage: no records; figure skipped")
        return None
    present = records[[c for c in RECORD_VARIABLES if c in records]].notna().astype(int)
    inputs = [records_path]
    if mentions_path.exists():
        mentions = pd.read_csv(mentions_path, dtype=str)
        stated = mentions.groupby(["doc_id", "jurisdiction"])["variable"].agg(set)
        for variable in MENTION_VARIABLES:
            present[variable] = [
                int(variable in stated.get((d, j), set()))
                for d, j in zip(records["doc_id"], records["jurisdiction"], strict=True)
            ]
        inputs.append(mentions_path)
    names = pinyin_map(panel)
    labels = [
        f"{names.get(j, j)} · {d[:3]} · {t}"
        for j, d, t in zip(
            records["jurisdiction"], records["doc_id"], records["doc_type"], strict=True
        )
    ]
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.32 * len(records)))
    ax.imshow(present.to_numpy(), cmap="Blues", vmin=0, vmax=1.4, aspect="auto")
    ax.set_xticks(range(present.shape[1]), present.columns, rotation=60, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xticks(np.arange(-0.5, present.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, len(labels)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("Variable (dark = stated in the record)")
    ax.set_title(f"Coded coverage: {len(records)} records")
    record = FigureRecord(
        "coverage",
        _name(coverage),
        inputs,
        f"Variables stated by each coded record (N = {len(records)} records; "
        "label: jurisdiction · document number · document type).",
        len(records),
    )
    return fig, record


def completion(panel: pd.DataFrame, panel_path: Path) -> Made:
    """Dot plot: completion rate of the latest progress record by jurisdiction."""
    rows = model_data.tidy_panel(panel)
    rows = rows[rows["completion_rate"].notna()].drop_duplicates("jurisdiction", keep="last")
    if rows.empty:
        log.warning("completion: no jurisdiction with a completion rate; figure skipped")
        return None
    rows = rows.sort_values("completion_rate")
    fig, ax = plt.subplots(figsize=(6.5, 1.4 + 0.35 * len(rows)))
    y = np.arange(len(rows))
    ax.hlines(y, 0, 100 * rows["completion_rate"], color="#BBBBBB", linewidth=1)
    ax.plot(100 * rows["completion_rate"], y, "o", color="C0")
    for k, row in enumerate(rows.itertuples()):
        ax.annotate(
            f"{int(row.tasks_completed)}/{int(row.tasks_total)}",
            (100 * row.completion_rate, k),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, rows["jurisdiction_pinyin"].fillna(rows["jurisdiction"]))
    ax.set_xlim(0, 115)
    ax.set_xlabel("Rectification tasks completed (% of tasks, latest progress record)")
    ax.set_title(f"Completion rate by jurisdiction (N = {len(rows)})")
    record = FigureRecord(
        "completion_rate",
        _name(completion),
        [panel_path],
        f"Completion rate = tasks completed / tasks total of each "
        f"jurisdiction's latest progress record (N = {len(rows)}); labels "
        "give completed/total tasks.",
        len(rows),
    )
    return fig, record


def event_study(coefs: pd.DataFrame, coefs_path: Path, outcome: str) -> Made:
    """Event-study coefficients with 95% intervals, one estimator per colour."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    offsets = dict(zip(ESTIMATORS, (-0.18, 0.0, 0.18), strict=True))
    spec_ids, notes, n_max = [], [], 0
    for k, (family, label) in enumerate(ESTIMATORS.items()):
        spec_id = f"{family}.{outcome}"
        rows = coefs[coefs["spec_id"] == spec_id]
        if rows.empty:
            continue
        spec_ids.append(spec_id)
        status = rows["status"].iloc[0]
        n_obs, n_clusters = int(rows["n_obs"].iloc[0]), int(rows["n_clusters"].iloc[0])
        if not str(rows["term"].iloc[0]).startswith("event_time"):
            notes.append(f"{label}: {status} (N = {n_obs}, G = {n_clusters})")
            continue
        n_max = max(n_max, n_obs)
        times = rows["term"].str.split("=").str[1].astype(int) + offsets[family]
        ok = rows["std_error"].notna().to_numpy()
        colour = f"C{k}"
        ax.errorbar(
            times[ok],
            rows["estimate"][ok],
            yerr=[
                rows["estimate"][ok] - rows["ci_low"][ok],
                rows["ci_high"][ok] - rows["estimate"][ok],
            ],
            fmt="o",
            color=colour,
            capsize=3,
            label=f"{label} (N = {n_obs}, G = {n_clusters})",
        )
        if (~ok).any():
            ax.plot(times[~ok], rows["estimate"][~ok], "o", mfc="white", color=colour)
            hollow = (
                "Hollow markers: point estimate only (too few clusters at that event "
                "time for an interval)"
            )
            if hollow not in notes:
                notes.append(hollow)
    if not spec_ids:
        plt.close(fig)
        log.warning("event study %s: no coefficients in %s; figure skipped", outcome, coefs_path)
        return None
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.axvline(-0.5, color="#999999", linewidth=0.8, linestyle="--")
    ax.plot([-1], [0], marker="D", color="#555555", linestyle="none", label="Reference (−1)")
    if n_max == 0:  # nothing estimable: say so in the plot rather than draw empty axes
        ax.set_xlim(-3.5, 4.5)
        ax.set_yticks([])
        ax.text(
            0.5,
            0.75,
            "Not estimable with these data\n(reasons below)",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            color="#555555",
            bbox={"facecolor": "white", "edgecolor": "#cccccc"},
        )
    ax.set_xlabel("Years since feedback of the central inspection\n(end bins pooled)")
    ax.set_ylabel(f"Effect on {LABELS[outcome]}")
    ax.set_title(f"Event study: {LABELS[outcome].split(' (')[0]}")
    ax.xaxis.set_major_locator(plt.MultipleLocator(1))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    caption = (
        "Points: coefficients relative to the year before feedback; bars: 95% CI "
        "(t with G−1 df, clustered by jurisdiction). " + "; ".join(notes)
    )
    _caption(fig, caption)
    record = FigureRecord(
        f"event_study_{outcome}", _name(event_study), [coefs_path], caption, n_max, spec_ids
    )
    return fig, record


def intensity(panel: pd.DataFrame, panel_path: Path, outcome: str) -> Made:
    """Scatter of outcome change against completion rate, with OLS fit and 95% band."""
    spec = next(s for s in model_specs.load() if s.id == f"intensity_completion.{outcome}")
    frame = model_data.change_frame(model_data.tidy_panel(panel), spec).data
    frame = frame.dropna(subset=["change", "completion_rate"])
    if frame.empty:
        log.warning("intensity %s: no jurisdiction with change and completion; skipped", outcome)
        return None
    fig, ax = plt.subplots()
    x = 100 * frame["completion_rate"]
    ax.plot(x, frame["change"], "o", color="C0")
    order = np.argsort(x.to_numpy(), kind="stable")
    for rank, k in enumerate(order):  # alternate above/below so neighbours do not collide
        row = frame.iloc[k]
        ax.annotate(
            f"{row['jurisdiction_pinyin']} ({row['pre_year']}→{row['post_year']})",
            (x.iloc[k], row["change"]),
            xytext=(5, 5 if rank % 2 == 0 else -12),
            textcoords="offset points",
            fontsize=8,
        )
    enough = len(frame) >= spec.min_obs and frame["province"].nunique() >= spec.min_clusters
    if enough:
        fit = smf.ols("change ~ completion_rate", data=frame).fit(
            cov_type="cluster", cov_kwds={"groups": pd.factorize(frame["province"])[0]}, use_t=True
        )
        grid = pd.DataFrame(
            {
                "completion_rate": np.linspace(
                    frame["completion_rate"].min(), frame["completion_rate"].max(), 50
                )
            }
        )
        band = fit.get_prediction(grid).summary_frame(alpha=spec.alpha)
        ax.plot(100 * grid["completion_rate"], band["mean"], color="C1", label="OLS fit")
        ax.fill_between(
            100 * grid["completion_rate"],
            band["mean_ci_lower"],
            band["mean_ci_upper"],
            color="C1",
            alpha=0.2,
            label="95% CI",
        )
        ax.legend(loc="best")
        fit_note = "line: OLS fit with 95% CI (clustered by province)"
    else:
        fit_note = (
            f"no fit drawn: the minimum is {spec.min_obs} observations in "
            f"{spec.min_clusters} provinces"
        )
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.margins(y=0.15)
    ax.set_xlabel("Tasks completed (% of rectification tasks)")
    ax.set_ylabel(f"Change in {LABELS[outcome]}")
    ax.set_xlim(max(0, x.min() - 10), min(110, x.max() + 25))
    ax.set_title(f"Completion and change in {SHORT[outcome]} (N = {len(frame)})")
    caption = (
        f"Change from the last year before feedback to the latest year (years in "
        f"brackets), N = {len(frame)} jurisdictions; {fit_note}."
    )
    _caption(fig, caption)
    record = FigureRecord(
        f"intensity_{outcome}", _name(intensity), [panel_path], caption, len(frame), [spec.id]
    )
    return fig, record


def trajectories(panel: pd.DataFrame, panel_path: Path) -> Made:
    """Outcomes by years since feedback, one line per province (no mean: years are unbalanced)."""
    data = model_data.tidy_panel(panel)
    data = data[(data["level"] == "province") & data["feedback_year"].notna()].copy()
    data["event_time"] = data["year"] - data["feedback_year"]
    for outcome in LABELS:
        data.loc[data[f"{outcome}_derived"], outcome] = np.nan
    if data[list(LABELS)].notna().sum().sum() == 0:
        log.warning("trajectories: no province outcome with a feedback year; skipped")
        return None
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.8), sharex=True)
    counts = []
    for ax, (outcome, label) in zip(axes, LABELS.items(), strict=True):
        rows = data[data[outcome].notna()]
        for _, group in rows.groupby("jurisdiction"):
            ax.plot(
                group["event_time"],
                group[outcome],
                "-o",
                color="C0",
                alpha=0.55,
                linewidth=0.9,
                markersize=3,
            )
        ax.axvline(-0.5, color="C1", linestyle="--", linewidth=1, label="Feedback")
        ax.set_title(f"{label.split(' (')[0]} (N = {rows['jurisdiction'].nunique()})")
        ax.set_ylabel(label)
        ax.set_xlabel("Years since feedback")
        counts.append(rows["jurisdiction"].nunique())
    axes[0].legend(loc="best")
    caption = (
        "Full-year stated values (derived values excluded) by years since feedback of the "
        "central inspection; one line per province; no average is drawn because "
        "provinces are observed in different years. Provinces per panel: "
        f"{', '.join(str(c) for c in counts)}."
    )
    _caption(fig, caption)
    record = FigureRecord(
        "trajectories",
        _name(trajectories),
        [panel_path],
        caption,
        int(sum(data[list(LABELS)].notna().sum())),
    )
    return fig, record


def validation(validation_path: Path) -> Made:
    """Per-variable F1 of the coder against the gold standard."""
    if not validation_path.exists():
        log.warning(
            "validation: %s not found (run the validation step first); figure skipped",
            validation_path,
        )
        return None
    table = pd.read_csv(validation_path).dropna(subset=["f1"])
    pooled = table[table["variable"].isin(POOLED)]
    table = table[~table["variable"].isin(POOLED)].sort_values(
        ["f1", "variable"], ascending=[True, False]
    )
    if table.empty:
        log.warning("validation: no F1 values in %s; figure skipped", validation_path)
        return None
    fig, ax = plt.subplots(figsize=(6.5, 1.4 + 0.3 * len(table)))
    y = np.arange(len(table))
    ax.barh(y, table["f1"], color="C0", height=0.6)
    for k, row in enumerate(table.itertuples()):
        ax.annotate(
            f"F1 {row.f1:.2f}  (tp {int(row.tp)}, fp {int(row.fp)}, fn {int(row.fn)})",
            (row.f1, k),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, table["variable"])
    ax.set_xlim(0, 1.6)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("F1 against the gold standard (0–1)")
    total = int(table[["tp", "fn"]].to_numpy().sum())
    title = f"Coder validation ({len(table)} variables, {total} gold values)"
    if not pooled.empty:
        title += "\n" + ", ".join(f"{r.variable} F1 {r.f1:.2f}" for r in pooled.itertuples())
    ax.set_title(title)
    record = FigureRecord(
        "validation_f1",
        _name(validation),
        [validation_path],
        f"Per-variable F1 of the automatic coder against the hand-coded gold "
        f"standard ({total} gold values = tp + fn).",
        total,
    )
    return fig, record
