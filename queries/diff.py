"""What changed between two versions of a plan, and what the change does to the answers.

:func:`plan_diff` compares an old and a new :class:`~graphmodel.model.Plan` entity by entity:

* **Matching.** Entities are matched by kind and ref first. Of those left over on each side,
  an old and a new entity of the same kind whose text (a priority's title; a person's,
  organisation's or board's name) is nearly the same -- :func:`difflib.SequenceMatcher`
  ratio of the case-folded, space-normalised texts at least :data:`RENAME_THRESHOLD` -- are
  one entity **renamed**, matched one to one, the most alike pair first (ties in document
  order). What is left is **removed** (old only) or **added** (new only).
* **Changes.** For each matched pair every field of :data:`FIELDS` is compared; a change is
  reported with the old and new values *as written* (a period's text, ``kind:ref`` for
  owners, an owner's role in brackets when not responsible). Lists of refs compare as sets
  (order is not a change), and refs renamed in this diff count as the same ref, so actions
  that depend on a renamed action are not reported as changed. Milestones are entities of
  their own (field ``action`` says which action they belong to). The plan itself (kind
  ``plan``) is compared on its area, title and status scale; ``published`` is in the
  header of both versions, not a change.
* **Effect on the answers**, each computed on both versions with the same queries as the
  audit: coverage of each finding and the covered percentage (:mod:`queries.coverage`), the
  projected finish (:mod:`queries.critical_path`), who is overloaded
  (:mod:`queries.overload`) and which priorities and boards reach no top board
  (:mod:`queries.reporting`). Only what differs is listed.

Workbook and YAML/JSON versions of one plan compare as equal: the compared fields are
those every format carries (notes and aliases, which a workbook has no column for, are not
compared).

>>> from graphmodel import Plan
>>> old = Plan.model_validate({"area": "X", "title": "T", "actions": [
...     {"ref": "A1", "text": "Recruit two EHC coordinators", "due": "Mar-25"},
...     {"ref": "A2", "text": "Write the guide", "due": "Jan-25", "status": "Green"}]})
>>> new = Plan.model_validate({"area": "X", "title": "T", "actions": [
...     {"ref": "A1a", "text": "Recruit two more EHC coordinators", "due": "Mar-25"},
...     {"ref": "A2", "text": "Write the guide", "due": "Jun-25", "status": "Green"}]})
>>> d = plan_diff(old, new)
>>> [(r.old, r.new) for r in d.renamed]
[('A1', 'A1a')]
>>> [(c.ref, c.field, c.old, c.new) for c in d.changed]  # doctest: +NORMALIZE_WHITESPACE
[('A1a', 'text', 'Recruit two EHC coordinators', 'Recruit two more EHC coordinators'),
 ('A2', 'due', 'Jan-25', 'Jun-25')]
>>> [m.ref for m in d.moved_later], plan_diff(old, old).is_empty
(['A2'], True)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from graphmodel.model import Owner, OwnerRole, PartyRef, Plan
from graphmodel.periods import Period
from graphmodel.schema import NodeKind
from graphmodel.statuses import StatusScale

__all__ = [
    "FIELDS",
    "RENAME_THRESHOLD",
    "CoverageChange",
    "DiffCheck",
    "EntityRef",
    "FieldChange",
    "PlanDiff",
    "Renamed",
    "VersionInfo",
    "diff_failures",
    "entity_changes",
    "matched_refs",
    "parse_diff_checks",
    "plan_diff",
]

RENAME_THRESHOLD = 0.8
"""Two entities whose refs differ are one renamed entity when their texts are at least this
alike (:class:`difflib.SequenceMatcher` ratio, 0 to 1). At 0.8 "Recruit two EHC
coordinators" and "Recruit two more EHC coordinators" match (0.92) while two actions of one
plan that share a verb and a subject ("Publish the Local Offer", "Publish the SEND
strategy", 0.6) do not."""

Value = str | list[str] | None
"""A field's value as written: text, a list of texts, or nothing."""


class Ref(Enum):
    """Which kind of entity a field's refs point at (for renames), or none."""

    NONE = None
    FINDING = NodeKind.FINDING
    PRIORITY = NodeKind.PRIORITY
    OBJECTIVE = NodeKind.OBJECTIVE
    ACTION = NodeKind.ACTION
    MEASURE = NodeKind.MEASURE
    PERSON = NodeKind.PERSON
    ORGANISATION = NodeKind.ORGANISATION
    BOARD = NodeKind.BOARD
    PARTY = "party"  # kind:ref of a person, organisation or board


_F = Ref
FIELDS: dict[NodeKind, dict[str, Ref]] = {
    NodeKind.PLAN: {"area": _F.NONE, "title": _F.NONE, "status_scale": _F.NONE},
    NodeKind.FINDING: {"kind": _F.NONE, "text": _F.NONE, "parent": _F.FINDING},
    NodeKind.PRIORITY: {
        **{"title": _F.NONE, "outcome": _F.NONE, "sponsor": _F.PERSON, "leads": _F.PERSON},
        **{"parent_reps": _F.PERSON, "delivery_partners": _F.PARTY, "reports_to": _F.BOARD},
        **{"addresses": _F.FINDING, "measures": _F.MEASURE},
    },
    NodeKind.OBJECTIVE: {
        **{"text": _F.NONE, "priority": _F.PRIORITY, "addresses": _F.FINDING},
        "measures": _F.MEASURE,
    },
    NodeKind.ACTION: {
        **{"text": _F.NONE, "priority": _F.PRIORITY, "objective": _F.OBJECTIVE},
        **{"owners": _F.PARTY, "start": _F.NONE, "due": _F.NONE, "status": _F.NONE},
        **{"depends_on": _F.ACTION, "addresses": _F.FINDING, "measures": _F.MEASURE},
        "resource": _F.NONE,
    },
    NodeKind.MILESTONE: {"action": _F.ACTION, "text": _F.NONE, "due": _F.NONE, "status": _F.NONE},
    NodeKind.MEASURE: {"text": _F.NONE, "baseline": _F.NONE, "target": _F.NONE, "due": _F.NONE},
    NodeKind.PERSON: {"name": _F.NONE, "post": _F.NONE, "organisation": _F.ORGANISATION},
    NodeKind.ORGANISATION: {"name": _F.NONE, "kind": _F.NONE},
    NodeKind.BOARD: {
        **{"name": _F.NONE, "reports_to": _F.BOARD, "chair": _F.PERSON},
        **{"deputy_chair": _F.PERSON, "members": _F.PARTY, "cadence": _F.NONE},
    },
}
"""The compared fields of each kind, and the kind of entity their refs point at."""

_LABEL = {NodeKind.PRIORITY: "title", NodeKind.PERSON: "name"}
_LABEL |= {NodeKind.ORGANISATION: "name", NodeKind.BOARD: "name"}


@dataclass(frozen=True)
class EntityRef:
    kind: NodeKind
    ref: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "ref": self.ref}


