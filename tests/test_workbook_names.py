"""Names in workbook cells (loaders.names, used by loaders.workbook.read): guessed kinds,
matching as users write them, roles, and refs by post, alias or explicit form.
"""

from __future__ import annotations

from typing import Any

import pytest

from graphmodel.model import (
    OwnerRole,
)
from loaders.names import Names, guess_kind, name_key, split_role

# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("SEND Partnership Board", "board"),
        ("Health and Wellbeing Board", "board"),
        ("SEND Steering Group", "board"),
        ("0-25 SEND Partnership", "board"),
        ("NHS Cheshire and Merseyside Integrated Care Board", "organisation"),
        ("Department for Education", "organisation"),
        ("Cheshire East Council", "organisation"),
        ("Wirral Parent Carer Forum", "organisation"),
        ("Oakfield Academy", "organisation"),
        ("Children's Services", "organisation"),
        ("Head of Service: SEND and Inclusion, Cheshire East Council", "person"),
        ("Designated Clinical Officer", "person"),
        ("Kellie Williams", "person"),
        ("Łukasz Żółć", "person"),
    ],
)
def test_an_unknown_name_is_guessed_by_its_words(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


def test_names_match_ignoring_case_spaces_punctuation_and_ampersands() -> None:
    assert name_key(" Health &  Wellbeing Board. ") == name_key("health and wellbeing board")
    assert name_key("O'Brien, Ann") == "o brien ann"
    names = Names()
    names.add_organisation("hwb", "Health & Wellbeing Board")
    assert [n.value for n in names.read_cell("HEALTH AND WELLBEING BOARD", ("organisation",))] == [
        "organisation:hwb"
    ]


def test_owner_roles_and_the_names_that_look_like_roles() -> None:
    assert split_role("Ann (Accountable)") == ("Ann", OwnerRole.ACCOUNTABLE)
    assert split_role("Ann (involved) (responsible)") == ("Ann (involved)", OwnerRole.RESPONSIBLE)
    assert split_role("Ann (lead)") == ("Ann (lead)", OwnerRole.RESPONSIBLE)


def test_a_name_resolves_by_post_alias_ref_or_explicit_form() -> None:
    names = Names()
    names.add_organisation("cec", "Cheshire East Council", ["CEC"])
    names.add_person("la", "Louise Atkin", "Head of Service", ["Lou"], "cec")
    names.add_person("hos2", None, "Head of Service", [], None)
    people = ("person",)

    def read(text: str) -> list[Any]:
        return [(n.value, n.code) for n in names.read_cell(text, people)]

    assert read("lou; la; person:hos2; Head of Service, CEC") == [
        ("person:la", None),
        ("person:la", None),
        ("person:hos2", None),
        ("person:la", None),
    ]
    assert read("Head of Service") == [(None, "name.ambiguous")]
    assert read("Cheshire East Council") == [(None, "name.kind")]
    assert read("-") == [(None, "name.blank")]
    assert read("person:nobody") == [("person:nobody", None)]  # left for the ref check
    [created] = names.read_cell("Renée Dupré", people)
    assert (created.code, created.created) == (
        "name.created",
        {"ref": "renee-dupre", "name": "Renée Dupré"},
    )
    [again] = names.read_cell("RENÉE  dupré", people)
    assert (again.party, again.code) == (("person", "renee-dupre"), None)
