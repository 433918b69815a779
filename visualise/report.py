"""The single-file HTML report for a governance meeting, built from one
:class:`~queries.audit.AuditReport`: headline figures, coverage per finding with what is
missing, open actions per person against the overload threshold, a timeline of the critical
path with today's line, the governance tree, and the interactive network. Charts are inline
SVG; the page fetches nothing and prints without the interactive part.

>>> from datetime import date
>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from queries.audit import audit
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> html = report_page(g, audit(g, as_of=date(2025, 6, 1)))
>>> "Coverage of each finding" in html and "today 2025-06-01" in html
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphmodel.schema import NodeKind
from queries.audit import AuditReport
from queries.coverage import CoverageReport, CoverageStatus, FindingCoverage
from queries.reporting import TreeNode
from visualise.charts import bar_chart, gantt, gantt_legend
from visualise.model import RowGroup
from visualise.page import network_block
from visualise.people import overload_lines
from visualise.schedule import critical_path_view, first_rows_said, gantt_rows, timeline_dates
from visualise.templating import ours, render
from visualise.views import MAX_NODES, network_view

__all__ = ["missing_words", "report_page"]


def _figures(r: AuditReport) -> list[tuple[str, str]]:
    cov = r.coverage
    count = {s: sum(f.status.value == s for f in cov.findings) for s in ("partial", "uncovered")}
    pct = "–" if cov.covered_percent is None else f"{cov.covered_percent}%"
    overdue = "–" if r.overdue is None else str(len(r.overdue.overdue))
    finish = r.critical_path.finish.isoformat() if r.critical_path.finish else "unknown"
    figures = [
        (pct, f"of {len(cov.findings)} findings covered"),
        (str(count["partial"]), "findings partly covered"),
        (str(count["uncovered"]), "findings not covered"),
        (str(r.overload.total_open), f"open actions of {r.actions}"),
        (overdue, "actions overdue"),
        (str(len(r.overload.overloaded)), "people overloaded"),
        (finish, "projected finish"),
        (str(len(r.critical_path.date_conflicts)), "date conflicts"),
        (str(len(r.reporting.unreachable)), "reach no top board"),
    ]
    return figures


_NEEDS = {"owner": "no owner", "due": "no due date", "measure": "no measure"}


def missing_words(
    cov: CoverageReport, f: FindingCoverage, lacking: dict[str, list[str]]
) -> list[str]:
    """What a coverage row says is missing, in words: each requirement no addressing action
    meets with the actions that lack it, the parts (child findings) not covered, no action
    at all, only cancelled actions; ``nothing`` for a covered finding."""
    if f.status is CoverageStatus.COVERED:
        return ["nothing"]
    said = []
    for need in f.missing:
        who = lacking.get(need, [])
        said.append(_NEEDS.get(need, need) + (f" ({', '.join(who)})" if who else ""))
    weak = [c for c in f.children if cov.finding(c).status is not CoverageStatus.COVERED]
    if weak:
        said.append(
            "parts not covered: " + ", ".join(f"{c} ({cov.finding(c).status.value})" for c in weak)
        )
    if not f.actions and not f.children:
        said.append("no action addresses it")
    if f.cancelled:
        said.append("cancelled: " + ", ".join(f.cancelled))
    return said or [f"{f.status.value}: see its actions"]


def _coverage_rows(r: AuditReport) -> list[dict[str, Any]]:
    marks = {"covered": "✔ ", "partial": "◐ ", "uncovered": "✘ "}
    return [
        {
            "finding": f,
            "mark": marks[f.status.value],
            "missing": "; ".join(missing_words(r.coverage, f, f.lacking)),
        }
        for f in r.coverage.findings
    ]


def _people(r: AuditReport) -> dict[str, Any] | None:
    """The chart of open actions per person and who is overloaded (None: nobody owns one)."""
    loads = [p for p in r.overload.people if p.open_actions]
    if not loads:
        return None
    rows = [
        (
            f"{p.name} ({', '.join(f'{n} {k}' for k, n in p.by_role.items() if n)})",
            p.counted_actions,
            p.overloaded,
        )
        for p in loads
    ]
    lines = overload_lines(r.overload.rule, r.overload.total_open)
    return {
        "chart": ours(bar_chart(rows, lines=lines)),
        "busiest": len(loads) if len(loads) > 30 else None,
        "overloaded": r.overload.overloaded,
    }


def _schedule(graph: nx.MultiDiGraph, r: AuditReport) -> dict[str, Any]:
    view = critical_path_view(graph, r.critical_path, r.overdue)
    every = gantt_rows(view)
    rows = [row for row in every if row.group is not RowGroup.REST]
    today = r.as_of
    dates = timeline_dates(rows, today)
    said = [*dates.said, f"Shown: {first_rows_said(view, every)}."] if dates.said else []
    chart = gantt(rows, today=today, span=dates.span, label="Critical path timeline", width=1240)
    return {
        "said": " ".join(said),
        "legend": ours(gantt_legend(rows, today, dates.today_drawn)),
        "chart": ours(chart),
        "conflicts": [c.message for c in r.critical_path.date_conflicts],
    }


def _tree(nodes: list[TreeNode]) -> list[tuple[str, list[Any]]]:
    """The governance tree as (the line of a board or priority, the tree below it)."""
    items: list[tuple[str, list[Any]]] = []
    for t in nodes:
        what = "board" if t.kind is NodeKind.BOARD else "priority"
        chair = f" — chair: {t.chair}" if t.chair else ""
        cadence = f", meets {t.cadence.replace('_', '-')}" if t.cadence else ""
        again = " (shown above)" if t.repeated else ""
        items.append((f"{t.name} ({what} {t.ref}){chair}{cadence}{again}", _tree(t.children)))
    return items


def report_page(graph: nx.MultiDiGraph, report: AuditReport, *, since: str = "") -> str:
    """The report as one HTML document (``templates/report.html``). Today's line and what
    is overdue come from ``report.as_of`` (run :func:`queries.audit.audit` with ``as_of``);
    ``since`` is the HTML of the "since the last version" section
    (:func:`visualise.history.since_section`), shown after the headline figures when
    given."""
    when = report.as_of.isoformat() if report.as_of else "no date given"
    verdict = (
        "passes"
        if report.passed
        else "fails on " + ", ".join(f"{f.check.value} ({f.count})" for f in report.failures)
    )
    net = network_view(graph, report.plan, max_nodes=MAX_NODES)
    return render(
        "report.html",
        title=f"{report.area}: audit report",
        report=report,
        when=when,
        verdict=verdict,
        figures=_figures(report),
        since=ours(since),  # the HTML of since_section, rendered by our templates
        coverage=_coverage_rows(report),
        people=_people(report),
        schedule=_schedule(graph, report),
        governance=_tree(report.reporting.tree),
        network_block=ours(network_block(net)),
        network=True,
    )
