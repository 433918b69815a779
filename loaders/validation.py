"""Validation of a parsed document into a :class:`~graphmodel.model.Plan`, every problem placed.

:func:`validate` runs pydantic and the integrity checks on the plain data a reader made, and
places each problem with the reader's locator, so YAML, JSON and workbooks report in one way.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from graphmodel.collector import gc_paused
from graphmodel.errors import Problem
from graphmodel.integrity import plan_problems
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.result import LoadResult, Loc, Locator

__all__ = ["pydantic_problems", "validate"]


_HINTS = {
    "missing": "add this field",
    "string_too_short": "write the text, or remove the entry",
    "string_pattern_mismatch": "write the text, or remove the entry",
    "extra_forbidden": "remove it or check its spelling; see `actiongraph schema`",
    "enum": "use one of the allowed values",
    "literal_error": "use one of the allowed values",
    "string_type": "write it as text",
    "list_type": "write a list (in a cell: values separated by ';')",
    "model_type": "write a mapping of fields",
    "dict_type": "write a mapping of fields",
}


def pydantic_problems(error: ValidationError, file: str, locate: Locator) -> list[Problem]:
    """One located problem per pydantic error."""
    problems = []
    for e in error.errors(include_url=False):
        loc: Loc = tuple(e["loc"])
        # a failing model_validator adds no field; a union adds the member's name to the loc
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        fields = [p for p in loc if isinstance(p, str)]
        value = e.get("input")
        message = str(e["msg"])
        if e["type"] in ("string_too_short", "string_pattern_mismatch") and isinstance(value, str):
            message = "is blank"
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        hint = _HINTS.get(str(e["type"]))
        if hint and hint not in message:
            message = f"{message}; {hint}"
        problems.append(
            problem(
                f"schema.{e['type']}",
                message=message,
                file=file,
                place=locate(loc),
                field=fields[-1] if fields else None,
                value=value if isinstance(value, (str, int, float, bool)) else None,
                loc=loc,
            )
        )
    return problems


def validate(
    data: Any, file: str, locate: Locator, problems: list[Problem] | None = None
) -> LoadResult:
    """Build a :class:`Plan` from ``data`` and place every problem using ``locate``.

    ``problems`` are those the reader already found (unreadable cells, duplicate keys);
    they are kept in front.
    """
    found = list(problems or [])
    if not isinstance(data, dict):
        found.append(
            problem(
                "file.not_a_plan",
                "the file does not hold a plan: expected a mapping with area, "
                "title, findings, actions, ... (see `actiongraph schema`)",
                file=file,
                place=locate(()),
            )
        )
        return LoadResult(file, None, found)
    try:
        with gc_paused():
            plan = Plan.model_validate(data)
            problems_found = list(plan_problems(plan))
    except ValidationError as error:
        return LoadResult(file, None, found + pydantic_problems(error, file, locate))
    for p in problems_found:
        found.append(p.located(file, locate(p.loc), locate(p.other) if p.other else None))
    return LoadResult(file, plan, found, locate)
