"""Critical path: which chain of dependent actions decides when a plan (or a finding) is done,
which dates contradict their dependencies, what is overdue and what a slip moves.

**The network.** Its nodes are the plan's actions and milestones, except cancelled actions
and their milestones: a cancelled action is not scheduled and gates nothing, so a
dependency on it is left out (``waits_on_cancelled`` lists the actions that had one). An action that
``depends_on`` another cannot start before that *prerequisite* finishes. The milestones of an
action follow each other in date order (each is a prerequisite of the next) and the
action cannot finish before its last milestone. A first milestone has no prerequisite: the
action's prerequisites push the action, not its milestones.

**Dates** are whole days (``datetime.date``); a finish is the last day of work, and work that
waits for it starts the day after.

* *planned start*: the first day of an action's ``start`` period (milestones have none);
  *planned finish*: the last day of its ``due`` period. An open-ended due (``From Oct-23``,
  ``Nov 2019-``) has no last day, so no planned finish.
* *duration*, in days: from the planned start to the planned finish, both included, when both
  are known; else from the day after the prerequisites' latest planned finish (one without
  a planned finish passes on its own prerequisites', or its planned start) -- or, with no
  such date, from the first day of the plan's publication (``published``) -- to the planned
  finish; at least 0; with no planned finish, 0. Durations are those of the plan as written.
* *handover*: dates are periods, compared at their precision. A prerequisite due in the
  same period as its dependant's written start (same month, quarter, term, year...: the
  prerequisite's due period reaches into the dependant's start period) hands over inside
  that period: the dependant keeps its written start (``Jun-20 - Sep-20`` then
  ``Sep-20 - Jun-21`` finishes 30 June 2021). A prerequisite due before that period begins
  hands over the day after its due. A prerequisite due in a period wholly after the
  dependant's start period is a *start conflict*: the dependant starts when that period
  begins (a prerequisite due in October hands over on 1 October). A prerequisite whose
  finish was moved later (a computed day, not a written period) hands over the day after.
  An open start (``From Jan-25``) is the month, quarter or year it begins in.
* *earliest start*: for an action with a written start, the latest of its planned start
  and the handovers of its prerequisites; with none, the later of the day after the
  prerequisites' latest earliest finish and, when neither is known, the start that meets
  the planned finish (so an action with neither starts at publication, or on its due day
  if due before it).
* *earliest finish*: the last of *duration* days of work from the earliest start, and never
  before the last milestone's; a node of zero duration starts and finishes on one day (the
  day its last prerequisite finishes, or its planned finish). An action that kept its
  start at a handover but is due in a period wholly before its prerequisite's finishes
  with it (a due conflict). So an action moves later than its written dates only when a
  date conflict (or a later milestone, or a slip) forces it; :class:`Timing` reports the
  planned and the projected dates.
* *undated*: no planned start and no planned finish. Such a node is kept with zero duration;
  its earliest dates come from its prerequisites, or are None.
* *milestones* are sequenced by their due dates (ties and undated ones keep their listed
  places); when that differs from the listed order, :class:`ReorderedMilestones` reports
  both orders instead of pushing the earlier-dated milestone later.

**The answer.** The *finish* is the latest earliest finish. When the plan (or the finding's
scope) records no ``depends_on`` link, there is no chain: ``path`` is empty, the finish is
the latest due (the refs due then are ``latest_due``; several are listed as a tie), and the
summary says ``no dependencies recorded; latest due: REF (date)``. Otherwise the *critical
path* is the chain that ends at the node finishing then (the first in document order:
actions as listed, each followed by its milestones), traced back through what set each
finish: the last milestone when it alone does, else the prerequisite whose handover set the
start with no room to hand over later (ties: document order), else the last milestone when
it ties with the start. When several chains end on the finish day (none part of another),
all are listed in ``tied``. When the finish is later than every written due date,
``finish_reasons`` says why (the conflicts that push it, or actions with no due date). The
*latest finish* comes from one backward pass: the finish for what nothing depends on, else
the latest finish each dependant allows (its latest start, or the end of the prerequisite's
written due period when it hands over within its dependant's start period, and never after
the dependant's latest finish), and for a last milestone no later than its action's.
*Slack* = latest finish - earliest finish, in days; a node with no slack is *critical*. A
*date conflict* compares written periods at their precision: an action or milestone due in
a period wholly before the one its prerequisite (or the milestone dated before it, or for an
action its last milestone) is due in (kind ``due``), or an action whose written start period
ends before its prerequisite's due period begins (kind ``start``); both written dates are
reported. Dependency *cycles* (self-dependencies included) are reported, refs in document
order; the links inside them are left out so that the rest is still analysed. With ``to``,
the scope is the finding, its child findings at any depth, the actions addressing any of
them and what those depend on.

**Stated or inferred.** A dependency a transcriber or the importer inferred (``basis:
inferred``) counts like a stated one, but the answer says so: every step of the path that
rests on an inferred dependency is listed in ``inferred_steps`` with its reason, and a date
conflict between inferred links carries ``basis: inferred`` and the reason. With
``stated_only=True`` inferred dependencies are left out altogether.

Results are keyed by ref; a milestone whose ref is also an action's is keyed
``milestone:REF``. Every function is linear in the plan's actions, milestones and
dependencies (a topological order, one forward and one backward pass), except that
:func:`overdue` visits the dependants once per overdue action to say who holds whom.

The work is split by job: the typed results in :mod:`queries.path_results`, the network and
its forward and backward passes in :mod:`queries.schedule`, date conflicts and finish reasons
in :mod:`queries.date_conflicts`, overdue actions and slips in :mod:`queries.slips`. Every
public name is importable from here.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T", "published": "Jan 2024",
...     "actions": [{"ref": "A", "text": "a", "due": "Mar 2024"},
...                 {"ref": "B", "text": "b", "start": "Feb 2024", "due": "Feb 2024"},
...                 {"ref": "C", "text": "c", "due": "Jun 2024", "depends_on": ["A", "B"]}]}))
>>> cp = critical_path(g)
>>> cp.path, cp.finish, cp.timings["B"].slack_days
(['A', 'C'], datetime.date(2024, 6, 30), 31)
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from graphmodel.graph import nodes_of
from graphmodel.schema import NodeKind
from queries import schedule as sched
from queries.basis import inferred_dependency, stated_graph
from queries.date_conflicts import date_conflicts, finish_reasons
from queries.hints import ref_hint
from queries.links import finding_actions, finding_children
from queries.path_results import (
    ConflictKind,
    CriticalPath,
    CriticalPathError,
    DateConflict,
    InferredStep,
    ReorderedMilestones,
    Timing,
    plan_of,
)
from queries.schedule import day_of
from queries.slips import Overdue, SlipImpact, overdue, parse_slip, slip_impact

__all__ = [
    "ConflictKind",
    "CriticalPath",
    "CriticalPathError",
    "DateConflict",
    "InferredStep",
    "Overdue",
    "ReorderedMilestones",
    "SlipImpact",
    "Timing",
    "critical_path",
    "overdue",
    "parse_slip",
    "slip_impact",
]


def critical_path(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    to: str | None = None,
    stated_only: bool = False,
) -> CriticalPath:
    """The chain of actions and milestones that decides when the plan (or a finding) is done.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from :func:`graphmodel.build_graph` or :func:`graphmodel.build_graphs`.
    plan : str, optional
        The plan id; by default the only plan in the graph.
    to : str, optional
        A finding ref: analyse only the actions addressing it (as
        :func:`queries.links.finding_actions` says) and everything they depend on; the
        finish is then the finding's, and slack is measured against it.
    stated_only : bool, default False
        Leave out the dependencies marked inferred: the path the document itself states.

    Returns
    -------
    CriticalPath
        The path, finish, timings, date conflicts, cycles and undated refs (definitions in
        the module docstring).

    Raises
    ------
    CriticalPathError
        (a ``ValueError``) for an unknown plan or finding.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
    ...     "actions": [{"ref": "A", "text": "a", "due": "May 2024", "depends_on": ["B"]},
    ...                 {"ref": "B", "text": "b", "due": "Jun 2024", "depends_on": ["A"]},
    ...                 {"ref": "C", "text": "c", "due": "Jan 2024", "addresses": ["F1"]},
    ...                 {"ref": "D", "text": "d", "due": "Dec 2023", "depends_on": ["C"]}]}))
    >>> cp = critical_path(g)
    >>> cp.path, cp.finish.isoformat(), cp.cycles
    (['B'], '2024-06-30', [['A', 'B']])
    >>> [(c.action, c.prerequisite) for c in cp.date_conflicts]
    [('A', 'B'), ('D', 'C')]
    >>> part = critical_path(g, to="F1")
    >>> part.path, part.summary
    ([], 'no dependencies recorded; latest due: C (2024-01-31)')
    """
    pid = plan_of(graph, plan)
    if stated_only:
        graph = stated_graph(graph)
    net = sched.network(graph, pid)
    es, ef, dur = sched.forward(net)
    members = set(net.nodes)
    scope: list[str] = []
    if to is not None:
        members, scope = _finding_scope(graph, pid, net, to)
    finish = max((d for n in members if (d := ef[n]) is not None), default=None)
    lf = sched.backward(net, members, finish, dur)
    nodes = graph._node
    timings: dict[str, Timing] = {}
    for n in net.nodes:
        if n not in members:
            continue
        start, early, late = es[n], ef[n], lf[n]
        slack = (late - early).days if late is not None and early is not None else None
        if start is not None and early is not None:  # zero duration: starts the day it ends
            start = min(start, early - sched.ONE_DAY)
        written_start, written_due = nodes[n].get("start"), nodes[n].get("due")
        timings[net.key[n]] = Timing(
            ref=net.key[n],
            kind=net.kind[n],
            planned_start=net.start[n],
            planned_finish=net.finish[n],
            earliest_start=start,
            earliest_finish=day_of(early),
            latest_finish=day_of(late),
            slack_days=slack,
            critical=slack == 0,
            undated=net.start[n] is None and net.finish[n] is None,
            text=str(nodes[n].get("text") or ""),
            start_written=written_start.text if written_start is not None else None,
            due_written=written_due.text if written_due is not None else None,
        )
    conflicts = date_conflicts(graph, net, members)
    linked = any(net.deps[a] for a in net.deps if a in members)
    dated = [n for n in net.nodes if n in members and net.finish[n] is not None]
    if any(net.kind[n] is NodeKind.ACTION for n in dated):  # a milestone ties with its action
        dated = [n for n in dated if net.kind[n] is NodeKind.ACTION]
    latest = max((net.finish[n] for n in dated), default=None)  # type: ignore[type-var]
    latest_refs = [net.key[n] for n in dated if net.finish[n] == latest]
    traced = sched.traces(net, members, es, ef, dur)
    chains = [[net.key[n] for n in c] for c in traced]
    reordered = [
        ReorderedMilestones(a, listed, [net.key[m] for m in _chain_of(net, a)])
        for a, listed in net.reordered.items()
        if any(net.key[n] == a and n in members for n in net.deps)
    ]
    path = traced[0] if traced and linked else []
    return CriticalPath(
        plan=pid,
        path=[net.key[n] for n in path],
        finish=day_of(finish),
        timings=timings,
        date_conflicts=conflicts,
        cycles=[[net.key[n] for n in c] for c in net.cycles if c[0] in members],
        undated=[ref for ref, t in timings.items() if t.undated],
        to=to,
        dependencies=linked,
        latest_due=latest_refs,
        latest_due_date=latest,
        tied=_ties(linked, chains, latest_refs),
        finish_reasons=finish_reasons(net, members, timings, conflicts, day_of(finish), latest),
        milestones_reordered=reordered,
        findings=scope,
        inferred_steps=[
            InferredStep(net.key[a], net.key[p], reason or None)
            for p, a in pairwise(path)
            if (reason := inferred_dependency(graph, a, p)) is not None
        ],
        stated_only=stated_only,
        waits_on_cancelled={
            net.key[a]: [graph.nodes[p]["ref"] for p in ps]
            for a, ps in net.cancelled_prerequisites.items()
            if a in members
        },
    )


def _ties(linked: bool, chains: list[list[str]], latest: list[str]) -> list[list[str]]:
    if not linked:
        return [[ref] for ref in latest] if len(latest) > 1 else []
    return chains if len(chains) > 1 else []


def _finding_scope(
    graph: nx.MultiDiGraph, pid: str, net: sched.Net, to: str
) -> tuple[set[str], list[str]]:
    """The nodes a finding's finish depends on: the actions addressing it or any of its
    child findings (at any depth), and everything those depend on; and the findings used."""
    refs = {graph.nodes[f]["ref"]: f for f in nodes_of(graph, NodeKind.FINDING, pid)}
    if to not in refs:
        raise CriticalPathError(f"plan {pid!r} has no finding {to!r}; {ref_hint(to, list(refs))}")
    addressing = finding_actions(graph, pid)
    below = finding_children(graph, pid)
    scope, todo = [refs[to]], [refs[to]]
    while todo:
        for child in below.get(todo.pop(), []):
            if child not in scope:
                scope.append(child)
                todo.append(child)
    scheduled = net.pre  # a cancelled action is not scheduled, so it finishes nothing
    actions = [
        link.action for f in scope for link in addressing.get(f, []) if link.action in scheduled
    ]
    return sched.ancestry(net, list(dict.fromkeys(actions))), [graph.nodes[f]["ref"] for f in scope]


def _chain_of(net: sched.Net, action_ref: str) -> list[str]:
    action = next(n for n in net.deps if net.key[n] == action_ref)
    chain, n = [], net.last.get(action)
    while n is not None:
        chain.append(n)
        n = net.pre[n][0] if net.pre[n] else None
    return chain[::-1]
