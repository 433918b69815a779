"""The registry of plan formats: name -> reader/writer, chosen by suffix.

Readers and writers are named as ``"module:function"`` and imported only when used, so the
command line can list the formats (``--to`` choices) without loading any of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphmodel.errors import UsageError

if TYPE_CHECKING:
    from graphmodel.model import Plan
    from loaders.result import LoadResult


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    reader: str | None
    writer: str | None
    description: str

    def read(self, path: Path) -> LoadResult:
        if self.reader is None:
            raise UsageError(
                f"{path}: {self.name} is an export format; plans cannot be read from it"
            )
        result: LoadResult = _resolve(self.reader)(path)
        return result

    def write(self, plan: Plan, path: Path) -> None:
        if self.writer is None:
            raise UsageError(f"{self.name} cannot be written")
        _resolve(self.writer)(plan, path)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format(
            "yaml",
            (".yaml", ".yml"),
            "loaders.canonical:read_yaml",
            "loaders.canonical:write_yaml",
            "canonical YAML",
        ),
        Format(
            "json",
            (".json",),
            "loaders.canonical:read_json",
            "loaders.canonical:write_json",
            "canonical JSON",
        ),
        Format(
            "xlsx",
            (".xlsx",),
            "loaders.workbook.xlsx:read_xlsx",
            "loaders.workbook.xlsx:write_xlsx",
            "the plan workbook (Excel)",
        ),
        Format(
            "csv",
            (".csv",),
            "loaders.workbook.csvdir:read_csv_dir",
            "loaders.workbook.csvdir:write_csv_dir",
            "the plan workbook as a folder of CSV files, one per sheet",
        ),
        Format(
            "graphml",
            (".graphml",),
            None,
            "loaders.graphml:write_graphml",
            "the property graph for Gephi, yEd or Cytoscape (export only)",
        ),
    ]
}


_SPREADSHEETS = (".ods", ".fods", ".xls", ".xlsm", ".xlsb", ".numbers")
"""Spreadsheets that are not the plan workbook's .xlsx: saved again as .xlsx, they read."""


def format_for(path: Path, *, writing: bool = False) -> Format:
    """The format of ``path`` (a plan read, or ``writing`` one): a folder (or a name without
    suffix) is a CSV workbook; otherwise by suffix."""
    if path.is_dir():
        return FORMATS["csv"]
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    said = f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
    if writing:
        known = ", ".join(s for f in FORMATS.values() if f.writer for s in f.suffixes)
        raise UsageError(f"{said}plans are written as {known}, or choose one with --to")
    known = ", ".join(s for f in FORMATS.values() if f.reader for s in f.suffixes)
    fix = ""
    if suffix in _SPREADSHEETS:
        fix = ". Open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"
    raise UsageError(f"{said}plans are read from {known} or a folder of CSV files{fix}")


def writable() -> list[str]:
    return [f.name for f in FORMATS.values() if f.writer]
