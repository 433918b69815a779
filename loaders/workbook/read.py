"""The plan workbook (DESIGN.md) without a file format: sheets of rows <-> plan data.

:mod:`loaders.workbook.xlsx` and :mod:`loaders.workbook.csvdir` only turn files into
:class:`Sheet` values and back; :func:`plan_from_sheets` and :func:`plan_to_sheets` are the
one path both share, and
:data:`FIELDS` (model field, column, kind of cell) drives both directions.

Reading. Sheet names and headers match ignoring case, surrounding spaces, and spaces versus
underscores (``Parent Ref`` is ``parent_ref``); a sheet's first non-blank row is its header;
blank rows are skipped. List and name cells are read by :mod:`loaders.names` (``;`` between
values). An Actions row with ``parent_ref`` is a milestone of that action. The ``objective``
text is one objective per priority (ref ``objective_ref``, else ``{priority_ref}.o{n}``).
``measure``, ``baseline`` and ``target`` define a measure (the same text is the same measure;
ref ``measure_ref``, else ``m{n}``); ``measure_ref`` alone lists measures. A plan without area
or title is named after its file. A Plan row with a blank key continues the text value above
it, after a line break. Every problem is collected and placed (:data:`MESSAGES`).

Writing adds what a lossless round trip needs: the sheets Objectives, Measures and
Organisations, the extra columns of :data:`SHEETS` and keys of :data:`PLAN_KEYS`, each only
when it holds something. A party is written by its first label that names only it, else as
``kind:REF``. A period is its text, or a JSON object when it was given explicitly or its text
starts with ``{``. The status scale is its name when it is a built-in scale with no words of
its own, else a JSON object. Every cell is text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from graphmodel.errors import Place, Problem, loc_text
from graphmodel.model import slug, unique_ref
from graphmodel.problems import problem
from graphmodel.statuses import BUILTIN_SCALES
from loaders.names import Names, link_value, split_cell
from loaders.result import LoadResult, Loc
from loaders.validation import validate
from loaders.workbook.fields import (
    CONTINUED,
    DATE_COLUMNS,
    FIELDS,
    HELPER_COLUMNS,
    INSPECTION,
    MESSAGES,
    NAMED,
    ORDER,
    PLAN_KEYS,
    PLURAL,
    REF_COLUMNS,
    REQUIRED,
    SHEETS,
    TRACKER_SHEETS,
    Row,
    Sheet,
    cell_text,
    column_letter,
    enum_value,
    is_blank,
    key_of,
    same_value,
)

__all__ = ["helper_columns", "plan_from_sheets", "without_helpers"]


@dataclass
class _Table:
    label: str
    heads: list[str]
    rows: list[Row]
    letters: bool = True
    columns: dict[str, int] = field(default_factory=dict)
    sheet: str = ""  # the canonical sheet name (People, Actions...)

    def place(self, row: int | None = None, column: str | int | None = None) -> Place:
        index = self.columns.get(column, -1) if isinstance(column, str) else column
        name = column if isinstance(column, str) else None
        if index is not None and 0 <= index < len(self.heads) and self.heads[index]:
            name = self.heads[index]
        elif isinstance(column, int):
            name = column_letter(column) if self.letters else str(column + 1)
        return Place(sheet=self.label, row=row, cell_column=name)


_Cell = tuple[_Table, "int | None", "str | int | None"]
"""A table, row and column: a Place to be made when needed."""


def _continued(rows: list[Row]) -> list[Row]:
    """The Plan sheet's rows, a text value joined by line breaks with the text on the rows
    under it whose key is :data:`CONTINUED` (the Excel writer's way with a value longer than
    a cell)."""
    out: list[Row] = []
    for number, cells in rows:
        value = cells[1] if len(cells) > 1 else None
        above = out[-1][1][1] if out and len(out[-1][1]) > 1 else None
        marked = isinstance(cells[0], str) and cells[0].strip().casefold() == CONTINUED
        goes_on = marked and not is_blank(value) and all(map(is_blank, cells[2:]))
        if goes_on and isinstance(value, str) and isinstance(above, str):
            out[-1] = (out[-1][0], [out[-1][1][0], f"{above}\n{value}", *out[-1][1][2:]])
        else:
            out.append((number, cells))
    return out


@dataclass
class _Reader:
    file: str
    problems: list[Problem]
    data: dict[str, Any] = field(default_factory=dict)
    places: dict[Loc, Place | _Cell] = field(default_factory=dict)
    """Where each entity and field came from; a cell's Place is made only when a problem
    needs it (making 700,000 of them took most of the time of reading 20,000 actions)."""
    names: Names = field(default_factory=Names)
    suffix: str = ""
    """What a sheet's name ends with in messages: ``.csv`` for files of a CSV folder."""
    missing: set[tuple[str, str]] = field(default_factory=set)
    """(sheet, column) of required columns that are missing."""

    def report(self, code: str, place: Place, message: str = "", **facts: Any) -> None:
        text = message or MESSAGES[code].format(**facts)
        column, value = facts.get("column"), facts.get("value")
        self.problems.append(problem(code, text, self.file, place, column, value))

    def locate(self, loc: Loc) -> Place:
        for n in range(len(loc), -1, -1):
            if (place := self.places.get(loc[:n])) is not None:
                if isinstance(place, tuple):
                    place = place[0].place(place[1], place[2])
                return replace(place, path=loc_text(loc) or None)
        return Place(path=loc_text(loc) or None)

    def tables(self, sheets: Sequence[Sheet]) -> dict[str, _Table]:
        known = {key_of(name): name for name in ORDER}
        found: dict[str, _Table] = {}
        for sheet in sheets:
            name, label = known.get(key_of(sheet.name)), sheet.label or sheet.name
            if key_of(sheet.name) in _TRACKER:
                continue
            if name is None:
                every = ", ".join(ORDER)
                self.report("sheet.unknown", Place(sheet=label), sheet=label, known=every)
            elif name in found:
                self.report("sheet.duplicate", Place(sheet=label), sheet=name)
            else:
                found[name] = self.table(name, sheet, label)
                found[name].sheet = name
        labels = ", ".join(s.label or s.name for s in sheets) or "none"
        for name in ("Findings", "Actions"):
            if name not in found:
                what = f"file {name}{self.suffix}" if self.suffix else f"sheet {name}"
                self.report(
                    "sheet.missing", Place(sheet=name + self.suffix), sheet=what, found=labels
                )
        return found

    def table(self, name: str, sheet: Sheet, label: str) -> _Table:
        rows = without_helpers(sheet.rows)
        rows = [(n, cells) for n, cells in rows if not all(map(is_blank, cells))]
        if name == "Plan":  # two columns, key and value, with or without that header
            if rows and [key_of(cell_text(c)) for c in rows[0][1][:2]] == ["key", "value"]:
                rows = rows[1:]
            return _Table(label, ["key", "value"], rows, sheet.letters)
        heads = [cell_text(c) for c in rows[0][1]] if rows else []
        table, known = _Table(label, heads, rows[1:], sheet.letters), sum(SHEETS[name], ())
        at = rows[0][0] if rows else 1
        for i, head in enumerate(heads):
            key, place = key_of(head), table.place(at, i)
            if head and key not in known:
                names = ", ".join(known)
                self.report("column.unknown", place, column=head, sheet=name, known=names)
            elif key in table.columns:
                self.report("column.duplicate", place, column=head, sheet=name)
            elif head:
                table.columns[key] = i
        found = ", ".join(h for h in heads if h) or "none"
        unreadable = any(p.place.sheet == label for p in self.problems)  # said once is enough
        if not rows and name in REQUIRED and not unreadable:
            columns = ", ".join(REQUIRED[name])
            self.report("sheet.empty", Place(sheet=label), sheet=name, columns=columns)
        for column in REQUIRED.get(name, ()) if rows else ():
            if column not in table.columns:
                self.missing.add((label, column))
                place = Place(sheet=label, row=at, cell_column=column)
                self.report("column.missing", place, column=column, sheet=name, found=found)
        for number, cells in table.rows:
            for i, cell in enumerate(cells):
                if (i >= len(heads) or not heads[i]) and not is_blank(cell):
                    self.report("cell.no_header", table.place(number, i), value=str(cell))
        return table

    # --- cells ---------------------------------------------------------------------------
    def value(self, t: _Table, row: Row, column: str, index: int | None = None) -> Any:
        """The cell as text, or a date in a date column; None when blank."""
        where = (row[0], column if index is None else index)  # made a Place only if reported
        index = t.columns.get(column) if index is None else index
        cell = row[1][index] if index is not None and index < len(row[1]) else None
        if is_blank(cell) or isinstance(cell, str):
            return None if is_blank(cell) else cell
        if isinstance(cell, (datetime, date)):
            day = cell.date() if isinstance(cell, datetime) else cell
            if column in DATE_COLUMNS:
                return day
            self.report("cell.date", t.place(*where), column=column, value=day.isoformat())
            return day.isoformat()
        text = str(cell).upper() if isinstance(cell, bool) else cell_text(cell)
        if column in REF_COLUMNS:
            self.report("cell.numeric", t.place(*where), column=column, value=text)
        return text

    def text(self, t: _Table, row: Row, column: str) -> str | None:
        value = self.value(t, row, column)
        return value.isoformat() if isinstance(value, date) else value

    def cell(self, t: _Table, row: Row, column: str, kind: str) -> Any:
        """A cell read as ``kind`` (see :data:`FIELDS`)."""
        if kind == "period":
            value = self.value(t, row, column)
            return self.json(value, None) if isinstance(value, str) else value
        value = self.text(t, row, column)
        if kind in NAMED:
            return self.named(t, row, column, kind, value or "")
        if kind == "refs":
            return split_cell(value or "")
        if kind == "links":
            return [link_value(v) for v in split_cell(value or "")]
        if kind == "flag":
            return value.strip() if value and value.strip() else False
        if kind == "enum":
            return enum_value(value)
        return value.strip() if kind == "ref" and value else value

    def named(self, t: _Table, row: Row, column: str, kind: str, text: str) -> Any:
        kinds, place, out = NAMED[kind], t.place(row[0], column), []
        create = kinds[0] if len(kinds) == 1 else None
        # People.organisation is how the workbook names organisations (DESIGN.md): one named
        # there for the first time is created without a warning
        declares = kind == "org" and column == "organisation" and t.sheet == "People"
        for named in self.names.read_cell(text, kinds, create, roles=kind == "owners"):
            if named.code is not None and not (declares and named.code == "name.created"):
                self.report(named.code, place, named.message, column=column, value=named.text)
            if named.created is not None and named.party is not None:
                entities = self.data.setdefault(PLURAL[named.party[0]], [])
                self.places[(PLURAL[named.party[0]], len(entities))] = place
                entities.append(named.created)
            if named.party is not None:
                out.append(named.value if len(kinds) > 1 else named.party[1])
        if kind in ("person", "org"):
            if len(out) > 1:
                self.report("cell.several", place, column=column, count=len(out))
            return out[0] if out else None
        return out

    def json(self, text: str, place: Place | None, strict: bool = False) -> Any:
        """A JSON object written in a cell (a period or a status scale), else the text."""
        if not text.lstrip().startswith("{"):
            return text.strip() if strict else text
        try:
            return json.loads(text)
        except ValueError as e:
            if place is not None:
                scales = ", ".join(BUILTIN_SCALES)
                self.report("cell.json", place, error=e, scales=scales, value=text)
            return None if strict else text

    def entity(self, t: _Table, row: Row, loc: Loc, sheet: str, named: bool) -> dict[str, Any]:
        """The fields of ``row`` that :data:`FIELDS` gives ``sheet``: only the name fields,
        or only the others; each is placed at its cell."""
        out = {}
        self.places[loc] = (t, row[0], None)
        for name, column, kind in FIELDS[sheet][1]:
            if (kind in NAMED) is named:
                at = (*loc, name)
                self.places[at] = (t, row[0], column)
                out[name] = self.cell(t, row, column, kind)
        return out

    # --- sheets ----------------------------------------------------------------------------
    def plan(self, t: _Table | None, default_area: str) -> None:
        known, seen, data = sum(PLAN_KEYS, ()), set(), self.data
        self.places[()] = Place(sheet=t.label if t else "Plan" + self.suffix)
        for row in _continued(t.rows) if t is not None else []:
            assert t is not None
            key, written = key_of(cell_text(row[1][0])), cell_text(row[1][0])
            if any(not is_blank(c) for c in row[1][2:]):
                self.report("cell.no_header", t.place(row[0], 2))
            if key not in known or key in seen:
                code = "plan.duplicate_key" if key in seen else "plan.unknown_key"
                self.report(code, t.place(row[0], 0), value=written, known=", ".join(known))
                continue
            seen.add(key)
            value = self.value(t, row, key, 1)
            if isinstance(value, str) and key == "inspectorates":
                value = split_cell(value)
            elif isinstance(value, str) and (key in DATE_COLUMNS or key == "status_scale"):
                value = self.json(value, t.place(row[0], 1), key == "status_scale")
            if value is None:
                continue
            where = ("inspection", INSPECTION[key] or key) if key in INSPECTION else (key,)
            self.places[where] = t.place(row[0], 1)
            if len(where) == 2:
                data.setdefault("inspection", {})[where[1]] = value
            else:
                data[key] = value
        missing = [key for key in ("area", "title") if key not in data]
        if missing:
            data.setdefault("area", default_area)
            data.setdefault("title", data["area"])
            self.report(
                "plan.defaulted",
                self.locate(()),
                missing=" or ".join(missing),
                area=data["area"],
                title=data["title"],
            )

    def sheet(self, name: str, t: _Table | None, named: bool | None = None) -> None:
        """Read the entities of a sheet: all their fields (``named`` None), or in two passes
        the fields that are not names (False), then the names (True)."""
        plural = FIELDS[name][0]
        entities = self.data.setdefault(plural, [])
        for i, row in enumerate(t.rows if t is not None else []):
            assert t is not None
            if named is not True:
                entities.append(self.entity(t, row, (plural, i), name, False))
            if named is not False:
                entities[i] |= self.entity(t, row, (plural, i), name, True)

    def parties(self, tables: dict[str, _Table]) -> None:
        """Organisations, boards and people, each indexed by name before what names them."""
        for name in ("Organisations", "Boards", "People"):
            self.sheet(name, tables.get(name), named=False)
            entities = self.data[FIELDS[name][0]]
            taken = {e["ref"] for e in entities if e["ref"]}
            for e in entities:
                if not e["ref"] and (label := e["name"] or e.get("post")):
                    e["ref"] = unique_ref(slug(label) or FIELDS[name][0], taken)
                    taken.add(e["ref"])
                if name == "Organisations":
                    self.names.add_organisation(e["ref"] or "", e["name"] or "", e["aliases"])
                elif name == "Boards":
                    self.names.add_board(e["ref"] or "", e["name"] or "", e["aliases"])
        self.sheet("People", tables.get("People"), named=True)
        for e in self.data["people"]:
            if "aliases" in e:  # not one made for an unknown organisation
                ref, org = e["ref"] or "", e["organisation"]
                self.names.add_person(ref, e["name"], e["post"], e["aliases"], org)
        self.sheet("Boards", tables.get("Boards"), named=True)

    def actions(self, t: _Table | None) -> None:
        actions: list[dict[str, Any]] = self.data.setdefault("actions", [])
        milestones = []
        for row in t.rows if t is not None else []:
            assert t is not None
            parent = self.cell(t, row, "parent_ref", "ref")
            if parent is not None:
                milestones.append((row, parent))
                continue
            loc = ("actions", len(actions))
            action = self.entity(t, row, loc, "Actions", False)
            action |= self.entity(t, row, loc, "Actions", True)
            action["objective"] = self.objective(t, row, action["priority"])
            action["measures"] = self.measures(t, row)
            for name, column in (("objective", "objective"), ("measures", "measure")):
                ref, at = f"{column}_ref", (*loc, name)
                self.places[at] = (t, row[0], ref if ref in t.columns else column)
            actions.append(action)
        index = {a["ref"]: i for i, a in reversed(list(enumerate(actions))) if a["ref"]}
        allowed = {"ref", "action", "due", "status", "note", "parent_ref"}
        for row, parent in milestones:
            assert t is not None
            for column, i in sorted(t.columns.items(), key=lambda item: item[1]):
                if column not in allowed and i < len(row[1]) and not is_blank(row[1][i]):
                    self.report("milestone.column", t.place(row[0], column), column=column)
            if parent not in index:
                place = t.place(row[0], "parent_ref")
                self.report("milestone.parent", place, column="parent_ref", value=parent)
                continue
            found = actions[index[parent]].setdefault("milestones", [])
            here = ("actions", index[parent], "milestones", len(found))
            found.append(self.entity(t, row, here, "Milestones", False))

    def objective(self, t: _Table, row: Row, priority: str | None) -> str | None:
        ref = self.cell(t, row, "objective_ref", "ref")
        text = self.cell(t, row, "objective", "text")
        objectives: list[dict[str, Any]] = self.data.setdefault("objectives", [])
        if text is None:
            return ref  # type: ignore[no-any-return]
        same = (
            [o for o in objectives if o["ref"] == ref]
            if ref
            else [
                o
                for o in objectives
                if o.get("priority") == priority and same_value(o["text"], text)
            ]
        )
        if same and not same_value(same[0]["text"], text):
            place = t.place(row[0], "objective")
            self.report("objective.conflict", place, ref=ref, other=same[0]["text"], value=text)
        if same:
            return str(same[0]["ref"])
        if not ref:
            base = f"{priority}.o" if priority else "o"
            ref = unique_ref(base, {o["ref"] for o in objectives}, suffix=str, bare=False)
        loc = ("objectives", len(objectives))
        self.places[loc] = (t, row[0], "objective")
        objectives.append({"ref": ref, "text": text, "priority": priority})
        return str(objectives[-1]["ref"])

    def measures(self, t: _Table, row: Row) -> list[str]:
        refs = self.cell(t, row, "measure_ref", "refs")
        measures: list[dict[str, Any]] = self.data.setdefault("measures", [])
        columns = (("text", "measure"), ("baseline", "baseline"), ("target", "target"))
        given = {f: v for f, c in columns if (v := self.cell(t, row, c, "text")) is not None}
        place = t.place(row[0], "measure")
        if not given or len(refs) > 1 or "text" not in given:
            if given:
                self.report("measure.several" if len(refs) > 1 else "measure.no_text", place)
            return refs  # type: ignore[no-any-return]
        same = (
            [m for m in measures if m["ref"] == refs[0]]
            if refs
            else [m for m in measures if same_value(m["text"], given["text"])]
        )
        if same:
            what = [f for f, value in given.items() if not same_value(same[0].get(f), value)]
            if what:
                ref = same[0]["ref"]
                self.report("measure.conflict", place, ref=ref, what=" and ".join(what))
            return [str(same[0]["ref"])]
        if not refs:
            refs = [unique_ref("m", {m["ref"] for m in measures}, suffix=str, bare=False)]
        ref = refs[0]
        self.places[("measures", len(measures))] = place
        measures.append({"ref": ref, **given})
        return [str(measures[-1]["ref"])]


