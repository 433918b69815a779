"""Actions written one to a line with their ref and fields (``1.1 Recruit ... Lead: Head of
SEND. By: October 2024.``, ``1.1 Recruit ... (Owner: X; Due: Y)``), the findings or priorities
numbered above them, fields in brackets, outline actions without a colon, the paragraph under
a finding or priority heading, and governance lines under a tracker table.

Each case is a trial's minimal input (a council's text pasted from Word, a web page, a
tracker exported to CSV) that lost the actions, their fields or the boards before."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.model import Plan
from loaders.documents import import_document


def _plan(tmp_path: Path, name: str, text: str) -> tuple[Plan, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    return result.plan, [i.text for i in result.report.unplaced]


def _actions(plan: Plan) -> list[tuple[str, str, list[str], str | None, str | None]]:
    """(ref, text, owners' posts or names, due as written, status) of every action."""
    people = {p.ref: p.post or p.name for p in plan.people}
    orgs = {o.ref: o.name for o in plan.organisations}
    return [
        (
            a.ref,
            a.text,
            [people.get(o.party.ref) or orgs.get(o.party.ref, o.party.ref) for o in a.owners],
            a.due.text if a.due else None,
            a.status,
        )
        for a in plan.actions
    ]


# -- defect 1: numbered action lines with their fields on the line ----------------------

PRIORITY_LINES = (
    "Priority 1: Improve the timeliness of EHC plans\n"
    "1.1 Recruit four additional EHC coordinators. Lead: Head of SEND. By: October 2024.\n"
    "1.2 Introduce a weekly EHC tracking meeting. Lead: SEND Casework Manager. By: Sept 2024.\n"
)
BRACKETS = (
    "1.1 Recruit four additional EHC coordinators (Owner: Head of SEND; Due: Oct 2024)\n"
    "1.2 Introduce a weekly EHC tracking meeting (Owner: SEND Casework Manager; Due: Sept 2024)\n"
)
TABBED = BRACKETS.replace("1.1 ", "1.1\t").replace("1.2 ", "1.2\t")
"""The refs typed by Word's numbering: a tab after each."""
EXPECTED = [
    ("1.1", "Recruit four additional EHC coordinators", ["Head of SEND"]),
    ("1.2", "Introduce a weekly EHC tracking meeting", ["SEND Casework Manager"]),
]


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        (PRIORITY_LINES, ["October 2024", "Sept 2024"]),
        ("Priority 1: Improve the timeliness of EHC plans\n" + BRACKETS, ["Oct 2024", "Sept 2024"]),
        (
            "Priority 1: Improve the timeliness of EHC plans\n\n" + BRACKETS,
            ["Oct 2024", "Sept 2024"],
        ),
        (
            "Priority 1: Improve the timeliness of EHC plans\n" + TABBED,
            ["Oct 2024", "Sept 2024"],
        ),
    ],
    ids=["labels", "brackets", "blank-line", "tab"],
)
def test_numbered_lines_under_a_priority_are_its_actions_with_their_fields(
    tmp_path: Path, text: str, dues: list[str]
) -> None:
    """Before: lines joined into the priority's title (0 actions, nothing unplaced), the two
    actions merged into one after a blank line, and none read after a tab."""
    plan, unplaced = _plan(tmp_path, "plan.txt", text)
    assert [p.title for p in plan.priorities] == ["Improve the timeliness of EHC plans"]
    found = _actions(plan)
    assert [(ref, t, owners) for ref, t, owners, _, _ in found] == EXPECTED
    assert [due for _, _, _, due, _ in found] == dues
    assert [a.priority for a in plan.actions] == ["P1", "P1"]
    assert unplaced == []


def test_word_numbering_s_lettered_steps_are_milestones_of_the_action_above(
    tmp_path: Path,
) -> None:
    plan, unplaced = _plan(
        tmp_path,
        "outline.txt",
        "Priority 1: Improve the timeliness of EHC plans\n"
        + TABBED
        + "a)\tAgree terms of reference with health and social care\nb)\tFirst meeting held\n",
    )
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert [m.text for m in plan.actions[1].milestones] == [
        "Agree terms of reference with health and social care",
        "First meeting held",
    ]
    assert unplaced == []


TYPED = (
    "Ashby Vale Accelerated Progress Plan\n\n"
    "1. The area has not made enough progress in improving the timeliness of EHC plans.\n"
    "1.1 Commission an external provider to complete 60 overdue assessments "
    "(Lead: Head of SEND; by December 2024)\n"
    "1.2 Publish fortnightly timeliness figures to the Improvement Board "
    "(Lead: SEND Performance Officer; by November 2024)\n"
    "2. Too few young people with SEND move into paid employment or supported internships.\n"
    "2.1 Add a careers adviser to every special school (Lead: Head of Careers; by April 2025)\n"
)


