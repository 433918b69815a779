"""Which reading of a document to keep.

Every document is read into blocks and interpreted
(:func:`~loaders.documents.draft.draft_from_blocks`). Text extracted with tab-separated
tables, and Word and PDF files, are also read the older way, line by line with the
table shapes of the five seed plans (:func:`~loaders.documents.build.draft_from_text`),
which knows those plans' repairs (shifted cells, rows broken over pages, milestone tables);
its draft is kept when it recognises a table of those shapes: for extracted text (its home
ground) unless the interpretation finds more than twice as many actions (a small table in a
document of bullet actions) or, where it found no finding, links as many actions to the
findings listed above the table (which only the interpretation reads), and for Word and
PDF files when its draft is no poorer (:func:`score`: actions, and those with owners, a
dated due, a finding and a status, and findings: a Word table's RAG column coloured in,
which only the interpretation reads, counts). The older reading never sees a row its keeper
set aside (struck through: :func:`~loaders.documents.sources.document_text` leaves it out),
so when its draft is kept the interpretation's review of those rows is added to its report;
nor a key to the initials owner cells use: with one, the interpretation is kept when it
finds as many actions.
A workbook in the plan workbook's own layout is read as the plan it is.
"""

from __future__ import annotations

from pathlib import Path

from graphmodel.errors import ActiongraphError
from graphmodel.model import Plan
from loaders.documents.blocks import Block
from loaders.documents.report import ImportResult, ReviewReport

__all__ = ["import_any"]

_LEGACY = (".txt", ".md", ".docx", ".pdf")


def import_any(path: Path) -> ImportResult:
    from loaders.documents.draft import draft_from_blocks
    from loaders.documents.readers import read_blocks
    from loaders.documents.readers.sheet import is_plan_workbook

    if path.is_file() and path.stat().st_size and is_plan_workbook(path):
        from loaders.base import load_plan

        plan = load_plan(path)
        return ImportResult(
            plan, ReviewReport(str(path), ["plan workbook"], actions=len(plan.actions))
        )
    blocks = read_blocks(path)
    result = draft_from_blocks(blocks, str(path))
    if path.suffix.lower() in _LEGACY:
        from loaders.documents.build import draft_from_text
        from loaders.documents.sources import document_text

        try:
            older = draft_from_text(document_text(path), str(path))
        except ActiongraphError:
            return result
        text = path.suffix.lower() in (".txt", ".md")
        keyed = _keyed(blocks) and len(result.plan.actions) >= len(older.plan.actions)
        if (
            older.plan.actions
            and not keyed
            and (
                (
                    text
                    and 2 * len(older.plan.actions) >= len(result.plan.actions)
                    and not _finds_more(result.plan, older.plan)
                )
                or score(older.plan) >= score(result.plan)
            )
        ):
            return _with_asides(older, result, blocks)
    return result


def _with_asides(older: ImportResult, result: ImportResult, blocks: list[Block]) -> ImportResult:
    """``older`` with the review items ``result`` has of the rows set aside in ``blocks``."""
    aside = {row.line for b in blocks if b.is_table for row in b.rows if row.aside}
    aside |= {b.line for b in blocks if b.aside}
    if aside:
        older.report.items += [i for i in result.report.items if i.line in aside]
    return older


def _keyed(blocks: list[Block]) -> bool:
    """Whether the document has a key to the initials its owner cells use (``Initials |
    Name and role``, or a list after ``Key to leads:``), which only the interpretation
    reads."""
    from loaders.documents.grid import people_columns
    from loaders.documents.lists import KEY_LEADIN

    if any(not b.is_table and KEY_LEADIN.match(b.text) for b in blocks):
        return True  # "Key to leads:" over "JB – Jo Bloggs, Head of SEND"
    return any(
        b.is_table
        and b.rows
        and (columns := people_columns(b.rows[0].cells))
        and columns[0] is not None
        for b in blocks
    )


def _finds_more(plan: Plan, other: Plan) -> bool:
    """Whether ``plan`` has as many actions as ``other``, which found no finding, and links
    its actions to findings (listed above a table, read only by the interpretation)."""
    return (
        not other.findings
        and len(plan.actions) >= len(other.actions)
        and any(a.addresses for a in plan.actions)
    )


def score(plan: Plan) -> int:
    """How much a draft holds: its actions, counted again for each of owners, a dated due,
    a finding link and a status they have, and its findings."""
    return len(plan.findings) + sum(
        1
        + bool(a.owners)
        + bool(a.due is not None and a.due.is_dated)
        + bool(a.addresses)
        + bool(a.status)
        for a in plan.actions
    )
