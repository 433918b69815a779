"""The audit as a gate that cannot be fooled, and outputs that are safe in scripts.

Every test runs ``actiongraph`` as a user does: a subprocess, real files, a real symbolic link,
a real FIFO, a real pseudo-terminal.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
TEACHING = EXAMPLES / "teaching.yaml"
WIRRAL = EXAMPLES / "wirral.yaml"


def ag(
    *args: str | Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *map(str, args)],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or ROOT,
        timeout=300,
    )


def misspelt_workbook(folder: Path) -> Path:
    """A CSV plan whose owner cell misspells a listed person and whose status is unknown."""
    plan = folder / "plan"
    plan.mkdir()
    (plan / "Plan.csv").write_text("key,value\narea,Testshire\ntitle,Test plan\n")
    (plan / "Findings.csv").write_text("ref,kind,text\nAFI-1,afi,Too few plans\n")
    (plan / "Actions.csv").write_text(
        "ref,action,owners,due,status,addresses,measure\n"
        "1.1,Write the plan,Priya Patell,Dec-24,Greenish,AFI-1,Plans written\n"
    )
    (plan / "People.csv").write_text("name,role\nPriya Patel,Head of SEND\n")
    return plan


def write_yaml(path: Path, data: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- 1. --fail-on ---------------------------------------------------------------------------


def test_repeated_fail_on_options_add_up() -> None:
    run = ag("audit", WIRRAL, "--fail-on", "conflict", "--fail-on", "uncovered", "--format", "json")
    assert run.returncode == 1, "Wirral's 34 uncovered findings fail the gate"
    verdict = json.loads(run.stdout)["verdict"]
    assert verdict["fail_on"] == ["conflict", "uncovered"]
    assert [f["check"] for f in verdict["failures"]] == ["uncovered"]


def test_comma_lists_and_repeats_are_one_union() -> None:
    run = ag("audit", TEACHING, "--fail-on", "partial,conflict", "--fail-on", "rules,cycle")
    assert run.returncode == 1
    assert "fails on: conflict, cycle, partial, rules" in " ".join(run.stdout.split())


def test_an_unknown_check_is_refused_with_exit_2() -> None:
    run = ag("audit", TEACHING, "--fail-on", "uncovered", "--fail-on", "uncoverd")
    assert run.returncode == 2
    assert "unknown check 'uncoverd'" in run.stderr and "Traceback" not in run.stderr
    assert "warnings" in run.stderr and "empty" in run.stderr, "the message lists the checks"


def test_the_default_gate_is_uncovered_empty_cycle() -> None:
    run = ag("audit", TEACHING, "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout)["verdict"]["fail_on"] == ["cycle", "empty", "uncovered"]
    assert "uncovered,empty,cycle" in " ".join(ag("audit", "--help").stdout.split())


# --- 2. load problems are part of the audit ---------------------------------------------------


def test_a_misspelt_owner_and_an_unknown_status_are_in_the_audit(tmp_path: Path) -> None:
    plan = misspelt_workbook(tmp_path)
    run = ag("audit", plan)
    assert run.returncode == 0, run.stderr  # warnings alone do not fail the default gate
    attention = run.stdout.split("NEEDS ATTENTION", 1)[1]
    assert "[name.created] owners='Priya Patell'" in attention
    assert "at sheet Actions.csv, row 2, column" in attention
    assert "[status.unknown] status='Greenish'" in attention

    data = json.loads(ag("audit", plan, "--format", "json").stdout)
    codes = {p["code"]: p for p in data["load_problems"]}
    assert {"name.created", "status.unknown"} <= set(codes)
    assert codes["name.created"]["place"] == {
        "sheet": "Actions.csv",
        "row": 2,
        "cell_column": "owners",
    }

    detail = ag("audit", plan, "--detail").stdout
    assert "Priya Patell" in detail and "status.unknown" in detail

    failed = ag("audit", plan, "--fail-on", "warnings")
    assert failed.returncode == 1
    assert "name.created@" in failed.stdout.split("FAILED", 1)[1]


def test_an_unread_date_is_in_the_audit_with_its_line() -> None:
    data = json.loads(ag("audit", TEACHING, "--format", "json").stdout)
    (problem,) = [p for p in data["load_problems"] if p["code"] == "date.unparsed"]
    assert problem["place"]["line"] > 0 and problem["value"] == "Actions have commenced"


def test_the_html_report_lists_load_problems(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = ag("report", misspelt_workbook(tmp_path), "--as-of", "2025-01-01", "-o", out)
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert "Problems loading the plan" in page and "Priya Patell" in page
    assert "status.unknown" in page


# --- 3. degenerate plans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ({"area": "X", "title": "T", "actions": [{"ref": "1", "text": "a"}]}, "no findings"),
        (
            {
                "area": "X",
                "title": "T",
                "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
            },
            "no actions",
        ),
        ({"area": "X", "title": "T"}, "no findings"),
    ],
)
def test_a_plan_with_nothing_to_judge_fails(
    tmp_path: Path, data: dict[str, object], why: str
) -> None:
    plan = write_yaml(tmp_path / "plan.yaml", data)
    run = ag("audit", plan)
    assert run.returncode == 1, run.stdout
    assert "PASSED" not in run.stdout and "empty" in run.stdout.split("FAILED", 1)[1]
    verdict = json.loads(ag("audit", plan, "--format", "json").stdout)["verdict"]
    assert {"check": "empty", "count": verdict["failures"][-1]["count"]}.items() <= (
        verdict["failures"][-1].items()
    )
    assert why in [r for f in verdict["failures"] for r in f["refs"]]


def test_a_dependency_cycle_is_listed_with_its_members(tmp_path: Path) -> None:
    plan = write_yaml(
        tmp_path / "plan.yaml",
        {
            "area": "X",
            "title": "T",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "f"}],
            "actions": [
                {"ref": "A", "text": "a", "addresses": ["F1"], "depends_on": ["C"]},
                {"ref": "B", "text": "b", "depends_on": ["A"]},
                {"ref": "C", "text": "c", "depends_on": ["B"]},
            ],
        },
    )
    run = ag("audit", plan)
    assert run.returncode == 1, "the default gate fails on a cycle"
    attention = run.stdout.split("NEEDS ATTENTION", 1)[1]
    cycle = re.search(r"Dependency cycle: (.*)", attention)
    assert cycle is not None
    members = cycle.group(1).split(" → ")
    assert set(members) == {"A", "B", "C"} and members[0] == members[-1]


# --- 4. many plans --------------------------------------------------------------------------------


def test_a_missing_plan_among_many_is_reported_and_the_others_audited(tmp_path: Path) -> None:
    run = ag("audit", TEACHING, tmp_path / "missing.yaml", WIRRAL)
    assert run.returncode == 2, "the worst status: bad input"
    assert "Audit of Exampleshire" in run.stdout and "Audit of Wirral" in run.stdout
    assert f"{tmp_path / 'missing.yaml'}: no such file or folder" in run.stderr
    assert "3 plans: 1 passed, 1 failed, 1 not audited" in run.stdout

    data = json.loads(ag("audit", TEACHING, tmp_path / "missing.yaml", "--format", "json").stdout)
    assert [d.get("error") is None for d in data] == [True, False]
    assert data[0]["path"] == str(TEACHING) and data[0]["verdict"]["passed"] is True


def test_a_bad_plan_among_many_keeps_its_problems(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "data" / "bad" / "unknown_refs.yaml"
    run = ag("audit", bad, TEACHING, "--format", "json")
    assert run.returncode == 2
    first, second = json.loads(run.stdout)
    assert first["path"] == str(bad) and first["problems"][0]["code"] == "ref.unknown"
    assert second["verdict"]["passed"] is True


def test_the_exit_status_is_the_worst_of_the_plans() -> None:
    assert ag("audit", TEACHING, TEACHING).returncode == 0
    assert ag("audit", TEACHING, WIRRAL).returncode == 1
    assert ag("audit", WIRRAL, TEACHING, "does-not-exist.yaml").returncode == 2


def test_validate_checks_the_others_when_one_is_missing(tmp_path: Path) -> None:
    run = ag("validate", tmp_path / "missing.yaml", TEACHING)
    assert run.returncode == 2
    assert "[file.missing]" in run.stdout and "Exampleshire" in run.stdout
    assert "nodes:" in run.stdout, "the good plan is still counted"
    data = json.loads(ag("validate", tmp_path / "nope.yaml", TEACHING, "--format", "json").stdout)
    assert [p["valid"] for p in data["plans"]] == [False, True]


# --- 5. outputs -----------------------------------------------------------------------------------


def test_dash_output_writes_standard_output_and_no_file(tmp_path: Path) -> None:
    run = ag("export", TEACHING, "--to", "json", "-o", "-", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["area"] == "Exampleshire"
    assert not (tmp_path / "-").exists() and run.stderr == ""
    page = ag("viz", TEACHING, "-o", "-", cwd=tmp_path)
    assert page.stdout.startswith("<!DOCTYPE html>") or "<html" in page.stdout[:200]
    assert json.loads(ag("schema", "-o", "-").stdout)["title"]


def test_a_workbook_is_not_written_to_a_terminal_but_to_a_pipe() -> None:
    piped = subprocess.run(
        [sys.executable, "-m", "actiongraph", "export", str(TEACHING), "--to", "xlsx", "-o", "-"],
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")
    leader, follower = pty.openpty()
    try:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "actiongraph",
                "export",
                str(TEACHING),
                "--to",
                "xlsx",
                "-o",
                "-",
            ],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 2 and b"terminal" in run.stderr


def test_a_plan_is_read_from_standard_input() -> None:
    text = TEACHING.read_bytes()
    run = ag("audit", "-", stdin=text)
    assert run.returncode == 0, run.stderr
    assert "Audit of Exampleshire" in run.stdout and "date.unparsed" in run.stdout
    data = json.loads(ag("audit", "-", "--format", "json", stdin=text).stdout)
    assert data["load_problems"][0]["file"] == "<stdin>"
    as_json = ag("export", TEACHING, "--to", "json", "-o", "-").stdout.encode()
    assert "VALID" in ag("validate", "-", stdin=as_json).stdout


def test_standard_input_in_a_format_its_content_cannot_tell() -> None:
    odd = b"1.1\nWrite the plan\n"
    run = ag("validate", "-", stdin=odd)
    assert run.returncode == 2 and "--input-format" in run.stderr
    csv = b"ref;action;addresses\n1.1;Write it;\n"
    told = ag("coverage", "-", "--input-format", "csv", "--format", "json", stdin=csv)
    assert told.returncode == 0, told.stderr
    assert json.loads(told.stdout)["findings"] == []


def test_a_symlink_keeps_its_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real" / "plan.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "plan.json"
    link.symlink_to(target)
    run = ag("export", TEACHING, "-o", link)
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["area"] == "Exampleshire"
    assert run.stderr == f"wrote {link}\n" and run.stdout == ""


def test_a_fifo_is_written_directly_and_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = ag("export", TEACHING, "-o", fifo)
    reader.join(timeout=60)
    assert run.returncode == 0, run.stderr
    assert fifo.is_fifo(), "the FIFO is still a FIFO"
    assert yaml.safe_load(received[0])["area"] == "Exampleshire"


def test_quiet_silences_what_was_written(tmp_path: Path) -> None:
    run = ag("report", TEACHING, "--as-of", "2025-06-01", "-o", tmp_path / "r.html", "--quiet")
    assert run.returncode == 0 and run.stdout == "" and run.stderr == ""
    loud = ag("viz", TEACHING, "-o", tmp_path / "v.html")
    assert loud.stdout == "" and loud.stderr == f"wrote {tmp_path / 'v.html'}\n"


# --- 7. terminal output --------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["abc", "-5", "0", "99999999999999999999", ""])
def test_a_bad_columns_value_is_ignored(columns: str) -> None:
    run = ag("overload", TEACHING, env={"COLUMNS": columns})
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert max(len(line) for line in run.stdout.splitlines()) <= 80, "a pipe gets 80 columns"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_tables_fit_80_columns_and_keep_every_column(example: Path) -> None:
    run = ag("overload", example, env={"COLUMNS": "80"})
    lines = run.stdout.splitlines()
    header = next((i for i, line in enumerate(lines) if line.startswith("owner")), None)
    if header is not None:
        block = " ".join(lines[header : header + 4])
        for word in ("owner", "kind", "open", "share", "priorities", "critical", "overloaded"):
            assert word in block
    for command in ("overload", "coverage", "critical-path", "chain"):
        out = ag(command, example, env={"COLUMNS": "80"}).stdout
        assert max(len(line) for line in out.splitlines()) <= 80, command


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_name_or_ref_is_broken_to_fit_80_columns(example: Path) -> None:
    """A sponsor reads who is overloaded at a glance: every owner's name and every chain's
    ref is whole on a line at 80 columns (a table too wide for its longest words is written
    as one record a row), and every column's header is still said."""
    overload = json.loads(ag("overload", example, "--format", "json").stdout)
    out = ag("overload", example, env={"COLUMNS": "80"}).stdout
    words = {w for line in out.splitlines() for w in line.split()}
    for row in (row for row in overload["people"] if row["open_actions"]):
        assert set(row["name"].split()) <= words, row["name"]
    for header in ("kind", "share", "priorities", "critical", "overloaded"):
        assert header in out
    governance = json.loads(ag("chain", example, "--format", "json").stdout)
    out = ag("chain", example, env={"COLUMNS": "80"}).stdout
    words = {w for line in out.splitlines() for w in line.split()}
    for chain in governance["chains"]:
        assert chain["from"] in words, chain["from"]


