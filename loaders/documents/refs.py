"""Action refs in tables: a column of refs under a merged header, and a ref written at the
start of an action's text.

A ref is how a plan numbers its actions: ``1.1``, ``2.3a``, ``A-4``, ``P1.2``, ``AFI2``
(:func:`is_ref`; a column with an unknown header is read as refs by the same rule, see
:func:`~loaders.documents.roles.content_role`). Two rules, the same for every reader (Word,
PDF, web page, Markdown, text, spreadsheet, and the older line reading of the seed layouts):

* **Two columns under one header.** The readers repeat a header cell merged across columns
  over each column it spans, so ``<th colspan=2>Action</th>`` over a ref column and a text
  column gives two ``Action`` columns. When two adjacent columns share one header, the
  first holds refs and the second text, the first is the action's ref column
  (:func:`merged_ref_columns`).
* **A ref at the start of the text.** ``1.1 Introduce ...``, ``1.1. Introduce``,
  ``1.1 - Introduce``, ``(1.1) Introduce``: the ref is split off the text
  (:func:`leading_ref`), but only when nearly every action of the table starts with one
  (:func:`starts_with_refs`), so that an action which merely begins with a number
  (``2.5 FTE posts recruited`` among actions that do not) keeps its words. A bare number
  at the start of a text is not a ref: ``2 posts recruited`` is a text, and ``1. Introduce``
  is a list's numbering (it starts again in every table), not the plan's ref.
* **Numbering that starts again in each priority.** A workbook with a sheet per priority,
  or a document with a table per workstream, often numbers the actions ``1, 2, 3`` in each.
  When a written ref comes back under another priority and no ref repeats within one, each
  action's ref is qualified by its priority (``P2.1``), so the refs say where each action
  sits rather than ``1~2`` (:func:`per_priority_refs`); the ref as written stays in the
  action's notes.

>>> leading_ref("1.1 - Introduce a quality assurance framework")
('1.1', 'Introduce a quality assurance framework')
>>> leading_ref("2 posts recruited") is None
True
>>> starts_with_refs(["1.1 Introduce a framework", "1.2. Train staff", "Review the plan"])
False
>>> merged_ref_columns(["Action", "Action", "Lead"], [["1.1", "Introduce", "Jo Bloggs"]])
[0]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.documents.cells import dated

__all__ = [
    "NEARLY",
    "REF",
    "action_texts",
    "is_ref",
    "leading_ref",
    "merged_ref_columns",
    "per_priority_refs",
    "prerequisite_refs",
    "ref_column_note",
    "starts_with_refs",
]

NEARLY = 0.8
"""The share of a column's cells that must hold a ref (at its start) for the rules above."""

REF = re.compile(r"^\(?[A-Za-z]{0,3}[ .-]?\d{1,2}(?:[.-]\d{1,2}){0,2}[a-z]?\)?\.?$")
"""A cell holding one ref and nothing else."""

_LEADING = re.compile(
    r"^\s*\(?(?P<ref>"
    r"[A-Za-z]{0,3}[ -]?\d{1,2}(?:[.-]\d{1,2}){1,2}[a-z]?"  # 1.1, 2.3a, P1.2, A-1.2
    r"|[A-Za-z]{1,3}[ -]?\d{1,2}[a-z]?"  # A-4, AFI2, P3
    r")\)?[.:;)]?(?:\s*[-–—:]\s*|\s+)"
    r"(?P<text>[^\W\d_][\s\S]*)$"
)


def is_ref(text: str) -> bool:
    """Whether ``text`` is one ref and nothing else (a date such as ``Dec-23`` is not).

    >>> [is_ref(t) for t in ("1.1", "2.3a", "A-4", "P1.2", "Dec-23", "Train staff")]
    [True, True, True, True, False, False]
    """
    text = text.strip()
    return bool(REF.match(text)) and not dated(text)


def leading_ref(text: str) -> tuple[str, str] | None:
    """(ref, the rest) when ``text`` starts with a ref followed by a space, ``.``, ``:``,
    ``;``, ``)`` or a dash, then words; None otherwise.

    >>> [leading_ref(t) for t in ("1.1 Introduce", "1.1. Introduce", "A-4: Train", "(P1.2) Map")]
    [('1.1', 'Introduce'), ('1.1', 'Introduce'), ('A-4', 'Train'), ('P1.2', 'Map')]
    >>> [leading_ref(t) for t in ("1. Introduce", "2 posts", "Dec-23 Review", "1.2 3.4")]
    [None, None, None, None]
    """
    match = _LEADING.match(text)
    if match is None or dated(match.group("ref")):
        return None
    return match.group("ref"), match.group("text").strip()


def starts_with_refs(texts: Sequence[str]) -> bool:
    """Whether nearly every one (:data:`NEARLY`) of the action texts of a table, blanks left
    out, starts with a ref (:func:`leading_ref`)."""
    values = [t for t in texts if t.strip()]
    hits = sum(leading_ref(t) is not None for t in values)
    return bool(values) and hits >= NEARLY * len(values)


