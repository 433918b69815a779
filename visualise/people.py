"""The people view: who owns the open actions. One row per person or post (then per
organisation and board) with a bar of their open actions split by role, the overload
threshold as a dashed line, overloaded people and sole owners of a finding flagged in words,
and each person's actions listed on click (and on hover).

The view is a :class:`~visualise.model.View` like the others, so ``--focus`` works on it:
people, the open actions they own and those actions' priorities, linked by edges; each party
node carries its :class:`~queries.overload.OwnerLoad` and :func:`people_block` draws the
table from the nodes and edges that are left.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from queries.overload import overload
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> v = people_view(g, overload(g))
>>> html = people_block(v)
>>> "<b>Gwen Llŷr</b>" in html and "only owner of finding(s) AFI-4" in html
True
"""

from __future__ import annotations

from html import escape

import networkx as nx

from graphmodel.schema import EdgeKind, NodeKind, node_id
from queries.links import owners_of
from queries.overload import OverloadReport, OverloadRule
from visualise.charts import FONT
from visualise.model import Edge, Node, View, short
from visualise.views import _edge_word, _legend, _node, _prefix

__all__ = ["ROLE_STYLE", "people_block", "people_view"]

ROLE_STYLE = {  # role -> (fill, border, words); Okabe–Ito blue, orange, pale blue
    "responsible": ("#0072b2", "#003c5e", "responsible: does the work (solid dark)"),
    "accountable": ("#e69f00", "#7a5400", "accountable: answers for it (hatched)"),
    "involved": ("#cfe8f7", "#0b4f7a", "involved: helps (pale)"),
}


