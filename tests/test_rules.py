"""Plan rules on small plans with known answers."""

from __future__ import annotations

from datetime import date

from graphmodel import Plan, build_graph
from queries.rules import plan_rule_violations

PLAN = Plan.model_validate(
    {
        "area": "Rulesshire",
        "title": "T",
        "priorities": [
            {"ref": "P1", "title": "no sponsor, no lead"},
            {"ref": "P2", "title": "fine", "sponsor": "ann", "leads": ["bob"]},
        ],
        "actions": [
            {
                "ref": "A1",
                "text": "only involved",
                "due": "Dec-24",
                "owners": [{"party": "person:bob", "role": "involved"}],
            },
            {
                "ref": "A2",
                "text": "undated",
                "due": "Actions have commenced",
                "owners": ["person:ann"],
            },
            {"ref": "A3", "text": "cancelled, so not judged", "status": "Cancelled"},
            {
                "ref": "A4",
                "text": "past due, still green",
                "due": "Jan-24",
                "status": "On track",
                "owners": [{"party": "person:ann", "role": "accountable"}],
            },
            {
                "ref": "A5",
                "text": "past due but complete",
                "due": "Jan-24",
                "status": "Completed",
                "owners": ["person:bob"],
            },
        ],
        "measures": [{"ref": "M1", "text": "m", "baseline": "1"}],
        "people": [{"ref": "ann", "name": "Ann"}, {"ref": "bob", "name": "Bob"}],
    }
)


def violations(**options: object) -> list[tuple[str, str, str]]:
    found = plan_rule_violations(build_graph(PLAN), **options)  # type: ignore[arg-type]
    return [(v.rule.value, v.ref, v.message) for v in found]


def test_every_rule_with_its_message() -> None:
    assert violations(as_of=date(2024, 6, 1)) == [
        ("priority.sponsor", "P1", "priority P1 (no sponsor, no lead) has no sponsor"),
        ("priority.lead", "P1", "priority P1 (no sponsor, no lead) has no lead"),
        ("action.owner", "A1", "action A1 has no owner (only parties involved)"),
        ("action.due", "A2", "action A2 has no due period (written 'Actions have commenced')"),
        (
            "status.overdue_on_track",
            "A4",
            "action A4 is rated 'On track' (on track) but was due Jan-24 (ended 2024-01-31), "
            "before 2024-06-01",
        ),
        ("measure.target", "M1", "measure M1 has no target"),
    ]


def test_stale_status_needs_a_date_and_skip_leaves_rules_out() -> None:
    rules = [rule for rule, _, _ in violations(skip={"priority.sponsor", "priority.lead"})]
    assert rules == ["action.owner", "action.due", "measure.target"]


def test_a_completed_status_with_a_date_is_a_due_period() -> None:
    """Cheshire East's Appendix 2 gives completion dates only in the status cell."""
    from queries.coverage import coverage

    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "findings": [{"ref": "F", "kind": "area_for_improvement", "text": "f"}],
            "actions": [
                {
                    "ref": "done",
                    "text": "a",
                    "status": "Completed Oct 17",
                    "owners": ["person:p"],
                    "addresses": ["F"],
                    "measures": ["M"],
                },
                {
                    "ref": "open",
                    "text": "b",
                    "status": "In progress Commence in April",
                    "owners": ["person:p"],
                },
                {
                    "ref": "undone",
                    "text": "c",
                    "status": "Not started Oct 17",
                    "owners": ["person:p"],
                },
            ],
            "measures": [{"ref": "M", "text": "m", "baseline": "1", "target": "2"}],
            "people": [{"ref": "p", "name": "P"}],
        }
    )
    g = build_graph(plan)
    assert [v.ref for v in plan_rule_violations(g) if v.rule.value == "action.due"] == [
        "open",
        "undone",
    ]
    assert coverage(g).findings[0].status.value == "covered"
