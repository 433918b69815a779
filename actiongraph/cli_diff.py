"""The board cycle: ``actiongraph diff`` (what changed since the last version) and
``actiongraph history`` (progress over every version)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from actiongraph.common import (
    CONFIG,
    PLAN,
    QUIET,
    REDACT,
    OutputFormat,
    format_option,
    load_plan,
    redaction_of_versions,
    settings,
    warn_if_areas_differ,
    wrote,
)

TEXT_JSON_MD = format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MD, color=False)


def _checks(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> Any:
    from queries.diff import parse_diff_checks

    try:
        return parse_diff_checks(value)
    except ValueError as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


def _warn_if_swapped(old: Path, before: Any, new: Path, after: Any) -> None:
    """Say on standard error when OLD says it was published after NEW: every change would
    be read backwards (a deadline brought forward shown as moved later)."""
    from queries.versions import in_date_order, version_of

    if in_date_order([version_of(before, str(old)), version_of(after, str(new))]) is not None:
        click.echo(
            f"warning: OLD {old} was published {before.published} and NEW {new} "
            f"{after.published}: the changes are read from OLD to NEW; swap them if OLD is "
            "the newer",
            err=True,
        )


@click.command()
@click.argument("old", type=PLAN)
@click.argument("new", type=PLAN)
@click.option(
    "--fail-on",
    "checks",
    metavar="CHECKS",
    multiple=True,
    callback=_checks,
    help="Exit 1 when a check finds something: moved-later (a due period now ends later or "
    "no longer ends, or the projected finish is later), coverage-down (the covered share "
    "fell, or a finding is covered less well). Repeatable; comma lists add up.",
)
@CONFIG
@REDACT
@TEXT_JSON_MD
def diff(
    old: Path, new: Path, checks: Any, config_path: Path | None, redact: bool, fmt: str
) -> None:
    """What changed from OLD to NEW (two versions of one plan, in any formats), and what the
    change does to coverage, the finish date, overload and reporting.

    Entities are matched by ref; one whose ref changed but whose text is nearly the same is
    renamed, not removed and added. Exit status 0, 1 when a --fail-on check finds
    something, 2 for bad input.

    \b
    Examples:
      actiongraph diff examples/teaching.yaml examples/teaching-2025-07.yaml
      actiongraph diff last-month.xlsx plan.yaml --format json --fail-on moved-later
      actiongraph diff last-month.xlsx plan.yaml --format md --redact > changes.md
    """
    from actiongraph.render import render
    from actiongraph.render.diff import diff_document
    from queries.diff import diff_failures, plan_diff

    rule = settings(new, config_path).overload_rule()
    before, after = load_plan(old), load_plan(new)
    warn_if_areas_differ([(str(old), before), (str(new), after)])
    _warn_if_swapped(old, before, new, after)
    if redact:  # one redaction for both: an owner who stayed is not shown as changed
        red = redaction_of_versions([before, after])
        before, after = red.of(before), red.of(after)
    result = plan_diff(before, after, overload_rule=rule)
    failures = diff_failures(result, checks)
    click.echo(render(result, fmt, lambda d: diff_document(d, failures)), nl=False)
    for check, refs in failures.items():
        if fmt == "json":  # the document's footer says it in the other formats
            click.echo(f"FAILED {check.value}: {', '.join(refs)}", err=True)
    sys.exit(1 if failures else 0)


@click.command()
@click.argument("plans", nargs=-1, type=PLAN)
@click.option(
    "--git",
    "git_specs",
    metavar="REPO:PATH",
    multiple=True,
    help="Every committed version of the plan at PATH (from the repository's top folder) in "
    "the git repository REPO, oldest first, dated by commit; before any PLANS.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Also write the trends as one self-contained HTML page (works offline); - writes "
    "the page alone to standard output, instead of the --format document.",
)
@REDACT
@QUIET
@TEXT_JSON_MD
def history(
    plans: tuple[Path, ...],
    git_specs: tuple[str, ...],
    output: Path | None,
    redact: bool,
    fmt: str,
) -> None:
    """Progress over versions of one plan: coverage, open and overdue actions, statuses,
    finish date, deadlines slipped since the version before, and statuses that need a second
    look, for each version in the order given (oldest first).

    A version's date is its commit's (with --git), else when the plan says it was published;
    what is overdue is judged on that date. PLANS that all say when they were published but
    were not given oldest first are read in that order, with a warning.

    \b
    Examples:
      actiongraph history examples/teaching.yaml examples/teaching-2025-07.yaml -o history.html
      actiongraph history --git .:plans/plan.yaml
    """
    from actiongraph.render import render
    from actiongraph.render.diff import history_document
    from graphmodel.errors import UsageError
    from queries.history import plan_history
    from queries.versions import PlanVersion, in_date_order, version_of

    versions: list[PlanVersion] = []
    if git_specs:
        from loaders.git import git_versions, parse_git_spec

        for spec in git_specs:
            repo, path = parse_git_spec(spec)
            versions += [PlanVersion(g.label, g.plan, g.when) for g in git_versions(repo, path)]
    names = [p.name for p in plans]
    unique = len(set(names)) == len(names)
    files = [version_of(load_plan(p), p.name if unique else str(p)) for p in plans]
    ordered = in_date_order(files)  # a shell glob sorts 'plan Apr.yaml' before 'plan Jan.yaml'
    versions += files if ordered is None else ordered
    if not versions:
        raise UsageError("give the versions: PLAN files, oldest first, or --git REPO:PATH")
    if redact:  # one redaction for all: each person is called the same in every version
        red = redaction_of_versions([v.plan for v in versions])
        versions = [PlanVersion(red.hide(v.label), red.of(v.plan), v.when) for v in versions]
    if ordered is not None:  # labels name no one now
        said = ", ".join(f"{v.label} ({v.when})" for v in versions[-len(files) :])
        click.echo(
            "warning: the plans were not given oldest first; read in the order they say they "
            f"were published: {said}",
            err=True,
        )
    warn_if_areas_differ([(v.label, v.plan) for v in versions])
    page_only = output is not None and str(output) == "-"  # one document on standard output
    if output is not None and not page_only:
        from loaders.base import check_writable

        check_writable(output)
    result = plan_history(versions)
    if not page_only:
        click.echo(render(result, fmt, history_document), nl=False)
    if output is not None:
        from loaders.base import atomic_write_bytes
        from visualise.history import history_page

        atomic_write_bytes(output, history_page(result).encode("utf-8"))
        wrote(output)
