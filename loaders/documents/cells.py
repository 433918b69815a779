"""Reading one cell: whether it is a date, where a date sits inside it, whether it looks
like an owner, and joining pieces of a cell broken over rows."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence

from graphmodel.periods import parse_period

__all__ = [
    "date_in_cell",
    "date_in_sentence",
    "dated",
    "ends_mid_sentence",
    "finding_title",
    "join",
    "looks_like_owner",
    "lower_start",
    "month_first",
    "phase_date",
    "totals_row",
]


def dated(text: str) -> bool:
    """Whether ``text`` as a whole is a dated period (``Dec-23``, ``From Oct-23``)."""
    try:
        return bool(text.strip()) and parse_period(text).is_dated
    except ValueError:
        return False


PHASE = re.compile(
    r"(?:phase|stage|step|wave|tranche|year|part|milestone)\s*(?:\d{1,2}[a-z]?|[IVX]{1,4}|one|two|three|four)",
    re.I,
)
"""The phase of a plan a date belongs to: ``Phase 1``, ``Stage 2a``, ``Year 2``."""
_PHASED = re.compile(
    rf"^\s*(?:{PHASE.pattern})\s*(?:[:–—-]\s*(?P<a>.+?)|\((?P<b>[^()]+)\))\s*$", re.I
)


def phase_date(text: str) -> str | None:
    """The date of a cell or bracket written after the phase it belongs to (``Phase 1: Sept
    2024``, ``Stage 2 - Dec 2024``, ``Phase 2 (Jan 2025)``), or None when ``text`` is none.

    >>> phase_date("Phase 1: Sept 2024"), phase_date("Phase 2 (Q3 2024/25)")
    ('Sept 2024', 'Q3 2024/25')
    >>> phase_date("Phase 1: agree the model") is None
    True
    """
    match = _PHASED.match(text)
    if match is None:
        return None
    date = (match.group("a") or match.group("b") or "").strip(" .")
    return date if dated(date) else None


_NUMERIC_DATE = re.compile(
    r"(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", re.I
)
"""A numeric date, perhaps after its weekday (``Mon 02/09/24``, as project tools write it)."""


def month_first(cells: Sequence[str]) -> dict[str, str]:
    """When ``cells`` (a table's) write their numeric dates month first, as American
    exports do (Smartsheet, a CSV saved in a US locale): each such cell -> the day it names,
    as ISO (``12/31/2024`` -> ``2024-12-31``); else ``{}``. Month first is told from a
    date that is none day first (``12/31/2024``) or whose weekday only the month-first
    reading has (MS Project's ``Fri 10/04/24``), with none told day first so
    (``31/12/2024``).

    >>> month_first(["09/01/24", "12/31/24", "Ongoing"])
    {'09/01/24': '2024-09-01', '12/31/24': '2024-12-31'}
    >>> month_first(["09/01/24", "31/12/24"])
    {}
    >>> month_first(["Mon 09/02/24", "Fri 10/04/24"])  # Friday 4 October, not 10 April
    {'Mon 09/02/24': '2024-09-02', 'Fri 10/04/24': '2024-10-04'}
    """
    found = {c: m for c in cells if (m := _NUMERIC_DATE.fullmatch(c.strip())) is not None}
    orders = [_order(m) for m in found.values()]
    if "month" not in orders or "day" in orders:
        return {}
    out: dict[str, str] = {}
    for cell, m in found.items():
        year = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)
        with contextlib.suppress(ValueError):  # no such day: left as written
            out[cell] = dt.date(year, int(m.group(2)), int(m.group(3))).isoformat()
    return out


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _order(m: re.Match[str]) -> str | None:
    """``day`` or ``month``: which comes first in the numeric date ``m``, when it shows it
    (``31/12/24``; ``12/31/24``; ``Fri 10/04/24``, 4 October 2024 being a Friday and 10 April
    a Wednesday); None when either reading fits."""
    a, b = int(m.group(2)), int(m.group(3))
    year = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)

    def fits(month: int, day: int) -> bool:
        try:
            weekday = dt.date(year, month, day).weekday()
        except ValueError:
            return False
        return not m.group(1) or _WEEKDAYS[weekday] == m.group(1).lower()

    day_first, month_first = fits(b, a), fits(a, b)
    return (
        "day"
        if day_first and not month_first
        else "month"
        if month_first and not day_first
        else None
    )


def looks_like_owner(text: str) -> bool:
    """A short cell starting with a capitalised name and naming an organisation."""
    words = text.split()
    return (
        2 <= len(words) <= 8
        and all(w[:1].isupper() for w in words[:2])
        and re.search(r"\b(Council|Trust|ICB|NHS|Board|School|Department)\b", text) is not None
    )


def join(a: str, b: str) -> str:
    return f"{a} {b}".strip() if a and b else a or b


def lower_start(text: str) -> bool:
    return bool(text) and text[0].islower()


def ends_mid_sentence(text: str) -> bool:
    words = text.rstrip().split()
    return bool(words) and words[-1][:1].islower() and not text.rstrip().endswith((".", "!", "?"))


_DATE_HEAD = re.compile(r"^(\S+(?:\s\S+)?)\s+([A-Z].*)$")


def date_in_cell(cell: str) -> tuple[str, str] | None:
    """(date, rest) when ``cell`` is a date, or starts with one followed by other text."""
    if dated(cell):
        return cell, ""
    match = _DATE_HEAD.match(cell)
    if match is not None:
        for n in (2, 1):
            words = cell.split()
            head = " ".join(words[:n])
            if dated(head) and words[n:] and words[n][:1].isupper():
                return head, " ".join(words[n:])
    return None


def date_in_sentence(text: str, longest: int = 6) -> str | None:
    """The last dated period written inside a sentence, with its ``by``/``from`` words.

    >>> date_in_sentence("A new model of working will be in place by December 2024.")
    'by December 2024'
    >>> date_in_sentence("Actions have commenced and will be completed over Autumn Term 2024/25")
    'Autumn Term 2024/25'
    >>> date_in_sentence("Actions have commenced") is None
    True
    """
    words = text.replace(";", " ; ").split()
    if len(words) > 80:
        return None
    best: tuple[int, int] | None = None
    for end in range(len(words), 0, -1):
        for start in range(max(0, end - longest), end):
            candidate = " ".join(words[start:end]).strip(" .,;:()")
            if candidate and dated(candidate):
                best = (start, end)
                break  # the longest span ending here
        if best is not None:
            return " ".join(words[best[0] : best[1]]).strip(" .,;:()")
    return None


_TOTALS = re.compile(r"\s*(?:grand\s+|sub-?\s*)?totals?\s*:?\s*", re.I)


def totals_row(cells: Sequence[str]) -> bool:
    """Whether a table row sums up the rows above it: its first filled cell says so.

    >>> totals_row(["Total", "3 actions", "", "1 G, 1 A, 1 R"]), totals_row(["", "Grand total:"])
    (True, True)
    >>> totals_row(["1", "Total communication training for SENCOs"])
    False
    """
    first = next((c for c in cells if c.strip()), "")
    return bool(first) and _TOTALS.fullmatch(first) is not None


def finding_title(cells: Sequence[str]) -> bool:
    """Whether a row across the top of a table, over its header, states a finding: one
    sentence of six words or more ending in a full stop (a Word table's first row merged
    across it; a title has no full stop).

    >>> finding_title(["Too many EHC plans are issued late and are of poor quality.", ""])
    True
    >>> finding_title(["Castlebrook SEND Priority Action Plan 2024 to 2026"])
    False
    """
    from loaders.documents.sections import is_sentence

    filled = [c for c in cells if c]
    return len(filled) == 1 and is_sentence(filled[0])
