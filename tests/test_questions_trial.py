"""Defects found by a user trial of the four questions, the rules and the gate, each with a
small literal plan and the answer a careful reader works out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from actiongraph.cli import cli as main
from actiongraph.render.github import audit_github
from actiongraph.render.questions import (
    audit_document,
    chain_document,
    governance_sections,
    slip_section,
)
from graphmodel import Plan, build_graph
from graphmodel.errors import ConfigError, CriticalPathError
from queries.audit import audit
from queries.config import config_from_mapping, parse_fail_on
from queries.critical_path import critical_path, parse_slip, slip_impact
from queries.reporting import chain, governance


def _plan(**plan: Any) -> dict[str, Any]:
    return {"area": "Westshire", "title": "WSoA", **plan}


def _graph(**plan: Any) -> Any:
    return build_graph(Plan.model_validate(_plan(**plan)))


def _write(folder: Path, **plan: Any) -> Path:
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(_plan(**plan), sort_keys=False), encoding="utf-8")
    return path


UNCOVERED = {
    "findings": [{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
    "actions": [{"ref": "A1", "text": "Recruit coordinators", "due": "Dec-24"}],
}


# --- the gate cannot be switched off by an empty value ---------------------------------------


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_fail_on_is_refused_not_a_gate_that_always_passes(
    tmp_path: Path, value: str
) -> None:
    """``--fail-on "$CHECKS"`` with the variable unset used to give a gate of no checks: a
    plan with an uncovered finding passed with exit 0."""
    plan = _write(tmp_path, **UNCOVERED)
    run = CliRunner().invoke(main, ["audit", str(plan), "--fail-on", value])
    assert run.exit_code == 2, run.output
    assert "no check named" in run.output and "uncovered" in run.output
    assert "PASSED" not in run.output


def test_a_blank_fail_on_setting_is_refused_and_an_empty_list_kept() -> None:
    with pytest.raises(ConfigError, match="fail_on: no check named"):
        config_from_mapping({"fail_on": ""})
    with pytest.raises(ConfigError, match="no check named"):
        parse_fail_on([" ", ","], "--fail-on")
    assert config_from_mapping({"fail_on": []}).fail_on == frozenset()  # said on purpose
    assert {c.value for c in parse_fail_on([",", "uncovered"])} == {"uncovered"}


def test_a_blank_fail_on_in_the_settings_file_fails_the_audit_with_exit_2(tmp_path: Path) -> None:
    plan = _write(tmp_path, **UNCOVERED)
    config = tmp_path / "settings.toml"
    config.write_text('[tool.actiongraph]\nfail_on = ""\n', encoding="utf-8")
    run = CliRunner().invoke(main, ["audit", str(plan), "--config", str(config)])
    assert run.exit_code == 2, run.output
    assert "settings.toml" in run.output and "no check named" in run.output


# --- the summary counts only the chains that reach the top -----------------------------------


def _governed() -> Any:
    return _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        priorities=[
            {"ref": "P1", "title": "EHCP timeliness", "reports_to": ["sib"]},
            {"ref": "P2", "title": "Therapies", "reports_to": ["loop"]},
            {"ref": "P3", "title": "Alternative provision"},
        ],
        actions=[{"ref": "A1", "text": "Triage", "priority": "P1", "due": "Dec-24",
                  "addresses": ["F1"]}],
        boards=[
            {"ref": "hwb", "name": "Health and Wellbeing Board"},
            {"ref": "sib", "name": "SEND Improvement Board", "reports_to": ["hwb"]},
            {"ref": "loop", "name": "Loop Board", "reports_to": ["loop"]},
        ],
    )  # fmt: skip


def test_the_audit_summary_does_not_count_unreachable_chains_as_reaching_the_top() -> None:
    """Six chains (P1, P2, P3, hwb, sib, loop); three reach the Health and Wellbeing Board
    (P1, hwb, sib). The summary said "6 chain(s) to Health and Wellbeing Board"."""
    report = audit(_governed())
    assert sorted(report.reporting.unreachable) == ["P2", "P3", "loop"]
    text = audit_document(report).sections[0].lines[3]
    assert text.startswith("Reporting:     3 of 6 chain(s) to Health and Wellbeing Board; 3 ")
    data = report.to_dict()["reporting"]
    assert sum(c["reaches_top"] for c in data["chains"]) == 3 and len(data["chains"]) == 6


# --- a derived finding nothing covers is not "Nothing." to look at ---------------------------


def test_an_uncovered_derived_finding_needs_attention() -> None:
    """The transcriber's derived finding is not counted, but the audit said "Nothing." needs
    attention while coverage itself listed it uncovered."""
    g = _graph(
        findings=[{"ref": "F1", "kind": "area_for_improvement", "text": "Waits for SALT.",
                   "derived": True}],
        people=[{"ref": "hos", "name": "Ann Smith"}],
        actions=[{"ref": "A1", "text": "Recruit", "owners": ["person:hos"], "due": "Dec-24"}],
    )  # fmt: skip
    report = audit(g)
    assert [(f.ref, f.status.value) for f in report.coverage.derived] == [("F1", "uncovered")]
    attention = audit_document(report).sections[1].lines
    assert attention == [
        "Uncovered F1 (derived, not counted; no action addresses it): Waits for SALT."
    ]


# --- --slip: what cannot slip says why, and how to write it ----------------------------------


def _chain_plan() -> Any:
    return _graph(
        actions=[
            {"ref": "C1", "text": "SALT procurement", "due": "Jan-25"},
            {"ref": "C2", "text": "New SALT service", "start": "Feb-25", "due": "Aug-25",
             "depends_on": ["C1"]},
            {"ref": "U1", "text": "Scoping, no date written"},
        ]
    )  # fmt: skip


def test_an_undated_action_that_cannot_slip_says_so() -> None:
    """Slipping an action with no date moved nothing and said only "the plan still
    finishes", as if the slip had been absorbed."""
    impact = slip_impact(_chain_plan(), slips={"U1": "3m"})
    assert impact.undated == ["U1"] and impact.moved == {}
    assert impact.to_dict()["undated"] == ["U1"]
    assert "U1 has no date to move" in "\n".join(slip_section(impact).after)
    dated = slip_impact(_chain_plan(), slips={"C2": "1m"})
    assert dated.finish[1] == date(2025, 9, 30) and dated.undated == []
    assert "undated" not in dated.to_dict()


