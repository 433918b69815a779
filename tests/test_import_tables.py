"""Tables as project tools and teams export them: a Predecessors column (Smartsheet, MS
Project), summary and group rows over their tasks (Smartsheet, Monday.com), a priority cell
merged down or left blank under its first row, a governance table of boards, RAG colours
under a header that does not say RAG, a version log beside the actions."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from graphmodel.model import Plan
from loaders.documents import import_document


def _csv(path: Path, rows: Sequence[Sequence[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def _xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[str | None]]], merged: Sequence[str] = ()
) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(list(values))
        for cells in merged:
            sheet.merge_cells(cells)
    book.save(str(path))
    return path


def _depends(plan: Plan) -> dict[str, list[str]]:
    return {a.ref: [d.ref for d in a.depends_on] for a in plan.actions}


def _texts(plan: Plan) -> dict[str, str]:
    return {a.ref: a.text for a in plan.actions}


# -- 1. predecessors ---------------------------------------------------------------------


def test_predecessors_without_a_ref_column_name_rows(tmp_path: Path) -> None:
    """Before: the column was read as the refs ('1', '1~2', '2') and nothing depended."""
    path = _csv(
        tmp_path / "smartsheet.csv",
        [
            ("Task Name", "Assigned To", "End Date", "Status", "Predecessors"),
            ("Recruit four EHC coordinators", "Sam Lee", "31/10/24", "Complete", ""),
            ("Implement the case management system", "Jo Bloggs", "31/01/25", "In Progress", "1"),
            ("Train caseworkers on the new system", "Sam Lee", "31/03/25", "Not Started", "2FS"),
            ("Review the system with parents", "Jo Bloggs", "30/06/25", "Not Started", "2SS+1d, 3"),
        ],
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1", "2", "3", "4"]
    assert _depends(plan) == {"1": [], "2": ["1"], "3": ["2"], "4": ["2", "3"]}


def test_predecessors_count_summary_rows_and_refs_name_actions(tmp_path: Path) -> None:
    """Smartsheet numbers every row, its summary rows too: row 3 is the second task."""
    path = _csv(
        tmp_path / "smartsheet.csv",
        [
            ("Task Name", "Assigned To", "End Date", "Status", "Predecessors"),
            ("Priority 1: Improve the timeliness of EHC plans", "", "31/03/25", "In Progress", ""),
            ("Recruit four EHC coordinators", "Sam Lee", "31/10/24", "Complete", ""),
            ("Implement the case management system", "Jo Bloggs", "31/01/25", "In Progress", "2"),
            ("Train caseworkers on the new system", "Sam Lee", "31/03/25", "Not Started", "3FS"),
        ],
    )
    plan = import_document(path).plan
    assert [(p.ref, p.title) for p in plan.priorities] == [
        ("P1", "Improve the timeliness of EHC plans")
    ]
    assert _depends(plan) == {"P1.1": [], "P1.2": ["P1.1"], "P1.3": ["P1.2"]}
    assert all(a.priority == "P1" for a in plan.actions)


def test_predecessors_under_an_id_column_are_refs(tmp_path: Path) -> None:
    """Before: only a note 'Predecessors: T1, T2.'"""
    path = _csv(
        tmp_path / "project.tsv",
        [
            ("ID", "Task", "Owner", "Due", "Predecessors"),
            ("T1", "Agree the SEND sufficiency strategy", "Director of Education", "Dec 2024", ""),
            ("T2", "Secure capital funding", "Head of Place Planning", "Mar 2025", "T1"),
            ("T3", "Open 24 resource base places", "Head of SEND", "Sept 2025", "T1, T2"),
        ],
        delimiter="\t",
    )
    plan = import_document(path).plan
    assert _depends(plan) == {"T1": [], "T2": ["T1"], "T3": ["T1", "T2"]}
    assert not any("Predecessors" in (a.note or "") for a in plan.actions)


def test_dependent_on_another_actions_text(tmp_path: Path) -> None:
    """Monday.com's Dependent On holds the other item's name: before, only a note."""
    path = _csv(
        tmp_path / "monday.csv",
        [
            ("Name", "Person", "Status", "Date", "Dependent On"),
            ("Map post-16 provision", "Dan Hughes", "Done", "2024-11-29", ""),
            ("Launch a job forum", "Dan Hughes", "Done", "2025-04-30", "Map post-16 provision"),
        ],
    )
    plan = import_document(path).plan
    assert _depends(plan) == {"1": [], "2": ["1"]}


# -- 5. summary and group rows -----------------------------------------------------------


def test_group_titles_over_a_repeated_header_are_priorities(tmp_path: Path) -> None:
    """Before: the second group's title was an action, and the groups no priorities."""
    path = _xlsx(
        tmp_path / "monday.xlsx",
        {
            "Programme": [
                ("Preparation for adulthood", None, None, None),
                ("Name", "Person", "Status", "Date"),
                ("Map post-16 provision", "Dan Hughes", "Done", "2024-11-29"),
                ("Launch an employment forum", "Dan Hughes", "Working on it", "2025-04-30"),
                (None, None, None, None),
                ("Co-production", None, None, None),
                ("Name", "Person", "Status", "Date"),
                ("Run termly 'You said, we did' events", "Emma Clarke", "Done", "2025-07-18"),
            ]
        },
    )
    plan = import_document(path).plan
    assert [p.title for p in plan.priorities] == ["Preparation for adulthood", "Co-production"]
    assert [(a.text, a.priority) for a in plan.actions] == [
        ("Map post-16 provision", "P1"),
        ("Launch an employment forum", "P1"),
        ("Run termly 'You said, we did' events", "P2"),
    ]


