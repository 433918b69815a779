"""What overload reads of a plan, as rows: per party its open actions, counts by role, due
months and priorities; per finding its answerable owners; the partners' attribution counts.

:func:`overload_rows` gathers them from a graph; :mod:`queries.overload.server` gets the same
rows from a database with Cypher (the counting done by the server); :func:`~queries.overload.
report.overload_of` turns either into the report, so every rule of overload exists once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

import networkx as nx

from graphmodel.graph import nodes_of, out_nodes
from graphmodel.model import FindingKind, OwnerRole, PartyKind
from graphmodel.schema import EdgeKind, NodeKind
from queries.facts import plan_facts
from queries.links import finding_children

__all__ = ["Attribution", "FindingOwners", "OverloadRows", "PartyRow", "overload_rows", "party_key"]

PARTY_KINDS = (NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.BOARD)
"""The node kinds that own actions, in the order the report lists them."""


def party_key(kind: PartyKind | NodeKind | str, ref: str) -> str:
    """One party of a plan, whatever its kind (refs are unique within a kind only):
    ``person:jo``."""
    return f"{kind.value if isinstance(kind, Enum) else kind}:{ref}"


@dataclass(frozen=True)
class PartyRow:
    """A person, organisation or board and what it owns: ``actions``, the refs of the open
    actions listing it as an owner in any role (document order, each once); ``by_role``, open
    actions per role written (every role, zeros included); ``counted``, the open actions
    listing it in a counted role; ``due_months``, the month numbers (``year * 12 + month - 1``)
    of the ends of those counted actions' due periods; ``priorities``, the distinct priorities of
    its open actions (first seen first); ``critical``, the critical actions it owns, any status;
    ``due_firsts``, the month numbers of the starts of the same due periods, in the same order
    (a quarter due in March starts in January; empty when not known).
    ``organisation`` is a person's employer's name."""

    kind: PartyKind
    ref: str
    name: str | None
    post: str | None
    organisation: str | None
    actions: list[str]
    by_role: dict[str, int]
    counted: int
    due_months: list[int]
    priorities: list[str]
    critical: list[str]
    due_firsts: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return party_key(self.kind, self.ref)


@dataclass(frozen=True)
class FindingOwners:
    """A finding (not a strength) and the answerable owners (:func:`party_key`, sorted) of
    all its non-cancelled addressing actions taken together; ``parent``, the ref of the
    finding it is part of (None: none)."""

    ref: str
    owners: list[str]
    parent: str | None = None


@dataclass(frozen=True)
class Attribution:
    """The non-cancelled actions (``actions``) and how many each organisation owns, directly or
    through a person working for it (``by_organisation``: every organisation, document order,
    as ``(ref, name, kind, actions)``), how many each organisation kind owns (an action counted
    once per kind) and how many no organisation owns (``unattributed``)."""

    actions: int
    by_organisation: list[tuple[str, str, str, int]]
    by_kind: dict[str, int]
    unattributed: int


@dataclass(frozen=True)
class OverloadRows:
    """Everything :func:`~queries.overload.report.overload_of` needs, gathered from a graph
    (:func:`overload_rows`) or by Cypher (:mod:`queries.overload.server`) for the roles
    ``count_roles``: the plan's open actions (``total_open``) and those nobody owns
    (``unowned_open``, refs), the parties (people, organisations, boards, each kind in document
    order), the findings' owners (document order) and the partners' attribution."""

    plan: str
    count_roles: tuple[str, ...]
    total_open: int
    unowned_open: list[str]
    parties: list[PartyRow]
    findings: list[FindingOwners]
    attribution: Attribution


def month_of(day: date) -> int:
    """A day's month number, ``year * 12 + month - 1``."""
    return day.year * 12 + day.month - 1


