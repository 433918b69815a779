"""The pictures: network, coverage, people and governance views of a plan's graph, and
the neighbourhood of one node. The timeline of the critical path is in
:mod:`visualise.schedule`.

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

import difflib
from collections import deque
from dataclasses import replace
from typing import Any

import networkx as nx

from graphmodel.errors import UsageError
from graphmodel.graph import nodes_of, plan_ids, resolve_plan
from graphmodel.schema import EdgeKind, NodeKind, node_id, split_node_id
from queries.coverage import CoverageReport, CoverageStatus
from queries.links import owners_of
from queries.overload import OverloadReport
from queries.reporting import Governance
from visualise.model import (
    KIND_STYLE,
    Edge,
    LegendItem,
    Node,
    Style,
    View,
    display_name,
    priority_of,
    short,
    tooltip,
)

__all__ = [
    "MAX_NODES",
    "cap",
    "coverage_view",
    "focus",
    "governance_view",
    "network_view",
    "people_view",
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
MARKS = {
    "critical": "on the critical path (thick red border)",
    "overloaded": "overloaded (thick red border; the reason on hover)",
    "key person": "only owner of a finding (dashed purple border)",
    "unreachable": "reports to no top board (thick red border)",
    "cycle": "in a reporting cycle (dashed red border)",
    "focus": "the node in focus (thick blue border)",
}


def _prefix(graph: nx.MultiDiGraph, plan: str) -> str | None:
    return split_node_id(nodes_of(graph, NodeKind.PLAN, plan)[0])[0]


def _label(graph: nx.MultiDiGraph, node: str, limit: int = 34) -> str:
    data = graph.nodes[node]
    kind: NodeKind = data["kind"]
    name = display_name(graph, node)
    if kind in (NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.BOARD):
        return short(name, limit)
    ref = str(data["ref"])
    if name == ref or kind in (NodeKind.ACTION, NodeKind.MILESTONE, NodeKind.MEASURE):
        return ref  # many and wordy: the text is on hover, the picture stays readable
    return f"{ref}\n{short(name, limit)}"


def _status(graph: nx.MultiDiGraph, node: str) -> str:
    value = graph.nodes[node].get("status_value")
    return "" if value is None else str(value.value).replace("_", " ")


def _node(graph: nx.MultiDiGraph, node: str, layer: int, order: float, **kw: Any) -> Node:
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
    )
    if kind in (NodeKind.ACTION, NodeKind.OBJECTIVE, NodeKind.MILESTONE, NodeKind.PRIORITY):
        made.priority = _priority(graph, node)
    for key, value in kw.items():
        setattr(made, key, value)
    return made


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


def _edge_word(data: dict[str, Any]) -> str:
    word = str(data["kind"].value).lower().replace("_", " ")
    role = data.get("role")
    return f"{word} ({role.value})" if role is not None else word


def _legend(nodes: list[Node]) -> list[LegendItem]:
    seen: dict[str, LegendItem] = {}
    for n in nodes:
        seen.setdefault(n.style.word, LegendItem(n.style, n.style.word))
    marks = sorted({m for n in nodes for m in n.marks if m in MARKS}, key=list(MARKS).index)
    items = sorted(seen.values(), key=lambda i: i.meaning)
    style = KIND_STYLE[NodeKind.ACTION]
    return items + [LegendItem(style, MARKS[m], m) for m in marks]


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
    nodes = [_node(graph, n, layer, order) for _, layer, order, n in chosen]
    keep = {n.id for n in nodes}
    edges = [
        Edge(u, v, _edge_word(d), dashed=d["kind"] is EdgeKind.WORKS_FOR)
        for u, v, d in graph.edges(keep, data=True)
        if v in keep
    ]
    titles = [str(graph.nodes[nodes_of(graph, NodeKind.PLAN, p)[0]].get("title", p)) for p in plans]
    title = titles[0] if len(titles) == 1 else f"{len(titles)} plans"
    view = View("network", f"Everything in {title}", nodes, edges, _legend(nodes))
    if dropped:
        view.notes.append(_cap_note(len(nodes), len(found), dropped))
        view.hidden = len(found) - len(nodes)
    return view


def coverage_view(graph: nx.MultiDiGraph, report: CoverageReport) -> View:
    """Findings coloured covered / partial / uncovered, with the objectives and actions that
    address them (dashed when through an objective or priority) and the actions' owners."""
    prefix = _prefix(graph, report.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for i, f in enumerate(report.findings):
        fid = node_id(NodeKind.FINDING, f.ref, prefix)
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
        nodes[fid] = _node(graph, fid, 0, float(i), label=label, style=style, extra=facts)
        nodes[fid].status = f.status.value
        for child in f.children:
            edges.append(Edge(node_id(NodeKind.FINDING, child, prefix), fid, "part of"))
        for j, (ref, link) in enumerate(f.links.items()):
            aid = node_id(NodeKind.ACTION, ref, prefix)
            if aid not in nodes:
                nodes[aid] = _node(graph, aid, 2, i + j / 100)
            edges.append(Edge(aid, fid, f"addresses ({link.value})", dashed=link.value != "direct"))
    for aid in [n for n, v in nodes.items() if v.kind is NodeKind.ACTION]:
        for _, v, d in graph.out_edges(aid, data=True):
            if d["kind"] is EdgeKind.PART_OF and graph.nodes[v]["kind"] is NodeKind.OBJECTIVE:
                nodes.setdefault(v, _node(graph, v, 1, nodes[aid].order))
                edges.append(Edge(aid, v, "part of"))
        for party, role in owners_of(graph, aid):
            nodes.setdefault(party, _node(graph, party, 3, nodes[aid].order))
            edges.append(Edge(aid, party, f"owned by ({role.value})"))
    for oid in [n for n, v in nodes.items() if v.kind is NodeKind.OBJECTIVE]:
        for _, v, d in graph.out_edges(oid, data=True):
            if d["kind"] is EdgeKind.ADDRESSES and v in nodes:
                edges.append(Edge(oid, v, "addresses"))
    listed = list(nodes.values())
    pct = "no findings" if report.covered_percent is None else f"{report.covered_percent}% covered"
    return View("coverage", f"Coverage of the findings ({pct})", listed, edges, _legend(listed))


def people_view(graph: nx.MultiDiGraph, report: OverloadReport) -> View:
    """People, posts, organisations and boards sized by their open actions, with those open
    actions and their priorities; overloaded people and sole owners of a finding marked."""
    prefix = _prefix(graph, report.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    quiet = 0
    loads = report.people + report.organisations + report.boards
    for i, load in enumerate(loads):
        pid = node_id(NodeKind(load.kind.value), load.ref, prefix)
        leads = [
            (v, d)
            for _, v, d in graph.out_edges(pid, data=True)
            if d["kind"] in (EdgeKind.SPONSORS, EdgeKind.LEADS)
        ]
        if not load.open_actions and not leads:
            quiet += 1
            continue
        roles = ", ".join(f"{n} {k}" for k, n in load.by_role.items() if n)
        facts = [f"Open actions: {load.open_actions} ({roles or 'none'})"]
        facts.append(f"Counted for overload: {load.counted_actions} ({load.share}% of the plan's)")
        facts += [f"Overloaded: {r}" for r in load.reasons]
        if load.sole_owner_for:
            facts.append("Only owner of finding(s): " + ", ".join(load.sole_owner_for))
        marks = (["overloaded"] if load.overloaded else []) + (
            ["key person"] if load.sole_owner_for else []
        )
        label = f"{short(load.name, 36)}\n{load.open_actions} open"
        size = min(14 + 3 * load.open_actions, 70)
        layer = 2 if load.kind.value == "person" else 3
        nodes[pid] = _node(
            graph, pid, layer, float(i), label=label, size=size, marks=marks, extra=facts
        )
        for ref in load.actions:
            aid = node_id(NodeKind.ACTION, ref, prefix)
            nodes.setdefault(aid, _node(graph, aid, 1, float(i)))
            edges.append(Edge(pid, aid, "owns"))
        for v, d in leads:
            nodes.setdefault(v, _node(graph, v, 0, float(i)))
            edges.append(Edge(pid, v, _edge_word(d)))
    for aid in [n for n, v in nodes.items() if v.kind is NodeKind.ACTION]:
        ref = nodes[aid].priority
        if ref:
            pr = node_id(NodeKind.PRIORITY, ref, prefix)
            nodes.setdefault(pr, _node(graph, pr, 0, nodes[aid].order))
            edges.append(Edge(aid, pr, "part of"))
    listed = list(nodes.values())
    view = View("people", "Who owns the open actions", listed, edges, _legend(listed))
    if quiet:
        view.notes.append(f"{quiet} people, organisations or boards own no open action: not drawn.")
    return view


def governance_view(graph: nx.MultiDiGraph, gov: Governance) -> View:
    """Boards, priorities and chairs top-down from each top board; priorities and boards that
    reach no top board drawn below, marked, and reporting cycles marked."""
    from visualise.layout import tree

    prefix = _prefix(graph, gov.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    below: dict[str, list[str]] = {}
    in_cycle = {node_id(NodeKind.BOARD, r, prefix) for c in gov.cycles for r in c}
    lost = set(gov.unreachable)

    def add(kind: NodeKind, ref: str) -> str:
        nid = node_id(kind, ref, prefix)
        if nid not in nodes:
            marks = ["cycle"] if nid in in_cycle else []
            marks += ["unreachable"] if ref in lost else []
            nodes[nid] = _node(graph, nid, 0, float(len(nodes)), marks=marks)
            below[nid] = []
            for chair, _, d in graph.in_edges(nid, data=True):
                if d["kind"] is EdgeKind.MEMBER_OF and d["role"].value == "chair":
                    nodes.setdefault(chair, _node(graph, chair, 0, float(len(nodes))))
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
    roots = [node_id(t.kind, t.ref, prefix) for t in gov.tree]
    orphans: list[str] = []
    for c in gov.chains:
        if c.start in lost:
            nid = add(c.kind, c.start)
            orphans.append(nid)
            for _, v, d in graph.out_edges(nid, data=True):
                if d["kind"] is EdgeKind.REPORTS_TO:
                    mark = "cycle" if nid in in_cycle and v in in_cycle else ""
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
        nodes[nid].x, nodes[nid].y = i * 220.0, depth + 260.0
    for n in nodes.values():  # chairs of boards that are only reached as orphans
        if n.x is None:
            n.x, n.y = 0.0, depth + 400.0
    listed = list(nodes.values())
    tops = ", ".join(t.name for t in gov.tree) or "no top board"
    view = View("governance", f"Who reports to whom: {tops}", listed, edges, _legend(listed), "UD")
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
            raise UsageError(f"{ref!r} names {len(named)} nodes; write one of {sorted(named)}")
        if not named:
            refs = sorted({n.ref for n in view.nodes})
            close = difflib.get_close_matches(ref, refs, n=3)
            hint = (
                f"did you mean {' or '.join(map(repr, close))}?" if close else f"refs: {refs[:8]}"
            )
            raise UsageError(f"--focus {ref!r}: no such node in the {view.name} view; {hint}")
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
            kept.marks = [*kept.marks, "focus"]
    edges = [e for e in view.edges if e.source in seen and e.target in seen]
    title = f"{view.title}: within {depth} step(s) of {by_id[start].ref}"
    return replace(view, title=title, nodes=nodes, edges=edges, legend=_legend(nodes))


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
