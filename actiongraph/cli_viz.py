"""``actiongraph viz`` and ``actiongraph report``: pictures of a plan as offline HTML pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from actiongraph.common import (
    CONFIG,
    DAY,
    INPUT_FORMAT,
    PLAN,
    QUIET,
    REDACT,
    load_graph_at,
    load_plan,
    load_with_warnings,
    settings,
    warn_if_areas_differ,
    wrote,
)
from visualise import VIEWS  # the package's own module is light: builders load on use

_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    required=True,
    help="The HTML file to write (- for standard output); an existing one is replaced "
    "atomically, through a symbolic link its target.",
)


F = TypeVar("F", bound=Callable[..., Any])


def OUTPUT(command: F) -> F:
    return INPUT_FORMAT(QUIET(_OUTPUT(command)))


def _write(output: Path, html: str) -> None:
    from loaders.base import atomic_write_bytes

    atomic_write_bytes(output, html.encode("utf-8"))
    wrote(output)


@click.command()
@click.argument("plan", type=PLAN)
@click.option(
    "--view",
    "view",
    type=click.Choice(VIEWS),
    default="network",
    show_default=True,
    help="network: everything (an overview by priority when large, and a search box); "
    "coverage: findings and what covers them; critical-path: a timeline of the critical chain "
    "and what is near it; people: each person's open actions by role; governance: who "
    "reports to whom.",
)
@click.option("--focus", metavar="REF", help="Draw only the neighbourhood of this node.")
@click.option(
    "--depth",
    type=click.IntRange(0, 20),
    default=1,
    show_default=True,
    help="With --focus: how many steps away from REF to draw.",
)
@click.option(
    "--as-of",
    "as_of",
    type=DAY,
    metavar="DATE",
    help="critical-path: mark what is overdue on DATE (YYYY-MM-DD).",
)
@CONFIG
@REDACT
@OUTPUT
def viz(
    plan: Path,
    view: str,
    focus: str | None,
    depth: int,
    as_of: date | None,
    config_path: Path | None,
    redact: bool,
    output: Path,
) -> None:
    """Write an interactive picture of PLAN as one HTML page that works offline.

    Every label is readable without zooming on a 1400 x 1000 window: a large network opens
    on an overview (search or click to open a part). Hover for the facts; filter in the page.

    \b
    Examples:
      actiongraph viz examples/teaching.yaml --view coverage -o coverage.html
      actiongraph viz examples/teaching.yaml --view critical-path --as-of 2025-06-01 -o cp.html
      actiongraph viz examples/teaching.yaml --focus 3.2 --depth 2 -o around-3.2.html
    """
    from visualise import view_html

    rule = settings(plan, config_path).overload_rule()
    graph, focus = load_graph_at(plan, focus, redact=redact)
    html = view_html(graph, view, focus=focus, depth=depth, as_of=as_of, rule=rule)
    _write(output, html)


@click.command()
@click.argument("plan", type=PLAN)
@click.option(
    "--as-of",
    "as_of",
    type=DAY,
    metavar="DATE",
    help="The meeting's day (YYYY-MM-DD): today's line and what is overdue. Default: today.",
)
@click.option(
    "--since",
    "since",
    metavar="OLD",
    type=PLAN,
    default=None,
    help="The version of the last meeting: adds a section on what changed since, and the "
    "rules that compare versions.",
)
@CONFIG
@REDACT
@OUTPUT
def report(
    plan: Path,
    as_of: date | None,
    since: Path | None,
    config_path: Path | None,
    redact: bool,
    output: Path,
) -> None:
    """Write the audit of PLAN as one self-contained HTML page for a governance meeting.

    Headline figures, coverage per finding, open actions per person, the critical path in
    time with today's line, the governance tree and the interactive network; prints cleanly.

    \b
    Examples:
      actiongraph report examples/teaching.yaml --as-of 2025-06-01 -o report.html
      actiongraph report examples/teaching-2025-07.yaml --since examples/teaching.yaml -o r.html
    """

    from graphmodel.graph import build_graph
    from visualise import report_html

    when = as_of or date.today()
    before = load_plan(since) if since is not None else None
    # both versions redacted alike: the same person is called the same in each
    loaded = load_with_warnings(plan, redact=redact, versions=[before] if before else [])
    if before is not None:
        warn_if_areas_differ([(str(since), before), (str(plan), loaded.plan)])
    if loaded.redaction is not None and before is not None:
        before = loaded.redaction.of(before)
    config = settings(plan, config_path)
    html = report_html(
        build_graph(loaded.plan),
        as_of=when,
        config=config,
        since=before,
        load_problems=loaded.warnings,
    )
    _write(output, html)
