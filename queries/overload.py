"""Overload: who owns how much of a plan, who is flagged, and whose departure orphans a finding.

Definitions (one plan; every person, organisation and board of it is reported, even with
nothing to do):

* An action is **open** as :func:`queries.links.is_open` says: not complete, not cancelled;
  no status counts as open. ``total_open`` counts every open action of the plan, owned or not.
* A party's **open actions** are the open actions that list it as an owner in any role, each
  counted once; ``by_role`` counts them per role written (``responsible``, ``accountable``,
  ``involved``). A post with no named holder is a party like any person.
* **counted** (``counted_actions``): the open actions the overload rule counts -- those
  listing the party in one of the rule's ``count_roles`` (default ``responsible`` only: the
  person doing the work). A sponsor accountable for twenty actions and responsible for
  none has 20 open actions, 0 counted, and is not overloaded; the accountable and involved
  counts are shown beside it. Settings widen it:
  ``[tool.actiongraph.overload] count_roles = ["responsible", "accountable"]``.
* **share**: the party's counted actions as a percentage of ``total_open`` (one decimal).
* **busiest window**: the most counted actions whose due date (the end of the due period)
  falls in any three calendar months running, ``(first month, last month, count)``; windows
  start at a due month and the earliest wins a tie. Actions with no dated end are left out.
* **priorities**: the distinct priorities (refs) of the party's open actions.
* **critical actions**: the actions the party owns, whatever their status, whose refs are in
  ``critical`` (the critical path, as the caller computed it).
* **sole owner**: a party is sole owner of a finding (not a strength) when the answerable
  owners (responsible or accountable, :func:`queries.links.answerable_owners`) of all the
  finding's non-cancelled addressing actions (:func:`queries.links.finding_actions`), taken
  together, are that party alone: if it leaves, nobody answers for any work on the finding.
  A co-owner on any of those actions, or an organisation owning one of them, keeps the
  finding owned, so there is no sole owner; a party only ``involved`` does not. Completed
  actions count: someone must still answer for the evidence they produced. Parties that are
  sole owner of a finding are the plan's **key-person risks**.
* **balance**: the share of all non-cancelled actions each organisation owns, directly or
  through a person who works for it (an action counts once per organisation, and once per
  organisation kind); an action with no organisation either way is ``unattributed`` (a board
  is a partnership, not an organisation). Shares may sum to more than 100. ``balance`` lists
  every organisation, then an ``unattributed`` row; ``balance_by_kind`` has the kinds present
  and ``unattributed``.
* **name**: a person's name, else the post with its organisation ("SEND Service Manager
  (Exampleshire County Council)"); an organisation's or board's name.

Key-person risk (sole owner) keeps using answerable owners, whatever ``count_roles`` says.
Overload is judged for people only, by :class:`OverloadRule` on counted actions;
organisations and boards spread their work over many staff, so their load is reported for
balance and key-person risk, never flagged.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import networkx as nx

from graphmodel.graph import nodes_of, resolve_plan
from graphmodel.model import FindingKind, OrganisationKind, OwnerRole, PartyKind
from graphmodel.schema import EdgeKind, NodeKind
from queries.links import (
    action_priority,
    answerable_owners,
    finding_actions,
    is_cancelled,
    is_open,
    owners_of,
)
from queries.links import out_nodes as _out

__all__ = ["OrgShare", "OverloadReport", "OverloadRule", "OwnerLoad", "overload"]

UNATTRIBUTED = "unattributed"
_KEY_FIELDS = ("ref", "kind", "name", "sole_owner_for")
_PARTY = {NodeKind(k.value): k for k in PartyKind}  # person, organisation, board


@dataclass(frozen=True)
class OverloadRule:
    """When a person is overloaded: any one of these, each giving a reason.

    * ``open >= max_open`` (default 12): a lead officer can realistically drive ten to twelve
      open actions alongside a day job; beyond that, actions drift.
    * ``share >= max_share`` (default 0.20, a fraction) and ``open >= min_open_for_share``
      (default 5): one person holding a fifth of a plan concentrates key-person risk, but in a
      small plan (six actions, say) a fifth is one action, so the share counts only from five
      open actions.
    * ``busiest window >= max_in_window`` (default 6; None turns it off): six deadlines in the
      same three months is a crunch even for someone whose total is modest.

    Each test counts the open actions owned in one of ``count_roles`` (default
    ``("responsible",)``; any of ``responsible``, ``accountable``, ``involved``).

    >>> rule = OverloadRule.from_mapping({"max_open": 10, "max_in_window": False})
    >>> rule.max_open, rule.max_in_window, rule.count_roles
    (10, None, ('responsible',))
    >>> OverloadRule.from_mapping({"count_roles": ["responsible", "accountable"]}).count_roles
    ('responsible', 'accountable')
    >>> OverloadRule.from_mapping({"max_share": 20})
    Traceback (most recent call last):
    ...
    ValueError: max_share must be a fraction above 0 and at most 1 (0.2 for 20%), not 20
    """

    max_open: int = 12
    max_share: float = 0.20
    min_open_for_share: int = 5
    max_in_window: int | None = 6
    count_roles: tuple[str, ...] = ("responsible",)

    def __post_init__(self) -> None:
        roles = [r.value for r in OwnerRole]
        if (
            isinstance(self.count_roles, str)
            or not self.count_roles
            or any(r not in roles for r in self.count_roles)
        ):
            given = self.count_roles
            shown = list(given) if isinstance(given, tuple) else given
            raise ValueError(f"count_roles must be a list of one or more of {roles}, not {shown!r}")
        counts = {"max_open": self.max_open, "min_open_for_share": self.min_open_for_share}
        counts |= {"max_in_window": self.max_in_window} if self.max_in_window is not None else {}
        for name, value in counts.items():
            if type(value) is not int or value < 1:
                raise ValueError(
                    f"{name} must be a whole number of actions, 1 or more, not {value!r}"
                )
        share = self.max_share
        if type(share) not in (int, float) or not 0 < share <= 1:
            raise ValueError(
                f"max_share must be a fraction above 0 and at most 1 (0.2 for 20%), not {share!r}"
            )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> OverloadRule:
        """The rule from a config table (keys as the fields; ``max_in_window = false`` turns
        the window test off). Raises ValueError naming an unknown key or a bad value."""
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown overload setting(s) {unknown}; expected some of {known}")
        values = dict(data)
        if isinstance(values.get("count_roles"), list):
            values["count_roles"] = tuple(values["count_roles"])
        if values.get("max_in_window", 0) is False:
            values["max_in_window"] = None
        return cls(**values)


@dataclass(frozen=True)
class OwnerLoad:
    """One person, organisation or board and its load (see the module docstring)."""

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
    busiest_window: tuple[str, str, int] | None
    critical_actions: list[str]
    sole_owner_for: list[str]
    overloaded: bool
    reasons: list[str]
    share: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        if self.busiest_window is not None:
            first, last, count = self.busiest_window
            data["busiest_window"] = {"first": first, "last": last, "actions": count}
        return data


@dataclass(frozen=True)
class OrgShare:
    """Non-cancelled actions attributed to one organisation (``ref`` None: unattributed)."""

    ref: str | None
    name: str
    kind: str
    actions: int
    percent: float


@dataclass(frozen=True)
class OverloadReport:
    """The loads of every party of one plan, sorted by counted actions, then open actions
    (most first), then name."""

    plan: str
    rule: OverloadRule
    total_open: int
    people: list[OwnerLoad]
    organisations: list[OwnerLoad]
    boards: list[OwnerLoad]
    balance: list[OrgShare]
    balance_by_kind: dict[str, float]
    unowned_open: list[str]

    @property
    def overloaded(self) -> list[OwnerLoad]:
        return [p for p in self.people if p.overloaded]

    @property
    def key_people(self) -> list[OwnerLoad]:
        """Parties that are sole owner of at least one finding."""
        return [p for p in self.people + self.organisations + self.boards if p.sole_owner_for]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the audit contract's ``overload`` part and more."""
        return {
            "plan": self.plan,
            "rule": asdict(self.rule) | {"count_roles": list(self.rule.count_roles)},
            "total_open": self.total_open,
            "unowned_open": list(self.unowned_open),
            "people": [p.to_dict() for p in self.people],
            "organisations": [p.to_dict() for p in self.organisations],
            "boards": [p.to_dict() for p in self.boards],
            "key_person_risk": [
                {k: v for k, v in p.to_dict().items() if k in _KEY_FIELDS} for p in self.key_people
            ],
            "balance": [asdict(b) for b in self.balance],
            "balance_by_kind": dict(self.balance_by_kind),
        }


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _busiest(months: list[int]) -> tuple[str, str, int] | None:
    """Most months in any [m, m + 2] for m in months (sorted here), the earliest on ties."""
    months = sorted(months)
    best: tuple[int, int] | None = None
    j = 0
    for i, m in enumerate(months):
        if i and months[i - 1] == m:
            continue
        while j < len(months) and months[j] <= m + 2:
            j += 1
        if best is None or j - i > best[1]:
            best = (m, j - i)
    return None if best is None else (_month(best[0]), _month(best[0] + 2), best[1])


