"""A small document model shared by the text and Markdown renderers."""

from __future__ import annotations

import io
import os
import shutil
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


@dataclass
class Document:
    title: str
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


def _width() -> int:
    if "COLUMNS" in os.environ:
        return int(os.environ["COLUMNS"])
    return max(100, shutil.get_terminal_size((120, 40)).columns)


def to_text(doc: Document) -> str:
    """Plain text with box-drawn tables (rich), no colour codes, wrapped to the terminal."""
    from rich.box import SIMPLE_HEAD
    from rich.console import Console
    from rich.table import Table as RichTable

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=_width(),
        color_system=None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(doc.title)
    for section in doc.sections:
        console.print()
        console.print(section.title.upper())
        for line in section.lines:
            console.print("  " + line, soft_wrap=True)
        if section.table is not None and section.table.rows:
            table = RichTable(box=SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for header in section.table.headers:
                table.add_column(header, overflow="fold", min_width=min(len(header), 12))
            for row in section.table.rows:
                table.add_row(*row)
            console.print(table)
        for line in section.after:
            console.print("  " + line, soft_wrap=True)
    if doc.footer:
        console.print()
        for line in doc.footer:
            console.print(line, soft_wrap=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    for section in doc.sections:
        out += [f"## {section.title}", ""]
        if section.lines:
            out += [*section.lines, ""]
        if section.table is not None and section.table.rows:
            out.append("| " + " | ".join(_md_cell(h) for h in section.table.headers) + " |")
            out.append("|" + "---|" * len(section.table.headers))
            out += [
                "| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.table.rows
            ]
            out.append("")
        if section.after:
            out += [*section.after, ""]
    if doc.footer:
        out += [*doc.footer, ""]
    return "\n".join(out)