def people_view(graph: nx.MultiDiGraph, report: OverloadReport) -> View:
    """People, posts, organisations and boards with their open actions (each edge says the
    role) and those actions' priorities; overloaded people and sole owners of a finding
    marked. Parties with no open action and nothing they lead are counted in a note."""
    prefix = _prefix(graph, report.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    quiet = 0
    loads = report.people + report.organisations + report.boards
    for i, load in enumerate(loads):
        pid = node_id(NodeKind(load.kind.value), load.ref, prefix)
        if not load.open_actions:
            quiet += 1
            continue
        facts = [f"Open actions: {load.open_actions} ({load.share}% of the plan's)"]
        facts += [f"Overloaded: {r}" for r in load.reasons]
        if load.sole_owner_for:
            facts.append("Only owner of finding(s): " + ", ".join(load.sole_owner_for))
        marks = (["overloaded"] if load.overloaded else []) + (
            ["key person"] if load.sole_owner_for else []
        )
        label = f"{short(load.name, 36)}\n{load.open_actions} open"
        layer = 2 if load.kind.value == "person" else 3
        made = _node(graph, pid, layer, float(i), label=label, marks=marks, extra=facts)
        made.load = load
        nodes[pid] = made
        for ref in load.actions:
            aid = node_id(NodeKind.ACTION, ref, prefix)
            nodes.setdefault(aid, _node(graph, aid, 1, float(i)))
            roles = [r.value for p, r in owners_of(graph, aid) if p == pid] or ["responsible"]
            edges.append(Edge(pid, aid, f"owns ({roles[0]})"))
        for _, v, d in graph.out_edges(pid, data=True):
            if d["kind"] in (EdgeKind.SPONSORS, EdgeKind.LEADS):
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
    view.rule = report.rule
    if quiet:
        view.notes.append(
            f"{quiet} people, organisations or boards own no open action: not listed."
        )
    return view


def _bar(roles: dict[str, int], most: int, limit: float | None) -> str:
    width, height = 300, 22
    scale = (width - 10) / max(most, 1)
    parts = [
        f'<svg width="{width}" height="{height}" aria-hidden="true" font-family="{FONT}">'
        '<defs><pattern id="ag-acc" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" '
        'stroke-width="2"/></pattern></defs>'
    ]
    x = 0.0
    for role, (fill, border, _) in ROLE_STYLE.items():
        n = roles.get(role, 0)
        if not n:
            continue
        w = n * scale
        parts.append(
            f'<rect x="{x:.1f}" y="3" width="{w:.1f}" height="16" fill="{fill}" stroke="{border}"/>'
        )
        if role == "accountable":
            parts.append(
                f'<rect x="{x:.1f}" y="3" width="{w:.1f}" height="16" fill="url(#ag-acc)"/>'
            )
        x += w
    if limit is not None and limit <= most:
        at = limit * scale
        parts.append(
            f'<line x1="{at:.1f}" y1="0" x2="{at:.1f}" y2="{height}" stroke="#000000" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(view: View, parties: list[Node], most: int) -> str:
    by_id = {n.id: n for n in view.nodes}
    owned: dict[str, list[tuple[Node, str]]] = {p.id: [] for p in parties}
    for e in view.edges:
        if e.source in owned and e.label.startswith("owns ("):
            owned[e.source].append((by_id[e.target], e.label[6:-1]))
    limit = float(view.rule.max_open) if view.rule is not None else None
    rows = []
    for p in parties:
        load = p.load
        what = [load.post, load.organisation] if load.kind.value == "person" else [load.kind.value]
        sub = escape(" · ".join(w for w in what if w and w != load.name))
        counts = ", ".join(f"{n} {r}" for r, n in load.by_role.items() if n)
        flags = []
        if load.overloaded:
            flags.append(
                f'<span class="flag over">⚠ overloaded: {escape("; ".join(load.reasons))}</span>'
            )
        if load.sole_owner_for:
            flags.append(
                '<span class="flag sole">◆ only owner of finding(s) '
                f"{escape(', '.join(load.sole_owner_for))}</span>"
            )
        items = "".join(
            f"<li><b>{escape(a.ref)}</b> {escape(short(a.text or a.title.split(chr(10))[1], 90))}"
            f'<span class="sub"> — {escape(role)}'
            f"{', ' + escape(a.priority) if a.priority else ''}</span></li>"
            for a, role in owned[p.id]
        )
        listing = (
            f"<details><summary>{len(owned[p.id])} action(s)</summary><ol>{items}</ol></details>"
            if items
            else ""
        )
        tip = escape(f"{load.name}: " + "; ".join(a.ref for a, _ in owned[p.id]))
        cls = ' class="over"' if load.overloaded else ""
        rows.append(
            f'<tr{cls} title="{tip}"><td class="who"><b>{escape(load.name)}</b>'
            f"{'<br><span class=sub>' + sub + '</span>' if sub else ''}</td>"
            f'<td class="bar">{_bar(load.by_role, most, limit)}</td>'
            f'<td class="num"><b>{load.open_actions}</b><br><span class="sub">{escape(counts)}'
            f"</span></td><td>{'<br>'.join(flags)}</td><td>{listing}</td></tr>"
        )
    head = (
        "<tr><th>person or post</th><th>open actions by role</th><th>open</th>"
        "<th>flags</th><th>their actions (click)</th></tr>"
    )
    return f'<table class="people">{head}{"".join(rows)}</table>'


def people_block(view: View) -> str:
    """The people view as an HTML fragment: notes, legend and one table per kind of party,
    busiest first."""
    parties = [n for n in view.nodes if n.load is not None]
    parties.sort(key=lambda n: (-n.load.open_actions, n.load.name.lower(), n.id))
    most = max([n.load.open_actions for n in parties] + [1])
    rule: OverloadRule | None = view.rule
    if rule is not None:
        most = max(most, rule.max_open)
    said = [*view.notes] if parties else [*view.notes, "Nobody owns an open action."]
    notes = "".join(f'<p class="sub">{escape(s)}</p>' for s in said)
    swatches = "".join(
        f'<li><svg width="30" height="20" aria-hidden="true"><rect x="2" y="3" width="26" '
        f'height="14" fill="{fill}" stroke="{border}"/>'
        + (
            '<line x1="6" y1="17" x2="16" y2="3" stroke="#000" stroke-width="2"/>'
            '<line x1="16" y1="17" x2="26" y2="3" stroke="#000" stroke-width="2"/>'
            if role == "accountable"
            else ""
        )
        + f"</svg><span>{escape(words)}</span></li>"
        for role, (fill, border, words) in ROLE_STYLE.items()
    )
    if rule is not None:
        swatches += (
            '<li><svg width="30" height="20" aria-hidden="true"><line x1="15" y1="0" x2="15" '
            'y2="20" stroke="#000" stroke-width="2" stroke-dasharray="4 3"/></svg>'
            f"<span>overloaded from {rule.max_open} open actions (dashed line)</span></li>"
        )
    swatches += (
        "<li><span>⚠ overloaded (thick left border)</span></li>"
        "<li><span>◆ only owner of a finding: nobody else would carry it</span></li>"
    )
    legend = f'<ul class="legend" aria-label="Legend">{swatches}</ul>'
    people = [n for n in parties if n.kind is NodeKind.PERSON]
    others = [n for n in parties if n.kind is not NodeKind.PERSON]
    body = _table(view, people, most) if people else ""
    if others:
        body += f"<h2>Organisations and boards</h2>{_table(view, others, most)}"
    return f'<div id="people" class="picture">{notes}{legend}{body}</div>' + (
        "\n<script>window.actiongraph = {ready: true};</script>"
    )
