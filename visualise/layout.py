"""Node positions computed before the page opens, so the browser never runs physics.

Measured in headless Chromium: with physics on, 500 nodes had not settled after 50 s; with
fixed positions 5,000 nodes draw in about 4 s. A spring layout of 5,000 nodes took 77 s in
networkx; these layouts are linear or ``n log n`` and take milliseconds.

* :func:`layered`: each node's ``layer`` is a column (``"LR"``) or a row (``"UD"``); nodes of
  a layer are ordered by the mean place of their neighbours in the layers before (two sweeps,
  document order breaking ties), and a layer longer than ``wrap`` is folded into several
  columns so the picture keeps a screen's proportions.
* :func:`tree`: a tidy top-down tree: leaves side by side, parents centred over children.

Every function is deterministic: same view, same positions.

>>> from visualise.model import KIND_STYLE, Node
>>> from graphmodel.schema import NodeKind
>>> s = KIND_STYLE[NodeKind.ACTION]
>>> nodes = [Node("a", "a", NodeKind.ACTION, "", s, layer=0),
...          Node("b", "b", NodeKind.ACTION, "", s, layer=1)]
>>> layered(nodes, [("a", "b")])
{'a': (0.0, 0.0), 'b': (260.0, 0.0)}
>>> height(nodes[0])
42.0
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from visualise.model import Node

__all__ = ["LEVEL", "height", "layered", "tree"]

Position = tuple[float, float]
LAYER_GAP = 260.0  # between columns: a wrapped label is at most 180 px wide
ROW_GAP = 64.0  # between rows: two lines of label and a margin
FOLD_GAP = 240.0  # between the folded columns of one long layer


def layered(
    nodes: list[Node],
    edges: Iterable[tuple[str, str]],
    *,
    direction: str = "LR",
    wrap: int | None = None,
) -> dict[str, Position]:
    """Positions of ``nodes`` in their layers (see the module docstring); ``wrap`` defaults
    to 1.5 times the square root of the number of nodes (at least 25), which keeps the
    picture about as wide as a screen is."""
    if wrap is None:
        wrap = max(25, round(1.5 * math.sqrt(len(nodes))))
    by_layer: dict[int, list[Node]] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: (n.layer, n.order)):
        by_layer[n.layer].append(n)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for u, v in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)
    place: dict[str, float] = {}
    layers = sorted(by_layer)
    for _sweep in range(2):
        for layer in layers:
            row = by_layer[layer]
            keyed = []
            for i, n in enumerate(row):
                seen = [place[m] for m in neighbours[n.id] if m in place and m != n.id]
                keyed.append((sum(seen) / len(seen) if seen else place.get(n.id, i), i, n))
            keyed.sort(key=lambda k: (k[0], k[1]))
            by_layer[layer] = [n for _, _, n in keyed]
            size = max(len(by_layer[layer]) - 1, 1)
            for i, n in enumerate(by_layer[layer]):
                place[n.id] = i / size * 100.0  # a common scale for layers of any length
    positions: dict[str, Position] = {}
    across = 0.0
    for layer in layers:
        row = by_layer[layer]
        folds = max(1, math.ceil(len(row) / wrap))
        per = math.ceil(len(row) / folds)
        for fold in range(folds):
            part = row[fold * per : (fold + 1) * per]
            gaps = [height(n) if direction == "LR" else 200.0 for n in part]
            along = -sum(gaps) / 2
            for n, gap in zip(part, gaps, strict=True):
                at = across + fold * FOLD_GAP
                mid = along + gap / 2
                positions[n.id] = (at, mid) if direction == "LR" else (mid, at)
                along += gap
        across += LAYER_GAP + (folds - 1) * FOLD_GAP
    return positions


def height(n: Node) -> float:
    """The room a node needs in a column: its label's lines (a line holds about 18
    characters at the page's 14 px font and 180 px width limit: measured in Chromium with
    DejaVu Sans, the widest common sans) and, for shapes with the label below, the shape
    itself."""
    lines = sum(_wrapped(part) for part in n.label.split("\n"))
    text = 18.0 * lines + 24.0
    if n.style.shape == "ellipse":  # an ellipse around a label is taller than a box
        return text + 16.0
    return text + (2 * n.size if n.style.shape != "box" else 0.0)


def _wrapped(text: str, width: int = 18) -> int:
    """How many lines ``text`` takes wrapped at word boundaries, ``width`` characters a
    line (a longer word is broken).

    >>> _wrapped("Leaders should improve the timeliness…")
    3
    """
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0
        used = size if not used else used + 1 + size
        while used > width:
            lines, used = lines + 1, used - width
    return lines


LEVEL = 120.0
"""Pixels between two levels of a :func:`tree`."""


def tree(
    roots: list[str], children: dict[str, list[str]], *, leaf_gap: float = 200.0
) -> dict[str, Position]:
    """Top-down tidy positions: ``children`` maps a node to those drawn below it."""
    positions: dict[str, Position] = {}
    next_leaf = 0.0

    def place(node: str, depth: int) -> float:
        nonlocal next_leaf
        kids = [c for c in children.get(node, []) if c not in positions]
        positions[node] = (0.0, 0.0)  # claimed, so a shared child is placed once
        xs = [place(c, depth + 1) for c in kids]
        if xs:
            x = (xs[0] + xs[-1]) / 2
        else:
            x, next_leaf = next_leaf, next_leaf + leaf_gap
        positions[node] = (x, depth * LEVEL)
        return x

    for root in roots:
        if root not in positions:
            place(root, 0)
    return positions
