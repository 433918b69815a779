"""Mends of import bugs a review found in the trials of councils' documents: a struck line
glued onto the paragraph above, a bullet's decimal number taken for a ref, a glossary's long
form written inside post names, a table of coded findings read as a key to initials, a
heading that merely starts with "Impact", "Shared" in an organisation's name.

Each case is the smallest input that lost or invented data before its mend."""

from __future__ import annotations

from pathlib import Path

from graphmodel.model import Plan
from loaders.documents import import_document, report_text


def _plan(tmp_path: Path, name: str, text: str) -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_document(path).plan


def _actions(plan: Plan) -> list[tuple[str | None, str, list[str], str | None]]:
    """(ref, text, owners' names or posts, due as written) of every action."""
    people = {p.ref: p.name or p.post or p.ref for p in plan.people}
    return [
        (
            a.ref,
            a.text,
            [people.get(o.party.ref, o.party.ref) for o in a.owners],
            a.due.text if a.due else None,
        )
        for a in plan.actions
    ]


# -- 1: a struck line never continues the paragraph above ----------------------------------


def test_a_struck_line_is_set_aside_not_glued_onto_the_line_above(tmp_path: Path) -> None:
    path = tmp_path / "wsoa.txt"
    path.write_text(
        "Anyshire written statement of action\n\n"
        "Priority 2: Alternative provision\n"
        "2.1 Map every placement. Lead: AP Manager. By: May 2025.\n"
        "~~2.2 Close the old unit. Lead: Head of Inclusion. By: Feb 2025.~~\n"
        "2.3 Review the tariff. Lead: AP Manager. By: July 2025.\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [(a.ref, a.due.text if a.due else None) for a in result.plan.actions] == [
        ("2.1", "May 2025"),
        ("2.3", "July 2025"),
    ]
    assert all("old unit" not in a.text for a in result.plan.actions)
    text = report_text(result.report)
    assert "a struck-through paragraph, not drafted" in text and "Close the old unit" in text


# -- 2: a bullet starting with a decimal quantity keeps its number --------------------------


def test_a_bullet_starting_with_a_decimal_quantity_keeps_it_in_its_text(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire plan\n\n## Priority 3: Early help\n\n"
        "- 3.5 WTE family workers appointed in the east locality (Early Help Lead, Apr 2025)\n"
        "- 0.5 hours a week of supervision for every keyworker (Early Help Lead, May 2025)\n"
        "- 3.2 Publish the early help offer (Early Help Lead, Jun 2025)\n",
    )
    assert [(ref, text[:14]) for ref, text, _, _ in _actions(plan)] == [
        ("P3.1", "3.5 WTE family"),
        ("P3.2", "0.5 hours a we"),
        ("3.2", "Publish the ea"),
    ]


def test_a_line_starting_with_a_staff_quantity_is_no_numbered_action() -> None:
    from loaders.documents.labelled import numbered_action

    assert numbered_action("4.5 FTE speech therapists in post. Lead: Jo Bloggs.") is None
    line = numbered_action("4.5 Fund speech therapists. Lead: Jo Bloggs.")
    assert line is not None and line.ref == "4.5"


# -- 3a: a glossary's long form is written out only for a whole owner -----------------------


_KEY = (
    "# Anyshire plan\n\n## Key to leads\n\n| Initials | Name | Role |\n|---|---|---|\n"
    "| KP | Kim Patel | Director of SEMH Services |\n\n"
)
_ROWS = (
    "## Priority 4: Mental health\n\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
    "| 4.1 | Open a drop-in clinic in each town | Director of SEMH Services | Apr 2025 |\n"
    "| 4.2 | Train school staff in first aid | SEMH | May 2025 |\n"
)


def test_a_glossary_writes_out_a_whole_owner_but_not_a_word_of_a_post(tmp_path: Path) -> None:
    glossary = "## Glossary\n\n- SEMH – Social, Emotional and Mental Health\n\n"
    plan = _plan(tmp_path, "plan.md", _KEY + glossary + _ROWS)
    bare = _plan(tmp_path, "bare.md", _KEY + _ROWS)
    assert _actions(plan)[0] == _actions(bare)[0]
    assert _actions(plan)[0][2] == ["Kim Patel"]  # the key's row still matches the post
    assert _actions(plan)[1][2] == ["Social, Emotional and Mental Health"]


# -- 3b: a table of coded findings is no key to initials ------------------------------------


