"""The board cycle tried as a lead does every month: next month's version made the way people
really make it (an action inserted and the rest renumbered, the workbook retyped in Excel),
and what a careful board secretary expects the diff, history and version rules to say."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from test_diff import ag

from actiongraph.render.diff import diff_document
from graphmodel import Plan
from loaders.git import git_versions
from queries.diff import plan_diff
from queries.history import plan_history
from queries.rules import version_rule_violations
from queries.versions import version_of
from visualise.history import history_page, since_section

TEACHING = ROOT / "examples" / "teaching.yaml"


def _teaching() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(Path(TEACHING).read_text(encoding="utf-8"))
    return data


def _action(data: dict[str, Any], ref: str) -> dict[str, Any]:
    return next(a for a in data["actions"] if a["ref"] == ref)


def _inserted(chain: bool = False) -> tuple[Plan, Plan]:
    """The teaching plan, and its next version with a new 2.3 inserted before the old 2.3,
    2.4 and 2.5, renumbered 2.4, 2.5 and 2.6 (the new 2.5 still depends on 2.1); with
    ``chain``, 2.5 depends on 2.4 in both (2.6 on 2.5 in the new)."""
    old = _teaching()
    if chain:
        _action(old, "2.5")["depends_on"] = ["2.4"]
    new = copy.deepcopy(old)
    shift = {"2.3": "2.4", "2.4": "2.5", "2.5": "2.6"}
    for a in new["actions"]:
        a["ref"] = shift.get(a["ref"], a["ref"])
        a["depends_on"] = [shift.get(d, d) for d in a.get("depends_on", [])]
    at = next(i for i, a in enumerate(new["actions"]) if a["ref"] == "2.4")
    new["actions"].insert(
        at,
        {
            "ref": "2.3",
            "text": "Commission an ADHD medication review clinic with the trust.",
            "priority": "P2",
            "objective": "P2.O1",
            "owners": ["person:tom-okafor"],
            "due": "Q3 2024/25",
            "status": "Amber",
            "addresses": ["AFI-2"],
        },
    )
    return Plan.model_validate(old), Plan.model_validate(new)


def test_an_action_inserted_and_the_rest_renumbered_is_one_addition_and_renames() -> None:
    old, new = _inserted()
    d = plan_diff(old, new)
    assert [(a.kind.value, a.ref) for a in d.added] == [("action", "2.3")]
    assert d.removed == []
    assert [(r.old, r.new) for r in d.renamed] == [("2.3", "2.4"), ("2.4", "2.5"), ("2.5", "2.6")]
    assert d.changed == []  # not every later action's text, owners, due and status rewritten
    assert d.moved_later == []  # no false slip for the moved-later gate


def test_a_dependency_renumbered_in_a_chain_of_renames_is_not_a_change() -> None:
    """Old 2.5 on 2.4 is new 2.6 on 2.5: the new "2.5" is the old 2.4, not the old 2.5."""
    old, new = _inserted(chain=True)
    d = plan_diff(old, new)
    assert d.changed == [] and len(d.renamed) == 3
    data = new.model_dump(mode="json", exclude_none=True)
    _action(data, "2.6")["depends_on"] = ["2.4"]  # now waits on the old 2.3
    d = plan_diff(old, Plan.model_validate(data))
    assert [(c.ref, c.field, c.old, c.new) for c in d.changed] == [
        ("2.6", "depends_on", ["2.5"], ["2.4"])
    ]


def test_history_and_version_rules_follow_actions_through_the_renumbering() -> None:
    old, new = _inserted()
    versions = [version_of(old, "june"), version_of(new, "july")]
    assert plan_history(versions).versions[-1].slipped_refs == []
    assert version_rule_violations(versions) == []


def test_a_version_retyped_as_excel_does_is_not_a_change() -> None:
    """The same period written another way, a status typed in lower case, a space typed
    twice: nothing changed for the board."""
    old = _teaching()
    new = copy.deepcopy(old)
    _action(new, "1.2")["start"] = "Sept 2024"  # was Sep-24
    _action(new, "1.3")["milestones"][0]["due"] = "November 2024"  # was Nov 2024
    _action(new, "1.3")["due"] = "Jan-Mar 25"  # was Q1 2025
    _action(new, "1.2")["status"] = "green"  # was Green
    _action(new, "2.2")["text"] = "Recruit a  second community paediatrician. "
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert d.changed == [] and d.is_empty


def test_a_real_change_of_period_or_status_is_still_reported() -> None:
    old = _teaching()
    new = copy.deepcopy(old)
    _action(new, "1.2")["start"] = "Oct 2024"  # was Sep-24
    _action(new, "1.2")["status"] = "amber"  # was Green
    _action(new, "2.3")["due"] = "Actions have started"  # an undated text, reworded
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert [(c.ref, c.field, c.old, c.new) for c in d.changed] == [
        ("1.2", "start", "Sep-24", "Oct 2024"),
        ("1.2", "status", "Green", "amber"),
        ("2.3", "due", "Actions have commenced", "Actions have started"),
    ]


def test_a_finding_now_handled_by_another_plan_or_derived_is_a_change() -> None:
    """Both columns of the Findings sheet change coverage; the diff says why."""
    old = _teaching()
    new = copy.deepcopy(old)
    new["findings"][5]["handled_by"] = "the SEND Sufficiency Strategy"  # AFI-4
    new["findings"][2]["derived"] = True  # AFI-1.2
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert [(c.ref, c.field, c.old, c.new) for c in d.changed] == [
        ("AFI-1.2", "derived", None, "yes"),
        ("AFI-4", "handled_by", None, "the SEND Sufficiency Strategy"),
    ]
    assert d.coverage_findings == []  # not 'covered -> absent': both still exist


def test_a_finding_left_out_of_coverage_is_not_shown_as_absent() -> None:
    old = _teaching()
    new = copy.deepcopy(old)
    new["findings"][5]["handled_by"] = "the SEND Sufficiency Strategy"  # AFI-4
    new["findings"] = [f for f in new["findings"] if f["ref"] != "AFI-3"]
    for entity in (*new["priorities"], *new["objectives"], *new["actions"]):
        entity["addresses"] = [f for f in entity.get("addresses", []) if f != "AFI-3"]
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert [(c.ref, c.old, c.new) for c in d.coverage_findings] == [("AFI-3", "covered", None)]
    back = plan_diff(Plan.model_validate(new), Plan.model_validate(old))
    assert [(c.ref, c.old, c.new) for c in back.coverage_findings] == [("AFI-3", None, "covered")]


def _git(repo: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Lead", "GIT_AUTHOR_EMAIL": "lead@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Lead", "GIT_COMMITTER_EMAIL": "lead@example.org"}
    env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_git_history_follows_a_plan_renamed_in_the_repository(tmp_path: Path) -> None:
    """plan-2024.yaml renamed plan.yaml, then updated: both versions, the rename not a third."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main", when="2024-07-01T10:00:00Z")
    (repo / "plan-2024.yaml").write_bytes(TEACHING.read_bytes())
    _git(repo, "add", "-A", when="2024-07-01T10:00:00Z")
    _git(repo, "commit", "-q", "-m", "July 2024 board", when="2024-07-01T10:00:00Z")
    _git(repo, "mv", "plan-2024.yaml", "plan.yaml", when="2024-08-01T10:00:00Z")
    _git(repo, "commit", "-q", "-m", "one file for the plan", when="2024-08-01T10:00:00Z")
    update = (ROOT / "examples" / "teaching-2025-07.yaml").read_bytes()
    (repo / "plan.yaml").write_bytes(update)
    _git(repo, "commit", "-q", "-am", "July 2025 board", when="2025-07-01T10:00:00Z")
    versions = git_versions(repo, "plan.yaml")
    assert [(v.subject, v.when.isoformat()) for v in versions] == [
        ("July 2024 board", "2024-07-01"),
        ("July 2025 board", "2025-07-01"),
    ]


