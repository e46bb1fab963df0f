"""Rectification documents of China's environmental inspections, coded with provenance.

The pipeline reads one way: ``ingest`` (raw files -> normalised text) -> ``coding``
(text -> records, mentions, evidence) -> ``panel`` (jurisdiction x year) -> ``models``
-> ``figures`` -> ``report``.
"""

__version__ = "0.1.0"
