"""Reading plans out of the database: the records of some node kinds of some plans, with the
relationships leaving them, as :mod:`graphmodel.stores.codec` turns them back into a graph.

ArcadeDB and the driver pay for every record streamed (about 0.1 ms each) far more than the
server pays to find and load the nodes (touching every property of 17,000 relationships: 0.2 s);
so each label is read in two statements (its nodes, its relationships), each looking the plans
up in the ``plan`` index (``UNWIND $plans``) and returning one row (``collect``), and a partial
read names only the properties and relationship types the question looks at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.stores.codec import EdgeRecord, NodeRecord

if TYPE_CHECKING:
    from neo4j import ManagedTransaction, Transaction

__all__ = ["BOOKKEEPING", "EDGE_PROPERTIES", "read_records"]

BOOKKEEPING = ("uid", "plan", "ref", "seq", "json_fields")
"""The properties every node read carries, whatever the question reads of it."""

EDGE_PROPERTIES = ("plan", "i", "k", "role", "basis", "reason")
"""The properties :func:`~graphmodel.stores.codec.graph_records` gives a relationship, read by
name: on ArcadeDB, ``properties(r)`` costs about twice as much as naming them (measured:
1.8 s against 3.1 s for the 17,000 relationships leaving 30 plans' actions). A test checks the
codec writes no other."""


def read_records(
    tx: ManagedTransaction | Transaction,
    plan: str | Sequence[str],
    kinds: Sequence[NodeKind] = tuple(NodeKind),
    edges: Sequence[EdgeKind] | None = None,
    fields: Mapping[NodeKind, Sequence[str]] | None = None,
) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """The records of ``plan``'s nodes of ``kinds`` (only the properties ``fields`` names
    for a kind, when it does) and the relationships (of ``edges`` when given) leaving
    them; per label one query for the nodes and one for the relationships, each looking
    the plans up in the ``plan`` index and returning a single row (ArcadeDB spends about
    0.1 ms on every record it streams: collecting the rows on the server cuts that).
    ``plan`` may be several plan ids."""
    plans = list(dict.fromkeys([plan] if isinstance(plan, str) else plan))
    nodes: list[NodeRecord] = []
    rels: list[EdgeRecord] = []
    types = "|".join(e.value for e in edges) if edges else ""
    props = ", ".join(f"r.{p}" for p in EDGE_PROPERTIES)
    for kind in kinds:
        label = kind.label
        wanted = (fields or {}).get(kind)
        if wanted is None:
            found = "properties(n)"
        else:
            found = "n {" + ", ".join(f".{f}" for f in (*BOOKKEEPING, *wanted)) + "}"
        row = tx.run(
            f"UNWIND $plans AS plan MATCH (n:{label} {{plan: plan}}) "
            f"RETURN collect({found}) AS found",
            plans=plans,
        ).single()
        found_nodes = row["found"] if row else ()
        if wanted is None:  # properties(n): Neo4j stores no null property
            nodes.extend(NodeRecord(label, p) for p in found_nodes)
        else:  # a projection gives null for a property the node lacks
            nodes.extend(
                NodeRecord(label, {k: v for k, v in p.items() if v is not None})
                for p in found_nodes
            )
        if edges is not None and not edges:
            continue
        rel = f"[r:{types}]" if types else "[r]"
        # only relationships between the kinds read travel (a partial read drops the rest)
        ends = "" if len(kinds) == len(NodeKind) else " OR ".join(f"b:{k.label}" for k in kinds)
        row = tx.run(
            f"UNWIND $plans AS plan MATCH (a:{label} {{plan: plan}})-{rel}->(b) "
            + (f"WHERE {ends} " if ends else "")
            + f"RETURN collect([a.uid, type(r), b.uid, {props}]) AS found",
            plans=plans,
        ).single()
        for u, t, v, *values in row["found"] if row else ():
            found_props = zip(EDGE_PROPERTIES, values, strict=True)
            rels.append(EdgeRecord(u, t, v, {k: x for k, x in found_props if x is not None}))
    return nodes, rels
