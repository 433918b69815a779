"""The Worcestershire example (seed 004): counts and facts checked against the source document."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graphmodel import Plan, build_graph
from loaders import load_plan
from queries.coverage import coverage

PLAN_PATH = Path(__file__).parent.parent / "examples" / "worcestershire.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN_PATH)


def action(plan: Plan, ref: str):
    return next(a for a in plan.actions if a.ref == ref)


def person(plan: Plan, ref: str):
    return next(p for p in plan.people if p.ref == ref)


def test_metadata(plan: Plan) -> None:
    assert plan.id == "worcestershire"
    assert plan.area == "Worcestershire"
    assert plan.published is not None and plan.published.text == "September 2024"
    assert plan.inspection is not None
    assert plan.inspection.inspectorates == ["Ofsted", "CQC"]
    assert plan.inspection.start is not None
    assert plan.inspection.start.start == date(2024, 4, 22)
    assert plan.status_scale.name == "words"
    assert plan.note is not None
    assert "1st October 2024" in plan.note and "Autumn 2024" in plan.note


def test_counts(plan: Plan) -> None:
    kinds = Counter(f.kind.value for f in plan.findings)
    assert kinds == {"area_for_improvement": 3, "detailed_finding": 7, "priority_action": 1}
    assert len(plan.priorities) == 3
    assert len(plan.objectives) == 0
    assert len(plan.actions) == 23
    assert Counter(a.priority for a in plan.actions) == {"P1": 13, "P2": 8, "P3": 2}
    assert sum(len(a.milestones) for a in plan.actions) == 59
    assert len(plan.measures) == 34
    assert len(plan.people) == 34
    assert sum(1 for p in plan.people if p.name) == 18
    assert len(plan.organisations) == 21
    assert len(plan.boards) == 4


def test_action_refs_in_document_order(plan: Plan) -> None:
    refs = [a.ref for a in plan.actions]
    assert refs[:3] == ["1-a", "1-b", "1-c"]
    assert refs[12:14] == ["1-m", "2-a"]
    assert refs[-2:] == ["3-a", "3-b"]


def test_finding_hierarchy(plan: Plan) -> None:
    parents = {f.ref: f.parent for f in plan.findings}
    assert parents["1.3"] == "AFI-1"
    assert parents["2.2"] == "AFI-2"
    assert parents["AFI-3"] is None
    assert [r for r, p in parents.items() if p == "AFI-1"] == ["1.1", "1.2", "1.3", "1.4"]
    finding_14 = next(f for f in plan.findings if f.ref == "1.4")
    assert finding_14.text.startswith("the planned increases in specialist places")


def test_first_action_owners_and_undated_due(plan: Plan) -> None:
    first = action(plan, "1-a")
    responsible = [str(o.party) for o in first.owners if o.role.value == "responsible"]
    assert responsible == ["person:jade-brooks", "person:matthew-hall"]
    jade, matthew = person(plan, "jade-brooks"), person(plan, "matthew-hall")
    assert (jade.name, jade.post, jade.organisation) == (
        "Jade Brooks",
        "Director of Operations & Delivery - System Programmes",
        "hwicb",
    )
    assert (matthew.post, matthew.organisation) == ("Chief Operating Officer", "hwhct")
    assert first.due is not None
    assert first.due.text == "Actions have commenced"
    assert first.due.start is None and first.due.end is None
    assert first.addresses == ["1.1"]
    assert first.text.startswith("Health services will robustly collect data")
    assert "- Agree escalation process when complaints are received" in first.text


def test_attendance_action(plan: Plan) -> None:
    attendance = action(plan, "1-b")
    assert attendance.due is not None
    assert attendance.due.text == "Autumn term 2024/25"
    assert (attendance.due.start, attendance.due.end) == (date(2024, 9, 1), date(2024, 12, 31))
    assert attendance.addresses == ["1.2"]
    assert [str(o.party) for o in attendance.owners if o.role.value == "responsible"] == [
        "person:sarah-wilkins"
    ]


def test_multiple_improvement_area_links(plan: Plan) -> None:
    assert action(plan, "1-d").addresses == ["1.1", "1.2", "2.2"]
    assert action(plan, "1-i").addresses == ["1.3", "1.1"]
    assert action(plan, "3-a").addresses == ["AFI-3"]


def test_checkpoints(plan: Plan) -> None:
    milestones = {m.ref: m for m in action(plan, "1-b").milestones}
    assert milestones["1-b-3m"].text == (
        "3 months: Communication plan to be in place to cascade to health professionals"
    )
    # 1-g/h/i state their start ("Increases from Sept 2024"): their 3/6/12-month
    # checkpoints are dated from it, and the 12-month one is when each is due
    for ref in ("1-g", "1-h", "1-i"):
        a = action(plan, ref)
        ends = [m.due.end for m in a.milestones if m.due is not None]
        assert ends == [date(2024, 12, 31), date(2025, 3, 31), date(2025, 9, 30)]
        assert a.due is not None and a.due.end == date(2025, 9, 30)
        assert a.start is not None and a.start.start == date(2024, 9, 1)
    dated = {a.ref for a in plan.actions for m in a.milestones if m.due is not None}
    assert dated == {"1-g", "1-h", "1-i"}
    assert [m.ref for m in action(plan, "1-f").milestones] == ["1-f-3m"]
    twelve = {m.ref: m.text for m in action(plan, "1-c").milestones}["1-c-12m"]
    assert (
        twelve
        == "12 months: 70-80% of EHCPs will be finalised within the 20 week statutory timescale"
    )


def test_dates_as_written(plan: Plan) -> None:
    guidance = action(plan, "2-c")
    assert guidance.due is not None and guidance.due.text == "by the end of October 2024"
    assert guidance.due.end == date(2024, 10, 31)
    toolkit = action(plan, "2-f")
    assert toolkit.due is not None and toolkit.due.text == "spring 2025"
    assert action(plan, "2-d").due is None
    started = action(plan, "1-f")
    assert started.due is None
    assert started.start is not None and started.start.start == date(2024, 9, 1)


def test_involved_owners(plan: Plan) -> None:
    involved = [str(o.party) for o in action(plan, "1-a").owners if o.role.value == "involved"]
    assert involved == [
        "organisation:icb-hwhct-bi-team",
        "person:hwhct-complaints-manager",
        "person:wcf-complaints-manager",
    ]
    posts = {p.ref: p for p in plan.people}
    assert posts["dco"].name is None and posts["dco"].post == "Designated Clinical Officer (DCO)"


def test_people_and_organisations(plan: Plan) -> None:
    assert person(plan, "adam-johnston").organisation == "wcf"
    assert person(plan, "richard-keble").post == (
        "Programme Director for Mental Health, Learning Disability and Autism"
    )
    kinds = {o.ref: o.kind.value for o in plan.organisations}
    assert kinds["wcf"] == "local_authority"
    assert kinds["wcc"] == "local_authority"
    assert kinds["hwicb"] == "icb"
    assert kinds["hwhct"] == "nhs_trust"
    assert kinds["wpcf"] == "parent_carer_forum"


def test_measures_and_governance(plan: Plan) -> None:
    assert action(plan, "1-c").measures == ["M3", "M4"]
    texts = {m.ref: m.text for m in plan.measures}
    assert texts["M30"] == "92% of CYP will receive intervention within 18 weeks"
    assert {p.ref: p.reports_to for p in plan.priorities} == {
        "P1": ["send-ap-executive-board"],
        "P2": ["send-ap-executive-board"],
        "P3": ["send-ap-executive-board"],
    }
    board = next(b for b in plan.boards if b.ref == "send-ap-executive-board")
    assert board.chair is None
    assert board.reports_to == []
    assert all(not a.depends_on for a in plan.actions)
    assert all(a.status is None for a in plan.actions)


def test_the_priority_action_is_handled_by_the_other_plan(plan: Plan) -> None:
    pa = next(f for f in plan.findings if f.ref == "PA-1")
    assert pa.handled_by == "the separate priority action plan"
    report = coverage(build_graph(plan))
    assert "PA-1" not in [f.ref for f in report.findings]
    assert [h.ref for h in report.handled_elsewhere] == ["PA-1"]
    assert report.finding("1.3").status.value == "covered"
