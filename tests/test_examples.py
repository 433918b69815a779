"""Every plan in examples/ is an acceptance case: it validates without errors, survives every
format, and its audit matches a golden snapshot (ACTIONGRAPH_UPDATE_GOLDEN=1 rewrites it;
read the diff, then say in examples/README.md what changed and why)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from golden import assert_golden

from graphmodel import build_graph, plan_from_graph
from loaders import load_plan, read_plan, write_plan
from loaders.canonical import dump_yaml

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
pytestmark = pytest.mark.usefixtures("at_root")


@pytest.fixture(params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path.relative_to(ROOT)


def test_validates_without_errors(example: Path) -> None:
    result = read_plan(example)
    assert result.plan is not None and not result.errors, [str(p) for p in result.errors]
    code, out = run_cli("validate", str(example))
    assert code == 0, out


def test_is_in_canonical_form(example: Path) -> None:
    assert dump_yaml(load_plan(example)) == example.read_text(encoding="utf-8")


def test_round_trips_through_graph_json_xlsx_and_csv(example: Path, tmp_path: Path) -> None:
    plan = load_plan(example)
    assert plan_from_graph(build_graph(plan)) == plan
    for name in ("p.json", "p.xlsx", "csv"):
        target = tmp_path / name
        write_plan(plan, target, "csv" if name == "csv" else None)
        assert load_plan(target) == plan, name


def test_audit_matches_its_golden(example: Path) -> None:
    code, out = run_cli("audit", str(example), "--format", "json")
    assert code in (0, 1), out
    report = json.loads(out)
    assert report["verdict"]["passed"] is (code == 0)
    assert_golden(out, ROOT / "tests" / "data" / "golden" / f"{example.stem}.audit.json")
