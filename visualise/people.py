"""The people view: who owns the open actions. One row per person or post (then per
organisation and board) with a bar of their open actions split by role, the overload
thresholds across people's bars (:func:`overload_lines`: open actions dashed, a share of the
plan dotted), overloaded people and sole owners of a finding flagged in words,
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

from typing import Any

import networkx as nx

from graphmodel.schema import EdgeKind, NodeKind, node_id
from queries.links import owners_of
from queries.overload import OverloadReport, OverloadRule
from visualise.charts import FONT
from visualise.marks import edge_word, legend, node, prefix
from visualise.model import Edge, Mark, Node, View, ViewName, short
from visualise.templating import render

__all__ = ["LIMIT_DASHES", "ROLE_STYLE", "overload_lines", "people_block", "people_view"]

ROLE_STYLE = {  # role -> (fill, border, words); Okabe–Ito blue, orange, pale blue
    "responsible": ("#0072b2", "#003c5e", "responsible: does the work (solid dark)"),
    "accountable": ("#e69f00", "#7a5400", "accountable: answers for it (hatched)"),
    "involved": ("#cfe8f7", "#0b4f7a", "involved: helps (pale)"),
}

LIMIT_DASHES = ("4 3", "1 3")
"""The overload lines of :func:`overload_lines`: the first dashed, the second dotted."""


def overload_lines(rule: OverloadRule, total_open: int) -> list[tuple[float, str]]:
    """Where a person becomes overloaded, as lines across a bar of their counted open
    actions: at ``max_open``, and at their share of the plan's open actions when that comes
    first (for the people view and the report alike).

    >>> for line in overload_lines(OverloadRule(), 27):
    ...     print(line)
    (12.0, 'overloaded from 12 open actions (responsible)')
    (5.4, 'or from 20% of all 27 open (5.4)')
    """
    roles = " and ".join(rule.count_roles)
    lines = [(float(rule.max_open), f"overloaded from {rule.max_open} open actions ({roles})")]
    share = max(rule.min_open_for_share, rule.max_share * total_open)
    if share < rule.max_open:
        pct = f"{100 * rule.max_share:g}%"
        lines.append((share, f"or from {pct} of all {total_open} open ({share:g})"))
    return lines


def people_view(graph: nx.MultiDiGraph, report: OverloadReport) -> View:
    """People, posts, organisations and boards with their open actions (each edge says the
    role) and those actions' priorities; overloaded people and sole owners of a finding
    marked. Parties with no open action and nothing they lead are counted in a note."""
    plan_prefix = prefix(graph, report.plan)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    quiet = 0
    loads = report.people + report.organisations + report.boards
    for i, load in enumerate(loads):
        pid = node_id(NodeKind(load.kind.value), load.ref, plan_prefix)
        if not load.open_actions:
            quiet += 1
            continue
        facts = [f"Open actions: {load.open_actions} ({load.share}% of the plan's)"]
        facts += [f"Overloaded: {r}" for r in load.reasons]
        if load.sole_owner_for:
            facts.append("Only owner of finding(s): " + ", ".join(load.sole_owner_for))
        marks = ([Mark.OVERLOADED] if load.overloaded else []) + (
            [Mark.KEY_PERSON] if load.sole_owner_for else []
        )
        label = f"{short(load.name, 36)}\n{load.open_actions} open"
        layer = 2 if load.kind.value == "person" else 3
        made = node(graph, pid, layer, float(i), label=label, marks=marks, extra=facts)
        made.load = load
        nodes[pid] = made
        for ref in load.actions:
            aid = node_id(NodeKind.ACTION, ref, plan_prefix)
            nodes.setdefault(aid, node(graph, aid, 1, float(i)))
            roles = [r.value for p, r in owners_of(graph, aid) if p == pid] or ["responsible"]
            edges.append(Edge(pid, aid, f"owns ({roles[0]})"))
        for _, v, d in graph.out_edges(pid, data=True):
            if d["kind"] in (EdgeKind.SPONSORS, EdgeKind.LEADS):
                nodes.setdefault(v, node(graph, v, 0, float(i)))
                edges.append(Edge(pid, v, edge_word(d)))
    for aid in [n for n, v in nodes.items() if v.kind is NodeKind.ACTION]:
        ref = nodes[aid].priority
        if ref:
            pr = node_id(NodeKind.PRIORITY, ref, plan_prefix)
            nodes.setdefault(pr, node(graph, pr, 0, nodes[aid].order))
            edges.append(Edge(aid, pr, "part of"))
    listed = list(nodes.values())
    view = View(ViewName.PEOPLE, "Who owns the open actions", listed, edges, legend(listed))
    view.rule = report.rule
    view.limits = overload_lines(report.rule, report.total_open)
    if quiet:
        view.notes.append(
            f"{quiet} people, organisations or boards own no open action: not listed."
        )
    return view


def _bar(
    roles: dict[str, int], most: int, limits: list[tuple[float, str]], counted: tuple[str, ...]
) -> dict[str, Any]:
    """The pieces of one person's bar: a part per role (x, width, role), the roles the rule
    counts first so the overload lines measure them, and each line's x and dashes."""
    scale = (300 - 10) / max(most, 1)
    parts, x = [], 0.0
    for role in sorted(ROLE_STYLE, key=lambda r: r not in counted):
        n = roles.get(role, 0)
        if n:
            parts.append({"x": x, "width": n * scale, "role": role})
            x += n * scale
    lines = [(at * scale, dash) for (at, _), dash in zip(limits, LIMIT_DASHES, strict=False)]
    return {"parts": parts, "lines": lines}


