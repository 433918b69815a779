"""The plan workbook as a tracker a lead works in: what
:func:`loaders.workbook.xlsx.write_xlsx` adds to the plan sheets around their values, and
the read-only audit sheets beside them.

The values stay the plan workbook of DESIGN.md (same sheets, same columns, every cell text),
so the file reads back as the same plan. Around them, on every plan sheet:

* the header bold on dark blue, frozen (with the ref column on the wide sheets), an
  auto-filter over the header and rows, printed on every page, landscape, one page wide;
* column widths that fit the text, up to 60 characters for text and 30 for the rest; longer
  text wrapped, every cell top-aligned; the ref columns formatted as Text, so that a ref a
  lead types stays as typed (``1.10``, not the number 1.1; ``1-2``, not a date);
* drop-downs (list data validations) whose lists live on the hidden, protected sheet
  ``Lists`` under defined names (``list_status``, ...): status (the words of the plan's own
  scale), priority refs, finding kinds, owners (the names of People, Organisations and
  Boards as the workbook writes them), people, boards, organisations, finding refs and
  action refs. A cell that takes several values (``;`` between them) has a drop-down that
  never refuses what is typed; status, priority and kind warn about a word off the list and
  let it stand;
* RAG colours on the status column by conditional formatting that follows the plan's scale:
  each word the scale knows is coloured by what it means there (a brag plan's Amber is
  delayed, a bragg plan's Amber at risk), the colour its scale gives that meaning, else Blue
  complete, Green on track, Amber at risk, Red delayed, Grey waiting, not started or
  cancelled. The longest word a cell starts with decides, as when the plan is read (the
  formulas are built by :mod:`loaders.tracker_rules`);
* a due date whose period has ended bold red while the action is not complete or
  cancelled, computed by the spreadsheet against ``TODAY()``: true next month too. Due dates
  are kept as written (``Dec-23``), so a hidden helper column ``due_last_day`` holds the last
  day of the written period as a true date, by a formula that goes blank when the due text is
  edited (the rule then falls back to a due cell typed as a true date), inside the filter so
  that it moves with its row when the sheet is sorted;
* a note on the header of every date column listing the forms of dates that are read.

:func:`add_audit_sheet` writes a table -- any object with the attributes of
:class:`AuditTable` -- as a sheet protected against editing (filtering and sorting allowed):
a caption that says what it is and the audit date, a header, rows with a colour per row.
The tables are made where the queries may be imported (:mod:`visualise.tracker`); this
package imports only :mod:`graphmodel`. Reading ignores these sheets and the helper column
(:data:`~loaders.workbook.fields.TRACKER_SHEETS`, :data:`~loaders.workbook.fields.HELPER_COLUMNS`).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graphmodel.model import FindingKind, OrganisationKind, OwnerRole, Plan
from graphmodel.periods import Period
from graphmodel.statuses import Status, StatusScale
from loaders.names import ALL, BOARD, ORGANISATION, PERSON, Names
from loaders.tracker_rules import TONES, closed_formula, quoted, tone_formulas
from loaders.workbook.fields import (
    DATE_COLUMNS,
    HELPER_COLUMNS,
    REF_COLUMNS,
    column_letter,
    is_formula_like,
    key_of,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["AuditTable", "add_audit_sheet", "add_lists", "plan_lists", "status_words"]
__all__ += ["MAX_CELL", "style_plan_sheet"]

MAX_CELL = 32_767
"""Characters an Excel cell holds: Excel and LibreOffice cut off the rest when they open it."""
_HEADER_FILL, _HEADER_FONT = "1F3864", "FFFFFF"
_PAST_DUE = "C00000"
_SPARE_ROWS = 500
"""Rows under the data that drop-downs and colour rules cover, for rows a lead adds."""
_LONG = {"text", "action", "outcome", "title", "objective", "measure", "baseline", "target"}
_LONG |= {"note", "resource", "value", "members", "delivery_partners", "name", "role"}
_AUDIT_LONG = {"finding", "action", "detail", "reasons", "actions", "actions_lacking_it"}
DATE_FORMS = (
    "Dates are kept as the plan writes them and read as periods, for example: Dec-23, "
    "December 2023, Jan-Jul 24, Q3 2024, Autumn 2024, Spring term 2024, 2024/25, From Oct-23, "
    "By March 2024, 31/03/2024, 2024-03-31. A cell typed as an Excel date is read as that "
    "day (as that month when formatted mmm-yy). Text such as Ongoing is kept and reported. "
    "A due date turns bold red once its period has ended and the action is neither "
    "complete nor cancelled."
)


class AuditTable(Protocol):
    """A table for an audit sheet: what :func:`add_audit_sheet` reads."""

    @property
    def name(self) -> str: ...  # the sheet's name

    @property
    def caption(self) -> str: ...  # the first line: what it is and the audit date

    @property
    def notes(self) -> Sequence[str]: ...  # lines under the caption

    @property
    def header(self) -> Sequence[str]: ...

    @property
    def rows(self) -> Sequence[Sequence[str | int | float | None]]: ...

    @property
    def tones(self) -> Sequence[str | None]: ...  # a TONES name per row (or None)

    @property
    def tone_column(self) -> int: ...  # the column (from 0) the tone colours


# --- lists ------------------------------------------------------------------------------


def status_words(plan: Plan) -> list[str]:
    """The words a status drop-down offers: the plan's own words, its scale's colours, the
    words its cells use, then (on a scale without colours) the generic word of each status
    the list lacks."""
    scale = plan.status_scale
    effect = scale.words_in_effect()
    out: dict[str, str] = {}
    for word in scale.words:
        out.setdefault(" ".join(word.casefold().split()), word)
    for colour in (*TONES, "gray"):
        if colour in effect and not (colour == "gray" and "grey" in effect):
            out.setdefault(colour, colour.capitalize())
    cells = [a.status for a in plan.actions]
    cells += [m.status for a in plan.actions for m in a.milestones]
    for cell in cells:
        reading = scale.read(cell)
        if reading is not None and reading.word:
            out.setdefault(" ".join(reading.word.casefold().split()), reading.word)
    have = {effect.get(k) for k in out}
    coloured = any(colour in effect for colour in TONES)
    for status in Status if not coloured else ():  # a colour scale's key is its colours
        word = status.value.replace("_", " ")
        if status not in have and effect.get(word) is status:
            out.setdefault(word, word.capitalize())
    return list(out.values())


def plan_lists(plan: Plan) -> dict[str, list[str]]:
    """The drop-down lists of ``plan``: name -> values, as the workbook writes them."""
    names = Names.from_plan(plan)

    def labels(kind: str, refs: Sequence[str]) -> list[str]:
        role = OwnerRole.RESPONSIBLE
        return [names.write_cell([(kind, ref, role)], ALL, roles=False) for ref in refs]

    people = labels(PERSON, [p.ref for p in plan.people])
    orgs = labels(ORGANISATION, [o.ref for o in plan.organisations])
    boards = labels(BOARD, [b.ref for b in plan.boards])
    return {
        "status": status_words(plan),
        "priority": [p.ref for p in plan.priorities],
        "finding": [f.ref for f in plan.findings],
        "action": [a.ref for a in plan.actions],
        "owner": list(dict.fromkeys([*people, *orgs, *boards])),
        "person": people,
        "board": boards,
        "organisation": orgs,
        "finding_kind": [k.value for k in FindingKind],
        "organisation_kind": [k.value for k in OrganisationKind],
    }


_DROPDOWNS: dict[str, dict[str, tuple[str, bool]]] = {
    # sheet -> column -> (list, one value from the list: warn when off it)
    "Findings": {"kind": ("finding_kind", True), "parent_ref": ("finding", True)},
    "Priorities": {
        "sponsor": ("person", True),
        "lead": ("person", False),
        "parent_rep": ("person", False),
        "reports_to": ("board", False),
        "delivery_partners": ("owner", False),
        "addresses": ("finding", False),
    },
    "Objectives": {"priority_ref": ("priority", True), "addresses": ("finding", False)},
    "Actions": {
        "priority_ref": ("priority", True),
        "owners": ("owner", False),
        "status": ("status", True),
        "depends_on": ("action", False),
        "addresses": ("finding", False),
        "parent_ref": ("action", True),
    },
    "People": {"organisation": ("organisation", True)},
    "Organisations": {"kind": ("organisation_kind", True)},
    "Boards": {
        "reports_to": ("board", False),
        "chair": ("person", True),
        "deputy_chair": ("person", True),
        "members": ("owner", False),
    },
}


def add_lists(book: Workbook, lists: dict[str, list[str]]) -> set[str]:
    """Write ``lists`` on a hidden, protected sheet ``Lists``, each under the defined name
    ``list_{name}``; the names of the lists that hold something."""
    from openpyxl.workbook.defined_name import DefinedName

    ws = book.create_sheet("Lists")
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    written = set()
    for c, (name, values) in enumerate((n, v) for n, v in lists.items() if v):
        letter = column_letter(c)
        ws.cell(row=1, column=c + 1, value=name)
        for r, value in enumerate(values, start=2):
            text_cell(ws, r, c + 1, value)
        ref = f"Lists!${letter}$2:${letter}${len(values) + 1}"
        book.defined_names[f"list_{name}"] = DefinedName(f"list_{name}", attr_text=ref)
        written.add(name)
    longest = max((len(v) for v in lists.values() if v), default=0)
    ws.auto_filter.ref = f"A1:{column_letter(max(len(written) - 1, 0))}{longest + 1}"
    return written


# --- the plan sheets --------------------------------------------------------------------


def _font(**changes: Any) -> Any:
    """The workbook's default font (Calibri 11) with ``changes``: a font without a name is
    shown in LibreOffice's default, a serif."""
    from openpyxl.styles import Font
    from openpyxl.styles.fonts import DEFAULT_FONT

    base = {"name": DEFAULT_FONT.name, "size": DEFAULT_FONT.sz, "family": DEFAULT_FONT.family}
    return Font(**(base | {"scheme": DEFAULT_FONT.scheme} | changes))


