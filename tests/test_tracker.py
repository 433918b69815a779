"""The plan workbook as a tracker (``export --to xlsx``): filters, drop-downs, RAG colours and
past-due dates computed by the spreadsheet, the audit in read-only sheets beside the plan, and
reading back what Excel and LibreOffice write. LibreOffice itself (headless, Debian's
libreoffice-calc) opens the trackers and evaluates the colour rules."""

from __future__ import annotations

import csv
import os
import re
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from office import CSV_UTF8, convert, csv_folder
from openpyxl import Workbook, load_workbook

from graphmodel import Plan, build_graph
from graphmodel.errors import Severity
from graphmodel.statuses import StatusScale, scale_named
from loaders import load_plan, read_plan
from loaders.canonical import dump_yaml
from loaders.tracker import status_words
from loaders.tracker_rules import closed_formula, status_tones, tone_formulas
from loaders.workbook.xlsx import read_xlsx, write_xlsx
from visualise.tracker import tracker_tables

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PLAN_SHEETS = ("Plan", "Findings", "Priorities", "Objectives", "Actions", "Measures", "People")
AUDIT_SHEETS = ("Coverage", "Overload", "Critical path", "Needs attention")


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile for this test session."""
    return tmp_path_factory.mktemp("libreoffice-profile")


def export(plan: Path, out: Path, *args: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    code, text = run_cli("export", str(plan), "-o", str(out), "--as-of", "2025-06-01", *args)
    assert code == 0, text
    return out


def headers(ws: Any) -> dict[str, str]:
    """Header -> column letter of a plan sheet."""
    return {c.value: c.column_letter for c in ws[1] if c.value}


def tracker_parts(path: Path) -> None:
    """What a lead's tracker must have, checked in the file as Excel reads it."""
    book = load_workbook(path)
    for ws in book.worksheets:
        if ws.title in (*AUDIT_SHEETS, "Lists"):
            continue
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.freeze_panes in ("A2", "B2"), ws.title
        assert ws["A1"].font.b
    actions = book["Actions"]
    at = headers(actions)
    lists = {
        re.sub(r"\d.*", "", str(dv.sqref)): dv for dv in actions.data_validations.dataValidation
    }
    for column, name in (("status", "list_status"), ("owners", "list_owner")):
        dv = lists[at[column]]
        assert (dv.type, dv.formula1) == ("list", name)
    assert lists[at["owners"]].showErrorMessage is False  # several owners may be typed
    assert lists[at["status"]].errorStyle == "warning"
    defined = book.defined_names
    assert {"list_status", "list_owner", "list_finding"} <= set(defined)
    assert book["Lists"].sheet_state == "hidden"
    rules = {str(r.formula[0]): r for cf in actions.conditional_formatting for r in cf.rules}
    fills = {r.dxf.fill.fgColor.rgb[-6:] for r in rules.values() if r.dxf.fill is not None}
    assert {"BDD7EE", "C6EFCE", "FFEB9C", "FFC7CE"} <= fills  # blue, green, amber, red
    assert any("TODAY()" in f and r.dxf.font.b for f, r in rules.items())
    assert "Q3 2024" in actions[f"{at['due']}1"].comment.text
    assert actions.column_dimensions[at["due_last_day"]].hidden
    for name in AUDIT_SHEETS:
        ws = book[name]
        assert ws.protection.sheet and "audit of 2025-06-01" in ws["A1"].value


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_exports_to_a_tracker_that_reads_back_byte_identical(
    example: Path, tmp_path: Path
) -> None:
    tracker = export(example, tmp_path / "plan.xlsx")
    result = read_plan(tracker)
    assert not [p for p in result.problems if p.severity is Severity.ERROR]
    assert dump_yaml(result.plan_or_raise()) == example.read_text(encoding="utf-8")
    assert not [p for p in result.problems if p.code == "sheet.unknown"]
    tracker_parts(tracker)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_libreoffice_opens_the_tracker_and_its_csv_reads_back_the_same(
    example: Path, tmp_path: Path, office: Path
) -> None:
    tracker = export(example, tmp_path / f"{example.stem}.xlsx")
    folder = csv_folder(tracker, tmp_path / "lo", office)
    assert {"Actions.csv", "Coverage.csv", "Lists.csv"} <= {p.name for p in folder.iterdir()}
    result = read_plan(folder)
    assert not [p for p in result.problems if p.code == "sheet.unknown"]
    assert dump_yaml(result.plan_or_raise()) == example.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["teaching", "warrington"])
