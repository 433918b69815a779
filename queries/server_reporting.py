"""Reporting chains answered by Cypher on the database, for one plan or many at once.

The server does the joins and returns one row per board (its name, cadence, chair and
deputy chair, the boards it reports to) and per priority (its title, sponsor and leads, its
boards): the :class:`~queries.reporting.ReportingRows` that the in-memory question gathers from
a graph. A chain from an action, person or organisation adds that node's row: an action's owners and
priority (its own, else its objective's), a party's priorities (sponsored, led, and those of
the actions it owns) and boards; an action in no priority adds, in a second round, the rows of
the people and organisations that own it, through whom it reports. The routes up, the reporting
cycles, the latency and the tree are worked out from those rows by
:func:`~queries.reporting.governance_of` and :func:`~queries.reporting.chain_of`, the very
functions the in-memory question ends in, so every rule of reporting exists once. Listing every
route in Cypher (a variable-length path) would repeat the shared part of the routes of every
board below a board reporting to two, which the client's memo computes once (see
:mod:`queries.reporting`), and a route must stop at the first board of a reporting cycle, which
a variable-length pattern cannot say.

Every statement about a plan's boards and priorities takes ``$plans``, a list of plan ids
unwound into lookups of the ``plan`` index, so one round of two statements answers a hundred
plans as cheaply as one. Only standard Cypher that Neo4j 5 runs: pattern comprehensions with
``WHERE``, ``UNWIND`` -- no procedures. Orders are those of the graph: a list's position ``i``,
then a relationship's position ``k`` among its node's out-relationships (as the codec writes
them), and a node's ``seq`` in document order. Every pattern starts from the node already
matched, ``(n)<-[r]-(x)`` rather than ``(x)-[r]->(n)``: ArcadeDB 26.10 reads the second by
scanning every node for ``x`` (30 plans: 2.7 s against 0.01 s for the boards' chairs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graphmodel.model import MemberRole
from graphmodel.parties import name_of
from graphmodel.schema import NodeKind, split_node_id
from graphmodel.stores.codec import decoded, uid
from queries.reporting import (
    Chain,
    Governance,
    Key,
    ReportingRows,
    Step,
    Unit,
    chain_of,
    governance_of,
    labels_of,
    owner_starts,
    parse_start,
    pick_start,
    start_by_name,
)
from queries.server_rows import ACTION_PRIORITY, rows_by_plan

if TYPE_CHECKING:
    from graphmodel.stores.bolt import Neo4jStore

__all__ = ["server_chain", "server_governance"]

_NAME_KEYS = ("name", "post", "title", "text", "ref")


def _named(x: str) -> str:
    """The properties :func:`~graphmodel.parties.name_of` reads, as a list."""
    return "[" + ", ".join(f"{x}.{k}" for k in _NAME_KEYS) + "]"


_UP = "[(n)-[r:REPORTS_TO]->(u:Board) | [r.i, r.k, u.ref]] AS up"

_BOARDS = f"""
UNWIND $plans AS plan
MATCH (n:Board {{plan: plan}})
RETURN n.plan AS plan, n.seq AS seq, n.ref AS ref, {_named("n")} AS named, n.cadence AS cadence,
       [(n)<-[r:MEMBER_OF]-(x) WHERE r.role IN $chairs |
        [r.role, r.i, x.uid, {_named("x")}]] AS chairs,
       {_UP}
"""

_PRIORITIES = f"""
UNWIND $plans AS plan
MATCH (n:Priority {{plan: plan}})
RETURN n.plan AS plan, n.seq AS seq, n.ref AS ref, {_named("n")} AS named,
       [(n)<-[r:SPONSORS]-(x) | [r.i, x.uid, {_named("x")}]] AS sponsors,
       [(n)<-[r:LEADS]-(x) | [r.i, x.uid, {_named("x")}]] AS leads,
       {_UP}
"""

_PRIORITY_OF = f"{ACTION_PRIORITY} AS priority"

_STARTS = {
    NodeKind.BOARD: ["MATCH (n:Board {uid: $uid}) RETURN n.ref AS ref"],
    NodeKind.PRIORITY: ["MATCH (n:Priority {uid: $uid}) RETURN n.ref AS ref"],
    NodeKind.ACTION: [
        f"""
