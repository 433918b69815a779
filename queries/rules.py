"""Plan rules: what an inspector or a board would send back before a plan is submitted.

=========================  ==================================================================
rule                       a violation is
=========================  ==================================================================
``priority.sponsor``       a priority (workstream) with no sponsor
``priority.lead``          a priority with no lead
``action.owner``           an action that is not cancelled and has no answerable owner
                           (responsible or accountable; parties only involved answer for
                           nothing)
``action.due``             an action that is not cancelled and has no due period (no due,
                           or a due text that is not a date, such as "Actions have commenced")
``measure.baseline``       a measure with no baseline
``measure.target``         a measure with no target
``action.stale_status``    with an ``as_of`` date: an action still rated waiting or not
                           started whose due period ended before ``as_of`` (one still rated
                           on track is ``status.overdue_on_track``)
``status.overdue_on_track``  with an ``as_of`` date: an action or milestone rated on track
                           (green) whose due period ended before ``as_of``
``status.complete_undated``  an action or milestone rated complete with neither a dated due
                           period nor a date in its status cell (``Completed Oct 17``)
``status.late_start``      with an ``as_of`` date: an action rated not started (or waiting
                           with no open prerequisite left to wait for) whose start period
                           ended before ``as_of`` (an open start, ``From Jan-25``, counts
                           from its first day)
``status.unknown``         an action or milestone whose status cell has no word of the
                           plan's status scale (and no date): nobody can tell its progress
``dates.moved_silently``   with earlier versions: an action whose due period ends later than
                           in the version before while it was rated on track in both
``status.stuck``           with earlier versions: an action rated the same open status in
                           the last three versions or more (versions of one day count once),
                           and overdue on ``as_of`` (default: the newest version's date)
=========================  ==================================================================

The last two compare versions (:func:`version_rule_violations`); actions are followed across
versions by ref, and through renames as :mod:`queries.changes` matches them.

Each violation names the entity so a reader can find it in the document.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "actions": [{"ref": "A1", "text": "a", "due": "Dec-23", "status": "On track"}]}))
>>> from datetime import date
>>> [v.rule.value for v in plan_rule_violations(g, as_of=date(2024, 2, 1))]
['action.owner', 'status.overdue_on_track']
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import pairwise
from typing import Any, NamedTuple

import networkx as nx

from graphmodel.graph import nodes_of, resolve_plan
from graphmodel.periods import Period
from graphmodel.problems import RULE_CODES
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.serialise import JsonResult
from graphmodel.statuses import Status
from queries.facts import ActionFacts, PlanFacts, plan_facts
from queries.links import due_of, is_open
from queries.versions import PlanVersion

__all__ = [
    "ActionRow",
    "PlanRules",
    "Rule",
    "RuleRows",
    "RuleViolation",
    "plan_rule_violations",
    "rule_rows",
    "rule_violations_of",
    "version_rule_violations",
]


class Rule(str, Enum):
    """The plan rules; their meanings and fixes are registered in :mod:`graphmodel.problems`."""

    PRIORITY_SPONSOR = "priority.sponsor"
    PRIORITY_LEAD = "priority.lead"
    ACTION_OWNER = "action.owner"
    ACTION_DUE = "action.due"
    MEASURE_BASELINE = "measure.baseline"
    MEASURE_TARGET = "measure.target"
    ACTION_STALE_STATUS = "action.stale_status"
    STATUS_OVERDUE_ON_TRACK = "status.overdue_on_track"
    STATUS_COMPLETE_UNDATED = "status.complete_undated"
    STATUS_LATE_START = "status.late_start"
    STATUS_UNKNOWN = "status.unknown"
    DATES_MOVED_SILENTLY = "dates.moved_silently"
    STATUS_STUCK = "status.stuck"

    @property
    def meaning(self) -> str:
        """One line on what breaks the rule (``validate --list-codes``)."""
        return RULE_CODES[self.value].meaning

    @property
    def fix(self) -> str:
        """What to do about a violation (``validate --list-codes``)."""
        return RULE_CODES[self.value].fix


@dataclass(frozen=True)
class RuleViolation(JsonResult):
    rule: Rule
    kind: NodeKind
    ref: str
    message: str


@dataclass(frozen=True)
class PlanRules(JsonResult):
    """The plan rules' violations of one plan (``as_of``: the date the dated rules used)."""

    plan: str
    as_of: date | None
    violations: list[RuleViolation]

    def counts(self) -> dict[str, int]:
        """Violations per rule, in :class:`Rule` order, the rules broken only."""
        found = {r.value: 0 for r in Rule}
        for v in self.violations:
            found[v.rule.value] += 1
        return {rule: n for rule, n in found.items() if n}


