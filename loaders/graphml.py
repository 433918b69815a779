"""GraphML export of a plan's property graph, for Gephi, yEd or Cytoscape.

GraphML holds only scalar attributes, so enums become their values, periods their text,
lists ``;``-joined text and nested models JSON. Export only: the canonical formats are the
ones to read back.
"""

from __future__ import annotations

import io
import json
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel

from graphmodel.graph import build_graph
from graphmodel.model import Plan
from graphmodel.periods import Period
from loaders.files import atomic_write_bytes


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Period):
        return value.text
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(str(_scalar(v)) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def graphml_graph(plan: Plan) -> nx.MultiDiGraph:
    """The plan's graph with every attribute made GraphML-safe; ``None`` values omitted."""
    g = build_graph(plan)
    out: nx.MultiDiGraph = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        out.add_node(n, **{k: _scalar(v) for k, v in data.items() if v is not None and v != []})
    for u, v, data in g.edges(data=True):
        out.add_edge(u, v, **{k: _scalar(x) for k, x in data.items() if x is not None})
    return out


def write_graphml(plan: Plan, path: Path) -> None:
    buffer = io.BytesIO()
    nx.write_graphml(graphml_graph(plan), buffer, encoding="utf-8")
    atomic_write_bytes(path, buffer.getvalue())