MATCH (a:Action {{uid: $uid}})
RETURN a.ref AS ref, {_named("a")} AS named,
       [(a)-[r:OWNED_BY]->(x) | [r.i, r.k, {_named("x")}]] AS owners,
       [(a)-[r:OWNED_BY]->(x) | [r.i, r.k, x.uid]] AS owner_uids,
       {_PRIORITY_OF}
"""
    ],
    **{
        kind: [
            f"""
MATCH (x:{kind.label} {{uid: $uid}})
RETURN x.ref AS ref, {_named("x")} AS named,
       [(x)-[r:SPONSORS]->(p:Priority) | [r.i, r.k, p.ref]] AS sponsors,
       [(x)-[r:LEADS]->(p:Priority) | [r.i, r.k, p.ref]] AS leads,
       [(x)-[r:MEMBER_OF]->(b:Board) | [r.i, r.k, b.ref]] AS boards
""",
            f"""
MATCH (x:{kind.label} {{uid: $uid}})<-[:OWNED_BY]-(a:Action)
RETURN a.seq AS seq, {_PRIORITY_OF}
""",
        ]
        for kind in (NodeKind.PERSON, NodeKind.ORGANISATION)
    },
}
"""Per kind a chain may start at, the statements that find the start (no row: not held) and
read what its :class:`~queries.reporting.Unit` needs (a party's second statement: the
priorities of the actions it owns, one row per ownership)."""

_REFS = "MATCH (n:{label} {{plan: $plan}}) RETURN n.ref AS ref ORDER BY n.seq"


def _name(named: Sequence[Any]) -> str:
    return name_of(dict(zip(_NAME_KEYS, named, strict=True)))


def _ordered(items: Sequence[Sequence[Any]]) -> list[Any]:
    """The last item of each ``[i, k, ..., item]`` by position ``(i, k)``."""
    return [item[-1] for item in sorted(items, key=lambda item: (item[0], item[1]))]


def _people(found: Sequence[Sequence[Any]]) -> list[str]:
    """Names of ``[i, uid, named]`` in the order of :func:`queries.reporting` (``i``, node)."""
    return [_name(named) for _, _, named in sorted(found, key=lambda f: (f[0], f[1]))]


def _board(row: dict[str, Any]) -> Unit:
    chairs = [(i, u, named) for role, i, u, named in row["chairs"] if role == MemberRole.CHAIR]
    deputies = [(i, u, n) for role, i, u, n in row["chairs"] if role == MemberRole.DEPUTY_CHAIR]
    chair, deputy = _people(chairs), _people(deputies)
    step = Step(
        NodeKind.BOARD,
        row["ref"],
        _name(row["named"]),
        chair=chair[0] if chair else None,
        deputy_chair=deputy[0] if deputy else None,
        cadence=row["cadence"] or None,
    )
    return Unit(step, tuple((NodeKind.BOARD, ref) for ref in _ordered(row["up"])))


def _priority_unit(row: dict[str, Any]) -> Unit:
    people = _people(row["sponsors"]) + _people(row["leads"])
    step = Step(NodeKind.PRIORITY, row["ref"], _name(row["named"]), people=people)
    return Unit(step, tuple((NodeKind.BOARD, ref) for ref in _ordered(row["up"])))


def _rows(
    store: Neo4jStore, plans: list[str], extra: list[tuple[str, dict[str, Any]]]
) -> tuple[dict[str, ReportingRows], list[list[dict[str, Any]]]]:
    """The :class:`~queries.reporting.ReportingRows` of each of ``plans`` and the rows of the
    ``extra`` statements, read in one transaction."""
    params = {"plans": plans, "chairs": [MemberRole.CHAIR.value, MemberRole.DEPUTY_CHAIR.value]}
    boards, priorities, *rest = store.read([(_BOARDS, params), (_PRIORITIES, params), *extra])
    boards_of, priorities_of = rows_by_plan(boards, plans), rows_by_plan(priorities, plans)
    found = {
        p: ReportingRows(
            p, [_board(r) for r in boards_of[p]], [_priority_unit(r) for r in priorities_of[p]]
        )
        for p in plans
    }
    return found, rest


def server_governance(store: Neo4jStore, plans: list[str]) -> dict[str, Governance]:
    """:func:`queries.reporting.governance` of each of ``plans`` (held: see
    :meth:`~graphmodel.stores.bolt.Neo4jStore.require`), from two Cypher statements."""
    found, _ = _rows(store, plans, [])
    return {p: governance_of(found[p]) for p in plans}


def server_chain(store: Neo4jStore, plan: str, node: str) -> Chain:
    """:func:`queries.reporting.chain` from ``node`` (``ref`` or ``kind:ref``) in ``plan``
    (held), from one round of Cypher; the same errors for a ref naming several kinds of node
    or none."""
    kinds, ref = parse_start(node)
    extra = [(q, {"uid": uid(plan, k, ref)}) for k in kinds for q in _STARTS[k]]
    rows_of, answers = _rows(store, [plan], extra)
    rows: ReportingRows = rows_of[plan]
    by_kind: dict[NodeKind, list[list[dict[str, Any]]]] = {}
    for k in kinds:
        by_kind[k], answers = answers[: len(_STARTS[k])], answers[len(_STARTS[k]) :]
    found = [k for k in kinds if by_kind[k][0]]

    def refs() -> list[str]:
        statements = [(_REFS.format(label=k.label), {"plan": plan}) for k in kinds]
        return [r["ref"] for rows in store.read(statements) for r in rows]

    if not found:  # what the node is called, as memory reads it (start_by_name)
        named = start_by_name(ref, _labelled(store, plan, kinds))
        if named is not None:
            return server_chain(store, plan, f"{named[0].value}:{named[1]}")
    kind = pick_start(plan, kinds, ref, found, refs)
    start: Key = (kind, ref)
    head, *more = by_kind[kind]
    row = head[0]
    if kind in (NodeKind.BOARD, NodeKind.PRIORITY):
        unit = next(u for u in [*rows.boards, *rows.priorities] if u.key == start)
    elif kind is NodeKind.ACTION:
        owners = [_name(named) for named in _ordered(row["owners"])]
        step = Step(kind, ref, _name(row["named"]), people=owners)
        priority = row["priority"]
        if priority is not None:
            unit = Unit(step, ((NodeKind.PRIORITY, priority),))
        else:  # in no priority: up through its owners
            owned_by = [split_node_id(u)[1:] for u in _ordered(row["owner_uids"])]
            unit = Unit(step, tuple(dict.fromkeys(owned_by)))
    else:
        unit = _party_unit(kind, ref, row, more[0])
    parties = owner_starts(unit)
    statements = [(q, {"uid": uid(plan, k, r)}) for k, r in parties for q in _STARTS[k]]
    answers = store.read(statements) if statements else []
    units = []
    for k, r in parties:
        (head, owned), answers = answers[:2], answers[2:]
        units.append(_party_unit(k, r, head[0], owned))
    return chain_of(rows, unit, parties=units)


_LABELS = """
MATCH (n:{label} {{plan: $plan}})
RETURN n.ref AS ref, n.name AS name, n.title AS title, n.post AS post, n.aliases AS aliases,
       n.json_fields AS json_fields
