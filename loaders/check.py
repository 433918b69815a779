"""``actiongraph validate`` as a library call: load, check integrity, build the graph, count.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "p.yaml").write_text("area: X\\ntitle: T\\nactions:\\n- {ref: a, text: A}\\n")
>>> report = check_plan_file(folder / "p.yaml")
>>> report.ok, report.nodes["action"], report.edges
(True, 1, 0)
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graphmodel.errors import PlanError, Problem, Severity
from graphmodel.graph import build_graph
from graphmodel.schema import EdgeKind, NodeKind
from loaders.plans import read_plan
from loaders.result import LoadResult


class _Counts:
    """Stands in for the ``MultiDiGraph`` that :func:`build_graph` fills: it keeps node kinds
    and counts edge kinds, which is all ``validate`` reports, without importing networkx."""

    def __init__(self) -> None:
        self.graph: dict[str, Any] = {}
        self.kinds: dict[str, NodeKind] = {}
        self.edges: Counter[EdgeKind] = Counter()

    def __contains__(self, node: str) -> bool:
        return node in self.kinds

    def add_node(self, node: str, *, kind: NodeKind, **_: Any) -> None:
        self.kinds[node] = kind

    def add_edge(self, u: str, v: str, *, kind: EdgeKind, **_: Any) -> None:
        self.edges[kind] += 1

    def remove_nodes_from(self, nodes: list[str]) -> None:
        for node in nodes:
            self.kinds.pop(node, None)


@dataclass
class PlanCheck:
    """What ``validate`` found in one file: counts per node and edge kind, and problems."""

    path: str
    area: str | None = None
    title: str | None = None
    nodes: dict[str, int] = field(default_factory=dict)
    edges_by_kind: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    strict: bool = False
    """Count warnings as errors."""

    @property
    def edges(self) -> int:
        return sum(self.edges_by_kind.values())

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def ok(self) -> bool:
        failing = self.errors + (self.warnings if self.strict else 0)
        return failing == 0 and bool(self.nodes)


def check_plan_file(
    path: str | os.PathLike[str], *, strict: bool = False, result: LoadResult | None = None
) -> PlanCheck:
    """Load ``path`` (or take its ``result`` already read, as from standard input) and
    report counts and every problem; raises only :class:`~graphmodel.errors.UsageError`
    (missing file, unknown format).

    With ``strict=True`` warnings make the plan invalid too.
    """
    if result is None:
        result = read_plan(path)
    report = PlanCheck(str(path), problems=list(result.problems), strict=strict)
    if result.plan is None:
        return report
    plan = result.plan
    report.area, report.title = plan.area, plan.title
    if result.errors:
        return report
    counts = _Counts()
    try:
        build_graph(plan, counts)
    except PlanError as e:  # integrity already reported these; keep any it did not
        report.problems += [p for p in e.problems if p not in report.problems]
        return report
    kinds = Counter(counts.kinds.values())
    report.nodes = {k.value: kinds.get(k, 0) for k in NodeKind if k is not NodeKind.PLAN}
    report.edges_by_kind = {k.value: counts.edges[k] for k in EdgeKind if counts.edges.get(k)}
    return report
