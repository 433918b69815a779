"""The graph of a plan: node ids, kinds and edges as DESIGN.md says, and the way back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel import (
    EdgeKind,
    MemberRole,
    NodeKind,
    OwnerRole,
    Plan,
    PlanError,
    Status,
    build_graph,
    build_graphs,
    plan_from_graph,
    plan_ids,
    split_node_id,
)
from loaders import load_plan

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"


@pytest.fixture(scope="module")
def teaching() -> Plan:
    return load_plan(TEACHING)


def edges(g, kind: EdgeKind) -> list[tuple[str, str]]:
    return [(u, v) for u, v, d in g.edges(data=True) if d["kind"] is kind]


def test_nodes_carry_kind_ref_plan_and_fields(teaching: Plan) -> None:
    g = build_graph(teaching)
    action = g.nodes["action:1.2"]
    assert action["kind"] is NodeKind.ACTION
    assert action["ref"] == "1.2" and action["plan"] == "exampleshire"
    assert action["due"].text == "Jan-Mar 25"
    assert action["status"] == "Green" and action["status_value"] is Status.ON_TRACK
    assert g.nodes["person:sen-manager"]["name"] is None  # a post with no named holder
    assert g.nodes["organisation:icb"]["organisation_kind"].value == "icb"
    assert all(isinstance(d["kind"], NodeKind) for _, d in g.nodes(data=True))
    assert all(isinstance(d["kind"], EdgeKind) for _, _, d in g.edges(data=True))


def test_edges_follow_the_design(teaching: Plan) -> None:
    g = build_graph(teaching)
    assert ("action:1.2", "action:1.1") in edges(g, EdgeKind.DEPENDS_ON)
    assert ("action:1.1", "finding:AFI-1.1") in edges(g, EdgeKind.ADDRESSES)
    assert ("objective:P1.O1", "finding:AFI-1.1") in edges(g, EdgeKind.ADDRESSES)
    assert ("priority:P3", "finding:AFI-4") in edges(g, EdgeKind.ADDRESSES)
    assert ("finding:AFI-1.1", "finding:AFI-1") in edges(g, EdgeKind.PART_OF)
    assert ("milestone:1.3-m1", "action:1.3") in edges(g, EdgeKind.PART_OF)
    assert ("action:1.3", "objective:P1.O1") in edges(g, EdgeKind.PART_OF)
    assert ("objective:P1.O1", "priority:P1") in edges(g, EdgeKind.PART_OF)
    assert ("person:dcs", "priority:P1") in edges(g, EdgeKind.SPONSORS)
    assert ("person:rosa-patel", "priority:P2") in edges(g, EdgeKind.REPRESENTS)
    assert ("organisation:ehft", "priority:P2") in edges(g, EdgeKind.SUPPORTS)
    assert ("priority:P1", "board:spb") in edges(g, EdgeKind.REPORTS_TO)
    assert ("board:spb", "board:hwb") in edges(g, EdgeKind.REPORTS_TO)
    assert ("person:tom-okafor", "organisation:icb") in edges(g, EdgeKind.WORKS_FOR)
    owned = {(u, v): d["role"] for u, v, d in g.edges(data=True) if d["kind"] is EdgeKind.OWNED_BY}
    assert owned[("action:1.2", "person:head-send")] is OwnerRole.ACCOUNTABLE
    assert owned[("action:2.5", "board:spb")] is OwnerRole.RESPONSIBLE
    members = {
        (u, d["role"])
        for u, v, d in g.edges(data=True)
        if d["kind"] is EdgeKind.MEMBER_OF and v == "board:spb"
    }
    assert ("person:dcs", MemberRole.CHAIR) in members
    assert ("person:icb-director", MemberRole.DEPUTY_CHAIR) in members
    assert ("organisation:ehft", MemberRole.MEMBER) in members


def test_teaching_example_round_trips_through_the_graph(teaching: Plan) -> None:
    assert plan_from_graph(build_graph(teaching)) == teaching


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip_exactly(plan: Plan) -> None:
    back = plan_from_graph(build_graph(plan))
    assert back == plan
    assert back.model_dump(mode="json") == plan.model_dump(mode="json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), plans())
def test_several_plans_share_one_graph(a: Plan, b: Plan) -> None:
    a = a.model_copy(update={"id": "plan-a"})
    b = b.model_copy(update={"id": "plan-b"})
    g = build_graphs([a, b])
    assert plan_ids(g) == ["plan-a", "plan-b"]
    assert all(n.startswith(("plan-a/", "plan-b/")) for n in g.nodes)
    assert all(split_node_id(n)[0] == d["plan"] for n, d in g.nodes(data=True))
    assert plan_from_graph(g, "plan-a") == a
    assert plan_from_graph(g, "plan-b") == b


def test_plan_from_graph_asks_which_plan_when_several(teaching: Plan) -> None:
    other = teaching.model_copy(update={"id": "other"})
    g = build_graphs([teaching, other])
    with pytest.raises(ValueError, match="holds 2 plans"):
        plan_from_graph(g)
    with pytest.raises(ValueError, match="no plan 'nope'"):
        plan_from_graph(g, "nope")


def test_unknown_refs_are_refused_not_invented() -> None:
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "actions": [
                {"ref": "a", "text": "A", "depends_on": ["ghost"], "owners": ["person:nobody"]}
            ],
        }
    )
    with pytest.raises(PlanError) as caught:
        build_graph(plan)
    values = sorted(p.value for p in caught.value.problems)
    assert values == ["action:ghost", "person:nobody"]


def test_node_ids_with_colons_and_slashes_split_back() -> None:
    assert split_node_id("action:A:1/2") == (None, NodeKind.ACTION, "A:1/2")
    assert split_node_id("p1/board:x/y") == ("p1", NodeKind.BOARD, "x/y")
    with pytest.raises(ValueError):
        split_node_id("nonsense")
