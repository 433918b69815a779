"""The plan workbook as an Excel file (.xlsx), through openpyxl (imported when used).

Reading turns each sheet into rows of cell values and hands them to
:func:`loaders.workbook.plan_from_sheets`. Excel-specific care:

* a date cell whose number format shows no day (``mmm-yy``) is the month it shows
  (``Dec 2023``), not the first day of it; other date cells are days, read as ISO text
  (``2024-03-31``) in text columns and as that day in date columns;
* a number is read as Excel shows it when its format fixes the decimals or is a percentage
  (``1.10``, ``45%``), else as the shortest text of the number (``1.1`` typed in a text
  column is ``1.1``, with a warning in ref columns);
* hidden rows and columns are read like any other; merged cells are the warning
  ``cell.merged`` (an error in a ref column: the rows under the first have no ref), naming
  the cells;
* the tracker's audit sheets and its hidden ``Lists`` sheet are not read, nor is its helper
  column ``due_last_day`` (:mod:`loaders.tracker`);
* a formula is read as the value Excel last saved for it; one never calculated (a file
  written by a program) is the error ``cell.formula``;
* an Excel error value (``#REF!``) is the error ``cell.excel_error``;
* a file that is not a workbook (text, an old binary ``.xls``, a damaged zip) is the error
  ``file.unreadable`` with the reason, never a traceback.

Writing puts every value in a text cell -- never a formula, so ``=HYPERLINK("x")`` stays
text --, dresses the sheets as a tracker (:mod:`loaders.tracker`), adds the audit sheets it
is given, and replaces the file atomically. Excel cells
hold no carriage returns (a line break is written as LF) and no other control characters:
a plan holding one is refused with :class:`~graphmodel.errors.UsageError`, as is a text
longer than the 32,767 characters a cell holds (the spreadsheet would cut it short), except
on the Plan sheet, where such a value (a long note) goes on in the rows under it, their key
cells blank, split between lines.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graphmodel.errors import Place, Problem, Severity, UsageError
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.files import atomic_write_bytes
from loaders.result import LoadResult
from loaders.tracker import (
    MAX_CELL,
    AuditTable,
    add_audit_sheet,
    add_lists,
    plan_lists,
    style_plan_sheet,
    text_cell,
)
from loaders.workbook.fields import (
    CONTINUED,
    MESSAGES,
    TRACKER_SHEETS,
    Cell,
    Sheet,
    is_blank,
    key_of,
)
from loaders.workbook.read import helper_columns, plan_from_sheets
from loaders.workbook.write import plan_to_sheets

__all__ = ["cell_value", "read_xlsx", "write_xlsx"]

_OLE = b"\xd0\xcf\x11\xe0"
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_NUMBER_FORMAT = re.compile(r"0(?:\.(0+))?(%)?")
"""Number formats shown as typed: ``0.00`` (fixed decimals), ``0%`` and ``0.0%``."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
Formulas = list[tuple[int, int, int]]
_TRACKER = {key_of(name) for name in TRACKER_SHEETS}


def _unreadable(path: Path, reason: str) -> LoadResult:
    return LoadResult(
        str(path),
        None,
        [
            problem(
                "file.unreadable",
                f"not a readable Excel workbook (.xlsx): {reason}. "
                "Open it in Excel and save it as 'Excel Workbook (.xlsx)'; a CSV plan is a folder "
                "of .csv files",
                file=str(path),
            )
        ],
    )


def cell_value(cell: Any) -> Cell:
    """The value of an openpyxl cell as Excel shows it (the module says how)."""
    value = cell.value
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, date):
        shown = _QUOTED.sub("", str(cell.number_format or "")).lower()
        if "d" not in shown and "m" in shown and "y" in shown:
            return f"{calendar.month_abbr[value.month]} {value.year}"
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = _NUMBER_FORMAT.fullmatch(str(cell.number_format or ""))
        if number is not None and (number.group(1) or number.group(2)):  # as the cell shows
            decimals, percent = len(number.group(1) or ""), bool(number.group(2))
            return f"{value * 100 if percent else value:.{decimals}f}" + ("%" if percent else "")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # a time of day, a duration


