"""Models: declared specifications estimated on the clean panel (see specifications.yaml)."""

from analysis.models.pipeline import estimate, estimate_all, run

__all__ = ["estimate", "estimate_all", "run"]