_STALE = (Status.NOT_STARTED, Status.WAITING)


class ActionRow(NamedTuple):
    """What the rules read of one action: its attributes, whether it has an answerable owner
    and any owner, whether it counts as not started (:func:`_not_started`), its milestones."""

    data: Mapping[str, Any]
    answerable: bool
    owned: bool
    not_started: bool
    milestones: Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class RuleRows:
    """What the plan rules of one plan rest on, in document order: each priority's ref and
    title and whether it has a sponsor and a lead; each action (:class:`ActionRow`); each
    measure's ref and whether it has a baseline and a target. Gathered from a graph
    (:func:`rule_rows`) or by Cypher on a database (:mod:`queries.server_rules`), and turned
    into violations by :func:`rule_violations_of`, so each rule exists once."""

    plan: str
    priorities: list[tuple[str, str, bool, bool]]
    actions: list[ActionRow]
    measures: list[tuple[str, bool, bool]]


def plan_rule_violations(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    as_of: date | None = None,
    skip: Collection[str] = (),
) -> list[RuleViolation]:
    """Every violation of the plan rules (see the module docstring), in document order.

    ``skip`` names rules to leave out (``{"measure.target"}``); ``as_of`` enables
    ``action.stale_status``.
    """
    return rule_violations_of(rule_rows(graph, resolve_plan(graph, plan)), as_of=as_of, skip=skip)


def rule_rows(graph: nx.MultiDiGraph, plan: str) -> RuleRows:
    """The :class:`RuleRows` of one plan of ``graph``."""
    nodes, pred = graph._node, graph._pred  # networkx's own dicts: no views
    priorities = []
    for p in nodes_of(graph, NodeKind.PRIORITY, plan):
        incoming = {d["kind"] for keyed in pred[p].values() for d in keyed.values()}
        priorities.append(
            (
                nodes[p]["ref"],
                nodes[p]["title"],
                EdgeKind.SPONSORS in incoming,
                EdgeKind.LEADS in incoming,
            )
        )
    facts = plan_facts(graph, plan)
    parts = _milestones(graph, plan)
    actions = [
        ActionRow(
            nodes[a],
            bool(action.answerable),
            bool(action.owners),
            _not_started(graph, action, facts),
            [nodes[m] for m in parts[a]],
        )
        for a, action in facts.actions.items()
    ]
    measures = [
        (nodes[m]["ref"], bool(nodes[m].get("baseline")), bool(nodes[m].get("target")))
        for m in nodes_of(graph, NodeKind.MEASURE, plan)
    ]
    return RuleRows(plan, priorities, actions, measures)


def rule_violations_of(
    rows: RuleRows, *, as_of: date | None = None, skip: Collection[str] = ()
) -> list[RuleViolation]:
    """The violations of the plan rules in ``rows``: the pure end of
    :func:`plan_rule_violations`."""
    found: list[RuleViolation] = []

    def add(rule: Rule, kind: NodeKind, ref: str, message: str) -> None:
        if rule.value not in skip:
            found.append(RuleViolation(rule, kind, ref, message))

    for ref, title, sponsored, led in rows.priorities:
        if not sponsored:
            add(
                Rule.PRIORITY_SPONSOR,
                NodeKind.PRIORITY,
                ref,
                f"priority {ref} ({title}) has no sponsor",
            )
        if not led:
            add(Rule.PRIORITY_LEAD, NodeKind.PRIORITY, ref, f"priority {ref} ({title}) has no lead")
    for action in rows.actions:
        data = action.data
        if data.get("status_value") is Status.CANCELLED:
            continue
        ref = data["ref"]
        if not action.answerable:
            involved = " (only parties involved)" if action.owned else ""
            add(Rule.ACTION_OWNER, NodeKind.ACTION, ref, f"action {ref} has no owner{involved}")
        due = data["due"]
        if due_of(data) is None:
            written = f" (written '{due.text}')" if due is not None else ""
            add(Rule.ACTION_DUE, NodeKind.ACTION, ref, f"action {ref} has no due period{written}")
        elif (
            as_of is not None
            and due is not None
            and due.end is not None
            and due.end < as_of
            and data.get("status_value") in _STALE
        ):
            add(
                Rule.ACTION_STALE_STATUS,
                NodeKind.ACTION,
                ref,
                f"action {ref} is rated '{data['status']}' but was due {due.text} "
                f"(ended {due.end.isoformat()}), before {as_of.isoformat()}",
            )
        if as_of is not None and action.not_started:
            start: Period | None = data.get("start")
            begun = (start.end or start.start) if start is not None else None
            if start is not None and begun is not None and begun < as_of:
                add(
                    Rule.STATUS_LATE_START,
                    NodeKind.ACTION,
                    ref,
                    f"action {ref} is rated '{data['status']}' but was to start {start.text} "
                    f"(by {begun.isoformat()}), before {as_of.isoformat()}",
                )
        checked = [(data, NodeKind.ACTION), *((m, NodeKind.MILESTONE) for m in action.milestones)]
        for node, kind in checked:
            for violation in _status_violations(node, kind, as_of):
                add(*violation)
    for ref, baseline, target in rows.measures:
        if not baseline:
            add(Rule.MEASURE_BASELINE, NodeKind.MEASURE, ref, f"measure {ref} has no baseline")
        if not target:
            add(Rule.MEASURE_TARGET, NodeKind.MEASURE, ref, f"measure {ref} has no target")
    return found


