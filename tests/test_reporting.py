"""Reporting chains: routes up REPORTS_TO, chairs, cadence latency, cycles, the tree."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plans

from graphmodel import Cadence, NodeKind, Plan, build_graph, build_graphs, reporting_cycles
from loaders import load_plan
from queries.reporting import Chain, Governance, TreeNode, chain, governance

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"


def graph_of(**entities: Any) -> nx.MultiDiGraph:
    return build_graph(Plan.model_validate({"area": "X", "title": "T", **entities}))


def board(ref: str, *up: str, **fields: Any) -> dict[str, Any]:
    return {"ref": ref, "name": f"Board {ref}", "reports_to": list(up), **fields}


def priority(ref: str, *up: str, **fields: Any) -> dict[str, Any]:
    return {"ref": ref, "title": f"Priority {ref}", "reports_to": list(up), **fields}


def paths(c: Chain) -> list[list[str]]:
    return [r.path for r in c.routes]


def by_start(gov: Governance) -> dict[str, Chain]:
    return {c.start: c for c in gov.chains}


# --- routes -------------------------------------------------------------------------------


def test_priority_to_board_to_top() -> None:
    g = graph_of(boards=[board("top"), board("b", "top")], priorities=[priority("P1", "b")])
    c = chain(g, "P1")
    assert c.kind is NodeKind.PRIORITY and c.path == ["P1", "b", "top"]
    assert c.reaches_top and not c.truncated and len(c.routes) == 1
    gov = governance(g)
    assert gov.top_boards == ["top"] and gov.unreachable == [] and gov.cycles == []
    assert [c.start for c in gov.chains] == ["P1", "top", "b"]  # priorities, then boards
    assert by_start(gov)["top"].path == ["top"] and by_start(gov)["top"].reaches_top


def test_board_reporting_to_two_boards_has_two_routes() -> None:
    # Peterborough: the SEND Executive Board reports to two boards, both report to the HWB
    g = graph_of(
        boards=[
            board("hwb", cadence="quarterly"),
            board("commissioning", "hwb", cadence="monthly"),
            board("child-health", "hwb", cadence="bi_monthly"),
            board("send-exec", "commissioning", "child-health", cadence="monthly"),
        ],
        priorities=[priority("P1", "send-exec")],
    )
    c = chain(g, "P1")
    # slowest first: child health meets every two months
    assert paths(c) == [
        ["P1", "send-exec", "child-health", "hwb"],
        ["P1", "send-exec", "commissioning", "hwb"],
    ]
    assert [r.latency_days for r in c.routes] == [31 + 62 + 92, 31 + 31 + 92]
    assert c.latency_days == 31 + 62 + 92
    # the tree shows send-exec in full once, then as a repeat
    gov = governance(g)
    (hwb,) = gov.tree
    assert [t.ref for t in hwb.children] == ["commissioning", "child-health"]
    first, second = (t.children[0] for t in hwb.children)
    assert (first.ref, first.repeated, [t.ref for t in first.children]) == (
        "send-exec",
        False,
        ["P1"],
    )
    assert (second.ref, second.repeated, second.children) == ("send-exec", True, [])


def test_reporting_cycle_is_reported_and_unreachable() -> None:
    g = graph_of(
        boards=[board("top"), board("a", "b"), board("b", "a"), board("c", "a")],
        priorities=[priority("P1", "c"), priority("P2", "top")],
    )
    gov = governance(g)
    assert gov.cycles == [["a", "b"]]
    assert gov.unreachable == ["P1", "a", "b", "c"]
    c = by_start(gov)["P1"]
    assert c.path == ["P1", "c", "a"] and not c.reaches_top
    assert c.routes[0].ends_in_cycle and c.latency_days is None
    assert by_start(gov)["P2"].reaches_top
    assert gov.top_boards == ["top"] and [t.ref for t in gov.tree] == ["top"]


def test_a_route_stops_at_a_cycle_even_if_the_cycle_reports_elsewhere() -> None:
    g = graph_of(boards=[board("top"), board("a", "b", "top"), board("b", "a"), board("d", "a")])
    gov = governance(g)
    assert gov.cycles == [["a", "b"]]
    assert gov.unreachable == ["a", "b", "d"]


def test_board_reporting_to_a_cycle_and_to_the_top_is_reachable() -> None:
    g = graph_of(boards=[board("top"), board("a", "b"), board("b", "a"), board("d", "a", "top")])
    c = chain(g, "d")
    assert paths(c) == [["d", "top"], ["d", "a"]]  # routes that reach the top come first
    assert [r.ends_in_cycle for r in c.routes] == [False, True]
    assert "d" not in governance(g).unreachable


def test_self_loop_is_a_cycle() -> None:
    g = graph_of(boards=[board("s", "s")], priorities=[priority("P1", "s")])
    gov = governance(g)
    assert gov.cycles == [["s"]] and gov.unreachable == ["P1", "s"] and gov.top_boards == []
    assert chain(g, "P1").path == ["P1", "s"]


def test_priority_with_no_board_is_unreachable() -> None:
    g = graph_of(boards=[board("top")], priorities=[priority("P1", "top"), priority("P2")])
    gov = governance(g)
    assert gov.unreachable == ["P2"]
    c = by_start(gov)["P2"]
    assert c.path == ["P2"] and not c.reaches_top and c.latency_days is None


def test_chairs_and_people_on_the_way() -> None:
    g = graph_of(
        people=[
            {"ref": "helen", "name": "Helen Marsh"},
            {"ref": "marek", "name": "Marek Nowak"},
            {"ref": "vacant", "post": "SEND Service Manager"},
        ],
        organisations=[{"ref": "oak", "name": "Oak Learning Trust"}],
        boards=[
            board("top", chair="marek"),
            board("spb", "top", chair="helen", deputy_chair="marek"),
        ],
        priorities=[priority("P1", "spb", sponsor="helen", leads=["vacant", "marek"])],
        actions=[{"ref": "1.1", "text": "Do", "priority": "P1", "owners": ["organisation:oak"]}],
    )
    action, p1, spb, top = chain(g, "1.1").routes[0].steps
    assert action.people == ["Oak Learning Trust"] and action.name == "Do"
    assert p1.people == ["Helen Marsh", "SEND Service Manager", "Marek Nowak"]
    assert (spb.name, spb.chair, spb.deputy_chair) == ("Board spb", "Helen Marsh", "Marek Nowak")
    assert (top.chair, top.deputy_chair) == ("Marek Nowak", None)


# --- latency ------------------------------------------------------------------------------


def test_latency_with_every_cadence_known() -> None:
    g = graph_of(
        boards=[board("top", cadence="termly"), board("b", "top", cadence="fortnightly")],
        priorities=[priority("P1", "b")],
    )
    (route,) = chain(g, "P1").routes
    expected = Cadence.TERMLY.days + Cadence.FORTNIGHTLY.days
    assert (route.latency_days, route.known_days, route.unknown_cadence) == (expected, expected, [])
    assert route.steps[1].cadence == "fortnightly"


def test_latency_with_one_cadence_unknown() -> None:
    g = graph_of(
        boards=[board("top", cadence="quarterly"), board("b", "top")],
        priorities=[priority("P1", "b")],
    )
    c = chain(g, "P1")
    (route,) = c.routes
    assert route.latency_days is None and route.known_days == 92
    assert route.unknown_cadence == ["b"] and c.latency_days is None


# --- starting points ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def teaching() -> nx.MultiDiGraph:
    return build_graph(load_plan(TEACHING))


def test_teaching_chain_from_an_action(teaching: nx.MultiDiGraph) -> None:
    raw = yaml.safe_load(TEACHING.read_text(encoding="utf-8"))
    boards = {b["ref"]: b for b in raw["boards"]}
    people = {p["ref"]: p for p in raw["people"]}
    action = next(a for a in raw["actions"] if a["ref"] == "3.4")
    spb = boards[
        next(p for p in raw["priorities"] if p["ref"] == action["priority"])["reports_to"][0]
    ]
    c = chain(teaching, "3.4")
    assert c.path == ["3.4", action["priority"], spb["ref"], *spb["reports_to"]]
    assert c.path == ["3.4", "P3", "spb", "hwb"]
    steps = c.routes[0].steps
    assert steps[2].chair == people[spb["chair"]]["name"] == "Helen Marsh"
    assert steps[2].cadence == spb["cadence"] == "monthly"
    assert steps[3].cadence == boards["hwb"]["cadence"] == "quarterly"
    assert c.latency_days == 31 + 92 == sum(Cadence(b["cadence"]).days for b in boards.values())
    assert steps[0].people == ["Oak Learning Trust"]


def test_teaching_governance(teaching: nx.MultiDiGraph) -> None:
    gov = governance(teaching)
    assert gov.top_boards == ["hwb"] and gov.unreachable == [] and gov.cycles == []
    assert {c.start: c.path for c in gov.chains} == {
        "P1": ["P1", "spb", "hwb"],
        "P2": ["P2", "spb", "hwb"],
        "P3": ["P3", "spb", "hwb"],
        "hwb": ["hwb"],
        "spb": ["spb", "hwb"],
    }
    (hwb,) = gov.tree
    (spb,) = hwb.children
    assert (spb.chair, spb.cadence) == ("Helen Marsh", "monthly")
    assert [t.ref for t in spb.children] == ["P1", "P2", "P3"]


def test_chain_from_a_person_sponsor_owner_and_chair(teaching: nx.MultiDiGraph) -> None:
    # Helen Marsh sponsors P1 and P3 and chairs the SEND Partnership Board
    assert paths(chain(teaching, "dcs")) == [
        ["dcs", "P1", "spb", "hwb"],
        ["dcs", "P3", "spb", "hwb"],
        ["dcs", "spb", "hwb"],
    ]
    # the vacant post owns actions of P1 only
    c = chain(teaching, "person:sen-manager")
    assert c.kind is NodeKind.PERSON and paths(c) == [["sen-manager", "P1", "spb", "hwb"]]
    assert c.routes[0].steps[0].name == "SEND Service Manager"
    # an organisation owning actions in two priorities
    assert paths(chain(teaching, "organisation:epcf")) == [
        ["epcf", "P1", "spb", "hwb"],
        ["epcf", "P2", "spb", "hwb"],
    ]


def test_chain_from_a_board(teaching: nx.MultiDiGraph) -> None:
    c = chain(teaching, "board:spb")
    assert c.kind is NodeKind.BOARD and c.path == ["spb", "hwb"] and c.latency_days == 123


def test_ambiguous_and_unknown_refs() -> None:
    g = graph_of(
        people=[{"ref": "x", "name": "Ann"}],
        boards=[board("x")],
        priorities=[priority("P1", "x")],
    )
    with pytest.raises(ValueError, match=r"'board:x' or 'person:x'"):
        chain(g, "x")
    assert chain(g, "person:x").path == ["x"] and chain(g, "board:x").path == ["x"]
    with pytest.raises(ValueError, match=r"did you mean 'P1'"):
        chain(g, "P2")
    with pytest.raises(ValueError, match=r"no person 'P1'"):
        chain(g, "person:P1")
    with pytest.raises(ValueError, match=r"not at a finding"):
        chain(g, "finding:F1")


def test_chain_from_an_action_without_priority_and_a_person_with_nothing() -> None:
    g = graph_of(people=[{"ref": "ann", "name": "Ann"}], actions=[{"ref": "1.1", "text": "Do"}])
    assert chain(g, "1.1").path == ["1.1"] and not chain(g, "1.1").reaches_top
    assert chain(g, "ann").path == ["ann"]


def test_an_action_in_no_priority_reports_through_its_owners() -> None:
    """A tracker with no workstreams: its actions reached no board, although their owners sit
    on the board (DESIGN: action -> owner -> priority -> sponsor -> board)."""
    g = graph_of(
        people=[
            {"ref": "cara", "name": "Cara Lee", "post": "PCF Chair"},
            {"ref": "dan", "name": "Dan"},
        ],
        boards=[
            board("hwb", cadence="quarterly"),
            board("spb", "hwb", cadence="monthly", members=["person:cara"]),
        ],
        priorities=[priority("P1", "spb")],
        actions=[
            {"ref": "A1", "text": "Steering group", "owners": ["person:cara"]},
            {"ref": "A2", "text": "Report", "owners": ["board:spb"]},
            {"ref": "A3", "text": "Waits", "owners": ["person:dan"]},
            {"ref": "A4", "text": "In P1", "priority": "P1", "owners": ["person:dan"]},
            {"ref": "A5", "text": "Anyone"},
        ],
    )
    a1 = chain(g, "A1")
    assert a1.path == ["A1", "cara", "spb", "hwb"] and a1.latency_days == 31 + 92
    assert chain(g, "A2").path == ["A2", "spb", "hwb"]
    assert chain(g, "A3").path == ["A3", "dan", "P1", "spb", "hwb"]  # dan's other action's
    assert chain(g, "A4").path == ["A4", "P1", "spb", "hwb"]  # its priority, not its owner
    assert chain(g, "A5").path == ["A5"] and not chain(g, "A5").reaches_top


def test_a_chain_starts_at_what_a_node_is_called(teaching: nx.MultiDiGraph) -> None:
    """A board secretary types the board's name, not its ref."""
    assert chain(teaching, "SEND Partnership Board").start == "spb"
    assert chain(teaching, "  send partnership   board ").start == "spb"
    assert chain(teaching, "board:SEND Partnership Board").start == "spb"
    with pytest.raises(ValueError, match=r"no person 'SEND Partnership Board'"):
        chain(teaching, "person:SEND Partnership Board")  # a kind that has no such name
    g = graph_of(
        people=[{"ref": "a", "name": "Sam Lee"}, {"ref": "b", "name": "Sam Lee"}],
        boards=[board("hwb")],
    )
    with pytest.raises(ValueError, match=r"'Sam Lee' names 2 nodes; write 'person:a' or"):
        chain(g, "Sam Lee")


