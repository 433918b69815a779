"""Generated plans round trip through the workbook (XLSX and CSV folder) unchanged, and
list cells give back their values (Hypothesis).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategies import plans
from workbook_cases import (
    FORMATS,
    round_trip,
    slow,
)

from graphmodel.model import (
    Cadence,
    FindingKind,
    OrganisationKind,
    OwnerRole,
    Plan,
)
from loaders.names import join_cell, split_cell

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
