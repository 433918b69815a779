"""Each action's facts, read from the graph once per plan and shared by the questions of an audit.

Coverage, overload, the critical path, the reporting chains and the rules all ask the same
things of every action: is it open, who answers for it, when is it due, has it a measure,
which findings does it reach (and through what), what priority is it part of, what does it
depend on. :func:`plan_facts` answers them in one pass over the plan's actions and keeps the
answers in a :class:`PlanFacts` table; the words are those of :mod:`queries.links`, which
defines them.

**Never stale.** Inside an :func:`~graphmodel.graph.adjacency_memo` block (which
:func:`queries.audit.audit` opens, and inside which the graph must not change) the table is
built once per graph and plan and shared; outside one, every call builds it afresh, so a
graph changed between two calls is read again.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
...     "priorities": [{"ref": "P1", "title": "p", "addresses": ["F1"]}],
...     "actions": [{"ref": "A1", "text": "a", "priority": "P1", "due": "Dec-24"}]}))
>>> a = plan_facts(g, "x").actions["action:A1"]
>>> a.ref, a.open, a.priority, a.findings, a.link.value, a.due.text
('A1', True, 'priority:P1', ['finding:F1'], 'priority', 'Dec-24')
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

import networkx as nx

from graphmodel.graph import memoised, nodes_of
from graphmodel.model import Basis, OwnerRole
from graphmodel.periods import Period
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.statuses import Status
from queries.links import ANSWERABLE, ActionLink, Link, due_of

__all__ = ["ActionFacts", "PlanFacts", "plan_facts"]


class ActionFacts(NamedTuple):
    """One action as every question sees it (node ids throughout; :mod:`queries.links`
    defines each word): ``open`` (not complete, not cancelled; no status is open);
    ``owners`` with their roles and ``answerable`` owners, each in list order; ``due`` its
    due period; ``measured`` whether it, its objective or its priority has a measure;
    ``findings`` the findings it reaches and ``link`` through what (None: none), and of
    those, ``inferred``: the ones reached by an inferred address, with its reason;
    ``depends_on`` its DEPENDS_ON targets, each once, in list order."""

    node: str
    ref: str
    status: Status | None
    open: bool
    cancelled: bool
    owners: list[tuple[str, OwnerRole]]
    answerable: list[str]
    due: Period | None
    measured: bool
    objective: str | None
    priority: str | None
    findings: list[str]
    link: Link | None
    depends_on: list[str]
    inferred: dict[str, str]


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """The facts of one plan's actions (``actions``, by node id, in document order) and, for
    every finding, the actions reaching it (:func:`queries.links.finding_actions`)."""

    plan: str
    actions: dict[str, ActionFacts]
    finding_actions: dict[str, list[ActionLink]]


def plan_facts(graph: nx.MultiDiGraph, plan: str) -> PlanFacts:
    """The :class:`PlanFacts` of ``plan`` in ``graph``: built once per plan inside an
    :func:`~graphmodel.graph.adjacency_memo` block on ``graph``, afresh outside one. The
    table is shared: callers must not change it."""
    return memoised(graph, ("plan_facts", plan), lambda: _build(graph, plan))


Edge = tuple[int, str, Any]
"""An out-edge as ``(list position i, other end, edge data)``."""


class _Out(NamedTuple):
    """A node's out-edges of the kinds the facts read, each kind in list order."""

    addresses: list[Edge]
    part_of: list[Edge]
    measured_by: list[Edge]
    owned_by: list[Edge]
    depends_on: list[Edge]


def _edges(adjacent: dict[str, dict[Any, dict[str, Any]]]) -> _Out:
    """A node's out-edges of the kinds the facts read, each kind in list order (edge attribute
    ``i``): networkx's own adjacency dict read once, kinds compared by identity (an enum's
    hash is a Python call), sorted only where there is more than one."""
    out = _Out([], [], [], [], [])
    addresses, part_of, measured_by, owned_by, depends_on = out
    for other, keyed in adjacent.items():
        for d in keyed.values():
            kind = d["kind"]
            if kind is _ADDRESSES:
                addresses.append((d["i"], other, d))
            elif kind is _PART_OF:
                part_of.append((d["i"], other, d))
            elif kind is _MEASURED_BY:
                measured_by.append((d["i"], other, d))
            elif kind is _OWNED_BY:
                owned_by.append((d["i"], other, d))
            elif kind is _DEPENDS_ON:
                depends_on.append((d["i"], other, d))
    for edges in out:
        if len(edges) > 1:
            edges.sort(key=_POSITION)  # stable: equal positions keep insertion order
    return out


