"""A Word document (.docx) into blocks, in document order (python-docx).

Paragraph styles ``Heading N`` and ``Title`` give headings; a paragraph wholly in bold and
short is a heading too (many plans are styled by hand), and so is a finding written wholly
in bold (``Area for improvement 1: Leaders should ….``), a sentence though it is. A
numbered paragraph starts with the number Word draws before it (``1.``, ``1.1``, ``a)``:
:mod:`~loaders.documents.readers.numbering`) and is read as if the number were typed: a
heading, an item (``1.``, ``a)``, its depth the numbering level) or a paragraph (``1.1 …``).
Bulleted paragraphs (a ``List ...`` style, or bullet numbering) are items, their depth from
the numbering level. Tables give rows of cells, one per column of the table's grid
(:func:`table_texts`), as the web reader writes them: a cell merged across columns
(``w:gridSpan``) is followed by a blank cell for each further column it spans, except in the
table's header, where it heads every column it spans (``Action`` merged over a ref column
and a text column heads both); a cell merged down rows (``w:vMerge``) is repeated in each
row, as python-docx gives it (see :mod:`loaders.documents.merged`); a row starting after the
grid's first column (``w:gridBefore``) starts with blanks. A cell's paragraphs are joined
with ``"; "``. A row, paragraph or list item whose every word is struck through
(:func:`struck`) is set aside (:data:`~loaders.documents.blocks.STRUCK`), as a tracker's
struck-through row is. Places are
``paragraph N`` and ``table N, row R``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from loaders.documents.blocks import STRUCK, Block, BlockKind, Row
from loaders.documents.readers.colours import fill_status_colours
from loaders.documents.readers.numbering import Numbering, W
from loaders.documents.readers.text import MARKER, broken_lines, marked_item

__all__ = [
    "docx_blocks",
    "numbered",
    "open_docx",
    "paragraph_text",
    "struck",
    "struck_rows",
    "table_texts",
]


def open_docx(path: Path) -> Any:
    """The python-docx document at ``path``; :class:`UsageError` if it cannot be read."""
    try:
        import docx
        import docx.opc.exceptions
    except ImportError:  # a broken install: python-docx is a dependency
        raise UsageError(
            f"{path}: importing .docx needs python-docx, which is not installed: "
            "pip install python-docx (or reinstall actiongraph)"
        ) from None
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, docx.opc.exceptions.OpcError) as e:
        raise UsageError(
            f"{path}: not a readable Word document ({e}); save it again as .docx"
        ) from None


_REMOVED = (f"{W}del", f"{W}moveFrom")
_TEXT_TAGS = {f"{W}t": None, f"{W}tab": " ", f"{W}br": "\n", f"{W}cr": "\n"}


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as it reads with its tracked changes accepted: inserted runs
    (``w:ins``) in, deleted ones out (their text is ``w:delText``), tabs as spaces, line
    breaks as :func:`~loaders.documents.readers.text.broken_lines` reads them. python-docx's
    ``Paragraph.text`` leaves inserted runs out, so a plan under review lost the words added
    to it.

    >>> import docx
    >>> from docx.oxml import parse_xml
    >>> from docx.oxml.ns import nsdecls
    >>> p = docx.Document().add_paragraph("Recruit ")
    >>> p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="A"><w:r>'
    ...     '<w:t xml:space="preserve">four </w:t></w:r></w:ins>'))
    >>> _ = p.add_run("psychologists")
    >>> p.text, paragraph_text(p)
    ('Recruit psychologists', 'Recruit four psychologists')
    """
    out = []
    for element in paragraph._p.iter(*_TEXT_TAGS):
        if next(element.iterancestors(*_REMOVED), None) is not None:
            continue  # deleted, or moved away (the moved text is read where it went)
        replacement = _TEXT_TAGS[element.tag]
        out.append(element.text or "" if replacement is None else replacement)
    return broken_lines("".join(out))


_STRIKES = (f"{W}strike", f"{W}dstrike")
_OFF = ("0", "false", "off", "none")


def _struck_run(run: Any) -> bool:
    """Whether a run (``w:r``) is struck through: single or double, set on the run itself."""
    for tag in _STRIKES:
        mark = run.find(f"{W}rPr/{tag}")
        if mark is not None and (mark.get(f"{W}val") or "true").lower() not in _OFF:
            return True
    return False


