"""`--redact` against a second user trial: the work done once per command (names built and
their regular expression compiled once), middle initials, names found by their shape
taught to the rest of the plan, and place names that hold a part of a person's name. Each
test failed before the fix it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import graphmodel.personal_names as personal_names
from graphmodel.model import Plan
from graphmodel.redact import WITHHELD, Redaction, redact_plan
from tests.conftest import ROOT, run_cli

TEACHING = ROOT / "examples" / "teaching.yaml"


def plan_of(people: list[dict[str, Any]], text: str, note: str = "") -> Plan:
    action: dict[str, Any] = {"ref": "A1", "text": text, "owners": [f"person:{people[0]['ref']}"]}
    if note:
        action["note"] = note
    return Plan.model_validate(
        {"area": "Testshire", "title": "T", "people": people, "actions": [action]}
    )


def _count_names(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built = [0]
    real = personal_names.Names.__init__

    def counting(self: personal_names.Names, plan: Plan, corpus: str) -> None:
        built[0] += 1
        real(self, plan, corpus)

    monkeypatch.setattr(personal_names.Names, "__init__", counting)
    return built


@pytest.mark.parametrize("command", ["audit", "coverage", "chain", "overload"])
def test_a_command_builds_the_names_once(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The warnings' replacer and the plan each built the names (twice the ~30 ms)."""
    built = _count_names(monkeypatch)
    status, _ = run_cli(command, str(TEACHING), "--redact", "--format", "json")
    assert status in (0, 1)
    assert built[0] == 1


def test_import_builds_the_names_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(
        "| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| 1.1 | Recruit coordinators | Ann Lee, Head of SEND | Sept 2024 |\n"
    )
    built = _count_names(monkeypatch)
    status, output = run_cli("import", str(doc), "-o", str(tmp_path / "d.yaml"), "--redact")
    assert status == 0
    assert built[0] == 1
    assert "Ann" not in (tmp_path / "d.yaml").read_text() + output


def test_the_names_expression_is_compiled_once_per_redaction() -> None:
    """Each replacer (the posts' and the text's) compiled its own copy of the pattern, with
    the first-names list in it."""
    plan = plan_of([{"ref": "al", "name": "Ann Lee", "post": "Head of SEND"}], "Ann Lee")
    red = Redaction(plan)
    assert red.names.replacer({})("Ann Lee") == WITHHELD
    assert red.names.replacer(red.labels).__self__.pattern is red.names.pattern  # type: ignore[attr-defined]
    assert red.hide("Ann Lee") == red.plan.actions[0].text == "Head of SEND"


def test_a_status_colour_that_is_a_surname_stays_a_status() -> None:
    """Amy Green's surname turned every ``Green`` status into ``Head of SEND``: the audit of
    the redacted plan lost its statuses."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "status_scale": "rag",
            "people": [{"ref": "ag", "name": "Amy Green", "post": "Head of SEND"}],
            "actions": [
                {
                    "ref": "1",
                    "text": "Green to recruit.",
                    "owners": ["person:ag"],
                    "status": "Green",
                    "milestones": [
                        {"ref": "1-m", "text": "Panel", "status": "Green - Amy Green chasing"}
                    ],
                },
            ],
        }
    )
    action = redact_plan(plan).actions[0]
    assert action.text == "Head of SEND to recruit."
    assert action.status == "Green"
    assert action.milestones[0].status == "Green - Head of SEND chasing"


def test_a_month_that_is_a_first_name_stays_in_a_date() -> None:
    """June Barker's first name turned ``June 2025`` into ``Head of SEND 2025``: due dates,
    the published date and the critical path were lost."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "published": "June 2024",
            "people": [
                {"ref": "jb", "name": "June Barker", "post": "Head of SEND"},
                {"ref": "as", "name": "April Summer", "post": "DCO"},
            ],
            "actions": [
                {
                    "ref": "1",
                    "text": "By 30 June; June to report in the Summer term.",
                    "owners": ["person:jb"],
                    "start": "April 2024",
                    "due": "June 2025",
                    "milestones": [{"ref": "1-m", "text": "Panel", "due": "Summer 2024"}],
                },
            ],
        }
    )
    red = redact_plan(plan)
    action = red.actions[0]
    assert str(red.published) == "June 2024"
    assert (str(action.start), str(action.due)) == ("April 2024", "June 2025")
    assert str(action.milestones[0].due) == "Summer 2024"
    assert action.text == "By 30 June; Head of SEND to report in the Summer term."
    assert red.actions[0].due is not None and red.actions[0].due.is_dated


