"""Trials of ``import`` on what councils' documents do that the corpus lacked: a Word
table's row struck through, sub-bullets under an action with no lead-in above the list, a
post held as a job share, a due written after the phase it belongs to.

Each case is the smallest input of a trial that lost or invented data before its fix."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from graphmodel.model import Plan
from loaders.documents import import_document, report_text


def _plan(tmp_path: Path, name: str, text: str) -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_document(path).plan


def _actions(plan: Plan) -> list[tuple[str, list[str], str | None]]:
    """(text, owners' names or posts, due as written) of every action."""
    people = {p.ref: p.name or p.post for p in plan.people}
    return [
        (
            a.text,
            [people.get(o.party.ref, o.party.ref) for o in a.owners],
            a.due.text if a.due else None,
        )
        for a in plan.actions
    ]


# -- a Word table's row struck through ------------------------------------------------------


def _word_table(path: Path, rows: list[list[str]], struck: int) -> Path:
    document = docx.Document()
    document.add_heading("Written Statement of Action: Anyshire", 0)
    document.add_heading("Priority 1: EHCP timeliness", 1)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
            if r == struck:
                cell.paragraphs[0].runs[0].font.strike = True
    document.save(str(path))
    return path


def test_a_word_row_struck_through_is_set_aside_and_named(tmp_path: Path) -> None:
    """The line-by-line reading (kept for this seed-like table) drafted the struck row."""
    path = _word_table(
        tmp_path / "plan.docx",
        [
            ["Ref", "Action", "Lead", "By when", "RAG"],
            ["1.1", "Recruit four EHC plan coordinators", "Head of SEND", "Sept 2024", "Green"],
            ["1.2", "Commission an external EHCP audit", "Principal EP", "Dec 2024", "Amber"],
            ["1.3", "Introduce a weekly timeliness dashboard", "SEND Manager", "Jan 2025", "Red"],
        ],
        struck=2,
    )
    result = import_document(path)
    assert [a.text for a in result.plan.actions] == [
        "Recruit four EHC plan coordinators",
        "Introduce a weekly timeliness dashboard",
    ]
    text = report_text(result.report)
    assert "table 1, row 3: a struck-through row, not drafted" in text
    assert "Commission an external EHCP audit" in text


# -- sub-bullets under a bullet action, no lead-in above the list ---------------------------


def test_sub_bullets_under_an_action_without_a_lead_in_are_its_steps(tmp_path: Path) -> None:
    """With ``We will:`` above the list they were the action's steps; without it each was an
    action of its own, with no owner and no due."""
    plan = _plan(
        tmp_path,
        "wsa.md",
        "# Anyshire Written Statement of Action\n\n"
        "## Priority 1: Improve the timeliness of EHC plans\n\n"
        "- Recruit four EHC plan coordinators (Head of SEND, Sept 2024)\n"
        "    - Agree funding with the Director of Children's Services\n"
        "    - Advertise and appoint the posts (HR Business Partner, Oct 2024)\n"
        "- Introduce a weekly EHCP timeliness dashboard (SEND Service Manager, Dec 2024)\n",
    )
    assert _actions(plan) == [
        (
            "Recruit four EHC plan coordinators; Agree funding with the Director of "
            "Children's Services",
            ["Head of SEND"],
            "Sept 2024",
        ),
        ("Introduce a weekly EHCP timeliness dashboard", ["SEND Service Manager"], "Dec 2024"),
    ]
    steps = [(m.text, m.due.text if m.due else None) for m in plan.actions[0].milestones]
    assert steps == [("Advertise and appoint the posts (HR Business Partner)", "Oct 2024")]


# -- a post held as a job share -------------------------------------------------------------


def test_a_post_held_as_a_job_share_is_each_holder_in_that_post(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire SEND Priority Action Plan\n\n"
        "| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Recruit four EHC plan coordinators"
        " | Head of SEND (job share: A Patel / B Jones) | Sept 2024 |\n"
        "| 1.2 | Audit EHCP quality | SEND Service Manager - job share (Priya Shah and Tom Reed),"
        " Anyshire Council | Dec 2024 |\n"
        "| 1.3 | Agree the joint pathway | Head of SEND (shared with the DCO) | Jan 2025 |\n",
    )
    people = {p.ref: (p.name, p.post) for p in plan.people}
    owners = [[people.get(o.party.ref) for o in a.owners] for a in plan.actions]
    assert owners[0] == [("A Patel", "Head of SEND"), ("B Jones", "Head of SEND")]
    post = "SEND Service Manager"
    assert owners[1] == [("Priya Shah", post), ("Tom Reed", post)]
    employers = {p.organisation for p in plan.people if p.name in ("Priya Shah", "Tom Reed")}
    assert employers == {"anyshire-council"}
    assert len(owners[2]) == 2 and ("Head of SEND" in {p for _, p in owners[2] if p})
    assert not any("job" in (p.name or "").casefold() for p in plan.people)


# -- a due written after its phase ----------------------------------------------------------


def test_a_due_after_its_phase_in_a_bullets_bracket_is_read(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        "wsa.md",
        "# Anyshire Written Statement of Action\n\n## Priority 1: EHCP timeliness\n\nWe will:\n\n"
        "- Recruit four EHC plan coordinators (Head of SEND, Phase 1: Sept 2024)\n"
        "- Launch the new annual review process (SEND Service Manager, Stage 2 - Jan 2025)\n"
        "- Publish the Local Offer refresh (Head of SEND, Phase 3 (Q3 2024/25))\n",
    )
    assert _actions(plan) == [
        ("Recruit four EHC plan coordinators", ["Head of SEND"], "Sept 2024"),
        ("Launch the new annual review process", ["SEND Service Manager"], "Jan 2025"),
        ("Publish the Local Offer refresh", ["Head of SEND"], "Q3 2024/25"),
    ]


# -- a priority's measures of success and outcomes listed under it --------------------------


def test_a_prioritys_success_measures_and_outcomes_are_not_actions(tmp_path: Path) -> None:
    """Every bullet under a priority was an action: the measures of success after ``How we
    will know:`` (or under a heading of that name) and the outcomes after ``Outcomes we
    want:`` were drafted as actions with no owner and no due."""
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire Local Area SEND Priority Action Plan\n\n"
        "## Priority 1: Improve the timeliness of EHC plans\n\nWhat we will do:\n\n"
        "- Recruit four EHC plan coordinators (Head of SEND, Sept 2024)\n\n"
        "How we will know (success measures):\n\n"
        "- 60% of new EHC plans issued within 20 weeks by March 2025\n"
        "- Parents tell us in the termly survey that they are kept informed\n\n"
        "## Priority 2: Preparation for adulthood\n\nOutcomes we want:\n\n"
        "- Young people with EHC plans have a transition plan from Year 9\n\n"
        "### Actions\n\n"
        "- Publish a PfA pathway co-produced with the Parent Carer Forum (PfA Lead, Jan 2025)\n\n"
        "### What success looks like\n\n"
        "- 90% of Year 11 pupils with EHC plans have a confirmed post-16 place\n",
    )
    assert [a.text for a in plan.actions] == [
        "Recruit four EHC plan coordinators",
        "Publish a PfA pathway co-produced with the Parent Carer Forum",
    ]
    measures = {m.ref: m.text for m in plan.measures}
    p1, p2 = plan.priorities
    assert [measures[m] for m in p1.measures] == [
        "60% of new EHC plans issued within 20 weeks by March 2025",
        "Parents tell us in the termly survey that they are kept informed",
    ]
    assert [measures[m] for m in p2.measures] == [
        "90% of Year 11 pupils with EHC plans have a confirmed post-16 place"
    ]
    assert p2.outcome == "Young people with EHC plans have a transition plan from Year 9"