def test_a_slip_ref_in_another_case_is_suggested() -> None:
    with pytest.raises(CriticalPathError, match=r"no action or milestone 'c2' .*'C2'\?"):
        slip_impact(_chain_plan(), slips={"c2": "3m"})


def test_several_slips_in_one_option_are_refused_with_how_to_repeat_it() -> None:
    """``C2=3m,C1=1m`` used to be read as a slip of an action called ``C2=3m,C1``."""
    with pytest.raises(CriticalPathError, match=r"one slip per --slip.*--slip A-1=3m --slip"):
        parse_slip("C2=3m,C1=1m")
    assert parse_slip("a=b=1 Month") == ("a=b", "1m")  # a ref may hold "=" (or a comma)
    assert parse_slip("P1, step 2=2w") == ("P1, step 2", "2w")


# --- overdue: "holding up N more" counts only the actions that are not late themselves -------


def test_past_due_counts_only_held_up_actions_that_are_not_late_themselves() -> None:
    """A chain B1 -> B2 -> B3 all past due and B4 after them: the overdue actions hold each
    other up, but only B4 is held up "more". The summary said "holding up 3 more"."""
    g = _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        actions=[
            {"ref": "B1", "text": "Audit", "due": "Jan-25", "addresses": ["F1"]},
            {"ref": "B2", "text": "Triage", "due": "Mar-25", "depends_on": ["B1"]},
            {"ref": "B3", "text": "Recruit", "due": "May-25", "depends_on": ["B2"]},
            {"ref": "B4", "text": "Train", "due": "Dec-25", "depends_on": ["B3"]},
        ],
    )
    report = audit(g, as_of=date(2025, 6, 1))
    assert report.overdue is not None
    assert report.overdue.overdue == ["B1", "B2", "B3"]
    assert list(report.overdue.held_up) == ["B2", "B3", "B4"]
    lines = audit_document(report).sections[1].lines
    assert "Past due on 2025-06-01: B1, B2, B3 (holding up 1 more)" in lines


