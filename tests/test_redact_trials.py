"""`--redact` against what a user trial found left in: surnames that are ordinary words,
surnames in capitals, person refs written in text, refs made from surnames, and names no
person record holds. Each test failed before the fix it names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graphmodel.model import Plan
from graphmodel.redact import WITHHELD, redact_plan, redacted_refs
from loaders.base import read_plan
from tests.conftest import ROOT, run_cli

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def plan_of(people: list[dict[str, Any]], text: str, note: str = "", **more: Any) -> Plan:
    action: dict[str, Any] = {"ref": "A1", "text": text, "owners": [f"person:{people[0]['ref']}"]}
    if note:
        action["note"] = note
    return Plan.model_validate(
        {"area": "Testshire", "title": "T", "people": people, "actions": [action], **more}
    )


LUCY = {"ref": "lh", "name": "Lucy Hall", "post": "Head of SEND"}


def test_a_surname_that_is_an_ordinary_word_goes_where_it_names_the_person() -> None:
    plan = plan_of(
        [LUCY], "Hold a parent event at the town hall; Lucy to chair it with Hall's team."
    )
    assert redact_plan(plan).actions[0].text == (
        "Hold a parent event at the town hall; Head of SEND to chair it with Head of SEND's team."
    )


def test_a_surname_that_is_an_ordinary_word_stays_in_a_place_name() -> None:
    text = "Meet at Peterborough Town Hall, Hall Lane, in the TOWN HALL; the hall is booked."
    plan = plan_of([LUCY], text, note="Ms Hall and L. Hall agreed; Hall to chair.")
    action = redact_plan(plan).actions[0]
    assert action.text == text
    assert action.note == "Head of SEND and Head of SEND agreed; Head of SEND to chair."


def test_a_lower_case_mention_spares_no_other_occurrence() -> None:
    """``jones`` once in lower case made every part of Bob Jones's name an ordinary word."""
    plan = plan_of(
        [
            {"ref": "as", "name": "Ann Smith", "post": "Head of SEND"},
            {"ref": "bj", "name": "Bob Jones", "post": "DCO"},
        ],
        "Ann to recruit coordinators with B. Jones and Smith and Bob.",
        note="SMITH and jones agreed.",
    )
    action = redact_plan(plan).actions[0]
    assert action.text == "Head of SEND to recruit coordinators with DCO and Head of SEND and DCO."
    assert action.note == "Head of SEND and jones agreed."


def test_an_initial_that_is_not_the_holders_names_someone_else() -> None:
    plan = plan_of([{"ref": "as", "name": "Ann Smith", "post": "Head of SEND"}], "Ask P. Smith")
    assert redact_plan(plan).actions[0].text == f"Ask {WITHHELD}"


def test_a_surname_in_capitals_is_redacted_but_an_acronym_is_not() -> None:
    plan = plan_of(
        [
            {"ref": "raj-patel", "name": "Raj Patel", "post": "Head of SEND"},
            {"ref": "ms", "name": "Mita Sen", "post": "SENCO"},
        ],
        "Recruit coordinators (owner PATEL) for SEN support; Sen and SEN.",
    )
    assert redact_plan(plan).actions[0].text == (
        "Recruit coordinators (owner Head of SEND) for SEN support; SENCO and SEN."
    )


def test_a_person_ref_written_in_text_is_renamed() -> None:
    plan = plan_of(
        [{"ref": "raj-patel", "name": "Raj Patel", "post": "Head of SEND"}],
        "Recruit coordinators",
        note="Owner confirmed (see person raj-patel).",
    )
    new = redacted_refs(plan)["raj-patel"]
    assert redact_plan(plan).actions[0].note == f"Owner confirmed (see person {new})."


def test_a_board_ref_made_from_a_surname_is_renamed_with_its_uses() -> None:
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "people": [{"ref": "ann-smith", "name": "Ann Smith", "post": "Head of SEND"}],
            "boards": [{"ref": "smith-group", "name": "Ann Smith's SEND Group"}],
            "priorities": [{"ref": "P1", "title": "EHC plans", "reports_to": ["smith-group"]}],
            "actions": [
                {"ref": "A1", "text": "Act", "note": "mail ann.smith@x.gov.uk", "priority": "P1"}
            ],
        }
    )
    red = redact_plan(plan)
    assert red.boards[0].name == "Head of SEND's SEND Group"
    assert "smith" not in red.boards[0].ref
    assert red.priorities[0].reports_to == [red.boards[0].ref]


