"""The draft plan and review report from what :class:`~loaders.documents.interpret.
Interpreter` read.

Links an action to a finding when the document states it (a ref in the row or the text, a
Finding column, the finding heading it sits under); failing that, links are inferred (a
ref ``2.3`` under a numbered list of findings addresses finding 2; a priority numbered or
titled like a finding addresses it) and each inferred link is listed in the review for a
human to confirm. Owners are read by :func:`~loaders.documents.owners.split_owner_cell`
with the names the document defines (``Devon County Council (DCC)`` makes ``DCC`` that
council). Every line no record used is listed as not placed, with its place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graphmodel.model import FindingKind
from graphmodel.statuses import Status, StatusReading, scale_named
from loaders.documents.area import published_in, title_and_area
from loaders.documents.blocks import Block, BlockKind
from loaders.documents.boards import board_tables, read_boards
from loaders.documents.cells import dated
from loaders.documents.entities import (
    add_link,
    area_title_item,
    due_value,
    finding_entity,
    generic_owners,
    inferred_link,
    measure_entities,
    owner_value,
    plan_result,
)
from loaders.documents.findings import FindingRec, kind_of
from loaders.documents.headers import sheet_workstreams, titled_tables
from loaders.documents.interpret import Interpreter
from loaders.documents.merged import (
    cross_reference_note,
    cross_references,
    fill_from_above,
    merged_owner_fills,
    without_cross_references,
)
from loaders.documents.owners import Directory, OwnerPart, split_owner_cell, written_out
from loaders.documents.parties import Parties
from loaders.documents.records import ActionRec
from loaders.documents.refs import NEARLY, per_priority_refs, prerequisite_refs
from loaders.documents.report import ImportResult, ReviewItem, ReviewKind
from loaders.documents.sections import COLOURS, KEY_TITLE
from loaders.documents.wording import FIELD_ACRONYMS, POST_ACRONYMS
from loaders.names import ORGANISATION, PERSON, name_key

__all__ = ["colour_scale", "draft_from_blocks"]

_DEFINED = re.compile(
    r"((?:[A-Z][\w&’'-]*\s+(?:(?:and|of|for|the|&)\s+)?){1,8}[A-Z][\w&’'-]*)\s*\(([A-Z][A-Za-z&]{1,7})\)"
)
_ABBR = re.compile(r"^[A-Z][A-Z&]{1,6}$")
FIELD_WORDS = FIELD_ACRONYMS | POST_ACRONYMS
"""Short forms after a comma that name no employer (a field of work or a post)."""


_KEY_ROW = re.compile(
    rf"^\s*(?P<colour>{'|'.join(sorted(COLOURS))})\s*(?:[=:–—-]\s*|\|\s*)"
    r"(?P<meaning>\S.*)$",
    re.I,
)


_KEY_TITLE = re.compile(rf"^\s*{KEY_TITLE}\s*:?\s*$", re.I)


_INITIALS = frozenset({"r", "a", "g", "b"})


def colour_scale(statuses: list[str]) -> str | None:
    """The scale of status cells that are colours whatever their column is called
    (``Status: Amber``; Smartsheet's ``Yellow``; ``G``): ``rag``, or ``bragg`` with Grey (the
    one scale that knows it); None when no cell is a colour, or when most cells
    (:data:`~loaders.documents.refs.NEARLY`) are not colours and the scale of colours would
    read some of them otherwise than generic words do. A scale of colours knows the generic
    words too, so a column mixing ``Complete`` with Green and Amber is read by it.

    >>> colour_scale(["Amber", "Green", "Yellow"]), colour_scale(["Grey", "Green (cell colour)"])
    ('rag', 'bragg')
    >>> colour_scale(["On track", "Complete", "Green"]), colour_scale(["On track", "Complete"])
    ('rag', None)
    >>> colour_scale(["In progress", "Not started", "Grey"]) is None  # BRAGG's own meanings
    True
    """
    values = [v.strip().casefold() for v in statuses if v.strip()]
    words = [v.split()[0].strip(".,;:") for v in values]
    colours = {w for w in words if w in COLOURS} | {v for v in values if v in _INITIALS}
    hits = sum(w in COLOURS or v in _INITIALS for v, w in zip(values, words, strict=True))
    if not colours:
        return None
    name = "bragg" if colours & {"grey", "gray"} else "rag"
    if hits >= NEARLY * len(values):
        return name
    scale, generic = scale_named(name), scale_named("words")
    others = [v for v, w in zip(values, words, strict=True) if w not in COLOURS | _INITIALS]
    agree = all(_value(scale.read(v)) == _value(generic.read(v)) for v in others)
    return name if agree else None


def _value(reading: StatusReading | None) -> Status | None:
    return reading.value if reading is not None else None


_TICKS = ("✔", "✓", "☑", "✅", "🗸")
"""A tick in a status cell: done, as a tracker's ``Complete?`` column or a checklist says."""


