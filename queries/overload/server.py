"""Overload answered by Cypher on the database, for one plan or many at once.

The server does the joins and the counting and returns only what the pure parts of overload
need (:class:`~queries.overload.rows.OverloadRows`): one row per party with its open actions,
its open actions per role, the counted ones with their due months, the priorities and the
critical actions it owns; one row per finding with the answerable owners of its addressing
actions; one row per plan with its open and unowned actions and, per non-cancelled action,
the organisations it is attributed to. :func:`~queries.overload.report.overload_of`, the very
function the in-memory question ends in, turns the rows into the report, so every rule of
overload exists once.

Every statement takes ``$plans``, a list of plan ids, unwound into lookups of the ``plan``
index, so one round of statements answers a hundred plans as cheaply as one. Only standard
Cypher that Neo4j 5 runs: pattern and list comprehensions, ``CASE``, ``coalesce``,
``collect``, ``UNWIND`` -- no procedures.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from graphmodel.model import FindingKind, OwnerRole, PartyKind
from graphmodel.periods import period_of_text
from graphmodel.schema import NodeKind
from graphmodel.statuses import Status
from graphmodel.stores.codec import uid
from queries.links import ANSWERABLE
from queries.overload.report import OverloadReport, overload_of
from queries.overload.rows import Attribution, FindingOwners, OverloadRows, PartyRow, month_of
from queries.overload.rule import DEFAULT_RULE, OverloadRule
from queries.server_rows import ACTION_PRIORITY, rows_by_plan

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["server_overload", "server_overload_rows"]

_KEY = (
    "CASE WHEN x:Person THEN 'person' WHEN x:Organisation THEN 'organisation' ELSE 'board' END"
    " + ':' + x.ref"
)

_PARTIES = (
    """
UNWIND $plans AS plan
MATCH (x:{label} {{plan: plan}})
WITH x, [(x)<-[r:OWNED_BY]-(a:Action) |
         [a.seq, a.ref, r.role, NOT coalesce(a.status_value, '') IN $closed, a.q_due_month,
          a.uid IN $critical, """
    + ACTION_PRIORITY
    + """, a.q_due_text]] AS owned
WITH x, owned, [o IN owned WHERE o[3]] AS open
RETURN x.plan AS plan, x.seq AS seq, x.ref AS ref, x.name AS name, {post} AS post,
       {kind} AS organisation_kind,
       {employers} AS employers,
       [role IN $roles | size([o IN open WHERE o[2] = role])] AS by_role,
       [o IN open | [o[0], o[1]]] AS actions,
       [o IN open WHERE o[2] IN $counting | [o[0], o[1], o[4], o[7]]] AS counted,
       [o IN open WHERE o[6] IS NOT NULL | [o[0], o[6]]] AS priorities,
       [o IN owned WHERE o[5] | [o[0], o[1]]] AS critical
"""
)

_FINDINGS = (
    """
UNWIND $plans AS plan
MATCH (a:Action {plan: plan}) WHERE coalesce(a.status_value, '') <> $cancelled
WITH a, [(a)-[:PART_OF]->(x) | x] AS up
WITH a, [x IN up WHERE x:Objective][0] AS o, [x IN up WHERE x:Priority][0] AS pd
WITH a, o, CASE WHEN pd IS NOT NULL THEN pd WHEN o IS NULL THEN null
                ELSE [(o)-[:PART_OF]->(x:Priority) | x][0] END AS p
WITH a, o, p, [(a)-[:ADDRESSES]->(f:Finding) | f] AS direct,
     CASE WHEN o IS NULL THEN [] ELSE [(o)-[:ADDRESSES]->(f:Finding) | f] END AS via_o,
     CASE WHEN p IS NULL THEN [] ELSE [(p)-[:ADDRESSES]->(f:Finding) | f] END AS via_p
