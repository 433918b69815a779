"""The Cheshire East WSoA example (examples/cheshire-east.yaml) against its source document."""

from collections import Counter
from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.model import Basis
from graphmodel.statuses import Status
from loaders import load_plan
from queries.coverage import coverage
from queries.reporting import chain

EXAMPLE = Path(__file__).parent.parent / "examples" / "cheshire-east.yaml"


@pytest.fixture(scope="module")
def plan():
    return load_plan(EXAMPLE)


@pytest.fixture(scope="module")
def graph(plan):
    return build_graph(plan)


def _action(plan, ref):
    return next(a for a in plan.actions if a.ref == ref)


def _person(plan, ref):
    return next(p for p in plan.people if p.ref == ref)


def test_counts(plan):
    kinds = Counter(f.kind.value for f in plan.findings)
    assert kinds == {"significant_weakness": 2, "detailed_finding": 1, "strength": 6}
    assert len(plan.priorities) == 6
    assert len(plan.objectives) == 4
    assert len(plan.actions) == 42 + 16 + 35
    assert len(plan.measures) == 26
    assert len(plan.people) == 47
    assert len(plan.organisations) == 20
    assert len(plan.boards) == 2


def test_every_action_row_is_there(plan):
    refs = [a.ref for a in plan.actions]
    assert refs[:42] == [f"A-{n}" for n in range(1, 43)]
    assert refs[42:58] == [f"B-{n}" for n in range(1, 17)]
    # Appendix 2 numbering has gaps in the document itself: no 1.14, 2.4 or 3.6.
    assert {"1.14", "2.4", "3.6"}.isdisjoint(refs)
    assert refs[58] == "1.1" and refs[-1] == "6.2"


def test_plan_metadata(plan):
    assert plan.id == "cheshire-east"
    assert plan.area == "Cheshire East"
    assert plan.inspection.inspectorates == ["Ofsted", "CQC"]
    assert plan.inspection.start.text == "March 2018"


MERGED_BLOCKS = {
    "A-3": ["A-4"],
    "A-5": ["A-6", "A-7"],
    "A-24": [f"A-{i}" for i in range(25, 34)],
    "B-3": ["B-4"],
    "B-9": ["B-10", "B-11", "B-12"],
    "B-13": ["B-14", "B-15", "B-16"],
}


def test_blank_owner_cells_share_the_first_row_owner_as_inferred(plan):
    rows = [r for rows in MERGED_BLOCKS.values() for r in rows]
    assert len(rows) == 19
    for head, block in MERGED_BLOCKS.items():
        stated = _action(plan, head).owners
        assert stated and all(o.basis is Basis.STATED for o in stated)
        for ref in block:
            owners = _action(plan, ref).owners
            assert [o.party for o in owners] == [o.party for o in stated], ref
            assert all(o.basis is Basis.INFERRED and head in o.reason for o in owners), ref


def test_coverage_with_and_without_the_inferred_owners(plan):
    g = build_graph(plan)
    assert coverage(g).covered_percent == 100.0
    assert [f.ref for f in coverage(g).derived] == ["AFD-B.1"]
    cautious = coverage(g, stated_only=True)
    assert cautious.derived[0].status.value == "partial"  # B-10...B-12 only by inference
    assert cautious.derived[0].missing == ["owner"]


def test_a1_due_and_owner_resolved_to_ian_donegani(plan):
    a1 = _action(plan, "A-1")
    assert a1.due.text == "March 2019"
    assert [str(o.party) for o in a1.owners] == ["person:ian-donegani"]
    assert _person(plan, "ian-donegani").name == "Ian Donegani"
    assert _person(plan, "ian-donegani").post == "Head of Service: SEND and Inclusion"


def test_appendix_2_is_part_of_a1_not_its_prerequisites(plan):
    a1 = _action(plan, "A-1")
    assert a1.depends_on == []  # "see Appendix 2" is containment, not sequence
    assert "containment" in a1.note
    appendix = [a for a in plan.actions if a.ref[0].isdigit()]
    assert len(appendix) == 35
    assert all((a.priority, a.objective) == (a1.priority, a1.objective) for a in appendix)


def test_afd_b1_is_derived(plan):
    finding = next(f for f in plan.findings if f.ref == "AFD-B.1")
    assert finding.derived and finding.parent == "AFD-B"


def test_appendix_2_status_text(plan):
    row = _action(plan, "1.2")
    assert row.status == "Completed and in place – Jan 18"
    assert plan.status_of(row.status) is Status.COMPLETE
    assert plan.status_of(_action(plan, "2.2").status) is Status.NOT_STARTED  # Pending


def test_named_owners_of_appendix_2(plan):
    assert [str(o.party) for o in _action(plan, "4.1").owners] == [
        "person:lana-davidson",
        "person:steve-evans",
    ]
    assert [str(o.party) for o in _action(plan, "4.4").owners] == [
        "person:fleur-blakeman",
        "person:tracey-shewan",
    ]


def test_posts_resolve_to_people(plan):
    assert [str(o.party) for o in _action(plan, "A-14").owners] == ["person:tracey-beardmore-evans"]
    assert [str(o.party) for o in _action(plan, "A-17").owners] == ["person:carol-sharples"]
    assert [str(o.party) for o in _action(plan, "3.7").owners] == ["person:tracy-ryan"]
    dco = _person(plan, "penny-hughes")
    assert dco.post == "Designated Clinical Officer"
    unnamed = _person(plan, "project-manager-send")
    assert unnamed.name is None and unnamed.post == "Project Manager (SEND)"


def test_dates_and_statuses_as_written(plan):
    assert _action(plan, "A-22").due.text == "December 2019"
    assert _action(plan, "A-15").status == "Completed"
    assert _action(plan, "B-12").due.text == "April 2019"
    assert _action(plan, "1.4").due is None
    assert _action(plan, "1.4").status == "In progress Implement in June"


def test_findings(plan):
    by_ref = {f.ref: f for f in plan.findings}
    assert by_ref["AFD-A"].text.startswith("The timeliness, process and quality")
    assert by_ref["AFD-B.1"].parent == "AFD-B"
    assert all(a.addresses[0] == "AFD-B" for a in plan.actions if a.ref.startswith("B-"))


def test_dependencies(plan):
    assert _action(plan, "B-12").depends_on == ["B-11"]
    assert _action(plan, "B-11").depends_on == ["B-10"]
    assert _action(plan, "A-31").depends_on == ["A-28"]


def test_board(plan):
    spb = next(b for b in plan.boards if b.ref == "send-partnership-board")
    assert spb.chair == "tracy-ryan"
    assert spb.reports_to == ["hwb"]
    assert spb.cadence.value == "bi_monthly"
    assert len(spb.members) == 35


def test_chain_from_priority_to_health_and_wellbeing_board(graph):
    c = chain(graph, "priority:P2")
    assert c.path == ["P2", "send-partnership-board", "hwb"]
    assert c.latency_days == 62 + 183


def test_workforce_actions_belong_to_workforce_priority(plan):
    assert _action(plan, "A-2").priority == "P6"
    assert _action(plan, "A-29").priority == "P6"
    assert _action(plan, "A-14").priority == "P3"
