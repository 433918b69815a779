"""`actiongraph history` on files and on a real git repository, the history page, and the
report's "since the last version" section, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

TEACHING = ROOT / "examples" / "teaching.yaml"
UPDATE = ROOT / "examples" / "teaching-2025-07.yaml"


def ag(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "120"},  # a terminal wide enough for whole rows
    )


def test_history_of_the_two_teaching_versions(tmp_path: Path) -> None:
    page = tmp_path / "history.html"
    done = ag("history", TEACHING, UPDATE, "-o", page, "--format", "json")
    assert done.returncode == 0, done.stderr
    versions = json.loads(done.stdout)["versions"]
    first, second = versions
    assert (first["label"], first["date"], second["date"]) == (
        "teaching.yaml",
        "2024-07-01",
        "2025-07-01",
    )
    assert (first["open_actions"], second["open_actions"]) == (16, 12)
    assert (first["overdue"], second["overdue"]) == (0, 1)  # 2.2, due March 2025, now Red
    assert second["statuses"]["complete"] == 7 and first["statuses"]["complete"] == 3
    assert (first["finish"], second["finish"]) == ("2026-09-30", "2027-01-31")
    assert (second["slipped"], second["slipped_refs"]) == (3, ["1.4", "3.3", "3.4"])
    assert [r["rule"] for r in second["rules"]] == ["dates.moved_silently"]
    assert "wrote" in done.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 4
    assert "<script" not in html and not re.search(r"(src|href)=", html)
    assert "Projected finish" in html and "Jan 2027" in html


def test_history_text_table() -> None:
    done = ag("history", TEACHING, UPDATE)
    assert done.returncode == 0
    assert "teaching-2025-07.yaml" in done.stdout and "2027-01-31" in done.stdout
    assert "due moved later from spring 2025 to summer 2025" in done.stdout


def test_history_needs_versions_and_readable_ones(tmp_path: Path) -> None:
    none = ag("history")
    assert none.returncode == 2 and "give the versions" in none.stderr
    missing = ag("history", TEACHING, tmp_path / "gone.yaml")
    assert missing.returncode == 2 and "gone.yaml: no such file" in missing.stderr
    bad_out = ag("history", TEACHING, "-o", tmp_path / "no" / "h.html")
    assert bad_out.returncode == 2 and "does not exist" in bad_out.stderr


# --- a real git repository ------------------------------------------------------------------


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Lead", "GIT_AUTHOR_EMAIL": "lead@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Lead", "GIT_COMMITTER_EMAIL": "lead@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _version(due: str, status: str, published: str = "January 2025") -> dict[str, Any]:
    return {
        "area": "Gitshire",
        "title": "Plan",
        "published": published,
        "status_scale": "bragg",
        "findings": [{"ref": "F", "kind": "area_for_improvement", "text": "f"}],
        "actions": [
            {
                "ref": "A",
                "text": "Recruit",
                "owners": ["person:p"],
                "due": due,
                "status": status,
                "addresses": ["F"],
            },
            {"ref": "B", "text": "Train", "owners": ["person:p"], "due": "Dec-25", "status": "Red"},
        ],
        "people": [{"ref": "p", "name": "P"}],
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    steps = [
        ("2025-01-31T10:00:00+00:00", "Feb-25", "Green", "first draft"),
        ("2025-02-28T10:00:00+00:00", "Apr-25", "Green", "A moved to April"),
        ("2025-03-31T10:00:00+00:00", "Apr-25", "Green", "March update"),
        ("2025-05-31T10:00:00+00:00", "Apr-25", "Green", "May update"),
    ]
    for when, due, status, message in steps:
        path = repo / "plans" / "plan.yaml"
        month = f"{when[:7]}-01"  # each monthly update says when it was published
        data = _version(due, status, month)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        (repo / "notes.txt").write_text(message, encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", message, when=when)
    (repo / "notes.txt").write_text("not about the plan", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "unrelated", when="2025-06-30T10:00:00+00:00")
    return repo


def test_history_reads_every_committed_version(repo: Path, tmp_path: Path) -> None:
    page = tmp_path / "h.html"
    done = ag("history", "--git", f"{repo}:plans/plan.yaml", "--format", "json", "-o", page)
    assert done.returncode == 0, done.stderr
    versions = json.loads(done.stdout)["versions"]
    assert [v["date"] for v in versions] == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-05-31"]
    assert [v["label"][8:] for v in versions] == [
        "first draft",
        "A moved to April",
        "March update",
        "May update",
    ]
    assert [v["slipped_refs"] for v in versions] == [[], ["A"], [], []]
    assert [v["overdue"] for v in versions] == [0, 0, 0, 1]
    rules = [sorted(r["rule"] for r in v["rules"]) for v in versions]
    assert rules == [
        [],
        ["dates.moved_silently"],
        ["dates.moved_silently"],  # still in the history of the plan
        ["dates.moved_silently", "status.overdue_on_track", "status.stuck"],
    ]
    assert page.read_text(encoding="utf-8").count("<svg") == 4


def test_history_from_git_then_the_working_copy(repo: Path) -> None:
    work = repo / "plans" / "plan.yaml"
    work.write_text(yaml.safe_dump(_version("Apr-25", "Blue")), encoding="utf-8")
    done = ag("history", "--git", f"{repo}:plans/plan.yaml", work, "--format", "json")
    versions = json.loads(done.stdout)["versions"]
    assert len(versions) == 5 and versions[-1]["label"] == "plan.yaml"
    assert versions[-1]["statuses"]["complete"] == 1


def test_history_of_a_csv_folder_in_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "r"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for when, status in (("2025-01-15T09:00:00Z", "Amber"), ("2025-02-15T09:00:00Z", "Blue")):
        source = tmp_path / "p.yaml"
        source.write_text(yaml.safe_dump(_version("Jun-25", status)), encoding="utf-8")
        shutil.rmtree(repo / "plan", ignore_errors=True)
        assert ag("export", source, "--to", "csv", "-o", repo / "plan").returncode == 0
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", status, when=when)
    done = ag("history", "--git", f"{repo}:plan", "--format", "json")
    assert done.returncode == 0, done.stderr
    versions = json.loads(done.stdout)["versions"]
    assert [v["statuses"]["complete"] for v in versions] == [0, 1]


def test_git_errors_are_messages(repo: Path, tmp_path: Path) -> None:
    nowhere = ag("history", "--git", f"{repo}:plans/other.yaml")
    assert nowhere.returncode == 2 and "no commit of the repository has this path" in nowhere.stderr
    spec = ag("history", "--git", "no-such-folder:plan.yaml")
    assert spec.returncode == 2 and "REPO:path/to/plan.yaml" in spec.stderr
    plain = tmp_path / "plain"
    plain.mkdir()
    not_repo = ag("history", "--git", f"{plain}:plan.yaml")
    assert not_repo.returncode == 2 and "git rev-parse failed" in not_repo.stderr
    (repo / "plans" / "plan.yaml").write_text("area: X\ntitle: T\nactions: [{ref: A}]\n")
    _git(repo, "commit", "-q", "-am", "broken", when="2025-07-31T10:00:00+00:00")
    broken = ag("history", "--git", f"{repo}:plans/plan.yaml")
    assert broken.returncode == 2
    assert "at commit" in broken.stderr and "(2025-07-31)" in broken.stderr
    assert "Traceback" not in broken.stderr


# --- the report's section -------------------------------------------------------------------


def test_report_since_the_last_version(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = ag("report", UPDATE, "--since", TEACHING, "--as-of", "2025-07-01", "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    section = html.split("<h2>Since the last version</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Compared with the version of July 2024" in section
    assert "added action 3.9" in section and "removed action 1.6" in section
    assert "action 2.4 is now 2.4a" in section
    assert "<td>spring 2025</td><td>summer 2025</td>" in section
    assert "projected finish 2026-09-30 → 2027-01-31" in section
    without = tmp_path / "plain.html"
    assert ag("report", UPDATE, "--as-of", "2025-07-01", "-o", without).returncode == 0
    assert "Since the last version" not in without.read_text(encoding="utf-8")