# --- chain: the heading names the start as the user named it --------------------------------


def test_a_chain_asked_for_by_name_is_headed_with_the_name_not_only_the_ref() -> None:
    """``chain plan.yaml "Aisha Khan"`` was headed "Reporting chain from person busy"."""
    g = _graph(
        people=[{"ref": "busy", "name": "Aisha Khan", "post": "Assistant Director"}],
        boards=[
            {"ref": "hwb", "name": "Health and Wellbeing Board", "chair": "busy"},
            {"ref": "sib", "name": "SEND Improvement Board", "reports_to": ["hwb"]},
        ],
        priorities=[{"ref": "P1", "title": "EHCP timeliness", "reports_to": ["sib"]}],
        actions=[{"ref": "A1", "text": "Triage requests", "priority": "P1"}],
    )
    assert chain_document(chain(g, "Aisha Khan")).title == (
        "Reporting chain from person busy (Aisha Khan)"
    )
    assert chain_document(chain(g, "sib")).title == (
        "Reporting chain from board sib (SEND Improvement Board)"
    )
    assert chain_document(chain(g, "A1")).title == "Reporting chain from action A1"


# --- the GitHub verdict counts cycles as the text verdict does -------------------------------


def test_the_github_verdict_counts_cycles_not_their_members() -> None:
    """Two reporting cycles (loop1 -> loop2 -> loop1, selfie -> selfie): the text said "2
    cycles", the GitHub annotation "3 cycle" (the count of boards in them)."""
    g = _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        actions=[{"ref": "A1", "text": "Triage", "due": "Dec-24", "addresses": ["F1"]}],
        boards=[
            {"ref": "loop1", "name": "Loop One", "reports_to": ["loop2"]},
            {"ref": "loop2", "name": "Loop Two", "reports_to": ["loop1"]},
            {"ref": "selfie", "name": "Self Board", "reports_to": ["selfie"]},
        ],
    )
    report = audit(g)
    verdict = "FAILED: 2 cycles (loop1 → loop2; selfie) (fails on: cycle, empty, uncovered)"
    assert audit_document(report).footer == [verdict]
    assert audit_github(report, "plan.yaml", {}).splitlines()[-1].endswith(f"audit {verdict}")


def test_critical_path_to_a_finding_in_another_case_is_suggested() -> None:
    g = _graph(
        findings=[{"ref": "AFI-1", "kind": "area_for_improvement", "text": "EHC plans late."}],
        actions=[{"ref": "A1", "text": "Triage", "due": "Dec-24", "addresses": ["AFI-1"]}],
    )
    with pytest.raises(CriticalPathError, match=r"no finding 'afi-1'; did you mean 'AFI-1'\?"):
        critical_path(g, to="afi-1")


def test_governance_of_a_plan_with_no_boards_says_so() -> None:
    """``chain`` of a plan with no boards or priorities printed only "Top board(s): none"."""
    g = _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        actions=[{"ref": "A1", "text": "Triage", "due": "Dec-24", "addresses": ["F1"]}],
    )
    lines = governance_sections(governance(g))[0].lines
    assert lines == [
        "Top board(s): none",
        "The plan names no boards or priorities: nothing says who reports to whom",
    ]


# --- one person written two ways hides a key-person risk: the audit says so ------------------


