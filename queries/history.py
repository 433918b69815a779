"""A plan's progress over its versions: the figures a board follows month after month.

:func:`plan_history` summarises each :class:`~queries.versions.PlanVersion` (oldest first):

* ``covered_percent`` -- coverage as :mod:`queries.coverage` defines it;
* ``open_actions`` -- actions neither complete nor cancelled (no status counts as open);
* ``overdue`` -- open actions whose due period ended before the version's date (None when
  the version has no date);
* ``statuses`` -- actions per normalised status, plus ``unknown`` (a status cell the scale
  cannot read) and ``none`` (no status);
* ``finish`` -- the projected finish of :mod:`queries.critical_path`;
* ``slipped`` -- actions and milestones whose due period ends later than in the version
  before (matched as :mod:`queries.changes` matches them, renames included);
* ``rules`` -- the status rules of :mod:`queries.rules` judged on the version's date,
  with the rules that compare it with the versions before it.

>>> from graphmodel import Plan
>>> from queries.versions import version_of
>>> def v(due, status, month):
...     return version_of(Plan.model_validate({"area": "X", "title": "T", "published": month,
...         "actions": [{"ref": "A", "text": "a", "due": due, "status": status}]}), month)
>>> h = plan_history([v("Jan-25", "On track", "Dec 2024"), v("Mar-25", "On track", "Feb 2025")])
>>> [(s.label, s.open_actions, s.slipped, [r.rule.value for r in s.rules]) for s in h.versions]
[('Dec 2024', 1, 0, []), ('Feb 2025', 1, 1, ['dates.moved_silently'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphmodel.schema import NodeKind
from graphmodel.serialise import JsonResult, json_meta
from graphmodel.statuses import Status
from queries.rules import RuleViolation, plan_rule_violations, version_rule_violations
from queries.versions import PlanVersion

__all__ = ["STATUS_RULES", "History", "VersionSummary", "plan_history"]

STATUS_RULES = frozenset(
    {
        "action.stale_status",
        "status.overdue_on_track",
        "status.complete_undated",
        "status.late_start",
        "status.unknown",
        "dates.moved_silently",
        "status.stuck",
    }
)
"""The rules about statuses and dates that a history follows."""

STATUS_KEYS = (*(s.value for s in Status), "unknown", "none")


@dataclass(frozen=True)
class VersionSummary(JsonResult):
    label: str
    when: date | None = field(metadata=json_meta(key="date"))
    published: str | None
    covered_percent: float | None
    findings: int
    actions: int
    open_actions: int
    overdue: int | None
    statuses: dict[str, int]
    finish: date | None
    slipped: int
    slipped_refs: list[str]
    rules: list[RuleViolation]

    @property
    def rag(self) -> dict[str, int]:
        """Actions per status, every key of :data:`STATUS_KEYS` (alias of ``statuses``)."""
        return self.statuses


@dataclass(frozen=True)
class History(JsonResult):
    title: str
    versions: list[VersionSummary]

    @property
    def rules(self) -> list[RuleViolation]:
        """The status rules broken by the newest version."""
        return self.versions[-1].rules if self.versions else []


def _summary(
    version: PlanVersion,
    before: Sequence[PlanVersion],
    steps: list[dict[str, str]],
    *,
    overload_rule: Any = None,
) -> VersionSummary:
    """One version's figures; ``steps`` holds the action matchings of the versions
    ``before`` it (each consecutive pair's), and this version's is added to it."""
    from graphmodel.graph import adjacency_memo, build_graph
    from queries.changes import compare
    from queries.coverage import coverage
    from queries.critical_path import critical_path, overdue
    from queries.links import is_open

    plan, when = version.plan, version.when
    graph = build_graph(plan)
    with adjacency_memo(graph):
        cov = coverage(graph)
        cp = critical_path(graph)
        late = overdue(graph, as_of=when) if when is not None else None
        rules = [r for r in plan_rule_violations(graph, as_of=when) if r.rule.value in STATUS_RULES]
        actions = [n for n, d in graph.nodes(data=True) if d["kind"] is NodeKind.ACTION]
        open_actions = sum(is_open(graph, a) for a in actions)
    statuses = dict.fromkeys(STATUS_KEYS, 0)
    for a in plan.actions:
        reading = plan.read_status(a.status)
        key = "none" if reading is None else (reading.value.value if reading.value else "unknown")
        if reading is not None and reading.value is None and reading.date is not None:
            key = "none"  # a cell that only gives a date says nothing of progress
        statuses[key] += 1
    slipped: list[str] = []
    if before:
        changes = compare(before[-1].plan, plan)
        slipped = [m.ref for m in changes.moved_later]
        steps.append(changes.pairs[NodeKind.ACTION])
        rules += version_rule_violations([*before, version], as_of=when, steps=steps)
    return VersionSummary(
        label=version.label,
        when=when,
        published=plan.published.text if plan.published is not None else None,
        covered_percent=cov.covered_percent,
        findings=len(cov.findings),
        actions=len(actions),
        open_actions=open_actions,
        overdue=len(late.overdue) if late is not None else None,
        statuses=statuses,
        finish=cp.finish,
        slipped=len(slipped),
        slipped_refs=slipped,
        rules=rules,
    )


def plan_history(versions: Sequence[PlanVersion]) -> History:
    """The figures of each version (oldest first), as the module docstring defines them."""
    steps: list[dict[str, str]] = []  # each version matched with the one before, once
    summaries = [_summary(v, versions[:i], steps) for i, v in enumerate(versions)]
    title = versions[-1].plan.title if versions else ""
    area = versions[-1].plan.area if versions else ""
    return History(f"{area}: {title}" if area else title, summaries)
