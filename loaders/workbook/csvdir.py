"""The plan workbook as a folder of CSV files, one per sheet: ``Findings.csv``,
``Actions.csv``, ... (file names match sheet names as headers do, ignoring case).

Reading decodes UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark
(Excel's "Unicode Text", tab-separated); a file that is not UTF-8 is read
as Windows-1252, as Excel saves "CSV" on Windows, with the warning ``file.encoding``. A file
holding NUL bytes is not text: the error ``file.binary``. A file whose header row holds no
comma but semicolons or tabs is read with that delimiter (warning ``csv.delimiter``). Rows
are numbered by record, as a spreadsheet numbers them. Other files in the folder are left
alone; an unknown ``.csv`` is reported (see :mod:`loaders.workbook`).

Writing produces UTF-8 with a byte order mark (so Excel shows accents and emoji), commas,
CRLF line ends and quotes only where needed: the same plan gives byte-identical files. A cell
that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) is written with a leading ``'``, as spreadsheet-safety guidance asks, and
reading removes that one ``'`` again, so a plan round-trips unchanged. The
files are written in a temporary folder and moved into place one by one; sheet files that
the plan no longer needs (an old ``Measures.csv``) are removed, other files are kept.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

from graphmodel.errors import Place, Problem, Severity, UsageError
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.files import utf16_text
from loaders.result import LoadResult
from loaders.workbook.fields import ORDER, Cell, Sheet, key_of, neutralised, restored
from loaders.workbook.read import plan_from_sheets
from loaders.workbook.write import plan_to_sheets

__all__ = ["read_csv_dir", "write_csv_dir"]

_BOM = b"\xef\xbb\xbf"


def _decode(file: Path, raw: bytes, problems: list[Problem]) -> str | None:
    place = Place(sheet=file.name)
    if (text := utf16_text(raw)) is not None:
        return text
    if b"\x00" in raw:
        problems.append(
            problem(
                "file.binary",
                f"{file.name} is not a text file "
                "(it holds NUL bytes); save the sheet as 'CSV UTF-8'",
                file=str(file.parent),
                place=place,
            )
        )
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.removeprefix(_BOM).decode("cp1252")
    except UnicodeDecodeError as e:
        problems.append(
            problem(
                "file.encoding",
                f"{file.name} is neither "
                f"UTF-8 nor Windows-1252 ({e.reason} at byte {e.start}); save "
                "it as 'CSV UTF-8'",
                file=str(file.parent),
                place=place,
            )
        )
        return None
    problems.append(
        problem(
            "file.encoding",
            f"{file.name} is not UTF-8; read "
            "it as Windows-1252. Save it as 'CSV UTF-8' to be sure accents "
            "and symbols are right",
            file=str(file.parent),
            place=place,
            severity=Severity.WARNING,  # read all the same: the registry's other severity
        )
    )
    return text


def _rows(file: Path, text: str, problems: list[Problem]) -> list[tuple[int, list[Cell]]]:
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as e:  # a header row no spreadsheet wrote (a cell over 128 KB, say)
        problems.append(_not_csv(file, e, 1))
        return []
    delimiter = ","
    if len(first) == 1 and (found := [d for d in ";\t" if d in first[0]]):
        delimiter = found[0]
        problems.append(
            problem(
                "csv.delimiter",
                f"{file.name} separates cells with "
                f"{'tabs' if delimiter == chr(9) else repr(delimiter)}, not commas; read it that "
                "way",
                file=str(file.parent),
                place=Place(sheet=file.name, row=1),
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows: list[tuple[int, list[Cell]]] = []
        for n, row in enumerate(reader, start=1):
            rows.append((n, [restored(cell) for cell in row]))
        return rows
    except csv.Error as e:
        problems.append(_not_csv(file, e, reader.line_num))
        return []


def _not_csv(file: Path, error: csv.Error, row: int) -> Problem:
    return problem(
        "file.unreadable",
        f"{file.name} is not valid CSV ({error}); save the sheet from the spreadsheet again "
        "as 'CSV UTF-8'",
        file=str(file.parent),
        place=Place(sheet=file.name, row=row),
    )


def read_csv_dir(path: Path) -> LoadResult:
    """Read a plan from a folder of CSV files; every problem is in the result, none raised."""
    path = Path(path)
    if not path.is_dir():
        return LoadResult(
            str(path),
            None,
            [
                problem(
                    "file.not_folder",
                    "a CSV plan is a folder of CSV files, one per sheet (Findings.csv, "
                    "Actions.csv, ...); put this file in such a folder and name it after its "
                    "sheet",
                    file=str(path),
                )
            ],
        )
    problems: list[Problem] = []
    sheets = []
    for file in sorted(path.iterdir()):
        if file.suffix.lower() != ".csv" or file.name.startswith((".", "~$")):
            continue
        text = _decode(file, file.read_bytes(), problems)
        rows = [] if text is None else _rows(file, text, problems)
        sheets.append(Sheet(file.stem, rows, letters=False, label=file.name))
    return plan_from_sheets(sheets, str(path), problems, default_area=path.stem, suffix=".csv")


def write_csv_dir(plan: Plan, folder: Path) -> None:
    """Write ``plan`` as one CSV file per sheet in ``folder`` (made if missing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; a CSV plan is written to a folder, one file a sheet")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".actiongraph-tmp{os.getpid()}"
    tmp.mkdir(exist_ok=True)
    try:
        written = set()
        for name, rows in plan_to_sheets(plan):
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\r\n").writerows(
                [neutralised(cell) for cell in row] for row in rows
            )
            (tmp / f"{name}.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))
            written.add(name)
        for name in sorted(written):
            os.replace(tmp / f"{name}.csv", folder / f"{name}.csv")
        known = {key_of(name) for name in ORDER}
        for old in folder.iterdir():  # an old sheet, perhaps spelled another way
            if (
                old.suffix.lower() == ".csv"
                and old.is_file()
                and key_of(old.stem) in known
                and old.name not in {f"{name}.csv" for name in written}
            ):
                old.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