# -- owners as initials, with a key of initials at the end ----------------------------------


def test_a_key_of_initials_with_name_and_role_in_one_cell_gives_the_owners(
    tmp_path: Path,
) -> None:
    """``Initials | Name and role`` (no column headed ``Name``) was no key: every owner was an
    organisation called by its initials, and the key's rows were unplaced. An entry that is
    a post or an organisation (``DCO``, ``PCF``) stands for that post or organisation."""
    document = docx.Document()
    document.add_heading("Anyshire Written Statement of Action", 0)
    table = document.add_table(rows=0, cols=4)
    for cells in [
        ["Ref", "What we will do", "Who", "By when"],
        ["A1.1", "Recruit four EHC plan coordinators", "JB", "Sept 2024"],
        ["A1.2", "Introduce a weekly EHCP timeliness dashboard", "SL / JB", "Dec 2024"],
        ["A1.3", "Commission more speech and language therapy", "DCO", "Q3 2024/25"],
        ["A1.4", "Co-produce the QA framework", "PCF", "Jan 2025"],
    ]:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    document.add_heading("Key to initials", 1)
    key = document.add_table(rows=0, cols=2)
    for cells in [
        ["Initials", "Name and role"],
        ["JB", "Jo Bloggs, Head of SEND"],
        ["SL", "Sam Lee, SEND Service Manager"],
        ["DCO", "Designated Clinical Officer, NHS Cheshire and Merseyside ICB"],
        ["PCF", "Anyshire Parent Carer Forum"],
    ]:
        for cell, text in zip(key.add_row().cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "wsa.docx"
    document.save(str(path))
    result = import_document(path)
    plan = result.plan
    people = {p.ref: p for p in plan.people}
    orgs = {o.ref: o.name for o in plan.organisations}

    def owner(ref: str) -> tuple[str | None, str | None]:
        if ref in orgs:
            return orgs[ref], None
        return people[ref].name, people[ref].post

    owners = [[owner(o.party.ref) for o in a.owners] for a in plan.actions]
    assert owners == [
        [("Jo Bloggs", "Head of SEND")],
        [("Sam Lee", "SEND Service Manager"), ("Jo Bloggs", "Head of SEND")],
        [(None, "Designated Clinical Officer")],
        [("Anyshire Parent Carer Forum", None)],
    ]
    dco = people[plan.actions[2].owners[0].party.ref]
    assert dco.organisation is not None and orgs[dco.organisation] == (
        "NHS Cheshire and Merseyside ICB"
    )
    assert "JB | Jo Bloggs" not in report_text(result.report)


# -- a web page's collapsible sections; a bullet after its ref ------------------------------


def test_a_web_pages_collapsible_sections_keep_their_governance_and_refs(
    tmp_path: Path,
) -> None:
    """A ``summary`` took the line of the paragraph before it (white space before its words
    kept the old start), so placing the priority placed the governance sentence too: the
    boards were lost, unlisted. A bullet's own ref (``A2.1 Commission ...``) was left in its
    text and a made-up ref given."""
    plan = _plan(
        tmp_path,
        "plan.html",
        "<html><body><main>\n<h1>Anyshire SEND Written Statement of Action</h1>\n"
        "<p>Progress is overseen by the SEND Improvement Board, which reports to the Health"
        " and Wellbeing Board.</p>\n<details>\n<summary>Priority 1: EHC plan timeliness"
        "</summary>\n<table><tr><th>Action</th><th>Lead</th><th>Deadline</th></tr>\n"
        "<tr><td>A1.1 Recruit four EHC plan coordinators</td><td>Head of SEND</td>"
        "<td>Sept 2024</td></tr></table>\n</details>\n<details>\n"
        "<summary>Therapy waiting times</summary>\n<ul>\n"
        "<li>A2.1 Commission more speech and language therapy (DCO, Q3 2024/25)</li>\n"
        "</ul>\n</details>\n</main></body></html>\n",
    )
    boards = [b.name for b in plan.boards]
    assert boards == ["SEND Improvement Board", "Health and Wellbeing Board"]
    assert [(a.ref, a.text, a.priority) for a in plan.actions] == [
        ("A1.1", "Recruit four EHC plan coordinators", "P1"),
        # a section of its own, not more of priority 1
        ("A2.1", "Commission more speech and language therapy", None),
    ]


# -- statuses written as ticks --------------------------------------------------------------


def test_a_tick_in_a_status_cell_reads_as_complete(tmp_path: Path) -> None:
    """``✔`` was no word of the draft's scale: the audit said every ticked action had an
    unknown status. A cross stays for a human to say what it means."""
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire SEND Priority Action Plan\n\n"
        "| Ref | Action | Lead | Due | Status |\n|---|---|---|---|---|\n"
        "| 1.1 | Recruit four EHC plan coordinators | Head of SEND | Sept 2024 | ✔ |\n"
        "| 1.2 | Introduce a weekly dashboard | SEND Service Manager | Dec 2024 | ✗ |\n"
        "| 1.3 | Publish the Local Offer refresh | Head of SEND | Jan 2025 | ✓ 12/09/24 |\n",
    )
    read = [plan.status_scale.read(a.status) for a in plan.actions]
    assert [r.value.value if r and r.value else None for r in read] == [
        "complete",
        None,
        "complete",
    ]