def _scale(blocks: list[Block], used: set[int], statuses: list[str]) -> str | dict[str, Any]:
    """The status scale (:func:`_keyed_scale`), knowing a tick written alone or before a date
    (``✔``, ``✓ 12/09/24``) as complete: a cross (``✗``) is left for a human to say (not
    started, or delayed?), and the audit lists it."""
    scale = _keyed_scale(blocks, used, statuses)
    ticks = {t for v in statuses for t in _TICKS if v.strip().startswith(t)}
    if not ticks:
        return scale
    named: dict[str, Any] = scale if isinstance(scale, dict) else {"name": scale}
    words: dict[str, str] = {**named.get("words", {})}
    words.update(dict.fromkeys(sorted(ticks), Status.COMPLETE.value))
    return {**named, "words": words}


def _keyed_scale(blocks: list[Block], used: set[int], statuses: list[str]) -> str | dict[str, Any]:
    """The status scale: BRAGG, BRAG or RAG as the document names it, else the colours its
    status cells are written in (:func:`colour_scale`), else generic words; with the meanings
    its colour key gives (``Amber | Some slippage, within tolerance``, on a key sheet or in a
    key table; ``Blue = Complete``), so that cells written in the key's words are read as its
    colours. The key's rows are placed."""
    text = " ".join(b.text + " ".join(r.text for r in b.rows) for b in blocks)
    name = next(
        (w.lower() for w in ("BRAGG", "BRAG", "RAG") if re.search(rf"\b{w}\b", text)),
        colour_scale(statuses) or "words",
    )
    key: dict[str, tuple[str, int]] = {}
    lines = [  # rows and paragraphs nothing else used: a key is read by nothing else
        (r.text, r.line)
        for b in blocks
        for r in b.rows
        if r.line not in used and len([c for c in r.cells if c]) <= 2
    ] + [(b.text, b.line) for b in blocks if not b.is_table and b.line not in used]
    for line_text, line in lines:
        match = _KEY_ROW.match(line_text)
        meaning = match.group("meaning").strip(" .") if match else ""
        if match and meaning and not _KEY_ROW.match(meaning) and len(meaning.split()) <= 12:
            key.setdefault(match.group("colour").lower().replace("gray", "grey"), (meaning, line))
    if len(key) < 2:
        return name
    if name == "words":
        name = "bragg" if "grey" in key else "brag" if "blue" in key else "rag"
    colours = scale_named(name).words_in_effect()
    words = {
        meaning: colours[colour].value for colour, (meaning, _) in key.items() if colour in colours
    }
    if not words:
        return name
    used.update(line for _, line in key.values())
    used.update(line for text, line in lines if _KEY_TITLE.match(text))
    return {"name": name, "words": words}


