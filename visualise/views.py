"""The pictures: network, coverage, people and governance views of a plan's graph, and
the neighbourhood of one node. The timeline of the critical path is in
:mod:`visualise.schedule`, the people view in :mod:`visualise.people`.

Each builder reads the typed result of its query (:func:`queries.coverage.coverage`,
:func:`queries.overload.overload`, :func:`queries.reporting.governance`) and never recomputes
an analysis; it only decides what to draw.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> v = network_view(g)
>>> len(v.nodes) == g.number_of_nodes() - 1  # every node but the plan's own
True
>>> [n.label.split("\\n")[0] for n in focus(v, "3.2", depth=1).nodes][:3]
['AFI-3', 'P3', 'P3.O1']
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import Any

import networkx as nx

from graphmodel.errors import UsageError
from graphmodel.graph import nodes_of, plan_ids, resolve_plan
from graphmodel.schema import EdgeKind, NodeKind, node_id
from queries.coverage import CoverageReport, CoverageStatus
from queries.hints import ref_hint
from queries.links import owners_of
from queries.reporting import Governance
from visualise.marks import edge_word, legend, node, prefix
from visualise.model import KIND_STYLE, KIND_WORDS, Edge, Mark, Node, Style, View, ViewName, short

__all__ = [
    "MAX_NODES",
    "cap",
    "coverage_view",
    "focus",
    "governance_view",
    "network_view",
]

MAX_NODES = 5_000
"""Above this many nodes a page is capped (:func:`cap`): measured in headless Chromium, a
redraw costs 257 ms at 5,000 nodes and 840 ms at 20,000, too slow to pan and zoom."""

_NETWORK_LAYER = {
    NodeKind.FINDING: 0,
    NodeKind.PRIORITY: 1,
    NodeKind.OBJECTIVE: 2,
    NodeKind.ACTION: 3,
    NodeKind.MILESTONE: 4,
    NodeKind.MEASURE: 5,
    NodeKind.PERSON: 6,
    NodeKind.ORGANISATION: 7,
    NodeKind.BOARD: 8,
}
_DROP_FIRST = (NodeKind.MILESTONE, NodeKind.MEASURE, NodeKind.OBJECTIVE, NodeKind.ORGANISATION)

COVERAGE_STYLE = {
    CoverageStatus.COVERED: Style("box", "#a5d6a7", "#1b5e20", "finding: covered"),
    CoverageStatus.PARTIAL: Style("box", "#ffe082", "#8d6e00", "finding: partial"),
    CoverageStatus.UNCOVERED: Style("box", "#ef9a9a", "#b71c1c", "finding: uncovered"),
}


def network_view(
    graph: nx.MultiDiGraph, plan: str | None = None, *, max_nodes: int | None = None
) -> View:
    """Every node of the plan (of every plan in the graph when ``plan`` is None) but the plan
    node itself, and every edge between them; kinds in columns, told apart by colour and
    shape. With ``max_nodes``, capped as :func:`cap` says before any node is built, so a
    huge graph costs little more than the part drawn."""
    plans = [resolve_plan(graph, plan)] if plan is not None else plan_ids(graph)
    found = [
        (kind, layer, float(i), n)
        for p in plans
        for kind, layer in _NETWORK_LAYER.items()
        for i, n in enumerate(nodes_of(graph, kind, p))
    ]
    chosen, dropped = _choose(found, max_nodes)
    nodes = [node(graph, n, layer, order) for _, layer, order, n in chosen]
    keep = {n.id for n in nodes}
    edges = [
        Edge(u, v, edge_word(d), dashed=d["kind"] is EdgeKind.WORKS_FOR)
        for u, v, d in graph.edges([n.id for n in nodes], data=True)  # a list: a set's
        if v in keep  # order would follow the hash seed and change the bytes on every run
    ]
    titles = [str(graph.nodes[nodes_of(graph, NodeKind.PLAN, p)[0]].get("title", p)) for p in plans]
    title = titles[0] if len(titles) == 1 else f"{len(titles)} plans"
    view = View(ViewName.NETWORK, f"Everything in {title}", nodes, edges, legend(nodes))
    view.priorities = {n.ref: n.text for n in nodes if n.kind is NodeKind.PRIORITY}
    if dropped:
        view.notes.append(_cap_note(len(nodes), len(found), dropped))
        view.hidden = len(found) - len(nodes)
    return view


def coverage_view(graph: nx.MultiDiGraph, report: CoverageReport) -> View:
    """Findings coloured covered / partial / uncovered, with the objectives and actions that
    address them (dashed when through an objective or priority) and the actions' owners."""
    plan_prefix = prefix(graph, report.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for i, f in enumerate(report.findings):
        fid = node_id(NodeKind.FINDING, f.ref, plan_prefix)
        facts = [f"Coverage: {f.status.value}"]
        if f.missing:
            facts.append("Missing: " + ", ".join(f.missing))
        if f.links:
            facts.append(
                "Addressed by: " + ", ".join(f"{a} ({k.value})" for a, k in f.links.items())
            )
        if f.cancelled:
            facts.append("Cancelled actions: " + ", ".join(f.cancelled))
        label = f"{f.ref} · {f.status.value}\n{short(f.text, 40)}"
        style = COVERAGE_STYLE[f.status]
        nodes[fid] = node(graph, fid, 0, float(i), label=label, style=style, extra=facts)
        nodes[fid].status = f.status.value
        for child in f.children:
            edges.append(Edge(node_id(NodeKind.FINDING, child, plan_prefix), fid, "part of"))
        for j, (ref, link) in enumerate(f.links.items()):
            aid = node_id(NodeKind.ACTION, ref, plan_prefix)
            if aid not in nodes:
                nodes[aid] = node(graph, aid, 2, i + j / 100)
            edges.append(Edge(aid, fid, f"addresses ({link.value})", dashed=link.value != "direct"))
    for aid in [n for n, v in nodes.items() if v.kind is NodeKind.ACTION]:
        for _, v, d in graph.out_edges(aid, data=True):
            if d["kind"] is EdgeKind.PART_OF and graph.nodes[v]["kind"] is NodeKind.OBJECTIVE:
                nodes.setdefault(v, node(graph, v, 1, nodes[aid].order))
                edges.append(Edge(aid, v, "part of"))
        for party, role in owners_of(graph, aid):
            nodes.setdefault(party, node(graph, party, 3, nodes[aid].order))
            edges.append(Edge(aid, party, f"owned by ({role.value})"))
    for oid in [n for n, v in nodes.items() if v.kind is NodeKind.OBJECTIVE]:
        for _, v, d in graph.out_edges(oid, data=True):
            if d["kind"] is EdgeKind.ADDRESSES and v in nodes:
                edges.append(Edge(oid, v, "addresses"))
    listed = list(nodes.values())
    pct = "no findings" if report.covered_percent is None else f"{report.covered_percent}% covered"
    return View(
        ViewName.COVERAGE, f"Coverage of the findings ({pct})", listed, edges, legend(listed)
    )


def governance_view(graph: nx.MultiDiGraph, gov: Governance) -> View:
    """Boards, priorities and chairs top-down from each top board; priorities and boards that
    reach no top board drawn below, marked, and reporting cycles marked."""
    from visualise.layout import LEVEL, tree

    plan_prefix = prefix(graph, gov.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    below: dict[str, list[str]] = {}
    in_cycle = {node_id(NodeKind.BOARD, r, plan_prefix) for c in gov.cycles for r in c}
    lost = set(gov.unreachable)

    def add(kind: NodeKind, ref: str) -> str:
        nid = node_id(kind, ref, plan_prefix)
        if nid not in nodes:
            marks = [Mark.CYCLE] if nid in in_cycle else []
            marks += [Mark.UNREACHABLE] if ref in lost else []
            nodes[nid] = node(graph, nid, 0, float(len(nodes)), marks=marks)
            below[nid] = []
            for chair, _, d in graph.in_edges(nid, data=True):
                if d["kind"] is EdgeKind.MEMBER_OF and d["role"].value == "chair":
                    nodes.setdefault(chair, node(graph, chair, 0, float(len(nodes))))
                    below[nid].append(chair)
                    edges.append(Edge(chair, nid, "chairs", dashed=True))
        return nid

    def walk(t: Any, parent: str | None) -> None:
        nid = add(t.kind, t.ref)
        if parent is not None:
            edges.append(Edge(nid, parent, "reports to"))
            if not t.repeated:
                below[parent].append(nid)
        for child in t.children:
            walk(child, nid)

    for top in gov.tree:
        walk(top, None)
    roots = [node_id(t.kind, t.ref, plan_prefix) for t in gov.tree]
    orphans: list[str] = []
    for c in gov.chains:
        if c.start in lost:
            nid = add(c.kind, c.start)
            orphans.append(nid)
            for _, v, d in graph.out_edges(nid, data=True):
                if d["kind"] is EdgeKind.REPORTS_TO:
                    mark = Mark.CYCLE if nid in in_cycle and v in in_cycle else None
                    edges.append(
                        Edge(
                            nid,
                            add(graph.nodes[v]["kind"], graph.nodes[v]["ref"]),
                            "reports to",
                            mark=mark,
                        )
                    )
    placed = tree(roots, below)
    depth = max((y for _, y in placed.values()), default=0.0)
    for i, (nid, (x, y)) in enumerate(placed.items()):
        nodes[nid].x, nodes[nid].y = x, y
        nodes[nid].order = float(i)
    for i, nid in enumerate(o for o in orphans if o not in placed):
        nodes[nid].x, nodes[nid].y = i * 200.0, depth + 150.0
    for n in nodes.values():  # chairs of boards that are only reached as orphans
        if n.x is None:
            n.x, n.y = 0.0, depth + 270.0
        n.layer = round((n.y or 0.0) / LEVEL)  # a level: a picture too wide for the window
        # is re-stacked level by level in columns, left to right (static/network.js)
    listed = list(nodes.values())
    tops = ", ".join(t.name for t in gov.tree) or "no top board"
    title = f"Who reports to whom: {tops}"
    view = View(ViewName.GOVERNANCE, title, listed, edges, legend(listed), "UD")
    if lost:
        view.notes.append(f"{len(lost)} priority(ies) or board(s) reach no top board: drawn below.")
    return view


def focus(view: View, ref: str, depth: int = 1) -> View:
    """The part of ``view`` within ``depth`` edges of the node ``ref`` (a node id, or a ref
    that names one node of the view). Raises :class:`UsageError` naming close refs."""
    by_id = {n.id: n for n in view.nodes}
    start = ref if ref in by_id else None
    if start is None:
        named = [n.id for n in view.nodes if n.ref == ref]
        if len(named) > 1:
            ids = " or ".join(map(repr, sorted(named)))
            raise UsageError(f"--focus {ref!r} names {len(named)} nodes; write {ids}")
        if not named:
            kinds = [KIND_WORDS[k][1] for k in NodeKind if any(n.kind is k for n in view.nodes)]
            hint = ref_hint(ref, sorted({n.ref for n in view.nodes}))
            raise UsageError(
                f"--focus {ref!r}: no such node in the {view.name.value} view, which draws "
                f"{', '.join(kinds) or 'nothing'} (another --view may hold it); {hint}"
            )
        start = named[0]
    around: dict[str, list[str]] = {n: [] for n in by_id}
    for e in view.edges:
        around[e.source].append(e.target)
        around[e.target].append(e.source)
    seen = {start: 0}
    todo = deque([start])
    while todo:
        n = todo.popleft()
        if seen[n] < depth:
            for m in around[n]:
                if m not in seen:
                    seen[m] = seen[n] + 1
                    todo.append(m)
    nodes = [replace(n) for n in view.nodes if n.id in seen]
    for kept in nodes:
        if kept.id == start:
            kept.marks = [*kept.marks, Mark.FOCUS]
    edges = [e for e in view.edges if e.source in seen and e.target in seen]
    title = f"{view.title}: within {depth} step(s) of {by_id[start].ref}"
    return replace(view, title=title, nodes=nodes, edges=edges, legend=legend(nodes))


_Item = tuple[NodeKind, int, float, str]  # kind, layer, order, id


def _choose(items: list[_Item], max_nodes: int | None) -> tuple[list[_Item], list[str]]:
    """At most ``max_nodes`` of ``items`` (see :func:`cap`) and the words for what was left
    out, which is empty when everything fits."""
    if max_nodes is None or len(items) <= max_nodes:
        return items, []
    dropped: list[str] = []
    for kind in _DROP_FIRST:
        if len(items) <= max_nodes:
            break
        items = [i for i in items if i[0] is not kind]
        dropped.append(KIND_STYLE[kind].word + "s")
    if len(items) > max_nodes:
        items = sorted(items, key=lambda i: (i[1], i[2]))[:max_nodes]
        dropped.append(f"the rest past the first {max_nodes:,}")
    return items, dropped


def _cap_note(shown: int, total: int, dropped: list[str]) -> str:
    return (
        f"Showing {shown:,} of {total:,} nodes (left out: {', '.join(dropped)}): more would be "
        "too slow to pan and zoom. Draw one plan, or use --focus REF --depth N."
    )


def cap(view: View, max_nodes: int = MAX_NODES) -> View:
    """``view`` with at most ``max_nodes`` nodes: milestones, measures, objectives and
    organisations are left out in that order until it fits, then the last nodes in layer
    order; a note says what was left out and how to see it."""
    items = [(n.kind, n.layer, n.order, n.id) for n in view.nodes]
    chosen, dropped = _choose(items, max_nodes)
    if not dropped:
        return view
    keep = {i[3] for i in chosen}
    nodes = [n for n in view.nodes if n.id in keep]
    edges = [e for e in view.edges if e.source in keep and e.target in keep]
    note = _cap_note(len(nodes), len(view.nodes), dropped)
    hidden = len(view.nodes) - len(nodes)
    return replace(view, nodes=nodes, edges=edges, notes=[*view.notes, note], hidden=hidden)
