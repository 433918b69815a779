"""``--format github``: GitHub Actions workflow annotations (``::error file=…,line=…::…``), so a
gate run in a workflow marks the lines of the plan that fail it in the pull request.

>>> annotation("error", "Finding AFI-1 is uncovered", file="plan.yaml", line=12)
'::error file=plan.yaml,line=12::Finding AFI-1 is uncovered'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from graphmodel.errors import Place, Problem, Severity

if TYPE_CHECKING:
    from loaders.check import PlanCheck
    from queries.audit import AuditReport

Places = Mapping[tuple[str, str], Place]
"""Where each entity was written: (node kind, ref) -> place in the file."""


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command; ``level`` is error, warning or notice."""
    props = []
    if file:
        props.append(f"file={_property(file)}")
    if line is not None:
        props.append(f"line={line}")
        if column is not None:
            props.append(f"col={column}")
    if title:
        props.append(f"title={_property(title)}")
    head = f"::{level}" + (" " + ",".join(props) if props else "")
    return f"{head}::{_data(message)}"


def _at(level: str, message: str, file: str, place: Place | None, title: str) -> str:
    """An annotation at ``place``: a line for text files; a sheet and row go in the message."""
    if place is not None and place.sheet is not None:
        message = f"{message} ({place})"
    line = place.line if place is not None else None
    column = place.column if place is not None else None
    return annotation(level, message, file=file, line=line, column=column, title=title)


def problem_annotation(problem: Problem, *, level: str | None = None) -> str:
    sev = level or ("error" if problem.severity is Severity.ERROR else "warning")
    what = f"{problem.field}: " if problem.field else ""
    return _at(
        sev, f"{what}{problem.message}", problem.file or "", problem.place, f"[{problem.code}]"
    )


def validate_github(reports: Sequence[PlanCheck]) -> str:
    lines = []
    for r in reports:
        for p in r.problems:
            level = "error" if p.severity is Severity.ERROR or r.strict else "warning"
            lines.append(problem_annotation(p, level=level))
        if not r.ok and not r.problems:
            lines.append(annotation("error", "the plan holds nothing to check", file=r.path))
    bad = sum(not r.ok for r in reports)
    verdict = (
        f"INVALID: {bad} of {len(reports)} plan(s)" if bad else f"VALID: {len(reports)} plan(s)"
    )
    lines.append(annotation("error" if bad else "notice", verdict, title="actiongraph validate"))
    return "".join(f"{line}\n" for line in lines)


_KINDS = ("finding", "action", "priority", "board", "person", "organisation", "measure")


def audit_github(report: AuditReport, file: str, places: Places) -> str:
    """Each thing a failing check found as an error at its line, load warnings and other
    findings of the summary as warnings, then the verdict."""
    from queries.config import FailOn

    def place_of(ref: str, kind: str | None = None) -> Place | None:
        for k in (kind,) if kind else _KINDS:
            if (k, ref) in places:
                return places[(k, ref)]
        return None

    lines = []
    failing = {f.check for f in report.failures}
    for p in report.load_problems:
        level = "error" if FailOn.WARNINGS in failing else "warning"
        lines.append(problem_annotation(p, level=level))
    texts = {f.ref: f.text for f in report.coverage.findings}
    for failure in report.failures:
        if failure.check is FailOn.WARNINGS:
            continue
        for ref in failure.refs:
            kind = "finding" if failure.check in (FailOn.UNCOVERED, FailOn.PARTIAL) else None
            message = f"{failure.check.value}: {ref}"
            if ref in texts:
                message += f": {' '.join(texts[ref].split())}"
            lines.append(_at("error", message, file, place_of(ref, kind), failure.check.value))
    if FailOn.RULES not in failing:
        for v in report.rules:
            lines.append(
                _at("warning", v.message, file, place_of(v.ref, v.kind.value), v.rule.value)
            )
    checks = ", ".join(sorted(c.value for c in report.config.fail_on)) or "nothing"
    if report.passed:
        lines.append(annotation("notice", f"audit PASSED (fails on: {checks})", file=file))
    else:
        from actiongraph.render.questions import failure_text  # the text verdict's words

        found = "; ".join(failure_text(report, f) for f in report.failures)
        lines.append(annotation("error", f"audit FAILED: {found} (fails on: {checks})", file=file))
    return "".join(f"{line}\n" for line in lines)


def places_of(result: object) -> dict[tuple[str, str], Place]:
    """(kind, ref) -> place of every finding, priority, action, measure, person,
    organisation and board of a :class:`~loaders.base.LoadResult`, where the reader knows."""
    plan = getattr(result, "plan", None)
    locate = getattr(result, "locate", None)
    if plan is None or locate is None:
        return {}
    found: dict[tuple[str, str], Place] = {}
    lists = {
        "finding": "findings",
        "priority": "priorities",
        "objective": "objectives",
        "action": "actions",
        "measure": "measures",
        "person": "people",
        "organisation": "organisations",
        "board": "boards",
    }
    for kind, name in lists.items():
        for i, item in enumerate(getattr(plan, name, []) or []):
            try:
                found[(kind, item.ref)] = locate((name, i))
            except Exception:
                continue
    return found
