"""Tables in imported documents, as councils lay them out: action tables set out in two
columns one after another, a totals row under the rows, hidden rows and milestones shown
by the cell's indent in a tracker, quarter columns ticked, a milestones column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

from graphmodel.model import Plan
from loaders.documents import import_document
from loaders.documents.report import report_text


def _texts(plan: Plan) -> dict[str, str]:
    return {a.ref: a.text for a in plan.actions}


def test_two_tables_set_out_in_two_columns_are_two_actions(tmp_path: Path) -> None:
    page = tmp_path / "wsoa.html"
    page.write_text(
        "<html><body><h1>Ollerton SEND Written Statement of Action</h1>"
        "<h2>Area of significant weakness 1: Joint commissioning</h2>"
        "<table><tr><th>Action 1.1</th><td>Agree a joint commissioning strategy for SEND"
        " with the ICB</td></tr><tr><th>Lead</th><td>Head of Joint Commissioning</td></tr>"
        "<tr><th>Timescale</th><td>end of autumn term 2024</td></tr>"
        "<tr><th>RAG</th><td>Amber</td></tr></table>"
        "<table><tr><th>Action 1.2</th><td>Pool budgets for short breaks</td></tr>"
        "<tr><th>Lead</th><td>Short Breaks Commissioning Officer</td></tr>"
        "<tr><th>Timescale</th><td>April 2025</td></tr>"
        "<tr><th>RAG</th><td>Red</td></tr></table></body></html>",
        encoding="utf-8",
    )
    plan = import_document(page).plan
    assert _texts(plan) == {
        "1.1": "Agree a joint commissioning strategy for SEND with the ICB",
        "1.2": "Pool budgets for short breaks",
    }
    second = plan.actions[1]
    assert second.due is not None and second.due.text == "April 2025"
    assert second.status == "Red"


def test_a_totals_row_is_no_action_and_is_reviewed(tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "No.,Action,Responsible officer,Target date,RAG\n"
        "1,Create a register of alternative provision placements,Head of Inclusion,Dec-24,G\n"
        "2,Reduce part-time timetables for pupils with EHC plans,Head of SEND,Mar-25,R\n"
        "Total,2 actions,,,\"1 G, 1 R\"\n",
        encoding="utf-8",
    )
    result = import_document(sheet)
    assert sorted(_texts(result.plan)) == ["1", "2"]
    assert "Total | 2 actions" in report_text(result.report)


def _tracker(path: Path, rows: list[tuple[list[object], int, bool]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action Plan"
    sheet.append(["Ref", "Action", "Lead Officer", "Due", "Status"])
    for r, (values, indent, hidden) in enumerate(rows, start=2):
        sheet.append(values)
        if indent:
            sheet.cell(r, 2).alignment = Alignment(indent=indent)
        if hidden:
            sheet.row_dimensions[r].hidden = True
    book.save(str(path))
    return path


def test_a_hidden_row_is_not_drafted_but_reviewed(tmp_path: Path) -> None:
    book = _tracker(
        tmp_path / "tracker.xlsx",
        [
            (["1.1", "Agree a joint SEND strategy", "Laura Finch", "Mar-25", "Complete"], 0, False),
            (["1.2", "Train every SENCO in the graduated approach", "Mark Ellis", "Jul-25", "On track"], 0, False),
            (["1.3", "OLD ROW - superseded", "Mark Ellis", "Jun-24", "Closed"], 0, True),
        ],
    )
    result = import_document(book)
    assert sorted(_texts(result.plan)) == ["1.1", "1.2"]
    text = report_text(result.report)
    assert "hidden row" in text and "OLD ROW - superseded" in text


def test_rows_indented_under_an_action_are_its_milestones(tmp_path: Path) -> None:
    book = _tracker(
        tmp_path / "tracker.xlsx",
        [
            (["1", "Recruit three EHC coordinators", "Head of SEND", "Jan-25", "Amber"], 0, False),
            (["", "Advertise the posts", "", "Oct-24", "Complete"], 2, False),
            (["", "Appoint to the posts", "", "Dec-24", "Amber"], 2, False),
            (["2", "Open a weekly EHC panel", "Head of SEND", "Mar-25", "Green"], 0, False),
        ],
    )
    plan = import_document(book).plan
    assert sorted(_texts(plan)) == ["1", "2"]
    first = plan.actions[0]
    assert [m.text for m in first.milestones] == ["Advertise the posts", "Appoint to the posts"]
