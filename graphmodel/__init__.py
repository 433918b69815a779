"""The plan model, the graph schema, and building the networkx graph from a plan.

Names are imported on first use (PEP 562), so ``import graphmodel.errors`` stays light and
the command line starts fast.

>>> from graphmodel import Plan, build_graph, NodeKind
>>> plan = Plan(area="Exampleshire", title="Plan")
>>> [d["kind"] for _, d in build_graph(plan).nodes(data=True)] == [NodeKind.PLAN]
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "graphmodel.errors": [
        "ActiongraphError",
        "Place",
        "PlanError",
        "Problem",
        "Severity",
        "UsageError",
    ],
    "graphmodel.graph": ["build_graph", "build_graphs", "plan_from_graph", "plan_ids"],
    "graphmodel.integrity": ["dependency_cycles", "plan_problems", "reporting_cycles"],
    "graphmodel.model": [
        "Action",
        "Board",
        "Cadence",
        "Finding",
        "FindingKind",
        "Inspection",
        "Measure",
        "MemberRole",
        "Milestone",
        "Objective",
        "Organisation",
        "OrganisationKind",
        "Owner",
        "OwnerRole",
        "PartyKind",
        "PartyRef",
        "Person",
        "Plan",
        "Priority",
    ],
    "graphmodel.periods": ["Period", "Precision", "parse_period"],
    "graphmodel.schema": ["EdgeKind", "NodeKind", "node_id", "split_node_id"],
    "graphmodel.statuses": ["Status", "StatusReading", "StatusScale"],
}
_MODULE = {name: module for module, names in _WHERE.items() for name in names}
__all__ = [
    "Action",
    "ActiongraphError",
    "Board",
    "Cadence",
    "EdgeKind",
    "Finding",
    "FindingKind",
    "Inspection",
    "Measure",
    "MemberRole",
    "Milestone",
    "NodeKind",
    "Objective",
    "Organisation",
    "OrganisationKind",
    "Owner",
    "OwnerRole",
    "PartyKind",
    "PartyRef",
    "Period",
    "Person",
    "Place",
    "Plan",
    "PlanError",
    "Precision",
    "Priority",
    "Problem",
    "Severity",
    "Status",
    "StatusReading",
    "StatusScale",
    "UsageError",
    "build_graph",
    "build_graphs",
    "dependency_cycles",
    "node_id",
    "parse_period",
    "plan_from_graph",
    "plan_ids",
    "plan_problems",
    "reporting_cycles",
    "split_node_id",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULE[name]), name)


if TYPE_CHECKING:
    from graphmodel.errors import (
        ActiongraphError,
        Place,
        PlanError,
        Problem,
        Severity,
        UsageError,
    )
    from graphmodel.graph import build_graph, build_graphs, plan_from_graph, plan_ids
    from graphmodel.integrity import dependency_cycles, plan_problems, reporting_cycles
    from graphmodel.model import (
        Action,
        Board,
        Cadence,
        Finding,
        FindingKind,
        Inspection,
        Measure,
        MemberRole,
        Milestone,
        Objective,
        Organisation,
        OrganisationKind,
        Owner,
        OwnerRole,
        PartyKind,
        PartyRef,
        Person,
        Plan,
        Priority,
    )
    from graphmodel.periods import Period, Precision, parse_period
    from graphmodel.schema import EdgeKind, NodeKind, node_id, split_node_id
    from graphmodel.statuses import Status, StatusReading, StatusScale
