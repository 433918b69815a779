"""The one intermediate every reader writes: a document as a sequence of :class:`Block`.

A block is a heading (with its level), a paragraph, a list item (with its depth and
marker), a table (rows of cells) or a page break. Each keeps its place in the source: a
``line`` number (the source line for text, HTML and Markdown; an ordinal in reading order
for Word, PDF and spreadsheets) and a ``place`` a person can find (``line 12``, ``page 3,
table 1, row 4``, ``paragraph 17``). Interpretation (:mod:`~loaders.documents.interpret`)
works on blocks only, whatever the source was.

>>> b = Block(BlockKind.ITEM, "Review the SEND strategy", line=4, place="line 4", marker="-")
>>> b.is_item, b.depth
(True, 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

__all__ = ["HIDDEN", "STRUCK", "Block", "BlockKind", "Row", "table_block"]

HIDDEN = "hidden"
"""A row's :attr:`Row.aside` when its sheet hides it."""
STRUCK = "struck-through"
"""A row's (or a paragraph's) ``aside`` when every word of it is struck through."""


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    TABLE = "table"
    BREAK = "break"


@dataclass
class Row:
    """One table row: its cells (plain text) and where it is."""

    cells: list[str]
    line: int
    place: str
    aside: str = ""
    """How the document's keeper set the row aside, if so: ``hidden`` (a spreadsheet's row
    hidden or filtered out, or a hidden sheet's), ``struck-through`` (every word struck)."""
    indent: int = 0
    """The indent of its first filled cell (a spreadsheet's cell indent, in steps)."""

    @property
    def text(self) -> str:
        return " | ".join(c for c in self.cells if c)


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    line: int = 0
    place: str = ""
    level: int = 0
    """A heading's level, 1 the highest (0: a title above all headings)."""
    depth: int = 0
    """A list item's nesting, 0 the outermost."""
    marker: str = ""
    """A list item's marker as written (``1.``, ``a)``, ``•``, ``-``)."""
    rows: list[Row] = field(default_factory=list)
    bold: bool = False
    """A paragraph written wholly in bold (a heading in all but style)."""
    aside: str = ""
    """How the document's keeper set a paragraph or list item aside, if so (``struck-through``:
    every word struck), as :attr:`Row.aside` says of a row."""

    @property
    def is_heading(self) -> bool:
        return self.kind is BlockKind.HEADING

    @property
    def is_item(self) -> bool:
        return self.kind is BlockKind.ITEM

    @property
    def is_table(self) -> bool:
        return self.kind is BlockKind.TABLE

    @property
    def numbered(self) -> bool:
        """A list item whose marker counts (``1.``, ``a)``, ``(ii)``)."""
        return self.is_item and any(ch.isalnum() for ch in self.marker)


def table_block(
    rows: Iterable[list[str]], start: int, place: str, row_place: str
) -> tuple[Block | None, int]:
    """A table block of the rows that have a filled cell, numbered on from ``start`` in
    reading order, and the last number used. ``row_place`` is each row's place with ``{r}``
    for its row number in the source table (``page 2, table 1, row {r}``).

    >>> block, last = table_block([["Ref", "Action"], ["", ""], ["1", "Do it"]], 4, "t", "row {r}")
    >>> [(r.line, r.place, r.cells) for r in block.rows], last
    ([(5, 'row 1', ['Ref', 'Action']), (6, 'row 3', ['1', 'Do it'])], 6)
    """
    out: list[Row] = []
    for r, cells in enumerate(rows, start=1):
        if any(cells):
            start += 1
            out.append(Row(cells, start, row_place.format(r=r)))
    if not out:
        return None, start
    return Block(BlockKind.TABLE, line=out[0].line, place=place, rows=out), start
