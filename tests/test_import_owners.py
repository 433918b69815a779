"""Owner cells as councils write them, read into the right people, posts and organisations:
posts named after a service (``Short Breaks Service Manager``), NHS bodies with ``and`` in
their names, an organisation written with one owner of several, a post and its employer on
two lines of a cell, a name written surname first, a school partnership."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders.documents import import_document
from loaders.documents.owners import Directory, split_owner_cell


def _read(cell: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(p.kind, p.name, p.post, p.organisation) for p in split_owner_cell(cell, Directory())]


def _tracker(tmp_path: Path, owners: list[str]) -> Any:
    """The draft of a tracker CSV with one action per owner cell."""
    rows = ["Ref,Action,Owner,Deadline"] + [
        f'{n},Action number {n},"{owner}",Jan 2025' for n, owner in enumerate(owners, start=1)
    ]
    path = tmp_path / "tracker.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return import_document(path).plan


def _markdown(tmp_path: Path, text: str) -> Any:
    """The draft of a Markdown document."""
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return import_document(path).plan


def _owners(plan: Any) -> list[list[tuple[str, ...]]]:
    """Each action's owners: ``(person, name, post, organisation name)``, ``(organisation,
    name, kind)`` or ``(board, name)``."""
    people = {p.ref: p for p in plan.people}
    orgs = {o.ref: o for o in plan.organisations}
    boards = {b.ref: b for b in plan.boards}
    out: list[list[tuple[str, ...]]] = []
    for action in plan.actions:
        row: list[tuple[str, ...]] = []
        for owner in action.owners:
            kind, ref = owner.party.kind.value, owner.party.ref
            if kind == "person":
                p = people[ref]
                org = orgs[p.organisation].name if p.organisation else ""
                row.append((kind, p.name or "", p.post or "", org))
            elif kind == "organisation":
                row.append((kind, orgs[ref].name, orgs[ref].kind.value))
            else:
                row.append((kind, boards[ref].name))
        out.append(row)
    return out


@pytest.mark.parametrize(
    "cell",
    [
        "Therapies Service Manager",
        "Short Breaks Service Manager",
        "Alternative Provision Commissioning Manager",
        "Short Breaks Commissioning Officer",
        "Business Intelligence Manager",
        "Participation Manager",
        "Finance Business Partner",
        "Engagement Officer",
    ],
)
def test_a_post_named_after_a_service_is_one_post_with_no_holder(cell: str) -> None:
    """``Alternative Provision Commissioning Manager`` was a person ``Alternative
    Provision``, ``Therapies Service Manager`` a Manager at a ``Therapies Service``, and
    ``Participation Manager`` a person of that name."""
    assert _read(cell) == [("person", None, cell, None)]


def test_a_name_then_a_post_is_still_a_person() -> None:
    assert _read("Lucy Hall Group Manager") == [("person", "Lucy Hall", "Group Manager", None)]


def test_two_service_managers_are_two_posts(tmp_path: Path) -> None:
    """Both were ``person:manager``: action 2 was owned by the Therapies Service's post."""
    plan = _tracker(tmp_path, ["Therapies Service Manager", "Short Breaks Service Manager"])
    assert _owners(plan) == [
        [("person", "", "Therapies Service Manager", "")],
        [("person", "", "Short Breaks Service Manager", "")],
    ]
    assert len(plan.people) == 2


@pytest.mark.parametrize(
    ("cell", "post", "organisation"),
    [
        (
            "Designated Clinical Officer (DCO), NHS Cheshire and Merseyside ICB",
            "Designated Clinical Officer (DCO)",
            "NHS Cheshire and Merseyside ICB",
        ),
        (
            "Director of Finance, NHS Humber and North Yorkshire ICB",
            "Director of Finance",
            "NHS Humber and North Yorkshire ICB",
        ),
        (
            "Head of SEND, NHS Norfolk and Waveney Integrated Care Board",
            "Head of SEND",
            "NHS Norfolk and Waveney Integrated Care Board",
        ),
    ],
)
def test_an_nhs_body_with_and_in_its_name_is_one_organisation(
    cell: str, post: str, organisation: str
) -> None:
    """``NHS Cheshire and Merseyside ICB`` was an ``NHS Cheshire`` (an NHS trust) and a
    ``Merseyside ICB``, or a person ``Merseyside Integrated`` of a ``Care Board``."""
    assert _read(cell) == [("person", None, post, organisation)]


def test_and_still_joins_a_person_and_an_organisation() -> None:
    assert _read("Jo Bloggs and Kingsmere Council") == [
        ("person", "Jo Bloggs", None, None),
        ("organisation", "Kingsmere Council", None, None),
    ]


