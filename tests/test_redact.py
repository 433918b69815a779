"""`--redact`: no person's name in any output, for every example plan.

Every output a command can write is rendered with --redact and searched, case-insensitively
and across line breaks, for the name and every alias of every person in the plan.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from graphmodel.integrity import plan_problems
from graphmodel.model import Plan
from graphmodel.parties import name_of
from graphmodel.redact import redact_plan, redacted_labels, redacted_refs
from loaders.base import read_plan
from tests.conftest import ROOT, run_cli

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def names_of(plan: Plan) -> set[str]:
    return {n for p in plan.people for n in (p.name, *p.aliases) if n and n.strip()}


def leaked(text: str, names: set[str]) -> list[str]:
    """The names found in ``text`` as whole words, white space between words ignored."""
    return sorted(
        name
        for name in names
        if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", text, re.I)
    )


def text_of(path: Path) -> str:
    """Everything written at ``path``: a file, every member of a zip (xlsx), a folder's files."""
    if path.is_dir():
        return "\n".join(text_of(p) for p in sorted(path.iterdir()))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8")


@pytest.fixture(params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> tuple[Path, set[str]]:
    path: Path = request.param
    return path, names_of(read_plan(path).plan_or_raise())


def test_the_examples_have_names_to_hide(example: tuple[Path, set[str]]) -> None:
    path, names = example
    if not names:  # Wirral's plan names posts only
        assert all(p.name is None for p in read_plan(path).plan_or_raise().people)
        return
    _, out = run_cli("audit", str(path), "--detail")
    assert leaked(out, names), "the unredacted audit shows names, so the search can find them"


COMMANDS = [
    ["audit", "--detail"],
    ["audit", "--format", "json"],
    ["audit", "--format", "md"],
    ["coverage", "--format", "md"],
    ["coverage", "--format", "json"],
    ["critical-path", "--as-of", "2030-01-01"],
    ["critical-path", "--format", "json"],
    ["overload"],
    ["overload", "--format", "json"],
    ["chain"],
    ["chain", "--format", "json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_name_in_any_printed_output(example: tuple[Path, set[str]], command: list[str]) -> None:
    path, names = example
    code, out = run_cli(command[0], str(path), *command[1:], "--redact")
    assert code in (0, 1), out
    assert leaked(out, names) == []


@pytest.mark.parametrize("suffix", ["yaml", "json", "xlsx", "csv", "graphml"])
def test_no_name_in_any_export(example: tuple[Path, set[str]], suffix: str, tmp_path: Path) -> None:
    path, names = example
    out = tmp_path / f"redacted.{suffix}"
    code, message = run_cli("export", str(path), "-o", str(out), "--redact")
    assert code == 0, message
    assert leaked(text_of(out), names) == []


@pytest.mark.parametrize(
    "command",
    [
        *(["viz", "--view", view] for view in ("network", "coverage", "people", "governance")),
        ["viz", "--view", "critical-path", "--as-of", "2030-01-01"],
        ["report", "--as-of", "2025-06-01"],
    ],
    ids=" ".join,
)
def test_no_name_in_any_picture(
    example: tuple[Path, set[str]], command: list[str], tmp_path: Path
) -> None:
    path, names = example
    out = tmp_path / "page.html"
    code, message = run_cli(command[0], str(path), *command[1:], "-o", str(out), "--redact")
    assert code == 0, message
    assert leaked(html.unescape(out.read_text(encoding="utf-8")), names) == []


def test_a_redacted_plan_is_the_same_plan_but_for_names(example: tuple[Path, set[str]]) -> None:
    path, _ = example
    plan = read_plan(path).plan_or_raise()
    red = redact_plan(plan)
    assert [p.code for p in plan_problems(red)] == [p.code for p in plan_problems(plan)]
    assert len(red.people) == len(plan.people)
    assert [a.ref for a in red.actions] == [a.ref for a in plan.actions]
    refs = redacted_refs(plan)
    for before, after in zip(plan.actions, red.actions, strict=True):
        assert [o.party.ref for o in after.owners] == [
            refs.get(o.party.ref, o.party.ref) if o.party.kind.value == "person" else o.party.ref
            for o in before.owners
        ]
    assert redact_plan(plan) == red, "the same plan always redacts to the same plan"


def test_posts_stand_for_people_and_shared_posts_stay_apart() -> None:
    plan = Plan.model_validate(
        {
            "area": "Exampleshire",
            "title": "Plan",
            "people": [
                {"ref": "ann", "name": "Ann Lee", "post": "SEND Lead"},
                {"ref": "bob", "name": "Bob Roe", "post": "SEND Lead"},
                {"ref": "cy", "name": "Cy Dee", "aliases": ["C. Dee"], "email": "cy.dee@x.org"},
                {"ref": "dai", "post": "Director of Education"},
            ],
            "actions": [
                {"ref": "1", "text": "Ann Lee and bob  roe brief C. Dee", "owners": ["person:cy"]}
            ],
        }
    )
    labels = redacted_labels(plan)
    assert labels["dai"] == "Director of Education"
    assert labels["ann"].startswith("SEND Lead (") and labels["bob"].startswith("SEND Lead (")
    assert labels["ann"] != labels["bob"]
    assert re.fullmatch(r"Person [0-9A-F]{4}", labels["cy"])
    red = redact_plan(plan)
    assert red.actions[0].text == f"{labels['ann']} and {labels['bob']} brief {labels['cy']}"
    assert red.people[2].name == labels["cy"] and red.people[2].aliases == []
    assert red.people[2].email is None
    assert red.actions[0].owners[0].party.ref == red.people[2].ref != "cy"


def test_a_pseudonym_survives_other_people_joining_the_plan() -> None:
    base = {"area": "Exampleshire", "title": "Plan", "people": [{"ref": "cy", "name": "Cy Dee"}]}
    more = {**base, "people": [{"ref": "ann", "name": "Ann Lee"}, *base["people"]]}
    one, two = Plan.model_validate(base), Plan.model_validate(more)
    assert redacted_labels(one)["cy"] == redacted_labels(two)["cy"]


def test_chain_follows_a_person_named_by_their_original_ref(at_root: Path) -> None:
    code, out = run_cli("chain", "examples/teaching.yaml", "person:dcs", "--redact")
    assert code == 0, out
    assert "Director of Children's Services" in out
    assert "person:dcs" not in out


def test_the_search_finds_names_in_an_unredacted_report(tmp_path: Path) -> None:
    path = ROOT / "examples" / "teaching.yaml"
    out = tmp_path / "report.html"
    assert run_cli("report", str(path), "--as-of", "2025-06-01", "-o", str(out))[0] == 0
    text = html.unescape(out.read_text(encoding="utf-8"))
    assert leaked(text, names_of(read_plan(path).plan_or_raise()))


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "graphml"])
def test_the_search_finds_names_in_unredacted_exports(suffix: str, tmp_path: Path) -> None:
    path = ROOT / "examples" / "teaching.yaml"
    out = tmp_path / f"plain.{suffix}"
    assert run_cli("export", str(path), "-o", str(out))[0] == 0
    assert leaked(text_of(out), names_of(read_plan(path).plan_or_raise()))


def test_names_in_the_plans_measures_are_redacted() -> None:
    """The plan's list of measures is text, though actions' ``measures`` are refs: the
    measures' texts and targets lost no name before the relation table said which is which."""
    plan = Plan.model_validate(
        {
            "area": "Exampleshire",
            "title": "Plan",
            "people": [{"ref": "ann", "name": "Ann Lee", "post": "Head of SEND"}],
            "measures": [{"ref": "m1", "text": "Ann Lee reports", "target": "Ann Lee signs"}],
            "actions": [{"ref": "a", "text": "Act", "measures": ["m1"]}],
        }
    )
    red = redact_plan(plan)
    assert (red.measures[0].text, red.measures[0].target) == (
        "Head of SEND reports",
        "Head of SEND signs",
    )
    assert red.actions[0].measures == ["m1"]


def test_email_addresses_and_phone_numbers_in_text_are_withheld() -> None:
    """An email or a telephone number names a person as surely as the name: the person
    record's own email was dropped, but one written in a note, a text or an imported
    tracker's kept column stayed."""
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "people": [
                {
                    "ref": "ann",
                    "name": "Ann Lee",
                    "post": "Head of SEND",
                    "email": "Ann.Lee@x.gov.uk",
                },
                {"ref": "bob", "name": "Bob Hart"},
            ],
            "actions": [
                {
                    "ref": "1",
                    "text": "Ask ann.lee@x.gov.uk or bob.hart@x.gov.uk; call 01234 567890",
                    "owners": ["person:ann"],
                    "note": "Contact: +44 (0)20 7946 0018 or 07700-900123. Due 01/04/2025, "
                    "2024/25, 0-25 service, 20 weeks, SEND 0-25 2024-2025.",
                }
            ],
        }
    )
    action = redact_plan(plan).actions[0]
    assert action.text == "Ask Head of SEND or [email withheld]; call [phone withheld]"
    assert action.note == (
        "Contact: [phone withheld] or [phone withheld]. Due 01/04/2025, 2024/25, 0-25 service, "
        "20 weeks, SEND 0-25 2024-2025."
    )


def test_people_who_hold_one_post_are_told_apart_in_the_redacted_plan() -> None:
    # every picture and the workbook draw the redacted plan: two Heads of SEND both read
    # "Head of SEND (Council)" there, though the text outputs told them apart by code
    from graphmodel.redact import Redaction

    plan = Plan.model_validate(
        {
            "area": "A",
            "title": "T",
            "people": [
                {"ref": "al", "name": "Ann Lee", "post": "Head of SEND"},
                {"ref": "br", "name": "Bo Ray", "post": "Head of SEND"},
                {"ref": "cy", "name": "Cy Young", "post": "SENCO"},
            ],
        }
    )
    red = Redaction(plan)
    names = [name_of(p) for p in red.plan.people]
    assert names == [red.labels["al"], red.labels["br"], "SENCO"]
    assert names[0] != names[1] and all(n.startswith("Head of SEND (") for n in names[:2])
    assert not any(n in " ".join(names) for n in ("Ann", "Lee", "Bo ", "Ray", "Young"))
