"""The dependency network behind :mod:`queries.critical_path`, and its passes.

Private to that module, whose docstring defines every date computed here. Nodes are node ids
in document order (actions as listed, each followed by its milestones); every pass is linear
in nodes and links, and iterative (no recursion), so a chain of any length is fine.
"""

from __future__ import annotations

import calendar
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from graphmodel.graph import nodes_of, out_edges_by_kind
from graphmodel.schema import EdgeKind, NodeKind
from queries.links import due_period, out_nodes

__all__ = ["ONE_DAY", "Dates", "Net", "Shift", "ancestry", "backward", "day_of", "downstream"]
__all__ += ["forward", "network", "shifted", "trace"]

Shift = tuple[int, int]
"""A slip: (months, days)."""

ONE_DAY = timedelta(days=1)

Dates = dict[str, date | None]
"""A date per node id."""


@dataclass
class Net:
    """The dependency network of one plan; nodes are node ids in document order."""

    nodes: list[str]
    key: dict[str, str]
    kind: dict[str, str]
    start: dict[str, date | None]
    finish: dict[str, date | None]
    deps: dict[str, list[str]]  # every DEPENDS_ON target of an action, cycles included
    pre: dict[str, list[str]]  # finish-to-start prerequisites, links inside cycles left out
    last: dict[str, str]  # action -> its last milestone
    order: list[str]  # a topological order of pre and last
    cycles: list[list[str]]
    published: date | None


def network(graph: nx.MultiDiGraph, plan: str) -> Net:
    """The network of ``plan``: its nodes, planned dates, links and cycles."""
    actions = nodes_of(graph, NodeKind.ACTION, plan)
    children: dict[str, list[tuple[int, str]]] = {a: [] for a in actions}
    loose: list[str] = []
    for m in nodes_of(graph, NodeKind.MILESTONE, plan):
        up = [
            (d["i"], v)
            for v, d in out_edges_by_kind(graph, m).get(EdgeKind.PART_OF, ())
            if v in children
        ]
        if up:
            children[up[0][1]].append((up[0][0], m))
        else:
            loose.append(m)
    nodes: list[str] = []
    pre: dict[str, list[str]] = {}
    last: dict[str, str] = {}
    for a in actions:
        nodes.append(a)
        chain = [m for _, m in sorted(children[a])]
        nodes.extend(chain)
        pre.update({m: chain[i - 1 : i] for i, m in enumerate(chain)})
        if chain:
            last[a] = chain[-1]
    nodes.extend(loose)
    pre.update({m: [] for m in loose})
    pos = {n: i for i, n in enumerate(nodes)}
    node_data = graph._node  # the attribute dicts, without NodeView's checks
    refs = {node_data[a]["ref"] for a in actions}
    key, kind, start, finish = {}, {}, {}, {}
    for n in nodes:
        data = node_data[n]
        kind[n] = data["kind"].value
        ref = data["ref"]
        key[n] = f"milestone:{ref}" if kind[n] == "milestone" and ref in refs else ref
        first, due = data.get("start"), due_period(graph, n)
        start[n] = first.start if first is not None else None
        finish[n] = due.end if due is not None else None
    deps = {a: list(dict.fromkeys(out_nodes(graph, a, EdgeKind.DEPENDS_ON))) for a in actions}
    pre.update({a: [p for p in deps[a] if p in pos] for a in actions})
    published = graph.nodes[nodes_of(graph, NodeKind.PLAN, plan)[0]].get("published")
    day = published.start if published is not None else None
    net = Net(nodes, key, kind, start, finish, deps, pre, last, [], [], day)
    net.order = _topological(net)
    if len(net.order) < len(nodes):  # some links go round: cut them and sort again
        _cut_cycles(net, set(nodes) - set(net.order), pos)
        net.order = _topological(net)
    return net


def _cut_cycles(net: Net, stuck: set[str], pos: dict[str, int]) -> None:
    """Find the cycles among the ``stuck`` nodes, record them, and drop the links inside."""
    dg: nx.DiGraph = nx.DiGraph()
    dg.add_edges_from((a, p) for a in stuck for p in net.pre[a] if p in stuck)
    for comp in nx.strongly_connected_components(dg):
        first = next(iter(comp))
        if len(comp) > 1 or dg.has_edge(first, first):
            net.cycles.append(sorted(comp, key=pos.__getitem__))
            for a in comp:
                net.pre[a] = [p for p in net.pre[a] if p not in comp]
    net.cycles.sort(key=lambda c: pos[c[0]])


def _topological(net: Net) -> list[str]:
    """Kahn's algorithm over the prerequisite and last-milestone links."""
    after: dict[str, list[str]] = {n: [] for n in net.nodes}
    waiting = {n: len(net.pre[n]) for n in net.nodes}
    for n in net.nodes:
        for p in net.pre[n]:
            after[p].append(n)
    for a, m in net.last.items():
        after[m].append(a)
        waiting[a] += 1
    ready = deque(n for n in net.nodes if waiting[n] == 0)
    order: list[str] = []
    while ready:
        n = ready.popleft()
        order.append(n)
        for s in after[n]:
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    return order


