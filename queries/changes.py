"""Entities of two versions of a plan matched, and their fields compared: what
:mod:`queries.diff` reports and :mod:`queries.rules` follows across versions.

* **Matching.** Entities are matched by kind and ref first, when their texts are nearly the
  same too. Of those left over on each side, an old and a new entity of the same kind whose
  text (a priority's title; a person's, organisation's or board's name) is nearly the same
  -- :func:`difflib.SequenceMatcher` ratio of the case-folded, space-normalised texts at
  least :data:`RENAME_THRESHOLD` -- are one entity **renamed**, matched one to one, the most
  alike pair first (ties in document order). Of what is left, an old and a new entity with
  one ref are one entity rewritten in place; the rest is **removed** (old only) or **added**
  (new only): an action inserted before others that were renumbered is one added action and
  renames, not every later action rewritten. People,
  organisations, boards, objectives and measures are named by their text in the plan
  workbook, which derives their refs; one whose ref changed but whose text is exactly the
  same is matched silently (not reported as renamed), so a workbook compares with the YAML
  it was written from even when it was typed by hand.
* **Changes.** For each matched pair every field of :data:`FIELDS` is compared; a change is
  reported with the old and new values *as written* (a period's text, ``kind:ref`` for
  owners, an owner's role in brackets when not responsible; refs renamed in the same
  comparison as the new version calls them). Lists of refs compare as sets (order is not a
  change), and refs renamed in the same comparison count as the same ref. What is written
  differently but says the same is no change: a period with the same bounds (``Sep-24`` and
  ``Sept 2024``, a date cell shown as a month, ``Q1 2025`` and ``Jan-Mar 25``), spaces
  typed twice or left at the end, the case of a status word or of a name.

>>> from graphmodel import Plan
>>> old = Plan.model_validate({"area": "X", "title": "T", "actions": [
...     {"ref": "A1", "text": "Recruit two EHC coordinators", "due": "Mar-25"}]})
>>> new = Plan.model_validate({"area": "X", "title": "T", "actions": [
...     {"ref": "1.1", "text": "Recruit two EHC coordinators.", "due": "Mar-25"}]})
>>> matched_refs(old, new)[NodeKind.ACTION]
{'A1': '1.1'}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any

from graphmodel.model import Owner, OwnerRole, PartyKind, PartyRef, Plan
from graphmodel.parties import name_of
from graphmodel.periods import Period
from graphmodel.schema import NodeKind
from graphmodel.serialise import JsonResult, json_meta
from graphmodel.statuses import StatusScale

__all__ = [
    "FIELDS",
    "RENAME_THRESHOLD",
    "Changes",
    "EntityRef",
    "FieldChange",
    "MovedLater",
    "Renamed",
    "compare",
    "entity_changes",
    "matched_refs",
    "named",
    "party_names",
]

RENAME_THRESHOLD = 0.8
"""Two entities whose refs differ are one renamed entity when their texts are at least this
alike (:class:`difflib.SequenceMatcher` ratio, 0 to 1). At 0.8 "Recruit two EHC
coordinators" and "Recruit two more EHC coordinators" match (0.92) while two actions of one
plan that share a verb and a subject ("Publish the Local Offer", "Publish the SEND
strategy", 0.6) do not."""

Value = str | list[str] | None
"""A field's value as written: text, a list of texts, or nothing."""

Renames = dict[NodeKind, dict[str, str]]
"""For each kind, old refs and what the new version calls them."""


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
    NodeKind.FINDING: {
        **{"kind": _F.NONE, "text": _F.NONE, "parent": _F.FINDING},
        **{"derived": _F.NONE, "handled_by": _F.NONE},
    },
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
    NodeKind.PERSON: {
        **{"name": _F.NONE, "post": _F.NONE, "organisation": _F.ORGANISATION},
        "email": _F.NONE,
    },
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
class EntityRef(JsonResult):
    """An entity added (named by its ref in the new version) or removed (in the old)."""

    kind: NodeKind
    ref: str
    text: str = field(default="", compare=False, metadata=json_meta(skip=True))
    """What it says (an action's text, a person's name; not in JSON): after a renumbering
    its ref alone no longer tells a reader which one it was."""


@dataclass(frozen=True)
class Renamed(JsonResult):
    kind: NodeKind
    old: str
    new: str
    similarity: float = field(metadata=json_meta(skip=True))
    """How alike the two texts are (0 to 1), at least :data:`RENAME_THRESHOLD` (not in
    JSON)."""


@dataclass(frozen=True)
class FieldChange(JsonResult):
    """One field of one entity (named by its new ref) changed from ``old`` to ``new``."""

    kind: NodeKind
    ref: str
    field: str
    old: Value
    new: Value


@dataclass(frozen=True)
class MovedLater(JsonResult):
    """An action or milestone whose due period now ends later, or no longer ends (in JSON:
    ``kind``, ``ref`` and the dues as written, ``old`` and ``new``)."""

    kind: NodeKind
    ref: str
    old: str
    new: str | None
    """The new due as written; None when the due was removed."""
    old_end: date = field(metadata=json_meta(skip=True))
    new_end: date | None = field(metadata=json_meta(skip=True))
    """None when the new due has no end (removed, not a date, or open-ended)."""
    status: str | None = field(metadata=json_meta(skip=True))
    """The new status as written."""


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


def _written(value: Any, refs: Ref = Ref.NONE, renames: Renames | None = None) -> Value:
    """A field value as written in the plan; with ``renames`` (old ref to new ref by kind),
    the refs of a field that holds refs of ``refs`` are given as the new version calls them
    (an old value in old numbering beside a new one in new numbering would read as no
    change: "2.4 -> 2.4" when the old 2.4 is now 2.5)."""
    if value is None:
        return None
    if isinstance(value, list):
        return [str(_written(v, refs, renames)) for v in value]
    if isinstance(value, Owner):
        role = "" if value.role is OwnerRole.RESPONSIBLE else f" ({value.role.value})"
        return f"{_written(value.party, refs, renames)}{role}"
    if isinstance(value, PartyRef):
        kind = _party_kind(str(value))
        new = (renames or {}).get(kind, {}).get(value.ref, value.ref) if kind else value.ref
        return f"{value.kind.value}:{new}"
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, bool):  # a flag, as the workbook writes it
        return "yes" if value else None
    if renames and isinstance(refs.value, NodeKind) and isinstance(value, str):
        return renames.get(refs.value, {}).get(value.strip(), value.strip()) or None
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
    """One-to-one pairs of a removed and an added entity whose texts are nearly the same, the
    most alike first; texts exactly the same (a plan renumbered) are paired without comparing
    every pair."""
    labels = [_norm(_label(kind, new[n])) for n in came]
    twins: dict[str, list[int]] = {}
    for j, text in enumerate(labels):
        if text:
            twins.setdefault(text, []).append(j)
    found: list[tuple[int, Renamed]] = []
    used_new: set[int] = set()
    rest: list[tuple[str, str]] = []
    for o in gone:
        a = _norm(_label(kind, old[o]))
        same = twins.get(a)
        if same:  # ratio 1: before any other pair, in document order
            j = same.pop(0)
            used_new.add(j)
            found.append((j, Renamed(kind, o, came[j], 1.0)))
        else:
            rest.append((o, a))
    pairs = []
    for i, (o, a) in enumerate(rest):
        for j, text in enumerate(labels):
            if j not in used_new:
                ratio = _similarity(a, text)
                if ratio >= RENAME_THRESHOLD:
                    pairs.append((-ratio, i, j, o))
    pairs.sort()
    used_old: set[str] = set()
    for ratio, _, j, o in pairs:
        if o in used_old or j in used_new:
            continue
        used_old.add(o)
        used_new.add(j)
        found.append((j, Renamed(kind, o, came[j], round(-ratio, 3))))
    return [r for _, r in sorted(found, key=lambda pair: pair[0])]


