"""``actiongraph neo4j push | pull | audit | list``: plans in a shared Neo4j database.

The connection comes from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``; ``--uri``, ``--user`` and ``--database`` override all but the password,
which never goes on the command line (it would show in the process list and shell history).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from actiongraph.common import (
    AS_OF,
    CONFIG,
    DETAIL,
    FAIL_ON,
    FORMAT,
    INPUT_FORMAT,
    PLAN,
    PLAN_FORMAT,
    PLAN_OUTPUT,
    QUIET,
    REDACT,
    Group,
    audit_settings,
    echo,
    load_plan,
    parse_date,
    refuse_binary_to_terminal,
    wrote,
)


def _connection(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--uri", help="Bolt URI of the server (default: $NEO4J_URI)."),
            click.option("--user", help="User name (default: $NEO4J_USERNAME, else neo4j)."),
            click.option("--database", help="Database (default: $NEO4J_DATABASE)."),
        ]
    ):
        command = option(command)
    return command


def _store(uri: str | None, user: str | None, database: str | None) -> Any:
    from graphmodel.stores.bolt import Neo4jStore
    from graphmodel.stores.settings import Neo4jSettings

    return Neo4jStore(Neo4jSettings.from_env(uri=uri, user=user, database=database))


@click.group(cls=Group)
def neo4j() -> None:
    """Push, pull and audit plans in a Neo4j database shared by many plans.

    Connection from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE; --uri,
    --user and --database override them (the password only from the environment).
    """


@neo4j.command()
@click.argument("plan", type=PLAN)
@INPUT_FORMAT
@_connection
def push(plan: Path, uri: str | None, user: str | None, database: str | None) -> None:
    """Write PLAN to the database, or update the version there to it (one transaction:
    all or nothing; pushing an unchanged plan writes nothing).

    \b
    Example:
      NEO4J_PASSWORD=... actiongraph neo4j push examples/teaching.yaml --uri bolt://localhost:7687
    """
    loaded = load_plan(plan)
    with _store(uri, user, database) as store:
        result = store.push(loaded)
        where = store.settings.where
    if not result.changed:
        click.echo(f"{loaded.id}: unchanged in {where}")
        return
    click.echo(
        f"{loaded.id}: pushed to {where}: nodes {result.nodes_created} created, "
        f"{result.nodes_updated} updated, {result.nodes_deleted} deleted; relationships "
        f"{result.relationships_created} created, {result.relationships_deleted} deleted"
    )


@neo4j.command()
@click.argument("area")
@PLAN_OUTPUT
@PLAN_FORMAT
@REDACT
@QUIET
@_connection
def pull(
    area: str,
    output: Path,
    to: str | None,
    redact: bool,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """Read the plan with id AREA from the database into OUTPUT (YAML, JSON, XLSX, CSV
    folder or GraphML).

    \b
    Example:
      actiongraph neo4j pull wirral -o wirral.yaml
    """
    from loaders.base import write_plan

    refuse_binary_to_terminal(output, to == "xlsx")
    with _store(uri, user, database) as store:
        plan = store.pull(area)
    if redact:
        from graphmodel.redact import redact_plan

        plan = redact_plan(plan)
    wrote(write_plan(plan, output, to))


@neo4j.command()
@click.argument("area")
@FAIL_ON
@CONFIG
@AS_OF
@DETAIL
@click.option(
    "--redact",
    is_flag=True,
    help="Names replaced by posts or pseudonyms: the plan is pulled, redacted and audited "
    "here (the server holds the names), with the same answers.",
)
@FORMAT
@_connection
def audit(
    area: str,
    fail_on: str | None,
    config_path: Path | None,
    as_of: str | None,
    detail: bool,
    redact: bool,
    fmt: str,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """The audit of the plan AREA (its id, or its area name), answered from the database: the
    same report and JSON as `actiongraph audit`, the same exit status (0 pass, 1 fail, 2 bad
    input).

    \b
    Example:
      actiongraph neo4j audit wirral --format json
      actiongraph neo4j audit "Cheshire East"
    """
    from actiongraph.render.questions import audit_document
    from queries.cypher import audit_on_server

    config = audit_settings(None, config_path, fail_on)
    with _store(uri, user, database) as store:
        area = store.plan_id(area)
        if redact:
            from graphmodel.graph import build_graph
            from graphmodel.redact import redact_plan
            from queries.audit import audit as audit_in_memory

            graph = build_graph(redact_plan(store.pull(area)))
            report = audit_in_memory(graph, config=config, as_of=parse_date(as_of))
        else:
            report = audit_on_server(store, area, config=config, as_of=parse_date(as_of))
    echo(report, fmt, lambda r: audit_document(r, detail=detail or fmt == "md", full=fmt == "md"))
    sys.exit(0 if report.passed else 1)


@neo4j.command("list")
@FORMAT
@_connection
def list_plans(fmt: str, uri: str | None, user: str | None, database: str | None) -> None:
    """The plans in the database: id, area, findings, actions, title."""
    from dataclasses import asdict

    with _store(uri, user, database) as store:
        plans = store.plans()
    if fmt == "json":
        click.echo(json.dumps([asdict(p) for p in plans], indent=2, ensure_ascii=False))
        return
    if fmt == "md":
        click.echo("| id | area | findings | actions | title |\n|---|---|---|---|---|")
        for p in plans:
            cells = [p.id, p.area, str(p.findings), str(p.actions), p.title]
            click.echo("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return
    if not plans:
        click.echo("no plans")
    for p in plans:
        click.echo(f"{p.id}\t{p.area}\t{p.findings} findings\t{p.actions} actions\t{p.title}")
