"""Stated or inferred: which answers rest on links the document does not state.

A dependency, an addressed finding or an owner is *stated* by the document unless a
transcriber or the importer marked it *inferred*, with a short reason (see
:class:`graphmodel.model.Link` and :class:`graphmodel.model.Owner`; in the graph, an edge with
``basis`` :attr:`~graphmodel.model.Basis.INFERRED`).

* :func:`stated_graph` is the graph without its inferred links: what the document alone
  says. ``coverage(graph, stated_only=True)`` answers on it.
* :func:`inferred_links` lists the inferred links of one plan, so a report can say how much
  of its answer rests on a reader's inference.
* :func:`inferred_dependency` says whether one dependency is inferred, and why.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "actions": [{"ref": "A", "text": "a"},
...                 {"ref": "B", "text": "b", "depends_on": [
...                     {"ref": "A", "basis": "inferred", "reason": "order of the text"}]}]}))
>>> [(x.source, x.kind, x.target, x.reason) for x in inferred_links(g)]
[('B', 'DEPENDS_ON', 'A', 'order of the text')]
>>> inferred_dependency(g, "action:B", "action:A")
'order of the text'
>>> stated_graph(g).number_of_edges(), g.number_of_edges()
(0, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

import networkx as nx

from graphmodel.graph import edge_basis, nodes_of, out_edges_by_kind
from graphmodel.model import Basis
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.serialise import JsonResult, json_meta

__all__ = ["LINK_KINDS", "InferredLink", "inferred_dependency", "inferred_links", "stated_graph"]

LINK_KINDS = (EdgeKind.DEPENDS_ON, EdgeKind.ADDRESSES, EdgeKind.OWNED_BY)
"""The edge kinds whose basis a plan records."""


@dataclass(frozen=True)
class InferredLink(JsonResult):
    """One inferred link: ``source`` (an action, objective or priority ref) ``kind``
    ``target`` (a ref, or ``kind:ref`` for an owner), and why it was inferred."""

    source: str = field(metadata=json_meta(key="from"))
    kind: str
    target: str = field(metadata=json_meta(key="to"))
    reason: str | None


def stated_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` without the inferred links (nodes, index and stated edges kept)."""
    stated: nx.MultiDiGraph = graph.copy()
    stated.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in graph.edges(keys=True, data=True)
            if d.get("basis") is Basis.INFERRED
        ]
    )
    return stated


def inferred_links(graph: nx.MultiDiGraph, plan: str | None = None) -> list[InferredLink]:
    """The inferred links leaving the actions, objectives and priorities of ``plan`` (every
    plan when None), in document order."""
    nodes = graph._node
    found = []
    for kind in (NodeKind.PRIORITY, NodeKind.OBJECTIVE, NodeKind.ACTION):
        for n in nodes_of(graph, kind, plan):
            for edge in LINK_KINDS:
                for v, d in out_edges_by_kind(graph, n).get(edge, ()):
                    basis, reason = edge_basis(d)
                    if basis is Basis.INFERRED:
                        target = nodes[v]["ref"]
                        if edge is EdgeKind.OWNED_BY:
                            target = f"{nodes[v]['kind'].value}:{target}"
                        found.append(InferredLink(nodes[n]["ref"], edge.value, target, reason))
    return found


def inferred_dependency(graph: nx.MultiDiGraph, action: str, prerequisite: str) -> str | None:
    """The reason ``action`` (a node id) depends on ``prerequisite`` when that dependency is
    inferred (``""`` if it gives none); None when it is stated or absent."""
    keyed = graph._succ[action].get(prerequisite, {})  # the edges between the two only
    for d in sorted(keyed.values(), key=_POSITION):
        if d["kind"] is EdgeKind.DEPENDS_ON:
            basis, reason = edge_basis(d)
            if basis is Basis.INFERRED:
                return reason or ""
    return None


_POSITION = itemgetter("i")
"""An edge's place in the list it came from."""
