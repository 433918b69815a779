"""The critical-path view: a timeline (Gantt) of the critical chain and the actions near it,
on the plan's own date range, with overdue actions, those they hold up and date conflicts
marked in shape and words; the rest of the plan one click away (every action, a priority, a
search) or through ``--focus``.

The view is a :class:`~visualise.model.View` like the others (so :func:`visualise.views.focus`
and :func:`visualise.views.cap` work on it); each node carries its projected dates, and
:func:`timeline_block` draws the nodes as rows with :func:`visualise.charts.gantt`.

An action is *near* the chain when it is overdue or held up, in a date conflict, depends on
or is depended on by a step of the chain, or has at most :data:`NEAR_SLACK` days of slack;
the chain and the nearest of these (least slack first) are shown first, at most
:data:`FIRST_ROWS` rows (when nothing is on or near a chain, the first rows by date). Chains
that tie for the finish are all critical. An action the schedule moved later than its
written due date also shows that date (a hollow circle).

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from queries.critical_path import critical_path
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> v = critical_path_view(g, critical_path(g))
>>> [n.ref for n in v.nodes if "critical" in n.marks]
['3.1', '3.2', '3.3', '3.4']
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import NamedTuple

import networkx as nx

from graphmodel.model import Basis
from graphmodel.schema import EdgeKind, NodeKind
from queries.critical_path import CriticalPath, Overdue
from queries.path_results import timing_node
from visualise.charts import ROW, TOP, GanttRow, gantt, gantt_legend, plan_range
from visualise.marks import legend, node, prefix
from visualise.model import Edge, Mark, Node, RowGroup, View, ViewName, display_name
from visualise.templating import ours, render

__all__ = [
    "FIRST_ROWS",
    "NEAR_SLACK",
    "Dates",
    "critical_path_view",
    "first_rows_said",
    "gantt_rows",
    "timeline_block",
    "timeline_dates",
]

NEAR_SLACK = 31
FIRST_ROWS = 28
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _span(start: date | None, finish: date | None) -> str:
    """``"2024-07-01 to 2024-12-31"``, ``"by 2024-12-31"``, ``"from 2024-07-01"``."""
    if start is not None and finish is not None:
        return f"{start.isoformat()} to {finish.isoformat()}"
    if finish is not None:
        return f"by {finish.isoformat()}"
    return f"from {start.isoformat()}" if start is not None else "no dates"


def _fmt(day: date | None) -> str:
    return day.isoformat() if day is not None else "unknown"


def _month(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def critical_path_view(
    graph: nx.MultiDiGraph, cp: CriticalPath, late: Overdue | None = None
) -> View:
    """The timeline view of ``cp``; with ``late`` (from :func:`queries.critical_path.overdue`)
    overdue actions and those they hold up are marked and today's line is drawn when today
    falls inside or near the plan's dates."""
    plan_prefix = prefix(graph, cp.plan)

    tied = cp.tied if cp.path else []  # chains ending on the finish day too
    on_path = set(cp.path).union(*tied)
    overdue = set(late.overdue) if late is not None else set()
    held = late.held_up if late is not None else {}
    conflicts: dict[str, list[str]] = {}
    for c in cp.date_conflicts:
        conflicts.setdefault(c.action, []).append(c.message)
    ids = {key: timing_node(graph, plan_prefix, t) for key, t in cp.timings.items()}
    keys = {n: k for k, n in ids.items()}
    edges: list[Edge] = []
    pairs = {pair for chain in [cp.path, *tied] for pair in pairwise(chain)}
    touches: set[str] = set()
    for k, n in ids.items():
        for _, v, d in graph.out_edges(n, data=True):
            if v not in keys:
                continue
            if d["kind"] is EdgeKind.DEPENDS_ON:  # drawn forward in time: prerequisite first
                mark = Mark.CRITICAL if (keys[v], k) in pairs else None
                if d.get("basis") is Basis.INFERRED:  # a reader's inference: dashed, and why
                    why = f"must finish first (inferred: {d.get('reason') or 'no reason given'})"
                    edges.append(Edge(v, n, why, dashed=True, mark=mark))
                else:
                    edges.append(Edge(v, n, "must finish first", mark=mark))
            elif d["kind"] is EdgeKind.PART_OF:  # a milestone of its action
                mark = Mark.CRITICAL if (k, keys[v]) in pairs else None
                edges.append(Edge(n, v, "milestone of", dashed=True, mark=mark))
            else:
                continue
            if k in on_path:
                touches.add(keys[v])
            if keys[v] in on_path:
                touches.add(k)
    nodes: list[Node] = []
    for i, (key, t) in enumerate(cp.timings.items()):
        n = ids[key]
        facts = [
            f"Planned: {_span(t.planned_start, t.planned_finish)}",
            f"Projected: {_span(t.earliest_start, t.earliest_finish)}",
            f"Latest finish without delaying the plan: {_fmt(t.latest_finish)}",
            "Slack: " + ("unknown" if t.slack_days is None else f"{t.slack_days} days"),
        ]
        marks = [Mark.CRITICAL] if key in on_path else []
        if key in overdue and late is not None:
            facts.append(f"Overdue on {late.as_of.isoformat()}")
            marks.append(Mark.OVERDUE)
        elif key in held:
            facts.append("Held up by overdue: " + ", ".join(held[key]))
            marks.append(Mark.HELD_UP)
        if key in conflicts:
            facts += [f"Date conflict: {c}" for c in conflicts[key]]
            marks.append(Mark.DATE_CONFLICT)
        if key in on_path:
            facts.append("On the critical path")
        near = bool(marks) or key in touches
        near = near or (t.slack_days is not None and t.slack_days <= NEAR_SLACK)
        label = t.ref if t.kind is NodeKind.ACTION else str(graph.nodes[n]["ref"])
        made = node(graph, n, 0, float(i), label=label, marks=marks, extra=facts)
        made.start, made.finish = t.earliest_start, t.earliest_finish
        if t.planned_finish and t.earliest_finish and t.planned_finish < t.earliest_finish:
            made.due = t.planned_finish  # the written date, drawn where the reader wrote it
        made.group = (
            RowGroup.CRITICAL if key in on_path else RowGroup.NEAR if near else RowGroup.REST
        )
        made.slack = t.slack_days
        made.text = display_name(graph, n)
        nodes.append(made)
    inferred = {(st.prerequisite, st.action) for st in cp.inferred_steps}

    def arrow(before: str, ref: str) -> str:
        return (" ⇢ " if (before, ref) in inferred else " → ") + ref

    if len(cp.path) <= 6:
        chain = cp.path[0] + "".join(map(arrow, cp.path, cp.path[1:])) if cp.path else ""
    else:
        chain = f"{cp.path[0]} → … → {cp.path[-1]}"
    if cp.finish is None:
        title = f"Critical path: the plan has no finish date ({cp.summary})"
    elif not cp.path:
        title = f"Critical path: the plan finishes {_fmt(cp.finish)} ({cp.summary})"
    else:
        title = (
            f"Critical path: the plan finishes {_fmt(cp.finish)}, "
            f"{len(cp.path)} step(s) in a chain ({chain})"
        )
    if len(tied) > 1:
        title += f"; {len(tied)} chains tie, each drawn as critical"
    if inferred:
        title += f"; {len(inferred)} step(s) inferred, not stated: dashed"
    view = View(ViewName.CRITICAL_PATH, title, nodes, edges, legend(nodes))
    view.as_of = late.as_of if late is not None else None
    if cp.cycles:
        cycles = "; ".join(" → ".join(c) for c in cp.cycles)
        view.notes.append(
            f"Dependency cycles (their links are left out of the schedule): {cycles}."
        )
    return view


