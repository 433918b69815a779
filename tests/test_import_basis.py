"""The importer marks what it infers (issue 22): inferred finding links and owners filled
from a merged cell are written ``basis: inferred`` with a reason, so ``coverage
--stated-only`` leaves them out, and the review lists them; a blank owner cell is filled only
inside a block the layout shows; ``see Appendix 2`` is a note, never a dependency."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from graphmodel import build_graph
from graphmodel.model import Plan
from loaders.base import load_plan
from loaders.documents import import_document
from loaders.documents.merged import (
    OwnerRow,
    cross_references,
    merged_owner_rows,
    without_cross_references,
)
from queries.coverage import coverage

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "documents"
SEEDS = HERE / "data" / "seeds"
ROOT = HERE.parent
CHESHIRE_EAST = SEEDS / "001_27e090752c88218b.txt"


def _inferred_owners(plan: Plan) -> dict[str, list[str]]:
    return {
        a.ref: [str(o.party) for o in a.owners if o.inferred]
        for a in plan.actions
        if any(o.inferred for o in a.owners)
    }


# -- the rule --------------------------------------------------------------------------


def test_a_blank_owner_takes_the_owner_of_the_row_opening_its_block() -> None:
    rows = [
        OwnerRow("A-1", True, 1),
        OwnerRow("A-2", False, 1),
        OwnerRow("A-3", False, 1),
        OwnerRow("A-4", True, 1),
        OwnerRow("A-5", False, 1),
        OwnerRow("B-1", True, 2),
    ]
    assert merged_owner_rows(rows) == {1: 0, 2: 0, 4: 3}


def test_a_blank_owner_is_not_filled_across_groups() -> None:
    rows = [OwnerRow("A-1", True, 1), OwnerRow("B-1", True, 2), OwnerRow("A-2", False, 1)]
    assert merged_owner_rows(rows) == {}  # A-2 is not under A-1: B-1's group is between


def test_a_document_leaving_a_first_owner_blank_means_no_owner_yet() -> None:
    rows = [
        OwnerRow("1.1", False, 1),
        OwnerRow("1.2", True, 1),
        OwnerRow("2.1", True, 2),
        OwnerRow("2.2", False, 2),
    ]
    assert merged_owner_rows(rows) == {}


def test_cross_references_are_found_and_taken_out() -> None:
    assert cross_references("Do it (see section 4); as set out in Annex B") == [
        "see section 4",
        "as set out in Annex B",
    ]
    assert cross_references("Publish the offer after 2.1") == []
    assert "Appendix" not in without_cross_references("after 2.1, see Appendix 2")


# -- the corpus ------------------------------------------------------------------------


def test_merged_owner_cells_in_extracted_text_are_inferred_and_reviewed() -> None:
    result = import_document(CORPUS / "layout_merged_owners.txt")
    plan = result.plan
    assert _inferred_owners(plan) == {
        "1.2": ["person:laura-finch"],
        "2.2": ["person:tom-reid"],
        "3.2": ["person:james-okoro"],
        "4.2": ["person:helen-cole", "person:tom-reid"],
    }
    owner = next(a for a in plan.actions if a.ref == "1.2").owners[0]
    assert owner.reason == "blank owner cell under 1.1's owner in a merged block"
    messages = [i.message for i in result.report.low_confidence]
    assert "owner of 1.2 inferred: blank owner cell under 1.1's owner in a merged block" in (
        messages
    )


def test_word_merged_owner_cells_are_stated() -> None:
    plan = import_document(CORPUS / "word_merged_owners.docx").plan
    assert _inferred_owners(plan) == {}
    second = next(a for a in plan.actions if a.ref == "1.2")
    assert [str(o.party) for o in second.owners] == ["person:laura-finch"]


def test_blank_meaning_no_owner_yet_is_not_filled() -> None:
    plan = import_document(CORPUS / "layout_no_owner_yet.txt").plan
    assert _inferred_owners(plan) == {}
    assert {a.ref for a in plan.actions if not a.owners} == {"1.1", "3.2"}


def test_a_tracker_blank_owner_is_not_filled(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Ref", "Action", "Lead", "Deadline", "Status"])
        w.writerow(["1.1", "Publish the needs assessment", "Laura Finch", "2025-03-31", "Green"])
        w.writerow(["1.2", "Agree the strategy with partners", "", "2025-06-30", "Amber"])
    plan = import_document(path).plan
    assert [a.owners for a in plan.actions if a.ref == "1.2"] == [[]]


def test_see_appendix_is_a_note_never_a_dependency() -> None:
    for name in ("layout_merged_owners.txt", "word_merged_owners.docx"):
        plan = import_document(CORPUS / name).plan
        first = next(a for a in plan.actions if a.ref == "1.1")
        assert "'see Appendix 2' says where the detail is written (containment)" in (
            first.note or ""
        ), name
        assert all(a.depends_on == [] for a in plan.actions), name


def test_inferred_finding_links_are_left_out_by_stated_only() -> None:
    result = import_document(CORPUS / "priority_tables.pdf")
    plan = result.plan
    first = next(a for a in plan.actions if a.ref == "1.1")
    assert [(x.ref, x.inferred) for x in first.addresses] == [("SW-1", True)]
    assert first.addresses[0].reason == "action ref 1.1 starts with the finding's number"
    assert all(x.inferred for p in plan.priorities for x in p.addresses)
    graph = build_graph(plan)
    assert {f.status.value for f in coverage(graph).findings} == {"covered"}
    assert {f.status.value for f in coverage(graph, stated_only=True).findings} == {"uncovered"}
    assert any("link 1.1 -> SW-1 inferred" in i.message for i in result.report.low_confidence)


def test_stated_finding_links_stay_bare() -> None:
    plan = import_document(CORPUS / "word_table.docx").plan
    assert all(not x.inferred for a in plan.actions for x in a.addresses)


# -- the seed --------------------------------------------------------------------------


def test_cheshire_east_blank_owner_cells_get_their_blocks_owner_as_inferred() -> None:
    plan = import_document(CHESHIRE_EAST).plan
    inferred = _inferred_owners(plan)
    want = ["A-4", "A-6", "A-7", *(f"A-{n}" for n in range(25, 34))]
    want += ["B-4", "B-10", "B-11", "B-12", "B-14", "B-15", "B-16"]
    assert sorted(inferred) == sorted(want)
    example = load_plan(ROOT / "examples" / "cheshire-east.yaml")
    by_ref = {a.ref: a for a in example.actions}
    people = {p.ref: p for p in plan.people}
    ex_people = {p.ref: p for p in example.people}
    for ref, parties in inferred.items():
        ex_owners = [o for o in by_ref[ref].owners if o.inferred]
        assert len(ex_owners) == len(parties), ref
        drafted = people[parties[0].split(":")[1]]
        expected = ex_people[str(ex_owners[0].party).split(":")[1]]
        assert {drafted.name, drafted.post} & {expected.name, expected.post}, ref
    first = next(a for a in plan.actions if a.ref == "A-1")
    assert "'see Appendix 2'" in (first.note or "")
    assert all(a.depends_on == [] for a in plan.actions)


def test_the_new_corpus_files_are_what_the_script_makes(tmp_path: Path) -> None:
    script = CORPUS / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("layout_merged_owners.txt", "layout_no_owner_yet.txt"):
        module.LAYOUTS[name](tmp_path / name)
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name
    import yaml

    for name, make in module.OWN_TRUTH.items():
        text = yaml.safe_dump(make(), sort_keys=False, allow_unicode=True, width=100)
        assert text == (CORPUS / f"{name}.truth.yaml").read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", ["layout_merged_owners.txt", "priority_tables.pdf"])
def test_the_bench_counts_basis(name: str) -> None:
    """An inferred link or owner recorded as stated is a miss."""
    spec = importlib.util.spec_from_file_location(
        "import_accuracy", ROOT / "bench" / "import_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    truth = load_plan(CORPUS / f"{name}.truth.yaml")
    draft = import_document(CORPUS / name).plan
    assert bench.measure_layout(truth, draft)["links"] == 1.0
    assert bench.measure_layout(truth, draft)["owners"] == 1.0
    stated = Plan.model_validate(
        {
            **draft.model_dump(),
            "actions": [
                {
                    **a.model_dump(),
                    "owners": [str(o.party) for o in a.owners],
                    "addresses": [x.ref for x in a.addresses],
                }
                for a in draft.actions
            ],
            "priorities": [
                {**p.model_dump(), "addresses": [x.ref for x in p.addresses]}
                for p in draft.priorities
            ],
        }
    )
    m = bench.measure_layout(truth, stated)
    assert m["links"] < 1.0 or m["owners"] < 1.0


def test_a_dependency_column_states_dependencies_but_never_an_appendix(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Kingsmere SEND improvement plan\n\n"
        "## Weakness W1: Leaders do not share an understanding of need\n\n"
        "| Ref | Action | Owner | Due | Depends on |\n"
        "|---|---|---|---|---|\n"
        "| 1.1 | Publish the needs assessment | Laura Finch | March 2025 | see Appendix 2 |\n"
        "| 1.2 | Agree the SEND strategy | Sarah Blake | June 2025 | 1.1 |\n"
        "| 1.3 | Train school leaders | Mark Ellis | June 2025 | 1.2; as set out in Annex B |\n",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    by_ref = {a.ref: a for a in plan.actions}
    assert by_ref["1.1"].depends_on == []
    assert "'see Appendix 2' says where the detail is written" in (by_ref["1.1"].note or "")
    assert [(d.ref, d.inferred) for d in by_ref["1.2"].depends_on] == [("1.1", False)]
    assert [d.ref for d in by_ref["1.3"].depends_on] == ["1.2"]
    assert "'as set out in Annex B'" in (by_ref["1.3"].note or "")


def test_a_saved_web_page_repeats_a_cell_merged_down_rows_at_its_column(tmp_path: Path) -> None:
    """Word's "Save as Web Page" writes a merged owner cell once, with ``rowspan``: the rows
    below have one cell fewer, and reading them without the span would shift the due date
    into the owner column. The merged cell is the document's own statement, as in Word."""
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><body><h1>Priority 1: Sufficiency</h1><table>"
        "<tr><th>Ref</th><th>Action</th><th>Lead officer</th><th>Due</th><th>RAG</th></tr>"
        "<tr><td>1.1</td><td>Publish the needs assessment</td>"
        "<td rowspan='3'>Laura Finch</td><td>March 2025</td><td>Green</td></tr>"
        "<tr><td>1.2</td><td>Agree the strategy with partners</td><td>June 2025</td>"
        "<td>Amber</td></tr>"
        "<tr><td>1.3</td><td>Open the new resource base</td><td>Sept 2025</td><td>Red</td></tr>"
        "<tr><td>1.4</td><td>Review the places commissioned</td><td>Marcus Obi</td>"
        "<td>Dec 2025</td><td>Green</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    owners = {a.ref: [str(o.party) for o in a.owners] for a in plan.actions}
    assert owners == {
        "1.1": ["person:laura-finch"],
        "1.2": ["person:laura-finch"],
        "1.3": ["person:laura-finch"],
        "1.4": ["person:marcus-obi"],
    }
    assert _inferred_owners(plan) == {}
    due = {a.ref: a.due.text if a.due else None for a in plan.actions}
    assert due == {"1.1": "March 2025", "1.2": "June 2025", "1.3": "Sept 2025", "1.4": "Dec 2025"}


