"""The Neo4j backend against a real Bolt server (ArcadeDB, started once per session):
push is idempotent and updates exactly, pull gives back the plan pushed, plan text is only
ever a parameter, and the commands fail in one clear line with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bolt import settings_of
from conftest import ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel.errors import PlanError
from graphmodel.model import Plan
from graphmodel.stores.bolt import Neo4jStore
from graphmodel.stores.settings import (
    DatabaseNotFound,
    Neo4jSettings,
    PlanNotFound,
    StoreUnauthorized,
    StoreUnavailable,
)
from loaders import load_plan

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def node_count(store: Neo4jStore, plan: str) -> int:
    return len(store.graph(plan).nodes)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_push_then_pull_gives_back_the_plan_and_a_second_push_changes_nothing(
    store: Neo4jStore, path: Path
) -> None:
    plan = load_plan(path)
    first = store.push(plan)
    assert first.nodes_created > 0 and first.relationships_created > 0
    assert store.pull(plan.id) == plan
    again = store.push(plan)
    assert not again.changed, again
    assert store.pull(plan.id) == plan


def test_many_plans_share_the_database_and_are_listed(store: Neo4jStore) -> None:
    teaching = load_plan(ROOT / "examples" / "teaching.yaml")
    wirral = load_plan(ROOT / "examples" / "wirral.yaml")
    store.push(teaching)
    store.push(wirral)
    listed = {p.id: p for p in store.plans()}
    assert sorted(listed) == sorted([teaching.id, wirral.id])
    assert listed["wirral"].actions == len(wirral.actions)
    assert listed["wirral"].findings == len(wirral.findings)
    assert store.pull(teaching.id) == teaching


def test_a_changed_plan_replaces_the_old_one_and_removes_what_it_no_longer_has(
    store: Neo4jStore,
) -> None:
    plan = load_plan(ROOT / "examples" / "teaching.yaml")
    store.push(plan)
    needed = {d for a in plan.actions for d in a.depends_on}
    gone = next(a.ref for a in plan.actions if a.ref not in needed)
    changed = plan.model_copy(
        update={
            "title": "Renamed",
            "actions": [a for a in plan.actions if a.ref != gone],
            "findings": [*plan.findings, plan.findings[0].model_copy(update={"ref": "NEW"})],
        }
    )
    changed = Plan.model_validate(changed.model_dump())  # revalidate the copy
    result = store.push(changed)
    assert result.nodes_deleted >= 1 and result.nodes_created == 1 and result.nodes_updated >= 1
    assert store.pull(plan.id) == changed
    assert gone not in {a.ref for a in store.pull(plan.id).actions}
    store.push(plan)  # and back
    assert store.pull(plan.id) == plan


def test_a_plan_with_broken_refs_is_refused_before_anything_is_written(store: Neo4jStore) -> None:
    broken = Plan.model_validate(
        {
            "area": "Broken",
            "title": "T",
            "actions": [{"ref": "A", "text": "a", "depends_on": ["Z"]}],
        }
    )
    with pytest.raises(PlanError):
        store.push(broken)
    assert store.plans() == []


AWKWARD = [
    "it's",
    'say "hi"',
    "back`tick`",
    "{braces: $param}",
    "}) DETACH DELETE n //",
    "'); MATCH (n) DETACH DELETE n; //",
    "\\ backslash \\n not a newline",
    "Siân Llŷr – Łukasz Żółć 😀",
    "MERGE (x:Plan {uid: 'x'}) RETURN x",
]


def awkward_plan() -> Plan:
    """Refs and titles carrying Cypher fragments (issue 9)."""
    return Plan.model_validate(
        {
            "area": "Awkward",
            "title": AWKWARD[4],
            "source": AWKWARD[5],
            "findings": [
                {"ref": text, "kind": "area_for_improvement", "text": text} for text in AWKWARD
            ],
            "priorities": [{"ref": "`P`}) //", "title": AWKWARD[2], "addresses": [AWKWARD[0]]}],
            "actions": [
                {
                    "ref": f"A {text}",
                    "text": text,
                    "priority": "`P`}) //",
                    "addresses": [text],
                    "owners": ['person:o\'brien "x"'],
                    "depends_on": [f"A {AWKWARD[i - 1]}"] if i else [],
                }
                for i, text in enumerate(AWKWARD)
            ],
            "people": [{"ref": 'o\'brien "x"', "name": AWKWARD[7], "post": AWKWARD[3]}],
        }
    )


def test_cypher_fragments_in_refs_and_titles_round_trip_and_run_nothing(
    store: Neo4jStore,
) -> None:
    bystander = load_plan(ROOT / "examples" / "teaching.yaml")
    store.push(bystander)
    before = node_count(store, bystander.id)
    plan = awkward_plan()
    store.push(plan)
    assert store.pull(plan.id) == plan
    assert not store.push(plan).changed
    assert node_count(store, bystander.id) == before
    assert store.pull(bystander.id) == bystander
    assert sorted(p.id for p in store.plans()) == sorted([bystander.id, plan.id])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_any_plan_round_trips_and_pushing_over_another_gives_exactly_the_new_one(
    store: Neo4jStore, plan: Plan
) -> None:
    plan = plan.model_copy(update={"id": "generated"})  # one id: each push updates the last
    store.push(plan)
    assert store.pull("generated") == plan
    assert not store.push(plan).changed


# --- failures users meet ---------------------------------------------------------------


def test_settings_come_from_the_environment_and_flags_override_all_but_the_password() -> None:
    env = {
        "NEO4J_URI": "neo4j+s://aura.example:7687",
        "NEO4J_USERNAME": "neo4j",
        "NEO4J_PASSWORD": "secret",
        "NEO4J_DATABASE": "regions",
    }
    assert Neo4jSettings.from_env(env) == Neo4jSettings(
        "neo4j+s://aura.example:7687", "neo4j", "regions", "secret"
    )
    flagged = Neo4jSettings.from_env(env, uri="bolt://h:1", user="u", database="d")
    assert (flagged.uri, flagged.user, flagged.database, flagged.password) == (
        "bolt://h:1",
        "u",
        "d",
        "secret",
    )
    assert "secret" not in repr(flagged)


def test_library_errors_name_the_cause(bolt_server: Any, store: Neo4jStore) -> None:
    good = settings_of(bolt_server)
    with pytest.raises(StoreUnauthorized, match="refused user 'root'"):
        Neo4jStore(Neo4jSettings(good.uri, good.user, good.database, "wrong"))
    with pytest.raises(DatabaseNotFound, match="no database 'nope'"):
        Neo4jStore(Neo4jSettings(good.uri, good.user, "nope", good.password))
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        Neo4jStore(Neo4jSettings("bolt://127.0.0.1:9", good.user, good.database, good.password))
    with pytest.raises(PlanNotFound, match="no plan 'nowhere'"):
        store.pull("nowhere")


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["list", "--uri", "bolt://127.0.0.1:9"], None, "cannot reach a Neo4j server"),
        (["list"], "wrong", "refused user 'root'"),
        (["list", "--database", "nope"], None, "no database 'nope'"),
        (["pull", "nowhere", "-o", "x.yaml"], None, "no plan 'nowhere'"),
        (["audit", "nowhere"], None, "no plan 'nowhere'"),
        (["list", "--uri", "http://127.0.0.1:9"], None, "is not a Bolt URI"),
    ],
)
def test_commands_fail_in_one_line_with_exit_2(
    env: Any, args: list[str], password: str | None, message: str
) -> None:
    if password is not None:
        env.setenv("NEO4J_PASSWORD", password)
    code, output = run_cli("neo4j", *args)
    assert code == 2, output
    assert output.startswith("Error: ") and message in output, output
    assert output.count("\n") == 1, output


def test_push_pull_list_and_audit_commands(env: Any, tmp_path: Path) -> None:
    code, output = run_cli("neo4j", "push", "examples/teaching.yaml")
    assert code == 0 and output.startswith("exampleshire: pushed to database 'plans'"), output
    code, output = run_cli("neo4j", "push", "examples/teaching.yaml")
    assert (code, output) == (0, f"exampleshire: unchanged in database 'plans' at {env_uri()}\n")

    code, output = run_cli("neo4j", "list", "--format", "json")
    assert code == 0 and [p["id"] for p in json.loads(output)] == ["exampleshire"]

    pulled = tmp_path / "pulled.yaml"
    code, output = run_cli("neo4j", "pull", "exampleshire", "-o", str(pulled))
    assert code == 0, output
    assert pulled.read_text(encoding="utf-8") == (ROOT / "examples" / "teaching.yaml").read_text(
        encoding="utf-8"
    )
    workbook = tmp_path / "pulled.xlsx"
    assert run_cli("neo4j", "pull", "exampleshire", "-o", str(workbook))[0] == 0
    assert load_plan(workbook) == load_plan(ROOT / "examples" / "teaching.yaml")

    server_code, on_server = run_cli("neo4j", "audit", "exampleshire", "--format", "json")
    file_code, in_memory = run_cli("audit", "examples/teaching.yaml", "--format", "json")
    # what loading the file warned about has a place in the file; the server has no file
    from_server, from_file = json.loads(on_server), json.loads(in_memory)
    assert from_server.pop("load_problems") == [] and from_file.pop("load_problems")
    assert (server_code, from_server) == (file_code, from_file)
    # issue 14: the plan's area name finds it as well as its id
    by_area = run_cli("neo4j", "audit", "Exampleshire", "--format", "json")
    assert by_area == (server_code, on_server)
    code, output = run_cli("neo4j", "audit", "Nowhere Shire")
    assert code == 2 and "no plan 'Nowhere Shire' (no id or area matches)" in output, output
    assert "exampleshire (Exampleshire)" in output
    strict = ("--fail-on", "partial,rules")
    assert (
        run_cli("neo4j", "audit", "exampleshire", *strict)[0]
        == run_cli("audit", "examples/teaching.yaml", *strict)[0]
    )

    # --redact: the same redacted answers as from the file, and no name in them
    redacted = ("--redact", "--format", "json")
    server_code, on_server = run_cli("neo4j", "audit", "exampleshire", *redacted)
    file_code, in_file = run_cli("audit", "examples/teaching.yaml", *redacted)
    from_server, from_file = json.loads(on_server), json.loads(in_file)
    from_server.pop("load_problems"), from_file.pop("load_problems")
    assert (server_code, from_server) == (file_code, from_file)
    red_file = tmp_path / "redacted.yaml"
    assert run_cli("neo4j", "pull", "exampleshire", "-o", str(red_file), "--redact")[0] == 0
    people = load_plan(ROOT / "examples" / "teaching.yaml").people
    for text in (on_server, red_file.read_text(encoding="utf-8")):
        assert not [p.name for p in people if p.name and p.name in text]


def env_uri() -> str:
    import os

    return os.environ["NEO4J_URI"]


def test_pushing_a_plan_with_problems_lists_them_and_writes_nothing(
    env: Any, store: Neo4jStore, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "area: Bad\ntitle: T\nactions:\n  - {ref: A, text: a, depends_on: [Z]}\n",
        encoding="utf-8",
    )
    code, output = run_cli("neo4j", "push", str(bad))
    assert code == 2 and output.startswith("Error: the plan has 1 problem(s):"), output
    assert "'Z'" in output
    assert store.plans() == []


def test_a_link_that_only_changes_from_inferred_to_stated_is_pushed(store: Neo4jStore) -> None:
    """The plan's digest covers relationship properties: a change of ``basis`` alone (a
    transcriber confirming a link against the document) reaches the database."""
    data: dict[str, Any] = {
        "id": "basis",
        "area": "Basis",
        "title": "T",
        "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
        "actions": [
            {
                "ref": "A1",
                "text": "a",
                "addresses": [{"ref": "F1", "basis": "inferred", "reason": "same words"}],
            }
        ],
    }
    inferred = Plan.model_validate(data)
    store.push(inferred)
    assert store.pull("basis") == inferred
    data["actions"][0]["addresses"] = ["F1"]
    stated = Plan.model_validate(data)
    result = store.push(stated)
    assert result.changed, result
    pulled = store.pull("basis")
    assert pulled == stated
    assert not pulled.actions[0].addresses[0].inferred


def test_relationships_are_read_with_every_property_the_codec_writes() -> None:
    """The reads name the relationship properties (cheaper than ``properties(r)`` on
    ArcadeDB): the codec must write no other, or a read would drop it."""
    from graphmodel.graph import build_graph
    from graphmodel.stores.codec import graph_records
    from graphmodel.stores.reading import EDGE_PROPERTIES

    written = {
        key
        for path in EXAMPLES
        for edge in graph_records(build_graph(load_plan(path)))[1]
        for key in edge.props
    }
    assert written <= set(EDGE_PROPERTIES)
    assert {"plan", "i", "k", "role", "basis"} <= written
