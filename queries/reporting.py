"""Reporting chains: who holds whom to account, from an action up to the top board.

Definitions
-----------
``REPORTS_TO`` goes from a priority to its board(s) and from a board to the board(s) it
reports to; a board may report to several (Peterborough's SEND Executive Board reports to
two boards, which both report to the Health and Well-Being Board).

* A **top board** reports to no board and has a priority or a board reporting to it. A board
  with neither is **unconnected**: the plan does not say where it fits (a board that only
  receives progress reports, say), so it is no top of anything and counts as unreachable.
* A **route** goes up ``REPORTS_TO`` one board at a time to a top board: priority → one of its
  boards → … → a top board. Every simple route is listed, slowest first, at most
  ``max_routes`` per start (then :attr:`Chain.truncated` is set; a route that reaches the top
  is always kept when there is one, and so is the slowest).
* From an **action**: the action, then the routes of its priority (its own, else its
  objective's); an action in no priority (a tracker with no workstreams) goes up through its
  owners instead: action → owner → … (a board that owns it, or a person's or organisation's own
  routes, as below). From a **person** or **organisation**: the party, then the routes of the
  priorities they sponsor or lead, of the priorities of the actions they own, and of the boards
  they sit on, each start once. From a **priority** or **board**: its own routes.
* A **reporting cycle** is a group of boards reporting to each other in a circle (a board
  reporting to itself is one): a strongly connected component, refs in document order. A
  route stops at the first cycle board it meets and does not reach the top, even if another
  board of the cycle reports elsewhere: accountability goes round in a circle there.
* **Unreachable**: the priorities and boards none of whose routes reaches a top board: a
  priority that reports to no board, an unconnected board, every cycle board, and all that
  report only into cycles.
* **Latency**: a slipped action waits for the next meeting of each board on the way up, up to
  :attr:`~graphmodel.model.Cadence.days` per board, so news takes up to the sum of the cadence
  days of the route's boards to reach the top. It is None when the route does not reach the
  top or a board on it has no cadence (``known_days`` sums the known ones, ``unknown_cadence``
  names the others). A chain's latency is that of its slowest route, if known.
* The **governance tree** is the top-down picture: each top board with the boards and then
  the priorities that report to it, nested; a board reporting to several boards is shown in
  full once and marked ``repeated`` elsewhere, so the tree stays as small as the plan.

Each board's routes are computed once per plan, from the top boards down the board DAG
(cycle boards end routes), so the chains of a whole plan cost little more than their size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import networkx as nx

from graphmodel.cycles import cycles
from graphmodel.errors import UsageError
from graphmodel.graph import in_edges_by_kind, nodes_of, resolve_plan
from graphmodel.model import Cadence, MemberRole
from graphmodel.parties import name_of
from graphmodel.schema import EdgeKind, NodeKind, node_id, split_node_id
from graphmodel.serialise import JsonResult, json_meta, json_value
from queries.hints import ref_hint
from queries.links import action_priority, out_nodes, owners_of

__all__ = [
    "Chain",
    "Governance",
    "ReportingRows",
    "Route",
    "Step",
    "TreeNode",
    "Unit",
    "chain",
    "chain_of",
    "governance",
    "governance_of",
    "labels_of",
    "owner_starts",
    "parse_start",
    "pick_start",
    "reporting_rows",
    "start_by_name",
    "unit_of",
]

_PARTIES = (NodeKind.PERSON, NodeKind.ORGANISATION)
_STARTS = (NodeKind.BOARD, NodeKind.PRIORITY, NodeKind.ACTION, *_PARTIES)
_WHAT = "board, priority, action, person or organisation"
_B = NodeKind.BOARD
Key = tuple[NodeKind, str]
"""A node of one plan: its kind and ref."""
_Raw = tuple[tuple[Key, ...], int, bool]  # nodes, known cadence days, reaches the top


@dataclass(frozen=True)
class Step(JsonResult):
    """One node on a route: a board with its chair, deputy and cadence; a priority with its
    sponsor's and leads' names; an action with its owners' names (``people``)."""

    kind: NodeKind
    ref: str
    name: str
    chair: str | None = None
    deputy_chair: str | None = None
    cadence: str | None = None
    people: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Route(JsonResult):
    """One way up; ``ends_in_cycle`` when it stopped at a board of a reporting cycle. In
    JSON, the refs of the route (``path``) come first and its ``steps`` last."""

    JSON_ORDER = (
        *("path", "reaches_top", "latency_days", "known_days", "unknown_cadence"),
        *("ends_in_cycle", "steps"),
    )

    steps: list[Step]
    reaches_top: bool
    latency_days: int | None
    known_days: int
    unknown_cadence: list[str]
    ends_in_cycle: bool = False

    @property
    def path(self) -> list[str]:
        return [s.ref for s in self.steps]