def text_cell(ws: Worksheet, row: int, column: int, text: str) -> Any:
    """Write ``text`` in a cell as text, never a formula: a text that a spreadsheet would run
    (``=HYPERLINK(...)``) is shown as typed with a leading ``'``, so editing keeps it text."""
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def _due_end(text: str) -> Any:
    """The last day of a due cell's period, or None."""
    try:
        period = Period.model_validate(json.loads(text) if text.lstrip().startswith("{") else text)
    except ValueError:
        return None
    return period.end


def _widths(
    rows: Sequence[Sequence[object]], long: Collection[str] = _LONG
) -> list[tuple[int, bool]]:
    """Per column, a width that fits its text and whether its text must wrap."""
    out = []
    for c, head in enumerate(rows[0]):
        texts = [str(r[c]) for r in rows[1:] if c < len(r) and r[c] is not None and r[c] != ""]
        longest = max((max(len(line) for line in t.split("\n")) for t in texts), default=0)
        cap = 60 if key_of(head) in long else 30
        floor = len(str(head)) + 5  # the filter button
        width = max(floor, min(cap, longest + 2))
        out.append((width, longest + 2 > cap or any("\n" in t for t in texts)))
    return out


_LINE_POINTS = 15.0
"""The height of one line of 11-point Calibri (the default font), in points."""


