"""Versions of one plan over time, as the board sees them month after month.

A :class:`PlanVersion` is a plan with a label (a file name, a commit) and the day it stands
for: given (a commit's date), else the first day of the plan's ``published`` period, else
unknown. :func:`version_of` builds one.

>>> from graphmodel import Plan
>>> v = version_of(Plan.model_validate({"area": "X", "title": "T", "published": "July 2025"}),
...                "x.yaml")
>>> v.label, v.when.isoformat()
('x.yaml', '2025-07-01')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graphmodel.model import Plan

__all__ = ["PlanVersion", "in_date_order", "label_of", "version_of"]


@dataclass(frozen=True)
class PlanVersion:
    label: str
    plan: Plan
    when: date | None


def version_of(plan: Plan, label: str, when: date | None = None) -> PlanVersion:
    """``plan`` as a version called ``label``, standing for ``when`` (default: when the plan
    says it was published)."""
    if when is None and plan.published is not None:
        when = plan.published.start or plan.published.end
    return PlanVersion(label, plan, when)


def label_of(plan: Plan, fallback: str) -> str:
    """What to call a version in a message: when it was published, else ``fallback``."""
    return plan.published.text if plan.published is not None else fallback


def in_date_order(versions: Sequence[PlanVersion]) -> list[PlanVersion] | None:
    """``versions`` oldest first by their days, when every one has a day and they are not in
    that order already (files named ``plan Apr.yaml plan Jan.yaml`` come in that order from
    the shell); None when they are in order or some version has no day. Versions of one day
    keep their order.

    >>> def v(month):
    ...     return version_of(Plan.model_validate({"area": "X", "title": "T",
    ...         "published": month}), month)
    >>> [x.label for x in in_date_order([v("April 2025"), v("Jan 2025"), v("March 2025")])]
    ['Jan 2025', 'March 2025', 'April 2025']
    >>> in_date_order([v("Jan 2025"), v("Jan 2025"), v("April 2025")]) is None
    True
    """
    days = [v.when for v in versions]
    if any(d is None for d in days):
        return None
    order = sorted(range(len(versions)), key=lambda i: days[i] or date.min)
    return None if order == list(range(len(versions))) else [versions[i] for i in order]
