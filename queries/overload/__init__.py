"""Overload: who owns how much of a plan, who is flagged, and whose departure orphans a finding.

Definitions (one plan; every person, organisation and board of it is reported, even with
nothing to do):

* An action is **open** as :func:`queries.links.is_open` says: not complete, not cancelled;
  no status counts as open. ``total_open`` counts every open action of the plan, owned or not.
* A party's **open actions** are the open actions that list it as an owner in any role, each
  counted once; ``by_role`` counts them per role written (``responsible``, ``accountable``,
  ``involved``). A post with no named holder is a party like any person.
* **counted** (``counted_actions``): the open actions the overload rule counts -- those
  listing the party in one of the rule's ``count_roles`` (default ``responsible`` only: the
  person doing the work). A sponsor accountable for twenty actions and responsible for
  none has 20 open actions, 0 counted, and is not overloaded; the accountable and involved
  counts are shown beside it. Settings widen it:
  ``[tool.actiongraph.overload] count_roles = ["responsible", "accountable"]``.
* **share**: the party's counted actions as a percentage of ``total_open`` (one decimal).
* **busiest window**: the most counted actions whose due date (the end of the due period)
  falls in any three calendar months running, ``(first month, last month, count)``; windows
  start at a due month and the earliest wins a tie. Actions with no dated end are left out.
* **priorities**: the distinct priorities (refs) of the party's open actions.
* **critical actions**: the actions the party owns, whatever their status, whose refs are in
  ``critical`` (the critical path, as the caller computed it).
* **sole owner**: a party is sole owner of a finding (not a strength) when the answerable
  owners (responsible or accountable, :func:`queries.links.answerable_owners`) of all the
  finding's non-cancelled addressing actions (:func:`queries.links.finding_actions`) and
  those of its child findings at any depth, taken together, are that party alone: if it
  leaves, nobody answers for any work on the finding (a parent covered only through its
  children is owned by their owners).
  A co-owner on any of those actions, or an organisation owning one of them, keeps the
  finding owned, so there is no sole owner; a party only ``involved`` does not. Completed
  actions count: someone must still answer for the evidence they produced. Parties that are
  sole owner of a finding are the plan's **key-person risks**.
* **balance**: the share of all non-cancelled actions each organisation owns, directly or
  through a person who works for it (an action counts once per organisation, and once per
  organisation kind); an action with no organisation either way is ``unattributed`` (a board
  is a partnership, not an organisation). Shares may sum to more than 100. ``balance`` lists
  every organisation, then an ``unattributed`` row; ``balance_by_kind`` has the kinds present
  and ``unattributed``.
* **name**: a person's name, else the post with its organisation ("SEND Service Manager
  (Exampleshire County Council)"); an organisation's or board's name.

Key-person risk (sole owner) keeps using answerable owners, whatever ``count_roles`` says.
Overload is judged for people only, by :class:`OverloadRule` on counted actions;
organisations and boards spread their work over many staff, so their load is reported for
balance and key-person risk, never flagged.

The question is split by job, each a pure function of plain rows
(:class:`~queries.overload.rows.OverloadRows`): party load (:mod:`queries.overload.load`),
key-person risk (:mod:`queries.overload.keyperson`) and partner balance
(:mod:`queries.overload.balance`), put together by :func:`~queries.overload.report.overload_of`.
The rows come from the in-memory graph (:func:`~queries.overload.rows.overload_rows`) or from a
database, counted by Cypher on the server (:mod:`queries.overload.server`).
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from graphmodel.graph import resolve_plan
from queries.overload.balance import UNATTRIBUTED, OrgShare
from queries.overload.load import OwnerLoad
from queries.overload.report import OverloadReport, overload_of
from queries.overload.rows import OverloadRows, overload_rows
from queries.overload.rule import DEFAULT_RULE, OverloadRule

__all__ = [
    "UNATTRIBUTED",
    "OrgShare",
    "OverloadReport",
    "OverloadRows",
    "OverloadRule",
    "OwnerLoad",
    "overload",
    "overload_of",
    "overload_rows",
]


def overload(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    rule: OverloadRule = DEFAULT_RULE,
    critical: Collection[str] | None = None,
) -> OverloadReport:
    """The load of every person, organisation and board of ``plan`` and the plan's balance.

    Parameters
    ----------
    graph : the plan graph (:func:`graphmodel.graph.build_graph` or ``build_graphs``).
    plan : the plan id; None for the only plan in the graph (ValueError if it holds several).
    rule : when a person is overloaded (:class:`OverloadRule`).
    critical : refs of the actions on the critical path; refs not in the plan are ignored.

    Returns
    -------
    OverloadReport
        Definitions in the module docstring. Runs in time linear in the plan's size:
        :func:`~queries.overload.rows.overload_rows` gathers the rows,
        :func:`~queries.overload.report.overload_of` answers from them.

    Examples
    --------
    >>> from graphmodel import Plan, build_graph
    >>> g = build_graph(Plan.model_validate({"area": "X", "title": "T",
    ...     "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
    ...     "actions": [{"ref": f"A{i}", "text": "a", "owners": ["person:p"], "due": "Jan-25",
    ...                  "addresses": ["F1"]} for i in range(6)]
    ...                + [{"ref": "B", "text": "b", "owners": ["board:b"]}],
    ...     "people": [{"ref": "p", "post": "SEND Manager", "organisation": "c"}],
    ...     "organisations": [{"ref": "c", "name": "County Council", "kind": "local_authority"}],
    ...     "boards": [{"ref": "b", "name": "SEND Board"}]}))
    >>> report = overload(g, critical=["A0"])
    >>> p = report.people[0]
    >>> p.name, p.open_actions, p.busiest_window, p.sole_owner_for, p.critical_actions
    ('SEND Manager (County Council)', 6, ('2025-01', '2025-03', 6), ['F1'], ['A0'])
    >>> p.reasons
    ['85.7% of all 7 open actions (limit 20%)', '6 open actions due 2025-01 to 2025-03 (limit 6)']
    >>> [(b.name, b.actions, b.percent) for b in report.balance]
    [('County Council', 6, 85.7), ('unattributed', 1, 14.3)]
    >>> report.balance_by_kind
    {'local_authority': 85.7, 'unattributed': 14.3}
    """
    plan = resolve_plan(graph, plan)
    rows = overload_rows(graph, plan, count_roles=rule.count_roles, critical=critical or ())
    return overload_of(rows, rule)
