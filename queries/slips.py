"""What is late and what a slip moves, on the network of :mod:`queries.critical_path`:
overdue actions and what they hold up, and the impact of slipping actions by months, weeks
or days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graphmodel.serialise import JsonResult, json_meta
from queries import schedule as sched
from queries.facts import plan_facts
from queries.hints import ref_hint
from queries.links import finding_actions, is_open
from queries.path_results import CriticalPathError, plan_of
from queries.schedule import Dates, Shift, day_of

__all__ = ["Overdue", "SlipImpact", "overdue", "parse_slip", "slip_impact"]


@dataclass(frozen=True)
class Overdue(JsonResult):
    """Open actions past their planned finish on ``as_of``, and what they hold up."""

    plan: str
    as_of: date
    overdue: list[str]
    held_up: dict[str, list[str]]


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
    pid = plan_of(graph, plan)
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


def _is_slip(text: str) -> bool:
    """Whether ``text`` reads as one ``REF=AMOUNT``."""
    ref, _, amount = text.rpartition("=")
    match = _AMOUNT.fullmatch(amount)
    return bool(ref.strip()) and match is not None and match.group(2).lower() in _UNITS


def parse_slip(text: str) -> tuple[str, str]:
    """Read a ``--slip`` option, ``REF=AMOUNT``: the ref and the amount in its short form.

    The amount is a whole number of months (``m``), weeks (``w``) or days (``d``). A slip of
    months moves a date by calendar months: a month's last day to the last day of the month
    as many months later (31 Jan or 30 Jun + 1 month is 29 Feb or 31 Jul), any other day
    keeping its day of the month where it exists (15 Jan + 1 month is 15 Feb).

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
    graphmodel.errors.CriticalPathError: a slip is written REF=AMOUNT, like 'A-1=3m', not 'A-1'
    """
    ref, sep, amount = text.rpartition("=")
    if not sep or not ref.strip():
        raise CriticalPathError(f"a slip is written REF=AMOUNT, like 'A-1=3m', not {text!r}")
    if "," in text and all(_is_slip(part) for part in text.split(",")):
        raise CriticalPathError(
            f"one slip per --slip: {text!r} holds several; repeat the option, like"
            " --slip A-1=3m --slip B-2=1m"
        )
    return ref.strip(), _amount(amount)[0]


@dataclass(frozen=True)
class SlipImpact(JsonResult):
    """What moves when actions slip: finishes before and after, as ``(old, new)`` pairs
    (``[old, new]`` in JSON)."""

    plan: str
    slips: dict[str, str]
    moved: dict[str, tuple[date | None, date | None]]
    findings_later: dict[str, tuple[date | None, date | None]]
    finish: tuple[date | None, date | None]
    unmoved: dict[str, date | None] = field(
        default_factory=dict, metadata=json_meta(omit_empty=True)
    )
    """Actions whose last milestone moved but which did not, with their finish: they already
    finish on or after the milestone's new date (in JSON only when there are some)."""
    undated: list[str] = field(default_factory=list, metadata=json_meta(omit_empty=True))
    """Slipped actions or milestones with no earliest finish (no due period, and no
    prerequisite that gives a date): nothing to move, so their slip moves nothing (in JSON
    only when there are some)."""


def slip_impact(
    graph: nx.MultiDiGraph, plan: str | None = None, *, slips: dict[str, str]
) -> SlipImpact:
    """What else moves when actions (or milestones) slip.

    Each slipped node's earliest finish moves by its amount (see :func:`parse_slip`); the
    forward pass is run again with the durations of the plan as written, so dependants move
    with it. ``moved`` lists every action and milestone whose earliest finish changed;
    ``findings_later`` every finding whose finish -- the latest earliest finish of the
    actions addressing it -- is now later; ``unmoved`` every action whose last milestone
    moved while it did not (it already finished as late). A node with no earliest finish
    cannot slip: it is listed in ``undated`` and moves nothing; a cancelled action is not
    scheduled, so it cannot slip either (an error).
    Months are calendar months: a month's last day moves to the last day of the month as
    many months later, and a dependant that runs for whole months as written and now starts
    on a month's first day still runs for as many months (so it ends on a month's last
    day); weeks and days are counted in days.

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
    {'A': ['2024-01-31', '2024-02-29'], 'B': ['2024-03-31', '2024-04-30']}
    >>> impact.to_dict()["findings_later"]
    {'F1': ['2024-03-31', '2024-04-30']}
    """
    pid = plan_of(graph, plan)
    net = sched.network(graph, pid)
    node = {net.key[n]: n for n in net.nodes}
    shifts: dict[str, Shift] = {}
    written: dict[str, str] = {}
    for ref, amount in slips.items():
        if ref not in node:
            facts = plan_facts(graph, pid).actions.values()
            if any(a.cancelled and a.ref == ref for a in facts):  # left out of the network
                raise CriticalPathError(f"action {ref!r} is cancelled: it is not scheduled")
            hint = ref_hint(ref, [net.key[n] for n in net.nodes])
            raise CriticalPathError(
                f"plan {pid!r} has no action or milestone {ref!r} to slip; {hint}"
            )
        written[ref], shifts[node[ref]] = _amount(amount)
    starts, ends, dur = sched.forward(net)
    before = {n: day_of(d) for n, d in ends.items()}
    moved_ends = sched.forward(net, dur, shifts, (starts, ends))[1]
    after = {n: day_of(d) for n, d in moved_ends.items()}
    moved = {net.key[n]: (before[n], after[n]) for n in net.nodes if before[n] != after[n]}

    def latest(ef: Dates, nodes: list[str]) -> date | None:
        return max((d for n in nodes if (d := ef[n]) is not None), default=None)

    later: dict[str, tuple[date | None, date | None]] = {}
    for f, links in finding_actions(graph, pid).items():
        actions = [link.action for link in links]
        old, new = latest(before, actions), latest(after, actions)
        if old is not None and new is not None and new > old:
            later[graph.nodes[f]["ref"]] = (old, new)
    unmoved = {
        net.key[a]: after[a]
        for a, m in net.last.items()
        if before[m] != after[m] and before[a] == after[a]
    }
    return SlipImpact(
        pid,
        written,
        moved,
        later,
        (latest(before, net.nodes), latest(after, net.nodes)),
        unmoved,
        [net.key[n] for n in shifts if before[n] is None],
    )
