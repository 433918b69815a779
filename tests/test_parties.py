"""One rule names a party in output (graphmodel.parties.name_of): the views, the chains and the
overload table use it, and the rule diff spells out for matching renamed entities gives the same
names on every example plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.graph import build_graph, nodes_of, out_nodes
from graphmodel.parties import name_of
from graphmodel.relations import COLLECTIONS, ENTITIES, PARTY_KINDS
from graphmodel.schema import EdgeKind, NodeKind, node_id
from loaders import load_plan
from queries.changes import _label
from queries.overload import overload
from visualise.model import display_name

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_rule_names_a_party_alike(path: Path) -> None:
    plan = load_plan(path)
    g = build_graph(plan)
    for n, data in g.nodes(data=True):
        assert display_name(g, n) == name_of(data)
    report = overload(g)
    for load in [*report.people, *report.organisations, *report.boards]:
        n = node_id(NodeKind(load.kind.value), load.ref)
        employer = out_nodes(g, n, EdgeKind.WORKS_FOR)
        assert load.name == name_of(g.nodes[n], g.nodes[employer[0]]["name"] if employer else None)
    for kind in PARTY_KINDS:
        for entity in getattr(plan, COLLECTIONS[kind]):
            assert isinstance(entity, ENTITIES[kind])
            assert _label(kind, entity) == name_of(entity)
    assert all(p.label == name_of(p) for p in plan.people)
    assert nodes_of(g, NodeKind.PERSON)


def test_a_post_without_a_holder_is_named_by_its_post() -> None:
    post = {"kind": NodeKind.PERSON, "ref": "p", "name": None, "post": "SEND Lead"}
    assert name_of(post) == "SEND Lead"
    assert name_of(post, "Wirral Council") == "SEND Lead (Wirral Council)"
    assert name_of({**post, "name": "Ann Lee"}, "Wirral Council") == "Ann Lee"