def test_a_table_too_wide_for_its_words_becomes_records() -> None:
    from actiongraph.render.document import Table, table_text

    table = Table(
        ["owner", "kind", "open", "busiest window"],
        [["Tracey Beardmore-Evans", "person", "12", "4 in Sep-Nov 2018"], ["Ann", "org", "1", "-"]],
    )
    wide = table_text(table, 80)
    assert wide[0].split() == ["owner", "kind", "open", "busiest", "window"]
    narrow = table_text(table, 30)
    assert max(len(line) for line in narrow) <= 30
    assert "Tracey Beardmore-Evans" in narrow
    assert "    kind: person · open: 12" in narrow
    at = narrow.index("    busiest window: 4 in")  # too long for a line: wrapped on its own
    assert narrow[at + 1] == "      Sep-Nov 2018"
    assert "    kind: org · open: 1" in narrow, "a blank or - says nothing and is left out"
    assert not any("busiest window: -" in line for line in narrow)


def test_colour_follows_no_color_and_the_option() -> None:
    always = ag("audit", TEACHING, "--color", "always")
    assert "\x1b[" in always.stdout
    assert "\x1b[" not in ag("audit", TEACHING).stdout, "no colour into a pipe"
    assert "\x1b[" not in ag("audit", TEACHING, "--color", "never").stdout
    leader, follower = pty.openpty()
    try:
        for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
            environment = {**os.environ, **env}
            environment.pop("COLUMNS", None)
            if not env:
                environment.pop("NO_COLOR", None)
            subprocess.run(
                [sys.executable, "-m", "actiongraph", "audit", str(TEACHING)],
                stdout=follower,
                env=environment,
                timeout=120,
                check=True,
            )
            out = b""
            while not out.rstrip().endswith((b"uncovered)", b"uncovered)\x1b[0m")):
                out += os.read(leader, 65536)
            assert (b"\x1b[" in out) is coloured
    finally:
        os.close(follower)
        os.close(leader)