def test_plan_with_no_boards() -> None:
    g = graph_of(priorities=[priority("P1")])
    gov = governance(g)
    assert gov.top_boards == [] and gov.tree == [] and gov.cycles == []
    assert gov.unreachable == ["P1"]
    assert governance(graph_of()).to_dict()["chains"] == []


def test_max_routes_truncates_and_keeps_the_slowest() -> None:
    # a ladder: every rung reports to both boards of the rung above, 2**6 routes from the bottom
    boards = [board("top", cadence="monthly")]
    above = ["top"]
    for i in range(6):
        rung = [f"l{i}", f"r{i}"]
        boards += [board(rung[0], *above, cadence="weekly"), board(rung[1], *above)]
        above = rung
    g = graph_of(boards=boards, priorities=[priority("P1", *above)])
    c = chain(g, "P1", max_routes=5)
    assert c.truncated and len(c.routes) == 5
    assert c.path == ["P1", "l5", "l4", "l3", "l2", "l1", "l0", "top"]  # all weekly
    assert c.routes[0].known_days == 6 * 7 + 31
    assert not chain(g, "P1", max_routes=64).truncated
    assert len(chain(g, "P1", max_routes=64).routes) == 64
    with pytest.raises(ValueError, match="max_routes"):
        chain(g, "P1", max_routes=0)