def _party(view: View, p: Node, owned: list[tuple[Node, str]], most: int) -> dict[str, Any]:
    """One row of a people table: who, their bar, their counts, flags and actions."""
    load = p.load
    counted = view.rule.count_roles if view.rule is not None else ()
    what = [load.post, load.organisation] if load.kind.value == "person" else [load.kind.value]
    return {
        "load": load,
        "sub": " · ".join(w for w in what if w and w != load.name),
        "bar": _bar(
            load.by_role, most, view.limits if load.kind.value == "person" else [], counted
        ),
        "counts": ", ".join(f"{n} {r}" for r, n in load.by_role.items() if n),
        "actions": [
            (a.ref, short(a.text or a.title.split("\n")[1], 90), role, a.priority)
            for a, role in owned
        ],
        "tip": f"{load.name}: " + "; ".join(a.ref for a, _ in owned),
    }


def _table(view: View, parties: list[Node], most: int) -> list[dict[str, Any]]:
    by_id = {n.id: n for n in view.nodes}
    owned: dict[str, list[tuple[Node, str]]] = {p.id: [] for p in parties}
    for e in view.edges:
        if e.source in owned and e.label.startswith("owns ("):
            owned[e.source].append((by_id[e.target], e.label[6:-1]))
    return [_party(view, p, owned[p.id], most) for p in parties]


def people_block(view: View) -> str:
    """The people view as an HTML fragment (``templates/people.html``): notes, legend and
    one table per kind of party, busiest first. The overload lines cross only people's bars
    (organisations and boards are never overloaded) and measure the roles the rule counts,
    drawn first; the legend says which roles do not count."""
    parties = [n for n in view.nodes if n.load is not None]
    parties.sort(key=lambda n: (-n.load.open_actions, n.load.name.lower(), n.id))
    most = max([n.load.open_actions for n in parties] + [1])
    most = max([most, *(at for at, _ in view.limits)])
    said = [*view.notes] if parties else [*view.notes, "Nobody owns an open action."]
    people = [n for n in parties if n.kind is NodeKind.PERSON]
    others = [n for n in parties if n.kind is not NodeKind.PERSON]
    return render(
        "people.html",
        said=said,
        roles=ROLE_STYLE,
        limits=list(zip(view.limits, LIMIT_DASHES, strict=False)),
        uncounted=[r for r in ROLE_STYLE if view.rule and r not in view.rule.count_roles],
        font=FONT,
        people=_table(view, people, most),
        others=_table(view, others, most),
    )
