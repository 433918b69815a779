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
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cached_property, partial
from itertools import chain
from operator import attrgetter
from typing import Any

from graphmodel.cycles import cycles as _cycles_in
from graphmodel.errors import Problem, loc_text
from graphmodel.model import Basis, PartyKind, Plan, said
from graphmodel.periods import Period, excel_serial_note, month_first
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
    problems += _start_after_due(plan)
    problems += _handled_by_nothing(plan)
    problems += _statuses(plan)
    problems += _unexplained(plan)
    return problems


def _unexplained(plan: Plan) -> list[Problem]:
    """Inferred links that do not say why: a reader cannot judge an inference unexplained."""
    found: list[Problem] = []
    for collection, fields in _WITH_BASIS:
        entities = getattr(plan, collection)
        inferred = [
            value
            for field in fields
            for value in chain.from_iterable(map(attrgetter(field), entities))
            if getattr(value, "basis", None) is Basis.INFERRED
        ]
        if all(value.reason for value in inferred):  # the usual case: nothing to report
            continue
        for i, entity in enumerate(entities):
            for field in fields:
                for k, value in enumerate(getattr(entity, field)):
                    if getattr(value, "basis", None) is Basis.INFERRED and not value.reason:
                        shown = str(getattr(value, "party", value))
                        found.append(
                            _problem(
                                "link.reason",
                                (collection, i, field, k),
                                field,
                                shown,
                                f"the inferred link to {shown!r} gives no reason;"
                                ' add reason: "why"',
                            )
                        )
    return found


_WITH_BASIS = tuple(
    (collection, fields)
    for holder, collection in COLLECTIONS.items()
    if (fields := tuple(r.field for r in relations_of(holder) if r.basis))
)
"""(collection, fields whose values say their basis), for the kinds that have such fields."""


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
    if _all_unique(plan):  # the usual case, decided on the refs alone
        return
    for refs in _collections(plan):
        first: dict[str, Loc] = {}
        for loc, ref in refs:
            if ref in first:
                where = loc_text(first[ref])
                found = _problem(
                    "ref.duplicate",
                    (*loc, "ref"),
                    "ref",
                    ref,
                    f"{where} already has ref {ref!r}; give each a ref of its own",
                )
                yield replace(found, other=first[ref])  # located with the first, in the file
            else:
                first[ref] = loc


