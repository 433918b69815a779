"""Plain text and Markdown into blocks.

* ``#`` headings (and setext underlines), an ALL CAPS short line, or a short line standing
  alone between blank lines that starts like a section (``Priority 2 …``, ``Area of
  weakness 1: …``) is a heading;
* ``-``, ``*``, ``•``, ``o``, ``1.``, ``a)``, ``(ii)`` start a list item, its depth from its
  indent; a following indented or lower-case line continues it;
* lines with tabs are tab-separated table rows (a row pasted over several lines joined,
  :func:`~loaders.documents.text.tab_rows`); lines with pipes (``| a | b |``) pipe table
  rows (the ``---`` rule skipped); a space-aligned header starts a
  :func:`~loaders.documents.readers.layout.layout_table`;
* other lines are paragraphs; a line continues the paragraph above unless it starts a
  label (``Due date: …``) or the one above ended with a colon;
* an item, paragraph or pipe row wholly struck through (``~~…~~``) is set aside
  (:data:`~loaders.documents.blocks.STRUCK`); words struck out inside a cell are dropped
  (``~~Jan 2025~~ Mar 2025`` is ``Mar 2025``).

>>> blocks = text_blocks(
...     "# Plan\\n\\nWe will:\\n- train staff\\n  in May\\n| A | B |\\n|---|---|\\n| 1 | 2 |")
>>> [(b.kind.value, b.text or [r.cells for r in b.rows]) for b in blocks]
... # doctest: +NORMALIZE_WHITESPACE
[('heading', 'Plan'), ('paragraph', 'We will:'), ('item', 'train staff in May'),
 ('table', [['A', 'B'], ['1', '2']])]
"""

from __future__ import annotations

import re

from loaders.documents.blocks import STRUCK, Block, BlockKind, Row
from loaders.documents.readers.layout import layout_table
from loaders.documents.text import clean_cell, clean_cells, struck_through, tab_rows

__all__ = ["MARKER", "SECTION_START", "broken_lines", "marked_item", "text_blocks"]

MARKER = re.compile(
    r"^(\s*)([-*+•●▪◦·‣–o\uf000-\uf0ff]|\d{1,2}[.)]|[a-zA-Z][.)]|\((?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)"
    r"|[ivx]{1,4}[.)])\s+(\S.*)$"
)


def marked_item(match: re.Match[str], line: int, place: str, depth: int = 0) -> Block:
    """The list item whose line :data:`MARKER` matched: its text after its marker."""
    return Block(BlockKind.ITEM, match.group(3), line, place, depth=depth, marker=match.group(2))


def broken_lines(text: str) -> str:
    r"""A paragraph's text with its line breaks (a web page's ``<br>``, Word's Shift+Enter)
    read: a break before a label separates the fields of an action set out a line to a field
    in one paragraph, with ``"; "`` (as a table cell's paragraphs are joined); any other break
    is a space.

    >>> broken_lines("Action: Publish the offer\nLead: Head of SEND\nTimescale: May 2025")
    'Action: Publish the offer; Lead: Head of SEND; Timescale: May 2025'
    >>> broken_lines("Recruit three\ncoordinators")
    'Recruit three coordinators'
    """
    text = re.sub(r"\s*\n\s*(?=[A-Z][\w ()/’'&-]{0,40}?:\s*\S)", "; ", text.strip())
    return text.replace("\n", " ")


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SECTION = re.compile(
    r"^(Priority|Area|Weakness|Workstream|Section|Theme|Part|Strand|Finding|Objective|"
    r"Significant|Improvement|Key (?:priority|area)|Outcome)\b",
    re.I,
)
SECTION_START = re.compile(
    rf"(?:{_SECTION.pattern})[\w ]{{0,40}}?\s(?:\d{{1,2}}[a-z]?|[A-H])\s*[:.)–—-]", re.I
)
"""The start of a numbered section's title (``Priority 2:``, ``Area for priority action 1 –``):
a heading of its own, never the second line of the heading above."""
_LABEL = re.compile(r"^[A-Z][\w ()/’'&,-]{0,60}:\s*(\S|$)")
_REF_LINE = re.compile(r"^(?:[A-Z]{1,3}[ -]?)?\d{1,2}\.\d{1,2}[a-z]?[.:)]?\s+[A-Z]")
"""A line starting with an action's ref (``1.2 Introduce …``, ``A1.2 Introduce …``): no
paragraph's continuation."""
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


