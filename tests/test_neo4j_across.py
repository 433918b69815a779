"""Questions across every plan in one database, plans read through URIs, versions kept on
the server, and relationships identified without their position -- all against the real Bolt
server (ArcadeDB) of the session."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

from graphmodel.errors import UsageError
from graphmodel.graph import build_graph
from graphmodel.model import Plan
from graphmodel.stores.bolt import Neo4jStore
from graphmodel.stores.settings import PlanNotFound
from graphmodel.stores.uri import PlanURI
from loaders import load_plan
from queries import coverage, critical_path, overload
from queries.across import QUERIES, coverage_across, overload_across, run_query
from queries.rules import plan_rule_violations

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def shared_plans() -> list[Plan]:
    """Three small plans: Jo (one email, written two ways) owns actions in all three; Sam
    Lee works for the council in two plans (matched by name and organisation) and for the
    trust in the third (someone else, as far as the rule can tell)."""

    def plan(pid: str, jo_name: str, sam_org: str, statuses: Sequence[str]) -> Plan:
        return Plan.model_validate(
            {
                "id": pid,
                "area": pid.title(),
                "title": f"{pid} plan",
                "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
                "actions": [
                    {
                        "ref": f"A{i}",
                        "text": "a",
                        "owners": ["person:jo", "person:sam"] if i % 2 else ["person:jo"],
                        "status": status,
                        "due": "Dec-25",
                        "addresses": ["F1"],
                    }
                    for i, status in enumerate(statuses)
                ],
                "people": [
                    {
                        "ref": "jo",
                        "name": jo_name,
                        "email": " Jo.Bloggs@NHS.net ",
                        "organisation": "icb",
                    },
                    {"ref": "sam", "name": "Sam Lee", "organisation": sam_org},
                ],
                "organisations": [
                    {"ref": "icb", "name": "NHS ICB", "kind": "icb"},
                    {"ref": "la", "name": "Shire Council", "kind": "local_authority"},
                    {"ref": "nhs", "name": "Shire Trust", "kind": "nhs_trust"},
                ],
            }
        )

    return [
        plan("north", "Jo Bloggs", "la", ["On track", "Delayed", "Complete"]),
        plan("south", "Joanna Bloggs", "la", ["On track", "On track"]),
        plan("east", "J. Bloggs", "nhs", ["Cancelled", "On track", "Not started", "On track"]),
    ]


def test_overload_across_plans_matches_people_by_email_else_name_and_organisation(
    store: Neo4jStore,
) -> None:
    plans = shared_plans()
    for p in plans:
        store.push(p)
    result = overload_across(store)
    by_identity = {r.identity: r for r in result.rows}
    in_memory = {p.id: overload(build_graph(p)) for p in plans}

    def open_in(plan: str, ref: str) -> int:
        report = in_memory[plan]
        return next(o.open_actions for o in report.people + report.organisations if o.ref == ref)

    jo = by_identity["email:jo.bloggs@nhs.net"]
    assert jo.matched_by == "email" and jo.kind == "person"
    assert [(p.plan, p.name) for p in jo.plans] == [
        ("east", "J. Bloggs"),
        ("north", "Jo Bloggs"),
        ("south", "Joanna Bloggs"),
    ]
    assert jo.open_actions == sum(open_in(p.id, "jo") for p in plans) == 2 + 2 + 3
    sam = by_identity["name:sam lee|shire council"]
    assert sam.matched_by == "name and organisation"
    assert [p.plan for p in sam.plans] == ["north", "south"]
    assert sam.open_actions == open_in("north", "sam") + open_in("south", "sam")
    other_sam = by_identity["name:sam lee|shire trust"]
    assert [p.plan for p in other_sam.plans] == ["east"]
    assert result.rows[0] is jo  # most open actions first
    assert {r.identity for r in overload_across(store, min_plans=2).rows} == {
        jo.identity,
        sam.identity,
    }
    assert "org:nhs icb" not in by_identity  # organisations own nothing here: not listed
    assert all(r.open_actions > 0 for r in result.rows)


def test_overload_across_lists_each_party_s_open_actions_as_the_plan_does(
    store: Neo4jStore,
) -> None:
    """On every example: each party's open actions, as the cross-plan answer lists them
    (worked out when the plan was pushed), are the actions the plan says it owns and are
    neither complete nor cancelled, in document order; its identity is the rule's."""
    plans = list({p.id: p for p in map(load_plan, EXAMPLES)}.values())
    for p in plans:
        store.push(p)
    listed = {
        (party.plan, row.kind, party.ref): (row.identity, party.actions)
        for row in overload_across(store).rows
        for party in row.plans
    }
    expected: dict[tuple[str, str, str], tuple[str, list[str]]] = {}
    for p in plans:
        for a in p.actions:
            status = p.status_of(a.status)
            if status is not None and not status.is_open:
                continue
            for owner in a.owners:
                kind, ref = owner.party.kind.value, owner.party.ref
                if kind == "board":
                    continue
                if kind == "person":
                    identity = _identity(p, ref)
                else:
                    name = next(o.name for o in p.organisations if o.ref == ref)
                    identity = "org:" + name.strip().lower()
                refs = expected.setdefault((p.id, kind, ref), (identity, []))[1]
                if a.ref not in refs:
                    refs.append(a.ref)
    assert len(expected) > 50  # the examples own many open actions
    assert listed == expected