def _directory(interp: Interpreter, blocks: list[Block]) -> tuple[Directory, dict[str, str]]:
    known = Directory()
    abbreviations: dict[str, str] = {}
    texts = [b.text for b in blocks] + [c for b in blocks for r in b.rows for c in r.cells]
    for text in texts:
        for m in _DEFINED.finditer(text):
            full = re.sub(r"^(?:The|the|and|of)\s+", "", " ".join(m.group(1).split()))
            if len(full.split()) >= 2:
                abbreviations.setdefault(m.group(2), full)
    for abbr, full in abbreviations.items():
        if re.search(
            r"Council|NHS|Trust|Board|ICB|Service|Department|School|College|"
            r"Partnership|Forum|Care|Hospital|Health|Police|Commissioning",
            full,
        ):
            known.add_organisation(full, abbr)
    for name, post, org in interp.people:
        if org:
            known.add_organisation(abbreviations.get(org, org), org)
        known.add_person(name, post, org)
    for short, name in interp.initials.items():
        known.people.setdefault(name_key(short), name)  # "JB" in an owner cell: Jo Bloggs
    for rec in interp.actions:
        for cell, _ in rec.owners:
            for piece in re.split(r"\s*[;\n]\s*", cell):
                segs = [s.strip() for s in piece.split(",") if s.strip()]
                if (
                    len(segs) >= 2
                    and _ABBR.match(segs[-1])
                    and (segs[-1] in abbreviations or name_key(segs[-1]) not in FIELD_WORDS)
                ):  # "Head of SEND, DCC"; not "Assistant Director, SEND" nor "..., DCO"
                    full = abbreviations.get(segs[-1], segs[-1])
                    known.add_organisation(full, segs[-1])
                if len(segs) >= 2 and len(segs[0].split()) in (2, 3):
                    known.add_person(segs[0])
    return known, abbreviations


_NAMED = re.compile(r"([A-Za-z]{1,4})[ -]?(\d{1,2}[a-z]?)")


def _named_findings(interp: Interpreter, items: list[ReviewItem]) -> None:
    """The findings the actions name (``AFI 1`` in a ``Link to Ofsted finding`` column) in a
    document that lists none (a tracker kept apart from the inspection letter): each made
    with its ref and no words of its own, for a human to add, and said in the review."""
    for rec in interp.actions:
        for token in rec.refs:
            named = _NAMED.fullmatch(token.strip())
            if named is None or interp.findings.by_token(token) is not None:
                continue
            kind = kind_of(token)
            number = named.group(2) if kind is not None else named.group(0).replace(" ", "")
            text = f"{token.strip()} (the document names it and does not give its words)"
            made = interp.findings.add(
                FindingRec("", kind or FindingKind.AREA_FOR_IMPROVEMENT, text, rec.line, number),
                rec.line,
            )
            items.append(
                ReviewItem(
                    ReviewKind.LOW_CONFIDENCE,
                    rec.line,
                    token,
                    f"finding {made.ref} is named by the actions and not listed in the document:"
                    " add the inspectors' words",
                    rec.place,
                )
            )


def _part(part: OwnerPart, known: Directory) -> OwnerPart:
    initials = known.people.get(name_key(part.name or "")) if (part.name or "").isupper() else None
    if initials is not None and not part.post:  # a key's initials: that person
        return OwnerPart(PERSON, initials, None, part.organisation, part.role, part.email)
    if (
        part.kind == PERSON
        and part.name
        and not part.post
        and (_ABBR.match(part.name) or known.organisation(part.name))
    ):
        return OwnerPart(ORGANISATION, known.organisation(part.name) or part.name, role=part.role)
    return part


def _link_inferred(interp: Interpreter, items: list[ReviewItem]) -> None:
    numbered = {f.number: f for f in interp.findings.items if f.number and not f.parent}
    by_priority = {}
    for p in interp.priorities:
        if not p.findings:
            hit = interp.findings.like(p.title, 0.6) if p.title != p.ref else None
            if hit is None and p.number in numbered and len(interp.priorities) <= len(numbered):
                hit = numbered[p.number]
                reason = f"priority {p.number} read as addressing finding {p.number}"
            else:
                reason = "the priority's title is like the finding's text"
            if hit is not None:
                p.inferred.append((hit.ref, reason))
                items.append(
                    ReviewItem(
                        ReviewKind.LOW_CONFIDENCE,
                        p.line,
                        p.title,
                        f"link {p.ref} -> {hit.ref} inferred: {reason}",
                    )
                )
        by_priority[p.ref] = p.findings + [ref for ref, _ in p.inferred]
    if not interp.findings.items:
        _named_findings(interp, items)
    for rec in interp.actions:
        for token in rec.refs:
            hit = interp.findings.by_token(token)
            placed = interp.findings.by_position(token) if hit is None else None
            if placed is not None:
                rec.inferred.append(
                    (placed.ref, f"{token!r} read as the finding listed at {token}")
                )
            elif hit is None:
                items.append(
                    ReviewItem(
                        ReviewKind.LOW_CONFIDENCE,
                        rec.line,
                        token,
                        f"finding {token!r} is not listed in the document",
                        rec.place,
                    )
                )
            elif hit.ref not in rec.findings:
                rec.findings.append(hit.ref)
        if rec.findings:
            continue
        if rec.finding_text:
            hit = interp.findings.like(rec.finding_text, 0.5)
            if hit is not None:
                rec.findings.append(hit.ref)
                continue
        first = re.match(r"^[A-Za-z]{0,3}(\d{1,2})[.-]\d", rec.ref or "")
        if first and first.group(1) in numbered:
            ref = numbered[first.group(1)].ref
            rec.inferred.append((ref, f"action ref {rec.ref} starts with the finding's number"))
        elif rec.priority and by_priority.get(rec.priority):
            for ref in by_priority[rec.priority]:
                rec.inferred.append((ref, f"the action is under priority {rec.priority}"))


