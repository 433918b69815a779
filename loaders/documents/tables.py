"""Reading the rows of a recognised table into action records.

:class:`TableReader` is fed one line at a time (:meth:`TableReader.feed`) after a header row
set its :class:`~loaders.documents.shapes.Shape`. Each row is mapped to columns by position,
then repaired the way a reader repairs extracted tables:

* **Shifted cells.** When the due column holds no date but another cell after the action is
  a date (``Kellie Williams Warrington Council | Borough | Feb-24``), that cell is the due,
  the cells between the owner and it belong to the owner, and text after the date in the
  same cell is a measure. A row whose action cell is empty but which has an owner or a due
  takes the nearest text to the left as its action. Both are reported as low-confidence.
* **Merged cells.** A blank finding, objective or workstream cell continues the one above.
* **Rows broken across a page break.** After a page break (a blank line or a repeated
  header), a row that starts in lower case and names no ref, owner or due continues the row
  before it, cell by cell (``June 2020 to`` + ``April 2021``).
* **Milestone tables.** In a table with a milestone column, a row with a milestone and no
  action is a milestone of the action above; the due and status columns belong to the
  milestone, and the action is due when its last milestone is.
* A row with no action or milestone adds its cells to the current action (an objective
  spread over rows, a measure continued, ``SEND and Inclusion`` under ``Head of Service:``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from loaders.documents.cells import (
    date_in_cell,
    dated,
    ends_mid_sentence,
    join,
    looks_like_owner,
    lower_start,
    totals_row,
)
from loaders.documents.refs import action_texts, leading_ref, starts_with_refs
from loaders.documents.report import Decision
from loaders.documents.shapes import Column, Shape
from loaders.documents.text import Line, ref_key

__all__ = ["ActionRecord", "MilestoneRecord", "ObjectiveRecord", "TableReader"]


@dataclass
class MilestoneRecord:
    line: int
    text: str
    due: str = ""
    status: str = ""


@dataclass
class ObjectiveRecord:
    line: int
    text: str
    finding: str | None
    measures: list[str] = field(default_factory=list)
    continues: bool = True
    """Whether the next row's objective cell may continue this text (a merged cell)."""


@dataclass
class ActionRecord:
    line: int
    text: str
    ref: str | None = None
    ref_written: str | None = None
    objective: ObjectiveRecord | None = None
    finding: str | None = None
    link: str | None = None
    owner: str = ""
    involved: str = ""
    due: str = ""
    status: str = ""
    workstream: str = ""
    resource: str = ""
    measures: list[str] = field(default_factory=list)
    milestones: list[MilestoneRecord] = field(default_factory=list)
    priority: str | None = None
    lines: list[int] = field(default_factory=list)
    has_owner_column: bool = True
    extra: list[str] = field(default_factory=list)
    """Cells of columns the importer does not model, as ``"column title: text"``."""
    own_row: bool = True
    """False for a text the repairs took out of another row's cells: it has no owner cell."""
    group: int = 0
    """The table group the row sits in (a new table, a heading, a section row or a new
    finding cell starts another): merged owner cells do not reach across groups."""

    @property
    def has_owner_cell(self) -> bool:
        """Whether the row has an owner cell of its own (blank or not)."""
        return self.has_owner_column and self.own_row


def _shift_left(cells: list[str], action_at: int, owner_at: int) -> list[str]:
    """A row written one column too far left whose owner spilled into the owner column:
    each cell up to the action moves one right; the owner is the two cells joined."""
    owner = f"{cells[action_at]} {cells[owner_at]}".strip()
    return ["", *cells[:action_at], owner, *cells[owner_at + 1 :]]


def _milestones(line: int, text: str, due: str, status: str) -> list[MilestoneRecord]:
    """One milestone per paragraph when a cell holds as many milestones as dates (a merged
    row: ``A; B`` due ``Sept 2019; Feb 2020``); a lone status date goes to the first."""
    texts, dues = text.split("; "), due.split("; ")
    if len(texts) > 1 and len(texts) == len(dues) and all(dated(d) for d in dues):
        statuses = status.split("; ") if status else []
        statuses = (statuses + [""] * len(texts))[: len(texts)]
        return [
            MilestoneRecord(line, t, d, s) for t, d, s in zip(texts, dues, statuses, strict=True)
        ]
    return [MilestoneRecord(line, text, due, status)]