def test_a_name_retyped_in_another_case_or_spacing_is_not_a_change() -> None:
    old = _teaching()
    new = copy.deepcopy(old)
    new["people"][1]["name"] = "david  CHEN"  # head-send, David Chen
    new["boards"][1]["name"] = new["boards"][1]["name"].lower()
    assert plan_diff(Plan.model_validate(old), Plan.model_validate(new)).changed == []
    new["people"][1]["name"] = "David Cheng"
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert [(c.ref, c.field, c.old, c.new) for c in d.changed] == [
        ("head-send", "name", "David Chen", "David Cheng")
    ]


def _circles(page: str) -> list[str]:
    """The x of each point of the first trend chart."""
    first = page.split("<svg", 2)[1]
    return re.findall(r'<circle cx="([0-9.]+)"', first)


def test_two_versions_of_one_day_are_drawn_apart_on_the_history_page() -> None:
    """Two commits of one day (a correction after the board) were drawn on one spot."""
    old, new = _inserted()
    fixed = new.model_copy(update={"title": new.title + " (corrected)"})
    july = date(2024, 7, 1)
    versions = [version_of(old, "june", date(2024, 6, 1)), version_of(new, "july", july)]
    versions.append(version_of(fixed, "fix", july))
    xs = _circles(history_page(plan_history(versions)))
    assert len(xs) == 3 and len(set(xs)) == 3
    spread = [version_of(old, "a", date(2024, 1, 1)), version_of(new, "b", date(2024, 7, 1))]
    spread.append(version_of(fixed, "c", date(2025, 7, 1)))  # far apart: drawn by date
    a, b, c = map(float, _circles(history_page(plan_history(spread))))
    assert (c - b) > 1.5 * (b - a)