# -- 6. a priority cell merged down, or blank under its first row -----------------------

PRIORITY_ROWS = [
    ("Priority", "Ref", "Action", "Lead", "Timescale"),
    ("Priority 1: Timely EHC plans", "1a", "Recruit two officers", "Head of SEND", "Nov 2024"),
    ("", "1b", "Introduce a sign-off panel", "Head of SEND", "Jan 2025"),
    ("", "1c", "Relaunch annual reviews", "SEND Casework Manager", "Apr 2025"),
]


def test_a_priority_cell_merged_down_a_workbook(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "plan.xlsx", {"Plan": PRIORITY_ROWS}, ["A2:A4"])
    plan = import_document(path).plan
    assert {a.ref: a.priority for a in plan.actions} == {"1a": "P1", "1b": "P1", "1c": "P1"}


def test_a_priority_cell_blank_under_its_first_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "plan.csv", PRIORITY_ROWS)
    plan = import_document(path).plan
    assert {a.ref: a.priority for a in plan.actions} == {"1a": "P1", "1b": "P1", "1c": "P1"}


# -- 2. a governance table ---------------------------------------------------------------

GOVERNANCE = """# Oakleigh SEND Written Statement of Action

## Governance

| Board | Chair | Frequency | Reports to |
|---|---|---|---|
| SEND Improvement Board | Director of Children's Services | Monthly | Health and Wellbeing Board |
| Health and Wellbeing Board | Cllr Janet Moore | Quarterly | Full Council |
| SEND Health Steering Group | Designated Clinical Officer | Six-weekly | SEND Improvement Board |
| Preparation for Adulthood Group | Head of SEND | Every three weeks | SEND Improvement Board |

## Weakness 1: Health services do not contribute well to EHC plans

| Ref | Action | Owner | Due | Status |
|---|---|---|---|---|
| W1.1 | Appoint a Designated Clinical Officer | Chief Nursing Officer | July 2024 | Complete |
"""


