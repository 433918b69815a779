"""A saved web page (.html/.htm) into blocks, with the standard library's HTML parser.

``h1``–``h6`` are headings (and a collapsible section's ``summary``, a heading under the
last one), ``p`` (and text directly in a ``div``) paragraphs, ``li`` list
items (their depth from the enclosing lists, ``1.`` for an ordered list), ``table`` rows of
``th``/``td`` cells. A definition list's term and description (``<dt>Lead</dt><dd>Jo
Bloggs</dd>``) are one ``Lead: Jo Bloggs`` paragraph, as a labelled action's fields are
written in text; a heading just above the list names the record it describes and is read as
its first line, a paragraph. A cell merged down rows (``rowspan``, as Word's "Save as Web Page"
writes a merged owner cell) is repeated in each row it spans, at its column, as the Word
reader repeats a vertically merged cell; a cell merged across columns (``colspan``) is
written once, followed by a blank cell for each further column it spans (in the table's
header, the rows down to the first of several cells, by its text again:
``<th colspan=2>Action</th>`` over a ref and a text column heads both; but not a row's only
cell, a caption across the table), so that the columns line up with the rows below. The
Word reader aligns its rows the same way. What is not the page's
content is left out: ``nav``, ``header``, ``footer``, ``aside``, ``form``, ``script``,
``style``, and any element whose id, class, role or aria-label speaks of navigation,
cookies, banners, breadcrumbs, menus or footers.
A row, paragraph or list item whose every word is struck through (``s``, ``del``, a
``line-through`` style) is set aside (:data:`~loaders.documents.blocks.STRUCK`), as a Word
table's struck-through row is. Places are the source line where the block starts.

>>> page = '''<html><body><nav><ul><li>Home</li></ul></nav>
... <div class="cookie-banner"><p>We use cookies</p></div>
... <main><h1>Our SEND plan</h1><p>We will:</p><ul><li>Train staff</li></ul></main>
... <footer>Contact us</footer></body></html>'''
>>> [(b.kind.value, b.text) for b in html_blocks(page)]
[('heading', 'Our SEND plan'), ('paragraph', 'We will:'), ('item', 'Train staff')]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from loaders.documents.blocks import STRUCK, Block, BlockKind, Row
from loaders.documents.readers.text import broken_lines

__all__ = ["html_blocks"]

_SKIP_TAGS = {
    "head",
    "title",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "button",
    "select",
    "iframe",
}
_SKIP_WORDS = re.compile(
    r"cookie|consent|banner|breadcrumb|\bnav|navigation|menu|footer|skip-link|masthead|"
    r"site-header|sidebar|share|social|feedback|gdpr",
    re.I,
)
_VOID = {
    "br",
    "hr",
    "img",
    "input",
    "meta",
    "link",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
    "param",
}
_STRIKE_TAGS = {"s", "strike", "del"}
"""Elements that strike their text through (``del``: deleted text, as a tracked change)."""
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "address",
    "figcaption",
    "caption",
    "pre",
    "body",
}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.skip_depth = 0
        self.lists: list[str] = []
        self.text: list[str] = []
        self.start_line = 0
        self.kind: BlockKind | None = None
        self.level = 0
        self.table: list[Row] | None = None
        self.tables: list[list[Row]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.row_line = 0
        # per open table: grid column -> (text, rows still to span, columns it spans)
        self.spans: list[dict[int, tuple[str, int, int]]] = []
        self.in_header: list[bool] = []  # per open table: no row of several cells read yet
        self.row_spans: list[tuple[int, int]] = []  # (rowspan, colspan) of each cell of the row
        self.cell_span = (1, 1)
        self.term: str | None = None
        """The term (``dt``) of a definition list whose description comes next."""
        self.described = False
        """The term has had a description."""
        self.in_description = 0
        """Open ``dd`` elements: their paragraphs and list items are one field's value."""
        self.strikes: list[bool] = []
        """Per open element (as :attr:`stack`): whether it strikes its text through."""
        self.struck = [0, 0]
        """Characters of the block or row being read struck through, and not."""
        self.heading_level = 1
        """The level of the last heading: a ``summary`` is a heading under it."""

    # -- skipping ----------------------------------------------------------------------
    def _skipped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        values = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role", "aria-label"))
        if tag in ("main", "article", "body", "html", "table", "tr", "td", "th", "li"):
            return False
        return bool(values and _SKIP_WORDS.search(values))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and self.cell is not None:
                self.cell.append("; ")
            elif tag == "br":
                self.text.append("\n")  # a space, or between fields (broken_lines)
            return
        self.stack.append(tag)
        style = " ".join(v or "" for k, v in attrs if k == "style")
        self.strikes.append(tag in _STRIKE_TAGS or "line-through" in style.replace(" ", ""))
        if self.skip_depth:
            self.skip_depth += 1
            return
        if self._skipped(tag, attrs):
            self.skip_depth = 1
            return
        if tag == "table":
            self._flush()
            self.tables.append([])
            self.spans.append({})
            self.in_header.append(True)
            self.table = self.tables[-1]
        elif tag == "tr" and self.table is not None:
            self.row, self.row_line = [], self.getpos()[0]
            self.struck = [0, 0]
            self.row_spans = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.cell_span = (_span(attrs, "rowspan"), _span(attrs, "colspan"))
        elif self.cell is not None:
            if tag in ("p", "li", "div", "dt", "dd") and "".join(self.cell).strip():
                self.cell.append("; ")
        elif self.in_description:
            if tag in ("p", "li", "div", "br") and "".join(self.text).strip():
                self.text.append("; ")
            self.in_description += tag == "dd"
        elif tag == "dl":
            self._flush()
            if self.blocks and self.blocks[-1].is_heading:
                # the heading names the record the list describes: its first line
                self.blocks[-1].kind, self.blocks[-1].level = BlockKind.PARAGRAPH, 0
        elif tag == "dt":
            self._field()
            self._flush()
            self._open(BlockKind.PARAGRAPH)
        elif tag == "dd":
            self._flush()
            self.in_description = 1
            self._open(BlockKind.PARAGRAPH)
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append(tag)
        elif tag == "li":
            self._flush()
            self._open(BlockKind.ITEM)
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._open(BlockKind.HEADING, int(tag[1]))
            self.heading_level = int(tag[1])
        elif tag == "summary":
            # a collapsible section's title: a heading under the last one
            self._flush()
            self._open(BlockKind.HEADING, min(6, self.heading_level + 1))
        elif tag in _BLOCKS or tag == "details":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.strikes.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            else:
                self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            text = re.sub(r"\s*;\s*(;\s*)*", "; ", " ".join("".join(self.cell).split()))
            self.row.append(text.strip("; ").strip())
            self.row_spans.append(self.cell_span)
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            header = self.in_header[-1] and len(self.row) > 1
            cells = _with_spans(self.row, self.row_spans, self.spans[-1], header)
            if any(cells):
                self.in_header[-1] = self.in_header[-1] and len(self.row) <= 1
                n = len(self.table) + 1
                self.table.append(
                    Row(
                        cells,
                        self.row_line,
                        f"line {self.row_line} (table row {n})",
                        aside=self._aside(),
                    )
                )
            self.row = None
        elif tag == "table" and self.table is not None:
            rows = self.tables.pop()
            self.spans.pop()
            self.in_header.pop()
            if rows:
                self.blocks.append(
                    Block(
                        BlockKind.TABLE, line=rows[0].line, place=f"line {rows[0].line}", rows=rows
                    )
                )
            self.table = self.tables[-1] if self.tables else None
        elif self.in_description and tag != "dd":
            return
        elif tag == "dt" and self.cell is None:
            self.term = " ".join("".join(self.text).split()).rstrip(":").strip()
            self.text, self.kind, self.described = [], None, False
        elif tag == "dd" and self.in_description:
            self.in_description -= 1
            if not self.in_description:
                value = re.sub(r"\s*;\s*(;\s*)*", "; ", " ".join("".join(self.text).split()))
                self.text = [f"{self.term}: {value}" if self.term else value]
                self.described = True
                self._flush()
        elif tag == "dl" and self.cell is None:
            self._field()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif (
            tag in ("li", "p", "summary", "details")
            or re.fullmatch(r"h[1-6]", tag)
            or tag in _BLOCKS
        ):
            self._flush()

    def _field(self) -> None:
        """A term without a description (before the next term, or the list's end): a
        paragraph of its own."""
        if self.term and not self.described:
            self.text, self.kind = [self.term], BlockKind.PARAGRAPH
            self._flush()
        self.term = None

    def _open(self, kind: BlockKind, level: int = 0) -> None:
        self.kind, self.level, self.start_line = kind, level, self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self.struck[0 if any(self.strikes) else 1] += len(data.strip())
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.table is not None and self.row is not None:
            return
        if data.strip() and not "".join(self.text).strip():
            # the block starts at its first words, not at the white space before them
            self.start_line = self.getpos()[0]
        self.text.append(data)

    def _aside(self) -> str:
        """``struck-through`` when every word of the row or block just read is, and starts
        the count again."""
        struck, plain = self.struck
        self.struck = [0, 0]
        return STRUCK if struck and not plain else ""

    def _flush(self) -> None:
        text = " ".join(broken_lines("".join(self.text)).split())
        kind = self.kind or BlockKind.PARAGRAPH
        aside = self._aside() if self.table is None else ""
        if kind is BlockKind.HEADING:
            aside = ""  # a section struck through: its actions say for themselves
        if text:
            where = f"line {self.start_line}"
            if kind is BlockKind.ITEM:
                depth = max(0, len(self.lists) - 1)
                marker = "1." if self.lists and self.lists[-1] == "ol" else "•"
                self.blocks.append(
                    Block(
                        kind, text, self.start_line, where, depth=depth, marker=marker, aside=aside
                    )
                )
            else:
                self.blocks.append(
                    Block(kind, text, self.start_line, where, level=self.level, aside=aside)
                )
        self.text, self.kind, self.level = [], None, 0


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    """A cell's ``rowspan``/``colspan``: 1 when absent or not a number; ``0`` (to the end of
    the table) as a long span."""
    value = dict(attrs).get(name)
    if value is None or not value.strip().isdigit():
        return 1
    n = int(value)
    return 10_000 if n == 0 else max(1, min(n, 10_000))