@dataclass(frozen=True)
class Renamed:
    kind: NodeKind
    old: str
    new: str
    similarity: float
    """How alike the two texts are (0 to 1), at least :data:`RENAME_THRESHOLD`."""

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class FieldChange:
    """One field of one entity (named by its new ref) changed from ``old`` to ``new``."""

    kind: NodeKind
    ref: str
    field: str
    old: Value
    new: Value

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "ref": self.ref,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class CoverageChange:
    """A finding whose coverage changed; ``None`` on the side where it does not exist."""

    ref: str
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"ref": self.ref, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class MovedLater:
    """An action or milestone whose due period now ends later, or no longer ends."""

    kind: NodeKind
    ref: str
    old: str
    new: str | None
    """The new due as written; None when the due was removed."""
    old_end: date
    new_end: date | None
    """None when the new due has no end (removed, not a date, or open-ended)."""
    status: str | None
    """The new status as written."""


@dataclass(frozen=True)
class VersionInfo:
    plan: str
    published: str | None
    title: str = ""

    def to_dict(self) -> dict[str, str | None]:
        return {"plan": self.plan, "published": self.published}


@dataclass(frozen=True)
class PlanDiff:
    """Two versions of a plan compared (see the module docstring); ``to_dict`` is the diff
    JSON contract of DESIGN.md."""

    old: VersionInfo
    new: VersionInfo
    added: list[EntityRef]
    removed: list[EntityRef]
    renamed: list[Renamed]
    changed: list[FieldChange]
    coverage_old: float | None
    coverage_new: float | None
    coverage_findings: list[CoverageChange]
    finish_old: date | None
    finish_new: date | None
    overloaded_old: list[str]
    """Names overloaded in the old version and no longer in the new."""
    overloaded_new: list[str]
    """Names overloaded in the new version and not in the old."""
    unreachable_old: list[str]
    """Priorities and boards that reached no top board and now do."""
    unreachable_new: list[str]
    """Priorities and boards that newly reach no top board."""
    moved_later: list[MovedLater] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing changed: no entity and no answer."""
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.changed
            or self.coverage_findings
            or self.coverage_old != self.coverage_new
            or self.finish_old != self.finish_new
            or self.overloaded_old
            or self.overloaded_new
            or self.unreachable_old
            or self.unreachable_new
        )

    @property
    def coverage_down(self) -> list[str]:
        """Why coverage went down: the percentage fell, or findings of both versions got
        worse (covered > partial > uncovered); empty when it did not."""
        found = [
            c.ref
            for c in self.coverage_findings
            if c.old is not None and c.new is not None and _RANK[c.new] < _RANK[c.old]
        ]
        if (
            self.coverage_old is not None
            and self.coverage_new is not None
            and self.coverage_new < self.coverage_old
            and not found
        ):
            found = ["coverage"]
        return found

    def to_dict(self) -> dict[str, Any]:
        """The diff JSON of DESIGN.md; ``unreachable`` (priorities and boards that reach no
        top board only in the old / only in the new version) and ``moved_later`` (dues now
        ending later) are added when not empty."""
        iso = _iso
        out: dict[str, Any] = {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "added": [e.to_dict() for e in self.added],
            "removed": [e.to_dict() for e in self.removed],
            "renamed": [r.to_dict() for r in self.renamed],
            "changed": [c.to_dict() for c in self.changed],
            "coverage": {
                "old": self.coverage_old,
                "new": self.coverage_new,
                "findings": [c.to_dict() for c in self.coverage_findings],
            },
            "finish": {"old": iso(self.finish_old), "new": iso(self.finish_new)},
            "overloaded": {"old": list(self.overloaded_old), "new": list(self.overloaded_new)},
        }
        # beyond the contract, present only when there is something to say
        if self.unreachable_old or self.unreachable_new:
            out["unreachable"] = {
                "old": list(self.unreachable_old),
                "new": list(self.unreachable_new),
            }
        if self.moved_later:
            out["moved_later"] = [
                {"kind": m.kind.value, "ref": m.ref, "old": m.old, "new": m.new}
                for m in self.moved_later
            ]
        return out


_RANK = {"uncovered": 0, "partial": 1, "covered": 2}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# --- reading entities ----------------------------------------------------------------------


def _entities(plan: Plan) -> dict[NodeKind, dict[str, Any]]:
    """Every compared entity of ``plan`` by kind and ref, in document order."""
    milestones = {m.ref: (a.ref, m) for a in plan.actions for m in a.milestones}
    return {
        NodeKind.FINDING: {f.ref: f for f in plan.findings},
        NodeKind.PRIORITY: {p.ref: p for p in plan.priorities},
        NodeKind.OBJECTIVE: {o.ref: o for o in plan.objectives},
        NodeKind.ACTION: {a.ref: a for a in plan.actions},
        NodeKind.MILESTONE: dict(milestones),
        NodeKind.MEASURE: {m.ref: m for m in plan.measures},
        NodeKind.PERSON: {p.ref: p for p in plan.people},
        NodeKind.ORGANISATION: {o.ref: o for o in plan.organisations},
        NodeKind.BOARD: {b.ref: b for b in plan.boards},
    }


def _raw(kind: NodeKind, entity: Any, name: str) -> Any:
    if kind is NodeKind.MILESTONE:
        action, milestone = entity
        return action if name == "action" else getattr(milestone, name)
    return getattr(entity, name)


def _written(value: Any) -> Value:
    """A field value as written in the plan."""
    if value is None:
        return None
    if isinstance(value, list):
        return [str(_written(v)) for v in value]
    if isinstance(value, Owner):
        role = "" if value.role is OwnerRole.RESPONSIBLE else f" ({value.role.value})"
        return f"{value.party}{role}"
    if isinstance(value, (Period, PartyRef)):
        return str(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, StatusScale):
        words = ", ".join(f"{w}: {v.value}" for w, v in sorted(value.words.items()))
        return f"{value.name} ({words})" if words else value.name
    text = str(value).strip()
    return text or None


def _label(kind: NodeKind, entity: Any) -> str:
    if kind is NodeKind.PERSON:
        return str(entity.name or entity.post or "")
    value = _raw(kind, entity, _LABEL.get(kind, "text"))
    return str(value or "")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _similarity(a: str, b: str) -> float:
    """The ratio of two normalised texts; 0 when a cheap upper bound is already below
    :data:`RENAME_THRESHOLD` (so renumbering a whole plan stays quick)."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < RENAME_THRESHOLD or matcher.quick_ratio() < RENAME_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _renames(
    kind: NodeKind, old: dict[str, Any], new: dict[str, Any], gone: list[str], came: list[str]
) -> list[Renamed]:
    """One-to-one pairs of a removed and an added entity whose texts are nearly the same."""
    pairs = []
    labels = [_norm(_label(kind, new[n])) for n in came]
    for i, o in enumerate(gone):
        a = _norm(_label(kind, old[o]))
        for j, n in enumerate(came):
            ratio = _similarity(a, labels[j])
            if ratio >= RENAME_THRESHOLD:
                pairs.append((-ratio, i, j, o, n))
    pairs.sort()
    used_old: set[str] = set()
    used_new: set[str] = set()
    found = []
    for ratio, _, _, o, n in pairs:
        if o in used_old or n in used_new:
            continue
        used_old.add(o)
        used_new.add(n)
        found.append(Renamed(kind, o, n, round(-ratio, 3)))
    return sorted(found, key=lambda r: came.index(r.new))