def _pct(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``, one decimal, halves rounded up (6.25 -> 6.3)."""
    if not whole:
        return 0.0
    return float((Decimal(100 * part) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _reasons(
    rule: OverloadRule, n: int, total: int, window: tuple[str, str, int] | None
) -> list[str]:
    reasons = []
    if n >= rule.max_open:
        reasons.append(f"{n} open actions (limit {rule.max_open})")
    if n >= rule.min_open_for_share and total and n / total >= rule.max_share - 1e-12:
        reasons.append(
            f"{_pct(n, total):g}% of all {total} open actions (limit {100 * rule.max_share:g}%)"
        )
    if rule.max_in_window is not None and window is not None and window[2] >= rule.max_in_window:
        reasons.append(
            f"{window[2]} open actions due {window[0]} to {window[1]} (limit {rule.max_in_window})"
        )
    return reasons


def overload(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    rule: OverloadRule = OverloadRule(),
    critical: Collection[str] | None = None,
) -> OverloadReport:
    """The load of every person, organisation and board of ``plan`` and the plan's balance.

    Parameters
    ----------
    graph : the plan graph (:func:`graphmodel.graph.build_graph` or ``build_graphs``).
    plan : the plan id; None for the only plan in the graph (ValueError if it holds several).
    rule : when a person is overloaded (:class:`OverloadRule`).
    critical : refs of the actions on the critical path; refs not in the plan are ignored.

    Returns
    -------
    OverloadReport
        Definitions in the module docstring. Runs in time linear in the plan's size.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
    ...     "actions": [{"ref": f"A{i}", "text": "a", "owners": ["person:p"], "due": "Jan-25",
    ...                  "addresses": ["F1"]} for i in range(6)]
    ...                + [{"ref": "B", "text": "b", "owners": ["board:b"]}],
    ...     "people": [{"ref": "p", "post": "SEND Manager", "organisation": "c"}],
    ...     "organisations": [{"ref": "c", "name": "County Council", "kind": "local_authority"}],
    ...     "boards": [{"ref": "b", "name": "SEND Board"}]}))
    >>> report = overload(g, critical=["A0"])
    >>> p = report.people[0]
    >>> p.name, p.open_actions, p.busiest_window, p.sole_owner_for, p.critical_actions
    ('SEND Manager (County Council)', 6, ('2025-01', '2025-03', 6), ['F1'], ['A0'])
    >>> p.reasons
    ['85.7% of all 7 open actions (limit 20%)', '6 open actions due 2025-01 to 2025-03 (limit 6)']
    >>> [(b.name, b.actions, b.percent) for b in report.balance]
    [('County Council', 6, 85.7), ('unattributed', 1, 14.3)]
    >>> report.balance_by_kind
    {'local_authority': 85.7, 'unattributed': 14.3}
    """
    plan = resolve_plan(graph, plan)
    nodes = graph._node  # the attribute dicts, without NodeView's checks
    critical_refs = set(critical or ())
    parties = [n for k in _PARTY for n in nodes_of(graph, k, plan)]
    employer: dict[str, str] = {}
    for person in nodes_of(graph, NodeKind.PERSON, plan):
        for org in _out(graph, person, EdgeKind.WORKS_FOR)[:1]:
            employer[person] = org

    open_of: dict[str, list[str]] = {p: [] for p in parties}
    roles: dict[str, dict[str, int]] = {p: {r.value: 0 for r in OwnerRole} for p in parties}
    prios: dict[str, dict[str, None]] = {p: {} for p in parties}
    dues: dict[str, list[int]] = {p: [] for p in parties}
    counted_of: dict[str, int] = {p: 0 for p in parties}
    counting = set(rule.count_roles)
    crit: dict[str, list[str]] = {p: [] for p in parties}
    owned_by: dict[str, set[str]] = {}
    org_count: dict[str, int] = {o: 0 for o in nodes_of(graph, NodeKind.ORGANISATION, plan)}
    kind_count: dict[str, int] = {}
    unowned: list[str] = []
    total_open = counted = unattributed = 0
    for action in nodes_of(graph, NodeKind.ACTION, plan):
        data = nodes[action]
        owners = owners_of(graph, action)
        parties_here = {p for p, _ in owners}
        owned_by[action] = set(answerable_owners(graph, action))
        if data["ref"] in critical_refs:
            for p in dict.fromkeys(p for p, _ in owners):
                crit[p].append(data["ref"])
        if not is_cancelled(graph, action):
            counted += 1
            orgs = {p if p in org_count else employer.get(p, "") for p in parties_here} - {""}
            for org in orgs:
                org_count[org] += 1
            for kind in {nodes[o]["organisation_kind"].value for o in orgs}:
                kind_count[kind] = kind_count.get(kind, 0) + 1
            unattributed += not orgs
        if not is_open(graph, action):
            continue
        total_open += 1
        if not owners:
            unowned.append(data["ref"])
        priority = action_priority(graph, action) if owners else None
        due = data.get("due")
        month = due.end.year * 12 + due.end.month - 1 if due is not None and due.end else None
        for p, role in owners:
            roles[p][role.value] += 1
        counted_here = {p for p, role in owners if role.value in counting}
        for p in parties_here:
            open_of[p].append(action)
            if priority is not None:
                prios[p][nodes[priority]["ref"]] = None
            if p in counted_here:
                counted_of[p] += 1
                if month is not None:
                    dues[p].append(month)

    sole: dict[str, list[str]] = {p: [] for p in parties}
    for finding, links in finding_actions(graph, plan).items():
        if nodes[finding]["finding_kind"] is FindingKind.STRENGTH:
            continue
        union: set[str] = set()
        for link in links:
            if not is_cancelled(graph, link.action):
                union |= owned_by[link.action]
        if len(union) == 1:
            sole[union.pop()].append(nodes[finding]["ref"])

    def label(p: str) -> str:
        data = nodes[p]
        if data["kind"] is not NodeKind.PERSON or data.get("name"):
            return str(data.get("name") or data["ref"])
        org = employer.get(p)
        return f"{data['post']} ({nodes[org]['name']})" if org else str(data["post"])

    def load(p: str) -> OwnerLoad:
        data, n = nodes[p], counted_of[p]
        person = data["kind"] is NodeKind.PERSON
        window = _busiest(dues[p])
        reasons = _reasons(rule, n, total_open, window) if person else []
        if reasons and rule.count_roles != ("responsible",):
            reasons = [f"{r}, counting {' and '.join(rule.count_roles)}" for r in reasons]
        org = employer.get(p)
        return OwnerLoad(
            ref=data["ref"],
            kind=_PARTY[data["kind"]],
            name=label(p),
            post=data.get("post") if person else None,
            organisation=nodes[org]["name"] if org else None,
            open_actions=len(open_of[p]),
            counted_actions=n,
            by_role=roles[p],
            actions=[nodes[a]["ref"] for a in open_of[p]],
            priorities=list(prios[p]),
            busiest_window=window,
            critical_actions=crit[p],
            sole_owner_for=sole[p],
            overloaded=bool(reasons),
            reasons=reasons,
            share=_pct(n, total_open),
        )

    def ranked(kind: NodeKind) -> list[OwnerLoad]:
        loads = [load(p) for p in nodes_of(graph, kind, plan)]
        return sorted(
            loads, key=lambda o: (-o.counted_actions, -o.open_actions, o.name.casefold(), o.ref)
        )

    kind_count[UNATTRIBUTED] = unattributed
    balance = [
        OrgShare(d["ref"], d["name"], d["organisation_kind"].value, n, _pct(n, counted))
        for d, n in ((nodes[o], n) for o, n in org_count.items())
    ]
    balance.sort(key=lambda s: (-s.actions, s.name.casefold()))
    balance.append(
        OrgShare(None, UNATTRIBUTED, UNATTRIBUTED, unattributed, _pct(unattributed, counted))
    )
    present = {nodes[o]["organisation_kind"].value for o in org_count} | {UNATTRIBUTED}
    order = [k.value for k in OrganisationKind] + [UNATTRIBUTED]
    by_kind = {k: _pct(kind_count.get(k, 0), counted) for k in order if k in present}
    return OverloadReport(
        plan=plan,
        rule=rule,
        total_open=total_open,
        people=ranked(NodeKind.PERSON),
        organisations=ranked(NodeKind.ORGANISATION),
        boards=ranked(NodeKind.BOARD),
        balance=balance,
        balance_by_kind=by_kind,
        unowned_open=unowned,
    )
