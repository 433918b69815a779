"""The questions answered on a Neo4j database: the same typed results as in memory.

**Coverage** is Cypher on the server (:mod:`queries.server_coverage`): four statements for all
the plans asked about return one row per finding, action, priority and measure gap -- the
joins, links and tests done by the database -- and :func:`queries.coverage.coverage_of`, the
very function the in-memory question ends in, turns the rows into the report, so the rules of
coverage exist once.

The other questions read, with Cypher, only the part of the plans they need -- the node kinds
and relationship types they look at, through the indexed ``plan`` property, one query per
label for all the plans at once -- and hand each plan's subgraph to the function that answers
the question in memory (:func:`queries.overload.overload`,
:func:`queries.critical_path.critical_path`, :func:`queries.reporting.governance`,
:func:`queries.reporting.chain`); the audit reads the whole plan, as the plan rules look at
every kind of node (:func:`queries.rules.plan_rule_violations`). What each reads is
:data:`READS`. Why not in Cypher: the critical path is a longest path through a DAG with
period arithmetic, the reporting routes every simple path with cadence latencies; overload by
role (how roles count, the busiest three-month window, attribution to organisations) and the
status rules (overdue but on track, complete without a date, late start, unknown) would exist
twice, in Python and in Cypher, and drift -- an earlier version had them in Cypher and they no
longer agreed once the in-memory rules changed. The questions across plans
(:mod:`queries.across`) are Cypher on the server.

``tests/test_neo4j_parity.py`` checks every answer equals the in-memory one, on every example,
on many plans in one database and on generated plans.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from graphmodel.schema import EdgeKind, NodeKind
from queries.audit import AuditReport, audit
from queries.config import AuditConfig
from queries.coverage import CoverageReport
from queries.critical_path import CriticalPath, critical_path
from queries.overload import OverloadReport, OverloadRule
from queries.overload.rule import DEFAULT_RULE
from queries.overload.server import server_overload
from queries.reporting import Chain, Governance, chain, governance
from queries.server_coverage import server_coverage

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
    "coverages_on_server",
    "critical_path_on_server",
    "governance_on_server",
    "overload_on_server",
]

_K, _E = NodeKind, EdgeKind
_DATES = ("start", "due", "status_value", "status_date")
_TIMED = (*_DATES, "text")  # the critical-path table shows each step's text
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
    "overload": Reads(
        {
            _K.PLAN: (),
            _K.FINDING: ("finding_kind",),
            _K.PRIORITY: ("title",),
            _K.OBJECTIVE: (),
            _K.ACTION: _DATES,
            _K.MILESTONE: _DATES,
            **_PARTIES,
        },
        (_E.ADDRESSES, _E.PART_OF, _E.OWNED_BY, _E.DEPENDS_ON, _E.WORKS_FOR),
    ),
    "critical_path": Reads(
        {_K.PLAN: ("published",), _K.ACTION: _TIMED, _K.MILESTONE: _TIMED},
        (_E.DEPENDS_ON, _E.PART_OF),
    ),
    "critical_path_to": Reads(
        {
            _K.PLAN: ("published",),
            _K.FINDING: ("finding_kind",),
            _K.PRIORITY: (),
            _K.OBJECTIVE: (),
            _K.ACTION: _TIMED,
            _K.MILESTONE: _TIMED,
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
"""Per question, what it reads; ``tests/test_neo4j_parity.py`` fails if one reads too little.
The plan rules look at every kind of node, so they read the whole plan."""


def coverage_on_server(store: Neo4jStore, plan: str) -> CoverageReport:
    """:func:`queries.coverage.coverage` of ``plan`` in the database."""
    return coverages_on_server(store, [plan])[plan]


def coverages_on_server(store: Neo4jStore, plans: Sequence[str]) -> dict[str, CoverageReport]:
    """:func:`queries.coverage.coverage` of each of ``plans``, by Cypher on the server
    (:mod:`queries.server_coverage`: four statements for all the plans, answer rows only).
    Raises :class:`~graphmodel.stores.settings.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    store.require(ids)
    return server_coverage(store, ids)


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
    """:func:`queries.overload.overload` of ``plan`` in the database, counted by Cypher on the
    server (:mod:`queries.overload.server`: five statements, answer rows only)."""
    store.require([plan])
    found = server_overload(
        store, [plan], rule=rule or DEFAULT_RULE, critical={plan: critical or ()}
    )
    return found[plan]


def governance_on_server(store: Neo4jStore, plan: str) -> Governance:
    """:func:`queries.reporting.governance` of ``plan``: its governance subgraph read with
    Cypher, routes and cycles worked out client-side."""
    return governance(READS["governance"].graph(store, plan), plan)


def chain_on_server(store: Neo4jStore, plan: str, node: str) -> Chain:
    """:func:`queries.reporting.chain` from ``node`` of ``plan`` in the database."""
    return chain(READS["chain"].graph(store, plan), node, plan)


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
    """:func:`queries.audit.audit` of each of ``plans``, equal to the in-memory reports. The
    plan rules look at every kind of node, so the audit reads the whole of each plan -- one
    query per label for all of ``plans`` at once -- and runs the in-memory audit on it.
    Versions kept in the database are not compared (``audit --history`` on files does that).
    Raises :class:`~graphmodel.stores.settings.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    wholes = store.graphs(ids)
    found = {p: audit(wholes[p], p, config=config, as_of=as_of) for p in ids}
    return [found[p] for p in plans]
