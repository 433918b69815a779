"""The command line as a new user meets it: defects found by trying it (cli2 trial)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import run_cli

from actiongraph.cli import cli

run = run_cli

NAMES = ("Ann", "Lee", "Bob", "Ray", "Cara", "Moss", "Dev", "Khan")
"""Every part of every name of the two versions below."""


def _version(path: Path, published: str, people: list[Any], actions: list[Any]) -> Path:
    path.write_text(
        yaml.safe_dump(
            {
                "area": "Northshire",
                "title": "Northshire SEND Priority Action Plan",
                "published": published,
                "findings": [{"ref": "PA-1", "kind": "priority_action", "text": "EHC plans."}],
                "people": people,
                "actions": actions,
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions: two SEND Leads (Ann Lee, Bob Ray) and Cara Moss (no post) in the old;
    Bob Ray has left the new one (its text still names him, his action now Ann's), Dev Khan,
    the DCO, has joined, and a status cell names Cara Moss."""
    ann = {"ref": "ann-lee", "name": "Ann Lee", "post": "SEND Lead"}
    bob = {"ref": "bob-ray", "name": "Bob Ray", "post": "SEND Lead"}
    cara = {"ref": "cara-moss", "name": "Cara Moss"}
    dev = {"ref": "dev-khan", "name": "Dev Khan", "post": "Designated Clinical Officer"}

    def act(ref: str, text: str, owner: str, due: str) -> dict[str, Any]:
        return {
            "ref": ref,
            "text": text,
            "owners": [f"person:{owner}"],
            "due": due,
            "status": "On track",
            "addresses": ["PA-1"],
        }

    old = [
        act("1", "Ann Lee to chair the EHCP timeliness panel", "ann-lee", "Dec 2024"),
        act("2", "Bob Ray to brief SENCOs on the new EHCP template", "bob-ray", "Jan 2025"),
        act("3", "Cara Moss to co-produce the Local Offer with the PCF", "cara-moss", "Mar 2025"),
    ]
    new = [
        {**old[0], "status": "On track (Cara Moss to confirm)"},
        {
            **old[1],
            "text": "Ann Lee to brief SENCOs on the new EHCP template (Bob Ray has left)",
            "owners": ["person:ann-lee"],
            "due": "Apr 2025",
        },
        old[2],
        act("4", "Dev Khan to publish therapy waiting times", "dev-khan", "Jun 2025"),
    ]
    return (
        _version(tmp_path / "old.yaml", "Sept 2024", [ann, bob, cara], old),
        _version(tmp_path / "new.yaml", "Jan 2025", [ann, cara, dev], new),
    )


def _names_in(text: str) -> list[str]:
    return [n for n in NAMES if re.search(rf"\b{n}\b", text, re.IGNORECASE)]


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_diff_redact_hides_every_name_of_both_versions(
    versions: tuple[Path, Path], fmt: str
) -> None:
    old, new = versions
    code, plain = run("diff", str(old), str(new), "--format", fmt)
    assert code == 0 and _names_in(plain)  # the names are there to hide
    code, out = run("diff", str(old), str(new), "--format", fmt, "--redact")
    assert code == 0, out
    assert _names_in(out) == []
    assert "SEND Lead" in out  # what people are called instead


