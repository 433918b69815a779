"""A tracker spreadsheet (.xlsx, .csv) into blocks: each sheet one table, row by row.

Rows above a tracker's header (a title, a date printed) stay rows of the table: the
interpretation finds the header row. A ``.xlsx`` that is the plan workbook itself is
recognised by :func:`is_plan_workbook` and read by the workbook loader instead.

A status column (``RAG``, ``Status``, ``Progress``) whose cells are coloured and left empty,
as trackers often are, is read from the colour: ``Green (cell colour)``, ``Amber``, ``Red``,
``Blue`` (complete in a BRAG scale), so the draft says where its status came from. A fill is
an RGB colour, a colour of the workbook's theme (``Green, Accent 6`` and its tints, resolved
through the theme the workbook carries, as Excel does) or one of the legacy indexed palette;
pale fills (banded rows, strong tints) and greys are not read.

Cells merged across columns follow the rule of the Word and web readers: in the header (the
rows down to the first with several filled cells) a merged cell heads every column it spans
(``Action`` merged over a ref column and a text column); below, and when it is the row's
only cell (a title across the table), it is written once and the further columns are blank,
as Excel leaves them. Cells merged down rows are left as Excel gives them: a tracker's blank
is a blank (see :mod:`loaders.documents.merged`).
"""

from __future__ import annotations

import colorsys
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from loaders.documents.blocks import Block, BlockKind, Row, table_block

__all__ = ["is_plan_workbook", "rag_colour", "sheet_blocks", "sheet_rows"]


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


def rag_colour(rgb: str | None) -> str | None:
    """The RAG word of a solid fill's colour (``FF00B050`` -> ``Green``), None for a pale,
    grey or other colour.

    >>> rag_colour("FF00B050"), rag_colour("FFFFC000"), rag_colour("FFFF0000")
    ('Green', 'Amber', 'Red')
    >>> rag_colour("FF0070C0"), rag_colour("FFD9E1F2"), rag_colour("FFFFFFFF")
    ('Blue', None, None)
    """
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    try:
        red, green, blue = (int(rgb[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.45 or value < 0.35:
        return None
    degrees = hue * 360
    for word, low, high in (
        ("Red", 345, 360), ("Red", 0, 15), ("Amber", 25, 65), ("Green", 75, 170),
        ("Blue", 185, 250),
    ):  # fmt: skip
        if low <= degrees <= high:
            return word
    return None


def _status_columns(texts: list[list[str]]) -> set[int]:
    """The columns (from 0, from the sheet's first column) whose header -- the row the
    interpretation takes for the header (:func:`~loaders.documents.grid.header_row`) --
    names a status."""
    from loaders.documents.grid import header_row
    from loaders.documents.roles import Role, role_of_header

    filled = [Row(cells, r, "") for r, cells in enumerate(texts) if any(cells)]
    k = header_row(filled)
    if k is None:
        return set()
    return {i for i, h in enumerate(filled[k].cells) if h and role_of_header(h) is Role.STATUS}


_SCHEME = re.compile(
    rb"<a:(dk1|lt1|dk2|lt2|accent[1-6])>\s*"
    rb"<a:(?:srgbClr val|sysClr [^>]*?lastClr)=\"([0-9A-Fa-f]{6})\""
)
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", *(f"accent{i}" for i in range(1, 7)))
"""A fill's theme index names these (Excel swaps the first two pairs of the scheme)."""
_OFFICE: tuple[str, ...] = ("FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31")
_OFFICE += ("A5A5A5", "FFC000", "5B9BD5", "70AD47")
"""The Office theme's colours, for a workbook that carries no theme."""


def theme_colours(theme: bytes | None) -> tuple[str, ...]:
    """The RGB colours a fill's theme index names, from a workbook's theme XML
    (``Workbook.loaded_theme``), else the Office theme's.

    >>> theme_colours(None)[9]
    '70AD47'
    """
    found = {name.decode(): rgb.decode().upper() for name, rgb in _SCHEME.findall(theme or b"")}
    if not all(name in found for name in _THEME_ORDER):
        return _OFFICE
    return tuple(found[name] for name in _THEME_ORDER)


def _tinted(rgb: str, tint: float) -> str:
    """``rgb`` lightened (tint > 0) or darkened (tint < 0) as Excel tints a theme colour: on
    its lightness.

    >>> _tinted("70AD47", 0.0), _tinted("70AD47", 0.8)  # Excel: 70AD47, E2EFDA
    ('70AD47', 'E2F0D9')
    """
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, saturation))


def _fill_rgb(colour: Any, theme: tuple[str, ...]) -> str | None:
    """The RGB of a fill colour (openpyxl ``Color``): as given, from the theme, or indexed."""
    kind = getattr(colour, "type", None)
    if kind == "rgb":
        return colour.rgb if isinstance(colour.rgb, str) else None
    if kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        return _tinted(theme[colour.theme], float(colour.tint or 0))
    if kind == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if 8 <= colour.indexed < len(COLOR_INDEX):  # 0-7 repeat 8-15; 64 is the system's
            return str(COLOR_INDEX[colour.indexed])
    return None


def _coloured(cell: Any, theme: tuple[str, ...]) -> str | None:
    if type(cell).__name__ == "MergedCell":  # in a merged range: the first cell holds it all
        return None
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    word = rag_colour(_fill_rgb(fill.fgColor, theme))
    return f"{word} (cell colour)" if word else None


def sheet_rows(sheet: Any) -> Iterator[list[str]]:
    """The texts of a worksheet (openpyxl, not read-only: merged ranges and fills are read),
    row by row from its first row and column, cells merged across columns and empty coloured
    status cells as the module says."""
    merged = _merged_across(sheet)
    top, left = sheet.min_row, sheet.min_column
    rows = list(sheet.iter_rows())
    texts = [[_text(c.value) for c in row] for row in rows]
    statuses = _status_columns(texts)
    theme = theme_colours(getattr(sheet.parent, "loaded_theme", None)) if statuses else _OFFICE
    header = True
    for r, (row, cells) in enumerate(zip(rows, texts, strict=True), start=top):
        for i in statuses:
            if not header and i < len(cells) and not cells[i]:
                cells[i] = _coloured(row[i], theme) or ""
        filled = sum(1 for c in cells if c)
        if header and filled > 1:
            for column, width in merged.get(r, {}).items():
                at = column - left
                for k in range(at + 1, min(at + width, len(cells))):
                    if not cells[k]:
                        cells[k] = cells[at]
        header = header and filled <= 1
        yield _trimmed(cells)


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
    book = _workbook(path, read_only=False)  # read-only mode does not give merged ranges
    try:
        for sheet in book.worksheets:
            block, count = table_block(
                sheet_rows(sheet),
                count,
                f"sheet {sheet.title!r}",
                f"sheet {sheet.title!r}, row {{r}}",
            )
            if block is not None:
                out.append(block)
    finally:
        book.close()
    return out
