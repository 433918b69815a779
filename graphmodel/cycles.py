"""Cycles in a directed graph given as edges: the one cycle finder of the library."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["cycles"]


def _acyclic(edges: list[tuple[str, str]]) -> bool:
    """No circle among ``edges`` (Kahn's algorithm: every node can be taken in turn)."""
    after: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for u, v in edges:
        after.setdefault(v, []).append(u)
        after.setdefault(u, [])
        waiting[u] = waiting.get(u, 0) + 1
        waiting.setdefault(v, 0)
    ready = [n for n, count in waiting.items() if count == 0]
    taken = 0
    while ready:
        taken += 1
        for u in after[ready.pop()]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    return taken == len(waiting)


def cycles(edges: Iterable[tuple[str, str]], order: Mapping[str, int]) -> list[list[str]]:
    """The groups of nodes that ``edges`` join in a circle (self-loops included): each
    strongly connected component with a cycle, its nodes in ``order`` (nodes not in it
    last), the groups sorted by their first node.

    The one cycle finder of the library: dependencies and reporting lines of a plan
    (:mod:`graphmodel.integrity`), the dependency network of the critical path
    (:mod:`queries.schedule`) and the reporting chains (:mod:`queries.reporting`).

    Examples
    --------
    >>> cycles([("A", "B"), ("B", "A"), ("C", "C"), ("D", "A")], {"A": 1, "B": 0, "C": 2})
    [['B', 'A'], ['C']]
    >>> cycles([("A", "B")], {})
    []
    """
    edges = list(edges)
    if _acyclic(edges):  # the usual case, decided without importing networkx (150 ms)
        return []
    import networkx as nx

    graph: nx.DiGraph = nx.DiGraph()
    graph.add_edges_from(edges)
    found = []
    for component in nx.strongly_connected_components(graph):
        first = next(iter(component))
        if len(component) > 1 or graph.has_edge(first, first):
            found.append(sorted(component, key=lambda ref: order.get(ref, len(order))))
    return sorted(found, key=lambda refs: order.get(refs[0], len(order)))