_PIPE = re.compile(r"(?<!\\)\|")
"""A pipe between cells: one not escaped (``\\|`` is a pipe inside a cell)."""


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe table's row (``| a | b \\| c |``: two cells), or None.

    >>> _pipe_cells(r"| 3.1 | Speech \\| language therapy | Jan 2025 |")
    ['3.1', 'Speech | language therapy', 'Jan 2025']
    """
    text = line.strip()
    pipes = len(_PIPE.findall(text))
    if pipes < 2 and not (text.startswith("|") and pipes >= 1):
        return None
    text = text.lstrip("|")
    while text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = [c.strip().replace("\\|", "|") for c in _PIPE.split(text)]
    return cells if len(cells) >= 2 else None


def _caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(text.split()) <= 12


_QUOTED = re.compile(r"^\s*>(?:\s?>)*\s?")
"""An email's quote marks (``> ``, ``>> ``) or a Markdown block quote's."""


def unquoted(lines: list[str]) -> list[str]:
    """The lines with the quote marks of a quoted passage (two lines or more, each starting
    with ``>``: a forwarded email, a Markdown block quote) taken off; a line alone starting
    with ``>`` keeps it (``> 95% of plans on time``).

    >>> unquoted(["Hi Sam,", "> 2.1 Recruit", ">", "> 2.2 Train", "> 95% on time"])[1:]
    ['2.1 Recruit', '', '2.2 Train', '95% on time']
    >>> unquoted(["Target:", "> 95% of plans on time"])[1]
    '> 95% of plans on time'
    """
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _QUOTED.match(out[j]):
            j += 1
        if j - i >= 2:
            out[i:j] = [_QUOTED.sub("", ln, count=1) for ln in out[i:j]]
        i = max(j, i + 1)
    return out


_TAB_BULLET = re.compile(r"^(\s*)([-*•●▪◦·‣o§\uf000-\uf0ff])\t+(?=\S)")
"""A bullet and a tab before the item's text: a Word list copied as text (``•``, or a
Symbol font's private-use ````, then ``o`` and ``§`` for the second and third levels)."""
_LEVEL = {"o": 1, "§": 2}


def pasted_bullets(lines: list[str]) -> list[str]:
    r"""The lines with a Word list's bullets copied as text (a bullet, a tab, the text) written
    as typed bullets, the level in the indent, so that they are list items, not rows of a
    tab-separated table.

    >>> pasted_bullets(["\uf0b7\tRecruit staff", "o\tAgree the job description"])
    ['• Recruit staff', '  • Agree the job description']
    """
    out = []
    for line in lines:
        found = _TAB_BULLET.match(line)
        if found is not None:
            indent = found.group(1) + "  " * _LEVEL.get(found.group(2), 0)
            line = f"{indent}• {line[found.end() :]}"
        out.append(line)
    return out


_ITALIC_LABEL = re.compile(r"^(\s*)([*_])([A-Z][\w ()/’'&,-]{0,60}:)\2(?=\s)")
"""A label in Markdown's italics at the start of a line: ``*Lead:* Head of SEND``."""


