"""Model specifications, read from ``specifications.yaml`` into typed objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SPEC_FILE = Path(__file__).with_name("specifications.yaml")


@dataclass(frozen=True)
class Estimator:
    """An estimator as ``specifications.yaml`` declares it: name, label, event study or not."""

    name: str
    label: str
    event_study: bool = False


def declared_estimators(path: str | Path = SPEC_FILE) -> dict[str, Estimator]:
    """The estimators declared in ``path`` (the one list of estimator names)."""
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {name: Estimator(name, **entry) for name, entry in document["estimators"].items()}


ESTIMATORS = declared_estimators()
EVENT_STUDIES = {name for name, e in ESTIMATORS.items() if e.event_study}


@dataclass(frozen=True)
class Bootstrap:
    """Wild cluster bootstrap settings."""

    reps: int = 9999
    weights: str = "webb"
    seed: int = 20250601


@dataclass(frozen=True)
class Specification:
    """One model: a formula for one outcome, its sample, estimator, inference and options."""

    id: str
    family: str
    title: str
    outcome: str
    formula: str
    estimator: str
    query: str | None = None
    include_derived: bool = False
    cluster: str = "jurisdiction"
    min_obs: int = 10
    min_clusters: int = 5
    min_term_clusters: int = 3
    min_resid_df: int = 5
    alpha: float = 0.05
    bootstrap: Bootstrap = field(default_factory=Bootstrap)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def is_event_study(self) -> bool:
        return self.estimator in EVENT_STUDIES

    @property
    def event(self) -> str:
        """The panel column whose year defines treatment (``options.event``)."""
        return str(self.options.get("event", "feedback_year"))

    @property
    def figure(self) -> str | None:
        """The figure this specification is drawn in (``options.figure``), if any."""
        return self.options.get("figure")

    def window(self) -> tuple[int, int]:
        low, high = self.options.get("window", (-3, 4))
        return int(low), int(high)

    @property
    def reference(self) -> int:
        return int(self.options.get("reference", -1))


def _expand(entry: dict[str, Any], defaults: dict[str, Any]) -> list[Specification]:
    if entry.get("estimator") not in ESTIMATORS:
        raise ValueError(f"spec {entry.get('id')}: unknown estimator {entry.get('estimator')!r}")
    sample = entry.get("sample") or {}
    boot = {**defaults.get("bootstrap", {}), **entry.get("bootstrap", {})}
    outcomes = entry.get("outcomes") or [entry["outcome"]]
    specs = []
    for outcome in outcomes:
        specs.append(
            Specification(
                id=f"{entry['id']}.{outcome}",
                family=entry["id"],
                title=entry["title"],
                outcome=outcome,
                formula=entry["formula"].replace("{outcome}", outcome),
                estimator=entry["estimator"],
                query=sample.get("query"),
                include_derived=bool(sample.get("include_derived", False)),
                cluster=(entry.get("se") or {}).get("cluster", "jurisdiction"),
                min_obs=int(entry.get("min_obs", defaults.get("min_obs", 10))),
                min_clusters=int(entry.get("min_clusters", defaults.get("min_clusters", 5))),
                min_term_clusters=int(entry.get("min_term_clusters",
                                                defaults.get("min_term_clusters", 3))),
                min_resid_df=int(entry.get("min_resid_df", defaults.get("min_resid_df", 5))),
                alpha=float(entry.get("alpha", defaults.get("alpha", 0.05))),
                bootstrap=Bootstrap(**boot),
                options=dict(entry.get("options") or {}),
            )
        )
    return specs


def parse(document: dict[str, Any]) -> list[Specification]:
    """Specifications from a parsed YAML document (one per spec id and outcome)."""
    defaults = document.get("defaults", {})
    specs = [s for entry in document["specifications"] for s in _expand(entry, defaults)]
    ids = [s.id for s in specs]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"duplicated specification ids: {duplicated}")
    return specs


def load(path: str | Path = SPEC_FILE) -> list[Specification]:
    """All specifications declared in ``path``."""
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
