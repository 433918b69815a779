"""Write the import corpus: one plan (``content.py``) in many layouts, and ``truth.yaml``.

Run: python tests/data/documents/make_corpus.py  (needs python-docx, reportlab, openpyxl)

The files are committed; this script says how each was made and remakes them.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import sys
import textwrap
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from content import ACTIONS, AREA, FINDINGS, MONTHS, ORGS, PEOPLE, TITLE, Action  # noqa: E402


def month(a: Action) -> str:
    return f"{MONTHS[a.month - 1]} {a.year}"


def short_month(a: Action) -> str:
    return f"{MONTHS[a.month - 1][:3]}-{a.year % 100:02d}"


def last_day(a: Action) -> str:
    return f"{calendar.monthrange(a.year, a.month)[1]:02d}/{a.month:02d}/{a.year}"


def owners_full(a: Action) -> str:
    """``Name, Post, Org; Name, Post, Org``."""
    return "; ".join(f"{p.name}, {p.post}, {p.org}" for p in (PEOPLE[k] for k in a.owners))


def owners_names(a: Action, sep: str = " and ") -> str:
    return sep.join(PEOPLE[k].name for k in a.owners)


def owners_bracket(a: Action) -> str:
    return " / ".join(f"{PEOPLE[k].name} ({PEOPLE[k].post})" for k in a.owners)


def by_finding() -> list[tuple[object, list[Action]]]:
    return [(f, [a for a in ACTIONS if a.finding == f.ref]) for f in FINDINGS]


INTRO = (
    f"In January 2024 Ofsted and the Care Quality Commission inspected the {AREA} local area. "
    "Inspectors identified four areas of significant weakness. This statement sets out what "
    f"{ORGS['KCC']} (KCC), the {ORGS['ICB']} (ICB) and the {ORGS['KPCF']} (KPCF) will do."
)


# -- truth -------------------------------------------------------------------------------
def truth() -> dict[str, object]:
    org_ref = {k: k.lower() for k in ORGS}
    return {
        "area": AREA,
        "title": TITLE,
        "findings": [
            {"ref": f.ref, "kind": "significant_weakness", "text": f.text} for f in FINDINGS
        ],
        "actions": [
            {
                "ref": a.ref,
                "text": a.text,
                "owners": [f"person:{k}" for k in a.owners],
                "due": month(a),
                "status": a.status,
                "addresses": [a.finding],
            }
            for a in ACTIONS
        ],
        "people": [
            {"ref": p.key, "name": p.name, "post": p.post, "organisation": org_ref[p.org]}
            for p in PEOPLE.values()
        ],
        "organisations": [{"ref": org_ref[k], "name": v, "aliases": [k]} for k, v in ORGS.items()],
    }


def _merged(a: Action) -> bool:
    """Whether ``a`` is the second row of its finding's table: the layouts with merged owner
    cells write its owner once, on the row above."""
    group = [x for x in ACTIONS if x.finding == a.finding]
    return group.index(a) == 1


def _above(a: Action) -> Action:
    group = [x for x in ACTIONS if x.finding == a.finding]
    return group[group.index(a) - 1]


APPENDIX = " (see Appendix 2)"
"""Written after the first action's text in the merged layouts: containment, never a
dependency."""


def truth_merged(basis: str) -> dict[str, object]:
    """The truth of the merged-owner layouts: the second row of each table has the owners of
    the row above, stated (Word repeats a merged cell) or inferred (extracted text)."""
    out = truth()
    for a, entity in zip(ACTIONS, out["actions"], strict=True):  # type: ignore[call-overload]
        if a is ACTIONS[0]:
            entity["text"] = a.text + APPENDIX
        if _merged(a):
            owners = [f"person:{k}" for k in _above(a).owners]
            entity["owners"] = (
                owners
                if basis == "stated"
                else [
                    {
                        "party": o,
                        "basis": "inferred",
                        "reason": f"blank owner cell under {_above(a).ref}'s owner in a merged"
                        " block",
                    }
                    for o in owners
                ]
            )
    return out


def _no_owner_yet(a: Action) -> bool:
    """The rows the no-owner layout leaves blank: the first row of W1's table, and the
    second of W3's."""
    group = [x for x in ACTIONS if x.finding == a.finding]
    return (a.finding, group.index(a)) in (("W1", 0), ("W3", 1))


def truth_no_owner() -> dict[str, object]:
    out = truth()
    for a, entity in zip(ACTIONS, out["actions"], strict=True):  # type: ignore[call-overload]
        if _no_owner_yet(a):
            entity["owners"] = []
    return out