def test_an_icb_defined_in_the_text_and_named_in_an_owner_cell(tmp_path: Path) -> None:
    """The sentence defining ``(ICB)`` made ``South Cumbria`` a person of the council."""
    plan = _markdown(
        tmp_path,
        "# Brackenfield SEND Written Statement of Action\n\n"
        "Brackenfield Borough Council and NHS Lancashire and South Cumbria Integrated Care "
        "Board (ICB) are jointly responsible for this statement.\n\n"
        "| Ref | Action | Lead officer | Timescale |\n|---|---|---|---|\n"
        "| 1.1 | Agree a health advice pathway | Designated Clinical Officer (DCO), NHS "
        "Lancashire and South Cumbria ICB | Q3 2024/25 |\n",
    )
    assert _owners(plan) == [
        [
            (
                "person",
                "",
                "Designated Clinical Officer (DCO)",
                "NHS Lancashire and South Cumbria ICB",
            )
        ]
    ]
    assert [(o.name, o.kind.value) for o in plan.organisations] == [
        ("NHS Lancashire and South Cumbria ICB", "icb")
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Dr Priya Nair; Jo Bennett (Castlebrook Parent Carer Forum)",
            [
                ("person", "Dr Priya Nair", None, None),
                ("person", "Jo Bennett", None, "Castlebrook Parent Carer Forum"),
            ],
        ),
        (
            "Priya Nair, Jo Bennett (Castlebrook Parent Carer Forum)",
            [
                ("person", "Priya Nair", None, None),
                ("person", "Jo Bennett", None, "Castlebrook Parent Carer Forum"),
            ],
        ),
        (
            "Director of Education and Skills; Chair, Brackenfield Parent Carer Forum",
            [
                ("person", None, "Director of Education and Skills", None),
                ("person", None, "Chair", "Brackenfield Parent Carer Forum"),
            ],
        ),
        (
            "Jade Brooks, Director of Operations, HWICB; Matthew Hall Chief Operating Officer, "
            "Worcestershire Health and Care NHS Trust, H&WHCT",
            [
                ("person", "Jade Brooks", "Director of Operations", "HWICB"),
                (
                    "person",
                    "Matthew Hall",
                    "Chief Operating Officer",
                    "Worcestershire Health and Care NHS Trust",
                ),
            ],
        ),
    ],
)
def test_an_organisation_in_brackets_or_after_a_comma_is_that_owners_alone(
    cell: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    """The forum in Jo Bennett's brackets was given to Priya Nair too, or (after a comma)
    swallowed Jo Bennett into an organisation ``Jo Bennett (Castlebrook Parent Carer
    Forum)``; the chair's forum was given to the director."""
    assert _read(cell) == expected


def test_an_organisation_written_once_after_several_people_is_still_shared() -> None:
    known = Directory()
    known.add_organisation("Warrington Borough Council")
    parts = split_owner_cell("Rick Howell / Kellie Williams Warrington Borough Council", known)
    assert [(p.name, p.organisation) for p in parts] == [
        ("Rick Howell", "Warrington Borough Council"),
        ("Kellie Williams", "Warrington Borough Council"),
    ]


def _word_table(path: Path, rows: list[list[str | list[str]]]) -> None:
    """A Word document with a title and one table; a list in a cell is its paragraphs."""
    import docx

    document = docx.Document()
    document.add_heading("Fenwick SEND Priority Action Plan", 0)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            lines = value if isinstance(value, list) else [value]
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.save(str(path))


def test_a_post_and_its_employer_on_two_lines_of_a_cell_are_one_owner(tmp_path: Path) -> None:
    """The ``Who`` cell's two lines were two owners: the post and the council."""
    path = tmp_path / "plan.docx"
    _word_table(
        path,
        [
            ["Ref", "What we will do", "Who", "When"],
            [
                "PA1.1",
                "Recruit EHC coordinators",
                ["Head of SEND", "Fenwick Borough Council"],
                "Jul 2025",
            ],
            ["PA1.2", "Set up a hub", ["Head of SEND", "Parent Carer Forum", "DCO"], "Mar 2025"],
        ],
    )
    plan = import_document(path).plan
    assert _owners(plan) == [
        [("person", "", "Head of SEND", "Fenwick Borough Council")],
        [
            ("person", "", "Head of SEND", "Fenwick Borough Council"),
            ("organisation", "Parent Carer Forum", "parent_carer_forum"),
            ("person", "", "DCO", ""),
        ],
    ]


def test_a_name_written_surname_first_is_the_same_person(tmp_path: Path) -> None:
    """``Whitfield, Sarah`` and ``Sarah Whitfield`` were two people."""
    plan = _tracker(tmp_path, ["Whitfield, Sarah; Adeyemi, Mark", "Sarah Whitfield"])
    assert _owners(plan) == [
        [("person", "Sarah Whitfield", "", ""), ("person", "Mark Adeyemi", "", "")],
        [("person", "Sarah Whitfield", "", "")],
    ]
    assert len(plan.people) == 2


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Whitfield, Sarah Jane", [("person", "Sarah Jane Whitfield", None, None)]),
        ("Sarah Whitfield, Chair", [("person", "Sarah Whitfield", "Chair", None)]),
        (
            "Jo Bloggs, Sam Lee",
            [("person", "Jo Bloggs", None, None), ("person", "Sam Lee", None, None)],
        ),
    ],
)
def test_surname_first_only_for_a_known_name_or_two_name_words(
    cell: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    known = Directory()
    known.add_person("Sarah Jane Whitfield")
    parts = split_owner_cell(cell, known)
    assert [(p.kind, p.name, p.post, p.organisation) for p in parts] == expected


def test_a_schools_partnership_and_a_pupil_referral_unit_are_organisations(
    tmp_path: Path,
) -> None:
    """The partnership was read as a board, and ``Headteacher, Harwood Pupil Referral Unit``
    kept whole as a post with no organisation."""
    plan = _markdown(
        tmp_path,
        "# Harwood SEND Improvement Plan\n\n## Priority 2: Alternative provision\n\n"
        "| Action | Lead | Due |\n|---|---|---|\n"
        "| Commission outreach | Lisa Grant, Inclusion Manager; Harwood Special Schools "
        "Partnership | July 2025 |\n"
        "| Review every pupil | Headteacher, Harwood Pupil Referral Unit | Dec 2024 |\n",
    )
    assert _owners(plan) == [
        [
            ("person", "Lisa Grant", "Inclusion Manager", ""),
            ("organisation", "Harwood Special Schools Partnership", "school"),
        ],
        [("person", "", "Headteacher", "Harwood Pupil Referral Unit")],
    ]
    assert plan.boards == []


def test_one_post_at_two_organisations_is_two_posts(tmp_path: Path) -> None:
    """Both headteachers were one person, the Oak Academy's, owning both actions."""
    plan = _tracker(
        tmp_path, ["Headteacher, Oak Academy", "Headteacher, Elm School", "Headteacher, Elm School"]
    )
    assert _owners(plan) == [
        [("person", "", "Headteacher", "Oak Academy")],
        [("person", "", "Headteacher", "Elm School")],
        [("person", "", "Headteacher", "Elm School")],
    ]
    assert len(plan.people) == 2


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Lisa Grant, Inclusion Manager; Harwood Special Schools Partnership",
            [
                ("person", "Lisa Grant", "Inclusion Manager", None),
                ("organisation", "Harwood Special Schools Partnership", None, None),
            ],
        ),
        (
            "Sam Lee; Kingsmere Council",
            [("person", "Sam Lee", None, None), ("organisation", "Kingsmere Council", None, None)],
        ),
        (
            "AP Commissioning Manager; Children's Commissioning Team",
            [
                ("person", None, "AP Commissioning Manager", None),
                ("organisation", "Children's Commissioning Team", None, None),
            ],
        ),
        (
            "Head of SEND / Kingsmere Council",
            [
                ("person", None, "Head of SEND", None),
                ("organisation", "Kingsmere Council", None, None),
            ],
        ),
    ],
)
def test_a_second_line_is_the_employer_of_a_post_with_no_holder_only(
    cell: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert _read(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Head of SEND Kestrel Vale Council", ("Head of SEND", "Kestrel Vale Council")),
        (
            "Designated Clinical Officer NHS Norfolk and Waveney ICB",
            ("Designated Clinical Officer", "NHS Norfolk and Waveney ICB"),
        ),
        (
            "Director of Children's Services Kingsmere Council",
            ("Director of Children's Services", "Kingsmere Council"),
        ),
        ("Head of Learning Disability Services", ("Head of Learning Disability Services", None)),
        ("Chair and Vice Chair of PCF", ("Chair and Vice Chair of PCF", None)),
    ],
)
def test_a_post_run_on_into_its_employer(cell: str, expected: tuple[str, str | None]) -> None:
    """A PDF joins a cell's wrapped lines with spaces: ``Head of SEND Kestrel Vale Council``
    was one post, and ``... NHS Norfolk and Waveney ICB`` a post ``... NHS Norfolk`` and a
    ``Waveney ICB``. A service's name stays part of the post."""
    post, organisation = expected
    assert _read(cell) == [("person", None, post, organisation)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a title before a name is a person's, and Leader and Member end posts
        ("Cllr Janet Moore, Leader of the Council", ("Cllr Janet Moore", "Leader of the Council")),
        (
            "Councillor Amy Pond, Cabinet Member for Children",
            ("Councillor Amy Pond", "Cabinet Member for Children"),
        ),
        ("Councillor for SEND", (None, "Councillor for SEND")),
        # a hub, unit, centre or panel is no part of a person's name
        ("Careers Hub Lead", (None, "Careers Hub Lead")),
        ("SEND Panel Chair", (None, "SEND Panel Chair")),
    ],
)
def test_titles_before_names_and_posts_of_councils_and_hubs(
    cell: str, expected: tuple[str | None, str]
) -> None:
    """'Leader of the Council' was an organisation; 'Councillor Amy Pond, Cabinet Member for
    Children' one long post; 'Careers Hub Lead' a person 'Careers Hub'."""
    (part,) = split_owner_cell(cell, Directory())
    assert (part.kind, part.name, part.post) == ("person", *expected)
