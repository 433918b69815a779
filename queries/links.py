"""How the queries read a plan's graph: one definition, used by every question.

* An action **addresses** a finding *directly* (its own ``ADDRESSES`` edges). An action with no
  direct link addresses what its **objective** addresses; one whose objective links nothing
  either addresses what its **priority** addresses (the priority it is ``PART_OF``, or its
  objective's priority). Plans that only link at priority level are covered that way, and
  :class:`Link` says which level was used. Milestones address nothing themselves.
* An action is **open** unless its normalised status is ``complete`` or ``cancelled``; an
  action without a status is open.
* An action's **due period** is its ``due`` when that is dated; a *completed* action whose
  status cell says when (``Completed Oct 17``, ``Completed and in place – Jan 18``) and has
  no dated ``due`` has that period instead: the document does say when it was done.
* An action **has a measure** when it, its objective or its priority is ``MEASURED_BY`` one.
* An **answerable owner** of an action is an owner in the role ``responsible`` or
  ``accountable``; a party only ``involved`` answers for nothing. Coverage ("has an owner")
  and key-person risk ("sole owner") both use this.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
...     "priorities": [{"ref": "P1", "title": "p", "addresses": ["F1"]}],
...     "actions": [{"ref": "A1", "text": "a", "priority": "P1"}]}))
>>> finding_actions(g, "x")["finding:F1"]
[ActionLink(action='action:A1', link=<Link.PRIORITY: 'priority'>)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import networkx as nx

from graphmodel.graph import memoised, nodes_of, out_edges_by_kind, out_nodes
from graphmodel.model import OwnerRole
from graphmodel.periods import Period
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.statuses import Status

__all__ = [
    "ANSWERABLE",
    "ActionLink",
    "Link",
    "action_objective",
    "action_priority",
    "answerable_owners",
    "due_of",
    "due_period",
    "finding_actions",
    "finding_children",
    "has_measure",
    "is_cancelled",
    "is_open",
    "out_nodes",
    "owners_of",
]


class Link(str, Enum):
    """Through what an action reaches a finding."""

    DIRECT = "direct"
    OBJECTIVE = "objective"
    PRIORITY = "priority"


@dataclass(frozen=True)
class ActionLink:
    action: str
    link: Link


def action_objective(graph: nx.MultiDiGraph, action: str) -> str | None:
    found = out_nodes(graph, action, EdgeKind.PART_OF, NodeKind.OBJECTIVE)
    return found[0] if found else None


def action_priority(graph: nx.MultiDiGraph, action: str) -> str | None:
    """The priority the action is part of, directly or through its objective."""
    found = out_nodes(graph, action, EdgeKind.PART_OF, NodeKind.PRIORITY)
    if found:
        return found[0]
    objective = action_objective(graph, action)
    if objective is not None:
        via = out_nodes(graph, objective, EdgeKind.PART_OF, NodeKind.PRIORITY)
        return via[0] if via else None
    return None


def finding_actions(graph: nx.MultiDiGraph, plan: str | None = None) -> dict[str, list[ActionLink]]:
    """For every finding of ``plan`` (all plans if None), the actions addressing it, in
    document order, each with the link used (an action listed once per finding). Findings no
    action addresses map to ``[]``.

    Linear in the plan: what each objective and priority addresses is read once. Within an
    :func:`~graphmodel.graph.adjacency_memo` block the answer is computed once per plan.
    """
    if plan is not None:  # read from the plan's facts, shared with the other questions
        from queries.facts import plan_facts

        return plan_facts(graph, plan).finding_actions
    return memoised(graph, ("finding_actions", plan), lambda: _finding_actions(graph, plan))


def _finding_actions(graph: nx.MultiDiGraph, plan: str | None) -> dict[str, list[ActionLink]]:
    result: dict[str, list[ActionLink]] = {f: [] for f in nodes_of(graph, NodeKind.FINDING, plan)}
    addressed: dict[str, list[str]] = {}

    def addresses(node: str) -> list[str]:
        if node not in addressed:
            addressed[node] = list(dict.fromkeys(out_nodes(graph, node, EdgeKind.ADDRESSES)))
        return addressed[node]

    for action in nodes_of(graph, NodeKind.ACTION, plan):
        findings, link = addresses(action), Link.DIRECT
        if not findings:
            objective = action_objective(graph, action)
            if objective is not None and addresses(objective):
                findings, link = addresses(objective), Link.OBJECTIVE
            else:
                priority = action_priority(graph, action)
                if priority is not None:
                    findings, link = addresses(priority), Link.PRIORITY
        for finding in findings:
            result.setdefault(finding, []).append(ActionLink(action, link))
    return result


def finding_children(graph: nx.MultiDiGraph, plan: str | None = None) -> dict[str, list[str]]:
    """For every finding of ``plan``, its child findings (those ``PART_OF`` it), in order."""
    findings = nodes_of(graph, NodeKind.FINDING, plan)
    children: dict[str, list[str]] = {f: [] for f in findings}
    for f in findings:
        for parent in out_nodes(graph, f, EdgeKind.PART_OF, NodeKind.FINDING):
            if parent in children:
                children[parent].append(f)
    return children


def _status(graph: nx.MultiDiGraph, node: str) -> Any:
    return graph._node[node].get("status_value")


def is_open(graph: nx.MultiDiGraph, node: str) -> bool:
    """Not complete and not cancelled (no status counts as open)."""
    return _status(graph, node) not in (Status.COMPLETE, Status.CANCELLED)


def is_cancelled(graph: nx.MultiDiGraph, node: str) -> bool:
    return _status(graph, node) is Status.CANCELLED


def owners_of(graph: nx.MultiDiGraph, action: str) -> list[tuple[str, OwnerRole]]:
    """The owners of an action (person, organisation or board node ids) with their roles."""
    return [(v, d["role"]) for v, d in out_edges_by_kind(graph, action).get(EdgeKind.OWNED_BY, ())]


def due_period(graph: nx.MultiDiGraph, node: str) -> Period | None:
    """The dated period by which an action or milestone is (or was) due; see the module."""
    return due_of(graph._node[node])


def due_of(data: Mapping[str, Any]) -> Period | None:
    """:func:`due_period` of a node's attribute dict."""
    due = data.get("due")
    if due is not None and due.is_dated:
        return due  # type: ignore[no-any-return]
    stated = data.get("status_date")
    if data.get("status_value") is Status.COMPLETE and stated is not None and stated.is_dated:
        return stated  # type: ignore[no-any-return]
    return None


ANSWERABLE = frozenset({OwnerRole.RESPONSIBLE, OwnerRole.ACCOUNTABLE})


def answerable_owners(graph: nx.MultiDiGraph, action: str) -> list[str]:
    """The owners of an action who answer for it (responsible or accountable), in order."""
    return list(dict.fromkeys(p for p, role in owners_of(graph, action) if role in ANSWERABLE))


def has_measure(graph: nx.MultiDiGraph, action: str) -> bool:
    """The action, its objective or its priority is measured by something."""
    candidates = [action, action_objective(graph, action), action_priority(graph, action)]
    return any(c is not None and out_nodes(graph, c, EdgeKind.MEASURED_BY) for c in candidates)
