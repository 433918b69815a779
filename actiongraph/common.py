"""What every command shares: the error-handling group, the PLAN argument, the output-format
and settings options, and loading a plan into its graph. Command modules import from here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphmodel.errors import ActiongraphError, PlanError
from loaders.formats import writable

EXIT_BAD_INPUT = 2


class Group(click.Group):
    """Turns library errors into a message and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanError as e:
            from actiongraph.render.validate import problems_text

            click.echo(f"Error: the plan has {len(e.problems)} problem(s):", err=True)
            click.echo(problems_text(e.problems), err=True, nl=False)
            ctx.exit(EXIT_BAD_INPUT)
        except ActiongraphError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except OSError as e:
            click.echo(f"Error: {e.filename or ''}: {e.strerror or e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


class _PlanArgument(click.Path):
    """A plan file or folder, or a plan in a database: ``neo4j://HOST/DB?plan=ID`` (also
    ``bolt://``; ``&version=N`` for a kept version) becomes a
    :class:`~graphmodel.stores.uri.PlanURI`, which ``read_plan`` reads from the server (the
    password from NEO4J_PASSWORD, as for the neo4j commands)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from graphmodel.stores.uri import PlanURI, looks_like_plan_uri

        if isinstance(value, str) and looks_like_plan_uri(value):
            try:
                return PlanURI.parse(value)
            except ActiongraphError as e:
                self.fail(str(e), param, ctx)
        return super().convert(value, param, ctx)


PLAN = _PlanArgument(path_type=Path)


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "md"]),
    default="table",
    show_default=True,
    help="table for people, json for other tools, md for documents.",
)


CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="TOML settings (fail_on, skip_rules, [overload] thresholds); default: the nearest "
    "pyproject.toml upward from PLAN with a [tool.actiongraph] table.",
)


REDACT = click.option(
    "--redact",
    is_flag=True,
    help="Replace every person's name with their post or a stable pseudonym (Person 3F9A), "
    "in their record and in all plan text, for publishing.",
)


def load_plan(path: Path, *, redact: bool = False) -> Any:
    """Load PLAN (exit 2 with every problem if it has errors), redacted if asked."""
    from loaders.base import read_plan

    plan = read_plan(path).plan_or_raise()
    if redact:
        from graphmodel.redact import redact_plan

        plan = redact_plan(plan)
    return plan


def load_graph_at(path: Path, node: str | None, *, redact: bool = False) -> tuple[Any, str | None]:
    """Load PLAN's graph as :func:`load_graph` does, with NODE (a ref or kind:ref the user
    typed) pointing at the same entity afterwards: redaction renames person refs."""
    from graphmodel.graph import build_graph

    plan = load_plan(path)
    if redact:
        from graphmodel.redact import redact_plan, redacted_refs

        refs = redacted_refs(plan)
        kind, _, ref = (node or "").rpartition(":")
        if ref in refs and kind in ("", "person"):
            node = f"person:{refs[ref]}"
        plan = redact_plan(plan)
    return build_graph(plan), node


def load_graph(path: Path, *, redact: bool = False) -> Any:
    """Load PLAN as :func:`load_plan` does and build its graph."""
    return load_graph_at(path, None, redact=redact)[0]


def echo(result: Any, fmt: str, document: Any) -> None:
    from actiongraph.render import render

    click.echo(render(result, fmt, document), nl=False)


def parse_date(value: str | None) -> Any:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: write a date as YYYY-MM-DD") from None


def settings(plan: Path, config_path: Path | None) -> Any:
    from queries.config import AuditConfig, find_config, load_config

    found = config_path or find_config(plan)
    return load_config(found) if found is not None else AuditConfig()


# --- what the commands writing a plan share (`export`, `neo4j pull`) ------------------------

PLAN_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file (or folder, for csv) to write; an existing one is replaced atomically.",
)


PLAN_FORMAT = click.option(
    "--to",
    "to",
    type=click.Choice(writable()),  # the loaders' registry: light, it loads readers on use
    default=None,
    help="Output format; by default chosen from the suffix of OUT.",
)


def is_tracker(output: Path, to: str | None) -> bool:
    """Whether ``export`` writes an xlsx workbook (asked for, or by the suffix of OUTPUT)."""
    return to == "xlsx" or (to is None and output.suffix.lower() == ".xlsx")


def write_tracker(plan: Any, output: Path, *, as_of: Any, config: Any) -> None:
    """The plan workbook as a tracker with the audit beside it: the audit's tables are made
    by :mod:`visualise.tracker` (it may import the queries) and laid out by the loaders
    (which may not); composing the two is this package's job."""
    from graphmodel.graph import build_graph
    from loaders.base import check_writable
    from loaders.xlsx import write_xlsx
    from visualise.tracker import tracker_tables

    check_writable(output)
    tables = tracker_tables(build_graph(plan), as_of=as_of, config=config)
    write_xlsx(plan, output, audit=tables)


# --- what the audit commands share (`audit` on files, `neo4j audit` on the server) ----------

FAIL_ON = click.option(
    "--fail-on",
    "fail_on",
    metavar="CHECKS",
    help="Comma-separated checks that fail the audit (exit 1): uncovered, partial, "
    "overload, conflict, cycle, unreachable, rules. Default: uncovered, or the config's.",
)
AS_OF = click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Judge dates on DATE (YYYY-MM-DD): overdue "
    "actions, and actions still on track after their due period.",
)
DETAIL = click.option(
    "--detail", is_flag=True, help="Every finding, owner and chain, not only the summary."
)
TEXT_OR_JSON = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for other tools.",
)


def audit_settings(plan: Path | None, config_path: Path | None, fail_on: str | None) -> Any:
    """The audit's settings: --config, else the nearest pyproject.toml upward from PLAN (when
    there is a file), else the defaults; --fail-on replaces the checks that fail it."""
    from dataclasses import replace

    from queries.config import AuditConfig, load_config, parse_fail_on

    if plan is not None:
        config = settings(plan, config_path)
    else:
        config = load_config(config_path) if config_path is not None else AuditConfig()
    if fail_on is not None:
        config = replace(config, fail_on=parse_fail_on(fail_on, "--fail-on"))
    return config