# --- comparing -----------------------------------------------------------------------------


def party_names(*plans: Plan) -> dict[str, str]:
    """What each person, organisation and board is called, by its party ref
    (``person:amy-lee`` -> ``Amy Lee``; a person without a name by their post); a later
    plan's name wins."""
    names: dict[str, str] = {}
    for plan in plans:
        for kind, entities in (
            (NodeKind.PERSON, plan.people),
            (NodeKind.ORGANISATION, plan.organisations),
            (NodeKind.BOARD, plan.boards),
        ):
            names.update((f"{kind.value}:{e.ref}", name_of(e)) for e in entities)
    return names


def named(change: FieldChange, names: Mapping[str, str]) -> FieldChange:
    """``change`` with the parties its values name written by their names, for a reader
    (``person:amy-lee (accountable)`` -> ``Amy Lee (accountable)``; a chair ``amy-lee`` ->
    ``Amy Lee``); a ref no plan names stays as it is. Other fields are left alone."""
    refs = FIELDS.get(change.kind, {}).get(change.field)
    if refs is Ref.PARTY:
        prefix = ""
    elif refs in (Ref.PERSON, Ref.ORGANISATION, Ref.BOARD):
        prefix = f"{refs.value.value}:"
    else:
        return change

    def one(item: str) -> str:
        ref, bracket, role = item.partition(" (")  # "person:amy-lee (accountable)"
        return names.get(prefix + ref, ref) + bracket + role

    def value(v: Value) -> Value:
        return [one(i) for i in v] if isinstance(v, list) else (one(v) if v is not None else None)

    return replace(change, old=value(change.old), new=value(change.new))


