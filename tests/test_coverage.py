"""Coverage of findings: small literal plans with known answers, the teaching example, and
properties of every generated plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plans

from graphmodel import FindingKind, Plan, build_graph, build_graphs
from loaders import load_plan
from queries.coverage import (
    CoverageReport,
    CoverageStatus,
    FindingCoverage,
    MeasureGap,
    PriorityCoverage,
    coverage,
)
from queries.links import Link
from queries.percent import percent as percent_of

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"
COVERED, PARTIAL, UNCOVERED = (
    CoverageStatus.COVERED,
    CoverageStatus.PARTIAL,
    CoverageStatus.UNCOVERED,
)


def finding(ref: str, parent: str | None = None, kind: str = "area_for_improvement") -> Any:
    return {"ref": ref, "kind": kind, "text": f"finding {ref}", "parent": parent}


def action(ref: str, *addresses: str, **fields: Any) -> dict[str, Any]:
    """An action that meets all three requirements unless ``fields`` say otherwise."""
    base = {"owners": ["organisation:la"], "due": "Dec-24", "measures": ["M1"]}
    return {"ref": ref, "text": f"action {ref}", "addresses": list(addresses), **base, **fields}


def make_plan(area: str = "X", **parts: Any) -> Plan:
    data: dict[str, Any] = {
        "area": area,
        "title": "T",
        "organisations": [{"ref": "la", "name": "Council"}],
        "measures": [{"ref": "M1", "text": "m", "baseline": "1", "target": "2"}],
    }
    return Plan.model_validate({**data, **parts})


def report(**parts: Any) -> CoverageReport:
    return coverage(build_graph(make_plan(**parts)))


def statuses(r: CoverageReport) -> dict[str, str]:
    return {f.ref: f.status.value for f in r.findings}


# --- one finding, one requirement at a time ------------------------------------------------


def test_an_action_with_owner_due_and_measure_covers_its_finding() -> None:
    f = report(findings=[finding("F1")], actions=[action("A1", "F1")]).finding("F1")
    assert f == FindingCoverage(
        ref="F1",
        kind=FindingKind.AREA_FOR_IMPROVEMENT,
        text="finding F1",
        status=COVERED,
        actions=["A1"],
        links={"A1": Link.DIRECT},
        missing=[],
        children=[],
        plan="x",
        cancelled=[],
    )


def test_an_owner_without_a_measure_is_partial_missing_measure() -> None:
    f = report(findings=[finding("F1")], actions=[action("A1", "F1", measures=[])]).finding("F1")
    assert (f.status, f.missing) == (PARTIAL, ["measure"])


@pytest.mark.parametrize("due", [None, "Actions have commenced", "Complete by September"])
def test_no_due_or_an_undated_due_is_missing_due(due: str | None) -> None:
    f = report(findings=[finding("F1")], actions=[action("A1", "F1", due=due)]).finding("F1")
    assert (f.status, f.missing) == (PARTIAL, ["due"])


def test_an_open_ended_due_is_dated() -> None:
    f = report(findings=[finding("F1")], actions=[action("A1", "F1", due="Nov 2024-")])
    assert f.finding("F1").status is COVERED


def test_missing_is_listed_in_the_fixed_order() -> None:
    bare = action("A1", "F1", owners=[], due=None, measures=[])
    f = report(findings=[finding("F1")], actions=[bare]).finding("F1")
    assert (f.status, f.missing) == (PARTIAL, ["owner", "due", "measure"])


def test_missing_comes_from_the_closest_action_first_in_document_order_on_ties() -> None:
    acts = [
        action("A1", "F1", owners=[], due=None),  # misses two
        action("A2", "F1", measures=[]),  # misses one: the closest
        action("A3", "F1", due=None),  # misses one too, but comes later
    ]
    f = report(findings=[finding("F1")], actions=acts).finding("F1")
    assert (f.status, f.missing, f.actions) == (PARTIAL, ["measure"], ["A1", "A2", "A3"])


def test_one_complete_action_is_enough_among_partial_ones() -> None:
    acts = [action("A1", "F1", owners=[]), action("A2", "F1", status="Completed")]
    assert report(findings=[finding("F1")], actions=acts).finding("F1").status is COVERED


def test_an_action_listing_a_finding_twice_is_listed_once() -> None:
    f = report(findings=[finding("F1")], actions=[action("A1", "F1", "F1")]).finding("F1")
    assert (f.actions, f.status) == (["A1"], COVERED)


def test_a_finding_no_action_addresses_is_uncovered() -> None:
    f = report(findings=[finding("F1")]).finding("F1")
    assert (f.status, f.actions, f.missing) == (UNCOVERED, [], [])


# --- owners ---------------------------------------------------------------------------------


def test_a_post_without_a_named_holder_is_an_owner() -> None:
    r = report(
        findings=[finding("F1")],
        people=[{"ref": "sen-manager", "post": "SEND Service Manager"}],
        actions=[action("A1", "F1", owners=["person:sen-manager"])],
    )
    assert r.finding("F1").status is COVERED


def test_a_plan_with_no_people_is_covered_by_organisations_and_boards() -> None:
    r = report(
        findings=[finding("F1"), finding("F2"), finding("F3")],
        boards=[{"ref": "spb", "name": "SEND Partnership Board"}],
        actions=[
            action("A1", "F1"),
            action("A2", "F2", owners=["board:spb"]),
            action("A3", "F3", owners=[]),
        ],
    )
    assert statuses(r) == {"F1": "covered", "F2": "covered", "F3": "partial"}
    assert r.finding("F3").missing == ["owner"]


@pytest.mark.parametrize(("role", "status"), [("accountable", COVERED), ("involved", PARTIAL)])
def test_an_involved_party_alone_is_not_an_owner(role: str, status: CoverageStatus) -> None:
    owners = [{"party": "organisation:la", "role": role}]
    f = report(findings=[finding("F1")], actions=[action("A1", "F1", owners=owners)])
    assert f.finding("F1").status is status
    assert f.finding("F1").missing == ([] if status is COVERED else ["owner"])


# --- links ----------------------------------------------------------------------------------


def test_an_objective_level_link_and_an_objective_measure() -> None:
    r = report(
        findings=[finding("F1")],
        objectives=[{"ref": "O1", "text": "o", "addresses": ["F1"], "measures": ["M1"]}],
        actions=[action("A1", objective="O1", measures=[])],
    )
    f = r.finding("F1")
    assert (f.status, f.actions, f.links) == (COVERED, ["A1"], {"A1": Link.OBJECTIVE})


def test_a_priority_level_link_says_priority() -> None:
    r = report(
        findings=[finding("F1"), finding("F2")],
        priorities=[{"ref": "P1", "title": "p", "addresses": ["F1", "F2"], "measures": ["M1"]}],
        actions=[action("A1", priority="P1", measures=[]), action("A2", "F2", priority="P1")],
    )
    assert r.finding("F1").links == {"A1": Link.PRIORITY}
    assert r.finding("F1").status is COVERED  # measured through its priority
    # A1 reaches every finding of its priority; A2 links directly
    assert r.finding("F2").links == {"A1": Link.PRIORITY, "A2": Link.DIRECT}
    assert r.scope_drift == []


def test_a_priority_link_through_the_objectives_priority() -> None:
    r = report(
        findings=[finding("F1")],
        priorities=[{"ref": "P1", "title": "p", "addresses": ["F1"]}],
        objectives=[{"ref": "O1", "text": "o", "priority": "P1"}],
        actions=[action("A1", objective="O1")],
    )
    assert r.finding("F1").links == {"A1": Link.PRIORITY}


# --- findings with children -----------------------------------------------------------------


def test_a_parent_is_covered_only_through_its_children() -> None:
    r = report(
        findings=[finding("F1"), finding("F1.1", "F1"), finding("F1.2", "F1")],
        actions=[action("A1", "F1.1"), action("A2", "F1.2")],
    )
    parent = r.finding("F1")
    assert (parent.status, parent.actions, parent.children) == (COVERED, [], ["F1.1", "F1.2"])


@pytest.mark.parametrize(
    ("second", "status", "missing"),
    [
        ([action("A2", "F1.2", due=None)], PARTIAL, ["due"]),
        ([], PARTIAL, []),  # covered itself and through F1.1, F1.2 unreached: partial
    ],
)
def test_the_least_covered_child_wins(
    second: list[dict[str, Any]], status: CoverageStatus, missing: list[str]
) -> None:
    r = report(
        findings=[finding("F1"), finding("F1.1", "F1"), finding("F1.2", "F1")],
        actions=[action("A0", "F1"), action("A1", "F1.1"), *second],
    )
    assert (r.finding("F1").status, r.finding("F1").missing) == (status, missing)
    assert r.finding("F1").actions == ["A0"]  # its own actions only


def test_a_parent_partial_itself_with_partial_children_lists_everything_missing() -> None:
    r = report(
        findings=[finding("F1"), finding("F1.1", "F1"), finding("F1.1.1", "F1.1")],
        actions=[
            action("A0", "F1", measures=[]),
            action("A1", "F1.1"),
            action("A2", "F1.1.1", owners=[]),
        ],
    )
    assert statuses(r) == {"F1": "partial", "F1.1": "partial", "F1.1.1": "partial"}
    assert r.finding("F1").missing == ["owner", "measure"]
    assert r.finding("F1.1").missing == ["owner"]


def test_a_cycle_of_parents_does_not_hang() -> None:
    r = report(
        findings=[finding("F1", "F2"), finding("F2", "F1")],
        actions=[action("A1", "F1")],
    )
    assert statuses(r)["F1"] == "partial"  # covered itself, its child F2 is not reached
    assert r.finding("F1").uncovered_children == ["F2"]
    assert r.finding("F2").children == ["F1"]


# --- cancelled actions, strengths, drift, measures ------------------------------------------


def test_a_finding_addressed_only_by_cancelled_actions_is_uncovered() -> None:
    r = report(
        findings=[finding("F1"), finding("F2")],
        actions=[
            action("A1", "F1", status="Cancelled"),
            action("A2", "F2", status="Withdrawn"),
            action("A3", "F2", measures=[]),
            action("A4", status="Cancelled"),
        ],
    )
    f1, f2 = r.findings
    assert (f1.status, f1.actions, f1.cancelled, f1.links) == (UNCOVERED, [], ["A1"], {})
    assert (f2.status, f2.actions, f2.cancelled, f2.missing) == (
        PARTIAL,
        ["A3"],
        ["A2"],
        ["measure"],
    )
    assert r.scope_drift == []  # cancelled actions never drift


def test_strengths_are_not_findings_to_cover() -> None:
    r = report(
        findings=[finding("S-1", kind="strength"), finding("F1"), finding("S-2", "F1", "strength")],
        actions=[action("A1", "S-1"), action("A2", "F1")],
    )
    assert [f.ref for f in r.findings] == ["F1"]
    assert r.finding("F1").children == []
    assert r.covered_percent == 100.0
    assert r.scope_drift == ["A1"]  # building on a strength addresses no finding to cover
    with pytest.raises(KeyError, match="S-1"):
        r.finding("S-1")


def test_scope_drift_lists_actions_that_address_nothing_in_document_order() -> None:
    r = report(
        findings=[finding("F1")],
        priorities=[{"ref": "P1", "title": "p"}],
        objectives=[{"ref": "O1", "text": "o", "priority": "P1"}],
        actions=[
            action("B"),
            action("A", "F1"),
            action("C", objective="O1"),
            action("D", status="Cancelled"),
            action("E", status="Complete"),
        ],
    )
    assert r.scope_drift == ["B", "C", "E"]


def test_measure_gaps() -> None:
    r = report(
        measures=[
            {"ref": "M1", "text": "full", "baseline": "1", "target": "2"},
            {"ref": "M2", "text": "no baseline", "target": "2"},
            {"ref": "M3", "text": "neither"},
            {"ref": "M4", "text": "no target", "baseline": "  "},
        ]
    )
    assert r.measure_gaps == [
        MeasureGap("M2", "no baseline", ["baseline"]),
        MeasureGap("M3", "neither", ["baseline", "target"]),
        MeasureGap("M4", "no target", ["baseline", "target"]),  # a blank cell is no baseline
    ]


# --- percentages ----------------------------------------------------------------------------


def test_per_priority_coverage() -> None:
    r = report(
        findings=[finding(f"F{i}") for i in range(1, 5)],
        priorities=[
            {"ref": "P1", "title": "one"},
            {"ref": "P2", "title": "two"},
            {"ref": "P3", "title": "three"},
        ],
        objectives=[{"ref": "O2", "text": "o", "priority": "P2", "addresses": ["F4"]}],
        actions=[
            action("A1", "F1", priority="P1"),
            action("A2", "F2", priority="P1"),
            action("A3", "F3", priority="P1", owners=[]),
            action("A4", "F3", priority="P1", status="Cancelled"),
            action("A5", objective="O2"),  # P2 through its objective
            action("A6", "F1", priority="P3", status="Cancelled"),
        ],
    )
    assert r.priorities == [
        PriorityCoverage("P1", "one", findings=3, covered=2, percent=66.7),
        PriorityCoverage("P2", "two", findings=1, covered=1, percent=100.0),
        PriorityCoverage("P3", "three", findings=0, covered=0, percent=None),
    ]
    assert r.covered_percent == 75.0
    assert r.counts() == {COVERED: 3, PARTIAL: 1, UNCOVERED: 0}


@pytest.mark.parametrize(
    ("covered", "total", "percent"),
    [
        (0, 0, None),
        (0, 3, 0.0),
        (2, 3, 66.7),
        (11, 13, 84.6),
        (3, 3, 100.0),
        (1999, 2000, 99.9),
        (1, 2000, 0.1),
        (1, 8, 12.5),
        (1, 16, 6.3),  # halves up, as every percentage of the library
    ],
)
def test_percent_is_100_only_when_all_are_covered(
    covered: int, total: int, percent: float | None
) -> None:
    assert percent_of(covered, total, strict=True) == percent


def test_an_empty_plan_claims_no_percentage() -> None:
    r = report()
    assert (r.findings, r.covered_percent, r.priorities, r.scope_drift, r.measure_gaps) == (
        [],
        None,
        [],
        [],
        [],
    )
    assert r.counts() == {COVERED: 0, PARTIAL: 0, UNCOVERED: 0}
    assert json.loads(json.dumps(r.to_dict()))["covered_percent"] is None


# --- several plans, JSON --------------------------------------------------------------------


def test_two_plans_in_one_graph_are_analysed_one_at_a_time() -> None:
    a = make_plan("A", findings=[finding("F1")], actions=[action("1", "F1")])
    b = make_plan("B", findings=[finding("F1"), finding("F2")], actions=[action("1", "F2")])
    g = build_graphs([a, b])
    with pytest.raises(ValueError, match="2 plans; name one of a or b"):
        coverage(g)
    with pytest.raises(ValueError, match="no plan 'c'"):
        coverage(g, "c")
    ra, rb = coverage(g, "a"), coverage(g, "b")
    assert (statuses(ra), ra.plan) == ({"F1": "covered"}, "a")
    assert (statuses(rb), rb.covered_percent) == ({"F1": "uncovered", "F2": "covered"}, 50.0)
    assert rb.finding("F2").actions == ["1"] and rb.finding("F2").plan == "b"


def test_to_dict_keeps_the_audit_contract_and_is_plain_json() -> None:
    r = report(
        findings=[finding("F1"), finding("F2")],
        actions=[action("A1", "F1", owners=[]), action("A2", "F2")],
    )
    data = r.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["covered_percent"] == 50.0
    first = data["findings"][0]
    assert {k: first[k] for k in ("ref", "status", "actions", "missing")} == {
        "ref": "F1",
        "status": "partial",
        "actions": ["A1"],
        "missing": ["owner"],
    }
    assert (first["kind"], first["links"], first["children"]) == (
        "area_for_improvement",
        {"A1": "direct"},
        [],
    )
    assert set(data) >= {"covered_percent", "findings", "priorities", "scope_drift"}
    assert "measure_gaps" in data


# --- the teaching example -------------------------------------------------------------------


def test_the_teaching_example() -> None:
    r = coverage(build_graph(load_plan(TEACHING)))
    assert statuses(r) == {
        "AFI-1": "covered",  # through its children
        "AFI-1.1": "covered",
        "AFI-1.2": "covered",
        "AFI-2": "covered",
        "AFI-3": "covered",
        "AFI-4": "covered",
    }  # S-1 is a strength
    assert r.covered_percent == 100.0
    assert r.finding("AFI-1").children == ["AFI-1.1", "AFI-1.2"]
    assert r.finding("AFI-1").actions == []
    assert r.finding("AFI-1.1").links == {
        "1.1": Link.DIRECT,
        "1.2": Link.DIRECT,
        "1.3": Link.OBJECTIVE,
        "1.6": Link.DIRECT,
    }
    assert r.finding("AFI-2").actions == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert r.finding("AFI-4").actions == ["3.6", "3.7", "3.8"]
    assert [(p.ref, p.findings, p.covered, p.percent) for p in r.priorities] == [
        ("P1", 2, 2, 100.0),
        ("P2", 1, 1, 100.0),
        ("P3", 2, 2, 100.0),
    ]
    assert r.scope_drift == []
    assert r.measure_gaps == [MeasureGap("M5", "Monthly visitors to the Local Offer", ["target"])]


def test_the_teaching_example_degrades_as_owners_dates_and_measures_go() -> None:
    plan = load_plan(TEACHING)
    actions = []
    for a in plan.actions:
        if a.ref in ("3.6", "3.7"):  # AFI-4 is left with 3.8, which has no owner
            a = a.model_copy(update={"status": "Cancelled"})
        if a.ref.startswith("2."):  # AFI-2: undated, or dated but no measure
            a = a.model_copy(update={"due": None} if a.ref != "2.5" else {"owners": []})
        actions.append(a)
    r = coverage(build_graph(plan.model_copy(update={"actions": actions})))
    assert statuses(r)["AFI-4"] == "partial" and r.finding("AFI-4").missing == ["owner"]
    assert r.finding("AFI-4").cancelled == ["3.6", "3.7"]
    assert statuses(r)["AFI-2"] == "partial" and r.finding("AFI-2").missing == ["due"]
    assert r.covered_percent == 66.7


# --- properties of generated plans ----------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_generated_plan_has_a_coherent_report(plan: Plan) -> None:
    r = coverage(build_graph(plan))
    to_cover = [f.ref for f in plan.findings if f.kind is not FindingKind.STRENGTH]
    assert [f.ref for f in r.findings] == to_cover
    assert sum(r.counts().values()) == len(to_cover)
    for f in r.findings:
        assert f.status is PARTIAL or not f.missing
        assert (f.status is UNCOVERED) == (bool(f.why) and f.status is UNCOVERED)
        assert list(f.links) == f.actions and not set(f.actions) & set(f.cancelled)
        assert f.missing == [m for m in ("owner", "due", "measure") if m in f.missing]
        if not f.children:
            assert (f.status is UNCOVERED) == (not f.actions)
        kids = [r.finding(c).status for c in f.children if c != f.ref]
        if f.status is COVERED:
            assert all(k is COVERED for k in kids)
        if f.status is UNCOVERED:
            assert not f.actions and all(k is UNCOVERED for k in kids) and f.why
    percent = r.covered_percent
    assert (percent is None) == (not to_cover)
    assert percent is None or (percent == 100.0) == (r.counts()[COVERED] == len(to_cover))
    assert json.loads(json.dumps(r.to_dict())) == r.to_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_removing_an_owner_never_raises_coverage(plan: Plan, data: st.DataObject) -> None:
    owned = [i for i, a in enumerate(plan.actions) if a.owners]
    if not owned:
        return
    i = data.draw(st.sampled_from(owned), label="action")
    j = data.draw(st.integers(0, len(plan.actions[i].owners) - 1), label="owner")
    owners = [o for k, o in enumerate(plan.actions[i].owners) if k != j]
    actions = list(plan.actions)
    actions[i] = actions[i].model_copy(update={"owners": owners})
    before = coverage(build_graph(plan))
    after = coverage(build_graph(plan.model_copy(update={"actions": actions})))
    for old, new in zip(before.findings, after.findings, strict=True):
        assert new.status.rank <= old.status.rank, old.ref
    if before.covered_percent is not None:
        assert after.covered_percent is not None
        assert after.covered_percent <= before.covered_percent
    for old_p, new_p in zip(before.priorities, after.priorities, strict=True):
        assert new_p.covered <= old_p.covered
