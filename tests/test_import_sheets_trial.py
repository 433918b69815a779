"""Trackers and tables in the layouts councils and NHS bodies keep, found in trials: sheets
beside the plan that are not actions (a risk register, a RACI matrix, a dashboard of
counts), owner name and post in two columns, several due columns, a filter row under the
header, milestone rows numbered under their action, project tools' exports (MS Project,
Smartsheet, Planner)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from loaders.documents import import_document
from loaders.documents.report import ReviewKind

HEADER = ["Ref", "Action", "Lead", "Due", "RAG"]
ACTIONS = [
    ["1.1", "Recruit three additional EHC coordinators", "Sarah Blake", "Jan-25", "Green"],
    ["1.2", "Introduce a weekly EHC panel with health and care", "Tom Reid", "Jun-25", "Amber"],
]


def _book(
    path: Path, sheets: dict[str, Sequence[Sequence[Any]]], merged: Sequence[str] = ()
) -> Path:
    """A workbook of ``sheets``; the ranges ``merged`` merged on its first sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    for cells in merged:
        book.worksheets[0].merge_cells(cells)
    book.save(str(path))
    return path


def _refs(path: Path) -> list[str]:
    return [a.ref for a in import_document(path).plan.actions]


def test_a_risk_register_beside_the_plan_gives_no_actions(tmp_path: Path) -> None:
    """The risks (with a risk owner and a review date) were drafted as actions R1, R2."""
    path = _book(
        tmp_path / "plan.xlsx",
        {
            "Plan": [HEADER, *ACTIONS],
            "Risk Register": [
                ["Risk ID", "Risk description", "Likelihood", "Impact", "Score", "Risk owner"],
                ["R1", "Recruitment delayed by a national shortage", 4, 4, 16, "Sarah Blake"],
                ["R2", "ICB therapy funding not confirmed for 2025/26", 3, 5, 15, "James Okoro"],
            ],
        },
    )
    result = import_document(path)
    assert [a.ref for a in result.plan.actions] == ["1.1", "1.2"]
    assert any("a risk register" in i.message for i in result.report.items)
    unplaced = [i.text for i in result.report.items if i.kind is ReviewKind.UNPLACED]
    assert any("Recruitment delayed" in t for t in unplaced)


def test_a_raci_matrix_sheet_gives_no_actions(tmp_path: Path) -> None:
    """Its activities were actions, with refs the activities' names and 'R/A' as text."""
    path = _book(
        tmp_path / "plan.xlsx",
        {
            "Plan": [HEADER, *ACTIONS],
            "RACI": [
                ["Activity", "Northshire Council", "NHS Northshire ICB", "Parent Carer Forum"],
                ["EHC needs assessment", "R/A", "C", "I"],
                ["Therapy waiting times", "I", "R/A", "C"],
                ["Preparation for adulthood pathway", "A", "R", "R"],
            ],
        },
    )
    assert _refs(path) == ["1.1", "1.2"]


