"""Randomisation inference over the batch assignment: a placebo for the event study.

The statistic is the static difference-in-differences coefficient (post-event indicator with
unit and year fixed effects) on the identified rows of the event frame. Each draw permutes
which batch each unit belongs to, gives it the cohort (event year) of that batch, recomputes
event time and identification, and re-estimates. The p-value is the share of draws, the
observed assignment included, whose coefficient is at least as large in absolute value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.models import inference
from analysis.models.data import identified_arrays


class _Design:
    """The event frame as arrays, so that each permutation costs one small regression."""

    def __init__(self, frame: pd.DataFrame, outcome: str, unit: str, time: str) -> None:
        self.y = frame[outcome].to_numpy(float)
        self.fixed = np.column_stack([np.ones(len(frame)), inference.dummies(frame, [unit, time])])
        self.unit = frame[unit].to_numpy()
        self.year = frame[time].to_numpy(int)
        self.year_code = pd.factorize(frame[time], sort=True)[0]

    def estimate(self, cohort: np.ndarray, reference: int) -> float:
        """Static DiD coefficient on the identified rows under the cohorts ``cohort``."""
        event_time = self.year - cohort
        keep = identified_arrays(self.year_code, cohort, event_time, reference)
        treated = (event_time >= 0)[keep].astype(float)
        if treated.min() == treated.max():
            return float("nan")
        X = np.column_stack([treated, self.fixed[keep]])
        return float((np.linalg.pinv(X) @ self.y[keep])[0])


def batch_permutation(
    frame: pd.DataFrame, outcome: str, unit: str, time: str, reference: int,
    reps: int, seed: int, batch: str = "inspection_batch",
) -> dict[str, float]:
    """Observed static DiD coefficient, its randomisation p-value and the draws used.

    ``frame``: the event frame with every row (identified or not). Units without a batch
    label keep their cohort as their label.
    """
    units = frame.drop_duplicates(unit).set_index(unit)
    labels = (units[batch].astype("string") if batch in units
              else pd.Series(pd.NA, index=units.index, dtype="string"))
    labels = labels.fillna("cohort " + units["cohort"].astype(int).astype(str))
    cohort_of_label = units.groupby(labels)["cohort"].agg(lambda c: c.mode().min())
    design = _Design(frame.reset_index(drop=True), outcome, unit, time)
    position = pd.Index(units.index).get_indexer(design.unit)
    observed = design.estimate(units["cohort"].to_numpy(int)[position], reference)
    label_cohorts = cohort_of_label.reindex(labels.to_numpy()).to_numpy(int)
    rng = np.random.default_rng(seed)
    draws = np.array([
        design.estimate(rng.permutation(label_cohorts)[position], reference)
        for _ in range(reps)
    ])
    valid = draws[~np.isnan(draws)]
    exceed = np.sum(np.abs(valid) >= abs(observed) - 1e-12 * abs(observed))
    p_value = float((1 + exceed) / (1 + len(valid))) if not np.isnan(observed) else np.nan
    return {"statistic": observed, "p_value": p_value, "draws": float(len(valid))}
