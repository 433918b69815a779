"""Shared test helpers: run the CLI from the repository root, as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from actiongraph.cli import cli

ROOT = Path(__file__).parent.parent


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in the repository root, so paths in messages are as the user typed them."""
    monkeypatch.chdir(ROOT)
    return ROOT


def run_cli(*args: str) -> tuple[int, str]:
    """Exit status and output (stdout and stderr) of ``actiongraph ARGS``."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output
