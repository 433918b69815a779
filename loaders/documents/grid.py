"""Tables into actions, whatever their headers: the column roles come from the header
words (:mod:`~loaders.documents.roles`) or, for a header the vocabulary does not know,
from the column's cells; the review says which columns were read by content.

A table may also be a list of findings (a finding column and no action column), a table of
people (``Name | Role | Organisation``), or a labelled action set out as two columns
(``Action | …``, ``Lead | …``, ``Due date | …``), which is read like a labelled list.
A table with no header right after another one of as many columns continues it (a table
broken over pages). In rows: a blank action cell with other cells filled continues the
action above (a merged cell); a blank finding cell keeps the finding above; a row of one
cell is a section heading inside the table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graphmodel.model import FindingKind, OwnerRole
from loaders.documents.blocks import HIDDEN, Block, BlockKind, Row
from loaders.documents.cells import (
    date_in_sentence,
    dated,
    finding_title,
    month_first,
    totals_row,
)
from loaders.documents.context import Reading
from loaders.documents.findings import FindingRec, kind_of, refs_in_text
from loaders.documents.headers import (
    group_rows,
    header_row,
    sub_header,
    titled_tables,
    under_header,
)
from loaders.documents.labelled import action_start, label_of
from loaders.documents.layouts import (
    BoardField,
    BoardRow,
    board_columns,
    counts_table,
    due_order,
    earlier_ratings,
    history_table,
    outline_tops,
    post_columns,
    raci_columns,
    raci_role,
    risk_register,
)
from loaders.documents.lists import SHORT_FORM, key_entry
from loaders.documents.readers.sheet import SHEET_PLACE
from loaders.documents.records import ActionRec, Note
from loaders.documents.refs import (
    action_texts,
    leading_ref,
    merged_ref_columns,
    prerequisite_refs,
    ref_column_note,
    starts_with_refs,
)
from loaders.documents.roles import (
    RAG_WORDS,
    Role,
    content_role,
    header_key,
    named_other,
    role_of_header,
    roles_of,
)
from loaders.documents.sections import COLOURS
from loaders.documents.wording import plain_name
from loaders.names import ORGANISATION, guess_kind

__all__ = [
    "Grid",
    "done_status",
    "group_rows",
    "header_row",
    "people_columns",
    "sub_header",
    "titled_tables",
]

_ONE_REF = r"[A-Za-z]{0,4}[ -]?\d{1,2}[a-z]?"
_FINDING_REFS = re.compile(rf"^\s*{_ONE_REF}(?:\s*(?:[,;/&]|and)\s*{_ONE_REF})*\s*$")


_MILESTONE_ROW = re.compile(
    r"^\s*(?:milestone|sub-?task|checkpoint)\s*\d*\s*[:.–-]\s*(\S.*)$", re.I
)
"""A row under an action that is one of its milestones: ``Milestone: advertise the posts``."""

_INITIALS = (
    "initials",
    "initial",
    "abbreviation",
    "abbreviations",
    "acronym",
    "acronyms",
    "key",
    "code",
)
"""Headers of a column of initials in a key of people (``JB | Jo Bloggs | Head of SEND``)."""
_MEANS = ("meaning", "stands for", "full name", "description", "definition", "who", "owner")
"""Headers of what a key's initials stand for, besides a name (``Name and role``) or a post."""
_POSTS = ("role", "post", "job title", "title")
_SHORT_FORM = re.compile(rf"^{SHORT_FORM}$")
"""A key's initials or short form (:data:`lists.SHORT_FORM`): a table whose short column has
anything else (``AFI1``) is no key."""

_DETAIL = frozenset({"description", "detail", "details", "further detail", "more detail"})
"""Headers of a column describing the action another column names (``Task Name |
Description``)."""

_URGENCY = frozenset(
    {"high", "medium", "med", "low", "critical", "urgent", "normal", "h", "m", "l"}
    | {"important", "not urgent", "very high", "very low"}  # Planner: Urgent, Important
    | {"p1", "p2", "p3", "p4", "1", "2", "3", "4"}
)
"""What a ``Priority`` column holds when it rates urgency, not a workstream."""


_DONE_FLAG = re.compile(
    r"\s*(?:complete[d]?|done)\s*\??\s*(?:\(?\s*(?:y\s*/\s*n|yes\s*/\s*no)\s*\)?)?\s*", re.I
)
"""The header of a column saying whether the action is done: ``Complete?``, ``Done (Y/N)``
(not ``% complete``, a measure of progress)."""
_YES = re.compile(r"\s*(?:y|yes|true|done|complete[d]?|[xX✔✓☑✅])\s*\.?\s*", re.I)
_NO = re.compile(r"\s*(?:n|no|false|not\s+yet|[✗✘☐❌])\s*\.?\s*", re.I)


def done_status(text: str) -> str:
    """The status a cell of a ``Complete?`` column says: ``Complete`` for a yes (``Y``,
    ``Yes``, a tick), nothing for a no (the action is open, its progress not said); other
    words as written.

    >>> [done_status(t) for t in ("Yes", "✔", "No", "✗", "Partly")]
    ['Complete', 'Complete', '', '', 'Partly']
    """
    if _YES.fullmatch(text):
        return "Complete"
    if _NO.fullmatch(text):
        return ""
    return text


