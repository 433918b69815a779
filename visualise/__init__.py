"""Pictures of a plan: vis-network views, the single-file HTML report, inline SVG charts.

:func:`view_html` and :func:`report_html` are what ``actiongraph viz`` and
``actiongraph report`` call; the builders live in :mod:`visualise.views`,
:mod:`visualise.schedule`, :mod:`visualise.people` and :mod:`visualise.report` (sharing
:mod:`visualise.marks`), the page in :mod:`visualise.page`. Every page is written by a
Jinja2 template of ``visualise/templates`` through :mod:`visualise.templating`.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> g = build_graph(load_plan("examples/teaching.yaml"))
>>> html = view_html(g, "governance")
>>> html.startswith("<!DOCTYPE html>") and "cdn" not in html.lower()
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from graphmodel.errors import Problem
    from graphmodel.model import Plan
    from queries.config import AuditConfig
    from queries.overload import OverloadRule
    from visualise.model import View

__all__ = ["VIEWS", "build_view", "report_html", "view_html"]

VIEWS = ("network", "coverage", "critical-path", "people", "governance")
"""The views of ``actiongraph viz --view``: the values of :class:`visualise.model.ViewName`
but the overview (written out here so that the CLI need not import the builders)."""


def build_view(
    graph: nx.MultiDiGraph,
    name: str,
    *,
    plan: str | None = None,
    as_of: date | None = None,
    rule: OverloadRule | None = None,
    max_nodes: int | None = None,
) -> View:
    """The view ``name`` (one of :data:`VIEWS`) of ``plan``, from its query's result; the
    network view capped at ``max_nodes`` while it is built (the others by :func:`view_html`)."""
    from graphmodel.errors import UsageError
    from queries.coverage import coverage
    from queries.critical_path import critical_path, overdue
    from queries.overload import OverloadRule, overload
    from queries.reporting import governance
    from visualise import views
    from visualise.model import ViewName
    from visualise.people import people_view
    from visualise.schedule import critical_path_view

    if name not in VIEWS:
        raise UsageError(f"no view {name!r}; choose one of {', '.join(VIEWS)}")
    view = ViewName(name)
    if view is ViewName.NETWORK:
        return views.network_view(graph, plan, max_nodes=max_nodes)
    if view is ViewName.COVERAGE:
        return views.coverage_view(graph, coverage(graph, plan))
    if view is ViewName.CRITICAL_PATH:
        cp = critical_path(graph, plan)
        late = overdue(graph, plan, as_of=as_of) if as_of is not None else None
        return critical_path_view(graph, cp, late)
    if view is ViewName.PEOPLE:
        cp = critical_path(graph, plan)
        return people_view(
            graph, overload(graph, plan, rule=rule or OverloadRule(), critical=cp.path)
        )
    return views.governance_view(graph, governance(graph, plan))


def view_html(
    graph: nx.MultiDiGraph,
    name: str,
    *,
    plan: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    as_of: date | None = None,
    rule: OverloadRule | None = None,
    max_nodes: int | None = None,
) -> str:
    """The page of one view: built, focused on ``focus`` within ``depth`` steps when given,
    capped at ``max_nodes`` (default :data:`visualise.views.MAX_NODES`), laid out, written."""
    from visualise.page import view_page
    from visualise.views import MAX_NODES, cap
    from visualise.views import focus as around

    limit = MAX_NODES if max_nodes is None else max_nodes
    early = limit if focus is None else None  # a focus may be anywhere: cap after it
    view = build_view(graph, name, plan=plan, as_of=as_of, rule=rule, max_nodes=early)
    if focus is not None:
        view = around(view, focus, depth)
    view = cap(view, limit)
    return view_page(view)


def report_html(
    graph: nx.MultiDiGraph,
    *,
    as_of: date,
    plan: str | None = None,
    config: AuditConfig | None = None,
    since: Plan | None = None,
    load_problems: list[Problem] | None = None,
) -> str:
    """The governance-meeting report of ``plan`` judged on ``as_of`` (today's line), with
    what loading the plan warned about (``load_problems``); with ``since`` (the version of
    the last meeting), what changed since then and the rules that compare versions."""
    from queries.audit import audit
    from visualise.report import report_page

    if since is None:
        report = audit(graph, plan, config=config, as_of=as_of, load_problems=load_problems)
        return report_page(graph, report)
    from graphmodel.graph import plan_from_graph
    from queries.config import AuditConfig
    from queries.diff import plan_diff
    from queries.versions import label_of, version_of
    from visualise.history import since_section

    rule = (config or AuditConfig()).overload_rule()
    changes = plan_diff(since, plan_from_graph(graph, plan), overload_rule=rule)
    previous = [version_of(since, label_of(since, "the last version"))]
    report = audit(
        graph, plan, config=config, as_of=as_of, previous=previous, load_problems=load_problems
    )
    return report_page(graph, report, since=since_section(changes))
