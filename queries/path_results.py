"""The answers of :mod:`queries.critical_path`: the typed results (timings, date conflicts,
the critical path itself) and the error for what cannot be answered.

The module docstring of :mod:`queries.critical_path` defines every date and term used here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import ClassVar

import networkx as nx

from graphmodel.errors import CriticalPathError, in_words
from graphmodel.graph import plan_ids
from graphmodel.schema import NodeKind, node_id
from graphmodel.serialise import JsonResult, json_meta

__all__ = [
    "ConflictKind",
    "CriticalPath",
    "CriticalPathError",
    "DateConflict",
    "InferredStep",
    "ReorderedMilestones",
    "Timing",
    "iso_day",
    "plan_of",
    "timing_node",
]


@dataclass(frozen=True)
class Timing:
    """The dates of one action or milestone (see the module docstring for the definitions)."""

    ref: str
    kind: NodeKind  # an action or a milestone
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


def timing_node(graph: nx.MultiDiGraph, plan_prefix: str | None, timing: Timing) -> str:
    """The graph node of a critical path's ``timing``: an action's, or a milestone's, whose
    key is its ref, or ``milestone:REF`` when an action has the same ref."""
    if timing.kind is not NodeKind.MILESTONE:
        return node_id(NodeKind.ACTION, timing.ref, plan_prefix)
    plain = node_id(NodeKind.MILESTONE, timing.ref, plan_prefix)
    if plain in graph:
        return plain
    return node_id(NodeKind.MILESTONE, timing.ref.removeprefix("milestone:"), plan_prefix)


def _slack(timings: dict[str, Timing]) -> dict[str, int | None]:
    return {ref: t.slack_days for ref, t in timings.items()}


@dataclass(frozen=True)
class InferredStep(JsonResult):
    """A step of the critical path that rests on an inferred dependency: ``action`` waits
    for ``prerequisite`` because a reader inferred so, for ``reason``."""

    action: str
    prerequisite: str
    reason: str | None


def iso_day(day: date | None) -> str | None:
    """A day as ISO text (``2024-03-31``), None as None."""
    return day.isoformat() if day is not None else None


class ConflictKind(str, Enum):
    """What a :class:`DateConflict` contradicts."""

    DUE = "due"  # the action is due in a period before its prerequisite's
    START = "start"  # the action starts in a period before its prerequisite is due


@dataclass(frozen=True)
class DateConflict(JsonResult):
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
    basis: str = field(default="stated", metadata=json_meta(omit_if=lambda c: c.basis == "stated"))
    reason: str | None = field(
        default=None, metadata=json_meta(omit_if=lambda c: c.basis == "stated")
    )
    """In JSON (dates as ISO text), ``basis`` and ``reason`` only for an inferred dependency."""

    @property
    def message(self) -> str:
        """The conflict in a sponsor's words, with both dates, and the reason when the
        dependency is inferred."""
        if self.kind is ConflictKind.START:
            text = (
                f"{self.action} starts {iso_day(self.action_start)}, before {self.prerequisite}"
                f" is due ({iso_day(self.prerequisite_due)}), which must finish first"
            )
        else:
            text = (
                f"{self.action} is due {iso_day(self.action_due)}, before {self.prerequisite}"
                f" ({iso_day(self.prerequisite_due)}), which must finish first"
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
class CriticalPath(JsonResult):
    """The critical path of a plan, or of one finding (``to``).

    :meth:`to_dict` is plain JSON data: the audit contract's keys plus ``slack`` (of each
    timing), ``undated``, ``dependencies``, ``latest_due`` (refs and date), ``tied`` chains,
    ``finish_reasons``, ``milestones_reordered``, ``summary``, ``inferred_steps`` (the steps
    of the path resting on inferred dependencies), ``stated_only`` and, when some action
    depends on a cancelled one, ``waits_on_cancelled`` (action ref -> the cancelled refs it
    depends on; a cancelled action is not scheduled and gates nothing)."""

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        *("plan", "to", "findings", "path", "finish", "summary", "dependencies", "latest_due"),
        *("latest_due_date", "tied", "finish_reasons", "date_conflicts"),
        *("milestones_reordered", "cycles", "timings", "undated", "inferred_steps"),
        *("stated_only", "waits_on_cancelled"),
    )

    plan: str
    path: list[str]
    finish: date | None
    timings: dict[str, Timing] = field(metadata=json_meta(key="slack", encode=_slack))
    date_conflicts: list[DateConflict]
    cycles: list[list[str]]
    undated: list[str]
    to: str | None
    inferred_steps: list[InferredStep] = field(default_factory=list)
    stated_only: bool = False
    dependencies: bool = True
    latest_due: list[str] = field(default_factory=list, metadata=json_meta(key="latest_due.refs"))
    latest_due_date: date | None = field(default=None, metadata=json_meta(key="latest_due.date"))
    tied: list[list[str]] = field(default_factory=list)
    finish_reasons: list[str] = field(default_factory=list)
    milestones_reordered: list[ReorderedMilestones] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    waits_on_cancelled: dict[str, list[str]] = field(
        default_factory=dict, metadata=json_meta(omit_empty=True)
    )

    @property
    def summary(self) -> str:
        """One line: the finish and what decides it, in the words of the module docstring."""
        if not self.dependencies:
            refs = ", ".join(self.latest_due[:5])
            if len(self.latest_due) > 5:
                refs += f" and {len(self.latest_due) - 5} more"
            due = f"{refs} ({iso_day(self.latest_due_date)})"
            none = "no dependencies recorded"
            if self.waits_on_cancelled:
                none = "no dependencies but on cancelled actions"
            text = none + "; " + (f"latest due: {due}" if self.latest_due else "no dated actions")
            return text + (f"; {len(self.tied)} actions tie" if self.tied else "")
        if not self.path:
            return "no dated actions"
        text = " → ".join(self.path)
        if len(self.tied) > 1:
            text += f" ({len(self.tied)} chains tie: " + "; ".join(" → ".join(c) for c in self.tied)
            text += ")"
        return text


def plan_of(graph: nx.MultiDiGraph, plan: str | None) -> str:
    """The id of ``plan``, or of the graph's only plan when None; CriticalPathError if
    there is no such plan, or several and none named."""
    ids = plan_ids(graph)
    if plan is None and len(ids) == 1:
        return ids[0]
    if plan is None or plan not in ids:
        what = f"{len(ids)} plans" if plan is None else f"no plan {plan!r}"
        raise CriticalPathError(f"the graph holds {what}; name one of {in_words(ids, last='or')}")
    return plan
