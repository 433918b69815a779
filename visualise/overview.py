"""What a network page shows first, so that its labels can be read without zooming.

vis-network fits the whole picture into its frame; a label drawn at 14 px stays readable
(at least :data:`MIN_LABEL_PX` high) only while the scale is at least ``9 / 14``. When the
laid-out picture is larger than that allows (:func:`fits`), the page opens on an overview:

* the network view: one box per priority (its objectives, actions and milestones) and one
  per remaining kind (findings, measures, people, ...), the links between them counted
  (:func:`groups`); a click opens a group, the search box focuses any node;
* any other view (coverage, say): its first column only (the findings, coloured by
  coverage), a click showing what is linked to a node.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from visualise.views import network_view
>>> v = network_view(build_graph(load_plan("examples/teaching.yaml")))
>>> [n.label.split("\\n")[0] for n in groups(v)[0]][:3]
['Findings', 'P1 · Timely, good quality EHC…', 'P2 · Health services without…']
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from graphmodel.schema import NodeKind
from visualise.layout import layered
from visualise.model import KIND_STYLE, KIND_WORDS, Mark, Node, Style, View, short

__all__ = ["CANVAS", "MIN_LABEL_PX", "fits", "groups", "packs"]

MIN_LABEL_PX = 9.0
FONT_PX = 14.0
CANVAS = (1330.0, 640.0)
"""The frame a page draws in on a 1400 × 1000 window (the ``.network`` box of the CSS)."""
NODE_WIDTH = 190.0  # the widest a label box gets (widthConstraint 180 and the margins)

_GROUPED = (NodeKind.PRIORITY, NodeKind.OBJECTIVE, NodeKind.ACTION, NodeKind.MILESTONE)
_GROUP_LAYER = {
    NodeKind.FINDING: 0,
    NodeKind.ACTION: 1,
    NodeKind.OBJECTIVE: 1,
    NodeKind.MILESTONE: 1,
    NodeKind.MEASURE: 2,
    NodeKind.PERSON: 3,
    NodeKind.ORGANISATION: 4,
    NodeKind.BOARD: 4,
}
_PLURAL = {
    NodeKind.FINDING: "Findings",
    NodeKind.OBJECTIVE: "Objectives with no priority",
    NodeKind.ACTION: "Actions with no priority",
    NodeKind.MILESTONE: "Milestones with no priority",
    NodeKind.MEASURE: "Measures",
    NodeKind.PERSON: "People and posts",
    NodeKind.ORGANISATION: "Organisations",
    NodeKind.BOARD: "Boards",
}


def scale_at_fit(at: dict[str, tuple[float, float]], heights: dict[str, float]) -> float:
    """The zoom vis-network's ``fit`` picks for nodes at ``at``: the frame over the
    picture's extent, never above 1 (measured: within 3% of what vis-network 9 picks)."""
    if not at:
        return 1.0
    xs = [x for x, _ in at.values()]
    tops = [y - heights[n] / 2 for n, (_, y) in at.items()]
    bottoms = [y + heights[n] / 2 for n, (_, y) in at.items()]
    width = max(xs) - min(xs) + NODE_WIDTH
    height = max(bottoms) - min(tops)
    return min(CANVAS[0] / width, CANVAS[1] / max(height, 1.0), 1.0)


def fits(at: dict[str, tuple[float, float]], heights: dict[str, float]) -> bool:
    """Whether labels stay :data:`MIN_LABEL_PX` high when the whole picture is fitted (with
    a tenth to spare, as fonts and boxes differ a little from the estimate)."""
    return FONT_PX * scale_at_fit(at, heights) >= MIN_LABEL_PX * 1.1


def packs(heights: dict[str, float]) -> bool:
    """Whether nodes of these heights, packed in columns 240 px apart (the page's compact
    layout), could be fitted with labels :data:`MIN_LABEL_PX` high (with a tenth to spare):
    their area against the frame's area at that scale."""
    area = sum(h + 24.0 for h in heights.values()) * 240.0
    room = CANVAS[0] * CANVAS[1] / 1.21
    scale = min(math.sqrt(room / max(area, 1.0)), 1.0)
    return FONT_PX * scale >= MIN_LABEL_PX * 1.1


_FOCUS = "group:focus"


def _group_of(n: Node) -> str:
    if Mark.FOCUS in n.marks:  # the node a --focus picture is about stays itself
        return _FOCUS
    if n.kind in _GROUPED and n.priority:
        return f"group:priority:{n.priority}"
    return f"group:{n.kind.value}"


def groups(view: View) -> tuple[list[Node], list[dict[str, Any]], dict[str, str]]:
    """The overview of ``view``: group nodes (laid out in columns), the edges between them
    as vis-network data, and each node's group."""
    member = {n.id: _group_of(n) for n in view.nodes}
    counts: dict[str, Counter[NodeKind]] = {}
    for n in view.nodes:
        counts.setdefault(member[n.id], Counter())[n.kind] += 1
    titles = view.priorities | {
        n.priority: n.text for n in view.nodes if n.kind is NodeKind.PRIORITY
    }
    made: list[Node] = []
    for i, (gid, count) in enumerate(counts.items()):
        what = ", ".join(
            f"{c} {KIND_WORDS[k][c != 1]}"
            for k, c in sorted(count.items(), key=lambda kc: list(NodeKind).index(kc[0]))
            if k is not NodeKind.PRIORITY
        )
        marks: list[Mark] = []
        if gid == _FOCUS:
            centre = next(n for n in view.nodes if member[n.id] == _FOCUS)
            kind, head, what, marks = centre.kind, centre.label, "", [Mark.FOCUS]
            layer = 1 if kind is NodeKind.PRIORITY else _GROUP_LAYER.get(kind, 5)
            base = KIND_STYLE[kind]
            style = Style("box", base.fill, base.border, base.word, base.font)
        elif gid.startswith("group:priority:"):
            ref = gid.removeprefix("group:priority:")
            head = f"{ref} · {short(titles.get(ref, ''), 26)}" if titles.get(ref) else ref
            style, layer = KIND_STYLE[NodeKind.PRIORITY], 1
            kind = NodeKind.PRIORITY
        else:
            kind = NodeKind(gid.removeprefix("group:"))
            head, layer = _PLURAL.get(kind, kind.label), _GROUP_LAYER.get(kind, 5)
            base = KIND_STYLE[kind]
            style = Style("box", base.fill, base.border, base.word, base.font)
        label = f"{head}\n{what}" if what else head
        title = f"{head}\n{what}\nClick to open this group."
        made.append(Node(gid, label, kind, title, style, layer=layer, order=float(i), marks=marks))
    links: Counter[tuple[str, str]] = Counter()
    words: dict[tuple[str, str], Counter[str]] = {}
    for e in view.edges:
        a, b = member[e.source], member[e.target]
        if a != b:
            links[(a, b)] += 1
            words.setdefault((a, b), Counter())[e.label] += 1
    edges = [
        {
            "id": f"g{i}",
            "from": a,
            "to": b,
            "title": f"{n} link(s): "
            + ", ".join(f"{c} {w}" for w, c in sorted(words[(a, b)].items())),
            "width": min(1 + n / 8, 6),
        }
        for i, ((a, b), n) in enumerate(sorted(links.items()))
    ]
    at = layered(made, [(a, b) for a, b in sorted(links)])
    for n in made:
        n.x, n.y = at[n.id]
    return made, edges, member
