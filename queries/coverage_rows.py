"""What coverage reads of a plan, as rows: its findings, actions, priorities and measure gaps.

:func:`coverage_rows` gathers them from a graph; :mod:`queries.server_coverage` gets the same
rows from a database with Cypher; :func:`queries.coverage.coverage_of` turns either into the
report, so every rule of coverage exists once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graphmodel.graph import nodes_of, out_nodes
from graphmodel.model import FindingKind, said
from graphmodel.schema import EdgeKind, NodeKind
from queries.facts import ActionFacts, plan_facts
from queries.links import Link

__all__ = ["REQUIREMENTS", "ActionRow", "CoverageRows", "FindingRow", "MeasureGap", "coverage_rows"]

REQUIREMENTS = ("owner", "due", "measure")
"""What an addressing action needs for its finding to be covered, in reporting order."""


@dataclass(frozen=True)
class MeasureGap:
    """A measure lacking a ``baseline``, a ``target`` or both (``missing``, in that order)."""

    ref: str
    text: str
    missing: list[str]


def _lacks(action: ActionFacts) -> list[str]:
    """The requirements ``action`` does not meet, in :data:`REQUIREMENTS` order."""
    met = (bool(action.answerable), action.due is not None, action.measured)
    return [r for r, ok in zip(REQUIREMENTS, met, strict=True) if not ok]


@dataclass(frozen=True)
class FindingRow:
    """A finding as coverage sees it: its refs to parent findings (``PART_OF``), whether the
    transcriber derived it and the plan that handles it instead, if any."""

    ref: str
    kind: FindingKind
    text: str
    parents: list[str]
    derived: bool = False
    handled_by: str | None = None


@dataclass(frozen=True)
class ActionRow:
    """An action as coverage sees it: whether cancelled, the findings it addresses and through
    which link (:func:`queries.links.finding_actions`), its priority and the requirements it
    does not meet (:data:`REQUIREMENTS` order)."""

    ref: str
    cancelled: bool
    link: Link | None
    findings: list[str]
    priority: str | None
    lacks: list[str]
    inferred: dict[str, str] = field(default_factory=dict)
    """The findings (refs) it reaches through an inferred address (its own, its objective's
    or its priority's, as ``link`` says), each with the reason given (``""``: none)."""


@dataclass(frozen=True)
class CoverageRows:
    """Everything :func:`coverage_of` needs, gathered from a graph (:func:`coverage_rows`) or
    by Cypher on a database (:mod:`queries.server_coverage`): findings (strengths included),
    actions, priorities (ref, title) in document order, and the measures with gaps."""

    plan: str
    findings: list[FindingRow]
    actions: list[ActionRow]
    priorities: list[tuple[str, str]]
    measure_gaps: list[MeasureGap]
    stated_only: bool = False


def coverage_rows(graph: nx.MultiDiGraph, plan: str, *, stated_only: bool = False) -> CoverageRows:
    """The :class:`CoverageRows` of ``plan`` in ``graph`` (already restricted to stated links
    when ``stated_only``)."""
    nodes = graph._node  # the attribute dicts, without NodeView's checks

    def ref(node: str) -> str:
        return str(nodes[node]["ref"])

    facts = plan_facts(graph, plan)
    addressed: dict[str, list[str]] = {}
    for f, found in facts.finding_actions.items():
        for al in found:
            addressed.setdefault(al.action, []).append(ref(f))
    findings = [
        FindingRow(
            ref=ref(f),
            kind=nodes[f]["finding_kind"],
            text=str(nodes[f]["text"]),
            parents=[ref(x) for x in out_nodes(graph, f, EdgeKind.PART_OF, NodeKind.FINDING)],
            derived=bool(nodes[f].get("derived")),
            handled_by=said(nodes[f].get("handled_by")),
        )
        for f in nodes_of(graph, NodeKind.FINDING, plan)
    ]
    actions = [
        ActionRow(
            ref=a.ref,
            cancelled=a.cancelled,
            link=a.link,
            findings=addressed.get(a.node, []),
            priority=None if a.priority is None else ref(a.priority),
            lacks=_lacks(a),
            inferred={ref(f): reason for f, reason in a.inferred.items()},
        )
        for a in facts.actions.values()
    ]
    gaps = []
    for m in nodes_of(graph, NodeKind.MEASURE, plan):
        missing = [k for k in ("baseline", "target") if nodes[m].get(k) is None]
        if missing:
            gaps.append(MeasureGap(ref=ref(m), text=str(nodes[m]["text"]), missing=missing))
    priorities = [
        (ref(p), str(nodes[p]["title"])) for p in nodes_of(graph, NodeKind.PRIORITY, plan)
    ]
    return CoverageRows(plan, findings, actions, priorities, gaps, stated_only)