def text_blocks(text: str) -> list[Block]:
    lines = [_ITALIC_LABEL.sub(r"\1\3", ln) for ln in pasted_bullets(unquoted(text.splitlines()))]
    out: list[Block] = []
    i = 0
    blank_before = True
    while i < len(lines):
        raw = lines[i].rstrip()
        number = i + 1
        where = f"line {number}"
        stripped = raw.strip()
        if not stripped or (set(stripped) <= set("-=_*") and len(stripped) >= 3):
            if stripped and out and out[-1].kind is BlockKind.PARAGRAPH and not blank_before:
                # a setext underline: the paragraph above is a heading
                out[-1].kind, out[-1].level = BlockKind.HEADING, 1 if "=" in stripped else 2
            elif "\f" in raw:
                out.append(Block(BlockKind.BREAK, line=number, place=where))
            blank_before = True
            i += 1
            continue
        if "\f" in raw:
            out.append(Block(BlockKind.BREAK, line=number, place=where))
            raw = raw.replace("\f", "")
            stripped = raw.strip()
        if "\t" in raw and len([c for c in raw.split("\t") if c.strip()]) >= 2:
            pasted, i = tab_rows(lines, i)
            rows = [
                Row(
                    list(cells),
                    first + 1,
                    f"line {first + 1}",
                    aside=STRUCK if struck_through("\t".join(raw_cells)) else "",
                )
                for first, raw_cells in pasted
                if any(cells := clean_cells(raw_cells))
            ]
            out.append(Block(BlockKind.TABLE, line=number, place=where, rows=rows))
            blank_before = False
            continue
        if _pipe_cells(raw) is not None:
            rows = []
            while i < len(lines) and (piped := _pipe_cells(lines[i])) is not None:
                if not _RULE.match(lines[i]):
                    aside = STRUCK if struck_through(lines[i]) else ""
                    rows.append(
                        Row([clean_cell(c) for c in piped], i + 1, f"line {i + 1}", aside=aside)
                    )
                i += 1
            out.append(Block(BlockKind.TABLE, line=number, place=where, rows=rows))
            blank_before = False
            continue
        found = layout_table(lines, i, 1)
        if found is not None:
            table, i = found
            out.append(table)
            blank_before = False
            continue
        heading = _HEADING.match(stripped)
        marker = MARKER.match(raw)
        after_blank, blank_before = blank_before, False
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        plain = clean_cell(stripped)
        if heading:
            out.append(
                Block(
                    BlockKind.HEADING,
                    clean_cell(heading.group(2)),
                    number,
                    where,
                    level=len(heading.group(1)),
                )
            )
        elif marker:
            item = marked_item(marker, number, where, len(marker.group(1).expandtabs(4)) // 2)
            item.aside = STRUCK if struck_through(item.text) else ""
            item.text = clean_cell(item.text)
            out.append(item)
        elif _caps(stripped) and not _LABEL.match(plain):
            out.append(Block(BlockKind.HEADING, clean_cell(stripped), number, where, level=1))
        elif (
            after_blank
            and next_blank
            and _SECTION.match(stripped)
            and len(stripped.split()) <= 25
            and not stripped.endswith((".", ";", ","))
        ):
            out.append(Block(BlockKind.HEADING, clean_cell(stripped), number, where, level=2))
        elif (
            out
            and not after_blank
            and out[-1].kind in (BlockKind.PARAGRAPH, BlockKind.ITEM)
            and not out[-1].text.endswith(":")
            and not _LABEL.match(plain)  # "**Lead:** Jo Bloggs" too: a field of its own
            and not re.match(r"^(Action|Priority)\s+\d", stripped)
            and not (_REF_LINE.match(stripped) and out[-1].kind is BlockKind.PARAGRAPH)
            and not struck_through(stripped)  # set aside as struck, never glued on above
            and (out[-1].kind is BlockKind.PARAGRAPH or raw[:1].isspace() or stripped[0].islower())
        ):
            out[-1].text = f"{out[-1].text} {clean_cell(stripped)}".strip()
        else:
            aside = STRUCK if struck_through(stripped) else ""
            out.append(Block(BlockKind.PARAGRAPH, clean_cell(stripped), number, where, aside=aside))
        i += 1
    return out