def test_a_tracker_saved_by_libreoffice_reads_back_the_same_and_keeps_its_rules(
    name: str, tmp_path: Path, office: Path
) -> None:
    example = ROOT / "examples" / f"{name}.yaml"
    tracker = export(example, tmp_path / "in" / "plan.xlsx")
    (saved,) = convert(tracker, "xlsx", tmp_path / "out", office)
    assert dump_yaml(load_plan(saved)) == example.read_text(encoding="utf-8")
    book = load_workbook(saved)
    ws = book["Actions"]
    assert ws.auto_filter.ref and len(ws.data_validations.dataValidation) >= 4
    assert sum(len(cf.rules) for cf in ws.conditional_formatting) >= 5
    assert [n for n in book.sheetnames if n in AUDIT_SHEETS] == list(AUDIT_SHEETS)


def test_the_tracker_without_the_audit_and_other_formats_unchanged(tmp_path: Path) -> None:
    teaching = ROOT / "examples" / "teaching.yaml"
    book = load_workbook(export(teaching, tmp_path / "p.xlsx", "--no-audit"))
    assert not set(AUDIT_SHEETS) & set(book.sheetnames)
    code, out = run_cli("export", str(teaching), "-o", str(tmp_path / "p.xlsx"), "--as-of", "06/01")
    assert code == 2 and "YYYY-MM-DD" in out
    yaml_out = export(teaching, tmp_path / "p.yaml")
    assert yaml_out.read_text(encoding="utf-8") == teaching.read_text(encoding="utf-8")


# --- the colour rules, evaluated by LibreOffice --------------------------------------------

STATUS_CELLS = [
    *(
        "Blue",
        "green",
        "AMBER",
        "Red",
        "Grey",
        "Gray",
        "Complete",
        "Completed and in place – Jan 18",
    ),
    *("Complete by Dec 18", "In progress Complete by Aug 18", "On-track", "ON  TRACK", "on_track"),
    *("Not started", "not on track", "Not yet started", "Later this year", "Due Dec-23"),
    *("Completed, Jan 24", "Blue.", "Green/Amber", "Significantly delayed", "On hold", "Paused"),
    *("Amber/Green", "Red - Amber", "Green / Amber.", "Green/Amber Sept 24", "Blue/Green"),
    *("Amber/Red 12/05/2025", "Green/Amber - slipped", "Green, on track"),
    *(
        "Still to do",
        "Cancelled",
        "Withdrawn",
        "risk to implementation",
        "Delivered",
        "",
        "Ongoing",
    ),
    *("Closed: see note", "Overdue", "Pending review", "Started", "Red\nsee note"),
]
SCALES = [
    scale_named("brag"),
    scale_named("bragg"),
    scale_named("rag"),
    scale_named("words"),
    StatusScale(name="wirral", words={"Still to do": "not_started", "Paused": "waiting"}),
]


