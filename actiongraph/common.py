"""What every command shares: the error-handling group, the PLAN argument, the output-format
and settings options, and loading a plan into its graph. Command modules import from here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import click

from graphmodel.errors import ActiongraphError, PlanError
from loaders.formats import writable

EXIT_BAD_INPUT = 2


class Group(click.Group):
    """Turns library errors into a message and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from graphmodel.collector import collector_owned

        try:
            with collector_owned():  # the CLI owns its process: loading may pause the collector
                return super().invoke(ctx)
        except PlanError as e:
            from actiongraph.render.validate import problems_text

            click.echo(f"Error: the plan has {len(e.problems)} problem(s):", err=True)
            click.echo(problems_text(e.problems), err=True, nl=False)
            ctx.exit(EXIT_BAD_INPUT)
        except ActiongraphError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except OSError as e:
            click.echo(f"Error: {e.filename or ''}: {e.strerror or e}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


class _PlanArgument(click.Path):
    """A plan file or folder, or a plan in a database: ``neo4j://HOST/DB?plan=ID`` (also
    ``bolt://``; ``&version=N`` for a kept version) becomes a
    :class:`~graphmodel.stores.uri.PlanURI`, which ``read_plan`` reads from the server (the
    password from NEO4J_PASSWORD, as for the neo4j commands)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from graphmodel.stores.uri import PlanURI, looks_like_plan_uri

        if isinstance(value, str) and looks_like_plan_uri(value):
            try:
                return PlanURI.parse(value)
            except ActiongraphError as e:
                self.fail(str(e), param, ctx)
        return super().convert(value, param, ctx)


PLAN = _PlanArgument(path_type=Path, allow_dash=True)
"""A plan file or folder, ``-`` for standard input (with ``--input-format``), or a plan in
a database (a ``neo4j://`` or ``bolt://`` URI)."""


_INPUT_FORMAT = "actiongraph.input_format"
_STDIN = "actiongraph.stdin"
_COLOR = "actiongraph.color"
_QUIET = "actiongraph.quiet"


def _remember(key: str) -> Any:
    def callback(ctx: click.Context, _: click.Parameter, value: Any) -> Any:
        if value is not None:
            ctx.meta[key] = value
        return value

    return callback


INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice(["yaml", "json", "csv", "xlsx"]),
    expose_value=False,
    callback=_remember(_INPUT_FORMAT),
    help="The format of a plan read from standard input (PLAN `-`) when its content cannot "
    "tell (csv: the Actions sheet alone).",
)

COLOR = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    expose_value=False,
    callback=_remember(_COLOR),
    help="Colour in text output: auto is on a terminal unless NO_COLOR is set.",
)

QUIET = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    callback=_remember(_QUIET),
    help="Do not say what was written (the `wrote FILE` line on standard error), nor show "
    "progress bars.",
)


F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(str, Enum):
    """What every command's ``--format`` takes (``table`` is another name for ``text``)."""

    TEXT = "text"
    JSON = "json"
    MD = "md"
    GITHUB = "github"

    def __str__(self) -> str:
        return self.value


_ALIASES = {"table": OutputFormat.TEXT}
"""Other names ``--format`` accepts."""


def format_option(*formats: OutputFormat, color: bool = True) -> Callable[[F], F]:
    """The ``--format`` option offering ``formats`` (and ``table`` for text), giving the
    command an :class:`OutputFormat`; with ``color``, also ``--color``."""
    names = [f.value for f in formats]
    names[1:1] = [alias for alias, f in _ALIASES.items() if f in formats]

    def normalise(_: click.Context, __: click.Parameter, value: str) -> OutputFormat:
        return _ALIASES.get(value) or OutputFormat(value)

    option = click.option(
        "--format",
        "fmt",
        type=click.Choice(names),
        default=OutputFormat.TEXT.value,
        show_default=True,
        callback=normalise,
        help="text for people (table is the same), json for other tools, md for documents"
        + (", github for GitHub Actions annotations" if OutputFormat.GITHUB in formats else "")
        + ".",
    )
    if not color:
        return option

    def decorate(command: F) -> F:
        return COLOR(option(command))

    return decorate


_T, _J, _M, _G = OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MD, OutputFormat.GITHUB
FORMAT = format_option(_T, _J, _M)
GATE_FORMAT = format_option(_T, _J, _M, _G)
"""``--format`` of the gates (`audit`, `validate`): also GitHub Actions annotations."""


CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="TOML settings (fail_on, skip_rules, [overload] thresholds); default: the nearest "
    "pyproject.toml upward from PLAN with a [tool.actiongraph] table.",
)


