"""What interpretation reads out of the blocks, before it becomes a plan: actions,
priorities and the decisions a human should check."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.model import OwnerRole

__all__ = ["ActionRec", "Note", "PriorityRec"]


@dataclass
class ActionRec:
    text: str
    line: int
    place: str
    ref: str | None = None
    owners: list[tuple[str, OwnerRole]] = field(default_factory=list)
    """Owner cells or values as written, each with the role its column or label gives."""
    due: str = ""
    start: str = ""
    status: str = ""
    measures: list[str] = field(default_factory=list)
    baseline: str = ""
    target: str = ""
    findings: list[str] = field(default_factory=list)
    """Refs of the findings it addresses, as stated in the document."""
    inferred: list[tuple[str, str]] = field(default_factory=list)
    """(finding ref, reason) of links inferred, not stated (a priority's number, a ref's
    first part): a human should confirm them."""
    refs: list[str] = field(default_factory=list)
    """Finding refs written in the row or text that no finding listed so far had: resolved
    once the whole document is read (a list of findings may come after the actions)."""
    finding_text: str = ""
    depends: list[str] = field(default_factory=list)
    """Dependency cells or values as written (action refs, and perhaps cross-references
    such as ``see Appendix 2``, which are never dependencies)."""
    prerequisites: list[ActionRec] = field(default_factory=list)
    """Actions a dependency cell named by their row (``3FS`` in a table with no ref column)."""
    objective: str = ""
    priority: str | None = None
    resource: str = ""
    milestones: list[tuple[str, str, str]] = field(default_factory=list)
    """(text, due, status) of the milestone rows under it, as written."""
    notes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    group: int | None = None
    """The table group of a row of a table with an owner column (a header, a heading, a
    section or finding row starts another); None for an action not read from such a table.
    Merged owner cells do not reach across groups."""


@dataclass
class PriorityRec:
    ref: str
    title: str
    line: int
    number: str | None = None
    findings: list[str] = field(default_factory=list)
    inferred: list[tuple[str, str]] = field(default_factory=list)
    """(finding ref, reason) of links inferred, not stated (the priority's number or title)."""
    sponsors: list[str] = field(default_factory=list)
    outcome: str | None = None
    """The paragraph under its heading, saying what it is to achieve (or the outcomes listed
    after a lead-in naming them, joined with ``; ``)."""
    measures: list[str] = field(default_factory=list)
    """How its success will be known: the items after a lead-in naming measures."""


@dataclass(frozen=True)
class Note:
    """A low-confidence decision at one place."""

    line: int | None
    place: str | None
    text: str
    message: str