def action_texts(
    rows: Sequence[Sequence[str]], at: Sequence[int], header: Sequence[str] = ()
) -> list[str]:
    """The action texts of a table's ``rows`` for :func:`starts_with_refs`: the cells of the
    action columns ``at`` joined, leaving out a row across the table (one cell filled) and
    the ``header`` repeated.

    >>> action_texts([["Priority 1", ""], ["1.1 Train", "Jo"], ["Action", "Lead"]], [0],
    ...     ["Action", "Lead"])
    ['1.1 Train']
    """
    repeated = [h.casefold() for h in header]
    return [
        "; ".join(row[i] for i in at if i < len(row) and row[i])
        for row in rows
        if len([c for c in row if c]) > 1 and [c.casefold() for c in row] != repeated
    ]


def merged_ref_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The columns holding the refs of the column after them under one (merged) header.

    Column ``i`` is one when it and column ``i + 1`` have the same header, and of the rows
    with a text in column ``i + 1`` (a row across the table has none), nearly every one
    (:data:`NEARLY`) has a ref in column ``i`` and nearly every one has no ref in column
    ``i + 1``.
    """
    out = []
    for i in range(len(header) - 1):
        name = header[i].strip().casefold()
        if not name or name != header[i + 1].strip().casefold():
            continue
        pairs = [(r[i], r[i + 1]) for r in rows if i + 1 < len(r) and r[i + 1].strip()]
        if not pairs:
            continue
        refs = sum(is_ref(first) for first, _ in pairs)
        texts = sum(not is_ref(second) for _, second in pairs)
        if refs >= NEARLY * len(pairs) and texts >= NEARLY * len(pairs):
            out.append(i)
    return out


_PREREQUISITE = re.compile(
    r"^(?P<ref>[A-Za-z]{0,3}[ .-]?\d{1,4}(?:[.-]\d{1,2}){0,2}[a-z]?)"
    r"(?:\s*(?:FS|SS|FF|SF)(?:\s*[+-]\s*\d+(?:\.\d+)?\s*(?:e?(?:d|days?|w|wks?|weeks?|h|hrs?|"
    r"hours?|mo|mons?|months?|%))?)?)?$",
    re.I,
)
"""One predecessor as project tools write it: a ref or row number, then perhaps its type
(``FS`` finish-to-start, ``SS``, ``FF``, ``SF``) and a lag or lead (``+1d``, ``-2 days``)."""


def prerequisite_refs(cell: str) -> list[str] | None:
    """The refs (or row numbers) a dependency cell lists, each without the type and lag a
    project tool writes after it (Smartsheet, MS Project, Planner: ``3FS``, ``2SS+1d``);
    None when the cell is not such a list (words, or a date).

    >>> prerequisite_refs("3FS"), prerequisite_refs("2SS+1d, 4"), prerequisite_refs("T1, T2")
    (['3'], ['2', '4'], ['T1', 'T2'])
    >>> prerequisite_refs("After the strategy is agreed") is None, prerequisite_refs("Dec-23")
    (True, None)
    """
    tokens = [t.strip() for t in re.split(r"\s*[,;]\s*|\s+and\s+", cell) if t.strip()]
    matches = [_PREREQUISITE.match(t) for t in tokens]
    if not tokens or any(m is None or dated(t) for m, t in zip(matches, tokens, strict=True)):
        return None
    return [m.group("ref") for m in matches if m is not None]


def ref_column_note(header: str) -> str:
    """The review's line for a column :func:`merged_ref_columns` read as refs."""
    return f"the first of two columns under one header {header!r} read as the refs, from its cells"


def per_priority_refs(written: Sequence[tuple[str | None, str | None]]) -> list[str | None]:
    """The refs to give actions written with ``(ref, priority ref)`` each, in document order:
    the refs as written, unless the numbering starts again in each priority -- a written ref
    under two priorities and none twice under one -- when each ref under a priority is
    qualified by it (``1`` under ``P2`` is ``P2.1``; one already starting with its priority,
    ``P2.1`` or ``2.1`` under ``2``, is kept).

    >>> per_priority_refs([("1", "P1"), ("2", "P1"), ("1", "P2"), (None, "P2")])
    ['P1.1', 'P1.2', 'P2.1', None]
    >>> per_priority_refs([("1.1", "1"), ("1.2", "1"), ("2.1", "2")])
    ['1.1', '1.2', '2.1']
    >>> per_priority_refs([("1", "P1"), ("1", "P1"), ("1", "P2")])  # repeats within one
    ['1', '1', '1']
    """
    under: dict[str, set[str | None]] = {}
    within: set[tuple[str | None, str]] = set()
    for ref, priority in written:
        if ref is None:
            continue
        if (priority, ref) in within:
            return [ref for ref, _ in written]
        within.add((priority, ref))
        under.setdefault(ref, set()).add(priority)
    if not any(len(priorities) > 1 and None not in priorities for priorities in under.values()):
        return [ref for ref, _ in written]
    return [
        ref
        if ref is None or priority is None or _starts_with(ref, priority)
        else f"{priority}.{ref}"
        for ref, priority in written
    ]


def _starts_with(ref: str, priority: str) -> bool:
    return ref == priority or re.match(rf"{re.escape(priority)}[.\-]", ref) is not None
