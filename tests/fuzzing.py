"""Mutations of real plan files, as many hands in Word, Excel and text editors make them, and
the one rule every mutated file must obey: it loads, or the CLI exits 2 with a located
message; never a traceback, never a hang.

Shared by the short fuzz run in the tests (``tests/test_fuzz.py``) and the long one
(``python scripts/fuzz.py --minutes 30``).
"""

from __future__ import annotations

import random
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from click.testing import CliRunner

from actiongraph.cli import cli
from loaders.base import read_plan, write_plan

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TIME_BOX = 20.0  # seconds one case may take before it counts as a hang


# --- byte and text mutations (YAML, JSON and each CSV file) ----------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def bom(data: bytes, rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + data.removeprefix(b"\xef\xbb\xbf")


def utf16(data: bytes, rng: random.Random) -> bytes:
    # with a byte order mark (Notepad, Excel's "Unicode Text") or without one
    return data.decode("utf-8-sig", "replace").encode(rng.choice(["utf-16", "utf-16-le"]))


def windows_1252(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8-sig", "replace").encode("cp1252", "replace")


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data or b" ")
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_noise(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    noise = rng.choice([b"\x00", b"\t", b": ", b"- ", b"{", b"[", b'"', b"&a *a ", b"!!str "])
    return data[:at] + noise * rng.randint(1, 4) + data[at:]


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = b" " * rng.randint(0, 7) + lines[i].lstrip(b" ")
    return b"".join(lines)


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(0, 4096))


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([30, 100, 1000, 20000])
    opener, closer = rng.choice([(b"[", b"]"), (b"{", b"}"), (b'{"a": ', b"}")])
    # JSON, and YAML too: one file for both
    return (
        b'{"area": '
        + opener * depth
        + b"1" * (opener == b"[")
        + closer * depth
        + b', "title": "t"}'
    )


TEXT_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate,
    crlf,
    bom,
    utf16,
    windows_1252,
    duplicate_line,
    delete_line,
    swap_lines,
    flip_bytes,
    insert_noise,
    reindent,
    random_bytes,
    deep_nesting,
]


# --- workbook mutations (the example written as XLSX, changed with openpyxl) -----------------


def _book_mutation(name: str) -> Callable[[Path, random.Random], None]:
    def apply(path: Path, rng: random.Random) -> None:
        from openpyxl import load_workbook

        book = load_workbook(path)
        sheet = rng.choice(book.worksheets)
        rows = max(sheet.max_row, 1)
        cols = max(sheet.max_column, 1)
        if name == "delete_sheet":
            book.remove(sheet)
        elif name == "swap_columns":
            a, b = rng.randint(1, cols), rng.randint(1, cols)
            for r in range(1, rows + 1):
                x, y = sheet.cell(r, a), sheet.cell(r, b)
                x.value, y.value = y.value, x.value
        elif name == "duplicate_rows":
            r = rng.randint(1, rows)
            sheet.append([c.value for c in sheet[r]])
        elif name == "serial_dates":  # Excel turns "Dec-23" into a date serial
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if rng.random() < 0.3:
                        cell.value = rng.choice([45000, 45292.5, -1, 10**9])
                        cell.number_format = rng.choice(["mmm-yy", "dd/mm/yyyy", "General"])
        elif name == "merge_cells":
            r, c = rng.randint(1, rows), rng.randint(1, cols)
            sheet.merge_cells(
                start_row=r, start_column=c, end_row=r + rng.randint(0, 3), end_column=c + 1
            )
        elif name == "blank_header":
            sheet.cell(1, rng.randint(1, cols)).value = None
        elif name == "numbers_for_refs":
            for row in sheet.iter_rows(min_row=2, max_col=1):
                row[0].value = rng.choice([1.1, 1.10, 2, 3.25])
        elif name == "formula":
            sheet.cell(rng.randint(1, rows), rng.randint(1, cols)).value = "=1/0"
        book.save(path)

    apply.__name__ = name
    return apply


BOOK_MUTATIONS = [
    _book_mutation(n)
    for n in (
        "delete_sheet",
        "swap_columns",
        "duplicate_rows",
        "serial_dates",
        "merge_cells",
        "blank_header",
        "numbers_for_refs",
        "formula",
    )
]


# --- the rule --------------------------------------------------------------------------------


class Hang(Exception):
    """A case ran longer than :data:`TIME_BOX`."""


@contextmanager
def time_box(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    case: str
    status: int  # 0 loaded, 2 refused
    seconds: float
    output: str


def validate_outcome(path: Path, case: str) -> Outcome:
    """Run ``actiongraph validate PATH`` and check the rule; raise AssertionError if broken."""
    start = time.perf_counter()
    with time_box(TIME_BOX):
        result = CliRunner().invoke(cli, ["validate", str(path)])
    seconds = time.perf_counter() - start
    out = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{case}: crashed with {result.exception!r}\n{out}")
    if result.exit_code not in (0, 2):
        raise AssertionError(f"{case}: exit {result.exit_code}\n{out}")
    if "Traceback" in out:
        raise AssertionError(f"{case}: printed a traceback\n{out}")
    if result.exit_code == 2:
        located = str(path) in out and ("error" in out.lower())
        if not located:
            raise AssertionError(f"{case}: refused without naming the file\n{out}")
    return Outcome(case, result.exit_code, seconds, out)


def mutated_text_case(
    workdir: Path, example: Path, suffix: str, mutation: Callable[..., bytes], seed: int
) -> Path:
    """The example as ``suffix`` (yaml, json or csv), with ``mutation`` applied."""
    rng = random.Random(seed)
    plan = read_plan(example).plan_or_raise()
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    if suffix == "csv":
        target = workdir / "plan"
        write_plan(plan, target, "csv")
        file = rng.choice(sorted(target.glob("*.csv")))
        file.write_bytes(mutation(file.read_bytes(), rng))
        return target
    target = workdir / f"plan.{suffix}"
    write_plan(plan, target, suffix)
    target.write_bytes(mutation(target.read_bytes(), rng))
    return target


def mutated_book_case(
    workdir: Path, example: Path, mutation: Callable[[Path, random.Random], None], seed: int
) -> Path:
    rng = random.Random(seed)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    target = workdir / "plan.xlsx"
    write_plan(read_plan(example).plan_or_raise(), target)
    mutation(target, rng)
    if rng.random() < 0.1:  # and sometimes a damaged zip on top
        target.write_bytes(truncate(target.read_bytes(), rng))
    return target
