"""The library leaves the process's garbage collector alone (issue 18 item 3): only the
command line and the benchmark, which own their process, pause it while loading."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

_LIBRARY_USER = """
import gc
gc.set_threshold(1234, 56, 7)
import graphmodel, loaders, queries
from loaders import load_plan, read_plan
from graphmodel.graph import build_graphs
from graphmodel.graph import build_graph
from queries.audit import audit
plans = [load_plan("examples/warrington.yaml"), load_plan("examples/teaching.yaml")]
read_plan("examples/wirral.yaml")
audit(build_graph(plans[0]))
build_graphs(plans)
print(gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
"""


def test_importing_and_loading_leaves_the_collector_as_it_was() -> None:
    # a fresh process: nothing of the command line imported, thresholds of the caller's own
    out = subprocess.run(
        [sys.executable, "-c", _LIBRARY_USER], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["True", "(1234,", "56,", "7)", "0"]


def test_a_library_load_never_disables_the_collector_while_it_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from graphmodel.collector import collector_owned
    from graphmodel.graph import build_graphs
    from loaders import load_plan

    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    build_graphs([load_plan(ROOT / "examples" / "warrington.yaml")])
    assert calls == []
    with collector_owned():  # as the command line and the benchmark run it: paused
        build_graphs([load_plan(ROOT / "examples" / "warrington.yaml")])
    assert "disable" in calls


def test_the_command_line_pauses_it_only_while_a_command_runs() -> None:
    from conftest import run_cli

    from graphmodel import collector

    status, _ = run_cli("validate", str(ROOT / "examples" / "teaching.yaml"))
    assert status == 0
    assert collector._owned == 0 and gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the command froze is back in the collector's sight
