"""The click command line. Each command parses options, calls one library function and hands
the typed result to a renderer; library errors become one message and exit status 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from graphmodel.errors import ActiongraphError, PlanError
from loaders.formats import writable

EXIT_BAD_INPUT = 2


class _Group(click.Group):
    """Turns library errors into a message and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanError as e:
            from actiongraph.render import problems_text

            click.echo(f"Error: the plan has {len(e.problems)} problem(s):", err=True)
            click.echo(problems_text(e.problems), err=True, nl=False)
            ctx.exit(EXIT_BAD_INPUT)
        except ActiongraphError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except OSError as e:
            click.echo(f"Error: {e.filename or ''}: {e.strerror or e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


PLAN = click.Path(path_type=Path)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actiongraph")
def cli() -> None:
    """actiongraph: an inspection improvement plan as a graph, and its audit.

    PLAN arguments are YAML, JSON, an .xlsx workbook or a folder of CSV files, chosen by
    suffix. Exit status: 0 ok, 1 audit failed, 2 bad input or usage.
    """


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=PLAN)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--strict", is_flag=True, help="Count warnings as errors (for a gate before submission)."
)
def validate(plans: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check PLANS: counts of every node and edge kind, every problem, then a verdict.

    Exits 0 when every plan is valid (warnings allowed), 2 when any has errors.

    \b
    Example:
      actiongraph validate examples/teaching.yaml
    """
    from actiongraph.render import VALIDATE_RENDERERS
    from loaders.check import check_plan_file

    reports = [check_plan_file(p, strict=strict) for p in plans]
    click.echo(VALIDATE_RENDERERS[fmt](reports), nl=False)
    sys.exit(0 if all(r.ok for r in reports) else EXIT_BAD_INPUT)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the schema to this file (overwritten) instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the canonical plan format (YAML or JSON).

    Point your editor at it to validate plans as you type; with the YAML extension of VS Code
    put `# yaml-language-server: $schema=plan.schema.json` on the first line of a plan.

    \b
    Example:
      actiongraph schema -o plan.schema.json
    """
    from graphmodel.model import plan_json_schema
    from loaders.base import atomic_write_bytes

    text = json.dumps(plan_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_bytes(output, text.encode("utf-8"))


@cli.command()
@click.argument("plan", type=PLAN)
@click.option(
    "--to",
    "to",
    type=click.Choice(writable()),
    default=None,
    help="Output format; by default chosen from the suffix of OUT.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file (or folder, for csv) to write; an existing one is replaced.",
)
def export(plan: Path, to: str | None, output: Path) -> None:
    """Write PLAN in another format: yaml, json, xlsx, csv (a folder) or graphml.

    The plan must load without errors. An existing OUT is replaced atomically: an
    interrupted export never leaves half a file.

    \b
    Example:
      actiongraph export examples/teaching.yaml --to xlsx -o teaching.xlsx
    """
    from loaders.base import read_plan, write_plan

    loaded = read_plan(plan).plan_or_raise()
    written = write_plan(loaded, output, to)
    click.echo(f"wrote {written}")


def main() -> None:
    cli(prog_name="actiongraph")