# --- comparing -----------------------------------------------------------------------------


def _party_kind(text: str) -> NodeKind | None:
    head = text.partition(":")[0]
    return {"person": NodeKind.PERSON, "organisation": NodeKind.ORGANISATION}.get(
        head, NodeKind.BOARD if head == "board" else None
    )


def _comparable(
    value: Any, refs: Ref, renames: dict[NodeKind, dict[str, str]]
) -> tuple[str, ...] | str | None:
    """A value in a form that compares equal when only renames or list order differ."""

    def ref(kind: NodeKind | None, text: str) -> str:
        return renames.get(kind, {}).get(text, text) if kind is not None else text

    def one(item: Any) -> str:
        if isinstance(item, Owner):
            party = item.party
            kind = _party_kind(str(party))
            return f"{party.kind.value}:{ref(kind, party.ref)}/{item.role.value}"
        if isinstance(item, PartyRef):
            return f"{item.kind.value}:{ref(_party_kind(str(item)), item.ref)}"
        written = _written(item)
        text = written if isinstance(written, str) else ""
        if refs is not Ref.NONE and refs is not Ref.PARTY:
            return ref(refs.value, text)
        return text

    if value is None:
        return None
    if isinstance(value, list):
        return tuple(sorted({one(v) for v in value}))
    if isinstance(value, Period):
        return value.text.strip() or None
    return one(value) or None


