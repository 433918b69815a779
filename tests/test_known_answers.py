"""Issue 14: small plans under tests/data/known, each with answers worked by hand (the
reasoning is in each file's header comment). They run through the CLI, as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from graphmodel import build_graph
from loaders import load_plan
from queries.coverage import coverage
from queries.critical_path import critical_path

KNOWN = Path(__file__).parent / "data" / "known"


def cli(*args: str) -> tuple[int, str]:
    run = subprocess.run(
        [sys.executable, "-m", "actiongraph", *args], capture_output=True, text=True, check=False
    )
    return run.returncode, run.stdout + run.stderr


def audit(name: str, *extra: str) -> dict[str, Any]:
    code, out = cli("audit", str(KNOWN / name), "--format", "json", *extra)
    assert code in (0, 1), out
    data: dict[str, Any] = json.loads(out)
    return data


# --- (1) periods at their precision ---------------------------------------------------------


def test_a_month_handover_is_not_a_slip() -> None:
    cp = audit("handover.yaml")["critical_path"]
    assert (cp["path"], cp["finish"], cp["date_conflicts"]) == (["A", "B"], "2021-06-30", [])
    assert cp["slack"] == {"A": 0, "B": 0} and cp["finish_reasons"] == []


def test_a_quarter_start_takes_a_prerequisite_due_in_that_quarter() -> None:
    cp = audit("quarter-handover.yaml")["critical_path"]
    assert (cp["finish"], cp["date_conflicts"]) == ("2021-03-31", [])


def test_a_real_conflict_moves_the_dependant_and_says_why_with_both_dates() -> None:
    cp = audit("start-conflict.yaml")["critical_path"]
    assert cp["finish"] == "2021-07-30"
    assert cp["date_conflicts"] == [
        {
            "action": "B",
            "prerequisite": "A",
            "action_due": "2021-06-30",
            "prerequisite_due": "2020-10-31",
            "kind": "start",
            "action_start": "2020-09-01",
        }
    ]
    assert cp["finish_reasons"] == ["B starts 2020-09-01 but waits for A, due 2020-10-31"]
    # the plan has no findings, which fails the default gate's `empty`: ask only for a conflict
    code, text = cli("audit", str(KNOWN / "start-conflict.yaml"), "--fail-on", "uncovered")
    assert code == 0, text
    assert "B starts 2020-09-01, before A is due (2020-10-31)" in text
    assert "Finishes after every written due date: B starts 2020-09-01" in text


def test_milestones_out_of_date_order_are_sequenced_by_date() -> None:
    cp = critical_path(build_graph(load_plan(KNOWN / "milestones-out-of-order.yaml")))
    assert cp.timings["A-2"].earliest_finish == cp.timings["A-2"].planned_finish
    assert cp.date_conflicts == [] and cp.finish is not None
    assert cp.finish.isoformat() == "2021-04-30"
    (r,) = cp.milestones_reordered
    assert (r.listed, r.by_date) == (["A-1", "A-2", "A-3", "A-4"], ["A-1", "A-3", "A-2", "A-4"])


# --- (2) no dependencies, no path ---------------------------------------------------------------


def test_no_dependencies_no_path_the_latest_due_and_its_tie() -> None:
    cp = audit("no-dependencies.yaml")["critical_path"]
    assert (cp["path"], cp["finish"], cp["dependencies"]) == ([], "2024-12-31", False)
    assert cp["summary"] == "no dependencies recorded; latest due: B, C (2024-12-31); 2 actions tie"
    assert cp["tied"] == [["B"], ["C"]]
    code, text = cli("critical-path", str(KNOWN / "no-dependencies.yaml"))
    assert code == 0 and "no dependencies recorded; latest due: B, C (2024-12-31)" in text


def test_tied_chains_are_said_and_listed() -> None:
    cp = audit("tied-chains.yaml")["critical_path"]
    assert (cp["path"], cp["tied"]) == (["A", "B"], [["A", "B"], ["C", "D"]])
    assert "2 chains tie" in cp["summary"]


# --- (3) load by role ---------------------------------------------------------------------------


def test_overload_counts_responsible_ownership_unless_told() -> None:
    people = {p["ref"]: p for p in audit("overload-roles.yaml")["overload"]["people"]}
    assert people["officer"]["overloaded"] and not people["sponsor"]["overloaded"]
    assert people["sponsor"]["by_role"] == {"responsible": 0, "accountable": 20, "involved": 0}
    assert (people["sponsor"]["open_actions"], people["sponsor"]["counted_actions"]) == (20, 0)
    assert people["officer"]["counted_actions"] == 17
    config = ("--config", str(KNOWN / "count-accountable.toml"))
    wider = {p["ref"]: p for p in audit("overload-roles.yaml", *config)["overload"]["people"]}
    assert wider["sponsor"]["overloaded"] and wider["sponsor"]["counted_actions"] == 20
    code, text = cli("overload", str(KNOWN / "overload-roles.yaml"), "--format", "md")
    assert code == 0, text  # Markdown: table cells are never wrapped
    assert "20 acc" in text and "counting responsible ownership" in text


# --- (4) parent findings ----------------------------------------------------------------------


def test_parents_are_covered_partial_or_uncovered_by_their_children() -> None:
    found = {f["ref"]: f for f in audit("parent-coverage.yaml")["coverage"]["findings"]}
    statuses = {ref: f["status"] for ref, f in found.items()}
    assert statuses == {
        "H1": "partial",
        "H1.1": "covered",
        "H1.2": "uncovered",
        "H2": "covered",
        "H2.1": "covered",
        "H2.2": "covered",
        "H3": "uncovered",
        "H3.1": "uncovered",
    }
    assert found["H1"]["uncovered_children"] == ["H1.2"]
    assert found["H3"]["why"] == "no action addresses it or any of its child findings"


def test_critical_path_to_a_parent_follows_its_children() -> None:
    code, out = cli(
        "critical-path", str(KNOWN / "parent-coverage.yaml"), "--to", "H2", "--format", "json"
    )
    assert code == 0, out
    data = json.loads(out)
    assert (data["path"], data["finish"]) == (["C1", "C2"], "2025-03-31")
    assert data["findings"] == ["H2", "H2.1", "H2.2"]


# --- (5) what to fix --------------------------------------------------------------------------


def test_each_finding_says_which_actions_lack_what_and_why_uncovered() -> None:
    found = {f["ref"]: f for f in audit("lacking.yaml")["coverage"]["findings"]}
    assert found["F1"]["status"] == "partial"
    assert found["F1"]["lacking"] == {
        "owner": ["B1", "B3"],
        "due": ["B2"],
        "measure": ["B1", "B2", "B3"],
    }
    assert found["F2"]["lacking"] == {}
    assert found["F2"]["why"] == "all 1 addressing actions are cancelled (B4)"
    code, text = cli("coverage", str(KNOWN / "lacking.yaml"), "--format", "md")
    assert code == 0, text
    assert "| no owner: B1, B3; no due: B2; no measure: B1, B2, B3 |" in text
    assert "| all 1 addressing actions are cancelled (B4) |" in text


def test_the_critical_path_table_shows_text_dates_and_slack() -> None:
    code, text = cli("critical-path", str(KNOWN / "handover.yaml"), "--format", "md")
    assert code == 0, text
    header = "| step | dependency | action | written | earliest start | earliest finish | slack |"
    assert header in text
    assert (
        "| A | - | Draft the new pathway | Jun-20 → Sep-20 | 2020-06-01 | 2020-09-30 | 0 |" in text
    )
    assert (
        "| B | stated | Roll out the pathway | Sep-20 → Jun-21 | 2020-09-01 | 2021-06-30 | 0 |"
        in text
    )


# --- (6) dates as written ---------------------------------------------------------------------


def test_dates_as_written_in_a_plan() -> None:
    plan = load_plan(KNOWN / "written-dates.yaml")
    due = {a.ref: a.due for a in plan.actions}
    assert due["A"] is not None and due["A"].end is not None
    assert due["A"].end.isoformat() == "2023-06-15"  # within 3 months of 15 March 2023
    ends = {ref: p.end.isoformat() for ref, p in due.items() if p is not None and p.end}
    assert ends == {
        "A": "2023-06-15",
        "B": "2023-09-30",
        "C": "2023-08-31",
        "D": "2024-03-31",
        "E": "2019-12-31",
    }
    start = plan.actions[2].start
    assert start is not None and start.start is not None and start.start.isoformat() == "2023-06-19"
    cp = critical_path(build_graph(plan))
    assert cp.finish is not None and cp.finish.isoformat() == "2024-03-31"


# --- (7) organisations named in People ---------------------------------------------------------


def test_organisations_named_in_people_are_created_silently() -> None:
    code, text = cli("validate", str(KNOWN / "people-organisation"))
    assert code == 0, text
    assert "Exampleshire Council" not in text and "Exampleshire ICB" not in text
    assert text.count("[name.created]") == 1 and "Nobody Known" in text
    plan = load_plan(KNOWN / "people-organisation")
    assert sorted(o.name for o in plan.organisations) == [
        "Exampleshire Council",
        "Exampleshire ICB",
    ]
    report = coverage(build_graph(plan))
    assert report.covered_percent == 0.0  # no measures: partial, whatever the owners


def test_a_number_in_a_date_cell_gets_a_clear_reading(tmp_path: Path) -> None:
    plan = tmp_path / "serial.yaml"
    plan.write_text("area: S\ntitle: T\nactions:\n  - {ref: A, text: a, due: 45627}\n")
    code, text = cli("validate", str(plan))
    assert code == 0, text
    assert "[date.serial]" in text
    assert "looks like an Excel date serial (45627 = 2024-12-01)" in text
    due = load_plan(plan).actions[0].due
    assert due is not None and due.end is not None and due.end.isoformat() == "2024-12-01"
