"""What a picture is made of: nodes, edges and a legend, with every word taken from the graph.

A :class:`View` is plain data that :mod:`visualise.page` writes as a vis-network page. Node
tooltips (``title``) are plain text, lines separated by ``\\n``; vis-network shows a string
title as text, so plan text can never become markup. Names come only from the graph a view is
built from, so a redacted plan gives a redacted picture.

>>> from graphmodel import Plan, build_graph
>>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
...     "people": [{"ref": "p", "post": "Head of SEND"}],
...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "Slow plans"}],
...     "measures": [{"ref": "M1", "text": "Plans in 20 weeks"}],
...     "actions": [{"ref": "1.1", "text": "Recruit", "due": "Dec-24", "addresses": ["F1"],
...                  "owners": ["person:p"], "status": "Green", "measures": ["M1"]}]}))
>>> print(tooltip(g, "action:1.1"))
Action 1.1
Recruit
Owners: Head of SEND
Due: Dec-24
Status: Green
Measured by: M1 (Plans in 20 weeks)
Addresses: F1
>>> display_name(g, "person:p")
'Head of SEND'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphmodel.graph import out_nodes
from graphmodel.parties import name_of
from graphmodel.schema import EdgeKind, NodeKind
from queries.links import (
    action_priority,
    answerable_owners,
    due_period,
    has_measure,
    owners_of,
)

if TYPE_CHECKING:
    from queries.overload import OverloadRule

__all__ = [
    "KIND_STYLE",
    "KIND_WORDS",
    "Edge",
    "LegendItem",
    "Mark",
    "Node",
    "RowGroup",
    "Style",
    "View",
    "ViewName",
    "display_name",
    "lacks",
    "short",
    "tooltip",
]


class Mark(str, Enum):
    """A word a node (or an edge) carries beyond its kind: drawn on its border, written in
    the legend and, on a timeline, in the marks column. The value is the word shown."""

    FOCUS = "focus"
    CRITICAL = "critical"
    OVERDUE = "overdue"
    HELD_UP = "held up"
    DATE_CONFLICT = "date conflict"
    OVERLOADED = "overloaded"
    KEY_PERSON = "key person"
    UNREACHABLE = "unreachable"
    CYCLE = "cycle"


class RowGroup(str, Enum):
    """Where a row of a timeline belongs: on the critical chain, near it, or the rest
    (hidden until the reader asks for every action)."""

    CRITICAL = "critical"
    NEAR = "near"
    REST = "rest"


class ViewName(str, Enum):
    """The pictures a page can show: the five of ``actiongraph viz --view`` and the
    overview a large network opens on (:mod:`visualise.overview`)."""

    NETWORK = "network"
    COVERAGE = "coverage"
    CRITICAL_PATH = "critical-path"
    PEOPLE = "people"
    GOVERNANCE = "governance"
    OVERVIEW = "overview"


@dataclass(frozen=True)
class Style:
    """How one group of nodes looks: vis-network shape, fill and border colour, and the
    word the legend uses for it."""

    shape: str
    fill: str
    border: str
    word: str
    font: str = "#1b1b1b"


# Shapes differ as well as colours, so kinds are told apart in print and by colour-blind eyes.
KIND_STYLE: dict[NodeKind, Style] = {
    NodeKind.FINDING: Style("box", "#fde2b8", "#b35900", "finding"),
    NodeKind.PRIORITY: Style("box", "#1f5fbf", "#0d3473", "priority", "#ffffff"),
    NodeKind.OBJECTIVE: Style("ellipse", "#dbe9ff", "#1f5fbf", "objective"),
    NodeKind.ACTION: Style("box", "#ffffff", "#4a4a4a", "action"),
    NodeKind.MILESTONE: Style("diamond", "#9e9e9e", "#4a4a4a", "milestone"),
    NodeKind.MEASURE: Style("triangle", "#b7e4c7", "#2d6a4f", "measure"),
    NodeKind.PERSON: Style("dot", "#c9a0dc", "#6a1b9a", "person or post"),
    NodeKind.ORGANISATION: Style("square", "#80cbc4", "#00695c", "organisation"),
    NodeKind.BOARD: Style("hexagon", "#455a64", "#263238", "board"),
    NodeKind.PLAN: Style("star", "#ffd54f", "#8d6e00", "plan"),
}


@dataclass
class Node:
    """One node of a picture.

    ``layer`` is its column (or row, top-down) in a layered layout and ``order`` its first
    place in that layer; ``x`` with ``y`` fix its place instead (a tree drawn by its
    builder).
    ``priority`` and ``status`` feed the page's filters; ``marks`` are words shown on the
    border and in the legend (critical, overdue, overloaded, unreachable, ...).
    On a timeline, ``text`` is its wording, ``start`` and ``finish`` its projected dates,
    ``due`` its written due date when the schedule moved its finish later,
    ``slack`` its days of slack and ``group`` (a :class:`RowGroup`) whether it is on the
    critical chain, near it or the rest; in the people view ``load`` is the party's
    :class:`~queries.overload.OwnerLoad`.
    """

    id: str
    label: str
    kind: NodeKind
    title: str
    style: Style
    ref: str = ""
    layer: int = 0
    order: float = 0.0
    x: float | None = None
    y: float | None = None
    size: int = 16
    priority: str = ""
    status: str = ""
    marks: list[Mark] = field(default_factory=list)
    text: str = ""
    start: date | None = None
    finish: date | None = None
    due: date | None = None
    slack: int | None = None
    group: RowGroup | None = None
    load: Any = None


@dataclass(frozen=True)
class Edge:
    """One edge; ``label`` is shown on hover, ``mark`` highlights it (critical, cycle)."""

    source: str
    target: str
    label: str
    dashed: bool = False
    mark: Mark | None = None


@dataclass(frozen=True)
class LegendItem:
    """One line of the legend: a style and what it means."""

    style: Style
    meaning: str
    mark: Mark | None = None


@dataclass
class View:
    """A picture ready to lay out and render.

    ``direction`` is ``"LR"`` (layers left to right) or ``"UD"`` (top-down).
    ``notes`` are sentences shown above the picture (what was left out, and why);
    ``as_of`` is the day a timeline judges overdue, ``rule`` the overload rule of a people
    view and ``limits`` its lines: ``(open actions, words)`` where a person is overloaded;
    ``priorities`` the plan's priority titles by ref, for an overview's boxes when a
    ``--focus`` leaves the priorities themselves out.
    """

    name: ViewName
    title: str
    nodes: list[Node]
    edges: list[Edge]
    legend: list[LegendItem]
    direction: str = "LR"
    notes: list[str] = field(default_factory=list)
    hidden: int = 0
    as_of: date | None = None
    rule: OverloadRule | None = None
    limits: list[tuple[float, str]] = field(default_factory=list)
    priorities: dict[str, str] = field(default_factory=dict)


def display_name(graph: nx.MultiDiGraph, node: str) -> str:
    """What a node is called: a person's name (else their post), an organisation's or board's
    name, a priority's title, else its text, else its ref."""
    return name_of(graph.nodes[node])


