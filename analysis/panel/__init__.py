"""Jurisdiction x year panel: outcomes with provenance, inspection events, intensity.

Modules: ``metadata`` (tables.yaml), ``schema`` (pandera checks from it), ``reference``
(checksummed reference files), ``hand_coded`` (hand-coded records), ``external``
(researcher outcome files), ``cnemc`` (monitoring-network station-hour files), ``outcomes``
(long outcome table and precedence), ``events`` (schedule dates), ``inspections`` (every
inspection as an event, the inspection each record rectifies), ``intensity`` (rates,
funding by kind, timing), ``pinyin`` and ``build`` (``build_panel``, ``run``).
"""


def run(*args, **kwargs):
    """Build, validate and write the panel-stage tables (see ``build.run``)."""
    from analysis.panel.build import run as build_run

    return build_run(*args, **kwargs)
