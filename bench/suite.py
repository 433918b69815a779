"""The benchmark stages, as a registry, and a worker that times them at one size.

A stage is one function registered with :func:`stage`: it takes the :class:`Context` of one
run (how many plans, where their files are, and what earlier stages made) and does the work
to be timed. What it needs (``plans``, ``graph``, ``reports``) is made before its clock
starts, by the stage that makes it or by the context; what it returns is kept under
``makes`` for later stages. Adding a stage is adding one function here (or in a module that
imports :func:`stage` and is named in ``--modules``).

Peak memory per stage: before a stage, the worker resets the kernel's high-water mark of
its resident set (``/proc/self/clear_refs``, Linux 4.0+) and reads the resident set; after
it, the peak (``VmHWM``) minus that is the memory the stage added at its worst. Where the
reset is not allowed the figure is the growth of ``getrusage`` maxrss, a lower bound.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["STAGES", "Context", "Stage", "run_stages", "stage"]


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Context], Any]
    needs: tuple[str, ...]
    makes: str | None
    formats: tuple[str, ...]  # plan files this stage reads
    slow: bool  # capped at --slow-max plans (the YAML and workbook readers)
    what: str


STAGES: dict[str, Stage] = {}


def stage(
    name: str,
    *,
    needs: tuple[str, ...] = (),
    makes: str | None = None,
    formats: tuple[str, ...] = (),
    slow: bool = False,
) -> Callable[[Callable[[Context], Any]], Callable[[Context], Any]]:
    """Register a stage (see the module docstring); its docstring's first line describes it."""

    def register(run: Callable[[Context], Any]) -> Callable[[Context], Any]:
        what = (run.__doc__ or name).strip().splitlines()[0]
        STAGES[name] = Stage(name, run, needs, makes, formats, slow, what)
        return run

    return register


@dataclass
class Context:
    """One run: ``n`` plans whose files are under ``data`` (one folder per format)."""

    n: int
    data: Path
    made: dict[str, Any] = field(default_factory=dict)

    def paths(self, fmt: str) -> list[Path]:
        from bench.synthetic import write_plans

        return write_plans(self.data / fmt, self.n, fmt)

    def get(self, what: str) -> Any:
        """What an earlier stage made, else made here (untimed) the plain way."""
        if what not in self.made:
            maker = next(s for s in STAGES.values() if s.makes == what)
            for need in maker.needs:
                self.get(need)
            self.made[what] = maker.run(self)
        return self.made[what]


# ---------------------------------------------------------------- loading, one per format


def _read_all(paths: list[Path]) -> list[Any]:
    from loaders.plans import read_plan

    return [read_plan(p).plan_or_raise() for p in paths]


@stage("parse.json", formats=("json",))
def parse_json(ctx: Context) -> None:
    """the fastest JSON parser alone (orjson if installed, else json): the floor for JSON"""
    try:
        from orjson import loads
    except ImportError:
        from json import loads
    for p in ctx.paths("json"):
        loads(p.read_bytes())


@stage("load.json", makes="plans", formats=("json",))
def load_json(ctx: Context) -> list[Any]:
    """read_plan of every JSON file: parse, validate (pydantic), integrity checks"""
    return _read_all(ctx.paths("json"))


@stage("parse.yaml", formats=("yaml",), slow=True)
def parse_yaml(ctx: Context) -> None:
    """C-accelerated YAML alone (CSafeLoader): the floor for YAML"""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for p in ctx.paths("yaml"):
        yaml.load(p.read_bytes(), Loader=loader)  # a safe loader


@stage("load.yaml", formats=("yaml",), slow=True)
def load_yaml(ctx: Context) -> None:
    """read_plan of every YAML file"""
    _read_all(ctx.paths("yaml"))


