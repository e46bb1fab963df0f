"""Jurisdiction x year panel: outcomes with provenance, inspection events, intensity.

Modules: ``metadata`` (tables.yaml), ``schema`` (pandera checks from it), ``reference``
(checksummed reference files), ``external`` (researcher outcome files), ``outcomes``
(long outcome table and precedence), ``events`` (inspection events), ``intensity``
(latest progress record, rates, funding), ``pinyin`` and ``build`` (``build_panel``, ``run``).
"""


def run(*args, **kwargs):
    """Build, validate and write the panel-stage tables (see ``build.run``)."""
    from analysis.panel.build import run as build_run

    return build_run(*args, **kwargs)
