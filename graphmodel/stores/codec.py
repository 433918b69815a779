"""A plan's property graph as database records and back, losslessly.

Every node of :func:`graphmodel.graph.build_graph` becomes a record with the label of its
kind (``NodeKind.label``) and the properties ``uid`` (the node id qualified by the plan id,
unique in the database), ``plan``, ``ref``, ``seq`` (its position in the graph, so document
order survives) and its entity's fields. Text and numbers are stored as they are; a value
that is not (a list, a period written out in full, the plan's inspection or status scale)
is stored as JSON text and its name listed in ``json_fields``. Absent values (None) are not
stored, as Neo4j has no null property. Actions and milestones also carry plain properties
derived for Cypher (:data:`DERIVED`: the end of the due period as an ISO date and as a month
number, whether there is a due period, the due text), which the questions on the server
(:mod:`queries.cypher`) read instead of parsing JSON; people and organisations carry theirs
(:data:`PARTY_DERIVED`: the identity that matches them across plans,
:func:`graphmodel.parties.identity_of`; a person's organisation's name; the refs of the open
actions they own, in document order), which the questions across plans
(:mod:`queries.across`) group on the server, so that they read a few thousand party nodes
instead of every ownership of every plan. The plan node's ``q_parties`` says they were
written (a plan pushed by an older version lacks them). Reading a node back ignores them.

Every edge becomes a relationship of its kind's type with ``plan``, ``i`` (position in its
list), ``k`` (position among the out-edges of its source node, so order survives), for
ownership and membership ``role``, and, for a link that was inferred rather than stated,
``basis`` and ``reason``. A relationship is identified by its ends, type, ``i`` and ``role``
(:attr:`EdgeRecord.identity`), never by its position in the whole plan, so inserting an
action early in a plan leaves the relationships after it alone; a change of ``basis`` or
``reason`` alone is still pushed, as the plan's digest covers every relationship property.

:func:`graph_from_records` turns the records back into the graph that ``build_graph`` gives,
restricted to the node kinds read.

>>> from graphmodel.model import Plan
>>> from graphmodel.graph import build_graph, plan_from_graph
>>> plan = Plan.model_validate({"area": "X", "title": "T", "published": "Dec-23",
...     "people": [{"ref": "ann", "name": "Ann", "aliases": ["A. N."]}]})
>>> nodes, edges = graph_records(build_graph(plan))
>>> person = nodes[1]
>>> person.label, person.props["uid"], person.props["aliases"], person.props["json_fields"]
('Person', 'x/person:ann', '["A. N."]', ['aliases'])
>>> plan_from_graph(graph_from_records(nodes, edges)) == plan
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property
from types import UnionType
from typing import Any, Union, get_args, get_origin

import networkx as nx
from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from graphmodel.graph import INDEX, node_fields
from graphmodel.model import Basis, FindingKind, OrganisationKind, Plan
from graphmodel.parties import identity_of
from graphmodel.periods import Period, period_of_text
from graphmodel.relations import ENTITIES, edge_roles
from graphmodel.schema import EdgeKind, NodeKind, node_id
from graphmodel.statuses import Status

__all__ = [
    "DERIVED",
    "PARTY_DERIVED",
    "EdgeRecord",
    "NodeRecord",
    "decoded",
    "graph_from_records",
    "graph_records",
    "uid",
]

JSON_FIELDS = "json_fields"
DERIVED = ("q_due_end", "q_due_month", "q_has_due", "q_due_text")
"""Properties of action and milestone nodes derived for Cypher: the last day of the ``due``
period (ISO text) and its month number (``year * 12 + month - 1``), whether the node has a due
period as :func:`queries.links.due_period` says, and the ``due`` text as written."""
PARTY_DERIVED = ("q_identity", "q_org", "q_open")
"""Properties of person and organisation nodes derived for the questions across plans."""

_ENTITY: dict[NodeKind, type[Any]] = {NodeKind.PLAN: Plan, **ENTITIES}
_EXTRA: dict[str, Any] = {
    "finding_kind": FindingKind,
    "organisation_kind": OrganisationKind,
    "status_value": Status | None,
    "status_date": Period | None,
}
_ROLE = edge_roles()
"""The role enum of each edge kind whose edges carry a role (from the relation table)."""
_LABEL_KIND = {k.label: k for k in NodeKind}
_EDGE_KIND = {k.value: k for k in EdgeKind}


def uid(plan: str, kind: NodeKind, ref: str) -> str:
    """The database-wide id of a node: its node id qualified by the plan id.

    >>> uid("wirral", NodeKind.ACTION, "1.1a")
    'wirral/action:1.1a'
    """
    return node_id(kind, ref, plan)


@dataclass(frozen=True)
class NodeRecord:
    """One node as the database holds it: a label and plain properties."""

    label: str
    props: dict[str, Any]

    @property
    def kind(self) -> NodeKind:
        return _LABEL_KIND[self.label]


@dataclass(frozen=True)
class EdgeRecord:
    """One relationship: the uids of its ends, its type and plain properties."""

    source: str
    type: str
    target: str
    props: dict[str, Any]

    @cached_property
    def identity(self) -> tuple[str, str, str, int, str]:
        """What makes two relationships the same: ends, type, position in its list and role
        -- not its position in the plan, which inserting a node earlier would change."""
        return self.source, self.type, self.target, self.props["i"], self.props.get("role") or ""


@cache
def _adapter(kind: NodeKind, name: str) -> TypeAdapter[Any]:
    if name in _EXTRA:
        return TypeAdapter(_EXTRA[name])
    return TypeAdapter(_ENTITY[kind].model_fields[name].annotation)


def _encode(value: Any) -> tuple[Any, bool]:
    """A property value and whether it is JSON text."""
    plain = to_jsonable_python(value)
    if isinstance(plain, (str, int, float, bool)):
        return plain, False
    return json.dumps(plain, ensure_ascii=False, sort_keys=True), True


def graph_records(graph: nx.MultiDiGraph) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """The records of every node and edge of a graph of one plan (unqualified node ids)."""
    nodes: list[NodeRecord] = []
    uids: dict[str, str] = {}
    parties = _party_derived(graph)
    for seq, (n, data) in enumerate(graph.nodes(data=True)):
        kind: NodeKind = data["kind"]
        uids[n] = uid(data["plan"], kind, data["ref"])
        props: dict[str, Any] = {"uid": uids[n], "seq": seq}
        as_json: list[str] = []
        for name, value in data.items():
            if name == "kind" or value is None:
                continue
            props[name], is_json = _encode(value)
            if is_json:
                as_json.append(name)
        props[JSON_FIELDS] = as_json
        if kind in (NodeKind.ACTION, NodeKind.MILESTONE):
            props.update(_derived(data))
        elif kind is NodeKind.PLAN:
            props["q_parties"] = True
        props.update(parties.get(n, ()))
        nodes.append(NodeRecord(kind.label, props))
    edges: list[EdgeRecord] = []
    position: dict[str, int] = {}
    for u, v, data in graph.edges(data=True):
        k = position[u] = position.get(u, -1) + 1
        props = {"plan": graph.nodes[u]["plan"], "i": data["i"], "k": k}
        if data.get("role") is not None:
            props["role"] = data["role"].value
        if data.get("basis") is not None:
            props["basis"] = data["basis"].value
        if data.get("reason") is not None:
            props["reason"] = data["reason"]
        edges.append(EdgeRecord(uids[u], data["kind"].value, uids[v], props))
    return nodes, edges


def _party_derived(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The :data:`PARTY_DERIVED` properties of each person and organisation node."""
    nodes = graph.nodes
    open_actions: dict[str, list[str]] = {}
    for a, data in graph.nodes(data=True):
        status: Status | None = data.get("status_value")
        if data["kind"] is not NodeKind.ACTION or (status is not None and not status.is_open):
            continue
        for _, party, edge in graph.out_edges(a, data=True):
            if edge["kind"] is EdgeKind.OWNED_BY:
                refs = open_actions.setdefault(party, [])
                if data["ref"] not in refs:
                    refs.append(data["ref"])
    found: dict[str, dict[str, Any]] = {}
    for n, data in graph.nodes(data=True):
        kind = data["kind"]
        if kind is NodeKind.PERSON:
            employer = next(
                (
                    nodes[o]["name"]
                    for _, o, e in graph.out_edges(n, data=True)
                    if e["kind"] is EdgeKind.WORKS_FOR
                ),
                None,
            )
            props: dict[str, Any] = {
                "q_identity": identity_of(
                    "person",
                    data.get("name"),
                    post=data.get("post"),
                    email=data.get("email"),
                    organisation=employer,
                )
            }
            if employer is not None:
                props["q_org"] = employer
        elif kind is NodeKind.ORGANISATION:
            props = {"q_identity": identity_of("organisation", data["name"])}
        else:
            continue
        if n in open_actions:
            props["q_open"] = open_actions[n]
        found[n] = props
    return found


