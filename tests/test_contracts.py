"""The contracts other tools rely on: the audit and diff JSON match the schemas that
`actiongraph schema audit|diff` prints, the schemas reject a document missing a required key,
docs/contracts.md covers every command, and the one serialiser writes what its metadata
says."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, run_cli

from actiongraph.cli import cli
from graphmodel.serialise import JsonResult, json_meta, json_schema, to_json
from loaders import load_plan
from queries.audit import audit_json_schema
from queries.diff import diff_json_schema, plan_diff

GOLDEN = ROOT / "tests" / "data" / "golden"
AUDIT_GOLDENS = sorted(GOLDEN.glob("*.audit.json"))
EXAMPLES = ROOT / "examples"
VERSIONS = [("teaching.yaml", "teaching-2025-07.yaml"), ("teaching-2025-07.yaml", "teaching.yaml")]


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def problems(schema: dict[str, Any], document: Any) -> list[str]:
    return [e.message for e in validator(schema).iter_errors(document)]


def diff_json(old: str, new: str) -> dict[str, Any]:
    data: dict[str, Any] = plan_diff(load_plan(EXAMPLES / old), load_plan(EXAMPLES / new)).to_dict()
    return data


def unreachable_diff() -> dict[str, Any]:
    """A diff with every optional key: a priority that no longer reaches a board."""
    old = load_plan(EXAMPLES / "teaching.yaml")
    first = old.priorities[0].model_copy(update={"reports_to": []})
    new = old.model_copy(update={"priorities": [first, *old.priorities[1:]]})
    data: dict[str, Any] = plan_diff(old, new).to_dict()
    return data


def without(document: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    into: Any = changed
    for part in path[:-1]:
        into = into[part]
    del into[path[-1]]
    return changed


# --- the audit JSON -------------------------------------------------------------------------


def test_there_are_audit_goldens_to_check() -> None:
    assert len(AUDIT_GOLDENS) >= 8


@pytest.mark.parametrize("golden", AUDIT_GOLDENS, ids=lambda p: p.name)
def test_every_audit_golden_matches_the_audit_schema(golden: Path) -> None:
    assert problems(audit_json_schema(), json.loads(golden.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    "path",
    [
        ("verdict", "passed"),
        ("plan", "findings"),
        ("coverage", "covered_percent"),
        ("coverage", "findings", 0, "status"),
        ("critical_path", "path"),
        ("critical_path", "finish"),
        ("overload", "people", 0, "sole_owner_for"),
        ("reporting", "unreachable"),
        ("reporting", "chains", 0, "from"),
        ("rules",),
    ],
    ids=lambda p: ".".join(map(str, p)),
)
def test_the_audit_schema_rejects_a_golden_without_a_required_key(
    path: tuple[str | int, ...],
) -> None:
    golden = json.loads((GOLDEN / "wirral.audit.json").read_text(encoding="utf-8"))
    found = problems(audit_json_schema(), without(golden, path))
    assert found == [f"'{path[-1]}' is a required property"]


def test_the_audit_schema_rejects_a_wrong_type() -> None:
    golden = json.loads((GOLDEN / "teaching.audit.json").read_text(encoding="utf-8"))
    golden["coverage"]["findings"][0]["status"] = "mostly"
    golden["critical_path"]["finish"] = "June"
    found = problems(audit_json_schema(), golden)
    assert len(found) == 2 and "'mostly' is not one of" in found[0] + found[1]


# --- the diff JSON --------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), VERSIONS)
def test_the_diff_of_two_versions_matches_the_diff_schema(old: str, new: str) -> None:
    assert problems(diff_json_schema(), diff_json(old, new)) == []


def test_a_diff_with_every_optional_key_matches_the_diff_schema() -> None:
    data = unreachable_diff()
    assert data["unreachable"]["new"] == ["P1"]
    assert problems(diff_json_schema(), data) == []


@pytest.mark.parametrize(
    "path",
    [("added",), ("coverage", "old"), ("finish", "new"), ("overloaded",), ("old", "published")],
    ids=lambda p: ".".join(map(str, p)),
)
def test_the_diff_schema_rejects_a_diff_without_a_required_key(
    path: tuple[str | int, ...],
) -> None:
    found = problems(diff_json_schema(), without(diff_json(*VERSIONS[0]), path))
    assert found == [f"'{path[-1]}' is a required property"]


def test_optional_diff_keys_may_be_absent_but_not_half_there() -> None:
    data = unreachable_diff()
    assert problems(diff_json_schema(), without(data, ("unreachable",))) == []
    assert problems(diff_json_schema(), without(data, ("unreachable", "old"))) == [
        "'old' is a required property"
    ]


# --- the command ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"), [("audit", audit_json_schema), ("diff", diff_json_schema)]
)
def test_schema_prints_the_schema_of_each_output(document: str, expected: Any) -> None:
    code, out = run_cli("schema", document)
    assert code == 0
    assert json.loads(out) == expected()


@pytest.mark.parametrize("document", ["audit", "diff", "plan"])
def test_schema_output_naming_a_document_prints_that_document(
    document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--output audit`` (as the issue writes it) names the document, not a file called
    audit; ``--output ./audit`` is the file."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("schema", "--output", document) == run_cli("schema", document)
    assert not (tmp_path / document).exists()
    code, _ = run_cli("schema", document, "--output", f"./{document}", "-q")
    assert code == 0
    assert json.loads((tmp_path / document).read_text(encoding="utf-8")) == json.loads(
        run_cli("schema", document)[1]
    )
    code, out = run_cli("schema", "audit", "--output", "diff")
    assert code == 2 and "two documents asked for: audit and diff" in out


def test_schema_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "audit.schema.json"
    code, _ = run_cli("schema", "audit", "-o", str(target), "-q")
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "actiongraph audit"


def test_schema_defaults_to_the_plan_and_rejects_other_documents() -> None:
    assert run_cli("schema") == run_cli("schema", "plan")
    code, out = run_cli("schema", "report")
    assert code == 2 and "'report' is not one of 'plan', 'audit', 'diff'" in out


# --- the document ---------------------------------------------------------------------------


CONTRACTS = ROOT / "docs" / "contracts.md"


def test_contracts_name_the_exit_status_of_every_command() -> None:
    text = CONTRACTS.read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"`{name}`" not in text]
    assert missing == []


def test_contracts_describe_every_workbook_sheet_and_the_json_keys() -> None:
    text = CONTRACTS.read_text(encoding="utf-8")
    for sheet in ("Plan", "Findings", "Priorities", "Actions", "People", "Boards"):
        assert f"`{sheet}`" in text
    golden = json.loads((GOLDEN / "teaching.audit.json").read_text(encoding="utf-8"))
    for key in golden:
        assert f"`{key}`" in text
    for key in diff_json(*VERSIONS[0]):
        assert f"`{key}`" in text


def test_the_readme_links_the_contracts() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/contracts.md" in readme
    assert "DESIGN.md's contract" not in readme and "contract of DESIGN.md" not in readme


# --- the serialiser -------------------------------------------------------------------------


class Colour(str, Enum):
    RED = "red"


def _count(values: list[str]) -> int:
    return len(values)


@dataclass(frozen=True)
class Inner(JsonResult):
    when: date
    colour: Colour


@dataclass(frozen=True)
class Outer(JsonResult):
    JSON_ORDER = ("name", "size", "inner", "tags", "lo", "hi", "note", "hidden", "extra")
    JSON_KEYS = {"size": "stats.size"}  # noqa: RUF012 - a test class

    name: str = field(metadata=json_meta(key="title"))
    inner: Inner | None
    tags: list[str] = field(metadata=json_meta(encode=_count))
    lo: int = field(metadata=json_meta(key="range.lo"))
    hi: int = field(metadata=json_meta(key="range.hi"))
    note: str = field(default="", metadata=json_meta(omit_empty=True))
    hidden: int = field(default=0, metadata=json_meta(skip=True))
    extra: dict[str, tuple[int, int]] = field(
        default_factory=dict, metadata=json_meta(omit_if=lambda o: o.hidden == 0)
    )

    @property
    def size(self) -> int:
        return self.hi - self.lo


@dataclass(frozen=True)
class Wrapper(JsonResult):
    outer: Outer = field(metadata=json_meta(inline=True))
    more: bool = True


def test_the_serialiser_follows_the_field_metadata() -> None:
    outer = Outer("x", Inner(date(2024, 3, 31), Colour.RED), ["a", "b"], 1, 4)
    assert to_json(outer) == {
        "title": "x",
        "stats": {"size": 3},
        "inner": {"when": "2024-03-31", "colour": "red"},
        "tags": 2,
        "range": {"lo": 1, "hi": 4},
    }
    assert list(to_json(outer)) == ["title", "stats", "inner", "tags", "range"]
    shown = Outer("x", None, [], 1, 4, note="n", hidden=1, extra={"k": (1, 2)})
    assert to_json(shown) == {
        "title": "x",
        "stats": {"size": 3},
        "inner": None,
        "tags": 0,
        "range": {"lo": 1, "hi": 4},
        "note": "n",
        "extra": {"k": [1, 2]},
    }
    assert Wrapper(shown).to_dict() == to_json(shown) | {"more": True}


def test_the_schema_follows_the_same_metadata() -> None:
    schema = json_schema(Wrapper, title="wrapper")
    assert schema["required"] == ["title", "stats", "inner", "tags", "range", "more"]
    assert schema["properties"]["stats"]["properties"]["size"] == {"type": "integer"}
    assert schema["properties"]["tags"] == {"type": "integer"}
    assert schema["$defs"]["Inner"]["properties"]["colour"] == {"type": "string", "enum": ["red"]}
    outer = Outer("x", Inner(date(2024, 3, 31), Colour.RED), ["a"], 1, 4, hidden=1, extra={})
    assert problems(schema, Wrapper(outer).to_dict()) == []
    assert problems(schema, {**Wrapper(outer).to_dict(), "range": {"lo": 1}}) == [
        "'hi' is a required property"
    ]


def test_the_serialiser_refuses_what_json_cannot_hold() -> None:
    @dataclass
    class Odd(JsonResult):
        thing: object

    with pytest.raises(TypeError, match="cannot write a set as JSON"):
        Odd({1}).to_dict()
