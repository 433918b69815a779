"""Reading and writing a plan in any supported format: by path (the format chosen by
suffix in :data:`loaders.formats.FORMATS`), from bytes (standard input), or from a database.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from graphmodel.errors import UsageError
from graphmodel.integrity import plan_problems
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.files import MAX_BYTES, utf16_text
from loaders.formats import FORMATS, format_for
from loaders.result import LoadResult

if TYPE_CHECKING:
    from graphmodel.stores.uri import PlanURI

__all__ = [
    "STDIN",
    "STREAM_FORMATS",
    "load_plan",
    "read_plan",
    "read_plan_bytes",
    "stream_format",
    "write_plan",
]


def read_plan(path: str | os.PathLike[str] | PlanURI) -> LoadResult:
    """Read a plan from any supported file; every problem is in the result, none raised.

    Raises :class:`UsageError` only when the path does not exist or its format is unknown.
    ``path`` may also be a plan in a database (:class:`graphmodel.stores.uri.PlanURI`,
    ``neo4j://host/db?plan=ID``); the store's errors are raised as they are.
    """
    from graphmodel.stores.uri import PlanURI

    if isinstance(path, PlanURI):
        plan = path.read()
        return LoadResult(str(path), plan, list(plan_problems(plan)))
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}: no such file or folder")
    fmt = format_for(p)
    if fmt.reader is None:
        raise UsageError(f"{p}: {fmt.name} is an export format; plans cannot be read from it")
    if p.is_file():
        size = p.stat().st_size
        if size > MAX_BYTES:
            return LoadResult(
                str(p),
                None,
                [
                    problem(
                        "file.too_large",
                        f"the file is {size / 1e6:.0f} MB, above the {MAX_BYTES // 2**20} MB "
                        f"limit for {fmt.name}; split the plan, or convert it with "
                        "`actiongraph export --to json` and load the JSON",
                        file=str(p),
                    )
                ],
            )
    return fmt.read(p)


STDIN = "<stdin>"
"""How problems in a plan read from standard input name their file."""

STREAM_FORMATS = ("yaml", "json", "csv", "xlsx")
"""What a plan read from a stream (standard input) can be written in."""


def stream_format(data: bytes) -> str | None:
    """The format of a plan given as bytes with no file name, or None when the content
    cannot tell: JSON starts with ``{`` or ``[``, a workbook is a zip, YAML starts with a
    ``key:`` line (or ``---``/``#``), a CSV sheet has a header row of separated names.

    >>> [stream_format(b) for b in (b' {"area": 1}', b"area: X", b"ref,text", b"x")]
    ['json', 'yaml', 'csv', None]
    """
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = (utf16_text(data) or data.decode("utf-8", "replace")).lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return "json"
    first = text.split("\n", 1)[0].strip()
    if first.startswith(("---", "%YAML", "#")) or re.match(r"^[\w\"'-][^,;:]*:(\s|$)", first):
        return "yaml"
    if re.search(r"[,;\t]", first) and ":" not in first:
        return "csv"
    return None


def read_plan_bytes(data: bytes, fmt: str | None = None, name: str = STDIN) -> LoadResult:
    """Read a plan from bytes (standard input): ``fmt`` is yaml, json, csv (the Actions sheet
    alone) or xlsx, or None to tell it from the content (:func:`stream_format`). Problems
    name the file ``name``. Raises :class:`UsageError` when the format cannot be told."""
    import tempfile

    if not data.strip():
        raise UsageError(f"{name}: standard input is empty; pipe a plan in, or name its file")
    chosen = fmt or stream_format(data)
    if chosen is None:
        raise UsageError(
            f"{name}: cannot tell the format of the plan from its content; "
            "say it with --input-format yaml|json|csv"
        )
    if chosen not in STREAM_FORMATS:
        raise UsageError(f"{name}: {chosen} cannot be read from a stream")
    if len(data) > MAX_BYTES:
        raise UsageError(
            f"{name}: the plan is {len(data) / 1e6:.0f} MB, above the "
            f"{MAX_BYTES // 2**20} MB limit; split the plan"
        )
    with tempfile.TemporaryDirectory(prefix="actiongraph-stdin-") as folder:
        if chosen == "csv":
            target = Path(folder) / "plan"
            target.mkdir()
            (target / "Actions.csv").write_bytes(data)
            (target / "Findings.csv").write_bytes(b"ref,kind,text\r\n")
        else:
            target = Path(folder) / f"plan.{chosen}"
            target.write_bytes(data)
        result = FORMATS[chosen].read(target)
    inside = str(target)

    def renamed(text: str | None) -> str | None:
        return None if text is None else text.replace(inside, name)

    return LoadResult(
        name,
        result.plan,
        [
            replace(p, file=renamed(p.file), message=renamed(p.message) or "")
            for p in result.problems
        ],
        result.locate,
    )


def load_plan(path: str | os.PathLike[str] | PlanURI) -> Plan:
    """The plan in ``path``; raises :class:`PlanError` if it has errors."""
    return read_plan(path).plan_or_raise()


def write_plan(plan: Plan, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write ``plan`` to ``path`` in ``fmt`` (default: by suffix; YAML for ``-``, standard
    output), atomically (see :func:`atomic_write_bytes`)."""
    p = Path(path)
    if str(p) == "-":
        chosen = FORMATS[fmt or "yaml"]
        if chosen.name == "csv":
            raise UsageError(
                "-: a CSV plan is a folder of files and cannot go to standard output; "
                "write it to a folder, or choose --to yaml, json or xlsx"
            )
    else:
        chosen = FORMATS[fmt] if fmt is not None else format_for(p, writing=True)
    chosen.write(plan, p)
    return p
