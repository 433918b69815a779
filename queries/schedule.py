"""The dependency network behind :mod:`queries.critical_path`, and its passes.

The building blocks of the critical path, slips and overdue actions (:mod:`queries.slips`);
the docstring of :mod:`queries.critical_path` defines every date computed here. Nodes are node ids
in document order (actions as listed, each followed by its milestones); every pass is linear
in nodes and links, and iterative (no recursion), so a chain of any length is fine.
"""

from __future__ import annotations

import calendar
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from graphmodel.cycles import cycles
from graphmodel.graph import nodes_of
from graphmodel.periods import Period, Precision
from graphmodel.schema import EdgeKind, NodeKind
from queries.facts import plan_facts
from queries.links import due_of

__all__ = ["ONE_DAY", "Dates", "Net", "Shift", "ancestry", "backward", "day_of", "downstream"]
__all__ += ["forward", "latest_handover", "network", "period_start", "shifted", "start_bound"]
__all__ += ["trace", "traces"]

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
    kind: dict[str, NodeKind]
    start: dict[str, date | None]
    finish: dict[str, date | None]
    deps: dict[str, list[str]]  # every DEPENDS_ON target of an action, cycles included
    pre: dict[str, list[str]]  # finish-to-start prerequisites, links inside cycles left out
    last: dict[str, str]  # action -> its last milestone
    order: list[str]  # a topological order of pre and last
    cycles: list[list[str]]
    published: date | None
    start_end: dict[str, date | None] = field(default_factory=dict)  # end of the start period
    due_start: dict[str, date | None] = field(default_factory=dict)  # start of the due period
    due_precision: dict[str, Precision | None] = field(default_factory=dict)
    reordered: dict[str, list[str]] = field(default_factory=dict)  # action ref -> as listed
    cancelled_prerequisites: dict[str, list[str]] = field(default_factory=dict)
    """Action -> the cancelled actions it depends on (left out of the network)."""
    months: dict[str, int] = field(default_factory=dict)
    """Node -> its duration in whole calendar months, when it runs from the first day of a
    month to the last day of one (set by :func:`forward`)."""


def network(graph: nx.MultiDiGraph, plan: str) -> Net:
    """The network of ``plan``: its nodes, planned dates, links and cycles.

    A cancelled action is not scheduled: it and its milestones are left out, and it gates
    nothing; the actions depending on it are listed in ``cancelled_prerequisites``."""
    facts = plan_facts(graph, plan).actions
    cancelled = {a for a, f in facts.items() if f.cancelled}
    actions = [a for a in facts if a not in cancelled]
    children: dict[str, list[tuple[int, str]]] = {a: [] for a in facts}
    loose: list[str] = []
    succ, part_of = graph._succ, EdgeKind.PART_OF  # networkx's own dicts: no views
    for m in nodes_of(graph, NodeKind.MILESTONE, plan):
        up = min(  # the first action the milestone is part of, in list order
            (
                (d["i"], v)
                for v, keyed in succ[m].items()
                if v in children
                for d in keyed.values()
                if d["kind"] is part_of
            ),
            default=None,
        )
        if up is not None:
            children[up[1]].append((up[0], m))  # a cancelled action's are left out
        else:
            loose.append(m)
    nodes: list[str] = []
    pre: dict[str, list[str]] = {}
    last: dict[str, str] = {}
    reordered: dict[str, list[str]] = {}
    for a in actions:
        nodes.append(a)
        if not children[a]:  # most actions have no milestones
            continue
        listed = [m for _, m in sorted(children[a])]
        chain = _by_date(graph, listed) if len(listed) > 1 else listed
        if chain != listed:
            reordered[a] = listed
        nodes.extend(chain)
        pre.update({m: chain[i - 1 : i] for i, m in enumerate(chain)})
        last[a] = chain[-1]
    nodes.extend(loose)
    pre.update({m: [] for m in loose})
    pos = {n: i for i, n in enumerate(nodes)}
    node_data = graph._node  # the attribute dicts, without NodeView's checks
    refs = {node_data[a]["ref"] for a in facts}
    key, kind, start, finish = {}, {}, {}, {}
    start_end: dict[str, date | None] = {}
    due_start: dict[str, date | None] = {}
    due_precision: dict[str, Precision | None] = {}
    for n in nodes:
        data = node_data[n]
        kind[n] = data["kind"]
        ref = data["ref"]
        key[n] = f"milestone:{ref}" if kind[n] is NodeKind.MILESTONE and ref in refs else ref
        first = data.get("start")
        due = facts[n].due if n in facts else due_of(data)
        start[n] = first.start if first is not None else None
        start_end[n] = _start_period_end(first)
        finish[n] = due.end if due is not None else None
        due_start[n] = due.start if due is not None and due.end is not None else None
        due_precision[n] = due.precision if due is not None and due.end is not None else None
    deps = {a: [p for p in facts[a].depends_on if p not in cancelled] for a in actions}
    gone = {a: [p for p in facts[a].depends_on if p in cancelled] for a in actions}
    pre.update({a: [p for p in deps[a] if p in pos] for a in actions})
    published = graph.nodes[nodes_of(graph, NodeKind.PLAN, plan)[0]].get("published")
    day = published.start if published is not None else None
    net = Net(nodes, key, kind, start, finish, deps, pre, last, [], [], day)
    net.start_end, net.due_start, net.due_precision = start_end, due_start, due_precision
    net.reordered = {key[a]: [key[m] for m in ms] for a, ms in reordered.items()}
    net.cancelled_prerequisites = {a: ps for a, ps in gone.items() if ps}
    net.order = _topological(net)
    if len(net.order) < len(nodes):  # some links go round: cut them and sort again
        _cut_cycles(net, set(nodes) - set(net.order), pos)
        net.order = _topological(net)
    return net


