"""Coverage: is every inspection finding addressed by actions that have an owner, a due
period and a measure of success, and if not, what is missing?

Definitions (the words of :mod:`queries.links` -- *addresses*, :class:`~queries.links.Link`,
*has a measure* -- are used as defined there):

* **Findings to cover** are a plan's findings of every kind except ``strength``. Strengths
  are not reported, are nobody's child here, and an action that addresses only strengths
  addresses no finding to cover.
* **Cancelled actions never count**: they neither cover, nor make partial, nor drift. They
  are listed apart (:attr:`FindingCoverage.cancelled`), so a finding addressed only by
  cancelled actions is *uncovered* and says which cancelled actions it had. Completed
  actions count like any other.
* An action meets the three requirements, checked in the fixed order ``owner``, ``due``,
  ``measure``, when it has an **owner** (an ``OWNED_BY`` edge whose role is responsible or
  accountable, to a person -- a post without a named holder counts --, an organisation or a
  board; an ``involved`` party alone is not an owner), a **due period**
  (:func:`queries.links.due_period`: a ``due`` that is dated --
  ``Dec-24`` and ``Nov 2024-`` are, ``Actions have commenced`` is not -- or, for a completed
  action, the date its status cell gives; milestones' dates do not count) and a **measure**
  (on the action, its objective or its priority).
* A finding's **own status**: *covered* when at least one addressing action meets all
  three; *partial* when addressed but none does, ``missing`` then being what the closest
  action lacks (fewest missing; ties go to the first in document order); *uncovered* when
  no action addresses it.
* A finding **with child findings** is only as covered as its least covered child: its
  status is the least of its children's statuses and, if actions address it itself, its own
  status (covered > partial > uncovered). When that is *partial*, ``missing`` is the union,
  in the fixed order, of what is missing from its partial parts (itself, partial children).
  ``missing`` is empty unless the status is *partial*.
* ``covered_percent`` = covered findings / findings to cover x 100, rounded to one decimal,
  except that it is 100.0 only when every finding is covered and 0.0 only when none is. A
  plan with no finding to cover has ``None`` (JSON ``null``), not a silent 100.
* **Per priority**: the findings addressed (by any link) by the priority's non-cancelled
  actions (those ``PART_OF`` it, directly or through their objective), and how many of them
  are covered (by their overall status, whichever actions cover them); percent as above.
* **Scope drift**: non-cancelled actions that address no finding to cover.
* **Measure gaps**: the plan's measures with no ``baseline`` or no ``target``.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "Slow plans"},
...                  {"ref": "F2", "kind": "area_for_improvement", "text": "Long waits"}],
...     "actions": [{"ref": "A1", "text": "Triage", "owners": ["organisation:la"],
...                  "due": "Dec-24", "addresses": ["F1"], "measures": ["M1"]},
...                 {"ref": "A2", "text": "Recruit", "due": "Dec-24", "addresses": ["F2"]}],
...     "measures": [{"ref": "M1", "text": "EHC plans in 20 weeks", "baseline": "38%"}],
...     "organisations": [{"ref": "la", "name": "Council"}]}))
>>> report = coverage(g)
>>> [(f.ref, f.status.value, f.missing) for f in report.findings]
[('F1', 'covered', []), ('F2', 'partial', ['owner', 'measure'])]
>>> report.covered_percent, report.measure_gaps[0].missing
(50.0, ['target'])
>>> {k: report.to_dict()["findings"][1][k] for k in ("ref", "status", "actions", "missing")}
{'ref': 'F2', 'status': 'partial', 'actions': ['A2'], 'missing': ['owner', 'measure']}
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

import networkx as nx

from graphmodel.graph import nodes_of, resolve_plan
from graphmodel.model import FindingKind
from graphmodel.schema import EdgeKind, NodeKind
from queries.links import (
    Link,
    action_priority,
    answerable_owners,
    due_period,
    finding_actions,
    has_measure,
    is_cancelled,
    out_nodes,
)

__all__ = ["REQUIREMENTS", "CoverageReport", "CoverageStatus", "FindingCoverage", "MeasureGap"]
__all__ += ["PriorityCoverage", "coverage"]

REQUIREMENTS = ("owner", "due", "measure")
"""What an addressing action needs for its finding to be covered, in reporting order."""


class CoverageStatus(str, Enum):
    """How well a finding is covered; :attr:`rank` orders them (higher is better)."""

    COVERED = "covered"
    PARTIAL = "partial"
    UNCOVERED = "uncovered"

    @property
    def rank(self) -> int:
        """0 for uncovered, 1 for partial, 2 for covered."""
        return _RANK[self]


_RANK = {CoverageStatus.UNCOVERED: 0, CoverageStatus.PARTIAL: 1, CoverageStatus.COVERED: 2}


@dataclass(frozen=True)
class FindingCoverage:
    """One finding: its status, the non-cancelled actions addressing it itself (document
    order) with the link each uses, what is missing, its child findings and its cancelled
    addressing actions."""

    ref: str
    kind: FindingKind
    text: str
    status: CoverageStatus
    actions: list[str]
    links: dict[str, Link]
    missing: list[str]
    children: list[str]
    plan: str
    cancelled: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeasureGap:
    """A measure lacking a ``baseline``, a ``target`` or both (``missing``, in that order)."""

    ref: str
    text: str
    missing: list[str]


@dataclass(frozen=True)
class PriorityCoverage:
    """A priority: how many findings its actions address and how many of those are covered."""

    ref: str
    title: str
    findings: int
    covered: int
    percent: float | None


@dataclass(frozen=True)
class CoverageReport:
    """The coverage of one plan; see the module docstring for what each part means."""

    plan: str
    findings: list[FindingCoverage]
    covered_percent: float | None
    priorities: list[PriorityCoverage]
    scope_drift: list[str]
    measure_gaps: list[MeasureGap]

    @cached_property
    def _by_ref(self) -> dict[str, FindingCoverage]:
        return {f.ref: f for f in self.findings}

    def finding(self, ref: str) -> FindingCoverage:
        """The coverage of finding ``ref``; KeyError if it is not a finding to cover."""
        try:
            return self._by_ref[ref]
        except KeyError:
            raise KeyError(f"no finding {ref!r} to cover in plan {self.plan!r}") from None

    def counts(self) -> dict[CoverageStatus, int]:
        """How many findings have each status (every status present, zeros included)."""
        counts = dict.fromkeys(CoverageStatus, 0)
        for f in self.findings:
            counts[f.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The ``coverage`` object of ``actiongraph audit --format json``: plain JSON data,
        the fields above as keys (``plan``, ``covered_percent`` -- None when there is no
        finding to cover --, ``findings`` with ``ref``, ``kind``, ``text``, ``status``,
        ``actions``, ``links``, ``missing``, ``children``, ``plan``, ``cancelled``, then
        ``priorities``, ``scope_drift``, ``measure_gaps``), enums as their values."""
        plain: dict[str, Any] = json.loads(json.dumps(asdict(self)))  # str enums -> values
        return plain


