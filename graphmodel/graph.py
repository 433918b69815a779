"""Building the property graph of a plan, and reading a plan back from it.

:func:`build_graph` turns a :class:`~graphmodel.model.Plan` into a ``networkx.MultiDiGraph``
with the node and edge kinds of :mod:`graphmodel.schema`; :func:`plan_from_graph` is its
exact inverse. Every node carries ``kind`` (a :class:`NodeKind`), ``ref``, ``plan`` (the plan
id) and its entity's own fields; every edge carries ``kind`` (an :class:`EdgeKind`), ``i``
(the position in the list it came from, so order survives) and, for ownership and board
membership, ``role``. A ``DEPENDS_ON``, ``ADDRESSES`` or ``OWNED_BY`` edge that a transcriber
or the importer inferred also carries ``basis`` (:attr:`Basis.INFERRED`) and ``reason``;
an edge without ``basis`` is stated by the document (:func:`edge_basis` reads it). Action
and milestone nodes also carry ``status_value``, the status normalised by the plan's scale,
and ``status_date``, a period the status cell names.

Attribute names that would clash with ``kind`` are prefixed: ``finding_kind``,
``organisation_kind``.

>>> from graphmodel.model import Plan
>>> plan = Plan.model_validate({"area": "X", "title": "T",
...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "t"}],
...     "actions": [{"ref": "A1", "text": "a", "addresses": ["F1"]}]})
>>> g = build_graph(plan)
>>> sorted(g.nodes)
['action:A1', 'finding:F1', 'plan:x']
>>> [(u, v, d["kind"].value) for u, v, d in g.edges(data=True)]
[('action:A1', 'finding:F1', 'ADDRESSES')]
>>> plan_from_graph(g) == plan
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from graphmodel.collector import gc_paused
from graphmodel.errors import PlanError, Problem, Severity, UsageError, in_words
from graphmodel.model import (
    Basis,
    Link,
    Owner,
    OwnerRole,
    PartyRef,
    Plan,
)
from graphmodel.relations import (
    COLLECTIONS,
    ENTITIES,
    Item,
    Relation,
    node_kind_of,
    party_kind_of,
    relations_of,
)
from graphmodel.schema import EdgeKind, NodeKind, node_id

if TYPE_CHECKING:  # networkx takes 150 ms to import: `actiongraph validate` does without it
    import networkx as nx

__all__ = [
    "adjacency_memo",
    "build_graph",
    "build_graphs",
    "edge_basis",
    "in_edges_by_kind",
    "memoised",
    "node_fields",
    "nodes_of",
    "out_edges_by_kind",
    "out_nodes",
    "plan_from_graph",
    "plan_ids",
    "resolve_plan",
]

INDEX = "actiongraph_index"
"""Key in ``graph.graph`` of the per-plan, per-kind node index: plan id -> kind -> node ids
in document order. Queries use it to visit one plan's nodes of one kind without scanning
the whole graph, which keeps an audit of many plans in one graph linear."""

# Plain fields copied to node attributes, per kind (relations become edges).
_FIELDS: dict[NodeKind, tuple[str, ...]] = {
    NodeKind.FINDING: ("text", "derived", "handled_by", "note"),
    NodeKind.PRIORITY: ("title", "outcome", "note"),
    NodeKind.OBJECTIVE: ("text", "note"),
    NodeKind.ACTION: ("text", "start", "due", "status", "resource", "note"),
    NodeKind.MILESTONE: ("text", "due", "status", "note"),
    NodeKind.MEASURE: ("text", "baseline", "target", "due", "note"),
    NodeKind.PERSON: ("name", "post", "aliases", "email", "note"),
    NodeKind.ORGANISATION: ("name", "aliases", "note"),
    NodeKind.BOARD: ("name", "cadence", "aliases", "note"),
}
_PLAN_FIELDS = ("id", "area", "title", "published", "inspection", "status_scale", "source", "note")
_EXTRA_FIELDS: dict[NodeKind, tuple[str, ...]] = {
    NodeKind.FINDING: ("finding_kind",),
    NodeKind.ACTION: ("status_value", "status_date"),
    NodeKind.MILESTONE: ("status_value", "status_date"),
    NodeKind.ORGANISATION: ("organisation_kind",),
}


_ROWS = {
    kind: [
        (r.field, r.many, r.item, r.targets[0], r.edge, r.outgoing, r.role)
        for r in relations_of(kind)
    ]
    for kind in NodeKind
}
"""The relation table's rows per holder kind, as tuples for :func:`build_graph`'s loop."""


def node_fields(kind: NodeKind) -> tuple[str, ...]:
    """The attributes a node of ``kind`` carries besides ``kind``, ``ref`` and ``plan``: its
    entity's fields, then the derived ones (``finding_kind``, ``status_value``, ...).

    >>> node_fields(NodeKind.MILESTONE)
    ('text', 'due', 'status', 'note', 'status_value', 'status_date')
    """
    own = tuple(f for f in _PLAN_FIELDS if f != "id") if kind is NodeKind.PLAN else _FIELDS[kind]
    return own + _EXTRA_FIELDS.get(kind, ())


def edge_basis(data: dict[str, Any]) -> tuple[Basis, str | None]:
    """The basis of an edge (its attribute dict) and its reason: stated unless marked.

    >>> edge_basis({"kind": EdgeKind.DEPENDS_ON, "i": 0})
    (<Basis.STATED: 'stated'>, None)
    """
    return data.get("basis", Basis.STATED), data.get("reason")


def _basis_attrs(basis: Basis, reason: str | None) -> dict[str, Any]:
    """Edge attributes for a link's basis: none for a stated link without a reason."""
    attrs: dict[str, Any] = {}
    if basis is not Basis.STATED:
        attrs["basis"] = basis
    if reason is not None:
        attrs["reason"] = reason
    return attrs


