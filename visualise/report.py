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

from datetime import timedelta
from html import escape

import networkx as nx

from graphmodel.schema import NodeKind
from queries.audit import AuditReport
from queries.coverage import CoverageReport, CoverageStatus, FindingCoverage
from queries.reporting import TreeNode
from visualise.charts import bar_chart, gantt, gantt_legend, plan_range
from visualise.page import network_block, page
from visualise.schedule import critical_path_view, gantt_rows
from visualise.views import MAX_NODES, network_view

__all__ = ["missing_words", "report_page"]


def _figures(r: AuditReport) -> str:
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
    items = "".join(f"<li><b>{escape(v)}</b>{escape(k)}</li>" for v, k in figures)
    return f'<ul class="figures">{items}</ul>'


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


def _coverage_table(graph: nx.MultiDiGraph, r: AuditReport) -> str:
    rows = []
    for f in r.coverage.findings:
        missing = "; ".join(missing_words(r.coverage, f, f.lacking))
        mark = {"covered": "✔ ", "partial": "◐ ", "uncovered": "✘ "}[f.status.value]
        rows.append(
            f'<tr class="{f.status.value}"><td>{escape(f.ref)}</td><td>{escape(f.text)}</td>'
            f"<td>{mark}{escape(f.status.value)}</td><td>{escape(missing)}</td>"
            f"<td>{escape(', '.join(f.actions))}</td></tr>"
        )
    head = (
        "<thead><tr><th>ref</th><th>finding</th><th>coverage</th><th>missing</th>"
        "<th>actions</th></tr></thead>"
    )
    return f'<table class="coverage">{head}<tbody>{"".join(rows)}</tbody></table>'


def _people(r: AuditReport) -> str:
    loads = [p for p in r.overload.people if p.open_actions]
    if not loads:
        return '<p class="sub">Nobody owns an open action.</p>'
    roles = " and ".join(r.overload.rule.count_roles)
    rows = [
        (
            f"{p.name} ({', '.join(f'{n} {k}' for k, n in p.by_role.items() if n)})",
            p.counted_actions,
            p.overloaded,
        )
        for p in loads
    ]
    rule, total = r.overload.rule, r.overload.total_open
    share = max(rule.min_open_for_share, rule.max_share * total)
    lines = [(float(rule.max_open), f"overloaded from {rule.max_open} open actions ({roles})")]
    if share < rule.max_open:
        pct = f"{100 * rule.max_share:g}%"
        lines.append((share, f"or from {pct} of all {total} open ({share:g})"))
    svg = bar_chart(rows, lines=lines)
    why = "".join(
        f"<li>{escape(p.name)}: {escape('; '.join(p.reasons))}</li>" for p in r.overload.overloaded
    )
    more = f"<p>Overloaded:</p><ul>{why}</ul>" if why else ""
    shown = "" if len(loads) <= 30 else f'<p class="sub">The 30 busiest of {len(loads)}.</p>'
    return f"<figure>{svg}</figure>{shown}{more}"


def _schedule(graph: nx.MultiDiGraph, r: AuditReport) -> str:
    view = critical_path_view(graph, r.critical_path, r.overdue)
    rows = [row for row in gantt_rows(view) if row.group != "rest"]
    span, today = plan_range(rows), r.as_of
    full = plan_range(rows, today)
    drawn = today is not None and full is not None and full[0] <= today <= full[1]
    said = ""
    if span is not None:
        last = span[1] - timedelta(days=1)
        said = f"Plan dates: {span[0].strftime('%b %Y')} to {last.strftime('%b %Y')}."
        if today is not None and not drawn:
            where = "after" if today > span[1] else "before"
            said += f" Today ({today.isoformat()}) is long {where} them: no line is drawn."
        said += f" The chain and the {len(rows) - len(r.critical_path.path)} actions nearest it."
    conflicts = "".join(f"<li>{escape(c.message)}</li>" for c in r.critical_path.date_conflicts)
    extra = f"<p>Dates that contradict their order:</p><ul>{conflicts}</ul>" if conflicts else ""
    chart = gantt(rows, today=today, span=full, label="Critical path timeline", width=1240)
    return (
        f'<p class="sub">{escape(said)}</p>{gantt_legend(rows, today, drawn)}'
        f"<figure>{chart}</figure>{extra}"
    )


def _tree(nodes: list[TreeNode]) -> str:
    items = []
    for t in nodes:
        what = "board" if t.kind is NodeKind.BOARD else "priority"
        chair = f" — chair: {t.chair}" if t.chair else ""
        cadence = f", meets {t.cadence.replace('_', '-')}" if t.cadence else ""
        again = " (shown above)" if t.repeated else ""
        text = escape(f"{t.name} ({what} {t.ref}){chair}{cadence}{again}")
        items.append(f"<li>{text}{_tree(t.children) if t.children else ''}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _governance(r: AuditReport) -> str:
    gov = r.reporting
    body = _tree(gov.tree) if gov.tree else "<p>No board sits at the top.</p>"
    if gov.unreachable:
        body += f'<p class="bad">Reach no top board: {escape(", ".join(gov.unreachable))}</p>'
    for c in gov.cycles:
        body += f'<p class="bad">Reporting cycle: {escape(" → ".join(c))}</p>'
    return f'<div class="tree">{body}</div>'


def _load_problems(r: AuditReport) -> str:
    """What loading the plan warned about, each with its place (names created, statuses
    and dates not read): an empty string when there is nothing."""
    if not r.load_problems:
        return ""
    items = "".join(f"<li>{escape(str(p))}</li>" for p in r.load_problems)
    return (
        "<h2>Problems loading the plan</h2>"
        f'<p class="sub">{len(r.load_problems)} warning(s): check these in the plan.</p>'
        f'<ul class="bad">{items}</ul>'
    )


def report_page(graph: nx.MultiDiGraph, report: AuditReport, *, since: str = "") -> str:
    """The report as one HTML document. Today's line and what is overdue come from
    ``report.as_of`` (run :func:`queries.audit.audit` with ``as_of``); ``since`` is the HTML
    of the "since the last version" section (:func:`visualise.history.since_section`),
    shown after the headline figures when given."""
    when = report.as_of.isoformat() if report.as_of else "no date given"
    verdict = (
        "passes"
        if report.passed
        else "fails on " + ", ".join(f"{f.check.value} ({f.count})" for f in report.failures)
    )
    net = network_view(graph, report.plan, max_nodes=MAX_NODES)
    body = (
        f"<h1>{escape(report.area)}: {escape(report.title)}</h1>"
        f'<p class="sub">Audit as of {escape(when)}; the audit {escape(verdict)}.</p>'
        f"<h2>Headline figures</h2>{_figures(report)}"
        + (f"<h2>Since the last version</h2>{since}" if since else "")
        + f"{_load_problems(report)}"
        f"<h2>Coverage of each finding</h2>{_coverage_table(graph, report)}"
        f"<h2>Open actions per person</h2>{_people(report)}"
        f"<h2>Critical path</h2>{_schedule(graph, report)}"
        f"<h2>Who reports to whom</h2>{_governance(report)}"
        f'<h2 class="noprint">The whole plan</h2>'
        f'<p class="sub noprint">Hover a node for its facts; tick and pick to filter.</p>'
        f"{network_block(net)}"
    )
    return page(f"{report.area}: audit report", body)
