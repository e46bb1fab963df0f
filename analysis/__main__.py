"""``python -m analysis``: the command line (see ``analysis.cli``), hash seed fixed first."""

from analysis.hashseed import fix_hash_seed

fix_hash_seed(["-m", "analysis"])

from analysis.cli import main  # noqa: E402

raise SystemExit(main())