def test_numbered_findings_then_their_numbered_actions(tmp_path: Path) -> None:
    """Before: 0 actions; the '1.' findings and the action lines all unplaced, 1.1 and 1.2
    run together."""
    plan, unplaced = _plan(tmp_path, "plan.txt", TYPED)
    assert [(f.ref, f.text[:22]) for f in plan.findings] == [
        ("AFI-1", "The area has not made "),
        ("AFI-2", "Too few young people w"),
    ]
    assert [(a.ref, list(a.addresses)) for a in plan.actions] == [
        ("1.1", ["AFI-1"]),
        ("1.2", ["AFI-1"]),
        ("2.1", ["AFI-2"]),
    ]
    assert [owners for _, _, owners, _, _ in _actions(plan)] == [
        ["Head of SEND"],
        ["SEND Performance Officer"],
        ["Head of Careers"],
    ]
    assert unplaced == []


def test_a_numbered_title_above_numbered_actions_is_a_priority(tmp_path: Path) -> None:
    plan, _ = _plan(
        tmp_path,
        "plan.md",
        "# Plan\n\n1. Timely EHC plans\n\n1.1 Recruit two coordinators (Lead: Head of SEND)\n",
    )
    assert [(p.ref, p.title) for p in plan.priorities] == [("P1", "Timely EHC plans")]
    assert [(a.ref, a.priority) for a in plan.actions] == [("1.1", "P1")]
    assert plan.findings == []


def test_the_readme_s_paragraph_forms_with_no_heading_above(tmp_path: Path) -> None:
    plan, unplaced = _plan(
        tmp_path,
        "plan.txt",
        "Ashby Vale Accelerated Progress Plan\n\n"
        "1.1 Recruit three EHC coordinators. Lead: Head of SEND. By: October 2024. "
        "Status: Complete\n\n"
        "1.2 Commission an external provider (Lead: Head of SEND; by December 2024)\n",
    )
    assert _actions(plan) == [
        ("1.1", "Recruit three EHC coordinators", ["Head of SEND"], "October 2024", "Complete"),
        ("1.2", "Commission an external provider", ["Head of SEND"], "by December 2024", None),
    ]
    assert unplaced == []


def test_fields_on_the_line_under_a_finding_heading_leave_the_action_s_text(
    tmp_path: Path,
) -> None:
    """Before: 'Lead: ... By: ... Status: ...' stayed in the action's text."""
    plan, _ = _plan(
        tmp_path,
        "plan.txt",
        "Ashby Vale Accelerated Progress Plan\n\n"
        "Area for improvement 1: Timeliness of EHC plans\n\n"
        "1.1 Recruit three EHC coordinators. Lead: Head of SEND. By: October 2024. "
        "Status: Complete\n",
    )
    assert _actions(plan) == [
        ("1.1", "Recruit three EHC coordinators", ["Head of SEND"], "October 2024", "Complete")
    ]
    assert list(plan.actions[0].addresses) == ["AFI-1"]


def test_a_ref_and_one_field_alone_is_no_action(tmp_path: Path) -> None:
    """A line of notes that starts like a ref and names one owner stays for the review."""
    plan, unplaced = _plan(
        tmp_path, "notes.txt", "Notes\n\n3.3 DCO Siobhan Weaver (responsible: the DCO)\n"
    )
    assert plan.actions == []
    assert unplaced == ["3.3 DCO Siobhan Weaver (responsible: the DCO)"]


def test_a_wrapped_list_item_is_not_cut_at_a_ref() -> None:
    from loaders.documents.readers.text import text_blocks

    blocks = text_blocks("- Owners named in a row are\n  1.3 Family Voice and others\n")
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("item", "Owners named in a row are 1.3 Family Voice and others")
    ]


# -- defect 2: fields in brackets --------------------------------------------------------


def test_fields_in_brackets_leads_a_period_and_a_status_word(tmp_path: Path) -> None:
    """Before: an organisation 's: Head of Post-16 and Millbrook College', owners
    'ongoing-from' and 'september-2024' and no due, no status from 'complete'."""
    plan, _ = _plan(
        tmp_path,
        "plan.md",
        "# Millbrook SEND Improvement Plan\n\n"
        "## Area for improvement 1: Preparation for adulthood is weak\n\nWe will:\n\n"
        "- Expand supported internships to 30 places "
        "(Leads: Head of Post-16 and Millbrook College; by July 2025)\n"
        "- Create a directory of alternative provision "
        "(Lead: Virtual School Head; by January 2025; complete)\n"
        "- Review every placement in unregistered provision "
        "(Lead: Virtual School Head; ongoing from September 2024)\n",
    )
    assert [(owners, due, status) for _, _, owners, due, status in _actions(plan)] == [
        (["Head of Post-16", "Millbrook College"], "by July 2025", None),
        (["Virtual School Head"], "by January 2025", "complete"),
        (["Virtual School Head"], "ongoing from September 2024", None),
    ]