def test_raci_columns_beside_an_action_s_own_columns_name_its_owners(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Due,RAG,Northshire Council,NHS Northshire ICB\n"
        "1.1,Agree a joint commissioning strategy,Mar-25,Green,R/A,C\n"
        "1.2,Commission more speech and language therapy,Jun-25,Amber,I,A\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    names = {o.ref: o.name for o in plan.organisations}
    owners = [[(names[o.party.ref], o.role.value) for o in a.owners] for a in plan.actions]
    assert owners == [
        [("Northshire Council", "accountable"), ("NHS Northshire ICB", "involved")],
        [("Northshire Council", "involved"), ("NHS Northshire ICB", "accountable")],
    ]


def test_a_dashboard_of_counts_gives_no_actions_and_no_priorities(tmp_path: Path) -> None:
    """A dashboard saved with its formulas' values (LibreOffice, Excel): its counts were
    actions ('5', '2') and its workstreams priorities."""
    path = _book(
        tmp_path / "plan.xlsx",
        {
            "Dashboard": [
                ["Workstream", "Actions", "Complete", "% complete"],
                ["EHC plans", 5, 1, 0.2],
                ["Therapies", 2, 1, 0.5],
            ],
            "Plan": [HEADER, *ACTIONS],
        },
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert plan.priorities == []


def test_owner_name_and_role_in_two_columns_are_one_person(tmp_path: Path) -> None:
    """'Action Owner (Name)' and 'Action Owner (Role)' made two people per action (Sarah
    Blake, and a person named 'Head of SEND'), doubling every owner's load."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Action Owner (Name),Action Owner (Role),Exec Sponsor,Due\n"
        "1.1,Recruit three EHC coordinators,Sarah Blake,Head of SEND,Director of"
        " Children's Services,Jan-25\n"
        "1.2,Co-produce a PfA pathway,Helen Cole,PfA Lead,Director of Adult Social Care,Jul-25\n"
        "1.3,Publish the Local Offer,,Local Offer Manager,Director of Children's Services,"
        "Sep-25\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    people = {p.ref: (p.name, p.post) for p in plan.people}
    responsible = [
        [people[o.party.ref] for o in a.owners if o.role.value == "responsible"]
        for a in plan.actions
    ]
    assert responsible == [
        [("Sarah Blake", "Head of SEND")],
        [("Helen Cole", "PfA Lead")],
        [(None, "Local Offer Manager")],
    ]


def test_of_several_due_columns_the_revised_date_is_the_due(tmp_path: Path) -> None:
    """'Timescales: Start | End', 'Original Target Date' and 'Target Date (revised)' were
    joined into one due ('2025-01-31; 2024-12-31; 2025-01-31'), which is no date."""
    path = _book(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                [
                    "Ref",
                    "Action",
                    "Lead",
                    "Timescales",
                    None,
                    "Original Target Date",
                    "Target Date (revised)",
                    "BRAG",
                ],
                [None, None, None, "Start", "End", None, None, None],
                [
                    "1.1",
                    "Recruit three EHC coordinators",
                    "Sarah Blake",
                    dt.datetime(2024, 9, 1),
                    dt.datetime(2025, 1, 31),
                    dt.datetime(2024, 12, 31),
                    dt.datetime(2025, 2, 28),
                    "Blue",
                ],
                [
                    "1.2",
                    "Introduce a weekly EHC panel",
                    "Tom Reid",
                    "Apr-25",
                    "Jul-25",
                    "Jun-25",
                    "TBC",
                    "Amber",
                ],
            ],
        },
        merged=["D1:E1"],
    )
    plan = import_document(path).plan
    found = [(a.due.text if a.due else None, a.note) for a in plan.actions]
    assert found == [
        ("2025-02-28", "End: 2025-01-31. Original Target Date: 2024-12-31."),
        ("Jul-25", "Original Target Date: Jun-25. Target Date (revised): TBC."),
    ]


def test_a_filter_row_under_the_header_is_no_finding(tmp_path: Path) -> None:
    """'(select)' under 'Area of weakness' became finding AFI-1, text '(select)'."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Area of weakness,Action,Lead Officer,Due,Status\n"
        "(filter),(select),,(select),,(select)\n"
        "1.1,W1,Agree a joint SEND strategy,Laura Finch,Mar-25,Complete\n"
        "1.2,W2,Train every SENCO in the graduated approach,Mark Ellis,Jul-25,On track\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [f.ref for f in result.plan.findings] == ["W1", "W2"]  # none is "(select)"
    assert [a.ref for a in result.plan.actions] == ["1.1", "1.2"]
    assert any("(select)" in i.text for i in result.report.items)


def test_milestone_rows_numbered_under_their_action(tmp_path: Path) -> None:
    """Rows '1.2a ...', '1.2b ...' with a blank ref cell were actions with made-up refs
    ('3', '4')."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Lead,Due,RAG\n"
        "1.1,Recruit three EHC coordinators,Sarah Blake,Jan-25,Blue\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Jul-25,Amber\n"
        ",1.2a Agree the panel's terms of reference,,Apr-25,Green\n"
        ",1.2b First panel meeting held,,May-25,Green\n"
        "1.3,Audit every new EHC plan,Priya Shah,Sep-25,Green\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "1.3"]
    found = [(m.text, m.due.text if m.due else None) for m in plan.actions[1].milestones]
    assert found == [
        ("1.2a Agree the panel's terms of reference", "Apr-25"),
        ("1.2b First panel meeting held", "May-25"),
    ]


def test_a_smartsheet_duration_column_is_no_ref(tmp_path: Path) -> None:
    """'80d', '60d' were read as the actions' refs (from the cells), which broke the
    predecessor row numbers too."""
    path = tmp_path / "smartsheet.csv"
    path.write_text(
        "Task Name,Assigned To,Start Date,End Date,Duration,Predecessors,Status\n"
        "Agree a joint commissioning strategy,Sarah Blake,01/09/24,20/12/24,80d,,Complete\n"
        "Pool budgets for alternative provision,James Okoro,06/01/25,31/03/25,60d,1,"
        "In Progress\n"
        "Run termly You Said We Did sessions,Helen Cole,06/01/25,31/07/25,130d,,Not Started\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert [(a.ref, [d.ref for d in a.depends_on]) for a in plan.actions] == [
        ("1", []),
        ("2", ["1"]),
        ("3", []),
    ]
    assert "Duration: 60d" in (plan.actions[1].note or "")


def test_ms_project_and_planner_headers(tmp_path: Path) -> None:
    """MS Project's 'Resource Names' (who does the task) was a resource and 'Finish' no due;
    Planner's 'Task ID' was joined into the action's text, its checklist columns were refs
    and 'Completed Date' / 'Completed By' were joined into the due; its 'Description' was
    joined into the action's text."""
    project = tmp_path / "project.csv"
    project.write_text(
        "ID,Name,Start,Finish,Predecessors,Resource Names\n"
        "1,Recruit three EHC coordinators,02/09/24,25/10/24,,Head of SEND\n"
        "2,Introduce a weekly EHC panel,28/10/24,22/11/24,1,EHC Team Manager\n",
        encoding="utf-8",
    )
    plan = import_document(project).plan
    people = {p.ref: p.post for p in plan.people}
    assert [
        (a.due.text if a.due else None, [people[o.party.ref] for o in a.owners])
        for a in plan.actions
    ] == [("25/10/24", ["Head of SEND"]), ("22/11/24", ["EHC Team Manager"])]
    planner = _book(
        tmp_path / "planner.xlsx",
        {
            "Tasks": [
                [
                    "Task ID",
                    "Task Name",
                    "Bucket Name",
                    "Progress",
                    "Assigned To",
                    "Due Date",
                    "Completed Date",
                    "Completed By",
                    "Completed Checklist Items",
                    "Checklist Items",
                    "Description",
                ],
                [
                    "AAMkA1",
                    "Recruit two educational psychologists",
                    "EHC",
                    "Completed",
                    "Sarah Blake",
                    "31/01/2025",
                    "20/01/2025",
                    "Sarah Blake",
                    "2/2",
                    "Advert placed;Interviews held",
                    "Reduce the delays in EP advice",
                ],
                [
                    "AAMkA2",
                    "Clear the backlog of EP advice",
                    "EHC",
                    "In progress",
                    "Tom Reid",
                    "31/03/2025",
                    "",
                    "",
                    "1/3",
                    "Weekly tracker",
                ],
            ]
        },
    )
    plan = import_document(planner).plan
    assert [(a.ref, a.text, a.due.text if a.due else None) for a in plan.actions] == [
        ("AAMkA1", "Recruit two educational psychologists", "31/01/2025"),
        ("AAMkA2", "Clear the backlog of EP advice", "31/03/2025"),
    ]
    assert "Completed By: Sarah Blake" in (plan.actions[0].note or "")
    assert "Description: Reduce the delays in EP advice" in (plan.actions[0].note or "")


def test_a_start_cell_that_is_no_date_is_kept_and_reported(tmp_path: Path) -> None:
    """'Ongoing' and MS Project's 'Mon 02/09/24' in a start column were dropped silently."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Lead,Start,Due\n"
        "1.1,Audit every new EHC plan,Priya Shah,Ongoing,Mar-25\n"
        "1.2,Recruit two EPs,Sarah Blake,Sep-24,Jan-25\n",
        encoding="utf-8",
    )
    result = import_document(path)
    first, second = result.plan.actions
    assert first.start is None and "Start: Ongoing" in (first.note or "")
    assert second.start is not None and second.start.text == "Sep-24"
    assert any(i.text == "Ongoing" and "start" in i.message for i in result.report.items)


def test_a_sheet_per_workstream_under_a_title_block(tmp_path: Path) -> None:
    """Each sheet opens with the plan's title, 'Workstream: ...' and a version line over the
    header: the workstreams were lost (no priorities) and the title was the file's name,
    because 'Priority Action Plan' in it was taken for a finding's 'priority action'."""
    sheets = {
        name: [
            ["Northshire SEND Priority Action Plan 2024-26"],
            [f"Workstream: {name}"],
            ["Version 3.2 | Last updated 14/03/2025 by the SEND Improvement Team"],
            HEADER,
            [ref, text, "Sarah Blake", "Mar-25", "Green"],
        ]
        for name, ref, text in (
            ("EHCP Timeliness", "1.1", "Recruit three additional EHC coordinators"),
            ("Therapies", "2.1", "Commission extra speech and language therapy"),
        )
    }
    plan = import_document(_book(tmp_path / "tracker.xlsx", sheets)).plan
    assert plan.title == "Northshire SEND Priority Action Plan 2024-26"
    titles = {p.ref: p.title for p in plan.priorities}
    assert [(a.ref, titles[a.priority or ""]) for a in plan.actions] == [
        ("1.1", "EHCP Timeliness"),
        ("2.1", "Therapies"),
    ]


def test_ms_project_summary_tasks_by_outline_level_are_workstreams(tmp_path: Path) -> None:
    """Level-1 summary tasks not written 'Priority 1: ...' were actions of their own."""
    path = tmp_path / "project.csv"
    path.write_text(
        "ID,Outline Level,Name,Start,Finish,Resource Names\n"
        "1,1,EHC plan timeliness,02/09/24,29/08/25,\n"
        "2,2,Recruit three additional EHC coordinators,02/09/24,25/10/24,Head of SEND\n"
        "3,2,Introduce a weekly multi-agency EHC panel,28/10/24,22/11/24,Team Manager\n"
        "4,1,Therapy waiting times,06/01/25,10/10/25,\n"
        "5,2,Commission extra speech and language therapy,06/01/25,28/03/25,ICB\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    titles = {p.ref: p.title for p in plan.priorities}
    assert [(a.ref, titles[a.priority or ""]) for a in plan.actions] == [
        ("2", "EHC plan timeliness"),
        ("3", "EHC plan timeliness"),
        ("5", "Therapy waiting times"),
    ]


def test_a_lookup_sheet_after_the_actions_does_not_continue_them(tmp_path: Path) -> None:
    """A (hidden) sheet of drop-down lists after the actions, with no header, was read as
    the actions' table continued: actions 'Red', 'Amber' owned by 'Therapies'."""
    path = _book(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [HEADER, *ACTIONS],
            "Lookups": [
                ["Red", "Sarah Blake", "EHC timeliness"],
                ["Amber", "Tom Reid", "Therapies"],
                ["Green", "Priya Shah", "Preparation for adulthood"],
            ],
        },
    )
    result = import_document(path)
    assert [a.ref for a in result.plan.actions] == ["1.1", "1.2"]
    assert sum(i.kind is ReviewKind.UNPLACED for i in result.report.items) == 3


def test_a_csv_of_a_two_row_header_saved_in_a_us_locale(tmp_path: Path) -> None:
    """A tracker saved as CSV writes 'Timescales' merged over 'Start | End' as 'Timescales,'
    (the second row not read as a header: 'Start | End' unplaced, the start date taken for
    the due) and, from a US locale, its dates month first ('09/01/2024' read as 9 January,
    '01/31/2025' no date)."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Timescales,,BRAG\n"
        ",,,Start,End,\n"
        "1.1,Recruit three EHC coordinators,Sarah Blake,09/01/2024,01/31/2025,Blue\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Apr-25,07/31/2025,Amber\n",
        encoding="utf-8",
    )
    result = import_document(path)
    found = [
        (a.start.text if a.start else None, a.due.text if a.due else None)
        for a in result.plan.actions
    ]
    assert found == [("2024-09-01", "2025-01-31"), ("Apr-25", "2025-07-31")]
    assert not [i for i in result.report.items if i.kind is ReviewKind.UNPLACED]
    assert any("month first" in i.message for i in result.report.items)


def test_percentages_and_month_dates_are_read_as_the_cells_show_them(tmp_path: Path) -> None:
    """A '% complete' cell showing 40% was kept as '0.4' (100% as '1'), and a date cell
    showing 'Apr-25' was due on 1 April 2025, a month before the tracker means."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "Due", "% complete"])
    sheet.append(
        ["1.1", "Recruit three EHC coordinators", "Sarah Blake", dt.datetime(2025, 4, 1), 0.4]
    )
    sheet.append(["1.2", "Audit every new EHC plan", "Priya Shah", dt.datetime(2025, 3, 31), 1])
    sheet["D2"].number_format = "mmm-yy"
    sheet["D3"].number_format = "dd/mm/yyyy"
    sheet["E2"].number_format = sheet["E3"].number_format = "0%"
    book.save(str(tmp_path / "tracker.xlsx"))
    plan = import_document(tmp_path / "tracker.xlsx").plan
    found = [(a.due.text if a.due else None, a.note) for a in plan.actions]
    assert found == [("Apr 2025", "% complete: 40%."), ("2025-03-31", "% complete: 100%.")]


def test_bulleted_milestone_rows_under_their_action(tmp_path: Path) -> None:
    """Rows '• Agree ...' with a blank ref cell were actions '3' and '4', bullet and all."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action,Lead,Due,RAG\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Jul-25,Amber\n"
        ",• Agree the panel's terms of reference,,Apr-25,Green\n"
        ",a) First panel meeting held,,May-25,Amber\n"
        "1.3,Audit every new EHC plan,Priya Shah,Sep-25,Green\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.2", "1.3"]
    found = [(m.text, m.status) for m in plan.actions[0].milestones]
    assert found == [
        ("Agree the panel's terms of reference", "Green"),
        ("First panel meeting held", "Amber"),
    ]


def test_a_colour_key_under_the_rows_is_no_action(tmp_path: Path) -> None:
    """'Blue | Complete' and the other key rows under a tracker's actions were actions
    'Blue', 'Green' ...; they are the key, giving the status scale its words."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Due,BRAG\n"
        "1.1,Recruit three additional EHC coordinators,Sarah Blake,Jan-25,Blue\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Jun-25,Amber\n"
        ",,,,\n"
        "Blue,Complete,,,\n"
        "Green,On track,,,\n"
        "Amber,Some slippage,,,\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert plan.status_scale.words == {
        "Complete": "complete",
        "On track": "on_track",
        "Some slippage": "delayed",
    }


def test_a_risk_register_under_the_actions_on_the_same_sheet(tmp_path: Path) -> None:
    """The risk table under the actions (its header row too) continued the action table:
    actions 'Risk', 'EP vacancies not filled' with 'Mitigation' as their due."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Due,RAG\n"
        "1.1,Recruit three additional EHC coordinators,Sarah Blake,Jan-25,Green\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Jun-25,Amber\n"
        ",,,,\n"
        "Risk,Likelihood,Impact,Mitigation,Risk owner\n"
        "EP vacancies not filled,4,4,Agency cover,Sarah Blake\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [a.ref for a in result.plan.actions] == ["1.1", "1.2"]
    unplaced = [i.text for i in result.report.items if i.kind is ReviewKind.UNPLACED]
    assert unplaced == [
        "Risk | Likelihood | Impact | Mitigation | Risk owner",
        "EP vacancies not filled | 4 | 4 | Agency cover | Sarah Blake",
    ]


def test_findings_a_tracker_names_and_does_not_list_are_made(tmp_path: Path) -> None:
    """A tracker kept apart from the inspection letter names its findings ('AFI 1'); the
    draft had none ('the plan has no findings'), so coverage could not be read at all."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Link to Ofsted finding (AFI 1-6),Lead,Due\n"
        "1.1,Recruit three EHC coordinators,AFI 1,Sarah Blake,Jan-25\n"
        '1.2,Audit every new EHC plan,"AFI 1, AFI 2",Priya Shah,Sep-25\n',
        encoding="utf-8",
    )
    result = import_document(path)
    plan = result.plan
    assert [(f.ref, f.kind.value) for f in plan.findings] == [
        ("AFI-1", "area_for_improvement"),
        ("AFI-2", "area_for_improvement"),
    ]
    assert [[r.ref for r in a.addresses] for a in plan.actions] == [["AFI-1"], ["AFI-1", "AFI-2"]]
    assert sum("add the inspectors' words" in i.message for i in result.report.items) == 2


