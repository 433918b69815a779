"""Writing the plan workbook (loaders.workbook.write, .xlsx, .csvdir): lossless round trips
through XLSX and a CSV folder, parties named by label, deterministic bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_cases import (
    CANONICAL,
    CONTRACT,
    FORMATS,
    UPDATE,
    rich_plan,
    round_trip,
)

from graphmodel.errors import UsageError
from graphmodel.model import (
    Plan,
)
from loaders.workbook.csvdir import read_csv_dir, write_csv_dir
from loaders.workbook.fields import FIELDS, SHEETS
from loaders.workbook.write import plan_to_sheets
from loaders.workbook.xlsx import read_xlsx, write_xlsx


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rich_plan_round_trips_exactly(fmt: str, tmp_path: Path) -> None:
    plan = rich_plan()
    result = round_trip(plan, fmt, tmp_path)
    assert [p.code for p in result.problems] == ["date.unparsed", "status.unknown"]
    assert result.plan is not None
    assert result.plan.model_dump(mode="json") == plan.model_dump(mode="json")


def test_the_writer_names_parties_by_label_unless_a_label_is_shared() -> None:
    sheets = dict(plan_to_sheets(rich_plan()))
    actions = {
        row[0]: dict(zip(sheets["Actions"][0], row, strict=True)) for row in sheets["Actions"]
    }
    assert actions["1.1"]["owners"] == (
        "Siân Llŷr; Sam Smith, Wirral Borough Council (accountable); "
        "Wirral Borough Council (involved); "
        "SEND Partnership Board; Bob (involved) (responsible)"
    )
    assert actions["x;y"]["owners"] == "person:sam2; Łukasz Żółć (involved)"
    assert actions["1.10"]["owners"] == "person:x-post"  # a name that looks like a ref
    assert actions["x;y"]["depends_on"] == "1.1; 1.10"
    assert actions["x;y"]["measure_ref"] == "m1; m2"
    assert actions["1.1"]["measure"] == "20-week rate"  # one measure: its text too
    assert actions["1.1a"]["parent_ref"] == "1.1"
    people = {row[-3]: row for row in sheets["People"][1:]}
    assert sheets["People"][0] == ["name", "role", "organisation", "ref", "aliases", "note"]
    assert people["lukasz"][4] == "Luke\\; Ł; C:\\\\L"
    assert people["sian"][:3] == ["Siân Llŷr", "Director", "Wirral Borough Council"]
    plan_sheet = dict(sheets["Plan"][1:])
    assert (
        plan_sheet["status_scale"] == '{"name": "wirral", "words": {"Still to do": "not_started"}}'
    )
    assert plan_sheet["inspection_end"] == (
        '{"text": "Spring 2023", "start": "2023-01-01", "end": "2023-03-17", "precision": "day"}'
    )
    assert [name for name, _ in plan_to_sheets(rich_plan())] == [
        "Plan",
        "Findings",
        "Priorities",
        "Objectives",
        "Actions",
        "Measures",
        "People",
        "Organisations",
        "Boards",
    ]


def test_a_plain_plan_writes_only_the_contract(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {"area": "X", "title": "T", "findings": [{"ref": "F", "kind": "strength", "text": "t"}]}
    )
    write_csv_dir(plan, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Actions.csv",
        "Boards.csv",
        "Findings.csv",
        "People.csv",
        "Plan.csv",
        "Priorities.csv",
    ]
    assert (tmp_path / "Actions.csv").read_bytes() == (
        b"\xef\xbb\xbfref,priority_ref,objective,action,owners,start,due,status,depends_on,"
        b"addresses,measure,baseline,target,parent_ref\r\n"
    )
    assert (tmp_path / "Plan.csv").read_bytes().decode("utf-8-sig") == (
        "key,value\r\narea,X\r\ntitle,T\r\npublished,\r\ninspection_start,\r\n"
        "inspection_end,\r\nstatus_scale,words\r\n"
    )


def test_every_field_column_is_a_sheet_column() -> None:
    for name, (_, spec) in FIELDS.items():
        columns = sum(SHEETS["Actions" if name == "Milestones" else name], ())
        assert {column for _, column, _ in spec} <= set(columns), name


def test_formulas_are_written_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    write_xlsx(rich_plan(), tmp_path / "p.xlsx")
    ws = load_workbook(tmp_path / "p.xlsx")["Findings"]
    cell = ws["C4"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    assert read_xlsx(tmp_path / "p.xlsx").plan_or_raise().findings[2].text == '=HYPERLINK("x")'


def test_csv_to_plan_to_csv_is_byte_identical(tmp_path: Path) -> None:
    plan = read_csv_dir(CONTRACT).plan_or_raise()
    if UPDATE:
        write_csv_dir(plan, CANONICAL)
    canonical = read_csv_dir(CANONICAL)
    assert canonical.problems == []
    assert canonical.plan_or_raise().model_dump(mode="json") == plan.model_dump(mode="json")
    write_csv_dir(canonical.plan_or_raise(), tmp_path / "again")
    for expected in sorted(CANONICAL.iterdir()):
        assert (tmp_path / "again" / expected.name).read_bytes() == expected.read_bytes()
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == sorted(
        p.name for p in CANONICAL.iterdir()
    )


def test_xlsx_output_is_deterministic(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    values = []
    for name in ("a.xlsx", "b.xlsx"):
        write_xlsx(rich_plan(), tmp_path / name)
        book = load_workbook(tmp_path / name)
        values.append([(ws.title, list(ws.values)) for ws in book.worksheets])
    assert values[0] == values[1]


def test_writing_replaces_old_sheet_files_and_keeps_others(tmp_path: Path) -> None:
    write_csv_dir(rich_plan(), tmp_path)
    (tmp_path / "README.txt").write_text("mine")
    (tmp_path / "organisations.csv").write_text("ref,name\n")  # spelt another way
    plain = Plan.model_validate({"area": "X", "title": "T"})
    write_csv_dir(plain, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Actions.csv",
        "Boards.csv",
        "Findings.csv",
        "People.csv",
        "Plan.csv",
        "Priorities.csv",
        "README.txt",
    ]
    assert read_csv_dir(tmp_path).plan_or_raise() == plain


def test_excel_cannot_hold_control_characters(tmp_path: Path) -> None:
    plan = Plan.model_validate({"area": "X", "title": "T\x07"})
    with pytest.raises(UsageError, match=r"sheet Plan, row 3, column value holds .* U\+0007"):
        write_xlsx(plan, tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
    crlf = Plan.model_validate({"area": "X", "title": "a\r\nb"})
    assert round_trip(crlf, "csv", tmp_path).plan_or_raise().title == "a\r\nb"
    assert round_trip(crlf, "xlsx", tmp_path).plan_or_raise().title == "a\nb"  # Excel's LF
