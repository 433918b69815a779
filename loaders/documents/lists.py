"""List items: findings after a lead-in naming a kind of finding, actions after a lead-in
announcing them or under a heading of actions.

* a lead-in naming a kind of finding (``The inspection found these weaknesses:``) makes the
  list items after it findings (sub-items: detailed findings);
* a lead-in announcing actions (``We will:``, ``Next steps:``, ``By next spring term (26
  April 2021) we will have:``), or a heading of actions, makes its list items actions, the
  lead-in's date the due of each (a bullet's own ``(lead: X, by June 2020)`` wins); so
  does a priority or finding above them, without a lead-in;
* under a priority, a lead-in or heading naming measures of success (``How we will know:``)
  or outcomes (``Outcomes:``) makes its items the priority's measures or outcome, never
  actions (:func:`gathered`); under a finding, with no priority to hold them, they are
  left unplaced with a note;
* after a lead-in or heading over a key (``Key to leads:``), an item ``JB – Jo Bloggs, Head
  of SEND`` says whom the initials stand for (:func:`key_entry`), never an action;
* under a labelled action (``Action 1.1: …``) an item continues its last field;
* a lettered item (``a)``, ``(ii)``) under a numbered action (``1.2 …``) is its milestone,
  and so is an item under a bullet action that has a date of its own (``(Lead, Aug
  2024)``); other items under it continue its text (with or without a lead-in: a
  sub-bullet is a step of the action above it, never an action of its own).
"""

from __future__ import annotations

import re

from graphmodel.model import FindingKind, OwnerRole
from loaders.documents.blocks import Block
from loaders.documents.cells import date_in_sentence, dated
from loaders.documents.context import Reading
from loaders.documents.findings import FindingRec, finding_heading, intro_kind, refs_in_text
from loaders.documents.labelled import (
    TEXT_AFTER_REF,
    action_start,
    inline_fields,
    label_of,
    line_fields,
    trailing,
)
from loaders.documents.records import ActionRec, Note
from loaders.documents.refs import leading_ref
from loaders.documents.roles import Role

__all__ = ["KEY_LEADIN", "SHORT_FORM", "Lists", "gathered", "key_entry"]

_CHECKBOX = re.compile(r"^\s*(?:\[(?:(?P<ticked>[xX✓✔])|\s)\]|(?P<box>[☐☑☒✅✓✔]))\s*")
"""The box of a task list's item: ``[ ]``, ``[x]`` (Markdown, GitHub), ``☐``, ``☑``."""

LEADING_REF = re.compile(r"^\s*([A-Z]{1,4}[ -]?\d{1,2}(?:\.\d{1,2})?)\s*[:.)–—-]\s+(\S.*)$")
_ACTIONS_LEADIN = re.compile(
    r"\b(we will|we'll|we are going to|we plan to|we commit|we intend|will have|actions?|"
    r"next steps|steps|to do|we aim to|plan is to|priorities are to|are to)\b",
    re.I,
)
_DOTTED_REF = re.compile(r"[A-Za-z]{0,3}[ -]?\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?")
"""An action's ref with a dot (``1.1``, ``A2.1``, ``P1.2a``), at the start of a bullet."""
_TEXT_AFTER_REF = re.compile(TEXT_AFTER_REF)
_SUB_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)]$")
"""A lettered or roman item's marker (``a)``, ``b.``, ``(ii)``): a step of the action above."""
_GATHERS = (
    (
        "measures",
        re.compile(
            r"^\s*(?:(?:our|the|key|expected|intended|anticipated|planned)\s+)*(?:how (?:we|you) "
            r"(?:will|would|can) know|how will we know|we will know|success (?:measures?|"
            r"criteria|indicators?)|measures? of (?:success|impact)|impact measures?|"
            r"what (?:success|good) (?:will )?looks? like|what will success look like|"
            r"(?:key )?performance (?:measures?|indicators?)|KPIs?|impact|evidence of "
            r"(?:impact|success)|measuring (?:success|impact|progress))\b",
            re.I,
        ),
    ),
    (
        "outcomes",
        re.compile(
            r"^\s*(?:(?:our|the|key|expected|intended|desired|anticipated)\s+)*(?:outcomes?|"
            r"aims?|what we want to (?:achieve|see)|what (?:will be|we want to be) different|"
            r"what difference (?:this|it|we) will make)\b(?!\s*\d)",
            re.I,
        ),
    ),
)