def _party_kind(text: str) -> NodeKind | None:
    """The node kind of a party written ``person:REF`` (None if it names no party kind)."""
    head = text.partition(":")[0]
    return NodeKind(head) if head in {k.value for k in PartyKind} else None


def _comparable(value: Any, refs: Ref, renames: Renames) -> tuple[str, ...] | str | None:
    """A value in a form that compares equal when only renames, list order, spacing or the
    way a period is written differ (old values are given ``renames``, new ones none)."""

    def one(item: Any) -> str:
        written = _written(item, refs, renames)
        # a space typed twice or left at the end is no edit
        return " ".join(written.split()) if isinstance(written, str) else ""

    if value is None:
        return None
    if isinstance(value, list):
        return tuple(sorted({one(v) for v in value}))
    if isinstance(value, Period):  # the same period written another way is the same period
        if value.is_dated:  # Q1 2025 is Jan-Mar 25; by end of March 2025 is end of spring term
            return f"{value.start}..{value.end}"
        return _norm(value.text) or None
    return one(value) or None


_CASELESS = frozenset({"status", "name"})
"""Fields whose case is no change: a status is a word of the scale ("green" is "Green"), and
a name is matched as the importers and the workbook match names ("DAVID CHEN" is the
same person as "David Chen")."""


def _field_changes(
    kind: NodeKind,
    ref: str,
    old: Any,
    new: Any,
    renames: Renames,
) -> Iterable[FieldChange]:
    """The fields of ``kind`` that differ between ``old`` and ``new``; ``renames`` (old ref
    to new ref) apply to the old values only, as a new value already names new refs (when
    2.3 became 2.4 and 2.4 became 2.5, a new "2.4" is the old 2.3)."""
    for name, refs in FIELDS[kind].items():
        before, after = _raw(kind, old, name), _raw(kind, new, name)
        was, now = _comparable(before, refs, renames), _comparable(after, refs, {})
        if name in _CASELESS:
            was, now = (_norm(v) if isinstance(v, str) else v for v in (was, now))
        if was != now:
            yield FieldChange(kind, ref, name, _written(before, refs, renames), _written(after))


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


def _same_ref_alike(kind: NodeKind, old: Any, new: Any) -> bool:
    """Whether an entity kept its ref and stayed itself: its text is the same or nearly
    (:data:`RENAME_THRESHOLD`). One whose text is quite different may be another entity
    that took the ref (actions renumbered after one was inserted)."""
    a, b = _norm(_label(kind, old)), _norm(_label(kind, new))
    return a == b or _similarity(a, b) >= RENAME_THRESHOLD


@dataclass(frozen=True)
class _Matching:
    """How the entities of two versions pair up, kind by kind."""

    added: list[EntityRef]
    removed: list[EntityRef]
    renamed: list[Renamed]
    pairs: dict[NodeKind, dict[str, str]]
    """Every old ref still in the new version, and its ref there."""