def _evaluated(rows: list[list[Any]], tmp_path: Path, office: Path) -> list[list[str]]:
    """The values LibreOffice computes for ``rows`` (formulas start with ``=``)."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    book.save(tmp_path / "rules.xlsx")
    (out,) = convert(tmp_path / "rules.xlsx", CSV_UTF8, tmp_path / "csv", office)
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _at_row(formula: str, row: int) -> str:
    return re.sub(r"(\$[A-Z]+)2\b", rf"\g<1>{row}", formula)


@pytest.mark.parametrize("scale", SCALES, ids=[s.name for s in SCALES])
def test_the_colour_rules_colour_every_status_as_the_plan_reads_it(
    scale: StatusScale, tmp_path: Path, office: Path
) -> None:
    rules = tone_formulas(scale, "$A2")
    closed = closed_formula(scale, "$A2")
    rows: list[list[Any]] = [["status", *(t for t, _ in rules), "closed"]]
    for r, text in enumerate(STATUS_CELLS, start=2):
        rows.append([text, *(f"={_at_row(f, r)}" for _, f in rules), f"={_at_row(closed, r)}"])
    values = _evaluated(rows, tmp_path, office)
    tones = status_tones(scale)
    for text, row in zip(STATUS_CELLS, values[1:], strict=True):
        reading = scale.read(text)
        status = reading.value if reading is not None else None
        want = tones[status] if status is not None else None
        got = {t for (t, _), v in zip(rules, row[1:], strict=False) if v == "TRUE"}
        assert got == ({want} if want else set()), (text, status)
        assert (row[-1] == "TRUE") == (status is not None and not status.is_open), text


def test_past_due_dates_are_computed_by_the_spreadsheet(tmp_path: Path, office: Path) -> None:
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "status_scale": "rag",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
            "actions": [
                {"ref": "A1", "text": "past, open", "due": "Jan-20", "status": "Green"},
                {"ref": "A2", "text": "past, complete", "due": "Q1 2020", "status": "Complete"},
                {"ref": "A3", "text": "future", "due": "Dec 2099", "status": "Amber"},
                {"ref": "A4", "text": "past, no status", "due": "Autumn 2019"},
                {"ref": "A5", "text": "no date", "due": "Ongoing", "status": "Red"},
                {"ref": "A6", "text": "edited to a true date", "due": "Dec-99"},
                {"ref": "A7", "text": "edited text", "due": "Jan-20"},
                {
                    "ref": "A8",
                    "text": "by a phrase",
                    "due": "Jan-20",
                    "status": "Complete by Mar 20",
                },
            ],
        }
    )
    write_xlsx(plan, tmp_path / "p.xlsx")
    book = load_workbook(tmp_path / "p.xlsx")
    ws = book["Actions"]
    at = headers(ws)
    (past,) = [
        str(r.formula[0])
        for cf in ws.conditional_formatting
        for r in cf.rules
        if "TODAY()" in str(r.formula[0])
    ]
    ws[f"{at['due']}7"] = datetime(2021, 3, 4)  # a lead types a date: Excel stores a date
    ws[f"{at['due']}8"] = "Feb-20 (moved)"  # a lead edits the text: the helper goes blank
    out = ws.max_column + 1
    for r in range(2, 10):
        ws.cell(row=r, column=out, value=f"={_at_row(past, r)}")
    book.save(tmp_path / "p.xlsx")
    rows = _evaluated_sheet(tmp_path / "p.xlsx", "Actions", tmp_path, office)
    late = {row[0]: row[out - 1] for row in rows[1:9]}
    assert late == {
        "A1": "TRUE",
        "A2": "FALSE",
        "A3": "FALSE",
        "A4": "TRUE",
        "A5": "FALSE",
        "A6": "TRUE",
        "A7": "FALSE",
        "A8": "TRUE",
    }


def _evaluated_sheet(path: Path, sheet: str, tmp_path: Path, office: Path) -> list[list[str]]:
    folder = csv_folder(path, tmp_path / "eval", office)
    with (folder / f"{sheet}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_the_status_drop_down_offers_the_plans_own_scale_words() -> None:
    teaching = load_plan(ROOT / "examples" / "teaching.yaml")
    words = status_words(teaching)
    assert words[:6] == ["Paused", "Blue", "Green", "Amber", "Red", "Grey"]
    warrington = load_plan(ROOT / "examples" / "warrington.yaml")
    assert status_words(warrington) == ["Blue", "Green", "Amber", "Red", "Grey"]
    wirral = load_plan(ROOT / "examples" / "wirral.yaml")
    words = status_words(wirral)
    assert words[:2] == ["Delivered", "Still to do"]  # the plan's own words first
    statuses = [wirral.status_of(w) for w in words]
    assert None not in statuses and len(set(statuses)) == len(statuses) == 7


# --- reading back what Excel and LibreOffice write ------------------------------------------


def test_what_a_lead_types_in_excel_reads_back(tmp_path: Path, office: Path) -> None:
    tracker = export(ROOT / "examples" / "teaching.yaml", tmp_path / "in" / "plan.xlsx")
    book = load_workbook(tracker)
    ws = book["Actions"]
    at = headers(ws)
    ws[f"{at['due']}2"] = datetime(2025, 3, 31)  # a true date cell
    ws[f"{at['status']}3"] = '="Gre"&"en"'  # a formula: its value, once calculated
    findings = book["Findings"]
    findings["C2"], findings["C3"], findings["C4"], findings["C5"] = 1.1, 45, 0.45, 1.1
    findings["C4"].number_format, findings["C5"].number_format = "0%", "0.00"  # as shown
    ws.row_dimensions[5].hidden = True  # hidden rows and columns are read all the same
    ws.column_dimensions[at["owners"]].hidden = True
    book["Findings"].row_dimensions[3].hidden = True
    book.save(tracker)
    (saved,) = convert(tracker, "xlsx", tmp_path / "out", office)  # calculated and saved
    result = read_plan(saved)
    plan = result.plan_or_raise()
    first, second, third = plan.actions[:3]
    assert first.due is not None and (first.due.text, str(first.due.end)) == (
        "2025-03-31",
        "2025-03-31",
    )
    assert second.status == "Green"
    assert [f.text for f in plan.findings[:4]] == ["1.1", "45", "45%", "1.10"]
    assert third.milestones[0].ref == "1.3-m1"  # the hidden row 5
    assert first.owners and plan.findings[1].text
    original = load_plan(ROOT / "examples" / "teaching.yaml")
    assert plan.findings[4:] == original.findings[4:]
    assert [a.owners for a in plan.actions] == [a.owners for a in original.actions]


def test_merged_ref_cells_are_named_and_audit_sheets_ignored(tmp_path: Path) -> None:
    tracker = export(ROOT / "examples" / "teaching.yaml", tmp_path / "plan.xlsx")
    book = load_workbook(tracker)
    book["Actions"].merge_cells("A3:A5")
    book["Coverage"]["A40"] = "anything a lead writes here"
    book.save(tracker)
    result = read_xlsx(tracker)
    merged = [p for p in result.problems if p.code == "cell.merged"]
    assert [(p.severity, p.place.sheet, p.place.row, p.place.cell_column) for p in merged] == [
        (Severity.ERROR, "Actions", 3, "ref")
    ]
    assert merged[0].message.startswith(
        "the cells A3:A5 are merged, so only A3 holds a value and A4:A5 read as blank "
        "(rows 4 to 5 have no ref); unmerge them"
    )
    assert not [p for p in result.problems if p.place.sheet in AUDIT_SHEETS]


# --- the audit sheets --------------------------------------------------------------------

AUDITED = {
    "area": "X",
    "title": "T",
    "status_scale": {"name": "rag"},
    "findings": [
        {"ref": "F1", "kind": "area_for_improvement", "text": "covered"},
        {"ref": "F2", "kind": "area_for_improvement", "text": "partly"},
        {"ref": "F3", "kind": "area_for_improvement", "text": "not at all"},
    ],
    "people": [{"ref": "ann", "name": "Ann"}],
    "measures": [{"ref": "m1", "text": "fewer"}],
    "actions": [
        {
            "ref": "A1",
            "text": "first",
            "owners": ["person:ann"],
            "due": "Jan-24",
            "addresses": ["F1"],
            "measures": ["m1"],
            "status": "Green",
        },
        {
            "ref": "A2",
            "text": "second",
            "due": "Mar-24",
            "addresses": ["F2"],
            "depends_on": ["A1"],
            "measures": ["m1"],
        },
    ],
}


def test_the_audit_sheets_hold_the_audit_on_its_date() -> None:
    graph = build_graph(Plan.model_validate(AUDITED))
    coverage, overload, path, attention = tracker_tables(graph, as_of=date(2024, 2, 1))
    assert coverage.caption == "Coverage of each finding: audit of 2024-02-01"
    assert coverage.header == [
        "ref",
        "finding",
        "status",
        "missing",
        "actions lacking it",
        "actions",
    ]
    assert coverage.rows == [
        ["F1", "covered", "covered", "", "", "A1"],
        ["F2", "partly", "partial", "owner", "owner: A2", "A2"],
        ["F3", "not at all", "uncovered", "no action addresses it", "", ""],
    ]
    assert coverage.tones == ["green", "amber", "red"]
    assert overload.header[:7] == [
        "person",
        "post",
        "organisation",
        "open actions",
        "as responsible",
        "as accountable",
        "as involved",
    ]
    assert overload.rows == [
        ["Ann", "", "", 1, 1, 0, 0, "no", "", "F1", "1 due in 2024-01 to 2024-03", "A1"]
    ]
    assert overload.tones == ["amber"]  # the sole owner of a finding
    assert path.rows == [
        [1, "A1", "first", "Ann", "", "Jan-24", "2024-01-31", "2024-01-31", 0, "Green"],
        [2, "A2", "second", "", "", "Mar-24", "2024-03-31", "2024-03-31", 0, ""],
    ]
    assert path.notes[0] == (
        "The plan finishes 2024-03-31 through 2 dependent actions (rows with a step)."
    )
    assert attention.rows == [
        ["uncovered finding", "F3", "not at all"],
        ["partly covered finding", "F2", "its actions lack an owner: partly"],
        ["past due", "A1", "past due on 2024-02-01; holds up A2"],
        ["sole owner", "Ann", "the only owner of F1"],
        [
            "rule status.overdue_on_track",
            "A1",
            "action A1 is rated 'Green' (on track) but was due Jan-24 (ended 2024-01-31),"
            " before 2024-02-01",
        ],
        ["rule action.owner", "A2", "action A2 has no owner"],
        ["rule measure.baseline", "m1", "measure m1 has no baseline"],
        ["rule measure.target", "m1", "measure m1 has no target"],
    ]
    assert attention.tones[:3] == ["red", "amber", "red"]


# --- the screenshot in the README -----------------------------------------------------------

SHOWN = {"Actions": ("ref", "action", "owners", "due", "status", "depends_on", "addresses")}


def _screenshot(tracker: Path, sheet: str, out: Path, office: Path) -> tuple[Path, str]:
    """``sheet`` of ``tracker`` as LibreOffice prints it, as a PNG (and the page's text):
    one sheet (with the hidden lists its drop-downs use), only the columns of SHOWN, one page
    wide, cropped to what is printed."""
    import subprocess

    book = load_workbook(tracker)
    for ws in list(book.worksheets):
        if ws.title not in (sheet, "Lists"):
            book.remove(ws)
    ws = book[sheet]
    if sheet in SHOWN:
        for cell in ws[1]:
            if cell.value not in SHOWN[sheet]:
                ws.column_dimensions[cell.column_letter].hidden = True
        widths = {
            c.column_letter: int(ws.column_dimensions[c.column_letter].width or 10)
            for c in ws[1]
            if c.value in SHOWN[sheet]
        }
        for r, row in enumerate(ws.iter_rows(min_row=2), start=2):  # fit the columns shown
            lines = [
                len(textwrap.wrap(str(c.value), max(4, int(widths[c.column_letter] * 1.15) - 2)))
                for c in row
                if c.value is not None and c.column_letter in widths
            ]
            ws.row_dimensions[r].height = 15.0 * max([1, *lines])
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(out.with_suffix(".xlsx"))
    (pdf,) = convert(out.with_suffix(".xlsx"), "pdf", out.parent / "pdf", office)
    subprocess.run(
        ["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf), str(out)],
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    png = out.with_suffix(".png")
    from PIL import Image, ImageChops

    with Image.open(png) as image:
        page = image.convert("RGB")
    blank = Image.new("RGB", page.size, "white")
    box = ImageChops.difference(page, blank).getbbox()
    if box is not None:
        left, top, right, bottom = box
        page.crop((max(0, left - 20), max(0, top - 20), right + 20, bottom + 20)).save(png)
    return png, text


def test_a_screenshot_of_the_tracker_opened_in_libreoffice(tmp_path: Path, office: Path) -> None:
    keep = Path(os.environ.get("ACTIONGRAPH_SCREENSHOTS") or tmp_path)
    today = date.today().isoformat()
    shots = [
        ("teaching", "Actions", ("Jan-Mar 25", "Green")),
        ("worcestershire", "Coverage", (f"audit of {today}", "partial", "uncovered")),
    ]
    for example, sheet, words in shots:
        tracker = tmp_path / f"{example}.xlsx"
        plan = ROOT / "examples" / f"{example}.yaml"
        code, out = run_cli("export", str(plan), "-o", str(tracker), "--as-of", today)
        assert code == 0, out
        png, text = _screenshot(tracker, sheet, tmp_path / sheet, office)
        assert png.stat().st_size > 10_000 and all(w in text for w in words), text
        name = f"tracker-{sheet.lower()}-{example}.png"
        (keep / name).write_bytes(png.read_bytes())


def test_text_that_looks_like_a_formula_stays_quoted_text_in_wrapped_rows(tmp_path: Path) -> None:
    long = '=HYPERLINK("http://example.invalid","click")' + " and a long tail of words" * 4
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": long}],
            "actions": [{"ref": "=1+1", "text": long, "addresses": ["F1"], "due": "Jan-24"}],
        }
    )
    write_xlsx(
        plan, tmp_path / "p.xlsx", audit=tracker_tables(build_graph(plan), as_of=date(2024, 2, 1))
    )
    book = load_workbook(tmp_path / "p.xlsx")
    cells = [book["Findings"]["C2"], book["Actions"]["A2"], book["Actions"]["D2"]]
    cells += [c for ws in book.worksheets if ws.title in AUDIT_SHEETS for row in ws for c in row]
    quoted = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(quoted) >= 5
    assert all(c.data_type == "s" and c.quotePrefix for c in quoted), [c.coordinate for c in quoted]
    assert book["Findings"].row_dimensions[2].height > 15
    assert read_xlsx(tmp_path / "p.xlsx").plan_or_raise() == plan