@dataclass(frozen=True)
class Chain(JsonResult):
    """The routes up from one node, slowest first (never empty: a node that reports nowhere
    has the one route of itself, which does not reach the top). In JSON, ``start`` is
    ``from``, followed by the computed ``path``, ``reaches_top`` and ``latency_days``."""

    JSON_ORDER = ("start", "kind", "path", "reaches_top", "latency_days", "truncated", "routes")

    start: str = field(metadata=json_meta(key="from"))
    kind: NodeKind
    routes: list[Route]
    truncated: bool = False

    @property
    def path(self) -> list[str]:
        """The refs of the first, slowest route."""
        return self.routes[0].path

    @property
    def reaches_top(self) -> bool:
        return any(r.reaches_top for r in self.routes)

    @property
    def latency_days(self) -> int | None:
        """The slowest route's latency: None if no route reaches the top or one that does
        has a board of unknown cadence."""
        up = [r.latency_days for r in self.routes if r.reaches_top]
        return None if not up or None in up else max(d for d in up if d is not None)


@dataclass(frozen=True)
class TreeNode:
    """A board with the boards and priorities reporting to it. A board reporting to several
    boards is shown in full under the first and as ``repeated`` (no children) elsewhere."""

    kind: NodeKind
    ref: str
    name: str
    chair: str | None = None
    cadence: str | None = None
    children: list[TreeNode] = field(default_factory=list)
    repeated: bool = False


def _tree_json(trees: list[TreeNode]) -> list[dict[str, Any]]:
    """The board trees as JSON, built without recursion (a hook rather than the general
    rule, which recurses): boards may report to each other many levels deep."""
    out: list[dict[str, Any]] = []
    stack = [(t, out) for t in reversed(trees)]
    while stack:
        node, into = stack.pop()
        into.append({**json_value(replace(node, children=[])), "children": []})
        stack.extend((c, into[-1]["children"]) for c in reversed(node.children))
    return out


@dataclass(frozen=True)
class Governance(JsonResult):
    """A plan's reporting structure: one chain per priority, then per board (document order).

    :meth:`to_dict` is plain JSON: the ``reporting`` part of the audit contract, plus
    extras."""

    JSON_ORDER = ("plan", "chains", "unreachable", "cycles", "top_boards", "tree")

    plan: str
    chains: list[Chain]
    top_boards: list[str]
    tree: list[TreeNode] = field(metadata=json_meta(encode=_tree_json))
    unreachable: list[str]
    cycles: list[list[str]]


class Unit(NamedTuple):
    """A node as the routes see it: its :class:`Step` and the nodes it reports up to, in
    order -- a board's or priority's boards, an action's priority, a party's starts."""

    step: Step
    up: tuple[Key, ...]

    @property
    def key(self) -> Key:
        return self.step.kind, self.step.ref


@dataclass(frozen=True)
class ReportingRows:
    """What the reporting chains of a plan rest on: its boards and priorities in document
    order, each with its step and what it reports to. Gathered from a graph
    (:func:`reporting_rows`) or by Cypher on a database (:mod:`queries.server_reporting`);
    :func:`chain_of` and :func:`governance_of` turn them into the answers, so the rules of
    routes, cycles, latency and the tree exist once."""

    plan: str
    boards: list[Unit]
    priorities: list[Unit]


