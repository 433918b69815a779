"""Finding a table's header: the row naming its columns among the first rows (a tracker's
title, version, date and colour key may come above it), a second header row under a header
cell merged across columns (``Timescale`` over ``Start | End``), and the one-cell rows that
title tables or groups of rows (a sheet or a table per workstream; a project tool's groups).
"""

from __future__ import annotations

import ast
import re

from loaders.documents.blocks import HIDDEN, Block, Row
from loaders.documents.cells import dated
from loaders.documents.labelled import action_start
from loaders.documents.readers.sheet import SHEET_PLACE
from loaders.documents.roles import Role, is_label, role_of_header

__all__ = [
    "HEADER_SEARCH",
    "group_rows",
    "header_row",
    "sheet_workstreams",
    "sub_header",
    "titled_tables",
    "under_header",
]


HEADER_SEARCH = 15
"""How many rows of a table are searched for its header: a tracker may open with a title,
its version, its date, its owner and a colour key above the header."""


def header_row(rows: list[Row]) -> int | None:
    """The index of the header row among the first rows of a table, or None. A header's
    cells are labels (:func:`~loaders.documents.roles.is_label`), not an action's text.

    >>> header_row([Row(["Ref", "Action", "Lead"], 1, ""), Row(["1", "Hire", "Jo"], 2, "")])
    0
    >>> print(header_row([Row(["Action 1.2", "Budget review"], 1, ""),
    ...     Row(["Lead", "Short Breaks Officer"], 2, ""), Row(["RAG", "Red"], 3, "")]))
    None
    """
    for k, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [c for c in row.cells if c]
        if len(cells) < 2 or any(len(c) > 70 for c in cells):
            continue
        if len(cells) == 2 and _numbered_action(cells[0]):
            continue  # "Action 2.1 | Update the Local Offer": an action set out in two columns
        # a sentence holding a header word is a row's text, not a label (the second of
        # two tables set out in two columns: "Action 1.2 | Pool budgets for short breaks")
        roles = [role_of_header(c) if is_label(c) else Role.OTHER for c in cells]
        known = {r for r in roles if r is not Role.OTHER}
        if (
            (Role.ACTION in known and len(known) >= 2)
            or len(known) >= 3
            or (len(known) >= 2 and len(cells) == 2 and Role.FINDING in known)
        ):
            return k
    # a first row of short labels over longer rows (a tracker's own headers): its cells
    # and the columns' contents decide the roles
    first = rows[0].cells
    named = [c for c in first if c]
    if (
        len(rows) >= 3
        and len(named) >= 3
        and len(named) == len(first)
        and all(len(c.split()) <= 4 and not dated(c) and not c.isdigit() for c in named)
        and sum(len(c) for c in named) * 2 < max(sum(len(c) for c in r.cells) for r in rows[1:])
    ):
        return 0
    return None


def _numbered_action(cell: str) -> bool:
    """Whether a cell labels an action by its ref (``Action 2.1``), as the first row of a
    table setting out one action in two columns does; a column's header names no action.

    >>> _numbered_action("Action 2.1"), _numbered_action("Action"), _numbered_action("Ref")
    (True, False, False)
    """
    start = action_start(f"{cell.rstrip(': ')}: x")
    return start is not None and start[0] is not None


def sub_header(header: list[str], cells: list[str]) -> bool:
    """Whether ``cells``, the row under a table's ``header``, is a second header row naming
    the columns under a header cell merged across them (``Timescale`` over ``Start | End``):
    its filled cells are header words (a role the vocabulary knows, no date), at least one
    under a header cell repeated across columns (merged) or blank, the others the same as the
    header above them (a header cell merged down).

    >>> sub_header(["Ref", "Action", "Timescale", "Timescale"], ["", "", "Start", "End"])
    True
    >>> sub_header(["Ref", "Action", "Timescale", "", "RAG"], ["", "", "Start", "End", ""])
    True
    >>> sub_header(["Ref", "Action", "Due"], ["1.1", "Train staff", "Mar-25"])
    False
    >>> sub_header(["Action", "2024/25", "2024/25"], ["Action", "Q1", "Q2"])
    True
    """
    filled = [i for i, c in enumerate(cells) if c]
    if not filled or len(cells) > len(header) + 1:
        return False
    spread = False
    for i in filled:
        above = header[i] if i < len(header) else ""
        cell = cells[i]
        if cell == above:
            continue
        period = not dated(cell) and dated(f"{cell} {above}")  # "Q1" under "2024/25"
        if not period and (
            len(cell.split()) > 4 or dated(cell) or role_of_header(cell) is Role.OTHER
        ):
            return False
        merged = (
            not above
            or any(0 <= j < len(header) and header[j] == above for j in (i - 1, i + 1))
            or (i + 1 < len(header) and not header[i + 1])  # merged, as CSV writes it: blanks
        )
        if not merged:
            return False
        spread = True
    return spread


