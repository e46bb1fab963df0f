"""Results of one specification: coefficients with intervals, tests, sample size, status."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.models.specs import Specification

COEF_COLUMNS = [
    "spec_id", "term", "estimate", "std_error", "ci_low", "ci_high", "p_value",
    "p_value_wild", "ci_low_wild", "ci_high_wild", "clusters_at_term", "term_status",
    "n_obs", "n_clusters", "seed", "status",
]
TEST_COLUMNS = [
    "spec_id", "test", "statistic", "df1", "df2", "p_value", "p_value_wild", "n_obs",
    "n_clusters", "seed", "status",
]
SPEC_COLUMNS = [
    "spec_id", "family", "outcome", "estimator", "event", "status", "reason", "n_obs",
    "n_clusters", "terms", "terms_with_inference", "seed", "reps", "notes",
]
OK = "ok"
NOT_ESTIMABLE = "not estimable: "


@dataclass
class ModelResult:
    """Estimates of one specification, or the reason it could not be estimated.

    ``coefs`` has columns term, estimate, std_error, ci_low, ci_high, p_value, p_value_wild
    (and event_time for event studies); ``tests`` has test, statistic, df1, df2, p_value,
    p_value_wild.
    """

    spec: Specification
    status: str
    n_obs: int = 0
    n_clusters: int = 0
    coefs: pd.DataFrame = field(default_factory=pd.DataFrame)
    tests: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def seed(self) -> int:
        return self.spec.bootstrap.seed

    def _stamp(self, frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        frame = frame.copy()
        frame.insert(0, "spec_id", self.spec.id)
        frame["n_obs"], frame["n_clusters"] = self.n_obs, self.n_clusters
        frame["seed"] = self.seed
        frame["status"] = self.status  # the specification's; a term's own is term_status
        for column in columns:
            if column not in frame:
                frame[column] = np.nan
        return frame[columns]

    def tidy(self) -> pd.DataFrame:
        """Coefficients in the shared tidy layout; one placeholder row if not estimable."""
        coefs = self.coefs if self.ok and len(self.coefs) else pd.DataFrame({"term": [""]})
        return self._stamp(coefs, COEF_COLUMNS)

    def tidy_tests(self) -> pd.DataFrame:
        """Joint tests (e.g. pre-trends) in the shared tidy layout."""
        if not self.ok or self.tests.empty:
            return pd.DataFrame(columns=TEST_COLUMNS)
        return self._stamp(self.tests, TEST_COLUMNS)

    def spec_row(self) -> dict[str, object]:
        """One row of the specification table: status, reason, N, G, seed, notes."""
        spec, ok = self.spec, self.ok
        terms = len(self.coefs) if ok else 0
        with_inference = (
            int((self.coefs["term_status"] == OK).sum())
            if ok and "term_status" in self.coefs else terms
        )
        return {
            "spec_id": spec.id, "family": spec.family, "outcome": spec.outcome,
            "estimator": spec.estimator, "event": spec.event if spec.is_event_study else "",
            "status": OK if ok else "not estimable",
            "reason": "" if ok else self.status.removeprefix(NOT_ESTIMABLE),
            "n_obs": self.n_obs, "n_clusters": self.n_clusters, "terms": terms,
            "terms_with_inference": with_inference, "seed": self.seed,
            "reps": spec.bootstrap.reps, "notes": "; ".join(self.notes),
        }

    def summary(self) -> str:
        """A plain-text report: spec, sample, estimates with 95% intervals, tests, notes."""
        spec = self.spec
        lines = [
            f"{spec.id}: {spec.title}",
            f"  formula: {spec.formula}   estimator: {spec.estimator}",
            f"  sample: {spec.query or 'all rows'}; derived values "
            f"{'included' if spec.include_derived else 'excluded'}",
            f"  N = {self.n_obs}, clusters ({spec.cluster}) = {self.n_clusters}, "
            f"wild bootstrap: {spec.bootstrap.weights}, {spec.bootstrap.reps} reps, "
            f"seed {self.seed}",
            f"  status: {self.status}",
        ]
        if self.ok:
            level = int(round(100 * (1 - spec.alpha)))
            header = f"  {'term':<34}{'estimate':>10}{'s.e.':>9}   {level}% CI{'':<14}"
            lines += [header + f"{'p':>7}{'p wild':>8}  wild {level}% CI"]
            for row in self.coefs.itertuples():
                ci = f"[{row.ci_low:.3f}, {row.ci_high:.3f}]"
                lines.append(
                    f"  {row.term:<34}{row.estimate:>10.3f}{row.std_error:>9.3f}   {ci:<22}"
                    f"{row.p_value:>7.3f}{row.p_value_wild:>8.3f}"
                    f"  [{row.ci_low_wild:.3f}, {row.ci_high_wild:.3f}]"
                    + (f"  {row.term_status}" if getattr(row, "term_status", OK) != OK
                       else "")
                )
            for row in self.tests.itertuples():
                if row.test.startswith("placebo"):
                    lines.append(f"  {row.test}: coefficient {row.statistic:.3f}, "
                                 f"randomisation p = {row.p_value:.3f} ({row.df1:.0f} draws)")
                    continue
                lines.append(
                    f"  {row.test}: F({row.df1:.0f}, {row.df2:.0f}) = {row.statistic:.3f}, "
                    f"p = {row.p_value:.3f}, wild p = {row.p_value_wild:.3f}"
                )
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


def not_estimable(
    spec: Specification, reason: str, n_obs: int = 0, n_clusters: int = 0,
    notes: list[str] | None = None,
) -> ModelResult:
    """A result that records why ``spec`` could not be estimated."""
    return ModelResult(spec, f"{NOT_ESTIMABLE}{reason}", n_obs, n_clusters, notes=notes or [])