def _lay_out(
    ws: Worksheet, rows: Sequence[Sequence[object]], widths: list[tuple[int, bool]], first: int
) -> None:
    """Give the columns their widths and alignment (top; wrapped where text is long), and
    each row whose wrapped text needs more than one line its height (neither Excel nor
    LibreOffice measures rows of a file they did not write), its cells aligned alike. Cells
    of one-line rows keep the default style: setting a style on every cell of a large plan
    costs seconds."""
    from openpyxl.styles import Alignment

    styles = _cell_styles(ws.parent)
    for c, (width, wraps) in enumerate(widths):
        column = ws.column_dimensions[column_letter(c)]
        column.width = width
        column.alignment = Alignment(vertical="top", wrap_text=wraps)  # for cells typed later
    wrapping = [c for c, (_, wraps) in enumerate(widths) if wraps]
    for r, values in enumerate(rows, start=first):
        lines = 1
        for c in wrapping:
            text = values[c] if c < len(values) else None
            if not isinstance(text, str) or (len(text) < widths[c][0] - 2 and "\n" not in text):
                continue
            width = max(int(widths[c][0] * 1.15) - 2, 4)  # text is narrower than "0"
            count = sum(max(1, len(textwrap.wrap(p, width))) for p in text.split("\n"))
            lines = max(lines, count)
        if lines > 1:
            ws.row_dimensions[r].height = min(409.0, lines * _LINE_POINTS)
            for c, (_, wraps) in enumerate(widths, start=1):
                cell = ws.cell(row=r, column=c)
                quoted_text = cell.quotePrefix  # a style by name replaces the whole style
                cell.style = styles[wraps]
                if quoted_text:
                    cell.quotePrefix = True