KEY_LEADIN = re.compile(
    r"^\s*(?:key(?:\s+to\s+[\w ]{2,30})?|(?:list\s+of\s+)?(?:abbreviations|acronyms|initials)"
    r"(?:\s+used)?|glossary)\s*:?\s*$",
    re.I,
)
"""A lead-in or heading over a key to the initials or short forms owner cells use: ``Key to
leads:``, ``Abbreviations``, ``Glossary``."""
SHORT_FORM = r"(?=[A-Z][a-z&]*[A-Z])[A-Z][A-Za-z&]{1,9}"
"""Initials or a short form in a key or glossary: a capital, then up to nine letters or
``&``, two capitals at least within it, no digit (``JB``, ``DCO``, ``S&L``, ``PfA``, ``SaLT``,
``SENDIASS``; not ``AFI1`` or ``Director``)."""
_KEY_ENTRY = re.compile(rf"^\s*(?P<short>{SHORT_FORM})\s*(?:[–—:=]|\s-)\s*(?P<full>\S.*)$")
"""``JB – Jo Bloggs, Head of SEND``, ``DCO: Designated Clinical Officer``."""


def key_entry(reading: Reading, short: str, value: str) -> None:
    """Read ``short`` (initials, a short form) as a key gives it: a person (``Jo Bloggs``,
    ``Jo Bloggs, Head of SEND``), or a post or an organisation, which owner cells are read
    with written out (:attr:`~loaders.documents.context.Reading.short_forms`)."""
    from loaders.documents.wording import plain_name
    from loaders.names import ORGANISATION, guess_kind

    head, _, tail = value.partition(",")
    name, post, org = value, "", ""
    if tail.strip() and plain_name(head.split()):
        name, post = head.strip(), tail.strip()  # "Jo Bloggs, Head of SEND"
        before, _, after = post.rpartition(",")
        if before and guess_kind(after.strip()) == ORGANISATION:
            post, org = before.strip(), after.strip()  # "Head of SEND, Ashby Council"
    elif not plain_name(value.split()):
        reading.short_forms[short] = value
        return
    reading.people.append((name, post or None, org or None))
    reading.initials[short] = name


_ALONE = re.compile(r"\s*(?:\([^()]*\))?\s*:?\s*$")
"""What may follow a heading's phrase that gathers measures or outcomes: a bracket, a colon."""


def gathered(text: str, alone: bool = False) -> str | None:
    """``measures`` when ``text`` (a lead-in or heading) names how a priority's success will
    be known (``How we will know:``, ``Success measures``, ``What success looks like``,
    ``Impact:``), ``outcomes`` when it names what the priority is to achieve (``Outcomes
    we want:``, ``Aims``); else None. ``alone`` (a heading): only when the phrase stands
    alone, a bracket and a colon at most after it (``Impact on young people`` is a topic).

    >>> gathered("How we will know (success measures):"), gathered("Outcomes we want:")
    ('measures', 'outcomes')
    >>> gathered("What we will do:") is None, gathered("Outcome 2: Parents are heard") is None
    (True, True)
    >>> gathered("Impact (by 2026):", alone=True), gathered("Impact on families", alone=True)
    ('measures', None)
    """
    for kind, pattern in _GATHERS:
        found = pattern.match(text)
        if found is not None and (not alone or _ALONE.match(text, found.end())):
            return kind
    return None


_FINDINGS_LEADIN = re.compile(r"\b(found|said|identified|told us|judged|concerns?)\b", re.I)