def test_a_table_of_coded_findings_is_not_read_as_a_key(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Anyshire plan\n\n## Weaknesses\n\n| Key | Description |\n|---|---|\n"
        "| W1 | Too few children with EHC plans attend their reviews |\n"
        "| W2 | Families wait too long for an autism assessment |\n\n"
        "## Key to leads\n\n| Initials | Meaning |\n|---|---|\n"
        "| PL | Pat Lowe |\n| ICB | NHS Anyshire Integrated Care Board |\n\n"
        "## Actions\n\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Invite every child to their review | PL | Mar 2025 |\n"
        "| 1.2 | Add two autism assessment clinics | ICB | Jun 2025 |\n",
        encoding="utf-8",
    )
    result = import_document(path)
    plan = result.plan
    assert [owners for _, _, owners, _ in _actions(plan)] == [
        ["Pat Lowe"],
        ["nhs-anyshire-integrated-care-board"],  # an organisation
    ]
    text = report_text(result.report) + (plan.note or "")
    assert "Too few children with EHC plans" in text and "autism assessment" in text


# -- 4: a heading gathers measures only when its phrase stands alone ------------------------


def test_a_heading_that_starts_with_outcomes_is_a_topic_not_measures(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire plan\n\n## Priority 5: Inclusion\n\n"
        "- Reduce part-time timetables (Inclusion Lead, Jan 2025)\n\n"
        "### Outcomes for families\n\n"
        "- Publish a parents' guide to exclusions (Parent Carer Forum, Mar 2025)\n",
    )
    assert _actions(plan)[1] == (
        "P5.2",
        "Publish a parents' guide to exclusions",
        ["parent-carer-forum"],  # a group
        "Mar 2025",
    )
    assert not plan.measures and not any(p.outcome for p in plan.priorities)


def test_under_a_measures_heading_an_item_with_an_owner_or_due_is_an_action(
    tmp_path: Path,
) -> None:
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire plan\n\n## Priority 6: Transport\n\n"
        "- Review the travel policy (Transport Manager, Feb 2025)\n\n"
        "### Impact (2025-26):\n\n"
        "- Every route risk-assessed (Transport Manager, Jul 2025)\n"
        "- Fewer late arrivals at special schools\n",
    )
    assert [text for _, text, _, _ in _actions(plan)] == [
        "Review the travel policy",
        "Every route risk-assessed",
    ]
    assert [m.text for m in plan.measures] == ["Fewer late arrivals at special schools"]


# -- 6: "Shared" in an organisation's name is no job share ----------------------------------


def test_shared_in_an_organisations_name_is_no_job_share() -> None:
    from loaders.documents.owners import Directory, split_owner_cell

    def read(cell: str) -> list[tuple[str, str | None, str | None, str | None]]:
        return [
            (p.kind, p.name, p.post, p.organisation) for p in split_owner_cell(cell, Directory())
        ]

    assert read("Director of HR - Shared Business Services") == [
        ("person", None, "Director of HR", "Shared Business Services")
    ]
    hr = read("Director of HR - Shared Resources")  # no holder "Resources": the words kept
    assert [name for _, name, _, _ in hr] == [None] and "Shared Resources" in str(hr)
    assert all(post != "Payroll Centre" for _, _, post, _ in read("ICT, Shared Payroll Centre"))
    assert read("Head of SEND (shared with Jo Bloggs)")[0][1:3] == ("Jo Bloggs", "Head of SEND")
    assert read("Head of SEND (shared)") == [("person", None, "Head of SEND", None)]


def test_a_key_with_mixed_case_and_long_short_forms_is_still_a_key(tmp_path: Path) -> None:
    # SEND glossaries write SaLT, PfA and SENDIASS: a key table holding one was no key
    plan = _plan(
        tmp_path,
        "plan.md",
        "# Anyshire plan\n\n## Key to leads\n\n| Initials | Meaning |\n|---|---|\n"
        "| PL | Pat Lowe |\n| SaLT | Speech and Language Therapy Service |\n"
        "| SENDIASS | SEND Information, Advice and Support Service |\n\n"
        "## Actions\n\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Invite every child to their review | PL | Mar 2025 |\n"
        "| 1.2 | Cut therapy waits to 18 weeks | SaLT | Jun 2025 |\n",
    )
    owners = [owners for _, _, owners, _ in _actions(plan)]
    assert owners[0] == ["Pat Lowe"]
    assert owners[1] == ["speech-and-language-therapy-service"]


def test_the_date_a_document_says_it_was_published_is_the_plans(tmp_path: Path) -> None:
    # 'Published: September 2024' was left unplaced, so two monthly drafts compared as
    # undated versions ('the old version' -> 'the new version'); history could not order them
    table = (
        "\n| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Recruit | Head of SEND | Mar 2025 |\n"
    )
    for line, expected in (
        ("Published: September 2024", "September 2024"),
        ("Date of publication – 12/09/2024", "12/09/2024"),
        ("Last updated 3 March 2025.", "3 March 2025"),
    ):
        plan = _plan(tmp_path, "plan.md", f"# Anyshire SEND Improvement Plan\n\n{line}\n{table}")
        assert plan.published is not None and plan.published.text == expected, line
    # after the tables, an 'Updated' line is an action's news, not the plan's date
    later = _plan(
        tmp_path, "late.md", f"# Anyshire SEND Improvement Plan\n{table}\nUpdated: May 2025\n"
    )
    assert later.published is None
