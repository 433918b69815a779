"""Defects found by trying the tracker workbook as a lead would (session 3 trials): what the
audit sheets say about date conflicts, milestones and a plan without findings; a text longer
than an Excel cell; sorting, refs typed in new rows, owners typed with commas, statuses typed
as initials, a scale with many closing words (Excel's formula limit); a tracker saved in
another spreadsheet format."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import run_cli
from office import CSV_UTF8, convert
from openpyxl import Workbook, load_workbook

from graphmodel import build_graph
from graphmodel.statuses import Status, StatusScale, scale_named
from loaders import read_plan
from loaders.tracker_rules import closed_formula, status_tones, tone_formulas
from visualise.tracker import tracker_tables

_TRIAL_PLAN = """\
area: Clashton
title: Clashton SEND Written Statement of Action
status_scale: rag
findings:
- {ref: W1, kind: significant_weakness, text: Too few EHC plans are issued within 20 weeks.}
actions:
- ref: '1'
  text: Recruit two EHC coordinators.
  owners: [person:hos]
  start: Sept 2024
  due: Dec 2024
  status: Green
  addresses: [W1]
- ref: '2'
  text: Run a weekly triage panel for EHC needs assessment requests.
  owners: [person:hos]
  start: Oct 2024
  due: Q4 2024/25
  status: Amber
  depends_on: ['1']
  milestones:
  - ref: '1'
    text: Panel terms of reference agreed with the Parent Carer Forum
    due: Feb 2025
    status: Green
people:
- {ref: hos, name: Jane O'Brien, post: Head of SEND}
"""


def _tables(text: str, tmp_path: Path) -> dict[str, object]:
    source = tmp_path / "plan.yaml"
    source.write_text(text, encoding="utf-8")
    plan = read_plan(source).plan_or_raise()
    return {t.name: t for t in tracker_tables(build_graph(plan), as_of=date(2024, 11, 1))}


def test_a_start_conflict_is_stated_as_a_start_not_as_a_due_date(tmp_path: Path) -> None:
    """Action 2 starts (Oct 2024) before its prerequisite 1 is due (Dec 2024); its own due
    (Q4 2024/25) is after it. The sheets said '2 is due 2025-03-31, before its prerequisite
    1 (2024-12-31)', which is false."""
    tables = _tables(_TRIAL_PLAN, tmp_path)
    path_notes = tables["Critical path"].notes  # type: ignore[attr-defined]
    conflict = next(n for n in path_notes if n.startswith("Date conflict"))
    assert conflict == (
        "Date conflict: 2 starts 2024-10-01, before 1 is due (2024-12-31), which must finish first."
    )
    rows = tables["Needs attention"].rows  # type: ignore[attr-defined]
    assert ["date conflict", "2", conflict.removeprefix("Date conflict: ").rstrip(".")] in rows
    assert not any("is due 2025-03-31, before" in str(r) for r in rows)


def test_a_milestone_sharing_an_actions_ref_keeps_its_dates_on_the_critical_path_sheet(
    tmp_path: Path,
) -> None:
    """The critical path keys a milestone whose ref an action also has as 'milestone:1'; its
    row lost its due date and status (looked up as an action called 'milestone:1')."""
    rows = _tables(_TRIAL_PLAN, tmp_path)["Critical path"].rows  # type: ignore[attr-defined]
    milestone = next(r for r in rows if r[1] == "milestone:1")
    assert milestone[2] == "Panel terms of reference agreed with the Parent Carer Forum"
    assert (milestone[5], milestone[9]) == ("Feb 2025", "Green")


def test_a_plan_without_findings_says_so_in_a_sentence(tmp_path: Path) -> None:
    plan = _TRIAL_PLAN.split("findings:")[0] + "actions:" + _TRIAL_PLAN.split("actions:")[1]
    plan = plan.replace("  addresses: [W1]\n", "")
    notes = _tables(plan, tmp_path)["Coverage"].notes  # type: ignore[attr-defined]
    assert notes[0].startswith("No finding to cover. A finding is covered when"), notes[0]
    assert "cover covered" not in notes[0]


def test_a_text_longer_than_an_excel_cell_is_refused_with_its_place(tmp_path: Path) -> None:
    """Excel and LibreOffice keep 32,767 characters of a cell and drop the rest: the
    tracker would read back as another plan, silently."""
    long = "Review every alternative provision placement with the school. " * 600
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN.replace("Recruit two EHC coordinators.", long.strip()))
    out = tmp_path / "plan.xlsx"
    code, text = run_cli("export", str(source), "-o", str(out))
    assert code == 2, text
    assert "sheet Actions, row 2, column action" in text
    assert "37,199 characters, more than the 32,767" in text
    assert "Traceback" not in text and not out.exists()


