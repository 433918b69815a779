"""Tables that are not action tables, and columns that repeat a role, told from their
headers: what :class:`~loaders.documents.grid.Grid` reads differently.

* **A governance table** (``Board | Chair | Frequency | Reports to``, also ``Members``):
  its rows are boards, not actions (:func:`board_columns`; the draft's boards are made from
  the :class:`BoardRow` values by :mod:`~loaders.documents.boards`).
* **A version log** (``Version | Date | Author | Changes``): the document's history, not
  actions (:func:`history_table`).
* **A risk register** (``Risk | Likelihood | Impact | Score | Mitigation | Risk owner``),
  often a sheet beside the plan: risks, not actions (:func:`risk_register`).
* **A RACI matrix** (``Activity | Council | ICB | Parent Carer Forum`` over ``R``, ``A/R``,
  ``C``, ``I``): who does what; beside an action's own columns, each lettered column names
  an owner of the action with the role its letters give (:func:`raci_columns`).
* **A dashboard** (``Workstream | Actions | Complete`` over counts): its action column holds
  numbers, not actions (:func:`counts_table`).
* **Dated ratings** (``RAG Sept 24 | RAG Dec 24``): the latest is the status, the earlier
  ones are kept as notes (:func:`earlier_ratings`).
* **Several due columns** (``Original target date | Target date (revised)``, ``Timescales:
  End``): a revised date before the others, an original one after them
  (:func:`due_order`).
* **A project tool's outline** (``Outline Level`` 1 over 2): a top-level row with rows
  under it sums them up; it names their workstream (:func:`outline_tops`).
* **A post beside a name** (``Action Owner (Name) | Action Owner (Role)``): the post is the
  named person's (:func:`post_columns`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import Enum

from graphmodel.model import OwnerRole
from graphmodel.periods import Period, parse_period
from loaders.documents.blocks import Row
from loaders.documents.cells import dated
from loaders.documents.roles import Role, header_key, role_of_header

__all__ = [
    "BoardField",
    "BoardRow",
    "board_columns",
    "counts_table",
    "due_order",
    "earlier_ratings",
    "history_table",
    "outline_tops",
    "post_columns",
    "raci_columns",
    "raci_role",
    "risk_register",
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
    for n in range(len(words), 0, -1):
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
    >>> earlier_ratings(["Action", "Dec 2024", "Sept 2024"], roles)
    {2: 1}
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


_RISK_SCORES = frozenset(
    header_key(h)
    for h in (
        "likelihood",
        "probability",
        "severity",
        "consequence",
        "risk score",
        "risk rating",
        "risk level",
        "inherent risk",
        "residual risk",
        "current risk score",
        "target risk score",
        "likelihood x impact",
    )
)


_RISK_WORDS = frozenset({"risk", "mitigating", "mitigation", "control", "contingency"})
"""Words of the action-like columns of a risk register (``Mitigating actions``)."""


def risk_register(header: list[str]) -> bool:
    """Whether ``header`` heads a risk register: a column naming risks and one scoring them
    (likelihood, severity, a risk score). Its rows are risks to the plan, not actions, even
    where a column is headed ``Mitigating actions``.

    >>> risk_register(["Risk ID", "Risk description", "Likelihood", "Impact", "Mitigation"])
    True
    >>> risk_register(["Action", "Lead", "Impact", "Risks to delivery"])
    False
    >>> risk_register(["Ref", "Action", "Lead", "Risk rating", "Likelihood"])
    False
    >>> risk_register(["Risk", "Likelihood", "Mitigating actions", "Risk owner"])
    True
    """
    keys = [header_key(c) for c in header]
    if any(
        role_of_header(c) is Role.ACTION and not _RISK_WORDS & set(k.split())
        for c, k in zip(header, keys, strict=True)
    ):
        return False  # an action table rating its actions' risk ("Risk rating")
    scored = any(
        k in _RISK_SCORES or k.split()[:1] in (["likelihood"], ["probability"]) for k in keys if k
    )
    return scored and any("risk" in k.split() for k in keys)


_RACI_CELL = re.compile(r"\s*[RACIS](?:\s*[/,&+]?\s*[RACIS])*\s*")
"""A cell of a RACI matrix: ``R``, ``A/R``, ``R, A``, ``C``, ``I`` (``S``: supports)."""
_RACI_ROLES = (("A", OwnerRole.ACCOUNTABLE), ("R", OwnerRole.RESPONSIBLE))


def raci_columns(header: list[str], rows: list[list[str]]) -> dict[int, str]:
    """The lettered columns of a RACI matrix: column -> the party its header names, for each
    of at least two columns whose filled cells are all RACI letters (``R``, ``A/R``, ``C``,
    ``I``), an ``R`` or an ``A`` among them.

    >>> raci_columns(["Activity", "Council", "ICB"], [["EHC plans", "R/A", "C"],
    ...     ["Therapies", "I", "A/R"]])
    {1: 'Council', 2: 'ICB'}
    >>> raci_columns(["Ref", "Action", "RAG"], [["1", "Train staff", "A"], ["2", "Hire", "R"]])
    {}
    """
    found: dict[int, str] = {}
    for i, name in enumerate(header):
        cells = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if (
            name.strip()
            and role_of_header(name) not in (Role.STATUS, Role.REF)
            and cells
            and all(_RACI_CELL.fullmatch(c.upper()) for c in cells)
            and any(set(c.upper()) & {"R", "A"} for c in cells)
        ):
            found[i] = name.strip()
    return found if len(found) >= 2 else {}


def raci_role(cell: str) -> OwnerRole | None:
    """The owner role a RACI cell gives its column's party: accountable (``A``, also ``A/R``),
    responsible (``R``), involved (``C``, ``I``, ``S``); None for a blank cell.

    >>> raci_role("R/A"), raci_role("r"), raci_role("C"), raci_role("")
    (<OwnerRole.ACCOUNTABLE: 'accountable'>, <OwnerRole.RESPONSIBLE: 'responsible'>, \
<OwnerRole.INVOLVED: 'involved'>, None)
    """
    letters = set(re.sub(r"[^A-Z]", "", cell.upper()))
    if not letters:
        return None
    return next((role for letter, role in _RACI_ROLES if letter in letters), OwnerRole.INVOLVED)


_REVISED = frozenset(
    [
        "revised",
        "new",
        "latest",
        "current",
        "forecast",
        "forecasted",
        "amended",
        "rescheduled",
        "updated",
        "expected",
    ]
)
_ORIGINAL = frozenset(["original", "initial", "baseline", "planned", "previous", "old"])


def due_order(header: list[str], roles: list[Role]) -> list[int]:
    """The due columns, the first to read a row's due from: a revised date (``Target date
    (revised)``, ``Forecast completion``) first, then the others from right to left, an
    original date (``Original target date``) last.

    >>> due_order(["Action", "End", "Original target date", "Target date (revised)"],
    ...     [Role.ACTION, Role.DUE, Role.DUE, Role.DUE])
    [3, 1, 2]
    """
    dues = [i for i, role in enumerate(roles) if role is Role.DUE]

    def rank(i: int) -> tuple[int, int]:
        words = set(header_key(header[i]).split())
        return (0 if words & _REVISED else 2 if words & _ORIGINAL else 1, -i)

    return sorted(dues, key=rank)


_POST_WORDS = frozenset(
    header_key(h) for h in ("role", "post", "job title", "title", "position", "designation")
)


def post_columns(header: list[str], roles: list[Role]) -> dict[int, int]:
    """Owner columns that hold the posts of the names in another owner column of the same
    role (``Action Owner (Name) | Action Owner (Role)``, ``Lead | Lead's job title``): name
    column -> post column.

    >>> roles = [Role.ACTION, Role.OWNER, Role.OWNER, Role.ACCOUNTABLE]
    >>> post_columns(["Action", "Owner (Name)", "Owner (Role)", "Sponsor"], roles)
    {1: 2}
    >>> post_columns(["Action", "Lead", "Support"], [Role.ACTION, Role.OWNER, Role.INVOLVED])
    {}
    """
    found: dict[int, int] = {}
    for i, role in enumerate(roles):
        if role not in (Role.OWNER, Role.ACCOUNTABLE, Role.INVOLVED):
            continue
        words = header_key(header[i]).split()
        tail = words[-2:] if len(words) >= 2 else words
        if " ".join(tail) not in _POST_WORDS and tail[-1:] and tail[-1] not in _POST_WORDS:
            continue
        names = [
            j
            for j, other in enumerate(roles)
            if other is role and j != i and j not in found.values() and j not in found
        ]
        if len(names) == 1:
            found[names[0]] = i
    return found


_OUTLINE = frozenset(
    header_key(h)
    for h in ("outline level", "level", "indent level", "outline", "wbs level", "task level")
)


def outline_tops(header: list[str], rows: list[list[str]]) -> set[int]:
    """The rows (indexes in ``rows``) at the top level of a project tool's outline (an
    ``Outline Level`` column, as MS Project exports it) with deeper rows right under them:
    summary tasks, each naming the workstream of the rows under it.

    >>> outline_tops(["ID", "Outline Level", "Name"], [["1", "1", "EHC plans"],
    ...     ["2", "2", "Recruit"], ["3", "2", "Audit"], ["4", "1", "Launch event"]])
    {0}
    """
    column = next((i for i, h in enumerate(header) if header_key(h) in _OUTLINE), None)
    if column is None:
        return set()
    levels = [
        (n, int(cell))
        for n, r in enumerate(rows)
        if column < len(r) and (cell := r[column].strip()).isdigit()
    ]
    if len(levels) < 2:
        return set()
    top = min(level for _, level in levels)
    pairs = itertools.pairwise(levels)
    return {n for (n, level), (_, below) in pairs if level == top and below > top}


_NUMBER = re.compile(r"[-+]?[£$]?\d[\d,]*(?:\.\d+)?%?")


def counts_table(body: list[Row], roles: list[Role]) -> bool:
    """Whether the action column of a table holds numbers, not actions: a dashboard's counts
    (``Workstream | Actions | Complete | % complete`` over ``EHC plans | 12 | 5 | 42%``).

    >>> counts_table([Row(["EHC plans", "12"], 2, ""), Row(["Therapies", "7"], 3, "")],
    ...     [Role.PRIORITY, Role.ACTION])
    True
    >>> counts_table([Row(["1", "Hire two EPs"], 2, "")], [Role.REF, Role.ACTION])
    False
    """
    cells = [
        r.cells[i].strip()
        for r in body
        for i, role in enumerate(roles)
        if role is Role.ACTION and i < len(r.cells) and r.cells[i].strip()
    ]
    return bool(cells) and sum(bool(_NUMBER.fullmatch(c)) for c in cells) >= 0.8 * len(cells)
