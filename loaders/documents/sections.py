"""Lines that say where a document's sections are when no heading style marks them, or that
stand aside from them: a number above numbered actions, the sentence under a heading, a
colour key written across a table.

>>> numbered_parent(Block(BlockKind.ITEM, "Timely EHC plans", marker="1."),
...                 [Block(BlockKind.PARAGRAPH, "1.1 Recruit two EHC coordinators")])
('1', 'Timely EHC plans')
>>> numbered_parent(Block(BlockKind.ITEM, "Timely EHC plans", marker="1."),
...                 [Block(BlockKind.PARAGRAPH, "2.1 Recruit two EHC coordinators")]) is None
True
>>> is_sentence("Leaders have not developed joint commissioning arrangements."), is_sentence(
...     "What inspectors said")
(True, False)
>>> is_key_line("Key: B = Complete, G = On track"), is_key_line("Blue = done; Red = late")
(True, True)
>>> is_key_line("Section A - Governance, Section B - Finance")
False
"""

from __future__ import annotations

import re

from loaders.documents.blocks import Block, BlockKind

__all__ = ["COLOURS", "KEY_TITLE", "is_key_line", "is_sentence", "numbered_parent"]

_NUMBER = re.compile(r"^\s*(\d{1,2})[.)](?:\s+|$)")
"""The number of a list item (its marker) or a paragraph (``1. …``)."""
_SENTENCE = re.compile(r"^\s*\S+(?:\s+\S+){5,}.*[.!]\s*$")
COLOURS = frozenset({"blue", "green", "amber", "yellow", "red", "grey", "gray"})
"""The colours of a status key or cell (Smartsheet names amber ``Yellow``; ``Gray`` is
grey)."""
KEY_TITLE = r"(?:b?rag{1,2}|status|colour|rating)\s+key"
"""A colour key's title (``RAG key``, ``BRAGG key``, ``Status key``), as a pattern for
:func:`re.compile` with :data:`re.I`."""
_COLOUR = "|".join(sorted(COLOURS))
_KEY_LINE = re.compile(
    rf"^\s*(?:{KEY_TITLE}|key)\s*[:–—-]"
    rf"|(?:\b(?:(?-i:[BGAR])\s*=|(?:{_COLOUR})\s*[=:–—-])\s*\w.*?){{2}}",
    re.I,
)


def numbered_parent(block: Block, after: list[Block]) -> tuple[str, str] | None:
    """(number, text) of ``1. <text>`` (a list item at the margin or a paragraph) when the
    block after it starts with an action ref under that number (``1.1 Commission …``, as a
    paragraph, a list item or a table's first row): the finding or priority of the actions
    that follow. None otherwise."""
    number = _NUMBER.match(block.marker if block.is_item else block.text)
    if number is None or block.depth or block.kind not in (BlockKind.ITEM, BlockKind.PARAGRAPH):
        return None
    text = (block.text if block.is_item else block.text[number.end() :]).strip()
    follows = next((b for b in after if b.kind is not BlockKind.BREAK), None)
    if follows is None or follows.is_heading or not text:
        return None
    first = follows.rows[0].text if follows.is_table and follows.rows else follows.text
    ref = re.compile(rf"^\s*{number.group(1)}\.\d{{1,2}}[a-z]?\b")
    if ref.match(f"{follows.marker}{first}") is None:
        return None
    return number.group(1), text


def is_sentence(text: str) -> bool:
    """Six words or more ending in a full stop: a finding's sentence, not a title."""
    return _SENTENCE.search(text) is not None


def is_key_line(text: str) -> bool:
    """A colour key on one line: ``Key: …``, or two colours each given a meaning."""
    return _KEY_LINE.search(text) is not None
