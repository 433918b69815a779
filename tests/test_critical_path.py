"""Critical path, date conflicts, cycles, overdue actions and slips: small plans with known
answers, the teaching example, a long chain, and properties over random plans."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel import Plan, build_graph, build_graphs
from graphmodel.integrity import dependency_cycles
from loaders import load_plan
from queries.critical_path import (
    ConflictKind,
    CriticalPathError,
    DateConflict,
    critical_path,
    overdue,
    parse_slip,
    slip_impact,
)

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"
D = date.fromisoformat


def act(ref: str, due: str | None = None, start: str | None = None, *deps: str, **extra: Any):
    return {"ref": ref, "text": f"action {ref}", "due": due, "start": start}, list(deps), extra


def plan_of(*actions: Any, published: str | None = None, findings: tuple[str, ...] = ()) -> Plan:
    rows = [{**row, "depends_on": deps, **extra} for row, deps, extra in actions]
    return Plan.model_validate(
        {
            "area": "Testshire",
            "title": "Plan",
            "published": published,
            "findings": [{"ref": f, "kind": "area_for_improvement", "text": f} for f in findings],
            "actions": rows,
        }
    )


def graph_of(*actions: Any, **options: Any) -> nx.MultiDiGraph:
    return build_graph(plan_of(*actions, **options))


# --- the critical path -----------------------------------------------------------------------


def test_a_dated_chain_has_exact_finish_and_slack() -> None:
    g = graph_of(
        act("A", "2024-01-31", "2024-01-01"),
        act("B", "2024-02-29", "2024-02-01", "A"),
        act("E", "2024-02-10", "2024-02-01"),
        act("C", "2024-03-31", "2024-03-01", "B", "E"),
        act("D", "2024-02-15", "2024-01-01"),
    )
    cp = critical_path(g)
    assert cp.path == ["A", "B", "C"]
    assert cp.finish == D("2024-03-31")
    assert {ref: t.slack_days for ref, t in cp.timings.items()} == {
        "A": 0,
        "B": 0,
        "E": 19,  # may finish as late as 29 Feb
        "C": 0,
        "D": 45,  # nothing waits for it: it may finish with the plan
    }
    b = cp.timings["B"]
    assert (b.earliest_start, b.earliest_finish, b.latest_finish) == (
        D("2024-02-01"),
        D("2024-02-29"),
        D("2024-02-29"),
    )
    assert b.critical and not cp.timings["E"].critical and b.kind == "action"
    expected = {
        "plan": "testshire",
        "to": None,
        "path": ["A", "B", "C"],
        "finish": "2024-03-31",
        "date_conflicts": [],
        "cycles": [],
        "slack": {"A": 0, "B": 0, "E": 19, "C": 0, "D": 45},
        "undated": [],
        "inferred_steps": [],
        "stated_only": False,
        "dependencies": True,
        "tied": [],
        "finish_reasons": [],
    }
    assert {k: cp.to_dict()[k] for k in expected} == expected


def test_an_action_without_start_starts_when_its_prerequisite_finishes() -> None:
    g = graph_of(
        act("Z", "2024-02-15", "2024-02-01"),
        act("A", "2024-01-31", "2024-01-01", "Z"),  # 31 days of work, pushed by Z
        act("B", "2024-03-31", None, "A"),  # 60 days after A's planned finish
    )
    t = critical_path(g).timings
    assert t["A"].planned_finish == D("2024-01-31")
    assert (t["A"].earliest_start, t["A"].earliest_finish) == (D("2024-02-16"), D("2024-03-17"))
    assert (t["B"].earliest_start, t["B"].earliest_finish) == (D("2024-03-18"), D("2024-05-16"))
    assert critical_path(g).path == ["Z", "A", "B"]


def test_an_action_without_start_or_prerequisite_starts_at_publication() -> None:
    g = graph_of(act("X", "May 2024"), act("Y", "Jan 2024"), published="March 2024")
    t = critical_path(g).timings
    assert (t["X"].earliest_start, t["X"].earliest_finish) == (D("2024-03-01"), D("2024-05-31"))
    # due before publication: zero duration, done on its due date
    assert (t["Y"].earliest_start, t["Y"].earliest_finish) == (D("2024-01-31"), D("2024-01-31"))
    no_publication = critical_path(graph_of(act("X", "May 2024"))).timings["X"]
    assert no_publication.earliest_start == no_publication.earliest_finish == D("2024-05-31")


def test_a_date_conflict_names_both_actions_and_dates() -> None:
    g = graph_of(act("A", "Mar 2024"), act("B", "Feb 2024", None, "A"))
    cp = critical_path(g)
    assert cp.date_conflicts == [DateConflict("B", "A", D("2024-02-29"), D("2024-03-31"))]
    assert cp.to_dict()["date_conflicts"] == [
        {
            "action": "B",
            "prerequisite": "A",
            "action_due": "2024-02-29",
            "prerequisite_due": "2024-03-31",
            "kind": "due",
            "action_start": None,
        }
    ]
    # B cannot finish before A: it is projected to finish with it, later than planned
    assert cp.timings["B"].earliest_finish == D("2024-03-31") > cp.timings["B"].planned_finish


def test_cycles_are_reported_and_the_rest_is_still_analysed() -> None:
    g = graph_of(
        act("A", "Jan 2024", None, "B"),
        act("B", "Feb 2024", None, "A"),
        act("S", "Mar 2024", None, "S"),
        act("C", "Apr 2024"),
        act("D", "Jun 2024", None, "C"),
        act("E", "Feb 2024", None, "A"),  # depends on a cycle from outside it
    )
    cp = critical_path(g)
    assert cp.cycles == [["A", "B"], ["S"]]
    assert cp.to_dict()["cycles"] == [["A", "B"], ["S"]]
    assert cp.path == ["C", "D"] and cp.finish == D("2024-06-30")
    assert set(cp.timings) == {"A", "B", "S", "C", "D", "E"}
    assert cp.timings["E"].earliest_start == D("2024-02-01")  # the link into the cycle is kept
    assert [(c.action, c.prerequisite) for c in cp.date_conflicts] == [("A", "B")]


def test_milestones_follow_their_order_and_hold_their_action() -> None:
    milestones = [
        {"ref": "m1", "text": "first", "due": "Jan 2024"},
        {"ref": "m2", "text": "second", "due": "June 2024"},
    ]
    g = graph_of(act("M", "2024-03-31", "2024-01-01", milestones=milestones))
    cp = critical_path(g)
    assert cp.path == []  # no DEPENDS_ON recorded: no path, only the latest due
    assert cp.latest_due == ["M"] and not cp.dependencies  # an action, not its milestone
    assert cp.finish == cp.timings["M"].earliest_finish == D("2024-06-30")
    assert cp.timings["m2"].earliest_start == D("2024-02-01")
    assert cp.timings["m1"].kind == "milestone" and cp.timings["m1"].slack_days == 0

    # listed out of date order: sequenced by their dates, the listed order reported
    reordered = critical_path(
        graph_of(act("M", "2024-03-31", "2024-01-01", milestones=milestones[::-1]))
    )
    early = reordered.timings["m1"]
    assert (early.planned_finish, early.earliest_finish) == (D("2024-01-31"), D("2024-01-31"))
    assert reordered.finish == D("2024-06-30")
    assert reordered.to_dict()["milestones_reordered"] == [
        {"action": "M", "listed": ["m2", "m1"], "by_date": ["m1", "m2"]}
    ]
    assert [(c.action, c.prerequisite) for c in reordered.date_conflicts] == [("M", "m2")]


def test_a_milestone_sharing_an_actions_ref_is_keyed_apart() -> None:
    ms = [{"ref": "A", "text": "m", "due": "Feb 2024"}]
    cp = critical_path(graph_of(act("A", "Jan 2024", milestones=ms)))
    assert set(cp.timings) == {"A", "milestone:A"}
    assert cp.path == [] and cp.finish == D("2024-02-29")
    assert cp.latest_due == ["A"]


def test_undated_actions_are_kept_with_zero_duration() -> None:
    g = graph_of(
        act("A", "Mar 2024"),
        act("U", None, None, "A"),
        act("V"),
        act("W", "From Oct-23"),  # open-ended: no planned finish
        act("X", "Jun 2024", None, "U"),
    )
    cp = critical_path(g)
    assert cp.undated == ["U", "V", "W"] == cp.to_dict()["undated"]
    u, v = cp.timings["U"], cp.timings["V"]
    assert u.undated and u.earliest_finish == D("2024-03-31") and u.slack_days == 0
    assert (v.earliest_start, v.earliest_finish, v.slack_days, v.critical) == (
        None,
        None,
        None,
        False,
    )
    assert cp.path == ["A", "U", "X"] and cp.finish == D("2024-06-30")


def test_nothing_dated_gives_no_path() -> None:
    cp = critical_path(graph_of(act("A"), act("B", None, None, "A")))
    assert (cp.path, cp.finish, cp.undated) == ([], None, ["A", "B"])
    assert critical_path(graph_of()).to_dict()["path"] == []


def test_to_a_finding_keeps_its_actions_and_their_prerequisites() -> None:
    g = graph_of(
        act("A", "Jan 2024"),
        act("B", "Mar 2024", None, "A"),
        act("C", "Apr 2024", None, "B", addresses=["F1"]),
        act("X", "Feb 2024"),
        act("D", "Dec 2024", None, "X", addresses=["F2"]),
        findings=("F1", "F2", "F3"),
    )
    cp = critical_path(g, to="F1")
    assert (cp.to, cp.path, cp.finish) == ("F1", ["A", "B", "C"], D("2024-04-30"))
    assert set(cp.timings) == {"A", "B", "C"}
    assert critical_path(g).path == ["X", "D"]
    empty = critical_path(g, to="F3")
    assert (empty.path, empty.finish, empty.timings) == ([], None, {})
    with pytest.raises(ValueError, match="no finding 'F9'"):
        critical_path(g, to="F9")


def test_to_a_finding_leaves_out_its_cancelled_actions() -> None:
    # a cancelled action is not scheduled: the finding's finish is its other actions' (it
    # raised a KeyError when a cancelled action addressed the finding)
    g = graph_of(
        act("A", "Mar 2026", addresses=["F1"], status="Cancelled"),
        act("B", "Dec 2025", "Jul 2025", "A", addresses=["F1"]),
        act("C", "Jan 2026", addresses=["F2"], status="Cancelled"),
        findings=("F1", "F2"),
    )
    cp = critical_path(g, to="F1")
    assert (cp.path, cp.finish, set(cp.timings)) == ([], D("2025-12-31"), {"B"})
    assert cp.waits_on_cancelled == {"B": ["A"]}
    only_cancelled = critical_path(g, to="F2")
    assert (only_cancelled.finish, only_cancelled.timings) == (None, {})


def test_to_a_finding_reports_the_cycles_among_its_prerequisites() -> None:
    g = graph_of(
        act("A", "Jan 2024", None, "B"),
        act("B", "Feb 2024", None, "A"),
        act("C", "Apr 2024", None, "B", addresses=["F1"]),
        act("S", "Mar 2024", None, "S", addresses=["F2"]),
        findings=("F1", "F2"),
    )
    cp = critical_path(g, to="F1")
    assert cp.cycles == [["A", "B"]] and set(cp.timings) == {"A", "B", "C"}
    assert cp.path[-1] == "C" and cp.finish == D("2024-04-30")
    assert critical_path(g, to="F2").cycles == [["S"]]


def test_a_milestone_can_slip_and_moves_its_action() -> None:
    ms = [{"ref": "m1", "text": "m", "due": "Feb 2024"}]
    g = graph_of(act("A", "Mar 2024", None, milestones=ms), act("B", "Apr 2024", None, "A"))
    impact = slip_impact(g, slips={"m1": "2m"})
    assert impact.moved == {
        "m1": (D("2024-02-29"), D("2024-04-30")),  # a month's end moves to a month's end
        "A": (D("2024-03-31"), D("2024-04-30")),
        "B": (D("2024-04-30"), D("2024-05-31")),
    }


# --- overdue ---------------------------------------------------------------------------------


def test_overdue_actions_hold_up_everything_downstream() -> None:
    g = graph_of(
        act("A", "Jan 2024", status="Delayed"),
        act("B", "Jun 2024", None, "A"),
        act("C", "Jul 2024", None, "B"),
        act("Done", "Jan 2024", status="Completed"),
        act("E", "Jun 2024", None, "Done"),
        act("F", "Feb 2024"),
        act("G", "Dec 2024", None, "F", "C"),
        act("Later", "Mar 2024"),  # due after as_of
    )
    late = overdue(g, as_of=D("2024-03-01"))
    assert late.overdue == ["A", "F"]
    assert late.held_up == {"B": ["A"], "C": ["A"], "G": ["A", "F"]}
    assert late.to_dict() == {
        "plan": "testshire",
        "as_of": "2024-03-01",
        "overdue": ["A", "F"],
        "held_up": {"B": ["A"], "C": ["A"], "G": ["A", "F"]},
    }
    assert overdue(g, as_of=D("2024-01-31")).overdue == []  # due that day is not overdue yet


def test_overdue_through_a_cycle_terminates() -> None:
    g = graph_of(act("A", "Jan 2024", None, "B"), act("B", "Jan 2024", None, "A"))
    assert overdue(g, as_of=D("2025-01-01")).held_up == {"B": ["A"], "A": ["B"]}


# --- slips -----------------------------------------------------------------------------------


def test_a_slip_moves_dependants_and_a_findings_finish() -> None:
    g = graph_of(
        act("A", "Jan 2024"),
        act("B", "Mar 2024", None, "A", addresses=["F1"]),
        act("C", "2024-06-30", "2024-06-01", "B", addresses=["F2"]),  # slack absorbs it
        findings=("F1", "F2"),
    )
    impact = slip_impact(g, slips={"A": "1m"})
    assert impact.moved == {
        "A": (D("2024-01-31"), D("2024-02-29")),  # calendar month: month end to month end
        "B": (D("2024-03-31"), D("2024-04-30")),  # its two months of work, to a month end
    }
    assert impact.findings_later == {"F1": (D("2024-03-31"), D("2024-04-30"))}
    assert impact.finish == (D("2024-06-30"), D("2024-06-30"))
    assert impact.to_dict()["moved"]["B"] == ["2024-03-31", "2024-04-30"]

    late = slip_impact(g, slips={"B": "10 weeks"})
    assert late.slips == {"B": "10w"}
    assert late.moved["C"] == (D("2024-06-30"), D("2024-07-09"))  # from 10 June
    assert set(late.findings_later) == {"F1", "F2"}
    assert late.to_dict()["finish"] == ["2024-06-30", "2024-07-09"]
    assert slip_impact(g, slips={}).moved == {}


def test_slip_errors_are_clear() -> None:
    g = graph_of(act("A", "Jan 2024"))
    with pytest.raises(ValueError, match="no action or milestone 'Q'"):
        slip_impact(g, slips={"Q": "1m"})
    with pytest.raises(ValueError, match="cannot read the slip '1y'"):
        slip_impact(g, slips={"A": "1y"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A-1=3m", ("A-1", "3m")),
        ("2.1=10d", ("2.1", "10d")),
        (" x = 2 weeks ", ("x", "2w")),
        ("a=b=1 Month", ("a=b", "1m")),
    ],
)
def test_parse_slip(text: str, expected: tuple[str, str]) -> None:
    assert parse_slip(text) == expected


@pytest.mark.parametrize("text", ["A-1", "=3m", "A-1=3", "A-1=3y", "A-1=-1m", "A=1.5m", "A=99999m"])
def test_parse_slip_rejects(text: str) -> None:
    with pytest.raises(CriticalPathError) as info:
        parse_slip(text)
    assert isinstance(info.value, ValueError) and "slip" in str(info.value)


# --- real and large plans --------------------------------------------------------------------


def test_the_teaching_example() -> None:
    g = build_graph(load_plan(TEACHING))
    cp = critical_path(g)
    # 3.1 due Oct-24 -> 3.2 due Jan-25 -> 3.3 Feb-25 to Jun-26 -> 3.4 due Sep-26
    assert cp.path == ["3.1", "3.2", "3.3", "3.4"]
    assert cp.finish == D("2026-09-30")
    assert cp.timings["3.1"].earliest_start == D("2024-07-01")  # published July 2024
    assert cp.timings["3.3"].earliest_start == D("2025-02-01")
    # 1.2 (triage) starts Sep-24 but waits for 1.1 (recruitment) due Dec-24: a start
    # conflict, so 1.2 starts in December and its seven months run to June 2025
    assert cp.date_conflicts == [
        DateConflict(
            "1.2", "1.1", D("2025-03-31"), D("2024-12-31"), ConflictKind.START, D("2024-09-01")
        )
    ]
    assert cp.timings["1.2"].earliest_start == D("2024-12-01")
    assert cp.cycles == []
    assert cp.undated == ["2.3", "3.6"]  # "Actions have commenced", "Nov 2024-"
    assert critical_path(g, to="AFI-2").path == ["2.5"]  # due 2024/25: end of Aug 2025
    # 1.5 runs "From Jan-25" to Jul-25 and waits for 1.4, due spring 2025 (January to
    # March): January is in the spring term, a handover, so 1.5 keeps its dates
    reviews = critical_path(g, to="AFI-1.2")
    assert (reviews.path, reviews.finish) == (["1.4", "1.5"], D("2025-07-31"))
    assert reviews.timings["1.5"].earliest_start == D("2025-01-01")
    assert reviews.date_conflicts == []
    json.dumps(cp.to_dict())


def test_a_ten_thousand_long_chain() -> None:
    first = date(2020, 1, 1)
    rows = [
        act(f"a{i}", (first + timedelta(i)).isoformat(), None, *([f"a{i - 1}"] if i else []))
        for i in range(10_000)
    ]
    g = graph_of(*rows)  # no recursion limit; its time is in the benchmark (python -m bench)
    cp = critical_path(g)
    late = overdue(g, as_of=first + timedelta(1))
    impact = slip_impact(g, slips={"a0": "1d"})
    assert len(cp.path) == 10_000 and cp.finish == first + timedelta(9_999)
    assert late.overdue == ["a0"] and len(late.held_up) == 9_999
    assert len(impact.moved) == 10_000


def test_two_plans_in_one_graph() -> None:
    one = plan_of(act("A", "Jan 2024"), act("B", "Mar 2024", None, "A"))
    two = Plan.model_validate(
        {"id": "other", "area": "Other", "title": "T", "actions": [{"ref": "A", "text": "a"}]}
    )
    g = build_graphs([one, two])
    with pytest.raises(ValueError, match=r"testshire.*other"):
        critical_path(g)
    with pytest.raises(ValueError, match="no plan 'nope'"):
        overdue(g, "nope", as_of=D("2024-01-01"))
    cp = critical_path(g, "testshire")
    assert (cp.plan, cp.path, cp.finish) == ("testshire", ["A", "B"], D("2024-03-31"))
    assert critical_path(g, "other").undated == ["A"]
    assert slip_impact(g, "testshire", slips={"A": "1m"}).moved["B"][1] == D("2024-04-30")


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_properties_of_random_plans(plan: Plan) -> None:
    g = build_graph(plan)
    cp = critical_path(g)
    json.dumps(cp.to_dict())
    finishes = [t.earliest_finish for t in cp.timings.values() if t.earliest_finish]
    assert cp.finish == max(finishes, default=None)
    dependent = {a.ref for a in plan.actions if a.depends_on}
    assert all(ref in dependent for cycle in cp.cycles for ref in cycle)
    assert cp.cycles == dependency_cycles(plan)
    for t in cp.timings.values():
        if t.earliest_finish is not None:
            assert t.slack_days is not None and t.slack_days >= 0, t
    assert all(cp.timings[ref].slack_days == 0 for ref in cp.path)
    assert len(cp.timings) == len(plan.actions) + sum(len(a.milestones) for a in plan.actions)

    for finding in plan.findings:
        part = critical_path(g, to=finding.ref)
        assert all(part.timings[ref].slack_days == 0 for ref in part.path)
        assert set(part.timings) <= set(cp.timings)
    json.dumps(overdue(g, as_of=date(2024, 1, 1)).to_dict())
    if plan.actions:
        impact = slip_impact(g, slips={plan.actions[0].ref: "2m"})
        json.dumps(impact.to_dict())
        assert all(new >= old for old, new in impact.moved.values() if old and new)


def test_milestones_out_of_date_order_are_sequenced_by_date() -> None:
    """Peterborough's 4.3b lists an Aug 2020 milestone before an April 2020 one: they are
    sequenced by their dates and the listed order is reported, not pushed later."""
    g = build_graph(
        Plan.model_validate(
            {
                "area": "X",
                "title": "T",
                "actions": [
                    {
                        "ref": "A",
                        "text": "a",
                        "due": "Mar 2021",
                        "milestones": [
                            {"ref": "m1", "text": "later", "due": "Aug 2020"},
                            {"ref": "m2", "text": "earlier", "due": "Apr 2020"},
                            {"ref": "m3", "text": "after the action", "due": "Jun 2021"},
                        ],
                    }
                ],
            }
        )
    )
    cp = critical_path(g)
    assert [(c.action, c.prerequisite) for c in cp.date_conflicts] == [("A", "m3")]
    assert cp.timings["m1"].earliest_finish == D("2020-08-31")  # not pushed
    assert cp.timings["m2"].earliest_finish == D("2020-04-30")
    assert [(r.action, r.listed, r.by_date) for r in cp.milestones_reordered] == [
        ("A", ["m1", "m2", "m3"], ["m2", "m1", "m3"])
    ]


def test_a_finish_pushed_to_a_prerequisites_period_is_traced_through_that_prerequisite() -> None:
    """Found by the property test: B starts Dec-23 with no due, after A (start Dec-23, no due:
    done when it starts) and C (due Dec-23). B's finish is pushed to C's period, so the chain
    runs through C, not through A, whose finish could move a month (slack 31 days)."""
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "actions": [
                {
                    "ref": "A",
                    "text": "Start only",
                    "start": "Dec-23",
                    "milestones": [{"ref": "A-m", "text": "Undated"}],
                },
                {"ref": "C", "text": "Due", "due": "Dec-23"},
                {"ref": "B", "text": "Starts", "start": "Dec-23", "depends_on": ["C", "A"]},
                {"ref": "D", "text": "Last", "depends_on": ["B"]},
            ],
        }
    )
    cp = critical_path(build_graph(plan))
    assert cp.path == ["C", "B", "D"]
    assert all(cp.timings[ref].slack_days == 0 for ref in cp.path)
