"""Reading a document into text with tables as tab-separated lines, by suffix.

* ``.txt`` / ``.md``: the text as extracted
  (:func:`~loaders.documents.readers.read_text_file`), a line struck through in Markdown
  (``~~…~~``) left blank;
* ``.docx``: paragraphs (each after the number Word draws before it, if any) and tables in
  document order (python-docx); each table row is one line of cells separated by tabs, a
  cell's paragraphs wrapped in ``<p>`` as extraction tools write them; the cells of a row
  are aligned with the table's grid as the Word reader aligns them
  (:func:`~loaders.documents.readers.word.table_texts`), and a row struck through
  (:func:`~loaders.documents.readers.word.struck_rows`), or a paragraph struck through, is
  left out: the line-by-line reading cannot tell it is set aside;
* ``.pdf``: per page, the text outside tables and each table row as a tab-separated line
  (pdfplumber, the optional extra ``pdf``), aligned as the PDF reader aligns it
  (:func:`~loaders.documents.readers.pdf.table_rows`); pages are separated by a blank line,
  and the running headers and footers the PDF reader drops are left out
  (:func:`~loaders.documents.readers.pdf.running_keys`), a heading wrapped over lines is
  one line as there (:func:`~loaders.documents.readers.pdf.joined_headings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphmodel.errors import UsageError
from loaders.documents.readers import SUFFIXES

__all__ = ["SUFFIXES", "document_text"]


def document_text(path: Path) -> str:
    """The text of the document at ``path``; :class:`UsageError` if it cannot be read."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"{path}: cannot import {suffix or 'a file without a suffix'};"
            f" import one of {', '.join(SUFFIXES)}"
        )
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return _pdf_text(path)
    from loaders.documents.readers import read_text_file
    from loaders.documents.text import struck_through

    # a line struck through (Markdown's "~~...~~") is set aside: left out here
    text = read_text_file(path)
    if "~~" not in text:
        return text
    return "\n".join("" if struck_through(ln) else ln for ln in text.split("\n"))


def _cell_text(cell: Any) -> str:
    from loaders.documents.readers.word import paragraph_text

    paragraphs = [t for t in (paragraph_text(p).strip() for p in cell.paragraphs) if t]
    if len(paragraphs) <= 1:
        return paragraphs[0] if paragraphs else ""
    return " ".join(f"<p>{p}</p>" for p in paragraphs)


def _docx_text(path: Path) -> str:
    from loaders.documents.readers.numbering import Numbering
    from loaders.documents.readers.word import (
        numbered,
        open_docx,
        paragraph_text,
        struck,
        struck_rows,
        table_texts,
    )

    document = open_docx(path)  # first: says what to install when python-docx is missing
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = Numbering(document)
    out: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            label = numbering.label(paragraph)
            if struck(block):
                continue
            text = paragraph_text(paragraph)
            out.append(numbered(label.text if label is not None else None, text))
        elif tag == "tbl":
            out.append("")
            table = Table(block, document)
            for cells, aside in zip(
                table_texts(table, _cell_text), struck_rows(table), strict=True
            ):
                if not aside:
                    out.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
            out.append("")
    return "\n".join(out)


def _pdf_text(path: Path) -> str:
    try:
        import pdfplumber
    except ImportError:
        raise UsageError(
            f"{path}: importing PDF needs the optional extra: pip install 'actiongraph[pdf]'"
        ) from None
    from loaders.documents.readers import pdf as reader

    pages: list[tuple[list[str], list[list[str]]]] = []
    positioned = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                tables = page.find_tables()
                outside = page
                for table in tables:
                    outside = outside.outside_bbox(table.bbox)
                rows = [cells for table in tables for cells in reader.table_rows(table.extract())]
                pages.append(((outside.extract_text() or "").splitlines(), rows))
                boxes = [table.bbox for table in tables]
                positioned.append((reader.page_lines(page, number, boxes), float(page.height)))
    except Exception as e:  # pdfminer raises many unrelated types for a broken file
        if isinstance(e, UsageError):
            raise
        raise UsageError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    keys = reader.running_keys(positioned)
    sizes = reader.heading_sizes([lines for lines, _ in positioned])
    out: list[str] = []
    for (lines, rows), (located, _) in zip(pages, positioned, strict=True):
        kept = [line for line in lines if not reader.running(line, keys)]
        out += reader.joined_headings(kept, reader.heading_breaks(located, sizes))
        out += ["\t".join(cells) for cells in rows]
        out.append("")
    return "\n".join(out)