def truth_inferred_links() -> dict[str, object]:
    """The truth of a layout that names no finding per action: each action's link to its
    finding is inferred from the numbering (priority 2, action 2.3 -> weakness 2)."""
    out = truth()
    for entity in out["actions"]:  # type: ignore[attr-defined]
        entity["addresses"] = [
            {"ref": r, "basis": "inferred", "reason": "numbered like the finding"}
            for r in entity["addresses"]
        ]
    return out


# -- layouts -----------------------------------------------------------------------------
def _word_tables(path: Path, titles: tuple[str, ...], fill: Any) -> None:
    """A Word document with a table under each weakness heading: ``titles`` its header,
    ``fill(table, action)`` writes each action's row."""
    import docx

    d = docx.Document()
    d.add_heading(TITLE, 0)
    d.add_paragraph(INTRO)
    for f, actions in by_finding():
        d.add_heading(f"Area of significant weakness {f.number}: {f.text}", 2)  # type: ignore[attr-defined]
        t = d.add_table(rows=1, cols=len(titles))
        t.style = "Table Grid"
        for cell, title in zip(t.rows[0].cells, titles, strict=True):
            cell.text = title
        for a in actions:
            fill(t, a)
    d.save(str(path))


def word_table(path: Path) -> None:
    """A Word table under each weakness heading, with a plain Lead column."""

    def fill(t: Any, a: Action) -> None:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = a.ref, a.text
        cells[2].text = ""
        for k, key in enumerate(a.owners):
            p = PEOPLE[key]
            para = cells[2].paragraphs[0] if k == 0 else cells[2].add_paragraph()
            para.add_run(f"{p.name}, {p.post}")
        cells[3].text, cells[4].text, cells[5].text = month(a), a.measure, a.status

    _word_tables(path, ("Ref", "Action", "Lead", "Target date", "Success measure", "RAG"), fill)


