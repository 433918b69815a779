"""The views and the report without a browser: what is drawn, escaping, determinism, the
neighbourhood of a node, the cap, and the ``viz`` and ``report`` commands."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from graphmodel import build_graph, build_graphs
from graphmodel.errors import UsageError
from graphmodel.schema import NodeKind
from loaders import load_plan
from queries.coverage import coverage
from queries.critical_path import critical_path, overdue
from queries.reporting import governance
from tests.conftest import run_cli
from visualise import VIEWS, build_view, report_html, view_html
from visualise.charts import plan_range, ticks
from visualise.page import script_json, view_page, vis_script
from visualise.schedule import critical_path_view, gantt_rows
from visualise.views import cap, coverage_view, focus, governance_view, network_view

ROOT = Path(__file__).parent.parent
TEACHING = ROOT / "examples" / "teaching.yaml"
AS_OF = date(2025, 6, 1)


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return build_graph(load_plan(TEACHING))


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"a": "</script><script>alert(2)</script>", "b": "x\u2028y & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert text.count("\\u003c") == 4


@pytest.mark.parametrize("name", VIEWS)
def test_same_plan_same_file(graph, name: str) -> None:  # type: ignore[no-untyped-def]
    first = view_html(graph, name, as_of=AS_OF)
    again = view_html(build_graph(load_plan(TEACHING)), name, as_of=AS_OF)
    assert first == again


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_nothing_to_fetch(graph, name: str) -> None:  # type: ignore[no-untyped-def]
    html = report_html(graph, as_of=AS_OF) if name == "report" else view_html(graph, name)
    drawn_by_vis = name not in ("critical-path", "people")  # those are SVG and HTML
    assert (vis_script() in html) is drawn_by_vis  # inlined; fetches nothing (test_browser)
    ours = html.replace(vis_script(), "")
    assert "<link" not in ours
    assert not re.search(r"""\b(src|href)\s*=""", ours)
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing


def test_network_view_holds_every_node_but_the_plan(graph) -> None:  # type: ignore[no-untyped-def]
    view = network_view(graph)
    assert {n.id for n in view.nodes} == {n for n in graph if not n.startswith("plan:")}
    assert len(view.edges) == graph.number_of_edges()
    assert {i.meaning for i in view.legend} >= {"finding", "action", "board", "person or post"}


def test_coverage_view_colours_findings_by_status(graph) -> None:  # type: ignore[no-untyped-def]
    report = coverage(graph)
    view = coverage_view(graph, report)
    findings = {n.ref: n for n in view.nodes if n.kind is NodeKind.FINDING}
    assert set(findings) == {f.ref for f in report.findings}  # the strength is not drawn
    for f in report.findings:
        assert findings[f.ref].status == f.status.value
        assert findings[f.ref].style.word == f"finding: {f.status.value}"
    owners = {n.ref for n in view.nodes if n.kind is NodeKind.PERSON}
    assert "head-send" in owners


def test_critical_path_view_marks_path_and_overdue(graph) -> None:  # type: ignore[no-untyped-def]
    cp = critical_path(graph)
    late = overdue(graph, as_of=AS_OF)
    view = critical_path_view(graph, cp, late)
    marked = {n.ref: n.marks for n in view.nodes}
    assert [r for r in cp.path if "critical" in marked[r]] == cp.path
    assert all("overdue" in marked[r] for r in late.overdue)
    assert all("held up" in marked[r] or "overdue" in marked[r] for r in late.held_up)
    assert sum(e.mark == "critical" for e in view.edges) == len(cp.path) - 1
    rows = gantt_rows(view)
    assert [r.ref for r in rows[: len(cp.path)]] == cp.path  # the chain first, in its order
    starts = [r.start or r.finish for r in rows[: len(cp.path)]]
    assert starts == sorted(d for d in starts if d is not None)  # left to right in time
    html = view_page(view)
    assert "today 2025-06-01" in html  # inside the plan's dates: the line is drawn
    assert html.count('class="row"') == len(view.nodes)


def test_timeline_keeps_to_the_plans_dates() -> None:
    g = build_graph(load_plan(ROOT / "examples" / "cheshire-east.yaml"))
    view = critical_path_view(g, critical_path(g), overdue(g, as_of=AS_OF))
    span = plan_range(gantt_rows(view))
    assert span is not None and span[0].year >= 2017 and span[1].year <= 2020
    html = view_page(view)
    assert "today 2025" not in html and "long after" in html  # no line years away
    labels = re.findall(r'y="17" fill="#333333">([A-Z][a-z]{2} \d{4}|\d{4})<', html)
    assert 4 <= len(labels) <= 12  # a 2-year plan fills the width, in a handful of ticks


@pytest.mark.parametrize("months", [3, 18, 60, 200])
def test_ticks_never_crowd(months: int) -> None:
    first = date(2018, 4, 1)
    last = date(
        first.year + (first.month - 1 + months) // 12, (first.month - 1 + months) % 12 + 1, 1
    )
    got = ticks(first, last, 690)
    xs = [(d - first).days / (last - first).days * 690 for d, _ in got]
    assert all(b - a >= 84 for a, b in itertools.pairwise(xs))
    assert 2 <= len(got) <= 9


def test_governance_view_marks_unreachable_and_cycles() -> None:
    from graphmodel import Plan

    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "people": [{"ref": "ann", "name": "Ann Lee"}],
            "boards": [
                {"ref": "hwb", "name": "HWB"},
                {"ref": "spb", "name": "SEND Board", "reports_to": ["hwb"], "chair": "ann"},
                {"ref": "a", "name": "A", "reports_to": ["b"]},
                {"ref": "b", "name": "B", "reports_to": ["a"]},
            ],
            "priorities": [
                {"ref": "P1", "title": "EHC plans", "reports_to": ["spb"]},
                {"ref": "P2", "title": "Waits"},
            ],
        }
    )
    g = build_graph(plan)
    view = governance_view(g, governance(g))
    marks = {n.ref: n.marks for n in view.nodes}
    assert marks["P2"] == ["unreachable"] and "cycle" in marks["a"] and marks["P1"] == []
    assert "ann" in marks  # the chair is drawn, below their board
    y = {n.ref: n.y for n in view.nodes}
    assert y["hwb"] < y["spb"] < y["P1"] < y["P2"]  # top-down, the lost ones at the bottom
    assert sum(e.mark == "cycle" for e in view.edges) == 2


def test_focus_draws_the_neighbourhood(graph) -> None:  # type: ignore[no-untyped-def]
    view = network_view(graph)
    near = focus(view, "3.2", depth=1)
    refs = {n.ref for n in near.nodes}
    assert {"3.2", "3.1", "3.3", "P3.O1"} <= refs and "1.1" not in refs
    assert [n.ref for n in near.nodes if "focus" in n.marks] == ["3.2"]
    assert len(focus(view, "3.2", depth=2).nodes) > len(near.nodes)
    assert [n.ref for n in focus(view, "action:3.2", depth=0).nodes] == ["3.2"]
    with pytest.raises(UsageError, match=r"did you mean '3.2'"):
        focus(view, "3.2x")


def test_cap_leaves_out_milestones_first_and_says_so() -> None:
    plans = [load_plan(ROOT / "examples" / f"{n}.yaml") for n in ("peterborough", "teaching")]
    view = network_view(build_graphs(plans))
    capped = cap(view, 300)
    assert len(capped.nodes) <= 300 and capped.hidden == len(view.nodes) - len(capped.nodes)
    assert all(n.kind is not NodeKind.MILESTONE for n in capped.nodes)
    assert "left out: milestones" in capped.notes[-1]
    kept = {n.id for n in capped.nodes}
    assert all(e.source in kept and e.target in kept for e in capped.edges)


def test_report_sections(graph) -> None:  # type: ignore[no-untyped-def]
    html = report_html(graph, as_of=AS_OF)
    for heading in ("Headline figures", "Coverage of each finding", "Open actions per person"):
        assert f"<h2>{heading}</h2>" in html
    assert "today 2025-06-01" in html and "overloaded from 12 open actions" in html
    assert "@media print" in html and "break-inside: avoid" in html
    assert "critical chain: any delay" in html  # the Gantt's colours have a legend


def test_report_says_what_each_uncovered_row_misses() -> None:
    g = build_graph(load_plan(ROOT / "examples" / "wirral.yaml"))
    html = report_html(g, as_of=AS_OF)
    rows = re.findall(r'<tr class="(uncovered|partial)">(.*?)</tr>', html)
    assert rows
    for _, row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row)
        assert cells[3].strip(), row  # the "missing" cell is never empty
    assert "parts not covered: D1.1 (uncovered)" in html
    assert "no action addresses it" in html


def test_report_names_the_actions_that_lack_something() -> None:
    from graphmodel import Plan

    g = build_graph(
        Plan.model_validate(
            {
                "area": "X",
                "title": "T",
                "people": [{"ref": "p", "post": "Head"}],
                "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "Slow"}],
                "actions": [
                    {"ref": "A1", "text": "a", "due": "Dec-24", "addresses": ["F1"]},
                    {"ref": "A2", "text": "b", "addresses": ["F1"], "owners": ["person:p"]},
                ],
            }
        )
    )
    html = report_html(g, as_of=AS_OF)
    assert "no owner (A1)" in html and "no measure (A1, A2)" in html
    tips = {n.ref: n.title for n in coverage_view(g, coverage(g)).nodes}
    assert "Lacks, for coverage: owner, measure" in tips["A1"]  # each action says what
    assert "Lacks, for coverage: due, measure" in tips["A2"]


# --- the commands ------------------------------------------------------------------------


@pytest.mark.parametrize("name", VIEWS)
def test_viz_command_writes_each_view(at_root: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.html"
    code, output = run_cli("viz", "examples/teaching.yaml", "--view", name, "-o", str(out))
    assert (code, output) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == view_html(build_graph(load_plan(TEACHING)), name)


def test_viz_focus_and_as_of(at_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "cp.html"
    args = ["--view", "critical-path", "--as-of", "2025-06-01", "--focus", "3.2", "--depth", "1"]
    code, _ = run_cli("viz", "examples/teaching.yaml", *args, "-o", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "within 1 step(s) of 3.2" in html and "today 2025-06-01" in html
    refs = re.findall(r'class="row" data-ref="([^"]+)"', html)
    assert set(refs) == {"3.1", "3.2", "3.3"} and 'style="display:none"' not in html


def test_report_command(at_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, output = run_cli(
        "report", "examples/teaching.yaml", "--as-of", "2025-06-01", "-o", str(out)
    )
    assert (code, output) == (0, f"wrote {out}\n")
    from actiongraph.common import load_with_warnings

    # the report lists what loading warned about, with the path as given on the command line
    loaded = load_with_warnings(Path("examples/teaching.yaml"))
    expected = report_html(build_graph(loaded.plan), as_of=AS_OF, load_problems=loaded.warnings)
    assert out.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["viz", "examples/teaching.yaml", "--focus", "nope", "-o", "x.html"], "--focus 'nope'"),
        (["viz", "examples/teaching.yaml", "--view", "pie", "-o", "x.html"], "'pie' is not one"),
        (["report", "examples/teaching.yaml", "--as-of", "June", "-o", "x.html"], "YYYY-MM-DD"),
        (["viz", "examples/missing.yaml", "-o", "x.html"], "missing.yaml"),
        (["viz", "examples/teaching.yaml"], "Missing option '-o'"),
    ],
)
def test_bad_usage_exits_2(at_root: Path, args: list[str], message: str) -> None:
    code, output = run_cli(*args)
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not (at_root / "x.html").exists()


def test_views_build_from_every_example() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        g = build_graph(load_plan(path))
        for name in VIEWS:
            view = build_view(g, name, as_of=AS_OF)
            ids = [n.id for n in view.nodes]
            assert len(ids) == len(set(ids)), (path.name, name)
            assert all(e.source in set(ids) and e.target in set(ids) for e in view.edges)


def test_readme_pictures_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+\.png)\)", readme)
    assert len(pictures) >= 3
    assert all((ROOT / p).stat().st_size > 10_000 for p in pictures)


# --- the templates, the package and the modules ---------------------------------------------


def test_package_data_ships_every_template_and_static_file() -> None:
    """A regular (non-editable) install ships only what pyproject.toml's package data lists;
    every template, stylesheet and script the pages read must match one of its patterns."""
    import fnmatch

    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["visualise"]
    package = ROOT / "visualise"
    files = [
        p.relative_to(package).as_posix()
        for folder in ("templates", "static")
        for p in sorted((package / folder).rglob("*"))
        if p.is_file()
    ]
    assert len(files) >= 10
    unshipped = [f for f in files if not any(fnmatch.fnmatchcase(f, pat) for pat in patterns)]
    assert unshipped == []
    for f in files:  # and every one is read through importlib.resources, which finds it
        assert (resources.files("visualise") / f).is_file(), f


def test_no_module_imports_a_private_name_of_another() -> None:
    private = re.compile(
        r"^\s*from (visualise|queries|graphmodel|loaders)\.\S+ import .*\b_\w", re.M
    )
    for path in sorted((ROOT / "visualise").glob("*.py")):
        assert not private.search(path.read_text(encoding="utf-8")), path.name


def test_no_hand_written_escaping_left() -> None:
    """Pages are written by templates with autoescape: no ``escape()`` call, no placeholder
    replaced by hand (the xlsx tracker writes no HTML)."""
    for path in sorted((ROOT / "visualise").glob("*.py")):
        if path.name == "tracker.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "escape(" not in text and '.replace("__' not in text, path.name
        assert "from html import" not in text, path.name


def test_templates_escape_plan_text_in_every_context() -> None:
    from visualise.templating import render

    nasty = "\"'><script>alert(1)</script>&amp;"
    html = render("since.html", since=nasty, items=[nasty], rows=[], effect=nasty, rules=[])
    assert "<script>" not in html and "alert(1)" in html
    assert html.count("&lt;script&gt;") == 3 and "&amp;amp;" in html


def test_a_missing_pyvis_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    """pyvis only supplies vis-network; an install without it (simulated: the module hidden
    by a sitecustomize) gets a message naming what to install, not a traceback."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nsys.modules['pyvis'] = None  # as if it were not installed\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = tmp_path / "v.html"
    for view in ("network", "critical-path"):  # the timeline needs no vis-network
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "actiongraph",
                "viz",
                str(TEACHING),
                "--view",
                view,
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        if view == "network":
            assert done.returncode == 2, done.stderr
            assert "Traceback" not in done.stderr
            assert "pyvis is not installed: pip install pyvis" in done.stderr
            assert not out.exists()
        else:
            assert done.returncode == 0, done.stderr
            assert out.exists()


def test_the_views_of_the_command_are_the_view_names_but_the_overview() -> None:
    from visualise.model import ViewName

    assert tuple(v.value for v in ViewName if v is not ViewName.OVERVIEW) == VIEWS
    with pytest.raises(UsageError, match="no view 'overview'"):
        build_view(build_graph(load_plan(TEACHING)), "overview")
