"""What a reader returns: the plan it could build (or None) and every problem, located.

A reader turns a file into plain data (``dict``) plus a *locator* -- a function from a model
path such as ``("actions", 3, "owners", 0)`` to the :class:`~graphmodel.errors.Place` in the
file where that value was written (see :mod:`loaders.validation`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graphmodel.errors import Place, PlanError, Problem, Severity
from graphmodel.model import Plan

__all__ = ["LoadResult", "Loc", "Locator"]

Loc = tuple[str | int, ...]
Locator = Callable[[Loc], Place]


@dataclass
class LoadResult:
    """A plan read from a file, or None when it could not be built, and every problem."""

    path: str
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    locate: Locator | None = field(default=None, repr=False, compare=False)
    """Where a model path (``("findings", 2)``) was written in the file, when known."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors

    def plan_or_raise(self) -> Plan:
        """The plan, or :class:`PlanError` with every problem if it has errors."""
        if self.plan is None or self.errors:
            raise PlanError(self.errors or self.problems)
        return self.plan
