"""Cold start (issue 18 item 4): ``actiongraph --help`` imports neither pydantic nor networkx
(nor the other heavy libraries), read from ``python -X importtime`` of the real command.
``actiongraph validate`` of one example is timed by the benchmark (``python -m bench``),
not here: a timing test on a shared machine would fail for reasons of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
HEAVY = ("pydantic", "networkx", "openpyxl", "neo4j", "pyvis", "rich", "yaml")


def imported_by(*args: str) -> set[str]:
    """The top-level packages ``python -m actiongraph ARGS`` imports."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "actiongraph", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "click" in names  # the listing is real
    return names


@pytest.mark.parametrize("args", [("--help",), ("validate", "--help"), ("audit", "--help")])
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    assert sorted(imported_by(*args) & set(HEAVY)) == []


def test_validate_imports_no_networkx() -> None:
    names = imported_by("validate", "examples/teaching.yaml")
    assert "pydantic" in names and "networkx" not in names
