"""Labelled fields: ``Label: value`` lines of a labelled action list, the owner, due and
status written after a bullet action, and an action written on one line after its ref.

>>> label_of("Responsible officer (action lead): Jo Bloggs")
(<Role.OWNER: 'owner'>, 'Jo Bloggs')
>>> label_of("Senior responsible officer (accountable): Ann Lee")[0].value
'accountable'
>>> action_start("Action 1.1: Publish the local offer")
('1.1', 'Publish the local offer')
>>> action_start("Action 1.1 Recruit three educational psychologists")
('1.1', 'Recruit three educational psychologists')
>>> trailing("Train all SENCOs (lead: Jo Bloggs, by June 2020)")
Trail(text='Train all SENCOs', owner='Jo Bloggs', due='by June 2020', status='')
>>> trailing("Refresh the JSNA – Lead: Public Health; due March 2024")[1:3]
('Public Health', 'March 2024')
>>> trailing("Map the directory (Leads: Head of SEND and PCF; by May 2025; complete)")[1:]
('Head of SEND and PCF', 'by May 2025', 'complete')
>>> text, fields = inline_fields("Recruit three EHC coordinators. Lead: Head of SEND. "
...     "By: October 2024. Status: Complete")
>>> text, [role.value for role, _ in fields], fields[1][1]
('Recruit three EHC coordinators', ['owner', 'due', 'status'], 'October 2024')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from graphmodel.statuses import StatusScale, scale_named
from loaders.documents.cells import dated
from loaders.documents.roles import Role, role_of_header

__all__ = ["ActionLine", "Trail", "action_start", "inline_fields", "label_of", "line_fields"]
__all__ += ["numbered_action", "status_word", "trailing"]

_LABEL = re.compile(r"^\s*([A-Z][\w ()/’'&.,-]{0,70}?)\s*[:–—]\s*(.*)$")
_ACTION = re.compile(
    r"^\s*(?:(?:key\s+|improvement\s+)?action|step|task)\s*(?:no\.?\s*)?"
    r"(?:([A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)?\s*[:.)–—-](?!\d)"
    r"|(?P<bare>[A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)\s+(?=(?-i:[A-Z])\S*\s+\S))\s*(\S.*)$",
    re.I,
)
"""``Action 1.1: …``, ``Step 2 – …``, and ``Action 1.1 Recruit …`` (a ref then words, no
colon: an outline's numbering)."""


def action_start(text: str) -> tuple[str | None, str] | None:
    """(ref, text) of a line starting a labelled action (``Action 1.1: …``), or None."""
    match = _ACTION.match(text)
    if match is None:
        return None
    ref, rest = match.group(1) or match.group("bare"), match.group(3).strip()
    lead = re.match(r"^(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)[.:)]?\s+(\S.*)$", rest)
    if ref is None and lead is not None:
        ref, rest = lead.group(1), lead.group(2)
    return ref, rest


def label_of(text: str) -> tuple[Role, str] | None:
    """(role, value) of a ``Label: value`` line whose label names a field, or None."""
    match = _LABEL.match(text)
    if match is None:
        return None
    label = match.group(1)
    if len(label.split()) > 8:
        return None
    if re.search(r"\baccountable\b|\bsenior responsible\b|\bsponsor\b|\bSRO\b", label, re.I):
        return Role.ACCOUNTABLE, match.group(2).strip()
    role = role_of_header(label)
    if role is Role.OTHER:
        return None
    return role, match.group(2).strip()


_TRAIL = re.compile(
    r"^(?P<text>.*?\S)\s*(?:\((?P<paren>[^()]*(?:lead|owner|by|due|responsible)[^()]*)\)"
    r"|\s[–—-]\s*(?P<dash>(?:lead|owner|responsible)\b.*))\s*\.?$",
    re.I,
)
_PART = re.compile(
    r"^\s*(?:(?P<who>leads?|owners?|responsible|led by)\b\s*[:-]?\s*(?P<name>.+)|"
    r"(?P<when>(?:due|by|deadline|timescale|date)\b\s*:?\s*.+))$",
    re.I,
)
_STATUS_WORDS = scale_named("rag")
"""The status words a bracket may end with (``complete``, ``on track``, ``Green``)."""


class Trail(NamedTuple):
    """An action's text and the owner, due and status written after it."""

    text: str
    owner: str
    due: str
    status: str


def status_word(text: str, scale: StatusScale = _STATUS_WORDS) -> bool:
    """Whether ``text`` is a word of ``scale`` and nothing more (``Complete``, ``On track``):
    no note and no date with it."""
    read = scale.read(text)
    return read is not None and read.value is not None and not read.note and read.date is None


def trailing(text: str) -> Trail | None:
    """The text, owner, due and status of ``Do X (lead: Name, by June 2020)``, ``Do X (Leads:
    A and B; by May 2025; complete)`` or ``Do X – Lead: Name; due March 2024``; None when the
    text ends in neither. A part of the bracket that is a date (``ongoing from May 2024``) is
    the due, a status word the status; other parts continue the owner."""
    match = _TRAIL.match(text)
    if match is None:
        return None
    inner = match.group("paren") or match.group("dash") or ""
    owner, due, status = "", "", ""
    pieces = re.split(
        r"\s*;\s*|\s*,\s*(?=(?:due|by|deadline|timescale|date|lead|owner)\b)", inner, flags=re.I
    )
    for piece in pieces:
        part = _PART.match(piece)
        if part is None:
            if dated(piece):
                due = piece.strip(" .")
            elif status_word(piece):
                status = piece.strip(" .")
            elif owner:
                owner = f"{owner}; {piece.strip()}"
            continue
        if part.group("who"):
            owner = part.group("name").strip(" .,;")
        else:
            when = part.group("when").strip(" .,;")
            when = re.sub(r"^(?:due|deadline|timescale|date)\s*:?\s*", "", when, flags=re.I)
            due = when
    if not owner and not due:
        return None
    return Trail(match.group("text").strip(" .,;–-"), owner, due, status)


_INLINE = re.compile(r"(?:(?<=[.;])|\s[–—-])\s+(?=[A-Z][\w ()/’'&-]{0,40}?\s*:\s*\S)")


def inline_fields(text: str) -> tuple[str, list[tuple[Role, str]]] | None:
    """(text, fields) of an action written on one line with its fields after it, each
    ``Label: value`` after a full stop, a semicolon or a dash (``Recruit ... . Lead: Head of
    SEND. By: October 2024. Status: Complete``); None unless at least two fields name an
    owner, a date or a status. A label names a field as a column header would
    (:func:`label_of`); ``By:`` is the due date."""
    pieces = _INLINE.split(text)
    if len(pieces) < 3:
        return None
    fields: list[tuple[Role, str]] = []
    for piece in pieces[1:]:
        piece = piece.strip().rstrip(".;")
        by = re.match(r"^by\s*:\s*(\S.*)$", piece, re.I)
        found = (Role.DUE, by.group(1)) if by else label_of(piece)
        if found is None:
            return None  # a sentence with a colon in it, not a field
        fields.append(found)
    useful = {Role.OWNER, Role.ACCOUNTABLE, Role.DUE, Role.STATUS, Role.START}
    if sum(1 for role, _ in fields if role in useful) < 2:
        return None
    return pieces[0].strip().rstrip(".;–—- "), fields


def line_fields(text: str) -> tuple[str, list[tuple[Role, str]]] | None:
    """(text, fields) of an action with its fields written after it on the line, in a
    bracket or after a dash (:func:`trailing`) or as labels (:func:`inline_fields`); None
    when it has none.

    >>> line_fields("Recruit two EPs (Owner: Head of SEND; Due: Oct 2024)")
    ('Recruit two EPs', [(<Role.OWNER: 'owner'>, 'Head of SEND'), (<Role.DUE: 'due'>, 'Oct 2024')])
    """
    trail = trailing(text)
    if trail is None:
        return inline_fields(text)
    fields = ((Role.OWNER, trail.owner), (Role.DUE, trail.due), (Role.STATUS, trail.status))
    return trail.text, [(role, value) for role, value in fields if value]


class ActionLine(NamedTuple):
    """An action written on one line after its ref, with the fields the line gives."""

    ref: str
    text: str
    fields: list[tuple[Role, str]]


_NUMBERED = re.compile(
    r"^\s*(?P<ref>\d{1,2}\.\d{1,2}[a-z]?)[.:)]?(?:\s*\|\s*|\s+)(?P<text>[A-Z(‘'\"“].{8,})$"
)
"""``1.1 Recruit …``, ``1.1. Recruit …``, and ``1.1 | Recruit …`` (a ref and its action in
two cells of a row: Word's numbering pasted with a tab)."""


def numbered_action(text: str) -> ActionLine | None:
    """The ref, text and fields of a line starting with an action's ref (``1.1``), or None.

    >>> line = numbered_action("1.2 Introduce a weekly meeting. Lead: Jo Bloggs. By: Sept 2024.")
    >>> line.ref, line.text, [(role.value, value) for role, value in line.fields]
    ('1.2', 'Introduce a weekly meeting', [('owner', 'Jo Bloggs'), ('due', 'Sept 2024')])
    >>> numbered_action("1.1 | Recruit four coordinators").fields
    []
    """
    match = _NUMBERED.match(text)
    if match is None:
        return None
    written = match.group("text")
    found = line_fields(written)
    if found is None:
        return ActionLine(match.group("ref"), written.strip(), [])
    return ActionLine(match.group("ref"), found[0], found[1])
