"""Errors about the user's inputs: one line, naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A problem with an input file, reported as ``FILE: problem``."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())  # always one line
        super().__init__(f"{self.path}: {self.problem}")