def _sheets(path: Path, data_only: bool) -> tuple[list[Sheet], Formulas, list[Problem]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=data_only)
    sheets, formulas, problems = [], [], []
    try:
        for s, ws in enumerate(book.worksheets):
            rows: list[tuple[int, list[Cell]]] = []
            if key_of(ws.title) in _TRACKER:  # the audit: ignored, not even read
                sheets.append(Sheet(ws.title, rows))
                continue
            ws.reset_dimensions()
            helpers: set[int] | None = None
            for number, cells in enumerate(ws.iter_rows(), start=1):
                values = [cell_value(c) for c in cells]
                if helpers is None and not all(map(is_blank, values)):
                    helpers = helper_columns(values)
                for i, c in enumerate(cells):
                    if helpers and i in helpers:
                        continue
                    if c.data_type == "f":
                        formulas.append((s, len(rows), i))
                    elif c.data_type == "e":
                        problems.append(
                            problem(
                                "cell.excel_error",
                                f"the cell shows the Excel "
                                f"error {c.value}; correct it or clear the cell",
                                file=str(path),
                                place=Place(sheet=ws.title, row=number, cell_column=_col(i)),
                            )
                        )
                        values[i] = None
                rows.append((number, values))
            sheets.append(Sheet(ws.title, rows))
    finally:
        book.close()
    return sheets, formulas, problems


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _merged(path: Path, sheets: list[Sheet]) -> list[Problem]:
    """Merged cells in the plan sheets: only the first holds the value, the others read as
    blank. An error in a ref column (rows without a ref), else a warning."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(b"<mergeCell " in z.read(n) for n in parts):
            return []  # the usual case, without loading the workbook again
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path)
    read = {sheet.name: sheet for sheet in sheets}
    problems = []
    for ws in book.worksheets:
        if key_of(ws.title) in _TRACKER or ws.title not in read:
            continue
        header = next((v for _, v in read[ws.title].rows if not all(map(is_blank, v))), [])
        for merged in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
            head = header[merged.min_col - 1] if merged.min_col <= len(header) else None
            is_ref = isinstance(head, str) and key_of(head) == "ref"
            first = f"{get_column_letter(merged.min_col)}{merged.min_row}"
            rest = [c for c in merged.cells if c != (merged.min_row, merged.min_col)]
            (r1, c1), (r2, c2) = rest[0], rest[-1]
            others = f"{get_column_letter(c1)}{r1}" + (
                "" if len(rest) == 1 else f":{get_column_letter(c2)}{r2}"
            )
            low, high = merged.min_row + 1, merged.max_row
            what = "" if not is_ref or high < low else f" (row {low} has no ref)"
            what = f" (rows {low} to {high} have no ref)" if is_ref and high > low else what
            message = MESSAGES["cell.merged"].format(
                cells=merged.coord,
                first=first,
                rest=others,
                verb="reads" if len(rest) == 1 else "read",
                what=what,
            )
            column = head if isinstance(head, str) and head else get_column_letter(merged.min_col)
            problems.append(
                problem(
                    "cell.merged",
                    message,
                    file=str(path),
                    place=Place(sheet=ws.title, row=merged.min_row, cell_column=column),
                    severity=Severity.ERROR if is_ref else None,  # a ref column: the error
                )
            )
    book.close()
    return problems


def read_xlsx(path: Path) -> LoadResult:
    """Read a plan workbook; every problem is in the result, none raised."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8)
        if head.startswith(_OLE):
            return _unreadable(path, "this is an old-style .xls (or encrypted) file")
        sheets, formulas, problems = _sheets(path, data_only=False)
        if formulas:
            sheets, _, problems = _sheets(path, data_only=True)
        problems += _merged(path, sheets)
    except Exception as e:  # openpyxl raises many kinds: zip, XML, key and value errors
        return _unreadable(path, f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)
    for s, r, i in formulas:
        number, values = sheets[s].rows[r]
        if values[i] is None:
            problems.append(
                problem(
                    "cell.formula",
                    "a formula with no saved value (the file was "
                    "never calculated by Excel); open and save it in Excel, or type the value",
                    file=str(path),
                    place=Place(sheet=sheets[s].name, row=number, cell_column=_col(i)),
                )
            )
    return plan_from_sheets(sheets, str(path), problems, default_area=path.stem)


def _in_parts(text: str) -> list[str] | None:
    """``text`` as parts of whole lines that each fit a cell and that line breaks join back
    into it; None when it cannot be (a line longer than a cell, or a blank part)."""
    parts: list[str] = []
    for line in text.split("\n"):
        if parts and len(parts[-1]) + 1 + len(line) <= MAX_CELL:
            parts[-1] += "\n" + line
        else:
            parts.append(line)
    return None if any(len(p) > MAX_CELL or not p.strip() for p in parts) else parts


def _continued(rows: list[list[str]]) -> list[list[str]]:
    """The Plan sheet's rows, a value longer than a cell (an importer's note of the lines it
    did not place) continued on rows keyed :data:`CONTINUED`, as the reader joins them."""
    out = []
    for key, value in rows:
        parts = _in_parts(value) if len(value) > MAX_CELL else None
        more = [[CONTINUED, p] for p in (parts or [])[1:]]
        out += [[key, value]] if parts is None else [[key, parts[0]], *more]
    return out


def write_xlsx(plan: Plan, path: Path, *, audit: Sequence[AuditTable] = ()) -> None:
    """Write ``plan`` as a plan workbook dressed as a tracker (:mod:`loaders.tracker`), with
    the ``audit`` tables as read-only sheets after the plan's, replacing ``path`` atomically."""
    from openpyxl import Workbook

    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    lists = plan_lists(plan)
    sheets = plan_to_sheets(plan)
    for name, sheet_rows in sheets:
        rows = _continued(sheet_rows) if name == "Plan" else sheet_rows
        ws = book.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if not value:
                    continue
                text = value.replace("\r\n", "\n").replace("\r", "\n")
                place = f"{path}: sheet {name}, row {r}, column {rows[0][c - 1]}"
                if (bad := _CONTROL.search(text)) is not None:
                    raise UsageError(
                        f"{place} holds the control character U+{ord(bad.group()):04X}, "
                        "which an Excel cell cannot hold; remove it, or write the plan as "
                        "YAML or CSV"
                    )
                if len(text) > MAX_CELL:
                    raise UsageError(
                        f"{place} holds {len(text):,} characters, more than the {MAX_CELL:,} "
                        "an Excel cell can hold (Excel and LibreOffice would cut off the "
                        "rest); shorten it, or write the plan as YAML or CSV"
                    )
                text_cell(ws, r, c, text)  # text, even when it starts with '='
        written = {n for n, values in lists.items() if values}
        style_plan_sheet(ws, rows, scale=plan.status_scale, lists=written)
    for table in audit:
        add_audit_sheet(book, table)
    add_lists(book, lists)
    book.active = next((i for i, (n, _) in enumerate(sheets) if n == "Actions"), 0)
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())
