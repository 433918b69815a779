"""`actiongraph import`: a document (extracted text, .docx, .pdf) to a draft plan and a
review report of what needs a human."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("import")
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The draft plan to write; its format follows the suffix (.yaml, .json, .xlsx, ...).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the review report to this file instead of printing it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The review report as text for people or JSON for other tools.",
)
def import_(document: Path, output: Path, report_path: Path | None, fmt: str) -> None:
    """Draft a plan from DOCUMENT (.txt/.md text extracted from a PDF or Word file, .docx,
    or .pdf with the `pdf` extra) and report every line it could not place.

    Lines not placed are listed in the report (line number and text) and kept in the draft
    plan's `note`. Exit status 2 for a file that cannot be read or has no action table.

    \b
    Examples:
      actiongraph import plan.txt -o draft.yaml
      actiongraph import plan.docx -o draft.xlsx --report review.json --format json
    """
    from graphmodel.errors import UsageError
    from loaders.base import write_plan
    from loaders.documents import import_document, report_json, report_text

    for path in (output, report_path):
        if path is not None and not path.resolve().parent.is_dir():
            raise UsageError(f"{path}: the folder {path.parent} does not exist; create it first")
    result = import_document(document)
    write_plan(result.plan, output)
    text = (report_json if fmt == "json" else report_text)(result.report)
    if report_path is not None:
        report_path.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output} and {report_path}")
    else:
        click.echo(text, nl=False)
