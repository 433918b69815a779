"""A PDF into blocks (pdfplumber, the optional extra ``pdf``).

Per page, pdfplumber's table finder gives the tables (a cell's wrapped lines joined; a cell
merged across columns heads each column it spans in the table's header, and is followed by
blanks below it, as the Word and web readers write it: :func:`table_rows`); the
words outside them are grouped into lines by their position. A line in a font clearly
larger than the body text is a heading (the larger, the higher), a short line wholly in
bold a low heading; a line starting with a bullet or a number is a list item (its depth
from its indent); other lines join the paragraph above when they follow it closely. Lines
repeated at the top or bottom of most pages (running headers, footers, page numbers) are
dropped. Places are ``page P, line L`` and ``page P, table T, row R``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from graphmodel.statuses import scale_named
from loaders.documents.blocks import Block, BlockKind, table_block
from loaders.documents.labelled import status_word
from loaders.documents.readers.text import MARKER, SECTION_START, marked_item

__all__ = ["heading_breaks", "heading_sizes", "joined_headings", "page_lines", "pdf_blocks"]
__all__ += ["running", "running_keys", "table_rows"]


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    text: str
    size: float
    bold: bool


_GLYPH = re.compile(r"\(cid:\d+\)|[\uf000-\uf0ff]")
"""A glyph pdfminer cannot name (``(cid:127)``) or a private-use character (Word's Symbol
and Wingdings bullets, ````): at the start of a line, a bullet."""
_BULLET = re.compile(r"^\s*(?:\(cid:\d+\)|[\uf000-\uf0ff•▪●◦‣])\s*")


def page_lines(
    page: Any, number: int, boxes: list[tuple[float, float, float, float]]
) -> list[_Line]:
    """The lines of a pdfplumber page (page ``number``) outside its tables' ``boxes``."""
    words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=True)
    inside = [
        w
        for w in words
        if not any(
            b[0] - 1 <= (w["x0"] + w["x1"]) / 2 <= b[2] + 1
            and b[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= b[3] + 1
            for b in boxes
        )
    ]
    inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
    out: list[_Line] = []
    group: list[dict[str, Any]] = []

    def flush() -> None:
        if group:
            group.sort(key=lambda w: w["x0"])
            out.append(
                _Line(
                    number,
                    min(w["top"] for w in group),
                    max(w["bottom"] for w in group),
                    group[0]["x0"],
                    " ".join(
                        "•" if i == 0 and _GLYPH.fullmatch(w["text"]) else w["text"]
                        for i, w in enumerate(group)
                    ),
                    max(round(w["size"], 1) for w in group),
                    all("bold" in w["fontname"].lower() for w in group),
                )
            )

    for w in inside:
        if group and abs(w["top"] - group[0]["top"]) > 3:
            flush()
            group = []
        group.append(w)
    flush()
    return out


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _at_edge(line: _Line, height: float) -> bool:
    """Whether a line is at the top or the bottom tenth of its page."""
    return line.top < 0.1 * height or line.bottom > 0.9 * height


def running_keys(pages: list[tuple[list[_Line], float]]) -> set[str]:
    """The running headers and footers of a document (each page's lines and height): the
    texts at the top or bottom of most pages, numbers aside (``… Page 2``), as
    :func:`running` compares them."""
    edge = Counter(
        _key(ln.text)
        for lines, height in pages
        for ln in {_key(x.text): x for x in lines if _at_edge(x, height)}.values()
    )
    return {k for k, n in edge.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}


def running(text: str, keys: set[str]) -> bool:
    """Whether ``text`` is one of the running headers or footers ``keys``."""
    return _key(text) in keys


def heading_sizes(pages: list[list[_Line]]) -> list[float]:
    """The font sizes of a document's headings, largest first: those clearly larger than
    the body text's (the size most of its characters have)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    return sorted({s for s in sizes if s >= body * 1.15}, reverse=True)


def _close(previous: _Line | None, line: _Line) -> bool:
    """Whether ``line`` follows ``previous`` as the next line of one paragraph would."""
    return previous is not None and line.top - previous.bottom < 0.8 * line.size


def heading_breaks(lines: list[_Line], sizes: list[float]) -> set[tuple[str, str]]:
    """The places where a heading of a page's ``lines`` wraps onto the next line (both in
    one of the heading ``sizes``, the same, and close), as pairs of the two lines' texts
    compared as :func:`running` compares them."""
    return {
        (_key(previous.text), _key(ln.text))
        for previous, ln in itertools.pairwise(lines)
        if ln.size in sizes and _wraps(previous, ln)
    }


def _wraps(previous: _Line, line: _Line) -> bool:
    """Whether ``line`` is the next line of the heading ``previous``: in its size, close
    below it, and not a numbered section's title of its own (``Priority 1: …`` under the
    document's title, both in one size)."""
    return (
        line.size == previous.size
        and _close(previous, line)
        and SECTION_START.match(line.text) is None
    )


