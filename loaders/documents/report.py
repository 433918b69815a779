"""The review report of an import: what a human must look at before trusting the draft.

Every line of the document is either *placed* (read into the plan, or recognised as a page
header, a repeated table header, a table of contents entry) or listed here as
:attr:`ReviewKind.UNPLACED` with its number and text. Decisions the importer made with low
confidence (cells moved to another column, a name it could not split) are
:attr:`ReviewKind.LOW_CONFIDENCE`.

>>> report = ReviewReport("plan.txt", ["Ref | Action | Owner | Due"],
...     [ReviewItem(ReviewKind.UNPLACED, 12, "Stray text", "not placed")], actions=3)
>>> print(report_text(report), end="")
plan.txt: 3 action(s) from 1 table shape(s); 1 line(s) not placed, 0 low-confidence decision(s)
Table shapes:
  Ref | Action | Owner | Due
Not placed:
  line 12: Stray text
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from graphmodel.model import Plan

__all__ = [
    "Decision",
    "ImportResult",
    "ReviewItem",
    "ReviewKind",
    "ReviewReport",
    "report_json",
    "report_text",
]


class ReviewKind(str, Enum):
    UNPLACED = "unplaced"
    """A line the importer could not place: its text is in no entity."""
    LOW_CONFIDENCE = "low_confidence"
    """A decision a human should check."""


@dataclass(frozen=True)
class Decision:
    """A low-confidence decision taken at one line."""

    line: int
    text: str
    message: str


@dataclass(frozen=True)
class ReviewItem:
    kind: ReviewKind
    line: int | None
    text: str
    message: str
    place: str | None = None
    """Where in a Word, PDF, web or spreadsheet source (``page 2, table 1, row 3``), when
    the line number alone would not find it."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "line": self.line,
            "text": self.text,
            "message": self.message,
        }
        if self.place is not None:
            out["place"] = self.place
        return out

    @property
    def where(self) -> str:
        return self.place or f"line {self.line}"


@dataclass
class ReviewReport:
    source: str
    shapes: list[str]
    items: list[ReviewItem] = field(default_factory=list)
    actions: int = 0

    @property
    def unplaced(self) -> list[ReviewItem]:
        return [i for i in self.items if i.kind is ReviewKind.UNPLACED]

    @property
    def low_confidence(self) -> list[ReviewItem]:
        return [i for i in self.items if i.kind is ReviewKind.LOW_CONFIDENCE]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "actions": self.actions,
            "shapes": self.shapes,
            "unplaced": [i.to_dict() for i in self.unplaced],
            "low_confidence": [i.to_dict() for i in self.low_confidence],
        }


@dataclass
class ImportResult:
    """The draft plan and its review report."""

    plan: Plan
    report: ReviewReport


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_text(report: ReviewReport) -> str:
    """The report as text for people: a summary line, then one line per item."""
    out = [
        f"{report.source}: {report.actions} action(s) from {len(report.shapes)} table shape(s);"
        f" {len(report.unplaced)} line(s) not placed,"
        f" {len(report.low_confidence)} low-confidence decision(s)"
    ]
    if report.shapes:
        out += ["Table shapes:", *(f"  {s}" for s in report.shapes)]
    if report.unplaced:
        out.append("Not placed:")
        out += [f"  {i.where}: {_short(i.text)}" for i in report.unplaced]
    if report.low_confidence:
        out.append("Check these decisions:")
        out += [
            f"  {i.where}: {i.message}" + (f" -- {_short(i.text, 100)}" if i.text else "")
            if i.line
            else f"  {i.message}"
            for i in report.low_confidence
        ]
    return "\n".join(out) + "\n"


def report_json(report: ReviewReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", " ".join(text.split()))


def report_markdown(report: ReviewReport) -> str:
    """The report as Markdown: a heading, the summary, then lists (texts whole)."""
    out = [
        f"# Review of {_md(report.source)}",
        "",
        f"{report.actions} action(s) from {len(report.shapes)} table shape(s); "
        f"{len(report.unplaced)} line(s) not placed, "
        f"{len(report.low_confidence)} low-confidence decision(s)",
        "",
    ]
    if report.shapes:
        out += ["## Table shapes", "", *(f"- {_md(s)}" for s in report.shapes), ""]
    if report.unplaced:
        out += [
            "## Not placed",
            "",
            *(f"- line {i.line}: {_md(i.text)}" for i in report.unplaced),
            "",
        ]
    if report.low_confidence:
        out += ["## Check these decisions", ""]
        out += [
            f"- line {i.line}: {_md(i.message)}" + (f" -- {_md(i.text)}" if i.text else "")
            if i.line
            else f"- {_md(i.message)}"
            for i in report.low_confidence
        ]
        out.append("")
    return "\n".join(out)


REPORT_RENDERERS: dict[str, Callable[[ReviewReport], str]] = {
    "text": report_text,
    "json": report_json,
    "md": report_markdown,
}


def redacted_report(report: ReviewReport, hide: Callable[[str], str]) -> ReviewReport:
    """``report`` with ``hide`` applied to every text in it (source, shapes, items), so
    names are replaced whole before any line is shortened for display."""
    return ReviewReport(
        hide(report.source),
        [hide(s) for s in report.shapes],
        [replace(i, text=hide(i.text), message=hide(i.message)) for i in report.items],
        report.actions,
    )