_LENGTH = {Precision.DAY: 0, Precision.MONTH: 1, Precision.QUARTER: 3, Precision.YEAR: 12}


def _start_period_end(first: Period | None) -> date | None:
    """The last day of a written start period; for an open-ended one (``From Jan-25``), of
    the month, quarter or year it starts in."""
    if first is None or first.start is None:
        return None
    if first.end is not None:
        return first.end
    months = _LENGTH.get(first.precision) if first.precision is not None else None
    if months is None:
        return None
    return shifted(first.start, (months, 0)) - ONE_DAY if months else first.start


def _by_date(graph: nx.MultiDiGraph, listed: list[str]) -> list[str]:
    """Milestones in the order of their due dates: the dated ones sorted (by last day, then
    first day; ties keep the listed order) into the places the dated ones were listed at;
    undated ones stay where they were listed."""
    ends = {}
    nodes = graph._node
    for m in listed:
        due = due_of(nodes[m])
        if due is not None and due.end is not None:
            ends[m] = (due.end, due.start or due.end)
    dated = iter(sorted((m for m in listed if m in ends), key=ends.__getitem__))
    return [next(dated) if m in ends else m for m in listed]


def _cut_cycles(net: Net, stuck: set[str], pos: dict[str, int]) -> None:
    """Find the cycles among the ``stuck`` nodes, record them, and drop the links inside."""
    found = cycles(((a, p) for a in stuck for p in net.pre[a] if p in stuck), pos)
    for comp in found:
        inside = set(comp)
        for a in comp:
            net.pre[a] = [p for p in net.pre[a] if p not in inside]
    net.cycles.extend(found)


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


def period_start(net: Net, n: str, last_day: date) -> date:
    """The first day of the period in which ``n`` finishes when its last day of work is
    ``last_day``: the written due period when ``n`` finishes on its written due date;
    otherwise (a finish that was moved, or no written due period) ``last_day`` itself -- a
    moved finish is a computed day, not a period anyone wrote."""
    planned, first = net.finish[n], net.due_start.get(n)
    if planned is None or first is None or last_day != planned:
        return last_day
    return first


def start_bound(net: Net, n: str, p: str, finish: date) -> date:
    """The earliest day ``n`` may start given its prerequisite ``p``, whose exclusive
    ``finish`` is known (the handover rule of :mod:`queries.critical_path`).

    * ``p`` finishes before ``n``'s written start period begins: the day after it.
    * ``p`` finishes on its written due date, and that period reaches into ``n``'s written
      start period (same month, quarter, term...): a handover, ``n`` keeps its written start.
    * ``p`` is written due in a period wholly after ``n``'s start period (a start conflict):
      ``n`` starts when that period begins -- a prerequisite due in October hands over in
      October.
    * ``p``'s finish was moved later (a computed day): the day after it.
    * ``n`` has no written start: the day after ``p``'s finish, as ever.
    """
    last_day = finish - ONE_DAY
    planned, planned_end = net.start[n], net.start_end.get(n)
    if planned is None or planned_end is None or last_day < planned:
        return finish
    if last_day != net.finish[p]:  # moved: a day, not a written period
        return finish
    first = net.due_start.get(p) or last_day
    if first <= planned_end:
        return planned
    return first if first < last_day else finish  # a single day hands over the day after


