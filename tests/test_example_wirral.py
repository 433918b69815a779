"""The Wirral example (examples/wirral.yaml): counts and facts checked against the source,
Wirral's Written Statement of Action Position Statement, June 2023."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.integrity import plan_problems
from graphmodel.statuses import Status
from loaders import load_plan
from queries.coverage import CoverageStatus, coverage
from queries.links import Link
from queries.overload import overload
from queries.reporting import governance

WIRRAL = Path(__file__).parent.parent / "examples" / "wirral.yaml"


@pytest.fixture(scope="module")
def plan():
    return load_plan(WIRRAL)


@pytest.fixture(scope="module")
def graph(plan):
    return build_graph(plan)


def by_ref(items):
    return {item.ref: item for item in items}


def test_plan_metadata(plan):
    assert plan.id == "wirral"
    assert plan.area == "Wirral"
    assert plan.title == "Written Statement of Action Position Statement June 2023"
    assert plan.published.text == "June 2023"
    assert plan.inspection.start.text == "September 2021"
    assert plan.inspection.inspectorates == ["Ofsted", "CQC"]
    assert plan.status_scale.name == "words"


def test_no_problems(plan):
    assert list(plan_problems(plan)) == []


def test_counts(plan):
    kinds = Counter(f.kind.value for f in plan.findings)
    assert kinds == {"headline_finding": 10, "detailed_finding": 24}
    assert [p.ref for p in plan.priorities] == ["W1", "W2", "W3", "W4", "W5", "W6"]
    assert len(plan.actions) == 132
    statuses = Counter(plan.status_of(a.status) for a in plan.actions)
    assert statuses == {Status.COMPLETE: 98, Status.NOT_STARTED: 34}
    assert len(plan.measures) == 19
    assert len(plan.boards) == 6
    assert len(plan.people) == 2
    assert len(plan.organisations) == 10


def test_actions_per_workstream(plan):
    kinds = Counter((a.priority, a.ref.split(".")[1][0]) for a in plan.actions)
    delivered = [kinds[(f"W{n}", "D")] for n in range(1, 7)]
    additional = [kinds[(f"W{n}", "A")] for n in range(1, 7)]
    todo = [kinds[(f"W{n}", "T")] for n in range(1, 7)]
    assert delivered == [8, 8, 8, 9, 8, 6]
    assert additional == [10, 9, 8, 10, 8, 6]
    assert todo == [6, 7, 6, 3, 6, 6]
    for a in plan.actions:
        status = plan.status_of(a.status)
        if ".T" in a.ref:
            assert a.status == "Still to do" and status is Status.NOT_STARTED
        else:
            assert a.status == "Delivered" and status is Status.COMPLETE
        if ".A" in a.ref:
            assert "additional to the WSoA" in a.note


def test_headline_finding_texts(plan):
    findings = by_ref(plan.findings)
    assert findings["H2"].text == (
        "Weaknesses in the quality and timeliness of EHC assessments and annual reviews."
    )
    assert findings["H1.2"].text == "Lack of joint commissioning of services in the area."
    assert findings["H3.3"].text.startswith(
        "The fractured relationship between the area and the Parent Carer Partnership Wirral"
    )
    assert findings["H6"].kind.value == "headline_finding"


def test_detailed_finding_parents(plan):
    findings = by_ref(plan.findings)
    parents = {f.ref: f.parent for f in plan.findings if f.kind.value == "detailed_finding"}
    assert parents["D1.1"] == "H1.1"
    assert parents["D1.4"] == "H1.2"
    assert parents["D3.1"] == "H3.3"
    assert parents["D3.3"] == "H3.1"
    assert parents["D5.2"] == "H5.2"
    assert parents["D6.1"] == "H6"
    assert all(parents[r] == "H2" for r in ("D2.1", "D2.2", "D2.3", "D2.4"))
    # the document repeats one detailed finding word for word in workstreams 1 and 5
    assert findings["D1.5"].text == findings["D5.4"].text
    assert findings["D1.5"].text.startswith("Capacity issues across the area")


def test_priorities(plan):
    priorities = by_ref(plan.priorities)
    assert priorities["W2"].title == "Education, Health, and Care Plans (EHCPs)"
    assert priorities["W6"].title == "The Local Offer"
    assert priorities["W1"].addresses == ["H1.1", "H1.2"]
    assert priorities["W3"].addresses == ["H3.1", "H3.2", "H3.3"]
    assert all(p.reports_to == ["send-transformation-board"] for p in plan.priorities)
    assert priorities["W4"].outcome.startswith(
        "The graduated response is consistently understood and implemented"
    )
    assert "national average of 58% (based on 2021 figures)" in priorities["W2"].outcome
    assert all(p.sponsor is None and p.leads == [] for p in plan.priorities)


def test_action_texts_and_dates(plan):
    actions = by_ref(plan.actions)
    assert actions["W2.T1"].text == ("Achieve the 58% WSoA target for compliance by December 2023")
    assert actions["W2.T1"].due.text == "by December 2023"
    assert actions["W2.T1"].due.end.isoformat() == "2023-12-31"
    assert actions["W2.T1"].measures == ["W2.M1"]
    assert actions["W1.D1"].text == "Produced and using a SEND Performance Dashboard"
    assert actions["W6.T1"].due.end.isoformat() == "2023-08-31"
    assert actions["W5.T6"].text == "Embed the SEND Health Board"
    assert actions["W3.T6"].resource == "project support and a budget provided by the Local Area"
    dated = {a.ref for a in plan.actions if a.due is not None}
    assert dated == {"W2.T1", "W4.D2", "W6.D6", "W6.T1"}


def test_merged_bullet_split(plan):
    actions = by_ref(plan.actions)
    assert actions["W5.T1"].text.endswith("in addition to representation from Public Health")
    assert actions["W5.T2"].text == "Themed audit framework"


def test_owners_only_where_named(plan):
    actions = by_ref(plan.actions)
    assert [str(o.party) for o in actions["W5.T4"].owners] == ["person:icb-head-of-send"]
    assert [str(o.party) for o in actions["W3.T6"].owners] == ["organisation:pcpw"]
    open_owned = {
        a.ref
        for a in plan.actions
        if ".T" in a.ref and any(o.role.value != "involved" for o in a.owners)
    }
    assert open_owned == {"W3.T5", "W3.T6", "W5.T4"}


def test_measures(plan):
    measures = by_ref(plan.measures)
    assert measures["W2.M1"].text == "EHCP 20-week compliance"
    assert measures["W2.M1"].baseline == "22% (at the point of inspection)"
    assert measures["W2.M1"].target == "58% (WSoA target)"
    assert measures["W2.M1"].due.end.isoformat() == "2023-12-31"
    assert measures["W2.M4"].baseline == "247 (at the point of inspection)"
    assert measures["W2.M6"].target == "90% (WSoA target)"
    assert measures["W6.M1"].baseline == "6169 (April 2022)"
    assert "7274 in April 2023" in measures["W6.M1"].note


def test_boards(plan):
    boards = by_ref(plan.boards)
    assert boards["send-transformation-board"].name == "SEND Transformation Board"
    assert [str(m) for m in boards["send-transformation-board"].members] == ["organisation:pcpw"]
    assert all(b.reports_to == [] for b in plan.boards)
    assert "Health and Wellbeing Board" in {b.name for b in plan.boards}


def test_coverage_links_at_priority_level(graph):
    report = coverage(graph)
    h2 = report.finding("H2")
    assert len(h2.actions) == 24
    assert set(h2.links.values()) == {Link.PRIORITY}
    assert report.finding("D2.1").actions == []
    # no action has an owner, a due period and a measure together: nothing is covered
    assert report.covered_percent == 0.0
    # issue 14: a headline finding its workstream's actions reach is partial, not uncovered;
    # the detailed findings, which nothing reaches, stay uncovered
    for f in report.findings:
        headline = f.ref.startswith("H")
        assert f.status is (CoverageStatus.PARTIAL if headline else CoverageStatus.UNCOVERED)
    assert h2.uncovered_children == ["D2.1", "D2.2", "D2.3", "D2.4"]
    assert h2.lacking["owner"] and h2.lacking["due"]


def test_reporting_and_overload(graph):
    gov = governance(graph)
    # the document names five boards that receive reports but says nothing of where they
    # sit: they are unconnected, so unreachable; the workstreams reach the Transformation Board
    assert gov.top_boards == ["send-transformation-board"]
    assert gov.unreachable == [
        "cype-committee",
        "health-and-wellbeing-board",
        "partnership-cypf",
        "place-based-partnership-board",
        "send-health-board",
    ]
    load = overload(graph)
    assert load.total_open == 34
    assert load.overloaded == []
    assert {o.ref for o in load.organisations if o.ref == "pcpw" and o.open_actions == 3} == {
        "pcpw"
    }
    assert len(load.unowned_open) == 29
