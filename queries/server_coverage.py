"""Coverage and the plan rules answered by Cypher on the database, for one plan or many at once.

The server does the joins and the tests: for every action, the findings it addresses and
through which link (direct, its objective's, its priority's -- :mod:`queries.links`), whether
it has an answerable owner, a due period and a measure; the findings with their parents; the
measures lacking a baseline or a target; the rule violations. What stays in the client is the
shaping that Cypher cannot do exactly: the post-order over the finding tree with cycles cut
where found (:func:`queries.coverage.tree_verdicts`, the same code as in memory), the
percentages, and document order (every row carries its node's ``seq``).

Every statement takes ``$plans``, a list of plan ids, so one round of queries answers a
national database's hundred plans as cheaply as one. Only standard Cypher that Neo4j 5 runs:
pattern and list comprehensions, ``CASE``, ``coalesce`` -- no procedures.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from graphmodel.model import FindingKind
from graphmodel.schema import NodeKind
from queries.coverage import (
    REQUIREMENTS,
    CoverageReport,
    FindingCoverage,
    MeasureGap,
    PriorityCoverage,
    _percent,
    tree_verdicts,
)
from queries.links import Link
from queries.rules import Rule, RuleViolation

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["ADDRESSING", "ANSWERABLE", "coverage_rows", "rules_rows"]

ANSWERABLE = ["responsible", "accountable"]

ADDRESSING = """
MATCH (a:Action) WHERE a.plan IN $plans
WITH a, [(a)-[:PART_OF]->(x) | x] AS up
WITH a, [x IN up WHERE x:Objective][0] AS o, [x IN up WHERE x:Priority][0] AS pd
WITH a, o, CASE WHEN pd IS NOT NULL THEN pd WHEN o IS NULL THEN null
                ELSE [(o)-[:PART_OF]->(x:Priority) | x][0] END AS p
WITH a, o, p, [(a)-[:ADDRESSES]->(f:Finding) | f] AS direct,
     CASE WHEN o IS NULL THEN [] ELSE [(o)-[:ADDRESSES]->(f:Finding) | f] END AS via_o,
     CASE WHEN p IS NULL THEN [] ELSE [(p)-[:ADDRESSES]->(f:Finding) | f] END AS via_p
WITH a, o, p,
     CASE WHEN size(direct) > 0 THEN 'direct' WHEN size(via_o) > 0 THEN 'objective'
          WHEN p IS NOT NULL THEN 'priority' END AS link,
     CASE WHEN size(direct) > 0 THEN direct WHEN size(via_o) > 0 THEN via_o ELSE via_p END AS fs
"""
"""Every action of ``$plans`` with its objective ``o``, priority ``p`` and the findings ``fs``
it addresses through ``link`` (the rules of :func:`queries.links.finding_actions`)."""

_ACTIONS = (
    ADDRESSING
    + """
RETURN a.plan AS plan, a.ref AS ref, a.seq AS seq, a.status_value AS status, link,
       [f IN fs | f.ref] AS findings, p.ref AS priority,
       any(role IN [(a)-[r:OWNED_BY]->() | r.role] WHERE role IN $answerable) AS owner,
       coalesce(a.q_has_due, false) AS due,
       (size([(a)-[:MEASURED_BY]->(m) | m]) > 0
        OR (o IS NOT NULL AND size([(o)-[:MEASURED_BY]->(m) | m]) > 0)
        OR (p IS NOT NULL AND size([(p)-[:MEASURED_BY]->(m) | m]) > 0)) AS measure
"""
)

_FINDINGS = """
MATCH (f:Finding) WHERE f.plan IN $plans
RETURN f.plan AS plan, f.ref AS ref, f.seq AS seq, f.finding_kind AS kind, f.text AS text,
       [(f)-[:PART_OF]->(parent:Finding) | parent.ref] AS parents
"""

_PRIORITIES = """
MATCH (p:Priority) WHERE p.plan IN $plans
RETURN p.plan AS plan, p.ref AS ref, p.seq AS seq, p.title AS title,
       size([(p)<-[:SPONSORS]-(x) | x]) > 0 AS sponsored,
       size([(p)<-[:LEADS]-(x) | x]) > 0 AS led