def test_diff_redact_reports_only_real_changes(versions: tuple[Path, Path]) -> None:
    old, new = versions
    _, plain = run("diff", str(old), str(new), "--format", "json")
    code, out = run("diff", str(old), str(new), "--format", "json", "--redact")
    assert code == 0, out
    redacted, original = json.loads(out), json.loads(plain)
    changed = sorted((c["kind"], c["ref"], c["field"]) for c in redacted["changed"])
    # action 2 changed text, owner and due; the texts naming people, unchanged, are not
    # changes (Ann Lee is a SEND Lead (code) in the old version, where Bob Ray is one too,
    # and in the new one: each version redacted on its own would call her two things)
    assert changed == [
        ("action", "1", "status"),
        ("action", "2", "due"),
        ("action", "2", "owners"),
        ("action", "2", "text"),
    ]
    assert len(redacted["changed"]) == len(original["changed"])
    assert [a["kind"] for a in redacted["added"]] == [a["kind"] for a in original["added"]]
    assert [r["kind"] for r in redacted["removed"]] == [r["kind"] for r in original["removed"]]
    owners = next(c for c in redacted["changed"] if c["field"] == "owners")
    assert owners["old"] != owners["new"]


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_history_redact_hides_every_name(
    versions: tuple[Path, Path], fmt: str, tmp_path: Path
) -> None:
    old, new = versions
    page = tmp_path / "history page.html"
    code, out = run("history", str(old), str(new), "--format", fmt, "--redact", "-o", str(page))
    assert code == 0, out
    assert _names_in(out) == []
    html = page.read_text(encoding="utf-8")
    assert _names_in(html) == [] and "Northshire" in html
    code, plain = run("history", str(old), str(new), "--format", fmt, "-o", str(page))
    assert code == 0 and _names_in(plain)  # the names are there to hide
    assert _names_in(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "examples/teaching.yaml"],
        ["critical-path", "examples/teaching.yaml"],
        ["viz", "examples/teaching.yaml", "-o", "-"],
        ["report", "examples/teaching.yaml", "-o", "-"],
        ["export", "examples/teaching.yaml", "--to", "xlsx", "-o", "unused.xlsx"],
    ],
)
def test_a_bad_as_of_names_the_option_and_the_form(command: list[str], at_root: Path) -> None:
    code, out = run(*command, "--as-of", "Sept 2024")
    assert code == 2
    assert (
        "Invalid value for '--as-of': 'Sept 2024' is not a day: write a date as YYYY-MM-DD" in out
    )
    assert not (at_root / "unused.xlsx").exists()


def _plan_depending_on(tmp_path: Path, prerequisite: str) -> Path:
    """Action B4 depends on ``prerequisite``; action B3 has milestone B3-m1."""
    plan = {
        "area": "Northshire",
        "title": "Northshire SEND Priority Action Plan",
        "findings": [{"ref": "PA-1", "kind": "priority_action", "text": "EHC timeliness."}],
        "actions": [
            {
                "ref": "B3",
                "text": "Recruit two more educational psychologists.",
                "due": "Q3 2024/25",
                "milestones": [{"ref": "B3-m1", "text": "Posts advertised", "due": "Sept 2024"}],
            },
            {
                "ref": "B4",
                "text": "Clear the backlog of EHC needs assessments.",
                "due": "end of spring term 2025",
                "depends_on": [prerequisite],
            },
        ],
    }
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    return path


def test_depending_on_a_milestone_names_its_action(tmp_path: Path) -> None:
    code, out = run("validate", str(_plan_depending_on(tmp_path, "B3-m1")))
    assert code == 2
    assert (
        "depends_on='B3-m1': no action has ref 'B3-m1'; 'B3-m1' is a milestone of action B3, "
        "and only an action can be named here: name action B3 instead, or make the milestone "
        "an action of its own"
    ) in " ".join(out.split())


def test_depending_on_a_finding_says_it_is_one(tmp_path: Path) -> None:
    code, out = run("validate", str(_plan_depending_on(tmp_path, "PA-1")))
    assert code == 2
    assert "no action has ref 'PA-1'; 'PA-1' is a finding, not an action; correct the ref" in (
        " ".join(out.split())
    )
    code, out = run("validate", str(_plan_depending_on(tmp_path, "B9")))
    assert "no action has ref 'B9'; add it to actions or correct the ref" in " ".join(out.split())


def test_history_page_to_standard_output_is_the_page_alone(at_root: Path) -> None:
    """``-o -`` wrote the text document and then the HTML page to standard output, one
    after the other (and said ``wrote -``): neither could be used."""
    code, out = run(
        "history", "examples/teaching.yaml", "examples/teaching-2025-07.yaml", "-o", "-"
    )
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "wrote" not in out