def _percent(covered: int, total: int) -> float | None:
    if total == 0:
        return None
    value = round(100 * covered / total, 1)
    if covered < total:
        value = min(value, 99.9)
    if covered > 0:
        value = max(value, 0.1)
    return value


def _lacks(graph: nx.MultiDiGraph, action: str) -> list[str]:
    """The requirements ``action`` does not meet, in :data:`REQUIREMENTS` order."""
    met = {
        "owner": bool(answerable_owners(graph, action)),
        "due": due_period(graph, action) is not None,
        "measure": has_measure(graph, action),
    }
    return [r for r in REQUIREMENTS if not met[r]]


_Verdict = tuple[CoverageStatus, list[str]]


def _combine(verdicts: list[_Verdict]) -> _Verdict:
    """The least status of ``verdicts``; when partial, everything missing from partial ones."""
    if not verdicts:
        return CoverageStatus.UNCOVERED, []
    worst = min((s for s, _ in verdicts), key=lambda s: s.rank)
    if worst is not CoverageStatus.PARTIAL:
        return worst, []
    lacking = {r for s, missing in verdicts if s is worst for r in missing}
    return worst, [r for r in REQUIREMENTS if r in lacking]


def tree_verdicts(
    findings: list[str], children: dict[str, list[str]], lacking: dict[str, list[list[str]]]
) -> dict[str, _Verdict]:
    """Each finding's status and missing requirements, from what each of its live addressing
    actions lacks (``lacking``, in document order) and its children's verdicts: a post-order
    over the finding tree (a finding has one parent; a cycle is cut where found). Shared by
    :func:`coverage` and the same question answered on a database."""
    verdict: dict[str, _Verdict] = {}
    for root in (f for f in findings if f not in verdict):
        stack, pushed = [root], {root}
        while stack:
            todo = [c for c in children[stack[-1]] if c not in verdict and c not in pushed]
            if todo:
                stack += todo
                pushed.update(todo)
                continue
            f = stack.pop()
            parts = [verdict[c] for c in children[f] if c in verdict]
            if lacking[f]:
                closest = min(lacking[f], key=len)  # the first of the fewest
                own = CoverageStatus.PARTIAL if closest else CoverageStatus.COVERED
                parts.append((own, closest))
            verdict[f] = _combine(parts)
    return verdict


