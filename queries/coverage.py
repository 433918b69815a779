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
* A finding **with child findings** (a *parent*) is *covered* when its own status (if
  actions address it itself) and every child's status are covered; *uncovered* only when
  nothing reaches it: no non-cancelled action addresses it, nor any of its children (at any
  depth); *partial* otherwise -- a parent addressed by a covered action of its own, with one
  child covered and one not, is partial, not uncovered. When partial, ``missing`` is the
  union, in the fixed order, of what is missing from its partial parts (itself, partial
  children), and ``uncovered_children`` lists its children that nothing reaches.
  ``missing`` is empty unless the status is *partial*.
* **What to fix**: ``lacking`` maps each requirement (``owner``, ``due``, ``measure``, only
  those that apply) to the actions whose gap keeps the finding from being covered: when no
  action addressing the finding itself meets all three, every such non-cancelled action
  lacking it; then the same for each child that is not covered, in document order. A
  covered finding lacks nothing (``{}``), even if some of its actions have gaps. ``why`` says,
  for an uncovered finding, why: ``no action addresses it`` (or it or its children), or
  ``all N addressing actions are cancelled (refs)``; it is empty otherwise.
* ``covered_percent`` = covered findings / findings to cover x 100, to one decimal (halves
  up: :func:`queries.percent.percent`), except that it is 100.0 only when every finding is
  covered and 0.0 only when none is. A plan with no finding to cover has ``None`` (JSON
  ``null``), not a silent 100.
* **Per priority**: the findings addressed (by any link) by the priority's non-cancelled
  actions (those ``PART_OF`` it, directly or through their objective), and how many of them
  are covered (by their overall status, whichever actions cover them); percent as above.
* **Scope drift**: non-cancelled actions that address no finding to cover.
* **Measure gaps**: the plan's measures with no ``baseline`` or no ``target``.
* **Scope.** A finding ``handled_by`` another plan ("the separate priority action plan") is
  not a finding to cover: it is listed in ``handled_elsewhere`` with the actions of this plan
  that address it, and counted nowhere. A ``derived`` finding (built by the transcriber, not
  stated by the inspectors) is assessed like any other but listed apart in ``derived``: it
  is not counted in ``covered_percent``, per priority, or in its parent's status.
* **Inferred links.** A link that rests on an address a transcriber or the importer
  inferred (``basis: inferred``) counts like a stated one, but each finding lists the
  actions it holds that way in ``inferred``, with the reason.
* **Stated only.** With ``stated_only=True`` the links a transcriber or the importer
  inferred (addressed findings and owners marked ``basis: inferred``) are left out, so the
  answer is what the document itself states (:func:`queries.basis.stated_graph`).

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

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

import networkx as nx

from graphmodel.graph import resolve_plan
from graphmodel.model import FindingKind
from graphmodel.serialise import JsonResult, json_meta
from queries.coverage_rows import (
    REQUIREMENTS,
    ActionRow,
    CoverageRows,
    FindingRow,
    MeasureGap,
    coverage_rows,
)
from queries.links import Link
from queries.percent import percent

__all__ = ["REQUIREMENTS", "CoverageReport", "CoverageStatus", "FindingCoverage", "MeasureGap"]
__all__ += ["ActionRow", "CoverageRows", "FindingRow", "HandledElsewhere", "PriorityCoverage"]
__all__ += ["coverage", "coverage_of", "coverage_rows"]


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
    derived: bool = False
    lacking: dict[str, list[str]] = field(default_factory=dict)
    why: str = ""
    uncovered_children: list[str] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict, metadata=json_meta(omit_empty=True))
    """Its ``actions`` whose link to it rests on an inferred address, each with the reason
    given (``""``: none); in JSON only when there are some."""


@dataclass(frozen=True)
class HandledElsewhere:
    """A finding answered by another plan: shown, not counted; with the actions of this
    plan that address it all the same."""

    ref: str
    kind: FindingKind
    text: str
    handled_by: str
    actions: list[str]


@dataclass(frozen=True)
class PriorityCoverage:
    """A priority: how many findings its actions address and how many of those are covered."""

    ref: str
    title: str
    findings: int
    covered: int
    percent: float | None