def test_a_name_with_a_middle_initial_goes_in_every_spelling() -> None:
    """``Tom A. Okafor`` was known only whole: Okafor, Tom Okafor, T. A. Okafor and Okafor T
    stayed, and a title before a name with an initial (``Mrs J. Patel-Hughes``) too."""
    plan = plan_of(
        [{"ref": "to", "name": "Tom A. Okafor", "post": "DMO"}],
        "Led by Dr Tom A. Okafor with Tom A Okafor.",
        note="Tom Okafor's team; T. A. Okafor; Okafor T; OKAFOR. Mrs J. Patel-Hughes attended.",
    )
    action = redact_plan(plan).actions[0]
    assert action.text == "Led by DMO with DMO."
    assert action.note == f"DMO's team; DMO; DMO; DMO. Mrs {WITHHELD} attended."


def test_initials_of_someone_else_are_withheld_with_the_part() -> None:
    plan = plan_of(
        [{"ref": "to", "name": "Tom A. Okafor", "post": "DMO"}],
        "B. Okafor and R. T. Okafor and Okafor B agreed.",
    )
    assert redact_plan(plan).actions[0].text == f"{WITHHELD} and {WITHHELD} and DMO B agreed."


def test_a_name_written_once_in_a_named_shape_is_withheld_everywhere() -> None:
    """``Ms Gay`` and ``Dr Mari Gay`` were withheld, but ``Mari Gay``, ``M. Gay`` and
    ``Adeyemi`` alone stayed: no person record holds them."""
    plan = plan_of(
        [{"ref": "pr", "name": "Priya Raghunathan", "post": "Head of SEND"}],
        "Mari Gay and Oluwaseun Adeyemi to lead co-production sessions.",
        note="Ms Gay to report; Mr Adeyemi agreed. M. Gay and O Adeyemi sign off. "
        "Review with Dr Mari Gay. Mari's notes.",
    )
    action = redact_plan(plan).actions[0]
    w = WITHHELD
    assert action.text == f"{w} and {w} to lead co-production sessions."
    assert action.note == (
        f"Ms {w} to report; Mr {w} agreed. {w} and {w} sign off. Review with Dr {w}. {w}'s notes."
    )


def test_a_word_written_in_lower_case_is_not_learnt_from_a_title() -> None:
    plan = plan_of(
        [{"ref": "pr", "name": "Priya Raghunathan", "post": "Head of SEND"}],
        "Dr Foster to advise foster carers; Foster carers meet monthly.",
    )
    assert redact_plan(plan).actions[0].text == (
        f"Dr {WITHHELD} to advise foster carers; Foster carers meet monthly."
    )


def test_a_part_of_a_name_that_begins_a_place_keeps_the_place() -> None:
    """Cllr Rose Bishop and Zoe Brook turned ``Rose Hill Primary School``, ``Bishop's
    Stortford`` and ``Brook Primary`` into their posts."""
    plan = plan_of(
        [
            {"ref": "rb", "name": "Rose Bishop", "post": "Lead Member"},
            {"ref": "zb", "name": "Zoe Brook", "post": "Head of SEND"},
        ],
        "Hubs at Rose Hill Primary School, Brook Primary and Brook Lane, and in Bishop's "
        "Stortford.",
        note="Rose will chair; Brook to report; Bishop's team and Rose's Team agreed.",
    )
    action = redact_plan(plan).actions[0]
    assert action.text == plan.actions[0].text
    assert action.note == (
        "Lead Member will chair; Head of SEND to report; Lead Member's team and Lead Member's "
        "Team agreed."
    )


def test_an_initial_picks_the_one_holder_of_a_shared_surname() -> None:
    """``B. Jones`` was withheld though only Bethan Jones has that initial (Karen
    Smith-Jones shares the surname); ``Jones B`` stayed as written."""
    plan = plan_of(
        [
            {"ref": "bj", "name": "Bethan Jones", "post": "Head of SEND"},
            {"ref": "ksj", "name": "Karen Smith-Jones", "post": "DCO"},
        ],
        "Agreed with B. Jones, B Jones and Jones B; K. Jones too; Jones alone; R. Jones.",
    )
    assert redact_plan(plan).actions[0].text == (
        f"Agreed with Head of SEND, Head of SEND and Head of SEND; DCO too; {WITHHELD} alone; "
        f"{WITHHELD}."
    )