def _all_unique(plan: Plan) -> bool:
    """Whether every kind's refs, and the milestones' across all actions, are unique."""
    for name in COLLECTIONS.values():
        refs = [e.ref for e in getattr(plan, name)]
        if len(set(refs)) != len(refs):
            return False
    refs = [m.ref for a in plan.actions for m in a.milestones]
    return len(set(refs)) == len(refs)


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
    (``ref.repeated``; party lists excepted), in one pass over the plan's refs.

    Each kind is first checked field by field with set operations (the usual plan has no
    such problem); only a kind that has one is walked entity by entity to report them.
    """
    known = {kind: {e.ref for e in getattr(plan, name)} for kind, name in COLLECTIONS.items()}
    by_party = {p: known[node_kind_of(p)] for p in PartyKind}
    found: list[Problem] = []
    _unknown = partial(_unknown_in, _OtherKinds(plan))
    for holder, collection in COLLECTIONS.items():
        rows = [(r.field, r.many, r.party, r.targets[0], r) for r in _CHECKED[holder]]
        entities = getattr(plan, collection)
        if not rows or not entities or _refs_known(entities, rows, known, by_party):
            continue
        for i, entity in enumerate(entities):
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
                elif not known[target].issuperset(map(str, value)) or len(set(value)) != len(value):
                    found += _listed((collection, i, field), target, value, known[target], _unknown)
    return found


class _OtherKinds:
    """What a ref names among the entities of other kinds than the one wanted: a depends_on
    naming a milestone (``B3-m1``) is told it names a milestone of action ``B3``. Worked out
    once, and only for a plan with an unknown ref."""

    def __init__(self, plan: Plan) -> None:
        self._plan = plan

    @cached_property
    def _named(self) -> dict[str, list[tuple[NodeKind, str | None]]]:
        named: dict[str, list[tuple[NodeKind, str | None]]] = {}
        for kind, name in COLLECTIONS.items():
            for entity in getattr(self._plan, name):
                named.setdefault(entity.ref, []).append((kind, None))
        for action in self._plan.actions:
            for milestone in action.milestones:
                named.setdefault(milestone.ref, []).append((NodeKind.MILESTONE, action.ref))
        return named

    def advice(self, kind: NodeKind, ref: str) -> str:
        """The fix for ``ref`` naming no ``kind``: what it names instead, if anything."""
        others = [(k, holder) for k, holder in self._named.get(ref, []) if k is not kind]
        if not others:
            return f"add it to {COLLECTIONS[kind]} or correct the ref"
        holders = sorted({h for _, h in others if h is not None})
        if kind is NodeKind.ACTION and holders:  # a milestone is part of an action, not one
            of = " or ".join(holders)
            return (
                f"{ref!r} is a milestone of action {of}, and only an action can be named "
                f"here: name action {of} instead, or make the milestone an action of its own"
            )
        what = " and ".join(
            f"{_a(k.value)} (of action {h})" if h else _a(k.value) for k, h in others
        )
        return f"{ref!r} is {what}, not {_a(kind.value)}; correct the ref"


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


_Row = tuple[str, bool, bool, NodeKind, Relation]


def _refs_known(
    entities: list[Any],
    rows: list[_Row],
    known: dict[NodeKind, set[str]],
    by_party: dict[PartyKind, set[str]],
) -> bool:
    """Whether every ref ``rows`` hold in ``entities`` names a known entity and no ref list
    names one twice (set operations over each field of all the entities at once)."""
    for field, many, party, target, r in rows:
        values = list(map(attrgetter(field), entities))
        if not many:
            if not known[target].issuperset(v for v in values if v is not None):
                return False
        elif party:
            items = chain.from_iterable(values)
            named = map(attrgetter("party"), items) if r.item is Item.OWNER else items
            distinct = {id(p): p for p in named}  # a plan names a few parties often
            if not all(p.ref in by_party[p.kind] for p in distinct.values()):
                return False
        elif not known[target].issuperset(map(str, chain.from_iterable(values))) or sum(
            map(len, values)
        ) != sum(map(len, map(set, filter(None, values)))):
            return False
    return True


def _listed(
    loc: Loc,
    kind: NodeKind,
    refs: list[str],
    known: set[str],
    unknown: Callable[[Loc, str, NodeKind, str], Problem],
) -> Iterator[Problem]:
    """The unknown and repeated refs of one list (a link repeated with another basis or
    reason is not a repeat)."""
    seen: set[str] = set()
    field = str(loc[-1])
    for k, ref in enumerate(refs):
        if ref not in known:
            yield unknown((*loc, k), field, kind, ref)
        if ref in seen:
            yield _problem(
                "ref.repeated",
                (*loc, k),
                field,
                ref,
                f"{ref!r} is listed twice here; remove the repeat",
            )
        seen.add(ref)


def _unknown_in(others: _OtherKinds, loc: Loc, field: str, kind: NodeKind, ref: str) -> Problem:
    advice = others.advice(kind, ref)
    return _problem("ref.unknown", loc, field, ref, f"no {kind.value} has ref {ref!r}; {advice}")


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


def _period_fields(plan: Plan) -> list[tuple[Loc, str, Period]]:
    """(where, field, period) of every checked date cell that holds a period, in document
    order: the inspection's start and end, the publication, each action's start, due and
    milestones' dues, each measure's due."""
    cells: list[tuple[Loc, str, Period]] = []
    inspection = plan.inspection
    if inspection is not None:
        if inspection.start is not None:
            cells.append((("inspection",), "start", inspection.start))
        if inspection.end is not None:
            cells.append((("inspection",), "end", inspection.end))
    if plan.published is not None:
        cells.append(((), "published", plan.published))
    for i, a in enumerate(plan.actions):
        if a.start is not None:
            cells.append((("actions", i), "start", a.start))
        if a.due is not None:
            cells.append((("actions", i), "due", a.due))
        for j, m in enumerate(a.milestones):
            if m.due is not None:
                cells.append((("actions", i, "milestones", j), "due", m.due))
    for i, measure in enumerate(plan.measures):
        if measure.due is not None:
            cells.append((("measures", i), "due", measure.due))
    return cells


_DAY_LIKE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](\d{2}|\d{4}))\s*$")


def _undated_or_serial(period: Period) -> bool:
    """Whether a date check has something to say about ``period``."""
    return (period.start is None and period.end is None) or excel_serial_note(
        period.text
    ) is not None


def _month_first_hint(text: str) -> str:
    """What a day that does not exist is when written month first: ``3/31/25``."""
    day = month_first(text)
    return "" if day is None else f"; month first it is {day:%d %B %Y}: write {day:%d/%m/%Y}"


def _dates(plan: Plan) -> list[Problem]:
    found: list[Problem] = []
    actions = plan.actions
    periods = chain(
        map(attrgetter("start"), actions),
        map(attrgetter("due"), actions),
        (m.due for a in actions for m in a.milestones),
        map(attrgetter("due"), plan.measures),
        (plan.published,),
        () if plan.inspection is None else (plan.inspection.start, plan.inspection.end),
    )
    distinct = {id(p): p for p in periods if p is not None}  # cells share their periods
    if not any(map(_undated_or_serial, distinct.values())):  # the usual case
        return found
    for where, field, period in _period_fields(plan):
        text = period.text
        if (note := excel_serial_note(text)) is not None:
            found.append(
                _problem(
                    "date.serial",
                    (*where, field),
                    field,
                    text,
                    f"{note}; if it is not, format the cell as text and write the date as"
                    " people do (Dec-24)",
                )
            )
        if period.start is not None or period.end is not None:
            continue
        if _DAY_LIKE.match(text):
            found.append(
                _problem(
                    "date.invalid",
                    (*where, field),
                    field,
                    text,
                    "written as a day, but there is no such day; correct it (days are "
                    "written 2024-03-31 or 31/03/2024, day first)" + _month_first_hint(text),
                )
            )
        else:
            found.append(
                _problem(
                    "date.unparsed",
                    (*where, field),
                    field,
                    text,
                    "not a date or period this tool can read; kept as text, so it has no "
                    "dates. Write it like 'Dec-23', 'March 2019', 'Jan-Jul 24', 'Q3 2024' "
                    "or '2024-03-31' to give it dates",
                )
            )
    return found


def _handled_by_nothing(plan: Plan) -> list[Problem]:
    """Findings whose ``handled_by`` is a placeholder (``-``, ``n/a``, ``none``): they are
    handled in this plan, and counted in its coverage, which the reader should know."""
    return [
        _problem(
            "finding.handled_by",
            ("findings", i, "handled_by"),
            "handled_by",
            f.handled_by,
            f"handled_by {f.handled_by!r} names no other plan, so the finding is counted in"
            " this plan's coverage; clear it, or name the plan that answers the finding",
        )
        for i, f in enumerate(plan.findings)
        if f.handled_by is not None and said(f.handled_by) is None
    ]


def _start_after_due(plan: Plan) -> list[Problem]:
    """Actions written to start after their due period ends (both dated): the dates are
    most likely the wrong way round, and the schedule would finish an action before it
    starts."""
    found: list[Problem] = []
    for i, a in enumerate(plan.actions):
        start, due = a.start, a.due
        if start is None or due is None or start.start is None or due.end is None:
            continue
        if start.start > due.end:
            found.append(
                _problem(
                    "date.start_after_due",
                    ("actions", i, "start"),
                    "start",
                    start.text,
                    f"starts {start.start.isoformat()} ({start.text}), after its due period"
                    f" ends {due.end.isoformat()} ({due.text}); swap or correct the dates",
                )
            )
    return found


def _statuses(plan: Plan) -> list[Problem]:
    found: list[Problem] = []
    scale = plan.status_scale
    advice_for: dict[str, str | None] = {}  # a plan repeats a few status texts many times

    def advice(text: str) -> str | None:
        """What to do about a status text the scale cannot read; None when it can."""
        if text in advice_for:
            return advice_for[text]
        reading = scale.read(text)
        said: str | None = None
        if reading is not None and reading.value is None and reading.date is None:
            colour = reading.text.strip().split(" ")[0].casefold()
            if colour in _COLOURS:
                said = (
                    "it is a colour: declare the plan's colour scale (status_scale: "
                    "brag, bragg or rag) or add the colour under status_scale.words"
                )
            else:
                known = ", ".join(sorted(scale.words_in_effect()))
                said = f"add it under status_scale.words or use one of: {known}"
        advice_for[text] = said
        return said

    def check(loc: Loc, text: str | None) -> None:
        if text is not None and (said := advice(text)) is not None:
            found.append(
                _problem(
                    "status.unknown",
                    loc,
                    "status",
                    text,
                    f"no word of the status scale {scale.name!r} matches; " + said,
                )
            )

    actions = plan.actions
    texts = set(map(attrgetter("status"), actions))
    texts.update(m.status for a in actions for m in a.milestones)
    texts.discard(None)
    if not any(advice(text) is not None for text in texts):  # the usual case
        return found
    for i, a in enumerate(actions):
        check(("actions", i, "status"), a.status)
        for j, m in enumerate(a.milestones):
            check(("actions", i, "milestones", j, "status"), m.status)
    return found


_COLOURS = {"blue", "green", "amber", "red", "grey", "gray", "yellow", "purple", "black"}
