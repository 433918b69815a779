"""What changed between two versions of a plan, and what the change does to the answers.

:func:`plan_diff` compares an old and a new :class:`~graphmodel.model.Plan` entity by entity:

* **Matching and changes** as :mod:`queries.changes` defines them: refs first, then an
  entity whose ref changed but whose text is nearly the same (:data:`RENAME_THRESHOLD`) is
  **renamed**, one to one; what is left is **removed** or **added**. Each field of
  :data:`FIELDS` of each matched pair is compared, values reported *as written*; lists
  compare as sets and renamed refs as the same ref. The plan itself (kind ``plan``) is
  compared on its area, title and status scale; ``published`` is in the header of both
  versions, not a change.
* **Effect on the answers**, each computed on both versions with the same queries as the
  audit: coverage of each finding and the covered percentage (:mod:`queries.coverage`), the
  projected finish (:mod:`queries.critical_path`), who is overloaded
  (:mod:`queries.overload`) and which priorities and boards reach no top board
  (:mod:`queries.reporting`). Only what differs is listed.

Workbook and YAML/JSON versions of one plan compare as equal: the compared fields are
those the workbook's columns carry (notes and aliases are not compared), and people, boards,
organisations, objectives and measures whose ref differs but whose text is the same (the
workbook derives their refs from their names) are matched without a word.

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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from graphmodel.model import Plan
from graphmodel.schema import NodeKind
from graphmodel.serialise import JsonResult, json_meta, json_schema
from queries.changes import (
    FIELDS,
    RENAME_THRESHOLD,
    EntityRef,
    FieldChange,
    MovedLater,
    Renamed,
    compare,
    entity_changes,
    matched_refs,
    named,
    party_names,
)
from queries.rules import RuleViolation, version_rule_violations
from queries.versions import label_of, version_of

__all__ = [
    "FIELDS",
    "RENAME_THRESHOLD",
    "CoverageChange",
    "DiffCheck",
    "EntityRef",
    "FieldChange",
    "MovedLater",
    "PlanDiff",
    "Renamed",
    "VersionInfo",
    "diff_failures",
    "diff_json_schema",
    "entity_changes",
    "matched_refs",
    "parse_diff_checks",
    "plan_diff",
]


@dataclass(frozen=True)
class CoverageChange(JsonResult):
    """A finding whose coverage changed; ``None`` on the side where it does not exist."""

    ref: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class VersionInfo(JsonResult):
    plan: str
    published: str | None
    title: str = field(default="", metadata=json_meta(skip=True))


def _reach_same(diff: PlanDiff) -> bool:
    """Nothing newly reaches or no longer reaches the top: ``unreachable`` is left out."""
    return not (diff.unreachable_old or diff.unreachable_new)


@dataclass(frozen=True)
class PlanDiff(JsonResult):
    """Two versions of a plan compared (see the module docstring); ``to_dict`` is the diff
    JSON of DESIGN.md (``docs/contracts.md``): the pairs of answers nest as ``{"old": ...,
    "new": ...}`` under ``coverage``, ``finish`` and ``overloaded``; beyond the contract,
    ``unreachable`` (priorities and boards that reach no top board only in the old / only
    in the new version), ``rules`` (``dates.moved_silently``) and ``moved_later`` (dues now
    ending later) are added when not empty."""

    JSON_ORDER = (
        *("old", "new", "added", "removed", "renamed", "changed", "coverage_old"),
        *("coverage_new", "coverage_findings", "finish_old", "finish_new", "overloaded_old"),
        *("overloaded_new", "unreachable_old", "unreachable_new", "rules", "moved_later"),
    )

    old: VersionInfo
    new: VersionInfo
    added: list[EntityRef]
    removed: list[EntityRef]
    renamed: list[Renamed]
    changed: list[FieldChange]
    coverage_old: float | None = field(metadata=json_meta(key="coverage.old"))
    coverage_new: float | None = field(metadata=json_meta(key="coverage.new"))
    coverage_findings: list[CoverageChange] = field(metadata=json_meta(key="coverage.findings"))
    finish_old: date | None = field(metadata=json_meta(key="finish.old"))
    finish_new: date | None = field(metadata=json_meta(key="finish.new"))
    overloaded_old: list[str] = field(metadata=json_meta(key="overloaded.old"))
    """Names overloaded in the old version and no longer in the new."""
    overloaded_new: list[str] = field(metadata=json_meta(key="overloaded.new"))
    """Names overloaded in the new version and not in the old."""
    unreachable_old: list[str] = field(
        metadata=json_meta(key="unreachable.old", omit_if=_reach_same)
    )
    """Priorities and boards that reached no top board and now do."""
    unreachable_new: list[str] = field(
        metadata=json_meta(key="unreachable.new", omit_if=_reach_same)
    )
    """Priorities and boards that newly reach no top board."""
    moved_later: list[MovedLater] = field(default_factory=list, metadata=json_meta(omit_empty=True))
    rules: list[RuleViolation] = field(default_factory=list, metadata=json_meta(omit_empty=True))
    """The rules that compare versions, broken by the new one (``dates.moved_silently``)."""
    names: dict[str, str] = field(default_factory=dict, metadata=json_meta(skip=True))
    """What each party is called (``person:amy-lee`` -> ``Amy Lee``), in the new version else
    the old: for :attr:`changes_named`; the JSON keeps refs, as its contract says."""

    @property
    def changes_named(self) -> list[FieldChange]:
        """:attr:`changed` with the people, organisations and boards its values name written
        by their names, for a reader (text, Markdown, the report)."""
        return [named(c, self.names) for c in self.changed]

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


def diff_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``actiongraph diff --format json`` (:meth:`PlanDiff.to_dict`),
    generated from the typed results (:func:`graphmodel.serialise.json_schema`).

    >>> diff_json_schema()["properties"]["coverage"]["required"]
    ['old', 'new', 'findings']
    """
    return json_schema(PlanDiff, title="actiongraph diff")