@pytest.mark.parametrize(
    "command",
    [
        ["audit"],
        ["coverage"],
        ["critical-path"],
        ["overload"],
        ["chain"],
        ["validate"],
    ],
    ids=" ".join,
)
def test_one_format_vocabulary(command: list[str]) -> None:
    text = ag(*command, TEACHING, "--format", "text")
    assert text.returncode == 0, text.stderr
    assert ag(*command, TEACHING, "--format", "table").stdout == text.stdout
    json.loads(ag(*command, TEACHING, "--format", "json").stdout)
    md = ag(*command, TEACHING, "--format", "md").stdout
    assert md.startswith("# "), md[:100]


def test_the_import_takes_the_same_formats(tmp_path: Path) -> None:
    seed = ROOT / "tests" / "data" / "import" / "ref-shape.txt"
    md = ag("import", seed, "-o", tmp_path / "d.yaml", "--format", "md", "-q")
    assert md.returncode == 0 and md.stdout.startswith("# Review of")
    assert ag("import", seed, "-o", tmp_path / "d.yaml", "--format", "table", "-q").stdout


def test_github_annotations_point_at_lines(tmp_path: Path) -> None:
    run = ag("audit", WIRRAL, "--format", "github")
    assert run.returncode == 1
    errors = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    uncovered = [e for e in errors if "title=uncovered" in e]
    assert len(uncovered) == 24  # the ten headline findings are partial (issue 14)
    assert all(
        re.match(r"::error file=[^,]+wirral\.yaml,line=\d+,col=\d+,title=", e) for e in uncovered
    )
    warned = ag("validate", TEACHING, "--format", "github")
    assert warned.returncode == 0
    assert re.search(r"^::warning file=.*teaching\.yaml,line=\d+,col=\d+", warned.stdout, re.M)
    bad = ROOT / "tests" / "data" / "bad" / "unknown_refs.yaml"
    failing = ag("validate", bad, "--format", "github")
    assert failing.returncode == 2 and failing.stdout.startswith("::error file=")


