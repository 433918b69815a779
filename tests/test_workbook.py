"""The plan workbook, as XLSX and as a folder of CSV files: lossless round trips, names
resolved as users write them, and every bad input reported at its sheet, row and column.

The canonical CSV folder tests/data/workbook/canonical/ is what the writer emits for the
contract example; rewrite it with ACTIONGRAPH_UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plans

from graphmodel.errors import Severity, UsageError
from graphmodel.model import (
    Cadence,
    FindingKind,
    OrganisationKind,
    OwnerRole,
    Plan,
)
from graphmodel.periods import Precision
from loaders.base import LoadResult
from loaders.csvdir import read_csv_dir, write_csv_dir
from loaders.names import Names, guess_kind, join_cell, name_key, split_cell, split_role
from loaders.workbook_fields import FIELDS, SHEETS
from loaders.workbook_write import plan_to_sheets
from loaders.xlsx import read_xlsx, write_xlsx

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


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rich_plan_round_trips_exactly(fmt: str, tmp_path: Path) -> None:
    plan = rich_plan()
    result = round_trip(plan, fmt, tmp_path)
    assert [p.code for p in result.problems] == ["date.unparsed", "status.unknown"]
    assert result.plan is not None
    assert result.plan.model_dump(mode="json") == plan.model_dump(mode="json")


def test_the_writer_names_parties_by_label_unless_a_label_is_shared() -> None:
    sheets = dict(plan_to_sheets(rich_plan()))
    actions = {
        row[0]: dict(zip(sheets["Actions"][0], row, strict=True)) for row in sheets["Actions"]
    }
    assert actions["1.1"]["owners"] == (
        "Siân Llŷr; Sam Smith, Wirral Borough Council (accountable); "
        "Wirral Borough Council (involved); "
        "SEND Partnership Board; Bob (involved) (responsible)"
    )
    assert actions["x;y"]["owners"] == "person:sam2; Łukasz Żółć (involved)"
    assert actions["1.10"]["owners"] == "person:x-post"  # a name that looks like a ref
    assert actions["x;y"]["depends_on"] == "1.1; 1.10"
    assert actions["x;y"]["measure_ref"] == "m1; m2"
    assert actions["1.1"]["measure"] == "20-week rate"  # one measure: its text too
    assert actions["1.1a"]["parent_ref"] == "1.1"
    people = {row[-3]: row for row in sheets["People"][1:]}
    assert sheets["People"][0] == ["name", "role", "organisation", "ref", "aliases", "note"]
    assert people["lukasz"][4] == "Luke\\; Ł; C:\\\\L"
    assert people["sian"][:3] == ["Siân Llŷr", "Director", "Wirral Borough Council"]
    plan_sheet = dict(sheets["Plan"][1:])
    assert (
        plan_sheet["status_scale"] == '{"name": "wirral", "words": {"Still to do": "not_started"}}'
    )
    assert plan_sheet["inspection_end"] == (
        '{"text": "Spring 2023", "start": "2023-01-01", "end": "2023-03-17", "precision": "day"}'
    )
    assert [name for name, _ in plan_to_sheets(rich_plan())] == [
        "Plan",
        "Findings",
        "Priorities",
        "Objectives",
        "Actions",
        "Measures",
        "People",
        "Organisations",
        "Boards",
    ]


def test_a_plain_plan_writes_only_the_contract(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {"area": "X", "title": "T", "findings": [{"ref": "F", "kind": "strength", "text": "t"}]}
    )
    write_csv_dir(plan, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Actions.csv",
        "Boards.csv",
        "Findings.csv",
        "People.csv",
        "Plan.csv",
        "Priorities.csv",
    ]
    assert (tmp_path / "Actions.csv").read_bytes() == (
        b"\xef\xbb\xbfref,priority_ref,objective,action,owners,start,due,status,depends_on,"
        b"addresses,measure,baseline,target,parent_ref\r\n"
    )
    assert (tmp_path / "Plan.csv").read_bytes().decode("utf-8-sig") == (
        "key,value\r\narea,X\r\ntitle,T\r\npublished,\r\ninspection_start,\r\n"
        "inspection_end,\r\nstatus_scale,words\r\n"
    )


def test_every_field_column_is_a_sheet_column() -> None:
    for name, (_, spec) in FIELDS.items():
        columns = sum(SHEETS["Actions" if name == "Milestones" else name], ())
        assert {column for _, column, _ in spec} <= set(columns), name


def test_formulas_are_written_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    write_xlsx(rich_plan(), tmp_path / "p.xlsx")
    ws = load_workbook(tmp_path / "p.xlsx")["Findings"]
    cell = ws["C4"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    assert read_xlsx(tmp_path / "p.xlsx").plan_or_raise().findings[2].text == '=HYPERLINK("x")'


def test_csv_to_plan_to_csv_is_byte_identical(tmp_path: Path) -> None:
    plan = read_csv_dir(CONTRACT).plan_or_raise()
    if UPDATE:
        write_csv_dir(plan, CANONICAL)
    canonical = read_csv_dir(CANONICAL)
    assert canonical.problems == []
    assert canonical.plan_or_raise().model_dump(mode="json") == plan.model_dump(mode="json")
    write_csv_dir(canonical.plan_or_raise(), tmp_path / "again")
    for expected in sorted(CANONICAL.iterdir()):
        assert (tmp_path / "again" / expected.name).read_bytes() == expected.read_bytes()
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == sorted(
        p.name for p in CANONICAL.iterdir()
    )


def test_xlsx_output_is_deterministic(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    values = []
    for name in ("a.xlsx", "b.xlsx"):
        write_xlsx(rich_plan(), tmp_path / name)
        book = load_workbook(tmp_path / name)
        values.append([(ws.title, list(ws.values)) for ws in book.worksheets])
    assert values[0] == values[1]


def test_writing_replaces_old_sheet_files_and_keeps_others(tmp_path: Path) -> None:
    write_csv_dir(rich_plan(), tmp_path)
    (tmp_path / "README.txt").write_text("mine")
    (tmp_path / "organisations.csv").write_text("ref,name\n")  # spelt another way
    plain = Plan.model_validate({"area": "X", "title": "T"})
    write_csv_dir(plain, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Actions.csv",
        "Boards.csv",
        "Findings.csv",
        "People.csv",
        "Plan.csv",
        "Priorities.csv",
        "README.txt",
    ]
    assert read_csv_dir(tmp_path).plan_or_raise() == plain


def test_excel_cannot_hold_control_characters(tmp_path: Path) -> None:
    plan = Plan.model_validate({"area": "X", "title": "T\x07"})
    with pytest.raises(UsageError, match=r"sheet Plan, row 3, column value holds .* U\+0007"):
        write_xlsx(plan, tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
    crlf = Plan.model_validate({"area": "X", "title": "a\r\nb"})
    assert round_trip(crlf, "csv", tmp_path).plan_or_raise().title == "a\r\nb"
    assert round_trip(crlf, "xlsx", tmp_path).plan_or_raise().title == "a\nb"  # Excel's LF


# --- generated plans ----------------------------------------------------------------------

# No control characters but LF (Excel keeps no CR); ; \ = { ( : and emoji on purpose.
TEXT = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"], include_characters="\n"),
    min_size=1,
    max_size=12,
).filter(str.strip)
NAMES = [
    "Siân Llŷr",
    "Łukasz Żółć",
    "Sam Smith",
    "sam  SMITH",
    "Ann; Example",
    "🎉",
    "!!!",
    "Bob (involved)",
    "person:p0",
    "Head of Service, Wirral Council",
    "=SUM(A1)",
    "1.10",
]
REFS = st.sampled_from(["1.1", "1.10", "A-1", "x;y", "a\\b", "=1+1", "{r}", "r (involved)"])
REF = REFS | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.;\- ]{0,5}[A-Za-z0-9]", fullmatch=True)
PERIODS = st.sampled_from(["Dec-23", "Jan-Jul 24", "Q3 2024", "Ongoing", "{x", "2024-03-31"]) | (
    st.builds(lambda d: {"text": "Autumn 2024", "end": d.isoformat()}, st.dates())
)


@st.composite
def workbook_plans(draw: st.DrawFn) -> Plan:
    """Valid plans that stress the workbook: shared names (so some parties need kind:REF),
    ; and \\ in names and refs, explicit periods, own status scales, inspections."""

    def refs(prefix: str, most: int) -> list[str]:
        return draw(st.lists(REF | st.just(f"{prefix}0"), max_size=most, unique=True))

    finding, objective, action, measure, person, org, board = (
        refs(p, n)
        for p, n in (("f", 4), ("o", 3), ("a", 5), ("m", 3), ("p", 5), ("g", 2), ("b", 2))
    )
    priority = draw(st.lists(REF, max_size=2, unique=True))
    maybe = st.none() | TEXT

    def some(values: list[str], kind: str = "") -> list[str]:
        chosen = draw(st.lists(st.sampled_from(values), max_size=3, unique=True)) if values else []
        return [f"{kind}:{v}" for v in chosen] if kind else chosen

    def one(values: list[str]) -> str | None:
        return draw(st.none() | st.sampled_from(values)) if values else None

    def parties() -> list[str]:
        return some(person, "person") + some(org, "organisation") + some(board, "board")

    def name() -> str:
        return draw(st.sampled_from(NAMES) | TEXT)

    milestone_refs = iter(draw(st.lists(REF, max_size=4, unique=True)))
    inspection = draw(
        st.none()
        | st.fixed_dictionaries(
            {"start": PERIODS}, optional={"inspectorates": st.lists(TEXT.map(str.strip))}
        )
    )
    return Plan.model_validate(
        {
            **draw(st.sampled_from([{}, {"id": "custom-id"}])),
            "area": draw(TEXT),
            "title": draw(TEXT),
            "published": draw(st.none() | PERIODS),
            "inspection": inspection,
            "status_scale": draw(
                st.sampled_from(["brag", "words", {"name": "own", "words": {"Yes!": "complete"}}])
            ),
            "note": draw(maybe),
            "findings": [
                {"ref": r, "kind": draw(st.sampled_from(list(FindingKind))), "text": draw(TEXT)}
                for r in finding
            ],
            "priorities": [
                {
                    "ref": r,
                    "title": draw(TEXT),
                    "sponsor": one(person),
                    "leads": some(person),
                    "parent_reps": some(person),
                    "delivery_partners": parties(),
                    "reports_to": some(board),
                    "addresses": some(finding),
                    "measures": some(measure),
                }
                for r in priority
            ],
            "objectives": [
                {"ref": r, "text": draw(TEXT), "priority": one(priority), "measures": some(measure)}
                for r in objective
            ],
            "actions": [
                {
                    "ref": r,
                    "text": draw(TEXT),
                    "priority": one(priority),
                    "objective": one(objective),
                    "start": draw(st.none() | PERIODS),
                    "due": draw(st.none() | PERIODS),
                    "status": draw(maybe),
                    "owners": [
                        p
                        if not i % 2
                        else {"party": p, "role": draw(st.sampled_from(list(OwnerRole))).value}
                        for i, p in enumerate(parties())
                    ],
                    "depends_on": some(action),
                    "addresses": some(finding),
                    "measures": some(measure),
                    "milestones": [
                        {"ref": m, "text": draw(TEXT), "due": draw(st.none() | PERIODS)}
                        for m in [next(milestone_refs, None)]
                        if m
                    ],
                    "resource": draw(maybe),
                }
                for r in action
            ],
            "measures": [
                {"ref": r, "text": draw(TEXT), "baseline": draw(maybe), "target": draw(maybe)}
                for r in measure
            ],
            "people": [
                {
                    "ref": r,
                    "name": name(),
                    "post": draw(maybe),
                    "organisation": one(org),
                    "aliases": draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True)),
                }
                for r in person
            ],
            "organisations": [
                {"ref": r, "name": name(), "kind": draw(st.sampled_from(list(OrganisationKind)))}
                for r in org
            ],
            "boards": [
                {
                    "ref": r,
                    "name": name(),
                    "chair": one(person),
                    "reports_to": some(board),
                    "members": parties(),
                    "cadence": draw(st.none() | st.sampled_from(list(Cadence))),
                }
                for r in board
            ],
        }
    )


@slow(60)
@given(workbook_plans())
def test_generated_plans_round_trip_through_csv_and_xlsx(plan: Plan) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            result = round_trip(plan, fmt, Path(folder))
            noise = ("cycle.", "status.", "date.")
            assert [str(p) for p in result.problems if not p.code.startswith(noise)] == []
            assert result.plan is not None
            assert result.plan.model_dump(mode="json") == plan.model_dump(mode="json")


@slow(40)
@given(plans())
def test_the_projects_generated_plans_round_trip_through_csv(plan: Plan) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = round_trip(plan, "csv", Path(folder))
        assert result.plan is not None
        assert result.plan.model_dump(mode="json") == plan.model_dump(mode="json")


@given(st.lists(TEXT.map(str.strip).filter(bool)))
def test_a_list_cell_gives_back_its_values(values: list[str]) -> None:
    assert split_cell(join_cell(values)) == values


# --- the contract as users fill it in ---------------------------------------------------


def test_the_contract_workbook_resolves_names_as_written() -> None:
    result = read_csv_dir(CONTRACT)
    plan = result.plan_or_raise()
    assert result.errors == []
    # organisations named in People.organisation are created silently (issue 14)
    assert where(result) == [
        ("name.created", "Boards.csv", 2, "reports_to"),
        ("name.split", "Actions.csv", 5, "owners"),
        ("name.created", "Actions.csv", 6, "owners"),
    ]
    owners = {a.ref: [(str(o.party), o.role.value) for o in a.owners] for a in plan.actions}
    assert owners == {
        "1.1": [("person:louise-atkin", "responsible"), ("person:kellie-williams", "accountable")],
        # "post, organisation" names the person who holds the post
        "1.2": [("person:louise-atkin", "responsible")],
        "1.3": [("person:rick-howell", "responsible"), ("person:kellie-williams", "responsible")],
        "2.1": [
            ("organisation:nhs-cheshire-and-merseyside-icb", "responsible"),
            ("organisation:department-for-education", "involved"),
        ],
    }
    assert [(o.ref, o.kind.value) for o in plan.organisations] == [
        ("warrington-borough-council", "local_authority"),
        ("nhs-cheshire-and-merseyside-icb", "icb"),
        ("warrington-parent-carer-forum", "parent_carer_forum"),
        ("department-for-education", "government"),
    ]
    action = plan.actions[0]
    assert [(m.ref, m.text, str(m.due), m.status) for m in action.milestones] == [
        ("1.1a", "Advertise the posts", "Jul-23", "Blue")
    ]
    assert [(o.ref, o.text, o.priority) for o in plan.objectives] == [
        ("P1.o1", "Issue plans on time", "P1"),
        ("P1.o2", "Improve plan quality", "P1"),
    ]
    assert [a.objective for a in plan.actions] == ["P1.o1", "P1.o1", "P1.o2", None]
    assert [a.measures for a in plan.actions] == [["m1"], ["m1"], ["m2"], ["m3"]]
    assert (plan.measures[0].baseline, plan.measures[0].target) == ("38%", "60%")
    assert [f.kind for f in plan.findings][:2] == [
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.DETAILED_FINDING,
    ]
    priority = plan.priorities[0]  # headers "Parent Rep", "Reports To"
    assert (priority.sponsor, priority.leads, priority.parent_reps, priority.reports_to) == (
        "kellie-williams",
        ["louise-atkin", "rick-howell"],
        ["jeanette-harvey"],
        ["send-partnership-board"],
    )
    board = plan.boards[0]
    assert (board.chair, board.reports_to, [str(m) for m in board.members]) == (
        "kellie-williams",
        ["children-s-partnership-board"],
        ["person:louise-atkin", "person:rick-howell", "organisation:warrington-parent-carer-forum"],
    )
    assert plan.status_scale.name == "bragg" and plan.inspection is not None
    assert "so it was added as organisation 'department-for-education' (kind government)" in (
        result.problems[-1].message
    )


def test_the_contract_reads_the_same_from_xlsx(tmp_path: Path) -> None:
    import csv

    sheets = {}
    for file in sorted(CONTRACT.iterdir()):
        with file.open(encoding="utf-8", newline="") as f:
            sheets[file.stem] = list(csv.reader(f))
    from_xlsx = read_xlsx(xlsx_file(tmp_path / "contract.xlsx", sheets))
    from_csv = read_csv_dir(CONTRACT)
    assert from_xlsx.plan_or_raise() == from_csv.plan_or_raise()
    assert [c[1:] for c in where(from_xlsx)] == [
        (s.removesuffix(".csv"), r, c) for _, s, r, c in where(from_csv) if s
    ]


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("SEND Partnership Board", "board"),
        ("Health and Wellbeing Board", "board"),
        ("SEND Steering Group", "board"),
        ("0-25 SEND Partnership", "board"),
        ("NHS Cheshire and Merseyside Integrated Care Board", "organisation"),
        ("Department for Education", "organisation"),
        ("Cheshire East Council", "organisation"),
        ("Wirral Parent Carer Forum", "organisation"),
        ("Oakfield Academy", "organisation"),
        ("Children's Services", "organisation"),
        ("Head of Service: SEND and Inclusion, Cheshire East Council", "person"),
        ("Designated Clinical Officer", "person"),
        ("Kellie Williams", "person"),
        ("Łukasz Żółć", "person"),
    ],
)
def test_an_unknown_name_is_guessed_by_its_words(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


def test_names_match_ignoring_case_spaces_punctuation_and_ampersands() -> None:
    assert name_key(" Health &  Wellbeing Board. ") == name_key("health and wellbeing board")
    assert name_key("O'Brien, Ann") == "o brien ann"
    names = Names()
    names.add_organisation("hwb", "Health & Wellbeing Board")
    assert [n.value for n in names.read_cell("HEALTH AND WELLBEING BOARD", ("organisation",))] == [
        "organisation:hwb"
    ]


def test_owner_roles_and_the_names_that_look_like_roles() -> None:
    assert split_role("Ann (Accountable)") == ("Ann", OwnerRole.ACCOUNTABLE)
    assert split_role("Ann (involved) (responsible)") == ("Ann (involved)", OwnerRole.RESPONSIBLE)
    assert split_role("Ann (lead)") == ("Ann (lead)", OwnerRole.RESPONSIBLE)


def test_a_name_resolves_by_post_alias_ref_or_explicit_form() -> None:
    names = Names()
    names.add_organisation("cec", "Cheshire East Council", ["CEC"])
    names.add_person("la", "Louise Atkin", "Head of Service", ["Lou"], "cec")
    names.add_person("hos2", None, "Head of Service", [], None)
    people = ("person",)

    def read(text: str) -> list[Any]:
        return [(n.value, n.code) for n in names.read_cell(text, people)]

    assert read("lou; la; person:hos2; Head of Service, CEC") == [
        ("person:la", None),
        ("person:la", None),
        ("person:hos2", None),
        ("person:la", None),
    ]
    assert read("Head of Service") == [(None, "name.ambiguous")]
    assert read("Cheshire East Council") == [(None, "name.kind")]
    assert read("-") == [(None, "name.blank")]
    assert read("person:nobody") == [("person:nobody", None)]  # left for the ref check
    [created] = names.read_cell("Renée Dupré", people)
    assert (created.code, created.created) == (
        "name.created",
        {"ref": "renee-dupre", "name": "Renée Dupré"},
    )
    [again] = names.read_cell("RENÉE  dupré", people)
    assert (again.party, again.code) == (("person", "renee-dupre"), None)


# --- bad inputs: each reported at its place, with what to do ---------------------------------


def test_a_missing_findings_file_is_named(tmp_path: Path) -> None:
    result = read_csv_dir(DATA / "bad" / "csv_missing_findings")
    assert where(result, Severity.ERROR) == [("sheet.missing", "Findings.csv", None, None)]
    assert the(result, "sheet.missing") == (
        "no file Findings.csv; a plan workbook needs the sheets Findings and Actions "
        "(found: Actions.csv)"
    )
    sheets = minimal()
    del sheets["Findings"], sheets["Actions"]
    result = read_xlsx(xlsx_file(tmp_path / "no_findings.xlsx", sheets))
    assert where(result, Severity.ERROR) == [
        ("sheet.missing", "Findings", None, None),
        ("sheet.missing", "Actions", None, None),
    ]
    assert result.problems[0].message == (
        "no sheet Findings; a plan workbook needs the sheets Findings and Actions (found: Plan)"
    )


def test_a_missing_required_column_names_the_headers_found(tmp_path: Path) -> None:
    result = read_minimal(tmp_path, Findings=[["Ref", "Text"], ["AFI-1", "Slow"], ["2", "B"]])
    assert where(result) == [("column.missing", "Findings", 1, "kind")]
    assert the(result, "column.missing") == (
        "sheet Findings has no column 'kind' (headers found: Ref, Text); add it to the header row"
    )


def test_unknown_and_duplicate_columns_are_errors(tmp_path: Path) -> None:
    actions = [["ref", "action", "Owner name", "OWNERS", "owners"], ["1", "Do", "Ann", "", ""]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("column.unknown", "Actions", 1, "Owner name"),
        ("column.duplicate", "Actions", 1, "owners"),
    ]
    message = the(result, "column.unknown")
    assert message.startswith("unknown column 'Owner name' in sheet Actions; the columns are ref,")
    assert message.endswith("resource, note. Rename or remove it")


def test_cells_beyond_the_header_are_errors_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["ref", "action", None, "due"], [], ["1", "Do", "stray", "Dec-23"]]
    rows += [[None, None], ["2", "Also", None, "Jan-24", None, "x"], ["3", "ok", None, "{Feb"]]
    result = read_minimal(tmp_path, Actions=rows)
    assert where(result, Severity.ERROR) == [
        ("cell.no_header", "Actions", 3, "C"),
        ("cell.no_header", "Actions", 5, "F"),
    ]
    assert result.problems[0].message == (
        "a value in a column without a header; add a header or clear the cell"
    )
    assert result.problems[0].value == "stray"
    assert ("date.unparsed", "Actions", 6, "due") in where(result)  # row numbers kept
    folder = csv_folder(
        tmp_path / "csv",
        {"Findings": "ref,kind,text\n", "Actions": "ref,action\n1,Do,stray\n"},
    )
    assert where(read_csv_dir(folder), Severity.ERROR) == [
        ("cell.no_header", "Actions.csv", 2, "3")
    ]


def test_plan_sheet_keys_are_checked(tmp_path: Path) -> None:
    plan_rows = [["Key", "Value"], ["area", "X"], ["Title", "T"], ["deadline", "Dec-23"]]
    plan_rows += [["title", "again"], ["status scale", "bragg", "extra"]]
    result = read_minimal(tmp_path, Plan=plan_rows)
    assert where(result, Severity.ERROR) == [
        ("plan.unknown_key", "Plan", 4, "key"),
        ("plan.duplicate_key", "Plan", 5, "key"),
        ("cell.no_header", "Plan", 6, "C"),
    ]
    assert the(result, "plan.unknown_key").startswith(
        "unknown key 'deadline' in the Plan sheet; the keys are area, title, published,"
    )
    assert result.plan is not None and result.plan.status_scale.name == "bragg"


def test_a_plan_without_a_plan_sheet_is_named_after_its_file(tmp_path: Path) -> None:
    sheets = minimal()
    del sheets["Plan"]
    result = read_xlsx(xlsx_file(tmp_path / "wirral-wsoa.xlsx", sheets))
    assert (result.plan_or_raise().area, result.plan_or_raise().title) == ("wirral-wsoa",) * 2
    assert where(result) == [("plan.defaulted", "Plan", None, None)]


def test_excel_numbers_in_ref_columns_are_read_as_text_with_a_warning(tmp_path: Path) -> None:
    findings = [["ref", "kind", "text"], [1.1, "strength", "A"], [2, "strength", 3.5]]
    actions = [["ref", "action", "addresses", "resource"], [1.0, "Do", 1.1, 0.45]]
    result = read_minimal(tmp_path, Findings=findings, Actions=actions)
    plan = result.plan_or_raise()
    assert [f.ref for f in plan.findings] == ["1.1", "2"]
    assert plan.findings[1].text == "3.5"  # not a ref column: no warning
    assert (plan.actions[0].ref, plan.actions[0].addresses) == ("1", ["1.1"])
    assert plan.actions[0].resource == "0.45"
    assert where(result) == [
        ("cell.numeric", "Findings", 2, "ref"),
        ("cell.numeric", "Findings", 3, "ref"),
        ("cell.numeric", "Actions", 2, "ref"),
        ("cell.numeric", "Actions", 2, "addresses"),
    ]
    assert result.problems[0].message == (
        "Excel stored 1.1 as a number, so a ref like '1.10' would have become 1.1; read as "
        "'1.1'. Format the column as Text and retype the refs"
    )


def test_excel_dates_are_periods_in_date_columns_and_text_elsewhere(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in minimal().items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    ws = book["Actions"]
    ws.append(["1.2", "Day", None, datetime(2024, 3, 31)])
    ws.append(["1.3", "Month", None, datetime(2023, 12, 1)])
    ws["A1"], ws["D1"] = "ref", "due"
    ws["D4"].number_format = "mmm-yy"
    ws.append([datetime(2024, 1, 1), "A date ref"])
    book.save(tmp_path / "dates.xlsx")
    result = read_xlsx(tmp_path / "dates.xlsx")
    day, month, dated = result.plan_or_raise().actions[1:]
    assert day.due is not None and (day.due.text, day.due.precision) == (
        "2024-03-31",
        Precision.DAY,
    )
    assert month.due is not None and month.due.text == "Dec 2023"
    assert (month.due.precision, month.due.start) == (Precision.MONTH, date(2023, 12, 1))
    assert dated.ref == "2024-01-01"
    assert where(result) == [("cell.date", "Actions", 5, "ref")]


def test_formulas_without_saved_values_and_excel_errors_are_reported(tmp_path: Path) -> None:
    actions = [["ref", "action", "owners"], ["1", "=1+1", "#N/A"], ["2", "fine"]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("cell.excel_error", "Actions", 2, "C"),
        ("cell.formula", "Actions", 2, "B"),
        ("schema.missing", "Actions", 2, "action"),
    ]
    assert "the file was never calculated by Excel" in the(result, "cell.formula")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"ref,kind,text\nAFI-1,strength,A\n", "not a readable Excel workbook (.xlsx): "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old-style .xls"),
        (b"PK\x03\x04" + bytes(40), "not a readable Excel workbook (.xlsx): "),
    ],
)
def test_a_file_that_is_not_a_workbook_is_unreadable(
    content: bytes, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "plan.xlsx").write_bytes(content)
    result = read_xlsx(tmp_path / "plan.xlsx")
    assert result.plan is None
    assert [p.code for p in result.problems] == ["file.unreadable"]
    assert reason in result.problems[0].message
    assert result.problems[0].message.endswith(
        "save it as 'Excel Workbook (.xlsx)'; a CSV plan is a folder of .csv files"
    )


def test_the_text_file_fixture_with_an_xlsx_suffix() -> None:
    result = read_xlsx(DATA / "bad" / "workbook_text.xlsx")
    assert the(result, "file.unreadable") == (
        "not a readable Excel workbook (.xlsx): BadZipFile: File is not a zip file. Open it in "
        "Excel and save it as 'Excel Workbook (.xlsx)'; a CSV plan is a folder of .csv files"
    )


def test_windows_1252_csv_with_a_utf8_bom_is_read_with_a_warning() -> None:
    result = read_csv_dir(DATA / "workbook" / "windows1252")
    plan = result.plan_or_raise()
    assert plan.findings[0].text == "Parents’ views – Siân’s café costs £5"
    assert plan.findings[0].kind is FindingKind.SIGNIFICANT_WEAKNESS
    assert plan.people[0].name == "Renée Dupré"
    assert where(result)[:2] == [
        ("file.encoding", "Actions.csv", None, None),
        ("file.encoding", "Findings.csv", None, None),
    ]
    assert result.problems[1].message == (
        "Findings.csv is not UTF-8; read it as Windows-1252. Save it as 'CSV UTF-8' to be sure "
        "accents and symbols are right"
    )
    assert result.problems[1].file == str(DATA / "workbook" / "windows1252")


def test_a_binary_csv_is_an_error() -> None:
    result = read_csv_dir(DATA / "bad" / "csv_binary")
    assert where(result, Severity.ERROR) == [("file.binary", "Findings.csv", None, None)]
    assert "Findings.csv is not a text file (it holds NUL bytes)" in the(result, "file.binary")


def test_header_only_and_empty_sheets_are_fine(tmp_path: Path) -> None:
    folder = csv_folder(
        tmp_path / "p",
        {"Plan": "area,X\ntitle,T\n", "Findings": "ref,kind,text\n", "People": ""},
    )
    (folder / "Actions.csv").write_text("\ufeffRef,Action,Owners\r\n\r\n", encoding="utf-8")
    result = read_csv_dir(folder)
    assert result.problems == []
    assert result.plan_or_raise().actions == []


def test_a_csv_saved_with_semicolons_is_read_with_a_warning(tmp_path: Path) -> None:
    folder = csv_folder(
        tmp_path / "p",
        {"Findings": "ref;kind;text\nA;strength;Good\n", "Actions": "ref,action\n1,Do\n"},
    )
    result = read_csv_dir(folder)
    assert result.plan_or_raise().findings[0].text == "Good"
    assert where(result)[0] == ("csv.delimiter", "Findings.csv", 1, None)


def test_a_csv_plan_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text("ref,action\n")
    result = read_csv_dir(tmp_path / "plan.csv")
    assert [p.code for p in result.problems] == ["file.not_folder"]


def test_unknown_and_duplicate_sheets(tmp_path: Path) -> None:
    result = read_minimal(tmp_path, Instructions=[["Fill in the sheets"]], Actions_=[["ref"]])
    assert where(result) == [
        ("sheet.unknown", "Instructions", None, None),
        ("sheet.duplicate", "Actions_", None, None),
    ]
    assert the(result, "sheet.unknown") == (
        "sheet 'Instructions' is not part of a plan workbook and is ignored; the sheets are "
        "Plan, Findings, Priorities, Objectives, Actions, Measures, People, Organisations, Boards"
    )


def test_name_problems_are_placed_at_their_cells(tmp_path: Path) -> None:
    people = [["ref", "name", "organisation"], ["s1", "Sam Smith"], ["s2", "Sam Smith"]]
    people += [["ann", "Ann", "Wirral Council"]]
    priorities = [["ref", "title", "sponsor", "lead"], ["P1", "T", "Wirral Council", "Ann; Bo"]]
    priorities += [["P2", "T2", "Ann; Bo", "sam smith / Ann"]]
    actions = [["ref", "action", "owners"], ["1", "Do", "Sam Smith; person:s2 (accountable)"]]
    result = read_minimal(tmp_path, People=people, Priorities=priorities, Actions=actions)
    assert where(result) == [  # Wirral Council, named in People.organisation: no warning
        ("name.kind", "Priorities", 2, "sponsor"),
        ("name.created", "Priorities", 2, "lead"),
        ("cell.several", "Priorities", 3, "sponsor"),
        ("name.split", "Priorities", 3, "lead"),
        ("name.ambiguous", "Priorities", 3, "lead"),
        ("name.ambiguous", "Actions", 2, "owners"),
    ]
    assert the(result, "name.kind") == (
        "'Wirral Council' is organisation 'organisation:wirral-council', but this column takes "
        "a person"
    )
    assert result.problems[-1].message == (
        "'Sam Smith' could be any of 'person:s1', 'person:s2'; write the one you mean as "
        "kind:REF, e.g. 'person:s1'"
    )
    assert "sponsor holds one name, not 2" in the(result, "cell.several")


def test_milestone_rows_are_checked(tmp_path: Path) -> None:
    actions = [["ref", "action", "parent_ref", "owners", "due"], ["1", "Do", None, "Ann", "Dec-23"]]
    actions += [["1a", "Part", "1", "Bob", "Nov-23"], ["9a", "Orphan", "9", None, None]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result, Severity.ERROR) == [
        ("milestone.column", "Actions", 3, "owners"),
        ("milestone.parent", "Actions", 4, "parent_ref"),
    ]
    assert the(result, "milestone.parent") == (
        "parent_ref '9' is the ref of no action; a row with a parent_ref is a milestone of the "
        "action with that ref"
    )
    assert result.plan is not None
    assert [m.ref for m in result.plan.actions[0].milestones] == ["1a"]


def test_objectives_and_measures_from_rows(tmp_path: Path) -> None:
    actions = [
        ["ref", "priority_ref", "objective", "action", "measure", "baseline", "target"],
        ["1", "P1", "Faster plans", "A", "Rate", "38%", "60%"],
        ["2", "P1", "faster  PLANS", "B", "rate", None, "60%"],
        ["3", "P2", "Faster plans", "C", "Rate", "40%", None],
        ["4", None, "Loose", "D", None, "1", None],
    ]
    priorities = [["ref", "title"], ["P1", "One"], ["P2", "Two"]]
    result = read_minimal(tmp_path, Actions=actions, Priorities=priorities)
    assert where(result) == [
        ("measure.conflict", "Actions", 4, "measure"),
        ("measure.no_text", "Actions", 5, "measure"),
    ]
    assert the(result, "measure.conflict") == (
        "measure 'm1' has another baseline on another row; make them the same"
    )
    plan = result.plan
    assert plan is not None
    assert [(o.ref, o.priority) for o in plan.objectives] == [
        ("P1.o1", "P1"),
        ("P2.o1", "P2"),
        ("o1", None),
    ]
    assert [a.objective for a in plan.actions] == ["P1.o1", "P1.o1", "P2.o1", "o1"]
    assert [a.measures for a in plan.actions] == [["m1"], ["m1"], ["m1"], []]


def test_refs_given_for_objectives_and_measures(tmp_path: Path) -> None:
    actions = [
        ["ref", "action", "objective_ref", "objective", "measure_ref", "measure", "target"],
        ["1", "A", "OB", "Faster", "M", "Rate", "60%"],
        ["2", "B", "OB", "Slower", "M; N", "Rate", None],
        ["3", "C", "OB", None, "N", None, None],
    ]
    objectives = [["ref", "text"], ["OB", "Faster"]]
    measures = [["ref", "text"], ["N", "Other"]]
    result = read_minimal(tmp_path, Actions=actions, Objectives=objectives, Measures=measures)
    assert where(result) == [
        ("objective.conflict", "Actions", 3, "objective"),
        ("measure.several", "Actions", 3, "measure"),
    ]
    plan = result.plan
    assert plan is not None
    assert [m.ref for m in plan.measures] == ["N", "M"]
    assert [a.measures for a in plan.actions] == [["M"], ["M", "N"], ["N"]]


def test_model_and_integrity_problems_are_placed_at_cells(tmp_path: Path) -> None:
    findings = [["ref", "kind", "text"], ["AFI-1", "Areas for improvement", "A"]]
    findings += [["AFI-2", "weakly", "B"]]
    result = read_minimal(tmp_path, Findings=findings)
    assert where(result) == [("schema.enum", "Findings", 3, "kind")]
    actions = [["ref", "action", "depends_on", "owners"], ["1", "A", "2; 9", "board:nope"]]
    actions += [["2", None, None, None]]
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result) == [("schema.missing", "Actions", 3, "action")]
    actions[2][1] = "B"
    result = read_minimal(tmp_path, Actions=actions)
    assert where(result) == [
        ("ref.unknown", "Actions", 2, "owners"),
        ("ref.unknown", "Actions", 2, "depends_on"),
    ]
    assert result.problems[0].place.path == "actions[0].owners[0]"


def test_status_scales_and_explicit_periods_in_cells(tmp_path: Path) -> None:
    scale = '{"name": "own", "words": {"Done!": "complete"}}'
    plan_rows = [["area", "X"], ["title", "T"], ["status_scale", scale]]
    plan_rows += [["published", '{"text": "Spring", "end": "2024-03-31"}']]
    result = read_minimal(tmp_path, Plan=plan_rows)
    plan = result.plan_or_raise()
    assert plan.status_scale.words == {"Done!": "complete"}
    assert plan.published is not None and plan.published.end == date(2024, 3, 31)
    result = read_minimal(tmp_path, Plan=[["area", "X"], ["title", "T"], ["status_scale", "{x"]])
    assert where(result, Severity.ERROR) == [("cell.json", "Plan", 3, "value")]
    result = read_minimal(tmp_path, Plan=[["area", "X"], ["title", "T"], ["status_scale", "RAGS"]])
    assert where(result, Severity.ERROR) == [("schema.value_error", "Plan", 3, "value")]


def test_parties_without_refs_get_refs_from_their_names(tmp_path: Path) -> None:
    people = [["name", "role"], ["Ann Example", None], ["Ann Example", "Head"], [None, "Clerk"]]
    organisations = [["name", "kind"], ["Wirral Council", "Local authority"]]
    boards = [["name", "cadence", "reports_to"], ["Exec Board", "Bi-monthly", "top"]]
    boards += [["Top", None, None]]
    result = read_minimal(tmp_path, People=people, Organisations=organisations, Boards=boards)
    plan = result.plan_or_raise()
    assert result.problems == []
    assert [p.ref for p in plan.people] == ["ann-example", "ann-example-2", "clerk"]
    assert plan.organisations[0].kind is OrganisationKind.LOCAL_AUTHORITY
    assert (plan.boards[0].cadence, plan.boards[0].reports_to) == (
        Cadence.BI_MONTHLY,
        ["top"],
    )
    assert plan.boards[1].ref == "top"


def test_a_label_without_letters_round_trips_by_ref(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "people": [{"ref": "!!!", "name": "!!!"}, {"ref": "q", "name": "?"}],
            "actions": [{"ref": "1", "text": "A", "owners": ["person:!!!", "person:q"]}],
        }
    )
    assert dict(plan_to_sheets(plan))["Actions"][1][4] == "!!!; person:q"
    for fmt in FORMATS:
        assert round_trip(plan, fmt, tmp_path).plan_or_raise() == plan
