"""The per-plan facts table (queries.facts): the same answers as the definitions of
queries.links on every example and on generated plans, shared inside one audit, never stale."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel import Plan, build_graph
from graphmodel.graph import adjacency_memo, nodes_of
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.statuses import Status
from loaders import load_plan
from queries import links
from queries.facts import plan_facts

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def _check(graph: nx.MultiDiGraph, plan: str) -> None:
    """Every fact of every action equals what queries.links says of it."""
    facts = plan_facts(graph, plan)
    actions = nodes_of(graph, NodeKind.ACTION, plan)
    assert list(facts.actions) == actions
    for a in actions:
        got = facts.actions[a]
        assert got.ref == graph.nodes[a]["ref"]
        assert got.open is links.is_open(graph, a)
        assert got.cancelled is links.is_cancelled(graph, a)
        assert got.owners == links.owners_of(graph, a)
        assert got.answerable == links.answerable_owners(graph, a)
        assert got.due == links.due_period(graph, a)
        assert got.measured is links.has_measure(graph, a)
        assert got.objective == links.action_objective(graph, a)
        assert got.priority == links.action_priority(graph, a)
        deps = list(dict.fromkeys(links.out_nodes(graph, a, EdgeKind.DEPENDS_ON)))
        assert got.depends_on == deps
    # the walk links.finding_actions did before the table, kept as the reference
    assert facts.finding_actions == links._finding_actions(graph, plan)
    for f, reaching in facts.finding_actions.items():
        for al in reaching:
            assert f in facts.actions[al.action].findings
            assert facts.actions[al.action].link is al.link


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_facts_match_the_definitions_on_every_example(path: Path) -> None:
    plan = load_plan(path)
    _check(build_graph(plan), plan.id)


@given(plans())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_facts_match_the_definitions_on_generated_plans(plan: Plan) -> None:
    _check(build_graph(plan), plan.id)


def _plan() -> Plan:
    return Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "people": [{"ref": "jo", "name": "Jo"}],
            "actions": [{"ref": "A1", "text": "a", "owners": ["person:jo"], "status": "On track"}],
        }
    )


def test_shared_inside_an_audit_block_and_never_stale_outside() -> None:
    g = build_graph(_plan())
    with adjacency_memo(g):
        assert plan_facts(g, "x") is plan_facts(g, "x")
    before = plan_facts(g, "x").actions["action:A1"]
    assert before.answerable == ["person:jo"] and before.open
    # change the graph after: the owner goes, the action is completed
    g.remove_edges_from([("action:A1", "person:jo")])
    g.nodes["action:A1"]["status_value"] = Status.COMPLETE
    after = plan_facts(g, "x").actions["action:A1"]
    assert after.answerable == [] and not after.open
    # a new block reads the changed graph too
    with adjacency_memo(g):
        assert plan_facts(g, "x").actions["action:A1"] == after