"""

_MEASURES = """
MATCH (m:Measure) WHERE m.plan IN $plans
  AND (coalesce(m.baseline, '') = '' OR coalesce(m.target, '') = '')
RETURN m.plan AS plan, m.ref AS ref, m.seq AS seq, m.text AS text,
       m.baseline IS NULL AS no_baseline, m.target IS NULL AS no_target,
       coalesce(m.baseline, '') = '' AS empty_baseline, coalesce(m.target, '') = '' AS empty_target
"""

_RULE_ACTIONS = """
MATCH (a:Action) WHERE a.plan IN $plans AND coalesce(a.status_value, '') <> 'cancelled'
WITH a, [(a)-[r:OWNED_BY]->() | r.role] AS roles, coalesce(a.q_has_due, false) AS due
WITH a, roles, any(role IN roles WHERE role IN $answerable) AS owned, due
WITH a, roles, owned, due,
     due AND $as_of IS NOT NULL AND a.q_due_end < $as_of AND a.status_value IN $stale AS stale
WHERE NOT owned OR NOT due OR stale
RETURN a.plan AS plan, a.ref AS ref, a.seq AS seq, owned, due, stale,
       size(roles) > 0 AS involved, a.q_due_text AS due_text,
       a.q_due_end AS due_end, a.status AS status
"""


def _by_plan(rows: list[dict[str, Any]], plans: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by their ``plan`` column, each group in document order (``seq``)."""
    grouped: dict[str, list[dict[str, Any]]] = {p: [] for p in plans}
    for row in rows:
        grouped[row["plan"]].append(row)
    for group in grouped.values():
        group.sort(key=lambda r: r["seq"])
    return grouped


def coverage_rows(store: Neo4jStore, plans: list[str]) -> dict[str, CoverageReport]:
    """:func:`queries.coverage.coverage` of each of ``plans``, from four Cypher statements."""
    params = {"plans": plans, "answerable": ANSWERABLE}
    findings, actions, priorities, measures = (
        _by_plan(rows, plans)
        for rows in store.read(
            [(_FINDINGS, params), (_ACTIONS, params), (_PRIORITIES, params), (_MEASURES, params)]
        )
    )
    return {p: _coverage(p, findings[p], actions[p], priorities[p], measures[p]) for p in plans}


def _coverage(
    plan: str,
    finding_rows: list[dict[str, Any]],
    action_rows: list[dict[str, Any]],
    priority_rows: list[dict[str, Any]],
    measure_rows: list[dict[str, Any]],
) -> CoverageReport:
    strength = FindingKind.STRENGTH.value
    found = {r["ref"]: r for r in finding_rows if r["kind"] != strength}
    findings = list(found)
    children: dict[str, list[str]] = {f: [] for f in findings}
    for f in findings:
        for parent in found[f]["parents"]:
            if parent in children:
                children[parent].append(f)

    live: dict[str, dict[str, Link]] = {f: {} for f in findings}
    cancelled: dict[str, list[str]] = {f: [] for f in findings}
    served: dict[str, list[str]] = {}
    lacks: dict[str, list[str]] = {}
    for a in action_rows:
        met = {"owner": a["owner"], "due": a["due"], "measure": a["measure"]}
        lacks[a["ref"]] = [r for r in REQUIREMENTS if not met[r]]
        for f in dict.fromkeys(a["findings"]):
            if f not in found:
                continue
            if a["status"] == "cancelled":
                cancelled[f].append(a["ref"])
            else:
                live[f][a["ref"]] = Link(a["link"])
                served.setdefault(a["ref"], []).append(f)

    verdict = tree_verdicts(findings, children, {f: [lacks[a] for a in live[f]] for f in findings})
    results = [
        FindingCoverage(
            ref=f,
            kind=FindingKind(found[f]["kind"]),
            text=str(found[f]["text"]),
            status=verdict[f][0],
            actions=list(live[f]),
            links=dict(live[f]),
            missing=verdict[f][1],
            children=children[f],
            plan=plan,
            cancelled=list(dict.fromkeys(cancelled[f])),
        )
        for f in findings
    ]
    covered = {f for f in findings if verdict[f][0].value == "covered"}
    scope: dict[str, set[str]] = {r["ref"]: set() for r in priority_rows}
    for a in action_rows:
        if a["ref"] in served and a["priority"] in scope:
            scope[a["priority"]].update(served[a["ref"]])
    return CoverageReport(
        plan=plan,
        findings=results,
        covered_percent=_percent(len(covered), len(findings)),
        priorities=[
            PriorityCoverage(
                ref=r["ref"],
                title=str(r["title"]),
                findings=len(scope[r["ref"]]),
                covered=len(scope[r["ref"]] & covered),
                percent=_percent(len(scope[r["ref"]] & covered), len(scope[r["ref"]])),
            )
            for r in priority_rows
        ],
        scope_drift=[
            a["ref"] for a in action_rows if a["ref"] not in served and a["status"] != "cancelled"
        ],
        measure_gaps=[
            MeasureGap(
                ref=m["ref"],
                text=str(m["text"]),
                missing=[k for k in ("baseline", "target") if m[f"no_{k}"]],
            )
            for m in measure_rows
            if m["no_baseline"] or m["no_target"]
        ],
    )