# -- pasted text: "Area for priority action" findings, actions after lettered refs -----------


def test_pasted_actions_after_lettered_refs_under_areas_for_priority_action(
    tmp_path: Path,
) -> None:
    """Lines starting ``A1.2 …`` ran into the one above (only ``1.2 …`` started a line of its
    own) and ``Area for priority action 1:`` (the 2023 framework's words) was no finding:
    the draft had no action and no finding, every line unplaced."""
    plan = _plan(
        tmp_path,
        "pasted.txt",
        "Anyshire Local Area Partnership\nPriority Action Plan\n\n"
        "Area for priority action 1: Leaders do not know how timely EHC plans are.\n\n"
        "A1.1 Produce a monthly EHCP timeliness report. Lead: Head of SEND. By: Dec 2024. "
        "Status: On track\n"
        "A1.2 Recruit two educational psychologists. Lead: Principal EP. By: Jan 2025. "
        "Status: Delayed\n",
    )
    assert [(f.ref, f.kind.value) for f in plan.findings] == [("PA-1", "priority_action")]
    assert [(a.ref, a.text, a.status) for a in plan.actions] == [
        ("A1.1", "Produce a monthly EHCP timeliness report", "On track"),
        ("A1.2", "Recruit two educational psychologists", "Delayed"),
    ]
    assert all(a.addresses and a.addresses[0].ref == "PA-1" for a in plan.actions)