_ADDRESSES, _PART_OF, _MEASURED_BY = EdgeKind.ADDRESSES, EdgeKind.PART_OF, EdgeKind.MEASURED_BY
_OWNED_BY, _DEPENDS_ON = EdgeKind.OWNED_BY, EdgeKind.DEPENDS_ON


_POSITION = itemgetter(0)
_ANSWERABLE = frozenset(role.value for role in ANSWERABLE)  # strings: an enum's hash is slow


def _first(edges: list[Edge], nodes: dict[str, dict[str, Any]], kind: NodeKind) -> str | None:
    """The first end of ``edges`` of node kind ``kind``."""
    for _, v, _ in edges:
        if nodes[v]["kind"] is kind:
            return v
    return None


def _inferred(edges: list[Edge]) -> dict[str, str]:
    """The ends of the inferred ones of ``edges`` (addresses), with their reasons."""
    found: dict[str, str] = {}
    for _, v, d in edges:
        if d.get("basis") is _INFERRED:
            found.setdefault(v, d.get("reason") or "")
    return found


_INFERRED = Basis.INFERRED


def _ends(edges: list[Edge]) -> list[str]:
    """The other ends of ``edges``, each once, in order."""
    if len(edges) == 1:
        return [edges[0][1]]
    return list(dict.fromkeys(v for _, v, _ in edges))


def _build(graph: nx.MultiDiGraph, plan: str) -> PlanFacts:
    nodes = graph._node  # networkx's own dicts: no views
    succ = graph._succ
    objective_kind, priority_kind = NodeKind.OBJECTIVE, NodeKind.PRIORITY
    # what each objective and priority addresses, is part of and is measured by: read once
    parents: dict[str, tuple[list[str], str | None, bool, dict[str, str]]] = {}

    def parent(node: str) -> tuple[list[str], str | None, bool, dict[str, str]]:
        found = parents.get(node)
        if found is None:
            edges = _edges(succ[node])
            reached = _ends(edges.addresses)
            priority = _first(edges.part_of, nodes, priority_kind)
            inferred = _inferred(edges.addresses)
            found = parents[node] = (reached, priority, bool(edges.measured_by), inferred)
        return found

    reaching: dict[str, list[ActionLink]] = {f: [] for f in nodes_of(graph, NodeKind.FINDING, plan)}
    actions: dict[str, ActionFacts] = {}
    for action in nodes_of(graph, NodeKind.ACTION, plan):
        data = nodes[action]
        edges = _edges(succ[action])
        objective = _first(edges.part_of, nodes, objective_kind)
        priority = _first(edges.part_of, nodes, priority_kind)
        measured = bool(edges.measured_by)
        via_objective: list[str] = []
        objective_inferred: dict[str, str] = {}
        if objective is not None:
            via_objective, objective_priority, objective_measured, objective_inferred = parent(
                objective
            )
            if priority is None:
                priority = objective_priority
            measured = measured or objective_measured
        if priority is not None and not measured:
            measured = parent(priority)[2]
        reached = _ends(edges.addresses)
        link: Link | None = Link.DIRECT
        inferred = _inferred(edges.addresses) if reached else {}
        if not reached:
            if via_objective:
                reached, link, inferred = via_objective, Link.OBJECTIVE, objective_inferred
            elif priority is not None:
                reached, _, _, inferred = parent(priority)
                link = Link.PRIORITY
        if reached:
            to = ActionLink(action, link)  # type: ignore[arg-type]
            for finding in reached:
                found = reaching.get(finding)
                if found is None:
                    reaching[finding] = [to]
                else:
                    found.append(to)
        else:
            link = None
        owners = [(v, d["role"]) for _, v, d in edges.owned_by]
        answerable = [p for p, role in owners if role._value_ in _ANSWERABLE]
        status = data.get("status_value")
        actions[action] = ActionFacts(
            node=action,
            ref=str(data["ref"]),
            status=status,
            open=status is not Status.COMPLETE and status is not Status.CANCELLED,
            cancelled=status is Status.CANCELLED,
            owners=owners,
            answerable=list(dict.fromkeys(answerable)) if len(answerable) > 1 else answerable,
            due=due_of(data),
            measured=measured,
            objective=objective,
            priority=priority,
            findings=reached,
            link=link,
            depends_on=_ends(edges.depends_on),
            inferred=inferred,
        )
    return PlanFacts(plan, actions, reaching)