def gantt_rows(view: View, first_rows: int = FIRST_ROWS) -> list[GanttRow]:
    """The rows of ``view``: the chain in its order, then the actions near it by slack and
    date, then the rest by date; rows past the chain and the ``first_rows`` nearest are in
    the group ``rest`` (hidden until asked for). A focused or small view shows every row; a
    view with nothing on or near a chain (no dependencies, no dates) its first ``first_rows``
    by date."""
    crit = [n for n in view.nodes if n.group is RowGroup.CRITICAL]
    order = {n.id: i for i, n in enumerate(crit)}
    crit.sort(key=lambda n: order[n.id])

    def when(n: Node) -> tuple[date, date, float]:
        far = date.max
        return (n.start or n.finish or far, n.finish or far, n.order)

    near = sorted(
        (n for n in view.nodes if n.group is RowGroup.NEAR),
        key=lambda n: (n.slack if n.slack is not None else 10**6, *when(n)),
    )
    close = (RowGroup.CRITICAL, RowGroup.NEAR)
    rest = sorted((n for n in view.nodes if n.group not in close), key=when)
    room = max(first_rows - len(crit), 0)
    everything = len(view.nodes) <= first_rows or any(Mark.FOCUS in n.marks for n in view.nodes)
    shown = crit + sorted(near[:room], key=when)
    hidden = [] if everything else sorted(near[room:] + rest, key=when)
    if everything:
        shown = crit + sorted(near + rest, key=when)
    elif not shown:  # nothing is on or near a chain: the first rows by date, not none
        shown, hidden = rest[:first_rows], rest[first_rows:]
    return [
        _row(n, RowGroup.CRITICAL if n.group is RowGroup.CRITICAL else RowGroup.NEAR) for n in shown
    ] + [_row(n, RowGroup.REST) for n in hidden]