def test_one_person_written_two_ways_is_pointed_out() -> None:
    """ "Jane Smith" and "J. Smith" own the two actions on F1: each owns half, so no sole owner
    (key-person risk) is found, and nothing said why. "John Smith" is another person."""
    g = _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        people=[
            {"ref": "js1", "name": "Jane Smith", "post": "Head of SEND"},
            {"ref": "js2", "name": "J. Smith"},
            {"ref": "jo", "name": "John Smith"},
        ],
        actions=[
            {"ref": "A1", "text": "Triage", "owners": ["person:js1"], "addresses": ["F1"]},
            {"ref": "A2", "text": "Recruit", "owners": ["person:js2"], "addresses": ["F1"]},
            {"ref": "A3", "text": "Train", "owners": ["person:jo"]},
        ],
    )
    report = audit(g)
    assert report.overload.key_people == []
    assert [sorted(o.ref for o in group) for group in report.overload.written_twice] == [
        ["js1", "js2"]
    ]
    attention = audit_document(report, detail=True).sections[1].lines
    said = [line for line in attention if "may be one person written two ways" in line]
    assert len(said) == 1 and "Jane Smith (js1)" in said[0] and "J. Smith (js2)" in said[0]
    assert not any("John Smith (jo)" in line for line in attention)


def test_two_holders_of_one_post_are_not_one_person_written_twice(tmp_path: Path) -> None:
    """Posts without a named holder, and names redacted to their posts, are not names."""
    g = _graph(
        people=[{"ref": "h1", "post": "Headteacher"}, {"ref": "h2", "post": "Headteacher"}],
        actions=[
            {"ref": "A1", "text": "Audit", "owners": ["person:h1"]},
            {"ref": "A2", "text": "Train", "owners": ["person:h2"]},
        ],
    )
    assert audit(g).overload.written_twice == []
    plan = _write(
        tmp_path,
        people=[
            {"ref": "ht1", "name": "Mary Jones", "post": "Headteacher"},
            {"ref": "ht2", "name": "Mary Jones", "post": "Headteacher"},
        ],
        actions=[
            {"ref": "A1", "text": "Audit", "owners": ["person:ht1"]},
            {"ref": "A2", "text": "Train", "owners": ["person:ht2"]},
        ],
    )
    plain = CliRunner().invoke(main, ["overload", str(plan)])
    assert "Mary Jones (ht1) and Mary Jones (ht2) may be one person" in " ".join(
        plain.output.split()
    )
    redacted = CliRunner().invoke(main, ["overload", str(plan), "--redact"])
    assert redacted.exit_code == 0 and "written two ways" not in redacted.output
    assert "Mary" not in redacted.output and "Jones" not in redacted.output


def test_past_due_holding_up_nothing_says_nothing_about_it() -> None:
    g = _graph(
        findings=[{"ref": "F1", "kind": "significant_weakness", "text": "EHC plans are late."}],
        actions=[{"ref": "B1", "text": "Audit", "due": "Jan-25", "addresses": ["F1"]}],
    )
    lines = audit_document(audit(g, as_of=date(2025, 6, 1))).sections[1].lines
    assert "Past due on 2025-06-01: B1" in lines  # not "(holding up 0 more)"


@pytest.mark.parametrize("placeholder", ["-", "n/a", "N/A", "None", "TBC", "—"])
def test_a_placeholder_handled_by_does_not_take_a_finding_out_of_the_gate(
    tmp_path: Path, placeholder: str
) -> None:
    """``handled_by: n/a`` says the finding is handled here: it is counted (and fails the
    gate while uncovered), with a load warning that names the placeholder."""
    plan = _write(
        tmp_path,
        findings=[
            {"ref": "F1", "kind": "area_for_improvement", "text": "Waits",
             "handled_by": placeholder},
            {"ref": "F2", "kind": "area_for_improvement", "text": "Transitions",
             "handled_by": "the separate priority action plan"},
        ],
        actions=[{"ref": "A1", "text": "Only action", "due": "Dec-24"}],
    )  # fmt: skip
    run = CliRunner().invoke(main, ["audit", str(plan), "--format", "json"])
    assert run.exit_code == 1, run.output
    report = yaml.safe_load(run.output)
    statuses = {f["ref"]: f["status"] for f in report["coverage"]["findings"]}
    assert statuses == {"F1": "uncovered"}, "F2 is handled elsewhere, F1 here"
    assert [h["ref"] for h in report["coverage"]["handled_elsewhere"]] == ["F2"]
    codes = [p["code"] for p in report["load_problems"]]
    assert codes == ["finding.handled_by"]