def coverage(graph: nx.MultiDiGraph, plan: str | None = None) -> CoverageReport:
    """The coverage of the findings of ``plan`` (the graph's only plan when None).

    Linear in the size of the plan: the addressing actions of every finding are found once
    (:func:`queries.links.finding_actions`) and each action is checked once.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph built by :func:`graphmodel.graph.build_graph` or ``build_graphs``.
    plan : str, optional
        The id of the plan to analyse; required when the graph holds several.

    Returns
    -------
    CoverageReport
        Findings in document order (strengths left out), covered percent, per-priority
        coverage, scope drift and measure gaps; refs are entity refs, not node ids.

    Raises
    ------
    ValueError
        If ``plan`` is None and the graph holds several plans (or none), or ``plan`` is not
        in the graph; the message names the plans it holds.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
    ...     "priorities": [{"ref": "P1", "title": "p", "addresses": ["F1"]}],
    ...     "actions": [{"ref": "A1", "text": "a", "priority": "P1", "due": "Q1 2025"}]}))
    >>> f = coverage(g).finding("F1")
    >>> f.status.value, f.links["A1"].value, f.missing
    ('partial', 'priority', ['owner', 'measure'])
    """
    plan = resolve_plan(graph, plan)
    nodes = graph._node  # the attribute dicts, without NodeView's checks

    def ref(node: str) -> str:
        return str(nodes[node]["ref"])

    findings = [
        f
        for f in nodes_of(graph, NodeKind.FINDING, plan)
        if nodes[f]["finding_kind"] is not FindingKind.STRENGTH
    ]
    children: dict[str, list[str]] = {f: [] for f in findings}
    for f in findings:
        for parent in out_nodes(graph, f, EdgeKind.PART_OF, NodeKind.FINDING):
            if parent in children:
                children[parent].append(f)

    addressing = finding_actions(graph, plan)
    live: dict[str, dict[str, Link]] = {}  # finding -> non-cancelled action -> link used
    served: dict[str, list[str]] = {}  # non-cancelled action -> findings to cover it addresses
    lacks: dict[str, list[str]] = {}  # action -> requirements it lacks, checked once
    for f in findings:
        live[f] = {}
        for al in addressing[f]:
            if al.action not in live[f] and not is_cancelled(graph, al.action):
                live[f][al.action] = al.link
                served.setdefault(al.action, []).append(f)
                if al.action not in lacks:
                    lacks[al.action] = _lacks(graph, al.action)

    verdict = tree_verdicts(findings, children, {f: [lacks[a] for a in live[f]] for f in findings})

    results = [
        FindingCoverage(
            ref=ref(f),
            kind=nodes[f]["finding_kind"],
            text=str(nodes[f]["text"]),
            status=verdict[f][0],
            actions=[ref(a) for a in live[f]],
            links={ref(a): link for a, link in live[f].items()},
            missing=verdict[f][1],
            children=[ref(c) for c in children[f]],
            plan=plan,
            cancelled=list(
                dict.fromkeys(
                    ref(al.action) for al in addressing[f] if is_cancelled(graph, al.action)
                )
            ),
        )
        for f in findings
    ]
    covered = {f for f in findings if verdict[f][0] is CoverageStatus.COVERED}

    scope: dict[str, set[str]] = {p: set() for p in nodes_of(graph, NodeKind.PRIORITY, plan)}
    for a, served_findings in served.items():
        p = action_priority(graph, a)
        if p in scope:
            scope[p].update(served_findings)
    priorities = [
        PriorityCoverage(
            ref=ref(p),
            title=str(nodes[p]["title"]),
            findings=len(fs),
            covered=len(fs & covered),
            percent=_percent(len(fs & covered), len(fs)),
        )
        for p, fs in scope.items()
    ]
    drift = [
        ref(a)
        for a in nodes_of(graph, NodeKind.ACTION, plan)
        if a not in served and not is_cancelled(graph, a)
    ]
    gaps = []
    for m in nodes_of(graph, NodeKind.MEASURE, plan):
        missing = [k for k in ("baseline", "target") if nodes[m].get(k) is None]
        if missing:
            gaps.append(MeasureGap(ref=ref(m), text=str(nodes[m]["text"]), missing=missing))
    return CoverageReport(
        plan=plan,
        findings=results,
        covered_percent=_percent(len(covered), len(findings)),
        priorities=priorities,
        scope_drift=drift,
        measure_gaps=gaps,
    )
