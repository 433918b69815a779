"""`actiongraph import`: a document (text, Markdown, .docx, .pdf, a web page, a tracker
spreadsheet) to a draft plan and a review report of what needs a human."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from actiongraph.common import FORMAT, QUIET, busy, wrote


@click.command("import")
@click.argument("document", type=click.Path(path_type=Path))
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

    \b
    Examples:
      actiongraph import plan.txt -o draft.yaml
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
        with busy(f"importing {document.name}"):
            result = import_document(document)
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
