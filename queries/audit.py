"""The audit before submission: the four questions, the plan rules, and a verdict.

The audit **fails** when any check named in ``config.fail_on`` finds something (by default
``uncovered``, ``empty`` and ``cycle``). Coverage statuses are defined in :mod:`queries.coverage`:

============  ================================================================
check         fails when
============  ================================================================
uncovered     nothing reaches a finding (not a strength): no action that is not cancelled
              addresses it or any of its child findings
partial       no addressing action of a finding has an owner, a due period and a measure
overload      a person or post is flagged by the overload rule
conflict      an action is due in a period before one of its prerequisites, or is written to
              start before that prerequisite is due (periods compared at their precision)
cycle         actions depend on each other, or boards report to each other, in a circle
unreachable   a priority or board reaches no top board
rules         any plan rule is broken (see :mod:`queries.rules`)
warnings      loading the plan gave a warning: a name no list gives was created, a status
              or a date could not be read (``load_problems``)
empty         the plan has no findings (strengths do not count) or no actions
============  ================================================================

:meth:`AuditReport.to_dict` is the JSON contract of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import networkx as nx

from graphmodel.collector import gc_paused
from graphmodel.errors import Problem
from graphmodel.graph import adjacency_memo, nodes_of, resolve_plan
from graphmodel.model import FindingKind
from graphmodel.schema import NodeKind
from graphmodel.serialise import JsonResult, json_meta, json_schema
from queries.config import AuditConfig, FailOn
from queries.coverage import CoverageReport, CoverageStatus, coverage
from queries.critical_path import CriticalPath, Overdue, critical_path, overdue
from queries.overload import OverloadReport, overload
from queries.reporting import Governance, governance
from queries.rules import RuleViolation, plan_rule_violations, version_rule_violations
from queries.versions import PlanVersion

__all__ = ["AuditReport", "Failure", "audit", "audit_json_schema"]


@dataclass(frozen=True)
class Failure(JsonResult):
    """One check that failed the audit, how many things it found and which."""

    check: FailOn
    count: int
    refs: list[str]


def _config_source(config: AuditConfig) -> str | None:
    """Where the settings came from (a file), None for the defaults."""
    return config.source


@dataclass(frozen=True)
class AuditReport(JsonResult):
    """The audit of one plan; :meth:`to_dict` is the audit JSON of DESIGN.md (its keys keep
    their meaning; more may be added): the plan's counts under ``plan``, each answer, the
    rules, and the ``verdict`` (``passed``, ``fail_on``, ``failures``, ``config``)."""

    JSON_ORDER = (
        *("plan", "area", "title", "findings", "strengths", "actions", "people"),
        *("coverage", "critical_path", "overload", "reporting", "rules", "overdue", "as_of"),
        *("load_problems", "passed", "fail_on", "failures", "config"),
    )
    JSON_KEYS: ClassVar[dict[str, str]] = {"passed": "verdict.passed", "fail_on": "verdict.fail_on"}

    plan: str = field(metadata=json_meta(key="plan.id"))
    area: str = field(metadata=json_meta(key="plan.area"))
    title: str = field(metadata=json_meta(key="plan.title"))
    findings: int = field(metadata=json_meta(key="plan.findings"))
    strengths: int = field(metadata=json_meta(key="plan.strengths"))
    actions: int = field(metadata=json_meta(key="plan.actions"))
    people: int = field(metadata=json_meta(key="plan.people"))
    coverage: CoverageReport
    critical_path: CriticalPath
    overload: OverloadReport
    reporting: Governance
    rules: list[RuleViolation]
    overdue: Overdue | None
    config: AuditConfig = field(metadata=json_meta(key="verdict.config", encode=_config_source))
    failures: list[Failure] = field(metadata=json_meta(key="verdict.failures"))
    as_of: date | None
    load_problems: list[Problem] = field(default_factory=list)
    """What loading the plan warned about (names created, statuses and dates not read)."""

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def fail_on(self) -> list[str]:
        """The checks that fail the audit, by name in alphabetical order."""
        return sorted(c.value for c in self.config.fail_on)


def _failures(
    fail_on: frozenset[FailOn],
    cov: CoverageReport,
    cp: CriticalPath,
    ov: OverloadReport,
    gov: Governance,
    rules: list[RuleViolation],
    counts: tuple[int, int],
    load_problems: list[Problem],
) -> list[Failure]:
    findings, actions = counts
    found = {
        FailOn.UNCOVERED: [f.ref for f in cov.findings if f.status is CoverageStatus.UNCOVERED],
        FailOn.PARTIAL: [f.ref for f in cov.findings if f.status is CoverageStatus.PARTIAL],
        FailOn.OVERLOAD: [
            o.ref for o in (*ov.people, *ov.organisations, *ov.boards) if o.overloaded
        ],
        FailOn.CONFLICT: [c.action for c in cp.date_conflicts],
        FailOn.CYCLE: [ref for cycle in (*cp.cycles, *gov.cycles) for ref in cycle],
        FailOn.UNREACHABLE: list(gov.unreachable),
        FailOn.RULES: [v.ref for v in rules],
        FailOn.WARNINGS: [_problem_ref(p) for p in load_problems],
        FailOn.EMPTY: [
            what for what, n in (("no findings", findings), ("no actions", actions)) if not n
        ],
    }
    return [
        Failure(check, len(refs), refs)
        for check, refs in found.items()
        if check in fail_on and refs
    ]


def _problem_ref(problem: Problem) -> str:
    """A load problem as a short ref: ``name.created@plan.yaml:12:5`` or
    ``name.created@plan.xlsx[Actions:4:owners]``."""
    place = problem.place
    where = problem.file or "<plan>"
    if place.sheet is not None:
        cell = ":".join(str(x) for x in (place.sheet, place.row, place.cell_column) if x)
        where += f"[{cell}]"
    elif place.line is not None:
        where += f":{place}"
    return f"{problem.code}@{where}"


def audit(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    config: AuditConfig | None = None,
    as_of: date | None = None,
    previous: Sequence[PlanVersion] = (),
    load_problems: list[Problem] | None = None,
) -> AuditReport:
    """Run every question and rule on one plan of ``graph`` and decide pass or fail.

    ``as_of`` (a date) adds overdue actions and what they hold up, and the rule against
    actions still rated on track after their due period. ``previous`` (earlier versions of
    the plan, oldest first) adds the rules that compare versions (``dates.moved_silently``,
    ``status.stuck``; see :mod:`queries.rules`). ``load_problems`` are the warnings loading
    the plan gave (see :func:`loaders.base.read_plan`): they are reported with the audit and
    fail the ``warnings`` check. Raises
    :class:`~queries.config.ConfigError` for overload thresholds that cannot be used.
    """
    plan = resolve_plan(graph, plan)
    config = config or AuditConfig()
    rule = config.overload_rule()
    # the collector paused only for a program that owns its process (graphmodel.collector):
    # an audit allocates tens of thousands of objects and frees them by reference counting
    with gc_paused(), adjacency_memo(graph):
        cov = coverage(graph, plan)
        cp = critical_path(graph, plan)
        ov = overload(graph, plan, rule=rule, critical=cp.path)
        gov = governance(graph, plan)
        rules = plan_rule_violations(graph, plan, as_of=as_of, skip=config.skip_rules)
        late = overdue(graph, plan, as_of=as_of) if as_of is not None else None
    if previous:
        from graphmodel.graph import plan_from_graph
        from queries.versions import label_of, version_of

        current = plan_from_graph(graph, plan)
        now = version_of(current, label_of(current, "this version"))
        rules += version_rule_violations([*previous, now], as_of=as_of, skip=config.skip_rules)
    plan_node = graph.nodes[nodes_of(graph, NodeKind.PLAN, plan)[0]]
    findings = nodes_of(graph, NodeKind.FINDING, plan)
    strengths = sum(graph.nodes[f]["finding_kind"] is FindingKind.STRENGTH for f in findings)
    actions = len(nodes_of(graph, NodeKind.ACTION, plan))
    problems = list(load_problems or [])
    return AuditReport(
        plan=plan,
        area=plan_node["area"],
        title=plan_node["title"],
        findings=len(findings) - strengths,
        strengths=strengths,
        actions=actions,
        people=len(nodes_of(graph, NodeKind.PERSON, plan)),
        coverage=cov,
        critical_path=cp,
        overload=ov,
        reporting=gov,
        rules=rules,
        overdue=late,
        config=config,
        failures=_failures(
            config.fail_on,
            cov,
            cp,
            ov,
            gov,
            rules,
            (len(findings) - strengths, actions),
            problems,
        ),
        as_of=as_of,
        load_problems=problems,
    )


def audit_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``actiongraph audit --format json`` (one plan's
    :meth:`AuditReport.to_dict`), generated from the typed results
    (:func:`graphmodel.serialise.json_schema`).

    >>> schema = audit_json_schema()
    >>> schema["required"][:3], schema["properties"]["verdict"]["required"]
    (['plan', 'coverage', 'critical_path'], ['passed', 'fail_on', 'failures', 'config'])
    """
    return json_schema(AuditReport, title="actiongraph audit")