def test_a_saved_web_page_header_merged_across_columns_keeps_the_columns_in_line(
    tmp_path: Path,
) -> None:
    """A header cell over two columns (``<th colspan=2>Action</th>`` above a ref column and a
    text column) heads both: before, the header had one cell fewer than the rows and every
    column after it shifted left (the owner read as the due date, the measure as the status)."""
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><body><h2>Area for improvement 1: EHC plans are inconsistent</h2><table>"
        "<tr><th colspan='2'>Action</th><th>Responsible officer</th><th>By when</th>"
        "<th>Success measure</th><th>Progress</th></tr>"
        "<tr><td>1.1</td><td>Introduce a quality assurance framework</td>"
        "<td rowspan='2'>Laura Finch</td><td>Mar-25</td><td>80% of plans good</td>"
        "<td>On track</td></tr>"
        "<tr><td>1.2</td><td>Train all coordinators</td><td>Jun-25</td>"
        "<td>All trained</td><td>Not started</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    plan = import_document(path).plan
    got = {
        a.text: ([str(o.party) for o in a.owners], a.due.text if a.due else None, a.status)
        for a in plan.actions
    }
    assert [(owners, due) for owners, due, _ in got.values()] == [
        (["person:laura-finch"], "Mar-25"),
        (["person:laura-finch"], "Jun-25"),
    ]
    assert all("Introduce" in t or "Train" in t for t in got)


