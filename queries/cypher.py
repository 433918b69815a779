"""The questions answered on a Neo4j database: the same typed results as in memory.

Each function reads, with Cypher, only the part of the plan its question needs -- the node
kinds and relationship types it looks at, through the indexed ``plan`` property, one query
per label -- and hands it to the very function that answers the question in memory
(:func:`queries.coverage.coverage`, :func:`queries.critical_path.critical_path`, ...), so
both backends share one implementation and give identical answers; ``tests/test_neo4j_parity.py``
checks that on every example and on generated plans.

Why not the whole question in Cypher: the critical path is a longest path through a DAG
with period arithmetic, which no Cypher (nor any procedure ArcadeDB offers) computes;
coverage, overload and reporting chains have rules (links through objectives and priorities,
finding trees, cadence latencies, cycles cut where found) that would exist twice, in Python
and in Cypher, and drift. Reading the minimum with Cypher and computing in one place keeps
networkx the reference. What each question reads is :data:`READS`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from graphmodel.schema import EdgeKind, NodeKind
from queries.audit import AuditReport, audit
from queries.config import AuditConfig
from queries.coverage import CoverageReport, coverage
from queries.critical_path import CriticalPath, critical_path
from queries.overload import OverloadReport, OverloadRule, overload
from queries.reporting import Chain, Governance, chain, governance

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = [
    "READS",
    "audit_on_server",
    "chain_on_server",
    "coverage_on_server",
    "critical_path_on_server",
    "governance_on_server",
    "overload_on_server",
]

_K, _E = NodeKind, EdgeKind
_PARTIES = (_K.PERSON, _K.ORGANISATION, _K.BOARD)

READS: dict[str, tuple[tuple[NodeKind, ...], tuple[EdgeKind, ...] | None]] = {
    "coverage": (
        (_K.PLAN, _K.FINDING, _K.PRIORITY, _K.OBJECTIVE, _K.ACTION, _K.MEASURE, *_PARTIES),
        (_E.ADDRESSES, _E.PART_OF, _E.OWNED_BY, _E.MEASURED_BY),
    ),
    "critical_path": ((_K.PLAN, _K.ACTION, _K.MILESTONE), (_E.DEPENDS_ON, _E.PART_OF)),
    "critical_path_to": (
        (_K.PLAN, _K.FINDING, _K.PRIORITY, _K.OBJECTIVE, _K.ACTION, _K.MILESTONE),
        (_E.DEPENDS_ON, _E.PART_OF, _E.ADDRESSES),
    ),
    "overload": (
        (_K.PLAN, _K.FINDING, _K.PRIORITY, _K.OBJECTIVE, _K.ACTION, _K.MILESTONE, *_PARTIES),
        (_E.ADDRESSES, _E.PART_OF, _E.OWNED_BY, _E.DEPENDS_ON, _E.WORKS_FOR),
    ),
    "governance": (
        (_K.PLAN, _K.PRIORITY, *_PARTIES),
        (_E.REPORTS_TO, _E.MEMBER_OF, _E.SPONSORS, _E.LEADS),
    ),
    "chain": (
        (_K.PLAN, _K.PRIORITY, _K.OBJECTIVE, _K.ACTION, *_PARTIES),
        (_E.REPORTS_TO, _E.MEMBER_OF, _E.SPONSORS, _E.LEADS, _E.OWNED_BY, _E.PART_OF),
    ),
}
"""Per question: the node kinds read and the relationship types among them (None: all)."""


def coverage_on_server(store: Neo4jStore, plan: str) -> CoverageReport:
    """:func:`queries.coverage.coverage` of ``plan`` in the database."""
    return coverage(store.graph(plan, *READS["coverage"]), plan)


def critical_path_on_server(store: Neo4jStore, plan: str, *, to: str | None = None) -> CriticalPath:
    """:func:`queries.critical_path.critical_path`: the dependency network is read with
    Cypher (actions, milestones, ``DEPENDS_ON`` and ``PART_OF``) and the longest path worked
    out client-side by the in-memory code."""
    reads = READS["critical_path" if to is None else "critical_path_to"]
    return critical_path(store.graph(plan, *reads), plan, to=to)


def overload_on_server(
    store: Neo4jStore,
    plan: str,
    *,
    rule: OverloadRule | None = None,
    critical: Collection[str] | None = None,
) -> OverloadReport:
    """:func:`queries.overload.overload` of ``plan`` in the database."""
    graph = store.graph(plan, *READS["overload"])
    return overload(graph, plan, rule=rule or OverloadRule(), critical=critical)


def governance_on_server(store: Neo4jStore, plan: str) -> Governance:
    """:func:`queries.reporting.governance` of ``plan`` in the database."""
    return governance(store.graph(plan, *READS["governance"]), plan)


def chain_on_server(store: Neo4jStore, plan: str, node: str) -> Chain:
    """:func:`queries.reporting.chain` from ``node`` of ``plan`` in the database."""
    return chain(store.graph(plan, *READS["chain"]), node, plan)


def audit_on_server(
    store: Neo4jStore,
    plan: str,
    *,
    config: AuditConfig | None = None,
    as_of: date | None = None,
) -> AuditReport:
    """:func:`queries.audit.audit` of ``plan`` in the database. The plan rules look at
    every kind of node, so the audit reads the whole plan (still one query per label)."""
    return audit(store.graph(plan), plan, config=config, as_of=as_of)
