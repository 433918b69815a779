"""`actiongraph import`: table shapes, page-break joins, repeated headers, owner cells, the
review report, .docx and .pdf input, the seeds, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graphmodel.errors import UsageError
from loaders.base import read_plan
from loaders.documents import ReviewKind, import_document, report_text
from loaders.documents.owners import Directory, split_owner_cell
from loaders.documents.shapes import Column, header_shape
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "import"
SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (
            "Areas for improvement\tKey objectives\tPlanned development activity\tResponsible"
            "\tTimescale\tWhat success looks like",
            ["finding", "objective", "action", "owner", "due", "measure"],
        ),
        (
            "What outcomes are we aiming for?\tAction Ref.\tActions – what are we doing about"
            " this?\tWhen will this be completed?\tWhich workstream will deliver this?\tWho is"
            " leading on this?\tProgress rating",
            ["objective", "ref", "action", "due", "workstream", "owner", "status"],
        ),
        ("Action Ref.\tAction\tResponsible Lead\tProgress", ["ref", "action", "owner", "status"]),
        (
            "Outcomes (what we intend to achieve)\tRef\tImplementation (Actions - what are we"
            " going to do)\tResource Required\tKey milestones (Action tracker)\tDeadline"
            "\tBRAG + date",
            ["objective", "ref", "action", "resource", "milestone", "due", "status"],
        ),
        (
            "What are we going to do?\tWho will be involved?\tWho will be responsible"
            " /accountable.\tPartnership impact measures\tTimescales\tImprove ment area linked to",
            ["action", "involved", "owner", "measure", "due", "link"],
        ),
    ],
)
def test_each_table_shape_is_recognised(header: str, columns: list[str]) -> None:
    shape = header_shape(header.split("\t"))
    assert shape is not None
    assert [c.value if c else None for c in shape.columns] == columns


def test_rows_that_are_not_action_headers_are_not_shapes() -> None:
    assert header_shape(["Name", "Role", "Organisation"]) is None
    assert header_shape(["Performance Measure", "Current performance", "Target"]) is None


def test_shifted_owner_cells_page_breaks_and_repeated_headers() -> None:
    plan = import_document(DATA / "warrington-shape.txt").plan
    actions = {a.ref: a for a in plan.actions}
    assert list(actions) == ["P1.1", "P1.2", "P1.3", "P1.4"]  # repeated header: no rows
    train = actions["P1.2"]
    # "... process and" + page break + "its paperwork" is one activity
    assert train.text == "Train the team on the new process and its paperwork"
    # "Bob Sample Exampleshire Council | Borough | Jan-24 Target: 100%"
    assert [str(o.party) for o in train.owners] == ["person:bob-sample"]
    assert train.due is not None and train.due.text == "Jan-24"
    # the rest of the shifted cell is the row's own measure; the objective's stays its own
    measures = {m.ref: m.text for m in plan.measures}
    assert [measures[r] for r in train.measures] == ["Target: 100%"]
    assert [measures[r] for r in plan.objectives[0].measures] == ["Backlog cleared"]
    assert actions["P1.3"].due.text == "From Oct-23"  # type: ignore[attr-defined]


def test_merged_finding_and_objective_cells_continue_downwards() -> None:
    plan = import_document(DATA / "warrington-shape.txt").plan
    objectives = {o.ref: o for o in plan.objectives}
    actions = {a.ref: a for a in plan.actions}
    assert [actions[r].objective for r in ("P1.1", "P1.2", "P1.3", "P1.4")] == [
        "P1.O1",
        "P1.O1",
        "P1.O1",
        "P1.O2",
    ]
    assert objectives["P1.O1"].addresses == ["AFI-1"]
    assert objectives["P1.O2"].addresses == ["AFI-2"]


def test_priority_sponsor_lead_and_outcome_from_prose() -> None:
    plan = import_document(DATA / "warrington-shape.txt").plan
    p1 = plan.priorities[0]
    assert (p1.ref, p1.title, p1.sponsor, p1.leads) == (
        "P1",
        "Timely assessments",
        "ann-example",
        ["bob-sample"],
    )
    assert p1.outcome == "Children get timely assessments"
    people = {p.ref: p for p in plan.people}
    assert people["ann-example"].post == "Director of Education"
    boards = {b.ref: b for b in plan.boards}
    assert boards["send-partnership-board"].reports_to == ["health-and-wellbeing-board"]


def test_review_report_lists_what_was_not_placed_and_the_draft_keeps_it() -> None:
    result = import_document(DATA / "warrington-shape.txt")
    unplaced = [(i.line, i.text) for i in result.report.unplaced]
    assert (8, "Some words nobody can place in this plan.") in unplaced
    assert "line 8: Some words nobody can place in this plan." in (result.plan.note or "")
    low = [i for i in result.report.items if i.kind is ReviewKind.LOW_CONFIDENCE]
    assert any("shifted cells" in i.message and i.line == 21 for i in low)
    text = report_text(result.report)
    assert "line 8: Some words nobody can place in this plan." in text


def test_milestone_table_joins_rows_broken_across_a_page() -> None:
    plan = import_document(DATA / "milestone-shape.txt").plan
    actions = {a.ref: a for a in plan.actions}
    first = actions["1.1a"]
    assert [(m.text, m.due.text if m.due else None) for m in first.milestones] == [
        ("Needs assessment agreed", "Nov 2019"),
        ("Commission services to close gaps with procurement secured", "June 2020 to April 2021"),
    ]
    assert first.due is not None and first.due.text == "June 2020 to April 2021"
    assert first.milestones[0].status == "Nov 2019"
    assert first.resource == "ER"
    # no owner column: the workstream's sponsor is accountable
    assert [(str(o.party), o.role.value) for o in first.owners] == [
        ("person:wendi-example", "accountable")
    ]
    assert plan.priorities[0].addresses == ["SW-1"]  # the quotation names the weakness
    assert [str(p) for p in plan.priorities[0].delivery_partners] == [
        "organisation:family-voice-parent-carer-forum-representative",
        "person:sheelagh-example",
    ]


def test_refs_with_en_dashes_and_lettered_sections_link_findings() -> None:
    plan = import_document(DATA / "ref-shape.txt").plan
    actions = {a.ref: a for a in plan.actions}
    assert list(actions) == ["A-1", "A-2", "B-1"]
    assert actions["A-1"].addresses == ["AFI-1"] and actions["B-1"].addresses == ["AFI-2"]
    assert actions["A-1"].note is not None and "A – 1" in actions["A-1"].note
    # the post resolves to the person of the membership table
    assert [str(o.party) for o in actions["A-1"].owners] == ["person:ian-example"]
    people = {p.ref: p for p in plan.people}
    assert people["project-manager-send"].post == "Project Manager (SEND)"
    assert people["project-manager-send"].name is None
    assert actions["A-2"].status == "Not started"


def test_link_column_and_detailed_findings() -> None:
    plan = import_document(DATA / "linked-shape.txt").plan
    assert [(f.ref, f.parent) for f in plan.findings] == [
        ("AFI-1", None),
        ("1.1", "AFI-1"),
        ("1.2", "AFI-1"),
        ("AFI-2", None),
    ]
    first, second = plan.actions
    assert first.addresses == ["1.1"] and second.addresses == ["AFI-2"]
    assert first.text.endswith("Agree an escalation process")  # list continued over a page
    assert [(str(o.party), o.role.value) for o in first.owners] == [
        ("person:jade-example", "responsible"),
        ("organisation:icb-business-intelligence-team", "involved"),
    ]
    people = {p.ref: p for p in plan.people}
    assert people["jade-example"].post == "Director of Operations, System Programmes"


def test_position_statement_delivered_and_still_to_do_bullets() -> None:
    plan = import_document(DATA / "position-shape.txt").plan
    assert [(a.ref, a.text, a.status, a.priority) for a in plan.actions] == [
        ("W1.D1", "Produced a dashboard", "Delivered", "W1"),
        ("W1.D2", "Reported progress", "Delivered", "W1"),
        ("W1.A1", "Set up a forum", "Delivered", "W1"),
        ("W1.T1", "Refresh the needs assessment by December 2023", "Still to do", "W1"),
    ]
    assert [(f.ref, f.kind.value) for f in plan.findings] == [
        ("H-1", "headline_finding"),
        ("H-2", "headline_finding"),
        ("D-1", "detailed_finding"),
    ]
    w1 = plan.priorities[0]
    assert w1.addresses == ["H-1", "H-2"]
    assert w1.outcome == "Timely data informs plans"
    assert "Current Position: Data is improving" in (w1.note or "")
    assert "What difference this has made: Faster reports" in (w1.note or "")
    assert plan.status_of(plan.actions[0].status) is not None


def test_unnamed_columns_are_kept_with_their_sub_header_titles(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "What are we going to do?\tWho will be responsible\tTimescales\tHow will we know\t\n"
        "\t\t\t3 months\t6 months\n"
        "Review plans weekly\tAnn Example\tQ3 2024\tBaseline known\tHalf on time\n",
        encoding="utf-8",
    )
    (action,) = import_document(path).plan.actions
    assert action.text == "Review plans weekly"
    assert action.note == "6 months: Half on time."


# -- owner cells ------------------------------------------------------------------------


@pytest.fixture
def known() -> Directory:
    d = Directory()
    d.add_organisation("Warrington Borough Council")
    d.add_board("SEND Partnership Board")
    d.add_person("Ian Donegani", "Head of Service: SEND and Inclusion", "Cheshire East Council")
    d.add_organisation("Cheshire East Council")
    return d


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Kellie Williams Jeanette Harvey Kat Booth SEND Partnership Board",
            [
                ("person", "Kellie Williams", None, "responsible"),
                ("person", "Jeanette Harvey", None, "responsible"),
                ("person", "Kat Booth", None, "responsible"),
                ("board", "SEND Partnership Board", None, "responsible"),
            ],
        ),
        (
            "Rick Howell / Kellie Williams Warrington Borough Council",
            [
                ("person", "Rick Howell", "Warrington Borough Council", "responsible"),
                ("person", "Kellie Williams", "Warrington Borough Council", "responsible"),
            ],
        ),
        (
            "Content owners Overseen by Kellie Williams",
            [("person", "Kellie Williams", None, "accountable")],
        ),
        (
            "Jade Brooks, Director of Operations & Delivery - System Programmes, HWICB",
            [("person", "Jade Brooks", "HWICB", "responsible")],
        ),
        (
            "Head of Service: SEND and Inclusion, Cheshire East Council",
            [("person", "Ian Donegani", "Cheshire East Council", "responsible")],
        ),
        (
            "Katie Massey Warrington Council Borough",
            [("person", "Katie Massey", "Warrington Borough Council", "responsible")],
        ),
        (
            "Department for Education",
            [("organisation", "Department for Education", None, "responsible")],
        ),
        (
            "Alison Anton Bridgewater Community Healthcare NHS Foundation Trust",
            [
                (
                    "person",
                    "Alison Anton",
                    "Bridgewater Community Healthcare NHS Foundation Trust",
                    "responsible",
                )
            ],
        ),
        (
            "Lucy Hall Group Manager, Charlotte Krivosic Group Manager And Daniela Carson"
            " Director AAD",
            [
                ("person", "Lucy Hall", None, "responsible"),
                ("person", "Charlotte Krivosic", None, "responsible"),
                ("person", "Daniela Carson", None, "responsible"),
            ],
        ),
        (
            "Lana Davidson, Contract Manager NHS Eastern Cheshire CCG and Steve Evans Contract"
            " Manager NHS South Cheshire CCG",
            [
                ("person", "Lana Davidson", "NHS Eastern Cheshire CCG", "responsible"),
                ("person", "Steve Evans", "NHS South Cheshire CCG", "responsible"),
            ],
        ),
        (
            "Maria Hardy, Children and Young People Lead, NHS Herefordshire and Worcestershire",
            [("person", "Maria Hardy", "NHS Herefordshire and Worcestershire", "responsible")],
        ),
    ],
)
def test_owner_cells_of_the_issue(
    known: Directory, cell: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    parts = split_owner_cell(cell, known)
    assert [(p.kind, p.label, p.organisation, p.role.value) for p in parts] == expected


def _seed_owner_cells() -> list[str]:
    from loaders.documents.text import document_lines

    cells = []
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = document_lines(seed.read_text(encoding="utf-8"))
        shape = None
        for line in lines:
            found = header_shape(line.cells) if line.is_tabular else None
            shape = found or shape
            if not line.is_tabular and line.text:
                shape = None  # prose ends a table, as in the importer
            if shape is None or found is not None or not line.is_tabular:
                continue
            at = shape.index(Column.OWNER)
            if at is not None and at < len(line.cells) and line.cells[at]:
                cells.append(line.cells[at])
    return sorted(set(cells))


def test_the_splitter_reads_every_owner_cell_of_the_seeds() -> None:
    """Every owner cell gives at least one owner, and no 'name' runs more than four words
    (names left joined), except posts."""
    cells = _seed_owner_cells()
    assert len(cells) > 50
    bad = []
    for cell in cells:
        if len(cell.split()) > 12:
            continue  # an activity in the owner column of a shifted row: repaired before
        parts = split_owner_cell(cell, Directory())
        if not parts or any(
            p.kind == "person" and p.name and len(p.name.split()) > 4 for p in parts
        ):
            bad.append(cell)
    assert bad == []


# -- documents ----------------------------------------------------------------------------


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Exampleshire SEND Improvement Plan")
    document.add_paragraph("The inspection found these areas for improvement:")
    document.add_paragraph("1. Plans are late.")
    document.add_paragraph("Priority 1: Timely plans")
    table = document.add_table(rows=3, cols=5)
    rows = [
        (
            "Areas for improvement",
            "Key objectives",
            "Planned development activity",
            "Responsible",
            "Timescale",
        ),
        (
            "Plans are late",
            "Clear the backlog",
            "Recruit two caseworkers",
            "Ann Example Exampleshire Borough Council",
            "Dec-23",
        ),
        ("", "", "Train the team", "Bob Sample", "Mar-24"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # a finding merged over two rows
    document.save(str(path))


def test_a_small_docx(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _docx(path)
    plan = import_document(path).plan
    assert [(a.ref, a.text, a.due.text if a.due else None) for a in plan.actions] == [
        ("P1.1", "Recruit two caseworkers", "Dec-23"),
        ("P1.2", "Train the team", "Mar-24"),
    ]
    assert [str(o.party) for o in plan.actions[1].owners] == ["person:bob-sample"]
    assert plan.objectives[0].addresses == ["AFI-1"]


def test_a_small_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    reportlab = pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    assert reportlab
    path = tmp_path / "plan.pdf"
    data = [
        ["Ref", "Action", "Responsible", "Timescale"],
        ["1.1", "Recruit two caseworkers", "Ann Example", "Dec-23"],
        ["1.2", "Train the team", "Bob Sample", "Mar-24"],
    ]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    plan = import_document(path).plan
    assert [(a.ref, a.text, a.due.text if a.due else None) for a in plan.actions] == [
        ("1.1", "Recruit two caseworkers", "Dec-23"),
        ("1.2", "Train the team", "Mar-24"),
    ]


# -- the command ----------------------------------------------------------------------------


def test_cli_writes_a_valid_draft_and_the_report(tmp_path: Path) -> None:
    out, report = tmp_path / "draft.json", tmp_path / "review.json"
    code, output = run_cli(
        "import",
        str(DATA / "warrington-shape.txt"),
        "-o",
        str(out),
        "--report",
        str(report),
        "--format",
        "json",
    )
    assert code == 0, output
    assert read_plan(out).ok
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["actions"] == 4
    assert [(u["line"], u["text"]) for u in data["unplaced"]] == [
        (8, "Some words nobody can place in this plan.")
    ]
    assert any(
        "the area was read as 'Exampleshire'" in d["message"] for d in data["low_confidence"]
    )
    code, output = run_cli("audit", str(out))
    assert code in (0, 1), output


def test_cli_prints_the_text_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from actiongraph.cli import cli

    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(cli, ["import", str(DATA / "ref-shape.txt"), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{DATA / 'ref-shape.txt'}: 3 action(s) from 1 table shape(s)")
    assert result.stderr == f"wrote {out}\n", "what was written is said on standard error"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.toml", b"x = 1", "cannot import .toml"),
        ("garbage.txt", b"\x00\x01\x02binary", "binary file"),
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"  \n\n", "holds no text"),
        ("broken.docx", b"not a zip", "not a readable Word document"),
        ("broken.pdf", b"%PDF-1.4 nonsense", "not a readable PDF"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, output = run_cli("import", str(path), "-o", str(tmp_path / "d.yaml"))
    assert code == 2
    assert output.startswith("Error: ") and message in output
    assert "Traceback" not in output
    with pytest.raises(UsageError):
        import_document(path)


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, output = run_cli("import", str(tmp_path / "none.txt"), "-o", str(tmp_path / "d.yaml"))
    assert code == 2 and "no such file" in output


def test_an_output_in_a_missing_folder_or_of_no_format_is_exit_2(tmp_path: Path) -> None:
    source = str(DATA / "ref-shape.txt")
    code, output = run_cli("import", source, "-o", str(tmp_path / "no" / "d.yaml"))
    assert code == 2 and "no does not exist; create the folder first" in output
    code, output = run_cli("import", source, "-o", str(tmp_path / "d.txt"))
    assert code == 2 and "cannot tell the format from the suffix" in output


# -- the seeds --------------------------------------------------------------------------


def _bench():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "import_accuracy", Path(__file__).parent.parent / "bench" / "import_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEED_EXAMPLES = [
    ("000_926accaf58d7929a.txt", "warrington"),
    ("001_27e090752c88218b.txt", "cheshire-east"),
    ("003_45f3a2df3020185b.txt", "peterborough"),
    ("004_09cbf0796e649456.txt", "worcestershire"),
]


@pytest.mark.parametrize(("seed", "example"), SEED_EXAMPLES)
def test_seed_drafts_recover_the_examples_rows(seed: str, example: str, tmp_path: Path) -> None:
    from loaders.base import load_plan

    shutil.copy(SEEDS / seed, tmp_path / seed)
    draft = import_document(tmp_path / seed).plan
    m = _bench().measure(load_plan(Path("examples") / f"{example}.yaml"), draft)
    assert m["matched"] / m["example"] >= 0.95
    assert m["due"] / m["matched"] >= 0.7
    assert m["owners"] / m["matched"] >= 0.5


def test_a_seed_draft_is_audited(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    code, output = run_cli("import", str(SEEDS / SEED_EXAMPLES[0][0]), "-o", str(out))
    assert code == 0, output
    assert "not placed" in output
    code, output = run_cli("audit", str(out))
    assert code in (0, 1) and "Error" not in output


def test_strength_lists_and_a_numbered_section_heading() -> None:
    """'Many strengths were also identified' introduces strengths (not concerns), a list keeps
    its kind over blank lines, and '2. Next steps' after item 2 is a heading, not a finding."""
    plan = import_document(DATA / "finding-lists.txt").plan
    assert [(f.ref, f.kind.value) for f in plan.findings] == [
        ("S-1", "strength"),
        ("S-2", "strength"),
        ("S-3", "strength"),
        ("S-4", "strength"),
        ("AC-1", "additional_concern"),
        ("AC-2", "additional_concern"),
    ]
    assert all("Next steps" not in f.text for f in plan.findings)


def test_redact_replaces_the_drafts_people_in_the_draft_and_the_report(tmp_path: Path) -> None:
    draft, review = tmp_path / "draft.yaml", tmp_path / "review.txt"
    args = ["import", str(DATA / "warrington-shape.txt"), "-o", str(draft), "--report"]
    code, output = run_cli(*args, str(review), "--redact")
    assert code == 0, output
    plain = import_document(DATA / "warrington-shape.txt").plan
    names = [p.name for p in plain.people if p.name]
    assert "Ann Example" in names
    for text in (draft.read_text(encoding="utf-8"), review.read_text(encoding="utf-8")):
        assert [n for n in names if n in text] == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ICB Chief Nurse", [("Chief Nurse", "ICB")]),
        ("LA Head of Service", [("Head of Service", "LA")]),
        ("NHS Chief Executive", [("Chief Executive", "NHS")]),
        # the employer written before one post is that post's alone
        ("Head of SEND / PCF co-chairs", [("Head of SEND", None), ("co-chairs", "PCF")]),
    ],
)
def test_an_employer_written_before_a_post(
    cell: str, expected: list[tuple[str, str | None]]
) -> None:
    """``ICB Chief Nurse`` was an organisation of that name; it is a post at the ICB."""
    parts = split_owner_cell(cell, Directory())
    assert [(p.kind, p.name, p.post, p.organisation) for p in parts] == [
        ("person", None, post, org) for post, org in expected
    ]


@pytest.mark.parametrize("cell", ["Council SEND team", "Schools Forum", "NHS Southby ICB"])
def test_a_team_or_body_stays_one_organisation(cell: str) -> None:
    (part,) = split_owner_cell(cell, Directory())
    assert (part.kind, part.name) == ("organisation", cell)


def test_no_area_is_made_up_from_a_frequent_word(tmp_path: Path) -> None:
    """A pasted email naming no place: the area was 'Thursday' (the most frequent capitalised
    word); it is the file's name now, which the review asks to check. A council named in the
    cells still gives it."""
    doc = tmp_path / "therapies.txt"
    doc.write_text(
        "Hi all,\n\nAs discussed at Thursday's board, the rows. Thursday suits.\n\n"
        "Ref\tAction\tLead\tBy when\n"
        "5.1\tRecruit two speech and language therapists\tHead of Therapies\tDec 2024\n"
        "5.2\tPublish waiting times\tParticipation Manager\tMarch 2025\n",
        encoding="utf-8",
    )
    result = import_document(doc)
    assert result.plan.area == "therapies"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "Head of Therapies", "Head of SEND, Kingsmere Council"
        ),
        encoding="utf-8",
    )
    assert import_document(doc).plan.area == "Kingsmere"


def test_a_priority_heading_or_an_action_line_opening_a_document_is_no_title(
    tmp_path: Path,
) -> None:
    """Rows pasted from a plan start at a priority: the title was 'Priority 1: Improve ...'
    (and the area 'Improve'); the file's name is the honest fallback, flagged for review."""
    doc = tmp_path / "ehc-rows.txt"
    doc.write_text(
        "Priority 1: Improve the timeliness of EHC plans\n"
        "1.1 Recruit four additional EHC coordinators. Lead: Head of SEND. By: October 2024.\n"
        "1.2 Introduce weekly tracking. Lead: SEND Casework Manager. By: Sept 2024.\n",
        encoding="utf-8",
    )
    plan = import_document(doc).plan
    assert (plan.title, plan.area) == ("ehc-rows", "ehc-rows")
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
