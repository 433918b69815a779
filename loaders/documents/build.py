"""Assembling the draft plan from what the table and prose readers recognised.

:func:`draft_from_text` runs the readers over the lines of a document and builds a
:class:`~graphmodel.model.Plan` validated by :func:`loaders.base.validate` (integrity
warnings are allowed: a draft is for a human to finish). Every line nobody placed is in the
:class:`~loaders.documents.report.ReviewReport` *and* in the plan's ``note`` (the note goes
into every output format, where a YAML comment would be lost in JSON or a workbook).

Refs: the document's own where a table has a Ref column (``A – 1`` becomes ``A-1``); else
``<priority>.<n>`` in document order (``P2.7``), or ``<n>`` outside any priority. Objectives
are ``<priority>.O<n>``, milestones ``<action>-<n>``; people, organisations and boards are
the slug of their name.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from graphmodel.model import FindingKind, OwnerRole
from loaders.documents.area import NOT_AREA, extracted_title, named_in_cells
from loaders.documents.cells import finding_title
from loaders.documents.entities import (
    area_title_item,
    due_value,
    finding_entity,
    generic_owners,
    measure_entities,
    owner_value,
    plan_result,
)
from loaders.documents.findings import finding_heading
from loaders.documents.merged import (
    cross_reference_note,
    cross_references,
    fill_from_above,
    merged_owner_fills,
)
from loaders.documents.owners import split_owner_cell
from loaders.documents.parties import Parties, directory_of, learn_people, partner
from loaders.documents.positions import PositionReader
from loaders.documents.prose import FindingRecord, PersonRecord, ProseReader
from loaders.documents.refs import per_priority_refs, ref_column_note
from loaders.documents.report import Decision, ImportResult, ReviewItem, ReviewKind
from loaders.documents.shapes import header_shape, with_ref_columns
from loaders.documents.tables import ActionRecord, TableReader
from loaders.documents.text import Line, document_lines, running_headers
from loaders.names import BOARD, ORGANISATION, PERSON

__all__ = ["draft_from_text"]

_OUTCOME = re.compile(r"^\s*Outcome\s*:\s*(\S.*)$", re.I)
_TITLE_AREA = (
    re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:'s|’s)\b"),
    re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:SEND|Special|Local|Written|Joint)\b"),
)


def _area_title(lines: list[Line], fallback: str) -> tuple[str, str]:
    title = extracted_title(lines, fallback)
    area = _area(lines, fallback, title)
    if title.startswith("\0"):
        title = f"{area} {title[1:]}"
    return area, title


def _area(lines: list[Line], fallback: str, title: str = "") -> str:
    # the area: of the names written "X's ..." or "X SEND/Special/Local ...", the one the
    # document repeats most; else the title's first name that is no plan word
    # ("Kingsmere Priority Action Plan"), else the file's name (never the most frequent
    # capitalised word: "There", "Data", "Appendix" were areas)
    whole = "\n".join(ln.text for ln in lines)
    candidates = {
        m.group(1)
        for ln in lines
        for pattern in _TITLE_AREA
        for m in pattern.finditer(ln.text)
        if not set(m.group(1).split()) & NOT_AREA
    }
    if candidates:
        return max(sorted(candidates), key=lambda c: len(re.findall(rf"\b{c}\b", whole)))
    named = [w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", title) if w not in NOT_AREA]
    if named:
        return str(named[0])
    return named_in_cells(ln.text for ln in lines) or Path(fallback).stem


def _scale(lines: list[Line]) -> str:
    text = " ".join(ln.text for ln in lines)
    for word in ("BRAGG", "BRAG", "RAG"):
        if re.search(rf"[‘'\"]?\b{word}\b", text):
            return word.lower()
    return "words"


def draft_from_text(text: str, source: str) -> ImportResult:
    """The draft plan and review report of a document given as extracted text.

    Raises :class:`~graphmodel.errors.UsageError` when no action table is recognised.
    """
    from graphmodel.errors import UsageError

    lines = document_lines(text)
    headers = running_headers(lines)
    prose = ProseReader()
    tables = TableReader(lambda text: prose.finding_like(text, 0.55) is not None)
    positions = PositionReader()
    unplaced: list[Line] = []
    shapes: list[str] = []
    for index, line in enumerate(lines):
        if line.is_blank:
            if tables.shape is not None:
                tables.page_break()
            continue
        if not line.is_tabular and line.text in headers:
            continue
        if line.is_tabular and positions.header(line.cells):
            continue
        if line.is_tabular and positions.waiting:
            priority = prose.priorities[-1].ref if prose.priorities else None
            positions.row(line.cells, line.number, priority)
            continue
        if (  # a rare sentence row first, then whether a header follows it
            line.is_tabular
            and (finding := _table_finding(line)) is not None
            and _header_next(lines, index + 1)
        ):
            tables.finding_row(finding)  # stated in the table's first row
            continue
        shape = header_shape(line.cells) if line.is_tabular else None
        if shape is not None:
            if shape.name not in shapes:
                shapes.append(shape.name)
            body = _table_body(lines, index + 1)
            read = with_ref_columns(shape, body)
            if read != shape and read != tables.shape:
                tables.decisions += [
                    Decision(line.number, line.text, ref_column_note(shape.header[i]))
                    for i, (a, b) in enumerate(zip(shape.columns, read.columns, strict=True))
                    if a != b
                ]
            tables.start(read, body)
            continue
        outcome = _OUTCOME.match(line.text)
        if outcome and len([c for c in line.cells if c]) == 1 and tables.shape is not None:
            # the priority's outcome, repeated over the table after each page break
            if not prose.priorities:
                unplaced.append(line)
            else:
                current = prose.priorities[-1]
                if current.outcome is None:
                    current.outcome = outcome.group(1)
                elif outcome.group(1) not in current.outcome:
                    current.outcome = f"{current.outcome}; {outcome.group(1)}"
            tables.page_break()
            continue
        if line.is_tabular and tables.shape is not None and not prose.feed_members(line):
            priority = prose.priorities[-1].ref if prose.priorities else None
            before = len(tables.unplaced)
            tables.feed(line, priority)
            unplaced += tables.unplaced[before:]
            continue
        if not line.is_tabular:
            tables.stop()
        count = len(prose.priorities)
        if not prose.feed(line):
            unplaced.append(line)
        if len(prose.priorities) != count or _OUTCOME.match(line.text):
            tables.new_section()
    if not tables.actions and not positions.actions:
        raise UsageError(
            f"{source}: no action table recognised (a header row naming an action column and"
            " owner, due or objective columns, separated by tabs). Check that the text was"
            " extracted with its tables, or write the plan as a workbook"
        )
    if positions.actions:
        shapes.append("position statement: delivered / still to do per workstream")
    return _assemble(lines, source, tables, prose, unplaced, shapes, positions)


def _table_finding(line: Line) -> str | None:
    """The finding a row across the top of a table states as a sentence with no label
    (:func:`finding_title`); a labelled one (``Area of significant weakness 1: …``) is left to
    the interpretation of the blocks, which reads its kind and number."""
    if not finding_title(line.cells):
        return None
    text = next(c for c in line.cells if c)
    return text if finding_heading(text) is None else None


def _header_next(lines: list[Line], start: int) -> bool:
    """Whether the first line from ``start`` that is not blank is a table's header row."""
    following = next((ln for ln in islice(lines, start, None) if not ln.is_blank), None)
    return (
        following is not None and following.is_tabular and header_shape(following.cells) is not None
    )