def build_graph(
    plan: Plan, graph: nx.MultiDiGraph | None = None, *, qualified: bool = False
) -> nx.MultiDiGraph:
    """The property graph of ``plan``, added to ``graph`` if given.

    With ``qualified=True`` node ids are prefixed by the plan id so that several plans can
    share one graph (see :func:`build_graphs`). Raises :class:`PlanError` listing every ref
    that points at nothing (run :func:`graphmodel.integrity.plan_problems` first to report
    them with their places).

    ``graph`` may be any object with the ``MultiDiGraph`` methods used here (``add_node``,
    ``add_edge``, ``remove_nodes_from``, ``in`` and ``graph``), as
    :func:`loaders.check.check_plan_file` does to count without networkx.
    """
    if graph is None:
        import networkx as nx

        graph = nx.MultiDiGraph()
    g = graph
    prefix = plan.id if qualified else None

    ids: dict[tuple[NodeKind, str], str] = {}

    def nid(kind: NodeKind, ref: str) -> str:
        # one string object per node id: networkx keeps the ids it is given in its adjacency
        # dicts, and fresh copies per edge took a tenth of the graph's memory
        found = ids.get((kind, ref))
        if found is None:
            found = ids[kind, ref] = node_id(kind, ref, prefix)
        return found

    index: dict[NodeKind, list[str]] = {k: [] for k in NodeKind}
    plans_index = g.graph.setdefault(INDEX, {})
    if plan.id in plans_index:
        raise ValueError(f"the graph already holds a plan with id {plan.id!r}")
    plans_index[plan.id] = index

    def add(kind: NodeKind, entity: Any, **extra: Any) -> None:
        attrs = {f: getattr(entity, f) for f in _FIELDS[kind]}
        node = nid(kind, entity.ref)
        g.add_node(node, kind=kind, ref=entity.ref, plan=plan.id, **attrs, **extra)
        index[kind].append(node)

    plan_node = nid(NodeKind.PLAN, plan.id)
    plan_fields = {f: getattr(plan, f) for f in _PLAN_FIELDS if f != "id"}
    g.add_node(plan_node, kind=NodeKind.PLAN, ref=plan.id, plan=plan.id, **plan_fields)
    index[NodeKind.PLAN].append(plan_node)
    for f in plan.findings:
        add(NodeKind.FINDING, f, finding_kind=f.kind)
    for p in plan.priorities:
        add(NodeKind.PRIORITY, p)
    for o in plan.objectives:
        add(NodeKind.OBJECTIVE, o)
    for a in plan.actions:
        add(NodeKind.ACTION, a, **_status_attrs(plan, a.status))
    for a in plan.actions:
        for milestone in a.milestones:
            add(NodeKind.MILESTONE, milestone, **_status_attrs(plan, milestone.status))
    for measure in plan.measures:
        add(NodeKind.MEASURE, measure)
    for person in plan.people:
        add(NodeKind.PERSON, person)
    for org in plan.organisations:
        add(NodeKind.ORGANISATION, org, organisation_kind=org.kind)
    for b in plan.boards:
        add(NodeKind.BOARD, b)

    missing: list[Problem] = []

    def link(kind: EdgeKind, u: str, v: str, i: int = 0, **attrs: Any) -> None:
        if v not in g or u not in g:
            absent = v if v not in g else u
            missing.append(
                Problem(
                    "ref.unknown",
                    Severity.ERROR,
                    f"{kind.value} edge points at {absent!r}, which is not in the plan",
                    value=absent,
                )
            )
            return
        g.add_edge(u, v, kind=kind, i=i, **attrs)

    for holder, collection in COLLECTIONS.items():
        rows = _ROWS[holder]
        if not rows:
            continue
        for entity in getattr(plan, collection):
            u = nid(holder, entity.ref)
            for field, many, item, target, edge, outgoing, role in rows:
                value = getattr(entity, field)
                if not many:
                    if value is None:
                        continue
                    v = nid(target, value)
                    if outgoing:
                        link(edge, u, v)
                    elif role is None:
                        link(edge, v, u)
                    else:
                        link(edge, v, u, role=role)
                    continue
                for i, x in enumerate(value):
                    attrs: dict[str, Any] = {}
                    if item is Item.REF or item is Item.LINK:
                        v = nid(target, x)
                    elif item is Item.ENTITY:
                        v = nid(target, x.ref)
                    else:
                        if item is Item.OWNER:
                            attrs["role"] = x.role
                            party = x.party
                        else:
                            if role is not None:
                                attrs["role"] = role
                            party = x
                        v = nid(node_kind_of(party.kind), party.ref)
                    # a plan built in code may hold plain refs where links go: stated
                    said = item is Item.OWNER or (item is Item.LINK and isinstance(x, Link))
                    if said and (x.basis is not Basis.STATED or x.reason):
                        attrs.update(_basis_attrs(x.basis, x.reason))
                    if outgoing:
                        link(edge, u, v, i, **attrs)
                    else:
                        link(edge, v, u, i, **attrs)
    if missing:  # leave a shared graph as it was: no half-built plan
        g.remove_nodes_from([n for nodes in index.values() for n in nodes])
        del plans_index[plan.id]
        raise PlanError(missing)
    return g


