"""The click command line. Each command parses options, calls one library function and hands
the typed result to a renderer; library errors become one message and exit status 2."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from actiongraph.common import (
    AS_OF,
    CONFIG,
    DAY,
    DETAIL,
    EXIT_BAD_INPUT,
    FAIL_ON,
    FORMAT,
    GATE_FORMAT,
    IGNORE,
    INPUT_FORMAT,
    PLAN,
    PLAN_FORMAT,
    PLAN_OUTPUT,
    QUIET,
    REDACT,
    Group,
    OutputFormat,
    echo,
    is_tracker,
    load_graph,
    load_graph_at,
    load_plan,
    load_with_warnings,
    progress,
    refuse_binary_to_terminal,
    refuse_losing_sheets,
    settings,
    use_color,
    write_tracker,
    wrote,
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actiongraph")
def cli() -> None:
    """actiongraph: an inspection improvement plan as a graph, and its audit.

    PLAN arguments are YAML, JSON, an .xlsx workbook or a folder of CSV files, chosen by
    suffix, or - for standard input (--input-format when its content cannot tell). -o - writes
    to standard output. Exit status: 0 ok, 1 audit failed, 2 bad input or usage (with
    several plans, the worst of them).
    """


@cli.command()
@click.argument("plans", nargs=-1, type=PLAN)
@INPUT_FORMAT
@GATE_FORMAT
@QUIET
@click.option(
    "--strict", is_flag=True, help="Count warnings as errors (for a gate before submission)."
)
@click.option(
    "--list-codes",
    is_flag=True,
    help="List every problem code and audit rule code with its severity, meaning and fix, "
    "and exit.",
)
@IGNORE
def validate(
    plans: tuple[Path, ...],
    fmt: OutputFormat,
    strict: bool,
    list_codes: bool,
    ignore: frozenset[str],
) -> None:
    """Check PLANS: counts of every node and edge kind, every problem, then a verdict.

    Each plan is checked on its own: a missing or unreadable one is reported and the others
    are still checked. Exits 0 when every plan is valid (warnings allowed), 2 when any has
    errors. --format github writes GitHub Actions annotations at the problems' lines.
    --ignore CODE leaves out the problems with that code (validate --list-codes lists them).

    \b
    Example:
      actiongraph validate examples/teaching.yaml
      actiongraph validate plans/*.yaml --format github
    """
    from actiongraph.gate import check_plans
    from actiongraph.render.validate import CODES_RENDERERS, VALIDATE_RENDERERS

    if list_codes:
        from graphmodel.problems import CODES

        if plans:  # a plan named too would be silently left unchecked
            raise click.UsageError("--list-codes lists the codes and checks no plan: drop PLANS")

        click.echo(CODES_RENDERERS.get(fmt, CODES_RENDERERS["text"])(CODES), nl=False)
        return
    if not plans:
        raise click.UsageError("Missing argument 'PLANS...'.")
    checks = check_plans(plans, strict, ignore)
    click.echo(VALIDATE_RENDERERS[fmt](checks), nl=False)
    sys.exit(0 if all(r.ok for r in checks) else EXIT_BAD_INPUT)


_SCHEMA_DOCUMENTS = ("plan", "audit", "diff")


@cli.command()
@click.argument("document", type=click.Choice(_SCHEMA_DOCUMENTS), default="plan", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    default=None,
    help="Write the schema to this file (replaced atomically) instead of standard output; "
    "`--output audit` (or `diff`, `plan`) names the document instead, as the issue tracker "
    "and older scripts write it (to write a file called audit, give ./audit).",
)
@QUIET
def schema(document: str, output: str | None) -> None:
    """Print the JSON Schema of the canonical plan format (YAML or JSON), or with DOCUMENT
    `audit` or `diff` of the JSON that `audit --format json` or `diff --format json` writes.

    Point your editor at the plan schema to validate plans as you type; with the YAML
    extension of VS Code put `# yaml-language-server: $schema=plan.schema.json` on the first
    line of a plan. docs/contracts.md describes the three documents.

    \b
    Example:
      actiongraph schema -o plan.schema.json
      actiongraph schema audit -o audit.schema.json
      actiongraph schema --output diff
    """
    from loaders.base import atomic_write_bytes

    if output in _SCHEMA_DOCUMENTS:  # `--output audit`: the document, not a file
        if document not in ("plan", output):
            raise click.UsageError(f"two documents asked for: {document} and {output}")
        document, output = output, None

    if document == "audit":
        from queries.audit import audit_json_schema as schema_of
    elif document == "diff":
        from queries.diff import diff_json_schema as schema_of
    else:
        from graphmodel.model import plan_json_schema as schema_of

    text = json.dumps(schema_of(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_bytes(Path(output), text.encode("utf-8"))
        wrote(Path(output))


@cli.command()
@click.argument("plan", type=PLAN)
@INPUT_FORMAT
@PLAN_FORMAT
@PLAN_OUTPUT
@REDACT
@click.option(
    "--as-of",
    "as_of",
    type=DAY,
    metavar="DATE",
    help="The date of the audit sheets of an xlsx tracker (YYYY-MM-DD; default: today).",
)
@click.option("--no-audit", is_flag=True, help="An xlsx tracker without the audit sheets.")
@CONFIG
@QUIET
def export(
    plan: Path,
    to: str | None,
    output: Path,
    redact: bool,
    as_of: date | None,
    no_audit: bool,
    config_path: Path | None,
) -> None:
    """Write PLAN in another format: yaml, json, xlsx, csv (a folder) or graphml.

    xlsx is a tracker: filters, drop-downs, RAG colours and past-due dates on the plan
    sheets, and the audit (coverage, overload, critical path, needs attention) in read-only
    sheets beside them, which reading ignores. The plan must load without errors. An
    existing OUT is replaced atomically: an interrupted export never leaves half a file;
    through a symbolic link its target is replaced and the link kept; a device or FIFO is
    written directly. -o - writes to standard output (YAML unless --to says; a workbook only
    when redirected).

    \b
    Example:
      actiongraph export examples/teaching.yaml --to xlsx -o teaching.xlsx
      actiongraph export examples/teaching.yaml --to json -o - | jq .actions
    """
    from loaders.base import write_plan

    refuse_binary_to_terminal(output, to == "xlsx")
    read = load_with_warnings(plan, redact=redact)
    refuse_losing_sheets(plan, output, read.warnings)
    loaded = read.plan
    if is_tracker(output, to) and not no_audit:
        day = as_of or date.today()
        wrote(write_tracker(loaded, output, as_of=day, config=settings(plan, config_path)))
    else:
        wrote(write_plan(loaded, output, to))


# --- the four questions and the audit ------------------------------------------------------


STATED_ONLY = click.option(
    "--stated-only",
    is_flag=True,
    help="Leave out the links a transcriber or the importer inferred (basis: inferred).",
)


@cli.command()
@click.argument("plan", type=PLAN)
@STATED_ONLY
@INPUT_FORMAT
@REDACT
@FORMAT
def coverage(plan: Path, stated_only: bool, redact: bool, fmt: OutputFormat) -> None:
    """Is every finding covered by actions with an owner, a due period and a measure?

    For each finding: covered, partial (and what is missing) or uncovered, the actions
    behind it and whether they link directly, through their objective or their priority;
    then coverage per priority, scope drift and measures with no baseline or target.
    Findings handled by another plan and findings derived by the transcriber are shown
    apart and not counted. --stated-only counts only the links the document states.

    \b
    Example:
      actiongraph coverage examples/teaching.yaml --format md
      actiongraph coverage examples/cheshire-east.yaml --stated-only
    """
    from actiongraph.render.questions import coverage_document
    from queries.coverage import coverage as coverage_of

    report = coverage_of(load_graph(plan, redact=redact), stated_only=stated_only)
    echo(report, fmt, lambda r: coverage_document(r, full=fmt == "md"))


@cli.command("critical-path")
@click.argument("plan", type=PLAN)
@INPUT_FORMAT
@click.option("--to", "to", metavar="FINDING", help="Only what decides when this finding is done.")
@click.option(
    "--as-of",
    "as_of",
    type=DAY,
    metavar="DATE",
    help="Open actions past due on DATE (YYYY-MM-DD) and what they hold up.",
)
@click.option(
    "--slip",
    "slips",
    metavar="REF=3m",
    multiple=True,
    help="What moves if REF slips (m, w, d); repeatable.",
)
@STATED_ONLY
@REDACT
@FORMAT
def critical_path(
    plan: Path,
    to: str | None,
    as_of: date | None,
    slips: tuple[str, ...],
    stated_only: bool,
    redact: bool,
    fmt: OutputFormat,
) -> None:
    """The chain of dependent actions that finishes last, slack, date conflicts and cycles.

    Steps resting on a dependency a reader inferred rather than the document stated are
    marked (⇢ and "inferred"); --stated-only leaves inferred dependencies out.

    \b
    Examples:
      actiongraph critical-path examples/teaching.yaml
      actiongraph critical-path examples/teaching.yaml --to AFI-3 --as-of 2025-03-01
      actiongraph critical-path examples/teaching.yaml --slip 3.2=3m
    """
    from actiongraph.render.questions import ScheduleView, schedule_document
    from queries.critical_path import critical_path as path_of
    from queries.critical_path import overdue, parse_slip, slip_impact

    graph = load_graph(plan, redact=redact)
    when = as_of
    view = ScheduleView(
        path_of(graph, to=to, stated_only=stated_only),
        overdue(graph, as_of=when) if when is not None else None,
        slip_impact(graph, slips=dict(parse_slip(s) for s in slips)) if slips else None,
    )
    echo(view, fmt, lambda v: schedule_document(v, full=fmt == "md"))


@cli.command()
@click.argument("plan", type=PLAN)
@INPUT_FORMAT
@CONFIG
@REDACT
@FORMAT
def overload(plan: Path, config_path: Path | None, redact: bool, fmt: OutputFormat) -> None:
    """Who owns too much, who is the only owner of a finding, and the balance of partners.

    \b
    Example:
      actiongraph overload examples/teaching.yaml
    """
    from actiongraph.render.questions import overload_document
    from queries.critical_path import critical_path as path_of
    from queries.overload import overload as overload_of

    graph = load_graph(plan, redact=redact)
    rule = settings(plan, config_path).overload_rule()
    echo(overload_of(graph, rule=rule, critical=path_of(graph).path), fmt, overload_document)


@cli.command()
@click.argument("plan", type=PLAN)
@click.argument("node", required=False)
@INPUT_FORMAT
@REDACT
@FORMAT
def chain(plan: Path, node: str | None, redact: bool, fmt: OutputFormat) -> None:
    """Who holds whom to account: from NODE (an action, person, priority or board ref, or
    kind:ref, or what it is called: a name, title, post or alias) up to the top board, with
    chairs and meeting cadence. Without NODE, every priority's and board's chain, unreachable
    ones and reporting cycles.

    \b
    Examples:
      actiongraph chain examples/teaching.yaml 3.4
      actiongraph chain examples/teaching.yaml person:dcs
      actiongraph chain examples/teaching.yaml "SEND Partnership Board"
      actiongraph chain examples/teaching.yaml
    """
    from actiongraph.render.questions import chain_document, governance_document
    from queries.reporting import chain as chain_of
    from queries.reporting import governance

    graph, node = load_graph_at(plan, node, redact=redact)
    if node is None:
        echo(governance(graph), fmt, governance_document)
    else:
        echo(chain_of(graph, node), fmt, chain_document)


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=PLAN)
@INPUT_FORMAT
@FAIL_ON
@CONFIG
@AS_OF
@click.option(
    "--previous",
    "previous",
    metavar="PLAN",
    type=PLAN,
    multiple=True,
    help="An earlier version of the plan (repeatable, oldest first): adds the rules that "
    "compare versions, dates.moved_silently and status.stuck.",
)
@IGNORE
@DETAIL
@REDACT
@GATE_FORMAT
@QUIET
def audit(
    plans: tuple[Path, ...],
    fail_on: frozenset[object] | None,
    ignore: frozenset[str],
    config_path: Path | None,
    as_of: date | None,
    previous: tuple[Path, ...],
    detail: bool,
    redact: bool,
    fmt: OutputFormat,
) -> None:
    """All four questions, the plan rules and what loading warned about (names created,
    statuses and dates not read), then a verdict: the gate before submission.

    Exit status 0 when every audit passes, 1 when a --fail-on check finds something, 2 for
    bad input; with several PLANS each is audited on its own (one that cannot be read is
    reported and the others still audited) and the status is the worst. --fail-on takes
    comma lists and may be repeated; they add up. The default gate is uncovered,empty,cycle.
    --format json gives the audit JSON contract other tools parse (a list when several
    PLANS are given); github gives GitHub Actions annotations at the plan's lines.
    --ignore CODE leaves out the load problems and rule violations with that code.

    \b
    Examples:
      actiongraph audit examples/teaching.yaml
      actiongraph audit examples/teaching.yaml --fail-on uncovered,partial --fail-on rules
      actiongraph audit plans/*.yaml --format github --as-of 2025-06-01
    """
    from actiongraph.gate import audit_plan, audits_json, report_error, tally
    from actiongraph.render import render
    from actiongraph.render.github import audit_github, problem_annotation
    from actiongraph.render.questions import audit_document
    from queries.versions import label_of, version_of

    when = as_of
    earlier = []
    for old in previous:
        before = load_plan(old)  # redacted with each plan audited, alike (see audit_plan)
        earlier.append(version_of(before, label_of(before, str(old))))
    outcomes = [
        audit_plan(
            plan,
            config_path=config_path,
            fail_on=fail_on,
            as_of=when,
            redact=redact,
            with_places=fmt == "github",
            previous=earlier,
            ignore=ignore,
        )
        for plan in progress(plans, "auditing")
    ]
    color = use_color()
    for i, outcome in enumerate(outcomes):
        report = outcome.report
        if report is None:
            if fmt == "github":
                click.echo(f"::error file={outcome.path}::{outcome.error}")
                for p in outcome.problems:
                    click.echo(problem_annotation(p))
            elif fmt != "json" or len(outcomes) == 1:
                report_error(outcome, several=len(outcomes) > 1)
        elif fmt == "github":
            click.echo(audit_github(report, outcome.path, outcome.places), nl=False)
        elif fmt != "json":
            doc = lambda r: audit_document(r, detail=detail or fmt == "md", full=fmt == "md")  # noqa: E731
            if len(outcomes) > 1 and i:
                click.echo()
            click.echo(render(report, fmt, doc, color=color), nl=False, color=color)
    if fmt == "json" and (len(outcomes) > 1 or outcomes[0].report is not None):
        click.echo(audits_json(outcomes), nl=False)
    if len(outcomes) > 1 and fmt in ("text", "md"):
        click.echo()
        click.echo(tally(outcomes), nl=False)
    sys.exit(max(o.status for o in outcomes))


# Command families in their own modules (each imports only click until it runs).
from actiongraph.cli_diff import diff, history  # noqa: E402
from actiongraph.cli_import import import_  # noqa: E402
from actiongraph.cli_neo4j import neo4j  # noqa: E402
from actiongraph.cli_viz import report, viz  # noqa: E402

for command in (viz, report, import_, neo4j, diff, history):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="actiongraph")