def test_history_quiet_says_nothing_of_the_page(at_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "trends.html"
    args = ("history", "examples/teaching.yaml", "examples/teaching-2025-07.yaml", "-o", str(page))
    code, out = run(*args, "--format", "json", "--quiet")
    assert code == 0 and page.exists()
    assert json.loads(out)["versions"]  # the document alone: no 'wrote' line after it
    code, out = run(*args, "--format", "json")
    assert out.rstrip().endswith(f"wrote {page}")


def test_report_since_redacts_both_versions_alike(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    """Each version redacted on its own called Ann Lee 'SEND Lead (code)' in the old (two
    SEND Leads) and 'SEND Lead' in the new: the report's changes showed her texts changed."""
    old, new = versions
    page = tmp_path / "report.html"
    code, out = run("report", str(new), "--since", str(old), "--redact", "-o", str(page))
    assert code == 0, out
    html = page.read_text(encoding="utf-8")
    assert _names_in(html) == []
    assert len(set(re.findall(r"SEND Lead(?: \(\w{4}\))? to chair", html))) == 1


@pytest.mark.parametrize("redact", [[], ["--redact"]])
def test_viz_focus_takes_a_name_as_chain_does(
    redact: list[str], at_root: Path, tmp_path: Path
) -> None:
    """``chain PLAN "Amy Lee"`` worked; ``viz --focus "Amy Lee"`` said no such node unless
    --redact was given."""
    pages = []
    for focus in ("amy-lee", "Amy Lee", "person:amy-lee"):
        page = tmp_path / f"{focus}.html"
        code, out = run("viz", "examples/teaching.yaml", "--focus", focus, "-o", str(page), *redact)
        assert code == 0, out
        pages.append(page.read_bytes())
    assert pages[0] == pages[1] == pages[2]
    code, out = run(
        "viz", "examples/teaching.yaml", "--focus", "SEND Partnership Board", "-o", "-", *redact
    )
    assert code == 0 and "<html" in out


def test_history_redact_hides_names_in_commit_subjects(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    """A version from --git is labelled by its commit's subject, which names people too."""
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    for version, subject in zip(versions, ("Ann Lee: first draft", "Bob Ray left"), strict=True):
        (repo / "plan.yaml").write_bytes(version.read_bytes())
        git("add", "plan.yaml")
        git("commit", "-q", "-m", subject)
    code, plain = run("history", "--git", f"{repo}:plan.yaml", "--format", "json")
    assert code == 0 and {"Ann", "Lee", "Bob", "Ray"} <= set(_names_in(plain))
    code, out = run("history", "--git", f"{repo}:plan.yaml", "--format", "json", "--redact")
    assert code == 0 and _names_in(out) == []
    assert "first draft" in out


def test_diff_of_two_areas_plans_warns(at_root: Path) -> None:
    """Warrington's plan against Wirral's was diffed as versions of one plan, without a word
    (206 added, 244 removed)."""
    code, out = run("diff", "examples/warrington.yaml", "examples/wirral.yaml")
    assert code == 0
    assert (
        "warning: these are plans of 2 areas (examples/warrington.yaml is Warrington's, "
        "examples/wirral.yaml is Wirral's); compare versions of one plan"
    ) in out
    code, out = run("history", "examples/teaching.yaml", "examples/wirral.yaml")
    assert code == 0 and "warning: these are plans of 2 areas" in out
    code, out = run(
        "report", "examples/wirral.yaml", "--since", "examples/teaching.yaml", "-o", "-"
    )
    assert code == 0 and "warning: these are plans of 2 areas" in out
    code, out = run("diff", "examples/teaching.yaml", "examples/teaching-2025-07.yaml")
    assert code == 0 and "warning" not in out


def _commands() -> list[str]:
    import click

    from actiongraph.cli import cli

    def walk(group: click.Group, prefix: str) -> list[str]:
        names = []
        for name, command in sorted(group.commands.items()):
            if isinstance(command, click.Group):
                names += walk(command, f"{prefix}{name} ")
            else:
                names.append(prefix + name)
        return names

    return walk(cli, "")


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example_of_itself(command: str) -> None:
    """``neo4j list`` had none, though the README says every command has one."""
    code, out = run(*command.split(), "--help")
    assert code == 0
    assert "Example" in out and f"actiongraph {command} " in out


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "{new}", "--previous", "{old}", "--format", "json"],
        ["diff", "{old}", "{new}", "--format", "json"],
        ["history", "{old}", "{new}", "--format", "json"],
    ],
)
def test_an_old_version_naming_a_newcomer_is_redacted_with_the_new(
    command: list[str], versions: tuple[Path, Path]
) -> None:
    """The old version's status cell names Khan, who is a person of the new version only:
    the old version redacted on its own knew no Khan and left him in the message."""
    old, new = versions
    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    data["actions"][1]["status"] = "On track (Khan to confirm)"
    old.write_text(yaml.safe_dump(data), encoding="utf-8")
    args = [a.format(old=old, new=new) for a in command]
    code, plain = run(*args)
    assert "Khan to confirm" in plain
    code, out = run(*args, "--redact")
    assert code in (0, 1), out
    assert _names_in(out) == []
    assert "Designated Clinical Officer to confirm" in out


