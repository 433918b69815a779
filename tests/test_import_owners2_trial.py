"""Owner cells, the area and title, dates and statuses of imported documents, as councils
write them (second trial of the owners helper)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphmodel.integrity import plan_problems
from graphmodel.model import Basis
from graphmodel.periods import Precision, parse_period
from graphmodel.statuses import Status, scale_named
from loaders.documents import import_document
from loaders.documents.owners import Directory, split_owner_cell

_HEAD = "| Ref | Action | Lead | Due | Status |\n|---|---|---|---|---|\n"


def _markdown(tmp_path: Path, rows: str, before: str = "") -> Path:
    path = tmp_path / "plan.md"
    path.write_text(f"# Kingsmere SEND Improvement Plan\n\n{before}{_HEAD}{rows}", encoding="utf-8")
    return path


# --- owner cells ---------------------------------------------------------------------------


def test_a_post_with_its_short_name_in_brackets_inside_a_persons_brackets(
    tmp_path: Path,
) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Review health advice timeliness | Priya Shah (Designated Clinical Officer "
        "(DCO), NHS Cheshire and Merseyside ICB) | Mar 2025 | Amber |\n",
    )
    plan = import_document(path).plan
    (person,) = plan.people
    assert (person.name, person.post) == ("Priya Shah", "Designated Clinical Officer (DCO)")
    assert [o.name for o in plan.organisations] == ["NHS Cheshire and Merseyside ICB"]
    assert person.organisation == plan.organisations[0].ref


def test_a_bracket_that_is_no_short_name_stays_in_the_post() -> None:
    (part,) = split_owner_cell("Ali Khan (SEND Manager (interim), Kingsmere Council)", Directory())
    assert (part.name, part.post, part.organisation) == (
        "Ali Khan",
        "SEND Manager (interim)",
        "Kingsmere Council",
    )


def test_a_generic_icb_is_the_one_icb_the_document_names(tmp_path: Path) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Reduce therapy waiting times | Chief Nurse, ICB | Mar 2025 | Amber |\n"
        "| 1.2 | Commission the neurodevelopmental pathway | Designated Clinical Officer, "
        "NHS Cheshire and Merseyside ICB | Mar 2025 | Green |\n"
        "| 1.3 | Fund the sensory service | ICB | Mar 2025 | Green |\n",
    )
    result = import_document(path)
    plan = result.plan
    assert [o.name for o in plan.organisations] == ["NHS Cheshire and Merseyside ICB"]
    icb = plan.organisations[0].ref
    assert {p.post: p.organisation for p in plan.people} == {
        "Chief Nurse": icb,
        "Designated Clinical Officer": icb,
    }
    (owner,) = plan.actions[2].owners
    assert owner.basis is Basis.INFERRED and "'ICB' read as" in (owner.reason or "")
    said = [i.message for i in result.report.low_confidence]
    assert any(m.startswith("'ICB' read as 'NHS Cheshire and Merseyside ICB'") for m in said)


def test_a_generic_short_form_stays_as_written_when_two_of_its_kind_are_named(
    tmp_path: Path,
) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Reduce therapy waiting times | Chief Nurse, ICB | Mar 2025 | Amber |\n"
        "| 1.2 | Health advice | DCO, NHS Cheshire and Merseyside ICB | Mar 2025 | Green |\n"
        "| 1.3 | Health advice | DCO, NHS Lancashire and South Cumbria ICB | Mar 2025 | Green |\n",
    )
    plan = import_document(path).plan
    assert len(plan.organisations) == 3  # which ICB "ICB" is, the document does not say


def test_a_council_called_the_la_is_the_one_council_named(tmp_path: Path) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Audit EHC plans | Head of SEND, LA | Mar 2025 | Amber |\n"
        "| 1.2 | Short breaks | Jo Bloggs, Kingsmere Borough Council | Mar 2025 | Green |\n",
    )
    plan = import_document(path).plan
    assert [o.name for o in plan.organisations] == ["Kingsmere Borough Council"]


@pytest.mark.parametrize(
    ("cell", "name", "post"),
    [
        ("Head of Service, Early Help", None, "Head of Service, Early Help"),
        ("Lead, Preparation for Adulthood", None, "Lead, Preparation for Adulthood"),
        ("Head of Inclusion – Sarah Jones", "Sarah Jones", "Head of Inclusion"),
        ("Mark Evans – Head of Joint Commissioning", "Mark Evans", "Head of Joint Commissioning"),
    ],
)
def test_posts_over_a_field_and_names_with_en_dashes(
    cell: str, name: str | None, post: str
) -> None:
    (part,) = split_owner_cell(cell, Directory())
    assert (part.name, part.post, part.organisation) == (name, post, None)


# --- area and title ------------------------------------------------------------------------


def test_the_area_from_an_icb_written_with_an_ampersand(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action ID,Action,Lead officer,Target date,RAG\n"
        "HLT-01,Health advice,DCO – Cheshire & Merseyside ICB,Q3 2024/25,Amber\n",
        encoding="utf-8",
    )
    assert import_document(path).plan.area == "Cheshire & Merseyside"


def test_a_trackers_title_is_its_action_sheets_not_its_dashboards(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    dash = book.active
    dash.title = "Dashboard"
    dash["A1"] = "Northshire SEND Plan - Dashboard"
    dash.append([])
    dash.append(["Workstream", "Actions", "Complete", "% complete"])
    dash.append(["EHCP timeliness", 3, 1, 0.33])
    sheet = book.create_sheet("Actions")
    sheet["A1"] = "Northshire SEND Priority Action Plan 2024-26"
    sheet.append([])
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(["1.1", "Recruit three EHC coordinators", "Head of SEND", "Mar 2025", "Green"])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    plan = import_document(path).plan
    assert plan.title == "Northshire SEND Priority Action Plan 2024-26"
    assert len(plan.actions) == 1


# --- statuses ------------------------------------------------------------------------------


def test_a_status_column_mixing_complete_with_colours_reads_both(tmp_path: Path) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Recruit EHC coordinators | Head of SEND | Mar 2025 | Complete |\n"
        "| 1.2 | Tracker | Head of SEND | Mar 2025 | Green |\n"
        "| 1.3 | Panel | Head of SEND | Mar 2025 | Amber |\n",
    )
    plan = import_document(path).plan
    assert [plan.status_of(a.status) for a in plan.actions] == [
        Status.COMPLETE,
        Status.ON_TRACK,
        Status.AT_RISK,
    ]
    assert not [p for p in plan_problems(plan) if p.code == "status.unknown"]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Mon 02/09/24", date(2024, 9, 2)),  # MS Project's default
        ("Fri 31/01/25", date(2025, 1, 31)),
        ("Monday 2 September 2024", date(2024, 9, 2)),
        ("Fri 13th Sep 24", date(2024, 9, 13)),
        ("Wed, 5 March 2025", date(2025, 3, 5)),
    ],
)
def test_a_day_written_after_its_weekday(text: str, day: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.precision) == (day, day, Precision.DAY)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Mid-March 2025", date(2025, 3, 1), date(2025, 3, 31), Precision.MONTH),
        ("late Sept 24", date(2024, 9, 1), date(2024, 9, 30), Precision.MONTH),
        ("2025/26 Spring term", date(2026, 1, 1), date(2026, 3, 31), Precision.TERM),
        ("2024/25 autumn term", date(2024, 9, 1), date(2024, 12, 31), Precision.TERM),
        ("by the end of the summer term 2025", None, date(2025, 7, 31), Precision.TERM),
        ("end of the 2024/25 academic year", None, date(2025, 8, 31), Precision.ACADEMIC_YEAR),
        (
            "end of the financial year 2024/25",
            None,
            date(2025, 3, 31),
            Precision.FINANCIAL_YEAR,
        ),
    ],
)
def test_a_part_of_a_month_a_term_after_its_year_and_the_end_of_the(
    text: str, start: date | None, end: date, precision: Precision
) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["early 2025", "mid-2025", "2025/27 spring term"])
def test_a_vague_part_of_a_year_stays_undated(text: str) -> None:
    assert not parse_period(text).is_dated


def test_a_weekday_the_day_is_not_leaves_it_undated() -> None:
    assert not parse_period("Fri 02/09/24").is_dated  # 2 September 2024 was a Monday


def test_an_ms_project_export_dates_its_actions(tmp_path: Path) -> None:
    path = tmp_path / "project.csv"
    path.write_text(
        "ID,Task Name,Resource Names,Start,Finish,Status\n"
        "1,Audit EHC plans for quality,Head of SEND,Mon 02/09/24,Fri 13/09/24,Green\n",
        encoding="utf-8",
    )
    result = import_document(path)
    (action,) = result.plan.actions
    assert action.start is not None and action.start.start == date(2024, 9, 2)
    assert action.due is not None and action.due.text == "Fri 13/09/24"
    assert action.due.end == date(2024, 9, 13)
    assert not [i for i in result.report.low_confidence if "not a date" in i.message]


def test_a_post_its_short_name_and_its_name_in_full_are_one_post(tmp_path: Path) -> None:
    path = _markdown(
        tmp_path,
        "| 1.1 | Health advice within 6 weeks | DCO | Mar 2025 | Amber |\n"
        "| 1.2 | Neurodevelopmental pathway | Designated Clinical Officer (DCO), NHS Cheshire "
        "and Merseyside ICB | Mar 2025 | Green |\n"
        "| 1.3 | Therapy waiting times | Designated Clinical Officer | Mar 2025 | Green |\n",
    )
    plan = import_document(path).plan
    (person,) = plan.people
    assert person.post == "Designated Clinical Officer (DCO)"
    assert all(str(a.owners[0].party) == f"person:{person.ref}" for a in plan.actions)


@pytest.mark.parametrize(
    ("cell", "name", "post", "organisation"),
    [
        ("Sarah O'Brien, Head of SEND", "Sarah O'Brien", "Head of SEND", None),
        ("Siobhan O’Neill – Head of Inclusion", "Siobhan O’Neill", "Head of Inclusion", None),
        ("Head of SEND – Sarah O'Brien", "Sarah O'Brien", "Head of SEND", None),
        ("J. Smith, Head of SEND", "J. Smith", "Head of SEND", None),
        (
            "Jo Smith-Jones, DCO, NHS Cheshire and Merseyside ICB",
            "Jo Smith-Jones",
            "DCO",
            "NHS Cheshire and Merseyside ICB",
        ),
        (
            "Ms A. Khan – Headteacher, Oak Tree Academy",
            "Ms A. Khan",
            "Headteacher",
            "Oak Tree Academy",
        ),
    ],
)
def test_names_with_an_apostrophe_a_hyphen_or_an_initial_before_a_post(
    cell: str, name: str, post: str, organisation: str | None
) -> None:
    (part,) = split_owner_cell(cell, Directory())
    assert (part.kind, part.name, part.post, part.organisation) == (
        "person",
        name,
        post,
        organisation,
    )


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("BRAG: Green", Status.ON_TRACK),
        ("RAG rating: Red", Status.DELAYED),
        ("Status: on track", Status.ON_TRACK),
        ("Yet to start", Status.NOT_STARTED),
    ],
)
def test_a_status_after_its_columns_name_and_yet_to_start(cell: str, status: Status) -> None:
    reading = scale_named("rag").read(cell)
    assert reading is not None and reading.value is status


@pytest.mark.parametrize(
    ("title", "area"),
    [
        ("Brighton & Hove Local Area SEND Improvement Plan", "Brighton & Hove"),
        ("Telford & Wrekin SEND Improvement Plan", "Telford & Wrekin"),
        ("St Helens SEND Priority Action Plan", "St Helens"),
        ("Isle of Wight SEND Priority Action Plan", "Isle of Wight"),
    ],
)
def test_the_area_named_with_an_ampersand_a_saint_or_an_isle(
    tmp_path: Path, title: str, area: str
) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        f"# {title}\n\n{_HEAD}| 1.1 | Audit EHC plans | Head of SEND | Mar 2025 | Green |\n",
        encoding="utf-8",
    )
    assert import_document(path).plan.area == area


@pytest.mark.parametrize(
    "cell", ["AD SEND", "AD Education & Inclusion", "AD for SEND and Inclusion"]
)
def test_an_assistant_director_written_ad_is_a_post(cell: str) -> None:
    (part,) = split_owner_cell(cell, Directory())
    assert (part.kind, part.name, part.post) == ("person", None, cell)


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        (
            "SEND Strategic Lead, supported by Parent Carer Forum",
            [("person", None, "SEND Strategic Lead"), ("organisation", "Parent Carer Forum", None)],
        ),
        (
            "Inclusion Manager overseen by the DCS",
            [("person", None, "Inclusion Manager"), ("person", None, "DCS")],
        ),
        (
            "Joint: Head of SEND & DCO",
            [("person", None, "Head of SEND"), ("person", None, "DCO")],
        ),
    ],
)
def test_a_post_before_supported_by_the_post_after_the_and_a_remark_label(
    cell: str, owners: list[tuple[str, str | None, str | None]]
) -> None:
    assert [(p.kind, p.name, p.post) for p in split_owner_cell(cell, Directory())] == owners


@pytest.mark.parametrize(
    ("cell", "owner"),
    [
        ("Kingsmere SENDIASS", ("organisation", "Kingsmere SENDIASS", None)),
        ("Headteachers of special schools", ("person", None, "Headteachers of special schools")),
        (
            "Named Nurse for Looked After Children",
            ("person", None, "Named Nurse for Looked After Children"),
        ),
        ("Speech and Language Therapist", ("person", None, "Speech and Language Therapist")),
    ],
)
def test_a_service_a_post_of_several_and_clinical_posts(
    cell: str, owner: tuple[str, str | None, str | None]
) -> None:
    assert [(p.kind, p.name, p.post) for p in split_owner_cell(cell, Directory())] == [owner]


@pytest.mark.parametrize(
    ("cell", "owner"),
    [
        (
            "Jane Smith; Head of SEND; Kingsmere Council",
            ("Jane Smith", "Head of SEND", "Kingsmere Council"),
        ),
        (
            "Priya Shah\nDesignated Clinical Officer (DCO)\nNHS Cheshire and Merseyside ICB",
            ("Priya Shah", "Designated Clinical Officer", "NHS Cheshire and Merseyside ICB"),
        ),
    ],
)
def test_a_name_a_post_and_an_employer_on_three_lines_are_one_owner(
    cell: str, owner: tuple[str, str, str]
) -> None:
    lines = "; ".join(cell.splitlines())  # as the readers join a cell's lines
    assert [(p.name, p.post, p.organisation) for p in split_owner_cell(lines, Directory())] == [
        owner
    ]


@pytest.mark.parametrize(
    ("cell", "owner"),
    [
        (
            "Mark Evans (Head of Joint Commissioning) – all partners",
            ("Mark Evans", "Head of Joint Commissioning", None),
        ),
        (
            "Mark Evans (Head of Joint Commissioning), Kingsmere Council",
            ("Mark Evans", "Head of Joint Commissioning", "Kingsmere Council"),
        ),
    ],
)
def test_a_person_with_a_post_in_brackets_then_a_remark_or_an_employer(
    cell: str, owner: tuple[str, str, str | None]
) -> None:
    assert [(p.name, p.post, p.organisation) for p in split_owner_cell(cell, Directory())] == [
        owner
    ]


def test_a_us_ms_project_export_is_told_month_first_by_its_weekdays(tmp_path: Path) -> None:
    path = tmp_path / "project.csv"
    path.write_text(  # no day above 12: only the weekdays tell the order
        "ID,Task Name,Resource Names,Start,Finish,Status\n"
        "1,Audit EHC plans for quality,Head of SEND,Mon 09/02/24,Fri 10/04/24,Green\n",
        encoding="utf-8",
    )
    result = import_document(path)
    (action,) = result.plan.actions
    assert action.start is not None and action.start.start == date(2024, 9, 2)
    assert action.due is not None and action.due.end == date(2024, 10, 4)  # not 10 April
    assert any("month first" in i.message for i in result.report.low_confidence)
