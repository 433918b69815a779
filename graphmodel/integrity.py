"""Integrity of a plan across its entities: refs that exist, refs unique per kind, cycles,
dates and statuses that could not be read.

:func:`plan_problems` returns every problem as a :class:`~graphmodel.errors.Problem` whose
``loc`` is the path of the offending field in the model; loaders turn that path into a
line and column or a sheet, row and column.

Codes: ``ref.*``, ``cycle.*``, ``date.*``, ``status.unknown`` and ``link.reason``; their
severities, meanings and fixes are registered in :mod:`graphmodel.problems`.

>>> from graphmodel.model import Plan
>>> plan = Plan.model_validate({"area": "X", "title": "T", "actions": [
...     {"ref": "a", "text": "A", "depends_on": ["b"]},
...     {"ref": "b", "text": "B", "depends_on": ["a", "zz"]}]})
>>> for p in plan_problems(plan):
...     print(p.code, p.loc)
ref.unknown ('actions', 1, 'depends_on', 1)
cycle.depends_on ('actions', 0, 'depends_on')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graphmodel.cycles import cycles as _cycles_in
from graphmodel.errors import Problem, loc_text
from graphmodel.model import PartyKind, Plan
from graphmodel.periods import Period, excel_serial_note
from graphmodel.problems import problem

__all__ = ["plan_problems"]

Loc = tuple[str | int, ...]


def plan_problems(plan: Plan) -> list[Problem]:
    """Every integrity problem of ``plan``, in document order within each check."""
    problems: list[Problem] = []
    problems += _duplicates(plan)
    problems += _unknown_refs(plan)
    problems += _cycles(plan)
    problems += _dates(plan)
    problems += _statuses(plan)
    problems += _unexplained(plan)
    return problems


def _unexplained(plan: Plan) -> Iterator[Problem]:
    """Inferred links that do not say why: a reader cannot judge an inference unexplained."""
    from graphmodel.model import Basis

    def check(loc: Loc, values: Iterable[Any]) -> Iterator[Problem]:
        for k, value in enumerate(values):
            if getattr(value, "basis", None) is Basis.INFERRED and not value.reason:
                shown = str(getattr(value, "party", value))
                yield _problem(
                    "link.reason",
                    (*loc, k),
                    str(loc[-1]),
                    shown,
                    f'the inferred link to {shown!r} gives no reason; add reason: "why"',
                )

    for i, p in enumerate(plan.priorities):
        yield from check(("priorities", i, "addresses"), p.addresses)
    for i, o in enumerate(plan.objectives):
        yield from check(("objectives", i, "addresses"), o.addresses)
    for i, a in enumerate(plan.actions):
        yield from check(("actions", i, "owners"), a.owners)
        yield from check(("actions", i, "depends_on"), a.depends_on)
        yield from check(("actions", i, "addresses"), a.addresses)


def _problem(code: str, loc: Loc, field: str, value: object, message: str) -> Problem:
    """A problem at ``loc``; its severity is the registry's (:mod:`graphmodel.problems`)."""
    return problem(code, message, field=field, value=value, loc=loc)


def _milestones(plan: Plan) -> Iterator[tuple[Loc, str]]:
    for i, action in enumerate(plan.actions):
        for j, milestone in enumerate(action.milestones):
            yield ("actions", i, "milestones", j), milestone.ref


_KINDS = (
    "findings",
    "priorities",
    "objectives",
    "actions",
    "measures",
    "people",
    "organisations",
    "boards",
)


def _collections(plan: Plan) -> Iterator[list[tuple[Loc, str]]]:
    """For each kind, the (loc, ref) of every entity; milestones across all actions."""
    for name in _KINDS:
        entities: list[Any] = getattr(plan, name)
        yield [((name, i), e.ref) for i, e in enumerate(entities)]
    yield list(_milestones(plan))


def _duplicates(plan: Plan) -> Iterator[Problem]:
    for refs in _collections(plan):
        first: dict[str, Loc] = {}
        for loc, ref in refs:
            if ref in first:
                where = loc_text(first[ref])
                yield _problem(
                    "ref.duplicate",
                    (*loc, "ref"),
                    "ref",
                    ref,
                    f"{where} already has ref {ref!r}; give each a ref of its own",
                )
            else:
                first[ref] = loc