def test_a_text_that_fits_a_cell_is_written_whole(tmp_path: Path) -> None:
    fits = ("x" * 99 + " ") * 327 + "y" * 67  # 32,767 characters
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN.replace("Recruit two EHC coordinators.", fits))
    out = tmp_path / "plan.xlsx"
    code, text = run_cli("export", str(source), "-o", str(out))
    assert code == 0, text
    assert load_workbook(out)["Actions"]["D2"].value == fits


def test_the_hidden_due_dates_are_inside_the_filter_so_a_sort_moves_them(
    tmp_path: Path,
) -> None:
    """Sorting by the filter moves only the filter's columns: with the hidden due_last_day
    column outside it, each row's date stayed behind, its formula compared another row's due
    text and went blank, and no date was bold red any more after a lead sorted by owner."""
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN)
    out = tmp_path / "plan.xlsx"
    assert run_cli("export", str(source), "-o", str(out))[0] == 0
    ws = load_workbook(out)["Actions"]
    helper = next(c for c in ws[1] if c.value == "due_last_day")
    assert ws.column_dimensions[helper.column_letter].hidden
    assert ws.auto_filter.ref == f"A1:{helper.column_letter}{ws.max_row}"
    assert ws[f"{helper.column_letter}2"].value.startswith("=IF(ISNUMBER(")


def test_the_ref_columns_are_text_so_a_typed_ref_stays_as_typed(tmp_path: Path) -> None:
    """Excel turns a ref typed in a General cell into a number (1.10 -> 1.1) or a date
    (1-2 -> 1 Feb), which the reader can only warn about ('Format the column as Text'): the
    tracker formats its ref columns as Text, the written cells and the column for new rows;
    the other columns keep General, so a due date typed there is still a true date."""
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN)
    out = tmp_path / "plan.xlsx"
    assert run_cli("export", str(source), "-o", str(out))[0] == 0
    book = load_workbook(out)
    for sheet, refs in [
        ("Actions", {"ref", "priority_ref", "depends_on", "addresses", "parent_ref"}),
        ("Findings", {"ref", "parent_ref"}),
    ]:
        ws = book[sheet]
        at = {c.value: c.column_letter for c in ws[1]}
        for column, letter in at.items():
            text = column in refs
            assert (ws.column_dimensions[letter].number_format == "@") is text, column
            if text:
                assert all(ws[f"{letter}{r}"].number_format == "@" for r in range(2, ws.max_row))
    actions = book["Actions"]
    assert actions["A2"].value == "1" and actions["A2"].data_type == "s"
    due = next(c.column_letter for c in actions[1] if c.value == "due")
    assert actions[f"{due}2"].number_format == "General"
    assert read_plan(out).plan_or_raise().actions[1].depends_on == ["1"]


def test_owners_typed_with_commas_or_and_are_the_people_named_not_a_new_one(
    tmp_path: Path,
) -> None:
    """A lead types 'Helen Marsh, David Chen' in the owners cell (not ';'): both are on the
    People sheet, yet the reader made a third person called 'Helen Marsh, David Chen' and
    the two real owners lost the action."""
    people = """\
- {ref: hos, name: Helen Marsh, post: Director of Children's Services, organisation: ecc}
- {ref: dc, name: David Chen, post: 'Head of Service: SEND and Inclusion', organisation: ecc}
organisations:
- {ref: ecc, name: Exampleshire County Council}
- {ref: pcf, name: Exampleshire Parent Carer Forum}
"""
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN.split("people:\n")[0] + "people:\n" + people)
    out = tmp_path / "plan.xlsx"
    code, text = run_cli("export", str(source), "-o", str(out))
    assert code == 0, text
    book = load_workbook(out)
    ws = book["Actions"]
    owners = next(c.column_letter for c in ws[1] if c.value == "owners")
    ws[f"{owners}2"] = "Helen Marsh, David Chen"
    ws[f"{owners}3"] = "Exampleshire Parent Carer Forum & David Chen"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    result = read_plan(edited)
    plan = result.plan_or_raise()
    assert sorted(p.ref for p in plan.people) == ["dc", "hos"]
    first, second = plan.actions
    assert [o.party.ref for o in first.owners] == ["hos", "dc"]
    assert [o.party.ref for o in second.owners] == ["pcf", "dc"]
    split = [p for p in result.problems if p.code == "name.split"]
    assert len(split) == 2 and "separate names with ';'" in split[0].message
    assert not any(p.code == "name.created" for p in result.problems)


