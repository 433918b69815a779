"""Reading the plan workbook (loaders.workbook.read, .xlsx, .csvdir): the contract as users
fill it in, and every bad input reported at its sheet, row and column, with what to do.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from workbook_cases import (
    CONTRACT,
    DATA,
    FORMATS,
    csv_folder,
    minimal,
    read_minimal,
    round_trip,
    the,
    where,
    xlsx_file,
)

from graphmodel.errors import Severity
from graphmodel.model import (
    Cadence,
    FindingKind,
    OrganisationKind,
    Plan,
)
from graphmodel.periods import Precision
from loaders.workbook.csvdir import read_csv_dir
from loaders.workbook.write import plan_to_sheets
from loaders.workbook.xlsx import read_xlsx

# --- the contract as users fill it in ---------------------------------------------------


def test_the_contract_workbook_resolves_names_as_written() -> None:
    result = read_csv_dir(CONTRACT)
    plan = result.plan_or_raise()
    assert result.errors == []
    # organisations named in People.organisation are created silently (issue 14)
    assert where(result) == [
        ("name.created", "Boards.csv", 2, "reports_to"),
        ("name.split", "Actions.csv", 5, "owners"),
        ("name.created", "Actions.csv", 6, "owners"),
    ]
    owners = {a.ref: [(str(o.party), o.role.value) for o in a.owners] for a in plan.actions}
    assert owners == {
        "1.1": [("person:louise-atkin", "responsible"), ("person:kellie-williams", "accountable")],
        # "post, organisation" names the person who holds the post
        "1.2": [("person:louise-atkin", "responsible")],
        "1.3": [("person:rick-howell", "responsible"), ("person:kellie-williams", "responsible")],
        "2.1": [
            ("organisation:nhs-cheshire-and-merseyside-icb", "responsible"),
            ("organisation:department-for-education", "involved"),
        ],
    }
    assert [(o.ref, o.kind.value) for o in plan.organisations] == [
        ("warrington-borough-council", "local_authority"),
        ("nhs-cheshire-and-merseyside-icb", "icb"),
        ("warrington-parent-carer-forum", "parent_carer_forum"),
        ("department-for-education", "government"),
    ]
    action = plan.actions[0]
    assert [(m.ref, m.text, str(m.due), m.status) for m in action.milestones] == [
        ("1.1a", "Advertise the posts", "Jul-23", "Blue")
    ]
    assert [(o.ref, o.text, o.priority) for o in plan.objectives] == [
        ("P1.o1", "Issue plans on time", "P1"),
        ("P1.o2", "Improve plan quality", "P1"),
    ]
    assert [a.objective for a in plan.actions] == ["P1.o1", "P1.o1", "P1.o2", None]
    assert [a.measures for a in plan.actions] == [["m1"], ["m1"], ["m2"], ["m3"]]
    assert (plan.measures[0].baseline, plan.measures[0].target) == ("38%", "60%")
    assert [f.kind for f in plan.findings][:2] == [
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.DETAILED_FINDING,
    ]
    priority = plan.priorities[0]  # headers "Parent Rep", "Reports To"
    assert (priority.sponsor, priority.leads, priority.parent_reps, priority.reports_to) == (
        "kellie-williams",
        ["louise-atkin", "rick-howell"],
        ["jeanette-harvey"],
        ["send-partnership-board"],
    )
    board = plan.boards[0]
    assert (board.chair, board.reports_to, [str(m) for m in board.members]) == (
        "kellie-williams",
        ["children-s-partnership-board"],
        ["person:louise-atkin", "person:rick-howell", "organisation:warrington-parent-carer-forum"],
    )
    assert plan.status_scale.name == "bragg" and plan.inspection is not None
    assert "so it was added as organisation 'department-for-education' (kind government)" in (
        result.problems[-1].message
    )


def test_the_contract_reads_the_same_from_xlsx(tmp_path: Path) -> None:
    import csv

    sheets = {}
    for file in sorted(CONTRACT.iterdir()):
        with file.open(encoding="utf-8", newline="") as f:
            sheets[file.stem] = list(csv.reader(f))
    from_xlsx = read_xlsx(xlsx_file(tmp_path / "contract.xlsx", sheets))
    from_csv = read_csv_dir(CONTRACT)
    assert from_xlsx.plan_or_raise() == from_csv.plan_or_raise()
    assert [c[1:] for c in where(from_xlsx)] == [
        (s.removesuffix(".csv"), r, c) for _, s, r, c in where(from_csv) if s
    ]


# --- bad inputs: each reported at its place, with what to do ---------------------------------


def test_a_missing_findings_file_is_named(tmp_path: Path) -> None:
    result = read_csv_dir(DATA / "bad" / "csv_missing_findings")
    assert where(result, Severity.ERROR) == [("sheet.missing", "Findings.csv", None, None)]
    assert the(result, "sheet.missing") == (
        "no file Findings.csv; a plan workbook needs the sheets Findings and Actions "
        "(found: Actions.csv)"
    )
    sheets = minimal()
    del sheets["Findings"], sheets["Actions"]
    result = read_xlsx(xlsx_file(tmp_path / "no_findings.xlsx", sheets))
    assert where(result, Severity.ERROR) == [
        ("sheet.missing", "Findings", None, None),
        ("sheet.missing", "Actions", None, None),
    ]
    assert result.problems[0].message == (
        "no sheet Findings; a plan workbook needs the sheets Findings and Actions (found: Plan)"
    )


def test_a_missing_required_column_names_the_headers_found(tmp_path: Path) -> None:
    result = read_minimal(tmp_path, Findings=[["Ref", "Text"], ["AFI-1", "Slow"], ["2", "B"]])
    assert where(result) == [("column.missing", "Findings", 1, "kind")]
    assert the(result, "column.missing") == (
        "sheet Findings has no column 'kind' (headers found: Ref, Text); add it to the header row"
    )


def test_unknown_and_duplicate_columns_are_errors(tmp_path: Path) -> None:
    actions = [["ref", "action", "Owner name", "OWNERS", "owners"], ["1", "Do", "Ann", "", ""]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("column.unknown", "Actions", 1, "Owner name"),
        ("column.duplicate", "Actions", 1, "owners"),
    ]
    message = the(result, "column.unknown")
    assert message.startswith("unknown column 'Owner name' in sheet Actions; the columns are ref,")
    assert message.endswith(
        "resource, note. Rename or remove it; what it holds (a month's update, a comment) "
        "can go in the note column"
    )


def test_cells_beyond_the_header_are_errors_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["ref", "action", None, "due"], [], ["1", "Do", "stray", "Dec-23"]]
    rows += [[None, None], ["2", "Also", None, "Jan-24", None, "x"], ["3", "ok", None, "{Feb"]]
    result = read_minimal(tmp_path, Actions=rows)
    assert where(result, Severity.ERROR) == [
        ("cell.no_header", "Actions", 3, "C"),
        ("cell.no_header", "Actions", 5, "F"),
    ]
    assert result.problems[0].message == (
        "a value in a column without a header; add a header or clear the cell"
    )
    assert result.problems[0].value == "stray"
    assert ("date.unparsed", "Actions", 6, "due") in where(result)  # row numbers kept
    folder = csv_folder(
        tmp_path / "csv",
        {"Findings": "ref,kind,text\n", "Actions": "ref,action\n1,Do,stray\n"},
    )
    assert where(read_csv_dir(folder), Severity.ERROR) == [
        ("cell.no_header", "Actions.csv", 2, "3")
    ]


def test_plan_sheet_keys_are_checked(tmp_path: Path) -> None:
    plan_rows = [["Key", "Value"], ["area", "X"], ["Title", "T"], ["deadline", "Dec-23"]]
    plan_rows += [["title", "again"], ["status scale", "bragg", "extra"]]
    result = read_minimal(tmp_path, Plan=plan_rows)
    assert where(result, Severity.ERROR) == [
        ("plan.unknown_key", "Plan", 4, "key"),
        ("plan.duplicate_key", "Plan", 5, "key"),
        ("cell.no_header", "Plan", 6, "C"),
    ]
    assert the(result, "plan.unknown_key").startswith(
        "unknown key 'deadline' in the Plan sheet; the keys are area, title, published,"
    )
    assert result.plan is not None and result.plan.status_scale.name == "bragg"


def test_a_plan_without_a_plan_sheet_is_named_after_its_file(tmp_path: Path) -> None:
    sheets = minimal()
    del sheets["Plan"]
    result = read_xlsx(xlsx_file(tmp_path / "wirral-wsoa.xlsx", sheets))
    assert (result.plan_or_raise().area, result.plan_or_raise().title) == ("wirral-wsoa",) * 2
    assert where(result) == [("plan.defaulted", "Plan", None, None)]


def test_excel_numbers_in_ref_columns_are_read_as_text_with_a_warning(tmp_path: Path) -> None:
    findings = [["ref", "kind", "text"], [1.1, "strength", "A"], [2, "strength", 3.5]]
    actions = [["ref", "action", "addresses", "resource"], [1.0, "Do", 1.1, 0.45]]
    result = read_minimal(tmp_path, Findings=findings, Actions=actions)
    plan = result.plan_or_raise()
    assert [f.ref for f in plan.findings] == ["1.1", "2"]
    assert plan.findings[1].text == "3.5"  # not a ref column: no warning
    assert (plan.actions[0].ref, plan.actions[0].addresses) == ("1", ["1.1"])
    assert plan.actions[0].resource == "0.45"
    assert where(result) == [
        ("cell.numeric", "Findings", 2, "ref"),
        ("cell.numeric", "Findings", 3, "ref"),
        ("cell.numeric", "Actions", 2, "ref"),
        ("cell.numeric", "Actions", 2, "addresses"),
    ]
    assert result.problems[0].message == (
        "Excel stored 1.1 as a number, so a ref like '1.10' would have become 1.1; read as "
        "'1.1'. Format the column as Text and retype the refs"
    )


def test_excel_dates_are_periods_in_date_columns_and_text_elsewhere(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in minimal().items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    ws = book["Actions"]
    ws.append(["1.2", "Day", None, datetime(2024, 3, 31)])
    ws.append(["1.3", "Month", None, datetime(2023, 12, 1)])
    ws["A1"], ws["D1"] = "ref", "due"
    ws["D4"].number_format = "mmm-yy"
    ws.append([datetime(2024, 1, 1), "A date ref"])
    book.save(tmp_path / "dates.xlsx")
    result = read_xlsx(tmp_path / "dates.xlsx")
    day, month, dated = result.plan_or_raise().actions[1:]
    assert day.due is not None and (day.due.text, day.due.precision) == (
        "2024-03-31",
        Precision.DAY,
    )
    assert month.due is not None and month.due.text == "Dec 2023"
    assert (month.due.precision, month.due.start) == (Precision.MONTH, date(2023, 12, 1))
    assert dated.ref == "2024-01-01"
    assert where(result) == [("cell.date", "Actions", 5, "ref")]


def test_formulas_without_saved_values_and_excel_errors_are_reported(tmp_path: Path) -> None:
    actions = [["ref", "action", "owners"], ["1", "=1+1", "#N/A"], ["2", "fine"]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("cell.excel_error", "Actions", 2, "C"),
        ("cell.formula", "Actions", 2, "B"),
        ("schema.missing", "Actions", 2, "action"),
    ]
    assert "the file was never calculated by Excel" in the(result, "cell.formula")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"ref,kind,text\nAFI-1,strength,A\n", "not a readable Excel workbook (.xlsx): "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old-style .xls"),
        (b"PK\x03\x04" + bytes(40), "not a readable Excel workbook (.xlsx): "),
    ],
)
def test_a_file_that_is_not_a_workbook_is_unreadable(
    content: bytes, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "plan.xlsx").write_bytes(content)
    result = read_xlsx(tmp_path / "plan.xlsx")
    assert result.plan is None
    assert [p.code for p in result.problems] == ["file.unreadable"]
    assert reason in result.problems[0].message
    assert result.problems[0].message.endswith(
        "save it as 'Excel Workbook (.xlsx)'; a CSV plan is a folder of .csv files"
    )


def test_the_text_file_fixture_with_an_xlsx_suffix() -> None:
    result = read_xlsx(DATA / "bad" / "workbook_text.xlsx")
    assert the(result, "file.unreadable") == (
        "not a readable Excel workbook (.xlsx): BadZipFile: File is not a zip file. Open it in "
        "Excel and save it as 'Excel Workbook (.xlsx)'; a CSV plan is a folder of .csv files"
    )


def test_windows_1252_csv_with_a_utf8_bom_is_read_with_a_warning() -> None:
    result = read_csv_dir(DATA / "workbook" / "windows1252")
    plan = result.plan_or_raise()
    assert plan.findings[0].text == "Parents’ views – Siân’s café costs £5"
    assert plan.findings[0].kind is FindingKind.SIGNIFICANT_WEAKNESS
    assert plan.people[0].name == "Renée Dupré"
    assert where(result)[:2] == [
        ("file.encoding", "Actions.csv", None, None),
        ("file.encoding", "Findings.csv", None, None),
    ]
    assert result.problems[1].message == (
        "Findings.csv is not UTF-8; read it as Windows-1252. Save it as 'CSV UTF-8' to be sure "
        "accents and symbols are right"
    )
    assert result.problems[1].file == str(DATA / "workbook" / "windows1252")


def test_a_binary_csv_is_an_error() -> None:
    result = read_csv_dir(DATA / "bad" / "csv_binary")
    assert where(result, Severity.ERROR) == [("file.binary", "Findings.csv", None, None)]
    assert "Findings.csv is not a text file (it holds NUL bytes)" in the(result, "file.binary")


def test_header_only_and_empty_sheets_are_fine(tmp_path: Path) -> None:
    folder = csv_folder(
        tmp_path / "p",
        {"Plan": "area,X\ntitle,T\n", "Findings": "ref,kind,text\n", "People": ""},
    )
    (folder / "Actions.csv").write_text("\ufeffRef,Action,Owners\r\n\r\n", encoding="utf-8")
    result = read_csv_dir(folder)
    assert result.problems == []
    assert result.plan_or_raise().actions == []


def test_a_csv_saved_with_semicolons_is_read_with_a_warning(tmp_path: Path) -> None:
    folder = csv_folder(
        tmp_path / "p",
        {"Findings": "ref;kind;text\nA;strength;Good\n", "Actions": "ref,action\n1,Do\n"},
    )
    result = read_csv_dir(folder)
    assert result.plan_or_raise().findings[0].text == "Good"
    assert where(result)[0] == ("csv.delimiter", "Findings.csv", 1, None)


def test_a_csv_plan_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text("ref,action\n")
    result = read_csv_dir(tmp_path / "plan.csv")
    assert [p.code for p in result.problems] == ["file.not_folder"]


def test_unknown_and_duplicate_sheets(tmp_path: Path) -> None:
    result = read_minimal(tmp_path, Instructions=[["Fill in the sheets"]], Actions_=[["ref"]])
    assert where(result) == [
        ("sheet.unknown", "Instructions", None, None),
        ("sheet.duplicate", "Actions_", None, None),
    ]
    assert the(result, "sheet.unknown") == (
        "sheet 'Instructions' is not part of a plan workbook and is ignored; the sheets are "
        "Plan, Findings, Priorities, Objectives, Actions, Measures, People, Organisations, Boards"
    )


def test_name_problems_are_placed_at_their_cells(tmp_path: Path) -> None:
    people = [["ref", "name", "organisation"], ["s1", "Sam Smith"], ["s2", "Sam Smith"]]
    people += [["ann", "Ann", "Wirral Council"]]
    priorities = [["ref", "title", "sponsor", "lead"], ["P1", "T", "Wirral Council", "Ann; Bo"]]
    priorities += [["P2", "T2", "Ann; Bo", "sam smith / Ann"]]
    actions = [["ref", "action", "owners"], ["1", "Do", "Sam Smith; person:s2 (accountable)"]]
    result = read_minimal(tmp_path, People=people, Priorities=priorities, Actions=actions)
    assert where(result) == [  # Wirral Council, named in People.organisation: no warning
        ("name.kind", "Priorities", 2, "sponsor"),
        ("name.created", "Priorities", 2, "lead"),
        ("cell.several", "Priorities", 3, "sponsor"),
        ("name.split", "Priorities", 3, "lead"),
        ("name.ambiguous", "Priorities", 3, "lead"),
        ("name.ambiguous", "Actions", 2, "owners"),
    ]
    assert the(result, "name.kind") == (
        "'Wirral Council' is organisation 'organisation:wirral-council', but this column takes "
        "a person"
    )
    assert result.problems[-1].message == (
        "'Sam Smith' could be any of 'person:s1', 'person:s2'; write the one you mean as "
        "kind:REF, e.g. 'person:s1'"
    )
    assert "sponsor holds one name, not 2" in the(result, "cell.several")


def test_milestone_rows_are_checked(tmp_path: Path) -> None:
    actions = [["ref", "action", "parent_ref", "owners", "due"], ["1", "Do", None, "Ann", "Dec-23"]]
    actions += [["1a", "Part", "1", "Bob", "Nov-23"], ["9a", "Orphan", "9", None, None]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("milestone.column", "Actions", 3, "owners"),
        ("milestone.parent", "Actions", 4, "parent_ref"),
    ]
    assert the(result, "milestone.parent") == (
        "parent_ref '9' is the ref of no action; a row with a parent_ref is a milestone of the "
        "action with that ref"
    )
    assert result.plan is not None
    assert [m.ref for m in result.plan.actions[0].milestones] == ["1a"]


def test_objectives_and_measures_from_rows(tmp_path: Path) -> None:
    actions = [
        ["ref", "priority_ref", "objective", "action", "measure", "baseline", "target"],
        ["1", "P1", "Faster plans", "A", "Rate", "38%", "60%"],
        ["2", "P1", "faster  PLANS", "B", "rate", None, "60%"],
        ["3", "P2", "Faster plans", "C", "Rate", "40%", None],
        ["4", None, "Loose", "D", None, "1", None],
    ]
    priorities = [["ref", "title"], ["P1", "One"], ["P2", "Two"]]
    result = read_minimal(tmp_path, Actions=actions, Priorities=priorities)
    assert where(result) == [
        ("measure.conflict", "Actions", 4, "measure"),
        ("measure.no_text", "Actions", 5, "measure"),
    ]
    assert the(result, "measure.conflict") == (
        "measure 'm1' has another baseline on another row; make them the same"
    )
    plan = result.plan
    assert plan is not None
    assert [(o.ref, o.priority) for o in plan.objectives] == [
        ("P1.o1", "P1"),
        ("P2.o1", "P2"),
        ("o1", None),
    ]
    assert [a.objective for a in plan.actions] == ["P1.o1", "P1.o1", "P2.o1", "o1"]
    assert [a.measures for a in plan.actions] == [["m1"], ["m1"], ["m1"], []]


def test_refs_given_for_objectives_and_measures(tmp_path: Path) -> None:
    actions = [
        ["ref", "action", "objective_ref", "objective", "measure_ref", "measure", "target"],
        ["1", "A", "OB", "Faster", "M", "Rate", "60%"],
        ["2", "B", "OB", "Slower", "M; N", "Rate", None],
        ["3", "C", "OB", None, "N", None, None],
    ]
    objectives = [["ref", "text"], ["OB", "Faster"]]
    measures = [["ref", "text"], ["N", "Other"]]
    result = read_minimal(tmp_path, Actions=actions, Objectives=objectives, Measures=measures)
    conflict = next(p for p in result.problems if p.code == "objective.conflict")
    assert "to move the action to another objective, change its objective_ref" in conflict.message
    assert where(result) == [
        ("objective.conflict", "Actions", 3, "objective"),
        ("measure.several", "Actions", 3, "measure"),
    ]
    plan = result.plan
    assert plan is not None
    assert [m.ref for m in plan.measures] == ["N", "M"]
    assert [a.measures for a in plan.actions] == [["M"], ["M", "N"], ["N"]]


def test_model_and_integrity_problems_are_placed_at_cells(tmp_path: Path) -> None:
    findings = [["ref", "kind", "text"], ["AFI-1", "Areas for improvement", "A"]]
    findings += [["AFI-2", "weakly", "B"]]
    result = read_minimal(tmp_path, Findings=findings)
    assert where(result) == [("schema.enum", "Findings", 3, "kind")]
    actions = [["ref", "action", "depends_on", "owners"], ["1", "A", "2; 9", "board:nope"]]
    actions += [["2", None, None, None]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result) == [("schema.missing", "Actions", 3, "action")]
    actions[2][1] = "B"
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result) == [
        ("ref.unknown", "Actions", 2, "owners"),
        ("ref.unknown", "Actions", 2, "depends_on"),
    ]
    assert result.problems[0].place.path == "actions[0].owners[0]"


def test_status_scales_and_explicit_periods_in_cells(tmp_path: Path) -> None:
    scale = '{"name": "own", "words": {"Done!": "complete"}}'
    plan_rows = [["area", "X"], ["title", "T"], ["status_scale", scale]]
    plan_rows += [["published", '{"text": "Spring", "end": "2024-03-31"}']]
    result = read_minimal(tmp_path, Plan=plan_rows)
    plan = result.plan_or_raise()
    assert plan.status_scale.words == {"Done!": "complete"}
    assert plan.published is not None and plan.published.end == date(2024, 3, 31)
    result = read_minimal(tmp_path, Plan=[["area", "X"], ["title", "T"], ["status_scale", "{x"]])
    assert where(result, Severity.ERROR) == [("cell.json", "Plan", 3, "value")]
    result = read_minimal(tmp_path, Plan=[["area", "X"], ["title", "T"], ["status_scale", "RAGS"]])
    assert where(result, Severity.ERROR) == [("schema.value_error", "Plan", 3, "value")]


def test_parties_without_refs_get_refs_from_their_names(tmp_path: Path) -> None:
    people = [["name", "role"], ["Ann Example", None], ["Ann Example", "Head"], [None, "Clerk"]]
    organisations = [["name", "kind"], ["Wirral Council", "Local authority"]]
    boards = [["name", "cadence", "reports_to"], ["Exec Board", "Bi-monthly", "top"]]
    boards += [["Top", None, None]]
    result = read_minimal(tmp_path, People=people, Organisations=organisations, Boards=boards)
    plan = result.plan_or_raise()
    assert result.problems == []
    assert [p.ref for p in plan.people] == ["ann-example", "ann-example-2", "clerk"]
    assert plan.organisations[0].kind is OrganisationKind.LOCAL_AUTHORITY
    assert (plan.boards[0].cadence, plan.boards[0].reports_to) == (
        Cadence.BI_MONTHLY,
        ["top"],
    )
    assert plan.boards[1].ref == "top"


def test_a_label_without_letters_round_trips_by_ref(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "people": [{"ref": "!!!", "name": "!!!"}, {"ref": "q", "name": "?"}],
            "actions": [{"ref": "1", "text": "A", "owners": ["person:!!!", "person:q"]}],
        }
    )
    assert dict(plan_to_sheets(plan))["Actions"][1][4] == "!!!; person:q"
    for fmt in FORMATS:
        assert round_trip(plan, fmt, tmp_path).plan_or_raise() == plan


def test_a_duplicate_ref_names_the_row_of_the_first(tmp_path: Path) -> None:
    # "actions[0] already has ref '1.1'" sent a lead looking for a row called actions[0]
    actions = [["ref", "action"], ["1.1", "A"], ["1.2", "B"], ["1.1", "C copied from A"]]
    result = read_minimal(tmp_path, Actions=actions)
    dup = next(p for p in result.problems if p.code == "ref.duplicate")
    assert (dup.place.sheet, dup.place.row) == ("Actions", 4)
    assert dup.message.startswith("actions[0] (sheet Actions, row 2") and "'1.1'" in dup.message