def _status_attrs(plan: Plan, text: str | None) -> dict[str, Any]:
    """``status_value``: the status normalised by the plan's scale; ``status_date``: a period
    the status cell names ("Completed and in place – Jan 18"), else None."""
    reading = plan.read_status(text)
    if reading is None:
        return {"status_value": None, "status_date": None}
    return {"status_value": reading.value, "status_date": reading.date}


def build_graphs(plans: Iterable[Plan]) -> nx.MultiDiGraph:
    """One graph holding several plans, node ids qualified by plan id."""
    import networkx as nx

    g: nx.MultiDiGraph = nx.MultiDiGraph()
    with gc_paused():
        for plan in plans:
            build_graph(plan, g, qualified=True)
    return g


def plan_ids(graph: nx.MultiDiGraph) -> list[str]:
    """The ids of the plans in ``graph``, in the order they were added."""
    return list(graph.graph.get(INDEX, {}))


T = TypeVar("T")

EdgesByKind = dict[EdgeKind, list[tuple[str, dict[str, Any]]]]
"""A node's edges of each kind, as ``(other end, edge data)`` in the order of their lists."""


def _by_kind(adjacent: dict[str, dict[Any, dict[str, Any]]]) -> EdgesByKind:
    found: dict[EdgeKind, list[tuple[int, str, dict[str, Any]]]] = {}
    for other, keyed in adjacent.items():
        for d in keyed.values():
            found.setdefault(d["kind"], []).append((d["i"], other, d))
    return {k: [(v, d) for _, v, d in sorted(es, key=lambda e: e[0])] for k, es in found.items()}


