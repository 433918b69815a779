"""What every view builder shares: the marks a node can carry, the node made from the graph,
the legend of a list of nodes, the word for an edge, and the plan's node-id prefix.

The builders (:mod:`visualise.views`, :mod:`visualise.schedule`, :mod:`visualise.people`)
import these; none of them reaches into another's private names.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> made = node(g, "action:3.2", 0, 0.0, marks=[Mark.CRITICAL])
>>> made.label, made.priority, [i.meaning for i in legend([made])]
('3.2', 'P3', ['action', 'on the critical path (thick red border)'])
>>> Mark("held up") is Mark.HELD_UP
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphmodel.graph import nodes_of
from graphmodel.schema import EdgeKind, NodeKind, split_node_id
from visualise.model import (
    KIND_STYLE,
    LegendItem,
    Mark,
    Node,
    display_name,
    distinct,
    priority_of,
    short,
    tooltip,
)

__all__ = [
    "MARK_WORDS",
    "NAME_LIMIT",
    "Mark",
    "edge_word",
    "legend",
    "node",
    "prefix",
    "tell_apart",
]


MARK_WORDS: dict[Mark, str] = {
    Mark.CRITICAL: "on the critical path (thick red border)",
    Mark.OVERLOADED: "overloaded (thick red border; the reason on hover)",
    Mark.KEY_PERSON: "only owner of a finding (dashed purple border)",
    Mark.UNREACHABLE: "reports to no top board (thick red border)",
    Mark.CYCLE: "in a reporting cycle (dashed red border)",
    Mark.FOCUS: "the node in focus (thick black border)",
}
"""The marks a network legend explains, in the legend's order, with their meaning."""


def prefix(graph: nx.MultiDiGraph, plan: str) -> str | None:
    """The node-id prefix of ``plan`` in ``graph`` (None when the graph holds one plan)."""
    return split_node_id(nodes_of(graph, NodeKind.PLAN, plan)[0])[0]


NAME_LIMIT = 34
"""Characters of a person's, organisation's or board's name in its label."""
_NAMED = (NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.BOARD)


def tell_apart(nodes: list[Node]) -> None:
    """Relabel the people, organisations and boards among ``nodes`` whose names their labels
    cut the same way (sixteen boards all ``SEND Improvement Board…``) with the words that
    tell them apart (:func:`visualise.model.distinct`); other labels are left as they are."""
    named = [n for n in nodes if n.kind in _NAMED and n.label == short(n.text, NAME_LIMIT)]
    for n, label in zip(named, distinct([n.text for n in named], NAME_LIMIT), strict=True):
        n.label = label


def _label(graph: nx.MultiDiGraph, node: str, limit: int = NAME_LIMIT) -> str:
    data = graph.nodes[node]
    kind: NodeKind = data["kind"]
    name = display_name(graph, node)
    if kind in _NAMED:
        return short(name, limit)
    ref = str(data["ref"])
    if name == ref or kind in (NodeKind.ACTION, NodeKind.MILESTONE, NodeKind.MEASURE):
        return ref  # many and wordy: the text is on hover, the picture stays readable
    return f"{ref}\n{short(name, limit)}"


def _status(graph: nx.MultiDiGraph, node: str) -> str:
    value = graph.nodes[node].get("status_value")
    return "" if value is None else str(value.value).replace("_", " ")


def _priority(graph: nx.MultiDiGraph, node: str) -> str:
    kind = graph.nodes[node]["kind"]
    if kind is NodeKind.PRIORITY:
        return str(graph.nodes[node]["ref"])
    if kind is NodeKind.OBJECTIVE:
        up = [v for _, v, d in graph.out_edges(node, data=True) if d["kind"] is EdgeKind.PART_OF]
        return str(graph.nodes[up[0]]["ref"]) if up else ""
    if kind is NodeKind.MILESTONE:
        up = [v for _, v, d in graph.out_edges(node, data=True) if d["kind"] is EdgeKind.PART_OF]
        return priority_of(graph, up[0]) if up else ""
    return priority_of(graph, node)


def node(graph: nx.MultiDiGraph, node: str, layer: int, order: float, **kw: Any) -> Node:
    """The picture's :class:`~visualise.model.Node` for the graph node ``node``, in column
    ``layer`` at ``order``: its label (the ref, and a short name where that helps), its
    tooltip (with ``extra`` lines), the style of its kind, its status and priority for the
    page's filters. Other keywords (``label``, ``style``, ``marks``, ...) set those fields."""
    data = graph.nodes[node]
    kind: NodeKind = data["kind"]
    extra = kw.pop("extra", None)
    made = Node(
        id=node,
        ref=str(data["ref"]),
        label=kw.pop("label", None) or _label(graph, node),
        kind=kind,
        title=tooltip(graph, node, extra),
        style=kw.pop("style", KIND_STYLE[kind]),
        layer=layer,
        order=order,
        status=_status(graph, node),
        text=display_name(graph, node),
    )
    if kind in (NodeKind.ACTION, NodeKind.OBJECTIVE, NodeKind.MILESTONE, NodeKind.PRIORITY):
        made.priority = _priority(graph, node)
    for key, value in kw.items():
        setattr(made, key, value)
    return made


def edge_word(data: dict[str, Any]) -> str:
    """How an edge of the graph (its attribute dict) is named on hover: its kind in words,
    with its role when it has one (``owned by (accountable)``)."""
    word = str(data["kind"].value).lower().replace("_", " ")
    role = data.get("role")
    return f"{word} ({role.value})" if role is not None else word


def legend(nodes: list[Node]) -> list[LegendItem]:
    """The legend of ``nodes``: one line per style (by its word), then one per mark of
    :data:`MARK_WORDS` that some node carries, in that order."""
    seen: dict[str, LegendItem] = {}
    for n in nodes:
        seen.setdefault(n.style.word, LegendItem(n.style, n.style.word))
    marks = sorted(
        {m for n in nodes for m in n.marks if m in MARK_WORDS}, key=list(MARK_WORDS).index
    )
    items = sorted(seen.values(), key=lambda i: i.meaning)
    style = KIND_STYLE[NodeKind.ACTION]
    return items + [LegendItem(style, MARK_WORDS[m], m) for m in marks]
