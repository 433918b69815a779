"""One rule for percentages: one decimal, halves rounded up.

Every percentage the library reports (coverage of a plan and of its priorities, a party's
share of open actions, the balance between organisations) is ``part`` out of ``whole`` by
this rule, computed exactly (no binary rounding error: 1 of 16 is 6.3, not 6.2).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["percent", "share"]

_TENTH = Decimal("0.1")


def percent(part: int, whole: int, *, strict: bool = False) -> float | None:
    """``part`` as a percentage of ``whole``, one decimal, halves rounded up; None when
    ``whole`` is 0.

    With ``strict``, a part that is neither none nor all of the whole never shows as 0.0 or
    100.0 (it is at least 0.1 and at most 99.9): "all covered" is said only when all are.

    Examples
    --------
    >>> percent(1, 16), percent(2, 3), percent(0, 0)
    (6.3, 66.7, None)
    >>> percent(1999, 2000), percent(1999, 2000, strict=True), percent(1, 2000, strict=True)
    (100.0, 99.9, 0.1)
    """
    if whole == 0:
        return None
    value = float((Decimal(100 * part) / whole).quantize(_TENTH, ROUND_HALF_UP))
    if strict and 0 < part < whole:
        value = min(max(value, 0.1), 99.9)
    return value


def share(part: int, whole: int) -> float:
    """:func:`percent` for a share of a total that may be empty: 0.0 when ``whole`` is 0
    (a party's share of no open actions).

    >>> share(1, 16), share(3, 0)
    (6.3, 0.0)
    """
    return percent(part, whole) or 0.0