def test_overload_across_names_plans_pushed_before_it_could_answer(store: Neo4jStore) -> None:
    """A plan pushed by an older actiongraph lacks its parties' identities and open actions:
    the question says which plans and to push them again, not a short answer."""
    for p in shared_plans():
        store.push(p)
    with store._session() as session:  # as an older version left the plan node
        session.run("MATCH (p:Plan {uid: $uid}) REMOVE p.q_parties", uid="south/plan:south")
    with pytest.raises(UsageError, match=r"\['south'\].*push each again"):
        overload_across(store)


def test_coverage_of_every_plan_is_one_row_each_equal_to_the_in_memory_answer(
    store: Neo4jStore,
) -> None:
    # two examples are versions of one plan (exampleshire): the database holds the last pushed
    plans = list({p.id: p for p in map(load_plan, EXAMPLES)}.values())
    for p in plans:
        store.push(p)
    rows = coverage_across(store).rows
    assert [r.plan for r in rows] == sorted(p.id for p in plans)
    for row in rows:
        report = coverage(build_graph(next(p for p in plans if p.id == row.plan)))
        counts = Counter(f.status.value for f in report.findings)
        assert (row.findings, row.covered, row.partial, row.uncovered, row.covered_percent) == (
            len(report.findings),
            counts["covered"],
            counts["partial"],
            counts["uncovered"],
            report.covered_percent,
        )


def _identity(plan: Plan, ref: str) -> str:
    person = next(x for x in plan.people if x.ref == ref)
    if person.email and person.email.strip():
        return "email:" + person.email.strip().lower()
    org = next((o.name for o in plan.organisations if o.ref == person.organisation), "")
    what, text = ("name", person.name) if person.name is not None else ("post", person.post)
    return f"{what}:{(text or '').strip().lower()}|{org.strip().lower()}"


def test_named_queries_agree_with_the_plans_counted_in_python(store: Neo4jStore) -> None:
    every = [load_plan(p) for p in EXAMPLES] + shared_plans()
    plans = list({p.id: p for p in every}.values())  # the versions the database holds
    for p in plans:
        store.push(p)

    orgs: dict[str, set[str]] = {}
    for p in plans:
        for o in p.organisations:
            orgs.setdefault(o.name.strip().lower(), set()).add(p.id)
    got = run_query(store, "organisations-in-most-plans").rows
    assert {r["organisation"].strip().lower(): r["plans"] for r in got} == {
        k: len(v) for k, v in orgs.items()
    }
    assert [r["plans"] for r in got] == sorted((r["plans"] for r in got), reverse=True)
    assert got[3]["organisation"] == "Department for Education" and got[3]["plans"] == 2

    owners: dict[str, set[str]] = {}
    for p in plans:
        for a in p.actions:
            for owner in a.owners:
                kind, ref = owner.party.kind.value, owner.party.ref
                if kind == "person":
                    owners.setdefault(_identity(p, ref), set()).add(p.id)
    several = {k: len(v) for k, v in owners.items() if len(v) > 1}
    got = run_query(store, "people-in-several-plans").rows
    assert {r["identity"]: r["plans"] for r in got} == several

    statuses = Counter(
        (p.id, (p.status_of(a.status).value if p.status_of(a.status) else "none"))
        for p in plans
        for a in p.actions
    )
    got = run_query(store, "actions-by-status").rows
    assert {(r["plan"], r["status"]): r["actions"] for r in got} == dict(statuses)

    unowned = run_query(store, "unowned-open-actions").rows
    for row in unowned:
        report = overload(build_graph(next(p for p in plans if p.id == row["plan"])))
        assert (row["open_actions"], row["unowned"]) == (
            report.total_open,
            len(report.unowned_open),
        )