def test_a_name_with_its_post_after_a_comma_is_one_person() -> None:
    from loaders.names import ALL, Names

    names = Names()
    names.add_organisation("ecc", "Exampleshire County Council")
    names.add_person("dc", "David Chen", "Head of Service: SEND and Inclusion", [], "ecc")
    names.add_person("ls", "Lee, Sam", None)
    read = names.read_cell("David Chen, Head of Service: SEND and Inclusion; Lee, Sam", ALL)
    assert [(n.value, n.code) for n in read] == [("person:dc", None), ("person:ls", None)]
    unknown = names.read_cell("Ali Khan, SENCO", ALL)  # one new person, as before
    assert [n.code for n in unknown] == ["name.created"]
    names.add_person("js1", "Jane Smith", "Head of SEND", [], "ecc")
    names.add_person("js2", "Jane Smith", "Commissioning Manager", [], "ecc")
    both = names.read_cell("Head of SEND, Commissioning Manager", ALL)
    assert [n.value for n in both] == [None, "person:js1", "person:js2"]
    # 'Jane Smith' names two people: not split into an ambiguity error, read as before
    assert [n.code for n in names.read_cell("Jane Smith, Head of SEND", ALL)] == ["name.created"]


_ROW2 = re.compile(r"\$A2\b")


def _coloured_as_read(scale: StatusScale, cells: list[str], tmp_path: Path) -> None:
    """LibreOffice evaluates the colour rules and the closed test of ``scale`` on ``cells``:
    each cell has the tone of its status as the plan reads it, and is closed as read."""
    rules = [*tone_formulas(scale, "$A2"), ("closed", closed_formula(scale, "$A2"))]
    assert max(len(f) for _, f in rules) < 8_192 - 200  # Excel's limit, with the past-due AND
    book = Workbook()
    ws = book.active
    assert ws is not None
    for r, text in enumerate(cells, start=1):
        ws.append([text, *("=" + _ROW2.sub(f"$A{r}", f) for _, f in rules)])
    book.save(tmp_path / "rules.xlsx")
    (out,) = convert(tmp_path / "rules.xlsx", CSV_UTF8, tmp_path / "csv", tmp_path / "lo")
    with out.open(encoding="utf-8", newline="") as f:
        values = list(csv.reader(f))
    tones = status_tones(scale)
    for text, row in zip(cells, values, strict=True):
        reading = scale.read(text)
        status = reading.value if reading is not None else None
        got = {t for (t, _), v in zip(rules[:-1], row[1:], strict=False) if v == "TRUE"}
        assert got == ({tones[status]} if status is not None else set()), (text, status)
        assert (row[-1] == "TRUE") == (status is not None and not status.is_open), text


@pytest.mark.parametrize("name", ["rag", "brag"])
def test_a_status_typed_as_its_initial_is_coloured_as_it_is_read(name: str, tmp_path: Path) -> None:
    """A lead types G, A, R or B in the status column (off the drop-down, kept): the plan
    reads G as Green, but no colour rule knew the letter, and a B (complete) past its due
    date was still bold red. LibreOffice evaluates the rules against the reader."""
    scale = scale_named(name)
    cells = ["G", "a", "R.", "B", "G - on track", "Gr", "A review is under way", "Green"]
    assert scale.read("G") is not None and scale.read("G").value is Status.ON_TRACK  # type: ignore[union-attr]
    _coloured_as_read(scale, cells, tmp_path)


def test_a_scale_with_many_closing_words_keeps_its_past_due_rule_within_excels_limit(
    tmp_path: Path,
) -> None:
    """A plan's own scale with fourteen words for complete or cancelled made the past-due
    rule's 'not closed' test 8,010 characters, at Excel's limit of 8,192 for a formula
    (a few more words and Excel repairs the file by dropping the rule). A word that only
    extends a shorter one of the same kind (Complete signed off, after Complete) needs no
    test of its own."""
    kinds = ["evidence submitted", "signed off", "embedded", "awaiting evidence", "reviewed"]
    kinds += ["by board", "in place", "with impact"]
    words = {f"Complete {w}": "complete" for w in kinds}
    words |= {"Closed - BAU": "complete", "Transferred to BAU": "complete"}
    words |= {"Business as usual": "complete", "Mainstreamed": "complete"}
    words |= {"No further action": "cancelled", "Merged": "cancelled", "Complete by": "on_track"}
    scale = StatusScale(name="custom", words=words)
    cells = [*words, "Complete signed off – Jan 25", "Complete by March", "Complete by board"]
    cells += ["Complete", "Completed and in place", "Complete by Dec 18", "Merged with 2.3"]
    cells += ["Transferred to BAU team", "In progress", "Not started", "Mainstreamed."]
    _coloured_as_read(scale, cells, tmp_path)