WITH CASE WHEN size(direct) > 0 THEN direct WHEN size(via_o) > 0 THEN via_o
          ELSE via_p END AS found,
     [o IN [(a)-[r:OWNED_BY]->(x) | [r.role, """
    + _KEY
    + """]] WHERE o[0] IN $answerable | o[1]] AS owners
UNWIND found AS f
WITH f, owners WHERE coalesce(f.finding_kind, '') <> $strength
WITH f, collect(owners) AS owners
RETURN f.plan AS plan, f.seq AS seq, f.ref AS ref, owners
"""
)

_TREE = """
UNWIND $plans AS plan
MATCH (f:Finding {plan: plan}) WHERE coalesce(f.finding_kind, '') <> $strength
RETURN f.plan AS plan, f.seq AS seq, f.ref AS ref,
       [(f)-[:PART_OF]->(p:Finding) | p.ref][0] AS parent
"""

_PLANS = """
UNWIND $plans AS plan
MATCH (a:Action {plan: plan})
WITH plan, a, coalesce(a.status_value, '') AS status, [(a)-[:OWNED_BY]->(x) | x] AS owners
WITH plan, a, status, size(owners) AS owned,
     [x IN owners WHERE x:Organisation | x.ref]
     + [x IN owners WHERE x:Person | [(x)-[:WORKS_FOR]->(o:Organisation) | o.ref][0]] AS orgs
RETURN plan,
       sum(CASE WHEN status IN $closed THEN 0 ELSE 1 END) AS total_open,
       collect(CASE WHEN owned = 0 AND NOT status IN $closed THEN [a.seq, a.ref] END) AS unowned,
       sum(CASE WHEN status = $cancelled THEN 0 ELSE 1 END) AS actions,
       collect(CASE WHEN status = $cancelled THEN null ELSE orgs END) AS attributed