def test_the_cli_names_of_the_queries_are_the_library_s() -> None:
    from actiongraph.cli_neo4j import QUERY_NAMES

    assert tuple(QUERIES) == QUERY_NAMES


def test_cross_plan_commands(env: Any, store: Neo4jStore) -> None:
    for p in shared_plans():
        store.push(p)
    code, output = run_cli("neo4j", "overload", "--all", "--format", "json")
    assert code == 0, output
    rows = json.loads(output)["rows"]
    assert rows[0]["identity"] == "email:jo.bloggs@nhs.net" and len(rows[0]["plans"]) == 3
    code, output = run_cli("neo4j", "overload", "--all", "--min-plans", "2")
    assert code == 0 and "Jo Bloggs" in output and "email" in output, output
    code, output = run_cli("neo4j", "coverage", "--all", "--format", "json")
    assert code == 0 and [r["plan"] for r in json.loads(output)["rows"]] == [
        "east",
        "north",
        "south",
    ]
    code, output = run_cli("neo4j", "query", "people-in-several-plans")
    assert code == 0 and "sam lee|shire council" in output, output
    code, output = run_cli("neo4j", "overload", "north", "--format", "json")
    north = build_graph(shared_plans()[0])
    expected = overload(north, critical=critical_path(north).path)
    assert code == 0 and json.loads(output) == expected.to_dict(), output
    code, output = run_cli("neo4j", "coverage", "north", "--format", "json")
    assert code == 0 and json.loads(output) == coverage(build_graph(shared_plans()[0])).to_dict()
    code, output = run_cli("neo4j", "overload", "north", "--all")
    assert code == 2 and "not both" in output
    code, output = run_cli("neo4j", "query", "nonsense")
    assert code == 2 and "people-in-several-plans" in output


def test_the_chain_command_answers_on_the_server_as_on_the_file(
    env: Any, store: Neo4jStore
) -> None:
    store.push(load_plan(ROOT / "examples" / "teaching.yaml"))
    for args in ([], ["3.4"], ["person:dcs"], ["--format", "json"], ["hwb", "--format", "md"]):
        on_server = run_cli("neo4j", "chain", "exampleshire", *args)
        assert on_server == run_cli("chain", "examples/teaching.yaml", *args), args
        assert on_server[0] == 0 and on_server[1].strip()
    code, output = run_cli("neo4j", "chain", "Exampleshire", "person:nobody")
    assert code == 2 and "no person 'nobody' in plan 'exampleshire'" in output, output
    code, output = run_cli("neo4j", "chain", "nowhere")
    assert code == 2 and "no plan 'nowhere'" in output, output


def test_the_rules_command_answers_for_one_plan_and_for_every_plan(
    env: Any, store: Neo4jStore
) -> None:
    plans = [load_plan(ROOT / "examples" / f"{name}.yaml") for name in ("teaching", "wirral")]
    for plan in plans:
        store.push(plan)
    code, output = run_cli(
        "neo4j", "rules", "exampleshire", "--as-of", "2025-03-01", "--format", "json"
    )
    expected = plan_rule_violations(build_graph(plans[0]), as_of=date(2025, 3, 1))
    found = json.loads(output)
    assert code == 0 and found["plan"] == "exampleshire" and found["as_of"] == "2025-03-01"
    assert found["violations"] == [v.to_dict() for v in expected] and expected
    code, output = run_cli("neo4j", "rules", "Exampleshire", "--as-of", "2025-03-01")
    assert code == 0 and f"{len(expected)} problem(s); as of 2025-03-01" in output, output
    assert expected[0].message[:40] in " ".join(output.split()), output
    code, output = run_cli("neo4j", "rules", "--all", "--format", "json")
    rows = json.loads(output)["rows"]
    assert code == 0 and [r["plan"] for r in rows] == ["exampleshire", "wirral"]
    for row, plan in zip(rows, plans, strict=True):
        in_memory = plan_rule_violations(build_graph(plan))
        assert row["violations"] == [v.to_dict() for v in in_memory]
    code, output = run_cli("neo4j", "rules", "--all")
    assert code == 0 and "wirral" in output and "no --as-of" in output, output
    code, output = run_cli("neo4j", "rules", "wirral", "--all")
    assert code == 2 and "not both" in output


