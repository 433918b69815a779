"""Status cells read through a plan's own status scale.

Every plan rates progress its own way (Red is "not started/risk" in one plan and
"significantly delayed" in another). A plan declares a :class:`StatusScale`; reading a cell
gives a :class:`StatusReading` that keeps the text as written, the normalised
:class:`Status`, the scale word that matched, a date and a note.

How a cell is read:

* Case does not matter; runs of whitespace, dashes (``-``, ``–``, ``—``) and underscores all
  count as one space, so ``on_track``, ``On-track`` and ``ON  TRACK`` are the same word.
  Markup left by text extraction (``<p>Sept 2019</p>``) is ignored.
* The **longest** word of the scale that the cell **starts with** wins, whole words only:
  ``Completed and in place`` beats ``Completed``; ``Not started`` is not ``Started``.
* Date phrases (``Complete by``, ``Implement in``, ``Commence in``, ``Due``, ``By``, ...)
  are not status words: ``Complete by Dec 18`` states a target, not progress, so its
  value is None and its date is "by the end of Dec 2018".
* After the word, a leading dash, colon or comma is dropped. If the rest is a dated
  period (:func:`~graphmodel.periods.parse_period`) it is the ``date``: ``Completed and in
  place – Jan 18`` is Jan 2018; ``In progress Complete by Aug 18`` is by the end of Aug 2018.
  Else a date phrase followed by a date (``Implement in Jun 2018``), or the last one to
  three words, may be the date. What is left is the ``note`` (``In progress Implement in
  June``: June alone has no year, so all of ``Implement in June`` is the note).
* The column's name written before the status (``RAG: Amber``, ``Status: on track``) is
  skipped.
* A cell starting with two colours (``Green/Amber``, ``Amber - Red 12/05/25``: a rating
  between two) is read as the worse of them, in the order blue, green, amber, red,
  whichever is written first; a date or note may follow.
* A cell that is only a colour's initial (``G``, ``A``, ``R``, ``B``: trackers' RAG columns)
  is that colour, in a scale that knows colours; a letter starting a longer cell is not.
* A cell that is only a date (Peterborough's ``BRAG + date`` column lost its colours)
  has value None and a date. A word the scale does not know has value None.
* Blank cells read as None. Reading never raises.

A scale named ``brag``, ``bragg`` or ``rag`` knows its colours *and* every generic word of
``words``; where a plan's key defines a word, the key's meaning wins (Warrington's BRAGG
key makes "In progress" Amber, at_risk, and "Not started" Grey, waiting). A scale with a
name of its own starts from ``words``. ``words`` of the scale add or override words.

=========  ========  ========  =======  =======  =======
scale      blue      green     amber    red      grey
=========  ========  ========  =======  =======  =======
brag       complete  on_track  delayed  at_risk
bragg      complete  on_track  at_risk  delayed  waiting
rag        complete  on_track  at_risk  delayed
=========  ========  ========  =======  =======  =======

Yellow (Smartsheet's name for amber) is amber in every scale of colours.

Generic words: complete (done, closed, delivered, completed and in place/post/embedded),
on_track (in progress, ongoing, underway, working on it), at_risk (at risk, not on track,
stuck), delayed
(significantly delayed, overdue, behind schedule), not_started (pending, planned, not yet
started, still to do, yet to start), waiting (on hold, dependent, awaiting), cancelled (withdrawn,
superseded); :data:`BUILTIN_SCALES` lists them all.

>>> scale = scale_named("rag")
>>> r = scale.read("Completed and in place – Jan 18")
>>> r.value, r.word, r.date.start.isoformat(), r.note
(<Status.COMPLETE: 'complete'>, 'Completed and in place', '2018-01-01', '')
>>> r = scale.read("In progress Implement in June")
>>> r.value.value, r.word, r.date, r.note
('on_track', 'In progress', None, 'Implement in June')
>>> scale_named("bragg").read("Grey").value.value, scale_named("brag").read("Red").value.value
('waiting', 'at_risk')
>>> scale.read("G").value.value, scale.read("a").value.value, scale.read("A review").value
('on_track', 'at_risk', None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, field_validator

from graphmodel.errors import UnknownScaleError
from graphmodel.periods import Period, parse_period

__all__ = ["BUILTIN_SCALES", "DATE_PHRASES", "Status", "StatusReading", "StatusScale"]
__all__ += ["COLOURS", "UnknownScaleError", "scale_named", "two_colours"]


class Status(str, Enum):
    """The normalised progress of an action or milestone."""

    COMPLETE = "complete"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    DELAYED = "delayed"
    NOT_STARTED = "not_started"
    WAITING = "waiting"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Still to be delivered: neither complete nor cancelled."""
        return self not in (Status.COMPLETE, Status.CANCELLED)