def test_an_added_or_removed_action_is_shown_with_its_text(tmp_path: Path) -> None:
    """After a renumbering, "action P1.5 removed" alone does not say which one went."""
    old = _teaching()
    new = copy.deepcopy(old)
    new["actions"] = [a for a in new["actions"] if a["ref"] != "1.6"]
    new["actions"][0]["milestones"] = [
        {"ref": "1.1-m1", "text": "Posts advertised", "due": "Oct-24"}
    ]
    paths = []
    for name, data in (("old.yaml", old), ("new.yaml", new)):
        paths.append(tmp_path / name)
        paths[-1].write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = ag("diff", *paths, "--format", "md")
    assert "| milestone | 1.1-m1 | added | Posts advertised |" in done.stdout
    assert "| action | 1.6 | removed | Publish a family guide to the EHC process. |" in done.stdout
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new)).to_dict()
    assert d["removed"] == [{"kind": "action", "ref": "1.6"}]  # the JSON contract as it was


def test_history_of_plans_given_newest_first_reads_them_oldest_first() -> None:
    """A shell glob gives 'plan 2025-07.yaml' before 'plan.yaml': the slipped deadlines and
    the version rules were read backwards."""
    update = ROOT / "examples" / "teaching-2025-07.yaml"
    done = ag("history", update, TEACHING, "--format", "json")
    assert done.returncode == 0, done.stderr
    versions = json.loads(done.stdout)["versions"]
    assert [v["label"] for v in versions] == ["teaching.yaml", "teaching-2025-07.yaml"]
    assert versions[-1]["slipped_refs"] == ["1.4", "3.3", "3.4"]
    assert "not given oldest first" in done.stderr
    assert "not given oldest first" not in ag("history", TEACHING, update).stderr


def test_diff_of_versions_given_the_wrong_way_round_says_so() -> None:
    update = ROOT / "examples" / "teaching-2025-07.yaml"
    done = ag("diff", update, TEACHING)
    assert done.returncode == 0 and "swap them if OLD is the newer" in done.stderr
    assert ag("diff", TEACHING, update).stderr == ""


