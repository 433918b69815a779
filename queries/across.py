"""Questions across every plan a database holds, answered by Cypher on the server.

* :func:`overload_across` -- each person's and organisation's open actions over every plan.
  The same person in two plans is two nodes; they are matched by a **stable identity**: the
  email where a plan gives one (``email:jo@nhs.net``), else the name and the organisation's
  name (``name:jo bloggs|nhs wirral icb``), else, for a post with no named holder, the post
  and the organisation (``post:...``); organisations by name. Case and outer spaces are
  ignored. The matches are listed, with the names as each plan writes them, for a human to
  confirm: a rule can join two people who share a name and an employer, and miss a person
  whose organisation is written two ways.
* :func:`coverage_across` -- one row per plan: findings covered, partial and uncovered, and
  the covered percent (:func:`queries.coverage.coverage`'s rules).
* :data:`QUERIES` -- named cross-plan questions (``actiongraph neo4j query NAME``), each one
  Cypher statement.

Old versions kept by ``neo4j push --keep-versions`` are not plans here: only the current
version of each plan counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphmodel.serialise import JsonResult
from queries.cypher import coverages_on_server

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
    "run_query",
]

_CLOSED = ["complete", "cancelled"]

_PERSON_IDENTITY = """
WITH x, [(x)-[:WORKS_FOR]->(o:Organisation) | o.name][0] AS org
WITH x, org,
     CASE WHEN coalesce(trim(x.email), '') <> '' THEN 'email:' + toLower(trim(x.email))
          WHEN x.name IS NOT NULL
          THEN 'name:' + toLower(trim(x.name)) + '|' + toLower(trim(coalesce(org, '')))
          ELSE 'post:' + toLower(trim(x.post)) + '|' + toLower(trim(coalesce(org, '')))
     END AS identity
"""

_LOADS = (
    """
UNWIND $plans AS plan
MATCH (a:Action {plan: plan})-[:OWNED_BY]->(x:Person)
WHERE NOT coalesce(a.status_value, '') IN $closed
WITH x, collect(DISTINCT [a.seq, a.ref]) AS open
"""
    + _PERSON_IDENTITY.replace("WITH x, ", "WITH x, open, ")
    + """
WITH identity, collect([x.plan, x.ref, coalesce(x.name, x.post), org, x.email, open]) AS records,
     collect(DISTINCT x.plan) AS plans
WHERE size(plans) >= $min_plans
RETURN identity, 'person' AS kind, records
UNION ALL
UNWIND $plans AS plan
MATCH (a:Action {plan: plan})-[:OWNED_BY]->(x:Organisation)
WHERE NOT coalesce(a.status_value, '') IN $closed
WITH x, collect(DISTINCT [a.seq, a.ref]) AS open
WITH 'org:' + toLower(trim(x.name)) AS identity, x, open
WITH identity, collect([x.plan, x.ref, x.name, null, null, open]) AS records,
     collect(DISTINCT x.plan) AS plans
WHERE size(plans) >= $min_plans
RETURN identity, 'organisation' AS kind, records
"""
)
"""Per identity, the plans' records of the parties with open actions (one row per answer)."""


@dataclass(frozen=True)
class PartyInPlan:
    """One plan's record of a person or organisation: as that plan writes it."""

    plan: str
    ref: str
    name: str
    organisation: str | None
    email: str | None
    open_actions: int
    actions: list[str]


@dataclass(frozen=True)
class AcrossLoad(JsonResult):
    """A person or organisation matched across plans by ``identity``; ``matched_by`` says by
    what (email, name and organisation, post and organisation, organisation name)."""

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
    """The ids of the plans in the database, old versions left out."""
    return [p.id for p in store.plans()]


@dataclass(frozen=True)
class Across(JsonResult):
    """The answer to a cross-plan question: the plans asked about and the rows."""

    question: str
    plans: list[str]
    rows: list[Any]
    """Dataclasses or plain dicts (a named query's records)."""


def overload_across(store: Neo4jStore, *, min_plans: int = 1) -> Across:
    """Every person and organisation with open actions, matched across every plan; those in
    at least ``min_plans`` plans (a plan counts where the party has open actions), most
    open actions first, then by name (rows of
    :class:`AcrossLoad`)."""
    plans = current_plans(store)
    params = {"plans": plans, "closed": _CLOSED, "min_plans": min_plans}
    (rows,) = store.read([(_LOADS, params)])
    found = []
    for row in rows:
        records = sorted(row["records"], key=lambda r: (r[0], r[1]))
        in_plans = [
            PartyInPlan(
                plan=plan,
                ref=ref,
                name=name,
                organisation=org,
                email=email,
                open_actions=len(open_),
                actions=[a for _, a in sorted(open_, key=lambda a: a[0])],
            )
            for plan, ref, name, org, email, open_ in records
        ]
        identity = row["identity"]
        found.append(
            AcrossLoad(
                identity=identity,
                kind=row["kind"],
                matched_by=_MATCHED_BY[identity.partition(":")[0]],
                name=max((p.name for p in in_plans), key=lambda n: (len(n), n)),
                open_actions=sum(p.open_actions for p in in_plans),
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
"""
            + _PERSON_IDENTITY
            + """
WITH identity, x, [(x)<-[:OWNED_BY]-(a:Action) | a] AS owned
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
