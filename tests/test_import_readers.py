"""The readers give what a person sees in the source: the numbers Word draws before list
paragraphs, a pasted table's cells with their line breaks, a Markdown cell's escaped pipe,
a web page's definition lists, Excel's delimiter hint and Unicode text, and a PDF's words
and pages without their running headers and footers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders.documents import import_document
from loaders.documents.readers import read_blocks
from loaders.documents.sources import document_text

# -- Word: the numbers Word draws ------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_docx(
    path: Path, items: list[tuple[int, str]], *, levels: str, num: str, other: str = ""
) -> Path:
    """A Word file whose ``items`` (level, text) are in the list of abstract numbering 90
    (``levels``: its ``w:lvl`` elements) through ``w:num`` 90 (``num``: its overrides);
    ``other``, an abstract numbering more."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Millbrook SEND Improvement Plan", style="Title")
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {_W} w:abstractNumId="90">{levels}</w:abstractNum>')
    numbering.insert(0, abstract)
    if other:
        numbering.insert(0, parse_xml(other.replace("<w:abstractNum ", f"<w:abstractNum {_W} ")))
    numbering.append(
        parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/>{num}</w:num>')
    )
    for level, text in items:
        paragraph = document.add_paragraph(text, style="List Paragraph")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.save(str(path))
    return path


