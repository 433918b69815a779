"""Tracker spreadsheets as teams keep them: cells merged across columns in an ``.xlsx``
(a title across the table, ``Action`` merged over a ref column and a text column, a section
row across the table), and columns actiongraph has no role for, which are kept as the
actions' notes and named in the review -- never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from graphmodel.statuses import Status
from loaders.documents import import_document
from loaders.documents.owners import Directory, split_owner_cell

TITLE = "Area for improvement 1: Waiting times for assessments are too long"


def _xlsx(path: Path, rows: Sequence[Sequence[str | None]], merged: Sequence[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    for values in rows:
        sheet.append(list(values))
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(str(path))


ROWS = [
    (TITLE, None, None, None, None),
    ("Action", None, "Lead officer", "By when", "RAG"),
    ("1.1", "Recruit two more educational psychologists", "Jo Bloggs", "Mar-25", "Green"),
    ("1.2", "Introduce a weekly triage panel for new requests", "Sam Lee", "Jan-25", "Amber"),
    (
        "Area for improvement 2: Parents are not told how long they will wait",
        None,
        None,
        None,
        None,
    ),
    (
        "2.1",
        "Publish waiting times every month on the Local Offer",
        "Jo Bloggs",
        "Dec-24",
        "Complete",
    ),
]


def test_a_header_merged_over_refs_and_texts_in_a_workbook(tmp_path: Path) -> None:
    """Before: read-only openpyxl gave the merged header once, the text column had no
    header, and every action's text was lost (``text: '1.1'``, ref ``1``)."""
    path = tmp_path / "tracker.xlsx"
    _xlsx(path, ROWS, ["A1:E1", "A2:B2", "A5:E5"])
    result = import_document(path)
    plan = result.plan
    assert [(a.ref, a.text, a.due.text if a.due else None, a.status) for a in plan.actions] == [
        ("1.1", "Recruit two more educational psychologists", "Mar-25", "Green"),
        ("1.2", "Introduce a weekly triage panel for new requests", "Jan-25", "Amber"),
        ("2.1", "Publish waiting times every month on the Local Offer", "Dec-24", "Complete"),
    ]
    assert [[str(o.party) for o in a.owners] for a in plan.actions] == [
        ["person:jo-bloggs"],
        ["person:sam-lee"],
        ["person:jo-bloggs"],
    ]
    # the title and the section row across the table are written once: two findings
    assert [f.text for f in plan.findings] == [
        "Waiting times for assessments are too long",
        "Parents are not told how long they will wait",
    ]
    assert [a.addresses for a in plan.actions] == [["AFI-1"], ["AFI-1"], ["AFI-2"]]
    assert any("two columns under one header" in i.message for i in result.report.low_confidence)


def test_a_data_cell_merged_across_columns_is_not_repeated(tmp_path: Path) -> None:
    rows = [
        ("Ref", "Action", "Lead", "Due", "Comments"),
        ("1.1", "Recruit two more educational psychologists", "Jo Bloggs", "Mar-25", "On hold"),
        ("1.2", "Train every coordinator", "Sam Lee", "Jan-25", "Started"),
    ]
    path = tmp_path / "tracker.xlsx"
    _xlsx(
        path, [*rows, ("1.3", "A joint action across the partnership", None, None, None)], ["B4:E4"]
    )
    plan = import_document(path).plan
    last = plan.actions[-1]
    assert (last.ref, last.text, last.owners, last.due) == (
        "1.3",
        "A joint action across the partnership",
        [],
        None,
    )


