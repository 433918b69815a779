"""The hint a message gives when a ref the user typed is not in the plan: the refs it was
probably meant to be, else the first few refs there are."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = ["ref_hint"]


def ref_hint(ref: str, known: Sequence[str]) -> str:
    """``did you mean 'C2'?`` for the refs of ``known`` closest to ``ref`` (the same ref in
    another case first), else ``refs: [...]`` with the first eight.

    >>> ref_hint("c2", ["B1", "C2", "C3"])
    "did you mean 'C2'?"
    >>> ref_hint("A-1", ["A1", "B1"])
    "did you mean 'A1'?"
    >>> ref_hint("zz", ["A1", "B1"])
    "refs: ['A1', 'B1']"
    """
    same = [k for k in known if k.casefold() == ref.casefold()]
    close = same or difflib.get_close_matches(ref, known, n=3, cutoff=0.5)
    return f"did you mean {' or '.join(map(repr, close))}?" if close else f"refs: {known[:8]}"
