"""Overload answered by Cypher on the database, for one plan or many at once.

The server counts and collects: per person, organisation and board, its open actions (with
their priority and due month) and the roles it holds them in; the actions of the critical path
it owns; the findings it is sole answerable owner of (the addressing rules of
:data:`queries.server_coverage.ADDRESSING`); per organisation and organisation kind, the
non-cancelled actions attributed to it, directly or through the people working for it; per
plan, the open actions and the unowned ones. The client does what Cypher cannot do exactly:
the busiest three-month window, percentages rounded half up (:func:`queries.overload._pct`),
the reasons' wording and the sort by name with Python's case folding -- the same helpers as
the in-memory :func:`queries.overload.overload`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from graphmodel.model import OrganisationKind, OwnerRole, PartyKind
from graphmodel.schema import NodeKind
from graphmodel.stores.codec import uid
from queries.overload import (
    UNATTRIBUTED,
    OrgShare,
    OverloadReport,
    OverloadRule,
    OwnerLoad,
    _busiest,
    _pct,
    _reasons,
)
from queries.server_coverage import ADDRESSING, ANSWERABLE

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["overload_rows"]

_CLOSED = ["complete", "cancelled"]

_PARTIES = """
MATCH (o:Person) WHERE o.plan IN $plans
OPTIONAL MATCH (o)-[:WORKS_FOR]->(org:Organisation)
RETURN o.plan AS plan, o.uid AS uid, o.ref AS ref, o.seq AS seq, 'person' AS kind,
       o.name AS name, o.post AS post, null AS org_kind, org.name AS employer
UNION ALL
MATCH (o:Organisation) WHERE o.plan IN $plans
RETURN o.plan AS plan, o.uid AS uid, o.ref AS ref, o.seq AS seq, 'organisation' AS kind,
       o.name AS name, null AS post, o.organisation_kind AS org_kind, null AS employer
UNION ALL
MATCH (o:Board) WHERE o.plan IN $plans
RETURN o.plan AS plan, o.uid AS uid, o.ref AS ref, o.seq AS seq, 'board' AS kind,
       o.name AS name, null AS post, null AS org_kind, null AS employer
"""

_OPEN_LOADS = """
MATCH (a:Action) WHERE a.plan IN $plans AND NOT coalesce(a.status_value, '') IN $closed
WITH a, [(a)-[:PART_OF]->(x) | x] AS up
WITH a, [x IN up WHERE x:Priority][0] AS pd, [x IN up WHERE x:Objective][0] AS o
WITH a, CASE WHEN pd IS NOT NULL THEN pd.ref WHEN o IS NULL THEN null
             ELSE [(o)-[:PART_OF]->(x:Priority) | x.ref][0] END AS priority
MATCH (a)-[r:OWNED_BY]->(o)
WITH a, o, priority, collect(r.role) AS roles
RETURN o.uid AS party, collect([a.seq, a.ref, priority, a.q_due_month]) AS actions,
       collect(roles) AS roles
"""

_TOTALS = """
MATCH (a:Action) WHERE a.plan IN $plans
WITH a, coalesce(a.status_value, '') AS status
RETURN a.plan AS plan,
       sum(CASE WHEN status IN $closed THEN 0 ELSE 1 END) AS open,
       sum(CASE WHEN status = 'cancelled' THEN 0 ELSE 1 END) AS counted,
       collect(CASE WHEN NOT status IN $closed AND size([(a)-[:OWNED_BY]->(o) | o]) = 0
                    THEN [a.seq, a.ref] END) AS unowned
"""

_CRITICAL = """
MATCH (a:Action)-[:OWNED_BY]->(o) WHERE a.uid IN $critical
WITH DISTINCT a, o
RETURN o.uid AS party, collect([a.seq, a.ref]) AS actions
"""

_SOLE = (
    ADDRESSING
    + """
WITH a, fs WHERE coalesce(a.status_value, '') <> 'cancelled'
UNWIND fs AS f
WITH DISTINCT f, a WHERE f.finding_kind <> 'strength'
UNWIND [(a)-[r:OWNED_BY]->(o) WHERE r.role IN $answerable | o.uid] AS owner
WITH f, collect(DISTINCT owner) AS owners
WHERE size(owners) = 1
RETURN owners[0] AS party, collect([f.seq, f.ref]) AS findings
"""
)

_ATTRIBUTED = """
MATCH (a:Action) WHERE a.plan IN $plans AND coalesce(a.status_value, '') <> 'cancelled'
WITH a, [(a)-[:OWNED_BY]->(o:Organisation) | o]
        + [(a)-[:OWNED_BY]->(:Person)-[:WORKS_FOR]->(e:Organisation) | e] AS orgs
UNWIND CASE WHEN size(orgs) = 0 THEN [null] ELSE orgs END AS org
WITH DISTINCT a, org
"""
_BY_ORG = _ATTRIBUTED + "WITH a, org WHERE org IS NOT NULL RETURN org.uid AS org, count(a) AS n"
_BY_KIND = (
    _ATTRIBUTED
    + """WITH DISTINCT a, org.organisation_kind AS kind