DOCUMENTS = Path(__file__).parent / "data" / "documents"


@pytest.mark.parametrize(
    "name",
    ["prose_plan.txt", "pipe_table.md", "council_page.html", "tracker.csv", "tracker.xlsx"],
)
def test_import_reads_a_document_from_standard_input(name: str, tmp_path: Path) -> None:
    """``pbpaste | actiongraph import - -o draft.yaml`` said '-: no such file'."""
    from click.testing import CliRunner

    from actiongraph.cli import cli

    document = DOCUMENTS / name
    runner = CliRunner()
    by_file = runner.invoke(cli, ["import", str(document), "-o", str(tmp_path / "a.yaml")])
    piped = runner.invoke(
        cli, ["import", "-", "-o", str(tmp_path / "b.yaml")], input=document.read_bytes()
    )
    assert by_file.exit_code == piped.exit_code == 0, piped.output
    a, b = (
        yaml.safe_load((tmp_path / n).read_text(encoding="utf-8")) for n in ("a.yaml", "b.yaml")
    )
    assert b["actions"] == a["actions"] and b["actions"]
    assert b["source"] == "-"
    assert "standard-input." not in piped.output  # the temporary file is not named
    assert piped.output.splitlines()[1].startswith("-: ")


def test_import_of_empty_standard_input_says_so(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from actiongraph.cli import cli

    result = CliRunner().invoke(cli, ["import", "-", "-o", str(tmp_path / "d.yaml")], input=b"")
    assert result.exit_code == 2
    assert "standard input is empty" in result.output


def test_list_codes_with_a_plan_named_is_a_usage_error() -> None:
    """``validate --list-codes PLAN`` listed the codes and left PLAN unchecked, exit 0."""
    code, out = run_cli("validate", "--list-codes", "examples/teaching.yaml")
    assert code == 2 and "checks no plan" in out


def test_validate_of_empty_standard_input_says_it_is_empty() -> None:
    result = CliRunner().invoke(cli, ["validate", "-"], input="")
    assert result.exit_code == 2
    assert "standard input is empty" in result.output
    assert "cannot tell the format" not in result.output


def test_an_unknown_ref_lists_the_plans_refs_as_words() -> None:
    """The hint listed refs as a Python list (``refs: ['P1', 'P2']``)."""
    code, out = run_cli("chain", "examples/teaching.yaml", "zzzz-nothing-like-it")
    assert code == 2
    assert "its refs are " in out and "['" not in out
