"""Readers: one per kind of source, each turning a file into
:class:`~loaders.documents.blocks.Block` values.

:func:`read_blocks` picks the reader by suffix and raises
:class:`~graphmodel.errors.UsageError` (naming the file and what to do) for what cannot be
read at all: a missing or empty file, a binary file under a text suffix, a broken or
encrypted Word or PDF file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from graphmodel.errors import UsageError
from loaders.documents.blocks import Block

__all__ = ["SHEETS", "SUFFIXES", "read_blocks", "read_text_file"]

SHEETS = (".xlsx", ".xlsm", ".csv", ".tsv")
"""Spreadsheets: workbooks (also macro-enabled) and delimited text."""
SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm", *SHEETS)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte order marks that say a text's encoding (UTF-32's first, as UTF-16's begins it):
Excel's "Unicode Text" is UTF-16 with one."""


def read_text_file(path: Path) -> str:
    """The text of ``path``: UTF-8 (a byte order mark dropped; Windows-1252 accepted), or
    UTF-16 or UTF-32 when a byte order mark says so."""
    raw = path.read_bytes()
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as e:
            raise UsageError(
                f"{path}: byte {e.start} is not {encoding.upper()} as the file's byte order"
                " mark says; save the text again and import it"
            ) from None
    if b"\x00" in raw[:4096]:
        raise UsageError(
            f"{path}: this is a binary file, not text; import the .docx or .pdf itself,"
            " or extract its text first"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise UsageError(
                f"{path}: byte {e.start} is not UTF-8; save the text as UTF-8 and import it again"
            ) from None


def read_blocks(path: Path) -> list[Block]:
    """The blocks of the document at ``path``."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"{path}: cannot import {suffix or 'a file without a suffix'};"
            f" import one of {', '.join(SUFFIXES)}"
        )
    if path.stat().st_size == 0:
        raise UsageError(f"{path}: the file is empty; export the document again")
    if suffix == ".docx":
        from loaders.documents.readers.word import docx_blocks

        return docx_blocks(path)
    if suffix == ".pdf":
        from loaders.documents.readers.pdf import pdf_blocks

        return pdf_blocks(path)
    if suffix in SHEETS:
        from loaders.documents.readers.sheet import sheet_blocks

        return sheet_blocks(path)
    text = read_text_file(path)
    if not text.strip():
        raise UsageError(f"{path}: the file holds no text; export the document again")
    if suffix in (".html", ".htm"):
        from loaders.documents.readers.web import html_blocks

        return html_blocks(text)
    from loaders.documents.readers.text import text_blocks

    return text_blocks(text)
