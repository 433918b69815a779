"""Cells merged across columns, and refs written in the text (issues 10/22 follow-up).

A header cell merged across a ref column and a text column (``<th colspan=2>Action</th>``,
as Word's "Save as Web Page" writes one, or a Word cell with ``w:gridSpan``) heads both, and
the first, holding refs, is the action's ref column. The Word reader aligns a row's cells
with the table's grid as the web reader does. A ref written at the start of the action text
(``1.1 Introduce ...``) is split off, by every reader, when nearly every action starts with
one, and never from a text that merely begins with a number."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from graphmodel.model import Plan
from loaders.documents import import_document
from loaders.documents.readers import read_blocks
from loaders.documents.refs import ref_column_note
from loaders.documents.sources import document_text

HEADING = "Area for improvement 1: EHC plans are inconsistent"

Cell = str | None
"""A table cell's text; None: the cell to its left spans this column too (merged across)."""


def _docx(
    path: Path, rows: Sequence[Sequence[Cell]], down: Sequence[tuple[int, int, int]] = ()
) -> None:
    """A Word document: the heading, then a table of ``rows``; ``down`` merges the cells
    (first row, last row, column) down rows, keeping the first row's text."""
    import docx

    document = docx.Document()
    document.add_heading(HEADING, level=2)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        start = 0
        for c, value in enumerate(values):
            if value is None:
                table.cell(r, start).merge(table.cell(r, c))
            else:
                start = c
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    for first, last, column in down:
        for r in range(first + 1, last + 1):
            table.cell(r, column).text = ""
        table.cell(first, column).merge(table.cell(last, column))
    document.save(str(path))


def _html(path: Path, rows: Sequence[Sequence[Cell]]) -> None:
    """A saved web page: the heading, then a table of ``rows`` (merged cells as colspan)."""
    out = []
    for r, values in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for c, value in enumerate(values):
            if value is None:
                continue
            span = 1
            while c + span < len(values) and values[c + span] is None:
                span += 1
            colspan = f" colspan='{span}'" if span > 1 else ""
            cells.append(f"<{tag}{colspan}>{value}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    path.write_text(
        f"<html><body><h2>{HEADING}</h2><table>{''.join(out)}</table></body></html>",
        encoding="utf-8",
    )


