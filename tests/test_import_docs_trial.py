"""Trials of ``import`` on documents in layouts councils use that the corpus lacked: bullet
actions ending in an unlabelled ``(Owner, Date)`` bracket, an emailed list whose fields are
separated by dashes, a Word table holding its milestones in a table of their own, a title in
a bold paragraph or a PDF's title style, a web page's list item whose fields are on lines of
their own, a column of finding numbers under a list of findings.

Each case is the smallest input of a trial that lost or invented data before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.model import Plan
from loaders.documents import import_document


def _plan(tmp_path: Path, name: str, text: str) -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_document(path).plan


def _actions(plan: Plan) -> list[tuple[str, list[str], str | None, str | None]]:
    """(text, owners' posts or names, due as written, status) of every action."""
    people = {p.ref: p.post or p.name for p in plan.people}
    orgs = {o.ref: o.name for o in plan.organisations}
    return [
        (
            a.text,
            [people.get(o.party.ref) or orgs.get(o.party.ref, o.party.ref) for o in a.owners],
            a.due.text if a.due else None,
            a.status,
        )
        for a in plan.actions
    ]


# -- an unlabelled bracket after a bullet action: (Owner, Date) -----------------------------

BRACKETED = """# Brantwood SEND Improvement Plan

## Priority 1: Timeliness of EHC plans

- Clear the EHC needs assessment backlog (Head of SEND, March 2025)
- Improve the quality of EHC plans (Principal Educational Psychologist - Q3 2024/25)
- Agree a health advice pathway (Designated Clinical Officer (DCO), NHS Kent ICB, Q3 2024/25)
- Launch a preparation for adulthood pathway (Anna Kowalski, PfA Lead; July 2025)
- Expand supported internships [Employment Support Manager, Sept 2025]
- Run holiday clubs (Autumn, Spring and Summer 2025)
- Review the short breaks offer (see Appendix 2, March 2025)
"""


def test_an_unlabelled_bracket_after_an_action_gives_its_owner_and_due(tmp_path: Path) -> None:
    people = {p.post: p for p in _plan(tmp_path, "plan.md", BRACKETED).people}
    assert _actions(_plan(tmp_path, "plan.md", BRACKETED)) == [
        ("Clear the EHC needs assessment backlog", ["Head of SEND"], "March 2025", None),
        (
            "Improve the quality of EHC plans",
            ["Principal Educational Psychologist"],
            "Q3 2024/25",
            None,
        ),
        (
            "Agree a health advice pathway",
            ["Designated Clinical Officer (DCO)"],
            "Q3 2024/25",
            None,
        ),
        ("Launch a preparation for adulthood pathway", ["PfA Lead"], "July 2025", None),
        ("Expand supported internships", ["Employment Support Manager"], "Sept 2025", None),
        # a season is no owner, and words that are not a post leave the bracket in the text
        ("Run holiday clubs (Autumn, Spring and Summer 2025)", [], None, None),
        ("Review the short breaks offer (see Appendix 2, March 2025)", [], None, None),
    ]
    assert people["PfA Lead"].name == "Anna Kowalski"
    assert people["Designated Clinical Officer (DCO)"].organisation is not None


# -- fields after an emailed action, separated by dashes ---------------------------------------

EMAILED = """Area of significant weakness 1: waiting times for neurodevelopmental assessment

1.1 Commission a provider - Lead: Dr Amir Khan, Clinical Lead, Northmoor NHS Trust - By: March 2025 - Amber
1.2 Introduce a support offer - Lead: Early Help Service Manager - By: Dec 2024 - Green
"""  # noqa: E501


def test_dashed_fields_after_an_action_are_each_their_own(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "email.txt", EMAILED)
    assert _actions(plan) == [
        ("Commission a provider", ["Clinical Lead"], "March 2025", "Amber"),
        ("Introduce a support offer", ["Early Help Service Manager"], "Dec 2024", "Green"),
    ]
    assert [p.name for p in plan.people if p.name] == ["Dr Amir Khan"]
    assert [o.name for o in plan.organisations] == ["Northmoor NHS Trust"]


# -- a Word table with a table of milestones inside an action's cell ---------------------------


def test_a_table_inside_a_word_cell_is_kept_with_its_action(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Area of significant weakness 1: The timeliness of EHC plans", 1)
    table = document.add_table(rows=2, cols=4)
    for i, text in enumerate(["Action", "Lead", "Due", "Milestones"]):
        table.cell(0, i).text = text
    for i, text in enumerate(["Clear the assessment backlog", "Head of SEND", "March 2025"]):
        table.cell(1, i).text = text
    inner = table.cell(1, 3).add_table(rows=3, cols=2)
    for r, pair in enumerate([("Milestone", "Date"), ("Backlog halved", "Oct 2024")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = pair
    inner.cell(2, 0).text, inner.cell(2, 1).text = "Backlog cleared", "March 2025"
    path = tmp_path / "wsoa.docx"
    document.save(str(path))
    (action,) = import_document(path).plan.actions
    assert action.text == "Clear the assessment backlog"
    # kept as the action's milestones (tests/test_import_tables2_trial.py), once a note
    steps = [(m.text, m.due.text if m.due else None) for m in action.milestones]
    assert steps == [("Backlog halved", "Oct 2024"), ("Backlog cleared", "March 2025")]


# -- the title: a plan named with a finding's words, an email's subject ------------------------

PRIORITY_ACTION_PLAN = """# Felsham Local Area SEND Priority Action Plan

Felsham County Council and NHS Norfolk and Waveney ICB are jointly responsible for this plan.

## Priority action 1: Leaders should improve the timeliness of EHC plans

- Recruit two EHC coordinators (lead: Head of SEND, by March 2025)
"""

EMAIL = """From: Claire Hughes
Sent: 03 October 2024 09:14
To: SEND Improvement Board members
Subject: RE: Updated WSoA actions

Hi all,

Area of significant weakness 1: waiting times for neurodevelopmental assessment

1.1 Commission a provider to clear the waiting list (Owner: Clinical Lead; Due: March 2025)
"""


def test_a_plan_named_in_a_findings_words_is_the_title(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "plan.md", PRIORITY_ACTION_PLAN)
    assert plan.title == "Felsham Local Area SEND Priority Action Plan"
    assert [f.text for f in plan.findings] == ["Leaders should improve the timeliness of EHC plans"]


def test_a_pasted_emails_title_is_its_subject(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "email.txt", EMAIL)
    assert plan.title == "Updated WSoA actions"
    assert len(plan.actions) == 1


# -- an action's fields a line each in one list item (<br>, Word's Shift+Enter) ------------------

PAGE = """<html><body><main><h1>Wyvern SEND improvement plan</h1>
<h3>Priority 3: Co-production with families</h3>
<ul><li><strong>Action:</strong> Co-produce a SEND strategy with the Parent Carer Forum<br>
<strong>Lead:</strong> Assistant Director, Education<br>
<strong>Timescale:</strong> end of spring term 2025</li>
<li>Publish a <br>termly newsletter. <strong>Lead:</strong> Local Offer Manager.
<strong>Timescale:</strong> From May 2025</li></ul>
</main></body></html>"""


def test_a_list_items_fields_on_lines_of_their_own_are_its_fields(tmp_path: Path) -> None:
    assert _actions(_plan(tmp_path, "page.html", PAGE)) == [
        (
            "Co-produce a SEND strategy with the Parent Carer Forum",
            ["Assistant Director, Education"],
            "end of spring term 2025",
            None,
        ),
        ("Publish a termly newsletter", ["Local Offer Manager"], "From May 2025", None),
    ]


def test_a_word_items_fields_after_line_breaks_are_its_fields(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Priority 1: Timeliness of EHC plans", 1)
    item = document.add_paragraph("Action: Recruit two EHC coordinators", style="List Bullet")
    for field in ("Lead: Head of SEND", "Timescale: Sept 2024"):
        run = item.add_run()
        run.add_break()
        run.add_text(field)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = import_document(path).plan
    assert _actions(plan) == [("Recruit two EHC coordinators", ["Head of SEND"], "Sept 2024", None)]


# -- a column of numbers naming findings listed without numbers -------------------------------

LISTED = """# Hollinbrook SEND Improvement Plan

## Strengths

- Leaders have an accurate understanding of the local area.
- The Parent Carer Forum is a valued strategic partner.

## Areas for development

- The quality of EHC plans is too variable.
- Children wait too long for neurodevelopmental assessment.

## Our actions

| Ref | Area for development | Action | Owner | By when |
|---|---|---|---|---|
| A1 | 1 | Audit EHC plans every month | Head of SEND Quality Assurance | Nov 2024 |
| A2 | 2 | Open a second assessment clinic | Clinical Director | April 2025 |
"""


def test_a_number_names_the_finding_listed_at_it_as_an_inferred_link(tmp_path: Path) -> None:
    result_path = tmp_path / "plan.md"
    result_path.write_text(LISTED, encoding="utf-8")
    result = import_document(result_path)
    links = [[(a.ref, a.basis.value) for a in action.addresses] for action in result.plan.actions]
    assert links == [[("AFI-1", "inferred")], [("AFI-2", "inferred")]]
    assert not any("not listed" in item.message for item in result.report.items)


# -- a dated item under an action after a lead-in: its milestone ------------------------------

STEPS = """Area for improvement 1: Leaders should improve the timeliness of EHC plans.

What we will do:

- Introduce a weekly tracker of late assessments (SEND Casework Manager, Oct 2024)
  - Agree the tracker's fields with the Parent Carer Forum (Participation Lead, Aug 2024)
  - using the existing case system
"""


def test_a_dated_item_under_an_action_is_its_milestone(tmp_path: Path) -> None:
    (action,) = _plan(tmp_path, "plan.md", STEPS).actions
    assert (
        action.text
        == "Introduce a weekly tracker of late assessments; using the existing case system"
    )
    assert [(m.text, m.due.text if m.due else None) for m in action.milestones] == [
        ("Agree the tracker's fields with the Parent Carer Forum (Participation Lead)", "Aug 2024")
    ]


# -- Markdown fields in bold labels, a line each with no blank line between ---------------------

BOLD_LABELS = """## Area for improvement 1: Leaders should improve the timeliness of EHC plans

### Action 1.1 Quality assure new EHC plans every month

**Lead:** Principal Educational Psychologist, Corrington Council
**Timescale:** Q3 2024/25
**Success measure:** 75% of audited plans good or better
**RAG:** Amber
"""


@pytest.mark.parametrize("mark", ["**", "*", "_"])
def test_bold_labelled_lines_are_fields_not_one_paragraph(tmp_path: Path, mark: str) -> None:
    text = BOLD_LABELS.replace("**", mark)  # in bold, in italics
    plan = _plan(tmp_path, "plan.md", text)
    assert _actions(plan) == [
        (
            "Quality assure new EHC plans every month",
            ["Principal Educational Psychologist"],
            "Q3 2024/25",
            "Amber",
        )
    ]
    assert [o.name for o in plan.organisations] == ["Corrington Council"]
    assert [m.text for m in plan.measures] == ["75% of audited plans good or better"]


# -- "Actions" on a line of its own, then actions with their fields after dashes ---------------

DASHED = """Sandleford SEND Improvement Plan 2024/25

Actions

1. Recruit three additional EHC coordinators – Head of SEND – Sept 2024
2. Introduce weekly tracking of late assessments – SEND Casework Manager – Oct 2024 – Complete
3. Hubs – open two – Designated Clinical Officer, NHS Frimley ICB – Q4 2024/25
"""


def test_actions_under_an_actions_line_with_dashed_fields(tmp_path: Path) -> None:
    assert _actions(_plan(tmp_path, "plan.txt", DASHED)) == [
        ("Recruit three additional EHC coordinators", ["Head of SEND"], "Sept 2024", None),
        (
            "Introduce weekly tracking of late assessments",
            ["SEND Casework Manager"],
            "Oct 2024",
            "Complete",
        ),
        ("Hubs – open two", ["Designated Clinical Officer"], "Q4 2024/25", None),
    ]


# -- a PDF's bullets in a font pdfminer cannot name: (cid:127) -------------------------------


def test_a_pdfs_bullets_pdfminer_cannot_name_are_list_items(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    items = [
        "Recruit three EHC coordinators (Head of SEND, Sept 2024)",
        "Publish waiting times on the Local Offer (Local Offer Manager, from Nov 2024)",
    ]
    path = tmp_path / "plan.pdf"
    SimpleDocTemplate(str(path)).build(
        [
            Paragraph("Westbury SEND Improvement Plan", styles["Title"]),
            Paragraph("<b>Area for improvement 1: Timeliness of EHC plans</b>", styles["Heading3"]),
            Paragraph("We will:", styles["BodyText"]),
            ListFlowable(
                [ListItem(Paragraph(t, styles["BodyText"])) for t in items], bulletType="bullet"
            ),
        ]
    )
    assert _actions(import_document(path).plan) == [
        ("Recruit three EHC coordinators", ["Head of SEND"], "Sept 2024", None),
        (
            "Publish waiting times on the Local Offer",
            ["Local Offer Manager"],
            "from Nov 2024",
            None,
        ),
    ]


# -- "Strengths" and "Areas for development" on lines of their own over bullets ----------------

LETTER = """Haverleigh SEND Improvement Plan

Strengths
• Leaders know the local area well.

Areas for development
• The quality of EHC plans is too variable.
• Children wait too long for neurodevelopmental assessment.

Our actions

Ref\tArea for development\tAction\tOwner\tBy when
A1\t1\tAudit EHC plans every month\tHead of SEND Quality Assurance\tNov 2024
A2\t2\tOpen a second assessment clinic\tClinical Director\tApril 2025
"""


def test_lines_naming_a_kind_of_finding_head_the_findings_below(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "plan.txt", LETTER)
    assert [(f.ref, f.kind.value) for f in plan.findings] == [
        ("S-1", "strength"),
        ("AFI-1", "area_for_improvement"),
        ("AFI-2", "area_for_improvement"),
    ]
    assert [[a.ref for a in action.addresses] for action in plan.actions] == [["AFI-1"], ["AFI-2"]]


# -- a plan quoted in an email (> lines) -------------------------------------------------------

QUOTED = """Hi Sam, see the actions below from the board paper. Can you update the RAG?

> Priority 2: Therapy waiting times
>
> 2.1 Commission a SALT clinic. Lead: Designated Clinical Officer. By: March 2025. Status: Amber
> 2.2 Launch supported internships. Lead: Head of Post-16. By: Sept 2025.
"""


def test_a_plan_quoted_in_an_email_is_read(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "email.txt", QUOTED)
    assert _actions(plan) == [
        ("Commission a SALT clinic", ["Designated Clinical Officer"], "March 2025", "Amber"),
        ("Launch supported internships", ["Head of Post-16"], "Sept 2025", None),
    ]
    assert [p.title for p in plan.priorities] == ["Therapy waiting times"]
    assert plan.area != "Post"  # "Head of Post-16" names no place


# -- a Word list copied as text: a bullet glyph and a tab before each item ---------------------

PASTED_LIST = (
    "Area for improvement 1: Leaders should improve the timeliness of EHC plans.\n\n"
    "We will:\n"
    "\uf0b7\tRecruit three EHC coordinators (Head of SEND, Sept 2024)\n"
    "o\tAgree job descriptions with HR (HR Business Partner, June 2024)\n"
    "\uf0b7\tIntroduce weekly tracking of late assessments (SEND Casework Manager, Oct 2024)\n"
)


def test_a_word_list_copied_as_text_is_a_list_not_a_table(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "plan.txt", PASTED_LIST)
    assert _actions(plan) == [
        ("Recruit three EHC coordinators", ["Head of SEND"], "Sept 2024", None),
        (
            "Introduce weekly tracking of late assessments",
            ["SEND Casework Manager"],
            "Oct 2024",
            None,
        ),
    ]
    assert [m.text for m in plan.actions[0].milestones] == [
        "Agree job descriptions with HR (HR Business Partner)"
    ]


# -- a finding in a bold paragraph, a sentence, then its evidence ------------------------------


def test_a_bold_finding_sentence_heads_its_evidence_and_actions(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    finding = "Area for improvement 1: Leaders should improve the timeliness of EHC plans."
    document.add_paragraph().add_run(finding).bold = True
    document.add_paragraph("Only 38% of new EHC plans were issued within 20 weeks in 2023.")
    document.add_paragraph("What we will do:")
    document.add_paragraph("Recruit two EHC coordinators (Head of SEND, Sept 2024)", "List Bullet")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = import_document(path)
    assert [f.text for f in result.plan.findings] == [
        "Leaders should improve the timeliness of EHC plans. "
        "Only 38% of new EHC plans were issued within 20 weeks in 2023."
    ]
    assert [a.text for a in result.plan.actions] == ["Recruit two EHC coordinators"]
    assert result.report.unplaced == []


# -- an owner given as an email address in angle brackets (pasted from Outlook) ----------------

ADDRESSED = """Priority 1: EHC plans

1.1 Recruit three EHC coordinators. Lead: Jo Bloggs <jo.bloggs@kingsmere.gov.uk>. By: March 2025.
1.2 Audit plans monthly. Lead: <sam.lee@kingsmere.gov.uk>. By: April 2025.
"""


def test_an_owner_written_as_an_address_in_angle_brackets_is_kept(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "plan.txt", ADDRESSED)
    assert [[o.party.ref for o in a.owners] for a in plan.actions] == [
        ["jo-bloggs"],
        ["sam-lee"],
    ]
    assert [(p.name, p.email) for p in plan.people] == [
        ("Jo Bloggs", None),
        ("Sam Lee", "sam.lee@kingsmere.gov.uk"),
    ]