def test_an_action_table_rating_its_risks_is_still_actions(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Due,Risk rating,Likelihood\n"
        "1.1,Recruit three additional EHC coordinators,Sarah Blake,Jan-25,High,Likely\n"
        "1.2,Introduce a weekly EHC panel,Tom Reid,Jun-25,Low,Unlikely\n",
        encoding="utf-8",
    )
    assert _refs(path) == ["1.1", "1.2"]


def test_a_sheet_per_workstream_named_by_its_tab(tmp_path: Path) -> None:
    """Sheets sharing one header, each named by its workstream and with no title row: the
    workstreams were lost. A default name ('Sheet3') names none."""
    sheets = {
        name: [HEADER, [ref, text, "Sarah Blake", "Mar-25", "Green"]]
        for name, ref, text in (
            ("EHC plans", "1.1", "Recruit three additional EHC coordinators"),
            ("Therapies", "2.1", "Commission extra speech and language therapy"),
            ("Sheet3", "3.1", "Publish the Local Offer"),
        )
    }
    plan = import_document(_book(tmp_path / "tracker.xlsx", sheets)).plan
    titles = {p.ref: p.title for p in plan.priorities}
    assert [(a.ref, titles.get(a.priority or "")) for a in plan.actions] == [
        ("1.1", "EHC plans"),
        ("2.1", "Therapies"),
        ("3.1", None),
    ]