def short(text: str, limit: int = 48) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis.

    >>> short("Leaders should improve the timeliness and quality of EHC plans.", 30)
    'Leaders should improve the…'
    >>> short("SEND Improvement Board workstream group 2", 34)  # a whole last word stays
    'SEND Improvement Board workstream…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1] if text[limit - 1] == " " else text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + "…"


KIND_WORDS = {  # a kind of node in words: one, several
    NodeKind.FINDING: ("finding", "findings"),
    NodeKind.PRIORITY: ("priority", "priorities"),
    NodeKind.OBJECTIVE: ("objective", "objectives"),
    NodeKind.ACTION: ("action", "actions"),
    NodeKind.MILESTONE: ("milestone", "milestones"),
    NodeKind.MEASURE: ("measure", "measures"),
    NodeKind.PERSON: ("person or post", "people or posts"),
    NodeKind.ORGANISATION: ("organisation", "organisations"),
    NodeKind.BOARD: ("board", "boards"),
    NodeKind.PLAN: ("plan", "plans"),
}


def _shared(lists: list[list[str]]) -> int:
    """How many items all of ``lists`` begin with alike."""
    n = 0
    while all(len(w) > n and w[n] == lists[0][n] for w in lists):
        n += 1
    return n


def distinct(names: list[str], limit: int) -> list[str]:
    """``names`` each cut to about ``limit`` characters (:func:`short`) so that different
    names stay different: where several would read the same, the words they share at the
    start and at the end give way to an ellipsis and the words that tell them apart are
    kept.

    >>> distinct(["SEND Improvement Board workstream 1 (co-chaired with parents)",
    ...           "SEND Improvement Board workstream 2 (co-chaired with parents)",
    ...           "Health and Wellbeing Board"], 24)
    ['SEND Improvement … 1 …', 'SEND Improvement … 2 …', 'Health and Wellbeing…']
    >>> distinct(["Local Area SEND Improvement Partnership Board",
    ...           "Local Area SEND Improvement Partnership Board Executive"], 34)
    ['Local Area SEND … Board', 'Local Area SEND … Board Executive']
    """
    cut = [short(name, limit) for name in names]
    same: dict[str, set[str]] = {}
    for name, label in zip(names, cut, strict=True):
        same.setdefault(label, set()).add(" ".join(name.split()))
    for label, group in same.items():
        if len(group) < 2:
            continue
        words = [name.split() for name in sorted(group)]
        fewest = min(map(len, words))  # every name keeps a word of its own, even a prefix
        start = min(_shared(words), fewest - 1)
        end = min(_shared([w[start:][::-1] for w in words]), fewest - start - 1)
        for i, name in enumerate(names):
            if cut[i] == label:
                w = name.split()
                middle = " ".join(w[start : len(w) - end])
                head = short(" ".join(w[:start]), max(limit - len(middle) - 2, 8)).rstrip("…")
                lead = f"{head} … " if head else ""
                cut[i] = lead + short(middle, limit) + (" …" if end else "")
    return cut