class _Memo:
    """Edges grouped by kind, per node, for one graph while it is read and not changed."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.out: dict[str, EdgesByKind] = {}
        self.inn: dict[str, EdgesByKind] = {}
        self.answers: dict[Any, Any] = {}


_MEMO: ContextVar[_Memo | None] = ContextVar("actiongraph_adjacency_memo", default=None)


@contextmanager
def adjacency_memo(graph: nx.MultiDiGraph) -> Iterator[None]:
    """Within this block, each node's edges are grouped by kind once and remembered.

    Queries read the same edges many times (an action's owners for coverage, overload and
    the rules); the memo makes each read after the first a dictionary lookup. The graph must
    not change inside the block. Nested blocks on the same graph share one memo.

    >>> from graphmodel.model import Plan
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "actions": [{"ref": "a", "text": "A", "depends_on": ["b"]},
    ...                 {"ref": "b", "text": "B"}]}))
    >>> with adjacency_memo(g):
    ...     out_nodes(g, "action:a", EdgeKind.DEPENDS_ON)
    ['action:b']
    """
    active = _MEMO.get()
    if active is not None and active.graph is graph:
        yield
        return
    token = _MEMO.set(_Memo(graph))
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(graph: nx.MultiDiGraph, key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, remembered under ``key`` inside an :func:`adjacency_memo` block on
    ``graph`` (so several queries of one audit share it); computed afresh outside one.
    The answer is shared: callers must not change it."""
    memo = _MEMO.get()
    if memo is None or memo.graph is not graph:
        return compute()
    if key not in memo.answers:
        memo.answers[key] = compute()
    return memo.answers[key]  # type: ignore[no-any-return]


def out_edges_by_kind(graph: nx.MultiDiGraph, node: str) -> EdgesByKind:
    """``node``'s out-edges grouped by kind, each group in list order (edge attribute ``i``)."""
    return _grouped(graph, node, outgoing=True)


def in_edges_by_kind(graph: nx.MultiDiGraph, node: str) -> EdgesByKind:
    """``node``'s in-edges grouped by kind, each group in list order (edge attribute ``i``)."""
    return _grouped(graph, node, outgoing=False)


def _grouped(graph: nx.MultiDiGraph, node: str, *, outgoing: bool) -> EdgesByKind:
    adjacency = graph._succ if outgoing else graph._pred  # networkx's own dicts: no views
    memo = _MEMO.get()
    if memo is None or memo.graph is not graph:
        return _by_kind(adjacency[node])
    cache = memo.out if outgoing else memo.inn
    found = cache.get(node)
    if found is None:
        found = cache[node] = _by_kind(adjacency[node])
    return found


def out_nodes(
    graph: nx.MultiDiGraph, node: str, kind: EdgeKind, target: NodeKind | None = None
) -> list[str]:
    """Targets of ``node``'s out-edges of ``kind`` (optionally only of node kind ``target``),
    in the order of the list they came from."""
    edges = out_edges_by_kind(graph, node).get(kind, ())
    if target is None:
        return [v for v, _ in edges]
    nodes = graph._node
    return [v for v, _ in edges if nodes[v]["kind"] is target]