def _table_body(lines: list[Line], start: int) -> list[tuple[str, ...]]:
    """The cells of the tabular lines from ``start`` (below a header row) up to the next
    header row or line of text, blank lines (page breaks) and Markdown table rules passed
    over."""
    out = []
    for line in lines[start:]:
        if line.is_blank or all(set(c) <= set("-|: ") for c in line.cells):
            continue
        if not line.is_tabular or header_shape(line.cells) is not None:
            break
        out.append(line.cells)
    return out


def _assemble(
    lines: list[Line],
    source: str,
    tables: TableReader,
    prose: ProseReader,
    unplaced: list[Line],
    shapes: list[str],
    positions: PositionReader,
) -> ImportResult:
    items = [
        ReviewItem(ReviewKind.LOW_CONFIDENCE, d.line, d.text, d.message) for d in tables.decisions
    ]
    known = directory_of(prose, lines)
    learn_people(tables.actions, known)
    items += generic_owners([record.owner for record in tables.actions], known)
    parties = Parties(known)
    for name in prose.boards.values():
        parties.board(name)
    for person in prose.people:
        if person.name or person.post:
            parties.person(person.name, person.post, person.organisation)

    findings = prose.findings
    area, title = _area_title(lines, source)
    items.append(area_title_item(area, title))
    priorities = [_priority(p, prose, parties) for p in prose.priorities]
    objectives: list[dict[str, Any]] = []
    objective_refs: dict[int, str] = {}
    measures: list[dict[str, Any]] = []
    sponsors = {
        p.ref: [parties.person(s.name, s.post, s.organisation) for s in p.sponsors]
        for p in prose.priorities
    }
    actions: list[dict[str, Any]] = []
    used: set[str] = set()
    counters: Counter[str] = Counter()
    fills = merged_owner_fills(
        [
            (
                r.ref or str(i),
                bool(r.owner.strip()),
                r.group if r.has_owner_column and r.own_row else None,
            )
            for i, r in enumerate(tables.actions)
        ],
        source,
    )
    written = per_priority_refs([(r.ref, r.priority) for r in tables.actions])
    for record, as_written in zip(tables.actions, written, strict=True):
        priority = record.priority
        if record.objective is not None and id(record.objective) not in objective_refs:
            counters[f"O{priority}"] += 1
            oref = (
                f"{priority}.O{counters[f'O{priority}']}"
                if priority
                else (f"O{counters[f'O{priority}']}")
            )
            objective_refs[id(record.objective)] = oref
            linked = _finding_of_text(record.objective.finding, prose, findings, items, record)
            objective_measures = measure_entities(oref, record.objective.measures)
            measures += objective_measures
            objectives.append(
                {
                    "ref": oref,
                    "text": record.objective.text,
                    "priority": priority,
                    "addresses": linked,
                    "measures": [m["ref"] for m in objective_measures],
                }
            )
        action = _action(
            record, as_written, prose, parties, findings, items, used, counters, objective_refs
        )
        action_measures = measure_entities(action["ref"], record.measures)
        measures += action_measures
        action["measures"] = [m["ref"] for m in action_measures]
        if not record.has_owner_column and priority in sponsors:
            # no owner column: the priority's sponsor is accountable for its actions
            # (a sponsor line naming several people makes the first sponsor, the rest leads)
            accountable = [
                {"party": f"person:{ref}", "role": "accountable"} for ref in sponsors[priority]
            ]
            action["owners"] = [*accountable, *action["owners"]]
        if len(actions) in fills:
            where = (record.line, record.text, None)
            fill_from_above(action, actions[fills[len(actions)]], items, where)
        actions.append(action)
    for done in positions.actions:
        counters[f"{done.priority}{done.section}"] += 1
        ref = f"{done.priority or 'X'}.{done.section}{counters[f'{done.priority}{done.section}']}"
        actions.append(
            {"ref": ref, "text": done.text, "priority": done.priority, "status": done.status}
        )
    for entity in priorities:
        notes = [entity["note"]] if entity.get("note") else []
        notes += positions.notes.get(entity["ref"], [])
        entity["note"] = "\n".join(notes) or None
    boards = _boards(prose, parties)
    unplaced = [ln for ln in unplaced if ln.text.strip("* ") != title]  # the title is placed
    for item in unplaced:
        items.append(ReviewItem(ReviewKind.UNPLACED, item.number, item.text, "not placed"))
    note = None
    if unplaced:
        note = "Lines not placed by the importer (review them):\n" + "\n".join(
            f"line {ln.number}: {ln.text}" for ln in unplaced
        )
    data: dict[str, Any] = {
        "area": area,
        "title": title,
        "source": source,
        "status_scale": _scale(lines),
        "note": note,
        "findings": [finding_entity(f.ref, f.kind, f.text, f.parent) for f in findings],
        "priorities": priorities,
        "objectives": objectives,
        "actions": actions,
        "measures": measures,
        "people": list(parties.entities[PERSON].values()),
        "organisations": list(parties.entities[ORGANISATION].values()),
        "boards": boards,
    }
    return plan_result(data, source, shapes, items)


