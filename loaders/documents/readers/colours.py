"""Status cells left empty and coloured, as trackers' RAG columns often are: read from the
colour, for every reader that sees colours (spreadsheets' fills, Word tables' shading).

A status column (``RAG``, ``Status``, ``Progress``: the header the interpretation takes,
:func:`status_columns`) whose cells below the header are coloured and left empty is read
from the colour: ``Green (cell colour)``, ``Amber``, ``Red``, ``Blue`` (complete in a BRAG
scale), so the draft says where its status came from. Pale fills (banded rows, strong tints)
and greys are not read, nor coloured cells of other columns.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable

from loaders.documents.blocks import Row

__all__ = ["fill_status_colours", "rag_colour", "status_columns", "theme_colours", "tinted"]


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


def status_columns(texts: list[list[str]]) -> set[int]:
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


def tinted(rgb: str, tint: float) -> str:
    """``rgb`` lightened (tint > 0) or darkened (tint < 0) as Excel tints a theme colour: on
    its lightness.

    >>> tinted("70AD47", 0.0), tinted("70AD47", 0.8)  # Excel: 70AD47, E2EFDA
    ('70AD47', 'E2F0D9')
    """
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, saturation))


def fill_status_colours(texts: list[list[str]], rgb: Callable[[int, int], str | None]) -> None:
    """In place: each empty cell of a status column below the header gets the RAG word of
    its colour (``rgb(row, column)``, indices into ``texts``) with ``(cell colour)``.

    >>> texts = [["Action", "RAG"], ["Recruit", ""], ["Train", ""]]
    >>> fill_status_colours(texts, lambda r, i: {1: "00B050", 2: "D9E1F2"}[r])
    >>> texts
    [['Action', 'RAG'], ['Recruit', 'Green (cell colour)'], ['Train', '']]
    """
    statuses = status_columns(texts)
    header = True
    for r, cells in enumerate(texts):
        for i in statuses:
            if not header and i < len(cells) and not cells[i]:
                word = rag_colour(rgb(r, i))
                cells[i] = f"{word} (cell colour)" if word else ""
        header = header and sum(1 for c in cells if c) <= 1