def test_a_governance_table_gives_boards_not_actions(tmp_path: Path) -> None:
    """Before: each board was an action whose text was its chair, owned by 'Monthly'."""
    path = tmp_path / "plan.md"
    path.write_text(GOVERNANCE, encoding="utf-8")
    result = import_document(path)
    plan = result.plan
    assert [a.ref for a in plan.actions] == ["W1.1"]
    assert not any(p.name in ("Monthly", "Quarterly") for p in plan.people)
    boards = {b.name: b for b in plan.boards}
    people = {p.ref: p for p in plan.people}
    sib = boards["SEND Improvement Board"]
    assert sib.reports_to == [boards["Health and Wellbeing Board"].ref]
    assert sib.cadence is not None and sib.cadence.value == "monthly"
    assert sib.chair is not None and people[sib.chair].post == "Director of Children's Services"
    hwb = boards["Health and Wellbeing Board"]
    assert hwb.reports_to == [boards["Full Council"].ref]
    assert hwb.chair is not None and people[hwb.chair].name == "Cllr Janet Moore"
    steering = boards["SEND Health Steering Group"].cadence
    assert steering is not None and steering.value == "six_weekly"
    assert boards["Preparation for Adulthood Group"].cadence is None
    messages = [item.message for item in result.report.items]
    assert any("'Every three weeks' is no cadence" in m for m in messages)


# -- 3. RAG colours under a header that does not say RAG --------------------------------


def test_colours_under_a_status_header_give_a_rag_scale(tmp_path: Path) -> None:
    """Before: the scale was 'words', so every status read as unknown."""
    path = _csv(
        tmp_path / "tracker.csv",
        [
            ("Ref", "Action", "Owner", "Due date", "Status"),
            (
                "AP1",
                "Open a new alternative provision hub",
                "Head of Inclusion",
                "31/01/2025",
                "Amber",
            ),
            ("AP2", "Reduce part-time timetables", "Virtual School Head", "31/03/2025", "Green"),
            ("AP3", "Publish the AP directory", "Virtual School Head", "31/12/2024", "Yellow"),
        ],
    )
    plan = import_document(path).plan
    assert plan.status_scale.name == "rag"
    read = {a.ref: plan.status_scale.read(a.status) for a in plan.actions}
    assert {ref: r.value.value for ref, r in read.items() if r and r.value} == {
        "AP1": "at_risk",
        "AP2": "on_track",
        "AP3": "at_risk",
    }


def test_monday_and_smartsheet_status_words() -> None:
    """Before: Monday.com's labels were unknown words, Smartsheet's Yellow no colour."""
    from graphmodel.statuses import scale_named

    def value(scale: str, word: str) -> str | None:
        reading = scale_named(scale).read(word)
        return reading.value.value if reading and reading.value else None

    assert [value("words", w) for w in ("Working on it", "Stuck", "Done")] == [
        "on_track",
        "at_risk",
        "complete",
    ]
    assert value("rag", "Yellow") == value("rag", "Amber") == "at_risk"


# -- 4. a version log ---------------------------------------------------------------------


def test_a_version_log_is_history_not_actions(tmp_path: Path) -> None:
    """Before: each version was an action, its author the owner."""
    path = _xlsx(
        tmp_path / "plan.xlsx",
        {
            "Version control": [
                ("Version", "Date", "Author", "Changes"),
                ("0.1", "01/08/2024", "Sarah Whitfield", "First draft for the SEND Board"),
                ("0.2", "12/09/2024", "Mark Adeyemi", "Added health actions after comments"),
            ],
            "Actions": [
                ("Ref", "Action", "Owner", "Due"),
                ("8.1", "Publish a SEND sufficiency plan", "Head of SEND", "Mar 2025"),
            ],
        },
    )
    result = import_document(path)
    plan = result.plan
    assert [a.ref for a in plan.actions] == ["8.1"]
    assert {p.name for p in plan.people} == {None}
    assert plan.note is not None and "First draft for the SEND Board" in plan.note
    assert any("version log" in item.message for item in result.report.items)


# -- 9. two dated RAG columns -------------------------------------------------------------


def test_the_latest_of_two_dated_rag_columns_is_the_status(tmp_path: Path) -> None:
    """Before: 'Green; Amber', the older rating first."""
    path = _csv(
        tmp_path / "tracker.csv",
        [
            ("Ref", "Action", "Owner", "Due", "RAG Dec 24", "RAG Sept 24"),
            (
                "8.1",
                "Publish a SEND sufficiency plan",
                "Head of SEND",
                "Mar 2025",
                "Amber",
                "Green",
            ),
            (
                "8.3",
                "Agree a post-16 funding protocol",
                "Head of SEND",
                "Dec 2024",
                "Blue",
                "Amber",
            ),
        ],
    )
    plan = import_document(path).plan
    assert [(a.status, a.note) for a in plan.actions] == [
        ("Amber", "RAG Sept 24: Green."),
        ("Blue", "RAG Sept 24: Amber."),
    ]


