"""``python -m analysis``: the command line (see ``analysis.cli``).

String hashing is fixed (PYTHONHASHSEED=0) before anything runs: libraries iterate over sets
of strings (pyfixest does, when it builds fixed effects), and a random hash seed would change
the order of floating-point sums and so the last digits of estimates from run to run.
"""

import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, "-m", "analysis", *sys.argv[1:]])

from analysis.cli import main  # noqa: E402

raise SystemExit(main())
