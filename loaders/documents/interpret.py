"""Interpretation: the blocks of any document into findings, priorities and actions.

Walks the blocks in order keeping the section it is in (the headings above, each possibly
a finding or a priority) and what the last lead-in announced:

* a finding heading or line (``Area of significant weakness 1: …``) opens a finding; the
  actions under it address it; a heading or lead-in naming a kind of finding (``Areas for
  improvement``, ``The inspection found these weaknesses:``) makes the list items under it
  findings (sub-items: detailed findings);
* ``Priority 2: …`` opens a priority; the sentence right under a finding's or priority's
  heading is the rest of the finding or the priority's outcome;
* ``1. <text>`` followed by actions ``1.1``, ``1.2`` opens a finding (a sentence) or a
  priority (a title) for them (:mod:`~loaders.documents.sections`);
* ``Action 1.1: …`` opens a labelled action whose ``Label: value`` lines fill it
  (:mod:`~loaders.documents.labelled`);
* ``1.1 Recruit … Lead: X. By: Y.`` or ``1.1 Recruit … (Owner: X; Due: Y)`` is an action
  with its fields (under a finding or priority; anywhere with two fields on the line), and
  ``a) …`` under it a milestone;
* list items go to :class:`~loaders.documents.lists.Lists` (findings after a lead-in
  naming a kind of finding, actions after a lead-in announcing them);
* tables go to :class:`~loaders.documents.grid.Grid`; a row across a table that is a
  governance sentence or a colour key is no section (:attr:`Interpreter.asides`).

Every line used is recorded in :attr:`Interpreter.used`; the rest is for the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from graphmodel.model import FindingKind, OwnerRole
from loaders.documents.blocks import Block, BlockKind
from loaders.documents.findings import (
    FindingRec,
    Findings,
    finding_alone,
    finding_heading,
    intro_kind,
    refs_in_text,
)
from loaders.documents.governance import read_governance
from loaders.documents.grid import Grid
from loaders.documents.labelled import action_start, label_of, numbered_action
from loaders.documents.lists import KEY_LEADIN, Lists, gathered
from loaders.documents.records import ActionRec, Note, PriorityRec
from loaders.documents.roles import Role
from loaders.documents.sections import is_key_line, is_sentence, numbered_parent

__all__ = ["Interpreter"]

_PRIORITY = re.compile(
    r"^\s*(?:(?:key|improvement|strategic|our)\s+)?(priority|workstream|theme|strand|"
    r"objective|outcome|aim)\s*(\d{1,2}|[A-H])\s*[:.)–—-]?\s*(.*)$",
    re.I,
)
_ACTIONS_HEAD = re.compile(
    r"^\s*(?:our\s+|key\s+|the\s+|planned\s+|agreed\s+|improvement\s+)?(?:actions?|next steps|"
    r"what we (?:will|are going to) do|what we are doing|how we will (?:improve|do this|"
    r"address this)|we will|action plan|planned activity|activities)\b",
    re.I,
)


def _heading_line(text: str) -> bool:
    """Whether a paragraph is a heading in all but form: a few words naming actions or a
    kind of finding, alone, with no number, stop or colon (``Actions``, ``Our actions``,
    ``Next steps``, ``Strengths``, ``Areas for development``; not ``Action 1.1 Recruit``).

    >>> _heading_line("Our actions"), _heading_line("Areas for development")
    (True, True)
    >>> _heading_line("Actions were agreed by the board."), _heading_line("Action 1.1 Recruit")
    (False, False)
    """
    return (
        len(text.split()) <= 5
        and not re.search(r"\d|[.:;,]\s*$", text)
        and (_ACTIONS_HEAD.match(text) is not None or intro_kind(text) is not None)
    )


@dataclass
class _Scope:
    level: int
    finding: str | None = None
    priority: str | None = None
    findings_kind: FindingKind | None = None
    actions: bool = False
    gathers: str | None = None


class Interpreter:
    def __init__(self) -> None:
        self.findings = Findings()
        self.actions: list[ActionRec] = []
        self.priorities: list[PriorityRec] = []
        self.used: set[int] = set()
        self.notes: list[Note] = []
        self.people: list[tuple[str, str | None, str | None]] = []
        self.initials: dict[str, str] = {}
        """A key's initials (``JB``) and the name they stand for, as owner cells use them."""
        self.short_forms: dict[str, str] = {}
        """A key's short forms for a post or an organisation and what they stand for."""
        self.names: set[str] = set()
        self.grid = Grid(self)
        self.stack: list[_Scope] = []
        self.labelled: ActionRec | None = None
        self.siblings: list[ActionRec] = []
        """Actions listed together under one ``Actions:`` label: the fields after it are
        each one's (a label table: ``Actions | A; B; C``, then ``Lead | ...``)."""
        self.field: Role | None = None
        self.lists = Lists(self)
        self.pending: tuple[FindingRec, int] | None = None
        """A finding named by kind and number whose text is the next paragraph, and the
        level of its heading."""
        self.table: Block | None = None
        """The table whose rows are being read."""
        self.asides: list[Block] = []
        """Rows across a table that are the document's prose, not its sections (a governance
        sentence under a tracker), as paragraphs for the draft to read."""
        self.described: FindingRec | PriorityRec | None = None
        """The finding or priority the block just read opened as a heading."""
        self.introduced: FindingRec | PriorityRec | None = None
        """The finding or priority opened by the heading right above this paragraph: the
        paragraph, a sentence of its own, says what it is (:meth:`_describes`)."""

    # -- context -----------------------------------------------------------------------
    @property
    def scope_kind(self) -> FindingKind | None:
        """The kind of finding the enclosing heading lists, if any."""
        for scope in reversed(self.stack):
            if scope.findings_kind is not None:
                return scope.findings_kind
        return None

    def _scope(self, attr: str) -> object:
        for scope in reversed(self.stack):
            value = getattr(scope, attr)
            if value:
                return value
        return None

    @property
    def finding(self) -> str | None:
        value = self._scope("finding")
        return value if isinstance(value, str) else None

    @property
    def priority(self) -> str | None:
        value = self._scope("priority")
        return value if isinstance(value, str) else None

    @property
    def in_actions(self) -> bool:
        """Whether a heading above announces actions."""
        return bool(self._scope("actions"))

    @property
    def priority_record(self) -> PriorityRec | None:
        ref = self.priority
        return next((p for p in self.priorities if p.ref == ref), None)

    @property
    def gathers(self) -> str | None:
        value = self._scope("gathers")
        return value if isinstance(value, str) else None

    def open_section(self, level: int, finding: str | None = None) -> None:
        """A section at ``level`` (about ``finding``), closing those at its level or below."""
        self._push(_Scope(level, finding=finding))

    def _push(self, scope: _Scope) -> None:
        while self.stack and self.stack[-1].level >= scope.level:
            self.stack.pop()
        self.stack.append(scope)

    def is_name(self, text: str) -> bool:
        """Whether a cell reads as owners: names met elsewhere, or ``Name Surname``."""
        first = re.split(r"[,;/(]", text)[0].strip()
        if first.casefold() in self.names:
            return True
        words = first.split()
        return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and len(text) < 80

    # -- records -----------------------------------------------------------------------
    def new_action(self, text: str, line: int, place: str, ref: str | None = None) -> ActionRec:
        rec = ActionRec(
            text=text.strip(), line=line, place=place, ref=ref, priority=self.priority, lines=[line]
        )
        if self.finding:
            rec.findings.append(self.finding)
        self.actions.append(rec)
        self.used.add(line)
        return rec

    def priority_named(self, text: str, rec: ActionRec, line: int) -> None:
        match = _PRIORITY.match(text) or re.match(r"^\s*(P?)(\d{1,2})\b\s*[:.)–-]?\s*(.*)$", text)
        number = match.group(2) if match else None
        for p in self.priorities:
            if (number and p.number == number) or p.title.casefold() == text.casefold():
                rec.priority = p.ref
                return
        p = self._new_priority(number, match.group(3) if match and match.group(3) else text, line)
        rec.priority = p.ref

    def _new_priority(self, number: str | None, title: str, line: int) -> PriorityRec:
        ref = f"P{number or len(self.priorities) + 1}"
        while any(p.ref == ref for p in self.priorities):
            ref += "'"
        p = PriorityRec(ref, title.strip() or ref, line, number)
        refs, p.title = refs_in_text(p.title)
        p.title = p.title or ref
        for token in refs:
            found = self.findings.by_token(token)
            if found is not None:
                p.findings.append(found.ref)
        self.priorities.append(p)
        return p

    # -- the walk ----------------------------------------------------------------------
    def run(self, blocks: list[Block]) -> None:
        previous: Block | None = None
        for i, block in enumerate(blocks):
            above, self.described = self.described, None
            self.introduced = above if block.kind is BlockKind.PARAGRAPH else None
            if block.kind is BlockKind.BREAK:
                self.used.add(block.line)
                continue
            if block.aside and not block.is_table:
                # struck through by the document's keeper: not drafted, listed for review
                self.notes.append(
                    Note(
                        block.line,
                        block.place,
                        block.text,
                        f"a {block.aside} paragraph, not drafted: restore it if it is live",
                    )
                )
                continue
            if block.is_table:
                follows = previous is not None and previous.is_table
                self._end_lists()
                self.table = block
                self.grid.table(block, follows)
                self.table = None
            elif block.is_heading:
                self._heading(block)
            elif self._numbered_section(block, _next_block(blocks, i)):
                pass
            elif block.is_item:
                self.lists.item(block)
            elif _heading_line(block.text):
                # "Actions", "Strengths" on a line of its own above a list: a heading, under
                # the finding or priority a line above opened (level 100)
                self._heading(Block(BlockKind.HEADING, block.text, block.line, block.place, 101))
            else:
                self.text(block.text, block.line, block.place)
            previous = block

    def _numbered_section(self, block: Block, after: list[Block]) -> bool:
        """``1. <text>`` followed by the actions ``1.1``, ``1.2``: the finding (a sentence)
        or priority (a title) they come under; True if it was one."""
        parent = numbered_parent(block, after)
        if parent is None or self.lists.mode == "findings":
            return False
        number, text = parent
        self._end_lists()
        known = self.findings.like(text, 0.8)
        written = finding_heading(text)
        if known is None and (written is not None or is_sentence(text)):
            kind = self.scope_kind or FindingKind.AREA_FOR_IMPROVEMENT
            found = written or FindingRec("", kind, text, block.line)
            found.number = found.number or number
            known = self.finding_once(found, block.line)
        if known is not None:
            self.open_section(100, known.ref)
        elif not self.section_text(text, block.line, block.place):
            p = self._new_priority(number, text, block.line)
            self._push(_Scope(100, priority=p.ref))
        self.used.add(block.line)
        return True

    def _end_lists(self) -> None:
        self.labelled, self.field, self.siblings = None, None, []
        self.lists.end()

    def section_text(self, text: str, line: int, place: str, level: int = 100) -> bool:
        """A finding or priority written as a heading or a line; True if it was one, or if
        it is a row across a table saying no such thing (:meth:`_aside`)."""
        if self.table is not None and level >= 100 and self._aside(text, line, place):
            return True
        parent_kind = self.scope_kind
        alone = finding_alone(text)
        if alone is not None:
            self.pending = (alone, level)
            self.used.add(line)
            return True
        found = finding_heading(text)
        numbered = re.match(r"^\s*(\d{1,2}|[A-Z]{1,3}\d{1,2})[.):]?\s+(\S.{8,})$", text)
        if found is None and parent_kind is not None and numbered and level < 100:
            found = FindingRec("", parent_kind, numbered.group(2), line, numbered.group(1))
        if found is not None:
            rec = self.finding_once(found, line)
            self._push(_Scope(level, finding=rec.ref))
            self.used.add(line)
            if level < 100 and rec.line == line:
                self.described = rec
            return True
        if level < 100 and self.findings.items:
            # a heading repeating a finding listed earlier: the actions under it address it
            bare = numbered.group(2) if numbered else text
            known = self.findings.like(bare, 0.8)
            if known is not None and len(bare) > 20:
                self._push(_Scope(level, finding=known.ref))
                self.used.add(line)
                return True
        match = _PRIORITY.match(text)
        if match is not None and (match.group(3) or level < 100):
            number, title = match.group(2), match.group(3)
            p = next((q for q in self.priorities if q.number == number and q.title == title), None)
            if p is None:
                p = self._new_priority(number, title or text, line)
                if level < 100:
                    self.described = p
            self._push(_Scope(level, priority=p.ref))
            self.used.add(line)
            return True
        return False

    def _aside(self, text: str, line: int, place: str) -> bool:
        """A row across a table that is no heading of the rows below: a sentence about the
        boards (kept in :attr:`asides` for the draft to read) or a colour key (``Key: B =
        Complete, G = On track``); True if it is one."""
        if text[:1].islower():
            return False  # a cell's text wrapped onto the next row
        said = read_governance(text)
        if said is not None and said.says_anything:
            self.asides.append(Block(BlockKind.PARAGRAPH, text, line, place))
            return True
        return is_key_line(text)

    def finding_once(self, found: FindingRec, line: int) -> FindingRec:
        """The finding, added unless it was listed earlier (written again as the heading of
        its actions: the same text, or the same kind and number)."""
        same = self.findings.like(found.text, 0.8) or next(
            (
                f
                for f in self.findings.items
                if f.number and f.number == found.number and f.kind is found.kind
            ),
            None,
        )
        return same if same is not None else self.findings.add(found, line)

    def _heading(self, block: Block) -> None:
        self._end_lists()
        self.grid.new_group()
        self.pending = None
        text, level = block.text, block.level
        start = action_start(text)
        if start is not None and (start[0] or len(text.split()) > 4):
            self._push(_Scope(level))
            self._labelled(start, block.line, block.place)
            return
        if self.section_text(text, block.line, block.place, level):
            return
        kind = intro_kind(text)
        if kind is not None and len(text.split()) <= 12:
            self._push(_Scope(level, findings_kind=kind))
            self.used.add(block.line)
            return
        if _ACTIONS_HEAD.match(text):
            self._push(_Scope(level, actions=True))
            self.used.add(block.line)
            return
        gathers = "key" if KEY_LEADIN.match(text) else gathered(text, alone=True)
        if gathers == "key" or (
            gathers is not None and (self.priority or self.finding) and len(text.split()) <= 10
        ):
            # "How we will know": the priority's measures, not its actions
            self._push(_Scope(level, gathers=gathers))
            self.used.add(block.line)
            return
        self._push(_Scope(level))

    def _labelled(self, start: tuple[str | None, str], line: int, place: str) -> None:
        ref, text = start
        written, text = refs_in_text(text)
        rec = self.new_action(text, line, place, ref=ref)
        self.link_written(rec, written)
        self.labelled, self.field, self.siblings = rec, Role.ACTION, []

    def link_written(self, rec: ActionRec, written: list[str]) -> None:
        """Link ``rec`` to the findings whose refs its text writes (``[W1]``), first; a ref
        no finding listed so far has is resolved once the whole document is read."""
        for token in written:
            found = self.findings.by_token(token)
            if found is not None and found.ref not in rec.findings:
                rec.findings.insert(0, found.ref)
            elif found is None:
                rec.refs.append(token)

    def text(self, text: str, line: int, place: str) -> None:
        """A paragraph (or a line of a two-column table)."""
        if not text.strip():
            self.used.add(line)
            return
        if self.pending is not None:
            found, level = self.pending
            self.pending = None
            found.text = text.strip()
            rec = self.finding_once(found, line)
            self._push(_Scope(level, finding=rec.ref))
            self.used.add(line)
            return
        start = action_start(text)
        if start is not None:
            self.lists.mode = None
            self._labelled(start, line, place)
            return
        if finding_heading(text) is not None and self.section_text(text, line, place):
            self._end_lists()
            return
        labelled = label_of(text)
        if (
            labelled is not None
            and labelled[0] is Role.ACTION
            and labelled[1].strip()  # "Actions:" alone leads in a list
            and self.labelled is None
            and (self.finding or self.priority)
        ):
            # "Actions: Recruit ...; Introduce ...": under a finding, each an action
            parts = [p.strip() for p in labelled[1].split(";") if p.strip()]
            if len(parts) < 2 or not all(p[:1].isupper() and len(p.split()) >= 3 for p in parts):
                parts = [labelled[1]]
            self.siblings = [self.new_action(p, line, place) for p in parts]
            self.labelled, self.field = self.siblings[-1], Role.ACTION
            return
        if labelled is not None and self.labelled is not None:
            for each in self.siblings if self.labelled in self.siblings else [self.labelled]:
                self.fill(each, labelled[0], labelled[1])
            self.field = labelled[0]
            self.used.add(line)
            return
        if self.section_text(text, line, place):
            self._end_lists()
            return
        if text.rstrip().endswith(":"):
            self.lists.lead_in(text, line)
            return
        if self.labelled is not None and self.field is not None:
            self.fill(self.labelled, self.field, text, more=True)
            self.used.add(line)
            return
        step = re.match(r"^\s*(\S{1,5})(?:\s*\|\s*|\s+)(\S.*)$", text)
        if step is not None and self.lists.sub_step(step.group(1), step.group(2), line):
            return  # "a) | Agree terms": a step of the numbered action above (a row's cells)
        numbered = numbered_action(text)
        if numbered is not None and (
            len(numbered.fields) >= 2 or self.finding or self.priority or self.in_actions
        ):
            # "2.3 Recruit two caseworkers (lead: Jo Bloggs, by May 2025)", "1.1 Recruit ...
            # Lead: Head of SEND. By: October 2024.": an action under a finding; anywhere
            # with two fields on the line
            written, action_text = refs_in_text(numbered.text)
            action = self.new_action(action_text, line, place, ref=numbered.ref)
            self.link_written(action, written)
            for role, value in numbered.fields:
                self.fill(action, role, value)
            self.lists.item_action = action
            return
        if (
            labelled is not None
            and self.lists.item_action is not None
            and labelled[0] in (Role.OWNER, Role.DUE, Role.MEASURE, Role.STATUS, Role.ACCOUNTABLE)
        ):
            self.fill(self.lists.item_action, labelled[0], labelled[1])
            self.used.add(line)
            return
        if self._describes(text, line):
            return
        self.lists.mode = None

    def _describes(self, text: str, line: int) -> bool:
        """The paragraph right under a finding's or priority's heading: the rest of the
        finding (``Joint commissioning: Leaders have not ...``) or the priority's outcome;
        True if it was one. Only a sentence (six words or more, ending in a full stop) that
        says nothing of the boards (read by the draft) is."""
        rec, self.introduced = self.introduced, None
        if rec is None or not is_sentence(text) or read_governance(text) is not None:
            return False
        if isinstance(rec, FindingRec):
            joint = ": " if rec.text[-1:].isalnum() else " "
            rec.text = f"{rec.text}{joint}{text.strip()}"
        elif rec.outcome is None:
            rec.outcome = text.strip()
        else:
            return False
        self.used.add(line)
        return True

    def loose_text(self, text: str, line: int, place: str) -> None:
        """A table row that is no action row: a section heading, a label, or unused."""
        if text and not self.section_text(text, line, place):
            self.text(text, line, place)

    def fill(self, rec: ActionRec, role: Role, value: str, more: bool = False) -> None:
        value = value.strip()
        if not value:
            return
        if role is Role.ACTION or (more and role is Role.REF):
            rec.text = f"{rec.text} {value}".strip()
        elif role in (Role.OWNER, Role.ACCOUNTABLE, Role.INVOLVED):
            owner_role = {
                Role.OWNER: OwnerRole.RESPONSIBLE,
                Role.ACCOUNTABLE: OwnerRole.ACCOUNTABLE,
                Role.INVOLVED: OwnerRole.INVOLVED,
            }[role]
            if more and rec.owners and rec.owners[-1][1] is owner_role:
                rec.owners[-1] = (f"{rec.owners[-1][0]}; {value}", owner_role)
            else:
                rec.owners.append((value, owner_role))
        elif role is Role.DUE:
            rec.due = f"{rec.due} {value}".strip() if more else value
        elif role is Role.START:
            rec.start = value
        elif role is Role.STATUS:
            rec.status = f"{rec.status} {value}".strip() if more else value
        elif role is Role.MEASURE:
            if more and rec.measures:
                rec.measures[-1] = f"{rec.measures[-1]} {value}"
            else:
                rec.measures.append(value)
        elif role is Role.BASELINE:
            rec.baseline = value
        elif role is Role.TARGET:
            rec.target = value
        elif role is Role.REF:
            rec.ref = rec.ref or value
        elif role is Role.FINDING:
            refs = [t for t in re.split(r"\s*(?:[,;/&]|\band\b)\s*", value) if t]
            hits = [self.findings.by_token(t) for t in refs]
            if hits and all(hits):
                rec.findings = [h.ref for h in hits if h is not None]
            elif all(re.fullmatch(r"[A-Za-z]{0,4}[ -]?\d{1,2}[a-z]?", t) for t in refs):
                rec.findings, rec.refs = [], refs
            else:
                found = self.findings.like(value, 0.5)
                if found is not None:
                    rec.findings = [found.ref]
                else:
                    rec.finding_text = value
        elif role is Role.PRIORITY:
            self.priority_named(value, rec, rec.line)
        elif role is Role.RESOURCE:
            rec.resource = value
        elif role is Role.DEPENDS:
            rec.depends.append(value)
        else:
            label = role.value.capitalize()
            rec.notes.append(f"{label}: {value}")


def _next_block(blocks: list[Block], i: int) -> list[Block]:
    """The block after ``blocks[i]`` that is no page break, as a list of one (none at the
    end): all :func:`~loaders.documents.sections.numbered_parent` reads, without copying the
    rest of the document for every block."""
    return next(([b] for b in islice(blocks, i + 1, None) if b.kind is not BlockKind.BREAK), [])
