"""Tables in imported documents, as councils lay them out: action tables set out in two
columns one after another, a totals row under the rows, hidden rows and milestones shown
by the cell's indent in a tracker, quarter columns ticked, a milestones column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment

from graphmodel.model import Plan
from loaders.documents import import_document
from loaders.documents.report import report_text


def _texts(plan: Plan) -> dict[str, str]:
    return {a.ref: a.text for a in plan.actions}


def _word_table(rows: list[list[str]], heading: str = "") -> tuple[Any, Any]:
    """A Word document holding one table of ``rows`` (blank cells left empty), and the
    table, for a test to merge cells or add to them before saving."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, 1)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, values in enumerate(rows):
        for i, value in enumerate(values):
            if value:
                table.cell(r, i).text = value
    return document, table


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
        'Total,2 actions,,,"1 G, 1 R"\n',
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
            (
                [
                    "1.2",
                    "Train every SENCO in the graduated approach",
                    "Mark Ellis",
                    "Jul-25",
                    "On track",
                ],
                0,
                False,
            ),
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


def test_quarters_ticked_give_the_start_and_the_due(tmp_path: Path) -> None:
    sheet = tmp_path / "timeline.csv"
    sheet.write_text(
        "Ref,Action,Lead,Q1 2024/25,Q2 2024/25,Q3 2024/25,Q4 2024/25,RAG\n"
        "1.1,Recruit three EHC coordinators,Head of SEND,✓,✓,,,Green\n"
        "1.2,Publish therapy waiting times on the Local Offer,Local Offer Manager,,,,X,Red\n",
        encoding="utf-8",
    )
    plan = import_document(sheet).plan
    first, second = plan.actions
    assert first.start is not None and first.start.text == "Q1 2024/25"
    assert first.due is not None and first.due.text == "Q2 2024/25"
    assert second.due is not None and second.due.text == "Q4 2024/25"
    assert "✓" not in (first.note or "")


def test_a_milestones_column_gives_the_actions_milestones(tmp_path: Path) -> None:
    document, table = _word_table(
        [
            ["Ref", "Action", "Lead", "Due", "Milestones"],
            ["1.1", "Clear the backlog of EHC needs assessments", "Head of SEND", "March 2025"],
            ["1.2", "Co-produce a new EHC plan template", "SEND Service Manager", "Dec 2024"],
        ],
        "Pennington Written Statement of Action",
    )
    table.cell(2, 4).text = "Template drafted with the Parent Carer Forum (Sept 2024)"
    table.cell(2, 4).add_paragraph("Template in use – Dec 2024")
    inner = table.cell(1, 4).add_table(rows=3, cols=2)
    for r, (step, when) in enumerate(
        [("Milestone", "Date"), ("Backlog halved", "Oct 2024"), ("Backlog cleared", "March 2025")]
    ):
        inner.cell(r, 0).text, inner.cell(r, 1).text = step, when
    path = tmp_path / "wsoa.docx"
    document.save(str(path))
    plan = import_document(path).plan
    steps = {
        a.ref: [(m.text, m.due.text if m.due else None) for m in a.milestones] for a in plan.actions
    }
    assert steps == {
        "1.1": [("Backlog halved", "Oct 2024"), ("Backlog cleared", "March 2025")],
        "1.2": [
            ("Template drafted with the Parent Carer Forum", "Sept 2024"),
            ("Template in use", "Dec 2024"),
        ],
    }