# -- defect 3: an outline's "Action 1.1 Recruit ..." -------------------------------------


def test_an_outline_action_without_a_colon_keeps_its_ref(tmp_path: Path) -> None:
    """Before: ref '1' and text '1 Recruit ...'."""
    plan, _ = _plan(
        tmp_path,
        "outline.txt",
        "Priority 1 Timeliness of EHC plans\n"
        "  Action 1.1 Recruit three additional educational psychologists\n"
        "    Owner: Principal Educational Psychologist\n"
        "    Due: Jan 2025\n"
        "  Action 1.2 Introduce a weekly EHCP timeliness dashboard\n"
        "    Owner: SEND Performance Lead\n"
        "    Due: Oct 2024\n",
    )
    assert _actions(plan) == [
        (
            "1.1",
            "Recruit three additional educational psychologists",
            ["Principal Educational Psychologist"],
            "Jan 2025",
            None,
        ),
        (
            "1.2",
            "Introduce a weekly EHCP timeliness dashboard",
            ["SEND Performance Lead"],
            "Oct 2024",
            None,
        ),
    ]


# -- defect 4: the paragraph under a finding's or priority's heading ---------------------

TABLE = (
    "| No. | Action | Responsible officer | Target date |\n|---|---|---|---|\n"
    "| 1 | Agree a joint commissioning strategy | Amanda Pryce, Head of Commissioning "
    "| Nov 2024 |\n"
)


def test_the_paragraph_under_a_finding_heading_is_the_rest_of_the_finding(
    tmp_path: Path,
) -> None:
    """Before: the finding was its heading alone and the paragraph 'not placed'."""
    plan, unplaced = _plan(
        tmp_path,
        "plan.md",
        "# Greystone SEND Improvement Plan\n\n## Area for improvement 1: Joint commissioning\n\n"
        "Leaders have not developed joint commissioning arrangements that meet needs.\n\n" + TABLE,
    )
    assert [f.text for f in plan.findings] == [
        "Joint commissioning: Leaders have not developed joint commissioning arrangements"
        " that meet needs."
    ]
    assert unplaced == []


def test_the_paragraph_under_a_priority_heading_is_its_outcome(tmp_path: Path) -> None:
    plan, unplaced = _plan(
        tmp_path,
        "plan.md",
        "# Harwood SEND Improvement Plan\n\n## Priority 1: Alternative provision\n\n"
        "Every pupil in alternative provision has a clear plan to return to school.\n\n" + TABLE,
    )
    assert [(p.title, p.outcome) for p in plan.priorities] == [
        (
            "Alternative provision",
            "Every pupil in alternative provision has a clear plan to return to school.",
        )
    ]
    assert unplaced == []


def test_a_line_under_a_finding_heading_that_is_no_sentence_stays_for_the_review(
    tmp_path: Path,
) -> None:
    plan, unplaced = _plan(
        tmp_path,
        "plan.md",
        "# Plan\n\n## Area for improvement 1: Joint commissioning\n\nWhat inspectors said\n\n"
        + TABLE,
    )
    assert [f.text for f in plan.findings] == ["Joint commissioning"]
    assert unplaced == ["What inspectors said"]


# -- defect 5: governance and a colour key under a tracker table ------------------------


def test_a_governance_line_and_a_key_under_a_tracker_are_no_findings(tmp_path: Path) -> None:
    """Before: both lines became findings AFI-1 and AFI-2 that no action addressed, so the
    audit failed 'uncovered', and the boards were not read."""
    plan, unplaced = _plan(
        tmp_path,
        "tracker.csv",
        "Ref,Action,Lead Officer,Deadline,RAG\n"
        "6.1,Agree a SEND outcomes framework,SEND Performance Lead,Dec 2024,A\n"
        ",,,,\n"
        '"Key: B = Complete, G = On track, A = Some slippage, R = Significantly off track",,,,\n'
        '"Progress is reported monthly to the SEND Improvement Board, which reports quarterly'
        ' to the Health and Wellbeing Board.",,,,\n',
    )
    assert plan.findings == []
    assert [a.ref for a in plan.actions] == ["6.1"]
    assert [(b.name, list(b.reports_to)) for b in plan.boards] == [
        ("SEND Improvement Board", ["health-and-wellbeing-board"]),
        ("Health and Wellbeing Board", []),
    ]
    assert unplaced == [
        "Key: B = Complete, G = On track, A = Some slippage, R = Significantly off track"
    ]
