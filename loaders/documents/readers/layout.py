"""Space-aligned tables as ``pdftotext -layout`` writes them.

A header line of at least three words or phrases separated by two or more spaces, of which
at least two name a column (:func:`~loaders.documents.roles.role_of_header`), starts a
table; its columns begin where its phrases begin (a header wrapped onto a second line is
joined). Each following line is cut at those positions; the table ends at a line whose text
runs across a column boundary (prose), at a heading-like line, or after two blank lines.
Rows are separated by blank lines when the table has them, else a row starts where the
first column (the ref column, when there is one) has new text; wrapped cells are joined.

>>> text = '''Ref   Action                  Lead          Due
... 1.1   Publish the SEND        Jo Bloggs     March 2024
...       strategy
... 1.2   Train staff             Ann Lee       May 2024'''
>>> table, end = layout_table(text.splitlines(), 0, 1)
>>> [r.cells for r in table.rows]  # doctest: +NORMALIZE_WHITESPACE
[['Ref', 'Action', 'Lead', 'Due'], ['1.1', 'Publish the SEND strategy', 'Jo Bloggs',
 'March 2024'], ['1.2', 'Train staff', 'Ann Lee', 'May 2024']]
>>> end
4
"""

from __future__ import annotations

import re

from loaders.documents.blocks import Block, BlockKind, Row
from loaders.documents.roles import Role, role_of_header

__all__ = ["layout_table", "segments"]

_GAP = re.compile(r"\S(?:\S| (?! ))*")


def segments(line: str) -> list[tuple[int, int, str]]:
    """The phrases of ``line`` separated by two or more spaces: (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in _GAP.finditer(line.expandtabs(8))]


def _header(line: str) -> list[tuple[int, str]] | None:
    segs = segments(line)
    if len(segs) < 3 or any(len(t.split()) > 6 for _, _, t in segs):
        return None
    roles = [role_of_header(t) for _, _, t in segs]
    known = {r for r in roles if r is not Role.OTHER}
    if len(known) < 2 or not (Role.ACTION in known or {Role.OWNER, Role.DUE} <= known):
        return None
    return [(s, t) for s, _, t in segs]


def _cut(line: str, starts: list[int]) -> list[str] | None:
    """The line's text per column, or None if a phrase runs across a column boundary."""
    cells = [""] * len(starts)
    for start, end, text in segments(line):
        col = max((i for i, s in enumerate(starts) if s <= start + 2), default=0)
        nxt = starts[col + 1] if col + 1 < len(starts) else None
        if nxt is not None and end > nxt + 1:
            return None
        cells[col] = f"{cells[col]} {text}".strip()
    return cells


def layout_table(lines: list[str], i: int, first_number: int) -> tuple[Block, int] | None:
    """A table whose header is ``lines[i]``, and the index after its last line; or None.
    ``first_number`` is the source line number of ``lines[0]``."""
    header = _header(lines[i])
    if header is None:
        return None
    starts = [s for s, _ in header]
    titles = [t for _, t in header]
    j = i + 1
    if j < len(lines) and lines[j].strip():
        second = segments(lines[j])
        if second and all(len(t.split()) <= 2 and not re.search(r"\d", t) for _, _, t in second):
            cells = _cut(lines[j], starts)
            if cells is not None and all(
                any(abs(s - c) <= 3 for c in starts) for s, _, _ in second
            ):
                titles = [f"{a} {b}".strip() for a, b in zip(titles, cells, strict=True)]
                j += 1
    body: list[tuple[int, list[str] | None]] = []
    blanks = 0
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            blanks += 1
            if blanks >= 2:
                break
            body.append((j, None))
            j += 1
            continue
        cells = _cut(line, starts)
        if cells is None:
            break
        if len(segments(line)) == 1 and _heading_like(line) and cells[0] and body:
            break
        blanks = 0
        body.append((j, cells))
        j += 1
    while body and body[-1][1] is None:
        body.pop()
    if not body:
        return None
    roles = [role_of_header(t) for t in titles]
    key = roles.index(Role.REF) if Role.REF in roles else 0
    rows: list[Row] = [Row(titles, first_number + i, f"line {first_number + i}")]
    by_blank = any(c is None for _, c in body)
    current: list[str] | None = None
    for k, cells in body:
        number = first_number + k
        if cells is None:
            current = None
            continue
        starts_row = current is None
        if not by_blank and current is not None and cells[key]:
            previous = current[key]
            starts_row = (
                (key == roles.index(Role.REF) if Role.REF in roles else False)
                or previous.rstrip().endswith((".", ":", ";"))
                or (
                    cells[key][:1].isupper()
                    and (sum(1 for c in cells if c) >= max(2, (len(cells) + 1) // 2))
                )
            )
        if starts_row:
            current = list(cells)
            rows.append(Row(current, number, f"line {number}"))
        else:
            assert current is not None
            for c, text in enumerate(cells):
                if text:
                    current[c] = f"{current[c]} {text}".strip()
    end = body[-1][0] + 1
    return Block(
        BlockKind.TABLE, line=first_number + i, place=f"line {first_number + i}", rows=rows
    ), end


def _heading_like(line: str) -> bool:
    text = line.strip()
    return bool(re.match(r"^(Priority|Area|Weakness|Section|Theme|Workstream)\b", text))