REDACT = click.option(
    "--redact",
    is_flag=True,
    help="Replace every person's name (whole, or a part of it) with their post or a stable "
    "pseudonym (Person 3F9A), in their record and in all plan text, for publishing.",
)


def read_input(path: Path) -> Any:
    """The :class:`~loaders.base.LoadResult` of PLAN: a file or folder, or ``-`` for standard
    input (read once per command, in ``--input-format`` or as its content tells)."""
    from loaders.base import read_plan, read_plan_bytes

    if str(path) != "-":
        return read_plan(path)
    ctx = click.get_current_context()
    root = ctx.find_root()
    if _STDIN not in root.meta:
        root.meta[_STDIN] = sys.stdin.buffer.read()
    return read_plan_bytes(root.meta[_STDIN], ctx.meta.get(_INPUT_FORMAT))


def load_plan(path: Path, *, redact: bool = False) -> Any:
    """Load PLAN (exit 2 with every problem if it has errors), redacted if asked."""
    return load_with_warnings(path, redact=redact).plan


def redaction_of_versions(plans: Sequence[Any]) -> Any:
    """One :class:`~graphmodel.redact.Redaction` for versions of a plan (oldest first), made
    from the newest and knowing the people of all: ``.of(version)`` redacts each alike, so
    the same person has the same post or pseudonym and ref in every version (a diff of
    versions redacted one by one could show an owner changed, or leave the name of someone
    who left in the text of the version that still mentions them)."""
    from graphmodel.redact import Redaction

    return Redaction(plans[-1], *plans[:-1])


@dataclass(frozen=True)
class Loaded:
    """A plan as a command uses it: the plan (redacted if asked), the warnings loading it
    gave (names created, statuses and dates not read; redacted too) and the load result
    (for the places of entities)."""

    plan: Any
    warnings: list[Any]
    result: Any
    redaction: Any = None
    """The :class:`~graphmodel.redact.Redaction` that made ``plan``, when redacted."""


def warn_if_areas_differ(versions: list[tuple[str, Any]]) -> None:
    """Say on standard error when the versions (label, plan) are plans of different local
    areas: the answer is still written (an area may be renamed), but two areas' plans are
    rarely meant to be compared as versions of one."""
    areas = {" ".join(plan.area.casefold().split()): plan.area for _, plan in versions}
    if len(areas) > 1:
        said = ", ".join(f"{label} is {plan.area}'s" for label, plan in versions)
        click.echo(
            f"warning: these are plans of {len(areas)} areas ({said}); compare versions of "
            "one plan",
            err=True,
        )


def load_with_warnings(
    path: Path,
    *,
    redact: bool = False,
    ignore: frozenset[str] = frozenset(),
    versions: Sequence[Any] = (),
) -> Loaded:
    """PLAN (exit 2 with every problem if it has errors), redacted if asked, with the
    warnings loading it gave; problems with an ``ignore`` code are left out (an error that
    leaves no plan to read still stops it). ``versions`` are earlier versions of PLAN (not
    redacted) that the redaction must treat alike: see :func:`redaction_of_versions`."""
    from dataclasses import replace

    from graphmodel.errors import Severity
    from graphmodel.problems import without

    result = read_input(path)
    if ignore and result.plan is not None:
        result = replace(result, problems=without(result.problems, ignore))
    plan = result.plan_or_raise()
    warnings = [p for p in result.problems if p.severity is Severity.WARNING]
    if redact:
        from graphmodel.redact import Redaction

        red = Redaction(plan, *versions)  # its names found once, for warnings and plan
        hide = red.hide
        warnings = [
            replace(
                p,
                message=hide(p.message),
                value=hide(p.value) if isinstance(p.value, str) else p.value,
            )
            for p in warnings
        ]
        plan = red.plan
        return Loaded(plan, warnings, result, red)
    return Loaded(plan, warnings, result)


def load_graph_at(path: Path, node: str | None, *, redact: bool = False) -> tuple[Any, str | None]:
    """Load PLAN's graph as :func:`load_graph` does, with NODE (a ref, kind:ref or a name the
    user typed: ``Amy Lee``, ``SEND Partnership Board``) pointing at the same entity
    afterwards (as ``kind:ref`` when it was a name): redaction renames person refs and
    removes their names."""
    from graphmodel.graph import build_graph
    from graphmodel.model import PartyKind

    plan = load_plan(path)
    node = _named_node(plan, node)
    if redact:
        from graphmodel.redact import Redaction

        red = Redaction(plan)
        kind, _, ref = (node or "").rpartition(":")
        if ref in red.refs and kind in ("", PartyKind.PERSON.value):
            node = f"{PartyKind.PERSON.value}:{red.refs[ref]}"
        plan = red.plan
    return build_graph(plan), node


