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
    'its refs are A1, B1'
    >>> ref_hint("zz", [f"A{i}" for i in range(1, 11)])
    'its refs are A1, A2, A3, A4, A5, A6, A7, A8 and 2 more'
    """
    same = [k for k in known if k.casefold() == ref.casefold()]
    close = same or difflib.get_close_matches(ref, known, n=3, cutoff=0.5)
    if close:
        return f"did you mean {' or '.join(map(repr, close))}?"
    more = f" and {len(known) - 8} more" if len(known) > 8 else ""
    return f"its refs are {', '.join(known[:8])}{more}" if known else "it has no refs"