def test_measures_under_a_finding_without_a_priority_are_listed_not_drafted(
    tmp_path: Path,
) -> None:
    """A WSA set out by weakness, ``How we will know`` under each: its bullets were actions."""
    document = docx.Document()
    document.add_heading("Anyshire SEND Written Statement of Action", 0)
    document.add_heading("Area of significant weakness 1: Co-production is weak", 1)
    document.add_paragraph("What we will do", style="Heading 2")
    document.add_paragraph(
        "Co-produce a communication charter with the Parent Carer Forum"
        " (Participation Lead, Oct 2024)",
        style="List Bullet",
    )
    document.add_paragraph("How we will know", style="Heading 2")
    document.add_paragraph(
        "75% of parents say they feel listened to in the annual survey", style="List Bullet"
    )
    path = tmp_path / "wsa.docx"
    document.save(str(path))
    result = import_document(path)
    assert [a.text for a in result.plan.actions] == [
        "Co-produce a communication charter with the Parent Carer Forum"
    ]
    text = report_text(result.report)
    assert "a measure of success under a finding, not drafted as an action" in text
    assert "75% of parents say they feel listened to" in text


def test_a_tab_table_with_a_key_of_initials_and_a_due_column(tmp_path: Path) -> None:
    """Extracted text with a tab table is the seed-shape reading's home ground: it kept its
    own draft, which cannot read a key (owners were organisations called ``JB``), and it
    read a column headed ``Due`` as no column at all (each due went to the note)."""
    plan = _plan(
        tmp_path,
        "key.txt",
        "Anyshire SEND Priority Action Plan\n\nPriority 1: EHCP timeliness\n\n"
        "Ref\tAction\tLead\tDue\tRAG\n"
        "1.1\tRecruit four EHC plan coordinators\tJB\tSept 2024\tGreen\n"
        "1.2\tIntroduce a weekly timeliness dashboard\tSL / JB\tDec 2024\tAmber\n\n"
        "Key to initials\n\nInitials\tName and role\n"
        "JB\tJo Bloggs, Head of SEND\nSL\tSam Lee, SEND Service Manager\n",
    )
    assert _actions(plan) == [
        ("Recruit four EHC plan coordinators", ["Jo Bloggs"], "Sept 2024"),
        ("Introduce a weekly timeliness dashboard", ["Sam Lee", "Jo Bloggs"], "Dec 2024"),
    ]