def test_a_short_action_beside_its_numbered_label_is_no_header(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(
        "<h1>Ravensholme SEND Improvement Plan</h1>"
        "<table><tr><td><b>Action 2.1</b></td><td>Update the Local Offer</td></tr>"
        "<tr><td><b>Lead</b></td><td>Local Offer Manager</td></tr>"
        "<tr><td><b>Timescale</b></td><td>Sept 2024</td></tr></table>",
        encoding="utf-8",
    )
    plan = import_document(page).plan
    assert _texts(plan) == {"2.1": "Update the Local Offer"}
    assert plan.actions[0].due is not None and plan.actions[0].due.text == "Sept 2024"


def test_an_action_merged_down_over_its_milestone_rows_is_one_action(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(
        "<h1>Westbury SEND Improvement Plan</h1><table>"
        "<tr><th>Ref</th><th>Action</th><th>Milestone</th><th>Lead</th><th>By when</th>"
        "<th>RAG</th></tr>"
        '<tr><td rowspan="2">3.1</td><td rowspan="2">Co-produce a preparation for adulthood'
        " pathway</td><td>Draft pathway shared with the PCF</td>"
        '<td rowspan="2">PfA Lead</td><td>Jan 2025</td><td>Green</td></tr>'
        "<tr><td>Pathway published</td><td>July 2025</td><td>Amber</td></tr>"
        "<tr><td>3.2</td><td>Expand supported internships</td><td>40 interns in place</td>"
        "<td>Head of SEND</td><td>Sept 2025</td><td>Red</td></tr></table>",
        encoding="utf-8",
    )
    plan = import_document(page).plan
    assert sorted(_texts(plan)) == ["3.1", "3.2"]
    first = plan.actions[0]
    steps = [(m.text, m.due.text if m.due else None, m.status) for m in first.milestones]
    assert steps == [
        ("Draft pathway shared with the PCF", "Jan 2025", "Green"),
        ("Pathway published", "July 2025", "Amber"),
    ]
    assert first.due is not None and first.due.text == "July 2025"


def test_a_word_action_merged_down_over_its_measures_is_one_action(tmp_path: Path) -> None:
    document, table = _word_table(
        [
            ["Ref", "Action", "Success measure", "Lead"],
            ["2.1", "Reduce therapy waits", "Median wait under 18 weeks", "Head of Therapies"],
            ["", "", "No child waits over 52 weeks", ""],
            ["2.2", "Publish therapy waiting times", "Published monthly", "Local Offer Manager"],
        ],
        "Area for improvement 2: Therapy waiting times",
    )
    for i in (0, 1, 3):
        table.cell(1, i).merge(table.cell(2, i))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert sorted(_texts(plan)) == ["2.1", "2.2"]
    measures = {m.ref: m.text for m in plan.measures}
    assert [measures[m] for m in plan.actions[0].measures] == [
        "Median wait under 18 weeks",
        "No child waits over 52 weeks",
    ]


def test_rows_of_a_collapsed_outline_group_are_read(tmp_path: Path) -> None:
    path = _tracker(
        tmp_path / "tracker.xlsx",
        [
            (["1", "Recruit three EHC coordinators", "Head of SEND", "Jan-25", "Amber"], 0, False),
            (["1a", "Advertise the posts", "HR Business Partner", "Oct-24", "Complete"], 0, True),
            (["2", "Open a weekly EHC panel", "Head of SEND", "Mar-25", "Green"], 0, False),
        ],
    )
    book = openpyxl.load_workbook(str(path))
    book.active.row_dimensions[3].outlineLevel = 1  # hidden as its group is collapsed
    book.save(str(path))
    result = import_document(path)
    assert _texts(result.plan)["1a"] == "Advertise the posts"
    assert "hidden row" not in report_text(result.report)


def test_an_action_without_a_ref_takes_no_ref_written_below(tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "Ref,Action,Lead,Due,RAG\n"
        "1,Recruit three EHC coordinators,Head of SEND,Jan-25,Amber\n"
        ",Advertise the posts,HR Business Partner,Oct-24,Complete\n"
        "2,Open a weekly EHC panel,Head of SEND,Mar-25,Green\n",
        encoding="utf-8",
    )
    texts = _texts(import_document(sheet).plan)
    assert texts["2"] == "Open a weekly EHC panel"
    assert "Advertise the posts" in texts.values()


def test_ratings_under_dated_headers_give_the_latest_as_the_status(tmp_path: Path) -> None:
    sheet = tmp_path / "ratings.csv"
    sheet.write_text(
        "Ref,Action,Lead,Due,Sept 2024,Dec 2024,Mar 2025\n"
        "1.1,Recruit three EHC coordinators,Head of SEND,Jan-25,Red,Amber,Green\n"
        "1.2,Open a weekly EHC panel,Head of SEND,Mar-25,Amber,Amber,Red\n",
        encoding="utf-8",
    )
    first, second = import_document(sheet).plan.actions
    assert (first.status, second.status) == ("Green", "Red")
    assert "Sept 2024: Red" in (first.note or "")


def test_quarters_under_their_year_merged_over_them(tmp_path: Path) -> None:
    document, table = _word_table(
        [
            ["Ref", "Action", "Lead", "2024/25", "", ""],
            ["", "", "", "Q1", "Q2", "Q3"],
            ["1.1", "Recruit three EHC coordinators", "Head of SEND", "✓", "✓", ""],
            ["1.2", "Introduce a quality assurance panel", "Head of SEND", "", "✓", "✓"],
        ]
    )
    table.cell(0, 3).merge(table.cell(0, 5))
    for i in (0, 1, 2):
        table.cell(0, i).merge(table.cell(1, i))
    path = tmp_path / "timeline.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert sorted(_texts(plan)) == ["1.1", "1.2"]  # the quarters' row is no action
    second = plan.actions[1]
    assert second.start is not None and second.start.text == "Q2 2024/25"
    assert second.due is not None and second.due.text == "Q3 2024/25"


def test_a_totals_row_of_a_pasted_table_is_no_part_of_the_last_action(tmp_path: Path) -> None:
    text = tmp_path / "plan.txt"
    text.write_text(
        "Thornbury SEND Action Plan\n\nNo.\tAction\tResponsible officer\tTarget date\tRAG\n"
        "1\tCreate a register of alternative provision placements\tHead of Inclusion\tNov 2024\tG\n"
        "2\tReduce part-time timetables for pupils with EHC plans\tHead of SEND\tJuly 2025\tR\n"
        "Total\t2 actions\t\t\t1 G, 1 R\n",
        encoding="utf-8",
    )
    result = import_document(text)
    last = result.plan.actions[-1]
    assert last.text == "Reduce part-time timetables for pupils with EHC plans"
    assert last.status == "R"
    assert last.due is not None and last.due.text == "July 2025"
    assert "Total" in report_text(result.report)


def test_a_hidden_sheet_is_not_drafted_but_reviewed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    live = book.active
    live.title = "Action Plan"
    archive = book.create_sheet("Archive 2023")
    for sheet, rows in (
        (live, [["1", "Recruit three EHC coordinators", "Head of SEND", "Jan-25"]]),
        (archive, [["A1", "Old action from the 2023 plan", "Head of SEND", "Mar-23"]]),
    ):
        sheet.append(["Ref", "Action", "Lead", "Due"])
        for values in rows:
            sheet.append(values)
    archive.sheet_state = "hidden"
    path = tmp_path / "tracker.xlsx"
    book.save(str(path))
    result = import_document(path)
    assert sorted(_texts(result.plan)) == ["1"]
    assert not result.plan.priorities  # the hidden sheet names no workstream either
    text = report_text(result.report)
    assert "hidden sheet" in text and "Old action from the 2023 plan" in text


def test_a_sheet_row_struck_through_is_not_drafted(tmp_path: Path) -> None:
    path = _tracker(
        tmp_path / "tracker.xlsx",
        [
            (
                ["1", "Publish the SEND sufficiency strategy", "Head of SEND", "Mar-25", "Green"],
                0,
                False,
            ),
            (["2", "Commission a second unit", "Head of Commissioning", "Sep-25", "Red"], 0, False),
        ],
    )
    book = openpyxl.load_workbook(str(path))
    for cell in book.active[3]:
        cell.font = openpyxl.styles.Font(strike=True)
    book.save(str(path))
    result = import_document(path)
    assert sorted(_texts(result.plan)) == ["1"]
    assert "struck-through row" in report_text(result.report)


def test_a_hidden_row_of_a_sheet_dated_month_first_is_still_set_aside(tmp_path: Path) -> None:
    """Reading a US-dated table's dates again rebuilt its rows and lost their marks: the
    hidden row was drafted as a live action."""
    book = _tracker(
        tmp_path / "tracker.xlsx",
        [
            (["1.1", "Agree a SEND strategy", "Laura Finch", "12/31/2024", "Complete"], 0, False),
            (["1.2", "Train every SENCO", "Mark Ellis", "03/31/2025", "On track"], 0, False),
            (["1.3", "OLD ROW - superseded", "Mark Ellis", "06/30/2024", "Closed"], 0, True),
        ],
    )  # fmt: skip
    result = import_document(book)
    assert sorted(_texts(result.plan)) == ["1.1", "1.2"]
    assert "month first" in report_text(result.report)
