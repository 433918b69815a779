"""The plan's relations, in one table: which field of which entity points at which kind, as
which edge, with which role.

Every field of the model that names other entities (by ref, as a party ``kind:ref``, as an
owner, or -- for milestones -- by holding them) has one :class:`Relation` in
:data:`RELATIONS`. Building the graph (:func:`graphmodel.graph.build_graph`), reading a plan
back from it (:func:`graphmodel.graph.plan_from_graph`), the unknown-ref check
(:mod:`graphmodel.integrity`), redaction's ref keys (:mod:`graphmodel.redact`), the store
codec's roles (:mod:`graphmodel.stores.codec`) and the workbook's name and ref cells
(:mod:`loaders.workbook.fields`) all loop over this table, so adding a relation is one row
(and a test, ``tests/test_relations.py``).

Rows are listed per holder kind in the order ``build_graph`` adds their edges, which fixes
the order of a node's edges in the graph (and so in every export of it).

>>> [r.field for r in relations_of(NodeKind.BOARD)]
['reports_to', 'chair', 'deputy_chair', 'members']
>>> owners = relation(NodeKind.ACTION, "owners")
>>> owners.edge.value, [k.value for k in owners.targets], owners.item.value, owners.basis
('OWNED_BY', ['person', 'organisation', 'board'], 'owner', True)
>>> chair = relation(NodeKind.BOARD, "chair")
>>> chair.outgoing, chair.role.value, chair.many
(False, 'chair', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphmodel.model import (
    Action,
    Board,
    Finding,
    Measure,
    MemberRole,
    Milestone,
    Objective,
    Organisation,
    OwnerRole,
    PartyKind,
    Person,
    Priority,
)
from graphmodel.schema import EdgeKind, NodeKind

__all__ = [
    "COLLECTIONS",
    "ENTITIES",
    "PARTY_KINDS",
    "RELATIONS",
    "Item",
    "Relation",
    "edge_roles",
    "node_kind_of",
    "party_kind_of",
    "relation",
    "relations_of",
]


class Item(str, Enum):
    """What one value of a relation field is."""

    REF = "ref"
    """A ref (``str``) of the one target kind."""
    LINK = "link"
    """A :class:`~graphmodel.model.Link`: a ref with a basis (stated or inferred) and reason."""
    PARTY = "party"
    """A :class:`~graphmodel.model.PartyRef`: a person, organisation or board, ``kind:ref``."""
    OWNER = "owner"
    """An :class:`~graphmodel.model.Owner`: a party with a role, a basis and a reason."""
    ENTITY = "entity"
    """An entity written inside its holder (an action's milestones): no ref to check."""


PARTY_KINDS = (NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.BOARD)
"""The node kinds a party (:class:`~graphmodel.model.PartyKind`) can be, in that order."""

COLLECTIONS: dict[NodeKind, str] = {
    NodeKind.FINDING: "findings",
    NodeKind.PRIORITY: "priorities",
    NodeKind.OBJECTIVE: "objectives",
    NodeKind.ACTION: "actions",
    NodeKind.MEASURE: "measures",
    NodeKind.PERSON: "people",
    NodeKind.ORGANISATION: "organisations",
    NodeKind.BOARD: "boards",
}
"""The :class:`~graphmodel.model.Plan` list holding each kind of entity (milestones are
held by their actions)."""

ENTITIES: dict[NodeKind, type[Any]] = {
    NodeKind.FINDING: Finding,
    NodeKind.PRIORITY: Priority,
    NodeKind.OBJECTIVE: Objective,
    NodeKind.ACTION: Action,
    NodeKind.MILESTONE: Milestone,
    NodeKind.MEASURE: Measure,
    NodeKind.PERSON: Person,
    NodeKind.ORGANISATION: Organisation,
    NodeKind.BOARD: Board,
}
"""The model class of each kind of entity."""


def node_kind_of(party: PartyKind) -> NodeKind:
    """The node kind of a party kind.

    >>> node_kind_of(PartyKind.BOARD)
    <NodeKind.BOARD: 'board'>
    """
    return _PARTY_NODE[party]


def party_kind_of(kind: NodeKind) -> PartyKind:
    """The party kind of a person, organisation or board node kind (KeyError for others)."""
    return _NODE_PARTY[kind]


_PARTY_NODE = {p: NodeKind(p.value) for p in PartyKind}
_NODE_PARTY = {n: p for p, n in _PARTY_NODE.items()}


@dataclass(frozen=True)
class Relation:
    """One field of one kind of entity that names other entities.

    ``holder`` has the field ``field``, whose values (:attr:`item`) name entities of
    ``targets`` (one kind, or the three party kinds). Each value is an ``edge`` in the graph,
    from the holder to the target (``outgoing``) or from the target to the holder (a sponsor
    sponsors a priority). ``many`` fields are lists and their edges carry the position ``i``
    in the list; single fields give one edge with ``i`` 0. ``role`` is the role every edge of
    the field carries (a board's chair); ``roles`` is the enum of a role each value carries
    itself (an owner's role).
    """

    holder: NodeKind
    field: str
    targets: tuple[NodeKind, ...]
    edge: EdgeKind
    item: Item
    many: bool
    outgoing: bool = True
    role: MemberRole | None = None
    roles: type[OwnerRole] | None = None

    @property
    def target(self) -> NodeKind:
        """The one target kind (ValueError for a party field, which has three)."""
        if len(self.targets) != 1:
            raise ValueError(f"{self.holder.value}.{self.field} points at several kinds")
        return self.targets[0]

    @property
    def basis(self) -> bool:
        """Whether each value says where it comes from (stated or inferred, and why)."""
        return self.item in (Item.LINK, Item.OWNER)

    @property
    def party(self) -> bool:
        """Whether the values are parties (``kind:ref``), not refs of one kind."""
        return self.item in (Item.PARTY, Item.OWNER)

    @property
    def is_ref(self) -> bool:
        """Whether the values name entities held elsewhere (all but :attr:`Item.ENTITY`)."""
        return self.item is not Item.ENTITY


def _row(
    holder: NodeKind,
    field: str,
    targets: NodeKind | tuple[NodeKind, ...],
    edge: EdgeKind,
    item: Item = Item.REF,
    *,
    many: bool = True,
    outgoing: bool = True,
    role: MemberRole | None = None,
    roles: type[OwnerRole] | None = None,
) -> Relation:
    kinds = targets if isinstance(targets, tuple) else (targets,)
    return Relation(holder, field, kinds, edge, item, many, outgoing, role, roles)


_F, _PR, _O, _A = NodeKind.FINDING, NodeKind.PRIORITY, NodeKind.OBJECTIVE, NodeKind.ACTION
_PE, _B = NodeKind.PERSON, NodeKind.BOARD
_MEMBER = MemberRole.MEMBER
_E = EdgeKind

RELATIONS: tuple[Relation, ...] = (
    _row(_F, "parent", _F, _E.PART_OF, many=False),
    _row(_PR, "sponsor", _PE, _E.SPONSORS, many=False, outgoing=False),
    _row(_PR, "leads", _PE, _E.LEADS, outgoing=False),
    _row(_PR, "parent_reps", _PE, _E.REPRESENTS, outgoing=False),
    _row(_PR, "delivery_partners", PARTY_KINDS, _E.SUPPORTS, Item.PARTY, outgoing=False),
    _row(_PR, "reports_to", _B, _E.REPORTS_TO),
    _row(_PR, "addresses", _F, _E.ADDRESSES, Item.LINK),
    _row(_PR, "measures", NodeKind.MEASURE, _E.MEASURED_BY),
    _row(_O, "priority", _PR, _E.PART_OF, many=False),
    _row(_O, "addresses", _F, _E.ADDRESSES, Item.LINK),
    _row(_O, "measures", NodeKind.MEASURE, _E.MEASURED_BY),
    _row(_A, "objective", _O, _E.PART_OF, many=False),
    _row(_A, "priority", _PR, _E.PART_OF, many=False),
    _row(_A, "owners", PARTY_KINDS, _E.OWNED_BY, Item.OWNER, roles=OwnerRole),
    _row(_A, "depends_on", _A, _E.DEPENDS_ON, Item.LINK),
    _row(_A, "addresses", _F, _E.ADDRESSES, Item.LINK),
    _row(_A, "measures", NodeKind.MEASURE, _E.MEASURED_BY),
    _row(_A, "milestones", NodeKind.MILESTONE, _E.PART_OF, Item.ENTITY, outgoing=False),
    _row(_PE, "organisation", NodeKind.ORGANISATION, _E.WORKS_FOR, many=False),
    _row(_B, "reports_to", _B, _E.REPORTS_TO),
    _row(_B, "chair", _PE, _E.MEMBER_OF, many=False, outgoing=False, role=MemberRole.CHAIR),
    _row(
        _B,
        "deputy_chair",
        _PE,
        _E.MEMBER_OF,
        many=False,
        outgoing=False,
        role=MemberRole.DEPUTY_CHAIR,
    ),
    _row(_B, "members", PARTY_KINDS, _E.MEMBER_OF, Item.PARTY, outgoing=False, role=_MEMBER),
)
"""Every relation of the plan model, per holder kind in the order the graph's edges are
added."""

_BY_HOLDER: dict[NodeKind, tuple[Relation, ...]] = {
    kind: tuple(r for r in RELATIONS if r.holder is kind) for kind in NodeKind
}


def relations_of(holder: NodeKind) -> tuple[Relation, ...]:
    """The relations of one kind of entity, in table order."""
    return _BY_HOLDER[holder]


def relation(holder: NodeKind, field: str) -> Relation:
    """The relation of ``holder``'s field ``field`` (KeyError when it is not one)."""
    for r in _BY_HOLDER[holder]:
        if r.field == field:
            return r
    raise KeyError(f"{holder.value}.{field} is not a relation")


def edge_roles() -> dict[EdgeKind, type[OwnerRole] | type[MemberRole]]:
    """The role enum of each edge kind whose edges carry a role.

    >>> sorted((k.value, t.__name__) for k, t in edge_roles().items())
    [('MEMBER_OF', 'MemberRole'), ('OWNED_BY', 'OwnerRole')]
    """
    found: dict[EdgeKind, type[OwnerRole] | type[MemberRole]] = {}
    for r in RELATIONS:
        kind: type[OwnerRole] | type[MemberRole] | None = r.roles
        if kind is None and r.role is not None:
            kind = type(r.role)
        if kind is not None and found.setdefault(r.edge, kind) is not kind:
            raise AssertionError(f"{r.edge.value} edges carry two kinds of role")
    return found