# --- plans as URIs ------------------------------------------------------------------------


def _unplaced(audit_json: str) -> Any:
    """An audit's JSON with its load problems reduced to their codes: a plan read from a
    file places each problem in the file, a plan read from a server has no file."""
    data = json.loads(audit_json)
    data["load_problems"] = [p["code"] for p in data["load_problems"]]
    return data


def test_a_plan_uri_is_read_wherever_a_plan_file_is(
    env: Any, bolt_server: Any, store: Neo4jStore
) -> None:
    store.push(load_plan(ROOT / "examples" / "teaching.yaml"))
    host = bolt_server.uri.removeprefix("bolt://")
    for scheme in ("neo4j", "bolt"):
        uri = f"{scheme}://{host}/{bolt_server.database}?plan=exampleshire"
        (code, on_server), (file_code, from_file) = (
            run_cli("audit", uri, "--format", "json"),
            run_cli("audit", "examples/teaching.yaml", "--format", "json"),
        )
        assert (code, _unplaced(on_server)) == (file_code, _unplaced(from_file))
    uri = f"neo4j://{host}/{bolt_server.database}?plan=exampleshire"
    assert run_cli("coverage", uri)[1] == run_cli("coverage", "examples/teaching.yaml")[1]
    code, output = run_cli("validate", uri)
    assert code == 0 and "VALID" in output, output
    code, output = run_cli("audit", f"neo4j://{host}/{bolt_server.database}?plan=nowhere")
    assert code == 2 and "no plan 'nowhere'" in output, output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("neo4j://db/plans", "add ?plan=ID"),
        ("neo4j://u:secret@db/plans?plan=x", "set NEO4J_PASSWORD"),
        ("bolt://db/plans?plan=x&version=0", "version must be a number"),
        ("bolt://db/plans?plan=x&colour=red", "unknown parameter"),
    ],
)
def test_bad_plan_uris_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        PlanURI.parse(text)
    code, output = run_cli("coverage", text)
    assert code == 2 and message.split("?")[0] in output and "secret" not in output, output


def test_a_plan_uri_takes_the_user_from_it_and_the_rest_from_the_environment() -> None:
    u = PlanURI.parse("neo4j+s://reader@aura.example/regions?plan=wirral")
    assert u is not None
    s = u.settings({"NEO4J_PASSWORD": "pw", "NEO4J_DATABASE": "other"})
    assert (s.uri, s.user, s.database, s.password) == (
        "neo4j+s://aura.example",
        "reader",
        "regions",
        "pw",
    )


# --- versions -------------------------------------------------------------------------------