def _unknown_refs(plan: Plan) -> Iterator[Problem]:
    refs = {
        "finding": {f.ref for f in plan.findings},
        "priority": {p.ref for p in plan.priorities},
        "objective": {o.ref for o in plan.objectives},
        "action": {a.ref for a in plan.actions},
        "measure": {m.ref for m in plan.measures},
        "person": {p.ref for p in plan.people},
        "organisation": {o.ref for o in plan.organisations},
        "board": {b.ref for b in plan.boards},
    }
    plural = {
        "finding": "findings",
        "priority": "priorities",
        "objective": "objectives",
        "action": "actions",
        "measure": "measures",
        "person": "people",
        "organisation": "organisations",
        "board": "boards",
    }

    def check(loc: Loc, kind: str, ref: str | None) -> Iterator[Problem]:
        if ref is not None and ref not in refs[kind]:
            yield _problem(
                "ref.unknown",
                loc,
                str(loc[-1] if isinstance(loc[-1], str) else loc[-2]),
                ref,
                f"no {kind} has ref {ref!r}; add it to {plural[kind]} or correct the ref",
            )

    def each(loc: Loc, kind: str, values: Sequence[str]) -> Iterator[Problem]:
        seen: set[str] = set()
        for k, ref in enumerate(values):
            yield from check((*loc, k), kind, ref)
            if ref in seen:
                yield _problem(
                    "ref.repeated",
                    (*loc, k),
                    str(loc[-1]),
                    ref,
                    f"{ref!r} is listed twice here; remove the repeat",
                )
            seen.add(ref)

    def parties(loc: Loc, values: Iterable[tuple[PartyKind, str]]) -> Iterator[Problem]:
        for k, (kind, ref) in enumerate(values):
            yield from check((*loc, k), kind.value, ref)

    for i, f in enumerate(plan.findings):
        yield from check(("findings", i, "parent"), "finding", f.parent)
    for i, p in enumerate(plan.priorities):
        at: Loc = ("priorities", i)
        yield from check((*at, "sponsor"), "person", p.sponsor)
        yield from each((*at, "leads"), "person", p.leads)
        yield from each((*at, "parent_reps"), "person", p.parent_reps)
        yield from parties(
            (*at, "delivery_partners"), ((d.kind, d.ref) for d in p.delivery_partners)
        )
        yield from each((*at, "reports_to"), "board", p.reports_to)
        yield from each((*at, "addresses"), "finding", p.addresses)
        yield from each((*at, "measures"), "measure", p.measures)
    for i, o in enumerate(plan.objectives):
        yield from check(("objectives", i, "priority"), "priority", o.priority)
        yield from each(("objectives", i, "addresses"), "finding", o.addresses)
        yield from each(("objectives", i, "measures"), "measure", o.measures)
    for i, a in enumerate(plan.actions):
        at = ("actions", i)
        yield from check((*at, "priority"), "priority", a.priority)
        yield from check((*at, "objective"), "objective", a.objective)
        yield from parties((*at, "owners"), ((o.party.kind, o.party.ref) for o in a.owners))
        yield from each((*at, "depends_on"), "action", a.depends_on)
        yield from each((*at, "addresses"), "finding", a.addresses)
        yield from each((*at, "measures"), "measure", a.measures)
    for i, person in enumerate(plan.people):
        yield from check(("people", i, "organisation"), "organisation", person.organisation)
    for i, b in enumerate(plan.boards):
        at = ("boards", i)
        yield from each((*at, "reports_to"), "board", b.reports_to)
        yield from check((*at, "chair"), "person", b.chair)
        yield from check((*at, "deputy_chair"), "person", b.deputy_chair)
        yield from parties((*at, "members"), ((m.kind, m.ref) for m in b.members))


def dependency_cycles(plan: Plan) -> list[list[str]]:
    """Groups of actions whose ``depends_on`` go round in a circle (self-dependency included)."""
    order = {a.ref: i for i, a in enumerate(plan.actions)}
    return _cycles_in(((a.ref, d) for a in plan.actions for d in a.depends_on if d in order), order)


def reporting_cycles(plan: Plan) -> list[list[str]]:
    """Groups of boards whose ``reports_to`` go round in a circle."""
    order = {b.ref: i for i, b in enumerate(plan.boards)}
    return _cycles_in(((b.ref, t) for b in plan.boards for t in b.reports_to if t in order), order)