def _derived(data: dict[str, Any]) -> dict[str, Any]:
    """The :data:`DERIVED` properties of an action or milestone (absent ones left out)."""
    due: Period | None = data.get("due")
    stated: Period | None = data.get("status_date")
    has_due = (due is not None and due.is_dated) or (
        data.get("status_value") is Status.COMPLETE and stated is not None and stated.is_dated
    )
    found: dict[str, Any] = {"q_has_due": has_due}
    if due is not None:
        found["q_due_text"] = due.text
        if due.end is not None:
            found["q_due_end"] = due.end.isoformat()
            found["q_due_month"] = due.end.year * 12 + due.end.month - 1
    return found


def _decoder(kind: NodeKind, name: str) -> Callable[[Any], Any]:
    """How a stored property of a node of ``kind`` becomes the attribute ``build_graph``
    gives: the field's own validation (:func:`_adapter`), with the common plain values --
    text, a flag, an enum's value, a period's text -- taken the quick way to the same result
    (a period from its text is the one shared value :func:`~graphmodel.periods.period_of_text`
    gives, as the plan model itself holds it)."""
    adapter = _adapter(kind, name)
    annotation = _EXTRA[name] if name in _EXTRA else _ENTITY[kind].model_fields[name].annotation
    if get_origin(annotation) in (Union, UnionType):  # X | None: X (list[str] stays whole)
        plain = {a for a in get_args(annotation) if a is not type(None)}
    else:
        plain = {annotation}
    if plain <= {str, bool}:
        quick: tuple[type, ...] = tuple(plain)

        def same(value: Any) -> Any:
            return value if type(value) in quick else adapter.validate_python(value)

        return same
    if len(plain) == 1:
        (only,) = plain
        if only is Period:

            def period(value: Any) -> Any:
                return (
                    period_of_text(value) if type(value) is str else adapter.validate_python(value)
                )

            return period
        if isinstance(only, type) and issubclass(only, Enum):
            members = {m.value: m for m in only}

            def member(value: Any) -> Any:
                found = members.get(value) if type(value) is str else None
                return found if found is not None else adapter.validate_python(value)

            return member
    return adapter.validate_python