# -- 7. a sheet per priority titled by its name -------------------------------------------


def test_sheets_titled_by_their_workstream_are_priorities(tmp_path: Path) -> None:
    """Before: no priorities, and refs '1', '2', '1~2'."""
    header = ("Ref", "Action", "Owner", "Deadline")
    path = _xlsx(
        tmp_path / "plan.xlsx",
        {
            "EHC plans": [
                ("EHC plans", None, None, None),
                (None, None, None, None),
                header,
                ("1", "Clear the backlog of EHC needs assessments", "Head of SEND", "Dec 2024"),
                (
                    "2",
                    "Introduce a health advice tracker",
                    "Designated Clinical Officer",
                    "Nov 2024",
                ),
            ],
            "Therapies": [
                ("Therapies", None, None, None),
                (None, None, None, None),
                header,
                (
                    "1",
                    "Recruit two speech and language therapists",
                    "Head of Therapies",
                    "Jan 2025",
                ),
            ],
        },
    )
    plan = import_document(path).plan
    assert [(p.ref, p.title) for p in plan.priorities] == [("P1", "EHC plans"), ("P2", "Therapies")]
    assert [(a.ref, a.priority) for a in plan.actions] == [
        ("P1.1", "P1"),
        ("P1.2", "P1"),
        ("P2.1", "P2"),
    ]


# -- 10. a Word table whose first merged row is its finding ------------------------------


def test_a_word_tables_merged_first_row_is_its_finding(tmp_path: Path) -> None:
    """Before: the first finding was lost and the second stuck onto an action as 'ref cell:'."""
    import docx

    document = docx.Document()
    document.add_heading("Brackenfield Written Statement of Action", level=1)
    for finding, row in (
        (
            "Too many EHC plans are issued late and are of poor quality.",
            ("1.1", "Recruit three EHC coordinators", "Head of SEND", "Sept 2024"),
        ),
        (
            "Waiting times for speech and language therapy are too long.",
            ("2.1", "Commission extra therapy capacity", "Head of Commissioning", "April 2025"),
        ),
    ):
        table = document.add_table(rows=3, cols=4)
        table.cell(0, 0).merge(table.cell(0, 3))
        table.cell(0, 0).text = finding
        for i, text in enumerate(("Ref", "Action", "Lead officer", "Timescale")):
            table.cell(1, i).text = text
        for i, text in enumerate(row):
            table.cell(2, i).text = text
        document.add_paragraph("")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    texts = {f.ref: f.text for f in plan.findings}
    assert sorted(texts.values()) == [
        "Too many EHC plans are issued late and are of poor quality.",
        "Waiting times for speech and language therapy are too long.",
    ]
    linked = {a.ref: [texts[link.ref] for link in a.addresses] for a in plan.actions}
    assert linked == {
        "1.1": ["Too many EHC plans are issued late and are of poor quality."],
        "2.1": ["Waiting times for speech and language therapy are too long."],
    }
    assert not any("ref cell" in (a.note or "") for a in plan.actions)


# -- 8. a Planner priority rates urgency ----------------------------------------------------

PLANNER = [
    ("Task Name", "Bucket Name", "Priority", "Assigned To", "Created By", "Due date"),
    (
        "Refresh the SEND JSNA",
        "Understanding need",
        "Important",
        "Tom Price",
        "Helen Ward",
        "28/02/2025",
    ),
    (
        "Build a SEND dashboard",
        "Understanding need",
        "Medium",
        "Tom Price",
        "Helen Ward",
        "30/04/2025",
    ),
    ("Agree the board's terms", "Governance", "Urgent", "Helen Ward", "Helen Ward", "30/09/2024"),
]


