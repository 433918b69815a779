"""The status rules, each with known answers: on one version (with and without --as-of) and
across versions (dates.moved_silently, status.stuck), in the library and from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from graphmodel import Plan, build_graph
from queries.rules import Rule, plan_rule_violations, version_rule_violations
from queries.versions import version_of

STATUS = {r.value for r in Rule if r.value.startswith(("status.", "dates."))}


def ag(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def plan(actions: list[dict[str, Any]], published: str | None = None) -> Plan:
    data: dict[str, Any] = {"area": "X", "title": "T", "status_scale": "bragg"}
    data["actions"] = [{"text": "a", "owners": ["person:p"], **a} for a in actions]
    data["people"] = [{"ref": "p", "name": "P"}]
    if published:
        data["published"] = published
    return Plan.model_validate(data)


def status_rules(p: Plan, as_of: date | None = None) -> list[tuple[str, str]]:
    found = plan_rule_violations(build_graph(p), as_of=as_of)
    return [(v.rule.value, v.ref) for v in found if v.rule.value in STATUS]


MARCH = date(2025, 3, 15)


def test_overdue_on_track_is_green_after_the_due_period_ended() -> None:
    p = plan(
        [
            {"ref": "late", "due": "Jan-25", "status": "Green"},
            {"ref": "this-month", "due": "Mar-25", "status": "Green"},  # ends 31 March
            {"ref": "amber", "due": "Jan-25", "status": "Amber"},  # at risk: it says so
            {"ref": "done", "due": "Jan-25", "status": "Blue"},
            {
                "ref": "parent",
                "due": "Jun-25",
                "status": "Green",
                "milestones": [{"ref": "m1", "text": "m", "due": "Feb-25", "status": "On track"}],
            },
        ]
    )
    assert status_rules(p, MARCH) == [
        ("status.overdue_on_track", "late"),
        ("status.overdue_on_track", "m1"),
    ]
    assert status_rules(p) == []  # needs a date


def test_complete_undated_has_neither_due_nor_completion_date() -> None:
    p = plan(
        [
            {"ref": "bare", "status": "Blue"},
            {"ref": "words", "due": "When funding allows", "status": "Completed"},
            {"ref": "dated-cell", "status": "Completed Oct 17"},
            {"ref": "due", "due": "Jan-25", "status": "Blue"},
            {"ref": "open", "status": "Green"},
        ]
    )
    assert status_rules(p) == [
        ("status.complete_undated", "bare"),
        ("status.complete_undated", "words"),
    ]


def test_late_start_is_not_started_after_the_start_period() -> None:
    p = plan(
        [
            {"ref": "late", "start": "Jan-25", "due": "Dec-25", "status": "Not started"},
            {"ref": "open-start", "start": "From Feb-25", "due": "Dec-25", "status": "Not started"},
            {"ref": "not-yet", "start": "Apr-25", "due": "Dec-25", "status": "Not started"},
            {"ref": "this-month", "start": "Mar-25", "due": "Dec-25", "status": "Not started"},
            {"ref": "started", "start": "Jan-25", "due": "Dec-25", "status": "Green"},
            {"ref": "no-start", "due": "Dec-25", "status": "Not started"},
            {"ref": "done", "start": "Jan-25", "due": "Feb-25", "status": "Blue"},
            {
                "ref": "waits",
                "start": "Jan-25",
                "due": "Dec-25",
                "status": "Grey",
                "depends_on": ["started"],
            },
            {
                "ref": "nothing-to-wait-for",
                "start": "Jan-25",
                "due": "Dec-25",
                "status": "Grey",
                "depends_on": ["done"],
            },
        ]
    )
    # in BRAGG, "Not started" is Grey (waiting); waiting counts once nothing is left open
    assert status_rules(p, MARCH) == [
        ("status.late_start", "late"),
        ("status.late_start", "open-start"),
        ("status.late_start", "nothing-to-wait-for"),
    ]
    assert status_rules(p) == []


def test_unknown_is_a_word_the_scale_does_not_know() -> None:
    p = plan(
        [
            {"ref": "purple", "due": "Dec-25", "status": "Purple"},
            {"ref": "green", "due": "Dec-25", "status": "Green"},
            {"ref": "date-only", "due": "Dec-25", "status": "Dec 2024"},
            {"ref": "blank", "due": "Dec-25"},
            {
                "ref": "ms",
                "due": "Dec-25",
                "status": "Green",
                "milestones": [{"ref": "m", "text": "m", "status": "Sort of"}],
            },
        ]
    )
    assert status_rules(p) == [("status.unknown", "purple"), ("status.unknown", "m")]


def _versions(*steps: tuple[str, str, str], ref: str = "A") -> list[Any]:
    """One action ``ref`` per version: (due, status, published)."""
    return [
        version_of(plan([{"ref": ref, "due": due, "status": st}], month), month)
        for due, st, month in steps
    ]


def test_moved_silently_needs_a_later_due_and_on_track_both_times() -> None:
    def rules(*steps: tuple[str, str, str]) -> list[tuple[str, str]]:
        return [(v.rule.value, v.ref) for v in version_rule_violations(_versions(*steps))]

    assert rules(("Jan-25", "Green", "Dec 2024"), ("Mar-25", "Green", "Jan 2025")) == [
        ("dates.moved_silently", "A")
    ]
    assert rules(("Jan-25", "Green", "Dec 2024"), ("Mar-25", "Amber", "Jan 2025")) == []
    assert rules(("Mar-25", "Green", "Dec 2024"), ("Jan-25", "Green", "Jan 2025")) == []
    assert rules(("Jan-25", "Green", "Dec 2024"), ("Jan-25", "Green", "Jan 2025")) == []


def test_moved_silently_follows_a_renamed_action() -> None:
    old = plan(
        [{"ref": "A1", "text": "Recruit two coordinators", "due": "Jan-25", "status": "Green"}]
    )
    new = plan(
        [{"ref": "A1a", "text": "Recruit two coordinators.", "due": "Apr-25", "status": "Green"}]
    )
    found = version_rule_violations([version_of(old, "v1"), version_of(new, "v2")])
    assert [(v.rule.value, v.ref) for v in found] == [("dates.moved_silently", "A1a")]
    assert "from Jan-25 to Apr-25 between v1 and v2" in found[0].message


def test_stuck_is_the_same_open_status_three_versions_while_overdue() -> None:
    def rules(*steps: tuple[str, str, str], as_of: date | None = None) -> list[str]:
        found = version_rule_violations(_versions(*steps), as_of=as_of)
        return [v.rule.value for v in found]

    red = [
        ("Jan-25", "Red", "Feb 2025"),
        ("Jan-25", "Red", "Mar 2025"),
        ("Jan-25", "Red", "Apr 2025"),
    ]
    assert rules(*red) == ["status.stuck"]
    assert rules(*red[1:]) == []  # two versions only
    assert rules(red[0], ("Jan-25", "Amber", "Mar 2025"), red[2]) == []  # it moved
    assert rules(*red, as_of=date(2025, 1, 15)) == []  # not overdue yet
    done = [("Jan-25", "Blue", m) for m in ("Feb 2025", "Mar 2025", "Apr 2025")]
    assert rules(*done) == []  # complete is not stuck
    # on track all along and overdue: stuck too (and overdue on track in each version)
    green = [("Jan-25", "Green", m) for m in ("Feb 2025", "Mar 2025", "Apr 2025")]
    assert rules(*green) == ["status.stuck"]


@pytest.fixture
def three_versions(tmp_path: Path) -> list[Path]:
    files = []
    for i, (month, due, status) in enumerate(
        [
            ("Jan 2025", "Feb-25", "Green"),
            ("Mar 2025", "Apr-25", "Green"),
            ("May 2025", "Apr-25", "Green"),
        ]
    ):
        data = {
            "area": "X",
            "title": "T",
            "published": month,
            "status_scale": "bragg",
            "findings": [{"ref": "F", "kind": "area_for_improvement", "text": "f"}],
            "actions": [
                {
                    "ref": "A",
                    "text": "a",
                    "owners": ["person:p"],
                    "due": due,
                    "status": status,
                    "addresses": ["F"],
                }
            ],
            "people": [{"ref": "p", "name": "P"}],
        }
        path = tmp_path / f"v{i + 1}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def test_audit_with_previous_versions_from_the_command_line(three_versions: list[Path]) -> None:
    v1, v2, v3 = three_versions
    done = ag("audit", v3, "--previous", v1, "--previous", v2, "--format", "json")
    assert done.returncode == 0, done.stderr
    rules = [(r["rule"], r["ref"]) for r in json.loads(done.stdout)["rules"]]
    # no --as-of: stuck is judged on the newest version's date (May 2025, after Apr-25)
    assert rules == [("dates.moved_silently", "A"), ("status.stuck", "A")]
    alone = json.loads(ag("audit", v3, "--format", "json").stdout)["rules"]
    assert [r["rule"] for r in alone] == []
    gate = ag(
        "audit",
        v3,
        "--previous",
        v1,
        "--previous",
        v2,
        "--as-of",
        "2025-05-15",
        "--fail-on",
        "rules",
        "--detail",
    )
    assert gate.returncode == 1
    assert "action A is rated 'Green' (on track) but was due Apr-25" in gate.stdout
    assert "due moved later from Feb-25 to Apr-25" in gate.stdout
