"""Stated or inferred links, and findings derived or handled elsewhere, through every layer:
the canonical format and its schema, the graph, the database records, the workbook, redaction,
coverage, the critical path and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from graphmodel import build_graph
from graphmodel.graph import edge_basis, plan_from_graph
from graphmodel.integrity import plan_problems
from graphmodel.model import Basis, Link, Plan, plan_json_schema
from graphmodel.redact import redact_plan
from graphmodel.schema import EdgeKind
from graphmodel.stores.codec import graph_from_records, graph_records
from loaders import read_plan
from loaders.base import write_plan
from queries.basis import inferred_links
from queries.coverage import coverage
from queries.critical_path import critical_path

INFERRED = {"basis": "inferred"}


def plan_data() -> dict[str, Any]:
    return {
        "area": "Testshire",
        "title": "T",
        "published": "Jan 2024",
        "findings": [
            {"ref": "F1", "kind": "area_for_improvement", "text": "slow plans"},
            {"ref": "F1.1", "kind": "detailed_finding", "text": "built", "parent": "F1"},
            {"ref": "F2", "kind": "area_for_improvement", "text": "waits"},
            {"ref": "PA", "kind": "priority_action", "text": "co-production"},
        ],
        "actions": [
            {
                "ref": "A",
                "text": "a",
                "due": "Mar 2024",
                "owners": ["person:ann"],
                "addresses": ["F1"],
                "measures": ["M"],
            },
            {
                "ref": "B",
                "text": "b",
                "due": "Jun 2024",
                "owners": [
                    {"party": "person:bob", "role": "accountable", **INFERRED, "reason": "merged"}
                ],
                "depends_on": [{"ref": "A", **INFERRED, "reason": "order of the text"}],
                "addresses": [{"ref": "F2", **INFERRED, "reason": "same subject"}],
                "measures": ["M"],
            },
            {
                "ref": "C",
                "text": "c",
                "due": "Feb 2024",
                "owners": ["person:ann"],
                "depends_on": [{"ref": "B", **INFERRED, "reason": "Ann Lee says so"}],
                "addresses": ["F1.1", "PA"],
                "measures": ["M"],
            },
        ],
        "measures": [{"ref": "M", "text": "m"}],
        "people": [{"ref": "ann", "name": "Ann Lee"}, {"ref": "bob", "name": "Bob Roe"}],
    }


def make_plan(**finding_fields: dict[str, Any]) -> Plan:
    data = plan_data()
    for f in data["findings"]:
        f.update(finding_fields.get(f["ref"], {}))
    return Plan.model_validate(data)


def scoped_plan() -> Plan:
    return make_plan(**{"F1.1": {"derived": True}, "PA": {"handled_by": "the other plan"}})


def test_links_read_both_forms_and_write_the_short_one_when_stated() -> None:
    plan = scoped_plan()
    b, c = plan.actions[1], plan.actions[2]
    assert b.depends_on == ["A"] and b.depends_on[0].basis is Basis.INFERRED
    assert b.depends_on[0].reason == "order of the text"
    assert plan.actions[0].addresses[0].basis is Basis.STATED
    assert b.owners[0].inferred and b.owners[0].reason == "merged"
    dumped = plan.model_dump(mode="json", exclude_defaults=True)
    assert dumped["actions"][0]["addresses"] == ["F1"]
    assert dumped["actions"][1]["depends_on"] == [
        {"ref": "A", "basis": "inferred", "reason": "order of the text"}
    ]
    assert dumped["actions"][1]["owners"] == [
        {"party": "person:bob", "role": "accountable", "basis": "inferred", "reason": "merged"}
    ]
    assert dumped["findings"][1]["derived"] is True
    assert dumped["findings"][3]["handled_by"] == "the other plan"
    assert Plan.model_validate(dumped) == plan
    assert c.depends_on[0] != Link("B")  # a link's basis is part of what it is
    assert Link("B", Basis.INFERRED, "Ann Lee says so") == c.depends_on[0]


def test_the_schema_accepts_the_long_forms_and_rejects_a_wrong_basis() -> None:
    schema = plan_json_schema()
    jsonschema.validate(scoped_plan().model_dump(mode="json", exclude_defaults=True), schema)
    bad = plan_data()
    bad["actions"][1]["depends_on"] = [{"ref": "A", "basis": "guessed"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    with pytest.raises(ValueError, match="basis"):
        Plan.model_validate(bad)


def test_an_inferred_link_without_a_reason_is_a_warning() -> None:
    data = plan_data()
    data["actions"][1]["depends_on"] = [{"ref": "A", "basis": "inferred"}]
    codes = [(p.code, p.loc) for p in plan_problems(Plan.model_validate(data))]
    assert codes == [("link.reason", ("actions", 1, "depends_on", 0))]


def test_the_graph_carries_the_basis_on_edges_and_gives_it_back() -> None:
    plan = scoped_plan()
    g = build_graph(plan)
    edges = {
        (u, v, d["kind"]): edge_basis(d)
        for u, v, d in g.edges(data=True)
        if d["kind"] in (EdgeKind.DEPENDS_ON, EdgeKind.ADDRESSES, EdgeKind.OWNED_BY)
    }
    assert edges["action:B", "action:A", EdgeKind.DEPENDS_ON] == (
        Basis.INFERRED,
        "order of the text",
    )
    assert edges["action:B", "person:bob", EdgeKind.OWNED_BY] == (Basis.INFERRED, "merged")
    assert edges["action:A", "finding:F1", EdgeKind.ADDRESSES] == (Basis.STATED, None)
    assert g.nodes["finding:F1.1"]["derived"] is True
    assert plan_from_graph(g) == plan
    assert plan_from_graph(graph_from_records(*graph_records(g))) == plan
    _, records = graph_records(g)
    props = [r.props for r in records if r.type == "DEPENDS_ON"]
    assert {p.get("basis") for p in props} == {"inferred"}
    assert [x.to_dict()["kind"] for x in inferred_links(g)] == [
        "DEPENDS_ON",
        "ADDRESSES",
        "OWNED_BY",
        "DEPENDS_ON",
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".yaml"])
def test_every_format_keeps_the_basis(tmp_path: Path, suffix: str) -> None:
    plan = scoped_plan()
    out = tmp_path / f"plan{suffix}"
    write_plan(plan, out, "csv" if suffix == ".csv" else None)
    result = read_plan(str(out))
    assert [p for p in result.problems if p.severity.value == "error"] == []
    assert result.plan_or_raise() == plan


def test_a_workbook_marks_an_inferred_link_in_its_cell(tmp_path: Path) -> None:
    write_plan(scoped_plan(), tmp_path / "csv", "csv")
    actions = (tmp_path / "csv" / "Actions.csv").read_text(encoding="utf-8")
    assert "A [inferred: order of the text]" in actions
    assert "Bob Roe (accountable) [inferred: merged]" in actions
    findings = (tmp_path / "csv" / "Findings.csv").read_text(encoding="utf-8")
    assert "derived" in findings.splitlines()[0] and "handled_by" in findings.splitlines()[0]


def test_redaction_reaches_the_reasons() -> None:
    redacted = redact_plan(scoped_plan())
    reason = redacted.actions[2].depends_on[0].reason
    assert reason is not None and "Ann Lee" not in reason
    assert redacted.actions[2].depends_on[0].basis is Basis.INFERRED


def test_coverage_leaves_out_handled_and_derived_findings_and_can_use_stated_links_only() -> None:
    g = build_graph(scoped_plan())
    report = coverage(g)
    assert [f.ref for f in report.findings] == ["F1", "F2"]
    assert [(h.ref, h.handled_by, h.actions) for h in report.handled_elsewhere] == [
        ("PA", "the other plan", ["C"])
    ]
    assert [(f.ref, f.derived) for f in report.derived] == [("F1.1", True)]
    assert report.covered_percent == 100.0
    assert "C" not in report.scope_drift  # it addresses a finding, just not a counted one
    stated = coverage(g, stated_only=True)
    assert stated.stated_only and stated.finding("F2").status.value == "uncovered"
    data = stated.to_dict()
    assert data["stated_only"] is True and data["handled_elsewhere"][0]["ref"] == "PA"
    # without the marks, the derived child decides its parent and PA counts
    plain = coverage(build_graph(make_plan()))
    assert [f.ref for f in plain.findings] == ["F1", "F1.1", "F2", "PA"]


def test_an_inferred_owner_does_not_count_on_stated_links_only() -> None:
    data = plan_data()
    data["actions"][1]["addresses"] = ["F2"]
    g = build_graph(Plan.model_validate(data))
    assert coverage(g).finding("F2").status.value == "covered"
    f2 = coverage(g, stated_only=True).finding("F2")
    assert (f2.status.value, f2.missing) == ("partial", ["owner"])


def test_the_critical_path_marks_its_inferred_steps_and_conflicts() -> None:
    g = build_graph(scoped_plan())
    cp = critical_path(g)
    assert cp.path == ["A", "B", "C"]  # C, due before B, is pushed to finish with it
    assert [(s.action, s.prerequisite, s.reason) for s in cp.inferred_steps] == [
        ("B", "A", "order of the text"),
        ("C", "B", "Ann Lee says so"),
    ]
    [conflict] = cp.to_dict()["date_conflicts"]
    assert (conflict["action"], conflict["basis"], conflict["reason"]) == (
        "C",
        "inferred",
        "Ann Lee says so",
    )
    stated = critical_path(g, stated_only=True)
    assert stated.inferred_steps == [] and stated.date_conflicts == []
    assert stated.path == [] and not stated.dependencies  # no stated dependency, no chain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *args], capture_output=True, text=True, check=False
    )


def test_the_command_line_says_what_rests_on_inferred_links(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    write_plan(scoped_plan(), path, None)
    text = run("critical-path", str(path))
    assert text.returncode == 0, text.stderr
    assert (
        "Finishes 2024-06-30: A ⇢ B ⇢ C" in text.stdout
        and "Inferred step: B waits for A" in text.stdout
    )
    cov = run("coverage", str(path), "--stated-only", "--format", "json")
    assert cov.returncode == 0, cov.stderr
    data = json.loads(cov.stdout)
    assert data["stated_only"] is True
    assert [f["ref"] for f in data["findings"] if f["status"] == "uncovered"] == ["F2"]
    audit = " ".join(run("audit", str(path)).stdout.split())  # the text wraps at 80 columns
    assert "PA handled by the other plan (not counted)" in audit
    assert "derived by the transcriber, shown apart: F1.1" in audit
    assert "2 of 2 step(s) inferred" in audit


def test_the_critical_path_picture_dashes_inferred_dependencies() -> None:
    from visualise.schedule import critical_path_view

    g = build_graph(scoped_plan())
    view = critical_path_view(g, critical_path(g))
    inferred = [e for e in view.edges if "inferred" in e.label]
    assert {e.label for e in inferred} == {
        "must finish first (inferred: order of the text)",
        "must finish first (inferred: Ann Lee says so)",
    }
    assert all(e.dashed for e in inferred)
    assert "A ⇢ B" in view.title and "inferred" in view.title
