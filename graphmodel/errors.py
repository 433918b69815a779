"""One exception root and one problem record for everything that can be wrong with a plan.

The project's exceptions live here too, under :class:`ActiongraphError` (the graph stores'
and the critical path's own are still in ``graphmodel/stores/settings.py`` and
``queries/critical_path.py``).

Every input problem -- a pydantic validation error, an unknown ref, a duplicate ref, an
unparseable date, a cell that could not be read -- becomes a :class:`Problem`: a stable
code users can filter on, the file, the place in it, the field, the value, and a message
that says what is expected. Loaders collect all of them before anything is reported;
only the CLI turns them into text and an exit status.

>>> p = Problem(code="ref.unknown", severity=Severity.ERROR, file="plan.yaml",
...             place=Place(line=12, column=5), field="depends_on",
...             value="A-99", message="no action has ref 'A-99'")
>>> str(p)
"plan.yaml:12:5: error [ref.unknown] depends_on='A-99': no action has ref 'A-99'"
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from graphmodel.serialise import JsonResult, json_meta


def loc_text(loc: tuple[str | int, ...]) -> str:
    """``("actions", 3, "owners")`` -> ``"actions[3].owners"``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def in_words(items: Sequence[str], none: str = "none", last: str = "and") -> str:
    """Names for a message, as a person writes them: ``a, b and c`` (``a, b or c`` with
    ``last="or"``); ``none`` for none.

    >>> in_words(["wirral", "warrington", "peterborough"]), in_words([])
    ('wirral, warrington and peterborough', 'none')
    >>> in_words(["wirral", "warrington"], last="or")
    'wirral or warrington'
    """
    if not items:
        return none
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


class Severity(str, Enum):
    """How bad a problem is: errors fail ``validate``; warnings are reported only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Place:
    """Where in a file: line/column for text formats, sheet/row/column for workbooks.

    Lines, columns and rows count from 1, as editors and spreadsheets show them.
    ``path`` is the entity path inside the plan (``actions[3].owners``) when known.
    """

    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    row: int | None = None
    cell_column: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            parts = [f"sheet {self.sheet}"]
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.cell_column is not None:
                parts.append(f"column {self.cell_column}")
            return ", ".join(parts)
        if self.line is not None:
            return f"{self.line}:{self.column}" if self.column is not None else f"{self.line}"
        return self.path or ""


def _known_parts(place: Place) -> dict[str, object]:
    return {k: v for k, v in vars(place).items() if v is not None}


def _scalar(value: object) -> object:
    return value if isinstance(value, (str, int, float, bool)) else None


@dataclass(frozen=True)
class Problem(JsonResult):
    """One thing wrong with a plan, located precisely enough to fix. In JSON: the place's
    known parts only, a value only when it is text, a number or a truth value, no ``loc``."""

    JSON_ORDER = ("code", "severity", "file", "place", "field", "value", "message")

    code: str
    severity: Severity
    message: str
    file: str | None = None
    place: Place = field(default_factory=Place, metadata=json_meta(encode=_known_parts))
    field: str | None = None
    value: object = dataclasses.field(default=None, metadata=json_meta(encode=_scalar))
    loc: tuple[str | int, ...] = ()
    """Path of the entity field in the plan model (``("actions", 3, "owners", 0)``)."""
    other: tuple[str | int, ...] = ()
    """Path of another entity the message names by that path (the first of two with one
    ref): once located, the message says where it is in the file too."""

    def located(self, file: str | None, place: Place, other: Place | None = None) -> Problem:
        """The same problem, placed in a file; ``other`` is where :attr:`other` is, added to
        the message after its path (``actions[0] (sheet Actions, row 2)``)."""
        message = self.message
        if self.other and other is not None and (other.sheet or other.line):
            path = loc_text(self.other)
            there = str(other) if other.sheet is not None else f"line {other.line}"
            message = message.replace(path, f"{path} ({there})", 1)
        return replace(self, file=file, place=place, message=message)

    def __str__(self) -> str:
        where = self.file or "<plan>"
        loc = str(self.place)
        if loc:
            where = f"{where}:{loc}" if self.place.sheet is None else f"{where} ({loc})"
        what = ""
        if self.field is not None:
            what = f" {self.field}"
            if self.value is not None:
                what += f"={_short(self.value)}"
        return f"{where}: {self.severity.value} [{self.code}]{what}: {self.message}"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ActiongraphError(Exception):
    """Root of every exception the library raises on purpose."""


class PlanError(ActiongraphError):
    """A plan could not be loaded; ``problems`` says every reason, each located."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid plan")


class UsageError(ActiongraphError, ValueError):
    """The caller asked for something impossible: an unknown format, a missing file, a ref or
    plan that is not there. The command line reports it in one line with exit status 2."""


class UnknownScaleError(UsageError, ValueError, LookupError):
    """No built-in status scale has this name (:func:`graphmodel.statuses.scale_named`)."""


class ConfigError(ActiongraphError):
    """An audit configuration that cannot be used; the message names the file and key
    (:mod:`queries.config`)."""


class CriticalPathError(UsageError):
    """An unknown plan, finding or ref, or a slip that cannot be read
    (:mod:`queries.critical_path`)."""


class StoreError(ActiongraphError):
    """Talking to the database failed; the message says what to check
    (:mod:`graphmodel.stores`)."""


class StoreUnavailable(StoreError):
    """No server answers at the URI."""


class StoreUnauthorized(StoreError):
    """The server refused the user name or password."""


class DatabaseNotFound(StoreError):
    """The server has no database of that name."""


class PlanNotFound(StoreError, UsageError):
    """The database holds no plan with that id."""