@cache
def _decoders(kind: NodeKind) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of a node of ``kind`` with its :func:`_decoder`."""
    return tuple((name, _decoder(kind, name)) for name in node_fields(kind))


@cache
def _field_decoders(kind: NodeKind) -> dict[str, Callable[[Any], Any]]:
    return dict(_decoders(kind))


def decoded(kind: NodeKind, props: Mapping[str, Any]) -> dict[str, Any]:
    """Some stored properties of a node of ``kind`` (a Cypher row's), as the attributes
    ``build_graph`` gives: each field through its :func:`_decoder`, ``None`` as it is; JSON
    text where ``props`` has :data:`JSON_FIELDS` naming it; other keys (``ref``) unchanged.

    >>> row = {"ref": "1.1", "due": "Mar-25", "status_value": "on_track", "start": None}
    >>> attrs = decoded(NodeKind.ACTION, row)
    >>> attrs["due"].end, attrs["status_value"], attrs["start"], attrs["ref"]
    (datetime.date(2025, 3, 31), <Status.ON_TRACK: 'on_track'>, None, '1.1')
    """
    fields, as_json = _field_decoders(kind), props.get(JSON_FIELDS) or ()
    found: dict[str, Any] = {}
    for name, value in props.items():
        decode = fields.get(name)
        if name == JSON_FIELDS or value is None or decode is None:
            found[name] = value
        elif name in as_json:
            found[name] = decode(json.loads(value))
        else:
            found[name] = decode(value)
    found.pop(JSON_FIELDS, None)
    return found


def _node_attrs(record: NodeRecord) -> dict[str, Any]:
    """The node attributes ``build_graph`` gives; a field the record lacks was None."""
    kind, props = record.kind, record.props
    as_json = props.get(JSON_FIELDS) or ()
    attrs: dict[str, Any] = {"kind": kind, "ref": props["ref"], "plan": props["plan"]}
    for name, decode in _decoders(kind):
        value = props.get(name)
        if value is None:
            attrs[name] = None
        elif as_json and name in as_json:
            attrs[name] = decode(json.loads(value))
        else:
            attrs[name] = decode(value)
    return attrs


def graph_from_records(nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord]) -> nx.MultiDiGraph:
    """The graph of one plan from its records, as :func:`~graphmodel.graph.build_graph` built
    it: node ids unqualified, nodes and edges in their original order, the per-kind index
    set. Edges whose ends were not read are left out, so a partial read gives the subgraph
    of the node kinds read."""
    nodes = sorted(nodes, key=_seq)
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    local: dict[str, str] = {}
    plans_index: dict[str, dict[NodeKind, list[str]]] = {}
    order: dict[str, int] = {}
    for record in nodes:
        attrs = _node_attrs(record)
        kind = record.kind
        n = node_id(kind, attrs["ref"])
        record_uid = record.props["uid"]
        order[record_uid] = record.props["seq"]
        local[record_uid] = n
        g.add_node(n, **attrs)
        index = plans_index.get(attrs["plan"])
        if index is None:
            index = plans_index[attrs["plan"]] = {k: [] for k in NodeKind}
        index[kind].append(n)
    g.graph[INDEX] = plans_index

    def position(e: EdgeRecord) -> tuple[int, int]:
        return order.get(e.source, -1), e.props.get("k", e.props.get("seq", 0))

    succ = g._succ  # networkx's own dicts: an edge's key is the count of edges between its ends
    for e in sorted(edges, key=position):
        u, v = local.get(e.source), local.get(e.target)
        if u is None or v is None:
            continue
        edge_kind = _EDGE_KIND[e.type]
        props = e.props
        attrs = {"kind": edge_kind, "i": props["i"]}
        role = _ROLE.get(edge_kind)
        if role is not None:
            attrs["role"] = role(props["role"])
        if props.get("basis") is not None:
            attrs["basis"] = Basis(props["basis"])
        if props.get("reason") is not None:
            attrs["reason"] = props["reason"]
        keyed = succ[u].get(v)
        g.add_edge(u, v, len(keyed) if keyed else 0, **attrs)
    return g


def _seq(record: NodeRecord) -> int:
    return int(record.props["seq"])
