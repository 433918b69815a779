"""The gates over many plans (`audit`, `validate`): each plan is loaded and judged on its own,
a plan that cannot be read is reported with its message while the others are still judged,
and the exit status is the worst of them (2 bad input > 1 audit failed > 0)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from actiongraph.common import (
    EXIT_BAD_INPUT,
    audit_settings,
    load_with_warnings,
    progress,
    read_input,
)
from graphmodel.errors import ActiongraphError, PlanError, Problem
from graphmodel.problems import problem, without


@dataclass
class Audited:
    """One plan's audit, or why it could not be audited."""

    path: str
    report: Any = None
    """The :class:`~queries.audit.AuditReport`, or None when the plan could not be audited."""
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)
    places: dict[Any, Any] = field(default_factory=dict)

    @property
    def status(self) -> int:
        if self.report is None:
            return EXIT_BAD_INPUT
        return 0 if self.report.passed else 1

    def error_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": self.error,
            "problems": [p.to_dict() for p in self.problems],
        }


def _why(path: Path, error: BaseException) -> tuple[str, list[Problem]]:
    if isinstance(error, PlanError):
        return f"the plan has {len(error.problems)} problem(s):", list(error.problems)
    if isinstance(error, OSError):
        return f"{error.filename or path}: {error.strerror or error}", []
    return str(error), []


def audit_plan(
    path: Path,
    *,
    config_path: Path | None,
    fail_on: Any,
    as_of: date | None,
    redact: bool,
    with_places: bool = False,
    previous: Sequence[Any] = (),
    ignore: frozenset[str] = frozenset(),
) -> Audited:
    """The audit of one plan, or the reason there is none (never raises for bad input).
    ``previous`` are earlier versions (not redacted: with ``redact``, they are redacted
    alike with the plan, so each person is called the same in all).

    Problems and rule violations whose code is in ``ignore`` are left out, of the report
    and of the verdict."""
    from graphmodel.graph import build_graph
    from graphmodel.problems import RULE_CODES
    from queries.audit import audit

    try:
        config = audit_settings(path, config_path, fail_on)
        if skip := ignore & RULE_CODES.keys():
            config = replace(config, skip_rules=config.skip_rules | skip)
        earlier = [v.plan for v in previous]
        loaded = load_with_warnings(path, redact=redact, ignore=ignore, versions=earlier)
        if loaded.redaction is not None:  # the earlier versions redacted as the plan is
            red = loaded.redaction
            previous = [replace(v, label=red.hide(v.label), plan=red.of(v.plan)) for v in previous]
        report = audit(
            build_graph(loaded.plan),
            config=config,
            as_of=as_of,
            load_problems=loaded.warnings,
            previous=previous,
        )
    except (ActiongraphError, OSError) as e:
        message, problems = _why(path, e)
        return Audited(str(path), error=message, problems=problems)
    places: dict[Any, Any] = {}
    if with_places:
        from actiongraph.render.github import places_of

        places = places_of(loaded.result)
    return Audited(str(path), report, places=places)


def report_error(outcome: Audited, *, several: bool) -> None:
    """What went wrong with one plan, on standard error, as the single-plan commands say it
    (naming the plan first when there are several)."""
    from actiongraph.render.validate import problems_text

    named = (outcome.error or "").startswith(outcome.path)
    where = f"{outcome.path}: " if several and not named else ""
    click.echo(f"Error: {where}{outcome.error}", err=True)
    if outcome.problems:
        click.echo(problems_text(outcome.problems), err=True, nl=False)


def audits_json(outcomes: list[Audited]) -> str:
    """One plan: its audit JSON. Several: a list, each with its ``path``; a plan that could
    not be audited is ``{"path", "error", "problems"}``."""
    if len(outcomes) == 1 and outcomes[0].report is not None:
        data: Any = outcomes[0].report.to_dict()
    else:
        data = [
            {"path": o.path, **o.report.to_dict()} if o.report is not None else o.error_dict()
            for o in outcomes
        ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def tally(outcomes: list[Audited]) -> str:
    """``3 plans: 1 passed, 1 failed, 1 not audited (missing.yaml)``."""
    passed = sum(o.status == 0 for o in outcomes)
    failed = sum(o.status == 1 for o in outcomes)
    bad = [o.path for o in outcomes if o.report is None]
    text = f"{len(outcomes)} plans: {passed} passed, {failed} failed"
    if bad:
        text += f", {len(bad)} not audited ({', '.join(bad)})"
    return text + "\n"


def unreadable_check(path: Path, error: BaseException, strict: bool) -> Any:
    """A :class:`~loaders.check.PlanCheck` for a plan that cannot be opened at all."""
    from loaders.check import PlanCheck

    message = str(error) if not isinstance(error, OSError) else (error.strerror or str(error))
    message = message.removeprefix(f"{path}: ")
    code = "file.missing" if str(path) != "-" and not path.exists() else "file.unreadable"
    return PlanCheck(str(path), problems=[problem(code, message, file=str(path))], strict=strict)


def check_plans(
    plans: tuple[Path, ...], strict: bool, ignore: frozenset[str] = frozenset()
) -> list[Any]:
    """``validate`` of every plan: among several, a missing or unreadable one is a failed
    check, not an abort. Problems with an ``ignore`` code are left out of each check (and
    so of its verdict), unless they leave no plan to check."""
    from loaders.check import check_plan_file

    def check(path: Path) -> Any:
        result = read_input(path)
        if ignore and result.plan is not None:
            result = replace(result, problems=without(result.problems, ignore))
        found = check_plan_file(path, strict=strict, result=result)
        if ignore and result.plan is not None:  # and those building its graph found
            found.problems = without(found.problems, ignore)
        return found

    if len(plans) == 1:  # one plan that cannot be opened: one line, exit 2
        return [check(plans[0])]
    checks = []
    for path in progress(plans, "validating"):
        try:
            checks.append(check(path))
        except (ActiongraphError, OSError) as e:
            checks.append(unreadable_check(path, e, strict))
    return checks