ORDER BY n.seq
"""


def _labelled(
    store: Neo4jStore, plan: str, kinds: list[NodeKind]
) -> list[tuple[NodeKind, str, list[str | None]]]:
    """Each node of ``kinds`` in ``plan`` with what it is called (:func:`labels_of` of its
    properties, decoded as the codec stored them)."""
    answers = store.read([(_LABELS.format(label=k.label), {"plan": plan}) for k in kinds])
    return [
        (k, r["ref"], labels_of(decoded(k, r)))
        for k, rows in zip(kinds, answers, strict=True)
        for r in rows
    ]


def _party_unit(kind: NodeKind, ref: str, row: dict[str, Any], owned: list[dict[str, Any]]) -> Unit:
    """A person's or organisation's unit from its two statements' rows (see ``_STARTS``)."""
    found_starts = [
        *((NodeKind.PRIORITY, p) for p in _ordered(row["sponsors"]) + _ordered(row["leads"])),
        *(
            (NodeKind.PRIORITY, r["priority"])
            for r in sorted(owned, key=lambda r: r["seq"])
            if r["priority"] is not None
        ),
        *((NodeKind.BOARD, b) for b in _ordered(row["boards"])),
    ]
    return Unit(Step(kind, ref, _name(row["named"])), tuple(dict.fromkeys(found_starts)))