# --- scale and several plans --------------------------------------------------------------


def test_a_cycle_of_a_thousand_boards() -> None:
    n = 1000
    g = graph_of(
        boards=[board(f"b{i}", f"b{(i + 1) % n}") for i in range(n)],
        priorities=[priority("P1", "b0")],
    )
    gov = governance(g)  # its time is in the benchmark (python -m bench)
    assert gov.cycles == [[f"b{i}" for i in range(n)]]
    assert len(gov.unreachable) == n + 1 and gov.top_boards == []


def test_a_chain_of_a_thousand_boards_is_deep_but_fine() -> None:
    n = 1000
    g = graph_of(boards=[board("b0")] + [board(f"b{i}", f"b{i - 1}") for i in range(1, n)])
    gov = governance(g)
    assert gov.unreachable == [] and len(by_start(gov)[f"b{n - 1}"].path) == n
    tree = replace(gov, chains=[]).to_dict()["tree"]  # n deep: built without recursion
    assert tree[0]["children"][0]["ref"] == "b1"
    depth, node = 1, gov.tree[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert depth == n


def test_two_plans_in_one_graph() -> None:
    def plan(pid: str, top: str) -> Plan:
        return Plan.model_validate(
            {
                "id": pid,
                "area": pid,
                "title": "T",
                "boards": [board(top), board("spb", top)],
                "priorities": [priority("P1", "spb")],
            }
        )

    g = build_graphs([plan("a", "hwb"), plan("b", "cabinet")])
    with pytest.raises(ValueError, match="name one of a or b"):
        governance(g)
    with pytest.raises(ValueError, match="no plan 'c'"):
        chain(g, "P1", "c")
    assert chain(g, "P1", "a").path == ["P1", "spb", "hwb"]
    assert chain(g, "board:spb", "b").path == ["spb", "cabinet"]
    assert governance(g, "b").top_boards == ["cabinet"]


def test_to_dict_keeps_the_audit_contract(teaching: nx.MultiDiGraph) -> None:
    out = json.loads(json.dumps(governance(teaching).to_dict()))
    assert {"chains", "unreachable", "cycles", "top_boards", "tree"} <= set(out)
    first = out["chains"][0]
    assert (first["from"], first["path"], first["latency_days"]) == (
        "P1",
        ["P1", "spb", "hwb"],
        123,
    )
    step = first["routes"][0]["steps"][1]
    assert step == {
        "kind": "board",
        "ref": "spb",
        "name": "SEND Partnership Board",
        "chair": "Helen Marsh",
        "deputy_chair": "Marek Żółć",
        "cadence": "monthly",
        "people": [],
    }
    assert out["tree"][0]["children"][0]["ref"] == "spb"


# --- properties ---------------------------------------------------------------------------


def walk(tree: list[TreeNode]) -> list[TreeNode]:
    out, stack = [], list(tree)
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_governance_of_any_plan(plan: Plan) -> None:
    g = build_graph(plan)
    gov = governance(g)
    boards = {b.ref: b for b in plan.boards}
    for c in gov.chains:
        assert c.routes and all(r.path[0] == c.start for r in c.routes)
        for r in c.routes:
            if r.reaches_top:
                assert r.steps[-1].kind is NodeKind.BOARD
                assert boards[r.steps[-1].ref].reports_to == []
                assert r.latency_days == (None if r.unknown_cadence else r.known_days)
            else:
                assert r.latency_days is None
    assert gov.unreachable == [c.start for c in gov.chains if not c.reaches_top]
    members = [ref for cycle in gov.cycles for ref in cycle]
    assert set(members) <= set(boards) and len(members) == len(set(members))
    assert gov.cycles == reporting_cycles(plan)
    reported_to = {up for b in boards.values() for up in b.reports_to}
    reported_to |= {up for p in plan.priorities for up in p.reports_to}
    assert gov.top_boards == [b for b in boards if not boards[b].reports_to and b in reported_to]
    assert {t.ref for t in walk(gov.tree) if t.kind is NodeKind.BOARD} <= set(boards)
    json.dumps(gov.to_dict())
    starts = [f"action:{a.ref}" for a in plan.actions] + [f"person:{p.ref}" for p in plan.people]
    for start in starts + [f"organisation:{o.ref}" for o in plan.organisations]:
        c = chain(g, start)
        assert c.path[0] == start.partition(":")[2] and len(c.routes) <= 20


@st.composite
def board_graphs(draw: st.DrawFn) -> Plan:
    """Up to 7 boards reporting to any others (self-loops, cycles, diamonds), some cadences."""
    refs = [f"b{i}" for i in range(draw(st.integers(1, 7)))]
    cadences = st.none() | st.sampled_from([c.value for c in Cadence])
    boards = [
        board(
            r,
            *draw(st.lists(st.sampled_from(refs), max_size=3, unique=True)),
            cadence=draw(cadences),
        )
        for r in refs
    ]
    return Plan.model_validate({"area": "X", "title": "T", "boards": boards})


def brute_routes(plan: Plan, start: str, in_cycle: set[str]) -> list[list[str]]:
    """Every route by plain search: up each reports_to, ending at a top or a cycle board."""
    ups = {b.ref: list(dict.fromkeys(b.reports_to)) for b in plan.boards}
    if start in in_cycle or not ups[start]:
        return [[start]]
    return [[start, *rest] for up in ups[start] for rest in brute_routes(plan, up, in_cycle)]


@settings(max_examples=200, deadline=None)
@given(board_graphs(), st.integers(1, 6))
def test_routes_match_a_plain_search(plan: Plan, max_routes: int) -> None:
    g = build_graph(plan)
    gov = governance(g, max_routes=1000)
    in_cycle = {ref for cycle in gov.cycles for ref in cycle}
    assert gov.cycles == reporting_cycles(plan)
    cadence = {b.ref: b.cadence.days if b.cadence else 0 for b in plan.boards}
    for c in gov.chains:
        expected = brute_routes(plan, c.start, in_cycle)
        assert sorted(paths(c)) == sorted(expected) and not c.truncated
        known = [r.known_days for r in c.routes if r.reaches_top]
        assert known == sorted(known, reverse=True)  # slowest first
        for r in c.routes:
            assert r.known_days == sum(cadence[ref] for ref in r.path)
            reported_to = {up for b in plan.boards for up in b.reports_to}
            top = r.path[-1] not in in_cycle and r.path[-1] in reported_to
            assert r.reaches_top == top  # an unconnected board is no top
        cut = chain(g, f"board:{c.start}", max_routes=max_routes)
        assert cut.truncated == (len(expected) > max_routes)
        assert len(cut.routes) == min(len(expected), max_routes)
        assert cut.reaches_top == c.reaches_top and cut.path == c.path


def test_the_chain_command_takes_a_name_and_keeps_it_out_of_a_redacted_answer() -> None:
    from tests.conftest import run_cli

    status, out = run_cli("chain", "examples/warrington.yaml", "Kellie Williams")
    assert status == 0 and "Kellie Williams →" in out
    status, out = run_cli("chain", "examples/warrington.yaml", "kellie williams", "--redact")
    assert status == 0 and "Person " in out and "Kellie" not in out and "Williams" not in out
    status, out = run_cli("chain", "examples/teaching.yaml", "Nobody Here")
    assert status == 2 and "no board, priority, action, person or organisation" in out


def test_the_summary_says_plainly_when_nothing_reports_anywhere(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    plan = tmp_path / "p.yaml"
    plan.write_text(
        "area: X\ntitle: T\nfindings: [{ref: F1, kind: area_for_improvement, text: Late}]\n"
        "actions: [{ref: A1, text: Recruit, addresses: [F1]}]\n",
        encoding="utf-8",
    )
    _, out = run_cli("audit", str(plan))
    assert "Reporting:     no boards or priorities;" in out
    _, out = run_cli("chain", "examples/warrington.yaml")
    assert "[cadence unknown for" in out and "at least 0 days" not in out
