"""Tables that are not action tables, and columns that repeat a role, told from their
headers: what :class:`~loaders.documents.grid.Grid` reads differently.

* **A governance table** (``Board | Chair | Frequency | Reports to``, also ``Members``):
  its rows are boards, not actions (:func:`board_columns`; the draft's boards are made from
  the :class:`BoardRow` values by :mod:`~loaders.documents.boards`).
* **A version log** (``Version | Date | Author | Changes``): the document's history, not
  actions (:func:`history_table`).
* **Dated ratings** (``RAG Sept 24 | RAG Dec 24``): the latest is the status, the earlier
  ones are kept as notes (:func:`earlier_ratings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from graphmodel.periods import Period, parse_period
from loaders.documents.cells import dated
from loaders.documents.roles import Role, header_key, role_of_header

__all__ = [
    "BoardField",
    "BoardRow",
    "board_columns",
    "earlier_ratings",
    "history_table",
]


class BoardField(str, Enum):
    """What a column of a governance table holds."""

    BOARD = "board"
    CHAIR = "chair"
    CADENCE = "cadence"
    REPORTS_TO = "reports_to"
    MEMBERS = "members"


_BOARD_HEADERS = {
    BoardField.BOARD: ("board", "group", "meeting", "forum", "committee", "board name"),
    BoardField.CHAIR: ("chair", "chaired by", "chairperson", "chair person"),
    BoardField.CADENCE: ("frequency", "cadence", "meets", "meeting frequency", "how often"),
    BoardField.REPORTS_TO: ("reports to", "reporting to", "accountable to", "reports into"),
    BoardField.MEMBERS: ("members", "membership"),
}
_BOARD_KEYS = {header_key(h): f for f, headers in _BOARD_HEADERS.items() for h in headers}


@dataclass(frozen=True)
class BoardRow:
    """One row of a governance table: a board, who chairs it, how often it meets, whom it
    reports to and who sits on it, as written."""

    line: int
    place: str
    text: str
    cells: dict[BoardField, str]


def board_columns(header: list[str]) -> dict[BoardField, int] | None:
    """The columns of a governance table (``Board | Chair | Frequency | Reports to``): a
    board column and a chair, cadence or reporting column, and no action column; None for
    any other header.

    >>> cols = board_columns(["Board", "Chair", "Frequency", "Reports to"])
    >>> [f.value for f in cols]
    ['board', 'chair', 'cadence', 'reports_to']
    >>> board_columns(["Action", "Lead", "Reports to"]) is None
    True
    """
    found: dict[BoardField, int] = {}
    for i, cell in enumerate(header):
        what = _BOARD_KEYS.get(header_key(cell))
        if what is not None:
            found.setdefault(what, i)
        elif role_of_header(cell) is Role.ACTION:
            return None
    if BoardField.BOARD not in found or len(found) < 2:
        return None
    return found


_HISTORY = frozenset(
    header_key(h)
    for h in ("version", "version no", "version number", "revision", "rev no", "issue no")
)
_HISTORY_MORE = frozenset(
    header_key(h)
    for h in (
        "author",
        "changes",
        "change",
        "summary of changes",
        "description of change",
        "amendments",
        "amended by",
        "reason for change",
        "approved by",
    )
)


def history_table(header: list[str]) -> bool:
    """Whether ``header`` heads a document's version log (``Version | Date | Author |
    Changes``): its rows are the document's history, not actions.

    >>> history_table(["Version", "Date", "Author", "Changes"])
    True
    >>> history_table(["Ref", "Action", "Version", "Changes"])
    False
    """
    keys = [header_key(c) for c in header]
    return (
        any(k in _HISTORY for k in keys)
        and any(k in _HISTORY_MORE for k in keys)
        and not any(role_of_header(c) is Role.ACTION for c in header)
    )


def _header_period(text: str) -> Period | None:
    """The dated period a header names besides its role words (``RAG Dec 24``, ``Status at
    March 2025``, ``Q3 24/25 RAG``), or None."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        for part in (words[-n:], words[:n]):
            if dated(" ".join(part)):
                return parse_period(" ".join(part))
    return None


def earlier_ratings(header: list[str], roles: list[Role]) -> dict[int, int]:
    """The status columns rated at an earlier date than another (``RAG Sept 24`` beside
    ``RAG Dec 24``), each to the latest one, which alone is the status.

    >>> roles = [Role.ACTION, Role.STATUS, Role.STATUS]
    >>> earlier_ratings(["Action", "RAG Sept 24", "RAG Dec 24"], roles)
    {1: 2}
    >>> earlier_ratings(["Action", "RAG", "Status"], roles)
    {}
    """
    dates = {
        i: period
        for i, role in enumerate(roles)
        if role is Role.STATUS and (period := _header_period(header[i])) is not None
    }
    if len(dates) < 2:
        return {}
    latest = max(dates, key=lambda i: (dates[i].end or dates[i].start, i))
    return {i: latest for i in dates if i != latest}