def _with_spans(
    row: list[str],
    spans: list[tuple[int, int]],
    pending: dict[int, tuple[str, int, int]],
    header: bool = False,
) -> list[str]:
    """The row's cells with the cells merged down from rows above put back at their columns.

    ``pending`` (grid column -> text, rows left, columns spanned) is updated for the rows
    below.

    >>> pending: dict[int, tuple[str, int, int]] = {}
    >>> _with_spans(["A-1", "Train staff", "Jo Bloggs"], [(1, 1), (1, 1), (3, 1)], pending)
    ['A-1', 'Train staff', 'Jo Bloggs']
    >>> _with_spans(["A-2", "Audit plans"], [(1, 1), (1, 1)], pending)
    ['A-2', 'Audit plans', 'Jo Bloggs']
    >>> _with_spans(["Jo Bloggs", "A-3", "Review"], [(2, 1), (1, 1), (1, 1)], {})
    ['Jo Bloggs', 'A-3', 'Review']
    >>> _with_spans(["Priority 2", "x"], [(1, 2), (1, 1)], {})
    ['Priority 2', '', 'x']
    >>> _with_spans(["Action", "Lead"], [(1, 2), (1, 1)], {}, header=True)
    ['Action', 'Action', 'Lead']
    """
    out: list[str] = []
    column = 0
    own = iter(zip(row, spans, strict=False))

    def carry() -> bool:
        nonlocal column
        if column not in pending:
            return False
        text, left, width = pending.pop(column)
        out.extend([text, *[""] * (width - 1)])
        if left > 1:
            pending[column] = (text, left - 1, width)
        column += width
        return True

    for text, (down, across) in own:
        while carry():
            pass
        out.extend([text, *[text if header else ""] * (across - 1)])
        if down > 1:
            pending[column] = (text, down - 1, across)
        column += across
    while pending and column <= max(pending):
        if not carry():
            column += 1
    return out


def html_blocks(text: str) -> list[Block]:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.blocks