class _Routes:
    """One plan's boards, their cycles and memoised routes to the top."""

    def __init__(self, rows: ReportingRows, max_routes: int) -> None:
        if max_routes < 1:
            raise ValueError(f"max_routes must be at least 1, not {max_routes}")
        self.rows, self.max_routes = rows, max_routes
        self.units: dict[Key, Unit] = {u.key: u for u in [*rows.boards, *rows.priorities]}
        self.boards = [u.step.ref for u in rows.boards]
        dag = nx.DiGraph()
        dag.add_nodes_from(self.boards)
        dag.add_edges_from((b, up) for b in self.boards for _, up in self.up((_B, b)))
        order = {b: i for i, b in enumerate(self.boards)}
        self.cycles = cycles(dag.edges, order)
        self.in_cycle = {b for c in self.cycles for b in c}
        dag.remove_nodes_from(self.in_cycle)
        self.memo: dict[str, tuple[list[_Raw], bool]] = {
            b: ([(((_B, b),), self.days((_B, b)), False)], False) for b in self.in_cycle
        }
        reported_to = {ref for u in self.units.values() for _, ref in u.up}
        for b in reversed(list(nx.topological_sort(dag))):
            ups = [self.memo[u] for _, u in self.up((_B, b))]
            top = b in reported_to  # reports nowhere: a top board only if something reports to it
            key: Key = (_B, b)
            alone: list[_Raw] = [((key,), self.days(key), top)]
            self.memo[b] = self.extend(key, ups) if ups else (alone, False)

    def up(self, key: Key) -> list[Key]:
        return list(dict.fromkeys(self.units[key].up))

    def days(self, key: Key) -> int:
        cadence = self.units[key].step.cadence if key[0] is _B else None
        return Cadence(cadence).days if cadence else 0

    def extend(self, head: Key, ups: Iterable[tuple[list[_Raw], bool]]) -> tuple[list[_Raw], bool]:
        """``head`` followed by each of the routes ``ups``: reaching the top and slowest first."""
        days, truncated, routes = self.days(head), False, []
        for raws, cut in ups:
            truncated |= cut
            routes += [((head, *nodes), known + days, top) for nodes, known, top in raws]
        routes.sort(key=lambda r: (not r[2], -r[1]))
        return routes[: self.max_routes], truncated or len(routes) > self.max_routes

    def routes(self, unit: Unit) -> tuple[list[_Raw], bool]:
        if unit.step.kind is _B:
            return self.memo[unit.step.ref]
        starts = list(dict.fromkeys(unit.up))
        if not starts:
            return [((unit.key,), 0, False)], False
        return self.extend(unit.key, (self.routes(self.units[s]) for s in starts))

    def chain(self, unit: Unit) -> Chain:
        raws, truncated = self.routes(unit)
        routes = []
        for keys, known, top in raws:
            steps = [unit.step if k == unit.key else self.units[k].step for k in keys]
            unknown = [s.ref for s in steps if s.kind is _B and s.cadence is None]
            latency = known if top and not unknown else None
            ends = keys[-1][0] is _B and keys[-1][1] in self.in_cycle
            routes.append(Route(steps, top, latency, known, unknown, ends_in_cycle=ends))
        return Chain(unit.step.ref, unit.step.kind, routes, truncated)

    def tree(self, tops: list[str]) -> list[TreeNode]:
        below: dict[Key, list[Key]] = {(_B, b): [] for b in self.boards}
        for u in [*self.rows.boards, *self.rows.priorities]:
            for b in self.up(u.key):
                if b != u.key:
                    below[b].append(u.key)
        entries: list[tuple[Key, bool, list[int]]] = []  # preorder: node, repeated, children
        roots: list[int] = []
        seen: set[Key] = set()
        stack: list[tuple[Key, int | None]] = [((_B, t), None) for t in reversed(tops)]
        while stack:
            key, parent = stack.pop()
            repeated = key in seen
            entries.append((key, repeated, []))
            (roots if parent is None else entries[parent][2]).append(len(entries) - 1)
            if key in below and not repeated:
                seen.add(key)
                stack.extend((c, len(entries) - 1) for c in reversed(below[key]))
        built: dict[int, TreeNode] = {}
        for i in reversed(range(len(entries))):  # children come after their parent
            key, repeated, kids = entries[i]
            s = self.units[key].step
            children = [built[k] for k in kids]
            built[i] = TreeNode(s.kind, s.ref, s.name, s.chair, s.cadence, children, repeated)
        return [built[r] for r in roots]


