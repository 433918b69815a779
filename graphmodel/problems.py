"""The one registry of problem codes: every code a loader, the integrity checks, a gate or an
audit rule can give, with its stage, severity, a one-line meaning and the fix.

Call sites make a problem with :func:`problem`, which takes the severity from here (so one
code never has two severities by accident) and refuses a code that is not registered.
``actiongraph validate --list-codes`` prints :data:`CODES`; ``--ignore`` checks its codes
against them. Rule codes (stage ``audit``) are what :class:`queries.rules.Rule` checks;
``status.unknown`` is both a load warning and a rule.

>>> p = problem("ref.unknown", "no action has ref 'A-99'", field="depends_on", value="A-99")
>>> p.severity.value, load_code("schema.missing").code, load_code("ref.unknown").fix[:20]
('error', 'schema.*', 'correct the ref, or ')
>>> [(c.stage.value, c.severity_text) for c in CODES if c.code == "status.unknown"]
[('load', 'warning'), ('audit', 'rule')]
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import Enum

from graphmodel.errors import Place, Problem, Severity, UsageError

__all__ = [
    "CODES",
    "LOAD_CODES",
    "RULE_CODES",
    "Code",
    "Level",
    "Stage",
    "close_codes",
    "code_names",
    "is_ignored",
    "load_code",
    "parse_codes",
    "problem",
    "without",
]


class Stage(str, Enum):
    """When a code is given: ``load`` (reading a plan: every command, ``validate``) or
    ``audit`` (a plan rule of the audit)."""

    LOAD = "load"
    AUDIT = "audit"


class Level(str, Enum):
    """How bad: an ``error`` stops the plan loading, a ``warning`` is reported only, a
    ``rule`` is an audit finding (it fails the audit with ``--fail-on rules``)."""

    ERROR = "error"
    WARNING = "warning"
    RULE = "rule"


@dataclass(frozen=True)
class Code:
    """One registered code."""

    code: str
    stage: Stage
    severity: Level
    """The severity every problem with this code gets, unless ``other`` applies."""
    meaning: str
    fix: str
    other: Level | None = None
    """The severity a named case gets instead (``meaning`` says which), or None."""

    @property
    def severity_text(self) -> str:
        """``error``, ``warning``, ``rule``, or ``error or warning`` when it depends."""
        if self.other is None:
            return self.severity.value
        order = list(Level)
        both = sorted((self.severity, self.other), key=order.index)
        return " or ".join(level.value for level in both)

    def allows(self, severity: Severity) -> bool:
        """Whether a problem with this code may have ``severity``."""
        return severity.value in (self.severity.value, getattr(self.other, "value", None))

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "stage": self.stage.value,
            "severity": self.severity_text,
            "meaning": self.meaning,
            "fix": self.fix,
        }


_E, _W, _R = Level.ERROR, Level.WARNING, Level.RULE


def _load(code: str, severity: Level, meaning: str, fix: str, other: Level | None = None) -> Code:
    return Code(code, Stage.LOAD, severity, meaning, fix, other)


def _rule(code: str, meaning: str, fix: str) -> Code:
    return Code(code, Stage.AUDIT, _R, meaning, fix)


_LOAD = [
    _load("file.missing", _E, "a plan named on the command line does not exist",
          "check the path (validate goes on with the other plans)"),
    _load("file.empty", _E, "the file holds no plan",
          "write at least area, title, findings and actions"),
    _load("file.binary", _E, "not a text file (it holds NUL bytes)",
          "give the plan as YAML, JSON, .xlsx or a folder of CSV files"),
    _load("file.encoding", _E, "not UTF-8 (a CSV file in Windows-1252 is read, with a warning)",
          "save the file as UTF-8 ('CSV UTF-8' in a spreadsheet)", _W),
    _load("file.not_a_plan", _E, "the file does not hold a mapping with area, title, ...",
          "write the plan as a mapping (see `actiongraph schema`)"),
    _load("file.not_folder", _E, "a CSV file given where a folder of CSV files is expected",
          "put the CSV files, one per sheet, in a folder and give the folder"),
    _load("file.too_deep", _E, "lists or mappings nested far deeper than any plan",
          "remove the extra nesting (a plan nests about five deep)"),
    _load("file.too_large", _E, "the file is above the size limit",
          "split the plan, or export it to JSON and load that"),
    _load("file.unreadable", _E, "the workbook or CSV file cannot be read",
          "save it again from the spreadsheet as .xlsx or 'CSV UTF-8'"),
    _load("yaml.syntax", _E, "not valid YAML (or a tag that would run code)",
          "correct the indentation, quotes or colons at the place given"),
    _load("yaml.duplicate_key", _E, "a key appears twice in one YAML mapping",
          "keep one of the two keys"),
    _load("json.syntax", _E, "not valid JSON",
          "check the commas, quotes and brackets at the place given"),
    _load("json.duplicate_key", _E, "a key appears twice in one JSON object",
          "keep one of the two keys"),
    _load("csv.delimiter", _W, "a CSV file separated by something other than commas",
          "save the sheet as 'CSV UTF-8' (comma-separated)"),
    _load("sheet.unknown", _W, "a sheet that is not part of a plan workbook (ignored)",
          "rename it to a plan sheet, or leave it: it is ignored"),
    _load("sheet.duplicate", _E, "two sheets for one part of the plan",
          "keep one of the two sheets"),
    _load("sheet.missing", _E, "no Findings or no Actions sheet",
          "add the sheet (a plan workbook needs Findings and Actions)"),
    _load("sheet.empty", _E, "a sheet without even a header row",
          "write at least the header row"),
    _load("column.unknown", _E, "a column that is not part of the sheet",
          "rename or remove the column"),
    _load("column.duplicate", _E, "a column that appears twice",
          "keep one of the two columns"),
    _load("column.missing", _E, "a required column is missing",
          "add the column to the header row"),
    _load("cell.no_header", _E, "a value in a column without a header",
          "add a header or clear the cell"),
    _load("cell.date", _W, "a cell typed as a date by the spreadsheet, read as that day",
          "format the column as Text and retype it"),
    _load("cell.numeric", _W, "a ref typed as a number by the spreadsheet",
          "format the column as Text and retype the refs"),
    _load("cell.several", _E, "several values where one is expected",
          "keep one (write '\\;' for a ';' inside a name)"),
    _load("cell.json", _E, "a cell that should hold JSON and does not",
          "write a scale name or a JSON object"),
    _load("cell.merged", _W, "merged cells: an error in a ref column, a warning elsewhere",
          "unmerge the cells and fill in each one", _E),
    _load("date.serial", _W,
          "a number in a date field read as an Excel date serial (45627 = 2024-12-01)",
          "format the cell as text and write the date as people do (Dec-24)"),
    _load("cell.excel_error", _E, "a cell that shows an Excel error (#REF!, #N/A, ...)",
          "correct the formula or clear the cell"),
    _load("cell.formula", _E, "a formula whose value was not saved",
          "open and save the workbook in Excel, or type the value"),
    _load("plan.unknown_key", _E, "an unknown key on the Plan sheet",
          "use one of the keys the message lists"),
    _load("plan.duplicate_key", _E, "a key given twice on the Plan sheet",
          "keep one row for the key"),
    _load("plan.defaulted", _W, "no area or title given: a default is used",
          "add a Plan sheet with the keys area and title"),
    _load("milestone.column", _E, "a milestone row fills a column only actions have",
          "clear the column, or clear parent_ref to make the row an action"),
    _load("milestone.parent", _E, "a milestone row's parent_ref is the ref of no action",
          "correct parent_ref to the ref of its action"),
    _load("objective.conflict", _E, "one objective ref with different texts on two rows",
          "make the two texts the same"),
    _load("measure.conflict", _E, "one measure ref with a different text, baseline or "
          "target on two rows", "make them the same"),
    _load("measure.several", _E, "a row with several measure refs also gives a measure's "
          "text, baseline or target", "put those on the Measures sheet"),
    _load("measure.no_text", _E, "a baseline or target with no measure text",
          "write the measure's text in the measure column"),
    _load("name.created", _W, "a name that matches nobody known: a new person or body is "
          "created", "add the person or body to People, Organisations or Boards, or correct "
          "the spelling"),
    _load("name.split", _W, "one cell read as several names",
          "check the names were split where you meant (separate them with ';')"),
    _load("name.blank", _W, "a name cell that names nobody", "write a name or clear the cell"),
    _load("name.ambiguous", _E, "a name that could be several people or bodies",
          "write the name in full, or the ref"),
    _load("name.kind", _E, "a name of the wrong kind for its column",
          "name a person, organisation or board as the column expects"),
    _load("schema.*", _E, "a field missing, unknown or of the wrong type (pydantic's error "
          "type)", "correct the field as the message says (see `actiongraph schema`)"),
    _load("ref.duplicate", _E, "two entities of one kind share a ref",
          "give each a ref of its own"),
    _load("ref.unknown", _E, "a ref points at no entity of the expected kind",
          "correct the ref, or add the entity it names"),
    _load("ref.repeated", _W, "a list names the same ref twice", "remove the repeat"),
    _load("cycle.depends_on", _W, "actions depend on each other in a circle",
          "remove one of the depends_on in the circle"),
    _load("cycle.reports_to", _W, "boards report to each other in a circle",
          "remove one of the reports_to in the circle"),
    _load("cycle.parent", _E, "findings are each other's parents",
          "remove one of the parents in the circle"),
    _load("date.invalid", _E, "a day that does not exist (2024-02-30)",
          "correct the day (2024-03-31 or 31/03/2024, day first)"),
    _load("date.unparsed", _W, "a date text that is not a period; kept as text",
          "write it like 'Dec-23', 'March 2019', 'Q3 2024' or '2024-03-31'"),
    _load("date.start_after_due", _W, "an action starts after its due period ends",
          "swap or correct the dates (a start and a due written the wrong way round)"),
    _load("finding.handled_by", _W, "a finding's handled_by is a placeholder (-, n/a, none)",
          "clear it, or name the plan that answers the finding"),
    _load("status.unknown", _W, "a status cell with no word of the plan's status scale",
          "add the word under status_scale.words or use a word the scale knows"),
    _load("link.reason", _W, "an inferred link (dependency, finding, owner) gives no reason",
          'add reason: "why" to the link'),
]  # fmt: skip

_RULES = [
    _rule("priority.sponsor", "a priority (workstream) with no sponsor",
          "name the priority's sponsor"),
    _rule("priority.lead", "a priority with no lead", "name the priority's lead"),
    _rule("action.owner", "an action with no responsible or accountable owner",
          "name who is responsible for the action"),
    _rule("action.due", "an action with no due period", "give the action a due period"),
    _rule("measure.baseline", "a measure with no baseline", "give the measure a baseline"),
    _rule("measure.target", "a measure with no target", "give the measure a target"),
    _rule("action.stale_status", "--as-of: waiting or not started after its due period ended",
          "update the status, or move the due date and say why"),
    _rule("status.overdue_on_track", "--as-of: rated on track after its due period ended",
          "rate it as it is (complete, delayed, ...) or move the due date and say why"),
    _rule("status.complete_undated", "rated complete with no due or completion date",
          "give the due period or write the date in the status (Completed Oct 17)"),
    _rule("status.late_start", "--as-of: rated not started after its start period ended",
          "update the status, or move the start and say why"),
    _rule("status.unknown", "a status word the plan's status scale does not know",
          "add the word under status_scale.words or use a word the scale knows"),
    _rule("dates.moved_silently", "versions: due moved later while rated on track in both",
          "rate the action delayed or at risk when its due moves"),
    _rule("status.stuck", "versions: the same open status for three versions while overdue",
          "update the status, or replan the action"),
]  # fmt: skip

LOAD_CODES: dict[str, Code] = {c.code: c for c in _LOAD}
"""Load problem codes by code (``schema.*`` stands for every pydantic error type)."""
RULE_CODES: dict[str, Code] = {c.code: c for c in _RULES}
"""Audit rule codes by code (the values of :class:`queries.rules.Rule`)."""
CODES: tuple[Code, ...] = (*_LOAD, *_RULES)
"""Every code, load codes first, as ``validate --list-codes`` lists them."""


def load_code(code: str) -> Code:
    """The registered load code ``code`` (``schema.X`` is ``schema.*``); KeyError if none."""
    found = LOAD_CODES.get("schema.*" if code.startswith("schema.") else code)
    if found is None:
        raise KeyError(f"problem code {code!r} is not registered in graphmodel.problems")
    return found


def problem(
    code: str,
    message: str,
    file: str | None = None,
    place: Place | None = None,
    field: str | None = None,
    value: object = None,
    loc: tuple[str | int, ...] = (),
    *,
    severity: Severity | None = None,
) -> Problem:
    """A :class:`Problem` with the registered ``code`` and the registry's severity;
    ``severity`` chooses the other one for a code whose severity depends on the case
    (``cell.merged`` in a ref column is an error)."""
    entry = load_code(code)
    if severity is None:
        severity = Severity(entry.severity.value)
    elif not entry.allows(severity):
        raise ValueError(f"{code} is never a {severity.value}")
    return Problem(code, severity, message, file, place or Place(), field, value, loc)


def code_names() -> list[str]:
    """Every code a user can name (``--ignore``), sorted and without repeats."""
    return sorted({c.code for c in CODES})


def close_codes(name: str) -> list[str]:
    """The registered codes a misspelt ``name`` may mean: the closest three, and every code
    whose part after the dot is ``name``.

    >>> close_codes("action.ownr"), close_codes("stuck")
    (['action.owner'], ['status.stuck'])
    """
    names = code_names()
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.7)
    return list(dict.fromkeys([*close, *(c for c in names if c.partition(".")[2] == name)]))


def parse_codes(values: Iterable[str], option: str = "--ignore") -> frozenset[str]:
    """Codes given as repeated options and comma lists, each checked against the registry
    (``schema.X`` is any pydantic error type); :class:`UsageError` names the unknown ones
    and their close matches.

    >>> sorted(parse_codes(["ref.unknown,name.created", "action.owner"]))
    ['action.owner', 'name.created', 'ref.unknown']
    >>> parse_codes(["ref.unknwn"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graphmodel.errors.UsageError: --ignore: unknown code 'ref.unknwn' (did you mean ref.unknown?)...
    """
    known = set(code_names())
    out: set[str] = set()
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            if name not in known and not (name.startswith("schema.") and len(name) > 7):
                close = close_codes(name)
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                raise UsageError(
                    f"{option}: unknown code {name!r}{hint}; see validate --list-codes"
                )
            out.add(name)
    return frozenset(out)


def is_ignored(code: str, ignore: Collection[str]) -> bool:
    """Whether a problem or rule ``code`` is one of ``ignore`` (``schema.*`` names every
    ``schema.`` code)."""
    return code in ignore or (code.startswith("schema.") and "schema.*" in ignore)


def without(problems: Iterable[Problem], ignore: Collection[str]) -> list[Problem]:
    """``problems`` less those whose code is ignored.

    >>> [p.code for p in without([problem("ref.repeated", "twice")], {"ref.repeated"})]
    []
    """
    return [p for p in problems if not is_ignored(p.code, ignore)]
