"""Coverage answered by Cypher on the database, for one plan or many at once.

The server does the joins and the tests and returns one row per finding, action, priority
and measure with a gap: for every action, the findings it addresses and through which link
(direct, its objective's, its priority's -- the rules of :func:`queries.links.finding_actions`),
its priority, whether it is cancelled and which of an answerable owner, a due period and a
measure it lacks; for every finding, its parent findings. Those rows are the
:class:`~queries.coverage.CoverageRows` that the in-memory question gathers from a graph, and
the one function :func:`~queries.coverage.coverage_of` turns them into the report, so every
rule of coverage (the parent rule, what a finding lacks, why it is uncovered, derived
findings, findings handled by another plan) exists once.

Every statement takes ``$plans``, a list of plan ids, so one round of four queries answers a
hundred plans as cheaply as one. Only standard Cypher that Neo4j 5 runs: pattern and list
comprehensions, ``CASE``, ``coalesce`` -- no procedures. A due period is the ``q_has_due``
property the codec derives with :func:`queries.links.due_period`'s rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphmodel.model import Basis, FindingKind, said
from graphmodel.statuses import Status
from queries.coverage import (
    REQUIREMENTS,
    ActionRow,
    CoverageReport,
    CoverageRows,
    FindingRow,
    MeasureGap,
    coverage_of,
)
from queries.links import ANSWERABLE, Link
from queries.server_rows import rows_by_plan

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["server_coverage"]

_ACTIONS = """
MATCH (a:Action) WHERE a.plan IN $plans
WITH a, [(a)-[:PART_OF]->(x) | x] AS up
WITH a, [x IN up WHERE x:Objective][0] AS o, [x IN up WHERE x:Priority][0] AS pd
WITH a, o, CASE WHEN pd IS NOT NULL THEN pd WHEN o IS NULL THEN null
                ELSE [(o)-[:PART_OF]->(x:Priority) | x][0] END AS p
WITH a, o, p, [(a)-[r:ADDRESSES]->(f:Finding) | [f.ref, r.basis, r.reason]] AS direct,
     CASE WHEN o IS NULL THEN []
          ELSE [(o)-[r:ADDRESSES]->(f:Finding) | [f.ref, r.basis, r.reason]] END AS via_o,
     CASE WHEN p IS NULL THEN []
          ELSE [(p)-[r:ADDRESSES]->(f:Finding) | [f.ref, r.basis, r.reason]] END AS via_p
RETURN a.plan AS plan, a.ref AS ref, a.seq AS seq,
       coalesce(a.status_value, '') = $cancelled AS cancelled,
       CASE WHEN size(direct) > 0 THEN 'direct' WHEN size(via_o) > 0 THEN 'objective'
            WHEN p IS NOT NULL THEN 'priority' END AS link,
       CASE WHEN size(direct) > 0 THEN direct WHEN size(via_o) > 0 THEN via_o
            ELSE via_p END AS findings,
       p.ref AS priority,
       any(role IN [(a)-[r:OWNED_BY]->() | r.role] WHERE role IN $answerable) AS owner,
       coalesce(a.q_has_due, false) AS due,
       (size([(a)-[:MEASURED_BY]->(m) | m]) > 0
        OR (o IS NOT NULL AND size([(o)-[:MEASURED_BY]->(m) | m]) > 0)
        OR (p IS NOT NULL AND size([(p)-[:MEASURED_BY]->(m) | m]) > 0)) AS measure
"""

_FINDINGS = """
MATCH (f:Finding) WHERE f.plan IN $plans
RETURN f.plan AS plan, f.ref AS ref, f.seq AS seq, f.finding_kind AS kind, f.text AS text,
       coalesce(f.derived, false) AS derived, f.handled_by AS handled_by,
       [(f)-[r:PART_OF]->(parent:Finding) | [r.k, parent.ref]] AS parents
"""

_PRIORITIES = """
MATCH (p:Priority) WHERE p.plan IN $plans
RETURN p.plan AS plan, p.ref AS ref, p.seq AS seq, p.title AS title
"""

_MEASURES = """
MATCH (m:Measure) WHERE m.plan IN $plans AND (m.baseline IS NULL OR m.target IS NULL)
RETURN m.plan AS plan, m.ref AS ref, m.seq AS seq, m.text AS text,
       m.baseline IS NULL AS no_baseline, m.target IS NULL AS no_target
"""


def _action(row: dict[str, Any]) -> ActionRow:
    met = {"owner": row["owner"], "due": row["due"], "measure": row["measure"]}
    inferred: dict[str, str] = {}
    for ref, basis, reason in row["findings"]:
        if basis == Basis.INFERRED.value:
            inferred.setdefault(ref, reason or "")
    return ActionRow(
        ref=row["ref"],
        cancelled=row["cancelled"],
        link=None if row["link"] is None else Link(row["link"]),
        findings=list(dict.fromkeys(ref for ref, _, _ in row["findings"])),
        priority=row["priority"],
        lacks=[r for r in REQUIREMENTS if not met[r]],
        inferred=inferred,
    )


def _finding(row: dict[str, Any]) -> FindingRow:
    return FindingRow(
        ref=row["ref"],
        kind=FindingKind(row["kind"]),
        text=row["text"],
        parents=[ref for _, ref in sorted(row["parents"], key=lambda kr: kr[0])],
        derived=bool(row["derived"]),
        handled_by=said(row["handled_by"]),
    )


def _gap(row: dict[str, Any]) -> MeasureGap:
    missing = [k for k in ("baseline", "target") if row[f"no_{k}"]]
    return MeasureGap(ref=row["ref"], text=row["text"], missing=missing)


def server_coverage(store: Neo4jStore, plans: list[str]) -> dict[str, CoverageReport]:
    """:func:`queries.coverage.coverage` of each of ``plans`` (held: see
    :meth:`~graphmodel.stores.bolt.Neo4jStore.require`), from four Cypher statements."""
    params = {
        "plans": plans,
        "answerable": sorted(r.value for r in ANSWERABLE),
        "cancelled": Status.CANCELLED.value,
    }
    findings, actions, priorities, measures = (
        rows_by_plan(rows, plans)
        for rows in store.read([(q, params) for q in (_FINDINGS, _ACTIONS, _PRIORITIES, _MEASURES)])
    )
    return {
        p: coverage_of(
            CoverageRows(
                plan=p,
                findings=[_finding(r) for r in findings[p]],
                actions=[_action(r) for r in actions[p]],
                priorities=[(r["ref"], r["title"]) for r in priorities[p]],
                measure_gaps=[_gap(r) for r in measures[p]],
            )
        )
        for p in plans
    }