def priority_pdf(path: Path) -> None:
    """A list of weaknesses, then a ruled table under each priority heading (reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list[object] = [
        Paragraph(TITLE, styles["Title"]),
        Paragraph(INTRO, body),
        Paragraph("The inspection identified these areas of significant weakness:", body),
    ]
    for f in FINDINGS:
        story.append(Paragraph(f"{f.number}. {f.text}", body))
    for f, actions in by_finding():
        story.append(Spacer(1, 12))
        story.append(Paragraph(f"Priority {f.number}: {f.short}", styles["Heading2"]))
        rows = [["No.", "What we will do", "Responsible officer", "Deadline", "Impact measure"]]
        for a in actions:
            rows.append(
                [
                    a.ref,
                    Paragraph(a.text, body),
                    Paragraph(owners_bracket(a), body),
                    last_day(a),
                    Paragraph(a.measure, body),
                ]
            )
        table = Table(rows, colWidths=[40, 260, 170, 70, 200])
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)  # type: ignore[arg-type]


def labelled_list(path: Path) -> None:
    out = [TITLE, "", INTRO, ""]
    for f, actions in by_finding():
        out += [f"Area of significant weakness {f.number}: {f.text}", ""]
        for a in actions:
            out += [
                f"Action {a.ref}: {a.text}",
                f"Due date: {month(a)}",
                f"Responsible officer (action lead): {owners_full(a)}",
                f"Success criteria: {a.measure}",
                f"Progress: {a.status}",
                "",
            ]
    path.write_text("\n".join(out), encoding="utf-8")


def council_page(path: Path) -> None:
    parts = [
        "<!DOCTYPE html><html><head><title>SEND improvement | Kingsmere County Council</title>",
        "</head><body>",
        '<div id="cookie-banner"><p>We use cookies to make this site work.</p>',
        "<button>Accept all cookies</button></div>",
        '<header><a href="/">Kingsmere County Council</a><nav><ul><li><a href="/schools">'
        "Schools</a></li><li><a href='/social-care'>Social care</a></li></ul></nav></header>",
        '<nav class="breadcrumbs"><ol><li>Home</li><li>Children</li><li>SEND</li></ol></nav>',
        f"<main><h1>{TITLE}</h1><p>{INTRO}</p>",
    ]
    for f, actions in by_finding():
        parts.append(f"<h2>Weakness {f.number}: {f.text}</h2>")
        parts.append("<p>We will:</p><ul>")
        for a in actions:
            parts.append(f"<li>{a.text} (lead: {owners_names(a)}, by {month(a)})</li>")
        parts.append("</ul>")
    parts += [
        "</main><footer><ul><li>Contact us</li><li>Accessibility statement</li></ul>",
        "<p>© Kingsmere County Council</p></footer></body></html>",
    ]
    path.write_text("\n".join(parts), encoding="utf-8")


def markdown_table(path: Path) -> None:
    out = [f"# {TITLE}", "", INTRO, "", "## Areas of significant weakness", ""]
    out += [f"- **{f.ref}**: {f.text}" for f in FINDINGS]
    out += [
        "",
        "## Action plan",
        "",
        "| Ref | Finding | Action | Owner | Due | Status |",
        "|---|---|---|---|---|---|",
    ]
    for a in ACTIONS:
        out.append(
            f"| {a.ref} | {a.finding} | {a.text} | {owners_names(a, '; ')} |"
            f" {short_month(a)} | {a.status} |"
        )
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _columns(rows: list[list[str]], widths: list[int], blank_between: bool) -> list[str]:
    out = []
    for k, row in enumerate(rows):
        wrapped = [textwrap.wrap(c, w - 2) or [""] for c, w in zip(row, widths, strict=True)]
        for i in range(max(len(w) for w in wrapped)):
            line = "".join(
                (w[i] if i < len(w) else "").ljust(width)
                for w, width in zip(wrapped, widths, strict=True)
            )
            out.append(line.rstrip())
        if blank_between and k:
            out.append("")
    return out


def layout_text(path: Path) -> None:
    """Space-aligned columns as pdftotext -layout writes them, cells wrapped."""
    out = [TITLE, "", *textwrap.wrap(INTRO, 90), ""]
    for f, actions in by_finding():
        out += [*textwrap.wrap(f"Area of significant weakness {f.number}: {f.text}", 90), ""]
        rows = [["Ref", "Action", "Lead officer", "Timescale", "Measure of success"]]
        rows += [[a.ref, a.text, owners_names(a), month(a), a.measure] for a in actions]
        out += _columns(rows, [6, 44, 30, 16, 34], False)
        out += ["", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def layout_blank_rows(path: Path) -> None:
    """Space-aligned columns with blank lines between rows and other header words."""
    out = [TITLE, "", *textwrap.wrap(INTRO, 90), ""]
    for f, actions in by_finding():
        out += [f"Weakness W{f.number} - {f.text}", ""]
        rows = [["Key actions", "Who", "When", "How will we know"]]
        rows += [[a.text, owners_names(a, " / "), last_day(a), a.measure] for a in actions]
        out += _columns(rows, [48, 28, 14, 36], True)
        out += ["", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def tracker_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tracker"
    sheet.append([f"{AREA} SEND improvement tracker"])
    sheet.append([])
    sheet.append(["Action", "Lead", "By when", "RAG", "Update", "Addresses"])
    for a in ACTIONS:
        sheet.append(
            [
                a.text,
                owners_names(a, ", "),
                dt.date(a.year, a.month, calendar.monthrange(a.year, a.month)[1]),
                a.status,
                "Update due at the next board",
                a.finding,
            ]
        )
    findings = book.create_sheet("Findings")
    findings.append(["Ref", "Area of weakness"])
    for f in FINDINGS:
        findings.append([f.ref, f.text])
    book.save(str(path))


def tracker_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["#", "Finding", "Task", "Owner(s)", "Deadline", "Status"])
        for a in ACTIONS:
            f = next(x for x in FINDINGS if x.ref == a.finding)
            w.writerow(
                [
                    a.ref,
                    f.text,
                    a.text,
                    owners_bracket(a),
                    f"{a.year}-{a.month:02d}-{calendar.monthrange(a.year, a.month)[1]:02d}",
                    a.status,
                ]
            )


def word_bullets(path: Path) -> None:
    """Numbered findings, then a heading per finding with Next steps bullets (Word lists)."""
    import docx

    d = docx.Document()
    d.add_heading(TITLE, 1)
    d.add_paragraph(INTRO)
    d.add_heading("Areas of significant weakness", 2)
    for f in FINDINGS:
        d.add_paragraph(f.text, style="List Number")
    for f, actions in by_finding():
        d.add_heading(f"{f.number}. {f.text}", 2)
        d.add_paragraph("Next steps:")
        for a in actions:
            d.add_paragraph(
                f"{a.text} (lead: {owners_names(a)}, by {month(a)})", style="List Bullet"
            )
    d.save(str(path))


def html_tables(path: Path) -> None:
    parts = [
        "<html><body>",
        '<div class="site-header"><a href="/">Home</a></div>',
        f"<main><h1>{TITLE}</h1>",
    ]
    for f, actions in by_finding():
        parts.append(f"<h2>Area for improvement {f.number} – {f.text}</h2>")
        parts.append(
            "<table><thead><tr><th>Action</th><th>Responsible</th>"
            "<th>Completion date</th><th>Progress</th></tr></thead><tbody>"
        )
        for a in actions:
            parts.append(
                f"<tr><td>{a.ref} {a.text}</td><td>{owners_full(a)}</td>"
                f"<td>end of {month(a)}</td><td>{a.status}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append('</main><div class="footer">Kingsmere County Council</div></body></html>')
    path.write_text("\n".join(parts), encoding="utf-8")


def pdftotext_pages(path: Path) -> None:
    """pdftotext -layout of a landscape PDF: running header and footer on every page, form
    feeds, a header wrapped over two lines, owners joined with a slash."""
    pages: list[list[str]] = [[TITLE, "", *textwrap.wrap(INTRO, 100), ""]]
    for f, actions in by_finding():
        page = [f"Area of significant weakness {f.number}", *textwrap.wrap(f.text, 100), ""]
        rows = [
            [a.ref, a.text, owners_names(a, " / "), f"{MONTHS[a.month - 1][:3]} {a.year}", a.status]
            for a in actions
        ]
        page += [
            "Ref   Action                                    Responsible              "
            "Target       RAG",
            "                                                officer                  date",
        ]
        page += _columns(rows, [6, 42, 25, 13, 8], False)
        pages.append(page)
    out = []
    for n, page in enumerate(pages, start=1):
        out += [
            f"{AREA} SEND Written Statement of Action - Version 3",
            "",
            *page,
            "",
            f"                                        Page {n} of {len(pages)}",
        ]
        out.append("\f")
    path.write_text("\n".join(out), encoding="utf-8")


def prose_plan(path: Path) -> None:
    """A council's plain-text page: bold-less headings, a lead-in whose date every bullet
    takes, owners on a line after the bullets."""
    out = [f"{AREA}'s SEND improvement plan", "", INTRO, ""]
    for f, actions in by_finding():
        out += [
            f"Weakness W{f.number}: {f.text}",
            "",
            "What inspectors said",
            "",
            "Inspectors were concerned about this across the area.",
            "",
        ]
        for a in actions:
            out += [f"By {month(a)} we will:", f"  * {a.text} (lead: {owners_names(a)})", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def word_label_tables(path: Path) -> None:
    """Each action a two-column table of labels, under findings written in bold."""
    import docx

    d = docx.Document()
    d.add_paragraph().add_run(TITLE).bold = True
    d.add_paragraph(INTRO)
    for f, actions in by_finding():
        d.add_paragraph().add_run(f"Weakness {f.number}: {f.text}").bold = True
        for a in actions:
            t = d.add_table(rows=0, cols=2)
            for label, value in (
                ("Action", f"{a.ref} {a.text}"),
                ("Action owner", owners_full(a)),
                ("Completion date", last_day(a)),
                ("KPI", a.measure),
                ("Status", a.status),
            ):
                cells = t.add_row().cells
                cells[0].text, cells[1].text = label, value
            d.add_paragraph("")
    d.save(str(path))


def tracker_unknown_headers(path: Path) -> None:
    """A tracker whose headers the vocabulary does not know: its cells decide."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Item", "Linked weakness", "Description", "Champion", "Go-live", "Flag"])
        for k, a in enumerate(ACTIONS, start=1):
            f = next(x for x in FINDINGS if x.ref == a.finding)
            w.writerow([k, f.text, a.text, owners_names(a, " & "), short_month(a), a.status])


