"""Every bad input we try, in one list: the files in tests/data/bad/ and inputs made on the fly
(too big, too deep, other encodings, damaged workbooks, unwritable outputs).

Each case runs the CLI as a user would; ``docs/bad-input.md`` is generated from this list by
``python scripts/bad_input_doc.py`` and a test keeps it current.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from actiongraph.cli import cli

ROOT = Path(__file__).parent.parent
BAD = ROOT / "tests" / "data" / "bad"


@dataclass(frozen=True)
class Case:
    title: str
    make: Callable[[Path], list[str]]
    """Write the input into a folder and return the CLI arguments (paths relative to it)."""
    status: int = 2
    stdin: bytes | None = None
    """What is piped into the command (for PLAN ``-``)."""


@dataclass(frozen=True)
class Seen:
    case: Case
    args: list[str]
    status: int
    output: str
    crashed: bool


def _file(name: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        source = BAD / name
        target = folder / name
        if source.is_dir():
            target.mkdir()
            for f in source.iterdir():
                (target / f.name).write_bytes(f.read_bytes())
        else:
            target.write_bytes(source.read_bytes())
        return ["validate", name]

    return make


_FILES = {
    "binary.yaml": "a binary file named .yaml",
    "comments_only.yaml": "a YAML file holding only comments",
    "csv_bad_cells": "a CSV folder with unreadable cells (bad dates, unknown kinds)",
    "csv_binary": "a CSV folder with a binary file in it",
    "csv_empty_sheet": "a CSV folder with an empty Findings.csv",
    "csv_missing_column": "a CSV folder whose Actions.csv lacks a required column",
    "csv_missing_findings": "a CSV folder without Findings.csv",
    "duplicate_key.yaml": "a YAML key written twice in one mapping",
    "duplicate_refs.yaml": "two actions with the same ref",
    "empty.yaml": "an empty file",
    "invalid_dates.yaml": "impossible and unreadable dates",
    "not_a_mapping.yaml": "a YAML list where a plan (mapping) belongs",
    "not_utf8.yaml": "a YAML file saved as Windows-1252",
    "plan.txt": "a file with an unknown suffix",
    "python_tag.yaml": "a YAML tag that would run code (!!python/object/apply:os.system)",
    "syntax.json": "a JSON syntax error",
    "syntax.yaml": "a YAML indentation error",
    "unknown_refs.yaml": "refs to findings, actions and people that do not exist",
    "workbook_empty_findings.xlsx": "a workbook whose Findings sheet is empty",
    "workbook_text.xlsx": "a text file named .xlsx",
    "wrong_shapes.json": "lists where text belongs and text where lists belong",
    "wrong_types.yaml": "wrong types: numbers, lists, unknown fields",
}


def _write(name: str, data: bytes, *args: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return [*args, name] if args else ["validate", name]

    return make


def _huge_csv_cell(folder: Path) -> list[str]:
    plan = folder / "plan"
    plan.mkdir()
    (plan / "Findings.csv").write_text("ref,kind,text\nF1,afi," + "x" * 200_000 + "\n")
    (plan / "Actions.csv").write_text("ref,action,addresses\nA1,Do it,F1\n")
    return ["validate", "plan"]


def _deep_json(folder: Path) -> list[str]:
    (folder / "deep.json").write_text('{"area": ' + "[" * 20000 + "]" * 20000 + "}")
    return ["validate", "deep.json"]


def _too_large(folder: Path) -> list[str]:
    with (folder / "big.yaml").open("wb") as f:
        f.write(b"area: X\ntitle: T\nnote: '" + b"x" * (51 * 1024 * 1024) + b"'\n")
    return ["validate", "big.yaml"]


_SMALL = (
    "area: Exampleshire\ntitle: Small plan\nfindings:\n- ref: F1\n  kind: area_for_improvement\n"
    "  text: Waiting times for assessments are too long\nactions:\n- ref: A1\n"
    "  text: Recruit two more educational psychologists\n  addresses: [F1]\n  due: Dec-24\n"
)


def _workbook(change: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        from openpyxl import Workbook

        book = Workbook()
        findings = book.active
        assert findings is not None
        findings.title = "Findings"
        findings.append(["ref", "kind", "text"])
        findings.append(["F1", "afi", "Waiting times are too long"])
        actions = book.create_sheet("Actions")
        actions.append(["ref", "action", "due", "addresses"])
        actions.append(["A1", "Recruit psychologists", "Dec-24", "F1"])
        actions.append(["A2", "Publish the local offer", "Mar-25", "F1"])
        if change == "serial":
            actions["C2"] = 45627  # Excel made "Dec-24" a date serial, shown as a number
        elif change == "merged":
            actions.merge_cells("A2:A3")
        elif change == "formula":
            actions["C3"] = "=TODAY()+30"
        book.save(folder / "plan.xlsx")
        return ["validate", "plan.xlsx"]

    return make


def _export_to(target: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / "plan.yaml").write_text(_SMALL, encoding="utf-8")
        (folder / "a-file").write_text("x")
        return ["export", "plan.yaml", "--to", "yaml", "-o", target]

    return make


def _audit_as_of(day: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / "plan.yaml").write_text(_SMALL, encoding="utf-8")
        return ["audit", "plan.yaml", "--as-of", day]

    return make


def _gate(*args: str, plan: str = _SMALL) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / "plan.yaml").write_text(plan, encoding="utf-8")
        return list(args)

    return make


def _misspelt_owner(folder: Path) -> list[str]:
    plan = folder / "plan"
    plan.mkdir()
    (plan / "Findings.csv").write_text("ref,kind,text\nF1,afi,Waiting times are too long\n")
    (plan / "Actions.csv").write_text(
        "ref,action,owners,due,addresses\nA1,Recruit psychologists,Priya Patell,Dec-24,F1\n"
    )
    (plan / "People.csv").write_text("name,role\nPriya Patel,Head of SEND\n")
    return ["audit", "plan", "--fail-on", "warnings"]


_NO_FINDINGS = "area: Exampleshire\ntitle: No findings\nactions:\n- ref: A1\n  text: Do it\n"


CASES = [
    *(Case(title, _file(name)) for name, title in _FILES.items()),
    Case("a plan over the 50 MB limit", _too_large),
    Case("JSON nested 20,000 deep", _deep_json),
    Case("a CSV cell of 200,000 characters (found by the fuzzer)", _huge_csv_cell),
    Case("YAML nested 100 deep on one line", _write("deep.yaml", b"area: " + b"- " * 100)),
    Case(
        "a plan saved as UTF-16 with a BOM (Notepad's Unicode)",
        _write("plan.yaml", _SMALL.encode("utf-16")),
        status=0,
    ),
    Case("a plan saved as UTF-16 without a BOM", _write("plan.yaml", _SMALL.encode("utf-16-le"))),
    Case(
        "a plan with Windows line ends and a BOM",
        _write("plan.yaml", b"\xef\xbb\xbf" + _SMALL.replace("\n", "\r\n").encode()),
        status=0,
    ),
    Case(
        "a workbook where Excel turned a due month into a date serial",
        _workbook("serial"),
        status=0,
    ),
    Case("a workbook with merged cells in the ref column", _workbook("merged")),
    Case("a workbook with a formula never calculated by Excel", _workbook("formula")),
    Case("export into a folder that does not exist", _export_to("missing/plan.yaml")),
    Case("export to a path under a file", _export_to("a-file/plan.yaml")),
    Case("export onto a folder", _export_to(".")),
    Case("audit of a file that does not exist", lambda folder: ["audit", "no-such-plan.yaml"]),
    Case("audit --as-of with a date that is not a date", _audit_as_of("31/12/2024")),
    Case(
        "audit --fail-on with a misspelt check among repeated ones",
        _gate("audit", "plan.yaml", "--fail-on", "partial", "--fail-on", "uncoverd,cycle"),
    ),
    Case(
        "audit --fail-on warnings of a workbook whose owner cell misspells a listed person",
        _misspelt_owner,
        status=1,
    ),
    Case("audit of a plan with no findings", _gate("audit", "plan.yaml", plan=_NO_FINDINGS), 1),
    Case(
        "audit of several plans, one of them missing",
        _gate("audit", "plan.yaml", "no-such-plan.yaml", "plan.yaml"),
    ),
    Case(
        "validate of several plans, one of them missing",
        _gate("validate", "no-such-plan.yaml", "plan.yaml"),
    ),
    Case(
        "export of a CSV folder to standard output",
        _gate("export", "plan.yaml", "--to", "csv", "-o", "-"),
    ),
    Case(
        "a plan piped to standard input whose format its content cannot tell",
        lambda folder: ["validate", "-"],
        stdin=b"1.1\nWrite the plan\n",
    ),
    Case(
        "a plan piped to standard input with the wrong --input-format",
        lambda folder: ["validate", "-", "--input-format", "json"],
        stdin=_SMALL.encode(),
    ),
]


def run_case(case: Case, folder: Path) -> Seen:
    """Run one case in ``folder`` (made empty by the caller), as the user would type it."""
    import os

    args = case.make(folder)
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, args, prog_name="actiongraph", input=case.stdin)
    finally:
        os.chdir(here)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    output = re.sub(r"\.tmp\d+", ".tmpPID", result.output)
    return Seen(case, args, result.exit_code, output, crashed)