def _in_people(
    graph: nx.MultiDiGraph, node: str, kind: EdgeKind, role: MemberRole | None = None
) -> list[str]:
    found = sorted(
        (d["i"], u)
        for u, d in in_edges_by_kind(graph, node).get(kind, ())
        if role is None or d.get("role") is role
    )
    return [name_of(graph.nodes[u]) for _, u in found]


def _party_starts(graph: nx.MultiDiGraph, party: str) -> list[str]:
    found = out_nodes(graph, party, EdgeKind.SPONSORS) + out_nodes(graph, party, EdgeKind.LEADS)
    for action, _, d in graph.in_edges(party, data=True):
        if d["kind"] is EdgeKind.OWNED_BY:
            found.append(action_priority(graph, action) or "")
    found += out_nodes(graph, party, EdgeKind.MEMBER_OF, NodeKind.BOARD)
    return [n for n in dict.fromkeys(found) if n]


def unit_of(graph: nx.MultiDiGraph, node: str) -> Unit:
    """The :class:`Unit` of a board, priority, action, person or organisation of ``graph``."""
    d = graph.nodes[node]
    kind: NodeKind = d["kind"]
    extra: dict[str, Any] = {}
    if kind is NodeKind.BOARD:
        chair = _in_people(graph, node, EdgeKind.MEMBER_OF, MemberRole.CHAIR)
        deputy = _in_people(graph, node, EdgeKind.MEMBER_OF, MemberRole.DEPUTY_CHAIR)
        extra = {"chair": chair[0] if chair else None}
        extra["deputy_chair"] = deputy[0] if deputy else None
        extra["cadence"] = d["cadence"].value if d.get("cadence") else None
    elif kind is NodeKind.PRIORITY:
        people = _in_people(graph, node, EdgeKind.SPONSORS)
        extra = {"people": people + _in_people(graph, node, EdgeKind.LEADS)}
    elif kind is NodeKind.ACTION:
        owners = [o for o, _ in owners_of(graph, node)]
        extra = {"people": [name_of(graph.nodes[o]) for o in owners]}
    if kind in (NodeKind.BOARD, NodeKind.PRIORITY):
        up = out_nodes(graph, node, EdgeKind.REPORTS_TO, NodeKind.BOARD)
    elif kind is NodeKind.ACTION:
        priority = action_priority(graph, node)
        up = [priority] if priority is not None else list(dict.fromkeys(owners))
    else:
        up = _party_starts(graph, node)
    nodes = graph.nodes
    return Unit(
        Step(kind, str(d["ref"]), name_of(d), **extra),
        tuple((nodes[n]["kind"], str(nodes[n]["ref"])) for n in up),
    )


def reporting_rows(graph: nx.MultiDiGraph, plan: str) -> ReportingRows:
    """The :class:`ReportingRows` of one plan of ``graph``."""
    return ReportingRows(
        plan,
        [unit_of(graph, b) for b in nodes_of(graph, NodeKind.BOARD, plan)],
        [unit_of(graph, p) for p in nodes_of(graph, NodeKind.PRIORITY, plan)],
    )


def parse_start(node: str) -> tuple[list[NodeKind], str]:
    """The kinds a chain's start may be and its ref: ``"kind:ref"`` names one kind, a bare ref
    any of a board, priority, action, person and organisation. Raises
    :class:`~graphmodel.errors.UsageError` for a kind no chain starts at."""
    head, _, ref = node.partition(":")
    named = [k for k in NodeKind if k.value == head.strip()]
    if named and named[0] not in _STARTS:
        raise UsageError(f"a chain starts at a {_WHAT}, not at a {named[0].value}")
    return ([named[0]], ref.strip()) if named else (list(_STARTS), node.strip())