_STALE = ["on_track", "not_started", "waiting"]


def rules_rows(
    store: Neo4jStore,
    plans: list[str],
    *,
    as_of: date | None = None,
    skip: frozenset[str] | set[str] = frozenset(),
) -> dict[str, list[RuleViolation]]:
    """:func:`queries.rules.plan_rule_violations` of each of ``plans``: the server finds the
    priorities, actions and measures that break a rule; the messages are written here."""
    params = {
        "plans": plans,
        "answerable": ANSWERABLE,
        "as_of": as_of.isoformat() if as_of else None,
        "stale": _STALE,
    }
    priorities, actions, measures = (
        _by_plan(rows, plans)
        for rows in store.read(
            [
                (_PRIORITIES, {"plans": plans}),
                (_RULE_ACTIONS, params),
                (_MEASURES, {"plans": plans}),
            ]
        )
    )
    found: dict[str, list[RuleViolation]] = {}
    for plan in plans:
        out: list[RuleViolation] = []

        def add(rule: Rule, kind: NodeKind, ref: str, message: str) -> None:
            if rule.value not in skip:
                out.append(RuleViolation(rule, kind, ref, message))  # noqa: B023

        for p in priorities[plan]:
            ref, title = p["ref"], p["title"]
            if not p["sponsored"]:
                add(
                    Rule.PRIORITY_SPONSOR,
                    NodeKind.PRIORITY,
                    ref,
                    f"priority {ref} ({title}) has no sponsor",
                )
            if not p["led"]:
                add(
                    Rule.PRIORITY_LEAD,
                    NodeKind.PRIORITY,
                    ref,
                    f"priority {ref} ({title}) has no lead",
                )
        for a in actions[plan]:
            ref = a["ref"]
            if not a["owned"]:
                involved = " (only parties involved)" if a["involved"] else ""
                add(Rule.ACTION_OWNER, NodeKind.ACTION, ref, f"action {ref} has no owner{involved}")
            if not a["due"]:
                text = a["due_text"]
                written = f" (written '{text}')" if text is not None else ""
                add(
                    Rule.ACTION_DUE,
                    NodeKind.ACTION,
                    ref,
                    f"action {ref} has no due period{written}",
                )
            elif a["stale"]:
                add(
                    Rule.ACTION_STALE_STATUS,
                    NodeKind.ACTION,
                    ref,
                    f"action {ref} is rated '{a['status']}' but was due {a['due_text']} "
                    f"(ended {a['due_end']}), before {as_of.isoformat() if as_of else ''}",
                )
        for m in measures[plan]:
            if m["empty_baseline"]:
                add(
                    Rule.MEASURE_BASELINE,
                    NodeKind.MEASURE,
                    m["ref"],
                    f"measure {m['ref']} has no baseline",
                )
            if m["empty_target"]:
                add(
                    Rule.MEASURE_TARGET,
                    NodeKind.MEASURE,
                    m["ref"],
                    f"measure {m['ref']} has no target",
                )
        found[plan] = out
    return found
