"""Critical path: which chain of dependent actions decides when a plan (or a finding) is done,
which dates contradict their dependencies, what is overdue and what a slip moves.

**The network.** Its nodes are the plan's actions and milestones. An action that
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

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from itertools import pairwise
from typing import Any

import networkx as nx

from graphmodel.errors import UsageError
from graphmodel.graph import nodes_of, plan_ids
from graphmodel.schema import NodeKind
from queries import _schedule as sched
from queries._schedule import Dates, Shift, day_of
from queries.basis import inferred_dependency, stated_graph
from queries.links import finding_actions, finding_children, is_open

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


class CriticalPathError(UsageError):
    """An unknown plan, finding or ref, or a slip that cannot be read."""


@dataclass(frozen=True)
class Timing:
    """The dates of one action or milestone (see the module docstring for the definitions)."""

    ref: str
    kind: str  # "action" or "milestone"
    planned_start: date | None
    planned_finish: date | None
    earliest_start: date | None
    earliest_finish: date | None
    latest_finish: date | None
    slack_days: int | None
    critical: bool
    undated: bool
    text: str = ""
    start_written: str | None = None
    due_written: str | None = None


@dataclass(frozen=True)
class InferredStep:
    """A step of the critical path that rests on an inferred dependency: ``action`` waits
    for ``prerequisite`` because a reader inferred so, for ``reason``."""

    action: str
    prerequisite: str
    reason: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"action": self.action, "prerequisite": self.prerequisite, "reason": self.reason}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


class ConflictKind(str, Enum):
    """What a :class:`DateConflict` contradicts."""

    DUE = "due"  # the action is due in a period before its prerequisite's
    START = "start"  # the action starts in a period before its prerequisite is due


@dataclass(frozen=True)
class DateConflict:
    """``action`` is due (``kind`` due) or starts (``kind`` start) in a period wholly before
    the one in which ``prerequisite`` is due, though it must wait for it (a prerequisite,
    the milestone dated before it, or, for an action, its last milestone). Both written
    dates are given: ``action_due`` (None when the action has only a start),
    ``prerequisite_due``, and for a start conflict ``action_start``."""

    action: str
    prerequisite: str
    action_due: date | None
    prerequisite_due: date
    kind: ConflictKind = ConflictKind.DUE
    action_start: date | None = None
    basis: str = "stated"
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data, dates as ISO text; ``basis`` and ``reason`` only for an inferred
        dependency."""
        data = {
            k: v.isoformat() if isinstance(v, date) else getattr(v, "value", v)
            for k, v in vars(self).items()
        }
        if self.basis == "stated":
            del data["basis"], data["reason"]
        return data

    @property
    def message(self) -> str:
        """The conflict in a sponsor's words, with both dates, and the reason when the
        dependency is inferred."""
        if self.kind is ConflictKind.START:
            text = (
                f"{self.action} starts {_iso(self.action_start)}, before {self.prerequisite}"
                f" is due ({_iso(self.prerequisite_due)}), which must finish first"
            )
        else:
            text = (
                f"{self.action} is due {_iso(self.action_due)}, before {self.prerequisite}"
                f" ({_iso(self.prerequisite_due)}), which must finish first"
            )
        if self.basis != "stated":
            text += f" (dependency inferred: {self.reason or 'no reason given'})"
        return text


@dataclass(frozen=True)
class ReorderedMilestones:
    """An action whose milestones are not listed in date order: they are sequenced by their
    dates (``by_date``); ``listed`` is the document's order."""

    action: str
    listed: list[str]
    by_date: list[str]