@dataclass(frozen=True)
class CoverageReport(JsonResult):
    """The coverage of one plan; see the module docstring for what each part means.

    :meth:`to_dict` is the ``coverage`` object of ``actiongraph audit --format json``: plain
    JSON data, the fields below as keys (``plan``, ``covered_percent`` -- None when there is
    no finding to cover --, ``findings`` with ``ref``, ``kind``, ``text``, ``status``,
    ``actions``, ``links``, ``missing``, ``children``, ``plan``, ``cancelled``, ``derived``,
    ``lacking``, ``why``, ``uncovered_children`` and, when some link rests on an inferred
    address, ``inferred`` (action ref -> reason), then ``priorities``, ``scope_drift``,
    ``measure_gaps``, ``derived``, ``handled_elsewhere``, ``stated_only``), enums as their
    values."""

    plan: str
    findings: list[FindingCoverage]
    covered_percent: float | None
    priorities: list[PriorityCoverage]
    scope_drift: list[str]
    measure_gaps: list[MeasureGap]
    derived: list[FindingCoverage] = field(default_factory=list)
    handled_elsewhere: list[HandledElsewhere] = field(default_factory=list)
    stated_only: bool = False

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


_Verdict = tuple[CoverageStatus, list[str]]


def _parent(parts: list[_Verdict], reached: bool) -> _Verdict:
    """A finding's status from its own verdict and its children's (see the module)."""
    if not reached:
        return CoverageStatus.UNCOVERED, []
    if all(status is CoverageStatus.COVERED for status, _ in parts):
        return CoverageStatus.COVERED, []
    lacking = {r for status, missing in parts if status is CoverageStatus.PARTIAL for r in missing}
    return CoverageStatus.PARTIAL, [r for r in REQUIREMENTS if r in lacking]


