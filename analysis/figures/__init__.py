"""Figures: PDF + PNG + JSON provenance sidecar for each, in one house style."""

from analysis.figures.pipeline import run

__all__ = ["run"]