@dataclass(frozen=True)
class CriticalPath:
    """The critical path of a plan, or of one finding (``to``)."""

    plan: str
    path: list[str]
    finish: date | None
    timings: dict[str, Timing]
    date_conflicts: list[DateConflict]
    cycles: list[list[str]]
    undated: list[str]
    to: str | None
    inferred_steps: list[InferredStep] = field(default_factory=list)
    stated_only: bool = False
    dependencies: bool = True
    latest_due: list[str] = field(default_factory=list)
    latest_due_date: date | None = None
    tied: list[list[str]] = field(default_factory=list)
    finish_reasons: list[str] = field(default_factory=list)
    milestones_reordered: list[ReorderedMilestones] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One line: the finish and what decides it, in the words of the module docstring."""
        if not self.dependencies:
            refs = ", ".join(self.latest_due[:5])
            if len(self.latest_due) > 5:
                refs += f" and {len(self.latest_due) - 5} more"
            due = f"{refs} ({_iso(self.latest_due_date)})"
            text = "no dependencies recorded; " + (
                f"latest due: {due}" if self.latest_due else "no dated actions"
            )
            return text + (f"; {len(self.tied)} actions tie" if self.tied else "")
        if not self.path:
            return "no dated actions"
        text = " → ".join(self.path)
        if len(self.tied) > 1:
            text += f" ({len(self.tied)} chains tie: " + "; ".join(" → ".join(c) for c in self.tied)
            text += ")"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the audit contract's keys plus ``slack``, ``undated``,
        ``dependencies``, ``latest_due`` (refs and date), ``tied`` chains, ``finish_reasons``,
        ``milestones_reordered``, ``summary``, ``inferred_steps`` (the steps of the path resting on
        inferred dependencies) and ``stated_only``."""
        return {
            "plan": self.plan,
            "to": self.to,
            "findings": list(self.findings),
            "path": list(self.path),
            "finish": _iso(self.finish),
            "summary": self.summary,
            "dependencies": self.dependencies,
            "latest_due": {"refs": list(self.latest_due), "date": _iso(self.latest_due_date)},
            "tied": [list(c) for c in self.tied],
            "finish_reasons": list(self.finish_reasons),
            "date_conflicts": [c.to_dict() for c in self.date_conflicts],
            "milestones_reordered": [vars(r) | {} for r in self.milestones_reordered],
            "cycles": [list(c) for c in self.cycles],
            "slack": {ref: t.slack_days for ref, t in self.timings.items()},
            "undated": list(self.undated),
            "inferred_steps": [step.to_dict() for step in self.inferred_steps],
            "stated_only": self.stated_only,
        }


def _plan_id(graph: nx.MultiDiGraph, plan: str | None) -> str:
    ids = plan_ids(graph)
    if plan is None and len(ids) == 1:
        return ids[0]
    if plan is None or plan not in ids:
        what = f"{len(ids)} plans" if plan is None else f"no plan {plan!r}"
        raise CriticalPathError(f"the graph holds {what}; name one of {ids}")
    return plan


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
    pid = _plan_id(graph, plan)
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
    conflicts = _conflicts(graph, net, members)
    linked = any(net.deps[a] for a in net.deps if a in members)
    dated = [n for n in net.nodes if n in members and net.finish[n] is not None]
    if any(net.kind[n] == "action" for n in dated):  # a milestone ties with its action
        dated = [n for n in dated if net.kind[n] == "action"]
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
        finish_reasons=_finish_reasons(net, members, timings, conflicts, day_of(finish), latest),
        milestones_reordered=reordered,
        findings=scope,
        inferred_steps=[
            InferredStep(net.key[a], net.key[p], reason or None)
            for p, a in pairwise(path)
            if (reason := inferred_dependency(graph, a, p)) is not None
        ],
        stated_only=stated_only,
    )


def _basis_of(graph: nx.MultiDiGraph, action: str, prerequisite: str) -> tuple[str, str | None]:
    """``("inferred", reason)`` when ``action`` depends on ``prerequisite`` by inference."""
    reason = inferred_dependency(graph, action, prerequisite)
    return ("stated", None) if reason is None else ("inferred", reason or None)


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
        raise CriticalPathError(f"plan {pid!r} has no finding {to!r}")
    addressing = finding_actions(graph, pid)
    below = finding_children(graph, pid)
    scope, todo = [refs[to]], [refs[to]]
    while todo:
        for child in below.get(todo.pop(), []):
            if child not in scope:
                scope.append(child)
                todo.append(child)
    actions = [link.action for f in scope for link in addressing.get(f, [])]
    return sched.ancestry(net, list(dict.fromkeys(actions))), [graph.nodes[f]["ref"] for f in scope]


def _chain_of(net: sched.Net, action_ref: str) -> list[str]:
    action = next(n for n in net.deps if net.key[n] == action_ref)
    chain, n = [], net.last.get(action)
    while n is not None:
        chain.append(n)
        n = net.pre[n][0] if net.pre[n] else None
    return chain[::-1]


def _conflicts(graph: nx.MultiDiGraph, net: sched.Net, members: set[str]) -> list[DateConflict]:
    """Written dates that contradict the order the plan gives, compared at their precision:
    a node due in a period wholly before the one its prerequisite is due in (kind ``due``),
    an action starting in a period wholly before it (kind ``start``)."""
    must_follow = [(a, p) for a in net.deps for p in net.deps[a]]  # a cannot finish before p
    must_follow += [(m, p) for m, ps in net.pre.items() if net.kind[m] == "milestone" for p in ps]
    must_follow += list(net.last.items())
    found = []
    for a, p in must_follow:
        if a not in members or (before := net.finish[p]) is None:
            continue
        first = net.due_start.get(p) or before
        due, start_end = net.finish[a], net.start_end.get(a)
        if due is not None and due < first:
            basis, reason = _basis_of(graph, a, p)
            found.append(
                DateConflict(net.key[a], net.key[p], due, before, basis=basis, reason=reason)
            )
        elif p in net.deps.get(a, ()) and start_end is not None and start_end < first:
            basis, reason = _basis_of(graph, a, p)
            found.append(
                DateConflict(
                    *(net.key[a], net.key[p], due, before, ConflictKind.START, net.start[a]),
                    basis=basis,
                    reason=reason,
                )
            )
    return found