_SPACE = re.compile(r"[\s\-‐‑‒–—―−_]")
_TAG = re.compile(r"<[^<>]*>")
_LEAD = " \t\r\n-‐‑‒–—―−:;,/"


def _norm(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with space-like runs as one space; and each char's index in text."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _SPACE.match(ch):
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        for low in ch.lower():
            out.append(low)
            where.append(i)
    return "".join(out), where


@lru_cache(maxsize=4096)  # a scale's name is keyed for every cell it reads
def _key(word: str) -> str:
    return _norm(word)[0].strip()


def _words(*groups: tuple[Status, str]) -> dict[str, Status]:
    return {_key(w): status for status, words in groups for w in words.split(",")}


_S = Status
# Generic words (the ``words`` scale), from the seed plans' cells and keys.
_GENERIC = _words(
    # Cheshire East cells "Completed", "Completed and in place", "Completed and in post";
    # Warrington BRAGG Blue "Action completed and embedded"; Wirral "What we have delivered".
    (_S.COMPLETE, "complete,completed,done,closed,finished,achieved,delivered"),
    (_S.COMPLETE, "completed and in place,completed and in post,completed and embedded"),
    # Cheshire East's key: "not yet completed, but on track"; cells "In progress", "Ongoing".
    (_S.ON_TRACK, "on track,in progress,ongoing,underway,under way,started,progressing"),
    # Monday.com's default labels: "Working on it", "Stuck", "Done".
    (_S.ON_TRACK, "working on it"),
    (_S.AT_RISK, "stuck"),
    # Cheshire East's key: "Action not on track, risk to implementation".
    (_S.AT_RISK, "at risk,risk,not on track,off track,risk to implementation"),
    # Peterborough Amber "behind schedule"; Warrington Red "Action significantly delayed".
    (_S.DELAYED, "delayed,significantly delayed,overdue,behind schedule,late,slipped"),
    # Cheshire East cells "Not started", "Pending" and key "Longer-term action, not yet
    # started"; Wirral "What we still need to do" (not claimed to be under way).
    (_S.NOT_STARTED, "not started,not yet started,pending,planned,longer-term action"),
    (_S.NOT_STARTED, "to do,still to do,still need to do,yet to start,yet to commence"),
    # Warrington Grey "dependent on or waiting other actions to be completed".
    (_S.WAITING, "waiting,on hold,dependent,awaiting,paused,blocked"),
    (_S.CANCELLED, "cancelled,canceled,withdrawn,superseded,dropped,no longer required"),
)


def _colours(blue: Status, green: Status, amber: Status, red: Status) -> dict[str, Status]:
    # Smartsheet's RAG symbols name amber "Yellow"
    return {"blue": blue, "green": green, "amber": amber, "yellow": amber, "red": red}


BUILTIN_SCALES: dict[str, dict[str, Status]] = {
    "words": _GENERIC,
    # Peterborough: "Blue – complete, Green – on track, Amber – behind schedule,
    # Red – not started/risk". Amber is literally late (delayed). Red merges "not started" and
    # "risk"; a red rating flags concern, so it is at_risk (not_started would hide the flag),
    # while a cell that says "Not started" in words keeps that meaning.
    "brag": _GENERIC | _colours(_S.COMPLETE, _S.ON_TRACK, _S.DELAYED, _S.AT_RISK),
    # Warrington: Blue "completed and embedded", Green "on track", Amber "Action in progress"
    # (short of on track, not yet significantly delayed: at_risk), Red "significantly
    # delayed", Grey "not yet started as dependent on or waiting other actions". Its key has
    # no other not-started grade, so "in progress" is Amber and "not started" is Grey here.
    "bragg": _GENERIC
    | _colours(_S.COMPLETE, _S.ON_TRACK, _S.AT_RISK, _S.DELAYED)
    | _words((_S.AT_RISK, "in progress"), (_S.WAITING, "grey,gray,not started,not yet started")),
    # Cheshire East's RAG key lost its colours in extraction (completed / on track / not on
    # track, risk / longer-term, not started: its words are generic); colours follow the
    # common convention, with Blue for completed as in the BRAG plans.
    "rag": _GENERIC | _colours(_S.COMPLETE, _S.ON_TRACK, _S.AT_RISK, _S.DELAYED),
}

DATE_PHRASES: tuple[str, ...] = (
    *("complete by", "completion by", "to complete by", "implement in", "implement by"),
    *("commence in", "commence by", "start in", "start by", "due", "due by", "due in", "by"),
    *("from", "target", "target date", "deadline"),
)
"""Words that introduce a date, not a status (Cheshire East ``Complete by Dec 18``)."""


@dataclass(frozen=True)
class StatusReading:
    """What a status cell says."""

    text: str
    value: Status | None
    word: str | None
    date: Period | None
    note: str


class StatusScale(BaseModel):
    """A plan's status scale: a built-in ``name`` plus the plan's own ``words``.

    >>> scale = StatusScale(name="wirral", words={"Still to do": "not_started"})
    >>> scale.read("still TO-do").value, scale.read("Delivered").value.value
    (<Status.NOT_STARTED: 'not_started'>, 'complete')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    words: dict[str, Status] = {}

    @field_validator("words")
    @classmethod
    def _words_not_blank(cls, words: dict[str, Status]) -> dict[str, Status]:
        if any(not _key(w) for w in words):
            raise ValueError("a status word cannot be blank")
        return words

    def words_in_effect(self) -> dict[str, Status]:
        """Every word this scale knows (lower case, one space), the plan's words last."""
        base = BUILTIN_SCALES.get(_key(self.name), _GENERIC)
        return base | {_key(w): s for w, s in self.words.items()}

    def read(self, text: str | None) -> StatusReading | None:
        """Read one status cell; None for a blank cell. Never raises."""
        if text is None:
            return None
        return _read(_key(self.name), tuple(self.words.items()), text)


# Plans repeat a handful of status cells hundreds of times, and each cell is read twice (the
# integrity check, then the graph); readings are immutable, so one per distinct cell is kept.
@lru_cache(maxsize=16384)
def _read(name: str, words: tuple[tuple[str, Status], ...], text: str) -> StatusReading | None:
    clean = _LABEL.sub("", _TAG.sub(" ", text), count=1)
    if not clean.strip():
        return None
    table = _table(name, words)
    letter = _LETTERS.get(_key(clean).rstrip("."))
    if letter is not None:  # a RAG column of initials: "G", "A", "R", "B"
        value = dict(table).get(letter)
        if value is not None:
            return StatusReading(text=text, value=value, word=clean.strip(), date=None, note="")
    found = _match(clean, table)
    value, word, rest = None, None, clean
    if found is not None and found[1] is not None:
        value, word, rest = found[1], clean[: found[0]].strip(), clean[found[0] :]
        after = rest.lstrip(_LEAD)
        second = _match(after, table)
        if second is not None:  # "Green/Amber" is no better than "Amber/Green"
            pair = two_colours(dict(table)).get(f"{_key(word)} {_key(after[: second[0]])}")
            if pair is not None:
                end = len(clean) - len(after) + second[0]
                value, word, rest = pair, clean[:end].strip(), clean[end:]
    date, note = _date_and_note(rest)
    return StatusReading(text=text, value=value, word=word, date=date, note=note)


_LABEL = re.compile(r"^\s*(?:b?rag{1,2}|status|rating|progress)(?:\s+rating)?\s*:\s*", re.I)
"""The column's name written before the status in its cell: ``BRAG: Green``, ``Status: On
track``."""
_Table = tuple[tuple[str, Status | None], ...]  # longest word first; phrases are None
COLOURS = ("blue", "green", "amber", "red")
"""The rating colours from best to worst."""
_LETTERS = {colour[0]: colour for colour in COLOURS}
"""A cell that is only a colour's initial means the colour, in a scale that knows colours
(a single letter is never read at the start of a longer cell: ``A review is under way``)."""


@lru_cache(maxsize=64)
def _pairs(words: tuple[tuple[str, Status | None], ...]) -> dict[str, Status]:
    known = {word: status for word, status in words if status is not None}
    colours = [c for c in COLOURS if c in known]  # best to worst, whatever the words' order
    return {
        f"{a} {b}": known[max(a, b, key=COLOURS.index)] for a in colours for b in colours if a != b
    }


def two_colours(words: Mapping[str, Status | None]) -> dict[str, Status]:
    """A cell of two colours a scale's ``words`` know (``green amber`` for ``Green/Amber``,
    a rating between two) -> the status of the worse colour, whichever is written first.

    >>> two_colours(scale_named("rag").words_in_effect())["green amber"]
    <Status.AT_RISK: 'at_risk'>
    """
    return _pairs(tuple(sorted((w, s) for w, s in words.items() if w in COLOURS)))


_PHRASES: _Table = tuple((p, None) for p in sorted(DATE_PHRASES, key=len, reverse=True))


@lru_cache(maxsize=64)
def _table(name: str, words: tuple[tuple[str, Status], ...]) -> _Table:
    scale = StatusScale.model_construct(name=name, words=dict(words))
    table: dict[str, Status | None] = dict.fromkeys(DATE_PHRASES)
    table.update(scale.words_in_effect())
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _match(text: str, table: _Table) -> tuple[int, Status | None] | None:
    """(end of the longest table word text starts with, its value), or None."""
    norm, where = _norm(text)
    for key, value in table:
        if norm.startswith(key) and (len(norm) == len(key) or not norm[len(key)].isalnum()):
            return where[len(key) - 1] + 1, value
    return None


def _dated(text: str) -> Period | None:
    try:
        period = parse_period(text.strip())
    except ValueError:
        return None
    return period if period.is_dated else None


def _date_and_note(rest: str) -> tuple[Period | None, str]:
    rest = " ".join(rest.lstrip(_LEAD).split()).rstrip(".,;:")
    if not rest:
        return None, ""
    if (whole := _dated(rest)) is not None:
        return whole, ""
    phrase = _match(rest, _PHRASES)
    if phrase is not None and (date := _dated(rest[phrase[0] :].lstrip(_LEAD))) is not None:
        return date, rest[: phrase[0]]
    tokens = rest.split()
    for n in (3, 2, 1):
        if len(tokens) > n and (date := _dated(" ".join(tokens[-n:]))) is not None:
            return date, " ".join(tokens[:-n]).rstrip(_LEAD)
    return None, rest


def scale_named(name: str) -> StatusScale:
    """The built-in scale called ``name`` (any case).

    >>> scale_named("BRAG").name
    'brag'
    >>> scale_named("traffic lights")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphmodel.errors.UnknownScaleError: unknown status scale 'traffic lights'; known: words, ...
    """
    key = _key(name)
    if key not in BUILTIN_SCALES:
        known = ", ".join(BUILTIN_SCALES)
        raise UnknownScaleError(f"unknown status scale {name!r}; known: {known}")
    return StatusScale(name=key)