def _period(value: Any) -> str | None:
    return None if value is None else str(value)


def tooltip(graph: nx.MultiDiGraph, node: str, extra: list[str] | None = None) -> str:
    """The facts of a node as plain-text lines: kind and ref, its text, then owners, dates,
    status, measure and organisation where it has them, then ``extra`` lines."""
    data = graph.nodes[node]
    kind: NodeKind = data["kind"]
    lines = [f"{kind.label} {data.get('ref', '')}"]
    name = display_name(graph, node)
    if name != data.get("ref"):
        lines.append(name)
    if kind is NodeKind.PERSON and data.get("name") and data.get("post"):
        lines.append(f"Post: {data['post']}")
    if kind is NodeKind.ACTION:
        owners = [
            display_name(graph, p) + ("" if role.value == "responsible" else f" ({role.value})")
            for p, role in owners_of(graph, node)
        ]
        lines.append("Owners: " + ("; ".join(owners) if owners else "none"))
    for key, word in (("start", "Start"), ("due", "Due")):
        if (when := _period(data.get(key))) is not None:
            lines.append(f"{word}: {when}")
    if data.get("status"):
        value = data.get("status_value")
        meaning = f" ({value.value.replace('_', ' ')})" if value is not None else ""
        lines.append(f"Status: {data['status']}{meaning}")
    measures = out_nodes(graph, node, EdgeKind.MEASURED_BY)
    if measures:
        named = [f"{graph.nodes[m]['ref']} ({short(display_name(graph, m), 60)})" for m in measures]
        lines.append("Measured by: " + "; ".join(named))
    if kind is NodeKind.ACTION and (missing := lacks(graph, node)):
        lines.append("Lacks, for coverage: " + ", ".join(missing))
    addressed = out_nodes(graph, node, EdgeKind.ADDRESSES)
    if addressed:
        lines.append("Addresses: " + ", ".join(str(graph.nodes[f]["ref"]) for f in addressed))
    for key, word in (("baseline", "Baseline"), ("target", "Target"), ("cadence", "Meets")):
        if data.get(key):
            value = str(getattr(data[key], "value", data[key]))
            lines.append(f"{word}: {value.replace('_', '-') if key == 'cadence' else value}")
    return "\n".join(lines + (extra or []))


def lacks(graph: nx.MultiDiGraph, action: str) -> list[str]:
    """What ``action`` lacks to cover a finding, of ``owner``, ``due`` and ``measure`` in
    that order (the definitions of :mod:`queries.coverage`, through the public helpers of
    :mod:`queries.links`)."""
    met = {
        "owner": bool(answerable_owners(graph, action)),
        "due": due_period(graph, action) is not None,
        "measure": has_measure(graph, action),
    }
    return [need for need in ("owner", "due", "measure") if not met[need]]


def priority_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The ref of the priority an action belongs to ('' when none), for the page's filter."""
    found = action_priority(graph, node)
    return "" if found is None else str(graph.nodes[found]["ref"])