def pick_start(
    plan: str, kinds: list[NodeKind], ref: str, found: list[NodeKind], refs: Callable[[], list[str]]
) -> NodeKind:
    """The one kind of ``found`` (the ``kinds`` with a node ``ref`` in ``plan``). Raises
    :class:`~graphmodel.errors.UsageError` when ``ref`` names several (how to write each) or
    none (close matches among ``refs()``, the refs of ``kinds`` in document order)."""
    if len(found) == 1:
        return found[0]
    if found:
        spelled = " or ".join(f"'{k.value}:{ref}'" for k in found)
        raise UsageError(f"{ref!r} is a {', a '.join(k.value for k in found)}; write {spelled}")
    hint = ref_hint(ref, refs())
    what = kinds[0].value if len(kinds) == 1 else _WHAT
    raise UsageError(f"no {what} {ref!r} in plan {plan!r}; {hint}")


def labels_of(entity: Mapping[str, Any] | object) -> list[Any]:
    """What a node is called, as :func:`start_by_name` matches it: its name, title, post
    and aliases (a node's attribute dict, a decoded database row, or a model entity).

    >>> labels_of({"ref": "spb", "name": "SEND Board", "aliases": ["SPB"]})
    ['SEND Board', None, None, 'SPB']
    """

    def get(key: str) -> Any:
        if isinstance(entity, Mapping):
            return entity.get(key)
        return getattr(entity, key, None)

    return [get("name"), get("title"), get("post"), *(get("aliases") or ())]


def start_by_name(
    text: str, labelled: Iterable[tuple[NodeKind, str, Iterable[str | None]]]
) -> Key | None:
    """The one node whose name, title, post or alias is ``text`` (case and spacing aside),
    for a chain started by what people call it (``"SEND Improvement Board"``, ``"Ann
    Smith"``) rather than its ref; None when none is. ``labelled`` gives each candidate's
    kind, ref and labels. Raises :class:`~graphmodel.errors.UsageError` when several are.

    >>> start_by_name("send board", [(NodeKind.BOARD, "spb", ["SEND Board"])])
    (<NodeKind.BOARD: 'board'>, 'spb')
    """
    key = " ".join(text.casefold().split())
    found = list(
        dict.fromkeys(
            (kind, ref)
            for kind, ref, labels in labelled
            if any(label and " ".join(label.casefold().split()) == key for label in labels)
        )
    )
    if len(found) > 1:
        spelled = " or ".join(f"'{k.value}:{r}'" for k, r in found)
        raise UsageError(f"{text!r} names {len(found)} nodes; write {spelled}")
    return found[0] if found else None


def _resolve(graph: nx.MultiDiGraph, node: str, plan: str) -> str:
    prefix = split_node_id(nodes_of(graph, NodeKind.PLAN, plan)[0])[0]
    kinds, ref = parse_start(node)
    found = [k for k in kinds if node_id(k, ref, prefix) in graph]
    if not found:
        labelled = (
            (k, str(d["ref"]), labels_of(d))
            for k in kinds
            for d in (graph.nodes[n] for n in nodes_of(graph, k, plan))
        )
        named = start_by_name(ref, labelled)
        if named is not None:
            return node_id(*named, prefix)

    def refs() -> list[str]:
        return [str(graph.nodes[n]["ref"]) for k in kinds for n in nodes_of(graph, k, plan)]

    return node_id(pick_start(plan, kinds, ref, found, refs), ref, prefix)


def chain_of(
    rows: ReportingRows, start: Unit, *, parties: Iterable[Unit] = (), max_routes: int = 20
) -> Chain:
    """The :class:`Chain` up from ``start`` (one of ``rows``' boards or priorities, or an
    action or party with its starts), the pure end of :func:`chain`; ``parties`` are the
    units of the people and organisations an action in no priority goes up through."""
    routes = _Routes(rows, max_routes)
    routes.units.update((u.key, u) for u in parties)
    return routes.chain(start)


def owner_starts(start: Unit) -> list[Key]:
    """The people and organisations an action's chain goes up through (it is in no
    priority, so it reports through its owners); none for any other start."""
    if start.step.kind is not NodeKind.ACTION:
        return []
    return [k for k in start.up if k[0] in _PARTIES]


