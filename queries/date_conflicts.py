"""Date conflicts for :mod:`queries.critical_path`: written dates that contradict the order
the dependencies give, and why a projected finish is later than every written due date.

Periods are compared at their precision, as the module docstring of
:mod:`queries.critical_path` defines.
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from graphmodel.schema import NodeKind
from queries import schedule as sched
from queries.basis import inferred_dependency
from queries.path_results import ConflictKind, DateConflict, Timing, iso_day

__all__ = ["date_conflicts", "finish_reasons"]


def _basis_of(graph: nx.MultiDiGraph, action: str, prerequisite: str) -> tuple[str, str | None]:
    """``("inferred", reason)`` when ``action`` depends on ``prerequisite`` by inference."""
    reason = inferred_dependency(graph, action, prerequisite)
    return ("stated", None) if reason is None else ("inferred", reason or None)


def date_conflicts(graph: nx.MultiDiGraph, net: sched.Net, members: set[str]) -> list[DateConflict]:
    """Written dates that contradict the order the plan gives, compared at their precision:
    a node due in a period wholly before the one its prerequisite is due in (kind ``due``),
    an action starting in a period wholly before it (kind ``start``)."""
    must_follow = [(a, p) for a in net.deps for p in net.deps[a]]  # a cannot finish before p
    must_follow += [
        (m, p) for m, ps in net.pre.items() if net.kind[m] is NodeKind.MILESTONE for p in ps
    ]
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


def finish_reasons(
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
                f"{c.action} starts {iso_day(c.action_start)} but waits for {c.prerequisite},"
                f" due {iso_day(c.prerequisite_due)}"
            )
        else:
            reasons.append(
                f"{c.action} is due {iso_day(c.action_due)} but waits for {c.prerequisite},"
                f" due {iso_day(c.prerequisite_due)}"
            )
    for t in timings.values():
        if (
            t.planned_finish is None
            and t.earliest_finish is not None
            and t.earliest_finish > latest
        ):
            reasons.append(
                f"{t.ref} has no written due date and cannot finish before"
                f" {iso_day(t.earliest_finish)}"
            )
    return reasons or [
        f"the projected finish {iso_day(finish)} is past the latest due {iso_day(latest)}"
    ]