def people_columns(header: list[str]) -> tuple[int | None, int] | None:
    """(the initials column, the name column) of a table of people's header (``Name | Role |
    Organisation``) or of a key to initials (``Initials | Name | Role``, ``Initials | Name
    and role``, ``Abbreviation | Meaning``), the initials column None in a table of people;
    None when ``header`` is neither.

    >>> people_columns(["Initials", "Name and role"]), people_columns(["Name", "Role"])
    ((0, 1), (None, 0))
    >>> people_columns(["Ref", "Action", "Lead"]) is None
    True
    """
    keys = [c.casefold().strip() for c in header]
    short = next((i for i, k in enumerate(keys) if k in _INITIALS), None)
    named = 0 if keys and keys[0] in ("name", "names") else None
    if named is None and short is not None:
        named = next((i for i, k in enumerate(keys) if k in ("name", "names")), None)
    if named is None and short is not None:
        # "Initials | Name and role", "Abbreviation | Meaning", "Initials | Role"
        named = next(
            (
                i
                for i, k in enumerate(keys)
                if i != short and (k.startswith("name") or k in _MEANS or k in _POSTS)
            ),
            None,
        )
    if named is None or not (
        short is not None or any(k in (*_POSTS, "organisation") for k in keys)
    ):
        return None
    return short, named


