"""The questions answered on a Neo4j database: the same typed results as in memory.

Coverage, overload and the plan rules are **Cypher run on the server**, a few statements per
question, each answering for one plan or for many at once (``$plans``) and returning only the
answer's rows (:mod:`queries.server_coverage`, :mod:`queries.server_overload`). The client
keeps what Cypher cannot do exactly, and says so: the post-order over the finding tree with
cycles cut, rounding halves up, the busiest three-month window, Python's case-folded sort and
the messages' wording -- with the very helpers the in-memory questions use.

The **critical path** (and overdue actions) reads the dependency subgraph -- actions,
milestones, ``DEPENDS_ON`` and ``PART_OF`` -- and works out the forward pass in the client:
a longest path through a DAG with period arithmetic is not Cypher. **Reporting chains** read
the governance subgraph (priorities, boards, parties and the reporting, membership, sponsor
and lead relationships, a few dozen nodes per plan) and enumerate routes and reporting cycles
in the client, for the same reason. What those two read is :data:`READS`.

``tests/test_neo4j_parity.py`` checks every answer equals the in-memory one, on every example,
on many plans in one database and on generated plans.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from graphmodel.model import FindingKind
from graphmodel.schema import EdgeKind, NodeKind
from queries.audit import AuditReport, _failures
from queries.config import AuditConfig
from queries.coverage import CoverageReport
from queries.critical_path import CriticalPath, critical_path, overdue
from queries.overload import OverloadReport, OverloadRule
from queries.reporting import Chain, Governance, chain, governance
from queries.server_coverage import coverage_rows, rules_rows
from queries.server_overload import overload_rows

if TYPE_CHECKING:
    import networkx as nx

    from graphmodel.stores.bolt import Neo4jStore

__all__ = [
    "READS",
    "Reads",
    "audit_on_server",
    "audits_on_server",
    "chain_on_server",
    "coverage_on_server",
    "critical_path_on_server",
    "governance_on_server",
    "overload_on_server",
]

_K, _E = NodeKind, EdgeKind
_DATES = ("start", "due", "status_value", "status_date")
_PARTIES: dict[NodeKind, tuple[str, ...]] = {
    _K.PERSON: ("name", "post"),
    _K.ORGANISATION: ("name", "organisation_kind"),
    _K.BOARD: ("name", "cadence"),
}


@dataclass(frozen=True)
class Reads:
    """What one question reads: node kinds with the properties it looks at, and the
    relationship types among them."""

    fields: dict[NodeKind, tuple[str, ...]]
    edges: tuple[EdgeKind, ...]

    def args(
        self,
    ) -> tuple[tuple[NodeKind, ...], tuple[EdgeKind, ...], dict[NodeKind, tuple[str, ...]]]:
        """What :meth:`Neo4jStore.graph` and :meth:`Neo4jStore.graphs` take after the plan."""
        return tuple(self.fields), self.edges, self.fields

    def graph(self, store: Neo4jStore, plan: str) -> nx.MultiDiGraph:
        return store.graph(plan, *self.args())


READS: dict[str, Reads] = {
    "critical_path": Reads(
        {_K.PLAN: ("published",), _K.ACTION: _DATES, _K.MILESTONE: _DATES},
        (_E.DEPENDS_ON, _E.PART_OF),
    ),
    "critical_path_to": Reads(
        {
            _K.PLAN: ("published",),
            _K.FINDING: ("finding_kind",),
            _K.PRIORITY: (),
            _K.OBJECTIVE: (),
            _K.ACTION: _DATES,
            _K.MILESTONE: _DATES,
        },
        (_E.DEPENDS_ON, _E.PART_OF, _E.ADDRESSES),
    ),
    "governance": Reads(
        {_K.PLAN: (), _K.PRIORITY: ("title",), **_PARTIES},
        (_E.REPORTS_TO, _E.MEMBER_OF, _E.SPONSORS, _E.LEADS),
    ),
    "chain": Reads(
        {
            _K.PLAN: (),
            _K.PRIORITY: ("title",),
            _K.OBJECTIVE: ("text",),
            _K.ACTION: ("text",),
            **_PARTIES,
        },
        (_E.REPORTS_TO, _E.MEMBER_OF, _E.SPONSORS, _E.LEADS, _E.OWNED_BY, _E.PART_OF),
    ),
}
"""What the questions computed in the client read; ``tests/test_neo4j_parity.py`` fails if one
reads too little."""


def coverage_on_server(store: Neo4jStore, plan: str) -> CoverageReport:
    """:func:`queries.coverage.coverage` of ``plan``, by Cypher on the server."""
    store.require([plan])
    return coverage_rows(store, [plan])[plan]


def critical_path_on_server(store: Neo4jStore, plan: str, *, to: str | None = None) -> CriticalPath:
    """:func:`queries.critical_path.critical_path`: the dependency network is read with
    Cypher (actions, milestones, ``DEPENDS_ON`` and ``PART_OF``) and the longest path worked
    out client-side by the in-memory code."""
    reads = READS["critical_path" if to is None else "critical_path_to"]
    return critical_path(reads.graph(store, plan), plan, to=to)


def overload_on_server(
    store: Neo4jStore,
    plan: str,
    *,
    rule: OverloadRule | None = None,
    critical: Collection[str] | None = None,
) -> OverloadReport:
    """:func:`queries.overload.overload` of ``plan``, by Cypher on the server."""
    store.require([plan])
    found = overload_rows(
        store, [plan], rule=rule or OverloadRule(), critical={plan: critical or ()}
    )
    return found[plan]


def governance_on_server(store: Neo4jStore, plan: str) -> Governance:
    """:func:`queries.reporting.governance` of ``plan``: its governance subgraph read with
    Cypher, routes and cycles worked out client-side."""
    return governance(READS["governance"].graph(store, plan), plan)


def chain_on_server(store: Neo4jStore, plan: str, node: str) -> Chain:
    """:func:`queries.reporting.chain` from ``node`` of ``plan`` in the database."""
    return chain(READS["chain"].graph(store, plan), node, plan)


_COUNTS = """
MATCH (p:Plan) WHERE p.plan IN $plans
RETURN p.plan AS plan, 'area' AS what, p.area AS text, p.title AS title, 0 AS n
UNION ALL
MATCH (f:Finding) WHERE f.plan IN $plans
RETURN f.plan AS plan, f.finding_kind = $strength AS what, null AS text, null AS title,
       count(f) AS n