"""

_LABELS = {
    PartyKind.PERSON: (NodeKind.PERSON.label, "x.post", "null"),
    PartyKind.ORGANISATION: (NodeKind.ORGANISATION.label, "null", "x.organisation_kind"),
    PartyKind.BOARD: (NodeKind.BOARD.label, "null", "null"),
}
_EMPLOYERS = "[(x)-[w:WORKS_FOR]->(o:Organisation) | [w.k, o.name]]"


def _statement(kind: PartyKind) -> str:
    label, post, org_kind = _LABELS[kind]
    employers = _EMPLOYERS if kind is PartyKind.PERSON else "[]"
    return _PARTIES.format(label=label, post=post, kind=org_kind, employers=employers)


def _in_order(pairs: Sequence[Sequence[Any]]) -> list[Any]:
    """The second items of ``[seq, item, ...]`` pairs by ``seq``, each once."""
    return list(dict.fromkeys(p[1] for p in sorted(pairs, key=lambda p: p[0])))


def _first_month(text: str | None, last: int) -> int:
    """The month number a due period starts in, read from its written text (the server keeps
    only its end's); ``last`` when the text gives none."""
    start = period_of_text(text).start if text else None
    return month_of(start) if start is not None else last


def _party(kind: PartyKind, row: Mapping[str, Any]) -> PartyRow:
    counted = {p[1]: p for p in row["counted"]}  # an action counted once, whatever its roles
    employers = sorted(row["employers"], key=lambda e: e[0] if e[0] is not None else -1)
    return PartyRow(
        kind=kind,
        ref=row["ref"],
        name=row["name"] or None,
        post=row["post"],
        organisation=employers[0][1] if employers else None,
        actions=_in_order(row["actions"]),
        by_role=dict(zip([r.value for r in OwnerRole], row["by_role"], strict=True)),
        counted=len(counted),
        due_months=[p[2] for p in counted.values() if p[2] is not None],
        due_firsts=[_first_month(p[3], p[2]) for p in counted.values() if p[2] is not None],
        priorities=_in_order(row["priorities"]),
        critical=_in_order(row["critical"]),
    )


def _finding_owners(
    owned: Sequence[Mapping[str, Any]], tree: Sequence[Mapping[str, Any]]
) -> list[FindingOwners]:
    """Every finding to cover, in document order, with the owners of its addressing actions
    (``owned`` rows; none when it has no row) and its parent (``tree`` rows)."""
    owners = {r["ref"]: sorted({o for found in r["owners"] for o in found}) for r in owned}
    return [FindingOwners(r["ref"], owners.get(r["ref"], []), r["parent"]) for r in tree]


def server_overload_rows(
    store: Neo4jStore,
    plans: Sequence[str],
    *,
    count_roles: Collection[str] = DEFAULT_RULE.count_roles,
    critical: Mapping[str, Collection[str]] | None = None,
) -> dict[str, OverloadRows]:
    """The :class:`~queries.overload.rows.OverloadRows` of each of ``plans`` (held), counting
    ``count_roles``, with the owners of the actions ``critical`` names per plan (refs), from
    six Cypher statements run in one read transaction."""
    critical = critical or {}
    params = {
        "plans": list(plans),
        "closed": [Status.COMPLETE.value, Status.CANCELLED.value],
        "cancelled": Status.CANCELLED.value,
        "strength": FindingKind.STRENGTH.value,
        "answerable": sorted(r.value for r in ANSWERABLE),
        "roles": [r.value for r in OwnerRole],
        "counting": list(count_roles),
        "critical": [uid(p, NodeKind.ACTION, ref) for p in plans for ref in critical.get(p, ())],
    }
    kinds = list(PartyKind)
    statements = [(_statement(k), params) for k in kinds]
    statements += [(_FINDINGS, params), (_TREE, params), (_PLANS, params)]
    *parties, findings, tree, totals = store.read(statements)
    party_rows = {k: rows_by_plan(rows, plans) for k, rows in zip(kinds, parties, strict=True)}
    finding_rows = rows_by_plan(findings, plans)
    tree_rows = rows_by_plan(tree, plans)
    plan_rows = {row["plan"]: row for row in totals}
    found = {}
    for plan in plans:
        org_kinds = {
            r["ref"]: r["organisation_kind"] for r in party_rows[PartyKind.ORGANISATION][plan]
        }
        by_org = dict.fromkeys(org_kinds, 0)
        by_kind: dict[str, int] = {}
        unattributed = 0
        head = plan_rows.get(plan, {})
        for orgs in head.get("attributed", []):
            if orgs is None:  # a cancelled action
                continue
            here = {o for o in orgs if o is not None}
            for org in here:
                by_org[org] += 1
            for kind in {org_kinds[o] for o in here}:
                by_kind[kind] = by_kind.get(kind, 0) + 1
            unattributed += not here
        names = {r["ref"]: r["name"] for r in party_rows[PartyKind.ORGANISATION][plan]}
        found[plan] = OverloadRows(
            plan=plan,
            count_roles=tuple(count_roles),
            total_open=head.get("total_open", 0),
            unowned_open=_in_order([u for u in head.get("unowned", []) if u is not None]),
            parties=[_party(k, row) for k in kinds for row in party_rows[k][plan]],
            findings=_finding_owners(finding_rows[plan], tree_rows[plan]),
            attribution=Attribution(
                actions=head.get("actions", 0),
                by_organisation=[(o, names[o], org_kinds[o], n) for o, n in by_org.items()],
                by_kind=by_kind,
                unattributed=unattributed,
            ),
        )
    return found


def server_overload(
    store: Neo4jStore,
    plans: Sequence[str],
    *,
    rule: OverloadRule = DEFAULT_RULE,
    critical: Mapping[str, Collection[str]] | None = None,
) -> dict[str, OverloadReport]:
    """:func:`queries.overload.overload` of each of ``plans`` (held: see
    :meth:`~graphmodel.stores.bolt.Neo4jStore.require`), the counting done by Cypher on the
    server (:func:`server_overload_rows`); ``critical`` maps a plan to its critical path."""
    rows = server_overload_rows(store, plans, count_roles=rule.count_roles, critical=critical)
    return {p: overload_of(rows[p], rule) for p in plans}
