"""Owners of merged cells, and cross-references that are not dependencies.

**Merged owner cells.** A Word table's merged cell comes out of python-docx repeated in
every row it spans, so each row *states* its owner and nothing is inferred. Text extracted
from a page (a ``.txt`` from ``pdftotext``, a PDF, a web page, Markdown) loses the merge: the
owner is written once, on the block's first row, and the rows under it have a blank owner
cell. The rule this importer follows (:func:`merged_owner_rows`):

* a row with a blank owner cell takes the owner of the row that opens its *block*: the
  nearest row above that names an owner, with only blank-owner rows between;
* a block is the rows of one table group: it ends at a heading, a new table header, a new
  priority, or a new group row (a finding or section row across the table), and is never
  continued from one group into the next;
* nothing is filled when the first row of some group of the document leaves its owner blank:
  such a document shows that a blank owner cell means "no owner yet", not a merge;
* nothing is filled in sources whose cells cannot be merged without showing it: Word (the
  merged text is repeated), spreadsheets and CSV trackers (a blank is a blank).

Every owner filled this way is written ``basis: inferred`` with the reason ``blank owner
cell under <ref>'s owner in a merged block``, and the review lists it.

>>> rows = [OwnerRow("A-3", True, 1), OwnerRow("A-4", False, 1), OwnerRow("B-1", True, 2)]
>>> merged_owner_rows(rows)
{1: 0}
>>> merged_owner_rows([OwnerRow("1", False, 1), OwnerRow("2", True, 1), OwnerRow("3", False, 1)])
{}

**Cross-references.** ``see Appendix 2``, ``as set out in Annex B``, ``(see section 4)``
say where the detail of an action is written down: containment, never a sequence. They
never become dependencies; :func:`cross_references` finds them so that the draft records
each as a note.

>>> cross_references("Implement the plan, e.g. a triage process (see Appendix 2).")
['see Appendix 2']
>>> cross_references("Depends on 2.1; as set out in Annex B")
['as set out in Annex B']
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.documents.entities import inferred_owners
from loaders.documents.readers import SHEETS
from loaders.documents.report import ReviewItem, ReviewKind

__all__ = [
    "NO_MERGE_SUFFIXES",
    "OwnerRow",
    "cross_reference_note",
    "cross_references",
    "fill_from_above",
    "merged_owner_fills",
    "merged_owner_reason",
    "merged_owner_rows",
    "without_cross_references",
]

NO_MERGE_SUFFIXES = (".docx", *SHEETS)
"""Sources where a blank owner cell is blank: no owner is filled from a row above."""

_CROSS_REF = re.compile(
    r"\b(?:(?:please\s+)?see|as\s+(?:set\s+out|described|detailed|shown)\s+in|"
    r"(?:set\s+out|detailed|described)\s+in|refer\s+to)\s+"
    r"(?:the\s+)?(?:appendix|appendices|annex|annexe|section|part|chapter|page)\s*"
    r"[A-Z0-9]{1,4}(?:\.\d{1,2})?\b",
    re.I,
)


@dataclass(frozen=True)
class OwnerRow:
    """One action row of a table, in document order: its ref, whether its owner cell names
    an owner, and the group (table and section) it sits in."""

    ref: str
    named: bool
    group: Hashable


def merged_owner_rows(rows: Sequence[OwnerRow]) -> dict[int, int]:
    """Index of each blank-owner row -> index of the row opening its block (see the module
    docstring for the rule); empty when the document leaves a group's first owner blank."""
    firsts: dict[Hashable, OwnerRow] = {}
    for row in rows:
        firsts.setdefault(row.group, row)
    if any(not row.named for row in firsts.values()):
        return {}
    out: dict[int, int] = {}
    opener: int | None = None
    for i, row in enumerate(rows):
        if opener is not None and rows[opener].group != row.group:
            opener = None
        if row.named:
            opener = i
        elif opener is not None:
            out[i] = opener
    return out


def merged_owner_fills(
    rows: Sequence[tuple[str, bool, Hashable | None]], source: str
) -> dict[int, int]:
    """:func:`merged_owner_rows` over the actions of a draft, each given as (ref, whether
    its owner cell names an owner, its table group or None when it has no owner cell of its
    own); nothing for the sources in :data:`NO_MERGE_SUFFIXES`."""
    if Path(source).suffix.lower() in NO_MERGE_SUFFIXES:
        return {}
    indexed = [
        (i, OwnerRow(ref, named, g)) for i, (ref, named, g) in enumerate(rows) if g is not None
    ]
    fills = merged_owner_rows([row for _, row in indexed])
    return {indexed[k][0]: indexed[v][0] for k, v in fills.items()}


def fill_from_above(
    action: dict[str, Any],
    opener: dict[str, Any],
    items: list[ReviewItem],
    where: tuple[int, str, str | None],
) -> None:
    """Give ``action`` (a draft action with no owner) the owners of ``opener``, the action
    opening its block, as inferred, and say so in the review at ``where`` (line, text,
    place)."""
    if action["owners"] or not opener["owners"]:
        return
    reason = merged_owner_reason(opener["ref"])
    action["owners"] = inferred_owners(opener["owners"], reason)
    line, text, place = where
    items.append(
        ReviewItem(
            ReviewKind.LOW_CONFIDENCE,
            line,
            text,
            f"owner of {action['ref']} inferred: {reason}",
            place,
        )
    )


def merged_owner_reason(ref: str) -> str:
    """The reason written on an owner filled from the row opening its block."""
    return f"blank owner cell under {ref}'s owner in a merged block"


def cross_references(text: str) -> list[str]:
    """The cross-references (``see Appendix 2``) written in ``text``, in order."""
    return [" ".join(m.group(0).split()) for m in _CROSS_REF.finditer(text or "")]


def cross_reference_note(ref: str) -> str:
    """The note recording one cross-reference of an action."""
    return f"{ref!r} says where the detail is written (containment), not a dependency."


def without_cross_references(text: str) -> str:
    """``text`` with its cross-references taken out (what is left may name dependencies)."""
    return _CROSS_REF.sub(" ", text or "")
