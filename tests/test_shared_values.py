"""Validation reads a repeated value once (issue 18): date texts, parties, owners and links
written the same way are one shared immutable value, and sharing changes no answer and no
error -- a bad value is reported every time it is written, wherever it follows good ones."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from graphmodel.model import Action, Owner, Plan
from graphmodel.periods import Period
from loaders.canonical import json_pairs


def _plan(owners: list[object], dues: list[object]) -> Plan:
    return Plan.model_validate(
        {
            "area": "Shared",
            "title": "T",
            "actions": [
                {"ref": f"a{i}", "text": "t", "owners": [owner], "due": due}
                for i, (owner, due) in enumerate(zip(owners, dues, strict=True))
            ],
            "people": [{"ref": "ann", "name": "Ann"}],
        }
    )


def test_cells_that_say_the_same_share_one_value() -> None:
    plan = _plan(["person:ann", "person:ann", "person:ann"], ["Dec-23", " Dec-23 ", "Jan-24"])
    a, b, c = plan.actions
    assert a.due is b.due and a.due is not c.due
    assert a.owners[0] is b.owners[0]
    assert a.due == Period.model_validate("Dec-23") and str(b.due) == "Dec-23"


def test_a_shared_value_is_the_value_validation_gives() -> None:
    for text in ["Dec-23", "  Q3 2024/25 ", "whenever", "45627", "within 3 months"]:
        shared = _plan(["person:ann"], [text]).actions[0].due
        assert shared == Period.model_validate(text)
        assert (
            shared is not None and shared.model_dump() == Period.model_validate(text).model_dump()
        )
    owner = {"party": "person:ann", "role": "accountable"}
    read = _plan([owner, dict(owner)], ["Dec-23", "Dec-23"]).actions
    assert read[0].owners[0] is read[1].owners[0]
    assert read[0].owners[0].model_dump() == {"party": "person:ann", "role": "accountable"}


@pytest.mark.parametrize("bad", ["perso:ann", {"party": "person:ann", "role": "boss"}])
def test_a_bad_value_is_reported_every_time_before_and_after_good_ones(bad: object) -> None:
    good = bad.replace("perso:", "person:") if isinstance(bad, str) else {"party": "person:ann"}
    errors = []
    for owners in ([bad, good], [good, bad], [bad, bad]):
        with pytest.raises(ValidationError) as caught:
            Action.model_validate({"ref": "a", "text": "t", "owners": owners})
        errors.append([(e["loc"], e["msg"]) for e in caught.value.errors()])
    first = errors[0][0]
    assert errors[1] == [((*first[0][:1], 1, *first[0][2:]), first[1])]
    assert len(errors[2]) == 2 and errors[2][0] == first
    with pytest.raises(ValidationError):
        Owner.model_validate(bad)


def test_links_keep_their_basis_when_shared() -> None:
    inferred = {"ref": "a0", "basis": "inferred", "reason": "order"}
    action = Action.model_validate(
        {"ref": "b", "text": "t", "depends_on": ["a0", inferred, dict(inferred)]}
    )
    stated, first, again = action.depends_on
    assert first is again and first.inferred and first.reason == "order"
    assert not stated.inferred and stated != first  # the same ref, another basis
    assert stated == "a0" and first == "a0"  # each equals the plain ref it names
    assert action.model_dump()["depends_on"] == ["a0", inferred, inferred]


def test_the_json_hook_finds_every_repeated_key_in_order() -> None:
    found: list[str] = []
    text = '{"a": 1, "b": {"c": 1, "c": 2}, "a": 3, "a": 4, "b": 5}'
    data = json.loads(text, object_pairs_hook=json_pairs(found))
    assert data == json.loads(text) == {"a": 4, "b": 5}
    assert list(data) == ["a", "b"]
    assert found == ["c", "a", "a", "b"]
