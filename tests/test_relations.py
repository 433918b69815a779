"""The relation table is the one place that names a relation: every row gives an edge, comes
back from the graph and the store records, is checked for unknown refs and is redacted, and
every field of the model that names other entities has a row."""

from __future__ import annotations

import typing
from typing import Any

import pytest

from graphmodel.graph import build_graph, plan_from_graph
from graphmodel.integrity import plan_problems
from graphmodel.model import Entity, Link, Owner, PartyRef, Plan
from graphmodel.model import Ref as RefType
from graphmodel.redact import redact_plan
from graphmodel.relations import (
    COLLECTIONS,
    ENTITIES,
    RELATIONS,
    Item,
    Relation,
    edge_roles,
    relation,
)
from graphmodel.schema import NodeKind, node_id
from graphmodel.stores.codec import graph_from_records, graph_records
from loaders.workbook.fields import FIELDS, relation_cell

TARGET = "zed-quill"
"""The ref of every row's target: spelled from the name of a person of the plan, so that
redaction must rename it wherever a relation names it."""

_MINIMAL: dict[NodeKind, dict[str, Any]] = {
    NodeKind.FINDING: {"kind": "area_for_improvement", "text": "A finding"},
    NodeKind.PRIORITY: {"title": "A priority"},
    NodeKind.OBJECTIVE: {"text": "An objective"},
    NodeKind.ACTION: {"text": "An action"},
    NodeKind.MILESTONE: {"text": "A milestone"},
    NodeKind.MEASURE: {"text": "A measure"},
    NodeKind.PERSON: {"post": "Head of Service"},
    NodeKind.ORGANISATION: {"name": "An organisation"},
    NodeKind.BOARD: {"name": "A board"},
}


def _cases() -> list[tuple[Relation, NodeKind]]:
    return [(r, kind) for r in RELATIONS for kind in r.targets]


def _value(r: Relation, kind: NodeKind) -> Any:
    """The field's value naming the target (inferred where a value can say so)."""
    if r.item is Item.ENTITY:
        return [{"ref": "m1", **_MINIMAL[kind]}]
    if r.item is Item.OWNER:
        party = f"{kind.value}:{TARGET}"
        return [{"party": party, "role": "accountable", "basis": "inferred", "reason": "why"}]
    if r.item is Item.PARTY:
        return [f"{kind.value}:{TARGET}"]
    if r.item is Item.LINK:
        return [{"ref": TARGET, "basis": "inferred", "reason": "order of the text"}]
    return [TARGET] if r.many else TARGET


def _plan(r: Relation, kind: NodeKind, *, target: bool = True) -> Plan:
    """A plan whose holder ``h`` has the relation's field set to name the target; with
    ``target=False`` the target is missing."""
    data: dict[str, Any] = {"area": "Exampleshire", "title": "Plan"}
    data["people"] = [{"ref": TARGET, "name": "Zed Quill"}] if target else []
    holder = {"ref": "h", **_MINIMAL[r.holder], r.field: _value(r, kind)}
    data.setdefault(COLLECTIONS[r.holder], []).append(holder)
    if target and kind is not NodeKind.PERSON and r.item is not Item.ENTITY:
        data.setdefault(COLLECTIONS[kind], []).append({"ref": TARGET, **_MINIMAL[kind]})
    return Plan.model_validate(data)


