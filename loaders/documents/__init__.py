"""Importing a plan from the documents people have: text extracted from a PDF or a Word
file, a ``.docx`` read directly, or a ``.pdf`` (with the optional extra ``pdf``).

:func:`import_document` gives an :class:`ImportResult`: a draft :class:`~graphmodel.model.Plan`
and a :class:`ReviewReport` of every line not placed and every low-confidence decision.

One module per job: :mod:`~loaders.documents.sources` (reading .txt, .docx, .pdf into
text), :mod:`~loaders.documents.text` (normalising lines and cells),
:mod:`~loaders.documents.cells` (dates and owners inside one cell),
:mod:`~loaders.documents.shapes` (recognising table headers),
:mod:`~loaders.documents.tables` (rows into action records),
:mod:`~loaders.documents.positions` (position statements: delivered / still to do),
:mod:`~loaders.documents.prose` (findings, priorities, boards, members),
:mod:`~loaders.documents.owners` (owner cells), :mod:`~loaders.documents.parties` (the
draft's people, organisations and boards), :mod:`~loaders.documents.report` (the review
report), :mod:`~loaders.documents.build` (the draft plan).
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