class TableReader:
    """The rows of the tables of one document, as :class:`ActionRecord` values."""

    def __init__(self, is_finding: Callable[[str], bool] = lambda text: True) -> None:
        self.is_finding = is_finding
        """Whether a finding cell names a finding of the document; one that names none,
        with a blank objective cell, is an objective printed one column too far left."""
        self.actions: list[ActionRecord] = []
        self.decisions: list[Decision] = []
        self.unplaced: list[Line] = []
        self.extra_actions: list[str] = []
        self.pending_extra: list[str] = []
        """Text a repair took out of its cell, for the row's record."""
        self._after_header = False
        self._titles: list[str] = []
        """Texts found between an action and its shifted owner: actions of their own."""
        self.shape: Shape | None = None
        self._after_break = False
        self._finding: str | None = None
        self._objective: ObjectiveRecord | None = None
        self._last_objective_row = False
        self._workstream = ""
        self._group = 0
        self._title_finding: str | None = None
        """The finding stated in the row over the next table's header (:meth:`finding_row`)."""
        self._split_refs = False
        """Whether the table's actions start with their refs, to be split off
        (:func:`~loaders.documents.refs.starts_with_refs`)."""
        self._row: list[str] = []
        """The cells of the row read last, as written, to tell a row its ref and action cells
        are merged down over (Word repeats a merged cell in each row it spans)."""

    # -- state ---------------------------------------------------------------------------
    def start(self, shape: Shape, body: Sequence[Sequence[str]] = ()) -> None:
        """A header row: a new table, or the same one again after a page break. ``body``
        is the cells of the rows below it, to see whether the actions start with refs."""
        if shape != self.shape:
            self._finding, self._objective, self._workstream = self._title_finding, None, ""
            self._titles = list(shape.header)
            self._group += 1
            at = [i for i, c in enumerate(shape.columns) if c is Column.ACTION]
            self._split_refs = starts_with_refs(action_texts(body, at, shape.header))
        self.shape = shape
        self._title_finding = None
        self._after_break = True
        self._after_header = True

    def stop(self) -> None:
        self.shape = None

    def page_break(self) -> None:
        self._after_break = True

    def new_section(self) -> None:
        """A heading between tables: merged cells do not continue across it."""
        self._finding, self._objective = None, None
        self._group += 1

    def finding_row(self, text: str) -> None:
        """A row across the top of a table stating the finding its rows answer (a Word
        table's first row merged across it): a new section about that finding."""
        self.new_section()
        self._finding = self._title_finding = text

    @property
    def current(self) -> ActionRecord | None:
        return self.actions[-1] if self.actions else None

    # -- rows ----------------------------------------------------------------------------
    def feed(self, line: Line, priority: str | None) -> None:
        """Read one row of the current table."""
        self._feed(line, priority)
        if self.pending_extra and self.current is not None:
            self.current.extra += self.pending_extra
        self.pending_extra = []

    def _feed(self, line: Line, priority: str | None) -> None:
        assert self.shape is not None
        if all(set(c) <= set("-|: ") for c in line.cells):
            return  # a Markdown table rule
        after_header, self._after_header = self._after_header, False
        unnamed = [
            i
            for i, c in enumerate(line.cells)
            if c and (i >= len(self.shape.columns) or self.shape.columns[i] is None)
        ]
        action_at = self.shape.index(Column.ACTION)
        if (
            after_header
            and unnamed
            and all(len(c.split()) <= 3 for c in line.cells)
            and not (
                action_at is not None and action_at < len(line.cells) and line.cells[action_at]
            )
        ):
            # a second header row naming sub-columns: "3 months | 6 months | 12 months"
            self._titles += [""] * (len(line.cells) - len(self._titles))
            for i in unnamed:
                self._titles[i] = line.cells[i]
            return
        if totals_row(line.cells):
            # "Total | 3 actions | | 1 G, 1 A, 1 R" under the rows: it counts them, no action
            self.unplaced.append(line)
            self.decisions.append(
                Decision(line.number, line.text, "a totals row: it sums up the rows above")
            )
            return
        cells = self._repair(line, list(line.cells))
        get = self._getter(cells)
        for extra in self.extra_actions:
            self._new_action(line, [""] * len(cells), priority)
            self.actions[-1].text = extra
            self.actions[-1].own_row = False
            self.decisions.append(
                Decision(
                    line.number,
                    extra,
                    "a text cell before the action: kept as an action"
                    " with no owner or due (it may be a merged cell of the rows below)",
                )
            )
        self.extra_actions = []
        ref, action, milestone = get(Column.REF), get(Column.ACTION), get(Column.MILESTONE)
        after_break, self._after_break = self._after_break, False
        current = self.current
        above, self._row = self._row, cells
        if current is not None and ref and action and above:
            written = self._getter(above)
            if (ref, action) == (written(Column.REF), written(Column.ACTION)):
                # the ref and action merged down over this row: more of the same action, its
                # cells merged with the row above written once
                cells = [
                    ("" if i < len(above) and c == above[i] else c) for i, c in enumerate(cells)
                ]
                get = self._getter(cells)
                ref, action, milestone = "", "", get(Column.MILESTONE)
        if ref and not re.search(r"\d", ref):
            action, ref = join(ref, action), ""  # a section row such as "6. Mi | scellaneous"
        if re.match(r"^\d+\.\s*\D", ref or "") and (not get(Column.OWNER)):
            self._section_row(line)
            return
        only_action = action and not ref and [c for c in cells if c] == [action]
        if current is not None and only_action and (after_break or action[:1] in "-;•"):
            self.decisions.append(
                Decision(
                    line.number,
                    line.text,
                    "a row with only an action cell: read as the"
                    " rest of the action above, broken by a page break",
                )
            )
            self._continue(current, line, cells, join_action=True)
            return
        has_refs = Column.REF in self.shape.columns
        if current is not None and has_refs and current.ref and action and not ref:
            self.decisions.append(
                Decision(
                    line.number,
                    line.text,
                    "an action without a ref in a table of refs:"
                    " read as the rest of the action above (a merged cell)",
                )
            )
            self._continue(current, line, cells, join_action=True, sentence=True)
            return
        if action or ref:
            breaks_row = after_break or (not get(Column.OWNER) and not get(Column.DUE))
            if (
                current is not None
                and not ref
                and breaks_row
                and (lower_start(action) or action.startswith(("- ", "• ")))
                and not get(Column.OWNER)
                and not get(Column.DUE)
            ):
                self._continue(current, line, cells, join_action=True)
                return
            self._new_action(line, cells, priority)
            return
        if milestone and current is not None:
            if after_break and lower_start(milestone) and current.milestones:
                last = current.milestones[-1]
                last.text = join(last.text, milestone)
                last.due = join(last.due, get(Column.DUE))
                last.status = join(last.status, get(Column.STATUS))
            else:
                current.milestones += _milestones(
                    line.number, milestone, get(Column.DUE), get(Column.STATUS)
                )
            self._context(cells, current, line)
            current.lines.append(line.number)
            return
        if current is not None and any(cells):
            self._continue(current, line, cells, join_action=False)
            return
        if any(cells):
            self.unplaced.append(line)

    def _section_row(self, line: Line) -> None:
        self._group += 1
        self.decisions.append(
            Decision(line.number, line.text, "read as a section heading inside the table")
        )

    def _getter(self, cells: list[str]) -> Callable[[Column], str]:
        """The text of a row's cells under a column kind (several joined with ``"; "``)."""
        shape = self.shape
        assert shape is not None

        def get(column: Column) -> str:
            parts = [
                cells[i] for i, c in enumerate(shape.columns) if c is column and i < len(cells)
            ]
            return "; ".join(p for p in parts if p)

        return get

    def _extra(self, cells: list[str]) -> list[str]:
        """The cells of columns no field takes, with their column titles."""
        shape = self.shape
        assert shape is not None
        out = []
        for i, cell in enumerate(cells):
            column = shape.columns[i] if i < len(shape.columns) else None
            if cell and column in (None, Column.OTHER):
                title = self._titles[i] if i < len(self._titles) and self._titles[i] else ""
                out.append(f"{title or f'column {i + 1}'}: {cell}")
        return out

    def _repair(self, line: Line, cells: list[str]) -> list[str]:
        """Put cells that extraction moved back under their columns (see the module doc)."""
        shape = self.shape
        assert shape is not None
        due_at, owner_at, action_at = (
            shape.index(Column.DUE),
            shape.index(Column.OWNER),
            shape.index(Column.ACTION),
        )
        if due_at is None or action_at is None:
            return cells
        width = len(shape.columns)
        cells = cells + [""] * max(0, width - len(cells))
        if not cells[due_at] or dated(cells[due_at]):
            if (
                owner_at is not None
                and action_at > 0
                and looks_like_owner(cells[action_at])
                and len(cells[owner_at].split()) <= 1
                and cells[action_at - 1]
            ):
                what = "the row was read one cell to the right: its owner was in the action column"
                self.decisions.append(Decision(line.number, line.text, f"shifted cells: {what}"))
                return _shift_left(cells, action_at, owner_at)
            if cells[due_at]:
                return cells
        found = None
        for j in range(action_at, len(cells)):
            if j != due_at and cells[j] and (hit := date_in_cell(cells[j])) is not None:
                found = (j, *hit)
                break
        if found is None:
            return cells
        j, date, rest = found
        if j > due_at and owner_at is not None and owner_at < due_at:
            fixed = self._right_of_due(line, cells, j, date, rest)
            what = f"the due {date!r} was found {j - due_at} cell(s) right of the due column"
        elif j < due_at:
            shift = due_at - j
            fixed = ([""] * shift + cells)[: max(width, len(cells) + shift)]
            fixed[due_at] = date
            if not fixed[action_at]:
                left = [k for k in range(action_at) if fixed[k]]
                if left:  # the action is the text nearest the left of its column
                    fixed[action_at], fixed[left[-1]] = fixed[left[-1]], ""
            if rest and shape.index(Column.MEASURE) is not None:
                fixed[shape.index(Column.MEASURE) or 0] = rest
            what = f"the row was read {shift} cell(s) to the right: its cells start too far left"
        else:
            return cells
        self.decisions.append(Decision(line.number, line.text, f"shifted cells: {what}"))
        return fixed

    def _right_of_due(
        self, line: Line, cells: list[str], j: int, date: str, rest: str
    ) -> list[str]:
        """A due found right of its column: the owner is the cell(s) just before it (one
        word such as ``Borough`` continues the owner), the action the text before that;
        further text cells between are actions of their own with no owner or due."""
        shape = self.shape
        assert shape is not None
        due_at, owner_at, action_at = (
            shape.index(Column.DUE) or 0,
            shape.index(Column.OWNER) or 0,
            shape.index(Column.ACTION) or 0,
        )
        start = j - 1
        while start - 1 > action_at and len(cells[start].split()) <= 1:
            start -= 1
        owner = " ".join(c for c in cells[start:j] if c)
        texts = [c for c in cells[action_at:start] if c]
        fixed = list(cells[:action_at]) + [""] * (len(cells) - action_at)
        if texts:
            fixed[action_at] = texts[-1]
            for extra in texts[:-1]:
                self.extra_actions.append(extra)
        fixed[owner_at] = owner
        fixed[due_at] = date
        for k in range(due_at + 1, len(fixed)):
            fixed[k] = ""
        measure_at = shape.index(Column.MEASURE)
        tail = [c for c in [rest, *cells[j + 1 :]] if c]
        if measure_at is not None and measure_at > due_at:
            fixed[measure_at] = " ".join(tail)
        elif tail:
            self.pending_extra.append("after the due: " + " ".join(tail))
        return fixed

    def _context(self, cells: list[str], action: ActionRecord, line: Line) -> None:
        """Objective, finding and measure cells of a row that belong to ``action``."""
        get = self._getter(cells)
        objective, measure = get(Column.OBJECTIVE), get(Column.MEASURE)
        continues = self._last_objective_row or lower_start(objective)
        if objective and self._objective is not None and continues:
            self._objective.text = join(self._objective.text, objective)
        if measure:
            target = self._objective.measures if self._objective else action.measures
            target.append(measure)
        action.extra += self._extra(cells)

    def _new_action(self, line: Line, cells: list[str], priority: str | None) -> None:
        get = self._getter(cells)
        finding, objective = get(Column.FINDING), get(Column.OBJECTIVE)
        shape = self.shape
        assert shape is not None
        if (
            finding
            and not objective
            and Column.OBJECTIVE in shape.columns
            and self._finding is not None
            and not self.is_finding(finding)
        ):
            self.decisions.append(
                Decision(
                    line.number,
                    finding,
                    "the finding cell names no finding of the"
                    " document: read as an objective under the finding above",
                )
            )
            finding, objective = "", finding
        if finding:
            if finding != self._finding:
                self._group += 1
            self._finding = finding
        if objective:
            previous = self._objective
            if (
                previous is not None
                and self._last_objective_row
                and (ends_mid_sentence(previous.text) or lower_start(objective))
                and not finding
            ):
                previous.text = join(previous.text, objective)
            else:
                self._objective = ObjectiveRecord(line.number, objective, self._finding)
        elif finding and self._objective is not None:
            self._objective = None
        self._last_objective_row = bool(objective)
        if get(Column.WORKSTREAM):
            self._workstream = get(Column.WORKSTREAM)
        written, text = get(Column.REF) or None, get(Column.ACTION)
        lead = leading_ref(text) if self._split_refs and written is None else None
        if lead is not None:
            written, text = lead
        record = ActionRecord(
            line=line.number,
            text=text,
            ref=ref_key(written) if written else None,
            ref_written=written,
            objective=self._objective,
            finding=self._finding,
            link=get(Column.LINK) or None,
            owner=get(Column.OWNER),
            involved=get(Column.INVOLVED),
            workstream=get(Column.WORKSTREAM),
            resource=get(Column.RESOURCE),
            priority=priority,
            lines=[line.number],
            has_owner_column=self.shape is not None and Column.OWNER in self.shape.columns,
            extra=[*self._extra(cells), *self.pending_extra],
            group=self._group,
        )
        self.pending_extra = []
        if self.shape is not None and Column.MILESTONE in self.shape.columns:
            if get(Column.MILESTONE):
                record.milestones += _milestones(
                    line.number, get(Column.MILESTONE), get(Column.DUE), get(Column.STATUS)
                )
        else:
            record.due, record.status = get(Column.DUE), get(Column.STATUS)
        measure = get(Column.MEASURE)
        if measure:
            (self._objective.measures if objective and self._objective else record.measures).append(
                measure
            )
        self.actions.append(record)

    def _continue(
        self,
        action: ActionRecord,
        line: Line,
        cells: list[str],
        join_action: bool,
        sentence: bool = False,
    ) -> None:
        get = self._getter(cells)
        if join_action:
            more = get(Column.ACTION)
            if (
                sentence
                and more[:1].isupper()
                and not action.text.rstrip().endswith((".", ";", ":"))
            ):
                action.text = action.text.rstrip() + "."
            action.text = join(action.text, more)
        action.owner = join(action.owner, get(Column.OWNER))
        action.involved = join(action.involved, get(Column.INVOLVED))
        if self.shape is not None and Column.MILESTONE not in self.shape.columns:
            action.due = join(action.due, get(Column.DUE))
            action.status = join(action.status, get(Column.STATUS))
        elif action.milestones and (get(Column.DUE) or get(Column.STATUS)):
            last = action.milestones[-1]
            last.due = join(last.due, get(Column.DUE))
            last.status = join(last.status, get(Column.STATUS))
        if get(Column.LINK):
            action.link = join(action.link or "", get(Column.LINK))
        finding = get(Column.FINDING)
        if finding:
            if action.finding and action.finding == self._finding:
                self._finding = join(self._finding, finding)
                action.finding = self._finding
                if self._objective is not None:
                    self._objective.finding = self._finding
            else:
                self._finding = finding
        objective, measure = get(Column.OBJECTIVE), get(Column.MEASURE)
        if objective:
            if self._objective is None:
                self._objective = ObjectiveRecord(line.number, objective, self._finding)
                action.objective = self._objective
            else:
                self._objective.text = join(self._objective.text, objective)
        if measure:
            target = self._objective.measures if self._objective else action.measures
            if target and lower_start(measure):
                target[-1] = join(target[-1], measure)
            else:
                target.append(measure)
        if get(Column.WORKSTREAM):
            action.workstream = join(action.workstream, get(Column.WORKSTREAM))
        action.extra += self._extra(cells)
        if get(Column.RESOURCE):
            action.resource = join(action.resource, get(Column.RESOURCE))
        if get(Column.REF):
            action.extra.append(f"ref cell: {get(Column.REF)}")
        action.lines.append(line.number)
