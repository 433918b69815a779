"""`actiongraph diff` run as a user runs it (a subprocess on real files), with known answers
for every kind of change, the effect on the answers, the gate and bad input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from graphmodel import Plan
from queries.diff import RENAME_THRESHOLD, plan_diff


def ag(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


OLD: dict[str, Any] = {
    "area": "Diffshire",
    "title": "Improvement plan",
    "published": "June 2025",
    "status_scale": "bragg",
    "findings": [
        {"ref": "F1", "kind": "area_for_improvement", "text": "EHC plans are late."},
        {"ref": "F2", "kind": "area_for_improvement", "text": "Waits are long."},
    ],
    "priorities": [
        {"ref": "P1", "title": "Plans", "sponsor": "ann", "leads": ["bob"], "reports_to": ["wg"]}
    ],
    "actions": [
        {
            "ref": "A1",
            "text": "Recruit two EHC coordinators",
            "priority": "P1",
            "owners": ["person:ann"],
            "due": "Mar-25",
            "status": "Green",
            "addresses": ["F1"],
            "measures": ["M1"],
        },
        {
            "ref": "A2",
            "text": "Triage every request for assessment",
            "owners": ["person:bob"],
            "start": "Jan-25",
            "due": "Jun-25",
            "status": "Amber",
            "depends_on": ["A1"],
            "addresses": ["F1"],
            "measures": ["M1"],
            "milestones": [{"ref": "A2-m1", "text": "Triage form agreed", "due": "Feb-25"}],
        },
        {
            "ref": "A3",
            "text": "Publish a family guide to the EHC process",
            "owners": ["person:ann"],
            "due": "Apr-25",
            "status": "Grey",
            "addresses": ["F1"],
        },
        {
            "ref": "A4",
            "text": "Audit twenty plans a term",
            "owners": ["person:bob"],
            "due": "Jul-25",
            "status": "Grey",
            "depends_on": ["A3"],
            "addresses": ["F1"],
        },
        {
            "ref": "A5",
            "text": "Open a waiting-well line",
            "owners": ["person:cat"],
            "due": "May-25",
            "status": "Green",
            "addresses": ["F2"],
            "measures": ["M1"],
        },
    ],
    "measures": [{"ref": "M1", "text": "Plans on time", "baseline": "38%", "target": "60%"}],
    "people": [
        {"ref": "ann", "name": "Ann Able"},
        {"ref": "bob", "name": "Bob Bell"},
        {"ref": "cat", "name": "Cat Cole"},
    ],
    "boards": [
        {"ref": "top", "name": "Health and Wellbeing Board"},
        {"ref": "wg", "name": "Working group", "reports_to": ["top"]},
    ],
}


def _new() -> dict[str, Any]:
    new = copy.deepcopy(OLD)
    new["published"] = "July 2025"
    a1, a2, a3, a4, _a5 = new["actions"]
    a1["due"] = "Jun-25"  # moved later, still Green: the silent move
    a2["status"] = "Red"
    a2["owners"] = ["person:bob", {"party": "person:ann", "role": "accountable"}]
    a2["start"] = "Feb-25"
    a2["depends_on"] = []
    a2["milestones"][0]["due"] = "Mar-25"
    a3["ref"] = "A3a"  # renumbered, text nearly the same
    a3["text"] = "Publish a family guide to the EHC process for parents"
    a4["depends_on"] = ["A3a"]  # follows the rename: not a change
    a4["owners"] = ["person:bob"]
    new["actions"] = [a1, a2, a3, a4]  # A5 removed: F2 loses its only action
    new["actions"].append(
        {
            "ref": "A6",
            "text": "Write to every family on a waiting list",
            "owners": ["person:bob"],
            "due": "Sep-25",
            "status": "Green",
            "addresses": ["F1"],
        }
    )
    new["measures"][0]["target"] = "70%"
    new["findings"][1]["text"] = "Waits for assessment are long."
    new["priorities"][0]["reports_to"] = []  # P1 now reports to no board
    return new


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return _write(tmp_path / "old.yaml", OLD), _write(tmp_path / "new.yaml", _new())


@pytest.fixture
def strict(tmp_path: Path) -> Path:
    """Overload from three open responsible actions: Bob reaches it in the new version."""
    path = tmp_path / "overload.toml"
    path.write_text("[overload]\nmax_open = 3\nmax_in_window = 99\n", encoding="utf-8")
    return path


def test_every_kind_of_change_with_its_old_and_new_value(
    pair: tuple[Path, Path], strict: Path
) -> None:
    done = ag("diff", *pair, "--format", "json", "--config", strict)
    assert done.returncode == 0, done.stderr
    d = json.loads(done.stdout)
    assert d["old"] == {"plan": "diffshire", "published": "June 2025"}
    assert d["new"] == {"plan": "diffshire", "published": "July 2025"}
    assert d["added"] == [{"kind": "action", "ref": "A6"}]
    assert d["removed"] == [{"kind": "action", "ref": "A5"}]
    assert d["renamed"] == [{"kind": "action", "old": "A3", "new": "A3a"}]
    changed = [(c["kind"], c["ref"], c["field"], c["old"], c["new"]) for c in d["changed"]]
    assert changed == [
        ("finding", "F2", "text", "Waits are long.", "Waits for assessment are long."),
        ("priority", "P1", "reports_to", ["wg"], []),
        ("action", "A1", "due", "Mar-25", "Jun-25"),
        (
            "action",
            "A2",
            "owners",
            ["person:bob"],
            ["person:bob", "person:ann (accountable)"],
        ),
        ("action", "A2", "start", "Jan-25", "Feb-25"),
        ("action", "A2", "status", "Amber", "Red"),
        ("action", "A2", "depends_on", ["A1"], []),
        (
            "action",
            "A3a",
            "text",
            "Publish a family guide to the EHC process",
            "Publish a family guide to the EHC process for parents",
        ),
        ("milestone", "A2-m1", "due", "Feb-25", "Mar-25"),
        ("measure", "M1", "target", "60%", "70%"),
    ]
    assert d["coverage"] == {
        "old": 100.0,
        "new": 50.0,
        "findings": [{"ref": "F2", "old": "covered", "new": "uncovered"}],
    }
    assert d["finish"] == {
        "old": "2025-08-28",
        "new": "2025-09-30",
    }  # A2 waits for A1 (from 1 March)
    # Bob is responsible for 3 open actions; Ann for 2 (A2 is hers as accountable only)
    assert d["overloaded"] == {"old": [], "new": ["Bob Bell"]}
    assert d["unreachable"] == {"old": [], "new": ["P1"]}
    assert [m["ref"] for m in d["moved_later"]] == ["A1", "A2-m1"]
    assert [(r["rule"], r["ref"]) for r in d["rules"]] == [("dates.moved_silently", "A1")]


def test_a_plan_diffed_with_itself_is_empty(pair: tuple[Path, Path]) -> None:
    old, _ = pair
    done = ag("diff", old, old, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "old": {"plan": "diffshire", "published": "June 2025"},
        "new": {"plan": "diffshire", "published": "June 2025"},
        "added": [],
        "removed": [],
        "renamed": [],
        "changed": [],
        "coverage": {"old": 100.0, "new": 100.0, "findings": []},
        "finish": {"old": "2025-08-28", "new": "2025-08-28"},
        "overloaded": {"old": [], "new": []},
    }
    assert "The two versions are the same" in ag("diff", old, old).stdout


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_every_format_of_one_plan_compares_equal(fmt: str, tmp_path: Path) -> None:
    teaching = ROOT / "examples" / "teaching.yaml"
    other = tmp_path / ("plan" if fmt == "csv" else f"plan.{fmt}")
    assert ag("export", teaching, "--to", fmt, "-o", other).returncode == 0
    for first, second in ((teaching, other), (other, teaching)):
        d = json.loads(ag("diff", first, second, "--format", "json").stdout)
        assert d["added"] == d["removed"] == d["renamed"] == d["changed"] == []
        assert d["coverage"]["findings"] == []


def test_mixed_formats_still_see_the_changes(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    workbook = tmp_path / "old.xlsx"
    assert ag("export", old, "-o", workbook).returncode == 0
    from_yaml = json.loads(ag("diff", old, new, "--format", "json").stdout)
    from_xlsx = json.loads(ag("diff", workbook, new, "--format", "json").stdout)
    assert from_xlsx == from_yaml


def test_the_hand_written_update_of_the_teaching_plan() -> None:
    done = ag(
        "diff", "examples/teaching.yaml", "examples/teaching-2025-07.yaml", "--format", "json"
    )
    d = json.loads(done.stdout)
    assert d["added"] == [{"kind": "action", "ref": "3.9"}]
    assert d["removed"] == [{"kind": "action", "ref": "1.6"}]
    assert d["renamed"] == [{"kind": "action", "old": "2.4", "new": "2.4a"}]
    statuses = {(c["ref"], c["old"], c["new"]) for c in d["changed"] if c["field"] == "status"}
    assert ("1.2", "Green", "Blue") in statuses and ("2.2", "Amber", "Red") in statuses
    dues = {(c["ref"], c["old"], c["new"]) for c in d["changed"] if c["field"] == "due"}
    assert dues == {
        ("1.4", "spring 2025", "summer 2025"),
        ("3.3", "Jun-26", "Sep-26"),
        ("3.4", "Sep-26", "Jan-27"),
    }
    assert d["finish"] == {"old": "2026-09-30", "new": "2027-01-31"}
    assert [(r["rule"], r["ref"]) for r in d["rules"]] == [("dates.moved_silently", "1.4")]


def test_fail_on_gates_add_up(pair: tuple[Path, Path]) -> None:
    old, new = pair
    assert ag("diff", old, new).returncode == 0
    assert ag("diff", old, new, "--fail-on", "moved-later").returncode == 1
    assert ag("diff", old, new, "--fail-on", "coverage-down").returncode == 1
    both = ag("diff", old, new, "--fail-on", "moved-later", "--fail-on", "coverage-down")
    assert both.returncode == 1
    assert "FAILED moved-later: A1, A2-m1, finish" in both.stdout
    assert "FAILED coverage-down: F2" in both.stdout
    comma = ag("diff", old, new, "--fail-on", "moved-later,coverage-down", "--format", "json")
    assert comma.returncode == 1 and json.loads(comma.stdout)["added"]
    # the other way round nothing moved later and coverage went up
    back = ag("diff", new, old, "--fail-on", "moved-later,coverage-down")
    assert back.returncode == 0, back.stdout
    assert ag("diff", old, old, "--fail-on", "moved-later,coverage-down").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-on", "later"], "unknown check 'later'; choose from moved-later, coverage-down"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_options_exit_2(pair: tuple[Path, Path], args: list[str], message: str) -> None:
    done = ag("diff", *pair, *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_bad_plans_exit_2_with_the_place(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = pair
    missing = ag("diff", old, tmp_path / "nope.yaml")
    assert missing.returncode == 2 and "nope.yaml: no such file or folder" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("area: X\ntitle: T\nactions:\n- ref: A1\n  text: a\n  depends_on: [Z]\n")
    done = ag("diff", old, broken)
    assert done.returncode == 2
    assert "broken.yaml:6:" in done.stderr and "ref.unknown" in done.stderr
    assert "Traceback" not in done.stderr


def test_markdown_and_text_say_the_same(pair: tuple[Path, Path]) -> None:
    md = ag("diff", *pair, "--format", "md").stdout
    assert md.startswith("# Changes in Improvement plan: June 2025 -> July 2025")
    assert "## Changed" in md and "| action | A1 | due (later) | Mar-25 | Jun-25 |" in md
    text = ag("diff", *pair).stdout
    assert "A3a" in text and "was A3" in text and "Coverage: 100% -> 50%" in text


# --- matching, with the library ---------------------------------------------------------------


def _plan(*actions: tuple[str, str]) -> Plan:
    return Plan.model_validate(
        {"area": "X", "title": "T", "actions": [{"ref": r, "text": t} for r, t in actions]}
    )


def test_texts_below_the_threshold_are_removed_and_added() -> None:
    d = plan_diff(
        _plan(("A1", "Publish the Local Offer")), _plan(("A2", "Publish the SEND strategy"))
    )
    assert not d.renamed
    assert [e.ref for e in d.removed] == ["A1"] and [e.ref for e in d.added] == ["A2"]
    assert RENAME_THRESHOLD == 0.8


def test_renames_are_one_to_one_most_alike_first() -> None:
    old = _plan(("A1", "Recruit two coordinators"), ("A2", "Recruit two coordinators now"))
    new = _plan(("B1", "Recruit two coordinators now!"))
    d = plan_diff(old, new)
    assert [(r.old, r.new) for r in d.renamed] == [("A2", "B1")]
    assert [e.ref for e in d.removed] == ["A1"]


def test_list_order_and_written_case_of_refs() -> None:
    old = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "findings": [
                {"ref": "F1", "kind": "area_for_improvement", "text": "a"},
                {"ref": "F2", "kind": "area_for_improvement", "text": "b"},
            ],
            "actions": [{"ref": "A1", "text": "a", "addresses": ["F1", "F2"]}],
        }
    )
    new = old.model_copy(deep=True)
    new.actions[0].addresses = ["F2", "F1"]
    assert plan_diff(old, new).is_empty


def test_a_deadline_given_up_is_moved_later() -> None:
    def dues(*dues: str | None) -> Plan:
        actions = [{"ref": f"A{i}", "text": f"action {i}", "due": d} for i, d in enumerate(dues)]
        return Plan.model_validate({"area": "X", "title": "T", "actions": actions})

    old = dues("Mar-25", "Mar-25", "Mar-25", "Mar-25", None)
    new = dues(None, "Nov 2025-", "Ongoing", "Feb-25", "Mar-25")
    moved = [(m.ref, m.old, m.new) for m in plan_diff(old, new).moved_later]
    assert moved == [
        ("A0", "Mar-25", None),
        ("A1", "Mar-25", "Nov 2025-"),
        ("A2", "Mar-25", "Ongoing"),
    ]


def test_renumbering_a_whole_real_plan_finds_every_action() -> None:
    from loaders import load_plan

    old = load_plan(ROOT / "examples" / "wirral.yaml")
    new = old.model_copy(deep=True)
    for a in new.actions:
        a.ref = f"new-{a.ref}"
        a.depends_on = [f"new-{r}" for r in a.depends_on]
    d = plan_diff(old, new)
    assert len(d.renamed) == len(old.actions)
    assert all(r.new == f"new-{r.old}" for r in d.renamed)
    assert not d.added and not d.removed and not d.changed


def test_people_named_alike_under_other_refs_are_the_same_people() -> None:
    """A workbook typed by hand derives people's refs from their names."""
    from loaders import load_plan

    yaml_plan = load_plan(ROOT / "examples" / "teaching.yaml")
    data = yaml_plan.model_dump(mode="json")
    text = (
        json.dumps(data)
        .replace('"dcs"', '"helen-marsh"')
        .replace("person:dcs", "person:helen-marsh")
    )
    typed = Plan.model_validate(json.loads(text))
    assert typed.people[0].ref == "helen-marsh"
    assert plan_diff(yaml_plan, typed).is_empty
    # an action renumbered with the same text is news, though
    renumbered = yaml_plan.model_copy(deep=True)
    renumbered.actions[0].ref = "1.1x"
    renumbered.actions[1].depends_on = ["1.1x"]
    assert [(r.old, r.new) for r in plan_diff(yaml_plan, renumbered).renamed] == [("1.1", "1.1x")]


def test_changed_owners_and_chairs_are_written_by_name_for_a_reader() -> None:
    # the text showed 'person:amy-lee; person:head-send (accountable)': refs a board
    # secretary does not know; the JSON keeps them
    from actiongraph.render.diff import diff_document
    from actiongraph.render.document import to_text
    from loaders import load_plan

    examples = ROOT / "examples"
    old, new = load_plan(examples / "teaching.yaml"), load_plan(examples / "teaching-2025-07.yaml")
    d = plan_diff(old, new)
    owners = next(c for c in d.changes_named if c.ref == "3.5" and c.field == "owners")
    assert (owners.old, owners.new) == (["Amy Lee"], ["Amy Lee", "David Chen (accountable)"])
    raw = next(c for c in d.to_dict()["changed"] if c["ref"] == "3.5" and c["field"] == "owners")
    assert raw["new"] == ["person:amy-lee", "person:head-send (accountable)"]
    text = to_text(diff_document(d), width=200)
    assert "Amy Lee; David Chen (accountable)" in text and "person:" not in text
