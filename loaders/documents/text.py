"""Normalising text extracted from a PDF or a Word file into numbered lines of cells.

Extraction leaves tables as tab-separated lines, HTML fragments inside cells (``<p>``,
``<ul><li>``, ``•`` bullets), running page headers repeated on every page, and words of one
cell broken over two lines. This module only cleans; recognising what a line *is* happens in
:mod:`loaders.documents.shapes`, :mod:`loaders.documents.tables` and
:mod:`loaders.documents.prose`.

>>> clean_cell('<p>Impact</p> <ul style="list-style-type: none"> • Fewer waits • Better</ul>')
'Impact; Fewer waits; Better'
>>> [ln.cells for ln in document_lines("a\\tb \\n\\n<p>c</p>\\t")][0]
('a', 'b')
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "Line",
    "clean_cell",
    "clean_cells",
    "document_lines",
    "ref_key",
    "running_headers",
    "struck_through",
    "tab_rows",
]

_ITEM = re.compile(r"</?(?:p|li|ul|ol|br|div)\b[^>]*>|[•●▪]|\s·\s", re.IGNORECASE)
_TAG = re.compile(r"<(?![^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>)[^>]+>")
"""A tag; not an email address in angle brackets (``Jo Bloggs <jo.bloggs@x.gov.uk>``)."""
_ADDRESS = re.compile(r"<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>")
_NAMED_ADDRESS = re.compile(r"(?<=\w)\s*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>")
_MARKDOWN = re.compile(r"\*\*|__|\[([^\]]*)\]\([^)]*\)")
_SEPARATORS = re.compile(r"\s*(?:;\s*)+")
STRUCK_TEXT = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
"""Markdown's strikethrough: ``~~Jan 2025~~``."""


def struck_through(text: str) -> bool:
    """Whether every word of ``text`` is struck through in Markdown (``~~...~~``).

    >>> struck_through("~~Open a hub (Head of SEND, Jan 2025)~~"), struck_through("~~Jan~~ Mar")
    (True, False)
    """
    return bool(STRUCK_TEXT.search(text)) and not STRUCK_TEXT.sub("", text).strip(" \t|-*•")


def clean_cell(text: str) -> str:
    """One cell as plain text: tags removed, paragraphs and bullets joined with ``"; "``.
    An email address in angle brackets is no tag: after a name it goes (the name says who),
    alone it stays, as the address.

    >>> clean_cell("<b>Lead:</b> Jo Bloggs <jo@x.gov.uk>"), clean_cell("Lead: <jo@x.gov.uk>")
    ('Lead: Jo Bloggs', 'Lead: jo@x.gov.uk')
    >>> clean_cell("~~Jan 2025~~ Mar 2025"), clean_cell("~~Jan 2025~~")
    ('Mar 2025', 'Jan 2025')
    """
    text = _ITEM.sub(";", text)
    text = _TAG.sub(" ", text)
    text = _NAMED_ADDRESS.sub("", text)  # "Jo Bloggs <jo@x.gov.uk>": the name says who
    text = _ADDRESS.sub(r"\1", text)  # "<jo.bloggs@x.gov.uk>" alone: the address says who
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", text)
    # "~~Jan 2025~~ Mar 2025": the words struck out are gone; all struck, the words are kept
    # (the row or item is set aside by its reader)
    kept = STRUCK_TEXT.sub("", text)
    text = kept if kept.strip() else STRUCK_TEXT.sub(r"\1", text)
    text = html.unescape(text).replace("\u00a0", " ")
    text = " ".join(text.split())
    text = _SEPARATORS.sub("; ", text)
    return text.strip("; ").strip()


@dataclass(frozen=True)
class Line:
    """One line of the document: its number (from 1), its raw text and its cleaned cells.

    A line without a tab has one cell; trailing empty cells are dropped."""

    number: int
    raw: str
    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        """The cells joined by single spaces: what a reader sees."""
        return " ".join(c for c in self.cells if c)

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def is_tabular(self) -> bool:
        return "\t" in self.raw


def document_lines(text: str) -> list[Line]:
    """Every line of ``text`` as a :class:`Line` (blank ones included, to keep numbers); a
    row of a tab-separated table written over several lines (:func:`tab_rows`) is one line,
    numbered as its first."""
    raw_lines = text.splitlines()
    out = []
    i = 0
    while i < len(raw_lines):
        if "\t" not in raw_lines[i]:
            out.append(Line(i + 1, raw_lines[i], clean_cells([raw_lines[i]])))
            i += 1
            continue
        rows, i = tab_rows(raw_lines, i)
        for first, cells in rows:
            single = len(cells) == len(raw_lines[first].split("\t"))
            raw = raw_lines[first] if single else "\t".join(c.replace("\n", "; ") for c in cells)
            out.append(Line(first + 1, raw, clean_cells(cells)))
    return out