def test_the_seed_shape_reading_reads_a_column_headed_due() -> None:
    from loaders.documents.build import draft_from_text

    text = (
        "Anyshire SEND Priority Action Plan\n\nRef\tAction\tLead\tDue\tRAG\n"
        "1.1\tRecruit four EHC plan coordinators\tHead of SEND\tSept 2024\tGreen\n"
    )
    (action,) = draft_from_text(text, "plan.txt").plan.actions
    assert action.due is not None and action.due.text == "Sept 2024"
    assert action.note is None


def test_a_complete_column_of_yes_and_ticks_is_the_status(tmp_path: Path) -> None:
    """``Complete?`` was no column actiongraph knew: its ticks and yeses went to the notes
    and no action had a status."""
    plan = _plan(
        tmp_path,
        "tracker.csv",
        "Action No.,Action,Owner,Target date,Complete?,% complete\n"
        "A1.1,Recruit four EHC plan coordinators,Head of SEND,Sept 2024,✔,100%\n"
        "A1.2,Introduce a weekly dashboard,SEND Service Manager,Dec 2024,No,40%\n"
        "A1.3,Commission more speech and language therapy,Head of SEND,Jan 2025,Yes,100%\n",
    )
    assert [a.status for a in plan.actions] == ["Complete", None, "Complete"]
    assert all("% complete" in (a.note or "") for a in plan.actions)  # a measure: kept


def test_a_word_bullet_struck_through_is_set_aside_and_named(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Anyshire SEND Written Statement of Action", 0)
    document.add_heading("Priority 1: Alternative provision", 1)
    document.add_paragraph("We will:")
    document.add_paragraph(
        "Map all alternative provision placements (AP Commissioning Manager, Sept 2024)",
        style="List Bullet",
    )
    dropped = document.add_paragraph(style="List Bullet")
    dropped.add_run("Open a second AP hub (Head of Inclusion, Jan 2025)").font.strike = True
    path = tmp_path / "wsa.docx"
    document.save(str(path))
    result = import_document(path)
    assert [a.text for a in result.plan.actions] == ["Map all alternative provision placements"]
    text = report_text(result.report)
    assert "a struck-through paragraph, not drafted" in text and "second AP hub" in text


def test_a_key_written_as_a_list_gives_the_owners_and_no_actions(tmp_path: Path) -> None:
    """The key's entries under a priority were actions (``JB – Jo Bloggs, Head of SEND``),
    and the owners organisations called by their initials."""
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire SEND Priority Action Plan\n\n## Priority 1: EHCP timeliness\n\n"
        "| Ref | Action | Lead | By when |\n|---|---|---|---|\n"
        "| 1.1 | Recruit four EHC plan coordinators | JB | Sept 2024 |\n"
        "| 1.2 | Commission more speech and language therapy | JB/DCO | Dec 2024 |\n\n"
        "Key to leads:\n\n- JB – Jo Bloggs, Head of SEND\n"
        "- DCO – Designated Clinical Officer, NHS Cheshire and Merseyside ICB\n",
    )
    assert _actions(plan) == [
        ("Recruit four EHC plan coordinators", ["Jo Bloggs"], "Sept 2024"),
        (
            "Commission more speech and language therapy",
            ["Jo Bloggs", "Designated Clinical Officer"],
            "Dec 2024",
        ),
    ]
    assert [p.post for p in plan.people if p.name == "Jo Bloggs"] == ["Head of SEND"]


