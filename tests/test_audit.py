"""The audit gate: the JSON contract of DESIGN.md, exit statuses, --fail-on and settings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from golden import assert_golden

from graphmodel import Plan, build_graph
from loaders import load_plan
from queries import audit
from queries.config import AuditConfig, ConfigError, FailOn, config_from_mapping, load_config

TEACHING = "examples/teaching.yaml"


pytestmark = pytest.mark.usefixtures("at_root")
run = run_cli


def small_plan(**extra: object) -> Plan:
    data = {
        "area": "Smallshire",
        "title": "T",
        "findings": [
            {"ref": "F1", "kind": "area_for_improvement", "text": "covered"},
            {"ref": "F2", "kind": "area_for_improvement", "text": "nobody addresses this"},
        ],
        "actions": [
            {
                "ref": "A1",
                "text": "a",
                "owners": ["person:p"],
                "due": "Dec-24",
                "addresses": ["F1"],
                "measures": ["M1"],
            },
        ],
        "measures": [{"ref": "M1", "text": "m", "baseline": "1", "target": "2"}],
        "people": [{"ref": "p", "name": "Pat Example"}],
    }
    data.update(extra)
    return Plan.model_validate(data)


def test_json_follows_the_contract() -> None:
    code, out = run("audit", TEACHING, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"]["area"] == "Exampleshire"
    assert (data["plan"]["findings"], data["plan"]["actions"], data["plan"]["people"]) == (6, 19, 9)
    cov = data["coverage"]
    assert cov["covered_percent"] == 100.0
    assert {"ref", "status", "actions", "missing"} <= set(cov["findings"][0])
    assert all(f["status"] in ("covered", "partial", "uncovered") for f in cov["findings"])
    cp = data["critical_path"]
    assert cp["path"] == ["3.1", "3.2", "3.3", "3.4"] and cp["finish"] == "2026-09-30"
    # 1.2 is written to start Sep-24 but waits for 1.1, due Dec-24 (issue 14: both dates)
    assert [(c["action"], c["prerequisite"], c["kind"]) for c in cp["date_conflicts"]] == [
        ("1.2", "1.1", "start")
    ]
    assert cp["cycles"] == []
    assert {"ref", "status", "actions", "missing", "lacking"} <= set(cov["findings"][0])
    person = data["overload"]["people"][0]
    assert {"name", "open_actions", "overloaded", "sole_owner_for"} <= set(person)
    assert isinstance(person["open_actions"], int) and isinstance(person["overloaded"], bool)
    chains = data["reporting"]["chains"]
    assert {"from": "P1", "path": ["P1", "spb", "hwb"]}.items() <= chains[0].items()
    assert data["reporting"]["unreachable"] == [] and data["reporting"]["cycles"] == []
    assert data["verdict"] == {
        "passed": True,
        "fail_on": ["cycle", "empty", "uncovered"],
        "failures": [],
        "config": None,
    }


def test_teaching_audit_json_golden() -> None:
    code, out = run("audit", TEACHING, "--format", "json", "--as-of", "2025-06-01")
    assert code == 0
    assert_golden(out, ROOT / "tests" / "data" / "golden" / "teaching.as-of-2025-06-01.audit.json")


def test_uncovered_fails_by_default_with_exit_1() -> None:
    report = audit(build_graph(small_plan()))
    assert not report.passed
    assert [(f.check, f.refs) for f in report.failures] == [(FailOn.UNCOVERED, ["F2"])]


def test_fail_on_chooses_the_checks(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    from loaders.canonical import write_yaml

    write_yaml(small_plan(), path)
    assert run("audit", str(path))[0] == 1
    assert run("audit", str(path), "--fail-on", "partial,conflict")[0] == 0
    code, out = run("audit", str(path), "--fail-on", "nonsense")
    assert code == 2 and "unknown check 'nonsense'" in out


def test_rules_fail_when_asked() -> None:
    report = audit(
        build_graph(load_plan(TEACHING)), config=AuditConfig(fail_on=frozenset({FailOn.RULES}))
    )
    assert [v.rule.value for v in report.rules] == ["action.due", "action.owner", "measure.target"]
    assert report.failures[0].refs == ["2.3", "3.8", "M5"]


def test_as_of_adds_overdue_and_stale_statuses() -> None:
    report = audit(build_graph(load_plan(TEACHING)), as_of=date(2025, 6, 1))
    assert report.overdue is not None
    assert report.overdue.overdue[:3] == ["1.2", "1.3", "1.4"]
    stale = [v.ref for v in report.rules if v.rule.value == "action.stale_status"]
    assert stale == ["2.4"]  # waiting (Paused) after its due period
    green = [v.ref for v in report.rules if v.rule.value == "status.overdue_on_track"]
    assert green == ["1.2", "1.4", "3.2"]


def test_settings_from_pyproject_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.actiongraph]\nfail_on = ["partial"]\n[tool.actiongraph.overload]\nmax_open = 3\n'
    )
    (tmp_path / "plans").mkdir()
    from loaders.canonical import write_yaml

    write_yaml(small_plan(), tmp_path / "plans" / "p.yaml")
    code, out = run("audit", str(tmp_path / "plans" / "p.yaml"), "--format", "json")
    assert code == 0  # F2 is uncovered, but only partial fails here
    verdict = json.loads(out)["verdict"]
    assert verdict["fail_on"] == ["partial"]
    assert verdict["config"] == str((tmp_path / "pyproject.toml").resolve())
    assert json.loads(out)["overload"]["rule"]["max_open"] == 3


def test_bad_settings_exit_2_naming_the_file_and_key(tmp_path: Path) -> None:
    config = tmp_path / "audit.toml"
    config.write_text("fail_on = ['uncovered']\nmax_opne = 3\n")
    code, out = run("audit", TEACHING, "--config", str(config))
    assert code == 2
    assert (
        out
        == f"Error: {config}: unknown setting(s) max_opne; known: fail_on, overload, skip_rules\n"
    )
    config.write_text("[overload]\nmax_share = 20\n")
    code, out = run("audit", TEACHING, "--config", str(config))
    assert code == 2 and out.startswith(f"Error: {config}: overload: ")
    config.write_text("fail_on = [")
    code, out = run("audit", TEACHING, "--config", str(config))
    assert code == 2 and "not valid TOML" in out


def test_config_mapping_checks_rules() -> None:
    with pytest.raises(ConfigError, match=r"unknown rule 'action\.nope'"):
        config_from_mapping({"skip_rules": ["action.nope"]})
    cfg = config_from_mapping({"skip_rules": ["measure.target"]})
    report = audit(build_graph(load_plan(TEACHING)), config=cfg)
    assert "measure.target" not in [v.rule.value for v in report.rules]


def test_load_config_reads_a_tool_table(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[tool.actiongraph]\nfail_on = 'uncovered,cycle'\n")
    assert load_config(path).fail_on == {FailOn.UNCOVERED, FailOn.CYCLE}


def test_bad_plan_exits_2_not_1() -> None:
    code, out = run("audit", "tests/data/bad/unknown_refs.yaml")
    assert code == 2 and out.startswith("Error: the plan has 23 problem(s):")


def test_summary_fits_one_screen() -> None:
    code, out = run("audit", TEACHING, "--as-of", "2025-06-01")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) <= 25
    assert lines[0] == (
        "Audit of Exampleshire: Exampleshire SEND Improvement Plan (teaching "
        "example) as of 2025-06-01"
    )
    assert "  Coverage:      6 of 6 findings covered (100.0%), 0 partial, 0 uncovered" in lines
    assert lines[-1] == "PASSED (fails on: cycle, empty, uncovered)"
    assert max(len(line) for line in lines[1:]) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ["coverage", TEACHING],
        ["critical-path", TEACHING, "--to", "AFI-3", "--as-of", "2025-06-01", "--slip", "3.2=3m"],
        ["overload", TEACHING],
        ["chain", TEACHING],
        ["chain", TEACHING, "3.4"],
        ["audit", TEACHING, "--detail"],
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json", "md"])
def test_every_command_in_every_format(args: list[str], fmt: str) -> None:
    code, out = run(*args, "--format", fmt)
    assert code == 0, out
    if fmt == "json":
        json.loads(out)
    elif fmt == "md":
        assert out.startswith("# ")
    assert "Traceback" not in out


def test_unknown_refs_are_usage_errors() -> None:
    code, out = run("chain", TEACHING, "nope")
    assert code == 2 and out.startswith("Error: no ")
    code, out = run("critical-path", TEACHING, "--to", "AFI-99")
    assert code == 2 and "AFI-99" in out
    code, out = run("critical-path", TEACHING, "--slip", "3.2=soon")
    assert code == 2 and out.startswith("Error:")
    code, out = run("audit", TEACHING, "--as-of", "1 June")
    assert code == 2 and "write a date as YYYY-MM-DD" in out


@pytest.mark.parametrize("command", ["coverage", "critical-path", "overload", "chain", "audit"])
def test_help_has_an_example(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0 and "Example" in out and f"actiongraph {command}" in out


def test_several_plans_one_exit_status(tmp_path: Path) -> None:
    from loaders.canonical import write_yaml

    write_yaml(small_plan(), tmp_path / "failing.yaml")
    code, out = run("audit", TEACHING, str(tmp_path / "failing.yaml"), "--format", "json")
    assert code == 1
    reports = json.loads(out)
    assert [r["verdict"]["passed"] for r in reports] == [True, False]
    code, out = run("audit", TEACHING, TEACHING)
    assert code == 0 and out.count("PASSED") == 2