def test_the_summary_fits_a_screen_and_detail_shows_all() -> None:
    summary = ag("audit", WIRRAL).stdout
    assert len(summary.splitlines()) <= 40
    assert len(re.findall(r"^  Uncovered ", summary, re.M)) == 5
    assert "... and 19 more uncovered findings (--detail shows all)" in summary
    detail = ag("audit", WIRRAL, "--detail").stdout
    assert len(re.findall(r"^  Uncovered ", detail, re.M)) == 24


def test_markdown_has_headings_lists_tables_and_whole_texts() -> None:
    md = ag("audit", WIRRAL, "--format", "md").stdout
    assert md.startswith("# Audit of Wirral")
    assert "\n## Summary\n\n- **Coverage:** 0 of 34" in md
    assert "\n## Needs attention\n\n- Uncovered " in md
    assert re.search(r"^\| finding \| status \| text \|", md, re.M)
    assert re.search(r"^\|---\|---\|", md, re.M)
    from loaders.base import read_plan

    longest = max((f.text for f in read_plan(WIRRAL).plan_or_raise().findings), key=len)
    assert len(longest) > 60
    assert " ".join(longest.split()) in md.replace("\\", "")
    assert "…" not in md


# --- 8. the pre-commit hook ---------------------------------------------------------------------


def test_the_hooks_match_only_plans() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        pattern = re.compile(hook["files"])
        for plan in ["plan.yaml", "plan.yml", "plan.json", "wsoa/plan.yaml", "wirral.plan.yaml"]:
            assert pattern.search(plan), (hook["id"], plan)
        for other in [".github/workflows/ci.yml", "package.json", "docker-compose.yaml", "x.yaml"]:
            assert not pattern.search(other), (hook["id"], other)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"rev: v\d", readme), "the README shows rev: with a tag"
    assert "files:" in readme, "the README shows how to set the pattern"