def _pdf(path: Path, rows: Sequence[Sequence[Cell]]) -> None:
    """A PDF: the heading, then a table of ``rows`` (merged cells as reportlab spans)."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None and c + 1 < len(values) and values[c + 1] is None:
                end = c + 1
                while end + 1 < len(values) and values[end + 1] is None:
                    end += 1
                style.append(("SPAN", (c, r), (end, r)))
    table = Table([[v or "" for v in values] for values in rows])
    table.setStyle(TableStyle(style))
    heading = Paragraph(HEADING, getSampleStyleSheet()["Heading2"])
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([heading, table])


def _markdown(path: Path, rows: Sequence[Sequence[str]]) -> None:
    lines = [f"## {HEADING}", ""]
    lines.append("| " + " | ".join(rows[0]) + " |")
    lines.append("|" + "---|" * len(rows[0]))
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _text(path: Path, rows: Sequence[Sequence[Cell]]) -> None:
    """Extracted text: the heading, then the table as tab-separated lines (a cell merged
    across columns written in each, as the Word reader's text writes a header)."""
    filled = [[v if v is not None else row[c - 1] or "" for c, v in enumerate(row)] for row in rows]
    lines = [HEADING, "", *("\t".join(str(v) for v in row) for row in filled)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


MERGING: dict[str, Callable[[Path, Sequence[Sequence[Cell]]], None]] = {
    ".docx": _docx,
    ".html": _html,
    ".pdf": _pdf,
    ".txt": _text,
}
"""The writers of documents whose cells can be merged across columns (the text extracted
from one, for the line reading of the seed layouts)."""
WRITERS: dict[str, Callable[[Path, Sequence[Sequence[str]]], None]] = {
    ".docx": _docx,
    ".html": _html,
    ".pdf": _pdf,
    ".md": _markdown,
    ".txt": _text,
    ".csv": _csv,
}


def _actions(plan: Plan) -> list[tuple[str, str, list[str], str | None]]:
    return [
        (a.ref, a.text, [str(o.party) for o in a.owners], a.due.text if a.due else None)
        for a in plan.actions
    ]


# -- a header merged over a ref column and a text column ------------------------------

MERGED_HEADER: list[list[Cell]] = [
    ["Action", None, "Responsible officer", "By when", "Success measure", "Progress"],
    [
        "1.1",
        "Introduce a quality assurance framework",
        "Laura Finch",
        "Mar-25",
        "80% good",
        "On track",
    ],
    ["1.2", "Train all coordinators", "Ben Hart", "Jun-25", "All trained", "Not started"],
    ["2.3a", "Audit twenty plans a month", "Laura Finch", "Sep-25", "Audits done", "Not started"],
]
MERGED_HEADER_ACTIONS = [
    ("1.1", "Introduce a quality assurance framework", ["person:laura-finch"], "Mar-25"),
    ("1.2", "Train all coordinators", ["person:ben-hart"], "Jun-25"),
    ("2.3a", "Audit twenty plans a month", ["person:laura-finch"], "Sep-25"),
]


@pytest.mark.parametrize("suffix", list(MERGING))
def test_a_header_merged_over_a_ref_and_a_text_column_gives_the_ref_column(
    tmp_path: Path, suffix: str
) -> None:
    """Before: the header headed both columns, the ref and the text were joined into one
    action text (``1.1; Introduce ...``) and the ref was numbered ``1``."""
    path = tmp_path / f"plan{suffix}"
    MERGING[suffix](path, MERGED_HEADER)
    result = import_document(path)
    assert _actions(result.plan) == MERGED_HEADER_ACTIONS
    assert [a.status for a in result.plan.actions] == ["On track", "Not started", "Not started"]
    assert [m.text for m in result.plan.measures] == ["80% good", "All trained", "Audits done"]
    if suffix != ".txt":  # the line reading takes no finding from a lone heading line
        assert [a.addresses for a in result.plan.actions] == [["AFI-1"]] * 3
    said = [i.message for i in result.report.low_confidence if "two columns" in i.message]
    assert said == [ref_column_note("Action")]


def test_two_columns_under_one_header_that_are_not_refs_keep_their_role(tmp_path: Path) -> None:
    """``Responsible officer`` merged over a name column and an organisation column: neither
    holds refs, so both stay owner columns; ``Action`` over two text columns stays text."""
    path = tmp_path / "plan.html"
    _html(
        path,
        [
            ["Ref", "Action", None, "Responsible officer", None, "By when"],
            [
                "1.1",
                "Introduce a framework",
                "for quality",
                "Laura Finch",
                "Kingsmere Council",
                "Mar-25",
            ],
            [
                "1.2",
                "Train coordinators",
                "in the framework",
                "Ben Hart",
                "Kingsmere Council",
                "Jun-25",
            ],
        ],
    )
    plan = import_document(path).plan
    assert [(a.ref, a.text, a.due.text if a.due else None) for a in plan.actions] == [
        ("1.1", "Introduce a framework; for quality", "Mar-25"),
        ("1.2", "Train coordinators; in the framework", "Jun-25"),
    ]
    assert [o.name for o in plan.organisations] == ["Kingsmere Council"]
    assert [sorted(str(o.party) for o in a.owners) for a in plan.actions] == [
        ["organisation:kingsmere-council", "person:laura-finch"],
        ["organisation:kingsmere-council", "person:ben-hart"],
    ]


# -- the Word reader: a cell merged across columns ------------------------------------


def test_word_header_cell_merged_across_columns_heads_every_column_it_spans(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.docx"
    _docx(path, MERGED_HEADER)
    table = next(b for b in read_blocks(path) if b.is_table)
    assert [r.cells for r in table.rows[:2]] == [
        ["Action", "Action", "Responsible officer", "By when", "Success measure", "Progress"],
        MERGED_HEADER[1],
    ]
    lines = document_text(path).splitlines()
    assert lines[lines.index("") + 1].split("\t") == table.rows[0].cells


def test_word_data_cell_merged_across_columns_is_followed_by_blanks(tmp_path: Path) -> None:
    """Before: the merged cell was written once, the row had a cell fewer than the header,
    and the owner was read as the measure and the due date as the owner."""
    path = tmp_path / "plan.docx"
    _docx(
        path,
        [
            ["Ref", "Action", "Success measure", "Lead officer", "Timescale"],
            ["1.1", "Introduce a quality assurance framework", "80% good", "Laura Finch", "Mar-25"],
            ["1.2", "Train all coordinators in the new framework", None, "Ben Hart", "Jun-25"],
            ["1.3", "Audit twenty plans a month", "Audits done", "Laura Finch", "Sep-25"],
        ],
    )
    table = next(b for b in read_blocks(path) if b.is_table)
    assert table.rows[2].cells == [
        "1.2",
        "Train all coordinators in the new framework",
        "",
        "Ben Hart",
        "Jun-25",
    ]
    plan = import_document(path).plan
    assert _actions(plan) == [
        ("1.1", "Introduce a quality assurance framework", ["person:laura-finch"], "Mar-25"),
        ("1.2", "Train all coordinators in the new framework", ["person:ben-hart"], "Jun-25"),
        ("1.3", "Audit twenty plans a month", ["person:laura-finch"], "Sep-25"),
    ]
    assert [(a.ref, a.measures) for a in plan.actions] == [
        ("1.1", ["1.1-M1"]),
        ("1.2", []),
        ("1.3", ["1.3-M1"]),
    ]


def test_word_cell_merged_down_rows_is_still_stated_in_each_row(tmp_path: Path) -> None:
    """The vertical merge keeps its rule (``loaders/documents/merged.py``): the owner merged
    down two rows is the stated owner of both, beside a header merged across columns."""
    path = tmp_path / "plan.docx"
    rows = [list(r) for r in MERGED_HEADER]
    _docx(path, rows, down=[(1, 2, 2)])  # Laura Finch merged over rows 1.1 and 1.2
    plan = import_document(path).plan
    assert [(a.ref, [(str(o.party), o.inferred) for o in a.owners]) for a in plan.actions] == [
        ("1.1", [("person:laura-finch", False)]),
        ("1.2", [("person:laura-finch", False)]),
        ("2.3a", [("person:laura-finch", False)]),
    ]


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
def test_a_caption_across_the_table_is_written_once_and_the_header_below_it_spans(
    tmp_path: Path, suffix: str
) -> None:
    """A first row of one cell across the table is a caption, not the header: it is written
    once (before, the web reader repeated it in every column), and the header row below it
    still heads every column its merged cells span."""
    path = tmp_path / f"plan{suffix}"
    caption: list[Cell] = ["Priority 1: consistent plans", *[None] * 5]
    MERGING[suffix](path, [caption, *MERGED_HEADER])
    table = next(b for b in read_blocks(path) if b.is_table)
    assert table.rows[0].cells == ["Priority 1: consistent plans", "", "", "", "", ""]
    assert table.rows[1].cells[:2] == ["Action", "Action"]
    assert _actions(import_document(path).plan) == MERGED_HEADER_ACTIONS


# -- a ref at the start of the action text ----------------------------------------------

HEADER = ["Action", "Responsible officer", "Timescale", "Success measure"]


STARTING_WITH_REFS = [
    ["1.1 Introduce a quality assurance framework", "Laura Finch", "Mar-25", "80% good"],
    ["1.2. Train all coordinators", "Ben Hart", "Jun-25", "All trained"],
    ["1.3 - Audit twenty plans a month", "Laura Finch", "Sep-25", "Audits done"],
    ["P1.4 Publish the local offer", "Ben Hart", "Dec-25", "Published"],
]
SPLIT = [
    ("1.1", "Introduce a quality assurance framework", ["person:laura-finch"], "Mar-25"),
    ("1.2", "Train all coordinators", ["person:ben-hart"], "Jun-25"),
    ("1.3", "Audit twenty plans a month", ["person:laura-finch"], "Sep-25"),
    ("P1.4", "Publish the local offer", ["person:ben-hart"], "Dec-25"),
]


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_a_ref_at_the_start_of_every_action_text_is_split_off(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    WRITERS[suffix](path, [HEADER, *STARTING_WITH_REFS])
    assert _actions(import_document(path).plan) == SPLIT


NUMBERS_IN_TEXT = [
    ["2 posts recruited to the SEND team", "Laura Finch", "Mar-25", "Posts filled"],
    ["1.5 FTE educational psychologists funded", "Ben Hart", "Jun-25", "Funded"],
    ["Audit twenty plans a month", "Laura Finch", "Sep-25", "Audits done"],
    ["Publish the local offer", "Ben Hart", "Dec-25", "Published"],
]


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_an_action_that_merely_begins_with_a_number_is_not_cut(tmp_path: Path, suffix: str) -> None:
    """Only one action of four starts with what could be a ref (``1.5 FTE``): not nearly
    every one, so no text is cut; ``2 posts`` is never a ref."""
    path = tmp_path / f"plan{suffix}"
    WRITERS[suffix](path, [HEADER, *NUMBERS_IN_TEXT])
    plan = import_document(path).plan
    assert [a.text for a in plan.actions] == [row[0] for row in NUMBERS_IN_TEXT]
    assert [a.due.text if a.due else None for a in plan.actions] == [
        "Mar-25",
        "Jun-25",
        "Sep-25",
        "Dec-25",
    ]


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_nearly_every_action_starting_with_a_ref_is_enough(tmp_path: Path, suffix: str) -> None:
    """Four actions of five start with a ref: theirs are split off and the fifth keeps its
    text whole (a Markdown table's rule row is no action and does not count)."""
    path = tmp_path / f"plan{suffix}"
    last = ["Review the plan with parents", "Laura Finch", "Mar-26", "Reviewed"]
    WRITERS[suffix](path, [HEADER, *STARTING_WITH_REFS, last])
    actions = _actions(import_document(path).plan)
    assert actions[:4] == SPLIT
    assert [text for _, text, _, _ in actions[4:]] == ["Review the plan with parents"]


# -- the corpus -----------------------------------------------------------------------

CORPUS = Path(__file__).parent / "data" / "documents"


@pytest.mark.parametrize(
    "name", ["word_merged_columns.docx", "html_merged_header.htm", "council_tables.htm"]
)
def test_corpus_layouts_give_the_truths_refs_and_texts(name: str) -> None:
    """The bench matches actions by their texts (and measures owners, due months and links);
    here the refs and texts must be exact:
    ``Action`` merged over the ref and text columns (Word, web page), and each action's ref
    written at the start of its text (``council_tables.htm``)."""
    import yaml

    truth = yaml.safe_load((CORPUS / "truth.yaml").read_text(encoding="utf-8"))
    plan = import_document(CORPUS / name).plan
    assert [(a.ref, a.text) for a in plan.actions] == [
        (t["ref"], t["text"]) for t in truth["actions"]
    ]


def test_the_merged_header_page_is_what_the_script_makes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.LAYOUTS["html_merged_header.htm"](tmp_path / "page.htm")
    assert (tmp_path / "page.htm").read_bytes() == (CORPUS / "html_merged_header.htm").read_bytes()


def test_word_row_starting_after_the_first_column_starts_with_blanks() -> None:
    """A row whose first grid column has no cell (``w:gridBefore``) keeps its cells under
    their headers."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from loaders.documents.readers.word import table_texts

    table = docx.Document().add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Lead"], strict=True):
        cell.text = text
    row = table.rows[1]._tr
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    row.get_or_add_trPr().append(before)
    row.remove(row.tc_lst[0])
    for cell, text in zip(table.rows[1].cells, ["Train staff", "Jo Bloggs"], strict=True):
        cell.text = text
    assert table_texts(table, lambda cell: cell.text) == [
        ["Ref", "Action", "Lead"],
        ["", "Train staff", "Jo Bloggs"],
    ]


def test_a_list_number_at_the_start_of_the_text_is_not_a_ref(tmp_path: Path) -> None:
    """``1. Introduce`` numbers a list that starts again in every table: taken as refs, the
    second table's ``1`` would clash with the first's, so the text keeps it."""
    path = tmp_path / "plan.html"
    tables = []
    for n, actions in ((1, ["Introduce a framework", "Train staff"]), (2, ["Set up a forum"])):
        rows = "".join(
            f"<tr><td>{k}. {text}</td><td>Laura Finch</td><td>Mar-25</td></tr>"
            for k, text in enumerate(actions, start=1)
        )
        tables.append(
            f"<h2>Area for improvement {n}: finding {n}</h2><table><tr><th>Action</th>"
            f"<th>Responsible officer</th><th>By when</th></tr>{rows}</table>"
        )
    path.write_text(f"<html><body>{''.join(tables)}</body></html>", encoding="utf-8")
    plan = import_document(path).plan
    assert [(a.ref, a.text) for a in plan.actions] == [
        ("1", "1. Introduce a framework"),
        ("2", "2. Train staff"),
        ("3", "1. Set up a forum"),
    ]