def _hands_over_at(net: Net, p: str, s: str, latest_start: date) -> bool:
    """Whether ``p``, finishing on its written due, lets ``s`` start by ``latest_start``
    although it finishes on or after ``s``'s written start (a handover or a start conflict
    resolved at the start of ``p``'s due period)."""
    planned, planned_end = net.start[s], net.start_end.get(s)
    due, first = net.finish[p], net.due_start.get(p)
    if planned is None or planned_end is None or due is None or first is None or due < planned:
        return False
    if first <= planned_end:
        return latest_start <= planned_end
    return first < due and first <= latest_start


def forward(
    net: Net,
    dur: dict[str, int] | None = None,
    shifts: dict[str, Shift] | None = None,
    baseline: tuple[Dates, Dates] | None = None,
) -> tuple[Dates, Dates, dict[str, int]]:
    """Earliest starts, earliest finishes and durations (computed unless given).

    Finishes here are *exclusive*: the day after the last day of work, so that a dependant
    starts on the day its prerequisite's finish says. :func:`day_of` gives the last day.
    With ``shifts`` (slips) of months and the ``baseline`` starts and finishes (the pass
    without them), a node whose start moved runs for its span as :func:`span_after` says,
    so that what a slip of months pushes ends at a month's end as written, never before
    its baseline finish; slips of weeks and days push by days.
    """
    months_from = baseline if any(m for m, _ in (shifts or {}).values()) else None
    es: Dates = {}
    ef: Dates = {}
    as_planned: Dates = {}  # the planned finish, else the one inherited from prerequisites
    durations = dict(dur) if dur is not None else {}
    starts, finishes, pres, lasts = net.start, net.finish, net.pre, net.last
    for n in net.order:
        planned_start, planned = starts[n], finishes[n]
        planned_finish = planned + ONE_DAY if planned is not None else None
        pre = pres[n]
        ready = [(p, f) for p in pre if (f := ef[p]) is not None] if pre else []
        before = [start_bound(net, n, p, f) for p, f in ready]
        last = lasts.get(n)
        if dur is None:
            ups = [d for p in pre if (d := as_planned[p]) is not None] if pre else []
            anchor = planned_start or (max(ups) if ups else net.published)
            span = (planned_finish - anchor).days if planned_finish and anchor else 0
            durations[n] = max(0, span)
            if planned_finish and anchor and span > 0 and anchor.day == 1 == planned_finish.day:
                net.months[n] = (
                    (planned_finish.year - anchor.year) * 12 + planned_finish.month - anchor.month
                )  # inline: a call per node was 1% of an audit
            elif n in net.months:
                del net.months[n]
            if planned_start is not None:
                ups.append(planned_start)
            if last is not None and (inherited := as_planned[last]) is not None:
                ups.append(inherited)
            as_planned[n] = planned_finish or max(ups, default=None)
        if before:
            known = [d for d in (planned_start, *before) if d is not None]
            start = max(known) if known else None
        else:
            start = planned_start
        if start is None and planned_finish is not None:
            start = planned_finish - timedelta(durations[n])
        if start is None:
            finish = None
        elif months_from is not None and start != months_from[0][n]:
            finish = span_after(net, n, start, durations)
            if (was := months_from[1][n]) is not None:
                finish = max(finish, was)
        else:
            finish = start + timedelta(durations[n])
        if finish is not None and planned_start is not None:
            # a dependant that kept its start at a handover still cannot finish in a period
            # before the one its prerequisite finishes in: a due conflict moves its finish
            for p, f in ready:
                if finish - ONE_DAY < period_start(net, p, f - ONE_DAY):
                    finish = max(finish, f)
        milestone = ef[last] if last is not None else None
        if milestone is not None and (finish is None or milestone > finish):
            finish = milestone
        if shifts and n in shifts and finish is not None:
            finish = slipped(finish, shifts[n])
        es[n], ef[n] = start, finish
    return es, ef, durations