def word_merged_owners(path: Path) -> None:
    """A Word table under each weakness heading whose second row shares the first row's
    owner cell, merged with python-docx's ``merge()`` (the merged text is repeated in every
    row it spans when read back)."""

    def fill(t: Any, a: Action) -> None:
        cells = t.add_row().cells
        cells[0].text = a.ref
        cells[1].text = a.text + (APPENDIX if a is ACTIONS[0] else "")
        cells[3].text, cells[4].text = month(a), a.status
        if _merged(a):
            t.rows[len(t.rows) - 2].cells[2].merge(cells[2])
        else:
            cells[2].text = owners_names(a, "; ")

    _word_tables(path, ("Ref", "Action", "Lead", "Target date", "RAG"), fill)


def word_merged_columns(path: Path) -> None:
    """A Word table under each weakness heading with cells merged across columns: the
    header's ``Action`` over the ref column and the text column, and each action's text
    merged over the text column and an empty ``Comments`` column (python-docx's ``merge()``
    writes one ``w:gridSpan`` cell)."""

    def fill(t: Any, a: Action) -> None:
        cells = t.add_row().cells
        cells[0].text = a.ref
        cells[1].merge(cells[2]).text = a.text
        cells[3].text = owners_names(a, "; ")
        cells[4].text, cells[5].text = month(a), a.status
        if len(t.rows) == 2:
            t.rows[0].cells[0].merge(t.rows[0].cells[1])

    _word_tables(path, ("Action", "", "Comments", "Lead", "Target date", "RAG"), fill)