def test_columns_with_no_known_role_are_kept_as_notes_and_named(tmp_path: Path) -> None:
    """Before: 'Link to framework' and an unnamed column were read, shown in the table's
    shape, and silently dropped."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Due,,Link to framework\n"
        "1.1,Recruit two educational psychologists,Jo Bloggs,Mar-25,see board paper 12,Ofsted 3.2\n"
        "1.2,Introduce a weekly triage panel,Sam Lee,Jan-25,,Ofsted 3.4\n"
        "1.3,Publish waiting times monthly,Jo Bloggs,Dec-24,,\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [a.note for a in result.plan.actions] == [
        "see board paper 12. Link to framework: Ofsted 3.2.",
        "Link to framework: Ofsted 3.4.",
        None,
    ]
    said = [i.message for i in result.report.low_confidence if "kept as notes" in i.message]
    assert len(said) == 2
    assert "unnamed column 5" in said[0] and "'Link to framework'" in said[1]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Designated Clinical Officer (ICB)", (None, "Designated Clinical Officer", "ICB")),
        ("Head of SEND (Council)", (None, "Head of SEND", "Council")),
        ("SEND Manager (LA)", (None, "SEND Manager", "LA")),
        ("SEND Manager (interim)", (None, "SEND Manager (interim)", None)),
        # a person with a post in brackets keeps the rule it had
        ("Jo Bloggs (Head of SEND)", ("Jo Bloggs", "Head of SEND", None)),
        ("Sarah Blake (Director of Children's Services, DCC)", ("Sarah Blake", None, None)),
    ],
)
def test_a_post_with_its_employer_in_brackets_is_a_post(
    cell: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    """Before: 'Designated Clinical Officer (ICB)' was a person of that name whose post was
    'ICB', and 'Head of SEND (Council)' a post with the council inside it."""
    (part,) = split_owner_cell(cell, Directory())
    name, post, organisation = expected
    assert part.kind == "person" and part.name == name
    if post is not None or organisation is not None:
        assert (part.post, part.organisation) == (post, organisation)


def test_a_second_header_row_names_the_columns_under_a_merged_header(tmp_path: Path) -> None:
    """``Timescale`` merged over ``Start | End``: before, the second row was 'not placed' and
    both dates went into the due cell (``Sep-24; Mar-25``)."""
    rows = [
        ("Ref", "Action", "Lead", "Timescale", None, "RAG"),
        (None, None, None, "Start", "End", None),
        ("1.1", "Recruit two more educational psychologists", "Jo Bloggs", "Sep-24", "Mar-25", "G"),
        ("1.2", "Introduce a weekly triage panel", "Sam Lee", "Oct-24", "Jan-25", "A"),
    ]
    book = tmp_path / "tracker.xlsx"
    _xlsx(book, rows, ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2"])
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    table.cell(0, 3).merge(table.cell(0, 4))
    for c in (0, 1, 2, 5):
        table.cell(0, c).merge(table.cell(1, c))
    word = tmp_path / "plan.docx"
    document.save(str(word))
    for path in (book, word):
        result = import_document(path)
        got = [(a.ref, a.start.text if a.start else None, a.due.text if a.due else None)
               for a in result.plan.actions]  # fmt: skip
        assert got == [("1.1", "Sep-24", "Mar-25"), ("1.2", "Oct-24", "Jan-25")], path
        assert not result.report.unplaced, path


def test_an_empty_status_cell_is_read_from_its_colour(tmp_path: Path) -> None:
    from openpyxl.styles import PatternFill

    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG", "Notes"])
    colours = ["00B050", "FFC000", "FF0000", "0070C0", "D9E1F2", None]
    for n, colour in enumerate(colours, start=1):
        sheet.append(
            [f"1.{n}", f"Action number {n} of the plan", "Jo Bloggs", "Mar-25", None, None]
        )
        if colour is not None:
            for column in (5, 6):  # the notes column is coloured too: not a status
                sheet.cell(row=n + 1, column=column).fill = PatternFill("solid", fgColor=colour)
    sheet.cell(row=2, column=5).value = "Complete"  # a word in the cell wins over its colour
    book.save(str(path))
    plan = import_document(path).plan
    assert [a.status for a in plan.actions] == [
        "Complete",
        "Amber (cell colour)",
        "Red (cell colour)",
        "Blue (cell colour)",
        None,  # a pale banding fill is no status
        None,
    ]
    assert [a.note for a in plan.actions] == [None] * 6
    assert plan.status_of(plan.actions[1].status) is Status.AT_RISK


def test_the_area_is_the_title_s_place_not_a_word_of_the_table(tmp_path: Path) -> None:
    """'Kingsmere Priority Action Plan' over a table: the line reading of Word files took
    the most frequent capitalised word of the whole document, 'Action' (the header's)."""
    import docx

    document = docx.Document()
    document.add_heading("Kingsmere Priority Action Plan", 0)
    rows = [
        ("Area for improvement", "Action", "Lead", "Timescale"),
        (
            "The quality of EHC plans is poor",
            "Introduce a quality framework",
            "Jo Bloggs",
            "Mar-25",
        ),
        ("", "Train all coordinators", "Sam Lee", "Jun-25"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert (plan.area, plan.title) == ("Kingsmere", "Kingsmere Priority Action Plan")


def test_a_tracker_opening_with_title_version_date_owner_and_key_rows(tmp_path: Path) -> None:
    """Seven rows above the header (title, version, date, owner, colour key, blank lines):
    before, the header was looked for in the first six rows only, so no action was read and
    every row was 'not placed'; the title was the file's name."""
    rows: list[tuple[str | None, ...]] = [
        ("Kingsmere Local Area Partnership",),
        ("SEND Written Statement of Action - monitoring tracker",),
        ("Version 3.2",),
        ("Updated: 14 November 2024",),
        ("Owner: SEND Improvement Board",),
        (),
        ("Key: Green on track, Amber at risk, Red off track, Blue complete",),
        (),
        ("Ref", "Action", "Lead", "Due", "RAG"),
        *[(f"1.{i}", f"Improvement step {i} for EHC plans", "Jo Bloggs", "Mar-25", "Green")
          for i in range(1, 6)],
    ]  # fmt: skip
    path = tmp_path / "tracker.xlsx"
    _xlsx(path, rows, [])
    result = import_document(path)
    assert [a.ref for a in result.plan.actions] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert (result.plan.area, result.plan.title) == (
        "Kingsmere",
        "Kingsmere Local Area Partnership",
    )
    assert [i.text for i in result.report.unplaced][:1] == [
        "SEND Written Statement of Action - monitoring tracker"
    ]


def test_a_tracker_s_own_headers_action_id_comments_progress_date_added(tmp_path: Path) -> None:
    """Headers as a SharePoint list exports them. Before: 'Action ID' was read as the action
    (text 'WSOA-01; Recruit ...', a made-up ref), 'Date Added' as a second due date
    ('31/03/2025; 01/09/2024') and 'Comments/Progress' as the status ('Green; Interviews
    done')."""
    path = tmp_path / "export.csv"
    path.write_text(
        '"Action ID","Action Description","Action Owner","Target Completion Date",'
        '"Current RAG Status","Comments/Progress","Date Added"\n'
        '"WSOA-01","Recruit two more EPs","Jo Bloggs","31/03/2025","Green",'
        '"Interviews done","01/09/2024"\n'
        '"WSOA-02","Introduce triage","Sam Lee","31/01/2025","Amber","Delayed","01/09/2024"\n',
        encoding="utf-8",
    )
    result = import_document(path)
    got = [
        (a.ref, a.text, a.due.text if a.due else None, a.status, a.note)
        for a in result.plan.actions
    ]
    assert got == [
        ("WSOA-01", "Recruit two more EPs", "31/03/2025", "Green",
         "Update: Interviews done. Date Added: 01/09/2024."),
        ("WSOA-02", "Introduce triage", "31/01/2025", "Amber",
         "Update: Delayed. Date Added: 01/09/2024."),
    ]  # fmt: skip
    assert any("tracker's own record" in i.message for i in result.report.low_confidence)


def test_an_instructions_sheet_before_the_actions_gives_no_title(tmp_path: Path) -> None:
    """A workbook opening with an instructions sheet: its first line is not the plan's
    title, nor the colour key's 'Green' its area; the actions are read from their sheet."""
    path = tmp_path / "multi.xlsx"
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Instructions"
    for line in (
        "How to use this tracker",
        "Update the RAG column monthly before the board meets.",
        "Green: on track; Amber: at risk; Red: off track; Blue: complete",
    ):
        guide.append([line])
    sheet = book.create_sheet("Actions")
    for values in (
        ("Ref", "Action", "Lead", "Due", "RAG"),
        ("1.1", "Recruit two more EPs", "Jo Bloggs", "Mar-25", "Green"),
        ("1.2", "Introduce triage", "Sam Lee", "Jan-25", "Amber"),
    ):
        sheet.append(list(values))
    book.save(str(path))
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert (plan.area, plan.title) == ("multi", "multi")  # the file's name: nothing better


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Head of SEND and Designated Clinical Officer",
            [
                ("person", None, "Head of SEND", None),
                ("person", None, "Designated Clinical Officer", None),
            ],
        ),
        (
            "Head of SEND and Parent Carer Forum",
            [
                ("person", None, "Head of SEND", None),
                ("organisation", "Parent Carer Forum", None, None),
            ],
        ),
        (
            "Jo Bloggs and Kingsmere Council",
            [
                ("person", "Jo Bloggs", None, None),
                ("organisation", "Kingsmere Council", None, None),
            ],
        ),
        ("Sam Lee (ICB)", [("person", "Sam Lee", None, "ICB")]),
        # one post with 'and' in it stays one post
        ("Head of Education and Skills", [("person", None, "Head of Education and Skills", None)]),
        (
            "Head of Service: SEND and Inclusion, Cheshire East Council",
            [("person", None, "Head of Service: SEND and Inclusion", "Cheshire East Council")],
        ),
        ("Chair and Vice Chair of PCF", [("person", None, "Chair and Vice Chair of PCF", None)]),
    ],
)
def test_owners_joined_by_and_and_an_employer_in_brackets(
    cell: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    """Before: two posts joined by 'and' were one post, 'Jo Bloggs and Kingsmere Council'
    a person employed by 'and Kingsmere Council', and 'Sam Lee (ICB)' a person whose post
    was 'ICB'."""
    parts = split_owner_cell(cell, Directory())
    assert [(p.kind, p.name, p.post, p.organisation) for p in parts] == expected


def test_a_status_colour_is_read_under_a_header_far_down_the_sheet(tmp_path: Path) -> None:
    """The status column is the one the interpretation's header names, wherever the header
    is: before, it was looked for in the sheet's first six rows only, so under a tracker's
    title, version, date, owner and key rows no colour was read."""
    from openpyxl.styles import PatternFill

    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for line in ("Kingsmere tracker", "Version 3", "Updated: Nov 2024", "Owner: SEND Board"):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Key: Green on track, Amber at risk"])
    sheet.append([])
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(["1.1", "Recruit two more EPs", "Jo Bloggs", "Mar-25", None])
    sheet.cell(row=9, column=5).fill = PatternFill("solid", fgColor="FFC000")
    book.save(str(path))
    assert [a.status for a in import_document(path).plan.actions] == ["Amber (cell colour)"]


def test_numbering_that_starts_again_on_each_priority_s_sheet(tmp_path: Path) -> None:
    """A sheet per priority, each numbering its actions 1, 2, 3: before, the second sheet's
    were ``1~2``, ``2~2``; now each is qualified by its priority and the written ref kept."""
    book = openpyxl.Workbook()
    sheet = book.active
    for n, title in enumerate(["Timely EHC plans", "Joint commissioning"], start=1):
        sheet = sheet if n == 1 else book.create_sheet()
        sheet.title = f"Priority {n}"
        sheet.append([f"Priority {n}: {title}"])
        sheet.append(["Ref", "Action", "Lead officer", "Due date", "RAG"])
        for i in (1, 2, 3):
            sheet.append([i, f"Action {i} on {title.lower()}", "Head of SEND", "Mar-25", "Green"])
    path = tmp_path / "per-priority.xlsx"
    book.save(str(path))
    plan = import_document(path).plan
    refs = [(a.ref, a.priority) for a in plan.actions]
    assert refs == [(f"P{p}.{i}", f"P{p}") for p in (1, 2) for i in (1, 2, 3)]
    assert plan.actions[3].note == "Ref written '1' in the document."
    assert plan.actions[3].text == "Action 1 on joint commissioning"


def test_refs_unique_across_priorities_are_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    _xlsx(path, ROWS, ["A1:E1", "A2:B2", "A5:E5"])
    assert [a.ref for a in import_document(path).plan.actions] == ["1.1", "1.2", "2.1"]


def test_numbering_that_starts_again_in_each_workstream_s_word_table(tmp_path: Path) -> None:
    """The same in a Word document: a heading and a table per workstream."""
    import docx

    document = docx.Document()
    document.add_heading("Kingsmere SEND Improvement Plan", level=1)
    for n, title in enumerate(["Timely EHC plans", "Preparing for adulthood"], start=1):
        document.add_heading(f"Workstream {n}: {title}", level=2)
        table = document.add_table(rows=3, cols=4)
        for c, text in enumerate(["Ref", "Action", "Lead", "Deadline"]):
            table.cell(0, c).text = text
        for i in (1, 2):
            row = [str(i), f"Action {i} on {title.lower()}", "Head of SEND", "Mar-25"]
            for c, text in enumerate(row):
                table.cell(i, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert [(a.ref, a.priority) for a in plan.actions] == [
        ("W1.1", "W1"),
        ("W1.2", "W1"),
        ("W2.1", "W2"),
        ("W2.2", "W2"),
    ]


def test_a_status_cell_coloured_from_the_theme_or_the_old_palette(tmp_path: Path) -> None:
    """'Green, Accent 6' and 'Gold, Accent 4' are theme colours (an index into the
    workbook's theme, and a tint), not RGB: before, only RGB fills were read. The theme is
    the workbook's own: openpyxl writes the 2007 Office theme, whose accent 6 is orange and
    accent 3 green. Old workbooks use the indexed palette (17 is green, 10 red)."""
    from openpyxl.styles import Color, PatternFill

    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    colours = [
        Color(theme=6),  # accent 3 of the 2007 theme: 9BBB59, green
        Color(theme=9),  # accent 6: F79646, orange -> amber
        Color(theme=5, tint=-0.25),  # accent 2 darker: C0504D -> red
        Color(theme=6, tint=0.8),  # accent 3, lighter 80%: a pale band, no status
        Color(indexed=17),  # 008000
        Color(indexed=10),  # FF0000
        Color(theme=0),  # background 1: white
    ]
    for n, colour in enumerate(colours, start=1):
        sheet.append([f"1.{n}", f"Action number {n} of the plan", "Jo Bloggs", "Mar-25", None])
        sheet.cell(row=n + 1, column=5).fill = PatternFill("solid", fgColor=colour)
    book.save(str(path))
    plan = import_document(path).plan
    assert [a.status for a in plan.actions] == [
        "Green (cell colour)",
        "Amber (cell colour)",
        "Red (cell colour)",
        None,
        "Green (cell colour)",
        "Red (cell colour)",
        None,
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Lead: Sam Lee; Support: Parent Carer Forum",
            [
                ("person", "Sam Lee", None, "responsible"),
                ("organisation", "Parent Carer Forum", None, "involved"),
            ],
        ),
        (
            "Lead - Jo Bloggs / Partners: ICB / CAMHS",  # a role holds until the next one
            [
                ("person", "Jo Bloggs", None, "responsible"),
                ("organisation", "ICB", None, "involved"),
                ("organisation", "CAMHS", None, "involved"),
            ],
        ),
        (
            "Sponsor: Director of Children's Services; Lead: Head of SEND",
            [
                ("person", None, "Director of Children's Services", "accountable"),
                ("person", None, "Head of SEND", "responsible"),
            ],
        ),
        (
            "Lead Commissioner: Amy Pond",
            [("person", "Amy Pond", "Lead Commissioner", "responsible")],
        ),
        (  # a post with a colon in it is still one post
            "Head of Service: SEND and Inclusion",
            [("person", None, "Head of Service: SEND and Inclusion", "responsible")],
        ),
    ],
)
def test_roles_and_posts_written_in_an_owner_cell(
    cell: str, expected: list[tuple[str, str | None, str | None, str]]
) -> None:
    """Before: 'Lead: Sam Lee' was a person whose post was 'Lead: Sam Lee', and 'Support:
    PCF' an organisation called 'Support: PCF', responsible like the lead."""
    parts = split_owner_cell(cell, Directory())
    assert [(p.kind, p.name, p.post, p.role.value) for p in parts] == expected