def _field_changes(
    kind: NodeKind,
    ref: str,
    old: Any,
    new: Any,
    renames: dict[NodeKind, dict[str, str]],
) -> Iterable[FieldChange]:
    for name, refs in FIELDS[kind].items():
        before, after = _raw(kind, old, name), _raw(kind, new, name)
        if _comparable(before, refs, renames) != _comparable(after, refs, renames):
            yield FieldChange(kind, ref, name, _written(before), _written(after))


def _moved_later(kind: NodeKind, ref: str, old: Any, new: Any) -> MovedLater | None:
    """A due that now ends later, or that had an end and has none now (removed, not a date,
    or open-ended like ``Nov 2024-``): a deadline given up is the latest move of all."""
    before, after = _raw(kind, old, "due"), _raw(kind, new, "due")
    if before is None or before.end is None:
        return None
    end = after.end if after is not None else None
    if end is not None and end <= before.end:
        return None
    status = _raw(kind, new, "status")
    written = after.text if after is not None else None
    return MovedLater(kind, ref, before.text, written, before.end, end, status)


def _matching(
    before: dict[NodeKind, dict[str, Any]], after: dict[NodeKind, dict[str, Any]]
) -> tuple[list[EntityRef], list[EntityRef], list[Renamed]]:
    added: list[EntityRef] = []
    removed: list[EntityRef] = []
    renamed: list[Renamed] = []
    for kind in before:
        o, n = before[kind], after[kind]
        gone = [r for r in o if r not in n]
        came = [r for r in n if r not in o]
        found = _renames(kind, o, n, gone, came)
        renamed += found
        paired_old = {r.old for r in found}
        paired_new = {r.new for r in found}
        removed += [EntityRef(kind, r) for r in gone if r not in paired_old]
        added += [EntityRef(kind, r) for r in came if r not in paired_new]
    return added, removed, renamed


