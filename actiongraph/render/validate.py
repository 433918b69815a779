"""Renderers: typed results -> text, one registry per result type, chosen by ``--format``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from graphmodel.errors import Problem
from graphmodel.problems import Code
from loaders.check import PlanCheck

ValidateRenderer = Callable[[Sequence[PlanCheck]], str]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def problems_text(problems: Sequence[Problem]) -> str:
    return "".join(f"  {p}\n" for p in problems)


def validate_text(reports: Sequence[PlanCheck]) -> str:
    out = []
    for r in reports:
        heading = r.path if r.area is None else f"{r.path}: {r.area} - {r.title}"
        out.append(heading + "\n")
        if r.nodes:
            counts = ", ".join(f"{n} {kind}" for kind, n in r.nodes.items())
            out.append(f"  nodes: {counts}\n")
            by_kind = ", ".join(f"{n} {kind}" for kind, n in r.edges_by_kind.items())
            out.append(f"  edges: {r.edges}" + (f" ({by_kind})" if by_kind else "") + "\n")
        if r.problems:
            out.append(
                f"  problems ({_plural(r.errors, 'error')}, {_plural(r.warnings, 'warning')}):\n"
            )
            out.append(problems_text(r.problems))
    bad = [r for r in reports if not r.ok]
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    if bad:
        strict = " (--strict: warnings count)" if any(r.strict for r in reports) else ""
        out.append(
            f"INVALID: {_plural(len(bad), 'plan')} of {len(reports)} with errors{strict} "
            f"({_plural(errors, 'error')}, {_plural(warnings, 'warning')}); "
            "fix the problems above and run validate again\n"
        )
    else:
        out.append(f"VALID: {_plural(len(reports), 'plan')} ({_plural(warnings, 'warning')})\n")
    return "".join(out)


def validate_json(reports: Sequence[PlanCheck]) -> str:
    data = [
        {
            "path": r.path,
            "area": r.area,
            "title": r.title,
            "valid": r.ok,
            "nodes": r.nodes,
            "edges": r.edges_by_kind,
            "problems": [p.to_dict() for p in r.problems],
        }
        for r in reports
    ]
    return (
        json.dumps(
            {"plans": data, "valid": all(r.ok for r in reports)}, indent=2, ensure_ascii=False
        )
        + "\n"
    )


def validate_markdown(reports: Sequence[PlanCheck]) -> str:
    """The same report as Markdown: a heading per plan, counts, problems as a list."""

    def md(text: str) -> str:
        return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", text)

    out = ["# Validation", ""]
    for r in reports:
        heading = r.path if r.area is None else f"{r.path}: {r.area} - {r.title}"
        out += [f"## {md(heading)}", ""]
        if r.nodes:
            counts = ", ".join(f"{n} {kind}" for kind, n in r.nodes.items())
            out += [f"- **nodes:** {counts}", f"- **edges:** {r.edges}", ""]
        if r.problems:
            out += [
                f"{_plural(r.errors, 'error')}, {_plural(r.warnings, 'warning')}:",
                "",
                *(f"- {md(str(p))}" for p in r.problems),
                "",
            ]
    verdict = validate_text(reports).splitlines()[-1]
    out += [f"**{md(verdict)}**", ""]
    return "\n".join(out)


def _github(reports: Sequence[PlanCheck]) -> str:
    from actiongraph.render.github import validate_github

    return validate_github(reports)


def codes_text(codes: Sequence[Code], width: int | None = None) -> str:
    """``validate --list-codes`` for people: each code whole with its stage and severity on
    one line, its meaning and its fix under it, wrapped to the terminal's width (``width``, by
    default :func:`~actiongraph.render.document.text_width`)."""
    import textwrap

    from actiongraph.render.document import text_width

    width = width or text_width()
    column = max(len(c.code) for c in codes)

    def wrapped(text: str) -> list[str]:
        return textwrap.wrap(
            text,
            width=width,
            initial_indent="    ",
            subsequent_indent="      ",
            break_long_words=False,
            break_on_hyphens=False,
        )

    out = [f"{'code':<{column}}  stage  severity", "    meaning", "    fix: what to do", ""]
    for c in codes:
        out.append(f"{c.code:<{column}}  {c.stage.value:<5}  {c.severity_text}")
        out += wrapped(c.meaning) + wrapped(f"fix: {c.fix}") + [""]
    return "\n".join(out)


def codes_markdown(codes: Sequence[Code]) -> str:
    """``validate --list-codes --format md``: one table row per code."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = [
        f"| `{c.code}` | {c.stage.value} | {c.severity_text} | {cell(c.meaning)} | {cell(c.fix)} |"
        for c in codes
    ]
    head = ["# Problem and rule codes", "", "| code | stage | severity | meaning | fix |"]
    return "\n".join([*head, "|---|---|---|---|---|", *rows, ""])


def codes_json(codes: Sequence[Code]) -> str:
    """``validate --list-codes --format json``: ``[{code, stage, severity, meaning, fix}]``."""
    return json.dumps([c.to_dict() for c in codes], indent=2, ensure_ascii=False) + "\n"


CODES_RENDERERS: dict[str, Callable[[Sequence[Code]], str]] = {
    "text": codes_text,
    "json": codes_json,
    "md": codes_markdown,
}
"""``validate --list-codes`` by format (github annotations have nothing to annotate: text)."""


VALIDATE_RENDERERS: dict[str, ValidateRenderer] = {
    "text": validate_text,
    "json": validate_json,
    "md": validate_markdown,
    "github": _github,
}
