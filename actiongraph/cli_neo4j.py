"""``actiongraph neo4j push | pull | audit | coverage | overload | chain | rules | query |
versions | list``:
plans in a shared Neo4j database, and questions answered by it, for one plan or across all.

The connection comes from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``; ``--uri``, ``--user`` and ``--database`` override all but the password,
which never goes on the command line (it would show in the process list and shell history).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
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
    busy,
    echo,
    load_plan,
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
@click.option(
    "--keep-versions",
    is_flag=True,
    help="Keep the version the database holds (as version N of the plan, read back with "
    "`neo4j versions` and neo4j://HOST/DB?plan=ID&version=N) before replacing it.",
)
@QUIET
@_connection
def push(
    plan: Path, keep_versions: bool, uri: str | None, user: str | None, database: str | None
) -> None:
    """Write PLAN to the database, or update the version there to it (one transaction:
    all or nothing; pushing an unchanged plan writes nothing).

    \b
    Example:
      NEO4J_PASSWORD=... actiongraph neo4j push examples/teaching.yaml --uri bolt://localhost:7687
    """
    loaded = load_plan(plan)
    with _store(uri, user, database) as store, busy(f"pushing {loaded.id}"):
        result = store.push(loaded, keep_versions=keep_versions)
        where = store.settings.where
    if not result.changed:
        click.echo(f"{loaded.id}: unchanged in {where}")
        return
    kept = f"; the previous version kept as version {result.kept}" if result.kept else ""
    click.echo(
        f"{loaded.id}: pushed to {where}: nodes {result.nodes_created} created, "
        f"{result.nodes_updated} updated, {result.nodes_deleted} deleted; relationships "
        f"{result.relationships_created} created, {result.relationships_deleted} deleted"
        f"{kept}"
    )


@neo4j.command()
@click.argument("area")
@FORMAT
@_connection
def versions(area: str, fmt: str, uri: str | None, user: str | None, database: str | None) -> None:
    """The versions of plan AREA kept in the database (`push --keep-versions`), oldest first,
    then the current one. Read one with neo4j://HOST/DB?plan=AREA&version=N as a PLAN.

    \b
    Example:
      actiongraph neo4j versions wirral
    """
    from dataclasses import asdict

    with _store(uri, user, database) as store:
        found = store.versions(area)
    if fmt == "json":
        click.echo(json.dumps([asdict(v) for v in found], indent=2, ensure_ascii=False))
        return
    for v in found:
        which = "current" if v.current else f"version {v.version}"
        click.echo(f"{which}\t{v.title}\t{v.actions} actions\tpushed {v.pushed or '?'}")


def _one_or_all(area: str | None, every: bool) -> None:
    if (area is None) == (not every):
        raise click.UsageError("give a plan id (AREA) or --all, not both")


@neo4j.command("coverage")
@click.argument("area", required=False)
@click.option("--all", "every", is_flag=True, help="Every plan in the database, one row each.")
@FORMAT
@_connection
def coverage_command(
    area: str | None,
    every: bool,
    fmt: str,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """The coverage of plan AREA, or of every plan (--all), answered by Cypher on the server.

    \b
    Examples:
      actiongraph neo4j coverage wirral
      actiongraph neo4j coverage --all
    """
    _one_or_all(area, every)
    with _store(uri, user, database) as store:
        if every:
            from actiongraph.render.across import coverage_across_document
            from queries.across import coverage_across

            echo(coverage_across(store), fmt, coverage_across_document)
            return
        from actiongraph.render.questions import coverage_document
        from queries.cypher import coverage_on_server

        echo(coverage_on_server(store, str(area)), fmt, coverage_document)


@neo4j.command("overload")
@click.argument("area", required=False)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every person and organisation with open actions, matched across all plans (by email, "
    "else name and organisation) and listed for you to confirm.",
)
@click.option(
    "--min-plans",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="With --all: only those found in at least this many plans.",
)
@CONFIG
@FORMAT
@_connection
def overload_command(
    area: str | None,
    every: bool,
    min_plans: int,
    config_path: Path | None,
    fmt: str,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """Who owns too much in plan AREA, or across every plan (--all), answered by the server.

    \b
    Examples:
      actiongraph neo4j overload wirral
      actiongraph neo4j overload --all --min-plans 2
    """
    _one_or_all(area, every)
    with _store(uri, user, database) as store:
        if every:
            from actiongraph.render.across import overload_across_document
            from queries.across import overload_across

            echo(overload_across(store, min_plans=min_plans), fmt, overload_across_document)
            return
        from actiongraph.render.questions import overload_document
        from queries.cypher import critical_path_on_server, overload_on_server

        rule = audit_settings(None, config_path, None).overload_rule()
        path = critical_path_on_server(store, str(area)).path
        report = overload_on_server(store, str(area), rule=rule, critical=path)
    echo(report, fmt, overload_document)


@neo4j.command("rules")
@click.argument("area", required=False)
@click.option("--all", "every", is_flag=True, help="Every plan in the database, one row each.")
@AS_OF
@FORMAT
@_connection
def rules_command(
    area: str | None,
    every: bool,
    as_of: date | None,
    fmt: str,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """The plan rules plan AREA breaks (no sponsor or lead, no owner, no due period, measures
    with no baseline or target, status problems; with --as-of the dated ones too), or how
    often every plan breaks each (--all), answered by Cypher on the server. Exit status 0:
    the answer is a report, not a gate (`neo4j audit` gates).

    \b
    Examples:
      actiongraph neo4j rules wirral --as-of 2025-03-01
      actiongraph neo4j rules --all
    """
    _one_or_all(area, every)
    when = as_of
    with _store(uri, user, database) as store:
        if every:
            from actiongraph.render.across import rules_across_document
            from queries.across import rules_across

            echo(rules_across(store, as_of=when), fmt, rules_across_document)
            return
        from actiongraph.render.questions import rules_document
        from queries.cypher import rules_on_server
        from queries.rules import PlanRules

        area = store.plan_id(str(area))
        found = PlanRules(area, when, rules_on_server(store, area, as_of=when))
    echo(found, fmt, rules_document)


@neo4j.command("chain")
@click.argument("area")
@click.argument("node", required=False)
@FORMAT
@_connection
def chain_command(
    area: str,
    node: str | None,
    fmt: str,
    uri: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """Who holds whom to account in plan AREA, answered by Cypher on the server: from NODE (an
    action, person, priority or board ref, kind:ref, or its name) up to the top board; without NODE,
    every priority's and board's chain, unreachable ones and reporting cycles.

    \b
    Examples:
      actiongraph neo4j chain wirral
      actiongraph neo4j chain exampleshire person:dcs
    """
    from actiongraph.render.questions import chain_document, governance_document
    from queries.cypher import chain_on_server, governance_on_server

    with _store(uri, user, database) as store:
        area = store.plan_id(area)
        if node is None:
            echo(governance_on_server(store, area), fmt, governance_document)
        else:
            echo(chain_on_server(store, area, node), fmt, chain_document)


QUERY_NAMES = (
    "people-in-several-plans",
    "organisations-in-most-plans",
    "unowned-open-actions",
    "actions-by-status",
)
"""The names of :data:`queries.across.QUERIES`, written out so that loading the CLI does not
import the queries (a test checks they agree)."""


@neo4j.command("query")
@click.argument("name", type=click.Choice(QUERY_NAMES))
@FORMAT
@_connection
def query_command(
    name: str, fmt: str, uri: str | None, user: str | None, database: str | None
) -> None:
    """Answer the cross-plan question NAME over every plan in the database (one Cypher
    statement on the server; the questions are listed in the README).

    \b
    Example:
      actiongraph neo4j query people-in-several-plans
    """
    from actiongraph.render.across import query_document
    from queries.across import run_query

    with _store(uri, user, database) as store:
        result = run_query(store, name)
    echo(result, fmt, query_document)


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
    as_of: date | None,
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
            report = audit_in_memory(graph, config=config, as_of=as_of)
        else:
            report = audit_on_server(store, area, config=config, as_of=as_of)
    echo(report, fmt, lambda r: audit_document(r, detail=detail or fmt == "md", full=fmt == "md"))
    sys.exit(0 if report.passed else 1)


@neo4j.command("list")
@FORMAT
@_connection
def list_plans(fmt: str, uri: str | None, user: str | None, database: str | None) -> None:
    """The plans in the database: id, area, findings, actions, title.

    \b
    Example:
      actiongraph neo4j list --uri neo4j://localhost:7687 --format json
    """
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