def resolve_plan(graph: nx.MultiDiGraph, plan: str | None = None) -> str:
    """``plan`` if the graph holds it; with None, the graph's only plan.

    Raises :class:`UsageError` (a ValueError) naming the plans the graph holds otherwise.
    """
    ids = plan_ids(graph)
    if plan is None:
        if len(ids) != 1:
            raise UsageError(
                f"the graph holds {len(ids)} plans; name one of {in_words(ids, last='or')}"
            )
        return ids[0]
    if plan not in ids:
        raise UsageError(f"no plan {plan!r} in the graph; it holds {in_words(ids)}")
    return plan


def nodes_of(graph: nx.MultiDiGraph, kind: NodeKind, plan: str | None = None) -> list[str]:
    """The node ids of one kind, in document order, of one plan (or of every plan).

    >>> from graphmodel.model import Plan
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "actions": [{"ref": "b", "text": "B"}, {"ref": "a", "text": "A"}]}))
    >>> nodes_of(g, NodeKind.ACTION)
    ['action:b', 'action:a']
    """
    index: dict[str, dict[NodeKind, list[str]]] = graph.graph.get(INDEX, {})
    if plan is not None:
        if plan not in index:
            raise UsageError(f"no plan {plan!r} in the graph; it holds {in_words(list(index))}")
        return list(index[plan][kind])
    return [n for kinds in index.values() for n in kinds[kind]]


_KIND_FIELD = {NodeKind.FINDING: "finding_kind", NodeKind.ORGANISATION: "organisation_kind"}
"""Node attributes that hold an entity's own ``kind`` field."""


def plan_from_graph(graph: nx.MultiDiGraph, plan: str | None = None) -> Plan:
    """The plan stored in ``graph`` (the one with id ``plan`` when several share it)."""
    plan = resolve_plan(graph, plan)
    attrs = graph.nodes

    def value(r: Relation, other: str, d: dict[str, Any]) -> Any:
        ref = str(attrs[other]["ref"])
        if r.item is Item.REF:
            return ref
        if r.item is Item.LINK:
            return Link(ref, *edge_basis(d))
        if r.item is Item.ENTITY:
            return entity(other, attrs[other]["kind"])
        party = PartyRef(kind=party_kind_of(attrs[other]["kind"]), ref=ref)
        if r.item is Item.PARTY:
            return party
        return Owner(
            party=party,
            role=d.get("role", OwnerRole.RESPONSIBLE),
            basis=d.get("basis", Basis.STATED),
            reason=d.get("reason"),
        )

    def related(n: str, r: Relation) -> Any:
        edges = (out_edges_by_kind if r.outgoing else in_edges_by_kind)(graph, n)
        values = [
            value(r, other, d)
            for other, d in edges.get(r.edge, ())
            if attrs[other]["kind"] in r.targets and (r.role is None or d.get("role") is r.role)
        ]
        if r.many:
            return values
        return values[0] if values else None

    def entity(n: str, kind: NodeKind) -> Any:
        data = attrs[n]
        fields = {f: data[f] for f in _FIELDS[kind]}
        if kind in _KIND_FIELD:
            fields["kind"] = data[_KIND_FIELD[kind]]
        for r in relations_of(kind):
            fields[r.field] = related(n, r)
        return ENTITIES[kind](ref=str(data["ref"]), **fields)

    nodes = {k: nodes_of(graph, k, plan) for k in NodeKind}
    plan_node = attrs[nodes[NodeKind.PLAN][0]]
    data: dict[str, Any] = {f: plan_node[f] for f in _PLAN_FIELDS if f != "id"}
    data["id"] = plan
    for kind, collection in COLLECTIONS.items():
        data[collection] = [entity(n, kind) for n in nodes[kind]]
    return Plan(**data)