def test_names_no_person_record_holds_are_withheld() -> None:
    inspectors = "Inspectors: Heather Yaxley HMI, Deborah Mason (Ofsted) and Paula Morgan (CQC)."
    plan = Plan.model_validate(
        {
            "area": "Testshire",
            "title": "T",
            "note": inspectors,
            "people": [{"ref": "raj", "name": "Raj Patel", "post": "Head of SEND"}],
            "organisations": [{"ref": "hl", "name": "Health Leads: Amy Smith Elaine Cook-Tippins"}],
            "actions": [
                {"ref": "A1", "text": "Councillor Jane Doe to chair; agreed with Cllr Tom Brown."}
            ],
        }
    )
    red = redact_plan(plan)
    assert red.note == f"Inspectors: {WITHHELD} HMI, {WITHHELD} (Ofsted) and {WITHHELD} (CQC)."
    assert red.actions[0].text == (f"Councillor {WITHHELD} to chair; agreed with Cllr {WITHHELD}.")
    assert red.organisations[0].name == f"Health Leads: {WITHHELD} {WITHHELD}"
    assert red.organisations[0].ref == "hl"


def test_a_known_person_after_a_title_is_what_the_plan_calls_them() -> None:
    plan = plan_of([LUCY], "Councillor Lucy Hall and Dr Hall agreed")
    assert redact_plan(plan).actions[0].text == "Head of SEND and Head of SEND agreed"


PLACES_AND_BODIES = (
    "Health and Wellbeing Board, Cheshire East Council, Peterborough, George Eliot Hospital, "
    "Queen Elizabeth Hospital, Victoria Road, Grace Academy, Amber Valley, SEND Partnership "
    "Board, Designated Clinical Officer, Ofsted and CQC"
)


def test_the_names_of_places_and_bodies_survive() -> None:
    plan = plan_of([LUCY], PLACES_AND_BODIES)
    assert redact_plan(plan).actions[0].text == PLACES_AND_BODIES


def _parts(plan: Plan) -> set[str]:
    return {
        w.casefold()
        for p in plan.people
        for n in (p.name, *p.aliases)
        for w in re.split(r"[\s'’-]+", n or "")
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_examples_bodies_keep_their_names(example: Path) -> None:
    """Redaction withholds no organisation's or board's name that holds no person's name."""
    plan = read_plan(example).plan_or_raise()
    red = redact_plan(plan)
    parts = _parts(plan)
    for before, after in (
        *zip(plan.organisations, red.organisations, strict=True),
        *zip(plan.boards, red.boards, strict=True),
    ):
        words = {w.casefold() for w in re.split(r"[\s'’:,()-]+", before.name)}
        if not words & parts:
            assert after.name == before.name


def test_the_named_places_of_the_examples_survive(tmp_path: Path) -> None:
    out = tmp_path / "red.yaml"
    assert (
        run_cli(
            "export", str(ROOT / "examples" / "cheshire-east.yaml"), "--redact", "-o", str(out)
        )[0]
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "Health and Wellbeing Board" in text and "Cheshire East Council" in text


def test_peterborough_redacted_keeps_no_ref_nor_inspector(tmp_path: Path) -> None:
    out = tmp_path / "red.yaml"
    path = ROOT / "examples" / "peterborough.yaml"
    assert run_cli("export", str(path), "--redact", "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    for name in ("karen-moody", "Heather Yaxley", "Deborah Mason", "Paula Morgan"):
        assert name not in text
    assert "Peterborough" in text


@pytest.mark.parametrize(
    ("seed", "names"),
    [
        ("003", ["Lynne Ayres"]),
        ("004", ["Amy Smith", "Elaine Cook-Tippins", "Natalie Langdown"]),
    ],
)
def test_a_seed_import_redacted_keeps_no_unrecorded_name(
    seed: str, names: list[str], tmp_path: Path
) -> None:
    document = next((ROOT / "tests" / "data" / "seeds").glob(f"{seed}_*.txt"))
    draft, report = tmp_path / "draft.yaml", tmp_path / "review.txt"
    code, out = run_cli(
        "import", str(document), "--redact", "-o", str(draft), "--report", str(report)
    )
    assert code == 0, out
    for text in (draft.read_text(encoding="utf-8"), report.read_text(encoding="utf-8")):
        assert [n for n in names if n in text] == []
