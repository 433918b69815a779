"""Plan rules: what an inspector or a board would send back before a plan is submitted.

=========================  ==================================================================
rule                       a violation is
=========================  ==================================================================
``priority.sponsor``       a priority (workstream) with no sponsor
``priority.lead``          a priority with no lead
``action.owner``           an action that is not cancelled and has no answerable owner
                           (responsible or accountable; parties only involved answer for
                           nothing)
``action.due``             an action that is not cancelled and has no due period (no due,
                           or a due text that is not a date, such as "Actions have commenced")
``measure.baseline``       a measure with no baseline
``measure.target``         a measure with no target
``action.stale_status``    with an ``as_of`` date: an action still rated on track (or
                           waiting / not started) whose due period ended before ``as_of``
=========================  ==================================================================

Each violation names the entity so a reader can find it in the document.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "actions": [{"ref": "A1", "text": "a", "due": "Dec-23", "status": "On track"}]}))
>>> from datetime import date
>>> [v.rule.value for v in plan_rule_violations(g, as_of=date(2024, 2, 1))]
['action.owner', 'action.stale_status']
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import Enum

import networkx as nx

from graphmodel.graph import in_edges_by_kind, nodes_of, resolve_plan
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.statuses import Status
from queries.links import answerable_owners, due_period, is_cancelled, owners_of

__all__ = ["Rule", "RuleViolation", "plan_rule_violations"]


class Rule(str, Enum):
    PRIORITY_SPONSOR = "priority.sponsor"
    PRIORITY_LEAD = "priority.lead"
    ACTION_OWNER = "action.owner"
    ACTION_DUE = "action.due"
    MEASURE_BASELINE = "measure.baseline"
    MEASURE_TARGET = "measure.target"
    ACTION_STALE_STATUS = "action.stale_status"


@dataclass(frozen=True)
class RuleViolation:
    rule: Rule
    kind: NodeKind
    ref: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule.value,
            "kind": self.kind.value,
            "ref": self.ref,
            "message": self.message,
        }


_STALE = (Status.ON_TRACK, Status.NOT_STARTED, Status.WAITING)


def plan_rule_violations(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    as_of: date | None = None,
    skip: Collection[str] = (),
) -> list[RuleViolation]:
    """Every violation of the plan rules (see the module docstring), in document order.

    ``skip`` names rules to leave out (``{"measure.target"}``); ``as_of`` enables
    ``action.stale_status``.
    """
    plan = resolve_plan(graph, plan)
    found: list[RuleViolation] = []

    def add(rule: Rule, kind: NodeKind, ref: str, message: str) -> None:
        if rule.value not in skip:
            found.append(RuleViolation(rule, kind, ref, message))

    for p in nodes_of(graph, NodeKind.PRIORITY, plan):
        ref, title = graph.nodes[p]["ref"], graph.nodes[p]["title"]
        incoming = in_edges_by_kind(graph, p)
        if EdgeKind.SPONSORS not in incoming:
            add(
                Rule.PRIORITY_SPONSOR,
                NodeKind.PRIORITY,
                ref,
                f"priority {ref} ({title}) has no sponsor",
            )
        if EdgeKind.LEADS not in incoming:
            add(Rule.PRIORITY_LEAD, NodeKind.PRIORITY, ref, f"priority {ref} ({title}) has no lead")
    for a in nodes_of(graph, NodeKind.ACTION, plan):
        if is_cancelled(graph, a):
            continue
        data = graph.nodes[a]
        ref = data["ref"]
        if not answerable_owners(graph, a):
            involved = " (only parties involved)" if owners_of(graph, a) else ""
            add(Rule.ACTION_OWNER, NodeKind.ACTION, ref, f"action {ref} has no owner{involved}")
        due = data["due"]
        if due_period(graph, a) is None:
            written = f" (written '{due.text}')" if due is not None else ""
            add(Rule.ACTION_DUE, NodeKind.ACTION, ref, f"action {ref} has no due period{written}")
        elif (
            as_of is not None
            and due is not None
            and due.end is not None
            and due.end < as_of
            and data.get("status_value") in _STALE
        ):
            add(
                Rule.ACTION_STALE_STATUS,
                NodeKind.ACTION,
                ref,
                f"action {ref} is rated '{data['status']}' but was due {due.text} "
                f"(ended {due.end.isoformat()}), before {as_of.isoformat()}",
            )
    for m in nodes_of(graph, NodeKind.MEASURE, plan):
        data = graph.nodes[m]
        if not data.get("baseline"):
            add(
                Rule.MEASURE_BASELINE,
                NodeKind.MEASURE,
                data["ref"],
                f"measure {data['ref']} has no baseline",
            )
        if not data.get("target"):
            add(
                Rule.MEASURE_TARGET,
                NodeKind.MEASURE,
                data["ref"],
                f"measure {data['ref']} has no target",
            )
    return found