def _lvl(ilvl: int, text: str, numfmt: str = "decimal", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{numfmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


_AREAS = [
    (0, "Leaders should improve the timeliness of EHC needs assessments."),
    (1, "Restructure the assessment team into hubs (Lead: Head of SEND; by March 2025)"),
    (1, "Track every assessment past week 12 (Lead: Casework Manager; by October 2024)"),
    (0, "Leaders should strengthen preparation for adulthood from Year 9."),
    (1, "Launch a preparation for adulthood pathway (Lead: Priya Nair; by Sept 2025)"),
]


def _read(path: Path) -> list[tuple[str, str, str]]:
    """The kind, text and marker of each block after the title."""
    return [(b.kind.value, b.text, b.marker) for b in read_blocks(path)[1:]]


def _typed_docx(path: Path, texts: list[str]) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Millbrook SEND Improvement Plan", style="Title")
    for text in texts:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_multilevel_word_list_reads_as_its_numbers_typed(tmp_path: Path) -> None:
    """Word draws ``1.``, ``1.1`` from the numbering part; the text holds no number. Read
    with the numbers put in, the document reads as the same one with the numbers typed."""
    path = _numbered_docx(
        tmp_path / "plan.docx", _AREAS, levels=_lvl(0, "%1.") + _lvl(1, "%1.%2"), num=""
    )
    numbers = ["1.", "1.1", "1.2", "2.", "2.1"]
    typed = _typed_docx(
        tmp_path / "typed.docx",
        [f"{n} {text}" for n, (_, text) in zip(numbers, _AREAS, strict=True)],
    )
    assert _read(path) == _read(typed)
    assert [text.split()[0] for _, text, _ in _read(path)] == [
        "Leaders",
        "1.1",
        "1.2",
        "Leaders",
        "2.1",
    ]
    assert [b.depth for b in read_blocks(path)[1:]] == [0, 0, 0, 0, 0]
    result = import_document(path).plan, import_document(typed).plan
    assert [a.ref for a in result[0].actions] == [a.ref for a in result[1].actions]
    assert document_text(path) == document_text(typed)  # the text the older reading reads


def _markers(path: Path) -> list[str]:
    return [b.marker if b.is_item else b.text.split()[0] for b in read_blocks(path)[1:]]


def test_word_numbers_follow_start_formats_and_restarts(tmp_path: Path) -> None:
    levels = _lvl(0, "%1.", start=3) + _lvl(1, "(%2)", "lowerRoman") + _lvl(2, "%3)", "lowerLetter")
    items = [
        (0, "Three"),
        (1, "i"),
        (2, "a"),
        (2, "b"),
        (1, "ii"),
        (2, "a again"),
        (0, ""),
        (0, "Five"),
    ]
    path = _numbered_docx(tmp_path / "a.docx", items, levels=levels, num="")
    assert _markers(path) == ["3.", "(i)", "a)", "b)", "(ii)", "a)", "5."]  # 4. is empty
    assert [b.depth for b in read_blocks(path)[1:]] == [0, 1, 2, 2, 1, 2, 0]
    restarted = _numbered_docx(
        tmp_path / "b.docx",
        [(0, "One"), (0, "Two"), (0, "Three")],
        levels=_lvl(0, "%1.") + _lvl(1, "%1.%2"),
        num='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>',
    )
    assert _markers(restarted) == ["7.", "8.", "9."]


def test_a_word_list_defined_by_a_list_style_takes_its_levels(tmp_path: Path) -> None:
    """Word writes a list made with a list style as a definition naming the style
    (``w:numStyleLink``); the levels are in the definition linked to it (``w:styleLink``)."""
    path = _numbered_docx(
        tmp_path / "styled.docx",
        _AREAS,
        levels='<w:numStyleLink w:val="PlanList"/>',
        num="",
        other='<w:abstractNum w:abstractNumId="91"><w:styleLink w:val="PlanList"/>'
        + _lvl(0, "%1.")
        + _lvl(1, "%1.%2")
        + "</w:abstractNum>",
    )
    assert _markers(path) == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_word_list_number_styles_are_numbered_by_their_own_lists(tmp_path: Path) -> None:
    """``List Number`` and ``List Number 2`` take their numbering from their styles: two
    lists, each counting on, as Word shows them; bullets stay bullets."""
    import docx

    document = docx.Document()
    document.add_paragraph("Millbrook SEND Improvement Plan", style="Title")
    for style, text in [
        ("List Number", "First area"),
        ("List Number 2", "Do a"),
        ("List Number 2", "Do b"),
        ("List Number", "Second area"),
        ("List Number 2", "Do c"),
        ("List Bullet", "A bullet"),
    ]:
        document.add_paragraph(text, style=style)
    path = tmp_path / "styles.docx"
    document.save(str(path))
    assert [(b.marker, b.depth, b.text) for b in read_blocks(path)[1:]] == [
        ("1.", 0, "First area"),
        ("1.", 1, "Do a"),
        ("2.", 1, "Do b"),
        ("2.", 0, "Second area"),
        ("3.", 1, "Do c"),
        ("•", 0, "A bullet"),
    ]


# -- a table pasted into text, its cells' line breaks kept --------------------------------

_HEADER = "Ref\tAction\tLead\tBy when\tRAG"


@pytest.mark.parametrize(
    "body",
    [
        # Word: a cell's line breaks break its row over several lines, unquoted
        "5.1\tIntroduce a single point of access for therapy referrals\tHead of Therapies\n"
        "Castlebrook Community Health NHS Trust\tDec 2024\tGreen\n"
        "5.2\tWork with the Parent Carer Forum to:\n"
        "- review the Local Offer\n"
        "- run termly listening events\tParticipation Manager\tMarch 2025\tAmber\n",
        # Excel: a cell with line breaks is quoted, a quote inside doubled
        '5.1\tIntroduce a single point of access for therapy referrals\t"Head of Therapies\n'
        'Castlebrook Community Health NHS Trust"\tDec 2024\tGreen\n'
        '5.2\t"Work with the Parent Carer Forum to:\n'
        "- review the Local Offer\n"
        '- run termly listening events"\tParticipation Manager\tMarch 2025\tAmber\n',
    ],
    ids=["word", "excel"],
)
def test_a_pasted_tables_rows_keep_their_cells(tmp_path: Path, body: str) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text(f"{_HEADER}\n{body}5.3\tPublish waiting times\tHead of SEND\tJan 2025\tRed\n")
    rows = [r.cells for b in read_blocks(path) if b.is_table for r in b.rows]
    assert [len(cells) for cells in rows] == [5, 5, 5, 5]
    assert rows[1][2] == "Head of Therapies; Castlebrook Community Health NHS Trust"
    plan = import_document(path).plan
    assert [(a.ref, a.status) for a in plan.actions] == [
        ("5.1", "Green"),
        ("5.2", "Amber"),
        ("5.3", "Red"),
    ]
    assert "review the Local Offer" in plan.actions[1].text
    assert not plan.people or all(p.name not in ("Green", "March 2025") for p in plan.people)


# -- Markdown: an escaped pipe is a pipe inside a cell ---------------------------------


def test_an_escaped_pipe_stays_inside_its_markdown_cell(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "| Ref | Action | Owner | Due | Status |\n|-----|--------|-------|-----|--------|\n"
        "| 3.1 | Agree a pooled budget for speech \\| language therapy | Head of Joint"
        " Commissioning | Jan 2025 | Amber |\n"
        "| 3.2 | Publish the joint commissioning strategy | Mark Adeyemi | Mar 2025 | Green |\n"
    )
    rows = [r.cells for b in read_blocks(path) if b.is_table for r in b.rows]
    assert rows[1][1] == "Agree a pooled budget for speech | language therapy"
    action = import_document(path).plan.actions[0]
    assert (action.text, action.status) == (
        "Agree a pooled budget for speech | language therapy",
        "Amber",
    )


# -- a web page: a definition list's terms and descriptions are fields -----------------


def _page(path: Path, body: str) -> Path:
    """A web page at ``path`` whose body is ``body``."""
    path.write_text(f"<html><body>{body}</body></html>")
    return path


def test_a_web_pages_definition_lists_are_an_actions_fields(tmp_path: Path) -> None:
    body = """<main><h1>Thornbury SEND Improvement Plan</h1>
<h2>Area for improvement 1: Timeliness of EHC plans</h2>
<h3>1.1 Increase the capacity of the EHC assessment team</h3>
<dl><dt>Lead</dt><dd>Karen Oduya, Head of SEND Statutory Services</dd>
<dt>When</dt><dd><p>By December 2024</p></dd><dt>Progress</dt><dd>On track</dd></dl>
<h3>1.2 Give families a named contact</h3>
<dl><dt>Lead:</dt><dd>SEND Casework Team Manager</dd><dt>When</dt><dd>Spring term 2025</dd>
</dl></main>"""
    path = _page(tmp_path / "plan.html", body)
    texts = [b.text for b in read_blocks(path) if not b.is_heading]
    assert texts[:4] == [
        "1.1 Increase the capacity of the EHC assessment team",
        "Lead: Karen Oduya, Head of SEND Statutory Services",
        "When: By December 2024",
        "Progress: On track",
    ]
    plan = import_document(path).plan
    assert [(a.ref, a.status, a.addresses) for a in plan.actions] == [
        ("1.1", "On track", ["AFI-1"]),
        ("1.2", None, ["AFI-1"]),
    ]
    assert [a.due.text if a.due else None for a in plan.actions] == [
        "By December 2024",
        "Spring term 2025",
    ]


def test_a_definition_list_inside_a_table_cell_stays_in_its_cell(tmp_path: Path) -> None:
    body = """<table><tr><th>Ref</th><th>Who</th></tr><tr><td>1.1</td><td><dl>
<dt>Lead</dt><dd>Jo Bloggs</dd></dl></td></tr></table>
<p>After the table</p><ul><li>An item</li></ul>"""
    path = _page(tmp_path / "plan.html", body)
    blocks = read_blocks(path)
    assert blocks[0].rows[1].cells == ["1.1", "Lead; Jo Bloggs"]
    assert [(b.kind.value, b.text) for b in blocks[1:]] == [
        ("paragraph", "After the table"),
        ("item", "An item"),
    ]


# -- Excel's delimited text: its delimiter hint, its Unicode text ----------------------

_SHEET = [
    ["Ref", "Action", "Owner", "Due date", "RAG"],
    ["AP1", "Open a new alternative provision hub", "Head of Inclusion", "January 2025", "Amber"],
    ["AP2", "Publish the outreach offer, with costs", "SENCO Lead", "March 2025", "Green"],
]


def test_a_csv_with_excels_delimiter_hint_uses_it(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text("sep=;\n" + "".join(";".join(row) + "\n" for row in _SHEET))
    rows = [r for b in read_blocks(path) if b.is_table for r in b.rows]
    assert [r.cells for r in rows] == _SHEET
    assert rows[0].place == "row 2"
    plan = import_document(path).plan
    assert [(a.ref, a.status) for a in plan.actions] == [("AP1", "Amber"), ("AP2", "Green")]


@pytest.mark.parametrize("name", ["tracker.txt", "tracker.tsv", "tracker.csv"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_excels_unicode_text_is_read(tmp_path: Path, name: str, encoding: str) -> None:
    """Excel's "Unicode Text": UTF-16 with a byte order mark, tab-separated."""
    path = tmp_path / name
    text = "".join("\t".join(row) + "\r\n" for row in _SHEET)
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # the codec writes none itself
    path.write_bytes((bom + text).encode(encoding))
    plan = import_document(path).plan
    assert [(a.ref, a.text) for a in plan.actions] == [(row[0], row[1]) for row in _SHEET[1:]]


def test_a_text_its_byte_order_mark_belies_is_refused_plainly(tmp_path: Path) -> None:
    from graphmodel.errors import UsageError

    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfeR\x00e\x00f")  # UTF-16 cut in the middle of a character
    with pytest.raises(UsageError, match="byte order mark"):
        read_blocks(path)


# -- PDF: a status word wrapped in a narrow column; running footers ------------------------


def _pdf_plan(
    path: Path,
    rows: list[list[str]],
    widths: list[int],
    *,
    footer: str = "",
    title: str = "Kestrel Vale SEND Priority Action Plan",
) -> Path:
    """A PDF: ``title``, then a table of ``rows`` (its first the header) over as many pages as
    it takes, ``footer`` and the page number at the foot of each page."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    styles = getSampleStyleSheet()

    def foot(canvas: Any, document: Any) -> None:
        if footer:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(40, 20, f"{footer} Page {document.page}")

    table = LongTable(
        [[Paragraph(c, styles["BodyText"]) for c in row] for row in rows],
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    document = SimpleDocTemplate(str(path), pagesize=A4)
    document.build(
        [Paragraph(title, styles["Title"]), table],
        onFirstPage=foot,
        onLaterPages=foot,
    )
    return path


def test_a_status_word_wrapped_in_a_narrow_pdf_column_is_one_word(tmp_path: Path) -> None:
    rows = [
        ["Ref", "What we will do", "Who", "When", "RAG"],
        ["1.1", "Set up a quality assurance framework", "Head of SEND", "July 2025", "Complete"],
        [
            "1.2",
            "Return all health advice on time",
            "Designated Clinical Officer",
            "May 2025",
            "On track",
        ],
    ]
    path = _pdf_plan(tmp_path / "plan.pdf", rows, [35, 200, 150, 80, 42])
    statuses = [r.cells[-1] for b in read_blocks(path) if b.is_table for r in b.rows]
    assert statuses == ["RAG", "Complete", "On track"]
    assert [a.status for a in import_document(path).plan.actions] == ["Complete", "On track"]


def test_a_pdfs_running_footer_is_left_out_and_its_wrapped_title_whole(tmp_path: Path) -> None:
    rows = [["Ref", "Action", "Lead", "Deadline", "RAG"]] + [
        [
            f"1.{k}",
            f"Action {k}: review the assessment process with families and schools",
            "Head of SEND",
            "Mar 2025",
            "Green",
        ]
        for k in range(1, 30)
    ]
    footer = "Kestrel Vale SEND Written Statement of Action - OFFICIAL"
    title = "Kestrel Vale SEND Written Statement of Action: Action Tracker"  # over two lines
    path = _pdf_plan(tmp_path / "plan.pdf", rows, [40, 230, 90, 60, 45], footer=footer, title=title)
    result = import_document(path)
    assert result.plan.title == title
    assert len(result.plan.actions) == 29
    assert not [i.text for i in result.report.unplaced if "OFFICIAL" in i.text]