def test_a_tracker_with_initials_for_status_and_roles_in_the_owner_cell(tmp_path: Path) -> None:
    rows = [
        ("Ref", "Action", "Lead officer", "Target date", "RAG"),
        (
            "1a",
            "Introduce a multi-agency audit of plans",
            "Lead: Sam Lee; Support: ICB",
            "Mar-25",
            "G",
        ),
        ("1b", "Train case officers in writing outcomes", "Jo Bloggs", "Q4 2024/25", "A"),
    ]
    path = tmp_path / "tracker.xlsx"
    _xlsx(path, rows, [])
    plan = import_document(path).plan
    assert [plan.status_of(a.status) for a in plan.actions] == [Status.ON_TRACK, Status.AT_RISK]
    owners = [(o.party.ref, o.role.value) for o in plan.actions[0].owners]
    assert owners == [("sam-lee", "responsible"), ("icb", "involved")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (  # was a person 'Eastshire Parent' of a 'Carer Forum', and 'SEND Quality' post 'Lead'
            "Eastshire Parent Carer Forum / SEND Quality Lead",
            [
                ("organisation", "Eastshire Parent Carer Forum", None),
                ("person", None, "SEND Quality Lead"),
            ],
        ),
        ("SEND Service Manager", [("person", None, "SEND Service Manager")]),  # was a provider
        (  # several organisations run together, as extraction leaves them
            "WCF AP Schools Special Schools Mainstream Schools",
            [
                ("organisation", "WCF AP Schools", None),
                ("organisation", "Special Schools", None),
                ("organisation", "Mainstream Schools", None),
            ],
        ),
        (
            "ICB Business Intelligence team",
            [("organisation", "ICB Business Intelligence team", None)],
        ),
        ("Katie Massey Warrington Borough Council", [("person", "Katie Massey", None)]),
        ("NHS Southby ICB", [("organisation", "NHS Southby ICB", None)]),  # not NHS + an ICB
        ("Schools Forum", [("organisation", "Schools Forum", None)]),  # one body, not two
        ("Virtual School Head", [("person", None, "Virtual School Head")]),  # a post
        ("Mrs J. Patel (Headteacher, Oak Academy)", [("person", "Mrs J. Patel", "Headteacher")]),
    ],
)
def test_organisations_and_posts_are_not_read_as_people(
    cell: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    parts = split_owner_cell(cell, Directory())
    assert [(p.kind, p.name, p.post) for p in parts] == expected


SHAREPOINT = """ID,Title,Workstream,Assigned To,Start Date,Due Date,Status,% Complete,Priority,Inspection finding
1,Recruit two more educational psychologists,Assessment,jo.bloggs@kingsmere.gov.uk,2024-09-01T00:00:00Z,2025-03-31T00:00:00Z,In Progress,0.5,High,AFI 1 - EHC needs assessments are not timely
2,Introduce a weekly triage panel,Assessment,Sam Lee;Jo Bloggs,2024-10-01T00:00:00Z,2024-12-20T00:00:00Z,Completed,1,Medium,AFI 1 - EHC needs assessments are not timely
3,Publish a co-produced Local Offer refresh,Co-production,Kingsmere Parent Carer Forum,,2025-06-30T00:00:00Z,Not Started,0,Low,AFI 2 - Families cannot find information on the Local Offer
"""  # noqa: E501


def test_a_list_exported_from_sharepoint(tmp_path: Path) -> None:
    """A SharePoint list's export: the action is its 'Title', owners 'Assigned To' (an
    email, or names), dates with a time, 'Priority' rating urgency beside the 'Workstream',
    the finding written on every row. Before: no action at all (a findings table), and the
    dates, the urgency and the email were not read."""
    path = tmp_path / "tracker.csv"
    path.write_text(SHAREPOINT, encoding="utf-8")
    plan = import_document(path).plan
    assert plan.area == "Kingsmere"  # from the cells (a forum's name, a council's email)
    assert [a.text for a in plan.actions] == [
        "Recruit two more educational psychologists",
        "Introduce a weekly triage panel",
        "Publish a co-produced Local Offer refresh",
    ]
    assert [a.due.end.isoformat() for a in plan.actions if a.due and a.due.end] == [
        "2025-03-31",
        "2024-12-20",
        "2025-06-30",
    ]
    assert [p.title for p in plan.priorities] == ["Assessment", "Co-production"]
    assert plan.actions[0].note is not None and "Priority: High" in plan.actions[0].note
    jo = next(p for p in plan.people if p.name == "Jo Bloggs")  # one person, named two ways
    assert jo.email == "jo.bloggs@kingsmere.gov.uk"
    assert [o.party.ref for o in plan.actions[1].owners] == ["sam-lee", "jo-bloggs"]
    assert [(f.ref, f.kind.value) for f in plan.findings] == [
        ("AFI-1", "area_for_improvement"),
        ("AFI-2", "area_for_improvement"),
    ]


def test_a_colour_key_sheet_gives_the_status_scale_its_words(tmp_path: Path) -> None:
    """A 'Key' sheet (Blue | Action completed and embedded, Amber | Some slippage, ...) and
    status cells written in the key's words: before, the key was 'not placed' and every
    status unknown; 'DCO' (a post) was an organisation."""
    book = openpyxl.Workbook()
    key = book.active
    key.title = "Key"
    key.append(["RAG key"])
    for colour, meaning in [
        ("Blue", "Action completed and embedded"),
        ("Green", "On track"),
        ("Amber", "Some slippage, within tolerance"),
        ("Red", "Significant delay, escalate"),
    ]:
        key.append([colour, meaning])
    sheet = book.create_sheet("AFI 1")
    sheet.append(["AFI 1 - Timeliness of EHC plans"])
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(
        ["1.1", "Recruit EP capacity", "Head of SEND", "Mar-25", "Some slippage, within tolerance"]
    )
    sheet.append(["1.2", "Weekly triage", "DCO", "Dec-24", "Action completed and embedded"])
    sheet.append(
        ["1.3", "Health advice template", "SENCO", "Jan-25", "Significant delay, escalate"]
    )
    path = tmp_path / "tracker.xlsx"
    book.save(str(path))
    result = import_document(path)
    plan = result.plan
    assert [plan.status_of(a.status) for a in plan.actions] == [
        Status.AT_RISK,
        Status.COMPLETE,
        Status.DELAYED,
    ]
    assert not result.report.unplaced
    posts = {p.ref: p.post for p in plan.people}
    owners = [posts.get(o.party.ref) for a in plan.actions for o in a.owners]
    assert owners == ["Head of SEND", "DCO", "SENCO"] and not plan.organisations


def test_an_empty_status_cell_of_a_word_table_is_read_from_its_shading(tmp_path: Path) -> None:
    """Word plans colour their RAG column too (cell shading, no text): before, every such
    status was empty. Shading of other columns and pale shading are no status."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("Kingsmere SEND Improvement Plan", level=1)
    table = document.add_table(rows=1, cols=4)
    for c, text in enumerate(["Ref", "Action", "Lead", "RAG"]):
        table.cell(0, c).text = text
    for ref, fill in [("1.1", "00B050"), ("1.2", "FFC000"), ("1.3", "D9E1F2"), ("1.4", None)]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = ref, f"Action {ref} of the plan", "Jo Bloggs"
        for cell in (cells[2], cells[3]) if fill else ():
            cell._tc.get_or_add_tcPr().append(
                parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
            )
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert [a.status for a in plan.actions] == [
        "Green (cell colour)",
        "Amber (cell colour)",
        None,
        None,
    ]


@pytest.mark.parametrize("suffix", [".tsv", ".xlsm"])
def test_a_tab_separated_file_and_a_macro_enabled_workbook(tmp_path: Path, suffix: str) -> None:
    """Trackers saved as .tsv or as macro-enabled workbooks (.xlsm) were refused."""
    path = tmp_path / f"tracker{suffix}"
    rows = [
        ("Ref", "Action", "Lead", "Due", "RAG"),
        ("1.1", "Recruit EPs", "Jo Bloggs", "Mar-25", "Green"),
    ]
    if suffix == ".tsv":
        path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    else:
        _xlsx(path, rows, [])
    plan = import_document(path).plan
    assert [(a.ref, a.text, a.status) for a in plan.actions] == [("1.1", "Recruit EPs", "Green")]


def test_an_action_table_starting_with_its_rag_column_is_no_colour_key(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "RAG,Action\nGreen,Recruit two educational psychologists\nAmber,Train SENCOs\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert plan.status_scale.words == {}  # the rows are actions, not a key's meanings
    assert [a.status for a in plan.actions] == ["Green", "Amber"]


def test_a_label_table_listing_several_actions_in_one_cell(tmp_path: Path) -> None:
    """A two-column table per finding ('Priority action 1 | ...', 'Actions | one paragraph
    per action', 'Lead | ...', 'By when | ...'): before, no action at all and four lines not
    placed; now each paragraph is an action, with the lead, date and measure of each."""
    import docx

    document = docx.Document()
    document.add_heading("Riverton Priority Action Plan", level=1)
    table = document.add_table(rows=5, cols=2)
    rows = [
        ("Priority action 1", ["Leaders should improve the timeliness of EHC assessments."]),
        (
            "Actions",
            [
                "Recruit four educational psychologists",
                "Introduce a weekly decision panel",
                "Publish monthly performance data",
            ],
        ),
        ("Lead", ["Head of SEND, Riverton Council"]),
        ("By when", ["July 2025"]),
        ("How we will know", ["80% of plans issued within 20 weeks"]),
    ]
    for r, (label, paragraphs) in enumerate(rows):
        table.cell(r, 0).text = label
        cell = table.cell(r, 1)
        cell.text = paragraphs[0]
        for more in paragraphs[1:]:
            cell.add_paragraph(more)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = import_document(path)
    plan = result.plan
    assert [a.text for a in plan.actions] == [
        "Recruit four educational psychologists",
        "Introduce a weekly decision panel",
        "Publish monthly performance data",
    ]
    assert {
        (a.due.text if a.due else None, len(a.owners), len(a.measures)) for a in plan.actions
    } == {("July 2025", 1, 1)}
    assert [a.addresses for a in plan.actions] == [["PA-1"]] * 3
    assert not result.report.unplaced


def test_an_action_bullet_with_its_fields_as_sub_bullets(tmp_path: Path) -> None:
    """'- Introduce ...' then '  - Lead: Head of SEND', '  - Timescale: April 2025': the
    sub-bullets were three actions each; they are the action's fields."""
    path = tmp_path / "plan.md"
    path.write_text(
        "# Millbrook SEND Accelerated Progress Plan\n\n"
        "## Weakness 1: Inconsistent quality of EHC plans\n\n"
        "- Introduce a multi-agency quality assurance panel\n"
        "  - Lead: Head of SEND\n"
        "  - Timescale: April 2025\n"
        "- Train every case officer in outcome writing\n"
        "  - Lead: SEND Training Lead\n"
        "  - Timescale: June 2025\n"
        "  - Status: On track\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    found = [(a.text, a.due.text if a.due else None, a.status) for a in plan.actions]
    assert found == [
        ("Introduce a multi-agency quality assurance panel", "April 2025", None),
        ("Train every case officer in outcome writing", "June 2025", "On track"),
    ]
    assert [len(a.owners) for a in plan.actions] == [1, 1]


def test_milestone_rows_under_an_action_are_its_milestones(tmp_path: Path) -> None:
    """Rows with no ref whose text starts 'Milestone:' were actions of their own (refs 2,
    3); they are the milestones of the action above, with their dates and statuses."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Ref,Action,Lead,Due,RAG\n"
        "1.1,Recruit two more educational psychologists,Jo Bloggs,Mar-25,Amber\n"
        ",Milestone: advertise the posts,,Nov-24,Complete\n"
        ",Milestone 2 - interview and appoint,,Jan-25,Amber\n"
        "1.2,Introduce a weekly triage panel,Sam Lee,Dec-24,Green\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    found = [
        (m.ref, m.text, m.due.text if m.due else None, m.status) for m in plan.actions[0].milestones
    ]
    assert found == [
        ("1.1-1", "advertise the posts", "Nov-24", "Complete"),
        ("1.1-2", "interview and appoint", "Jan-25", "Amber"),
    ]


def test_owners_written_as_initials_with_a_key_to_them(tmp_path: Path) -> None:
    """'JB', 'SL / JB' in the owner column and a key table 'Initials | Name | Role': before,
    JB and SL were organisations and the key's rows two made-up actions."""
    path = tmp_path / "plan.md"
    path.write_text(
        "# Ashby SEND Written Statement of Action\n\n"
        "## Area of weakness 1: Joint commissioning\n\n"
        "| Ref | Action | Owner | Date |\n|---|---|---|---|\n"
        "| 1.1 | Agree a joint commissioning strategy | JB | Mar 2025 |\n"
        "| 1.2 | Pool speech and language budgets | SL / JB | Sep 2025 |\n\n"
        "## Key to owners\n\n"
        "| Initials | Name | Role |\n|---|---|---|\n"
        "| JB | Jo Bloggs | Head of SEND, Ashby Council |\n"
        "| SL | Sam Lee | Head of Commissioning, NHS Ashby ICB |\n",
        encoding="utf-8",
    )
    result = import_document(path)
    plan = result.plan
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert [[o.party.ref for o in a.owners] for a in plan.actions] == [
        ["jo-bloggs"],
        ["sam-lee", "jo-bloggs"],
    ]
    people = {p.ref: (p.post, p.organisation) for p in plan.people}
    assert people == {
        "jo-bloggs": ("Head of SEND", "ashby-council"),
        "sam-lee": ("Head of Commissioning", "nhs-ashby-icb"),
    }
    assert not [i for i in result.report.low_confidence if "column" in i.message]


def test_a_word_plan_under_review_reads_with_its_tracked_changes_accepted(tmp_path: Path) -> None:
    """Words inserted with tracked changes were lost ('Recruit psychologists' for 'Recruit
    four psychologists'); deleted words stay out."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    document = docx.Document()
    document.add_heading("Kingsmere SEND Improvement Plan", level=1)
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Ref", "Action", "Lead"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text, table.cell(1, 2).text = "1.1", "Jo Bloggs"
    paragraph = table.cell(1, 1).paragraphs[0]
    paragraph.add_run("Recruit ")
    paragraph._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="A"><w:r>'
            '<w:t xml:space="preserve">four </w:t></w:r></w:ins>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="A"><w:r><w:delText>two </w:delText></w:r></w:del>'
        )
    )
    paragraph.add_run("educational psychologists")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert [a.text for a in import_document(path).plan.actions] == [
        "Recruit four educational psychologists"
    ]
