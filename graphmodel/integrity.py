"""Integrity of a plan across its entities: refs that exist, refs unique per kind, cycles,
dates and statuses that could not be read.

:func:`plan_problems` returns every problem as a :class:`~graphmodel.errors.Problem` whose
``loc`` is the path of the offending field in the model; loaders turn that path into a
line and column or a sheet, row and column.

Codes: ``ref.*``, ``cycle.*``, ``date.*``, ``status.unknown`` and ``link.reason``; their
severities, meanings and fixes are registered in :mod:`graphmodel.problems`.

>>> from graphmodel.model import PartyKind, Plan
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
from collections.abc import Iterable, Iterator
from typing import Any

from graphmodel.cycles import cycles as _cycles_in
from graphmodel.errors import Problem, loc_text
from graphmodel.model import PartyKind, Plan
from graphmodel.periods import Period, excel_serial_note
from graphmodel.problems import problem
from graphmodel.relations import (
    COLLECTIONS,
    ENTITIES,
    Item,
    Relation,
    node_kind_of,
    relations_of,
)
from graphmodel.schema import NodeKind

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

    for holder, collection in COLLECTIONS.items():
        rows = [r for r in relations_of(holder) if r.basis]
        for i, entity in enumerate(getattr(plan, collection) if rows else ()):
            for r in rows:
                yield from check((collection, i, r.field), getattr(entity, r.field))


def _problem(code: str, loc: Loc, field: str, value: object, message: str) -> Problem:
    """A problem at ``loc``; its severity is the registry's (:mod:`graphmodel.problems`)."""
    return problem(code, message, field=field, value=value, loc=loc)


def _milestones(plan: Plan) -> Iterator[tuple[Loc, str]]:
    for i, action in enumerate(plan.actions):
        for j, milestone in enumerate(action.milestones):
            yield ("actions", i, "milestones", j), milestone.ref


def _collections(plan: Plan) -> Iterator[list[tuple[Loc, str]]]:
    """For each kind, the (loc, ref) of every entity; milestones across all actions."""
    for name in COLLECTIONS.values():
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


def _in_field_order(holder: NodeKind) -> tuple[Relation, ...]:
    """The ref-holding relations of ``holder`` in the order of the model's fields, which is
    the order their problems are reported in."""
    fields = list(ENTITIES[holder].model_fields)
    return tuple(
        sorted((r for r in relations_of(holder) if r.is_ref), key=lambda r: fields.index(r.field))
    )


_CHECKED = {kind: _in_field_order(kind) for kind in COLLECTIONS}


def _unknown_refs(plan: Plan) -> list[Problem]:
    """Refs that name no entity of their kind (``ref.unknown``), and refs a list names twice
    (``ref.repeated``; party lists excepted), in one pass over the plan's refs."""
    known = {kind: {e.ref for e in getattr(plan, name)} for kind, name in COLLECTIONS.items()}
    by_party = {p: known[node_kind_of(p)] for p in PartyKind}
    found: list[Problem] = []
    for holder, collection in COLLECTIONS.items():
        rows = [(r.field, r.many, r.party, r.targets[0], r) for r in _CHECKED[holder]]
        if not rows:
            continue
        for i, entity in enumerate(getattr(plan, collection)):
            for field, many, party, target, r in rows:
                value = getattr(entity, field)
                if not many:
                    if value is not None and value not in known[target]:
                        found.append(_unknown((collection, i, field), field, target, value))
                elif not value:
                    continue
                elif party:
                    owners = r.item is Item.OWNER
                    for k, item in enumerate(value):
                        named = item.party if owners else item
                        if named.ref not in by_party[named.kind]:
                            kind = node_kind_of(named.kind)
                            found.append(
                                _unknown((collection, i, field, k), field, kind, named.ref)
                            )
                elif not known[target].issuperset(value) or len(set(value)) != len(value):
                    found += _listed((collection, i, field), target, value, known[target])
    return found


def _listed(loc: Loc, kind: NodeKind, refs: list[str], known: set[str]) -> Iterator[Problem]:
    """The unknown and repeated refs of one list (a link repeated with another basis or
    reason is not a repeat)."""
    seen: set[str] = set()
    field = str(loc[-1])
    for k, ref in enumerate(refs):
        if ref not in known:
            yield _unknown((*loc, k), field, kind, ref)
        if ref in seen:
            yield _problem(
                "ref.repeated",
                (*loc, k),
                field,
                ref,
                f"{ref!r} is listed twice here; remove the repeat",
            )
        seen.add(ref)


def _unknown(loc: Loc, field: str, kind: NodeKind, ref: str) -> Problem:
    return _problem(
        "ref.unknown",
        loc,
        field,
        ref,
        f"no {kind.value} has ref {ref!r}; add it to {COLLECTIONS[kind]} or correct the ref",
    )


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
