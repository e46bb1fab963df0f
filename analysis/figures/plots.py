"""The project's figures. Each function returns (figure, record) or None with a logged reason."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.codebook import default_codebook
from analysis.figures.names import english
from analysis.figures.save import FigureRecord
from analysis.models import data as model_data
from analysis.models import specs as model_specs
from analysis.variables import OUTCOMES, SHARES, UNITS

log = logging.getLogger(__name__)
Made = tuple[Figure, FigureRecord] | None

#: English names of the outcomes (the list of outcomes is analysis.variables.OUTCOMES).
NAMES = {
    "pm25": ("PM2.5", "PM2.5"),
    "good_air_ratio": ("Good-air days", "good-air days"),
    "water_good_ratio": ("Water sections class I–III", "good water sections"),
}
#: How the codebook's units read in figures.
UNIT_TEXT = {"ug/m3": "µg/m³", "pct": "%"}
LABELS = {o: f"{NAMES[o][0]} ({UNIT_TEXT.get(UNITS[o], UNITS[o])})" for o in OUTCOMES}
SHORT = {o: NAMES[o][1] for o in OUTCOMES}


def effect_unit(outcome: str) -> str:
    """The unit of an effect on ``outcome``: percentage points for shares."""
    return "percentage points" if outcome in SHARES else UNIT_TEXT.get(UNITS[outcome],
                                                                         UNITS[outcome])
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
    return {name: english(pinyin) for name, pinyin in mapping.items()}


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


#: Colours of 0..3 outcomes observed in a jurisdiction-year (light to dark).
COVERAGE_COLOURS = ["#f2f2f2", "#c6dbef", "#6baed6", "#08519c"]


def panel_coverage(panel: pd.DataFrame, panel_path: Path) -> Made:
    """Heatmap: how many outcomes the panel observes per jurisdiction and year (derived
    values included, as in the panel), the feedback year marked; sorted by feedback year."""
    if panel.empty:
        log.warning("panel coverage: the panel has no rows; figure skipped")
        return None
    observed = sum(panel[o].notna().astype(int) for o in OUTCOMES if o in panel)
    grid = panel.assign(observed=observed).pivot_table(
        index="jurisdiction", columns="year", values="observed", aggfunc="max")
    names = pinyin_map(panel)
    first = pd.to_numeric(panel["feedback_year"], errors="coerce")
    first = first.groupby(panel["jurisdiction"]).min().dropna().astype(int)
    order = sorted(grid.index, key=lambda j: (first.get(j, 9999), names.get(j, j)))
    grid = grid.loc[order]
    years = [int(y) for y in grid.columns]
    fig, ax = plt.subplots(figsize=(7.5, 1.8 + 0.2 * len(grid)))
    cmap = ListedColormap(COVERAGE_COLOURS)
    cmap.set_bad("white")  # years a prefecture or county has no panel row
    ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), aspect="auto", cmap=cmap,
              vmin=-0.5, vmax=len(OUTCOMES) + 0.5, interpolation="nearest")
    rows = [(k, years.index(first[j])) for k, j in enumerate(grid.index)
            if j in first and first[j] in years]
    ax.plot([c for _, c in rows], [r for r, _ in rows], "o", color="#D55E00", markersize=3.5,
            linestyle="none", label="Feedback year")
    ax.set_yticks(range(len(grid)), [names.get(j, j) for j in grid.index], fontsize=7)
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xticks(np.arange(-0.5, len(years)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(grid)), minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("Year")
    handles = [Patch(color=cmap(k), label=f"{k} of {len(OUTCOMES)} outcomes")
               for k in range(len(OUTCOMES) + 1)]
    handles.append(Patch(facecolor="white", edgecolor="#BBBBBB", label="No panel row"))
    handles += ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    n_cells = int((grid.fillna(0) > 0).to_numpy().sum())
    ax.set_title(f"Panel coverage (N = {n_cells} jurisdiction-years with an outcome, "
                 f"G = {len(grid)} jurisdictions)")
    caption = (
        f"Outcomes observed (PM2.5, good-air share, water-quality share) per jurisdiction "
        f"and year, {years[0]}–{years[-1]} (white: no panel row; prefectures and counties "
        f"have rows only for years their documents state); dot: year of the central "
        f"inspection's feedback "
        f"({len(first)} jurisdictions dated); sorted by feedback year."
    )
    _caption(fig, caption)
    record = FigureRecord("panel_coverage", _name(panel_coverage), [panel_path], caption,
                          n_cells)
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
    ax.set_yticks(y, rows["jurisdiction_pinyin"].fillna(rows["jurisdiction"]).map(english))
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


def figure_specs(figure: str = "event_study") -> dict[str, str]:
    """Specification family → estimator label of the families drawn in ``figure``."""
    families: dict[str, str] = {}
    for spec in model_specs.load():
        if spec.figure == figure:
            families.setdefault(spec.family, model_specs.ESTIMATORS[spec.estimator].label)
    return families


def bin_labels(low: int, high: int, endpoints: str = "bin") -> dict[int, str]:
    """Tick labels of event times; binned end points read ``≤ −3`` and ``≥ 4``."""
    labels = {t: f"{t}".replace("-", "−") for t in range(low, high + 1)}
    if endpoints == "bin":
        labels[low] = f"≤ {labels[low]}"
        labels[high] = f"≥ {labels[high]}"
    return labels


def _pretrend_note(tests: pd.DataFrame | None, spec_id: str, label: str) -> str | None:
    if tests is None:
        return None
    rows = tests[(tests["spec_id"] == spec_id) & tests["test"].str.startswith("pretrend")]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return (f"{label} joint lead test p = {row['p_value']:.2f} "
            f"(wild bootstrap p = {row['p_value_wild']:.2f})")


def event_study(coefs: pd.DataFrame, coefs_path: Path, outcome: str,
                tests: pd.DataFrame | None = None) -> Made:
    """Event-study coefficients with wild-bootstrap 95% intervals, one estimator per colour."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    families = figure_specs()
    offsets = dict(zip(families, np.linspace(-0.18, 0.18, len(families)), strict=True))
    spec_ids, notes, n_max = [], [], 0
    spec = next(s for s in model_specs.load() if s.family in families)
    low, high = spec.window()
    for k, (family, label) in enumerate(families.items()):
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
        ok = rows["ci_low_wild"].notna().to_numpy()
        colour = f"C{k}"
        ax.errorbar(
            times[ok],
            rows["estimate"][ok],
            yerr=[
                rows["estimate"][ok] - rows["ci_low_wild"][ok],
                rows["ci_high_wild"][ok] - rows["estimate"][ok],
            ],
            fmt="o",
            color=colour,
            capsize=3,
            label=f"{label} (N = {n_obs}, G = {n_clusters})",
        )
        if (~ok).any():
            ax.plot(times[~ok], rows["estimate"][~ok], "o", mfc="white", color=colour,
                    label=None if ok.any() else f"{label} (N = {n_obs}, G = {n_clusters})")
            hollow = (
                "Hollow markers: point estimate only (too few clusters at that event "
                f"time for inference, minimum {spec.min_term_clusters})"
            )
            if hollow not in notes:
                notes.append(hollow)
        pretrend = _pretrend_note(tests, spec_id, label)
        if pretrend:
            notes.append(pretrend)
    if not spec_ids:
        plt.close(fig)
        log.warning("event study %s: no coefficients in %s; figure skipped", outcome, coefs_path)
        return None
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.axvline(-0.5, color="#999999", linewidth=0.8, linestyle="--")
    ax.plot([spec.reference], [0], marker="D", color="#555555", linestyle="none",
            label=f"Reference ({spec.reference})".replace("-", "−"))
    ticks = bin_labels(low, high, spec.options.get("endpoints", "bin"))
    ax.set_xticks(list(ticks), list(ticks.values()))
    ax.set_xlim(low - 0.5, high + 0.5)
    if n_max == 0:  # nothing estimable: say so in the plot rather than draw empty axes
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
    ax.set_xlabel("Years since feedback of the central inspection (end bins pooled)")
    ax.set_ylabel(f"Effect on {NAMES[outcome][0]}\n({effect_unit(outcome)})")
    ax.set_title(f"Event study: {NAMES[outcome][0]}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    caption = (
        "Points: coefficients relative to the year before feedback; bars: 95% wild cluster "
        f"bootstrap intervals (test inversion, {spec.bootstrap.reps} draws, seed "
        f"{spec.bootstrap.seed}; clustered by jurisdiction). Only horizons with a "
        "not-yet-treated comparison are estimated. " + "; ".join(notes)
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
            f"{english(row['jurisdiction_pinyin'])} ({row['pre_year']}→{row['post_year']})",
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
    ax.set_ylabel(f"Change in {NAMES[outcome][0]} ({effect_unit(outcome)})")
    ax.set_xlim(max(0, x.min() - 10), min(110, x.max() + 25))
    ax.set_title(f"Completion and change in {SHORT[outcome]} "
                 f"(N = {len(frame)}, G = {frame['province'].nunique()})")
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
    for outcome in OUTCOMES:
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