def draft_from_blocks(blocks: list[Block], source: str) -> ImportResult:
    interp = Interpreter()
    interp.grid.titles = titled_tables(blocks)
    interp.grid.sheets = sheet_workstreams(blocks)
    interp.run(blocks)
    keyed = {**interp.initials, **interp.short_forms}
    for rec in interp.actions:  # "DCO" in a plan whose key says who the DCO is
        rec.owners = [(written_out(cell, keyed), role) for cell, role in rec.owners]
    acted = [rec.line for rec in interp.actions]
    title, area, title_lines = title_and_area(blocks, Path(source).stem, acted)
    interp.used.update(title_lines)
    items: list[ReviewItem] = [
        ReviewItem(ReviewKind.LOW_CONFIDENCE, n.line, n.text, n.message, n.place)
        for n in interp.notes
    ]
    items.append(area_title_item(area, title))
    published = published_in(blocks, interp.used)
    if published is not None:  # versions are dated by it (diff, history, --as-of)
        day, said = published
        interp.used.add(said.line)
        why = f"the plan's publication date was read as {day!r}; correct it if wrong"
        items.append(ReviewItem(ReviewKind.LOW_CONFIDENCE, said.line, said.text, why, said.place))
    known, _ = _directory(interp, blocks)
    items += generic_owners([cell for rec in interp.actions for cell, _ in rec.owners], known)
    parties = Parties(known)
    _link_inferred(interp, items)
    refs = {f.ref for f in interp.findings.items}
    actions: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    used_refs: set[str] = set()
    objectives: list[dict[str, Any]] = []
    objective_refs: dict[tuple[str | None, str], str] = {}
    counters: dict[str | None, int] = {}
    fills = merged_owner_fills(
        [(r.ref or str(i), bool(r.owners), r.group) for i, r in enumerate(interp.actions)],
        source,
    )
    written = per_priority_refs([(rec.ref, rec.priority) for rec in interp.actions])
    taken = {w for w in written if w}
    for rec, as_written in zip(interp.actions, written, strict=True):
        if not rec.text:
            rec.text = rec.ref or "(action without text)"
        counters[rec.priority] = counters.get(rec.priority, 0) + 1
        n = counters[rec.priority] if rec.priority else len(actions) + 1
        ref = as_written or (f"{rec.priority}.{n}" if rec.priority else str(n))
        while not as_written and (
            ref in taken or ref in used_refs
        ):  # a ref another action has written
            n += 1
            ref = f"{rec.priority}.{n}" if rec.priority else str(n)
        base, k = ref, 1
        while ref in used_refs:
            k += 1
            ref = f"{base}~{k}"
        used_refs.add(ref)
        owners: list[Any] = []
        for cell, role in rec.owners:
            for raw in split_owner_cell(cell, known):
                value = owner_value(_part(raw, known), parties, role)
                if value not in owners:
                    owners.append(value)
        addresses: list[Any] = [r for r in dict.fromkeys(rec.findings) if r in refs]
        for fref, reason in rec.inferred:
            if fref in refs and add_link(addresses, inferred_link(fref, reason)):
                items.append(
                    ReviewItem(
                        ReviewKind.LOW_CONFIDENCE,
                        rec.line,
                        rec.text,
                        f"link {ref} -> {fref} inferred: {reason}",
                        rec.place,
                    )
                )
        action_measures = measure_entities(ref, rec.measures, rec.baseline, rec.target)
        if not action_measures and (rec.baseline or rec.target):
            rec.notes += [f"Baseline: {rec.baseline}"] if rec.baseline else []
            rec.notes += [f"Target: {rec.target}"] if rec.target else []
        measures += action_measures
        notes = list(rec.notes)
        if rec.start and not dated(rec.start):
            # "Ongoing", "TBC", "Fri 02/09/24" (no Friday): no start date, kept as written
            notes.append(f"Start: {rec.start}")
            items.append(
                ReviewItem(
                    ReviewKind.LOW_CONFIDENCE,
                    rec.line,
                    rec.start,
                    "the start cell is not a date; kept in the action's note",
                    rec.place,
                )
            )
        if rec.ref and rec.ref != ref:
            notes.append(f"Ref written {rec.ref!r} in the document.")
        notes += [
            cross_reference_note(x) for x in cross_references(" ".join([rec.text, *rec.depends]))
        ]
        objective = None
        if rec.objective:
            key = (rec.priority, rec.objective)
            if key not in objective_refs:
                oref = (
                    f"{rec.priority}.O{len(objectives) + 1}"
                    if rec.priority
                    else f"O{len(objectives) + 1}"
                )
                objective_refs[key] = oref
                objectives.append(
                    {
                        "ref": oref,
                        "text": rec.objective,
                        "priority": rec.priority,
                        "addresses": list(addresses),
                    }
                )
            objective = objective_refs[key]
        action: dict[str, Any] = {
            "ref": ref,
            "text": rec.text,
            "priority": rec.priority,
            "objective": objective,
            "owners": owners,
            "due": due_value(rec.due, rec.line, items, rec.place),
            "start": rec.start if rec.start and dated(rec.start) else None,
            "status": rec.status or None,
            "addresses": addresses,
            "measures": [m["ref"] for m in action_measures],
            "resource": rec.resource or None,
            "milestones": [
                {
                    "ref": f"{ref}-{i}",
                    "text": text,
                    "due": due_value(due, rec.line, items, rec.place) if due else None,
                    "status": status or None,
                }
                for i, (text, due, status) in enumerate(rec.milestones, start=1)
            ],
            "note": " ".join(n if n.endswith(".") else f"{n}." for n in notes) or None,
        }
        if len(actions) in fills:
            where = (rec.line, rec.text, rec.place)
            fill_from_above(action, actions[fills[len(actions)]], items, where)
        actions.append(action)
    _dependencies(interp.actions, actions, items)
    for name, post, org in interp.people:
        parties.person(name, post, org)
    priorities = []
    for p in interp.priorities:
        paddresses: list[Any] = [r for r in p.findings if r in refs]
        paddresses += [inferred_link(r, why) for r, why in p.inferred if r in refs]
        for a, rec in zip(actions, interp.actions, strict=True):
            if rec.priority == p.ref:
                for link in a["addresses"]:
                    add_link(paddresses, link)
        pmeasures = measure_entities(p.ref, p.measures)
        measures += pmeasures
        priorities.append(
            {
                "ref": p.ref,
                "title": p.title,
                "outcome": p.outcome,
                "addresses": paddresses,
                "measures": [m["ref"] for m in pmeasures],
            }
        )
    board_tables(interp.grid.boards, parties, items)
    read_boards([*blocks, *interp.asides], interp.used, parties, priorities, items)
    statuses = [a["status"] for a in actions if a["status"]]
    statuses += [m["status"] for a in actions for m in a["milestones"] if m["status"]]
    scale = _scale(blocks, interp.used, statuses)
    unplaced = _unplaced(blocks, interp.used)
    for block_line, place, text in unplaced:
        items.append(ReviewItem(ReviewKind.UNPLACED, block_line, text, "not placed", place))
    note = None
    if unplaced:
        note = "Lines not placed by the importer (review them):\n" + "\n".join(
            f"{place}: {text}" for _, place, text in unplaced
        )
    data: dict[str, Any] = {
        "area": area,
        "title": title,
        "published": published[0] if published is not None else None,
        "source": source,
        "status_scale": scale,
        "note": note,
        "findings": [
            finding_entity(f.ref, f.kind, f.text, f.parent) for f in interp.findings.items
        ],
        "priorities": priorities,
        "objectives": objectives,
        "actions": actions,
        "measures": measures,
        "people": list(parties.entities[PERSON].values()),
        "organisations": list(parties.entities[ORGANISATION].values()),
        "boards": list(parties.entities["board"].values()),
    }
    return plan_result(data, source, _shapes(blocks), items)