class Lists:
    """The list items of a document, read into the records of a :class:`Reading`."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.mode: str | None = None
        """``findings`` or ``actions`` after a lead-in, ``measures`` or ``outcomes`` of a
        priority after one naming them (:func:`gathered`); None otherwise."""
        self.mode_kind: FindingKind | None = None
        self.mode_due = ""
        self.mode_owner = ""
        self.mode_depth = 0
        self.item_finding: FindingRec | None = None
        self.item_action: ActionRec | None = None

    def end(self) -> None:
        """A table or heading: the list above is over."""
        self.mode, self.item_finding, self.item_action = None, None, None

    def lead_in(self, text: str, line: int) -> None:
        """A line ending in a colon: the list items after it are findings or actions."""
        r = self.reading
        kind = intro_kind(text)
        r.labelled = None
        if KEY_LEADIN.match(text):
            self.mode, self.item_action = "key", None
            r.used.add(line)
            return
        gathers = gathered(text)
        if gathers is not None and (r.priority_record is not None or r.finding):
            # "How we will know:" under a priority: its measures, not actions
            self.mode, self.item_action = gathers, None
            r.used.add(line)
            return
        if kind is not None and (not _ACTIONS_LEADIN.search(text) or _FINDINGS_LEADIN.search(text)):
            self.mode, self.mode_kind = "findings", kind
            self.item_finding = None
            r.used.add(line)
            return
        if _ACTIONS_LEADIN.search(text) or r.finding or r.priority:
            self.mode = "actions"
            self.mode_due = date_in_sentence(text.rstrip(":")) or ""
            trail = trailing(text.rstrip(":"))
            self.mode_owner = trail.owner if trail else ""
            self.item_action = None
            r.used.add(line)
            return
        self.mode = None

    def sub_step(self, marker: str, text: str, line: int) -> bool:
        """``a) Agree terms of reference`` under a numbered action (``1.2 …``): a milestone
        of that action; True if it was one."""
        rec = self.item_action
        if rec is None or not _SUB_MARKER.match(marker) or not re.match(r"\d", rec.ref or ""):
            return False
        found = line_fields(text)
        fields = dict(found[1]) if found is not None else {}
        step = found[0] if found is not None else text.strip()
        rec.milestones.append((step, fields.get(Role.DUE, ""), fields.get(Role.STATUS, "")))
        rec.lines.append(line)
        self.reading.used.add(line)
        return True

    def item(self, block: Block) -> None:
        """A list item: a labelled field, a finding or an action."""
        r = self.reading
        text = block.text
        if block.numbered and self.sub_step(block.marker, text, block.line):
            return
        box = _CHECKBOX.match(text)
        mark = (box.group("ticked") or box.group("box") or "") if box is not None else ""
        ticked = mark not in ("", "☐")
        if box is not None:  # a task list's box: ticked is done, never a ref
            text = text[box.end() :]
        gathers = self.mode if self.mode in ("measures", "outcomes", "key") else None
        if self.mode is None and r.labelled is None:
            gathers = r.gathers
            trail = trailing(text) if gathers in ("measures", "outcomes") else None
            if trail is not None and (trail.owner or trail.due):
                gathers = None  # "- Set up a forum (Participation Lead, Oct 2025)": an action
        if gathers == "key":
            entry = _KEY_ENTRY.match(text)
            if entry is not None:
                key_entry(r, entry["short"], entry["full"].strip())
                r.used.add(block.line)
            return
        record = r.priority_record
        if gathers is not None and record is not None:
            if gathers == "measures":
                record.measures.append(text)
            else:
                record.outcome = f"{record.outcome}; {text}" if record.outcome else text
            r.used.add(block.line)
            return
        if gathers is not None:
            # under a finding, no priority to hold it: no action either; listed for a human
            what = "measure of success" if gathers == "measures" else "outcome"
            r.notes.append(
                Note(
                    block.line,
                    block.place,
                    text,
                    f"a {what} under a finding, not drafted as an action: add it to the"
                    " actions or objective it belongs to",
                )
            )
            return
        if r.labelled is not None and r.field is not None:
            labelled = label_of(text)
            if labelled is not None:
                r.fill(r.labelled, labelled[0], labelled[1])
                r.field = labelled[0]
            elif r.field is Role.MEASURE:
                r.labelled.measures.append(text)
            else:
                r.fill(r.labelled, r.field, text, more=True)
            r.used.add(block.line)
            return
        if self.item_action is not None and block.depth > self.mode_depth:
            field = label_of(text)
            if field is not None and field[0] is not Role.ACTION:
                # "- Recruit ..." then "  - Lead: Jo Bloggs", "  - Timescale: April 2025"
                r.fill(self.item_action, field[0], field[1])
                r.used.add(block.line)
                return
        found = finding_heading(text)
        scope_kind = r.scope_kind
        if self.mode == "findings" or (
            self.mode is None and scope_kind is not None and not r.finding
        ):
            kind = (self.mode_kind if self.mode == "findings" else scope_kind) or (
                FindingKind.AREA_FOR_IMPROVEMENT
            )
            lead = LEADING_REF.match(text)
            if found is not None:
                kind, text = found.kind, found.text
            elif lead is not None:
                text = lead.group(2)
            parent = self.item_finding
            restart = re.fullmatch(r"\d{1,2}\.", block.marker)
            if (
                restart is not None
                and parent is not None
                and (parent.number or "").isdigit()
                and int(block.marker[:-1]) <= int(parent.number or 0)
                and len(text.split()) <= 6
                and not text.rstrip().endswith(".")
                and block.depth <= self.mode_depth
            ):
                # "2. Our vision" after finding 4: the document's next section, not a finding
                self.mode, self.item_finding = None, None
                r.open_section(2)
                return
            number = (
                found.number
                if found is not None
                else (
                    lead.group(1).replace(" ", "")
                    if lead is not None
                    else block.marker.strip(".)(")
                    if block.numbered
                    else None
                )
            )
            if parent is not None and block.depth > self.mode_depth:
                k = 1 + sum(1 for f in r.findings.items if f.parent == parent.ref)
                r.findings.add(
                    FindingRec(
                        "",
                        FindingKind.DETAILED_FINDING,
                        text,
                        block.line,
                        f"{parent.number or parent.ref}.{k}",
                    ),
                    block.line,
                    parent=parent.ref,
                )
            else:
                self.mode_depth = block.depth
                self.item_finding = r.findings.add(
                    FindingRec("", kind, text, block.line, number), block.line
                )
            r.used.add(block.line)
            return
        if found is not None:
            added = r.finding_once(found, block.line)
            r.open_section(100, added.ref)
            r.used.add(block.line)
            return
        trail = trailing(text)
        inline = inline_fields(text) if trail is None else None
        in_actions = self.mode == "actions" or r.in_actions or bool(r.finding or r.priority)
        if not in_actions and trail is None and inline is None:
            return
        if self.item_action is not None and block.depth > self.mode_depth and in_actions:
            # under an action: a step of it, whether a lead-in ("We will:") or only the
            # priority or finding above announced the list
            if trail is not None and trail.due:
                # a step with its own date ("Agree the fields (Participation Lead, Aug 2024)")
                step = f"{trail.text} ({trail.owner})" if trail.owner else trail.text
                self.item_action.milestones.append((step, trail.due, trail.status))
            else:
                self.item_action.text = f"{self.item_action.text}; {text}"
            self.item_action.lines.append(block.line)
            r.used.add(block.line)
            return
        self.mode_depth = block.depth
        owner, due = (trail.owner, trail.due) if trail else ("", "")
        if trail is not None:
            text = trail.text
        elif inline is not None:
            text = inline[0]
            named = label_of(text)
            if named is not None and named[0] is Role.ACTION:
                text = named[1]  # "Action: Publish ...; Lead: ...": the action's own label
        start = action_start(text)
        ref = None
        if start is not None and start[0]:
            ref, text = start
        elif (
            (split := leading_ref(text)) is not None
            and (inline is not None or _DOTTED_REF.fullmatch(split[0]))
            and _TEXT_AFTER_REF.match(split[1])
        ):
            # "1.1 Recruit ... . Lead: ...": a structured line; "A2.1 Commission ...": a
            # bullet after its ref (a ref with no dot, "KS4 pupils", only on a structured line;
            # "1.5 days a week ...", "2.5 FTE ...": a quantity, no ref)
            ref, text = split
        if block.numbered and re.match(r"^\d{1,2}(\.\d{1,2})+$", block.marker.strip(".")):
            ref = block.marker.strip(".")
        written, text = refs_in_text(text)
        rec = r.new_action(text, block.line, block.place, ref=ref)
        r.link_written(rec, written)
        owner = owner or (self.mode_owner if self.mode == "actions" else "")
        if owner:
            rec.owners.append((owner, OwnerRole.RESPONSIBLE))
        rec.due = due or (self.mode_due if self.mode == "actions" else "")
        if ticked:
            rec.status = "Complete (ticked)"
        elif trail is not None and trail.status:
            rec.status = trail.status
        for role, value in inline[1] if inline is not None else ():
            r.fill(rec, role, value)
        if rec.due and not dated(rec.due):
            rec.due = date_in_sentence(rec.due) or rec.due
        self.item_action = rec
