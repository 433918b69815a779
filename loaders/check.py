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

from graphmodel.errors import PlanError, Problem, Severity
from graphmodel.graph import build_graph
from graphmodel.schema import EdgeKind, NodeKind
from loaders.base import read_plan


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


def check_plan_file(path: str | os.PathLike[str], *, strict: bool = False) -> PlanCheck:
    """Load ``path`` and report counts and every problem; raises only
    :class:`~graphmodel.errors.UsageError` (missing file, unknown format).

    With ``strict=True`` warnings make the plan invalid too.
    """
    result = read_plan(path)
    report = PlanCheck(str(path), problems=list(result.problems), strict=strict)
    if result.plan is None:
        return report
    plan = result.plan
    report.area, report.title = plan.area, plan.title
    if result.errors:
        return report
    try:
        graph = build_graph(plan)
    except PlanError as e:  # integrity already reported these; keep any it did not
        report.problems += [p for p in e.problems if p not in report.problems]
        return report
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    report.nodes = {k.value: kinds.get(k, 0) for k in NodeKind if k is not NodeKind.PLAN}
    edge_kinds = Counter(d["kind"] for _, _, d in graph.edges(data=True))
    report.edges_by_kind = {k.value: edge_kinds[k] for k in EdgeKind if edge_kinds.get(k)}
    return report
