"""What every loader shares: the load result, validation into located problems, and the
registry of formats chosen by suffix.

A reader turns a file into plain data (``dict``) plus a *locator* -- a function from a model
path such as ``("actions", 3, "owners", 0)`` to the :class:`~graphmodel.errors.Place` in the
file where that value was written. :func:`validate` then runs pydantic and the integrity
checks and places every problem, so YAML, JSON and workbooks report in one way.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from graphmodel._gc import gc_paused
from graphmodel.errors import Place, PlanError, Problem, Severity, UsageError
from graphmodel.integrity import plan_problems
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.formats import FORMATS, format_for

if TYPE_CHECKING:
    from graphmodel.stores.uri import PlanURI

Loc = tuple[str | int, ...]
Locator = Callable[[Loc], Place]

MAX_BYTES = 50 * 1024 * 1024
"""Files above this size are refused with a message rather than read (see README)."""


@dataclass
class LoadResult:
    """A plan read from a file, or None when it could not be built, and every problem."""

    path: str
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    locate: Locator | None = field(default=None, repr=False, compare=False)
    """Where a model path (``("findings", 2)``) was written in the file, when known."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors

    def plan_or_raise(self) -> Plan:
        """The plan, or :class:`PlanError` with every problem if it has errors."""
        if self.plan is None or self.errors:
            raise PlanError(self.errors or self.problems)
        return self.plan


_HINTS = {
    "missing": "add this field",
    "string_too_short": "write the text, or remove the entry",
    "string_pattern_mismatch": "write the text, or remove the entry",
    "extra_forbidden": "remove it or check its spelling; see `actiongraph schema`",
    "enum": "use one of the allowed values",
    "literal_error": "use one of the allowed values",
    "string_type": "write it as text",
    "list_type": "write a list (in a cell: values separated by ';')",
    "model_type": "write a mapping of fields",
    "dict_type": "write a mapping of fields",
}


def pydantic_problems(error: ValidationError, file: str, locate: Locator) -> list[Problem]:
    """One located problem per pydantic error."""
    problems = []
    for e in error.errors(include_url=False):
        loc: Loc = tuple(e["loc"])
        # a failing model_validator adds no field; a union adds the member's name to the loc
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        fields = [p for p in loc if isinstance(p, str)]
        value = e.get("input")
        message = str(e["msg"])
        if e["type"] in ("string_too_short", "string_pattern_mismatch") and isinstance(value, str):
            message = "is blank"
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        hint = _HINTS.get(str(e["type"]))
        if hint and hint not in message:
            message = f"{message}; {hint}"
        problems.append(
            problem(
                f"schema.{e['type']}",
                message=message,
                file=file,
                place=locate(loc),
                field=fields[-1] if fields else None,
                value=value if isinstance(value, (str, int, float, bool)) else None,
                loc=loc,
            )
        )
    return problems


def validate(
    data: Any, file: str, locate: Locator, problems: list[Problem] | None = None
) -> LoadResult:
    """Build a :class:`Plan` from ``data`` and place every problem using ``locate``.

    ``problems`` are those the reader already found (unreadable cells, duplicate keys);
    they are kept in front.
    """
    found = list(problems or [])
    if not isinstance(data, dict):
        found.append(
            problem(
                "file.not_a_plan",
                "the file does not hold a plan: expected a mapping with area, "
                "title, findings, actions, ... (see `actiongraph schema`)",
                file=file,
                place=locate(()),
            )
        )
        return LoadResult(file, None, found)
    try:
        with gc_paused():
            plan = Plan.model_validate(data)
            problems_found = list(plan_problems(plan))
    except ValidationError as error:
        return LoadResult(file, None, found + pydantic_problems(error, file, locate))
    for p in problems_found:
        found.append(p.located(file, locate(p.loc)))
    return LoadResult(file, plan, found, locate)


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
        chosen = FORMATS[fmt] if fmt is not None else format_for(p)
    chosen.write(plan, p)
    return p


def utf16_text(raw: bytes) -> str | None:
    """The text of a file saved as UTF-16 with a byte order mark (Notepad's "Unicode", Excel's
    "Unicode Text"), or None when ``raw`` is not that.

    >>> utf16_text("área: x".encode("utf-16")), utf16_text(b"area: x")
    ('área: x', None)
    """
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError:
        return None


def check_writable(path: Path) -> None:
    """Raise :class:`~graphmodel.errors.UsageError` naming ``path`` when a file cannot be
    written there: a missing folder, a folder where the file should be, or a file where a
    folder should be. Commands that work long before writing call it first."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give the name of the file to write")
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(f"{path}: {parent} {what}; create the folder first or write elsewhere")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file.

    - ``-`` is standard output.
    - A regular file (or a new one) is written to a temporary file beside it, flushed to disk
      and renamed over, so an interrupted run leaves the old file (or none).
    - A symbolic link is followed: its target is replaced that way and the link stays.
    - A device, FIFO or other file that is not a regular file is written directly, never
      replaced (``-o /dev/stdout`` writes to standard output, even as root).

    Where no file can be written, :func:`check_writable` says why.
    """
    path = Path(path)
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        mode: int | None = path.stat().st_mode  # through any link
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(path, "wb") as f:
                f.write(data)
        except OSError as e:
            raise UsageError(f"{path}: cannot write it: {e.strerror or e}") from None
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    check_writable(target)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, target)
    except OSError as e:
        raise UsageError(f"{path}: cannot write it: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