def _finish_reasons(
    net: sched.Net,
    members: set[str],
    timings: dict[str, Timing],
    conflicts: list[DateConflict],
    finish: date | None,
    latest: date | None,
) -> list[str]:
    """Why the finish is later than every written due date (empty when it is not)."""
    if finish is None or (latest is not None and finish <= latest):
        return []
    if latest is None:
        return ["no action has a written due date; the finish is the latest written start"]
    reasons = []
    late = {
        t.ref
        for t in timings.values()
        if t.earliest_finish is not None
        and (t.planned_finish is None or t.earliest_finish > t.planned_finish)
    }
    for c in conflicts:
        if c.action not in late:
            continue
        if c.kind is ConflictKind.START:
            reasons.append(
                f"{c.action} starts {_iso(c.action_start)} but waits for {c.prerequisite},"
                f" due {_iso(c.prerequisite_due)}"
            )
        else:
            reasons.append(
                f"{c.action} is due {_iso(c.action_due)} but waits for {c.prerequisite},"
                f" due {_iso(c.prerequisite_due)}"
            )
    for t in timings.values():
        if (
            t.planned_finish is None
            and t.earliest_finish is not None
            and t.earliest_finish > latest
        ):
            reasons.append(
                f"{t.ref} has no written due date and cannot finish before"
                f" {_iso(t.earliest_finish)}"
            )
    return reasons or [f"the projected finish {_iso(finish)} is past the latest due {_iso(latest)}"]


@dataclass(frozen=True)
class Overdue:
    """Open actions past their planned finish on ``as_of``, and what they hold up."""

    plan: str
    as_of: date
    overdue: list[str]
    held_up: dict[str, list[str]]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        held = {ref: list(by) for ref, by in self.held_up.items()}
        return {
            "plan": self.plan,
            "as_of": self.as_of.isoformat(),
            "overdue": list(self.overdue),
            "held_up": held,
        }


def overdue(graph: nx.MultiDiGraph, plan: str | None = None, *, as_of: date) -> Overdue:
    """Overdue actions and everything downstream of them.

    An action is *overdue* when it is open (:func:`queries.links.is_open`) and its planned
    finish (the last day of its due period) is before ``as_of``. An action is *held up* when
    it depends on an overdue action, directly or through other actions (cycles included);
    ``held_up`` maps it to those overdue actions, all in document order.

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "actions": [{"ref": "A", "text": "a", "due": "Mar 2024", "status": "Delayed"},
    ...                 {"ref": "B", "text": "b", "due": "Jun 2024", "depends_on": ["A"]},
    ...                 {"ref": "C", "text": "c", "due": "Jul 2024", "depends_on": ["B"]}]}))
    >>> late = overdue(g, as_of=date(2024, 4, 1))
    >>> late.overdue, late.held_up
    (['A'], {'B': ['A'], 'C': ['A']})
    """
    pid = _plan_id(graph, plan)
    net = sched.network(graph, pid)
    late = [
        a
        for a in net.deps
        if (due := net.finish[a]) is not None and due < as_of and is_open(graph, a)
    ]
    holders = sched.downstream(net, late)
    held = {net.key[n]: [net.key[a] for a in by] for n, by in holders.items()}
    return Overdue(pid, as_of, [net.key[a] for a in late], held)


_UNITS = {"m": "m", "mo": "m", "month": "m", "months": "m", "w": "w", "week": "w"}
_UNITS |= {"weeks": "w", "d": "d", "day": "d", "days": "d"}
_AMOUNT = re.compile(r"\s*(\d{1,6})\s*([a-z]+)\s*", re.IGNORECASE)
_MAX_DAYS = 36_600  # a century: anything longer is a typo


def _amount(text: str) -> tuple[str, Shift]:
    """``"3m"`` -> ``("3m", (3, 0))``; ``"2 weeks"`` -> ``("2w", (0, 14))``."""
    match = _AMOUNT.fullmatch(text)
    unit = _UNITS.get(match.group(2).lower()) if match else None
    if match is None or unit is None:
        raise CriticalPathError(
            f"cannot read the slip {text!r}: write a whole number of months, weeks or days,"
            " like '3m', '2w' or '10d'"
        )
    n = int(match.group(1))
    shift = (n, 0) if unit == "m" else (0, n * 7 if unit == "w" else n)
    if shift[0] * 31 + shift[1] > _MAX_DAYS:
        raise CriticalPathError(f"the slip {text!r} is longer than a century")
    return f"{n}{unit}", shift


