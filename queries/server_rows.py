"""What the questions answered on the server share: rows of many plans, grouped by plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["ACTION_PRIORITY", "rows_by_plan"]

ACTION_PRIORITY = (
    "coalesce([(a)-[:PART_OF]->(p:Priority) | p.ref][0],"
    " [(a)-[:PART_OF]->(:Objective)-[:PART_OF]->(p:Priority) | p.ref][0])"
)
"""The ref of the priority of action ``a``: its own, else its objective's (each has at most
one), as :func:`queries.links.action_priority` says."""


def rows_by_plan(
    rows: list[dict[str, Any]], plans: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by their ``plan`` column, each group in document order (``seq``).

    >>> rows_by_plan([{"plan": "a", "seq": 2}, {"plan": "a", "seq": 1}], ["a", "b"])
    {'a': [{'plan': 'a', 'seq': 1}, {'plan': 'a', 'seq': 2}], 'b': []}
    """
    grouped: dict[str, list[dict[str, Any]]] = {p: [] for p in plans}
    for row in rows:
        grouped[row["plan"]].append(row)
    for group in grouped.values():
        group.sort(key=lambda r: r["seq"])
    return grouped
