"""A tracker spreadsheet (.xlsx, .csv) into blocks: each sheet one table, row by row.

Rows above a tracker's header (a title, a date printed) stay rows of the table: the
interpretation finds the header row. A ``.xlsx`` that is the plan workbook itself is
recognised by :func:`is_plan_workbook` and read by the workbook loader instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from loaders.documents.blocks import Block, BlockKind, Row, table_block

__all__ = ["is_plan_workbook", "sheet_blocks"]


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


def _workbook(path: Path) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UsageError(
            f"{path}: not a readable Excel workbook ({e}); save it again as .xlsx"
        ) from None


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
    if path.suffix.lower() == ".csv":
        from loaders.documents.readers import read_text_file

        text = read_text_file(path)
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = []
        try:
            for r, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
                if any(c.strip() for c in cells):
                    rows.append(Row([_text(c) for c in cells], r, f"row {r}"))
        except csv.Error as e:
            raise UsageError(f"{path}: not readable as CSV ({e})") from None
        return [Block(BlockKind.TABLE, line=1, place="row 1", rows=rows)] if rows else []
    book = _workbook(path)
    try:
        for sheet in book.worksheets:
            block, count = table_block(
                (
                    _trimmed([_text(v) for v in values])
                    for values in sheet.iter_rows(values_only=True)
                ),
                count,
                f"sheet {sheet.title!r}",
                f"sheet {sheet.title!r}, row {{r}}",
            )
            if block is not None:
                out.append(block)
    finally:
        book.close()
    return out