def _not_started(graph: nx.MultiDiGraph, action: ActionFacts, facts: PlanFacts) -> bool:
    """Rated not started, or waiting with nothing left to wait for (no open prerequisite):
    in a BRAGG scale "Not started" is Grey, waiting."""
    value = action.status
    if value is Status.NOT_STARTED:
        return True
    if value is not Status.WAITING:
        return False
    nodes = graph._node
    prerequisites = [p for p in action.depends_on if nodes[p]["kind"] is NodeKind.ACTION]
    return not any(
        facts.actions[p].open if p in facts.actions else is_open(graph, p) for p in prerequisites
    )


def _milestones(graph: nx.MultiDiGraph, plan: str) -> dict[str, list[str]]:
    """Each action's milestones, in document order."""
    found: dict[str, list[str]] = {a: [] for a in nodes_of(graph, NodeKind.ACTION, plan)}
    succ = graph._succ  # networkx's own dicts: no views
    for m in nodes_of(graph, NodeKind.MILESTONE, plan):
        for v, keyed in succ[m].items():
            for d in keyed.values():
                if d["kind"] is EdgeKind.PART_OF and v in found:
                    found[v].append(m)
    return found


def _status_violations(
    data: Mapping[str, Any], kind: NodeKind, as_of: date | None
) -> list[tuple[Rule, NodeKind, str, str]]:
    """The single-version status rules for one action or milestone (its attributes)."""
    ref, text, value = data["ref"], data.get("status"), data.get("status_value")
    what = f"{kind.value} {ref}"
    found = []
    if text and value is None and data.get("status_date") is None:
        found.append(
            (
                Rule.STATUS_UNKNOWN,
                kind,
                ref,
                f"{what} has the status '{text}', which is no word of the plan's status "
                "scale: add it under status_scale.words or use a word the scale knows",
            )
        )
    due = data.get("due")
    if value is Status.COMPLETE and due_of(data) is None:
        written = f" (due written '{due.text}')" if due is not None else ""
        found.append(
            (
                Rule.STATUS_COMPLETE_UNDATED,
                kind,
                ref,
                f"{what} is rated '{text}' but says neither when it was due nor when it was "
                f"completed{written}",
            )
        )
    if (
        as_of is not None
        and value is Status.ON_TRACK
        and due is not None
        and due.end is not None
        and due.end < as_of
    ):
        found.append(
            (
                Rule.STATUS_OVERDUE_ON_TRACK,
                kind,
                ref,
                f"{what} is rated '{text}' (on track) but was due {due.text} "
                f"(ended {due.end.isoformat()}), before {as_of.isoformat()}",
            )
        )
    return found


