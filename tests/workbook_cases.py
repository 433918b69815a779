"""Shared cases for the workbook tests (tests/test_workbook_*.py): small workbooks written
as users fill them in, a rich plan, and a round trip through each workbook format.

The canonical CSV folder tests/data/workbook/canonical/ is what the writer emits for the
contract example; rewrite it with ACTIONGRAPH_UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from graphmodel.errors import Severity
from graphmodel.model import (
    Plan,
)
from loaders.result import LoadResult
from loaders.workbook.csvdir import read_csv_dir, write_csv_dir
from loaders.workbook.xlsx import read_xlsx, write_xlsx

DATA = Path(__file__).parent / "data"
CONTRACT = DATA / "workbook" / "contract"
CANONICAL = DATA / "workbook" / "canonical"
UPDATE = os.environ.get("ACTIONGRAPH_UPDATE_GOLDEN") == "1"


def slow(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


Where = tuple[str, str | None, int | None, str | None]


def where(result: LoadResult, severity: Severity | None = None) -> list[Where]:
    """(code, sheet, row, column) of each problem, in order."""
    return [
        (p.code, p.place.sheet, p.place.row, p.place.cell_column)
        for p in result.problems
        if severity is None or p.severity is severity
    ]


def the(result: LoadResult, code: str) -> str:
    """The message of the only problem with ``code``."""
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [str(p) for p in result.problems]
    return found[0].message


def csv_folder(folder: Path, sheets: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sheets.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def xlsx_file(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook holding exactly these cell values (numbers and dates stay numbers and
    dates, strings starting with '=' become formulas, as when a user types them)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


MINIMAL_FINDINGS = [["ref", "kind", "text"], ["AFI-1", "area_for_improvement", "Slow plans"]]
MINIMAL_ACTIONS = [["ref", "action", "addresses"], ["1.1", "Triage", "AFI-1"]]


def minimal(**sheets: list[list[Any]]) -> dict[str, list[list[Any]]]:
    base = {"Plan": [["area", "X"], ["title", "T"]], "Findings": MINIMAL_FINDINGS}
    return base | {"Actions": MINIMAL_ACTIONS} | sheets


def read_minimal(tmp_path: Path, **sheets: list[list[Any]]) -> LoadResult:
    return read_xlsx(xlsx_file(tmp_path / "plan.xlsx", minimal(**sheets)))


# --- a rich plan, and round trips ----------------------------------------------------------


def rich_plan() -> Plan:
    return Plan.model_validate(
        {
            "id": "wirral-2024",
            "area": "Wirral",
            "title": "Priority action plan 🚀",
            "published": "Dec-23",
            "inspection": {
                "start": "March 2023",
                "end": {"text": "Spring 2023", "end": "2023-03-17", "precision": "day"},
                "inspectorates": ["Ofsted", "CQC; joint"],
                "report_published": "2023-05-02",
                "note": "re-visit",
            },
            "status_scale": {"name": "wirral", "words": {"Still to do": "not_started"}},
            "source": "https://example.org/plan.pdf",
            "note": "imported",
            "findings": [
                {"ref": "AFI-1", "kind": "significant_weakness", "text": "Slow; late plans"},
                {"ref": "AFI-1a", "kind": "detailed_finding", "text": " x ", "parent": "AFI-1"},
                {"ref": "1.10", "kind": "strength", "text": '=HYPERLINK("x")', "note": "n"},
            ],
            "priorities": [
                {
                    "ref": "P1",
                    "title": "EHC plans",
                    "outcome": "Timely\nplans",
                    "sponsor": "sian",
                    "leads": ["sam1", "sam2"],
                    "parent_reps": ["post-only"],
                    "delivery_partners": ["organisation:wbc", "board:spb", "person:lukasz"],
                    "reports_to": ["spb"],
                    "addresses": ["AFI-1"],
                    "measures": ["m1"],
                    "note": "P note",
                }
            ],
            "objectives": [
                {"ref": "P1.o1", "text": "Plans on time", "priority": "P1", "measures": ["m2"]},
                {"ref": "lonely", "text": "No actions", "addresses": ["AFI-1a"], "note": "o"},
            ],
            "actions": [
                {
                    "ref": "1.1",
                    "text": "Recruit coordinators",
                    "priority": "P1",
                    "objective": "P1.o1",
                    "owners": [
                        "person:sian",
                        {"party": "person:sam1", "role": "accountable"},
                        {"party": "organisation:wbc", "role": "involved"},
                        "board:spb",
                        "person:bob",
                    ],
                    "start": "From Oct-23",
                    "due": "Jan-Jul 24",
                    "status": "Still to do",
                    "addresses": ["AFI-1", "AFI-1a"],
                    "measures": ["m1"],
                    "milestones": [
                        {"ref": "1.1a", "text": "Advertise", "due": "Nov 2023", "status": "Blue"},
                        {"ref": "1.1b", "text": "Appoint", "note": "milestone note"},
                    ],
                    "resource": "£40k",
                    "note": "{not json",
                },
                {
                    "ref": "x;y",
                    "text": "Semicolons; everywhere",
                    "owners": ["person:sam2", {"party": "person:lukasz", "role": "involved"}],
                    "depends_on": ["1.1", "1.10"],
                    "measures": ["m1", "m2"],
                    "due": "{braces}",
                },
                {"ref": "1.10", "text": "Ten", "owners": ["person:x-post"], "measures": ["m2"]},
            ],
            "measures": [
                {"ref": "m1", "text": "20-week rate", "baseline": "38%", "target": "60%"},
                {"ref": "m2", "text": "Audits good", "due": "Q3 2024", "note": "m"},
                {"ref": "unused", "text": "Not attached"},
            ],
            "people": [
                {"ref": "sian", "name": "Siân Llŷr", "post": "Director", "organisation": "wbc"},
                {"ref": "lukasz", "name": "Łukasz Żółć", "aliases": ["Luke; Ł", "C:\\L"]},
                {"ref": "sam1", "name": "Sam Smith", "organisation": "wbc"},
                {"ref": "sam2", "name": "Sam Smith", "note": "the other one"},
                {"ref": "post-only", "post": "Parent carer representative"},
                {"ref": "bob", "name": "Bob (involved)"},
                {"ref": "x-post", "name": "person:sian"},
            ],
            "organisations": [
                {"ref": "wbc", "name": "Wirral Borough Council", "kind": "local_authority"},
                {"ref": "pcf", "name": "Wirral PCF 👪", "kind": "parent_carer_forum"},
            ],
            "boards": [
                {
                    "ref": "spb",
                    "name": "SEND Partnership Board",
                    "reports_to": ["hwb"],
                    "chair": "sian",
                    "deputy_chair": "sam2",
                    "members": ["person:sam1", "organisation:pcf", "board:hwb"],
                    "cadence": "bi_monthly",
                    "aliases": ["SPB"],
                },
                {"ref": "hwb", "name": "Health & Wellbeing Board", "note": "top"},
            ],
        }
    )


FORMATS: dict[str, tuple[Callable[[Plan, Path], None], Callable[[Path], LoadResult], str]] = {
    "xlsx": (write_xlsx, read_xlsx, "plan.xlsx"),
    "csv": (write_csv_dir, read_csv_dir, "plan"),
}


def round_trip(plan: Plan, fmt: str, folder: Path) -> LoadResult:
    write, read, name = FORMATS[fmt]
    write(plan, folder / name)
    return read(folder / name)