def html_merged_header(path: Path) -> None:
    """A page as Word's "Save as Web Page" writes a table whose ``Action`` header is merged
    over the ref column and the text column (``colspan``)."""
    parts = ["<html><body>", f"<h1>{TITLE}</h1>", f"<p>{INTRO}</p>"]
    for f, actions in by_finding():
        parts.append(f"<h2>Area of significant weakness {f.number}: {f.text}</h2>")
        parts.append(
            "<table border=1><tr><th colspan=2>Action</th><th>Responsible officer</th>"
            "<th>By when</th><th>Progress</th></tr>"
        )
        for a in actions:
            parts.append(
                f"<tr><td>{a.ref}</td><td>{a.text}</td><td>{owners_full(a)}</td>"
                f"<td>{month(a)}</td><td>{a.status}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def layout_merged_owners(path: Path) -> None:
    """Space-aligned columns as pdftotext writes a table whose second row's owner cell was
    merged with the first's: the owner is written once and the row below is blank."""
    out = [TITLE, "", *textwrap.wrap(INTRO, 90), ""]
    for f, actions in by_finding():
        out += [*textwrap.wrap(f"Area of significant weakness {f.number}: {f.text}", 90), ""]
        rows = [["Ref", "Action", "Lead officer", "Timescale", "RAG"]]
        rows += [
            [
                a.ref,
                a.text + (APPENDIX if a is ACTIONS[0] else ""),
                "" if _merged(a) else owners_names(a),
                month(a),
                a.status,
            ]
            for a in actions
        ]
        out += _columns(rows, [6, 48, 30, 16, 8], False)
        out += ["", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def layout_no_owner_yet(path: Path) -> None:
    """The same columns, where a blank owner cell means no owner has been agreed yet: the
    first row of a table is blank too, so no blank is read as a merged cell."""
    out = [TITLE, "", *textwrap.wrap(INTRO, 90), ""]
    for f, actions in by_finding():
        out += [*textwrap.wrap(f"Area of significant weakness {f.number}: {f.text}", 90), ""]
        rows = [["Ref", "Action", "Lead officer", "Timescale", "RAG"]]
        rows += [
            [a.ref, a.text, "" if _no_owner_yet(a) else owners_names(a), month(a), a.status]
            for a in actions
        ]
        out += _columns(rows, [6, 48, 30, 16, 8], False)
        out += ["", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


LAYOUTS = {
    "word_table.docx": word_table,
    "priority_tables.pdf": priority_pdf,
    "labelled_list.txt": labelled_list,
    "council_page.html": council_page,
    "pipe_table.md": markdown_table,
    "layout_columns.txt": layout_text,
    "tracker.xlsx": tracker_xlsx,
    "tracker.csv": tracker_csv,
    "word_bullets.docx": word_bullets,
    "layout_blank_rows.txt": layout_blank_rows,
    "council_tables.htm": html_tables,
    "pdftotext_pages.txt": pdftotext_pages,
    "prose_plan.txt": prose_plan,
    "word_label_tables.docx": word_label_tables,
    "tracker_unknown_headers.csv": tracker_unknown_headers,
    "word_merged_owners.docx": word_merged_owners,
    "layout_merged_owners.txt": layout_merged_owners,
    "layout_no_owner_yet.txt": layout_no_owner_yet,
    "word_merged_columns.docx": word_merged_columns,
    "html_merged_header.htm": html_merged_header,
}

OWN_TRUTH = {
    "word_merged_owners.docx": lambda: truth_merged("stated"),
    "layout_merged_owners.txt": lambda: truth_merged("inferred"),
    "layout_no_owner_yet.txt": truth_no_owner,
    "priority_tables.pdf": truth_inferred_links,
}
"""Layouts whose answers differ from ``truth.yaml``: written beside them as
``<name>.truth.yaml``."""


def main() -> None:
    (HERE / "truth.yaml").write_text(
        yaml.safe_dump(truth(), sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    for name, write in LAYOUTS.items():
        write(HERE / name)
    for name, make in OWN_TRUTH.items():
        (HERE / f"{name}.truth.yaml").write_text(
            yaml.safe_dump(make(), sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