def governance_of(rows: ReportingRows, *, max_routes: int = 20) -> Governance:
    """The :class:`Governance` of the plan of ``rows``, the pure end of :func:`governance`."""
    p = _Routes(rows, max_routes)
    chains = [p.chain(u) for u in [*rows.priorities, *rows.boards]]
    tops = [b for b in p.boards if b not in p.in_cycle and not p.up((_B, b)) and p.memo[b][0][0][2]]
    return Governance(
        plan=rows.plan,
        chains=chains,
        top_boards=tops,
        tree=p.tree(tops),
        unreachable=[c.start for c in chains if not c.reaches_top],
        cycles=p.cycles,
    )


def chain(
    graph: nx.MultiDiGraph, node: str, plan: str | None = None, *, max_routes: int = 20
) -> Chain:
    """The routes up ``REPORTS_TO`` from one node to the top board(s), slowest first.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph built by :func:`graphmodel.build_graph` or :func:`graphmodel.build_graphs`.
    node : str
        A ref (``"P1"``, ``"1.2"``, ``"spb"``), looked up as a board, priority, action, person
        and organisation, or ``"kind:ref"`` (``"person:dcs"``, ``"board:hwb"``); when no ref
        matches, what the node is called: a name, title, post or alias (``"SEND
        Improvement Board"``, ``"board:SEND Improvement Board"``).
    plan : str, optional
        The plan's id; may be omitted when the graph holds one plan.
    max_routes : int, default 20
        The most routes listed; :attr:`Chain.truncated` says when there were more.

    Raises
    ------
    ValueError
        When ``node`` names several kinds of node (listing them) or none (suggesting refs),
        or ``plan`` is missing or unknown.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "people": [{"ref": "ann", "name": "Ann Lee"}],
    ...     "boards": [{"ref": "hwb", "name": "HWB", "cadence": "quarterly"},
    ...                {"ref": "spb", "name": "SEND Board", "reports_to": ["hwb"],
    ...                 "chair": "ann", "cadence": "monthly"}],
    ...     "priorities": [{"ref": "P1", "title": "EHC plans", "reports_to": ["spb"]}],
    ...     "actions": [{"ref": "1.1", "text": "Recruit", "priority": "P1"}]}))
    >>> c = chain(g, "1.1")
    >>> c.path, c.latency_days, c.routes[0].steps[2].chair
    (['1.1', 'P1', 'spb', 'hwb'], 123, 'Ann Lee')
    >>> chain(g, "person:ann").path
    ['ann', 'spb', 'hwb']
    """
    plan = resolve_plan(graph, plan)
    start = _resolve(graph, node, plan)
    unit = unit_of(graph, start)
    prefix = split_node_id(start)[0]
    parties = [unit_of(graph, node_id(k, ref, prefix)) for k, ref in owner_starts(unit)]
    return chain_of(reporting_rows(graph, plan), unit, parties=parties, max_routes=max_routes)


def governance(
    graph: nx.MultiDiGraph, plan: str | None = None, *, max_routes: int = 20
) -> Governance:
    """The reporting structure of a plan: a chain from every priority and board, the top
    boards and the tree below them, the unreachable priorities and boards, the cycles.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph built by :func:`graphmodel.build_graph` or :func:`graphmodel.build_graphs`.
    plan : str, optional
        The plan's id; may be omitted when the graph holds one plan.
    max_routes : int, default 20
        The most routes listed per chain.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "boards": [{"ref": "hwb", "name": "HWB"}, {"ref": "spb", "name": "SEND Board",
    ...                 "reports_to": ["hwb"]}, {"ref": "a", "name": "A", "reports_to": ["a"]}],
    ...     "priorities": [{"ref": "P1", "title": "EHC plans", "reports_to": ["spb"]},
    ...                    {"ref": "P2", "title": "Waits"}]}))
    >>> gov = governance(g)
    >>> gov.top_boards, gov.unreachable, gov.cycles
    (['hwb'], ['P2', 'a'], [['a']])
    >>> [(t.ref, [c.ref for c in t.children]) for t in gov.tree[0].children]
    [('spb', ['P1'])]
    >>> gov.to_dict()["chains"][0]["path"]
    ['P1', 'spb', 'hwb']
    """
    return governance_of(reporting_rows(graph, resolve_plan(graph, plan)), max_routes=max_routes)
