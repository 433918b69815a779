"""The overload report of one plan, and :func:`overload_of`, which makes it from the plan's
:class:`~queries.overload.rows.OverloadRows` with the three pure parts: party load
(:mod:`~queries.overload.load`), key-person risk (:mod:`~queries.overload.keyperson`) and
partner balance (:mod:`~queries.overload.balance`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphmodel.model import PartyKind
from graphmodel.serialise import JsonResult
from queries.overload.balance import OrgShare, partner_balance
from queries.overload.keyperson import same_person, sole_owners
from queries.overload.load import OwnerLoad, owner_load
from queries.overload.rows import OverloadRows
from queries.overload.rule import DEFAULT_RULE, OverloadRule

__all__ = ["OverloadReport", "overload_of"]

_KEY_FIELDS = ("ref", "kind", "name", "sole_owner_for")


@dataclass(frozen=True)
class OverloadReport(JsonResult):
    """The loads of every party of one plan, sorted by counted actions, then open actions
    (most first), then name. As JSON (the audit contract's ``overload`` part and more), the
    key people are written with their ref, kind, name and the findings they alone own."""

    JSON_ORDER = (
        "plan",
        "rule",
        "total_open",
        "unowned_open",
        "people",
        "organisations",
        "boards",
        "key_person_risk",
        "balance",
        "balance_by_kind",
    )

    plan: str
    rule: OverloadRule
    total_open: int
    people: list[OwnerLoad]
    organisations: list[OwnerLoad]
    boards: list[OwnerLoad]
    balance: list[OrgShare]
    balance_by_kind: dict[str, float]
    unowned_open: list[str]

    @property
    def overloaded(self) -> list[OwnerLoad]:
        return [p for p in self.people if p.overloaded]

    @property
    def key_people(self) -> list[OwnerLoad]:
        """Parties that are sole owner of at least one finding."""
        return [p for p in self.people + self.organisations + self.boards if p.sole_owner_for]

    @property
    def written_twice(self) -> list[list[OwnerLoad]]:
        """People whose names are probably one person written two ways
        (:func:`~queries.overload.keyperson.same_person`): their loads and sole ownership are
        counted apart, so an overload or a key-person risk may be hidden."""
        named = {p.ref: p for p in self.people if _named(p)}
        return [[named[r] for r in g] for g in same_person((r, p.name) for r, p in named.items())]

    @property
    def key_person_risk(self) -> list[dict[str, Any]]:
        """The key people as the JSON writes them: ref, kind, name, sole owner for."""
        return [{k: v for k, v in p.to_dict().items() if k in _KEY_FIELDS} for p in self.key_people]


def _named(person: OwnerLoad) -> bool:
    """Whether a person's name is a name, not their post (``"post (employer)"``: a post
    without a named holder, or a name redacted to the post) or their ref: two holders of
    one post are two people."""
    post = person.post
    by_post = bool(post) and (person.name == post or person.name.startswith(f"{post} ("))
    return not by_post and person.name != person.ref


def overload_of(rows: OverloadRows, rule: OverloadRule = DEFAULT_RULE) -> OverloadReport:
    """The :class:`OverloadReport` of the plan ``rows`` describe (gathered for the roles
    ``rule`` counts: ValueError otherwise)."""
    if tuple(rows.count_roles) != tuple(rule.count_roles):
        raise ValueError(
            f"rows counting {list(rows.count_roles)} cannot answer a rule counting "
            f"{list(rule.count_roles)}"
        )
    sole = sole_owners(rows.findings)
    loads: dict[PartyKind, list[OwnerLoad]] = {k: [] for k in PartyKind}
    for row in rows.parties:
        loads[row.kind].append(owner_load(row, rule, rows.total_open, sole.get(row.key, [])))
    for found in loads.values():
        found.sort(key=lambda o: (-o.counted_actions, -o.open_actions, o.name.casefold(), o.ref))
    balance, by_kind = partner_balance(rows.attribution)
    return OverloadReport(
        plan=rows.plan,
        rule=rule,
        total_open=rows.total_open,
        people=loads[PartyKind.PERSON],
        organisations=loads[PartyKind.ORGANISATION],
        boards=loads[PartyKind.BOARD],
        balance=balance,
        balance_by_kind=by_kind,
        unowned_open=list(rows.unowned_open),
    )
