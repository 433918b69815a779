"""Questions across every plan a database holds, answered by Cypher on the server.

* :func:`overload_across` -- each person's and organisation's open actions over every plan.
  The same person in two plans is two nodes; they are matched by a **stable identity**
  (:func:`graphmodel.parties.identity_of`: the email where a plan gives one, else the name
  and the organisation's name, else the post and the organisation; organisations by name),
  worked out when each plan is pushed. The matches are listed, with the names as each plan
  writes them, for a human to confirm: a rule can join two people who share a name and an
  employer, and miss a person whose organisation is written two ways.
* :func:`coverage_across` -- one row per plan: findings covered, partial and uncovered, and
  the covered percent (:func:`queries.coverage.coverage`'s rules).
* :func:`rules_across` -- one row per plan: the plan rules it breaks and how often
  (:func:`queries.rules.plan_rule_violations`'s rules).
* :data:`QUERIES` -- named cross-plan questions (``actiongraph neo4j query NAME``), each one
  Cypher statement.

Old versions kept by ``neo4j push --keep-versions`` are not plans here: only the current
version of each plan counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from graphmodel.errors import UsageError
from graphmodel.serialise import JsonResult
from queries.cypher import coverages_on_server, rules_on_server_of
from queries.rules import PlanRules

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = [
    "QUERIES",
    "Across",
    "AcrossLoad",
    "NamedQuery",
    "PartyInPlan",
    "PlanCoverage",
    "coverage_across",
    "overload_across",
    "rules_across",
    "run_query",
]

_CLOSED = ["complete", "cancelled"]


def _loads(label: str) -> str:
    """The records of the parties of ``label`` with open actions in the current plans, in
    one row. Each party's identity and open actions were worked out when its plan was pushed
    (:data:`graphmodel.stores.codec.PARTY_DERIVED`), so the server reads a few thousand party
    nodes through the ``plan`` index, not every ownership of every plan; grouping them by
    identity here is quicker than on the server (measured at 100 plans on ArcadeDB: 0.05 s
    against 0.09 s)."""
    return f"""
MATCH (p:Plan) WHERE p.version_of IS NULL
WITH p.plan AS plan
MATCH (x:{label} {{plan: plan}}) WHERE x.q_open IS NOT NULL
RETURN collect([x.q_identity, x.plan, x.ref, coalesce(x.name, x.post), x.q_org, x.email,
                x.q_open]) AS found
"""


_PLANS = """
MATCH (p:Plan) WHERE p.version_of IS NULL
RETURN p.ref AS id, coalesce(p.q_parties, false) AS parties ORDER BY id
"""
"""The current plans, and whether each was pushed with its parties' derived properties."""


@dataclass(slots=True)
class PartyInPlan:
    """One plan's record of a person or organisation: as that plan writes it.

    Not frozen, unlike the other typed results: thousands are made per question, and a frozen
    dataclass takes four times as long to make (1.8 against 0.4 us, measured)."""

    plan: str
    ref: str
    name: str
    organisation: str | None
    email: str | None
    open_actions: int
    actions: list[str]


@dataclass(slots=True)
class AcrossLoad(JsonResult):
    """A person or organisation matched across plans by ``identity``; ``matched_by`` says by
    what (email, name and organisation, post and organisation, organisation name). Not
    frozen, as :class:`PartyInPlan`."""

    identity: str
    kind: str
    matched_by: str
    name: str
    open_actions: int
    plans: list[PartyInPlan]


_MATCHED_BY = {
    "email": "email",
    "name": "name and organisation",
    "post": "post and organisation",
    "org": "organisation name",
}


def current_plans(store: Neo4jStore) -> list[str]:
    """The ids of the plans in the database, old versions left out, in order. Raises
    :class:`~graphmodel.errors.UsageError` naming plans pushed by a version of actiongraph
    that did not write what the questions across plans read (push them again)."""
    (rows,) = store.read([(_PLANS, {})])
    return _current(store, rows)


def _current(store: Neo4jStore, rows: list[dict[str, Any]]) -> list[str]:
    """:func:`current_plans` from the rows of :data:`_PLANS`."""
    older = [r["id"] for r in rows if not r["parties"]]
    if older:
        raise UsageError(
            f"{len(older)} plan(s) in the {store.settings.where} were pushed by an older "
            f"actiongraph that did not record who owns their open actions: {older[:5]}"
            + (" ..." if len(older) > 5 else "")
            + "; push each again (actiongraph neo4j push PLAN), then ask again"
        )
    return [r["id"] for r in rows]


@dataclass(frozen=True)
class Across(JsonResult):
    """The answer to a cross-plan question: the plans asked about and the rows."""

    question: str
    plans: list[str]
    rows: list[Any]
    """Dataclasses or plain dicts (a named query's records)."""


_PLAN_REF = itemgetter(1, 2)


