"""Python's string hashing fixed for every entry point (``python -m analysis``, ``rectify``).

Libraries iterate over sets of strings (pyfixest does, when it builds fixed effects), and a
random hash seed would change the order of floating-point sums and so the last digits of
estimates from run to run. So the command line re-executes itself with ``PYTHONHASHSEED=0``
when it was started with any other value.
"""

from __future__ import annotations

import os
import sys

SEED = "0"


def fix_hash_seed(command: list[str]) -> None:
    """Re-run ``sys.executable *command *argv[1:]`` with the fixed seed unless it is set."""
    if os.environ.get("PYTHONHASHSEED") != SEED:
        os.environ["PYTHONHASHSEED"] = SEED
        os.execv(sys.executable, [sys.executable, *command, *sys.argv[1:]])
