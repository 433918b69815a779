"""Labelled fields: ``Label: value`` lines of a labelled action list, and the owner and
due written after a bullet action.

>>> label_of("Responsible officer (action lead): Jo Bloggs")
(<Role.OWNER: 'owner'>, 'Jo Bloggs')
>>> label_of("Senior responsible officer (accountable): Ann Lee")[0].value
'accountable'
>>> action_start("Action 1.1: Publish the local offer")
('1.1', 'Publish the local offer')
>>> trailing("Train all SENCOs (lead: Jo Bloggs, by June 2020)")
('Train all SENCOs', 'Jo Bloggs', 'by June 2020')
>>> trailing("Refresh the JSNA – Lead: Public Health; due March 2024")
('Refresh the JSNA', 'Public Health', 'March 2024')
>>> text, fields = inline_fields("Recruit three EHC coordinators. Lead: Head of SEND. "
...     "By: October 2024. Status: Complete")
>>> text, [role.value for role, _ in fields], fields[1][1]
('Recruit three EHC coordinators', ['owner', 'due', 'status'], 'October 2024')
"""

from __future__ import annotations

import re

from loaders.documents.cells import dated
from loaders.documents.roles import Role, role_of_header

__all__ = ["action_start", "inline_fields", "label_of", "trailing"]

_LABEL = re.compile(r"^\s*([A-Z][\w ()/’'&.,-]{0,70}?)\s*[:–—]\s*(.*)$")
_ACTION = re.compile(
    r"^\s*(?:(?:key\s+|improvement\s+)?action|step|task)\s*(?:no\.?\s*)?"
    r"([A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)?\s*[:.)–—-]\s*(\S.*)$",
    re.I,
)


def action_start(text: str) -> tuple[str | None, str] | None:
    """(ref, text) of a line starting a labelled action (``Action 1.1: …``), or None."""
    match = _ACTION.match(text)
    if match is None:
        return None
    ref, rest = match.group(1), match.group(2).strip()
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
    r"^\s*(?:(?P<who>lead|leads|owner|responsible|led by)\s*[:-]?\s*(?P<name>.+)|"
    r"(?P<when>(?:due|by|deadline|timescale|date)\b\s*:?\s*.+))$",
    re.I,
)


def trailing(text: str) -> tuple[str, str, str] | None:
    """(text, owner, due) of ``Do X (lead: Name, by June 2020)`` or ``Do X – Lead: Name;
    due March 2024``; None when the text ends in neither."""
    match = _TRAIL.match(text)
    if match is None:
        return None
    inner = match.group("paren") or match.group("dash") or ""
    owner, due = "", ""
    pieces = re.split(
        r"\s*[;,]\s*(?=(?:due|by|deadline|timescale|date|lead|owner)\b)", inner, flags=re.I
    )
    for piece in pieces:
        part = _PART.match(piece)
        if part is None:
            if dated(piece):
                due = piece.strip()
            elif owner:
                owner = f"{owner}, {piece.strip()}"
            continue
        if part.group("who"):
            owner = part.group("name").strip(" .,;")
        else:
            when = part.group("when").strip(" .,;")
            when = re.sub(r"^(?:due|deadline|timescale|date)\s*:?\s*", "", when, flags=re.I)
            due = when
    if not owner and not due:
        return None
    return match.group("text").strip(" .,;–-"), owner, due


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