def matched_refs(old: Plan, new: Plan) -> dict[NodeKind, dict[str, str]]:
    """For each kind, every old ref that is still in ``new`` and its ref there (the same ref,
    or the new ref of a renamed entity)."""
    before, after = _entities(old), _entities(new)
    _, _, renamed = _matching(before, after)
    found = {kind: {r: r for r in before[kind] if r in after[kind]} for kind in before}
    for r in renamed:
        found[r.kind][r.old] = r.new
    return found


def entity_changes(
    old: Plan, new: Plan
) -> tuple[list[EntityRef], list[EntityRef], list[Renamed], list[FieldChange], list[MovedLater]]:
    """Added, removed, renamed, changed fields and dues moved later, between two plans."""
    before, after = _entities(old), _entities(new)
    added, removed, renamed = _matching(before, after)
    renames: dict[NodeKind, dict[str, str]] = {kind: {} for kind in before}
    for r in renamed:
        renames[r.kind][r.old] = r.new
    changed = list(_field_changes(NodeKind.PLAN, new.id, old, new, renames))
    later: list[MovedLater] = []
    for kind in before:
        o, n = before[kind], after[kind]
        back = {v: k for k, v in renames[kind].items()}
        for ref, entity in n.items():
            was = back.get(ref, ref)
            if was not in o:
                continue
            changed += _field_changes(kind, ref, o[was], entity, renames)
            if kind in (NodeKind.ACTION, NodeKind.MILESTONE):
                moved = _moved_later(kind, ref, o[was], entity)
                if moved is not None:
                    later.append(moved)
    return added, removed, renamed, changed, later


# --- the answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answers:
    coverage: dict[str, str]
    percent: float | None
    finish: date | None
    overloaded: list[str]
    unreachable: list[str]


