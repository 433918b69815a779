"""The closed vocabularies of the graph: node kinds, edge kinds and node ids.

Node ids are ``"{kind}:{ref}"`` within one plan and ``"{plan}/{kind}:{ref}"`` when several
plans share a graph.

>>> node_id(NodeKind.ACTION, "A-1")
'action:A-1'
>>> node_id(NodeKind.ACTION, "A-1", plan="warrington")
'warrington/action:A-1'
>>> split_node_id("warrington/action:A-1")
('warrington', <NodeKind.ACTION: 'action'>, 'A-1')
"""

from __future__ import annotations

from enum import Enum


class NodeKind(str, Enum):
    """Kinds of node; Neo4j labels are the PascalCase form (:attr:`label`)."""

    PLAN = "plan"
    FINDING = "finding"
    PRIORITY = "priority"
    OBJECTIVE = "objective"
    ACTION = "action"
    MILESTONE = "milestone"
    MEASURE = "measure"
    PERSON = "person"
    ORGANISATION = "organisation"
    BOARD = "board"

    @property
    def label(self) -> str:
        return self.value.title()


class EdgeKind(str, Enum):
    """Kinds of edge, named as Neo4j relationship types.

    ``SUPPORTS`` (person, organisation or board -> priority, a delivery partner) is the one
    kind beyond DESIGN.md's table: Peterborough and Worcestershire name delivery partners per
    workstream and a lossless graph must keep them.
    """

    ADDRESSES = "ADDRESSES"
    PART_OF = "PART_OF"
    DEPENDS_ON = "DEPENDS_ON"
    OWNED_BY = "OWNED_BY"
    SPONSORS = "SPONSORS"
    LEADS = "LEADS"
    REPRESENTS = "REPRESENTS"
    SUPPORTS = "SUPPORTS"
    MEASURED_BY = "MEASURED_BY"
    WORKS_FOR = "WORKS_FOR"
    MEMBER_OF = "MEMBER_OF"
    REPORTS_TO = "REPORTS_TO"


def node_id(kind: NodeKind, ref: str, plan: str | None = None) -> str:
    """The id of the node for entity ``ref`` of ``kind``, qualified by ``plan`` if given."""
    local = f"{kind.value}:{ref}"
    return f"{plan}/{local}" if plan is not None else local


def split_node_id(nid: str) -> tuple[str | None, NodeKind, str]:
    """Inverse of :func:`node_id`: ``(plan or None, kind, ref)``.

    Refs may themselves contain ``:`` or ``/``; the kind is the first ``kind:`` prefix.
    """
    for kind in NodeKind:
        marker = f"{kind.value}:"
        if nid.startswith(marker):
            return None, kind, nid[len(marker) :]
        pos = nid.find("/" + marker)
        if pos > 0 and "/" not in nid[:pos] and ":" not in nid[:pos]:
            return nid[:pos], kind, nid[pos + 1 + len(marker) :]
    raise ValueError(f"not an actiongraph node id: {nid!r}")