def overload_across(store: Neo4jStore, *, min_plans: int = 1) -> Across:
    """Every person and organisation with open actions, matched across every plan; those in
    at least ``min_plans`` plans (a plan counts where the party has open actions), most
    open actions first, then by name (rows of
    :class:`AcrossLoad`)."""
    heads, people, organisations = store.read(  # one transaction: one version of the database
        [(_PLANS, {}), (_loads("Person"), {}), (_loads("Organisation"), {})]
    )
    plans = _current(store, heads)
    # 3,630 parties at 100 plans: the grouping is kept lean (one pass, most parties in one
    # plan taking the short way), as it is most of this question's time in the client
    grouped: dict[tuple[str, str], list[list[Any]]] = {}
    for kind, rows in (("person", people), ("organisation", organisations)):
        for record in rows[0]["found"] if rows else ():
            key = (kind, record[0])
            bucket = grouped.get(key)
            if bucket is None:
                grouped[key] = [record]
            else:
                bucket.append(record)
    found = []
    for (kind, identity), records in grouped.items():
        if len(records) > 1:
            records.sort(key=_PLAN_REF)
            if len({record[1] for record in records}) < min_plans:
                continue
        elif min_plans > 1:
            continue
        in_plans = [
            PartyInPlan(plan, ref, name, org, email, len(open_), open_)
            for _, plan, ref, name, org, email, open_ in records
        ]
        first = in_plans[0]
        found.append(
            AcrossLoad(
                identity=identity,
                kind=kind,
                matched_by=_MATCHED_BY[identity.partition(":")[0]],
                name=first.name
                if len(in_plans) == 1
                else max((p.name for p in in_plans), key=lambda n: (len(n), n)),
                open_actions=first.open_actions
                if len(in_plans) == 1
                else sum(p.open_actions for p in in_plans),
                plans=in_plans,
            )
        )
    found.sort(key=lambda a: (-a.open_actions, -len(a.plans), a.name.casefold(), a.identity))
    return Across("overload", plans, found)


@dataclass(frozen=True)
class PlanCoverage:
    """One plan's coverage in a row."""

    plan: str
    findings: int
    covered: int
    partial: int
    uncovered: int
    covered_percent: float | None


def coverage_across(store: Neo4jStore) -> Across:
    """The coverage of every plan in the database, one row each (:class:`PlanCoverage`), by
    plan id."""
    plans = current_plans(store)
    rows = []
    for plan, report in coverages_on_server(store, plans).items():
        counts = {s.value: n for s, n in report.counts().items()}
        rows.append(
            PlanCoverage(
                plan=plan,
                findings=len(report.findings),
                covered=counts["covered"],
                partial=counts["partial"],
                uncovered=counts["uncovered"],
                covered_percent=report.covered_percent,
            )
        )
    return Across("coverage", plans, rows)


def rules_across(store: Neo4jStore, *, as_of: date | None = None) -> Across:
    """The plan rules of every plan in the database (:class:`~queries.rules.PlanRules` each,
    counted per rule), by plan id; ``as_of`` enables the dated rules."""
    plans = current_plans(store)
    found = rules_on_server_of(store, plans, as_of=as_of)
    return Across("rules", plans, [PlanRules(p, as_of, found[p]) for p in plans])


@dataclass(frozen=True)
class NamedQuery:
    """A cross-plan question: what it answers, its columns, its Cypher (takes ``$plans``)."""

    name: str
    question: str
    columns: tuple[str, ...]
    cypher: str


QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        NamedQuery(
            "people-in-several-plans",
            "People (matched by email, else name and organisation) who own actions in more "
            "than one plan, with their open actions in all of them.",
            ("identity", "name", "plans", "actions", "open_actions"),
            """
MATCH (x:Person) WHERE x.plan IN $plans
WITH x.q_identity AS identity, x, [(x)<-[:OWNED_BY]-(a:Action) | a] AS owned
WHERE size(owned) > 0
WITH identity, collect(DISTINCT x.plan) AS plans, collect(coalesce(x.name, x.post)) AS names,
     sum(size(owned)) AS actions,
     sum(size([a IN owned WHERE NOT coalesce(a.status_value, '') IN $closed])) AS open_actions
WHERE size(plans) > 1
RETURN identity, names[0] AS name, size(plans) AS plans, actions, open_actions
ORDER BY plans DESC, open_actions DESC, identity
""",
        ),
        NamedQuery(
            "organisations-in-most-plans",
            "Organisations by the number of plans naming them (by name, ignoring case), with "
            "the actions they own directly across those plans.",
            ("organisation", "plans", "actions"),
            """
MATCH (o:Organisation) WHERE o.plan IN $plans
WITH toLower(trim(o.name)) AS key, o
WITH key, collect(o.name)[0] AS organisation, collect(DISTINCT o.plan) AS plans,
     sum(size([(o)<-[:OWNED_BY]-(a:Action) | a])) AS actions
RETURN organisation, size(plans) AS plans, actions
ORDER BY plans DESC, actions DESC, key
""",
        ),
        NamedQuery(
            "unowned-open-actions",
            "Per plan, the open actions nobody owns.",
            ("plan", "open_actions", "unowned"),
            """
MATCH (a:Action) WHERE a.plan IN $plans AND NOT coalesce(a.status_value, '') IN $closed
WITH a.plan AS plan, a, size([(a)-[:OWNED_BY]->(x) | x]) AS owners
RETURN plan, count(a) AS open_actions, sum(CASE WHEN owners = 0 THEN 1 ELSE 0 END) AS unowned
ORDER BY unowned DESC, plan
""",
        ),
        NamedQuery(
            "actions-by-status",
            "Per plan, how many actions have each normalised status (none: no status given).",
            ("plan", "status", "actions"),
            """
MATCH (a:Action) WHERE a.plan IN $plans
RETURN a.plan AS plan, coalesce(a.status_value, 'none') AS status, count(a) AS actions
ORDER BY plan, actions DESC, status
""",
        ),
    )
}
"""The named cross-plan questions of ``actiongraph neo4j query NAME`` (README, Neo4j)."""


def run_query(store: Neo4jStore, name: str) -> Across:
    """The rows of :data:`QUERIES` ``name`` over every plan in the database (dicts in its
    columns' order). Raises KeyError for an unknown name."""
    query = QUERIES[name]
    plans = current_plans(store)
    (rows,) = store.read([(query.cypher, {"plans": plans, "closed": _CLOSED})])
    return Across(name, plans, [{c: row[c] for c in query.columns} for row in rows])
