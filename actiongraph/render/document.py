"""A small document model shared by the text and Markdown renderers."""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass, field


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    after: list[str] = field(default_factory=list)
    one_line: bool = False
    """In text, each line cut to the width with … rather than wrapped (a summary)."""


@dataclass
class Document:
    title: str
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


def text_width() -> int:
    """The width to write text at: ``COLUMNS`` when it is a sensible number, else the
    terminal's width, else 80 (output to a pipe or file). A bad ``COLUMNS`` is ignored."""
    value = os.environ.get("COLUMNS", "").strip()
    if value.isdigit() and 20 <= int(value) <= 1000:
        return int(value)
    try:
        columns = os.get_terminal_size(1).columns  # standard output
    except OSError:
        return 80
    return columns if 20 <= columns <= 1000 else 80


def _wrapped(text: str, width: int, indent: str = "  ", hang: str = "    ") -> list[str]:
    """``text`` wrapped at word boundaries (refs and URLs are never broken)."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _column_widths(table: Table, width: int, gap: int) -> list[int] | None:
    """Widths that fit ``width`` with no word broken: every column gets at least its longest
    word (header or cell; a word longer than half the width, a URL, may fold), and the room
    left goes to the columns whose text needs it, furthest from its natural width first, so
    a long text column wraps and short columns (counts, flags) never disappear. ``None`` when
    the longest words alone do not fit: the table is then written as records."""
    columns = list(zip(table.headers, *table.rows, strict=True))
    natural = [max(len(c) for c in col) for col in columns]
    room = width - gap * (len(columns) - 1)
    if sum(natural) <= room:
        return natural
    widths = [
        min(n, max(3, min(room // 2, _longest_word(col))))
        for n, col in zip(natural, columns, strict=True)
    ]
    spare = room - sum(widths)
    if spare < 0:
        return None
    while spare > 0:
        wanting = [i for i in range(len(widths)) if widths[i] < natural[i]]
        if not wanting:
            break
        # the column furthest from its natural width, relative to it, gets a character
        i = max(wanting, key=lambda j: (natural[j] - widths[j]) / natural[j])
        widths[i] += 1
        spare -= 1
    return widths


def _longest_word(cells: tuple[str, ...]) -> int:
    return max((len(w) for c in cells for w in c.split()), default=1)


def _cell_lines(text: str, width: int) -> list[str]:
    """A cell wrapped at words; a word longer than the column is folded."""
    return textwrap.wrap(" ".join(text.split()), width=width, break_on_hyphens=False) or [""]


def _records(table: Table, width: int) -> list[str]:
    """``table`` too wide for ``width`` as one record a row, as ``psql``'s expanded display
    does: the first cell on its own line, then ``header: value`` of every other column that
    says something (not blank, not ``-``), as many to a line as fit, joined by `` · ``."""
    first, *labels = (" ".join(h.split()) for h in table.headers)
    out = _wrapped(f"{first}: {', '.join(labels)} (where they say something)", width, "", "  ")
    out.append("─" * min(width, max(len(line) for line in out)))
    indent = "    "
    for row in table.rows:
        out += _wrapped(" ".join(row[0].split()), width, "", indent)
        line = ""
        for label, cell in zip(labels, row[1:], strict=True):
            value = " ".join(cell.split())
            if value in ("", "-"):
                continue
            pair = f"{label}: {value}"
            joined = f"{line} · {pair}" if line else pair
            if len(indent) + len(joined) <= width:
                line = joined
                continue
            if line:
                out.append(indent + line)
            if len(indent) + len(pair) <= width:
                line = pair
            else:  # a long value wraps on its own lines
                out += _wrapped(pair, width, indent, indent + "  ")
                line = ""
        if line:
            out.append(indent + line)
    return out


def table_text(table: Table, width: int) -> list[str]:
    """``table`` as lines no longer than ``width``, every column shown: cells wrapped at
    words when each column's longest word fits (with two spaces between columns, else one);
    else one record a row (:func:`_records`), so no word is ever broken to make a table."""
    gap = 2
    widths = _column_widths(table, width, gap)
    if widths is None:
        gap, widths = 1, _column_widths(table, width, 1)
    if widths is None:
        return _records(table, width)

    def block(cells: list[str]) -> list[str]:
        wrapped = [_cell_lines(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        return [
            (" " * gap)
            .join((w[i] if i < len(w) else "").ljust(widths[j]) for j, w in enumerate(wrapped))
            .rstrip()
            for i in range(height)
        ]

    out = block(table.headers)
    out.append("─" * (sum(widths) + gap * (len(widths) - 1)))
    for row in table.rows:
        out += block(row)
    return out


_ANSI = {"bold": "\x1b[1m", "PASSED": "\x1b[1;32m", "VALID": "\x1b[1;32m", "FAILED": "\x1b[1;31m"}
_RESET = "\x1b[0m"


def to_text(doc: Document, *, color: bool = False, width: int | None = None) -> str:
    """Plain text wrapped to the terminal (``width``, default :func:`text_width`): lines wrap
    at words, tables wrap their cells and never drop a column. With ``color``, the title and
    section titles are bold and the verdict green or red (ANSI codes)."""
    width = width or text_width()
    out: list[str] = []

    def styled(text: str, style: str) -> str:
        return f"{_ANSI[style]}{text}{_RESET}" if color and text else text

    out.append(styled(doc.title, "bold"))
    for section in doc.sections:
        out += ["", styled(section.title.upper(), "bold")]
        for text in section.lines:
            if section.one_line:
                text = "  " + " ".join(text.split())
                out.append(text if len(text) <= width else text[: width - 1] + "…")
            else:
                out += _wrapped(text, width)
        if section.table is not None and section.table.rows:
            out += table_text(section.table, width)
        for text in section.after:
            out += _wrapped(text, width)
    if doc.footer:
        out.append("")
        for text in doc.footer:
            style = next((k for k in ("PASSED", "FAILED", "VALID") if text.startswith(k)), None)
            parts = _wrapped(text, width, "", "  ")
            out += [styled(p, style) for p in parts] if style else parts
    return "\n".join(line.rstrip() for line in out) + "\n"


def _md_cell(text: str) -> str:
    return _md_escape(" ".join(text.split())).replace("|", "\\|") or " "


def _md_line(text: str) -> str:
    """A line of a section as a Markdown list item (runs of spaces, used to align text
    columns, become one; a leading ``label:`` becomes bold)."""
    text = " ".join(text.split())
    label, sep, rest = text.partition(": ")
    if sep and 0 < len(label) <= 20 and not any(c.isdigit() for c in label):
        return f"- **{_md_escape(label)}:** {_md_escape(rest)}"
    return f"- {_md_escape(text)}"


def _md_escape(text: str) -> str:
    """Characters that Markdown would read as markup, escaped (``*``, ``_``, `` ` ``, ``<``,
    brackets, and ``>`` where it would open a quote: at the start of the text)."""
    return re.sub(r"([\\`*_<\[\]])|^>", lambda m: "\\" + m.group(0), text)


def to_markdown(doc: Document) -> str:
    """Markdown for a viewer: ``#`` title, ``##`` sections, lines as lists, tables as pipe
    tables (cells never cut), the footer in bold."""
    out = [f"# {_md_escape(doc.title)}", ""]
    for section in doc.sections:
        out += [f"## {_md_escape(section.title)}", ""]
        if section.lines:
            out += [*(_md_line(line) for line in section.lines), ""]
        if section.table is not None and section.table.rows:
            out.append("| " + " | ".join(_md_cell(h) for h in section.table.headers) + " |")
            out.append("|" + "---|" * len(section.table.headers))
            out += [
                "| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.table.rows
            ]
            out.append("")
        if section.after:
            out += [*(_md_line(line) for line in section.after), ""]
    if doc.footer:
        out += [*(f"**{_md_escape(line)}**" for line in doc.footer), ""]
    return "\n".join(out)