_RANK = {"uncovered": 0, "partial": 1, "covered": 2}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# --- the answers ---------------------------------------------------------------------------


Key = tuple[NodeKind, str]
"""A party, priority or board of one version: its kind and ref."""


@dataclass(frozen=True)
class _Answers:
    coverage: dict[str, str]
    percent: float | None
    finish: date | None
    overloaded: dict[Key, str]
    """Who is overloaded, and their names."""
    unreachable: dict[Key, str]
    """The priorities and boards that reach no top board, and their refs."""


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
        {(NodeKind(p.kind.value), p.ref): p.name for p in ov.overloaded},
        {(c.kind, c.start): c.start for c in gov.chains if not c.reaches_top},
    )


def _only(
    first: dict[Key, str], second: dict[Key, str], pairs: dict[NodeKind, dict[str, str]]
) -> tuple[list[str], list[str]]:
    """What only ``first`` (the old version's) and only ``second`` (the new's) hold, an old
    key followed to its new ref (a renamed priority that reaches no board in both versions
    is in neither)."""
    moved = {k: (k[0], pairs.get(k[0], {}).get(k[1], "")) for k in first}
    now = set(moved.values())
    return [v for k, v in first.items() if moved[k] not in second], [
        v for k, v in second.items() if k not in now
    ]


def _coverage_changes(
    old: dict[str, str], new: dict[str, str], pairs: dict[str, str]
) -> list[CoverageChange]:
    """The findings whose coverage changed, by their new refs; a removed finding has None
    on the new side and an added one on the old. A finding of both versions that one of them
    leaves out of coverage (handled by another plan, or derived) is not listed: its changed
    ``handled_by`` or ``derived`` says why, and it exists on both sides."""
    was = {pairs[ref]: status for ref, status in old.items() if ref in pairs}
    both = set(pairs.values())
    found = [
        CoverageChange(ref, was.get(ref), status)
        for ref, status in new.items()
        if (ref not in both or ref in was) and was.get(ref) != status
    ]
    found += [CoverageChange(ref, status, None) for ref, status in old.items() if ref not in pairs]
    return found


def plan_diff(old: Plan, new: Plan, *, overload_rule: Any = None) -> PlanDiff:
    """Compare two versions of a plan: entities added, removed, renamed and changed, and the
    change in coverage, finish date, overload and reporting (see the module docstring).

    ``overload_rule`` (a :class:`~queries.overload.OverloadRule`, default thresholds when
    None) decides who is overloaded in both versions.
    """
    changes = compare(old, new)
    a, b = _answers(old, overload_rule), _answers(new, overload_rule)
    findings = _coverage_changes(a.coverage, b.coverage, changes.pairs[NodeKind.FINDING])
    overloaded = _only(a.overloaded, b.overloaded, changes.pairs)
    unreachable = _only(a.unreachable, b.unreachable, changes.pairs)
    return PlanDiff(
        old=_version(old),
        new=_version(new),
        added=changes.added,
        removed=changes.removed,
        renamed=changes.renamed,
        changed=changes.changed,
        coverage_old=a.percent,
        coverage_new=b.percent,
        coverage_findings=findings,
        finish_old=a.finish,
        finish_new=b.finish,
        overloaded_old=overloaded[0],
        overloaded_new=overloaded[1],
        unreachable_old=unreachable[0],
        unreachable_new=unreachable[1],
        moved_later=changes.moved_later,
        names=party_names(old, new),
        rules=version_rule_violations(
            [
                version_of(old, label_of(old, "the old version")),
                version_of(new, label_of(new, "the new version")),
            ],
            steps=[changes.pairs[NodeKind.ACTION]],
        ),
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
