"""Defects found by a user trial of the questions (critical path, slips, coverage, overload,
audit), each with a small literal plan and its known answer."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from graphmodel import Plan, build_graph
from queries.critical_path import critical_path, slip_impact
from queries.overload import overload


def _graph(**plan: Any) -> nx.MultiDiGraph:
    return build_graph(Plan.model_validate({"area": "X", "title": "T", **plan}))


def test_a_cancelled_prerequisite_gates_nothing() -> None:
    g = _graph(
        findings=[{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
        people=[{"ref": "hos", "name": "Ann Smith"}],
        actions=[
            {"ref": "A1", "text": "a", "owners": ["person:hos"], "due": "Mar-26",
             "status": "Cancelled", "addresses": ["F1"]},
            {"ref": "A3", "text": "b", "owners": ["person:hos"], "start": "Jul-25",
             "due": "Dec-25", "depends_on": ["A1"], "addresses": ["F1"]},
        ],
    )  # fmt: skip
    cp = critical_path(g)
    assert cp.finish == date(2025, 12, 31)
    assert cp.date_conflicts == [] and cp.finish_reasons == []
    assert "A1" not in cp.timings and cp.path == []
    assert cp.waits_on_cancelled == {"A3": ["A1"]}
    assert cp.to_dict()["waits_on_cancelled"] == {"A3": ["A1"]}
    assert "cancelled" in cp.summary
    report = overload(g, critical=cp.path)
    assert all(not o.critical_actions for o in report.people)


def test_a_slip_of_months_moves_month_ends_to_month_ends() -> None:
    g = _graph(
        actions=[
            {"ref": "A1", "text": "a", "due": "Mar-25"},
            {"ref": "A2", "text": "b", "due": "Dec-25", "depends_on": ["A1"]},
            {"ref": "A3", "text": "c", "start": "Jan-26", "due": "Feb-26", "depends_on": ["A2"]},
        ]
    )
    impact = slip_impact(g, slips={"A1": "3m"})
    assert impact.moved == {
        "A1": (date(2025, 3, 31), date(2025, 6, 30)),
        "A2": (date(2025, 12, 31), date(2026, 3, 31)),
        "A3": (date(2026, 2, 28), date(2026, 5, 31)),
    }
    days = slip_impact(g, slips={"A1": "2w"})  # weeks and days stay days
    assert days.moved["A1"] == (date(2025, 3, 31), date(2025, 4, 14))


def test_a_slipped_months_span_ends_at_a_month_end() -> None:
    g = _graph(
        actions=[
            {"ref": "3.2", "text": "a", "due": "Jan-25"},
            {"ref": "3.3", "text": "b", "start": "Feb-25", "due": "Jun-26", "depends_on": ["3.2"]},
            {"ref": "3.4", "text": "c", "due": "Sep-26", "depends_on": ["3.3"]},
        ]
    )
    impact = slip_impact(g, slips={"3.2": "3m"})
    assert impact.moved["3.3"] == (date(2026, 6, 30), date(2026, 9, 30))
    assert impact.finish == (date(2026, 9, 30), date(2026, 12, 31))


def test_a_milestone_slip_says_when_its_action_does_not_move() -> None:
    g = _graph(
        actions=[
            {"ref": "P", "text": "p", "start": "Sep-24", "due": "Jun-25"},
            {"ref": "A", "text": "a", "due": "Mar-25", "depends_on": ["P"],
             "milestones": [{"ref": "m1", "text": "x", "due": "Nov-24"},
                            {"ref": "m2", "text": "y", "due": "Mar-25"}]},
        ]
    )  # fmt: skip
    assert critical_path(g).timings["A"].earliest_finish == date(2025, 6, 30)
    impact = slip_impact(g, slips={"m1": "2m"})
    assert impact.moved == {
        "m1": (date(2024, 11, 30), date(2025, 1, 31)),
        "m2": (date(2025, 3, 31), date(2025, 5, 31)),
    }
    assert impact.unmoved == {"A": date(2025, 6, 30)}
    assert impact.to_dict()["unmoved"] == {"A": "2025-06-30"}


def test_a_parent_covered_through_its_child_shows_the_childs_actions() -> None:
    from actiongraph.render.document import to_text
    from actiongraph.render.questions import coverage_document
    from queries.coverage import coverage

    g = _graph(
        findings=[
            {"ref": "F1", "kind": "area_for_improvement", "text": "EHC plans are late."},
            {"ref": "F1.1", "kind": "detailed_finding", "text": "few", "parent": "F1"},
            {"ref": "F1.1.1", "kind": "detailed_finding", "text": "fewer", "parent": "F1.1"},
        ],
        actions=[{"ref": "A1", "text": "a", "due": "Dec-24", "addresses": ["F1.1.1"]}],
    )
    text = to_text(coverage_document(coverage(g)), width=200)
    (row,) = [line for line in text.splitlines() if line.startswith("F1 ")]
    assert " A1 " in row and " via F1.1 " in row, row


def test_a_parent_covered_through_its_child_has_the_childs_sole_owner() -> None:
    g = _graph(
        findings=[
            {"ref": "F1", "kind": "area_for_improvement", "text": "late"},
            {"ref": "F1.1", "kind": "detailed_finding", "text": "few", "parent": "F1"},
            {"ref": "F2", "kind": "area_for_improvement", "text": "waits"},
            {"ref": "F2.1", "kind": "detailed_finding", "text": "x", "parent": "F2"},
        ],
        people=[{"ref": "hos", "name": "Ann Smith"}, {"ref": "jo", "name": "Jo Bloggs"}],
        actions=[
            {"ref": "A1", "text": "a", "owners": ["person:hos"], "due": "Dec-24",
             "addresses": ["F1.1"]},
            {"ref": "A2", "text": "b", "owners": ["person:hos"], "due": "Dec-24",
             "addresses": ["F2"]},
            {"ref": "A3", "text": "c", "owners": ["person:jo"], "due": "Dec-24",
             "addresses": ["F2.1"]},
        ],
    )  # fmt: skip
    people = {p.name: p.sole_owner_for for p in overload(g).people}
    assert people == {"Ann Smith": ["F1", "F1.1"], "Jo Bloggs": ["F2.1"]}


def test_the_audit_verdict_counts_cycles_not_their_members() -> None:
    from actiongraph.render.document import to_text
    from actiongraph.render.questions import audit_document
    from queries.audit import audit

    g = _graph(
        findings=[{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
        actions=[
            {"ref": "A1", "text": "a", "due": "Mar-25", "depends_on": ["A2"], "addresses": ["F1"]},
            {"ref": "A2", "text": "b", "due": "Jun-25", "depends_on": ["A1"]},
        ],
    )
    report = audit(g)
    (failure,) = report.failures
    assert failure.count == 2 and failure.refs == ["A1", "A2"]  # the JSON contract: refs
    last = to_text(audit_document(report), width=200).splitlines()[-1]
    assert last.startswith("FAILED: 1 cycle (A1 → A2) "), last


def test_the_busiest_window_holds_the_quarter_its_actions_are_due_in() -> None:
    g = _graph(
        people=[{"ref": "p", "name": "Ann Smith"}],
        actions=[
            {"ref": f"A{i}", "text": "a", "owners": ["person:p"], "due": "Q4 2024/25"}
            for i in range(7)
        ],
    )
    (person,) = overload(g).people
    assert person.busiest_window == ("2025-01", "2025-03", 7)
    assert any("due 2025-01 to 2025-03" in r for r in person.reasons)


def test_coverage_resting_on_an_inferred_address_says_so() -> None:
    from actiongraph.render.document import to_text
    from actiongraph.render.questions import coverage_document
    from queries.coverage import coverage

    g = _graph(
        findings=[
            {"ref": "F1", "kind": "area_for_improvement", "text": "late"},
            {"ref": "F2", "kind": "area_for_improvement", "text": "waits"},
        ],
        actions=[
            {"ref": "A1", "text": "a", "due": "Mar-25",
             "addresses": [{"ref": "F1", "basis": "inferred", "reason": "under the F1 heading"},
                           "F2"]},
        ],
    )  # fmt: skip
    report = coverage(g)
    f1, f2 = report.findings
    assert f1.inferred == {"A1": "under the F1 heading"} and f2.inferred == {}
    findings = report.to_dict()["findings"]
    assert findings[0]["inferred"] == {"A1": "under the F1 heading"}
    assert "inferred" not in findings[1]
    text = to_text(coverage_document(report), width=200)
    assert "direct (inferred)" in text
    assert "Inferred link: A1 addresses F1 (under the F1 heading)" in text