def test_refs_spelt_from_a_name_with_an_apostrophe_or_an_accent_are_renamed() -> None:
    """``oneill-2`` and ``jose-review`` kept Siobhan O'Neill's and José Hall's names in every
    output that shows a ref (tables, the pages' data-ref attributes, the CSV export)."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "people": [
                {"ref": "so", "name": "Siobhan O'Neill"},
                {"ref": "jh", "name": "José Hallam", "post": "DCO"},
            ],
            "actions": [
                {"ref": "oneill-2", "text": "Train SENCOs.", "owners": ["person:so"]},
                {
                    "ref": "jose-review",
                    "text": "Review.",
                    "owners": ["person:jh"],
                    "depends_on": ["oneill-2"],
                },
            ],
        }
    )
    red = redact_plan(plan)
    refs = [a.ref for a in red.actions]
    assert not any("oneill" in r or "jose" in r for r in refs), refs
    assert red.actions[1].depends_on == [refs[0]]


def test_a_name_at_the_end_of_one_text_teaches_nothing_of_the_next() -> None:
    """The plan's texts were joined by a line break, so ``Councillor Jos Saunders`` at the
    end of one note ran on into ``Listed`` at the start of the next: every capitalised
    ``Listed`` was withheld (found on cheshire-east)."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "people": [
                {
                    "ref": "js",
                    "name": "Jos Saunders",
                    "note": "Listed as 'Councillor Jos Saunders'",
                },
                {
                    "ref": "cs",
                    "post": "Councillor",
                    "note": "Listed as 'Councillor - Crewe South'.",
                },
            ],
        }
    )
    assert redact_plan(plan).people[1].note == "Listed as 'Councillor - Crewe South'."


def test_a_board_named_after_a_person_teaches_no_word_of_its_name() -> None:
    """``O'Neill Task Group`` made ``Task`` a part of a name: every ``Task and Finish
    Group`` of the plan lost its first word."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "people": [{"ref": "so", "name": "Siobhan O'Neill", "post": "PCF Chair"}],
            "boards": [
                {"ref": "g", "name": "O'Neill Task Group"},
                {"ref": "t", "name": "Preparation for Adulthood Task and Finish Group"},
            ],
            "actions": [{"ref": "1", "text": "Task and Finish Group to meet monthly."}],
        }
    )
    red = redact_plan(plan)
    assert [b.name for b in red.boards] == [
        "PCF Chair Task Group",
        "Preparation for Adulthood Task and Finish Group",
    ]
    assert red.actions[0].text == "Task and Finish Group to meet monthly."


def test_a_telephone_number_with_its_area_code_in_brackets_is_withheld() -> None:
    plan = plan_of(
        [{"ref": "al", "name": "Ann Lee", "post": "Head of SEND"}],
        "Call (01632) 960 018 or (0161) 496-0000; ages (0-25).",
    )
    assert redact_plan(plan).actions[0].text == (
        "Call [phone withheld] or [phone withheld]; ages (0-25)."
    )


def test_a_surname_written_in_lower_case_where_a_clause_begins_goes() -> None:
    """``jones to report`` stayed, and made every ``Jones B`` an ordinary word too."""
    plan = plan_of(
        [{"ref": "bj", "name": "Bethan Jones", "post": "Head of SEND"}],
        "Recruit coordinators; jones to report. (okafor to confirm)",
        note="Jones to chair; the hall is booked.",
    )
    action = redact_plan(plan).actions[0]
    assert action.text == "Recruit coordinators; Head of SEND to report. (okafor to confirm)"
    assert action.note == "Head of SEND to chair; the hall is booked."


def test_a_word_written_in_lower_case_inside_a_clause_stays_ordinary() -> None:
    plan = plan_of(
        [{"ref": "lh", "name": "Lucy Hall", "post": "Head of SEND"}],
        "Book the town hall; hall hire agreed.",
    )
    assert redact_plan(plan).actions[0].text == "Book the town hall; hall hire agreed."


def test_a_word_after_a_first_name_and_a_surname_is_not_learnt() -> None:
    """``Kellie Williams Consulting`` made ``Consulting`` a name of someone unknown."""
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "people": [{"ref": "kw", "name": "Kellie Williams"}],
            "organisations": [{"ref": "kwc", "name": "Kellie Williams Consulting"}],
            "actions": [{"ref": "1", "text": "Amy Smith Consulting and Consulting Ltd to report."}],
        }
    )
    red = redact_plan(plan)
    assert red.organisations[0].name.endswith(" Consulting")
    assert red.actions[0].text.endswith(" and Consulting Ltd to report.")