def _finding_of_text(
    text: str | None,
    prose: ProseReader,
    findings: list[FindingRecord],
    items: list[ReviewItem],
    record: ActionRecord,
) -> list[str]:
    if not text:
        return []
    found = prose.finding_like(text, 0.55)
    if found is None:
        found = prose.add_finding(record.line, FindingKind.AREA_FOR_IMPROVEMENT, text, None, None)
        items.append(
            ReviewItem(
                ReviewKind.LOW_CONFIDENCE,
                record.line,
                text,
                f"the finding cell matches no finding listed in the text; added as {found.ref}",
            )
        )
    return [found.ref]


def _links(record: ActionRecord, prose: ProseReader, findings: list[FindingRecord]) -> list[str]:
    out: list[str] = []
    refs = {f.ref for f in findings}
    for token in re.split(r"[\s,;/&]+|\band\b", record.link or ""):
        token = token.strip(" .")
        if not token:
            continue
        if token in refs:
            out.append(token)
        else:
            match = next((f.ref for f in findings if f.number == token and f.parent is None), None)
            if match:
                out.append(match)
    letter = re.match(r"^([A-Z])-?\d", record.ref or "")
    if not out and letter and letter.group(1) in prose.letters:
        out.append(prose.letters[letter.group(1)])
    return out


