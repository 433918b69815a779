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

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Line", "clean_cell", "document_lines", "ref_key", "running_headers"]

_ITEM = re.compile(r"</?(?:p|li|ul|ol|br|div)\b[^>]*>|[•●▪]|\s·\s", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN = re.compile(r"\*\*|__|\[([^\]]*)\]\([^)]*\)")
_SEPARATORS = re.compile(r"\s*(?:;\s*)+")


def clean_cell(text: str) -> str:
    """One cell as plain text: tags removed, paragraphs and bullets joined with ``"; "``."""
    text = _ITEM.sub(";", text)
    text = _TAG.sub(" ", text)
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", text)
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
    """Every line of ``text`` as a :class:`Line` (blank ones included, to keep numbers)."""
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        cells = [clean_cell(c) for c in raw.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        out.append(Line(number, raw, tuple(cells)))
    return out


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