def test_a_planner_priority_column_is_a_note_and_buckets_are_priorities(tmp_path: Path) -> None:
    """Before: Urgent / Important / Medium became workstreams, buckets notes."""
    result = import_document(_csv(tmp_path / "planner.tsv", PLANNER, delimiter="\t"))
    plan = result.plan
    assert [p.title for p in plan.priorities] == ["Understanding need", "Governance"]
    assert plan.actions[0].note == "Priority: Important. Created By: Helen Ward."
    assert any("rates urgency" in item.message for item in result.report.items)


# -- 11. Created By, supporting officers --------------------------------------------------


def test_created_by_is_no_due_date(tmp_path: Path) -> None:
    """Before: 'Created By' was read as a due date ('by'), with a confusing message."""
    result = import_document(_csv(tmp_path / "planner.tsv", PLANNER, delimiter="\t"))
    assert [str(a.due) for a in result.plan.actions] == ["28/02/2025", "30/04/2025", "30/09/2024"]
    assert any(
        "'Created By' is the tracker's own record" in item.message for item in result.report.items
    )


def test_supporting_officers_are_involved(tmp_path: Path) -> None:
    """Before: the supporting officer was a full (responsible) owner."""
    path = _csv(
        tmp_path / "plan.csv",
        [
            ("Action No", "Action", "Lead Officer", "Supporting officer(s)", "Target Date"),
            ("2.1", "Introduce a waiting well offer", "Dr Priya Nair", "Jo Bennett", "Dec 2024"),
        ],
    )
    plan = import_document(path).plan
    people = {p.ref: p.name for p in plan.people}
    owners = [(people[o.party.ref], o.role.value) for o in plan.actions[0].owners]
    assert owners == [("Dr Priya Nair", "responsible"), ("Jo Bennett", "involved")]


def test_a_tables_first_row_stating_its_finding_in_extracted_text(tmp_path: Path) -> None:
    """The same tables as extracted text (tab-separated), read the older way line by line.
    Before: the first finding was not placed, the second stuck onto 1.1 as 'ref cell:'."""
    from loaders.documents.build import draft_from_text

    text = "\n".join(
        [
            "Brackenfield Written Statement of Action",
            "",
            "Too many EHC plans are issued late and are of poor quality.\t\t\t",
            "Ref\tAction\tLead officer\tTimescale",
            "1.1\tRecruit three EHC coordinators\tHead of SEND\tSept 2024",
            "",
            "Waiting times for speech and language therapy are too long.\t\t\t",
            "Ref\tAction\tLead officer\tTimescale",
            "2.1\tCommission extra therapy capacity\tHead of Commissioning\tApril 2025",
        ]
    )
    plan = draft_from_text(text, "plan.txt").plan
    texts = {f.ref: f.text for f in plan.findings}
    linked = {a.ref: [texts[link.ref] for link in a.addresses] for a in plan.actions}
    assert linked == {
        "1.1": ["Too many EHC plans are issued late and are of poor quality."],
        "2.1": ["Waiting times for speech and language therapy are too long."],
    }
    assert not any("ref cell" in (a.note or "") for a in plan.actions)


def test_a_matrix_of_ticked_finding_columns_links_the_actions(tmp_path: Path) -> None:
    """Columns headed by a finding's ref, ticked where an action addresses it, were kept as
    notes ('AoW1: ✓'): no finding and no link."""
    path = _csv(
        tmp_path / "matrix.csv",
        [
            ("Ref", "Action", "Owner", "Due", "AoW1", "AoW2: Joint commissioning"),
            ("W1", "Create a shared triage", "Head of SEND", "Dec 2024", "✓", "✓"),
            ("W2", "Commission a provider", "Head of Joint Commissioning", "Feb 2025", "", "x"),
            ("W3", "Publish the Local Offer", "Participation Manager", "Mar 2025", "", ""),
        ],
    )
    plan = import_document(path).plan
    assert [(f.ref, f.text) for f in plan.findings] == [
        ("AOW1", "AoW1"),
        ("AOW2", "Joint commissioning"),
    ]
    assert {a.ref: [str(x) for x in a.addresses] for a in plan.actions} == {
        "W1": ["AOW1", "AOW2"],
        "W2": ["AOW2"],
        "W3": [],
    }
    assert all("✓" not in (a.note or "") for a in plan.actions)
