"""Owner cells and date texts as councils write them (trial of the owners helper)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphmodel.integrity import plan_problems
from graphmodel.model import Cadence, Plan
from graphmodel.periods import Precision, parse_period
from loaders.documents import import_document
from loaders.documents.governance import cadence_of, read_governance
from loaders.documents.owners import Directory, split_owner_cell
from loaders.documents.parties import same_person
from loaders.plans import read_plan


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the date it is now, not the one it was
        ("Revised: June 2025 (was March 2025)", date(2025, 6, 1), date(2025, 6, 30)),
        ("Revised to June 2025", date(2025, 6, 1), date(2025, 6, 30)),
        ("Revised date: June 2025", date(2025, 6, 1), date(2025, 6, 30)),
        ("March 2025 (revised June 2025)", date(2025, 6, 1), date(2025, 6, 30)),
        # a financial year's quarter written after it
        ("FY 2024/25 Q4", date(2025, 1, 1), date(2025, 3, 31)),
        # a status word around the period
        ("Completed (Nov 2024)", date(2024, 11, 1), date(2024, 11, 30)),
        ("Nov 2024 - complete", date(2024, 11, 1), date(2024, 11, 30)),
        # a quarter without a year, its months in brackets
        ("Q4 (Jan-Mar 2025)", date(2025, 1, 1), date(2025, 3, 31)),
        # a period, then what it spans or its quarter in brackets
        ("2024/25 Q4 (Jan-Mar 25)", date(2025, 1, 1), date(2025, 3, 31)),
        ("March 2025 (Q4)", date(2025, 3, 1), date(2025, 3, 31)),
        ("Done – Oct 2024", date(2024, 10, 1), date(2024, 10, 31)),
        ("Achieved Jan 2025", date(2025, 1, 1), date(2025, 1, 31)),
        # a cadence from a start: starts then, no end
        ("Monthly from Jan 2025", date(2025, 1, 1), None),
        ("Termly from Sept 2024", date(2024, 9, 1), None),
    ],
)
def test_date_texts_councils_write_are_read(text: str, start: date, end: date | None) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.text) == (start, end, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ongoing",
        "Termly",
        "Complete",
        "TBC",
        "Every six weeks",
        "Within 6 weeks of referral",
        "3/31/25",
        "Dec 2024 (Jan 2025)",  # which is meant? never guess
    ],
)
def test_what_is_no_period_stays_undated(text: str) -> None:
    assert not parse_period(text).is_dated


def _plan(*dues: str) -> Plan:
    return Plan.model_validate(
        {
            "area": "Kingsmere",
            "title": "Plan",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "Waits"}],
            "actions": [{"ref": str(i), "text": "a", "due": d} for i, d in enumerate(dues)],
        }
    )


def test_a_split_year_in_a_plan_of_financial_quarters_is_the_financial_year() -> None:
    plan = _plan("Q1 2024/25", "Q3 2024/25", "2024/25", "by end of 2025/26")
    assert [(a.due.end, a.due.precision) for a in plan.actions[2:]] == [
        (date(2025, 3, 31), Precision.FINANCIAL_YEAR),
        (date(2026, 3, 31), Precision.FINANCIAL_YEAR),
    ]
    assert plan.actions[2].due.text == "2024/25"
    again = Plan.model_validate(plan.model_dump(mode="json"))
    assert again.actions[2].due == plan.actions[2].due


def test_a_split_year_in_a_plan_of_school_terms_stays_the_academic_year() -> None:
    plan = _plan("Q1 2024/25", "Autumn term 2024", "2024/25")
    assert plan.actions[2].due.end == date(2025, 8, 31)
    assert _plan("Dec 2024", "2024/25").actions[1].due.end == date(2025, 8, 31)


# --- owner cells -----------------------------------------------------------------------------


def _read(cell: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(p.kind, p.name, p.post, p.organisation) for p in split_owner_cell(cell, Directory())]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # nobody named yet: no owner (an owner called "TBC" counted as owned)
        ("TBC", []),
        ("To be confirmed", []),
        ("Vacant post", []),
        ("N/A", []),
        ("Head of SEND / TBC", [("person", None, "Head of SEND", None)]),
        ("TBC - Head of SEND", [("person", None, "Head of SEND", None)]),
        # a name that starts with the letters of a placeholder is no placeholder
        ("NAS Autism Team", [("organisation", "NAS Autism Team", None, None)]),
        # who covers an empty post
        ("Vacant (interim: Tom Reed)", [("person", "Tom Reed", None, None)]),
        ("Vacant - covered by Ali Khan", [("person", "Ali Khan", None, None)]),
        # interim and acting posts are posts, not two people "Interim Head" and "of ..."
        (
            "Interim Head of Commissioning",
            [("person", None, "Interim Head of Commissioning", None)],
        ),
        (
            "Acting Service Manager, SENDIASS",
            [("person", None, "Acting Service Manager", "SENDIASS")],
        ),
        # a post with its holder in brackets
        ("Head of SEND (Jane Smith)", [("person", "Jane Smith", "Head of SEND", None)]),
        (
            "Head of SEND (Jane Smith), Kingsmere Borough Council",
            [("person", "Jane Smith", "Head of SEND", "Kingsmere Borough Council")],
        ),
        (
            "Jane Smith (Head of SEND) & Ali Khan (DCO)",
            [("person", "Jane Smith", "Head of SEND", None), ("person", "Ali Khan", "DCO", None)],
        ),
        # a post's own short name in brackets is no organisation
        (
            "Director of Children's Services (DCS) / Chief Nurse ICB",
            [
                ("person", None, "Director of Children's Services", None),
                ("person", None, "Chief Nurse ICB", None),
            ],
        ),
        # a post's abbreviation before its employer
        ("DCO – Cheshire & Merseyside ICB", [("person", None, "DCO", "Cheshire & Merseyside ICB")]),
        ("DCO (Cheshire & Merseyside ICB)", [("person", None, "DCO", "Cheshire & Merseyside ICB")]),
        # a remark in brackets is no employer
        ("SENCOs (all schools)", [("person", None, "SENCOs (all schools)", None)]),
        # a post's abbreviation run into its employer
        (
            "DCO NHS Cheshire and Merseyside ICB",
            [("person", None, "DCO", "NHS Cheshire and Merseyside ICB")],
        ),
        # a post, then who holds it after a dash
        ("Head of SEND – Jane Smith", [("person", "Jane Smith", "Head of SEND", None)]),
        (
            "Director of Education (Interim) - Ali Khan",
            [("person", "Ali Khan", "Director of Education (Interim)", None)],
        ),
        # a post is kept as written
        (
            "Assistant Director – Education, Inclusion and SEND",
            [("person", None, "Assistant Director – Education, Inclusion and SEND", None)],
        ),
        # a post's abbreviation after "and" is a second owner
        (
            "Head of SEND and DCO",
            [("person", None, "Head of SEND", None), ("person", None, "DCO", None)],
        ),
        # a name with its initials in brackets; a post with a remark after a comma
        ("Jane Smith (JS)", [("person", "Jane Smith", None, None)]),
        (
            "Jane Smith, Head of SEND (Interim)",
            [("person", "Jane Smith", "Head of SEND (Interim)", None)],
        ),
        # a slash inside brackets separates nobody
        (
            "Joint Commissioning Manager (ICB/LA)",
            [("person", None, "Joint Commissioning Manager (ICB/LA)", None)],
        ),
        # nobody yet, with a remark
        ("Vacant – recruitment under way", []),
        # words that are no person's name make no person (--redact would hide "Health")
        ("Public Health", [("organisation", "Public Health", None, None)]),
        ("All SENCOs", [("person", None, "All SENCOs", None)]),
        # two posts run into their employer: "Group Manager" is no person's name
        (
            "Group Manager Social Care Lead Commissioner Adults Services WCF Commissioning Hub",
            [
                ("person", None, "Group Manager", "Adults Services WCF Commissioning Hub"),
                (
                    "person",
                    None,
                    "Social Care Lead Commissioner",
                    "Adults Services WCF Commissioning Hub",
                ),
            ],
        ),
        # a school after a post is no holder's name
        (
            "Headteacher, Oak Academy / SENCO, Elm Primary",
            [
                ("person", None, "Headteacher", "Oak Academy"),
                ("person", None, "SENCO, Elm Primary", None),
            ],
        ),
        # a name and then its post on the next line (readers join lines with "; ")
        ("Jane Smith; Head of SEND", [("person", "Jane Smith", "Head of SEND", None)]),
        (
            "Jane Smith / Head of SEND",
            [("person", "Jane Smith", None, None), ("person", None, "Head of SEND", None)],
        ),
    ],
)
def test_owner_cells_councils_write(
    cell: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert _read(cell) == expected


def test_an_owner_to_be_confirmed_leaves_the_action_unowned(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Kingsmere SEND Improvement Plan\n\n"
        "| Ref | Action | Lead | Due | Status |\n|---|---|---|---|---|\n"
        "| 1.1 | Agree the preparation for adulthood pathway | TBC | Summer 2025 | Amber |\n"
        "| 1.2 | Transition protocol agreed | Deputy Director of Adult Social Care "
        "| Revised: June 2025 (was March 2025) | Amber |\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    first, second = plan.actions
    assert first.owners == []
    assert not plan.organisations
    assert second.due.text == "Revised: June 2025 (was March 2025)"
    assert second.due.end == date(2025, 6, 30)


# --- the workbook's owner cells ---------------------------------------------------------------


def _workbook(tmp_path: Path, owners: list[str]) -> Any:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "Findings.csv").write_text(
        "ref,kind,text\nAFI-1,area_for_improvement,EHC plans are late\n", encoding="utf-8"
    )
    rows = [f'{n},Action {n},"{o}",Mar 2025' for n, o in enumerate(owners, start=1)]
    (folder / "Actions.csv").write_text(
        "ref,action,owners,due\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return read_plan(folder)


def test_a_workbook_owner_to_be_confirmed_is_no_owner(tmp_path: Path) -> None:
    result = _workbook(tmp_path, ["TBC", "Vacant", "N/A"])
    assert [a.owners for a in result.plan.actions] == [[], [], []]
    assert not result.plan.people and not result.plan.organisations
    assert [p.code for p in result.problems if p.code.startswith("name.")] == ["name.blank"] * 3


def test_a_workbook_post_with_its_holder_in_brackets(tmp_path: Path) -> None:
    plan = _workbook(tmp_path, ["Head of SEND (Jane Smith)", "Jane Smith"]).plan
    (person,) = plan.people
    assert (person.name, person.post) == ("Jane Smith", "Head of SEND")
    assert [o.party.ref for a in plan.actions for o in a.owners] == [person.ref, person.ref]


def test_a_workbook_cell_of_two_unknown_names_is_two_people(tmp_path: Path) -> None:
    result = _workbook(tmp_path, ["J. Smith / A. Khan"])
    assert sorted(p.name for p in result.plan.people) == ["A. Khan", "J. Smith"]
    assert "name.split" in [p.code for p in result.problems]


# --- how often a board meets ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["every six weeks", "every 6 weeks", "six-weekly"])
def test_a_board_that_meets_every_six_weeks_has_that_cadence(written: str) -> None:
    governance = read_governance(
        f"Progress is reported to the SEND Improvement Board, which meets {written} and "
        "reports quarterly to the Kingsmere Health and Wellbeing Board."
    )
    assert governance is not None
    assert governance.cadences["SEND Improvement Board"] is Cadence.SIX_WEEKLY
    assert cadence_of(written) is Cadence.SIX_WEEKLY
    assert Cadence.MONTHLY.days < Cadence.SIX_WEEKLY.days < Cadence.BI_MONTHLY.days


def test_a_day_written_month_first_is_reported_with_the_day_it_would_be() -> None:
    plan = _plan("3/31/25", "4/5/25")
    messages = [p.message for p in plan_problems(plan) if p.code == "date.invalid"]
    assert messages == [
        "written as a day, but there is no such day; correct it (days are written 2024-03-31 "
        "or 31/03/2024, day first); month first it is 31 March 2025: write 31/03/2025"
    ]
    assert plan.actions[1].due.end == date(2025, 5, 4)  # day first, as the convention says


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # the lead is kept, who supports is involved (both were lost or made accountable)
        (
            "Head of SEND supported by DCO",
            [(None, "Head of SEND", "responsible"), (None, "DCO", "involved")],
        ),
        (
            "Deputy Head of SEND (Ali Khan) supported by Jane Smith",
            [("Ali Khan", "Deputy Head of SEND", "responsible"), ("Jane Smith", None, "involved")],
        ),
        (
            "Head of SEND, overseen by DCS",
            [(None, "Head of SEND", "responsible"), (None, "DCS", "accountable")],
        ),
        # words that name nobody before "overseen by" are still dropped
        (
            "Content owners Overseen by Kellie Williams",
            [("Kellie Williams", None, "accountable")],
        ),
    ],
)
def test_supported_and_overseen_by_keep_the_lead(
    cell: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    parts = split_owner_cell(cell, Directory())
    assert [(p.name, p.post, p.role.value) for p in parts] == expected


def test_a_shortened_name_or_initials_are_the_one_person_named_in_full(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Kingsmere SEND Improvement Plan\n\n"
        "| Ref | Action | Lead | Due | Status |\n|---|---|---|---|---|\n"
        "| 1.1 | Recruit EHC coordinators | Head of SEND (Jane Smith) | Sept 24 | Amber |\n"
        "| 1.2 | Weekly EHCP timeliness tracker | J. Smith | Mar 2025 | Amber |\n"
        "| 1.3 | Therapy waiting list initiative | JS | Mar 2025 | Amber |\n"
        "| 1.4 | Portage visits | A. Khan | Mar 2025 | Amber |\n"
        "| 1.5 | Short breaks review | Ali Khan | Mar 2025 | Amber |\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    jane = next(p for p in plan.people if p.name == "Jane Smith")
    owners = [[(o.party.ref, o.basis.value) for o in a.owners] for a in plan.actions]
    assert owners[:3] == [
        [(jane.ref, "stated")],
        [(jane.ref, "inferred")],
        [(jane.ref, "inferred")],
    ]
    assert sorted(jane.aliases) == ["J. Smith", "JS"]
    assert [p.name for p in plan.people].count("J. Smith") == 0
    assert not any(o.name == "JS" for o in plan.organisations)
    # a short form met before the full name stays its own person: it cannot be marked later
    assert [o.basis.value for a in plan.actions[3:] for o in a.owners] == ["stated", "stated"]


@pytest.mark.parametrize(
    ("full", "short", "same"),
    [
        ("Jane Smith", "J. Smith", True),
        ("Jane Smith", "J Smith", True),
        ("Jane Smith", "JS", True),
        ("Jane Smith", "John Smith", False),
        ("Jane Smith", "J. Smyth", False),
        ("Head Teacher", "HT", True),  # capitalised words: the caller asks only of people
        ("J. Smith", "JS", False),
    ],
)
def test_same_person(full: str, short: str, same: bool) -> None:
    assert same_person(full, short) is same


def test_a_board_or_organisation_with_its_short_name_is_one_party(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    rows = [
        ("1.1", "SEND Strategic Partnership Board (SSPB)"),
        ("1.2", "SSPB"),
        ("1.3", "Cheshire and Merseyside ICB (C&M ICB)"),
        ("1.4", "C&M ICB"),
        ("1.5", "CAMHS (Alder Hey)"),
    ]
    path.write_text(
        "# Kingsmere SEND Improvement Plan\n\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        + "".join(f"| {ref} | Report on waits | {lead} | Q3 2024/25 |\n" for ref, lead in rows),
        encoding="utf-8",
    )
    plan = import_document(path).plan
    owners = [[o.party.kind.value + ":" + o.party.ref for o in a.owners] for a in plan.actions]
    board = "board:send-strategic-partnership-board"
    icb = "organisation:cheshire-and-merseyside-icb"
    assert owners[:4] == [[board], [board], [icb], [icb]]
    assert [b.name for b in plan.boards] == ["SEND Strategic Partnership Board"]
    assert sorted(o.name for o in plan.organisations) == [
        "CAMHS (Alder Hey)",
        "Cheshire and Merseyside ICB",
    ]


def test_a_post_over_a_field_of_work_and_a_name_with_its_address(tmp_path: Path) -> None:
    """``Assistant Director, SEND`` is a post over SEND (SEND was learnt as an organisation
    from the cell itself); ``Jo Bloggs (jo.bloggs@...)`` and ``Jo Bloggs jo.bloggs@...`` are
    Jo Bloggs with her address (the address became an organisation)."""
    path = tmp_path / "plan.md"
    path.write_text(
        "| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Review the EHCP process | Assistant Director, SEND | March 2025 |\n"
        "| 1.2 | Train SENCOs | Jo Bloggs (jo.bloggs@kingsmere.gov.uk) | June 2025 |\n"
        "| 1.3 | Audit plans | Jo Bloggs jo.bloggs@kingsmere.gov.uk | June 2025 |\n"
        "| 1.4 | Agree the offer | Head of SEND, DCC | June 2025 |\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    people = {p.ref: p for p in plan.people}
    director = people[plan.actions[0].owners[0].party.ref]
    assert (director.post, director.organisation) == ("Assistant Director, SEND", None)
    jo = {plan.actions[i].owners[0].party.ref for i in (1, 2)}
    assert len(jo) == 1
    (ref,) = jo
    assert (people[ref].name, people[ref].email) == ("Jo Bloggs", "jo.bloggs@kingsmere.gov.uk")
    assert [o.name for o in plan.organisations] == ["DCC"], "a short name after a post still is"


def test_a_name_then_a_post_ending_in_a_post_word_is_that_post() -> None:
    """``Jo Hart, SEND Service Manager``: "Service" made the post an organisation (kind
    provider) that Jo Hart worked for."""
    (part,) = split_owner_cell("Jo Hart, SEND Service Manager", Directory())
    assert (part.name, part.post, part.organisation) == ("Jo Hart", "SEND Service Manager", None)
    (part,) = split_owner_cell("Jo Hart, Kingsmere Council", Directory())
    assert (part.name, part.post, part.organisation) == ("Jo Hart", None, "Kingsmere Council")
