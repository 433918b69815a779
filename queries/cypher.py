"""The questions answered on a Neo4j database: the same typed results as in memory.

**Coverage** and **overload** are Cypher on the server (:mod:`queries.server_coverage`,
:mod:`queries.overload.server`): a few statements for all the plans asked about return only the
rows the pure end of the in-memory question needs -- the joins, links, tests and counts done by
the database -- and that one function (:func:`queries.coverage.coverage_of`,
:func:`queries.overload.overload_of`) turns them into the report, so their rules exist once.

The **critical path** reads, with Cypher, only the dependency subgraph (:data:`READS`: actions,
milestones, ``DEPENDS_ON`` and ``PART_OF``, one query per label for the plan) and works out the
longest path client-side with :func:`queries.critical_path.critical_path`: a longest path
through a DAG with period arithmetic is not expressible in Neo4j 5 Cypher without vendor
procedures. The **reporting chains** are Cypher on the server too
(:mod:`queries.server_reporting`): two statements return each board's and priority's row
(name, cadence, chair, sponsor and leads, the boards it reports to), one more the start of a
chain, and :func:`queries.reporting.governance_of` works out the routes from them. So are the
**plan rules** (:mod:`queries.server_rules`: one row per priority, action and measure, ending
in :func:`queries.rules.rule_violations_of`). The questions across plans
(:mod:`queries.across`) are Cypher on the server.

The **audit** reads the whole of each plan (one query per label and one per label's
relationships for all the plans at once) and runs :func:`queries.audit.audit` on it: composed
from the questions' own Cypher answers it measured slower on ArcadeDB (coverage, overload
and the critical path's subgraph alone take longer than reading the plans whole; see
``docs/performance.md``), and one graph lets the audit compose its questions as in memory.

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
from queries.reporting import Chain, Governance
from queries.rules import RuleViolation
from queries.server_coverage import server_coverage
from queries.server_reporting import server_chain, server_governance
from queries.server_rules import server_rules

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
    "governances_on_server",
    "overload_on_server",
    "rules_on_server",
    "rules_on_server_of",
]

_K, _E = NodeKind, EdgeKind
_DATES = ("start", "due", "status_value", "status_date")
_TIMED = (*_DATES, "text")  # the critical-path table shows each step's text


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
}
"""Per question, what it reads; ``tests/test_neo4j_parity.py`` fails if one reads too little.
The plan rules look at every kind of node, so they read the whole plan."""


def coverage_on_server(store: Neo4jStore, plan: str) -> CoverageReport:
    """:func:`queries.coverage.coverage` of ``plan`` in the database."""
    return coverages_on_server(store, [plan])[plan]


def coverages_on_server(store: Neo4jStore, plans: Sequence[str]) -> dict[str, CoverageReport]:
    """:func:`queries.coverage.coverage` of each of ``plans``, by Cypher on the server
    (:mod:`queries.server_coverage`: four statements for all the plans, answer rows only).
    Raises :class:`~graphmodel.errors.PlanNotFound` naming plans not held."""
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
    """:func:`queries.reporting.governance` of ``plan`` in the database."""
    return governances_on_server(store, [plan])[plan]


def governances_on_server(store: Neo4jStore, plans: Sequence[str]) -> dict[str, Governance]:
    """:func:`queries.reporting.governance` of each of ``plans``, from Cypher on the server
    (:mod:`queries.server_reporting`: two statements for all the plans, one row per board and
    priority). Raises :class:`~graphmodel.errors.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    store.require(ids)
    return server_governance(store, ids)


def chain_on_server(store: Neo4jStore, plan: str, node: str) -> Chain:
    """:func:`queries.reporting.chain` from ``node`` (a ref, or ``kind:ref``) in ``plan``,
    from one round of Cypher on the server (:mod:`queries.server_reporting`). Raises
    :class:`~graphmodel.errors.PlanNotFound` if the plan is not held, and the same
    :class:`~graphmodel.errors.UsageError` as in memory for a ref naming several kinds of node
    or none."""
    store.require([plan])
    return server_chain(store, plan, node)


def rules_on_server(
    store: Neo4jStore, plan: str, *, as_of: date | None = None, skip: Collection[str] = ()
) -> list[RuleViolation]:
    """:func:`queries.rules.plan_rule_violations` of ``plan`` in the database."""
    return rules_on_server_of(store, [plan], as_of=as_of, skip=skip)[plan]


def rules_on_server_of(
    store: Neo4jStore,
    plans: Sequence[str],
    *,
    as_of: date | None = None,
    skip: Collection[str] = (),
) -> dict[str, list[RuleViolation]]:
    """:func:`queries.rules.plan_rule_violations` of each of ``plans``, from Cypher on the
    server (:mod:`queries.server_rules`: three statements for all the plans, one row per
    priority, action and measure with a gap). Raises
    :class:`~graphmodel.errors.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    store.require(ids)
    return server_rules(store, ids, as_of=as_of, skip=skip)


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
    audit reads the whole of each plan -- one query per label for all of ``plans`` at once --
    and runs the in-memory audit on it (see the module).
    Versions kept in the database are not compared (``audit --history`` on files does that).
    Raises :class:`~graphmodel.errors.PlanNotFound` naming plans not held."""
    ids = list(dict.fromkeys(plans))
    wholes = store.graphs(ids)
    found = {p: audit(wholes[p], p, config=config, as_of=as_of) for p in ids}
    return [found[p] for p in plans]
