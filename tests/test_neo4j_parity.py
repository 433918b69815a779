"""The questions answered on the database equal the in-memory answers, typed result for typed
result, on every example plan, on many plans in one database (answered together, one round of
Cypher for all of them) and on generated plans; the audit JSON is identical. Coverage and
overload, the reporting chains and the plan rules are Cypher on the server
(``queries/server_coverage.py``, ``queries/overload/server.py``,
``queries/server_reporting.py``, ``queries/server_rules.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

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
from queries import (
    audit,
    chain,
    coverage,
    critical_path,
    governance,
    overload,
    plan_rule_violations,
)
from queries.config import AuditConfig, FailOn
from queries.cypher import (
    READS,
    audit_on_server,
    audits_on_server,
    chain_on_server,
    coverage_on_server,
    critical_path_on_server,
    governance_on_server,
    governances_on_server,
    overload_on_server,
    rules_on_server,
    rules_on_server_of,
)
from queries.overload import OverloadRule
from queries.rules import Rule

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
    # the reporting chains by Cypher on the server, and from the plan read back (as
    # `actiongraph chain URI NODE` reads it)
    assert governance_on_server(store, pid) == governance(g)
    held = store.graph(pid)
    assert governance(held) == governance(g)
    starts = [
        *(f"action:{a.ref}" for a in plan.actions[:3]),
        *(f"person:{p.ref}" for p in plan.people[:3]),
        *(f"organisation:{o.ref}" for o in plan.organisations[:2]),
        *(f"board:{b.ref}" for b in plan.boards[:2]),
        *(f"priority:{p.ref}" for p in plan.priorities[:2]),
    ]
    for ref in starts:
        assert chain_on_server(store, pid, ref) == chain(g, ref)
        assert chain(held, ref) == chain(g, ref)
    # a bare ref may be ambiguous, or name nothing: the same error
    for ref in [*(a.ref for a in plan.actions[:2]), "no-such-ref", "board:no-such-board"]:
        expected = outcome(partial(chain, g, ref))
        assert outcome(partial(chain_on_server, store, pid, ref)) == expected
        assert outcome(partial(chain, held, ref)) == expected
    for as_of in (None, date(2024, 6, 1), date(2030, 1, 1)):
        assert rules_on_server(store, pid, as_of=as_of) == plan_rule_violations(g, as_of=as_of)
    skip = {"measure.target", "action.owner"}
    assert rules_on_server(store, pid, skip=skip) == plan_rule_violations(g, skip=skip)
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


def test_the_reporting_of_every_plan_answered_together_equals_each_in_memory(
    store: Neo4jStore,
) -> None:
    plans = list({p.id: p for p in map(load_plan, EXAMPLES)}.values())
    for plan in plans:
        store.push(plan)
    together = governances_on_server(store, [p.id for p in reversed(plans)])
    assert list(together) == [p.id for p in reversed(plans)]
    for plan in plans:
        assert together[plan.id] == governance(build_graph(plan))
    assert any(gov.chains for gov in together.values())
    as_of = date(2024, 6, 1)
    rules = rules_on_server_of(store, [p.id for p in plans], as_of=as_of)
    for plan in plans:
        assert rules[plan.id] == plan_rule_violations(build_graph(plan), as_of=as_of)
    assert sum(map(len, rules.values())) > 0


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


def test_reporting_on_the_server_follows_cycles_objectives_and_every_kind_of_start(
    store: Neo4jStore,
) -> None:
    """What the examples lack: a reporting cycle (and a board reporting only into it), a board
    reporting to two, a board reporting to itself, an action reaching its priority through its
    objective, a person who sponsors, leads, sits on a board and owns actions of two
    priorities, an organisation and a board as owners, an unconnected board."""
    plan = Plan.model_validate(
        {
            "id": "governed",
            "area": "X",
            "title": "T",
            "people": [
                {"ref": "ann", "name": "Ann Lee"},
                {"ref": "bo", "post": "Head of SEND", "organisation": "lbx"},
                {"ref": "cy", "name": "Cy Oh", "aliases": ["C. Oh"]},
            ],
            "organisations": [{"ref": "lbx", "name": "X Council", "kind": "local_authority"}],
            "boards": [
                {"ref": "hwb", "name": "HWB", "cadence": "quarterly", "chair": "cy"},
                {"ref": "icb", "name": "ICB Board", "reports_to": ["hwb"]},
                {
                    "ref": "spb",
                    "name": "SEND Board",
                    "reports_to": ["hwb", "icb"],
                    "chair": "ann",
                    "deputy_chair": "bo",
                    "cadence": "monthly",
                    "members": ["person:bo", "person:cy"],
                },
                {"ref": "c1", "name": "Circle 1", "reports_to": ["c2"], "cadence": "weekly"},
                {"ref": "c2", "name": "Circle 2", "reports_to": ["c1", "hwb"]},
                {"ref": "into", "name": "Into the circle", "reports_to": ["c1"]},
                {"ref": "self", "name": "Itself", "reports_to": ["self"]},
                {"ref": "alone", "name": "Nobody reports here"},
            ],
            "priorities": [
                {"ref": "P1", "title": "EHC plans", "reports_to": ["spb"], "sponsor": "ann"},
                {"ref": "P2", "title": "Waits", "reports_to": ["into", "icb"], "leads": ["bo"]},
                {"ref": "P3", "title": "Nowhere"},
            ],
            "objectives": [{"ref": "O1", "text": "Timely plans", "priority": "P2"}],
            "actions": [
                {
                    "ref": "1.1",
                    "text": "Recruit",
                    "priority": "P1",
                    "owners": ["person:bo", "person:ann"],
                },
                {"ref": "1.2", "text": "Audit", "objective": "O1", "owners": ["organisation:lbx"]},
                {"ref": "1.3", "text": "Report", "priority": "P3", "owners": ["board:spb"]},
                {"ref": "1.4", "text": "Alone", "owners": ["person:bo"]},
                {"ref": "1.5", "text": "Shared", "owners": ["organisation:lbx", "board:spb"]},
                {"ref": "1.6", "text": "Nobody's"},
            ],
        }
    )
    store.push(plan)
    g = build_graph(plan)
    gov = governance_on_server(store, plan.id)
    assert gov == governance(g)
    assert gov.cycles == [["c1", "c2"], ["self"]] and gov.top_boards == ["hwb"]
    for start in [
        *("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "P1", "P2", "P3", "O1"),
        *("person:ann", "person:bo", "person:cy", "organisation:lbx", "board:spb", "board:into"),
    ]:
        assert outcome(partial(chain_on_server, store, plan.id, start)) == outcome(
            partial(chain, g, start)
        )
    # owns an action of P1, leads P2, sits on spb; the slowest route first
    bo = chain_on_server(store, plan.id, "person:bo")
    assert {r.path[1] for r in bo.routes} == {"P1", "P2", "spb"}
    assert bo.path == ["bo", "P1", "spb", "hwb"] and bo.routes[0].latency_days == 31 + 92
    assert outcome(partial(chain_on_server, store, plan.id, "O1")).startswith("UsageError: no ")
    # started by what a node is called: a name, a post, a title, an alias; ambiguous; none
    for called in ["send board", "Head of SEND", "EHC plans", "c. oh", "board:X Council", "Waits"]:
        assert outcome(partial(chain_on_server, store, plan.id, called)) == outcome(
            partial(chain, g, called)
        )
    assert chain_on_server(store, plan.id, "Head of SEND").start == "bo"
    # an action in no priority reports through its owners: a person, an organisation, a board
    assert chain_on_server(store, plan.id, "1.4").path == ["1.4", "bo", "P1", "spb", "hwb"]
    shared = chain_on_server(store, plan.id, "1.5")
    assert {tuple(r.path[:2]) for r in shared.routes} == {("1.5", "lbx"), ("1.5", "spb")}
    assert chain_on_server(store, plan.id, "1.6").path == ["1.6"]


def test_rules_on_the_server_read_dates_statuses_milestones_and_prerequisites(
    store: Neo4jStore,
) -> None:
    """Every plan rule breaks at least once, on the server as in memory: late starts (an open
    start, waiting with nothing left open), milestones, unknown status words, completion
    dated only in the status cell, cancelled actions, owners only involved, empty measures."""
    actions: list[dict[str, Any]] = [
        {"ref": "late", "start": "Jan-25", "due": "Dec-25", "status": "Not started"},
        {"ref": "open-start", "start": "From Feb-25", "due": "Dec-25", "status": "Not started"},
        {"ref": "started", "start": "Jan-25", "due": "Dec-25", "status": "Green"},
        {"ref": "done", "start": "Jan-25", "due": "Feb-25", "status": "Blue"},
        {
            "ref": "waits-open",
            "start": "Jan-25",
            "due": "Dec-25",
            "status": "Not started",
            "depends_on": ["started"],
        },
        {
            "ref": "waits-done",
            "start": "Jan-25",
            "due": "Dec-25",
            "status": "Not started",
            "depends_on": ["done"],
        },
        {
            "ref": "green-late",
            "due": "Jan-25",
            "status": "Green",
            "milestones": [
                {"ref": "m1", "text": "m", "due": "Feb-25", "status": "On track"},
                {"ref": "m2", "text": "m", "status": "Sort of"},
            ],
        },
        {"ref": "stale", "due": "Jan-25", "status": "Not started"},
        {"ref": "unknown", "due": "Jan-25", "status": "Sort of"},
        {"ref": "undated", "due": "Actions have commenced", "status": "Blue"},
        {"ref": "dated-in-cell", "due": "Actions have commenced", "status": "Completed Oct 17"},
        {"ref": "gone", "status": "Cancelled"},
        {"ref": "involved", "due": "Mar-25", "owners": [{"party": "person:p", "role": "involved"}]},
        {"ref": "nobody", "text": "a", "owners": []},
    ]
    plan = Plan.model_validate(
        {
            "id": "ruled",
            "area": "X",
            "title": "T",
            "status_scale": "bragg",
            "people": [{"ref": "p", "name": "P"}],
            "priorities": [
                {"ref": "P1", "title": "Led", "sponsor": "p", "leads": ["p"]},
                {"ref": "P2", "title": "Nobody"},
            ],
            "measures": [
                {"ref": "M1", "text": "m", "baseline": "10%", "target": "20%"},
                {"ref": "M2", "text": "m", "target": "20%"},
                {"ref": "M3", "text": "m"},
            ],
            "actions": [{"text": "a", "owners": ["person:p"], **a} for a in actions],
        }
    )
    store.push(plan)
    g = build_graph(plan)
    for as_of in (None, date(2025, 3, 15)):
        expected = plan_rule_violations(g, as_of=as_of)
        assert rules_on_server(store, plan.id, as_of=as_of) == expected
    rules = {v.rule.value for v in plan_rule_violations(g, as_of=date(2025, 3, 15))}
    assert rules == {r.value for r in Rule} - {"dates.moved_silently", "status.stuck"}