def _owners(record: ActionRecord, parties: Parties, items: list[ReviewItem]) -> list[Any]:
    owners: list[Any] = []
    for cell, involved in ((record.owner, False), (record.involved, True)):
        for part in split_owner_cell(cell, parties.known):
            if part.kind == PERSON and part.name and len(part.name.split()) > 4:
                items.append(
                    ReviewItem(
                        ReviewKind.LOW_CONFIDENCE,
                        record.line,
                        cell,
                        f"owner {part.name!r} may be several names run together",
                    )
                )
            value = owner_value(part, parties, OwnerRole.INVOLVED if involved else None)
            if value not in owners:
                owners.append(value)
    return owners


def _action(
    record: ActionRecord,
    written: str | None,
    prose: ProseReader,
    parties: Parties,
    findings: list[FindingRecord],
    items: list[ReviewItem],
    used: set[str],
    counters: Counter[str],
    objective_refs: dict[int, str],
) -> dict[str, Any]:
    priority = record.priority
    if written:
        ref = written
    else:
        counters[f"A{priority}"] += 1
        n = counters[f"A{priority}"]
        ref = f"{priority}.{n}" if priority else str(n)
    base, k = ref, 1
    while ref in used:
        k += 1
        ref = f"{base}~{k}"
    used.add(ref)
    addresses = _links(record, prose, findings)
    objective = objective_refs.get(id(record.objective)) if record.objective else None
    if not addresses and record.finding and not record.objective:
        addresses = _finding_of_text(record.finding, prose, findings, items, record)
    milestones = []
    for i, m in enumerate(record.milestones, start=1):
        ms: dict[str, Any] = {"ref": f"{ref}-{i}", "text": m.text}
        if m.due:
            ms["due"] = m.due
        if m.status:
            ms["status"] = m.status
        milestones.append(ms)
    due: Any = record.due.strip() or None
    if due is None and record.milestones:
        due = next((m.due for m in reversed(record.milestones) if m.due), None)
    if due is not None:
        due = due_value(due, record.line, items)
    notes = []
    shown = record.ref_written or record.ref
    if shown and shown != ref:
        notes.append(f"Ref written {shown!r} in the document.")
    if record.workstream:
        notes.append(f"Workstream: {record.workstream}.")
    notes += [f"{extra}." if not extra.endswith(".") else extra for extra in record.extra]
    notes += [cross_reference_note(ref) for ref in cross_references(record.text)]
    action: dict[str, Any] = {
        "ref": ref,
        "text": record.text,
        "priority": priority,
        "objective": objective,
        "owners": _owners(record, parties, items),
        "due": due,
        "status": record.status or None,
        "addresses": addresses,
        "milestones": milestones,
        "resource": record.resource or None,
        "note": " ".join(notes) or None,
    }
    return action


def _priority(p: Any, prose: ProseReader, parties: Parties) -> dict[str, Any]:
    def ref_of(person: PersonRecord | None) -> str | None:
        if person is None or not (person.name or person.post):
            return None
        return parties.person(person.name, person.post, person.organisation)

    addresses = []
    for quote in p.quotes:
        found = prose.finding_like(quote, 0.5)
        if found is not None and found.ref not in addresses:
            addresses.append(found.ref)
    sponsors = [r for r in map(ref_of, p.sponsors) if r]
    addresses += [ref for ref in p.findings if ref not in addresses]
    outcome = p.outcome
    sections = dict(p.sections)
    if outcome is None and "Aims" in sections:
        outcome = "; ".join(sections.pop("Aims"))
    note = "\n".join(f"{name}: {'; '.join(items)}" for name, items in sections.items() if items)
    return {
        "note": note or None,
        "ref": p.ref,
        "title": p.title,
        "outcome": outcome,
        "sponsor": sponsors[0] if sponsors else None,
        "leads": [*sponsors[1:], *(r for r in map(ref_of, p.leads) if r)],
        "delivery_partners": list(
            dict.fromkeys(partner(t, parties) for t in p.partners if re.search(r"\w\w", t))
        ),
        "parent_reps": [r for r in map(ref_of, p.parent_reps) if r],
        "addresses": addresses,
    }


def _boards(prose: ProseReader, parties: Parties) -> list[dict[str, Any]]:
    reports: dict[str, list[str]] = {}
    for child, parent in prose.reports_to:
        c, r = parties.board(child), parties.board(parent)
        if c != r and r not in reports.setdefault(c, []):
            reports[c].append(r)
    out = []
    for entity in parties.entities[BOARD].values():
        board = dict(entity)
        if reports.get(board["ref"]):
            board["reports_to"] = reports[board["ref"]]
        out.append(board)
    return out