def span_after(net: Net, n: str, start: date, dur: dict[str, int]) -> date:
    """The exclusive finish of ``n`` started on ``start``: its duration later, counted in
    calendar months when ``n`` runs for whole months as written and starts on a month's
    first day (a slipped Feb-25 - Jun-26 started on 1 May ends on 30 September, not on a
    day count), else in days."""
    months = net.months.get(n)
    if months is not None and start.day == 1:
        return shifted(start, (months, 0))
    return start + timedelta(dur[n])


def slipped(finish: date, shift: Shift) -> date:
    """An exclusive ``finish`` moved by a slip: a month's last day of work stays a month's
    last day (30 June + 3 months is 30 September, 31 December + 3 months 31 March); any
    other day moves by calendar months (the day clamped) and days as :func:`shifted` says.

    >>> slipped(date(2026, 7, 1), (3, 0)), slipped(date(2025, 4, 1), (0, 14))
    (datetime.date(2026, 10, 1), datetime.date(2025, 4, 15))
    """
    months, days = shift
    if months and finish.day == 1:
        return shifted(finish, (months, 0)) + timedelta(days)
    return shifted(finish - ONE_DAY, shift) + ONE_DAY


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


def latest_handover(net: Net, p: str, s: str, latest_start: date, latest_finish: date) -> date:
    """The latest exclusive finish of ``p`` that lets its dependant ``s`` start by
    ``latest_start`` and finish by ``latest_finish`` (the backward twin of
    :func:`start_bound` and of the due push in :func:`forward`)."""
    due = net.finish[p]
    if due is not None and _hands_over_within(net, p, s):
        # the forward pass let ``s`` keep its written start however late ``p`` finishes in
        # its written due period, even one wider than ``s``'s (an academic year before a
        # term): ``p`` may finish on its written due whatever ``s`` does
        return max(due + ONE_DAY, min(latest_finish, latest_start))
    if due is not None and _hands_over_at(net, p, s, latest_start):
        return min(latest_finish, max(latest_start, due + ONE_DAY))
    return min(latest_finish, latest_start)


def _hands_over_within(net: Net, p: str, s: str) -> bool:
    """Whether ``p``'s written due period reaches into ``s``'s written start period, so that
    :func:`start_bound` hands over inside it."""
    planned, planned_end = net.start[s], net.start_end.get(s)
    due, first = net.finish[p], net.due_start.get(p)
    if planned is None or planned_end is None or due is None or first is None:
        return False
    return due >= planned and first <= planned_end


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
        bounds = [
            latest_handover(net, n, s, day - timedelta(dur[s]), day)
            for s in after[n]
            if (day := lf[s]) is not None
        ]
        if n in owner and (day := lf[owner[n]]) is not None:
            bounds.append(day)
        lf[n] = min(bounds, default=finish)
    return lf


def traces(
    net: Net, members: set[str], es: Dates, ef: Dates, dur: dict[str, int]
) -> list[list[str]]:
    """Every chain that finishes last, first to last, in the document order of their last
    nodes; a chain whose last node lies on another chain is part of it, not a tie."""
    ends = [n for n in net.nodes if n in members and ef[n] is not None]
    if not ends:
        return []
    finish = max(ef[n] for n in ends)  # type: ignore[type-var]
    chains = [trace(net, es, ef, dur, n) for n in ends if ef[n] == finish]
    return [c for c in chains if not any(c[-1] in o[:-1] for o in chains if o is not c)]


def trace(net: Net, es: Dates, ef: Dates, dur: dict[str, int], n: str) -> list[str]:
    """The chain ending at ``n``, first to last (see the module docstring)."""
    pos = {node: i for i, node in enumerate(net.nodes)}
    chain = [n]
    while True:
        start, last = es[n], net.last.get(n)
        own = start + timedelta(dur[n]) if start is not None else None
        setters = [
            p
            for p in net.pre[n]
            if start is not None and (f := ef[p]) is not None and start_bound(net, n, p, f) == start
            if latest_handover(net, p, n, start, date.max) == f  # no room to hand over later
        ]
        pushers = (  # its finish pushed to a prerequisite's period, not run from its start
            [p for p in net.pre[n] if ef[p] == ef[n]] if own is not None and own != ef[n] else []
        )
        if last is not None and ef[last] == ef[n] and (not setters or own != ef[n]):
            n = last
        elif pushers:
            n = min(pushers, key=pos.__getitem__)
        elif setters:
            n = min(setters, key=pos.__getitem__)
        else:
            return chain[::-1]
        chain.append(n)