def parse_slip(text: str) -> tuple[str, str]:
    """Read a ``--slip`` option, ``REF=AMOUNT``: the ref and the amount in its short form.

    The amount is a whole number of months (``m``), weeks (``w``) or days (``d``). A slip of
    months moves a date by calendar months, keeping the day of the month where it exists
    (31 Jan + 1 month is 29 Feb in a leap year).

    Raises
    ------
    CriticalPathError
        (a ``ValueError``) when the text is not ``REF=AMOUNT`` or the amount is not readable.

    Examples
    --------
    >>> parse_slip("A-1=3m"), parse_slip(" 2.1 = 2 weeks ")
    (('A-1', '3m'), ('2.1', '2w'))
    >>> parse_slip("A-1")
    Traceback (most recent call last):
    ...
    queries.critical_path.CriticalPathError: a slip is written REF=AMOUNT, like 'A-1=3m', not 'A-1'
    """
    ref, sep, amount = text.rpartition("=")
    if not sep or not ref.strip():
        raise CriticalPathError(f"a slip is written REF=AMOUNT, like 'A-1=3m', not {text!r}")
    return ref.strip(), _amount(amount)[0]


@dataclass(frozen=True)
class SlipImpact:
    """What moves when actions slip: finishes before and after, as ``(old, new)`` pairs."""

    plan: str
    slips: dict[str, str]
    moved: dict[str, tuple[date | None, date | None]]
    findings_later: dict[str, tuple[date | None, date | None]]
    finish: tuple[date | None, date | None]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data; each pair is ``[old, new]``."""

        def pairs(d: dict[str, tuple[date | None, date | None]]) -> dict[str, list[str | None]]:
            return {ref: [_iso(old), _iso(new)] for ref, (old, new) in d.items()}

        return {
            "plan": self.plan,
            "slips": dict(self.slips),
            "moved": pairs(self.moved),
            "findings_later": pairs(self.findings_later),
            "finish": [_iso(self.finish[0]), _iso(self.finish[1])],
        }


def slip_impact(
    graph: nx.MultiDiGraph, plan: str | None = None, *, slips: dict[str, str]
) -> SlipImpact:
    """What else moves when actions (or milestones) slip.

    Each slipped node's earliest finish moves by its amount (see :func:`parse_slip`); the
    forward pass is run again with the durations of the plan as written, so dependants move
    with it. ``moved`` lists every action and milestone whose earliest finish changed;
    ``findings_later`` every finding whose finish -- the latest earliest finish of the
    actions addressing it -- is now later. A node with no earliest finish cannot slip.

    Raises
    ------
    CriticalPathError
        (a ``ValueError``) for an unknown plan or ref, or an unreadable amount.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
    ...     "actions": [{"ref": "A", "text": "a", "due": "Jan 2024"},
    ...                 {"ref": "B", "text": "b", "due": "Mar 2024", "depends_on": ["A"],
    ...                  "addresses": ["F1"]}]}))
    >>> impact = slip_impact(g, slips={"A": "1m"})
    >>> impact.to_dict()["moved"]
    {'A': ['2024-01-31', '2024-02-29'], 'B': ['2024-03-31', '2024-04-29']}
    >>> impact.to_dict()["findings_later"]
    {'F1': ['2024-03-31', '2024-04-29']}
    """
    pid = _plan_id(graph, plan)
    net = sched.network(graph, pid)
    node = {net.key[n]: n for n in net.nodes}
    shifts: dict[str, Shift] = {}
    written: dict[str, str] = {}
    for ref, amount in slips.items():
        if ref not in node:
            raise CriticalPathError(f"plan {pid!r} has no action or milestone {ref!r} to slip")
        written[ref], shifts[node[ref]] = _amount(amount)
    _, ends, dur = sched.forward(net)
    before = {n: day_of(d) for n, d in ends.items()}
    after = {n: day_of(d) for n, d in sched.forward(net, dur, shifts)[1].items()}
    moved = {net.key[n]: (before[n], after[n]) for n in net.nodes if before[n] != after[n]}

    def latest(ef: Dates, nodes: list[str]) -> date | None:
        return max((d for n in nodes if (d := ef[n]) is not None), default=None)

    later: dict[str, tuple[date | None, date | None]] = {}
    for f, links in finding_actions(graph, pid).items():
        actions = [link.action for link in links]
        old, new = latest(before, actions), latest(after, actions)
        if old is not None and new is not None and new > old:
            later[graph.nodes[f]["ref"]] = (old, new)
    return SlipImpact(
        pid, written, moved, later, (latest(before, net.nodes), latest(after, net.nodes))
    )
