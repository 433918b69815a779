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
networkx the reference. What each question reads -- node kinds, the properties of each it
looks at (seldom the plan's text), relationship types -- is :data:`READS`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
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
    import networkx as nx

    from graphmodel.stores.bolt import Neo4jStore

__all__ = [
    "READS",
    "Reads",
    "audit_on_server",
    "chain_on_server",
    "coverage_on_server",
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

    def graph(self, store: Neo4jStore, plan: str) -> nx.MultiDiGraph:
        return store.graph(plan, tuple(self.fields), self.edges, self.fields)


READS: dict[str, Reads] = {
    "coverage": Reads(
        {
            _K.PLAN: (),
            _K.FINDING: ("text", "finding_kind", "derived", "handled_by"),
            _K.PRIORITY: ("title",),
            _K.OBJECTIVE: (),
            _K.ACTION: _DATES,
            _K.MEASURE: ("text", "baseline", "target"),
            **dict.fromkeys(_PARTIES, ()),
        },
        (_E.ADDRESSES, _E.PART_OF, _E.OWNED_BY, _E.MEASURED_BY),
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
"""Per question, what it reads; ``tests/test_neo4j_parity.py`` fails if one reads too little."""


def coverage_on_server(store: Neo4jStore, plan: str) -> CoverageReport:
    """:func:`queries.coverage.coverage` of ``plan`` in the database."""
    return coverage(READS["coverage"].graph(store, plan), plan)


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
    """:func:`queries.overload.overload` of ``plan`` in the database."""
    graph = READS["overload"].graph(store, plan)
    return overload(graph, plan, rule=rule or OverloadRule(), critical=critical)


def governance_on_server(store: Neo4jStore, plan: str) -> Governance:
    """:func:`queries.reporting.governance` of ``plan`` in the database."""
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
    """:func:`queries.audit.audit` of ``plan`` in the database. The plan rules look at
    every kind of node, so the audit reads the whole plan (still one query per label)."""
    return audit(store.graph(plan), plan, config=config, as_of=as_of)