def overload_rows(
    graph: nx.MultiDiGraph,
    plan: str,
    *,
    count_roles: Collection[str] = ("responsible",),
    critical: Collection[str] = (),
) -> OverloadRows:
    """The :class:`OverloadRows` of ``plan`` in ``graph``, counting ``count_roles``, with the
    owners of the actions whose refs are in ``critical``."""
    nodes = graph._node  # the attribute dicts, without NodeView's checks
    counting = set(count_roles)
    critical_refs = set(critical)

    def key(node: str) -> str:
        return party_key(nodes[node]["kind"], str(nodes[node]["ref"]))

    parties = [n for k in PARTY_KINDS for n in nodes_of(graph, k, plan)]
    organisations = nodes_of(graph, NodeKind.ORGANISATION, plan)
    employer = {}
    for person in nodes_of(graph, NodeKind.PERSON, plan):
        for org in out_nodes(graph, person, EdgeKind.WORKS_FOR)[:1]:
            employer[person] = org

    open_of: dict[str, list[str]] = {p: [] for p in parties}
    no_roles = {r.value: 0 for r in OwnerRole}
    roles = {p: no_roles.copy() for p in parties}
    prios: dict[str, dict[str, None]] = {p: {} for p in parties}
    dues: dict[str, list[int]] = {p: [] for p in parties}
    firsts: dict[str, list[int]] = {p: [] for p in parties}
    counted_of = dict.fromkeys(parties, 0)
    crit: dict[str, list[str]] = {p: [] for p in parties}
    org_count = dict.fromkeys(organisations, 0)
    kind_count: dict[str, int] = {}
    unowned: list[str] = []
    total_open = not_cancelled = unattributed = 0
    facts = plan_facts(graph, plan)
    for action in facts.actions.values():
        ref = action.ref
        owners = action.owners
        here = dict.fromkeys(p for p, _ in owners)
        if ref in critical_refs:
            for p in here:
                crit[p].append(ref)
        if not action.cancelled:
            not_cancelled += 1
            orgs = {p if p in org_count else employer.get(p, "") for p in here} - {""}
            for org in orgs:
                org_count[org] += 1
            for kind in {nodes[o]["organisation_kind"]._value_ for o in orgs}:
                kind_count[kind] = kind_count.get(kind, 0) + 1
            unattributed += not orgs
        if not action.open:
            continue
        total_open += 1
        if not owners:
            unowned.append(ref)
        priority = action.priority if owners else None
        due = nodes[action.node].get("due")
        month = first = None  # the months the due period ends and starts in
        if due is not None and due.end:
            month = first = month_of(due.end)
            if due.start:
                first = month_of(due.start)
        for p, role in owners:
            roles[p][role._value_] += 1  # not .value: a property, called per owner
        counted_here = {p for p, role in owners if role._value_ in counting}
        for p in here:
            open_of[p].append(ref)
            if priority is not None:
                prios[p][nodes[priority]["ref"]] = None
            if p in counted_here:
                counted_of[p] += 1
                if month is not None and first is not None:
                    dues[p].append(month)
                    firsts[p].append(first)

    findings = []
    parent_of = {
        c: str(nodes[f]["ref"]) for f, cs in finding_children(graph, plan).items() for c in cs
    }
    for finding, links in facts.finding_actions.items():
        if nodes[finding]["finding_kind"] is FindingKind.STRENGTH:
            continue
        union: set[str] = set()
        for link in links:
            reaching = facts.actions[link.action]
            if not reaching.cancelled:
                union.update(reaching.answerable)
        answering = sorted(key(p) for p in union)
        parent = parent_of.get(finding)
        findings.append(FindingOwners(str(nodes[finding]["ref"]), answering, parent))

    def row(p: str) -> PartyRow:
        data = nodes[p]
        org = employer.get(p)
        return PartyRow(
            kind=PartyKind(data["kind"].value),
            ref=str(data["ref"]),
            name=data.get("name") or None,
            post=data.get("post") if data["kind"] is NodeKind.PERSON else None,
            organisation=nodes[org]["name"] if org else None,
            actions=open_of[p],
            by_role=roles[p],
            counted=counted_of[p],
            due_months=dues[p],
            priorities=list(prios[p]),
            critical=crit[p],
            due_firsts=firsts[p],
        )

    attribution = Attribution(
        actions=not_cancelled,
        by_organisation=[
            (nodes[o]["ref"], nodes[o]["name"], nodes[o]["organisation_kind"].value, n)
            for o, n in org_count.items()
        ],
        by_kind=kind_count,
        unattributed=unattributed,
    )
    return OverloadRows(
        plan=plan,
        count_roles=tuple(count_roles),
        total_open=total_open,
        unowned_open=unowned,
        parties=[row(p) for p in parties],
        findings=findings,
        attribution=attribution,
    )
