"""Overload: open actions per owner, the overload rule, sole owners and the partners' balance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel import Plan, build_graph, build_graphs
from graphmodel.model import FindingKind, PartyKind
from loaders import load_plan
from queries.critical_path import critical_path
from queries.links import answerable_owners, finding_actions, finding_children, is_cancelled
from queries.overload import OverloadReport, OverloadRule, OwnerLoad, overload

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"


def graph_of(**parts: Any) -> nx.MultiDiGraph:
    return build_graph(Plan.model_validate({"area": "X", "title": "T", **parts}))


def act(ref: str, *owners: Any, **fields: Any) -> dict[str, Any]:
    return {"ref": ref, "text": f"action {ref}", "owners": list(owners), **fields}


def finding(ref: str, kind: str = "area_for_improvement") -> dict[str, Any]:
    return {"ref": ref, "kind": kind, "text": f"finding {ref}"}


def people(*refs: str, org: str | None = None) -> list[dict[str, Any]]:
    return [{"ref": r, "name": r.title(), "organisation": org} for r in refs]


def by_ref(report: OverloadReport) -> dict[str, OwnerLoad]:
    return {o.ref: o for o in report.people + report.organisations + report.boards}


def many(prefix: str, n: int, owner: str, **fields: Any) -> list[dict[str, Any]]:
    return [act(f"{prefix}{i}", owner, **fields) for i in range(n)]


# --- counting open actions ------------------------------------------------------------------


def test_open_actions_by_role_leave_out_complete_and_cancelled() -> None:
    g = graph_of(
        actions=[
            act("A1", "person:ann"),
            act("A2", {"party": "person:ann", "role": "accountable"}, status="In progress"),
            act("A3", {"party": "person:ann", "role": "involved"}, status="Not started"),
            act("A4", "person:ann", status="Completed"),
            act("A5", "person:ann", status="Withdrawn"),
        ],
        people=people("ann"),
    )
    report = overload(g)
    ann = report.people[0]
    assert report.total_open == 3
    assert (ann.open_actions, ann.actions) == (3, ["A1", "A2", "A3"])
    assert ann.by_role == {"responsible": 1, "accountable": 1, "involved": 1}
    assert ann.counted_actions == 1  # the rule counts responsible ownership only
    assert ann.share == 33.3
    assert (ann.kind, ann.name, ann.post, ann.organisation) == (PartyKind.PERSON, "Ann", None, None)


def test_people_sorted_by_open_actions_then_name_and_everyone_listed() -> None:
    g = graph_of(
        actions=[act("A1", "person:cy"), act("A2", "person:bob"), act("A3", "person:cy")],
        people=people("zed", "cy", "bob", "amy"),
        boards=[{"ref": "b", "name": "Board"}],
    )
    report = overload(g)
    assert [(p.ref, p.open_actions) for p in report.people] == [
        ("cy", 2),
        ("bob", 1),
        ("amy", 0),
        ("zed", 0),
    ]
    assert [(b.ref, b.open_actions, b.busiest_window) for b in report.boards] == [("b", 0, None)]


def test_priorities_distinct_per_owner() -> None:
    g = graph_of(
        priorities=[{"ref": "P1", "title": "p1"}, {"ref": "P2", "title": "p2"}],
        objectives=[{"ref": "O1", "text": "o", "priority": "P2"}],
        actions=[
            act("A1", "person:ann", priority="P1"),
            act("A2", "person:ann", objective="O1"),
            act("A3", "person:ann", priority="P1"),
            act("A4", "person:ann"),
            act("A5", "person:ann", priority="P1", status="Completed"),
        ],
        people=people("ann"),
    )
    assert overload(g).people[0].priorities == ["P1", "P2"]


def test_unowned_open_actions_listed_and_counted_in_total() -> None:
    g = graph_of(
        actions=[act("A1"), act("A2", "person:ann"), act("A3", status="Completed")],
        people=people("ann"),
    )
    report = overload(g)
    assert (report.total_open, report.unowned_open) == (2, ["A1"])
    assert report.people[0].share == 50.0


# --- the overload rule ---------------------------------------------------------------------


def test_max_open_flags_at_the_limit() -> None:
    g = graph_of(
        actions=many("a", 13, "person:ann")
        + many("b", 11, "person:bob")
        # keep shares under 20% so only the count speaks
        + many("c", 60, "organisation:c"),
        people=people("ann", "bob"),
        organisations=[{"ref": "c", "name": "Council", "kind": "local_authority"}],
    )
    report = overload(g)
    loads = by_ref(report)
    assert loads["ann"].overloaded and loads["ann"].reasons == ["13 open actions (limit 12)"]
    assert not loads["bob"].overloaded and loads["bob"].reasons == []
    assert [p.ref for p in report.overloaded] == ["ann"]
    # organisations are reported, never flagged
    assert loads["c"].open_actions == 60 and not loads["c"].overloaded
    assert not overload(g, rule=OverloadRule(max_open=14)).people[0].overloaded
    flagged = [p.ref for p in overload(g, rule=OverloadRule(max_open=11)).overloaded]
    assert flagged == ["ann", "bob"]


def test_share_rule() -> None:
    g = graph_of(
        actions=many("a", 5, "person:ann")
        + many("b", 4, "person:bob")
        + many("c", 16, "organisation:c"),
        people=people("ann", "bob"),
        organisations=[{"ref": "c", "name": "Council"}],
    )
    loads = by_ref(overload(g))
    assert loads["ann"].share == 20.0
    assert loads["ann"].reasons == ["20% of all 25 open actions (limit 20%)"]
    assert loads["bob"].share == 16.0 and not loads["bob"].overloaded
    loads = by_ref(overload(g, rule=OverloadRule(max_share=0.15, min_open_for_share=4)))
    assert loads["bob"].reasons == ["16% of all 25 open actions (limit 15%)"]


def test_share_needs_min_open_for_share() -> None:
    g = graph_of(
        actions=many("a", 2, "person:ann") + many("b", 2, "person:bob") + many("c", 2, "person:cy"),
        people=people("ann", "bob", "cy"),
    )
    report = overload(g)
    assert [p.share for p in report.people] == [33.3, 33.3, 33.3]
    assert report.overloaded == []
    report = overload(g, rule=OverloadRule(min_open_for_share=2))
    assert [p.reasons for p in report.overloaded] == [
        ["33.3% of all 6 open actions (limit 20%)"]
    ] * 3


def test_busiest_window() -> None:
    dues = ["Jan-24", "Feb-24", "Mar-24", "Apr-24", "Apr 2024", "Jun-24", "Dec-24"]
    g = graph_of(
        actions=[act(f"A{i}", "person:ann", due=d) for i, d in enumerate(dues)]
        + [
            act("U", "person:ann", due="Actions have commenced"),
            act("O", "person:ann", due="From Feb-24"),  # open-ended: no due end
            act("C", "person:ann", due="Feb-24", status="Completed"),
            act("B", "person:bob", due="Nov-24"),
            act("B2", "person:bob", due="Dec 2024"),
            act("B3", "person:bob", due="Jan-Mar 25"),
            act("B4", "person:bob", due="Jan-25"),
        ],
        people=people("ann", "bob", "cy"),
    )
    loads = by_ref(overload(g, rule=OverloadRule(max_share=1, max_in_window=4)))
    assert loads["ann"].busiest_window == ("2024-02", "2024-04", 4)
    assert loads["ann"].reasons == ["4 open actions due 2024-02 to 2024-04 (limit 4)"]
    # a window may cross the year end; the earliest of equal windows wins
    assert loads["bob"].busiest_window == ("2024-11", "2025-01", 3)
    assert not loads["bob"].overloaded
    assert loads["cy"].busiest_window is None
    assert not by_ref(overload(g, rule=OverloadRule(max_share=1, max_in_window=None)))[
        "ann"
    ].overloaded


def test_every_reason_is_given() -> None:
    g = graph_of(actions=many("a", 12, "person:ann", due="Mar-25"), people=people("ann"))
    assert overload(g).people[0].reasons == [
        "12 open actions (limit 12)",
        "100% of all 12 open actions (limit 20%)",
        "12 open actions due 2025-03 to 2025-05 (limit 6)",
    ]


# --- sole owners ---------------------------------------------------------------------------


def sole_owner_plan() -> nx.MultiDiGraph:
    return graph_of(
        findings=[finding(f"F{i}") for i in range(1, 10)] + [finding("S1", "strength")],
        actions=[
            act("A1", "person:ann", addresses=["F1"]),
            act("A2", {"party": "person:ann", "role": "accountable"}, addresses=["F1"]),
            act("A3", "person:ann", "person:bob", addresses=["F2"]),  # co-owned
            act("A4", "person:ann", addresses=["F3"]),
            act("A5", "organisation:c", addresses=["F3"]),  # her council keeps F3 owned
            act("A6", "person:post", addresses=["F4"]),
            act("A7", "person:ann", addresses=["S1"]),  # a strength needs no owner
            act("A8", "person:ann", addresses=["F6"]),
            act("A9", "person:bob", addresses=["F6"], status="Withdrawn"),
            act("A10", "person:ann", addresses=["F7"], status="Completed"),
            act("A11", "board:b", addresses=["F9"]),
            act("A12", addresses=["F9"]),  # no owner: the board is still the only one
        ],
        people=[
            *people("ann", org="c"),
            *people("bob"),
            {"ref": "post", "post": "Designated Clinical Officer"},
        ],
        organisations=[{"ref": "c", "name": "Council", "kind": "local_authority"}],
        boards=[{"ref": "b", "name": "SEND Board"}],
    )


def test_sole_owner() -> None:
    report = overload(sole_owner_plan())
    loads = by_ref(report)
    assert loads["ann"].sole_owner_for == ["F1", "F6", "F7"]
    assert loads["bob"].sole_owner_for == []
    assert loads["c"].sole_owner_for == []
    assert loads["b"].sole_owner_for == ["F9"]
    post = loads["post"]
    assert (post.name, post.post, post.sole_owner_for) == (
        "Designated Clinical Officer",
        "Designated Clinical Officer",
        ["F4"],
    )
    assert [(p.kind, p.ref) for p in report.key_people] == [
        (PartyKind.PERSON, "ann"),
        (PartyKind.PERSON, "post"),
        (PartyKind.BOARD, "b"),
    ]


def test_post_without_holder_is_labelled_with_its_organisation() -> None:
    g = graph_of(
        actions=[act("A1", "person:mgr")],
        people=[{"ref": "mgr", "post": "SEND Service Manager", "organisation": "ecc"}],
        organisations=[{"ref": "ecc", "name": "Exampleshire County Council"}],
    )
    mgr = overload(g).people[0]
    assert mgr.name == "SEND Service Manager (Exampleshire County Council)"
    assert (mgr.post, mgr.organisation, mgr.open_actions) == (
        "SEND Service Manager",
        "Exampleshire County Council",
        1,
    )


def test_critical_actions_passed_in() -> None:
    report = overload(sole_owner_plan(), critical=["A3", "A10", "A5", "nope"])
    loads = by_ref(report)
    assert loads["ann"].critical_actions == ["A3", "A10"]  # any status, document order
    assert loads["bob"].critical_actions == ["A3"]
    assert loads["c"].critical_actions == ["A5"]
    assert all(not o.critical_actions for o in by_ref(overload(sole_owner_plan())).values())


# --- balance between partners --------------------------------------------------------------


def test_balance() -> None:
    g = graph_of(
        actions=[
            act("A1", "person:ann"),
            act("A2", "organisation:c", "person:ann"),  # the council once
            act("A3", "person:ann", "person:bob"),  # council and trust
            act("A4", "organisation:s"),
            act("A5", "person:cy"),  # works for nobody known
            act("A6", "board:b"),  # a board is not an organisation
            act("A7"),
            act("A8", "person:ann", status="Withdrawn"),  # cancelled: not counted
            act("A9", "person:bob", status="Completed"),  # done, still the trust's
            act("A10", "person:ann", "person:dan"),  # two councils, one kind
        ],
        people=people("ann", org="c")
        + people("bob", org="n")
        + people("cy")
        + people("dan", org="c2"),
        organisations=[
            {"ref": "c", "name": "County Council", "kind": "local_authority"},
            {"ref": "n", "name": "Health Trust", "kind": "nhs_trust"},
            {"ref": "s", "name": "Oak School", "kind": "school"},
            {"ref": "c2", "name": "City Council", "kind": "local_authority"},
            {"ref": "f", "name": "Parent Carer Forum", "kind": "parent_carer_forum"},
        ],
        boards=[{"ref": "b", "name": "Board"}],
    )
    report = overload(g)
    assert [(b.ref, b.name, b.kind, b.actions, b.percent) for b in report.balance] == [
        ("c", "County Council", "local_authority", 4, 44.4),
        ("n", "Health Trust", "nhs_trust", 2, 22.2),
        ("c2", "City Council", "local_authority", 1, 11.1),
        ("s", "Oak School", "school", 1, 11.1),
        ("f", "Parent Carer Forum", "parent_carer_forum", 0, 0.0),
        (None, "unattributed", "unattributed", 3, 33.3),
    ]
    assert report.balance_by_kind == {
        "local_authority": 44.4,
        "nhs_trust": 22.2,
        "school": 11.1,
        "parent_carer_forum": 0.0,
        "unattributed": 33.3,
    }


def test_percentages_round_half_up() -> None:
    g = graph_of(
        actions=[act("A1", "organisation:c"), *many("x", 15, "person:ann")],
        people=people("ann"),
        organisations=[{"ref": "c", "name": "Council"}],
    )
    report = overload(g)
    assert report.balance[-2].percent == 6.3  # 1 of 16 is 6.25%
    assert by_ref(report)["c"].share == 6.3


# --- edge cases ----------------------------------------------------------------------------


def test_plan_with_no_people() -> None:
    g = graph_of(
        findings=[finding("F1")],
        actions=[act("A1", "organisation:c", addresses=["F1"])],
        organisations=[{"ref": "c", "name": "Council"}],
    )
    report = overload(g)
    assert report.people == [] and report.overloaded == []
    assert report.organisations[0].sole_owner_for == ["F1"]
    assert report.balance_by_kind == {"other": 100.0, "unattributed": 0.0}


def test_empty_plan() -> None:
    report = overload(graph_of())
    assert (report.plan, report.total_open, report.unowned_open) == ("x", 0, [])
    assert report.people == report.organisations == report.boards == []
    assert [(b.name, b.actions, b.percent) for b in report.balance] == [("unattributed", 0, 0.0)]
    assert report.balance_by_kind == {"unattributed": 0.0}
    assert json.loads(json.dumps(report.to_dict()))["people"] == []


def test_two_plans_in_one_graph() -> None:
    def plan(area: str, n: int) -> Plan:
        return Plan.model_validate(
            {"area": area, "title": "T", "actions": many("a", n, "person:p"), "people": people("p")}
        )

    g = build_graphs([plan("North", 2), plan("South", 5)])
    with pytest.raises(ValueError, match="2 plans; name one of north or south"):
        overload(g)
    with pytest.raises(ValueError, match="no plan 'east'"):
        overload(g, "east")
    north, south = overload(g, "north"), overload(g, "south")
    assert (north.plan, north.total_open, north.people[0].open_actions) == ("north", 2, 2)
    assert (south.total_open, south.people[0].actions) == (5, [f"a{i}" for i in range(5)])


def test_to_dict_is_plain_json_with_the_contract_keys() -> None:
    data = json.loads(json.dumps(overload(sole_owner_plan(), critical=["A1"]).to_dict()))
    ann = next(p for p in data["people"] if p["ref"] == "ann")
    assert {"name", "open_actions", "overloaded", "sole_owner_for"} <= set(ann)
    assert ann["kind"] == "person" and ann["sole_owner_for"] == ["F1", "F6", "F7"]
    assert ann["busiest_window"] is None and ann["critical_actions"] == ["A1"]
    assert data["rule"] == {
        "max_open": 12,
        "max_share": 0.2,
        "min_open_for_share": 5,
        "max_in_window": 6,
        "count_roles": ["responsible"],
    }
    assert data["key_person_risk"][0] == {
        "ref": "ann",
        "kind": "person",
        "name": "Ann",
        "sole_owner_for": ["F1", "F6", "F7"],
    }
    assert {"organisations", "boards", "balance", "balance_by_kind"} <= set(data)
    g = graph_of(actions=[act("A1", "person:ann", due="Jan-25")], people=people("ann"))
    window = overload(g).to_dict()["people"][0]["busiest_window"]
    assert window == {"first": "2025-01", "last": "2025-03", "actions": 1}


# --- the rule from configuration ----------------------------------------------------------


def test_rule_defaults_and_from_mapping() -> None:
    assert OverloadRule() == OverloadRule(12, 0.2, 5, 6)
    assert OverloadRule.from_mapping({}) == OverloadRule()
    rule = OverloadRule.from_mapping({"max_open": 8, "max_share": 0.25, "max_in_window": False})
    assert rule == OverloadRule(max_open=8, max_share=0.25, max_in_window=None)
    assert OverloadRule.from_mapping({"max_share": 1}).max_share == 1


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"max_opne": 3}, r"unknown overload setting\(s\) \['max_opne'\]"),
        ({"max_share": 20}, "max_share must be a fraction"),
        ({"max_share": 0}, "max_share must be a fraction"),
        ({"max_share": "20%"}, "max_share must be a fraction"),
        ({"max_share": True}, "max_share must be a fraction"),
        ({"max_open": 0}, "max_open must be a whole number"),
        ({"max_open": "12"}, "max_open must be a whole number"),
        ({"max_open": 12.5}, "max_open must be a whole number"),
        ({"max_open": True}, "max_open must be a whole number"),
        ({"min_open_for_share": -1}, "min_open_for_share must be a whole number"),
        ({"max_in_window": 0}, "max_in_window must be a whole number"),
        ({"max_in_window": True}, "max_in_window must be a whole number"),
    ],
)
def test_from_mapping_rejects(mapping: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OverloadRule.from_mapping(mapping)


# --- the teaching example ------------------------------------------------------------------


def test_teaching_example() -> None:
    report = overload(build_graph(load_plan(TEACHING)), critical=["1.1", "1.2", "1.3"])
    assert (report.total_open, report.unowned_open) == (16, ["3.8"])
    top = [(p.name, p.counted_actions, p.open_actions, p.share) for p in report.people[:4]]
    assert top == [  # David Chen is accountable for one of his two: counted 1
        ("Gwen Llŷr", 2, 2, 12.5),
        ("SEND Service Manager (Exampleshire County Council)", 2, 2, 12.5),
        ("Tom Okafor", 2, 2, 12.5),
        ("David Chen", 1, 2, 6.3),
    ]
    assert [p.ref for p in report.people[4:]] == [
        "amy-lee",
        "data-lead",
        "rosa-patel",
        "dcs",
        "icb-director",
    ]
    assert report.overloaded == []
    loads = by_ref(report)
    head = loads["head-send"]
    assert head.by_role == {"responsible": 1, "accountable": 1, "involved": 0}
    assert (head.actions, head.priorities, head.critical_actions) == (
        ["1.2", "1.4"],
        ["P1"],
        ["1.1", "1.2"],
    )
    assert head.busiest_window == ("2025-01", "2025-03", 1)  # counted (responsible) only
    assert [(p.ref, p.sole_owner_for) for p in report.key_people] == [("web-officer", ["AFI-4"])]
    assert [(o.ref, o.open_actions) for o in report.organisations[:2]] == [("epcf", 3), ("dfe", 2)]
    assert loads["epcf"].by_role == {"responsible": 2, "accountable": 0, "involved": 1}
    assert [(b.ref, b.open_actions) for b in report.boards] == [("spb", 1), ("hwb", 0)]
    assert [(b.ref, b.actions, b.percent) for b in report.balance[:3]] == [
        ("ecc", 9, 47.4),
        ("epcf", 4, 21.1),
        ("icb", 3, 15.8),
    ]
    assert report.balance_by_kind == {
        "local_authority": 47.4,
        "icb": 15.8,
        "nhs_trust": 5.3,
        "school": 5.3,
        "parent_carer_forum": 21.1,
        "government": 10.5,
        "unattributed": 10.5,
    }


# --- properties ----------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(plans())
def test_properties_on_random_plans(plan: Plan) -> None:
    g = build_graph(plan)
    report = overload(g, critical=[a.ref for a in plan.actions[::2]])
    json.dumps(report.to_dict())
    loads = report.people + report.organisations + report.boards
    assert len(loads) == len(plan.people) + len(plan.organisations) + len(plan.boards)
    owned_open = report.total_open - len(report.unowned_open)
    assert sum(o.open_actions for o in loads) >= owned_open
    assert all(o.overloaded == bool(o.reasons) for o in loads)
    assert not any(o.overloaded for o in report.organisations + report.boards)
    nodes = {(o.kind.value, o.ref): o for o in loads}
    links = finding_actions(g, plan.id)
    below = finding_children(g, plan.id)
    sole_total = 0
    for load in loads:
        party = f"{load.kind.value}:{load.ref}"
        for ref in load.sole_owner_for:
            sole_total += 1
            f = f"finding:{ref}"
            assert g.nodes[f]["finding_kind"] is not FindingKind.STRENGTH
            scope, todo = [f], [f]  # the finding and its child findings at any depth
            while todo:
                for child in below[todo.pop()]:
                    strength = g.nodes[child]["finding_kind"] is FindingKind.STRENGTH
                    if child not in scope and not strength:
                        scope.append(child)
                        todo.append(child)
            owner_sets = [  # only responsible/accountable owners answer for a finding
                set(answerable_owners(g, link.action))
                for finding in scope
                for link in links[finding]
                if not is_cancelled(g, link.action)
            ]
            assert all(s <= {party} for s in owner_sets)
            assert {party} in owner_sets
    assert sole_total <= len(plan.findings)
    assert len(nodes) == len(loads)


# --- the pure parts over plain rows ---------------------------------------------------------


def test_overload_is_its_pure_parts_over_the_plans_rows() -> None:
    from queries.overload import overload_of, overload_rows

    g = build_graph(load_plan(TEACHING))
    critical = critical_path(g).path
    for rule in (OverloadRule(), OverloadRule(count_roles=("responsible", "accountable"))):
        rows = overload_rows(g, "exampleshire", count_roles=rule.count_roles, critical=critical)
        assert overload_of(rows, rule) == overload(g, rule=rule, critical=critical)
    with pytest.raises(ValueError, match="cannot answer a rule counting"):
        overload_of(rows, OverloadRule())


def test_a_person_and_an_organisation_with_the_same_ref_are_two_owners() -> None:
    g = graph_of(
        findings=[finding("F1"), finding("F2")],
        actions=[
            act("A1", "person:x", "organisation:x", addresses=["F1"]),
            act("A2", "organisation:x", addresses=["F2"]),
        ],
        people=people("x"),
        organisations=[{"ref": "x", "name": "X Council", "kind": "local_authority"}],
    )
    loads = {(o.kind.value, o.ref): o for o in overload(g).people + overload(g).organisations}
    assert loads["person", "x"].sole_owner_for == []
    assert loads["organisation", "x"].sole_owner_for == ["F2"]
