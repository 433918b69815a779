"""Governance written as prose in a plan: the boards, who reports to whom, who chairs and how
often each meets are read into the draft (and listed for a human to check), so that the
reporting chains of an imported plan reach the top board."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.statuses import Status
from loaders.documents import import_document
from loaders.documents.governance import read_governance
from queries.reporting import chain

GOVERNANCE = (
    "Progress will be reported monthly to the SEND Improvement Board, chaired by the Director "
    "of Children's Services, which reports quarterly to the Eastshire Health and Wellbeing Board."
)


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Eastshire SEND Priority Action Plan 2025", level=1)
    document.add_heading("Priority 1: Timely EHC needs assessments", level=2)
    table = document.add_table(rows=3, cols=4)
    for c, text in enumerate(["Ref", "What we will do", "Who", "When"]):
        table.cell(0, c).text = text
    for r, row in enumerate(
        [
            ("1.1", "Recruit four more educational psychologists", "Jo Bloggs", "Sep-25"),
            ("1.2", "Set up a weekly multi-agency panel", "Head of SEND", "Apr-25"),
        ],
        start=1,
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_heading("Governance", level=2)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def test_a_governance_paragraph_gives_boards_chairs_cadences_and_the_chain(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.docx"
    _docx(path, [GOVERNANCE])
    result = import_document(path)
    plan = result.plan
    boards = {b.ref: b for b in plan.boards}
    sib = boards["send-improvement-board"]
    assert sib.reports_to == ["eastshire-health-and-wellbeing-board"]
    assert sib.cadence is not None and sib.cadence.value == "monthly"
    assert boards["eastshire-health-and-wellbeing-board"].cadence.value == "quarterly"
    chair = next(p for p in plan.people if p.ref == sib.chair)
    assert chair.post == "Director of Children's Services"
    assert [p.reports_to for p in plan.priorities] == [["send-improvement-board"]]
    found = chain(build_graph(plan), "1.1")
    assert found.path == [
        "1.1",
        "P1",
        "send-improvement-board",
        "eastshire-health-and-wellbeing-board",
    ]
    assert found.latency_days == 31 + 92
    review = [i.message for i in result.report.low_confidence]
    assert any(m.startswith("governance read from the text: ") for m in review), review
    assert GOVERNANCE[:40] not in (plan.note or "")  # placed, so not left in the note


@pytest.mark.parametrize(
    ("text", "reports_to", "plan_reports_to"),
    [
        (
            "The SEND Executive Board meets monthly and is chaired by Jo Bloggs. It reports to "
            "the Children's Partnership Board.",
            [("SEND Executive Board", "Children's Partnership Board")],
            [],
        ),
        ("Every priority reports to the SEND Executive Board.", [], ["SEND Executive Board"]),
        (
            "The SEND Partnership Board is ultimately accountable to the Health and Wellbeing "
            "Board which provides strategic direction.",
            [("SEND Partnership Board", "Health and Wellbeing Board")],
            [],
        ),
        # what does not say that one board reports to another
        (
            "The document does not say whether the Partnership Board reports to the Executive "
            "Board.",
            [],
            [],
        ),
        (
            "A board with nothing reporting to it gets its own chain, as the Health and "
            "Wellbeing Board does.",
            [],
            [],
        ),
    ],
)
def test_reporting_lines_read_from_a_sentence(
    text: str, reports_to: list[tuple[str, str]], plan_reports_to: list[str]
) -> None:
    said = read_governance(text)
    assert said is not None
    assert (said.reports_to, said.plan_reports_to) == (reports_to, plan_reports_to)


def test_a_chair_written_before_the_board_and_a_cadence_after_it() -> None:
    said = read_governance(
        "Cllr Amy Pond chairs the SEND Partnership Board, which meets quarterly and reports "
        "to the Health and Wellbeing Board."
    )
    assert said is not None
    assert said.chairs == {"SEND Partnership Board": "Cllr Amy Pond"}
    assert {b: c.value for b, c in said.cadences.items()} == {"SEND Partnership Board": "quarterly"}
    assert said.reports_to == [("SEND Partnership Board", "Health and Wellbeing Board")]


WEB_PAGE = """<html><head><title>Westvale SEND plan | Westvale Council</title></head><body>
<h1>Westvale Accelerated Progress Plan (APP)</h1>
<p>Following the Ofsted and CQC revisit in May 2024, we wrote this plan.</p>
<h2>Area of weakness 1: The timeliness of EHC plans</h2>
<ul>
<li><strong>1.1</strong> Recruit three more EHC coordinators. <em>Lead:</em> Head of SEND.
<em>By:</em> October 2024. <em>Status:</em> Complete</li>
<li><strong>1.2</strong> Track every assessment past week 12. <em>Lead:</em> SEND Performance
Manager. <em>By:</em> December 2024. <em>Status:</em> On track</li>
</ul></body></html>"""


def test_a_web_page_listing_each_action_with_its_fields_on_one_line(tmp_path: Path) -> None:
    """Before: each action's text was the whole line ('1.1 Recruit ... Lead: Head of SEND.
    By: October 2024. Status: Complete') with no owner, due date or status, refs 1, 2, and
    the area 'Status' (the most frequent capitalised word)."""
    path = tmp_path / "plan.html"
    path.write_text(WEB_PAGE, encoding="utf-8")
    plan = import_document(path).plan
    assert plan.area == "Westvale"
    found = [(a.ref, a.text, a.due.text if a.due else None, a.status) for a in plan.actions]
    assert found == [
        ("1.1", "Recruit three more EHC coordinators", "October 2024", "Complete"),
        ("1.2", "Track every assessment past week 12", "December 2024", "On track"),
    ]
    posts = {p.ref: p.post for p in plan.people}
    assert [posts[o.party.ref] for a in plan.actions for o in a.owners] == [
        "Head of SEND",
        "SEND Performance Manager",
    ]


def test_a_sentence_with_a_colon_is_not_read_as_fields() -> None:
    from loaders.documents.labelled import inline_fields

    assert inline_fields("Publish the offer. Note: the council will consult first.") is None
    assert inline_fields("Publish the offer. Lead: Jo Bloggs") is None  # one field: not enough


def test_a_task_list_s_boxes_are_statuses_not_refs(tmp_path: Path) -> None:
    """'- [x] Recruit ...' read '[x]' as a finding ref 'x' that nothing listed; a ticked box
    is now done, an empty one says nothing."""
    path = tmp_path / "plan.md"
    path.write_text(
        "# Greenvale SEND action plan\n\n"
        "## Area for improvement 1: Waiting times for assessment\n\n"
        "- [x] Recruit two educational psychologists (lead: Jo Bloggs, by March 2025)\n"
        "- [ ] Weekly triage panel for new requests (lead: Head of SEND, by June 2025)\n"
        "- ☑ Publish waiting times monthly (lead: Jo Bloggs, by May 2025)\n",
        encoding="utf-8",
    )
    result = import_document(path)
    plan = result.plan
    assert [(a.text, plan.status_of(a.status)) for a in plan.actions] == [
        ("Recruit two educational psychologists", Status.COMPLETE),
        ("Weekly triage panel for new requests", None),
        ("Publish waiting times monthly", Status.COMPLETE),
    ]
    assert not [i for i in result.report.low_confidence if "is not listed" in i.message]
