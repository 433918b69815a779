"""The questions answered on the database equal the in-memory answers, typed result for typed
result, on every example plan, on many plans in one database (answered together, one round of
Cypher for all of them) and on generated plans; the audit JSON is identical. Coverage and
overload are Cypher on the server (``queries/server_coverage.py``,
``queries/overload/server.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel.errors import UsageError
from graphmodel.graph import build_graph
from graphmodel.model import Plan
from graphmodel.schema import NodeKind
from graphmodel.stores.bolt import Neo4jStore
from loaders import load_plan
from queries import audit, chain, coverage, critical_path, governance, overload
from queries.config import AuditConfig, FailOn
from queries.cypher import (
    READS,
    audit_on_server,
    audits_on_server,
    coverage_on_server,
    critical_path_on_server,
    overload_on_server,
)
from queries.overload import OverloadRule

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def outcome(answer: Callable[[], object]) -> object:
    """The answer, or the message of the usage error raised instead."""
    try:
        return answer()
    except UsageError as e:
        return f"UsageError: {e}"


def assert_same_answers(store: Neo4jStore, plan: Plan) -> None:
    store.push(plan)
    g, pid = build_graph(plan), plan.id
    assert coverage_on_server(store, pid) == coverage(g)
    path = critical_path(g)
    assert critical_path_on_server(store, pid) == path
    for f in plan.findings[:3]:
        assert critical_path_on_server(store, pid, to=f.ref) == critical_path(g, to=f.ref)
    assert overload_on_server(store, pid, critical=path.path) == overload(g, critical=path.path)
    for rule in (OverloadRule(), OverloadRule(count_roles=("responsible", "accountable"))):
        on_server = overload_on_server(store, pid, rule=rule, critical=path.path)
        assert on_server == overload(g, rule=rule, critical=path.path)
    # the reporting chains from the database: the plan read back (as `actiongraph chain URI
    # NODE` reads it) answers as memory does
    held = store.graph(pid)
    assert governance(held) == governance(g)
    for ref in [f"action:{a.ref}" for a in plan.actions[:3]] + [
        f"person:{p.ref}" for p in plan.people[:2]
    ]:
        assert chain(held, ref) == chain(g, ref)
    for ref in [a.ref for a in plan.actions[:2]]:  # a bare ref may be ambiguous: same error
        assert outcome(partial(chain, held, ref)) == outcome(partial(chain, g, ref))
    config = AuditConfig(fail_on=frozenset(FailOn))
    for as_of in (None, date(2024, 6, 1)):
        on_server = audit_on_server(store, pid, config=config, as_of=as_of)
        in_memory = audit(g, config=config, as_of=as_of)
        assert on_server == in_memory
        assert json.dumps(on_server.to_dict()) == json.dumps(in_memory.to_dict())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_question_has_the_same_answer_on_the_server(store: Neo4jStore, path: Path) -> None:
    assert_same_answers(store, load_plan(path))


def test_the_same_answers_with_many_plans_in_the_database(store: Neo4jStore) -> None:
    for path in EXAMPLES:
        store.push(load_plan(path))
    for name in ("teaching", "wirral"):
        assert_same_answers(store, load_plan(ROOT / "examples" / f"{name}.yaml"))


def test_the_audits_of_every_plan_answered_together_equal_each_in_memory(
    store: Neo4jStore,
) -> None:
    # two examples are versions of one plan (exampleshire): the database holds the last pushed
    plans = list({p.id: p for p in map(load_plan, EXAMPLES)}.values())
    for plan in plans:
        store.push(plan)
    config = AuditConfig(fail_on=frozenset(FailOn))
    for as_of in (None, date(2023, 3, 1)):
        together = audits_on_server(
            store, [p.id for p in reversed(plans)], config=config, as_of=as_of
        )
        assert [r.plan for r in together] == [p.id for p in reversed(plans)]
        for plan, report in zip(reversed(plans), together, strict=True):
            assert report == audit(build_graph(plan), config=config, as_of=as_of)


def test_each_question_reads_only_what_it_needs(store: Neo4jStore) -> None:
    """Every question answered from a subgraph says what it reads (READS); the critical path
    never reads a finding's text; coverage and overload read no subgraph (their rows come
    from Cypher on the server)."""
    assert set(READS) == {"critical_path", "critical_path_to"}
    for name in ("critical_path", "critical_path_to"):
        assert "text" not in READS[name].fields.get(NodeKind.FINDING, ())


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_generated_plans_have_the_same_answers_on_the_server(store: Neo4jStore, plan: Plan) -> None:
    assert_same_answers(store, plan)


def test_overload_on_the_server_tells_a_person_from_an_organisation_of_the_same_ref(
    store: Neo4jStore,
) -> None:
    plan = Plan.model_validate(
        {
            "id": "same-refs",
            "area": "X",
            "title": "T",
            "findings": [
                {"ref": f"F{i}", "kind": "area_for_improvement", "text": "f"} for i in (1, 2)
            ],
            "actions": [
                {
                    "ref": "A1",
                    "text": "a",
                    "owners": ["person:x", "organisation:x"],
                    "addresses": ["F1"],
                    "status": "Completed",
                },
                {"ref": "A2", "text": "a", "owners": ["organisation:x"], "addresses": ["F2"]},
                {"ref": "A3", "text": "a", "owners": [{"party": "person:x", "role": "involved"}]},
            ],
            "people": [{"ref": "x", "name": "X", "organisation": "x"}],
            "organisations": [{"ref": "x", "name": "X Council", "kind": "local_authority"}],
        }
    )
    store.push(plan)
    assert overload_on_server(store, plan.id) == overload(build_graph(plan))