def _answers(plan: Plan, overload_rule: Any) -> _Answers:
    from graphmodel.graph import build_graph
    from queries.coverage import coverage
    from queries.critical_path import critical_path
    from queries.overload import OverloadRule, overload
    from queries.reporting import governance

    graph = build_graph(plan)
    cov = coverage(graph)
    cp = critical_path(graph)
    ov = overload(graph, rule=overload_rule or OverloadRule(), critical=cp.path)
    gov = governance(graph)
    return _Answers(
        {f.ref: f.status.value for f in cov.findings},
        cov.covered_percent,
        cp.finish,
        [p.name for p in ov.overloaded],
        list(gov.unreachable),
    )


def _only(first: Sequence[str], second: Sequence[str]) -> list[str]:
    other = set(second)
    return [x for x in first if x not in other]


def plan_diff(old: Plan, new: Plan, *, overload_rule: Any = None) -> PlanDiff:
    """Compare two versions of a plan: entities added, removed, renamed and changed, and the
    change in coverage, finish date, overload and reporting (see the module docstring).

    ``overload_rule`` (a :class:`~queries.overload.OverloadRule`, default thresholds when
    None) decides who is overloaded in both versions.
    """
    added, removed, renamed, changed, later = entity_changes(old, new)
    a, b = _answers(old, overload_rule), _answers(new, overload_rule)
    finding_renames = {r.old: r.new for r in renamed if r.kind is NodeKind.FINDING}
    old_cov = {finding_renames.get(ref, ref): status for ref, status in a.coverage.items()}
    refs = list(b.coverage) + [r for r in old_cov if r not in b.coverage]
    findings = [
        CoverageChange(ref, old_cov.get(ref), b.coverage.get(ref))
        for ref in refs
        if old_cov.get(ref) != b.coverage.get(ref)
    ]
    return PlanDiff(
        old=_version(old),
        new=_version(new),
        added=added,
        removed=removed,
        renamed=renamed,
        changed=changed,
        coverage_old=a.percent,
        coverage_new=b.percent,
        coverage_findings=findings,
        finish_old=a.finish,
        finish_new=b.finish,
        overloaded_old=_only(a.overloaded, b.overloaded),
        overloaded_new=_only(b.overloaded, a.overloaded),
        unreachable_old=_only(a.unreachable, b.unreachable),
        unreachable_new=_only(b.unreachable, a.unreachable),
        moved_later=later,
    )


def _version(plan: Plan) -> VersionInfo:
    published = plan.published.text if plan.published is not None else None
    return VersionInfo(plan.id, published, plan.title)


# --- the gate ------------------------------------------------------------------------------


class DiffCheck(str, Enum):
    """Checks that fail ``actiongraph diff`` (exit status 1)."""

    MOVED_LATER = "moved-later"
    """An action's or milestone's due period now ends later (or lost its end), or the
    projected finish is later."""
    COVERAGE_DOWN = "coverage-down"
    """The covered percentage fell, or a finding of both versions is covered less well."""


def parse_diff_checks(values: Iterable[str]) -> frozenset[DiffCheck]:
    """Repeated values and comma lists, added up; raises ValueError naming an unknown one.

    >>> sorted(c.value for c in parse_diff_checks(["moved-later,coverage-down"]))
    ['coverage-down', 'moved-later']
    """
    known = {c.value: c for c in DiffCheck}
    chosen: set[DiffCheck] = set()
    for value in values:
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            if name not in known:
                raise ValueError(f"unknown check {name!r}; choose from {', '.join(known)}")
            chosen.add(known[name])
    return frozenset(chosen)


def diff_failures(diff: PlanDiff, checks: Iterable[DiffCheck]) -> dict[DiffCheck, list[str]]:
    """For each check in ``checks`` that fails, what made it fail (refs, or ``finish``)."""
    found: dict[DiffCheck, list[str]] = {}
    for check in checks:
        if check is DiffCheck.MOVED_LATER:
            refs = [m.ref for m in diff.moved_later]
            if diff.finish_old and diff.finish_new and diff.finish_new > diff.finish_old:
                refs.append("finish")
        else:
            refs = diff.coverage_down
        if refs:
            found[check] = refs
    return found