def shifted(day: date, shift: Shift) -> date:
    """``day`` moved by calendar months (the day clamped to the month's last) and days.

    >>> shifted(date(2024, 1, 31), (1, 0)), shifted(date(2024, 1, 31), (0, 14))
    (datetime.date(2024, 2, 29), datetime.date(2024, 2, 14))
    """
    months, days = shift
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    clamped = min(day.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, clamped) + timedelta(days)


def forward(
    net: Net, dur: dict[str, int] | None = None, shifts: dict[str, Shift] | None = None
) -> tuple[Dates, Dates, dict[str, int]]:
    """Earliest starts, earliest finishes and durations (computed unless given).

    Finishes here are *exclusive*: the day after the last day of work, so that a dependant
    starts on the day its prerequisite's finish says. :func:`day_of` gives the last day.
    """
    es: Dates = {}
    ef: Dates = {}
    as_planned: Dates = {}  # the planned finish, else the one inherited from prerequisites
    durations = dict(dur) if dur is not None else {}
    for n in net.order:
        planned_start, planned = net.start[n], net.finish[n]
        planned_finish = planned + ONE_DAY if planned is not None else None
        before = [f for p in net.pre[n] if (f := ef[p]) is not None]
        last = net.last.get(n)
        if dur is None:
            ups = [d for p in net.pre[n] if (d := as_planned[p]) is not None]
            anchor = planned_start or (max(ups) if ups else net.published)
            span = (planned_finish - anchor).days if planned_finish and anchor else 0
            durations[n] = max(0, span)
            inherited = [planned_start, as_planned[last] if last is not None else None]
            ups += [d for d in inherited if d is not None]
            as_planned[n] = planned_finish or max(ups, default=None)
        known = [d for d in (planned_start, *before) if d is not None]
        start = max(known) if known else None
        if start is None and planned_finish is not None:
            start = planned_finish - timedelta(durations[n])
        finish = start + timedelta(durations[n]) if start is not None else None
        milestone = ef[last] if last is not None else None
        if milestone is not None and (finish is None or milestone > finish):
            finish = milestone
        if shifts and n in shifts and finish is not None:
            finish = shifted(finish - ONE_DAY, shifts[n]) + ONE_DAY
        es[n], ef[n] = start, finish
    return es, ef, durations


def day_of(finish: date | None) -> date | None:
    """The last day of work before an exclusive ``finish``."""
    return finish - ONE_DAY if finish is not None else None


def ancestry(net: Net, targets: list[str]) -> set[str]:
    """``targets`` and everything they depend on (through cycles too) or finish after."""
    seen = set(targets)
    todo = list(targets)
    while todo:
        n = todo.pop()
        ups = [*net.pre[n], *net.deps.get(n, [])]
        if n in net.last:
            ups.append(net.last[n])
        for p in ups:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def downstream(net: Net, sources: list[str]) -> dict[str, list[str]]:
    """Every action depending on one of ``sources``, directly or not (through cycles too),
    in document order, each with those sources it depends on, in the order given."""
    dependants: dict[str, list[str]] = {a: [] for a in net.deps}
    for a, targets in net.deps.items():
        for p in targets:
            dependants[p].append(a)
    holders: dict[str, list[str]] = {}
    for source in sources:
        seen, todo = {source}, [source]
        while todo:
            for d in dependants[todo.pop()]:
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
                    holders.setdefault(d, []).append(source)
    return {a: holders[a] for a in net.deps if a in holders}


def backward(net: Net, members: set[str], finish: date | None, dur: dict[str, int]) -> Dates:
    """Latest finishes of ``members``, none later than ``finish``."""
    lf: Dates = dict.fromkeys(members)
    if finish is None:
        return lf
    after: dict[str, list[str]] = {n: [] for n in members}
    for n in members:
        for p in net.pre[n]:
            after[p].append(n)
    owner = {m: a for a, m in net.last.items() if a in members}
    for n in reversed(net.order):
        if n not in members:
            continue
        bounds = [day - timedelta(dur[s]) for s in after[n] if (day := lf[s]) is not None]
        if n in owner and (day := lf[owner[n]]) is not None:
            bounds.append(day)
        lf[n] = min(bounds, default=finish)
    return lf


def trace(net: Net, members: set[str], es: Dates, ef: Dates, dur: dict[str, int]) -> list[str]:
    """The chain that finishes last, first to last (see the module docstring)."""
    ends = [n for n in net.nodes if n in members and ef[n] is not None]
    if not ends:
        return []
    finish = max(ef[n] for n in ends)  # type: ignore[type-var]
    n = next(n for n in ends if ef[n] == finish)
    pos = {node: i for i, node in enumerate(net.nodes)}
    chain = [n]
    while True:
        start, last = es[n], net.last.get(n)
        own = start + timedelta(dur[n]) if start is not None else None
        setters = [p for p in net.pre[n] if start is not None and ef[p] == start]
        if last is not None and ef[last] == ef[n] and (not setters or own != ef[n]):
            n = last
        elif setters:
            n = min(setters, key=pos.__getitem__)
        else:
            return chain[::-1]
        chain.append(n)
