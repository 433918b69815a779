"""The database records of a plan's graph turn back into exactly the graph ``build_graph``
gave: every node in order with the same attributes (equal, and of the same types), every edge
in order with the same key and attributes -- on every example and on generated plans. The
questions on a Neo4j server (``queries.cypher``) run on such graphs, so a value decoded the
quick way (a period from its text, an enum from its value) must be the value validation gives.
No server here: ``test_neo4j*.py`` send the records through one."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from conftest import ROOT

from bench.synthetic import plans as synthetic_plans
from graphmodel.graph import build_graph
from graphmodel.model import Plan
from graphmodel.stores.codec import PARTY_DERIVED, graph_from_records, graph_records
from loaders import load_plan

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _typed(attrs: dict[str, Any]) -> dict[str, tuple[type, Any]]:
    return {k: (type(v), v) for k, v in attrs.items()}


def _same_graph(back: nx.MultiDiGraph, graph: nx.MultiDiGraph) -> None:
    assert list(back.nodes) == list(graph.nodes)
    for n, attrs in graph.nodes(data=True):
        assert _typed(back.nodes[n]) == _typed(attrs), n
    assert [(u, v, k, _typed(d)) for u, v, k, d in back.edges(keys=True, data=True)] == [
        (u, v, k, _typed(d)) for u, v, k, d in graph.edges(keys=True, data=True)
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_records_turn_back_into_the_graph_of_every_example(path: Any) -> None:
    graph = build_graph(load_plan(path))
    _same_graph(graph_from_records(*graph_records(graph)), graph)


def test_records_turn_back_into_the_graph_of_generated_plans() -> None:
    for data in synthetic_plans(12, seed=3):
        graph = build_graph(Plan.model_validate(data))
        nodes, edges = graph_records(graph)
        _same_graph(graph_from_records(list(reversed(nodes)), list(reversed(edges))), graph)


def test_people_and_organisations_carry_their_identity_and_open_actions() -> None:
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "actions": [
                {"ref": "A1", "text": "a", "owners": ["person:jo", "organisation:la"]},
                {"ref": "A2", "text": "b", "owners": ["person:jo"], "status": "Complete"},
                {"ref": "A3", "text": "c", "owners": ["person:jo", "person:jo"]},
            ],
            "people": [
                {"ref": "jo", "name": "Jo Bloggs", "organisation": "la"},
                {"ref": "sam", "name": "Sam Lee", "email": " Sam@X.org"},
            ],
            "organisations": [{"ref": "la", "name": "Shire Council ", "kind": "local_authority"}],
        }
    )
    nodes, _ = graph_records(build_graph(plan))
    derived = {
        n.props["ref"]: {k: n.props[k] for k in PARTY_DERIVED if k in n.props}
        for n in nodes
        if n.label in ("Person", "Organisation")
    }
    assert derived == {
        "jo": {
            "q_identity": "name:jo bloggs|shire council",
            "q_org": "Shire Council ",
            "q_open": ["A1", "A3"],  # A2 is complete; A3 once although owned twice
        },
        "sam": {"q_identity": "email:sam@x.org"},  # owns nothing open: no q_open
        "la": {"q_identity": "org:shire council", "q_open": ["A1"]},
    }
    assert nodes[0].props["q_parties"] is True