@stage("parse.xlsx", formats=("xlsx",), slow=True)
def parse_xlsx(ctx: Context) -> None:
    """openpyxl read-only, every cell of every sheet: the floor for the workbook"""
    import openpyxl

    for p in ctx.paths("xlsx"):
        book = openpyxl.load_workbook(p, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()


@stage("load.xlsx", formats=("xlsx",), slow=True)
def load_xlsx(ctx: Context) -> None:
    """read_plan of every workbook: cells, names resolved, validated"""
    _read_all(ctx.paths("xlsx"))


# ---------------------------------------------------------------- the graph and the queries


@stage("graph", needs=("plans",), makes="graph")
def graph(ctx: Context) -> Any:
    """build_graphs: every plan in one MultiDiGraph"""
    from graphmodel.graph import build_graphs

    return build_graphs(ctx.get("plans"))


def _each_plan(ctx: Context, query: Callable[..., Any]) -> list[Any]:
    from graphmodel.graph import plan_ids

    g = ctx.get("graph")
    return [query(g, pid) for pid in plan_ids(g)]


@stage("coverage", needs=("graph",))
def coverage(ctx: Context) -> None:
    """coverage of every plan"""
    from queries.coverage import coverage

    _each_plan(ctx, coverage)


@stage("critical_path", needs=("graph",))
def critical_path(ctx: Context) -> None:
    """critical path of every plan"""
    from queries.critical_path import critical_path

    _each_plan(ctx, critical_path)


@stage("overload", needs=("graph",))
def overload(ctx: Context) -> None:
    """overload of every plan"""
    from queries.overload import overload

    _each_plan(ctx, overload)


@stage("reporting", needs=("graph",))
def reporting(ctx: Context) -> None:
    """reporting chains (governance) of every plan"""
    from queries.reporting import governance

    _each_plan(ctx, governance)


@stage("audit", needs=("graph",), makes="reports")
def audit(ctx: Context) -> list[Any]:
    """audit of every plan: the four questions, the rules, the verdict"""
    from queries.audit import audit

    return _each_plan(ctx, audit)


@stage("audit.json", needs=("reports",))
def audit_json(ctx: Context) -> None:
    """the audit reports as JSON text (to_dict and json.dumps)"""
    json.dumps([r.to_dict() for r in ctx.get("reports")], ensure_ascii=False)


@stage("report.html", needs=("graph",))
def report_html(ctx: Context) -> None:
    """the single-file HTML report of every plan (charts, tables, the network picture)"""
    from datetime import date

    from visualise import report_html

    _each_plan(ctx, lambda g, pid: report_html(g, plan=pid, as_of=date(2025, 6, 1)))


@stage("network.html", needs=("graph",))
def network_html(ctx: Context) -> None:
    """one network picture of every plan together (capped at 5,000 nodes drawn)"""
    from visualise import view_html

    view_html(ctx.get("graph"), "network")


# The same audit by Cypher on a real Bolt server (ArcadeDB from tests/bolt.py), beside the
# audit in memory above. The server lives as long as the worker; the stages are slow ones
# (pushing 1,000 plans takes minutes), so they stop at --slow-max plans.


@stage("server.start", makes="store", slow=True)
def server_start(ctx: Context) -> Any:
    """start ArcadeDB with its Bolt plugin, connect the driver, create the schema"""
    import atexit
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from graphmodel.stores.bolt import Neo4jStore
    from tests.bolt import BoltServer, settings_of

    server = BoltServer(Path(tempfile.mkdtemp(prefix="actiongraph-bench-bolt-")))
    server.start()
    atexit.register(server.stop)
    store = Neo4jStore(settings_of(server))
    store.ensure_schema()
    return store


@stage("server.push", needs=("plans", "store"), makes="pushed", slow=True)
def server_push(ctx: Context) -> Any:
    """push every plan to the server (one transaction each)"""
    store = ctx.get("store")
    for plan in ctx.get("plans"):
        store.push(plan)
    return store


@stage("server.audit", needs=("pushed",), slow=True)
def server_audit(ctx: Context) -> None:
    """audit of every plan on the server: coverage, overload and the rules by Cypher (one round
    of statements for all the plans), critical path and chains from the subgraphs read"""
    from queries.cypher import audits_on_server

    store = ctx.get("pushed")
    audits_on_server(store, [plan.id for plan in ctx.get("plans")])


# ---------------------------------------------------------------- the worker


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _warm_imports() -> None:
    """Import what the stages use before any clock starts (networkx alone takes 150 ms)."""
    import importlib

    for module in ("networkx", "yaml", "openpyxl", "loaders.canonical", "loaders.workbook.xlsx"):
        importlib.import_module(module)
    for module in ("graphmodel.graph", "queries.audit", "loaders.workbook.csvdir"):
        importlib.import_module(module)


def run_stages(n: int, names: list[str], data: Path, *, slow_max: int) -> list[dict[str, Any]]:
    """Time ``names`` in order on ``n`` plans; one record per stage run (slow stages above
    ``slow_max`` plans are skipped). Every stage's inputs are made before its clock starts.

    The benchmark owns its process, as the command line does: loading and graph building
    pause the cyclic collector (:func:`graphmodel.collector.collector_owned`)."""
    from graphmodel.collector import collector_owned

    with collector_owned():
        return _run_stages(n, names, data, slow_max=slow_max)


def _run_stages(n: int, names: list[str], data: Path, *, slow_max: int) -> list[dict[str, Any]]:
    _warm_imports()
    ctx = Context(n, data)
    records = []
    for name in names:
        st = STAGES[name]
        if st.slow and n > slow_max:
            continue
        for fmt in st.formats:
            ctx.paths(fmt)  # written once, before the clock
        for need in st.needs:
            ctx.get(need)
        gc.collect()
        exact = _reset_peak()
        rss = _status_kb("VmRSS") if exact else None
        before = _maxrss_kb()
        start, cpu = time.perf_counter(), time.process_time()
        result = st.run(ctx)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        if exact and rss is not None:
            peak = (_status_kb("VmHWM") or 0) - rss
        else:
            peak = _maxrss_kb() - before
        if st.makes is not None:
            ctx.made[st.makes] = result
        del result
        print(f"    {name}: {seconds:.2f} s ({cpu:.2f} s CPU)", file=sys.stderr, flush=True)
        records.append({"stage": name, "n": n, "seconds": seconds, "cpu": cpu})
        records[-1] |= {"peak_kb": max(peak, 0), "rss_kb": _status_kb("VmRSS")}
        if name == "graph":
            g = ctx.made["graph"]
            records[-1]["nodes"], records[-1]["edges"] = g.number_of_nodes(), g.number_of_edges()
    return records
