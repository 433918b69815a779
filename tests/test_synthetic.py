"""The synthetic plans of the benchmark: valid, of the intended shape, the same for a seed,
and readable back from every format they are written in."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.synthetic import FORMAT_SUFFIX, plan_data, write_plans
from graphmodel.graph import build_graph, build_graphs
from graphmodel.integrity import plan_problems
from graphmodel.model import Plan
from graphmodel.schema import EdgeKind, NodeKind
from loaders.base import read_plan
from queries.audit import audit


@pytest.mark.parametrize("seed", [0, 1, 17, 404])
def test_generated_plans_validate_without_problems(seed: int) -> None:
    plan = Plan.model_validate(plan_data(seed))
    assert plan_problems(plan) == []


def test_same_seed_same_plan_and_other_seeds_differ() -> None:
    assert plan_data(3) == plan_data(3)
    assert plan_data(3)["actions"] != plan_data(4)["actions"]


@pytest.mark.parametrize("seed", [0, 5])
def test_shape_is_that_of_the_issue(seed: int) -> None:
    """About 330 nodes and 800-900 edges; the entity counts of the module docstring."""
    plan = Plan.model_validate(plan_data(seed))
    g = build_graph(plan)
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    assert 300 <= g.number_of_nodes() <= 380
    assert 700 <= g.number_of_edges() <= 950
    assert kinds[NodeKind.FINDING] == 14
    assert kinds[NodeKind.PRIORITY] == 5
    assert kinds[NodeKind.OBJECTIVE] == 15
    assert 105 <= kinds[NodeKind.ACTION] <= 135
    assert kinds[NodeKind.PERSON] == 40
    assert kinds[NodeKind.BOARD] == 4
    edges = Counter(d["kind"] for _, _, d in g.edges(data=True))
    assert edges[EdgeKind.DEPENDS_ON] >= 30  # chains of dependent actions
    # a few people own many actions
    owned = Counter(o.party.ref for a in plan.actions for o in a.owners)
    top, *_ = owned.most_common(1)
    assert top[1] >= 12
    assert len(owned) >= 25


def test_audit_of_a_generated_plan_has_every_part() -> None:
    g = build_graph(Plan.model_validate(plan_data(1)))
    report = audit(g)
    assert report.coverage.findings
    assert len(report.critical_path.path) >= 2
    assert report.overload.people[0].open_actions >= 10
    assert report.reporting.to_dict()["chains"]
    assert report.critical_path.cycles == []


def test_plans_share_one_graph() -> None:
    g = build_graphs(Plan.model_validate(plan_data(i, index=i)) for i in range(3))
    assert len(g.graph["actiongraph_index"]) == 3


@pytest.mark.parametrize("fmt", sorted(FORMAT_SUFFIX))
def test_written_in_every_format_and_read_back(fmt: str, tmp_path: Path) -> None:
    (path,) = write_plans(tmp_path, 1, fmt, seed=2)
    result = read_plan(path)
    assert result.errors == []
    assert result.plan is not None
    assert result.plan == Plan.model_validate(plan_data(2, index=0))


def test_the_benchmark_plans_load_without_a_problem() -> None:
    """A plan with a problem to report is located line by line (canonical.locate), which
    the benchmark must not time by accident: a term written for the wrong months made 14% of
    the plans start after their due period, and load.json 50% slower."""
    for i in range(120):
        assert list(plan_problems(Plan.model_validate(plan_data(i, index=i)))) == [], i
