"""What the readers of tables and lists need from the walk over a document.

:class:`~loaders.documents.interpret.Interpreter` walks the blocks and keeps the section it is
in; :class:`~loaders.documents.grid.Grid` (tables) and :class:`~loaders.documents.lists.Lists`
(list items after a lead-in) read their blocks into its records. They know it only through
:class:`Reading`, so neither imports the interpreter: the interpreter imports them.
"""

from __future__ import annotations

from typing import Protocol

from graphmodel.model import FindingKind
from loaders.documents.findings import FindingRec, Findings
from loaders.documents.records import ActionRec, Note, PriorityRec
from loaders.documents.roles import Role

__all__ = ["Reading"]


class Reading(Protocol):
    """The state of the walk and the records it keeps."""

    findings: Findings
    used: set[int]
    """Lines placed in the draft; the rest are listed for the review."""
    notes: list[Note]
    people: list[tuple[str, str | None, str | None]]
    initials: dict[str, str]
    """A key's initials and the names they stand for."""
    short_forms: dict[str, str]
    """A key's short forms that stand for a post or an organisation, and what they stand for
    (``DCO`` -> ``Designated Clinical Officer, NHS Southby ICB``)."""
    labelled: ActionRec | None
    """The labelled action (``Action 1.1: …``) whose ``Label: value`` lines follow."""
    field: Role | None
    """The field of :attr:`labelled` its next lines continue."""

    @property
    def scope_kind(self) -> FindingKind | None:
        """The kind of finding the enclosing heading lists, if any."""

    @property
    def finding(self) -> str | None:
        """The finding the enclosing section is about, if any."""

    @property
    def priority(self) -> str | None:
        """The priority the enclosing section is, if any."""

    @property
    def in_actions(self) -> bool:
        """Whether a heading above announces actions."""

    @property
    def priority_record(self) -> PriorityRec | None:
        """The record of the priority the enclosing section is, if any."""

    @property
    def gathers(self) -> str | None:
        """``measures`` or ``outcomes`` when a heading above names a priority's measures of
        success or its outcomes (:func:`~loaders.documents.lists.gathered`), ``key`` when it
        heads a key to initials."""

    def is_name(self, text: str) -> bool: ...

    def new_action(self, text: str, line: int, place: str, ref: str | None = None) -> ActionRec: ...

    def priority_named(self, text: str, rec: ActionRec, line: int) -> None: ...

    def link_written(self, rec: ActionRec, written: list[str]) -> None:
        """Link ``rec`` to the findings whose refs its text writes."""

    def section_text(self, text: str, line: int, place: str, level: int = 100) -> bool: ...

    def text(self, text: str, line: int, place: str) -> None: ...

    def loose_text(self, text: str, line: int, place: str) -> None: ...

    def finding_once(self, found: FindingRec, line: int) -> FindingRec: ...

    def open_section(self, level: int, finding: str | None = None) -> None:
        """A section at ``level`` (about ``finding``), closing those at its level or below."""

    def fill(self, rec: ActionRec, role: Role, value: str, more: bool = False) -> None:
        """Put a labelled value into the action's field for ``role``."""
