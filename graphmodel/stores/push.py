"""Writing a plan: what is new, changed and gone worked out in Python against what the
database holds, then written in batched statements inside the caller's transaction (see
:mod:`graphmodel.stores.bolt` for why relationships are created, not merged, and identified by
their ends, type, ``i`` and ``role``, never their position)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from graphmodel.schema import NodeKind
from graphmodel.stores.codec import EdgeRecord, NodeRecord
from graphmodel.stores.reading import read_records
from graphmodel.stores.results import PushResult, renamed, stored_as

if TYPE_CHECKING:
    from neo4j import Transaction

__all__ = ["Write", "digest", "push_records"]

Write = Callable[["Transaction", str, Sequence[Any]], int]
"""Runs a statement that unwinds ``$rows`` on some rows (in batches); how many rows."""


def digest(nodes: list[NodeRecord], rels: list[EdgeRecord]) -> str:
    """A fingerprint of every record of a plan, kept on its plan node: a push of a plan
    the database already holds stops after reading it, without reading the whole plan.
    Relationships count with their properties (``k``, ``basis``, ``reason``), so a link that
    only changed from inferred to stated is still pushed."""
    text = json.dumps(
        [[n.label, n.props] for n in nodes] + [[*e.identity, e.props] for e in rels],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def push_records(
    tx: Transaction,
    plan: str,
    nodes: list[NodeRecord],
    rels: list[EdgeRecord],
    write: Write,
    *,
    keep_versions: bool = False,
) -> PushResult:
    """Make the database hold exactly ``nodes`` and ``rels`` as plan ``plan`` (the plan node
    first, carrying its digest), in ``tx``, through ``write``; with ``keep_versions`` the
    version held is first copied to ``ID@vN``. Nothing is written when the digest held is the
    same."""
    held = tx.run(
        "MATCH (p:Plan {uid: $uid}) RETURN p.digest AS digest, p.version AS version",
        uid=nodes[0].props["uid"],
    ).single()
    if held is not None and held["digest"] == nodes[0].props["digest"]:
        return PushResult(plan, 0, 0, 0, 0, 0)  # the database holds exactly this version
    held_version = (held["version"] or 1) if held is not None else 0
    if "version_of" not in nodes[0].props:  # a kept version keeps its number
        nodes[0].props["version"] = held_version + 1
    old_nodes, old_rels = read_records(tx, plan)
    kept = None
    if keep_versions and held is not None:
        kept = held_version
        copy_nodes, copy_rels = renamed(old_nodes, old_rels, plan, stored_as(plan, kept))
        copy_nodes[0].props.update(version_of=plan, version=kept)
        push_records(tx, stored_as(plan, kept), copy_nodes, copy_rels, write)
    old = {r.props["uid"]: r for r in old_nodes}
    new = {r.props["uid"]: r for r in nodes}
    gone = [r for u, r in old.items() if u not in new]
    upsert = [r for u, r in new.items() if u not in old or old[u].props != r.props]
    created = sum(1 for r in upsert if r.props["uid"] not in old)

    gone_uids = {r.props["uid"] for r in gone}
    have = {
        r.identity: r
        for r in old_rels
        if r.source not in gone_uids and r.target not in gone_uids  # DETACH DELETE'd
    }
    want = {r.identity: r for r in rels}
    kinds = {u: r.label for u, r in (old | new).items()}

    def by_type(
        records: list[EdgeRecord], row: Callable[[EdgeRecord], dict[str, Any]]
    ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in records:
            key = (kinds[r.source], r.type, kinds[r.target])
            grouped.setdefault(key, []).append(row(r))
        return grouped

    def ends(r: EdgeRecord) -> dict[str, Any]:
        return {"u": r.source, "v": r.target, "i": r.props["i"], "role": r.identity[4]}

    one = (
        "UNWIND $rows AS row MATCH (a:{a} {{uid: row.u}})-[r:{t}]->(b:{b}) "
        "WHERE b.uid = row.v AND r.i = row.i AND coalesce(r.role, '') = row.role "
    )
    deleted_rels = 0
    dropped = [r for i, r in have.items() if i not in want]
    for (a, t, b), rows in by_type(dropped, ends).items():
        deleted_rels += write(tx, one.format(a=a, t=t, b=b) + "DELETE r", rows)

    for label in sorted({r.label for r in gone}):
        uids = [r.props["uid"] for r in gone if r.label == label]
        write(tx, f"UNWIND $rows AS u MATCH (n:{label} {{uid: u}}) DETACH DELETE n", uids)

    for kind in NodeKind:
        rows = [{"uid": r.props["uid"], "props": r.props} for r in upsert if r.kind is kind]
        write(
            tx,
            f"UNWIND $rows AS row MERGE (n:{kind.label} {{uid: row.uid}}) SET n = row.props",
            rows,
        )

    # same relationship, moved among its source's edges (or written by an older version)
    moved = [r for i, r in want.items() if i in have and have[i].props != r.props]
    for (a, t, b), rows in by_type(moved, lambda r: ends(r) | {"props": r.props}).items():
        write(tx, one.format(a=a, t=t, b=b) + "SET r = row.props", rows)

    added = [r for i, r in want.items() if i not in have]
    created_rels = 0
    for (a, t, b), rows in by_type(
        added, lambda r: {"u": r.source, "v": r.target, "props": r.props}
    ).items():
        created_rels += write(
            tx,
            f"UNWIND $rows AS row MATCH (a:{a} {{uid: row.u}}) "
            f"MATCH (b:{b} {{uid: row.v}}) CREATE (a)-[r:{t}]->(b) SET r = row.props",
            rows,
        )
    return PushResult(
        plan=plan,
        nodes_created=created,
        nodes_updated=len(upsert) - created,
        nodes_deleted=len(gone),
        relationships_created=created_rels,
        relationships_deleted=deleted_rels,
        relationships_updated=len(moved),
        kept=kept,
    )