_ACTION_REF = re.compile(r"\b(?:[A-Z]{1,3}[ -]?)?\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?\b")
"""An action ref in a dependency cell (``1.2``, ``P1.2``, ``A-1.2``): a prefix is capitals,
so the words before a ref (``Depends on 1.1``) are not taken for part of it."""
_DEPENDS_WORDS = re.compile(
    r"(?i)\b(?:depends?|dependent|dependency|dependencies|on|upon|after|following|requires?|"
    r"prerequisites?|n/?a|none|and|actions?|completion|of)\b"
)


def _dependencies(
    records: list[ActionRec], actions: list[dict[str, Any]], items: list[ReviewItem]
) -> None:
    """``depends_on`` of each action from its dependency cells: the action refs they name,
    stated. A cross-reference (``see Appendix 2``) is containment, never a dependency (its
    note is written with the action's); other words are kept in the note."""
    by_written = {rec.ref: a["ref"] for rec, a in zip(records, actions, strict=True) if rec.ref}
    by_written.update({a["ref"]: a["ref"] for a in actions})
    by_record = {id(rec): a["ref"] for rec, a in zip(records, actions, strict=True)}
    by_text: dict[str, list[str]] = {}
    for a in actions:
        by_text.setdefault(_text_key(a["text"]), []).append(a["ref"])
    for rec, action in zip(records, actions, strict=True):
        for before in rec.prerequisites:  # named by their row
            _depend(action, by_record[id(before)])
        for cell in rec.depends:
            rest = without_cross_references(cell)
            same = by_text.get(_text_key(rest), [])
            if len(same) == 1 and same[0] != action["ref"]:
                _depend(action, same[0])  # the other action's text as written
                continue
            listed = prerequisite_refs(rest)
            tokens = listed if listed is not None else _ACTION_REF.findall(rest)
            for token in tokens:
                target = by_written.get(token.replace(" ", ""))
                if target is None:
                    items.append(
                        ReviewItem(
                            ReviewKind.LOW_CONFIDENCE,
                            rec.line,
                            cell,
                            f"dependency {token!r} of {action['ref']} names no action",
                            rec.place,
                        )
                    )
                elif target != action["ref"]:
                    _depend(action, target)
            if listed is not None:
                continue
            words = _ACTION_REF.sub(" ", rest).strip(" ,;.&()")
            words = re.sub(r"(?i)^(?:and|&)\s+", "", words)  # "1.3 and the DfE's guidance"
            if re.search(r"[A-Za-z]{3}", _DEPENDS_WORDS.sub(" ", words)):
                note = f"Depends on: {' '.join(words.split())}."
                action["note"] = f"{action['note']} {note}" if action["note"] else note


def _text_key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")


def _depend(action: dict[str, Any], target: str) -> None:
    if target not in action.setdefault("depends_on", []):
        action["depends_on"].append(target)


def _shapes(blocks: list[Block]) -> list[str]:
    from loaders.documents.headers import header_row

    out: list[str] = []
    for b in blocks:
        if b.is_table and b.rows:
            k = header_row(b.rows)
            if k is not None:
                name = " | ".join(c for c in b.rows[k].cells if c)
                if name not in out:
                    out.append(name)
    return out


def _unplaced(blocks: list[Block], used: set[int]) -> list[tuple[int, str, str]]:
    out = []
    for b in blocks:
        if b.kind is BlockKind.BREAK:
            continue
        if b.is_table:
            out += [(r.line, r.place, r.text) for r in b.rows if r.line not in used and r.text]
        elif b.line not in used and b.text:
            out.append((b.line, b.place, b.text))
    return out