def _row(n: Node, group: RowGroup) -> GanttRow:
    marks = tuple(m for m in n.marks if m is not Mark.FOCUS)
    return GanttRow(n.label, n.text, n.start, n.finish, marks, n.title, group, n.priority, n.due)


class Dates(NamedTuple):
    """What a timeline says about its dates and how it draws them (:func:`timeline_dates`)."""

    said: list[str]
    """The plan's dates in words, and why today's line is not drawn when it is not; none
    when no row has a date."""
    span: tuple[date, date] | None
    """The span drawn: the rows' dates, with today when it is near them."""
    today_drawn: bool


def timeline_dates(rows: list[GanttRow], today: date | None) -> Dates:
    """The dates of a timeline of ``rows`` on ``today``, for the view and the report alike."""
    span, full = plan_range(rows), plan_range(rows, today)
    drawn = today is not None and full is not None and full[0] <= today <= full[1]
    if span is None:
        return Dates([], full, drawn)
    dates = f"Plan dates: {_month(span[0])} to {_month(span[1] - _DAY)}."
    if today is not None and not drawn:
        where = "after" if today > span[1] else "before"
        dates += f" Today ({today.isoformat()}) is long {where} them: no line is drawn."
    return Dates([dates], full, drawn)


def first_rows_said(view: View, rows: list[GanttRow]) -> str:
    """What the rows shown first are, in words: ``the critical chain and the 11 step(s)
    nearest it``, or the first rows by date when nothing is on or near a chain."""
    first = sum(r.group is not RowGroup.REST for r in rows)
    close = (RowGroup.CRITICAL, RowGroup.NEAR)
    if any(n.group in close for n in view.nodes):
        chain = sum(r.group is RowGroup.CRITICAL for r in rows)
        return f"the critical chain and the {first - chain} step(s) nearest it"
    return f"the first {first} by date, then as listed (none is on or near a chain)"


def timeline_block(view: View) -> str:
    """The critical-path view as an HTML fragment (``templates/timeline.html``): what it
    shows in one sentence, the legend, the filters, the timeline and its script
    (``static/timeline.js``)."""
    rows, today = gantt_rows(view), view.as_of
    dates = timeline_dates(rows, today)
    said = dates.said + view.notes
    hidden = sum(r.group is RowGroup.REST for r in rows)
    if hidden:
        said.append(
            f"Showing {first_rows_said(view, rows)}; "
            f"pick 'every action' to see all {len(rows)}, or search."
        )
    return render(
        "timeline.html",
        said=said,
        rows=bool(rows),
        dated=bool(dates.said),
        priorities=sorted({r.priority for r in rows if r.priority}),
        legend=ours(gantt_legend(rows, today, dates.today_drawn)),
        picture=ours(gantt(rows, today=today, span=dates.span, label="Critical path timeline")),
        top=TOP,
        row=ROW,
    )


_DAY = date(2000, 1, 2) - date(2000, 1, 1)
