"""Defects found by a user trial of the questions (critical path, slips, coverage, overload,
audit), each with a small literal plan and its known answer."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from graphmodel import Plan, build_graph
from queries.critical_path import critical_path
from queries.overload import overload


def _graph(**plan: Any) -> nx.MultiDiGraph:
    return build_graph(Plan.model_validate({"area": "X", "title": "T", **plan}))


def test_a_cancelled_prerequisite_gates_nothing() -> None:
    g = _graph(
        findings=[{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
        people=[{"ref": "hos", "name": "Ann Smith"}],
        actions=[
            {"ref": "A1", "text": "a", "owners": ["person:hos"], "due": "Mar-26",
             "status": "Cancelled", "addresses": ["F1"]},
            {"ref": "A3", "text": "b", "owners": ["person:hos"], "start": "Jul-25",
             "due": "Dec-25", "depends_on": ["A1"], "addresses": ["F1"]},
        ],
    )  # fmt: skip
    cp = critical_path(g)
    assert cp.finish == date(2025, 12, 31)
    assert cp.date_conflicts == [] and cp.finish_reasons == []
    assert "A1" not in cp.timings and cp.path == []
    assert cp.waits_on_cancelled == {"A3": ["A1"]}
    assert cp.to_dict()["waits_on_cancelled"] == {"A3": ["A1"]}
    assert "cancelled" in cp.summary
    report = overload(g, critical=cp.path)
    assert all(not o.critical_actions for o in report.people)