def _cycles(plan: Plan) -> Iterator[Problem]:
    circles = [
        (
            "cycle.depends_on",
            "actions",
            "depends_on",
            dependency_cycles(plan),
            "actions depend on each other in a circle",
            "none of them can finish first",
        ),
        (
            "cycle.reports_to",
            "boards",
            "reports_to",
            reporting_cycles(plan),
            "boards report to each other in a circle",
            "nothing reaches a top board",
        ),
    ]
    for code, kind, field, cycles, what, so in circles:
        index = {e.ref: i for i, e in enumerate(getattr(plan, kind))}
        for cycle in cycles:
            loop = " -> ".join([*cycle, cycle[0]])
            yield _problem(
                code, (kind, index[cycle[0]], field), field, cycle[0], f"{what}: {loop}; {so}"
            )
    findex = {f.ref: i for i, f in enumerate(plan.findings)}
    parent_edges = ((f.ref, f.parent) for f in plan.findings if f.parent in findex)
    for cycle in _cycles_in(parent_edges, findex):
        yield _problem(
            "cycle.parent",
            ("findings", findex[cycle[0]], "parent"),
            "parent",
            cycle[0],
            "findings are each other's parents: " + " -> ".join([*cycle, cycle[0]]),
        )


def _period_fields(plan: Plan) -> Iterator[tuple[Loc, str, Period | None]]:
    if plan.inspection is not None:
        yield ("inspection", "start"), "start", plan.inspection.start
        yield ("inspection", "end"), "end", plan.inspection.end
    yield ("published",), "published", plan.published
    for i, a in enumerate(plan.actions):
        yield ("actions", i, "start"), "start", a.start
        yield ("actions", i, "due"), "due", a.due
        for j, m in enumerate(a.milestones):
            yield ("actions", i, "milestones", j, "due"), "due", m.due
    for i, measure in enumerate(plan.measures):
        yield ("measures", i, "due"), "due", measure.due


_DAY_LIKE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](\d{2}|\d{4}))\s*$")


def _dates(plan: Plan) -> Iterator[Problem]:
    for loc, field, period in _period_fields(plan):
        if period is not None and (note := excel_serial_note(period.text)) is not None:
            yield _problem(
                "date.serial",
                loc,
                field,
                period.text,
                f"{note}; if it is not, format the cell as text and write the date as people"
                " do (Dec-24)",
            )
        if period is None or period.is_dated:
            continue
        if _DAY_LIKE.match(period.text):
            yield _problem(
                "date.invalid",
                loc,
                field,
                period.text,
                "written as a day, but there is no such day; correct it (days are "
                "written 2024-03-31 or 31/03/2024, day first)",
            )
        else:
            yield _problem(
                "date.unparsed",
                loc,
                field,
                period.text,
                "not a date or period this tool can read; kept as text, so it has no "
                "dates. Write it like 'Dec-23', 'March 2019', 'Jan-Jul 24', 'Q3 2024' "
                "or '2024-03-31' to give it dates",
            )


def _statuses(plan: Plan) -> Iterator[Problem]:
    known = ", ".join(sorted(plan.status_scale.words_in_effect()))
    for i, a in enumerate(plan.actions):
        cells: list[tuple[Loc, str | None]] = [(("actions", i, "status"), a.status)]
        cells += [
            (("actions", i, "milestones", j, "status"), m.status)
            for j, m in enumerate(a.milestones)
        ]
        for loc, text in cells:
            reading = plan.read_status(text)
            if reading is None or reading.value is not None or reading.date is not None:
                continue
            colour = reading.text.strip().split(" ")[0].casefold()
            if colour in _COLOURS:
                advice = (
                    "it is a colour: declare the plan's colour scale (status_scale: "
                    "brag, bragg or rag) or add the colour under status_scale.words"
                )
            else:
                advice = f"add it under status_scale.words or use one of: {known}"
            yield _problem(
                "status.unknown",
                loc,
                "status",
                text,
                f"no word of the status scale {plan.status_scale.name!r} matches; " + advice,
            )


_COLOURS = {"blue", "green", "amber", "red", "grey", "gray", "yellow", "purple", "black"}