def _named_node(plan: Any, node: str | None) -> str | None:
    """NODE as given when it is a ref (or kind:ref), else ``kind:ref`` of the one entity it
    names as people call it (name, title, post or alias; see
    :func:`~queries.reporting.start_by_name`), else as given (the command says what is
    wrong)."""
    from graphmodel.relations import COLLECTIONS

    if not node or ":" in node:
        return node
    entities = [(kind, e) for kind, name in COLLECTIONS.items() for e in getattr(plan, name)]
    if any(e.ref == node for _, e in entities) or any(
        m.ref == node for a in plan.actions for m in a.milestones
    ):
        return node
    from queries.reporting import labels_of, start_by_name

    named = start_by_name(node, ((kind, e.ref, labels_of(e)) for kind, e in entities))
    return f"{named[0].value}:{named[1]}" if named is not None else node


def load_graph(path: Path, *, redact: bool = False) -> Any:
    """Load PLAN as :func:`load_plan` does and build its graph."""
    return load_graph_at(path, None, redact=redact)[0]


def use_color() -> bool:
    """Colour for the text written to standard output: ``--color always``, or ``auto`` on a
    terminal when ``NO_COLOR`` is not set (https://no-color.org)."""
    import os

    ctx = click.get_current_context(silent=True)
    choice = ctx.meta.get(_COLOR, "auto") if ctx is not None else "auto"
    if choice != "auto":
        return bool(choice == "always")
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def wrote(path: Path | str) -> None:
    """Say on standard error what was written, unless ``--quiet``; nothing for ``-``."""
    ctx = click.get_current_context(silent=True)
    if str(path) == "-" or (ctx is not None and ctx.meta.get(_QUIET)):
        return
    click.echo(f"wrote {path}", err=True)


def shows_progress() -> bool:
    """Whether to draw progress bars: standard error is a terminal and not ``--quiet``."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(_QUIET):
        return False
    return sys.stderr.isatty()


def _progress_bar(*columns: Any) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        *columns,
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,  # the bar goes when the work is done; results are not mixed with it
    )


T = TypeVar("T")


def progress(items: Sequence[T], what: str) -> Iterator[T]:
    """Each of ``items`` in turn, with a progress bar (``what``, done of total, time) on
    standard error while there are several and :func:`shows_progress`."""
    if len(items) < 2 or not shows_progress():
        yield from items
        return
    from rich.progress import MofNCompleteColumn

    with _progress_bar(MofNCompleteColumn()) as bar:
        task = bar.add_task(what, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


@contextmanager
def busy(what: str) -> Iterator[None]:
    """A moving bar with ``what`` and the time taken, on standard error while the block runs
    (one long piece of work: importing a document, pushing to a server), when
    :func:`shows_progress`."""
    if not shows_progress():
        yield
        return
    with _progress_bar() as bar:
        bar.add_task(what, total=None)
        yield


def refuse_binary_to_terminal(output: Path, binary: bool) -> None:
    """``-o -`` with a binary format (a workbook) while standard output is a terminal."""
    if str(output) == "-" and binary and sys.stdout.isatty():
        raise click.UsageError(
            "-o -: this format is binary and standard output is a terminal; redirect it "
            "(> plan.xlsx) or write a file with -o FILE"
        )


def refuse_losing_sheets(plan: Any, output: Path, warnings: Sequence[Any]) -> None:
    """An export that would replace PLAN itself, a workbook with sheets of its own that are
    not part of the plan (a lead's notes): they are not read, so they would be lost."""
    from graphmodel.errors import UsageError, in_words

    ignored = [w.place.sheet for w in warnings if w.code == "sheet.unknown" and w.place.sheet]
    if not ignored or not isinstance(plan, Path) or str(output) == "-" or not output.exists():
        return
    if plan.is_file() and os.path.samefile(plan, output):  # a CSV folder keeps other files
        sheets = in_words([repr(s) for s in ignored])
        which = f"its sheets {sheets} are" if len(ignored) > 1 else f"its sheet {sheets} is"
        them = "them" if len(ignored) > 1 else "it"
        raise UsageError(
            f"{output}: the export would replace the workbook it reads, and {which} not part "
            f"of the plan, so would be lost; move {them} to another workbook first, or write "
            "the export to another file"
        )


def echo(result: Any, fmt: str, document: Any) -> None:
    from actiongraph.render import render

    click.echo(render(result, fmt, document, color=use_color()), nl=False, color=use_color())


class Day(click.ParamType[date, Any]):
    """A day given on the command line (``--as-of``), written YYYY-MM-DD; anything else is
    refused with the option named and the form wanted (a plan's periods, ``June 2025``,
    span many days: which one is meant must be said).

    >>> Day().convert("2025-06-01", None, None)
    datetime.date(2025, 6, 1)
    """

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(
                f"{value!r} is not a day: write a date as YYYY-MM-DD, for example 2025-06-01",
                param,
                ctx,
            )


DAY = Day()


def settings(plan: Path, config_path: Path | None) -> Any:
    from queries.config import AuditConfig, find_config, load_config

    found = config_path or find_config(plan)
    return load_config(found) if found is not None else AuditConfig()


# --- what the commands writing a plan share (`export`, `neo4j pull`) ------------------------

PLAN_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    required=True,
    help="The file (or folder, for csv) to write, or - for standard output; an existing file "
    "is replaced atomically (through a symbolic link: its target).",
)


