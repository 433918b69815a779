"""The Peterborough example (November 2019 Written Statement of Action) loads and keeps the
document's facts: counts, milestones joined across page breaks, sponsors, governance."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.model import Plan
from loaders import load_plan
from queries.coverage import coverage
from queries.critical_path import critical_path
from queries.reporting import chain

PLAN_PATH = Path(__file__).parent.parent / "examples" / "peterborough.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN_PATH)


def action(plan: Plan, ref: str):
    return next(a for a in plan.actions if a.ref == ref)


def test_counts(plan: Plan) -> None:
    kinds = Counter(f.kind.value for f in plan.findings)
    assert kinds == {"significant_weakness": 5, "strength": 3}
    assert [p.ref for p in plan.priorities] == ["W1", "W2", "W3", "W4", "W5"]
    assert len(plan.objectives) == 16
    assert len(plan.actions) == 27
    assert sum(len(a.milestones) for a in plan.actions) == 106
    assert len(plan.measures) == 38
    assert len(plan.people) == 31
    assert len(plan.organisations) == 10
    assert len(plan.boards) == 8


def test_plan_metadata(plan: Plan) -> None:
    assert plan.id == "peterborough"
    assert plan.area == "Peterborough"
    assert plan.status_scale.name == "brag"
    assert plan.published is not None and plan.published.text == "November 2019"
    assert plan.inspection is not None
    assert plan.inspection.inspectorates == ["Ofsted", "CQC"]
    assert plan.inspection.start is not None and plan.inspection.start.start == date(2019, 6, 10)
    assert plan.inspection.end is not None and plan.inspection.end.end == date(2019, 6, 14)
    assert plan.inspection.report_published is not None
    assert plan.inspection.report_published.start == date(2019, 8, 13)


def test_action_refs_as_written(plan: Plan) -> None:
    refs = [a.ref for a in plan.actions]
    assert refs[:9] == ["1.1a", "1.1b", "1.1c", "1.2", "1.2b", "1.2c", "1.2d", "1.3", "1.4a"]
    assert refs[-4:] == ["5.1a", "5.1b", "5.2a", "5.2b"]


def test_first_milestone_of_1_1a(plan: Plan) -> None:
    first = action(plan, "1.1a").milestones[0]
    assert first.ref == "1.1a-1"
    assert first.text == (
        "Needs assessment initiated and agreed by the Joint Child Health Commissioning Board"
        " (JCHCB)"
    )
    assert first.due is not None and first.due.text == "Nov 2019"
    assert first.status == "Nov 2019"


def test_period_joined_across_page_break(plan: Plan) -> None:
    a = action(plan, "1.1a")
    last = a.milestones[-1]
    assert last.text.endswith("to close gaps with procurement and delivery of services secured")
    assert last.due is not None and last.due.text == "June 2020 to April 2021"
    assert (last.due.start, last.due.end) == (date(2020, 6, 1), date(2021, 4, 30))
    assert a.due is not None and a.due.text == "June 2020 to April 2021"


def test_brag_cell_is_a_date_without_rating(plan: Plan) -> None:
    a = action(plan, "2.1")
    assert a.milestones[0].text == "Quality assurance post agreed"
    assert a.milestones[0].due is not None and a.milestones[0].due.text == "Sept 2019"
    assert a.milestones[0].status == "Aug 2019"
    assert plan.status_of(a.status) is None


def test_open_ended_deadline_kept(plan: Plan) -> None:
    m = action(plan, "2.2a").milestones[0]
    assert m.due is not None and m.due.text == "Nov 2019-" and m.due.end is None
    assert action(plan, "4.3a").milestones[2].due.text == "Ongoing from March 2020"


def test_resource_codes(plan: Plan) -> None:
    assert action(plan, "1.2").resource == "AR – Additional resource is or may be required"
    assert action(plan, "1.1a").resource == "ER – Actions covered by existing resource"
    assert Counter(a.resource.split(" ")[0] for a in plan.actions if a.resource) == {
        "ER": 21,
        "AR": 6,
    }
    # 5.1b: ER on the action's row, AR on its transition-officer milestone's row.
    assert "AR" in action(plan, "5.1b").resource


def test_sponsors(plan: Plan) -> None:
    sponsors = {p.ref: p.sponsor for p in plan.priorities}
    assert sponsors == {
        "W1": "wendi-ogle-welbourn",
        "W2": "jon-lewis",
        "W3": "marek-zamborski",
        "W4": "raj-lakshman",
        "W5": "debbie-mcquade",
    }
    people = {p.ref: p for p in plan.people}
    assert people["wendi-ogle-welbourn"].name == "Wendi Ogle-Welbourn"
    assert people["sheelagh-sullivan"].post == "Head of SEN and Inclusion Services"
    assert people["lorraine-cuff"].organisation == "cpft"
    w1 = next(p for p in plan.priorities if p.ref == "W1")
    assert "person:sheelagh-sullivan" in [str(d) for d in w1.delivery_partners]
    assert "organisation:family-voice" in [str(d) for d in w1.delivery_partners]


def test_sponsor_accountable_for_every_action(plan: Plan) -> None:
    sponsors = {p.ref: {p.sponsor, *p.leads} for p in plan.priorities}
    for a in plan.actions:
        accountable = {o.party.ref for o in a.owners if o.role.value == "accountable"}
        assert accountable == sponsors[a.priority], a.ref


def test_dependencies(plan: Plan) -> None:
    deps = {a.ref: a.depends_on for a in plan.actions if a.depends_on}
    assert deps == {"1.1b": ["1.1a"], "1.2": ["1.1c"], "2.2a": ["2.1"]}


def test_measure_with_baseline_and_target(plan: Plan) -> None:
    m = next(m for m in plan.measures if m.ref == "M3.3-1")
    assert (m.baseline, m.target) == ("39%", "50%")
    assert m.due is not None and m.due.text == "April 2021"


def test_governance(plan: Plan) -> None:
    boards = {b.ref: b for b in plan.boards}
    assert boards["send-executive-board"].reports_to == ["jchcb", "chexec"]
    assert boards["jchcb"].reports_to == ["hwb"]
    assert boards["chexec"].reports_to == ["hwb"]
    assert boards["jchcb"].chair == "wendi-ogle-welbourn"
    assert boards["chexec"].chair == "wendi-ogle-welbourn"
    assert boards["complex-needs-group"].reports_to == ["chexec"]
    graph = build_graph(plan)
    routes = {tuple(r.path) for r in chain(graph, "send-executive-board").routes}
    assert routes == {
        ("send-executive-board", "jchcb", "hwb"),
        ("send-executive-board", "chexec", "hwb"),
    }
    assert all(r.reaches_top for r in chain(graph, "W3").routes)
    assert chain(graph, "peterborough-send-partnership-group").path[-1] == "hwb"


def test_audit_answers(plan: Plan) -> None:
    graph = build_graph(plan)
    assert coverage(graph).covered_percent == 100.0
    cp = critical_path(graph)
    assert cp.cycles == []
    # 4.3b lists Aug 2020 before April 2020: milestones are sequenced by their dates (issue
    # 14), the listed order reported, so nothing is pushed past the latest deadline, July 2021
    assert cp.date_conflicts == []
    assert [(r.action, r.by_date[:3]) for r in cp.milestones_reordered] == [
        ("4.3b", ["4.3b-1", "4.3b-3", "4.3b-2"])
    ]
    assert cp.path[-2:] == ["1.1a", "1.1b"] and cp.finish == date(2021, 7, 31)
    assert cp.finish_reasons == [] and cp.latest_due_date == date(2021, 7, 31)
    assert [c[-1] for c in cp.tied] == ["1.1b", "1.1b-2", "4.1a"]