def version_rule_violations(
    versions: Sequence[PlanVersion],
    *,
    as_of: date | None = None,
    skip: Collection[str] = (),
    steps: Sequence[Mapping[str, str]] | None = None,
) -> list[RuleViolation]:
    """The rules that compare versions (``dates.moved_silently``, ``status.stuck``) on
    ``versions``, oldest first; violations name the newest version's refs.

    ``as_of`` (default: the newest version's date) decides what is overdue for
    ``status.stuck``; without either, that rule is not checked. ``steps``, when the caller
    has matched the versions already, is each consecutive pair's action refs, old to new
    (:func:`queries.changes.matched_refs`), so they are not matched again.

    >>> from graphmodel import Plan
    >>> from queries.versions import version_of
    >>> def v(due, status, month):
    ...     return version_of(Plan.model_validate({"area": "X", "title": "T",
    ...         "published": month, "actions": [{"ref": "A", "text": "a", "due": due,
    ...         "status": status}]}), month)
    >>> found = version_rule_violations([v("Jan-25", "On track", "Dec 2024"),
    ...     v("Mar-25", "On track", "Jan 2025"), v("Mar-25", "Delayed", "Apr 2025"),
    ...     v("Mar-25", "Delayed", "May 2025"), v("Mar-25", "Delayed", "Jun 2025")])
    >>> [(x.rule.value, x.ref) for x in found]
    [('dates.moved_silently', 'A'), ('status.stuck', 'A')]
    """
    from queries.changes import matched_refs

    if len(versions) < 2:
        return []
    newest = versions[-1]
    as_of = as_of or newest.when
    # follow each action of every version to its ref in the newest (None once it is gone)
    to_newest: list[dict[str, str]] = [{a.ref: a.ref for a in newest.plan.actions}]
    if steps is None:
        steps = [matched_refs(a.plan, b.plan)[NodeKind.ACTION] for a, b in pairwise(versions)]
    for step in reversed(steps):
        later = to_newest[0]
        to_newest.insert(0, {old: later[new] for old, new in step.items() if new in later})
    found: list[RuleViolation] = []
    if Rule.DATES_MOVED_SILENTLY.value not in skip:
        found += _moved_silently(versions, to_newest)
    if Rule.STATUS_STUCK.value not in skip and as_of is not None:
        found += _stuck(versions, to_newest, as_of)
    order = {a.ref: i for i, a in enumerate(newest.plan.actions)}
    return sorted(found, key=lambda v: (order.get(v.ref, 0), v.rule is Rule.STATUS_STUCK))


def _moved_silently(
    versions: Sequence[PlanVersion], to_newest: list[dict[str, str]]
) -> list[RuleViolation]:
    found = []
    for i in range(1, len(versions)):
        older, newer = versions[i - 1], versions[i]
        before = {a.ref: a for a in older.plan.actions}
        back = {new: old for old, new in to_newest[i - 1].items()}
        now = {a.ref: a for a in newer.plan.actions}
        for ref, newest_ref in to_newest[i].items():
            action, was = now[ref], before.get(back.get(newest_ref, ""))
            if was is None or was.due is None or action.due is None:
                continue
            if was.due.end is None or action.due.end is None or action.due.end <= was.due.end:
                continue
            on_track = Status.ON_TRACK
            if older.plan.status_of(was.status) is on_track is newer.plan.status_of(action.status):
                found.append(
                    RuleViolation(
                        Rule.DATES_MOVED_SILENTLY,
                        NodeKind.ACTION,
                        newest_ref,
                        f"action {newest_ref}: due moved later from {was.due.text} to "
                        f"{action.due.text} between {older.label} and {newer.label} while "
                        f"rated on track ('{was.status}', then '{action.status}')",
                    )
                )
    return found


def _stuck(
    versions: Sequence[PlanVersion], to_newest: list[dict[str, str]], as_of: date
) -> list[RuleViolation]:
    found = []
    newest = versions[-1]
    for action in newest.plan.actions:
        status = newest.plan.status_of(action.status)
        due = action.due
        if status is None or not status.is_open or due is None or due.end is None:
            continue
        if due.end >= as_of:
            continue
        same = 0
        days: set[date] = set()
        for version, refs in zip(reversed(versions), reversed(to_newest), strict=True):
            back = {new: old for old, new in refs.items()}
            mine = {a.ref: a for a in version.plan.actions}.get(back.get(action.ref, ""))
            if mine is None or version.plan.status_of(mine.status) is not status:
                break
            if version.when is None or version.when not in days:  # commits of one day: one
                same += 1
            if version.when is not None:
                days.add(version.when)
        if same >= 3:
            found.append(
                RuleViolation(
                    Rule.STATUS_STUCK,
                    NodeKind.ACTION,
                    action.ref,
                    f"action {action.ref} has been rated {status.value.replace('_', ' ')} "
                    f"('{action.status}') for {same} versions and was due {due.text} "
                    f"(ended {due.end.isoformat()}), before {as_of.isoformat()}",
                )
            )
    return found