_TRACKER = {key_of(name) for name in TRACKER_SHEETS}
_HELPERS = {key_of(name) for name in HELPER_COLUMNS}


def helper_columns(header: Sequence[Any]) -> set[int]:
    """The indexes of the tracker's helper columns in a header row."""
    return {i for i, c in enumerate(header) if isinstance(c, str) and key_of(c) in _HELPERS}


def without_helpers(rows: list[Row]) -> list[Row]:
    """``rows`` with the cells of the tracker's helper columns (:data:`HELPER_COLUMNS`, named
    in the first non-blank row) blanked, so that columns keep their letters."""
    header = next((cells for _, cells in rows if not all(map(is_blank, cells))), None)
    drop = helper_columns(header or [])
    if not drop:
        return rows
    return [(n, [None if i in drop else c for i, c in enumerate(cells)]) for n, cells in rows]


def _prune(value: Any) -> Any:
    """Drop None values, so that model defaults apply."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def plan_from_sheets(
    sheets: Sequence[Sheet],
    file: str,
    problems: Sequence[Problem] = (),
    default_area: str = "plan",
    suffix: str = "",
) -> LoadResult:
    """Read a plan from a workbook's sheets and validate it; every problem is placed.

    ``problems`` are those the format reader found already; ``default_area`` names a plan
    that has no area (the file's name); ``suffix`` ends the names of missing sheets in
    messages (``.csv``).
    """
    reader = _Reader(file, list(problems), suffix=suffix)
    tables = reader.tables(sheets)
    reader.plan(tables.get("Plan"), default_area)
    reader.parties(tables)
    for name in ("Findings", "Measures", "Priorities", "Objectives"):
        reader.sheet(name, tables.get(name))
    reader.actions(tables.get("Actions"))
    result = validate(_prune(reader.data), file, reader.locate, reader.problems)
    result.problems = [  # each row's "field required" would repeat column.missing
        p
        for p in result.problems
        if p.code != "schema.missing" or (p.place.sheet, p.place.cell_column) not in reader.missing
    ]
    return result