def _cell_styles(book: Any) -> dict[bool, str]:
    """The names of the two cell styles of data cells, top-aligned, wrapped (True) or not;
    added to ``book`` once. Named styles are set on a cell many times faster than an
    alignment."""
    from copy import copy

    from openpyxl.styles import Alignment, NamedStyle
    from openpyxl.styles.fonts import DEFAULT_FONT

    names = {False: "Tracker text", True: "Tracker wrapped text"}
    for wraps, name in names.items():
        if name not in book.named_styles:
            alignment = Alignment(vertical="top", wrap_text=wraps)
            style = NamedStyle(name, font=copy(DEFAULT_FONT), alignment=alignment)
            book.add_named_style(style)
    return names


def _refs_as_text(ws: Worksheet, rows: Sequence[Sequence[object]]) -> None:
    """Format the ref columns as Text, their cells and the column (for rows added later), so
    that a ref typed in Excel or LibreOffice stays as typed: ``1.10`` is not the number 1.1
    and ``1-2`` not the 1st of February."""
    for c, head in enumerate(rows[0]):
        if key_of(str(head)) not in REF_COLUMNS:
            continue
        ws.column_dimensions[column_letter(c)].number_format = "@"
        for r in range(2, len(rows) + 1):
            ws.cell(row=r, column=c + 1).number_format = "@"


def style_plan_sheet(
    ws: Worksheet, rows: list[list[str]], *, scale: StatusScale, lists: set[str]
) -> None:
    """Dress one plan sheet (its values ``rows`` written already) as a tracker: layout,
    header, filter, print setup, drop-downs from ``lists`` (the names of the lists written)
    and, on Actions, the colour rules of ``scale``; see the module."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, PatternFill

    name, header = ws.title, rows[0]
    head_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    head_font = _font(bold=True, color=_HEADER_FONT)
    wrap = Alignment(vertical="top", wrap_text=True)
    _lay_out(ws, rows[1:], _widths(rows), 2)
    _refs_as_text(ws, rows)
    for c in range(1, len(header) + 1):
        head = ws.cell(row=1, column=c)
        head.fill, head.font, head.alignment = head_fill, head_font, wrap
        if key_of(header[c - 1]) in DATE_COLUMNS or (name == "Plan" and c == 2):
            head.comment = Comment(DATE_FORMS, "actiongraph", width=420, height=170)
    ws.auto_filter.ref = f"A1:{column_letter(len(header) - 1)}{max(len(rows), 2)}"
    wide = name in ("Findings", "Actions", "Priorities", "Objectives", "Measures")
    ws.freeze_panes = "B2" if wide and len(header) > 3 else "A2"
    ws.print_title_rows = "1:1"
    if ws.freeze_panes == "B2":
        ws.print_title_cols = "A:A"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    _add_dropdowns(ws, header, lists)
    if name == "Actions":
        _add_colour_rules(ws, rows, scale)


def _add_dropdowns(ws: Worksheet, header: list[str], lists: set[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = {key_of(h): i for i, h in enumerate(header)}
    last = max(ws.max_row, 2) + _SPARE_ROWS
    for column, (source, single) in _DROPDOWNS.get(ws.title, {}).items():
        if column not in columns or source not in lists:
            continue
        letter = column_letter(columns[column])
        dv = DataValidation(type="list", formula1=f"list_{source}", allow_blank=True)
        dv.showErrorMessage = single  # a cell of several values is never refused
        dv.errorStyle = "warning"
        dv.errorTitle = f"Not on the list of {source.replace('_', ' ')}s"
        dv.error = "Keep it anyway? Choose Yes to keep what you typed."
        if not single:
            dv.promptTitle = column.replace("_", " ")
            dv.prompt = "Pick one, or type several separated by ;"
            dv.showInputMessage = True
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)


def _add_colour_rules(ws: Worksheet, rows: list[list[str]], scale: StatusScale) -> None:
    """RAG colours on the status column; past-due dates bold red, through the hidden helper
    column of due dates as true dates."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.styles.differential import DifferentialStyle

    header = rows[0]
    columns = {key_of(h): i for i, h in enumerate(header)}
    if "status" not in columns:
        return
    last = max(len(rows), 2) + _SPARE_ROWS
    letter = column_letter(columns["status"])
    status = f"${letter}2"
    for tone, formula in tone_formulas(scale, status):
        fill, font = TONES[tone]
        colours = DifferentialStyle(
            fill=PatternFill("solid", start_color=fill, end_color=fill, bgColor=fill),
            font=Font(color=font),
        )
        rule = Rule("expression", formula=[formula], dxf=colours)
        ws.conditional_formatting.add(f"{letter}2:{letter}{last}", rule)
    if "due" not in columns:
        return
    due, helper = column_letter(columns["due"]), column_letter(len(header))
    ws.cell(row=1, column=len(header) + 1, value=HELPER_COLUMNS[0])
    for r, values in enumerate(rows[1:], start=2):
        text = values[columns["due"]]
        end = _due_end(text) if text and len(text) <= 200 and "\n" not in text else None
        if end is None:
            continue
        cell = ws.cell(row=r, column=len(header) + 1)
        cell.value = (  # blank once the due text is edited: the rule cannot read new text
            f"=IF(ISNUMBER({due}{r}),{due}{r},IF({due}{r}={quoted(text)},"
            f'DATE({end.year},{end.month},{end.day}),""))'
        )
        cell.number_format = "yyyy-mm-dd"
    ws.column_dimensions[helper].hidden = True
    # inside the filter, so that sorting the sheet moves each row's date with its row (a sort
    # moves only the filter's columns: the dates would stay behind and go blank)
    ws.auto_filter.ref = f"A1:{helper}{max(len(rows), 2)}"
    past = (
        f"AND(NOT({closed_formula(scale, status)}),"
        f"OR(AND(ISNUMBER(${due}2),${due}2<TODAY()),AND(ISNUMBER(${helper}2),${helper}2<TODAY())))"
    )
    late = DifferentialStyle(font=Font(bold=True, color=_PAST_DUE))
    ws.conditional_formatting.add(
        f"{due}2:{due}{last}", Rule("expression", formula=[past], dxf=late, stopIfTrue=False)
    )