RETURN a.plan AS plan, kind, count(a) AS n
"""
)


def _ordered(pairs: list[list[Any]]) -> list[Any]:
    """The second items of ``[seq, item]`` pairs, in ``seq`` order, each once."""
    return list(dict.fromkeys(item for _, item in sorted(pairs, key=lambda p: p[0])))


def overload_rows(
    store: Neo4jStore,
    plans: list[str],
    *,
    rule: OverloadRule | None = None,
    critical: Mapping[str, Collection[str]] | None = None,
) -> dict[str, OverloadReport]:
    """:func:`queries.overload.overload` of each of ``plans``; ``critical`` maps a plan to the
    refs of its critical path."""
    rule = rule or OverloadRule()
    crit = [uid(p, NodeKind.ACTION, ref) for p, refs in (critical or {}).items() for ref in refs]
    params = {"plans": plans, "closed": _CLOSED, "answerable": ANSWERABLE, "critical": crit}
    statements = [_PARTIES, _OPEN_LOADS, _TOTALS, _CRITICAL, _SOLE, _BY_ORG, _BY_KIND]
    parties, loads, totals, crits, soles, by_org, by_kind = store.read(
        [(s, params) for s in statements]
    )
    load_of = {r["party"]: r for r in loads}
    crit_of = {r["party"]: _ordered(r["actions"]) for r in crits}
    sole_of = {r["party"]: _ordered(r["findings"]) for r in soles}
    org_n = {r["org"]: r["n"] for r in by_org}
    kind_n = {(r["plan"], r["kind"]): r["n"] for r in by_kind}
    total_of = {r["plan"]: r for r in totals}
    grouped: dict[str, list[dict[str, Any]]] = {p: [] for p in plans}
    for row in sorted(parties, key=lambda r: r["seq"]):
        grouped[row["plan"]].append(row)

    reports = {}
    for plan in plans:
        total = total_of.get(plan, {"open": 0, "counted": 0, "unowned": []})
        total_open, counted = total["open"], total["counted"]

        def load(row: dict[str, Any]) -> OwnerLoad:
            found = load_of.get(row["uid"], {"actions": [], "roles": []})
            actions = sorted(found["actions"], key=lambda a: a[0])
            by_role = {r.value: 0 for r in OwnerRole}
            for roles in found["roles"]:
                for role in roles:
                    by_role[role] += 1
            window = _busiest([a[3] for a in actions if a[3] is not None])
            person = row["kind"] == "person"
            n = len(actions)
            reasons = _reasons(rule, n, total_open, window) if person else []  # noqa: B023
            if not person or row["name"]:
                name = str(row["name"] or row["ref"])
            elif row["employer"] is not None:
                name = f"{row['post']} ({row['employer']})"
            else:
                name = str(row["post"])
            return OwnerLoad(
                ref=row["ref"],
                kind=PartyKind(row["kind"]),
                name=name,
                post=row["post"] if person else None,
                organisation=row["employer"],
                open_actions=n,
                by_role=by_role,
                actions=[a[1] for a in actions],
                priorities=list(dict.fromkeys(a[2] for a in actions if a[2] is not None)),
                busiest_window=window,
                critical_actions=crit_of.get(row["uid"], []),
                sole_owner_for=sole_of.get(row["uid"], []),
                overloaded=bool(reasons),
                reasons=reasons,
                share=_pct(n, total_open),  # noqa: B023
            )

        def ranked(kind: str) -> list[OwnerLoad]:
            loads = [load(r) for r in grouped[plan] if r["kind"] == kind]  # noqa: B023
            return sorted(loads, key=lambda o: (-o.open_actions, o.name.casefold(), o.ref))

        orgs = [r for r in grouped[plan] if r["kind"] == "organisation"]
        unattributed = kind_n.get((plan, None), 0)
        balance = [
            OrgShare(
                r["ref"],
                r["name"],
                r["org_kind"],
                org_n.get(r["uid"], 0),
                _pct(org_n.get(r["uid"], 0), counted),
            )
            for r in orgs
        ]
        balance.sort(key=lambda s: (-s.actions, s.name.casefold()))
        balance.append(
            OrgShare(None, UNATTRIBUTED, UNATTRIBUTED, unattributed, _pct(unattributed, counted))
        )
        present = {r["org_kind"] for r in orgs} | {UNATTRIBUTED}
        order = [k.value for k in OrganisationKind] + [UNATTRIBUTED]
        reports[plan] = OverloadReport(
            plan=plan,
            rule=rule,
            total_open=total_open,
            people=ranked("person"),
            organisations=ranked("organisation"),
            boards=ranked("board"),
            balance=balance,
            balance_by_kind={
                k: _pct(unattributed if k == UNATTRIBUTED else kind_n.get((plan, k), 0), counted)
                for k in order
                if k in present
            },
            unowned_open=_ordered(total["unowned"]),
        )
    return reports
