"""Party load: one person's, organisation's or board's open actions, busiest window and
whether the overload rule flags it -- a pure function of its :class:`~queries.overload.rows.
PartyRow`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.model import PartyKind
from graphmodel.parties import name_of
from graphmodel.serialise import JsonResult, json_meta
from queries.overload.rows import PartyRow
from queries.overload.rule import OverloadRule
from queries.percent import share

__all__ = ["OwnerLoad", "busiest_window", "owner_load"]


def _window(window: tuple[str, str, int] | None) -> dict[str, str | int] | None:
    """The busiest window as JSON: its first and last month and how many actions fall due."""
    if window is None:
        return None
    first, last, count = window
    return {"first": first, "last": last, "actions": count}


@dataclass(frozen=True)
class OwnerLoad(JsonResult):
    """One person, organisation or board and its load (see :mod:`queries.overload`)."""

    ref: str
    kind: PartyKind
    name: str
    post: str | None
    organisation: str | None
    open_actions: int
    counted_actions: int
    by_role: dict[str, int]
    actions: list[str]
    priorities: list[str]
    busiest_window: tuple[str, str, int] | None = field(metadata=json_meta(encode=_window))
    critical_actions: list[str]
    sole_owner_for: list[str]
    overloaded: bool
    reasons: list[str]
    share: float


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def busiest_window(
    months: list[int], firsts: list[int] | None = None
) -> tuple[str, str, int] | None:
    """The most month numbers in any ``[m, m + 2]`` for ``m`` among them, the earliest on ties,
    as ``(first month, last month, count)``; None for no months.

    ``firsts`` (aligned with ``months``) are the months the due periods start in: when those
    counted start before ``m`` (a quarter or a term due in ``m``), the window is moved back
    to hold them, as far as it still ends at or after the last month counted -- it then
    counts the same actions, none more.

    >>> busiest_window([24300, 24301, 24305, 24306, 24307])  # Jan, Feb, Jun, Jul, Aug 2025
    ('2025-06', '2025-08', 3)
    >>> busiest_window([24302, 24302], [24300, 24300])  # two due in the quarter Jan-Mar 2025
    ('2025-01', '2025-03', 2)
    """
    pairs = sorted(zip(months, firsts if firsts else months, strict=True))
    months = [m for m, _ in pairs]
    best: tuple[int, int, int] | None = None
    j = 0
    for i, m in enumerate(months):
        if i and months[i - 1] == m:
            continue
        while j < len(months) and months[j] <= m + 2:
            j += 1
        if best is None or j - i > best[1]:
            best = (m, j - i, i)
    if best is None:
        return None
    m, count, i = best
    inside = pairs[i : i + count]
    start = max(min(m, *(f for _, f in inside)), inside[-1][0] - 2)
    return _month(start), _month(start + 2), count


def _reasons(
    rule: OverloadRule, n: int, total: int, window: tuple[str, str, int] | None
) -> list[str]:
    reasons = []
    if n >= rule.max_open:
        reasons.append(f"{n} open actions (limit {rule.max_open})")
    if n >= rule.min_open_for_share and total and n / total >= rule.max_share - 1e-12:
        reasons.append(
            f"{share(n, total):g}% of all {total} open actions (limit {100 * rule.max_share:g}%)"
        )
    if rule.max_in_window is not None and window is not None and window[2] >= rule.max_in_window:
        reasons.append(
            f"{window[2]} open actions due {window[0]} to {window[1]} (limit {rule.max_in_window})"
        )
    return reasons


def party_name(row: PartyRow) -> str:
    """A person's name, else the post with its organisation; an organisation's or board's
    name (its ref when it has none)."""
    return name_of(row, row.organisation if row.kind is PartyKind.PERSON else None)


def owner_load(
    row: PartyRow, rule: OverloadRule, total_open: int, sole_owner_for: list[str]
) -> OwnerLoad:
    """The load of one party out of the plan's ``total_open`` open actions: people are judged
    by ``rule`` on their counted actions; organisations and boards are never flagged."""
    n = row.counted
    person = row.kind is PartyKind.PERSON
    window = busiest_window(row.due_months, row.due_firsts)
    reasons = _reasons(rule, n, total_open, window) if person else []
    if reasons and rule.count_roles != ("responsible",):
        reasons = [f"{r}, counting {' and '.join(rule.count_roles)}" for r in reasons]
    return OwnerLoad(
        ref=row.ref,
        kind=row.kind,
        name=party_name(row),
        post=row.post if person else None,
        organisation=row.organisation,
        open_actions=len(row.actions),
        counted_actions=n,
        by_role=dict(row.by_role),
        actions=list(row.actions),
        priorities=list(row.priorities),
        busiest_window=window,
        critical_actions=list(row.critical),
        sole_owner_for=sole_owner_for,
        overloaded=bool(reasons),
        reasons=reasons,
        share=share(n, total_open),
    )