# --- audit sheets ---------------------------------------------------------------------------


def add_audit_sheet(book: Workbook, table: AuditTable) -> None:
    """Write ``table`` as a sheet that cannot be edited (it is computed again at every
    export), but can be filtered and sorted."""
    from openpyxl.styles import Alignment, PatternFill

    ws = book.create_sheet(table.name[:31])
    text_cell(ws, 1, 1, table.caption).font = _font(bold=True, size=14)
    for i, line in enumerate(table.notes, start=2):
        text_cell(ws, i, 1, line).font = _font(italic=True, color="595959")
    at = len(table.notes) + 3
    head_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    for c, head in enumerate(table.header, start=1):
        cell = text_cell(ws, at, c, head)
        cell.fill, cell.font = head_fill, _font(bold=True, color=_HEADER_FONT)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    if len(table.tones) != len(table.rows):
        raise ValueError(f"{table.name}: {len(table.tones)} tones for {len(table.rows)} rows")
    for r, values in enumerate(table.rows, start=at + 1):
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):  # read-only: a text too long for a cell is cut short
                text_cell(
                    ws, r, c, value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"
                )
            else:
                ws.cell(row=r, column=c, value=value)
    _lay_out(ws, table.rows, _widths([list(table.header), *table.rows], _AUDIT_LONG), at + 1)
    for r, tone in enumerate(table.tones, start=at + 1):  # after the layout's cell styles
        if tone is not None:
            fill, font = TONES[tone]
            cell = ws.cell(row=r, column=table.tone_column + 1)
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            cell.font = _font(color=font, bold=True)
    last = column_letter(len(table.header) - 1)
    ws.auto_filter.ref = f"A{at}:{last}{at + max(len(table.rows), 1)}"
    ws.freeze_panes = f"A{at + 1}"
    ws.print_title_rows = f"{at}:{at}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.sheet_properties.tabColor = "7F7F7F"
    protection = ws.protection
    protection.sheet = True
    protection.autoFilter = protection.sort = False  # False: allowed on a protected sheet
    protection.selectLockedCells = protection.selectUnlockedCells = False
