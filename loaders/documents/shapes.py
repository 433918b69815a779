"""Recognising a table by its header row: which column holds what.

A header row is a tabular line whose cells name columns. Each cell is matched against the
phrases below (case, punctuation and stray spaces inside words ignored, so ``Improve ment
area`` still reads); the first rule whose phrase occurs wins. A row is a table header when
it names an action column and at least two other kinds of column. The same header repeated
after a page break is recognised as the same :class:`Shape`.

>>> shape = header_shape(("Areas for improvement", "Key objectives",
...     "Planned development activity", "Responsible", "Timescale", "What success looks like"))
>>> [c.value for c in shape.columns]
['finding', 'objective', 'action', 'owner', 'due', 'measure']
>>> header_shape(("Name", "Role", "Organisation")) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from loaders.documents.refs import merged_ref_columns

__all__ = ["Column", "Shape", "header_shape", "membership_header", "with_ref_columns"]


class Column(str, Enum):
    """What a table column holds."""

    FINDING = "finding"
    """The finding an action answers, written out."""
    LINK = "link"
    """The ref of the finding an action answers (``Improvement area linked to``)."""
    OBJECTIVE = "objective"
    REF = "ref"
    ACTION = "action"
    RESOURCE = "resource"
    MILESTONE = "milestone"
    DUE = "due"
    WORKSTREAM = "workstream"
    OWNER = "owner"
    INVOLVED = "involved"
    STATUS = "status"
    MEASURE = "measure"
    OTHER = "other"


# (column, phrases): the first column any of whose phrases occurs in the cell wins
_RULES: tuple[tuple[Column, tuple[str, ...]], ...] = (
    (Column.LINK, ("area linked to", "linked to")),
    (Column.FINDING, ("areas for improvement", "area for improvement", "areas for development")),
    (Column.INVOLVED, ("who will be involved", "involved")),
    (
        Column.OWNER,
        (
            "responsible",
            "who is leading",
            "lead officer",
            "accountable",
            "owner",
            "=lead",
            "=leads",
        ),
    ),
    (Column.WORKSTREAM, ("workstream",)),
    (Column.MILESTONE, ("milestone",)),
    (
        Column.DUE,
        (
            "timescale",
            "deadline",
            "when will",
            "due date",
            "by when",
            "target date",
            "completion date",
            "=due",
        ),
    ),
    (Column.STATUS, ("progress", "brag", "rag", "status")),
    (Column.RESOURCE, ("resource",)),
    (Column.MEASURE, ("success", "impact measure", "measure", "how will")),
    (Column.REF, ("ref", "no", "number")),
    (Column.OBJECTIVE, ("objective", "outcome")),
    (
        Column.ACTION,
        ("activity", "action", "implementation", "what are we going to do", "what we will do"),
    ),
)


def _key(cell: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell.casefold()).split())


def _column(cell: str) -> Column | None:
    key = _key(cell)
    if not key:
        return None
    squeezed = key.replace(" ", "")
    for column, phrases in _RULES:
        for phrase in phrases:
            if phrase.startswith("="):
                if phrase[1:] in key.split():
                    return column
            elif len(phrase) <= 3:
                if phrase in key.split():
                    return column
            elif phrase in key or phrase.replace(" ", "") in squeezed:
                return column
    return Column.OTHER


@dataclass(frozen=True)
class Shape:
    """A table layout: the column kind of each position (None: an unnamed column)."""

    columns: tuple[Column | None, ...]
    header: tuple[str, ...]

    def index(self, column: Column) -> int | None:
        """The first position holding ``column``, or None."""
        return self.columns.index(column) if column in self.columns else None

    @property
    def name(self) -> str:
        return " | ".join(self.header)


def header_shape(cells: Sequence[str]) -> Shape | None:
    """The :class:`Shape` a header row names, or None if the row is not an action header."""
    if len([c for c in cells if c]) < 3:
        return None
    if any(len(c) > 120 for c in cells):
        return None
    columns = tuple(_column(c) for c in cells)
    named = {c for c in columns if c not in (None, Column.OTHER)}
    if Column.ACTION not in named or len(named) < 3:
        return None
    return Shape(columns, tuple(cells))


def with_ref_columns(shape: Shape, rows: Sequence[Sequence[str]]) -> Shape:
    """``shape`` with the first of two columns under one (merged) header read as the refs
    when the ``rows`` below show it (:func:`~loaders.documents.refs.merged_ref_columns`).

    >>> shape = header_shape(("Action", "Action", "Lead", "Timescale"))
    >>> [c.value for c in with_ref_columns(shape, [("1.1", "Train staff", "Jo", "Dec-23")]).columns]
    ['ref', 'action', 'owner', 'due']
    """
    columns = list(shape.columns)
    for i in merged_ref_columns(shape.header, rows):
        columns[i] = Column.REF
    return Shape(tuple(columns), shape.header)


def membership_header(cells: Sequence[str]) -> bool:
    """Whether a row heads a table of people: ``Name | Role | Organisation``."""
    keys = [_key(c) for c in cells if c]
    return len(keys) >= 2 and keys[0] == "name" and any(k in ("role", "post") for k in keys)