UNION ALL
MATCH (a:Action) WHERE a.plan IN $plans
RETURN a.plan AS plan, 'actions' AS what, null AS text, null AS title, count(a) AS n
UNION ALL
MATCH (x:Person) WHERE x.plan IN $plans
RETURN x.plan AS plan, 'people' AS what, null AS text, null AS title, count(x) AS n
"""


def audit_on_server(
    store: Neo4jStore,
    plan: str,
    *,
    config: AuditConfig | None = None,
    as_of: date | None = None,
) -> AuditReport:
    """:func:`queries.audit.audit` of ``plan`` in the database (see :func:`audits_on_server`)."""
    return audits_on_server(store, [plan], config=config, as_of=as_of)[0]


def audits_on_server(
    store: Neo4jStore,
    plans: Sequence[str],
    *,
    config: AuditConfig | None = None,
    as_of: date | None = None,
) -> list[AuditReport]:
    """:func:`queries.audit.audit` of each of ``plans``, equal to the in-memory reports:
    coverage, overload and the rules by Cypher on the server, one round of statements for all
    the plans; the critical path, overdue actions and the reporting chains from the
    subgraphs they need (:data:`READS`), read for all the plans at once and worked out here.
    Raises :class:`~graphmodel.stores.settings.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    config = config or AuditConfig()
    rule = config.overload_rule()
    store.require(ids)
    nets = store.graphs(ids, *READS["critical_path"].args())
    boards = store.graphs(ids, *READS["governance"].args())
    paths = {p: critical_path(nets[p], p) for p in ids}
    covs = coverage_rows(store, ids)
    loads = overload_rows(store, ids, rule=rule, critical={p: paths[p].path for p in ids})
    rules = rules_rows(store, ids, as_of=as_of, skip=config.skip_rules)
    (counts,) = store.read([(_COUNTS, {"plans": ids, "strength": FindingKind.STRENGTH.value})])
    head: dict[str, dict[str, Any]] = {p: {"findings": 0, "strengths": 0} for p in ids}
    for row in counts:
        what = row["what"]
        if what == "area":
            head[row["plan"]] |= {"area": row["text"], "title": row["title"]}
        elif isinstance(what, bool):
            head[row["plan"]]["strengths" if what else "findings"] += row["n"]
        else:
            head[row["plan"]][what] = row["n"]
    found = {}
    for p in ids:
        gov = governance(boards[p], p)
        found[p] = AuditReport(
            plan=p,
            area=head[p]["area"],
            title=head[p]["title"],
            findings=head[p]["findings"],
            strengths=head[p]["strengths"],
            actions=head[p].get("actions", 0),
            people=head[p].get("people", 0),
            coverage=covs[p],
            critical_path=paths[p],
            overload=loads[p],
            reporting=gov,
            rules=rules[p],
            overdue=overdue(nets[p], p, as_of=as_of) if as_of is not None else None,
            config=config,
            failures=_failures(config.fail_on, covs[p], paths[p], loads[p], gov, rules[p]),
            as_of=as_of,
        )
    return [found[p] for p in plans]
