"""A tracker spreadsheet (.xlsx, .csv) into blocks: each sheet one table, row by row.

Rows above a tracker's header (a title, a date printed) stay rows of the table: the
interpretation finds the header row. A ``.xlsx`` that is the plan workbook itself is
recognised by :func:`is_plan_workbook` and read by the workbook loader instead.

A delimited text's delimiter is the one its first line names as Excel writes it (``sep=;``,
the line skipped), else the one :class:`csv.Sniffer` finds.

A status column whose cells are coloured and left empty is read from the colour
(:mod:`~loaders.documents.readers.colours`). A fill is an RGB colour, a colour of the
workbook's theme (``Green, Accent 6`` and its tints, resolved through the theme the workbook
carries, as Excel does) or one of the legacy indexed palette.

Cells merged across columns follow the rule of the Word and web readers: in the header (the
rows down to the first with several filled cells) a merged cell heads every column it spans
(``Action`` merged over a ref column and a text column); below, and when it is the row's
only cell (a title across the table), it is written once and the further columns are blank,
as Excel leaves them. Cells merged down rows are left as Excel gives them: a tracker's blank
is a blank (see :mod:`loaders.documents.merged`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from loaders.documents.blocks import HIDDEN, STRUCK, Block, BlockKind, Row, table_block
from loaders.documents.readers.colours import fill_status_colours, theme_colours, tinted

__all__ = ["SHEET_PLACE", "is_plan_workbook", "sheet_blocks", "sheet_rows"]

SHEET_PLACE = "sheet "
"""How the place of a sheet's table starts (``sheet 'Actions'``): each sheet is one table."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\n", "; ").split())


def _workbook(path: Path, *, read_only: bool = True) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(str(path), read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UsageError(
            f"{path}: not a readable Excel workbook ({e}); save it again as .xlsx"
        ) from None


def _merged_across(sheet: Any) -> dict[int, dict[int, int]]:
    """Per row, the columns starting a range merged across columns, with its width (the
    sheet's row and column numbers, from 1)."""
    found: dict[int, dict[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        if merged.max_col > merged.min_col:
            found.setdefault(merged.min_row, {})[merged.min_col] = (
                merged.max_col - merged.min_col + 1
            )
    return found


def _fill_rgb(colour: Any, theme: tuple[str, ...]) -> str | None:
    """The RGB of a fill colour (openpyxl ``Color``): as given, from the theme, or indexed."""
    kind = getattr(colour, "type", None)
    if kind == "rgb":
        return colour.rgb if isinstance(colour.rgb, str) else None
    if kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        return tinted(theme[colour.theme], float(colour.tint or 0))
    if kind == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if 8 <= colour.indexed < len(COLOR_INDEX):  # 0-7 repeat 8-15; 64 is the system's
            return str(COLOR_INDEX[colour.indexed])
    return None


def _solid_rgb(cell: Any, theme: tuple[str, ...]) -> str | None:
    """The RGB of a cell's solid fill, if it has one."""
    if type(cell).__name__ == "MergedCell":  # in a merged range: the first cell holds it all
        return None
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    return _fill_rgb(fill.fgColor, theme)


def sheet_rows(sheet: Any) -> Iterator[list[str]]:
    """The texts of a worksheet (openpyxl, not read-only: merged ranges and fills are read),
    row by row from its first row and column, cells merged across columns and empty coloured
    status cells as the module says."""
    merged = _merged_across(sheet)
    top, left = sheet.min_row, sheet.min_column
    rows = list(sheet.iter_rows())
    from loaders.workbook.xlsx import cell_value  # as Excel shows it: 40%, Apr 2025

    texts = [[_text(cell_value(c)) for c in row] for row in rows]
    themed: list[tuple[str, ...]] = []  # the theme, read once, if a status cell is coloured

    def rgb(r: int, i: int) -> str | None:
        if not themed:
            themed.append(theme_colours(getattr(sheet.parent, "loaded_theme", None)))
        return _solid_rgb(rows[r][i], themed[0])

    fill_status_colours(texts, rgb)
    header = True
    for r, cells in enumerate(texts, start=top):
        filled = sum(1 for c in cells if c)
        if header and filled > 1:
            for column, width in merged.get(r, {}).items():
                at = column - left
                for k in range(at + 1, min(at + width, len(cells))):
                    if not cells[k]:
                        cells[k] = cells[at]
        header = header and filled <= 1
        yield _trimmed(cells)


def _row_marks(sheet: Any) -> list[tuple[str, int]]:
    """Per row of :func:`sheet_rows`, how the sheet's keeper set it aside (:attr:`~loaders.
    documents.blocks.Row.aside`: hidden or filtered out, but a row of a collapsed outline
    group is the detail under its summary row; every filled cell struck through), and the
    indent of its first filled cell."""
    out = []
    for r, row in enumerate(sheet.iter_rows(), start=sheet.min_row):
        dimension = sheet.row_dimensions.get(r) if r in sheet.row_dimensions else None
        filled = [c for c in row if c.value not in (None, "")]
        aside = ""
        if dimension is not None and dimension.hidden and not dimension.outlineLevel:
            aside = HIDDEN
        elif filled and all(getattr(getattr(c, "font", None), "strike", False) for c in filled):
            aside = STRUCK
        indent = getattr(getattr(filled[0], "alignment", None), "indent", 0) if filled else 0
        out.append((aside, int(indent or 0)))
    return out


def is_plan_workbook(path: Path) -> bool:
    """Whether ``path`` is a workbook written in the plan workbook's layout."""
    if path.suffix.lower() != ".xlsx":
        return False
    book = _workbook(path)
    try:
        return {"Plan", "Actions"} <= set(book.sheetnames)
    finally:
        book.close()


def _trimmed(cells: list[str]) -> list[str]:
    """A spreadsheet row without its trailing blank cells."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def sheet_blocks(path: Path) -> list[Block]:
    out: list[Block] = []
    count = 0
    if path.suffix.lower() in (".csv", ".tsv"):
        from loaders.documents.readers import read_text_file

        text = read_text_file(path)
        first, _, rest = text.partition("\n")
        hint = re.fullmatch(r"\s*sep=(.)\s*", first, re.IGNORECASE)  # Excel's "sep=;" line
        if hint is not None:
            dialect: Any = type("Hinted", (csv.excel,), {"delimiter": hint.group(1)})
            text, start = rest, 2
        else:
            start = 1
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
        rows = []
        try:
            for r, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=start):
                if any(c.strip() for c in cells):
                    rows.append(Row([_text(c) for c in cells], r, f"row {r}"))
        except csv.Error as e:
            raise UsageError(f"{path}: not readable as CSV ({e})") from None
        return [Block(BlockKind.TABLE, line=1, place="row 1", rows=rows)] if rows else []
    book = _workbook(path, read_only=False)  # read-only mode does not give merged ranges
    try:
        for sheet in book.worksheets:
            texts = list(sheet_rows(sheet))
            block, count = table_block(
                texts,
                count,
                f"{SHEET_PLACE}{sheet.title!r}",
                f"{SHEET_PLACE}{sheet.title!r}, row {{r}}",
            )
            if block is not None:
                # the rows table_block kept are the filled ones, in order
                marks = [m for m, cells in zip(_row_marks(sheet), texts, strict=True) if any(cells)]
                shown = sheet.sheet_state == "visible"  # a hidden sheet: all its rows set aside
                for row, (aside, indent) in zip(block.rows, marks, strict=True):
                    row.aside, row.indent = aside if shown else HIDDEN, indent
                out.append(block)
    finally:
        book.close()
    return out
