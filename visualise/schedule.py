"""The critical-path view: actions and milestones left to right in time, the critical chain
on the top row and highlighted, slack and dates on hover, and, given a day, what is overdue
and what it holds up.

Each node sits at its projected (earliest) finish from :func:`queries.critical_path.critical_path`;
nodes with no date at all are drawn in an "undated" column before the first month.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from queries.critical_path import critical_path
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> v = critical_path_view(g, critical_path(g))
>>> [n.ref for n in v.nodes if "critical" in n.marks]
['3.1', '3.2', '3.3', '3.4']
>>> v.axis[:2]
[(-160.0, 'undated'), (0.0, 'Sep 2024')]
"""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

from graphmodel.schema import EdgeKind, NodeKind, node_id
from queries.critical_path import CriticalPath, Overdue, Timing
from visualise.layout import rows_needed
from visualise.model import Edge, Node, Style, View
from visualise.views import _legend, _node, _prefix

__all__ = ["critical_path_view", "x_of"]

OVERDUE = Style("box", "#ffb74d", "#e65100", "overdue on the as-of date (orange)")
HELD_UP = Style("box", "#ffe0b2", "#e65100", "held up by an overdue action (pale orange)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(t: Timing) -> date | None:
    return t.earliest_finish or t.planned_finish


def x_of(day: date, first: date, per_day: float) -> float:
    """The x of ``day`` on an axis starting at the first of ``first``'s month."""
    return (day - first.replace(day=1)).days * per_day


def _ticks(first: date, last: date, per_day: float) -> list[tuple[float, str]]:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    ticks = []
    y, m = first.year, first.month
    for i in range(0, months + 1):
        if i % step == 0:
            tick = date(y, m, 1)
            ticks.append((x_of(tick, first, per_day), f"{_MONTHS[m - 1]} {y}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


def _scale(days: list[date], first: date, last: date) -> float:
    """Pixels per day: about 1,300 px for the whole span, widened (up to 8 px a day) until
    the labels fit in 14 rows, so that a month crowded with milestones does not become a
    tall column."""
    per_day = min(max(1300.0 / max((last - first).days, 1), 0.5), 6.0)
    while per_day < 8.0 and rows_needed(x_of(d, first, per_day) for d in days) > 14:
        per_day *= 1.5
    return per_day


def _span(start: date | None, finish: date | None) -> str:
    """``"2024-07-01 to 2024-12-31"``, ``"by 2024-12-31"``, ``"from 2024-07-01"``."""
    if start is not None and finish is not None:
        return f"{start.isoformat()} to {finish.isoformat()}"
    if finish is not None:
        return f"by {finish.isoformat()}"
    return f"from {start.isoformat()}" if start is not None else "no dates"


def _fmt(day: date | None) -> str:
    return day.isoformat() if day is not None else "unknown"


def critical_path_view(
    graph: nx.MultiDiGraph, cp: CriticalPath, late: Overdue | None = None
) -> View:
    """The timeline view of ``cp``; with ``late`` (from :func:`queries.critical_path.overdue`)
    overdue actions and those they hold up are marked and today's line is drawn."""
    prefix = _prefix(graph, cp.plan)

    def nid(key: str, t: Timing) -> str:
        if t.kind == "action":
            return node_id(NodeKind.ACTION, key, prefix)
        plain = node_id(NodeKind.MILESTONE, key, prefix)
        return plain if plain in graph else node_id(NodeKind.MILESTONE, key[10:], prefix)

    days = [d for t in cp.timings.values() if (d := _day(t)) is not None]
    first, last = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 1, 1))
    if late is not None:  # today's line at most a quarter beyond the work, so it stays in view
        first = min(first, late.as_of)
        last = max(last, min(late.as_of, last + timedelta(days=92)))
    per_day = _scale(days, first, last)
    on_path = set(cp.path)
    overdue = set(late.overdue) if late is not None else set()
    held = late.held_up if late is not None else {}
    nodes: list[Node] = []
    ids: dict[str, str] = {}
    for i, (key, t) in enumerate(cp.timings.items()):
        n = nid(key, t)
        ids[key] = n
        facts = [
            f"Planned: {_span(t.planned_start, t.planned_finish)}",
            f"Projected: {_span(t.earliest_start, t.earliest_finish)}",
            f"Latest finish without delaying the plan: {_fmt(t.latest_finish)}",
            "Slack: " + ("unknown" if t.slack_days is None else f"{t.slack_days} days"),
        ]
        marks = ["critical"] if key in on_path else []
        style = None
        if key in overdue and late is not None:
            facts.append(f"Overdue on {late.as_of.isoformat()}")
            marks.append("overdue")
            style = OVERDUE
        elif key in held:
            facts.append("Held up by overdue: " + ", ".join(held[key]))
            marks.append("held up")
            style = HELD_UP
        if key in on_path:
            facts.append("On the critical path")
        day = _day(t)
        x = x_of(day, first, per_day) if day is not None else -160.0
        kw = {"style": style} if style is not None else {}
        label = t.ref if t.kind == "action" else str(graph.nodes[n]["ref"])
        nodes.append(_node(graph, n, 0, float(i), x=x, label=label, marks=marks, extra=facts, **kw))
    edges: list[Edge] = []
    pairs = set(zip(cp.path, cp.path[1:], strict=False))
    keys = {n: k for k, n in ids.items()}
    for k, n in ids.items():
        for _, v, d in graph.out_edges(n, data=True):
            if v not in keys:
                continue
            if d["kind"] is EdgeKind.DEPENDS_ON:  # drawn forward in time: prerequisite first
                mark = "critical" if (keys[v], k) in pairs else ""
                edges.append(Edge(v, n, "must finish first", mark=mark))
            elif d["kind"] is EdgeKind.PART_OF:  # a milestone of its action
                mark = "critical" if (k, keys[v]) in pairs else ""
                edges.append(Edge(n, v, "milestone of", dashed=True, mark=mark))
    title = f"Critical path: finishes {_fmt(cp.finish)}: {cp.summary}"
    # milestones first, so that an action finishing with its last milestone is drawn on top
    milestone_ids = {ids[k] for k, t in cp.timings.items() if t.kind == "milestone"}
    nodes.sort(key=lambda node: node.id not in milestone_ids)
    view = View("critical-path", title, nodes, edges, _legend(nodes))
    view.axis = _ticks(first, last, per_day) if days else []
    if any(n.x is not None and n.x < 0 for n in nodes):
        view.axis.insert(0, (-160.0, "undated"))
    if late is not None:
        beyond = late.as_of > last
        view.today = x_of(min(late.as_of, last), first, per_day)
        view.today_label = f"as of {late.as_of.isoformat()}" + (" (later) →" if beyond else "")
    if cp.cycles:
        cycles = "; ".join(" → ".join(c) for c in cp.cycles)
        view.notes.append(f"Dependency cycles, left out of the schedule: {cycles}.")
    return view