def test_commits_of_one_day_are_not_three_versions_of_a_stuck_status() -> None:
    """Three commits in one afternoon (typos mended) are one board cycle, not three."""

    def plan(title: str) -> Plan:
        return Plan.model_validate(
            {
                "area": "X",
                "title": title,
                "status_scale": "rag",
                "actions": [{"ref": "A", "text": "a", "due": "Mar-25", "status": "Amber"}],
            }
        )

    def rules(*days: date) -> list[str]:
        versions = [version_of(plan(f"T{i}"), f"v{i}", day) for i, day in enumerate(days)]
        return [v.rule.value for v in version_rule_violations(versions)]

    assert rules(date(2025, 4, 1), date(2025, 6, 2), date(2025, 6, 2)) == []
    assert rules(date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 2)) == ["status.stuck"]
    assert rules(date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 2), date(2025, 6, 2)) == [
        "status.stuck"
    ]


def test_renumbering_a_long_plan_of_alike_actions_is_quick() -> None:
    """A plan whose actions say nearly the same (one per school, per term) renumbered: every
    pair's ratio took minutes; the same texts are paired first."""
    text = "Audit the SEN support plans of {} with the SENCO and the Parent Carer Forum, term {}"
    actions = [
        {"ref": f"{s}.{t}", "text": text.format(f"school {s:03d}", t), "due": "Jul-25"}
        for s in range(120)
        for t in range(3)
    ]
    old = Plan.model_validate({"area": "X", "title": "T", "actions": actions})
    renumbered = [{**a, "ref": f"A{i}"} for i, a in enumerate(actions)]
    new = Plan.model_validate({"area": "X", "title": "T", "actions": renumbered})
    started = time.perf_counter()
    d = plan_diff(old, new)
    assert time.perf_counter() - started < 20
    assert len(d.renamed) == 360 and d.changed == [] and not d.added and not d.removed
    assert all(r.new == f"A{i}" for i, r in enumerate(d.renamed))


def test_a_renamed_priority_or_person_keeps_its_answers() -> None:
    """P3 renumbered P4 reaching no board in both versions, Amy Lee renamed Amy Lees
    overloaded in both: neither 'newly' nor 'no longer'."""
    old = _teaching()
    old["priorities"][2]["reports_to"] = []  # P3
    for a in old["actions"][:8]:
        a["owners"] = ["person:amy-lee"]
    new = copy.deepcopy(old)
    new["priorities"][2]["ref"] = "P4"
    for entity in (*new["objectives"], *new["actions"]):
        if entity.get("priority") == "P3":
            entity["priority"] = "P4"
    person = next(p for p in new["people"] if p["ref"] == "amy-lee")
    person["ref"], person["name"] = "amy-lees", "Amy Lees"
    for a in new["actions"]:
        owners = a.get("owners", [])
        a["owners"] = ["person:amy-lees" if o == "person:amy-lee" else o for o in owners]
    new["priorities"][2]["leads"] = ["head-send", "amy-lees"]
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert {(r.kind.value, r.old, r.new) for r in d.renamed} == {
        ("priority", "P3", "P4"),
        ("person", "amy-lee", "amy-lees"),
    }
    assert (d.unreachable_old, d.unreachable_new) == ([], [])
    assert (d.overloaded_old, d.overloaded_new) == ([], [])
    del new["priorities"][2]["reports_to"]
    new["priorities"][2]["reports_to"] = ["spb"]
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert (d.unreachable_old, d.unreachable_new) == (["P3"], [])


def test_versions_that_do_not_say_when_they_were_published_are_called_old_and_new() -> None:
    """An imported draft often has no published date: the header read 'x -> x' (the plan's
    id on both sides)."""
    old = _teaching()
    del old["published"]
    new = copy.deepcopy(old)
    _action(new, "1.2")["status"] = "Amber"
    d = plan_diff(Plan.model_validate(old), Plan.model_validate(new))
    assert diff_document(d).title.endswith(": the old version -> the new version")
    assert "Compared with the last version." in since_section(d)