def test_push_keep_versions_keeps_each_old_version_readable(
    env: Any, bolt_server: Any, store: Neo4jStore
) -> None:
    v1 = load_plan(ROOT / "examples" / "teaching.yaml")
    v2 = Plan.model_validate(v1.model_copy(update={"title": "Second"}).model_dump())
    needed = {d for a in v2.actions for d in a.depends_on}
    gone = next(a.ref for a in v2.actions if a.ref not in needed)
    kept = [a for a in v2.actions if a.ref != gone]
    v3 = Plan.model_validate(v2.model_copy(update={"actions": kept, "title": "Third"}).model_dump())
    store.push(v1)
    assert store.push(v2, keep_versions=True).kept == 1
    assert store.push(v2, keep_versions=True).kept is None  # unchanged: nothing kept
    assert store.push(v3, keep_versions=True).kept == 2
    versions = store.versions(v1.id)
    assert [(v.version, v.current, v.title) for v in versions] == [
        (1, False, v1.title),
        (2, False, "Second"),
        (3, True, "Third"),
    ]
    assert store.pull(v1.id, version=1) == v1
    assert store.pull(v1.id, version=2) == v2
    assert store.pull(v1.id) == store.pull(v1.id, version=3) == v3
    assert [p.id for p in store.plans()] == [v1.id]  # kept versions are not plans
    assert [r.plan for r in coverage_across(store).rows] == [v1.id]
    with pytest.raises(PlanNotFound, match="no version 9"):
        store.pull(v1.id, version=9)

    host = bolt_server.uri.removeprefix("bolt://")
    old = f"neo4j://{host}/{bolt_server.database}?plan={v1.id}&version=1"
    (code, on_server), (file_code, from_file) = (
        run_cli("audit", old, "--format", "json"),
        run_cli("audit", "examples/teaching.yaml", "--format", "json"),
    )
    assert (code, _unplaced(on_server)) == (file_code, _unplaced(from_file))
    code, output = run_cli("neo4j", "versions", v1.id, "--format", "json")
    assert code == 0 and [v["version"] for v in json.loads(output)] == [1, 2, 3]
    code, output = run_cli("neo4j", "push", "examples/teaching.yaml", "--keep-versions")
    assert code == 0 and "previous version kept as version 3" in output, output
    assert store.delete(v1.id) > 0
    assert store.plans() == []
    with pytest.raises(PlanNotFound):
        store.versions(v1.id)


# --- relationships identified without their position ----------------------------------------


class CountingStore(Neo4jStore):
    """A store that counts the rows each kind of write statement sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: Counter[str] = Counter()

    def _write(self, tx: Any, query: str, rows: Sequence[Any]) -> int:
        kinds = ("CREATE (a)", "DETACH DELETE", "DELETE r", "SET r =", "MERGE")
        kind = next(k for k in kinds if k in query)
        self.rows[kind] += len(rows)
        return super()._write(tx, query, rows)


def test_inserting_an_action_early_writes_only_its_own_relationships(
    store: Neo4jStore, bolt_server: Any
) -> None:
    from bolt import settings_of

    plan = load_plan(ROOT / "examples" / "wirral.yaml")
    store.push(plan)
    first = plan.actions[0]
    new = first.model_copy(update={"ref": "NEW.1", "depends_on": []})
    inserted = Plan.model_validate(
        plan.model_copy(update={"actions": [new, *plan.actions]}).model_dump()
    )
    g = build_graph(inserted)
    own_edges = len(g.out_edges(f"action:{new.ref}")) + len(g.in_edges(f"action:{new.ref}"))
    with CountingStore(settings_of(bolt_server)) as counting:
        result = counting.push(inserted)
    assert result.relationships_created == own_edges > 0
    assert result.relationships_deleted == 0
    assert counting.rows["CREATE (a)"] == own_edges
    assert counting.rows["DELETE r"] == 0
    assert counting.rows["SET r ="] == 0  # no other relationship moved among its source's
    assert result.nodes_created == 1
    assert store.pull(plan.id) == inserted
    # and back: only the new action and its relationships go
    with CountingStore(settings_of(bolt_server)) as counting:
        result = counting.push(plan)
    assert result.nodes_deleted == 1 and result.relationships_created == 0
    assert counting.rows["CREATE (a)"] == 0 and counting.rows["DELETE r"] == 0
    assert store.pull(plan.id) == plan


def test_plan_records_keep_edge_order_without_a_global_position(tmp_path: Path) -> None:
    from graphmodel.stores.codec import graph_from_records, graph_records

    plan = load_plan(ROOT / "examples" / "peterborough.yaml")
    nodes, edges = graph_records(build_graph(plan))
    assert all("seq" not in e.props for e in edges)
    assert len({e.identity for e in edges}) == len(edges)
    from graphmodel.graph import plan_from_graph

    assert plan_from_graph(graph_from_records(nodes, list(reversed(edges))), plan.id) == plan


def test_a_query_with_no_answer_says_so(env: Any, store: Neo4jStore) -> None:
    # one plan: nobody can own actions in several, and the answer said nothing at all
    store.push(shared_plans()[0])
    code, output = run_cli("neo4j", "query", "people-in-several-plans")
    assert code == 0 and "1 plan(s) in the database: north" in output, output
    assert output.rstrip().endswith("none found in these plans"), output
    code, output = run_cli("neo4j", "query", "people-in-several-plans", "--format", "json")
    assert code == 0 and json.loads(output)["rows"] == [], output