def joined_headings(texts: list[str], breaks: set[tuple[str, str]]) -> list[str]:
    """Lines of text, a heading wrapped at one of the ``breaks`` joined into one line.

    >>> joined_headings(["Plan: Action", "Tracker", "Text"], {("plan: action", "tracker")})
    ['Plan: Action Tracker', 'Text']
    """
    out: list[str] = []
    for i, text in enumerate(texts):
        if out and (_key(texts[i - 1]), _key(text)) in breaks:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


_BRAGG = scale_named("bragg")
"""The status words a cell broken over lines may be (:func:`_cell_text`)."""


def _cell_text(cell: str) -> str:
    r"""A cell's text, its wrapped lines joined with spaces; but a status word broken over two
    lines of a narrow column (``Compl`` / ``ete``) is joined whole: when the cell read with
    a space at that break is no status word and read without it is one.

    >>> _cell_text("Compl\nete"), _cell_text("On\ntrack"), _cell_text("Head of\nSEND")
    ('Complete', 'On track', 'Head of SEND')

    A list in the cell (lines starting with a bullet, ``•`` or a glyph pdfminer cannot name)
    gives its items joined with ``"; "``, as a Word cell's paragraphs are:

    >>> _cell_text("(cid:127) Recruit three\ncoordinators\n(cid:127) Train staff")
    'Recruit three coordinators; Train staff'
    """
    lines = cell.strip().split("\n")
    if any(_BULLET.match(line) for line in lines):  # a list in the cell: an item a part
        items: list[list[str]] = []
        for line in lines:
            if _BULLET.match(line) or not items:
                items.append([])
            items[-1].append(_BULLET.sub("", line))
        return "; ".join(" ".join(" ".join(item).split()) for item in items if any(item))
    spaced = " ".join(cell.split())
    if "\n" not in cell.strip() or len(spaced) > 40 or status_word(spaced, _BRAGG):
        return spaced
    parts = [" ".join(p.split()) for p in cell.strip().split("\n")]
    for k in range(1, len(parts)):
        joined = " ".join([*parts[: k - 1], parts[k - 1] + parts[k], *parts[k + 1 :]])
        if status_word(joined, _BRAGG):
            return joined
    return spaced


def table_rows(rows: list[list[str | None]]) -> list[list[str]]:
    """The rows of a table as pdfplumber extracts them, as text.

    pdfplumber gives ``None`` for a column that a cell to its left spans. A cell's wrapped
    lines are joined (:func:`_cell_text`). In the header (the
    rows down to the first of several cells) the cell heads each column it spans, unless it
    is the row's only cell (a caption across the table); below, the spanned columns are
    blank.

    >>> table_rows([["Action", None, "Lead"], ["1.1", "Train  staff", None]])
    [['Action', 'Action', 'Lead'], ['1.1', 'Train staff', '']]
    >>> table_rows([["Priority 1", None], ["Ref", "Action"]])
    [['Priority 1', ''], ['Ref', 'Action']]
    """
    out = []
    header = True
    for row in rows:
        cells = [_cell_text(c or "") for c in row]
        own = sum(c is not None for c in row)
        if header and own > 1:
            for i in range(1, len(cells)):
                if row[i] is None:
                    cells[i] = cells[i - 1]
        out.append(cells)
        header = header and own <= 1
    return out


def _lead_in(text: str) -> bool:
    """A short line ending in a colon (``How we will know:``): a lead-in to what follows,
    not the last line of the list item above it."""
    return text.rstrip().endswith(":") and text[:1].isupper() and len(text.split()) <= 10