def struck_rows(table: Any) -> list[bool]:
    """For each row of a python-docx table, whether every word in it is struck through: how
    a plan's keeper marks an action dropped or replaced while keeping its history. Deleted
    text (a tracked change) is no word of the row; a row without words is not struck.

    >>> import docx
    >>> table = docx.Document().add_table(rows=2, cols=2)
    >>> for r, (a, b) in enumerate([("1.1", "Recruit two EPs"), ("1.2", "Old action")]):
    ...     table.cell(r, 0).text, table.cell(r, 1).text = a, b
    >>> for cell in table.rows[1].cells:
    ...     cell.paragraphs[0].runs[0].font.strike = True
    >>> struck_rows(table)
    [False, True]
    """
    return [struck(row._tr) for row in table.rows]


def struck(element: Any) -> bool:
    """Whether every word in a paragraph's or a row's element is struck through (deleted
    text left out); False for one without words."""
    runs = [
        run
        for run in element.iter(f"{W}r")
        if next(run.iterancestors(*_REMOVED), None) is None
        and "".join(t.text or "" for t in run.iter(f"{W}t")).strip()
    ]
    return bool(runs) and all(_struck_run(run) for run in runs)


def numbered(label: str | None, text: str) -> str:
    """A paragraph's text after the number Word draws before it (``label``; none for a
    paragraph outside a list, ``""`` for a bullet), as if the number were typed.

    >>> numbered("1.1", "Recruit staff"), numbered("", "Recruit staff")
    ('1.1 Recruit staff', 'Recruit staff')
    """
    return f"{label} {text}" if label else text


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs joined with ``"; "``, and the rows of a table inside the cell (a
    milestones table in an action's row) in their place, each row's cells joined with
    ``" | "``: python-docx's ``cell.paragraphs`` leaves a nested table out.

    >>> import docx
    >>> cell = docx.Document().add_table(rows=1, cols=1).cell(0, 0)
    >>> cell.text = "Milestones"
    >>> inner = cell.add_table(rows=2, cols=2)
    >>> for r, (a, b) in enumerate([("Backlog halved", "Oct 2024"), ("Cleared", "Mar 2025")]):
    ...     inner.cell(r, 0).text, inner.cell(r, 1).text = a, b
    >>> _cell_text(cell)
    'Milestones; Backlog halved | Oct 2024; Cleared | Mar 2025'
    """
    from docx.table import Table

    parts: list[str] = []
    for part in cell.iter_inner_content():
        if isinstance(part, Table):
            rows = table_texts(part, _cell_text)
            # a header cell merged over columns is written once
            parts += [
                " | ".join(c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1]))
                for row in rows
            ]
        else:
            parts.append(" ".join(paragraph_text(part).split()))
    return "; ".join(p for p in parts if p)


def _cell_shading(cell: Any) -> str:
    """The fill colour of a cell's shading (``w:shd w:fill``, RGB), or ``""``."""
    fills = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
    return str(fills[0]) if fills and str(fills[0]).lower() != "auto" else ""


def _table_rows(table: Any) -> list[list[str]]:
    """A table's texts (:func:`table_texts`), an empty status cell shaded green, amber, red or
    blue read as that colour (:mod:`~loaders.documents.readers.colours`)."""
    texts = table_texts(table, _cell_text)
    shading: list[list[str]] = []  # read once, if a status cell is empty

    def rgb(r: int, i: int) -> str | None:
        if not shading:
            shading.extend(table_texts(table, _cell_shading))
        return shading[r][i] if i < len(shading[r]) else None

    fill_status_colours(texts, rgb)
    return texts


def table_texts(table: Any, text_of: Callable[[Any], str]) -> list[list[str]]:
    """The texts of a python-docx table, row by row, one per column of the table's grid.

    python-docx gives a cell merged across columns once per column it spans: it is written
    once, then blanks for the further columns, so that the columns after it stay under their
    headers. In the header (the rows down to the first of several cells) it heads each
    column it spans instead, unless it is the row's only cell (a caption across the table).
    A row starting after the grid's first column starts with blanks. ``text_of`` gives a
    cell's text.
    """
    out: list[list[str]] = []
    header = True
    for row in table.rows:
        spans = _spans(row)
        repeat = header and len(spans) > 1
        before = row._tr.xpath("./w:trPr/w:gridBefore/@w:val")  # python-docx < 1.2 lacks
        texts = [""] * (int(before[0]) if before and before[0].isdigit() else 0)
        for cell, width in spans:
            text = text_of(cell)
            texts += [text, *[text if repeat else ""] * (width - 1)]
        out.append(texts)
        header = header and len(spans) <= 1
    return out


def _spans(row: Any) -> list[tuple[Any, int]]:
    """The cells of a row in order, each with the number of grid columns it spans."""
    spans: list[tuple[Any, int]] = []
    for cell in row.cells:
        if spans and cell._tc is spans[-1][0]._tc:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        else:
            spans.append((cell, 1))
    return spans


def _list_info(paragraph: Any, numbering: Numbering) -> tuple[int, str | None] | None:
    """(depth, label) of a list paragraph, or None. The label is the number Word draws
    (:class:`~loaders.documents.readers.numbering.Numbering`), ``""`` for a bullet, None for
    a paragraph of a numbered style whose numbering is not defined (the caller counts it)."""
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    label = numbering.label(paragraph)
    match = re.search(r"List\s*(Bullet|Number|Paragraph)?\s*(\d)?", style)
    if label is None and not match:
        return None
    level = label.depth if label is not None else 0
    if match and match.group(2):
        level = max(level, int(match.group(2)) - 1)
    if label is not None:
        return level, label.text
    return level, None if match and match.group(1) == "Number" else ""


def _heading_level(paragraph: Any) -> int | None:
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if style == "Title":
        return 0
    match = re.match(r"Heading\s*(\d)", style)
    if match:
        return int(match.group(1))
    from loaders.documents.findings import finding_heading

    text = paragraph.text.strip()
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and finding_heading(text) is not None:
        return 3  # "Area for improvement 1: Leaders should ...." in bold: a sentence, a heading
    if (
        runs
        and all(r.bold for r in runs)
        and len(text.split()) <= 20
        and not text.endswith((".", ";", ","))
        and not re.match(r"^[A-Z][\w ()/’'-]{0,50}:\s*\S", text)
    ):
        return 3
    return None


def docx_blocks(path: Path) -> list[Block]:
    document = open_docx(path)  # first: says what to install when python-docx is missing
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[Block] = []
    count = 0
    paragraphs = tables = 0
    counters: list[int] = []
    """Items of a numbered style without numbering counted per level, until a block that is
    not an item."""
    numbering = Numbering(document)
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            paragraphs += 1
            if element.findall(f".//{W}br[@{W}type='page']"):
                count += 1
                out.append(Block(BlockKind.BREAK, line=count, place=f"paragraph {paragraphs}"))
            listed = _list_info(paragraph, numbering)  # counted even if empty, as Word does
            text = " ".join(paragraph_text(paragraph).split())
            if not text:
                continue
            count += 1
            where = f"paragraph {paragraphs}"
            level = _heading_level(paragraph)
            depth = 0
            if listed is not None and listed[1]:
                # the number Word draws, in the text as if typed: read as typed numbers are
                depth, label = listed
                text, listed = numbered(label, text), None
            typed = MARKER.match(text)
            aside = STRUCK if struck(element) else ""
            if level is not None and listed is None:
                out.append(Block(BlockKind.HEADING, text, count, where, level=level))
            elif listed is not None:
                depth, marker = listed[0], listed[1] or "•"
                if listed[1] is None:
                    counters = counters[: depth + 1] + [0] * (depth + 1 - len(counters))
                    counters[depth] += 1
                    marker = f"{counters[depth]}."
                out.append(
                    Block(
                        BlockKind.ITEM, text, count, where, depth=depth, marker=marker, aside=aside
                    )
                )
                continue
            elif typed is not None:
                out.append(marked_item(typed, count, where, depth))
                out[-1].aside = aside
            else:
                out.append(Block(BlockKind.PARAGRAPH, text, count, where, aside=aside))
            counters = []
        elif tag == "tbl":
            counters = []
            tables += 1
            rows: list[Row] = []
            table = Table(element, document)
            texts = _table_rows(table)
            set_aside = struck_rows(table)
            for r, cells in enumerate(texts, start=1):
                count += 1
                aside = STRUCK if set_aside[r - 1] else ""
                rows.append(Row(cells, count, f"table {tables}, row {r}", aside=aside))
            out.append(
                Block(
                    BlockKind.TABLE,
                    line=rows[0].line if rows else count,
                    place=f"table {tables}",
                    rows=rows,
                )
            )
    return out
