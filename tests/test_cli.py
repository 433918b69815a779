"""The command line: exact output per format, exit statuses, help with examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

TEACHING = "examples/teaching.yaml"


pytestmark = pytest.mark.usefixtures("at_root")
run = run_cli


def test_validate_teaching_example_text() -> None:
    code, out = run("validate", TEACHING)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "examples/teaching.yaml: Exampleshire - Exampleshire SEND Improvement "
        "Plan (teaching example)"
    )
    assert lines[1] == (
        "  nodes: 7 finding, 3 priority, 5 objective, 19 action, 2 milestone, "
        "5 measure, 9 person, 6 organisation, 2 board"
    )
    assert lines[2].startswith("  edges: 142 (23 ADDRESSES, 47 PART_OF, 9 DEPENDS_ON, ")
    assert lines[3] == "  problems (0 errors, 1 warning):"
    assert lines[4].startswith(
        "  examples/teaching.yaml:231:8: warning [date.unparsed] due='Actions have commenced'"
    )
    assert lines[-1] == "VALID: 1 plan (1 warning)"


def test_validate_json() -> None:
    code, out = run("validate", "--format", "json", TEACHING)
    assert code == 0
    report = json.loads(out)
    assert report["valid"] is True
    (plan,) = report["plans"]
    assert plan["nodes"]["action"] == 19 and plan["edges"]["DEPENDS_ON"] == 9
    assert plan["problems"][0]["place"] == {"line": 231, "column": 8}


def test_validate_several_plans_one_verdict() -> None:
    code, out = run("validate", TEACHING, "tests/data/bad/duplicate_refs.yaml")
    assert code == 2
    assert out.splitlines()[-1].startswith("INVALID: 1 plan of 2 with errors (3 errors, 1 warning)")


def test_strict_turns_warnings_into_failure() -> None:
    code, out = run("validate", "--strict", TEACHING)
    assert code == 2
    assert out.splitlines()[-1].startswith("INVALID: 1 plan of 1 with errors")


@pytest.mark.parametrize("fmt", ["yaml", "json", "graphml"])
def test_export(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"plan.{fmt}"
    code, text = run("export", TEACHING, "--to", fmt, "-o", str(out))
    assert code == 0 and text == f"wrote {out}\n"
    assert out.stat().st_size > 1000


def test_export_refuses_a_plan_with_errors(tmp_path: Path) -> None:
    code, out = run("export", "tests/data/bad/unknown_refs.yaml", "-o", str(tmp_path / "x.json"))
    assert code == 2
    assert out.startswith("Error: the plan has 23 problem(s):")
    assert not (tmp_path / "x.json").exists()


def test_export_to_an_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("export", TEACHING, "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "cannot tell the format from the suffix '.docx'" in out


def test_schema_is_json_schema() -> None:
    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "actiongraph plan" and "actions" in schema["properties"]


@pytest.mark.parametrize("command", ["validate", "schema", "export"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0
    assert "Example:" in out and "actiongraph " + command in out


def test_unknown_option_exits_2() -> None:
    code, _ = run("validate", "--nope", TEACHING)
    assert code == 2


def test_help_does_not_import_heavy_libraries() -> None:
    """`actiongraph --help` must start fast: no openpyxl, networkx, pydantic, neo4j, pyvis."""
    code = (
        "import sys; from actiongraph.cli import cli\n"
        "heavy = {'openpyxl', 'networkx', 'neo4j', 'pyvis', 'pydantic'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def _commands(group: object, path: str = "") -> list[tuple[str, object]]:
    import click

    assert isinstance(group, click.Group)
    out: list[tuple[str, object]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out += _commands(command, f"{path}{name} ")
        else:
            out.append((f"{path}{name}", command))
    return out


def test_every_format_option_speaks_one_vocabulary() -> None:
    """One OutputFormat: every --format offers text (and table, its alias), json and md; the
    gates add github; and a command gets the enum, not a loose string."""
    import click

    from actiongraph.cli import cli
    from actiongraph.common import OutputFormat

    found = {}
    for name, command in _commands(cli):
        assert isinstance(command, click.Command)
        for param in command.params:
            if param.name == "fmt":
                assert isinstance(param.type, click.Choice)
                found[name] = list(param.type.choices)
                assert param.callback is not None
                ctx = click.Context(command)
                assert param.callback(ctx, param, "table") is OutputFormat.TEXT
                assert param.callback(ctx, param, "md") is OutputFormat.MD
    assert len(found) > 10
    gates = {name for name, choices in found.items() if "github" in choices}
    assert gates == {"audit", "validate"}
    for name, choices in found.items():
        expected = ["text", "table", "json", "md"] + (["github"] if name in gates else [])
        assert choices == expected, name