def pdf_blocks(path: Path) -> list[Block]:
    try:
        import pdfplumber
    except ImportError:
        raise UsageError(
            f"{path}: importing PDF needs the optional extra: pip install 'actiongraph[pdf]'"
        ) from None
    pages: list[tuple[list[_Line], list[tuple[float, list[list[str]]]], float]] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                finder = page.find_tables()
                boxes = [t.bbox for t in finder]
                found = [(t.bbox[1], table_rows(t.extract())) for t in finder]
                pages.append((page_lines(page, number, boxes), found, float(page.height)))
    except Exception as e:  # pdfminer raises many unrelated types for a broken file
        if isinstance(e, UsageError):
            raise
        what = f"{type(e).__name__} {e}".lower()
        if "password" in what or "encrypt" in what:
            raise UsageError(
                f"{path}: the PDF is encrypted; save an unprotected copy and import that"
            ) from None
        raise UsageError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    if not any(lines or tables for lines, tables, _ in pages):
        raise UsageError(
            f"{path}: the PDF has no text (a scanned image?); run it through OCR first"
        )
    keys = running_keys([(lines, height) for lines, _, height in pages])
    larger = heading_sizes([lines for lines, _, _ in pages])
    left = min((ln.x0 for lines, _, _ in pages for ln in lines), default=0.0)
    out: list[Block] = []
    count = 0
    for p, (lines, tables, height) in enumerate(pages, start=1):
        if p > 1:
            count += 1
            out.append(Block(BlockKind.BREAK, line=count, place=f"page {p}"))
        items: list[tuple[float, Any]] = [(ln.top, ln) for ln in lines]
        items += [(top, rows) for top, rows in tables]
        items.sort(key=lambda x: x[0])
        previous: _Line | None = None
        t = 0
        n = 0
        for _, thing in items:
            if not isinstance(thing, _Line):
                t += 1
                block, count = table_block(
                    thing, count, f"page {p}, table {t}", f"page {p}, table {t}, row {{r}}"
                )
                if block is not None:
                    out.append(block)
                previous = None
                continue
            ln = thing
            n += 1
            if _at_edge(ln, height) and (
                running(ln.text, keys)
                or re.fullmatch(r"(page\s*)?\d+(\s*(of|/)\s*\d+)?", ln.text.strip(), re.I)
            ):
                continue
            count += 1
            where = f"page {p}, line {n}"
            marker = MARKER.match(ln.text)
            close = _close(previous, ln)
            if ln.size in larger:
                level = larger.index(ln.size) + 1
                last = out[-1] if out else None
                wraps = previous is not None and _wraps(previous, ln)
                if wraps and last is not None and last.is_heading and last.level == level:
                    last.text = f"{last.text} {ln.text}"
                else:
                    out.append(Block(BlockKind.HEADING, ln.text, count, where, level=level))
            elif marker is not None:
                out.append(marked_item(marker, count, where, int(max(0.0, ln.x0 - left) // 14)))
            elif (
                ln.bold
                and len(ln.text.split()) <= 20
                and not ln.text.endswith((".", ";", ","))
                and not (
                    close and out and out[-1].bold is False and out[-1].kind is BlockKind.PARAGRAPH
                )
            ):
                last = out[-1] if out else None
                if close and last is not None and last.is_heading and last.level == 9:
                    last.text = f"{last.text} {ln.text}"
                else:
                    out.append(Block(BlockKind.HEADING, ln.text, count, where, level=9, bold=True))
            elif (
                close
                and out
                and out[-1].kind in (BlockKind.PARAGRAPH, BlockKind.ITEM)
                and not out[-1].text.endswith(":")
                and not re.match(r"^[A-Z][\w ()/’'&,-]{0,60}:\s*\S", ln.text)
                and not (out[-1].is_item and _lead_in(ln.text))
            ):
                out[-1].text = f"{out[-1].text} {ln.text}"
            else:
                out.append(Block(BlockKind.PARAGRAPH, ln.text, count, where))
            previous = ln
    # bold headings sit below the sized ones
    depth = len(larger) + 1
    for b in out:
        if b.is_heading and b.level == 9:
            b.level = depth
    return out
