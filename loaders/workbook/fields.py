"""The plan workbook's columns: which model field each sheet and column holds, what kind of
cell it is, and the messages of workbook problems. Shared by reading and writing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphmodel.model import Cadence, FindingKind, OrganisationKind
from graphmodel.relations import COLLECTIONS, Item, Relation, relations_of
from graphmodel.schema import NodeKind
from loaders.names import ALL, BOARD, ORGANISATION, PERSON

__all__ = [
    "ALIASES",
    "CONTINUED",
    "DATE_COLUMNS",
    "ENUM_VALUES",
    "ENUM_WORDS",
    "FIELDS",
    "HELPER_COLUMNS",
    "INSPECTION",
    "MESSAGES",
    "NAMED",
    "ORDER",
    "PLAN_KEYS",
    "PLURAL",
    "REF_COLUMNS",
    "REQUIRED",
    "SHEETS",
    "TRACKER_SHEETS",
    "Cell",
    "Row",
    "Sheet",
    "Spec",
    "key_of",
]

Cell = str | int | float | bool | date | datetime | None
Row = tuple[int, list[Cell]]
Spec = list[tuple[str, str, str]]

SHEETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Findings": (("ref", "kind", "text", "parent_ref"), ("derived", "handled_by", "note")),
    "Priorities": (
        ("ref", "title", "outcome", "sponsor", "lead", "parent_rep", "reports_to"),
        ("delivery_partners", "addresses", "measures", "note"),
    ),
    "Objectives": ((), ("ref", "text", "priority_ref", "addresses", "measures", "note")),
    "Actions": (
        (
            *("ref", "priority_ref", "objective", "action", "owners", "start", "due", "status"),
            *("depends_on", "addresses", "measure", "baseline", "target", "parent_ref"),
        ),
        ("objective_ref", "measure_ref", "resource", "note"),
    ),
    "Measures": ((), ("ref", "text", "baseline", "target", "due", "note")),
    "People": (("name", "role", "organisation"), ("ref", "email", "aliases", "note")),
    "Organisations": ((), ("ref", "name", "kind", "aliases", "note")),
    "Boards": (
        ("name", "reports_to", "chair", "members"),
        ("ref", "deputy_chair", "cadence", "aliases", "note"),
    ),
}
"""Sheet -> (the contract's columns, extra columns), in the order they are written."""
CONTINUED = "(continued)"
"""The Plan sheet's key of a row that continues the text value above it after a line break:
how the xlsx writer puts a value longer than a cell. A blank key stays an error, so a stray
cell never joins the title."""
PLAN_KEYS = (
    ("area", "title", "published", "inspection_start", "inspection_end", "status_scale"),
    ("id", "source", "inspectorates", "report_published", "inspection_note", "note"),
)
"""Keys of the two-column Plan sheet (key, value): the contract's, then extra ones."""
INSPECTION = {"inspection_start": "start", "inspection_end": "end", "inspectorates": None}
INSPECTION |= {"report_published": None, "inspection_note": "note"}
ORDER = ("Plan", *SHEETS)
TRACKER_SHEETS = ("Coverage", "Overload", "Critical path", "Needs attention", "Lists")
"""Sheets the tracker (:mod:`loaders.tracker`) adds beside the plan: the audit, computed
again at every export, and the hidden lists behind its drop-downs. Reading ignores them."""
HELPER_COLUMNS = ("due_last_day",)
"""Hidden columns the tracker adds for its colour rules (the last day of the due period as
a true date); reading ignores them wherever they are."""
REQUIRED = {"Findings": ("ref", "kind", "text"), "Actions": ("ref", "action")}
REQUIRED |= {"Priorities": ("ref", "title"), "Objectives": ("ref", "text")}
REQUIRED |= {"Measures": ("ref", "text"), "Organisations": ("name",), "Boards": ("name",)}
ALIASES = {"leads": "lead", "parent_reps": "parent_rep", "owner": "owners", "post": "role"}
ALIASES |= {"member": "members", "measure_refs": "measure_ref", "organizations": "organisations"}
REF_COLUMNS = {"ref", "parent_ref", "priority_ref", "objective_ref", "measure_ref"}
REF_COLUMNS |= {"depends_on", "addresses", "measures"}
DATE_COLUMNS = {"start", "due", "published", "inspection_start", "inspection_end"}
DATE_COLUMNS |= {"report_published"}
ENUM_WORDS = {"afi": "area_for_improvement", "areas_for_improvement": "area_for_improvement"}
ENUM_WORDS |= {"la": "local_authority", "trust": "nhs_trust", "ccg": "icb"}
ENUM_WORDS |= {"pcf": "parent_carer_forum", "bimonthly": "bi_monthly", "annual": "annually"}
ENUM_VALUES = {e.value for kind in (FindingKind, OrganisationKind, Cadence) for e in kind}
NAMED: dict[str, tuple[str, ...]] = {
    "person": (PERSON,),
    "people": (PERSON,),
    "boards": (BOARD,),
    "org": (ORGANISATION,),
}
NAMED |= {"parties": ALL, "owners": ALL}
"""Kinds of name cells -> the party kinds they take; person and org hold one name."""
PLURAL = {kind: COLLECTIONS[NodeKind(kind)] for kind in ALL}


def relation_cell(r: Relation) -> str:
    """The kind of cell a relation is written in: ``owners``, ``parties``, ``links``, a name
    kind of :data:`NAMED` for people, an organisation or boards, else ``ref`` or ``refs``.

    >>> from graphmodel.relations import relation
    >>> relation_cell(relation(NodeKind.PRIORITY, "leads")), relation_cell(
    ...     relation(NodeKind.ACTION, "depends_on"))
    ('people', 'links')
    """
    if r.item is Item.OWNER:
        return "owners"
    if r.item is Item.PARTY:
        return "parties"
    if r.item is Item.LINK:
        return "links"
    named = _NAMED_CELL.get((r.target, r.many))
    if named is not None:
        return named
    return "refs" if r.many else "ref"


_NAMED_CELL = {(NodeKind.PERSON, False): "person", (NodeKind.PERSON, True): "people"}
_NAMED_CELL |= {(NodeKind.ORGANISATION, False): "org", (NodeKind.BOARD, True): "boards"}


def _spec(holder: NodeKind, text: str) -> Spec:
    """``"field:column=kind ..."``; the column defaults to the field, the kind to text -- or,
    for a relation of ``holder``, to its cell kind (:func:`relation_cell`), which the text
    must not state: the relation table is the one place that says what a field points at."""
    relations = {r.field: r for r in relations_of(holder)}
    out = []
    for word in text.split():
        name, _, kind = word.partition("=")
        name, _, column = name.partition(":")
        if name in relations:
            if kind:
                raise ValueError(f"{holder.value}.{name} is a relation: its kind is not stated")
            kind = relation_cell(relations[name])
        out.append((name, column or name, kind or "text"))
    return out


FIELDS: dict[str, tuple[str, Spec]] = {
    "Findings": (
        "findings",
        _spec(
            NodeKind.FINDING,
            "ref=ref kind=enum text parent:parent_ref derived=flag handled_by note",
        ),
    ),
    "Measures": (
        "measures",
        _spec(NodeKind.MEASURE, "ref=ref text baseline target due=period note"),
    ),
    "Priorities": (
        "priorities",
        _spec(
            NodeKind.PRIORITY,
            "ref=ref title outcome sponsor leads:lead parent_reps:parent_rep reports_to "
            "delivery_partners addresses measures note",
        ),
    ),
    "Objectives": (
        "objectives",
        _spec(NodeKind.OBJECTIVE, "ref=ref text priority:priority_ref addresses measures note"),
    ),
    "Actions": (
        "actions",
        _spec(
            NodeKind.ACTION,
            "ref=ref priority:priority_ref text:action owners start=period due=period status "
            "depends_on addresses resource note",
        ),
    ),
    "Milestones": (
        "milestones",
        _spec(NodeKind.MILESTONE, "ref=ref text:action due=period status note"),
    ),
    "Organisations": (
        "organisations",
        _spec(NodeKind.ORGANISATION, "ref=ref name kind=enum aliases=refs note"),
    ),
    "Boards": (
        "boards",
        _spec(
            NodeKind.BOARD,
            "ref=ref name cadence=enum aliases=refs note reports_to chair deputy_chair members",
        ),
    ),
    "People": (
        "people",
        _spec(NodeKind.PERSON, "ref=ref name post:role aliases=refs note organisation email"),
    ),
}
"""Sheet -> (plan list, [(model field, column, kind of cell)]). Kinds: text, ref (trimmed),
refs (a list), links (a list of refs, each may end ``[inferred: why]``), flag (yes/no),
period, enum (enum value or its words), and the name kinds of NAMED. A relation's kind comes
from :data:`graphmodel.relations.RELATIONS`."""

MESSAGES = {
    "sheet.unknown": "sheet {sheet!r} is not part of a plan workbook and is ignored; the "
    "sheets are {known}",
    "sheet.duplicate": "a second sheet for {sheet}; keep one",
    "sheet.missing": "no {sheet}; a plan workbook needs the sheets Findings and Actions "
    "(found: {found})",
    "sheet.empty": "sheet {sheet} is empty, not even a header row: is it the right sheet? "
    "Write at least the header ({columns}, ...); with no rows under it the plan has none",
    "column.unknown": "unknown column {column!r} in sheet {sheet}; the columns are {known}. "
    "Rename or remove it; what it holds (a month's update, a comment) can go in the note "
    "column",
    "column.duplicate": "column {column!r} appears twice in sheet {sheet}; keep one",
    "column.missing": "sheet {sheet} has no column {column!r} (headers found: {found}); add "
    "it to the header row",
    "cell.no_header": "a value in a column without a header; add a header or clear the cell",
    "cell.date": "Excel stored this cell as the date {value}; read as that text. Format the "
    "column as Text and retype it",
    "cell.numeric": "Excel stored {value} as a number, so a ref like '{value}0' would have "
    "become {value}; read as '{value}'. Format the column as Text and retype the refs",
    "cell.several": "{column} holds one name, not {count}; keep one (write '\\;' for a ';' "
    "inside a name)",
    "cell.json": "not a JSON object ({error}); write a scale name ({scales}) or a JSON object",
    "plan.unknown_key": "unknown key {value!r} in the Plan sheet; the keys are {known}",
    "plan.duplicate_key": "the key {value!r} appears twice in the Plan sheet; keep one row",
    "plan.defaulted": "no {missing} on a Plan sheet: the plan is called area {area!r}, title "
    "{title!r}. Add a Plan sheet with the keys area and title in column A, values in B",
    "milestone.column": "a milestone row (one with a parent_ref) takes only ref, action, due, "
    "status and note; clear {column}, or clear parent_ref to make the row an action",
    "milestone.parent": "parent_ref {value!r} is the ref of no action; a row with a "
    "parent_ref is a milestone of the action with that ref",
    "objective.conflict": "objective {ref!r} has the text {other!r} on another row; make the "
    "two the same, or, to move the action to another objective, change its objective_ref "
    "(a new ref makes a new objective)",
    "measure.conflict": "measure {ref!r} has another {what} on another row; make them the same",
    "measure.several": "a row with several measure_ref cannot also give measure, baseline or "
    "target; put those on the Measures sheet",
    "measure.no_text": "baseline and target belong to a measure; write its text in the measure "
    "column",
    "cell.merged": "the cells {cells} are merged, so only {first} holds a value and {rest} "
    "{verb} as blank{what}; unmerge them (Home > Merge & Center) and fill in each cell",
}
"""Problems found while reading a workbook, by code; name.* messages come from names.py.
Their severities are the registry's (:mod:`graphmodel.problems`)."""


@dataclass
class Sheet:
    """One sheet (or CSV file) as read: its name and its rows, numbered from 1."""

    name: str
    rows: list[Row]
    letters: bool = True
    """Name a column that has no header by its letter (XLSX) or its number (CSV)."""
    label: str | None = None
    """How problems name the sheet (``Actions.csv``); the name by default."""


def key_of(text: object) -> str:
    """The matching key of a header or sheet name: ``" Parent Ref"`` -> ``"parent_ref"``."""
    key = re.sub(r"[\s_\-]+", "_", str(text).strip().casefold()).strip("_")
    return ALIASES.get(key, key)


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A header or key cell as text; Excel numbers without a needless ``.0``."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if is_blank(cell) else str(cell).strip()


def same_value(a: Any, b: Any) -> bool:
    return " ".join(str(a or "").casefold().split()) == " ".join(str(b or "").casefold().split())


def enum_value(text: str | None) -> str | None:
    """An enum value from its words: ``"Areas for improvement"`` -> ``area_for_improvement``."""
    if text is None:
        return None
    key = re.sub(r"[^0-9a-z]+", "_", text.casefold()).strip("_")
    key = ENUM_WORDS.get(key, key)
    return next((k for k in (key, key[:-1], key[:-2]) if k in ENUM_VALUES), key)


def column_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# --- spreadsheet safety ----------------------------------------------------------------------
# A cell that starts with one of these is taken by Excel, LibreOffice and Google Sheets as a
# formula (OWASP "CSV injection"): `=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(...)`,
# `-1+1`, and a leading tab or carriage return that hides one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula if it were typed into a cell."""
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs: a leading ``'`` before formula starts.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("-1+1"), neutralised("Ann")
    ('\\'=HYPERLINK("http://x")', "'-1+1", 'Ann')
    >>> restored(neutralised("'=1")), restored(neutralised("-5%"))
    ("'=1", '-5%')
    """
    return "'" + text if is_formula_like(text) or is_formula_like(text.lstrip("'")) else text


def restored(text: str) -> str:
    """The text :func:`neutralised` wrote: one leading ``'`` removed where it guards."""
    if text.startswith("'") and is_formula_like(text.lstrip("'")):
        return text[1:]
    return text