PLAN_FORMAT = click.option(
    "--to",
    "to",
    type=click.Choice(writable()),  # the loaders' registry: light, it loads readers on use
    default=None,
    help="Output format; by default chosen from the suffix of OUT.",
)


def is_tracker(output: Path, to: str | None) -> bool:
    """Whether ``export`` writes an xlsx workbook (asked for, or by the suffix of OUTPUT)."""
    return to == "xlsx" or (to is None and output.suffix.lower() == ".xlsx")


def write_tracker(plan: Any, output: Path, *, as_of: Any, config: Any) -> Path:
    """The plan workbook as a tracker with the audit beside it: the audit's tables are made
    by :mod:`visualise.tracker` (it may import the queries) and laid out by the loaders
    (which may not); composing the two is this package's job."""
    from graphmodel.graph import build_graph
    from loaders.base import check_writable
    from loaders.workbook.xlsx import write_xlsx
    from visualise.tracker import tracker_tables

    check_writable(output)
    tables = tracker_tables(build_graph(plan), as_of=as_of, config=config)
    write_xlsx(plan, output, audit=tables)
    return output


# --- what the audit commands share (`audit` on files, `neo4j audit` on the server) ----------


def _fail_on(_: click.Context, __: click.Parameter, value: tuple[str, ...]) -> Any:
    """Every --fail-on (repeated, comma lists) as one set of checks, or None if not given."""
    if not value:
        return None
    from queries.config import ConfigError, parse_fail_on

    try:
        return parse_fail_on(list(value), "--fail-on")
    except ConfigError as e:
        raise click.BadParameter(str(e).removeprefix("--fail-on: ")) from None


FAIL_ON = click.option(
    "--fail-on",
    "fail_on",
    metavar="CHECKS",
    multiple=True,
    callback=_fail_on,
    help="Checks that fail the audit (exit 1), comma-separated or repeated (they add up): "
    "uncovered, partial, overload, conflict, cycle, unreachable, rules, warnings (any load "
    "warning), empty (no findings or no actions). Default: uncovered,empty,cycle, or the "
    "config's fail_on.",
)


def _ignore(_: click.Context, __: click.Parameter, value: tuple[str, ...]) -> frozenset[str]:
    """Every --ignore (repeated, comma lists) as one set of registered codes."""
    from graphmodel.problems import parse_codes

    try:
        return parse_codes(value, "--ignore")
    except ActiongraphError as e:
        raise click.BadParameter(str(e).removeprefix("--ignore: ")) from None


IGNORE = click.option(
    "--ignore",
    "ignore",
    metavar="CODES",
    multiple=True,
    callback=_ignore,
    help="Leave out the problems and rule violations with these codes (comma-separated or "
    "repeated; see validate --list-codes): they are neither shown nor count in the verdict.",
)
AS_OF = click.option(
    "--as-of",
    "as_of",
    type=DAY,
    metavar="DATE",
    help="Judge dates on DATE (YYYY-MM-DD): overdue "
    "actions, and actions still on track after their due period.",
)
DETAIL = click.option(
    "--detail", is_flag=True, help="Every finding, owner and chain, not only the summary."
)


def audit_settings(plan: Path | None, config_path: Path | None, fail_on: Any) -> Any:
    """The audit's settings: --config, else the nearest pyproject.toml upward from PLAN (when
    there is a file), else the defaults; --fail-on (a set of checks) replaces the checks
    that fail it."""
    from dataclasses import replace

    from queries.config import AuditConfig, load_config

    if plan is not None and str(plan) != "-":
        config = settings(plan, config_path)
    else:
        config = load_config(config_path) if config_path is not None else AuditConfig()
    if fail_on is not None:
        config = replace(config, fail_on=fail_on)
    return config