def test_an_action_named_on_a_line_of_its_own_with_its_fields_below(tmp_path: Path) -> None:
    """``Action A3.1`` alone on its line started nothing: the fields below it were every one
    unplaced and the draft had no action."""
    plan = _plan(
        tmp_path,
        "plan.txt",
        "Anyshire SEND Improvement Plan\n\nAction A3.1\n"
        "What: Develop a supported internships programme with two colleges\n"
        "Who: Post-16 SEND Lead\nWhen: Sept 2024\nRAG: Green\n\nAction A3.2\n"
        "What: Refresh the transition protocol with adult social care\n"
        "Who: Head of SEND\nWhen: end of spring term 2025\nRAG: Amber\n",
    )
    assert [(a.ref, a.status) for a in plan.actions] == [("A3.1", "Green"), ("A3.2", "Amber")]
    assert _actions(plan) == [
        (
            "Develop a supported internships programme with two colleges",
            ["Post-16 SEND Lead"],
            "Sept 2024",
        ),
        (
            "Refresh the transition protocol with adult social care",
            ["Head of SEND"],
            "end of spring term 2025",
        ),
    ]


def test_a_pdfs_priority_heading_under_a_title_of_its_size_and_a_lead_in_after_bullets(
    tmp_path: Path,
) -> None:
    """A PDF's ``Priority 1: …`` in the title's size, close under it, was read as the
    title's second line (the priority was lost), and ``How we will know:`` after a bullet
    as that bullet's last line (its measures became actions)."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()

    def bullets(texts: list[str]) -> ListFlowable:
        return ListFlowable(
            [ListItem(Paragraph(t, styles["BodyText"])) for t in texts], bulletType="bullet"
        )

    path = tmp_path / "wsa.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Anyshire Written Statement of Action", styles["Title"]),
            Paragraph("Priority 1: Joint commissioning of therapies", styles["Heading1"]),
            Paragraph("What we will do:", styles["BodyText"]),
            bullets(["Pool budgets for occupational therapy (DCO, March 2025)"]),
            Paragraph("How we will know:", styles["BodyText"]),
            bullets(["Waits for speech and language therapy fall below 18 weeks"]),
        ]
    )
    plan = import_document(path).plan
    assert plan.title == "Anyshire Written Statement of Action"
    assert [(p.ref, p.title) for p in plan.priorities] == [
        ("P1", "Joint commissioning of therapies")
    ]
    assert [(a.text, a.priority) for a in plan.actions] == [
        ("Pool budgets for occupational therapy", "P1")
    ]
    assert [m.text for m in plan.measures] == [
        "Waits for speech and language therapy fall below 18 weeks"
    ]


def test_a_web_pages_struck_rows_and_items_are_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><body><h1>Anyshire SEND Priority Action Plan</h1>\n"
        "<table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due</th></tr>\n"
        "<tr><td>1.1</td><td>Recruit four EHC plan coordinators</td><td>Head of SEND</td>"
        "<td>Sept 2024</td></tr>\n"
        "<tr><td><s>1.2</s></td><td><s>Open a second AP hub</s></td>"
        "<td><s>Head of Inclusion</s></td><td><s>Jan 2025</s></td></tr>\n"
        '<tr style="text-decoration: line-through"><td>1.3</td><td>Commission a provider</td>'
        "<td>Head of Commissioning</td><td>Mar 2025</td></tr>\n</table>\n<p>We will:</p>\n"
        "<ul>\n<li>Keep this live action (Head of SEND, May 2025)</li>\n"
        "<li><del>Drop this one (Head of SEND, May 2025)</del></li>\n</ul>\n</body></html>\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [a.text for a in result.plan.actions] == [
        "Recruit four EHC plan coordinators",
        "Keep this live action",
    ]
    text = report_text(result.report)
    for dropped in ("Open a second AP hub", "Commission a provider", "Drop this one"):
        assert dropped in text


def test_markdown_struck_through_rows_and_items_are_set_aside(tmp_path: Path) -> None:
    """``~~...~~`` rows and bullets were drafted as live actions, the tildes in their text; a
    date struck out and written again (``~~Jan 2025~~ Mar 2025``) is the new date."""
    result_md = tmp_path / "plan.md"
    result_md.write_text(
        "# Anyshire SEND Priority Action Plan\n\n## Priority 1: EHCP timeliness\n\nWe will:\n\n"
        "- Recruit four EHC plan coordinators (Head of SEND, Sept 2024)\n"
        "- ~~Open a second AP hub (Head of Inclusion, Jan 2025)~~\n\n"
        "| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.3 | Publish the Local Offer refresh | Local Offer Manager | ~~Jan 2025~~ Mar 2025 |\n"
        "| ~~1.4~~ | ~~Commission a provider~~ | ~~Head of Commissioning~~ | ~~Mar 2025~~ |\n",
        encoding="utf-8",
    )
    tab = tmp_path / "plan.txt"
    tab.write_text(
        "Anyshire SEND Priority Action Plan\n\nRef\tAction\tLead\tDue\tRAG\n"
        "1.1\tRecruit four EHC plan coordinators\tHead of SEND\tSept 2024\tGreen\n"
        "~~1.2~~\t~~Open a second AP hub~~\t~~Head of Inclusion~~\t~~Jan 2025~~\t~~Red~~\n",
        encoding="utf-8",
    )
    md, txt = import_document(result_md), import_document(tab)
    assert _actions(md.plan) == [
        ("Recruit four EHC plan coordinators", ["Head of SEND"], "Sept 2024"),
        ("Publish the Local Offer refresh", ["Local Offer Manager"], "Mar 2025"),
    ]
    assert [a.text for a in txt.plan.actions] == ["Recruit four EHC plan coordinators"]
    for result, dropped in ((md, "Commission a provider"), (txt, "Open a second AP hub")):
        assert f"{dropped}" in report_text(result.report)
        assert "struck-through row, not drafted" in report_text(result.report)


def test_initials_separated_by_commas_and_a_key_row_naming_a_post(tmp_path: Path) -> None:
    """``JB (lead), SL`` was read as a post ``JB (lead)`` at an organisation ``SL``; the key's
    ``DCO | Designated Clinical Officer | NHS ... ICB`` made a person called ``Designated
    Clinical Officer`` whose post was the ICB."""
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire SEND Priority Action Plan\n\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Recruit four EHC plan coordinators | JB (lead), SL | Sept 2024 |\n"
        "| 1.2 | Agree a joint pathway | DCO & JB | Jan 2025 |\n\n## Key\n\n"
        "| Initials | Name | Role |\n|---|---|---|\n| JB | Jo Bloggs | Head of SEND |\n"
        "| SL | Sam Lee | SEND Service Manager |\n"
        "| DCO | Designated Clinical Officer | NHS Cheshire and Merseyside ICB |\n",
    )
    assert [owners for _, owners, _ in _actions(plan)] == [
        ["Jo Bloggs", "Sam Lee"],
        ["Designated Clinical Officer", "Jo Bloggs"],
    ]
    (dco,) = [p for p in plan.people if p.post == "Designated Clinical Officer"]
    assert dco.name is None and dco.organisation == "nhs-cheshire-and-merseyside-icb"