def coverage(
    graph: nx.MultiDiGraph, plan: str | None = None, *, stated_only: bool = False
) -> CoverageReport:
    """The coverage of the findings of ``plan`` (the graph's only plan when None).

    Linear in the size of the plan: the addressing actions of every finding are found once
    (:func:`queries.links.finding_actions`) and each action is checked once.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph built by :func:`graphmodel.graph.build_graph` or ``build_graphs``.
    plan : str, optional
        The id of the plan to analyse; required when the graph holds several.
    stated_only : bool, default False
        Leave out the links marked inferred (addressed findings, owners): coverage as the
        document itself states it.

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
    if stated_only:
        from queries.basis import stated_graph

        graph = stated_graph(graph)
    return coverage_of(coverage_rows(graph, plan, stated_only=stated_only))


def coverage_of(rows: CoverageRows) -> CoverageReport:
    """The :class:`CoverageReport` of ``rows``: every rule of coverage (the module docstring)
    in one place, whether the rows come from memory or from a database."""
    by_ref = {f.ref: f for f in rows.findings}
    acts = {a.ref: a for a in rows.actions}
    every_child: dict[str, list[str]] = {f.ref: [] for f in rows.findings}
    for row in rows.findings:
        for parent in row.parents:
            if parent in every_child:
                every_child[parent].append(row.ref)
    addressing: dict[str, list[str]] = {f: [] for f in by_ref}
    for act in rows.actions:
        for f in dict.fromkeys(act.findings):
            if f in addressing:
                addressing[f].append(act.ref)

    to_cover = [f for f in rows.findings if f.kind is not FindingKind.STRENGTH]
    handled = [f.ref for f in to_cover if f.handled_by]
    findings = [f.ref for f in to_cover if not f.handled_by]
    derived = {f for f in findings if by_ref[f].derived}
    kept = set(findings)
    # a derived child is shown apart: it does not decide its parent's status
    children = {f: [c for c in every_child[f] if c in kept and c not in derived] for f in findings}

    live: dict[str, dict[str, Link]] = {}  # finding -> non-cancelled action -> link used
    served: dict[str, list[str]] = {}  # non-cancelled action -> findings to cover it addresses
    lacks = {a.ref: a.lacks for a in rows.actions}
    for f in findings:
        live[f] = {}
        for a in addressing[f]:
            if a not in live[f] and not acts[a].cancelled:
                live[f][a] = acts[a].link or Link.DIRECT
                served.setdefault(a, []).append(f)

    # Post-order over the finding tree (a finding has one parent; a cycle is cut where found).
    verdict: dict[str, _Verdict] = {}
    reached: dict[str, bool] = {}
    lacking: dict[str, dict[str, list[str]]] = {}
    for root in (f for f in findings if f not in verdict):
        stack, pushed = [root], {root}
        while stack:
            todo = [c for c in children[stack[-1]] if c not in verdict and c not in pushed]
            if todo:
                stack += todo
                pushed.update(todo)
                continue
            f = stack.pop()
            below = [c for c in children[f] if c in verdict]
            parts = [verdict[c] for c in below]
            if live[f]:
                closest = min((lacks[a] for a in live[f]), key=len)  # the first of the fewest
                own = CoverageStatus.PARTIAL if closest else CoverageStatus.COVERED
                parts.append((own, closest))
            reached[f] = bool(live[f]) or any(reached[c] for c in below)
            verdict[f] = _parent(parts, reached[f])
            own_covered = any(not lacks[a] for a in live[f])  # then its gaps block nothing
            mine = {
                r: [a for a in live[f] if r in lacks[a] and not own_covered] for r in REQUIREMENTS
            }
            for c in below:
                if verdict[c][0] is not CoverageStatus.COVERED:
                    for r, later in lacking[c].items():
                        mine[r] += [a for a in later if a not in mine[r]]
            lacking[f] = {r: later for r, later in mine.items() if later}

    def cancelled(f: str) -> list[str]:
        return [a for a in addressing[f] if acts[a].cancelled]

    def why(f: str) -> str:
        if verdict[f][0] is not CoverageStatus.UNCOVERED:
            return ""
        gone = cancelled(f)
        if gone:
            return f"all {len(gone)} addressing actions are cancelled ({', '.join(gone)})"
        if children[f]:
            return "no action addresses it or any of its child findings"
        return "no action addresses it"

    results = [
        FindingCoverage(
            ref=f,
            kind=by_ref[f].kind,
            text=by_ref[f].text,
            status=verdict[f][0],
            actions=list(live[f]),
            links=dict(live[f]),
            missing=verdict[f][1],
            children=children[f],
            plan=rows.plan,
            cancelled=cancelled(f),
            derived=f in derived,
            lacking=lacking[f],
            why=why(f),
            uncovered_children=[c for c in children[f] if c in reached and not reached[c]],
            inferred={a: acts[a].inferred[f] for a in live[f] if f in acts[a].inferred},
        )
        for f in findings
    ]
    covered = {f for f in findings if verdict[f][0] is CoverageStatus.COVERED}
    counted = [f for f in findings if f not in derived]
    elsewhere = [
        HandledElsewhere(
            ref=f,
            kind=by_ref[f].kind,
            text=by_ref[f].text,
            handled_by=str(by_ref[f].handled_by),
            actions=addressing[f],
        )
        for f in handled
    ]
    for f in handled:  # addressing a finding handled elsewhere is not scope drift
        for a in addressing[f]:
            served.setdefault(a, [])

    scope: dict[str, set[str]] = {p: set() for p, _ in rows.priorities}
    for a, served_findings in served.items():
        p = acts[a].priority
        if p in scope:
            scope[p].update(f for f in served_findings if f not in derived)
    priorities = [
        PriorityCoverage(
            ref=p,
            title=title,
            findings=len(scope[p]),
            covered=len(scope[p] & covered),
            percent=percent(len(scope[p] & covered), len(scope[p]), strict=True),
        )
        for p, title in rows.priorities
    ]
    drift = [a.ref for a in rows.actions if a.ref not in served and not a.cancelled]
    return CoverageReport(
        plan=rows.plan,
        findings=[r for r in results if not r.derived],
        covered_percent=percent(len(covered - derived), len(counted), strict=True),
        priorities=priorities,
        scope_drift=drift,
        measure_gaps=rows.measure_gaps,
        derived=[r for r in results if r.derived],
        handled_elsewhere=elsewhere,
        stated_only=rows.stated_only,
    )
