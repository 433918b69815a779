"""The canonical plan format, as YAML or JSON: the model's fields, one list per kind.

Reading keeps every scalar as text (the model has no numeric fields): ``ref: 1.10`` stays
``"1.10"`` instead of becoming the float 1.1, and ``no`` stays ``"no"``. Duplicate keys are
reported, not silently overwritten. Only safe YAML is read: tags such as
``!!python/object`` are refused. Problems are placed by line and column: the document is
composed again (only when there is something to report) and a model path such as
``("actions", 3, "due")`` is walked down its node tree.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graphmodel.collector import gc_paused
from graphmodel.errors import Place, Problem
from graphmodel.model import Plan
from graphmodel.problems import problem
from loaders.files import atomic_write_bytes, utf16_text
from loaders.result import LoadResult, Loc
from loaders.validation import validate

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loading, scalars as text, duplicate keys recorded."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark, yaml.Mark]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) or key is None:
                if key in seen:
                    self.duplicates.append((str(key), seen[key], key_node.start_mark))
                else:
                    seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


for _tag in ("int", "float", "bool", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_text)


def _mark_place(mark: yaml.Mark | None) -> Place:
    if mark is None:
        return Place()
    return Place(line=mark.line + 1, column=mark.column + 1)


def _decode(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    file = str(path)
    if not raw.strip():
        return None, [
            problem(
                "file.empty",
                "the file is empty; a plan needs at least area, title, findings "
                "and actions (see examples/ or `actiongraph schema`)",
                file=file,
            )
        ]
    if (text := utf16_text(raw)) is not None:
        return text, []
    if b"\x00" in raw[:4096]:
        return None, [
            problem(
                "file.binary",
                "this is not a text file (it holds NUL bytes); a plan is YAML, "
                "JSON, an .xlsx workbook or a folder of CSV files",
                file=file,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [
            problem(
                "file.encoding",
                f"byte {raw[e.start]:#04x} is not UTF-8; save the file as "
                "UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)",
                file=file,
                place=Place(line=line, column=column),
            )
        ]
    deep = _too_deep(text, file)
    return (None, [deep]) if deep else (text, [])


MAX_DEPTH = 64
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")


def _too_deep(text: str, file: str) -> Problem | None:
    """The error for a file whose lists or mappings nest more than :data:`MAX_DEPTH` deep, as
    flow brackets or as ``- - - ...`` on one line, placed where it starts; else None.

    A plan nests five deep; such a file is made up, and parsing it would take seconds to
    minutes. The check runs at C speed (about 0.05 s for 16 MB): keep only the brackets, then
    strip innermost pairs, one nesting level a round.
    """
    dashes = text.find("- " * MAX_DEPTH)
    if dashes >= 0:
        return _nesting_problem(file, text, dashes)
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH):
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if shorter == brackets:
            return None
        brackets = shorter
    if b"[]" not in brackets and b"{}" not in brackets:
        return None
    depth = 0  # rare: find where it happens, for the message
    for at, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_DEPTH:
            return _nesting_problem(file, text, at)
    return _nesting_problem(file, text, None)


def _nesting_problem(file: str, text: str, at: int | None) -> Problem:
    place = Place()
    if at is not None:
        line = text.count("\n", 0, at) + 1
        place = Place(line=line, column=at - (text.rfind("\n", 0, at) + 1) + 1)
    return problem(
        "file.too_deep",
        f"lists or mappings nest more than {MAX_DEPTH} deep here; a plan nests about five "
        "deep (plan, actions, an action, its owners): remove the extra brackets",
        file=file,
        place=place,
    )


def _composed_locator(text: str) -> Any:
    """A locator over the YAML node tree of ``text`` (composed lazily, once)."""

    @cache
    def root() -> yaml.Node | None:
        try:
            return yaml.compose(text, Loader=_BaseLoader)
        except yaml.YAMLError:
            return None

    def locate(loc: Loc) -> Place:
        node = root()
        if node is None:
            return Place()
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                child = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                child = node.value[part] if 0 <= part < len(node.value) else None
            if child is None:
                break
            node = child
        return _mark_place(node.start_mark)

    return locate


def _tab_at(text: str, index: int) -> bool:
    """Whether the YAML error at ``index`` is a tab (editors and pasted Word text put them in
    indentation, which YAML forbids)."""
    return 0 <= index < len(text) and text[index] == "\t"


def _context_of(error: yaml.YAMLError) -> str:
    """What PyYAML was reading when it failed, and where that began, when it began elsewhere
    (an unclosed quote is found at the end of the file, but opened where the fix is)."""
    context, mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    problem_mark = getattr(error, "problem_mark", None)
    if not context or mark is None:
        return ""
    if problem_mark is not None and (mark.line, mark.column) == (
        problem_mark.line,
        problem_mark.column,
    ):
        return f" ({context})"
    return f" ({context} that began at line {mark.line + 1}, column {mark.column + 1})"


def read_yaml(path: Path) -> LoadResult:
    """Read a canonical YAML plan."""
    raw = path.read_bytes()
    text, problems = _decode(path, raw)
    if text is None:
        return LoadResult(str(path), None, problems)
    loader = _Loader(text)
    try:
        with gc_paused():  # the loader's cyclic garbage made every collection scan the heap
            data = loader.get_single_data()
    except RecursionError:
        return LoadResult(str(path), None, [*problems, _nesting_problem(str(path), text, None)])
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        reason = getattr(e, "problem", None) or str(e)
        if "could not determine a constructor" in str(e):
            reason = (
                f"{reason}; tags like !!python/... are not allowed in a plan "
                "(actiongraph reads YAML safely)"
            )
        elif mark is not None and _tab_at(text, mark.index):
            reason = (
                "not valid YAML: a tab; YAML indents with spaces only: replace the tab with spaces"
            )
        else:
            reason = (
                f"not valid YAML: {reason}{_context_of(e)}; check the indentation and quotes here"
            )
        return LoadResult(
            str(path),
            None,
            [
                *problems,
                problem("yaml.syntax", reason, file=str(path), place=_mark_place(mark)),
            ],
        )
    finally:
        loader.dispose()
    for key, first, again in loader.duplicates:
        problems.append(
            problem(
                "yaml.duplicate_key",
                f"the key {key!r} appears twice in one mapping (first at line {first.line + 1}); "
                "the second would silently replace the first: remove or rename one",
                file=str(path),
                place=_mark_place(again),
                field=key,
            )
        )
    if data is None:
        return LoadResult(
            str(path),
            None,
            [
                *problems,
                problem(
                    "file.empty",
                    "the file holds no plan (only comments or blank lines)",
                    file=str(path),
                ),
            ],
        )
    return validate(data, str(path), _composed_locator(text), problems)


def json_pairs(duplicates: list[str]) -> Any:
    """The ``object_pairs_hook`` that builds each object as :func:`json.loads` would (the
    last of two equal keys wins) and appends to ``duplicates`` each key met again, in order.
    """

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):  # the usual case, decided at C speed
            return out
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                duplicates.append(key)
            seen.add(key)
        return out

    return hook


def read_json(path: Path) -> LoadResult:
    """Read a canonical JSON plan (numbers are kept as text, like YAML scalars)."""
    raw = path.read_bytes()
    text, problems = _decode(path, raw)
    if text is None:
        return LoadResult(str(path), None, problems)
    duplicates: list[str] = []
    try:
        data = json.loads(
            text,
            object_pairs_hook=json_pairs(duplicates),
            parse_float=str,
            parse_int=str,
            parse_constant=str,
        )
    except RecursionError:
        return LoadResult(str(path), None, [*problems, _nesting_problem(str(path), text, None)])
    except json.JSONDecodeError as e:
        return LoadResult(
            str(path),
            None,
            [
                *problems,
                problem(
                    "json.syntax",
                    f"not valid JSON: {e.msg}; check the commas, quotes and brackets here",
                    file=str(path),
                    place=Place(line=e.lineno, column=e.colno),
                ),
            ],
        )
    locate = _composed_locator(text)
    for key in duplicates:
        problems.append(
            problem(
                "json.duplicate_key",
                f"the key {key!r} appears twice in one object; the second would silently replace "
                "the first: remove or rename one",
                file=str(path),
                field=key,
            )
        )
    return validate(data, str(path), locate, problems)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data in the canonical layout, without empty or default fields."""
    return plan.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def dump_yaml(plan: Plan) -> str:
    text: str = yaml.dump(
        plan_to_data(plan),
        Dumper=_BaseDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return text


def dump_json(plan: Plan) -> str:
    return json.dumps(plan_to_data(plan), indent=2, ensure_ascii=False) + "\n"


def write_yaml(plan: Plan, path: Path) -> None:
    atomic_write_bytes(path, dump_yaml(plan).encode("utf-8"))


def write_json(plan: Plan, path: Path) -> None:
    atomic_write_bytes(path, dump_json(plan).encode("utf-8"))
