"""`actiongraph import`: a document (text, Markdown, .docx, .pdf, a web page, a tracker
spreadsheet) to a draft plan and a review report of what needs a human."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from actiongraph.common import FORMAT, QUIET, busy, wrote

STDIN_NAME = "standard-input"
"""What a document read from standard input is called while it is imported."""


def _suffix_of(data: bytes) -> str:
    r"""The suffix of a document read from standard input, from its first bytes: a PDF, a
    Word file or workbook (zip), a web page, comma- or tab-separated rows, else text.

    >>> [_suffix_of(d) for d in (b"%PDF-1.7", b"<!DOCTYPE html><html>", b"1.1 Do it\n")]
    ['.pdf', '.html', '.txt']
    >>> _suffix_of(b"Ref,Action,Owner\n1.1,Recruit,Head of SEND\n1.2,Train,DCO\n")
    '.csv'
    """
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return ".docx"  # the reader says it is broken
        return ".docx" if any(n.startswith("word/") for n in names) else ".xlsx"
    head = data[:4096].decode("utf-8", errors="replace")
    if "<html" in head.casefold() or head.lstrip().casefold().startswith("<!doctype html"):
        return ".html"
    lines = [line for line in head.splitlines()[:6] if line.strip()]
    if len(lines) > 2:
        lines = lines[:-1]  # the last may be cut short
    for sep, suffix in (("\t", ".tsv"), (",", ".csv")):
        widths = {len(row) for row in csv.reader(lines, delimiter=sep)}
        if len(lines) >= 2 and len(widths) == 1 and min(widths) >= 3:
            return suffix
    return ".txt"


def _piped(folder: Path) -> Path:
    """Standard input saved in ``folder`` under the suffix its content shows."""
    from graphmodel.errors import UsageError

    data = sys.stdin.buffer.read()
    if not data.strip():
        raise UsageError(
            "-: standard input is empty; pipe a document in (pasted text, a web page, .docx, "
            ".pdf, .xlsx, .csv), or name the file to import"
        )
    path = folder / (STDIN_NAME + _suffix_of(data))
    path.write_bytes(data)
    return path


def _renamed(result: Any, path: str, name: str) -> Any:
    """``result`` (an import) with the temporary ``path`` it was read from called ``name``."""
    from dataclasses import replace

    from loaders.documents.report import redacted_report

    def rename(text: str) -> str:
        return text.replace(path, name)

    plan = result.plan
    if plan.source:
        plan = plan.model_copy(update={"source": rename(plan.source)})
    return replace(result, plan=plan, report=redacted_report(result.report, rename))


@click.command("import")
@click.argument("document", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    required=True,
    help="The draft plan to write; its format follows the suffix (.yaml, .json, .xlsx, ...); "
    "an existing one is replaced atomically; - writes YAML to standard output (the review "
    "report then goes to standard error unless --report says where).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write the review report to this file (replaced atomically) instead of printing it.",
)
@FORMAT
@QUIET
@click.option(
    "--redact",
    is_flag=True,
    help="Replace the names of the people the draft lists (whole, or their parts), and those "
    "names wherever they appear (posts, organisation names, refs), with posts or "
    "pseudonyms, in the draft and the report, before anything is shortened. A name only in "
    "a line the importer could not place is not known as a person and stays: read the "
    "report before publishing it.",
)
def import_(document: Path, output: Path, report_path: Path | None, fmt: str, redact: bool) -> None:
    """Draft a plan from DOCUMENT and report every line it could not place.

    DOCUMENT is text (.txt, .md: tab, pipe or space-aligned tables, headings, lists,
    labelled actions), a Word file (.docx), a PDF (.pdf, with the `pdf` extra), a saved web
    page (.html, .htm) or a tracker spreadsheet (.xlsx, .xlsm, .csv, .tsv). Whatever the
    layout, a draft is written: findings-only when no action is found.

    Lines not placed are listed in the report (with their place) and kept in the draft
    plan's `note`. Exit status 2 only for a file that cannot be read at all (missing, empty,
    not a document, encrypted); with --format json the error is JSON too.

    DOCUMENT - reads standard input (pasted text, or any of those files: what it is is told
    from its content).

    \b
    Examples:
      actiongraph import plan.txt -o draft.yaml
      pbpaste | actiongraph import - -o draft.yaml
      actiongraph import plan.docx -o draft.xlsx --report review.json --format json
    """
    from loaders.base import atomic_write_bytes, check_writable, write_plan
    from loaders.documents import import_document
    from loaders.documents.report import REPORT_RENDERERS, redacted_report

    for path in (output, report_path):  # before the import's work, not after
        if path is not None and str(path) != "-":
            check_writable(path)
    from graphmodel.errors import ActiongraphError

    try:
        with busy(f"importing {document.name}"), tempfile.TemporaryDirectory() as folder:
            source = _piped(Path(folder)) if str(document) == "-" else document
            result = import_document(source)
            if source is not document:  # called '-' in the draft and the report
                result = _renamed(result, str(source), "-")
    except ActiongraphError as e:
        if fmt != "json":
            raise
        error = json.dumps({"source": str(document), "error": str(e)}, ensure_ascii=False)
        if report_path is not None:
            atomic_write_bytes(report_path, (error + "\n").encode("utf-8"))
        click.echo(error)
        click.echo(f"Error: {e}", err=True)
        sys.exit(2)
    plan, review = result.plan, result.report
    if redact:
        from graphmodel.redact import Redaction

        # the report is redacted as data, before its lines are shortened for display
        red = Redaction(plan)
        review, plan = redacted_report(review, red.hide), red.plan
    text = REPORT_RENDERERS[fmt](review)
    write_plan(plan, output)
    wrote(output)
    if report_path is not None:
        atomic_write_bytes(report_path, text.encode("utf-8"))
        wrote(report_path)
    else:
        click.echo(text, nl=False, err=str(output) == "-")
