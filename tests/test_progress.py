"""Progress bars (issue 18 item 5): drawn on standard error only when it is a terminal, for
work on several plans (and long imports, server pushes), and never with ``--quiet``; a
pipe or file gets nothing, so scripts and CI logs are unchanged."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLANS = ["examples/teaching.yaml", "examples/warrington.yaml", "examples/wirral.yaml"]


def run(*args: str, terminal: bool) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``python -m actiongraph ARGS``,
    standard error a pseudo-terminal when ``terminal``, else a pipe."""
    env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, "-m", "actiongraph", *args]
    if not terminal:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as stdout:  # a file, not a pipe that could fill and block
        with subprocess.Popen(cmd, stdout=stdout, stderr=slave, cwd=ROOT, env=env) as process:
            os.close(slave)
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        os.close(master)
        stdout.seek(0)
        out = stdout.read().decode("utf-8")
    return process.returncode, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_nothing_is_written_to_a_stderr_that_is_not_a_terminal(command: str) -> None:
    status, out, err = run(command, *PLANS, terminal=False)
    assert out and status in (0, 1, 2)
    assert err == ""


@pytest.mark.parametrize(("command", "what"), [("validate", "validating"), ("audit", "auditing")])
def test_a_bar_appears_on_a_terminal(command: str, what: str) -> None:
    status, out, err = run(command, *PLANS, terminal=True)
    assert out and status in (0, 1, 2)
    assert what in err and "3/3" in err and "━" in err  # the description, count and bar


def test_quiet_silences_the_bar() -> None:
    status, out, err = run("validate", "--quiet", *PLANS, terminal=True)
    assert out and status in (0, 2)
    assert err == ""


def test_one_plan_draws_no_bar() -> None:
    status, out, err = run("validate", PLANS[0], terminal=True)
    assert status == 0 and out
    assert err == ""


def test_a_long_import_shows_a_moving_bar(tmp_path: Path) -> None:
    status, _, err = run(
        "import", "examples/notes/" + _a_note(), "-o", str(tmp_path / "d.yaml"), terminal=True
    )
    assert status == 0
    assert "importing" in err and "wrote" in err


def _a_note() -> str:
    return sorted(p.name for p in (ROOT / "examples" / "notes").iterdir() if p.is_file())[0]
