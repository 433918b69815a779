"""Importing a plan from the documents people have: text, Markdown, Word, PDF (with the
optional extra ``pdf``), a saved web page, a tracker spreadsheet.

:func:`import_document` gives an :class:`ImportResult`: a draft :class:`~graphmodel.model.Plan`
and a :class:`ReviewReport` of every line not placed and every low-confidence decision.

One module per job. Reading: :mod:`~loaders.documents.readers` (one module per source) write
:mod:`~loaders.documents.blocks`, the one intermediate. Interpreting, whatever the layout:
:mod:`~loaders.documents.roles` (column roles), :mod:`~loaders.documents.refs` (action refs:
a ref column under a header merged over two columns, a ref at the start of the text; used by
both readings), :mod:`~loaders.documents.grid` (tables),
:mod:`~loaders.documents.labelled` (labelled fields, trailing owner and due),
:mod:`~loaders.documents.findings` (findings and finding refs),
:mod:`~loaders.documents.lists` (list items after a lead-in),
:mod:`~loaders.documents.interpret` (the walk over the blocks; what the table and list
readers see of it is :mod:`~loaders.documents.context`), :mod:`~loaders.documents.area`
(title and area), :mod:`~loaders.documents.draft` (the draft and review).
:mod:`~loaders.documents.choose` keeps the reading of the seed plans' own table shapes
where it is better: :mod:`~loaders.documents.sources`,
:mod:`~loaders.documents.text`, :mod:`~loaders.documents.cells`,
:mod:`~loaders.documents.shapes`, :mod:`~loaders.documents.tables`,
:mod:`~loaders.documents.positions`, :mod:`~loaders.documents.prose`,
:mod:`~loaders.documents.build`. Shared: :mod:`~loaders.documents.owners` (owner cells;
:mod:`~loaders.documents.wording`: which words name a person, a post, an organisation),
:mod:`~loaders.documents.parties` (the draft's people, organisations and boards),
:mod:`~loaders.documents.entities` (the draft's entities and links, with their basis, for
both readings), :mod:`~loaders.documents.merged` (owners of merged cells, cross-references),
:mod:`~loaders.documents.report` (the review report). Tables that are not action tables
(governance, version logs): :mod:`~loaders.documents.layouts`; the draft's boards from them and
from governance sentences: :mod:`~loaders.documents.boards`.
"""

from __future__ import annotations

import os
from pathlib import Path

from loaders.documents.report import (
    ImportResult,
    ReviewItem,
    ReviewKind,
    ReviewReport,
    report_json,
    report_text,
)

__all__ = [
    "ImportResult",
    "ReviewItem",
    "ReviewKind",
    "ReviewReport",
    "import_document",
    "report_json",
    "report_text",
]


def import_document(path: str | os.PathLike[str]) -> ImportResult:
    """The draft plan and review report of the document at ``path`` (.txt, .md, .docx,
    .pdf, .html, .xlsx, .csv).

    Every readable document gives a draft (a findings-only one when no action is found).
    Raises :class:`~graphmodel.errors.UsageError` for what cannot be read at all: a missing,
    empty or binary file, an unsupported suffix, a broken or encrypted Word or PDF file.
    """
    from loaders.documents.choose import import_any

    return import_any(Path(path))