def test_words_before_a_dependency_s_ref_are_not_part_of_it(tmp_path: Path) -> None:
    """'Depends on 1.1' read the ref as 'on 1.1' (a prefix of any letters), which named no
    action, and the note said 'Depends on: Depends'. A ref's prefix is capitals."""
    path = tmp_path / "plan.md"
    path.write_text(
        "# Kingsmere SEND improvement plan\n\n"
        "## Weakness W1: Leaders do not share an understanding of need\n\n"
        "| Ref | Action | Owner | Due | Dependencies |\n"
        "|---|---|---|---|---|\n"
        "| 1.1 | Publish the needs assessment | Laura Finch | March 2025 | |\n"
        "| 1.2 | Agree the SEND strategy | Sarah Blake | June 2025 | Depends on 1.1 |\n"
        "| 1.3 | Train school leaders | Mark Ellis | June 2025 | after completion of 1.2 |\n"
        "| 1.4 | Review the offer | Mark Ellis | July 2025 | 1.3 and the DfE's guidance |\n",
        encoding="utf-8",
    )
    result = import_document(path)
    by_ref = {a.ref: a for a in result.plan.actions}
    assert [[d.ref for d in by_ref[r].depends_on] for r in ("1.2", "1.3", "1.4")] == [
        ["1.1"],
        ["1.2"],
        ["1.3"],
    ]
    assert by_ref["1.2"].note is None and by_ref["1.3"].note is None
    assert "Depends on: the DfE's guidance." in (by_ref["1.4"].note or "")
    assert not [i for i in result.report.low_confidence if "names no action" in i.message]
