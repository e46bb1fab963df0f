"""Values computed once per document and shared by its header and records.

The header and then each record of a document are coded one after the other with the same
text, codebook and dates, so a value that depends on those alone is kept for the last
document only: memory stays bounded, and a different document, codebook or set of dates
never sees a stale value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class LastDocument:
    """Values computed for the last ``inputs`` given (a tuple such as (text, codebook, dates),
    compared by value; the same objects compare at once by identity)."""

    def __init__(self) -> None:
        self._inputs: tuple = ()
        self._values: dict[Hashable, Any] = {}

    def get(self, inputs: tuple, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` for ``inputs`` and ``key``, computed once while the inputs stay."""
        if inputs != self._inputs:
            self._inputs, self._values = inputs, {}
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]
