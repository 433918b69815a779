"""Every stable code of a problem found while loading a plan, with its severity and meaning.
``actiongraph validate --list-codes`` prints them with the audit's rule codes
(:class:`queries.rules.Rule`); users filter on them.

>>> [(c.code, c.stage, c.severity) for c in load_codes() if c.code == "status.unknown"]
[('status.unknown', 'load', 'warning')]
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LOAD_CODES", "Code", "load_codes"]


@dataclass(frozen=True)
class Code:
    code: str
    stage: str
    """``load`` (validate, every command) or ``audit`` (a plan rule of the audit)."""
    severity: str
    """``error`` or ``warning`` for load problems, ``rule`` for audit rules."""
    meaning: str

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "stage": self.stage,
            "severity": self.severity,
            "meaning": self.meaning,
        }


_E, _W, _X = "error", "warning", "error or warning"
LOAD_CODES: dict[str, tuple[str, str]] = {
    "file.empty": (_E, "the file holds no plan"),
    "file.binary": (_E, "not a text file (it holds NUL bytes)"),
    "file.encoding": (_X, "not UTF-8 (a CSV file in Windows-1252 is read, with a warning)"),
    "file.not_a_plan": (_E, "the file does not hold a mapping with area, title, ..."),
    "file.not_folder": (_E, "a CSV file given where a folder of CSV files is expected"),
    "file.too_deep": (_E, "lists or mappings nested far deeper than any plan"),
    "file.too_large": (_E, "the file is above the size limit"),
    "file.unreadable": (_E, "the workbook or CSV file cannot be read"),
    "yaml.syntax": (_E, "not valid YAML (or a tag that would run code)"),
    "yaml.duplicate_key": (_E, "a key appears twice in one YAML mapping"),
    "json.syntax": (_E, "not valid JSON"),
    "json.duplicate_key": (_E, "a key appears twice in one JSON object"),
    "csv.delimiter": (_W, "a CSV file separated by something other than commas"),
    "sheet.unknown": (_W, "a sheet that is not part of a plan workbook (ignored)"),
    "sheet.duplicate": (_E, "two sheets for one part of the plan"),
    "sheet.missing": (_E, "no Findings or no Actions sheet"),
    "sheet.empty": (_E, "a sheet without even a header row"),
    "column.unknown": (_E, "a column that is not part of the sheet"),
    "column.duplicate": (_E, "a column that appears twice"),
    "column.missing": (_E, "a required column is missing"),
    "cell.no_header": (_E, "a value in a column without a header"),
    "cell.date": (_W, "a cell typed as a date by the spreadsheet, read as that day"),
    "cell.numeric": (_W, "a ref typed as a number by the spreadsheet"),
    "cell.several": (_E, "several values where one is expected"),
    "cell.json": (_E, "a cell that should hold JSON and does not"),
    "cell.merged": (_X, "merged cells: an error in a ref column, a warning elsewhere"),
    "date.serial": (
        _W,
        "a number in a date field read as an Excel date serial (45627 = 2024-12-01)",
    ),
    "cell.excel_error": (_E, "a cell that shows an Excel error (#REF!, #N/A, ...)"),
    "cell.formula": (_X, "a formula whose value was not saved"),
    "plan.unknown_key": (_E, "an unknown key on the Plan sheet"),
    "plan.duplicate_key": (_E, "a key given twice on the Plan sheet"),
    "plan.defaulted": (_W, "no area or title given: a default is used"),
    "name.created": (_W, "a name that matches nobody known: a new person or body is created"),
    "name.split": (_W, "one cell read as several names"),
    "name.blank": (_W, "a name cell that names nobody"),
    "name.ambiguous": (_E, "a name that could be several people or bodies"),
    "name.kind": (_E, "a name of the wrong kind for its column"),
    "schema.*": (_E, "a field missing, unknown or of the wrong type (pydantic's error type)"),
    "ref.duplicate": (_E, "two entities of one kind share a ref"),
    "ref.unknown": (_E, "a ref points at no entity of the expected kind"),
    "ref.repeated": (_W, "a list names the same ref twice"),
    "cycle.depends_on": (_W, "actions depend on each other in a circle"),
    "cycle.reports_to": (_W, "boards report to each other in a circle"),
    "cycle.parent": (_E, "findings are each other's parents"),
    "date.invalid": (_E, "a day that does not exist (2024-02-30)"),
    "date.unparsed": (_W, "a date text that is not a period; kept as text"),
    "status.unknown": (_W, "a status cell with no word of the plan's status scale"),
}
"""Load problem codes: severity and meaning."""


def load_codes() -> list[Code]:
    """Every load problem code (``schema.*`` stands for pydantic's error types)."""
    return [
        Code(code, "load", severity, meaning) for code, (severity, meaning) in LOAD_CODES.items()
    ]
