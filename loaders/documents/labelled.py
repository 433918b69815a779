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
from loaders.documents.cells import PHASE, dated, phase_date
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


_ACTION_ALONE = re.compile(
    r"^\s*(?:(?:key\s+|improvement\s+)?action)\s*(?:no\.?\s*)?"
    r"(?P<ref>[A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)\s*[:.]?\s*$",
    re.I,
)
"""``Action A3.1`` on a line of its own: its fields (``What: …``, ``Who: …``) follow."""


def action_start(text: str) -> tuple[str | None, str] | None:
    """(ref, text) of a line starting a labelled action (``Action 1.1: …``), or None; the
    text is empty for the ref alone (``Action A3.1``), its fields below it.

    >>> action_start("Action A3.1")
    ('A3.1', '')
    """
    alone = _ACTION_ALONE.match(text)
    if alone is not None:
        return alone["ref"], ""
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
    r"^(?P<text>.*?\S)\s*(?:\((?P<paren>(?:[^()]|\([^()]*\))*)\)|\[(?P<square>[^\[\]]*)\]"
    r"|\s[–—-]\s*(?P<dash>(?:lead|owner|responsible)\b.*))\s*\.?$",
    re.I,
)
"""A bracket (round, holding at most one bracket of its own, or square) or a dash and an
owner's label ending the text."""
_PART = re.compile(
    r"^\s*(?:(?P<who>(?:leads?|owners?|responsible(?: officers?)?)\s*[:-]|led by\b)\s*(?P<name>.+)|"
    r"(?P<when>(?:due|by|deadline|timescale|date)\b\s*:?\s*.+)|"
    r"(?:status|rag|progress)\s*:\s*(?P<state>.+))$",
    re.I,
)
_WHEN_LABEL = re.compile(r"^(?:(?:due|deadline|timescale|date)\s*:?|by\s*:)\s*", re.I)
"""The label of a due date, left out of it (``by June`` keeps its ``by``)."""
_PIECES = re.compile(r"(\s*;\s*|\s*,\s*|\s+[–—-]\s+)")
"""What separates a trail's parts: a semicolon, a comma, a spaced dash."""
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


def _unlabelled_owner(owner: str) -> bool:
    """Whether the unlabelled start of a bracket reads as who owns the action (``Head of
    SEND``, ``Anna Kowalski, PfA Lead``), not as words of the action (``see Appendix 2``,
    ``Phase 1``, ``Autumn``): capitalised, short, no number of its own, no season or month."""
    words = owner.split()
    return (
        bool(words)
        and owner[0].isupper()
        and len(words) <= 14
        and re.search(r"(?<![\w-])\d+(?![\w-])", owner) is None
        and not dated(f"{words[-1]} 2025")
    )


def trailing(text: str) -> Trail | None:
    """The text, owner, due and status of ``Do X (lead: Name, by June 2020)``, ``Do X (Leads:
    A and B; by May 2025; complete)``, ``Do X – Lead: Name; due March 2024``, or of a bracket
    or dashes without labels, the owner then the date (``Do X (Head of SEND, March 2025)``,
    ``Do X [Name, Post; Q3 2024/25]``, ``Do X – Head of SEND – Sept 2024 – Complete``); None
    when the text ends in none of these.

    A part of the trail that is a date (``ongoing from May 2024``), also after the phase it
    belongs to (``Phase 1: Sept 2024``, ``Stage 2 - Jan 2025``), is the due, a status word
    the status; other parts continue the owner, joined as written (``Name, Post, Org``).

    >>> trailing("Agree a pathway (Designated Clinical Officer (DCO), NHS ICB, Q3 2024/25)")[1:3]
    ('Designated Clinical Officer (DCO), NHS ICB', 'Q3 2024/25')
    >>> trailing("Audit plans – Lead: Ann Lee, Head of QA – By: Nov 2024 – Green")[1:]
    ('Ann Lee, Head of QA', 'Nov 2024', 'Green')
    >>> trailing("Hold events (see Appendix 2, March 2025)") is None
    True
    >>> trailing("Hubs – open two – Head of SEND, NHS ICB – Sept 2024 – Complete")
    Trail(text='Hubs – open two', owner='Head of SEND, NHS ICB', due='Sept 2024', status='Complete')
    """
    match = _TRAIL.match(text)
    if match is not None:
        inner = match.group("paren") or match.group("square") or match.group("dash") or ""
        parts = _trail_parts(inner)
        if parts is not None:
            return Trail(match.group("text").strip(" .,;–-"), *parts)
    for dash in _SPACED_DASH.finditer(text):  # "Do X – Head of SEND – Sept 2024"
        parts = _trail_parts(text[dash.end() :], labels=False)
        if parts is not None and text[: dash.start()].strip():
            return Trail(text[: dash.start()].strip(" .,;"), *parts)
    return None


_SPACED_DASH = re.compile(r"\s[–—-]\s")


def _trail_parts(inner: str, labels: bool = True) -> tuple[str, str, str] | None:
    """(owner, due, status) of the parts of a trail (:func:`trailing`), or None when they do
    not read as one: without labels (or with ``labels`` False), an owner then a date."""
    tokens = _PIECES.split(inner)
    labelled = labels and any(_PART.match(piece) for piece in tokens[::2])
    owner, due, status, after_date = "", "", "", False
    for i in range(0, len(tokens), 2):
        piece, sep = tokens[i].strip(), (tokens[i - 1].strip() if i else "")
        part = _PART.match(piece) if labelled else None
        if part is not None:
            if part.group("who"):
                owner = part.group("name").strip(" .,;")
            elif part.group("state"):
                status = part.group("state").strip(" .")
            else:
                when = part.group("when").strip(" .,;")
                after_date = True
                due = _WHEN_LABEL.sub("", when)
            continue
        if (
            PHASE.fullmatch(piece)
            and i + 2 < len(tokens)
            and dated(tokens[i + 2].strip(" ."))
            and tokens[i + 1].strip() not in (",", ";")
        ):
            continue  # "Stage 2 - Jan 2025": the phase the date after it belongs to
        if dated(piece) or phase_date(piece):
            due, after_date = phase_date(piece) or piece.strip(" ."), True
        elif status_word(piece):
            status, after_date = piece.strip(" ."), True
        elif piece:
            glue = {",": ", ", ";": "; "}.get(sep, " - ")
            if after_date and not labelled:
                return None  # words after the date: a sentence in brackets, not a trail
            if after_date:
                due = f"{due}{glue}{piece}"  # "by March 2025, reviewed termly"
            elif owner or not labelled:
                owner = f"{owner}{glue}{piece}" if owner else piece
    if not due and not (labelled and owner):
        return None
    if not labelled and not _unlabelled_owner(owner):
        return None
    return owner, due, status


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


TEXT_AFTER_REF = r"(?!(?:FTE|WTE)\b)[A-Z(‘'\"“]"
"""How an action's text starts after its ref: a capital, a bracket or a quote, and no unit of
staff (``FTE``, ``WTE``). ``1.5 days a week …`` and ``2.5 FTE psychologists …`` start with a
quantity, not a ref."""
_NUMBERED = re.compile(
    r"^\s*(?P<ref>(?:[A-Z]{1,3}-?)?\d{1,2}\.\d{1,2}[a-z]?)[.:)]?(?:\s*\|\s*|\s+)"
    rf"(?P<text>{TEXT_AFTER_REF}.{{8,}})$"
)
"""``1.1 Recruit …``, ``A1.1 Recruit …``, ``1.1. Recruit …``, and ``1.1 | Recruit …`` (a ref
and its action in two cells of a row: Word's numbering pasted with a tab)."""


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