def clean_cells(cells: Sequence[str]) -> tuple[str, ...]:
    """Cells cleaned (a line break in a cell as ``"; "``), trailing empty ones dropped."""
    out = [clean_cell(c.replace("\n", "; ")) for c in cells]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def _record(lines: Sequence[str], i: int) -> tuple[list[str], int]:
    """The cells of the tab-separated line ``lines[i]`` and the index after it. A cell
    quoted as Excel quotes it when copied (``"..."``, a quote inside doubled) may hold line
    breaks and so run over the following lines (:mod:`csv` reads it)."""
    line = lines[i]
    if '"' not in line:
        return line.split("\t"), i + 1
    reader = csv.reader((f"{ln}\n" for ln in lines[i:]), delimiter="\t")
    try:
        cells = next(reader)
    except (csv.Error, StopIteration):
        return line.split("\t"), i + 1
    return [c.rstrip("\n") for c in cells], i + reader.line_num


def tab_rows(lines: Sequence[str], start: int) -> tuple[list[tuple[int, list[str]]], int]:
    r"""The rows of the tab-separated table whose first line is ``lines[start]``, each the
    index of its first line and its cells (raw; a line break inside a cell kept as
    ``"\n"``), and the index of the line after the table.

    A table pasted from Word or Excel keeps the line breaks inside its cells: Excel quotes
    such a cell (:func:`_record`); Word does not, and its row runs over several lines, each
    with fewer cells than the table. Lines that together make exactly one row of the
    table's width (its first line's), none of them a full row, the first with a tab, are
    joined back into that row, the cell broken over two lines joined with a line break. A
    quoted cell that makes the row longer or shorter than the table was a stray quote: the
    line is read as it is.

    >>> rows, end = tab_rows(["Ref\tAction\tLead", "1\tTrain staff", "and governors\tSENCO",
    ...     '2\t"Audit plans:', '- new ones"\tSENCO', "", "Text"], 0)
    >>> for row in rows:
    ...     print(row)
    (0, ['Ref', 'Action', 'Lead'])
    (1, ['1', 'Train staff\nand governors', 'SENCO'])
    (3, ['2', 'Audit plans:\n- new ones', 'SENCO'])
    >>> end
    5
    """
    first, i = _record(lines, start)
    width = len(first)
    rows = [(start, first)]
    while i < len(lines):
        cells, end = _record(lines, i)
        if end > i + 1 and len(cells) != width:
            cells, end = lines[i].split("\t"), i + 1
        if "\t" not in lines[i]:
            break
        if len(cells) < width and (joined := _continued(lines, cells, end, width)) is not None:
            rows.append((i, joined[0]))
            i = joined[1]
            continue
        rows.append((i, cells))
        i = end
    return rows, i


def _continued(
    lines: Sequence[str], cells: list[str], end: int, width: int
) -> tuple[list[str], int] | None:
    """A row begun by ``cells`` (fewer than ``width``) and continued on the lines from
    ``end``, each with fewer cells than the table, up to exactly ``width`` cells; the row
    and the index after it, or None."""
    cells = list(cells)
    while len(cells) < width and end < len(lines) and lines[end].strip():
        more = lines[end].split("\t")  # Word quotes no cell
        if len(more) >= width:
            return None
        cells[-1] = f"{cells[-1]}\n{more[0]}"
        cells += more[1:]
        end += 1
    return (cells, end) if len(cells) == width else None


def running_headers(lines: Iterable[Line], times: int = 3) -> set[str]:
    """Texts of lines without tabs repeated at least ``times`` times: running page headers
    and footers. Short lines (under 25 characters) are left alone: they may be list items.
    """
    counts = Counter(ln.text for ln in lines if not ln.is_tabular and len(ln.text) >= 25)
    return {text for text, n in counts.items() if n >= times}


_DASHES = re.compile(r"\s*[-–—]\s*")


def ref_key(text: str) -> str:
    """A document's ref with spaces around dashes removed: ``"A – 1"`` -> ``"A-1"``."""
    return _DASHES.sub("-", text.strip()).replace(" ", "")