def _matching(
    before: dict[NodeKind, dict[str, Any]], after: dict[NodeKind, dict[str, Any]]
) -> _Matching:
    """An entity that kept its ref and its text (or nearly) is matched first; of the rest,
    nearly the same texts are paired (renamed); what is left with the same ref on both sides
    is one entity rewritten in place; the rest is removed or added. So an action inserted
    before others that were renumbered (2.3 new, 2.3 now 2.4, 2.4 now 2.5) is one added
    action and renames, not every later action rewritten."""
    added: list[EntityRef] = []
    removed: list[EntityRef] = []
    renamed: list[Renamed] = []
    pairs: dict[NodeKind, dict[str, str]] = {}
    for kind in before:
        o, n = before[kind], after[kind]
        kept = {r for r in o if r in n and _same_ref_alike(kind, o[r], n[r])}
        found = _renames(
            kind, o, n, [r for r in o if r not in kept], [r for r in n if r not in kept]
        )
        renamed += found
        moved_old = {r.old for r in found}
        moved_new = {r.new for r in found}
        pairs[kind] = {r.old: r.new for r in found}
        pairs[kind] |= {r: r for r in o if r in n and r not in moved_old and r not in moved_new}
        matched_new = set(pairs[kind].values())
        removed += [EntityRef(kind, r, _label(kind, o[r])) for r in o if r not in pairs[kind]]
        added += [EntityRef(kind, r, _label(kind, n[r])) for r in n if r not in matched_new]
    return _Matching(added, removed, renamed, pairs)


def matched_refs(old: Plan, new: Plan) -> dict[NodeKind, dict[str, str]]:
    """For each kind, every old ref that is still in ``new`` and its ref there (the same ref,
    or the new ref of a renamed entity)."""
    return _matching(_entities(old), _entities(new)).pairs


_NAMED_BY_TEXT = frozenset(
    {NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.BOARD, NodeKind.OBJECTIVE, NodeKind.MEASURE}
)
"""Kinds the plan workbook names by their text and gives refs of its own."""


def _visible(
    r: Renamed, before: dict[NodeKind, dict[str, Any]], after: dict[NodeKind, dict[str, Any]]
) -> bool:
    """Whether a rename is news: not a workbook-named entity whose text is exactly the same."""
    if r.kind not in _NAMED_BY_TEXT:
        return True
    return _norm(_label(r.kind, before[r.kind][r.old])) != _norm(
        _label(r.kind, after[r.kind][r.new])
    )


@dataclass(frozen=True)
class Changes:
    """Two versions compared entity by entity (:func:`compare`)."""

    added: list[EntityRef]
    removed: list[EntityRef]
    renamed: list[Renamed]
    """The renames that are news (not a workbook-named entity whose text is the same)."""
    changed: list[FieldChange]
    moved_later: list[MovedLater]
    pairs: dict[NodeKind, dict[str, str]]
    """For each kind, every old ref still in the new version and its ref there (as
    :func:`matched_refs`), so answers given by ref can be followed across versions."""


def compare(old: Plan, new: Plan) -> Changes:
    """Added, removed, renamed, changed fields and dues moved later, between two plans, and
    how their entities pair up."""
    before, after = _entities(old), _entities(new)
    matching = _matching(before, after)
    renamed = [r for r in matching.renamed if _visible(r, before, after)]
    renames = {
        kind: {o: n for o, n in pairs.items() if o != n} for kind, pairs in matching.pairs.items()
    }
    changed = list(_field_changes(NodeKind.PLAN, new.id, old, new, renames))
    later: list[MovedLater] = []
    for kind in before:
        o, n = before[kind], after[kind]
        back = {v: k for k, v in matching.pairs[kind].items()}
        for ref, entity in n.items():
            was = back.get(ref)
            if was is None:
                continue
            changed += _field_changes(kind, ref, o[was], entity, renames)
            if kind in (NodeKind.ACTION, NodeKind.MILESTONE):
                moved = _moved_later(kind, ref, o[was], entity)
                if moved is not None:
                    later.append(moved)
    return Changes(matching.added, matching.removed, renamed, changed, later, matching.pairs)


def entity_changes(
    old: Plan, new: Plan
) -> tuple[list[EntityRef], list[EntityRef], list[Renamed], list[FieldChange], list[MovedLater]]:
    """Added, removed, renamed, changed fields and dues moved later, between two plans."""
    c = compare(old, new)
    return c.added, c.removed, c.renamed, c.changed, c.moved_later