def _ids(case: tuple[Relation, NodeKind]) -> str:
    r, kind = case
    return f"{r.holder.value}.{r.field}->{kind.value}"


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_each_relation_is_an_edge_that_comes_back(case: tuple[Relation, NodeKind]) -> None:
    r, kind = case
    plan = _plan(r, kind)
    assert plan_problems(plan) == []
    g = build_graph(plan)
    holder = node_id(r.holder, "h")
    target = node_id(kind, "m1" if r.item is Item.ENTITY else TARGET)
    u, v = (holder, target) if r.outgoing else (target, holder)
    found = [d for a, b, d in g.edges(data=True) if d["kind"] is r.edge]
    assert [(a, b) for a, b, d in g.edges(data=True) if d["kind"] is r.edge] == [(u, v)]
    role = r.role if r.role is not None else (r.roles("accountable") if r.roles else None)
    assert found[0].get("role") is role
    keys = {"kind", "i", *(["role"] if role else []), *(["basis", "reason"] if r.basis else [])}
    assert set(found[0]) == keys
    if r.basis:
        assert found[0]["basis"].value == "inferred"
    back = plan_from_graph(g)
    assert back == plan
    assert plan_from_graph(graph_from_records(*graph_records(g))) == plan


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_each_relation_is_checked_for_unknown_refs(case: tuple[Relation, NodeKind]) -> None:
    r, kind = case
    if not r.is_ref:
        pytest.skip("milestones are held, not named")
    problems = plan_problems(_plan(r, kind, target=False))
    place = (COLLECTIONS[r.holder], 0, r.field, *((0,) if r.many else ()))
    assert [(p.code, p.loc) for p in problems if p.code.startswith("ref.")] == [
        ("ref.unknown", place)
    ]
    assert problems[0].message == (
        f"no {kind.value} has ref {TARGET!r}; add it to {COLLECTIONS[kind]} or correct the ref"
    )


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_each_relation_follows_its_target_through_redaction(
    case: tuple[Relation, NodeKind],
) -> None:
    r, kind = case
    if not r.is_ref:
        pytest.skip("milestones are held, not named")
    red = redact_plan(_plan(r, kind))
    text = red.model_dump_json()
    assert "zed" not in text.casefold() and "quill" not in text.casefold()
    assert plan_problems(red) == []
    g = build_graph(red)
    assert sum(d["kind"] is r.edge for _, _, d in g.edges(data=True)) == 1


def _names_entities(annotation: Any) -> bool:
    """Whether a field's type holds refs, links, parties, owners or entities."""
    if annotation == RefType or annotation in (Link, PartyRef, Owner):
        return True
    if isinstance(annotation, type) and issubclass(annotation, Entity):
        return True
    return any(_names_entities(a) for a in typing.get_args(annotation))


def test_every_field_that_names_entities_has_a_row() -> None:
    naming = set()
    for kind, cls in ENTITIES.items():
        hints = typing.get_type_hints(cls, include_extras=True)
        naming |= {(kind, f) for f in cls.model_fields if f != "ref" and _names_entities(hints[f])}
    assert naming == {(r.holder, r.field) for r in RELATIONS}


def test_the_walk_sees_refs() -> None:
    """The field walk above is not vacuous: it tells refs from text."""
    hints = typing.get_type_hints(ENTITIES[NodeKind.PERSON], include_extras=True)
    assert _names_entities(hints["organisation"]) and not _names_entities(hints["post"])
    assert not _names_entities(hints["aliases"])


def test_roles_and_workbook_cells_come_from_the_table() -> None:
    assert {k.value: t.__name__ for k, t in edge_roles().items()} == {
        "OWNED_BY": "OwnerRole",
        "MEMBER_OF": "MemberRole",
    }
    sheets = {spec[0]: dict((f, kind) for f, _, kind in spec[1]) for spec in FIELDS.values()}
    for r in RELATIONS:
        held = sheets.get(COLLECTIONS[r.holder], {})
        if r.field in held:
            assert held[r.field] == relation_cell(r)
    assert sheets["boards"]["members"] == "parties" and sheets["people"]["organisation"] == "org"


def test_plain_refs_where_links_go_are_stated_edges() -> None:
    """A plan changed in code (``model_copy``) may hold plain refs in a list of links."""
    plan = _plan(relation(NodeKind.ACTION, "depends_on"), NodeKind.ACTION)
    holder = plan.actions[0].model_copy(update={"depends_on": [TARGET]})
    g = build_graph(plan.model_copy(update={"actions": [holder, plan.actions[1]]}))
    assert [set(d) for _, _, d in g.edges(data=True)] == [{"kind", "i"}]