def under_header(header: list[str], cells: list[str]) -> list[str]:
    """The header naming each column, from a table's ``header`` and its :func:`sub_header`
    row ``cells``: the lower cell where there is one, a period's part with the period over
    it (``Q1`` under ``2024/25``: ``Q1 2024/25``).

    >>> under_header(["Action", "Timescale", "Timescale", "2024/25"], ["", "Start", "End", "Q1"])
    ['Action', 'Start', 'End', 'Q1 2024/25']
    """
    out = []
    for i, above in enumerate(header):
        cell = cells[i] if i < len(cells) else ""
        if cell and not dated(cell) and dated(f"{cell} {above}"):
            out.append(f"{cell} {above}")
        else:
            out.append(cell or above)
    return out


def titled_tables(blocks: list[Block]) -> set[int]:
    """Lines of the short one-cell rows right above the header of tables that share their
    header with another such table: a workbook with a sheet per workstream, or a document
    with a table per workstream, each titled by its name (``EHC plans``, ``Therapies``)."""
    by_header: dict[tuple[str, ...], list[int]] = {}
    for b in blocks:
        k = header_row(b.rows) if b.is_table and b.rows else None
        if not k:
            continue
        above = [c for c in b.rows[k - 1].cells if c]
        if len(above) == 1 and len(above[0].split()) < 6:
            header = tuple(c.casefold() for c in b.rows[k].cells)
            by_header.setdefault(header, []).append(b.rows[k - 1].line)
    return {line for lines in by_header.values() if len(lines) >= 2 for line in lines}


def group_rows(rows: list[Row], k: int) -> set[int]:
    """Lines of the rows titling groups of rows in a table whose header row ``rows[k]`` comes
    again below (Monday.com and similar export each group as its title, one cell, over the
    header repeated): the one-cell row right above each header.

    >>> rows = [Row(["Early years"], 1, ""), Row(["Name", "Person"], 2, ""),
    ...     Row(["Map places", "Jo"], 3, ""), Row(["Post-16"], 4, ""),
    ...     Row(["Name", "Person"], 5, "")]
    >>> sorted(group_rows(rows, 1))
    [1, 4]
    """
    header = [c.casefold() for c in rows[k].cells]
    at = [i for i, r in enumerate(rows) if [c.casefold() for c in r.cells] == header]
    if len(at) < 2:
        return set()
    return {
        rows[i - 1].line for i in at if i >= 1 and len([c for c in rows[i - 1].cells if c]) == 1
    }


_DEFAULT_SHEET = re.compile(r"(?:sheet|tab|page|table)\s*\d*|copy of\b.*|\d+", re.I)
"""A sheet's name that is a spreadsheet's default (``Sheet1``, ``Sheet 2``, ``Copy of ...``),
naming no workstream."""


def sheet_workstreams(blocks: list[Block]) -> dict[int, str]:
    """The sheets of a workbook that share their header with another sheet (a sheet per
    workstream): each table's line -> its sheet's name (``EHC plans``), the workstream of its
    rows when no row above its header names one. Default names (``Sheet1``) name none.

    >>> from loaders.documents.blocks import BlockKind
    >>> rows = [Row(["Ref", "Action", "Lead"], 1, ""), Row(["1", "Hire", "Jo"], 2, "")]
    >>> books = [Block(BlockKind.TABLE, line=1, place="sheet 'EHC plans'", rows=rows),
    ...     Block(BlockKind.TABLE, line=3, place="sheet 'Sheet2'", rows=rows),
    ...     Block(BlockKind.TABLE, line=5, place="sheet 'Therapies'", rows=rows)]
    >>> sheet_workstreams(books)
    {1: 'EHC plans', 5: 'Therapies'}
    """
    by_header: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for b in blocks:
        if not (b.is_table and b.rows and b.place.startswith(SHEET_PLACE)):
            continue
        if all(r.aside == HIDDEN for r in b.rows):
            continue  # a hidden sheet is not drafted
        k = header_row(b.rows)
        try:
            name = str(ast.literal_eval(b.place[len(SHEET_PLACE) :])).strip()
        except (ValueError, SyntaxError):
            continue
        if k is not None:
            header = tuple(c.casefold() for c in b.rows[k].cells)
            by_header.setdefault(header, []).append((b.line, name))
    return {
        line: name
        for sheets in by_header.values()
        if len(sheets) >= 2
        for line, name in sheets
        if name and not _DEFAULT_SHEET.fullmatch(name)
    }