def test_a_plan_note_longer_than_a_cell_goes_on_in_the_rows_under_it(tmp_path: Path) -> None:
    """An importer's draft keeps the lines it did not place in the plan's note: 26,150
    characters for one seed, so a longer document passes a cell's 32,767. Excel and
    LibreOffice cut the rest off; the note now goes on in rows under it keyed (continued),
    between lines, and reads back whole (a line longer than a cell is still refused)."""
    line = "line 12: Ofsted/CQC revisit: the Parent Carer Forum's evidence was not placed. "
    note = "\n".join(f"{line}{i}" for i in range(900))  # 74,000 characters
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN + f"note: {json.dumps(note)}\n")  # JSON text is YAML
    original = read_plan(source).plan_or_raise()
    assert original.note == note
    out = tmp_path / "plan.xlsx"
    code, text = run_cli("export", str(source), "-o", str(out))
    assert code == 0, text
    rows = [[c.value for c in r] for r in load_workbook(out)["Plan"].iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0] == "note")
    assert [r[0] for r in rows[at + 1 :]] == ["(continued)", "(continued)"]
    assert all(len(r[1]) <= 32_767 for r in rows[at:])
    assert read_plan(out).plan_or_raise() == original
    assert read_plan(out).problems == []


def _plan_sheet_problems(tmp_path: Path, *plan_rows: list[object]) -> list[str]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Plan"
    for row in plan_rows:
        ws.append(row)
    actions = book.create_sheet("Actions")
    actions.append(["ref", "action"])
    actions.append(["1", "Recruit two EHC coordinators."])
    book.create_sheet("Findings").append(["ref", "kind", "text"])
    book.save(tmp_path / "plan.xlsx")
    return [p.code for p in read_plan(tmp_path / "plan.xlsx").problems]


def test_a_blank_key_on_the_plan_sheet_is_still_an_error(tmp_path: Path) -> None:
    # a stray cell under the title, or a key a lead deleted, joined the title without a word
    # when a blank key continued the value above; only the writer's "(continued)" does
    area, title = ["area", "Clashton"], ["title", "Plan"]
    assert "plan.unknown_key" in _plan_sheet_problems(tmp_path, area, title, [None, "Draft"])
    assert _plan_sheet_problems(tmp_path, area, title, ["(continued)", "Draft"]) == []
    dated = ["published", date(2024, 9, 1)]  # a date is not continued
    assert "plan.unknown_key" in _plan_sheet_problems(tmp_path, dated, ["(continued)", "x"])


def test_a_tracker_saved_in_another_spreadsheet_format_is_told_how_to_read(
    tmp_path: Path,
) -> None:
    """A lead presses Save in LibreOffice and keeps its own format (.ods), or exports as .xls:
    the message said only that the suffix was unknown, not what to do."""
    for suffix in (".ods", ".xls", ".xlsm"):
        saved = tmp_path / f"plan{suffix}"
        saved.write_bytes(b"PK\x03\x04")
        code, text = run_cli("validate", str(saved))
        assert code == 2 and "save it as an Excel Workbook (.xlsx)" in text, text
    (tmp_path / "plan.docx").write_bytes(b"PK\x03\x04")
    code, text = run_cli("validate", str(tmp_path / "plan.docx"))
    assert code == 2 and "cannot tell the format" in text
    assert "Excel Workbook" not in text  # a document: imported, not saved again


def test_an_export_to_an_unknown_suffix_says_what_can_be_written(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN)
    code, text = run_cli("export", str(source), "-o", str(tmp_path / "plan.xls"))
    assert code == 2, text
    assert "plans are written as .yaml, .yml, .json, .xlsx, .csv, .graphml" in text
    assert "--to" in text and "read from" not in text


def test_exporting_a_tracker_over_itself_keeps_a_leads_own_sheets_or_refuses(
    tmp_path: Path,
) -> None:
    """The month's refresh, 'export tracker.xlsx -o tracker.xlsx', replaced the workbook with
    the plan's sheets alone: a sheet of board notes the lead kept in it was gone, without a
    word (reading it had warned only that the sheet is not read)."""
    source = tmp_path / "plan.yaml"
    source.write_text(_TRIAL_PLAN)
    tracker = tmp_path / "tracker.xlsx"
    assert run_cli("export", str(source), "-o", str(tracker))[0] == 0
    assert run_cli("export", str(tracker), "-o", str(tracker))[0] == 0  # nothing to lose
    book = load_workbook(tracker)
    book.create_sheet("Board notes Jan 2025")["A1"] = "Escalate therapy waits to the HWB"
    book.save(tracker)
    code, text = run_cli("export", str(tracker), "-o", str(tracker))
    assert code == 2, text
    assert "its sheet 'Board notes Jan 2025' is not part of the plan, so would be lost" in text
    assert "Board notes Jan 2025" in load_workbook(tracker).sheetnames  # untouched
    link = tmp_path / "link.xlsx"
    link.symlink_to(tracker)
    assert run_cli("export", str(tracker), "-o", str(link))[0] == 2
    elsewhere = tmp_path / "refreshed.xlsx"  # another file: the original keeps its sheet
    assert run_cli("export", str(tracker), "-o", str(elsewhere))[0] == 0