class Grid:
    """Reads the tables of one document into the interpreter's records."""

    def __init__(self, interp: Reading) -> None:
        self.interp = interp
        self.roles: list[Role] | None = None
        self.kept: list[int] = []
        self.dues: list[int] = []
        """The due columns, the first to read a due from first (:func:`due_order`)."""
        self.done: set[int] = set()
        """Columns saying whether the action is done (``Complete?``): the status, a yes read
        as complete (:func:`done_status`)."""
        self.posts: dict[int, int] = {}
        """Owner columns -> the column of their posts (:func:`post_columns`)."""
        self.tops: set[int] = set()
        """Lines of the summary rows at the top of a project tool's outline
        (:func:`outline_tops`): each names the workstream of the rows under it."""
        self.raci: dict[int, str] = {}
        """The lettered columns of a RACI matrix beside an action's own columns -> the party
        each names (:func:`raci_columns`)."""
        self.periods: list[int] = []
        """Columns headed by periods in turn, ticked when the action is under way
        (:func:`_period_columns`)."""
        self.ticked: dict[int, str] = {}  # a column per finding, ticked where addressed
        """Columns no role was found for, whose cells are kept as the actions' notes."""
        self.header: list[str] = []
        self.finding: str | None = None
        self.objective = ""
        self.priority_cell = ""
        """The last priority cell of the table: a blank one under it is the same (merged)."""
        self.group_title = ""
        """The title of the group of rows the rows are in (a project tool's group)."""
        self.group_lines: set[int] = set()
        """Lines of the table's group title rows (:func:`group_rows`)."""
        self.sheets: dict[int, str] = {}
        """Table lines -> the name of their sheet, for a workbook with a sheet per workstream
        (:func:`~loaders.documents.headers.sheet_workstreams`), found before the walk."""
        self.titles: set[int] = set()
        """Lines of the title rows naming their table's workstream (:func:`titled_tables`),
        found before the walk."""
        self.boards: list[BoardRow] = []
        """The rows of the document's governance tables."""
        self.last: ActionRec | None = None
        self.last_indent = 0
        """The indent of the last action's row: a row indented further is its milestone."""
        self.last_cells = ("", "")
        """The ref and action cells of the last action's row, as written."""
        self.group = 0
        """The table group rows are in: merged owner cells do not reach across groups."""
        self.split_refs = False
        """Whether the actions of the table start with their refs, to be split off
        (:func:`~loaders.documents.refs.starts_with_refs`)."""

    def new_group(self) -> None:
        """A heading, header, section or finding row: a new group of rows."""
        self.group += 1

    def table(self, block: Block, follows_table: bool) -> None:
        rows = block.rows
        if not rows:
            return
        if all(r.aside == HIDDEN for r in rows):
            # a hidden sheet: set aside by its keeper; its rows are left unplaced
            self.interp.notes.append(
                Note(
                    rows[0].line,
                    block.place,
                    rows[0].text,
                    "a hidden sheet, not drafted: unhide it if its rows are live actions",
                )
            )
            self.roles, self.last = None, None
            return
        k = header_row(rows)
        head = rows[k if k is not None else 0]
        cut = next(
            (i for i in range(rows.index(head) + 1, len(rows)) if _other_table(rows[i].cells)),
            None,
        )
        if cut is not None:
            # a risk register, a version log or a governance table under the rows on the
            # same sheet: a table of its own
            self.table(
                Block(BlockKind.TABLE, line=rows[0].line, place=block.place, rows=rows[:cut]),
                follows_table,
            )
            self.table(
                Block(BlockKind.TABLE, line=rows[cut].line, place=block.place, rows=rows[cut:]),
                True,
            )
            return
        if self._boards(rows, k if k is not None else 0):
            return
        if history_table(head.cells):
            self._not_actions(head, "a version log: the document's history")
            return
        if risk_register(head.cells):
            self._not_actions(head, "a risk register: risks to the plan")
            return
        if raci_columns(head.cells, [r.cells for r in rows[rows.index(head) + 1 :]]) and not (
            {Role.OWNER, Role.DUE, Role.STATUS} & set(roles_of(head.cells))
        ):
            self._not_actions(head, "a RACI matrix: who is responsible for what")
            return
        width = max(len(r.cells) for r in rows)
        if (
            k is None
            and self.roles is not None
            and not block.place.startswith(SHEET_PLACE)  # a sheet is a table of its own
            and (follows_table or width == len(self.roles))
            and all(len(r.cells) <= len(self.roles) + 1 for r in rows)
            and width >= 3
        ):
            # the table above, continued over a page or after a heading without its header
            body = rows
        elif k is None and self._people(rows[0], rows[1:]):
            self.interp.used.add(rows[0].line)  # "Initials | Name and role": a key
            return
        elif k is None:
            self._headerless(block)
            return
        else:
            self.group_lines = group_rows(rows, k)
            self.group_title = ""
            finding = None
            for i, row in enumerate(rows[:k]):
                title = " ".join(c for c in row.cells if c)
                if row.line in self.titles and self.interp.section_text(title, row.line, row.place):
                    continue  # "Priority 2: ..." over the table
                label = label_of(title)
                if label is not None and label[0] is Role.PRIORITY and label[1]:
                    self.group_title = label[1]  # "Workstream: EHC plans" over the table
                    self.interp.used.add(row.line)
                    continue
                if row.line in self.group_lines or row.line in self.titles:
                    self.group_title = title  # a group's, a sheet's or a table's workstream
                    self.interp.used.add(row.line)
                elif (
                    i == k - 1
                    and finding_title(row.cells)
                    and not self.interp.section_text(title, row.line, row.place)
                ):
                    finding = self._finding_row(title, row.line)
                else:
                    self.interp.loose_text(row.text, row.line, row.place)
            if not self.group_title and block.line in self.sheets:
                self.group_title = self.sheets[block.line]  # the sheet's name: its workstream
            self.header = rows[k].cells
            self.interp.used.add(rows[k].line)
            first = k + 1
            if first < len(rows) and sub_header(self.header, rows[first].cells):
                # "Timescale" merged over "Start | End": the lower row names the columns
                self.header = under_header(self.header, rows[first].cells)
                self.interp.used.add(rows[first].line)
                first += 1
            self.roles = self._roles(self.header, rows[first:], rows[k])
            self.finding, self.last, self.objective, self.priority_cell = finding, None, "", ""
            self.new_group()
            body = rows[first:]
        roles = self.roles
        assert roles is not None
        body = self._month_first(body, roles)
        if k is not None and counts_table(body, roles):
            self._not_actions(rows[k], "a summary of counts (a dashboard)")
            return
        if self._people(rows[k] if k is not None else None, body):
            return
        if Role.ACTION not in roles and Role.FINDING in roles:
            self._findings(body, roles)
            return
        at = [i for i, role in enumerate(roles) if role is Role.ACTION]
        texts = action_texts([r.cells for r in body], at, self.header)
        self.split_refs = starts_with_refs(texts)
        if k is not None:
            self.tops = {body[n].line for n in outline_tops(self.header, [r.cells for r in body])}
        at_row: dict[int, ActionRec] = {}
        for n, row in enumerate(body, start=1):
            self._row(row, roles)
            if self.last is not None:
                at_row[n] = self.last
        by_row = Role.DEPENDS in roles and Role.REF not in roles and not self.split_refs
        if k is not None and by_row:
            self._prerequisites_by_row(at_row)

    def _month_first(self, body: list[Row], roles: list[Role]) -> list[Row]:
        """``body`` with the dates of its due and start columns as ISO days when they are
        written month first (:func:`~loaders.documents.cells.month_first`), said in the
        review; else ``body`` as it is."""
        at = [i for i, role in enumerate(roles) if role in (Role.DUE, Role.START)]
        days = month_first([r.cells[i] for r in body for i in at if i < len(r.cells)])
        if not days:
            return body
        written, day = next(iter(days.items()))
        self.interp.notes.append(
            Note(
                body[0].line,
                body[0].place,
                written,
                f"the dates are written month first, as US exports write them ({written!r} read"
                f" as {day}); check them",
            )
        )
        return [  # the row as it was (hidden, indented), its dates read
            replace(
                r, cells=[days.get(c.strip(), c) if i in at else c for i, c in enumerate(r.cells)]
            )
            for r in body
        ]

    def _not_actions(self, head: Row, what: str) -> None:
        """A table that is not an action table (``what`` it is): its rows stay unplaced, for
        the plan's note and the review."""
        self.interp.notes.append(
            Note(
                head.line,
                head.place,
                head.text,
                f"{what}, not actions (its rows are kept in the plan's note)",
            )
        )
        self.roles, self.last = None, None

    # -- header ----------------------------------------------------------------------
    def _roles(self, header: list[str], body: list[Row], row: Row) -> list[Role]:
        roles = [role_of_header(h) for h in header]
        for i in merged_ref_columns(header, [r.cells for r in body]):
            roles[i] = Role.REF
            self.interp.notes.append(
                Note(row.line, row.place, header[i], ref_column_note(header[i]))
            )
        self.raci = raci_columns(
            [h if role is Role.OTHER else "" for h, role in zip(header, roles, strict=False)],
            [r.cells for r in body],
        )
        for party in self.raci.values():
            self.interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    party,
                    f"column {party!r} read as a RACI column: {party} owns the actions lettered"
                    " R (responsible) or A (accountable) and is involved in those lettered C or I",
                )
            )
        for i, role in enumerate(roles):
            if i in self.raci:
                continue
            if role is Role.OTHER and header[i].strip() and not named_other(header[i]):
                cells = [r.cells[i] if i < len(r.cells) else "" for r in body]
                guess = content_role(cells, self.interp.is_name)
                if guess is Role.REF and Role.ACTION in roles[:i]:
                    guess = None  # short codes after the action ("80d", "2/3"): not its ref
                # ratings under dated headers ("Sept 2024 | Dec 2024" over RAG words): all
                # read as ratings, the latest the status (earlier_ratings below)
                rated = guess is Role.STATUS and all(
                    dated(header[j]) for j, r in enumerate(roles) if r is guess or j == i
                )
                if guess is not None and (guess not in roles or rated):
                    roles[i] = guess
                    self.interp.notes.append(
                        Note(
                            row.line,
                            row.place,
                            header[i],
                            f"column {header[i]!r} read as {guess.value} from its cells",
                        )
                    )
        urgency: set[int] = set()
        for i, role in enumerate(roles):
            cells = [r.cells[i].strip().casefold() for r in body if i < len(r.cells)]
            filled = [c for c in cells if c]
            if (
                role is Role.PRIORITY
                and filled
                and sum(c in _URGENCY for c in filled) >= 0.8 * len(filled)
            ):
                # "Priority: High / Medium / Low" rates urgency; it names no workstream
                roles[i] = Role.OTHER
                urgency.add(i)
        details = [
            i
            for i, role in enumerate(roles)
            if role is Role.ACTION and header_key(header[i]) in _DETAIL
        ]
        if details and len(details) < roles.count(Role.ACTION):
            # "Task Name | Description" (Planner): the task is the action; its description a
            # note
            for i in details:
                roles[i] = Role.OTHER
        if Role.ACTION not in roles:
            lengths = [
                (sum(len(r.cells[i]) for r in body if i < len(r.cells)), i)
                for i, role in enumerate(roles)
                if role in (Role.OTHER, Role.OBJECTIVE, Role.NOTES)
            ]
            actions_table = bool({Role.OWNER, Role.DUE, Role.STATUS} & set(roles))
            if lengths and (Role.FINDING not in roles or actions_table):
                i = max(lengths)[1]
                roles[i] = Role.ACTION
                self.interp.notes.append(
                    Note(
                        row.line,
                        row.place,
                        header[i],
                        f"no action column named: column {header[i]!r} read as the actions",
                    )
                )
        earlier = earlier_ratings(header, roles)
        for i in earlier:
            roles[i] = Role.OTHER
        self.periods = _period_columns(header, roles, body)
        for i in self.periods:
            roles[i] = Role.OTHER
        if self.periods:
            named = " | ".join(header[i].strip() for i in self.periods)
            self.interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    named,
                    f"columns {named!r} read as a timeline: an action starts in the first"
                    " period ticked and is due by the end of the last",
                )
            )
        self.ticked = _tick_columns(header, roles, body)
        for named in self.ticked.values():
            self.interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    named,
                    f"column {named!r} read as a finding: a"
                    " tick in it means the action addresses it",
                )
            )
        self.done = set()
        if Role.STATUS not in roles:
            # "Complete?", "Done (Y/N)": whether the action is done, its only status
            self.done = {i for i, h in enumerate(header) if _DONE_FLAG.fullmatch(h)}
            for i in self.done:
                roles[i] = Role.STATUS
        self.dues = due_order(header, roles)
        self.posts = post_columns(header, roles)
        self.kept = []
        for i, role in enumerate(roles):
            if i in self.ticked or i in self.raci or i in self.periods:
                continue
            if role is Role.OTHER and any(i < len(r.cells) and r.cells[i] for r in body):
                self.kept.append(i)
                what = f"column {header[i]!r}" if header[i].strip() else f"unnamed column {i + 1}"
                why = (
                    f"is an earlier rating than {header[earlier[i]]!r}, the status"
                    if i in earlier
                    else "rates urgency, it names no workstream"
                    if i in urgency
                    else "describes the action another column names"
                    if i in details
                    else "is the tracker's own record, not the action's"
                    if named_other(header[i])
                    else "is no column actiongraph knows"
                )
                self.interp.notes.append(
                    Note(
                        row.line,
                        row.place,
                        header[i],
                        f"{what} {why}: its cells are kept as notes on the actions; move "
                        "them where they belong",
                    )
                )
        return roles

    def _prerequisites_by_row(self, at_row: dict[int, ActionRec]) -> None:
        """A dependency column of a table with no ref column names rows by their number, as
        project tools export it (Smartsheet, MS Project: ``2``, ``3FS``, ``2SS+1d``; the
        first row under the header is 1): each such cell names the actions of those rows."""
        for rec in {id(rec): rec for rec in at_row.values()}.values():
            for cell in list(rec.depends):
                refs = prerequisite_refs(cell)
                if refs is None or not all(r.isdigit() for r in refs):
                    continue
                targets = [at_row.get(int(r)) for r in refs]
                rec.depends.remove(cell)
                for r, target in zip(refs, targets, strict=True):
                    if target is None or target is rec:
                        self.interp.notes.append(
                            Note(
                                rec.line,
                                rec.place,
                                cell,
                                f"predecessor row {r} of {rec.text!r} holds no action",
                            )
                        )
                    elif all(target is not other for other in rec.prerequisites):
                        rec.prerequisites.append(target)

    def _ticked_finding(self, named: str, line: int) -> str:
        """The finding a ticked column names (``AoW1``, ``W2: Joint commissioning``): the one
        the document lists, else one made from the header, as written."""
        token, _, text = named.partition(":")
        found = self.interp.findings.by_token(token.strip())
        if found is None:
            rec = FindingRec("", FindingKind.AREA_FOR_IMPROVEMENT, text.strip() or named, line)
            rec.number = token.strip().replace(" ", "")
            found = self.interp.findings.add(rec, line)
            found.from_table = True
        return found.ref

    def _finding_row(self, text: str, line: int) -> str:
        """The ref of the finding a row across a table names (added unless listed before)."""
        text = re.sub(r"^\s*\d{1,2}[.)]\s+", "", text)
        found = self.interp.findings.like(text, 0.6)
        if found is None:
            kind = kind_of(text) or self.interp.scope_kind or FindingKind.AREA_FOR_IMPROVEMENT
            found = self.interp.findings.add(FindingRec("", kind, text, line), line)
        self.interp.used.add(line)
        return found.ref

    # -- tables that are not action tables -------------------------------------------
    def _boards(self, rows: list[Row], k: int) -> bool:
        """A governance table (:func:`board_columns`): its rows are boards, not actions."""
        columns = board_columns(rows[k].cells)
        if columns is None:
            return False
        for row in rows[:k]:
            self.interp.loose_text(row.text, row.line, row.place)
        self.interp.used.add(rows[k].line)
        for row in rows[k + 1 :]:
            cells = {f: row.cells[i].strip() for f, i in columns.items() if i < len(row.cells)}
            if cells.get(BoardField.BOARD):
                self.boards.append(BoardRow(row.line, row.place, row.text, cells))
                self.interp.used.add(row.line)
            else:
                self.interp.loose_text(row.text, row.line, row.place)
        self.roles, self.last = None, None
        return True

    def _headerless(self, block: Block) -> None:
        rows = block.rows
        firsts = [r.cells[0] for r in rows if r.cells and r.cells[0]]
        labels = sum(
            1
            for c in firsts
            if label_of(f"{c.rstrip(':')}: x") or action_start(f"{c.rstrip(':')}: x")
        )
        if len(rows) >= 2 and labels >= 0.6 * len(firsts) and max(len(r.cells) for r in rows) <= 3:
            for r in rows:
                label = r.cells[0].rstrip(": ") if r.cells else ""
                value = "; ".join(c for c in r.cells[1:] if c)
                self.interp.text(f"{label}: {value}" if label else value, r.line, r.place)
            return
        for r in rows:
            self.interp.loose_text(
                r.text
                if len([c for c in r.cells if c]) > 1
                else next((c for c in r.cells if c), ""),
                r.line,
                r.place,
            )

    def _people(self, header: Row | None, body: list[Row]) -> bool:
        """A table of people (``Name | Role | Organisation``), also a key to the initials
        owner cells use (``Initials | Name | Role``, ``Initials | Name and role``): read into
        the directory, no actions. A key's entry that is no person (a post, an organisation)
        is kept in :attr:`~loaders.documents.context.Reading.short_forms`."""
        if header is None:
            return False
        keys = [c.casefold().strip() for c in header.cells]
        columns = people_columns(header.cells)
        if columns is None:
            return False
        short, named = columns
        if short is not None and not all(
            _SHORT_FORM.match(value)
            for row in body
            if (value := (row.cells[short] if short < len(row.cells) else "").strip())
        ):
            return False  # "Code | Description" of findings (AFI1): no key to initials
        for row in body:
            cells = [*row.cells, "", "", ""]
            post = next((cells[i] for i, k in enumerate(keys) if k in _POSTS and i != named), "")
            org = next((cells[i] for i, k in enumerate(keys) if k == "organisation"), "")
            value = cells[named].strip()
            held = ", ".join(p for p in (value, post, org) if p.strip())
            if (
                short is not None
                and cells[short].strip()
                and value
                and (not (post or org) or not plain_name(value.split()))
            ):
                # "JB | Jo Bloggs, Head of SEND"; "DCO | Designated Clinical Officer | NHS
                # ICB": a post (and its employer) the initials stand for
                key_entry(self.interp, cells[short].strip(), held)
                self.interp.used.add(row.line)
                continue
            if post and not org and "," in post:  # "Head of SEND, Ashby Council"
                head, _, tail = post.rpartition(",")
                if guess_kind(tail.strip()) == ORGANISATION:
                    post, org = head.strip(), tail.strip()
            name = cells[named]
            if name:
                self.interp.people.append((name, post or None, org or None))
                if short is not None and cells[short].strip():
                    self.interp.initials[cells[short].strip()] = name
                self.interp.used.add(row.line)
        # the header's columns were read as an action table's first: not what this table is
        self.interp.notes[:] = [n for n in self.interp.notes if n.line != header.line]
        return True

    def _findings(self, body: list[Row], roles: list[Role]) -> None:
        header_kind = next((kind_of(h) for h in self.header if kind_of(h)), None)
        for row in body:
            get = self._getter(row.cells, roles)
            text = get(Role.FINDING)
            if not text:
                self.interp.loose_text(row.text, row.line, row.place)
                continue
            number = get(Role.REF) or None
            kind = header_kind or kind_of(text) or FindingKind.AREA_FOR_IMPROVEMENT
            rec = FindingRec("", kind, text, row.line, number.strip(" .") if number else None)
            self.interp.findings.add(rec, row.line)
            self.interp.used.add(row.line)

    # -- rows ------------------------------------------------------------------------
    def _getter(self, cells: list[str], roles: list[Role]):  # type: ignore[no-untyped-def]
        """The text of a row's cells in a role: joined with ``;``; a name and the post
        beside it as ``Name, Post``; of several due columns, the first of
        :func:`~loaders.documents.layouts.due_order` holding a date."""
        posts, dues, done = self.posts, self.dues, self.done

        def cell(i: int) -> str:
            text = cells[i] if i < len(cells) else ""
            return done_status(text) if i in done else text

        def get(role: Role) -> str:
            if role is Role.DUE and len(dues) > 1:
                written = [cell(i) for i in dues if cell(i)]
                return next((c for c in written if dated(c)), written[0] if written else "")
            parts = []
            for i, r in enumerate(roles):
                if r is not role or not cell(i) or i in posts.values():
                    continue
                post = cell(posts[i]) if i in posts else ""
                parts.append(f"{cell(i)}, {post}" if post and ";" not in cell(i) else cell(i))
            for i, j in posts.items():  # a post with no name beside it: the post's holder
                if roles[j] is role and cell(j) and not cell(i):
                    parts.append(cell(j))
            return "; ".join(parts)

        return get

    def _row(self, row: Row, roles: list[Role]) -> None:
        interp = self.interp
        cells = row.cells
        if [c.casefold() for c in cells] == [h.casefold() for h in self.header]:
            interp.used.add(row.line)  # the header repeated after a page break
            return
        filled = [c for c in cells if c]
        if not filled:
            return
        if row.aside:
            # set aside by the document's keeper (hidden, filtered out, struck through): not
            # drafted, and left unplaced so the review lists it
            interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    row.text,
                    f"a {row.aside} row, not drafted: restore it if it is a live action",
                )
            )
            return
        first = next(i for i, c in enumerate(cells) if c)
        if all(_REMARK.fullmatch(c.strip()) for c in filled) or (
            len(filled) == 2
            and filled[0].strip().casefold() in COLOURS
            and (first >= len(roles) or roles[first] is not Role.STATUS)
        ):
            # "(select) | (dd/mm/yyyy)" under the header: how to fill the columns; "Blue |
            # Complete" under the rows: the colour key (read with the status scale). No action
            interp.loose_text(row.text, row.line, row.place)
            return
        if totals_row(cells):
            # "Total | 3 actions | | 1 G, 1 A, 1 R" under the rows: it counts them, no action
            # (left unplaced, so the review lists it)
            interp.notes.append(
                Note(row.line, row.place, row.text, "a totals row: it sums up the rows above")
            )
            self.last = None
            return
        get = self._getter(cells, roles)
        if row.line in self.group_lines:  # a group's title over its header repeated
            self.group_title, self.last = filled[0], None
            self.new_group()
            interp.used.add(row.line)
            return
        lone = len(filled) == 1 and len(roles) >= 3 and not get(Role.OWNER) and not get(Role.DUE)
        if lone and interp.section_text(filled[0], row.line, row.place):
            self.finding, self.last = None, None
            self.new_group()
            return
        if (
            lone
            and Role.FINDING not in roles
            and len(filled[0].split()) >= 6
            and not (self.last is not None and filled[0][:1].islower())
        ):
            # a row across the table naming what the rows below answer
            self.finding, self.last = self._finding_row(filled[0], row.line), None
            self.new_group()
            return
        if row.line in self.tops and get(Role.ACTION):
            # a summary task over its tasks (Outline Level 1 over 2): their workstream
            self.group_title, self.priority_cell = get(Role.ACTION), ""
            self.finding, self.last = None, None
            self.new_group()
            interp.used.add(row.line)
            interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    row.text,
                    "a summary row at the top of the outline read as the workstream of the"
                    " rows under it",
                )
            )
            return
        if (
            not lone
            and get(Role.ACTION)
            and not any(get(r) for r in (Role.OWNER, Role.ACCOUNTABLE, Role.INVOLVED))
            and interp.section_text(get(Role.ACTION), row.line, row.place)
        ):
            # a project tool's summary row ("Priority 1: …" over its tasks): its dates and
            # status sum up the rows under it
            self.finding, self.last = None, None
            self.new_group()
            interp.notes.append(
                Note(
                    row.line,
                    row.place,
                    row.text,
                    "a summary row read as a section: its actions are the rows under it",
                )
            )
            return
        finding_cell = get(Role.FINDING)
        links: list[str] = []
        pending: list[str] = []
        if finding_cell:
            if _FINDING_REFS.match(finding_cell):
                for token in re.split(r"\s*(?:[,;/&]|\band\b)\s*", finding_cell):
                    found = interp.findings.by_token(token)
                    if found is not None:
                        links.append(found.ref)
                    elif token.strip():
                        pending.append(token.strip())
            else:
                found = interp.findings.like(finding_cell, 0.5)
                if found is None:
                    kind = kind_of(finding_cell) or FindingKind.AREA_FOR_IMPROVEMENT
                    found = interp.findings.add(
                        FindingRec("", kind, finding_cell, row.line), row.line
                    )
                    found.from_table = True
                if found.ref != self.finding:
                    self.new_group()
                self.finding = found.ref
        for i, named in self.ticked.items():
            if i < len(cells) and _TICK.fullmatch(cells[i].strip()):
                links.append(self._ticked_finding(named, row.line))
        action = get(Role.ACTION)
        ref = get(Role.REF)
        ref_cell, action_cell = ref, action
        if not action:
            if finding_cell and not any(get(r) for r in (Role.OWNER, Role.DUE)):
                interp.used.add(row.line)
                return
            if self.last is not None:
                self._continue(self.last, row, get)
                return
            interp.loose_text(row.text, row.line, row.place)
            return
        if self.last is not None and (ref, action) == self.last_cells:
            # the ref and action cells merged down over this row (Word and web pages repeat a
            # merged cell in each row): more of the same action, a milestone row perhaps
            self._continue(self.last, row, get)
            return
        milestone = _MILESTONE_ROW.match(action)
        if self.last is not None and not ref and (milestone or row.indent > self.last_indent):
            # "Milestone: advertise the posts | | Nov-24 | Complete" under the action, or a
            # row indented under it (a spreadsheet's cell indent)
            text = milestone.group(1) if milestone else action
            self.last.milestones.append((text, get(Role.DUE), get(Role.STATUS)))
            self.last.lines.append(row.line)
            interp.used.add(row.line)
            return
        sub = leading_ref(action) if self.last is not None and not ref else None
        bullet = _BULLET.match(action) if self.last is not None and not ref else None
        if self.last is not None and (
            (sub is not None and _sub_ref(sub[0], self.last.ref or ""))
            or (bullet is not None and Role.REF in roles and self.last.ref)
        ):
            # "1.2a Agree the panel's terms | | Apr-25 | Green" or "• Agree ..." under action
            # 1.2, its ref cell blank: a milestone of 1.2
            text = bullet.group(1) if bullet is not None else action
            self.last.milestones.append((text, get(Role.DUE), get(Role.STATUS)))
            self.last.lines.append(row.line)
            interp.used.add(row.line)
            return
        if (
            self.last is not None
            and not ref
            and Role.REF in roles
            and self.last.ref
            and not (get(Role.OWNER) or get(Role.DUE))
        ):
            self._continue(self.last, row, get, join_action=True)
            return
        start = action_start(action)
        if start is not None and start[0]:
            ref, action = ref or start[0], start[1]
        lead = leading_ref(action) if self.split_refs and not ref else None
        if lead is not None:
            ref, action = lead
        written, action = refs_in_text(action)
        for token in written:
            found = interp.findings.by_token(token)
            if found is not None and found.ref not in links:
                links.append(found.ref)
            elif found is None:
                pending.append(token)
        rec = interp.new_action(action, row.line, row.place, ref=ref.strip(" .") or None)
        if Role.OWNER in roles:
            rec.group = self.group
        rec.refs += pending
        if not links and not pending and self.finding:
            links.append(self.finding)
        if (pending and not links) or (links and (Role.FINDING in roles or self.ticked)):
            rec.findings = []  # the row names its findings; the heading's is not one of them
        for link in links:
            if link not in rec.findings:
                rec.findings.append(link)
        self._fill(rec, get, row.cells)
        if get(Role.PRIORITY):
            self.priority_cell = get(Role.PRIORITY)
        priority = self.priority_cell or self.group_title
        if priority:  # a blank priority cell under a named one: the same (merged down)
            interp.priority_named(priority, rec, row.line)
        self.last, self.last_indent, self.last_cells = rec, row.indent, (ref_cell, action_cell)

    def _fill(self, rec: ActionRec, get, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
        for role, owner_role in (
            (Role.OWNER, OwnerRole.RESPONSIBLE),
            (Role.ACCOUNTABLE, OwnerRole.ACCOUNTABLE),
            (Role.INVOLVED, OwnerRole.INVOLVED),
        ):
            if get(role):
                rec.owners.append((get(role), owner_role))
        for i, party in self.raci.items():
            lettered = raci_role(cells[i]) if i < len(cells) else None
            if lettered is not None:
                rec.owners.append((party, lettered))
        due = get(Role.DUE)
        rec.due = _join(rec.due, due)
        ticked = [self.header[i].strip() for i in self.periods if _ticked(cells, i)]
        if ticked:  # a timeline's ticks: from the first period ticked to the last
            rec.start = rec.start or ticked[0]
            rec.due = rec.due if due else ticked[-1]
        for i in sorted(self.dues) if len(self.dues) > 1 else []:
            # the due columns not read: kept as notes ("Original target date: Dec-24")
            text = cells[i] if i < len(cells) else ""
            if text and text != due and i < len(self.header):
                rec.notes.append(f"{self.header[i].strip()}: {text}")
        rec.start = _join(rec.start, get(Role.START))
        rec.status = _join(rec.status, get(Role.STATUS))
        if get(Role.MEASURE):
            rec.measures.append(get(Role.MEASURE))
        rec.baseline = _join(rec.baseline, get(Role.BASELINE))
        rec.target = _join(rec.target, get(Role.TARGET))
        rec.resource = _join(rec.resource, get(Role.RESOURCE))
        rec.milestones += _steps(get(Role.MILESTONE))
        if get(Role.DEPENDS):
            rec.depends.append(get(Role.DEPENDS))
        if get(Role.OBJECTIVE):
            self.objective = get(Role.OBJECTIVE)
        if self.objective and not rec.objective:
            rec.objective = self.objective  # a blank objective cell: the one above (merged)
        if get(Role.NOTES):
            rec.notes.append(f"Update: {get(Role.NOTES)}")
        for i in self.kept:  # columns no role was found for: kept, never dropped
            text = cells[i] if i < len(cells) else ""
            if text and text not in rec.notes:
                label = self.header[i].strip() if i < len(self.header) else ""
                rec.notes.append(f"{label}: {text}" if label else text)

    def _continue(self, rec: ActionRec, row: Row, get, join_action: bool = False) -> None:  # type: ignore[no-untyped-def]
        if join_action and get(Role.ACTION):
            rec.text = _join(rec.text, get(Role.ACTION))
        if get(Role.MILESTONE):
            # a milestone row of the action above: the action is due when its last one is
            when, status = get(Role.DUE), get(Role.STATUS)
            steps = _steps(get(Role.MILESTONE))
            if len(rec.milestones) == 1 and rec.milestones[0][1:] == ("", ""):
                # the first milestone, on the action's own row: that row's date and status
                rec.milestones[0] = (rec.milestones[0][0], rec.due, rec.status)
            rec.milestones += [(t, d or when, s or status) for t, d, s in steps]
            rec.due = when or rec.due
            rec.lines.append(row.line)
            self.interp.used.add(row.line)
            return
        before = list(rec.owners)
        self._fill(rec, get, row.cells)
        if rec.owners != before and len(rec.owners) > len(before):
            # an owner cell merged over rows: the parts are one cell
            merged = [o for o in rec.owners if o not in before]
            rec.owners = before + merged
        rec.lines.append(row.line)
        self.interp.used.add(row.line)


_TICK = re.compile(r"[✓✔✅☑xX•●*]|y(?:es)?|Y(?:ES|es)?|true|TRUE")
"""A tick in a matrix cell: the action addresses that column's finding."""
_TICK_HEADER = re.compile(
    rf"^\s*(?:{_ONE_REF}|(?:area\s+(?:of|for)\s+\w+|weakness|aow|afi|asw|sw)\s*\d{{1,2}})"
    r"\s*(?::.*)?$",
    re.I,
)


_JOINS = " .,:;()[]-–—"
"""What may join a step's text to its date (``Backlog halved – Oct 2024``, ``Template in use
(Dec 2024)``)."""


def _steps(cell: str) -> list[tuple[str, str, str]]:
    """The steps a milestones cell lists, each (text, due, status): one per paragraph (or
    row of a table inside the cell, its cells joined with ``|``), its date and status from
    its own cells or written before or after its text; a table's header (``Milestone |
    Date``) is none.

    >>> _steps("Milestone | Date; Backlog halved | Oct 2024; Backlog cleared | Mar 2025")
    [('Backlog halved', 'Oct 2024', ''), ('Backlog cleared', 'Mar 2025', '')]
    >>> for step in _steps("Panel agreed (Sept 2024); by March 2025 all plans audited; Report"):
    ...     print(step)
    ('Panel agreed', 'Sept 2024', '')
    ('all plans audited', 'by March 2025', '')
    ('Report', '', '')
    """
    out = []
    for part in re.split(r"\s*[;\n]\s*", cell):
        pieces = [p.strip() for p in part.split("|") if p.strip()]
        due = next((p for p in pieces if dated(p)), "")
        status = next((p for p in pieces if p.casefold().strip(" .") in RAG_WORDS), "")
        if not (due or status) and len(pieces) > 1 and Role.OTHER not in roles_of(pieces):
            continue  # the header of a table in the cell
        text = " ".join(p for p in pieces if p not in (due, status))
        if not due and len(pieces) == 1 and (when := date_in_sentence(text)) is not None:
            # "Panel agreed (Sept 2024)", "March 2025: all plans audited": the date is cut
            # off; "Audit all plans by March 2025 and report": it stays in the text too
            due, bare = when, text.strip(_JOINS)
            if bare.endswith(when) or bare.startswith(when):
                text = bare.removesuffix(when).removeprefix(when).strip(_JOINS)
        if text:
            out.append((text, due, status))
    return out


def _ticked(cells: list[str], i: int) -> bool:
    return i < len(cells) and bool(_TICK.fullmatch(cells[i].strip()))


def _period_columns(header: list[str], roles: list[Role], body: list[Row]) -> list[int]:
    """Two or more columns side by side headed by dated periods (``Q1 2024/25 | Q2
    2024/25``, ``Apr-25 | May-25``) that hold only ticks and blanks, with a tick: a
    timeline of when each action is under way.

    >>> rows = [Row(["Hire", "✓", "✓", ""], 2, ""), Row(["Train", "", "X", "X"], 3, "")]
    >>> _period_columns(["Action", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25"],
    ...     [Role.ACTION, Role.OTHER, Role.OTHER, Role.OTHER], rows)
    [1, 2, 3]
    """
    found = [
        i
        for i, role in enumerate(roles)
        if role in (Role.OTHER, Role.DUE)
        and dated(header[i])
        and len(header[i].split()) <= 3
        and all(not r.cells[i].strip() or _ticked(r.cells, i) for r in body if i < len(r.cells))
    ]
    ticks = any(_ticked(r.cells, i) for r in body for i in found)
    return found if len(found) >= 2 and ticks else []


def _tick_columns(header: list[str], roles: list[Role], body: list[Row]) -> dict[int, str]:
    """Columns headed by a finding's ref (``AoW1``, ``Weakness 2``, ``W3: Joint
    commissioning``) that hold only ticks and blanks, at least one tick: a matrix of which
    action addresses which finding (column -> its header)."""
    found: dict[int, str] = {}
    for i, role in enumerate(roles):
        if role is not Role.OTHER or not _TICK_HEADER.match(header[i]) or not header[i].strip():
            continue
        cells = [r.cells[i].strip() for r in body if i < len(r.cells)]
        filled = [c for c in cells if c]
        if filled and all(_TICK.fullmatch(c) for c in filled):
            found[i] = header[i].strip()
    return found


def _sub_ref(ref: str, parent: str) -> bool:
    """Whether ``ref`` numbers a part of the action ``parent`` (``1.2a``, ``1.2.1``,
    ``1.2(a)`` of ``1.2``).

    >>> [_sub_ref(r, "1.2") for r in ("1.2a", "1.2.1", "1.2(b)", "1.3", "1.21", "1.2")]
    [True, True, True, False, False, False]
    """
    rest = ref[len(parent) :] if parent and ref.startswith(parent) else ""
    return bool(re.fullmatch(r"\.?[a-z]{1,2}|\.\d{1,2}|\(\w{1,4}\)", rest, re.I))


_BULLET = re.compile(r"^\s*(?:[-•–·▪►*o]|\(?[a-h]\)|\(?[ivx]{1,4}\))\s+(\S.*)$")
"""A bulleted line in a cell (``• Agree the terms``, ``a) Advertise``)."""
_REMARK = re.compile(r"\(.*\)|\[.*\]|<.*>")
"""A cell that is all a remark in brackets: ``(select)``, ``[dd/mm/yyyy]``, ``<choose>``."""


def _other_table(cells: list[str]) -> bool:
    """Whether ``cells`` head a table that is not an action table: a risk register, a version
    log, a governance table (:mod:`~loaders.documents.layouts`)."""
    return risk_register(cells) or history_table(cells) or board_columns(cells) is not None


def _join(a: str, b: str) -> str:
    if a and b:
        return a if b in a else f"{a} {b}"
    return a or b
