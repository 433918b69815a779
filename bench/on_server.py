"""Benchmark of the Neo4j backend on a real Bolt server (ArcadeDB, started here).

    python bench/on_server.py [--nodes 100000] [--skip-big] [--only-ratios]

First the ratios the questions on the server are judged by: 100 synthetic plans
(``bench/synthetic.py``, about 120 actions each) are pushed, then the audit of the first 30 and
of all 100 is timed on the server (``audits_on_server``: the whole of every plan read in two
statements per label for all the plans, then the in-memory audit on what was read) beside the
same audits in memory (the graphs already built), and the cross-plan overload over the 100
plans (``neo4j overload --all``) beside one plan's audit. Targets: server / memory <= 3 at 30
and 100 plans; cross-plan overload < 2x one plan's audit. Beside them, named as such: the
whole command's baseline (the in-memory audit from JSON files: load, build, audit), the
server's floor (only loading the records the audit reads) and overload answered on the server.

Prints, for the largest example plan and a generated plan of about ``--nodes`` nodes: the
first push, a push of the same plan (writes nothing), a push of a changed version (every
action's text and status), pull, and the audit on the server beside the same audit in
memory; then push times for several batch sizes, which is how ``BATCH_SIZE`` was chosen.
Times are wall-clock seconds of one run on whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphmodel.collector import collector_owned  # noqa: E402
from graphmodel.graph import build_graph  # noqa: E402
from graphmodel.model import Plan  # noqa: E402
from graphmodel.stores.bolt import BATCH_SIZE, Neo4jStore  # noqa: E402
from loaders import load_plan  # noqa: E402
from queries.across import overload_across  # noqa: E402
from queries.audit import audit  # noqa: E402
from queries.cypher import (  # noqa: E402
    audit_on_server,
    audits_on_server,
    critical_path_on_server,
    governances_on_server,
)
from queries.overload.server import server_overload  # noqa: E402
from queries.reporting import governance  # noqa: E402
from tests.bolt import BoltServer, settings_of, synthetic_plan  # noqa: E402


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def size(plan: Plan) -> tuple[int, int]:
    g = build_graph(plan)
    return g.number_of_nodes(), g.number_of_edges()


def report(store: Neo4jStore, name: str, plan: Plan, changed: Plan) -> None:
    nodes, edges = size(plan)
    print(f"\n{name}: {nodes} nodes, {edges} edges (batch size {store.batch_size})")
    t, _ = timed(lambda: store.push(plan))
    print(f"  first push            {t:8.2f} s  {(nodes + edges) / t:8.0f} nodes+edges/s")
    t, again = timed(lambda: store.push(plan))
    print(f"  same plan again       {t:8.2f} s  (changed: {again.changed})")
    t, result = timed(lambda: store.push(changed))
    print(
        f"  changed version       {t:8.2f} s  ({result.nodes_updated} nodes updated, "
        f"{result.relationships_created} relationships replaced)"
    )
    t, pulled = timed(lambda: store.pull(plan.id))
    print(f"  pull                  {t:8.2f} s  (equal: {pulled == changed})")
    t, on_server = timed(lambda: audit_on_server(store, plan.id))
    print(f"  audit on the server   {t:8.2f} s")
    t, _ = timed(lambda: critical_path_on_server(store, plan.id))
    print(f"  critical path (server){t:8.2f} s  (reads actions, milestones, DEPENDS_ON, PART_OF)")
    t_build, graph = timed(lambda: build_graph(changed))
    t, in_memory = timed(lambda: audit(graph))
    print(f"  audit in memory       {t:8.2f} s  (+ {t_build:.2f} s to build the graph)")
    print(f"  same audit JSON: {on_server.to_dict() == in_memory.to_dict()}")
    store.delete(plan.id)


def best(work: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """The fastest of ``runs`` timings (the machine is shared: the minimum is the least noisy)."""
    times, result = [], None
    for _ in range(runs):
        t, result = timed(work)
        times.append(t)
    return min(times), result


def floor(store: Neo4jStore, plans: list[str]) -> float:
    """Seconds the server takes only to load every node and relationship the audit reads of
    ``plans`` (one statement per label, each touching the records' properties and sending
    back one number): what any audit answered from the whole plan costs at the least."""
    from graphmodel.schema import NodeKind

    statements = []
    for kind in NodeKind:
        lookup = f"UNWIND $plans AS plan MATCH (n:{kind.label} {{plan: plan}})"
        statements.append((f"{lookup} RETURN sum(size(keys(n))) AS c", {"plans": plans}))
        statements.append(
            (f"{lookup}-[r]->(b) RETURN sum(size(keys(r))) + count(b.uid) AS c", {"plans": plans})
        )
    t, _ = best(lambda: store.read(statements))
    return t


def ratios(store: Neo4jStore, count: int = 100) -> None:
    """The ratios of the issue: server audit / in-memory audit at 30 and ``count`` plans, and
    the cross-plan overload over ``count`` plans / one plan's audit; beside them, clearly
    named, the whole command's baseline (the in-memory audit from a JSON file: load, build,
    audit) and the server's floor (loading the records the audit reads, nothing else)."""
    from bench.synthetic import plans as synthetic_plans
    from loaders.canonical import write_json

    generated = [Plan.model_validate(d) for d in synthetic_plans(count)]
    t, _ = timed(lambda: [store.push(p) for p in generated])
    actions = sum(len(p.actions) for p in generated)
    print(f"\n{count} synthetic plans ({actions} actions) pushed in {t:.1f} s")
    graphs = [build_graph(p) for p in generated]
    ids = [p.id for p in generated]
    folder = Path(tempfile.mkdtemp(prefix="plans-"))
    files = []
    for p in generated:
        files.append(folder / f"{p.id}.json")
        write_json(p, files[-1])
    audits_on_server(store, ids[:5])  # warm the query plans
    print("  plans   server audit   in memory   ratio (target <= 3)   same answers")
    extra = []
    for n in (30, count):
        some, some_graphs, some_files = ids[:n], graphs[:n], files[:n]
        t_srv, on_server = best(lambda: audits_on_server(store, some))  # noqa: B023
        t_mem, in_memory = best(lambda: [audit(g) for g in some_graphs])  # noqa: B023
        t_file, _ = best(lambda: [audit(build_graph(load_plan(f))) for f in some_files])  # noqa: B023
        t_floor = floor(store, some)
        same = [r.to_dict() for r in on_server] == [r.to_dict() for r in in_memory]
        print(f"  {n:5d}   {t_srv:10.2f} s   {t_mem:7.2f} s   {t_srv / t_mem:8.1f}x   {same}")
        extra.append((n, t_srv, t_mem, t_file, t_floor))
    print("  beside them (not the issue's ratio):")
    for n, t_srv, t_mem, t_file, t_floor in extra:
        print(
            f"  {n:5d}   whole-command baseline, in memory from JSON files (load, build, audit): "
            f"{t_file:.2f} s; server audit / it: {t_srv / t_file:.1f}x"
        )
        print(
            f"  {n:5d}   server floor, only loading the records the audit reads: {t_floor:.2f} s"
            f" = {t_floor / t_mem:.1f}x the in-memory audit"
        )
    # tens of milliseconds each: best of 7, as one pause of the server's JVM would double one
    t_one_srv, _ = best(lambda: audit_on_server(store, ids[0]), runs=7)
    t_one_mem, _ = best(lambda: audit(graphs[0]), runs=7)
    t_each, _ = timed(lambda: [audit_on_server(store, i) for i in ids[:30]])
    print(f"  (30 plans audited one at a time on the server: {t_each:.2f} s)")
    t_across, across = best(lambda: overload_across(store), runs=7)
    several = sum(1 for r in across.rows if len(r.plans) > 1)
    print(
        f"  cross-plan overload over {count} plans: {t_across:.2f} s ({len(across.rows)} "
        f"people and organisations, {several} in several plans)"
    )
    print(
        f"    / one plan's audit on the server ({t_one_srv:.3f} s): "
        f"{t_across / t_one_srv:.1f}x (target < 2)"
    )
    print(f"    / one plan's audit in memory ({t_one_mem:.3f} s): {t_across / t_one_mem:.1f}x")
    t_over, _ = best(lambda: server_overload(store, ids))
    print(
        f"  overload of each of the {count} plans on the server (server_overload): {t_over:.2f} s"
    )
    t_gov, govs = best(lambda: governances_on_server(store, ids))
    t_gov_mem, govs_mem = best(lambda: [governance(g) for g in graphs])
    same = list(govs.values()) == govs_mem
    print(
        f"  reporting chains of each of the {count} plans on the server "
        f"(governances_on_server): {t_gov:.2f} s; in memory {t_gov_mem:.2f} s; same: {same}"
    )
    for pid in ids:
        store.delete(pid)
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000, help="size of the generated plan")
    parser.add_argument("--skip-big", action="store_true", help="only the example plans")
    parser.add_argument(
        "--only-ratios", action="store_true", help="only the server / in-memory ratios"
    )
    parser.add_argument("--plans", type=int, default=100, help="plans for the ratios")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as root:
        server = BoltServer(Path(root))
        t, _ = timed(server.start)
        print(f"ArcadeDB server started in {t:.1f} s at {server.uri}")
        try:
            with Neo4jStore(settings_of(server)) as store:
                print(f"server: {store.agent}")
                examples = [load_plan(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
                t, _ = timed(store.ensure_schema)
                print(f"constraints and indexes created in {t:.2f} s")
                warm = synthetic_plan(500, plan_id="warm-up")
                t, _ = timed(lambda: (store.push(warm), store.delete(warm.id)))
                print(f"warm-up (JIT, caches): push and delete of 500 actions in {t:.2f} s")
                # the benchmark owns its process as every command does (graphmodel.collector)
                with collector_owned():
                    ratios(store, args.plans)
                if args.only_ratios:
                    return
                largest = max(examples, key=lambda p: sum(size(p)))
                bumped = largest.model_copy(update={"title": largest.title + " (v2)"})
                report(store, f"largest example ({largest.id})", largest, bumped)

                print("\nbatch size (rows per UNWIND), first push of a generated plan, best of 2:")
                sample = synthetic_plan(3000, plan_id="batches")
                n, e = size(sample)
                sizes = (200, 1000, 2000, 5000, 10_000)
                best: dict[int, float] = {}
                for batch in (*sizes, *reversed(sizes)):  # both orders, against warm-up drift
                    store.batch_size = batch
                    t, _ = timed(lambda: store.push(sample))
                    best[batch] = min(t, best.get(batch, t))
                    store.delete(sample.id)
                for batch in sizes:
                    rate = (n + e) / best[batch]
                    print(f"  {batch:6d}: {best[batch]:7.2f} s  {rate:8.0f} nodes+edges/s")
                store.batch_size = BATCH_SIZE

                if not args.skip_big:
                    actions = int(args.nodes / 1.67)  # synthetic plans have ~1.67 nodes/action
                    big = synthetic_plan(actions, plan_id="big")
                    report(
                        store,
                        "generated plan",
                        big,
                        synthetic_plan(actions, plan_id="big", version=1),
                    )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
