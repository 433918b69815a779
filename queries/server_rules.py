"""The plan rules answered by Cypher on the database, for one plan or many at once.

The server does the joins and returns one row per priority (whether anyone sponsors and
leads it), per action (its dates and status as stored, whether it has an answerable owner and
any owner, whether an action it depends on is still open, its milestones' dates and status)
and per measure lacking a baseline or a target: the :class:`~queries.rules.RuleRows` the
in-memory rules gather from a graph. :func:`~queries.rules.rule_violations_of`, the very
function the in-memory rules end in, turns them into violations, so every rule exists once;
the stored periods and statuses become the model's own values through the codec
(:func:`graphmodel.stores.codec.decoded`), so a rule compares the same dates.

Every statement takes ``$plans``, a list of plan ids unwound into lookups of the ``plan``
index, so one round of three statements answers a hundred plans as cheaply as one. Only
standard Cypher that Neo4j 5 runs (pattern comprehensions, ``any``, ``coalesce``); every
pattern starts from the node already matched (see :mod:`queries.server_reporting`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from graphmodel.schema import NodeKind
from graphmodel.statuses import Status
from graphmodel.stores.codec import JSON_FIELDS, decoded
from queries.links import ANSWERABLE
from queries.rules import ActionRow, RuleRows, RuleViolation, rule_violations_of
from queries.server_rows import rows_by_plan

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["server_rule_rows", "server_rules"]

_STATE = ("due", "start", "status", "status_value", "status_date")
"""The attributes of an action or milestone the status rules read (with ``ref``)."""

_PRIORITIES = """
UNWIND $plans AS plan
MATCH (n:Priority {plan: plan})
RETURN n.plan AS plan, n.seq AS seq, n.ref AS ref, n.title AS title,
       size([(n)<-[:SPONSORS]-(x) | x]) > 0 AS sponsored,
       size([(n)<-[:LEADS]-(x) | x]) > 0 AS led
"""

_ACTIONS = """
UNWIND $plans AS plan
MATCH (a:Action {plan: plan})
WITH a, [(a)-[r:OWNED_BY]->(x) | r.role] AS roles,
     [(a)-[:DEPENDS_ON]->(b:Action) | coalesce(b.status_value, '')] AS prerequisites
RETURN a.plan AS plan, a.seq AS seq, a.ref AS ref, a.json_fields AS json_fields,
       a.due AS due, a.start AS start, a.status AS status, a.status_value AS status_value,
       a.status_date AS status_date,
       any(role IN roles WHERE role IN $answerable) AS answerable, size(roles) > 0 AS owned,
       any(s IN prerequisites WHERE NOT s IN $closed) AS waits_on_open,
       [(a)<-[:PART_OF]-(m:Milestone) |
        [m.seq, m.ref, m.json_fields, m.due, m.status, m.status_value, m.status_date]]
        AS milestones
"""

_MEASURES = """
UNWIND $plans AS plan
MATCH (m:Measure {plan: plan})
WITH m, coalesce(m.baseline, '') <> '' AS baseline, coalesce(m.target, '') <> '' AS target
WHERE NOT (baseline AND target)
RETURN m.plan AS plan, m.ref AS ref, m.seq AS seq, baseline, target
"""


def _action(row: dict[str, Any]) -> ActionRow:
    data = decoded(NodeKind.ACTION, {k: row[k] for k in ("ref", JSON_FIELDS, *_STATE)})
    status = data["status_value"]
    waiting = status is Status.WAITING and not row["waits_on_open"]
    milestones = [
        decoded(
            NodeKind.MILESTONE,
            {
                "ref": ref,
                JSON_FIELDS: as_json,
                "due": due,
                "start": None,
                "status": text,
                "status_value": value,
                "status_date": stated,
            },
        )
        for _, ref, as_json, due, text, value, stated in sorted(row["milestones"])
    ]
    return ActionRow(
        data,
        answerable=row["answerable"],
        owned=row["owned"],
        not_started=status is Status.NOT_STARTED or waiting,
        milestones=milestones,
    )


def server_rule_rows(store: Neo4jStore, plans: Sequence[str]) -> dict[str, RuleRows]:
    """The :class:`~queries.rules.RuleRows` of each of ``plans`` (held: see
    :meth:`~graphmodel.stores.bolt.Neo4jStore.require`), from three Cypher statements run in
    one read transaction."""
    params = {
        "plans": list(plans),
        "answerable": sorted(r.value for r in ANSWERABLE),
        "closed": [Status.COMPLETE.value, Status.CANCELLED.value],
    }
    priorities, actions, measures = (
        rows_by_plan(rows, plans)
        for rows in store.read([(q, params) for q in (_PRIORITIES, _ACTIONS, _MEASURES)])
    )
    return {
        p: RuleRows(
            plan=p,
            priorities=[(r["ref"], r["title"], r["sponsored"], r["led"]) for r in priorities[p]],
            actions=[_action(r) for r in actions[p]],
            measures=[(r["ref"], r["baseline"], r["target"]) for r in measures[p]],
        )
        for p in plans
    }


def server_rules(
    store: Neo4jStore,
    plans: Sequence[str],
    *,
    as_of: date | None = None,
    skip: Collection[str] = (),
) -> dict[str, list[RuleViolation]]:
    """:func:`queries.rules.plan_rule_violations` of each of ``plans`` (held), the joins done
    by Cypher on the server (:func:`server_rule_rows`)."""
    rows = server_rule_rows(store, plans)
    return {p: rule_violations_of(rows[p], as_of=as_of, skip=skip) for p in plans}
