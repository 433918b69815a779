"""Shared test helpers: run the CLI from the repository root, as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One ArcadeDB server with its Bolt plugin for the whole session (a child process)."""
    from bolt import BoltServer

    server = BoltServer(tmp_path_factory.mktemp("arcadedb"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def store(bolt_server: Any) -> Iterator[Any]:
    """A connection to the session's database, every plan removed afterwards."""
    from bolt import settings_of

    from graphmodel.stores.bolt import Neo4jStore

    with Neo4jStore(settings_of(bolt_server)) as s:
        yield s
        for p in s.plans():
            s.delete(p.id)


@pytest.fixture
def env(bolt_server: Any, store: Any, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The environment a user sets (``NEO4J_*``), pointing at the session's server, in the
    repository root; every plan removed afterwards (through ``store``)."""
    monkeypatch.setenv("NEO4J_URI", bolt_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", bolt_server.database)
    monkeypatch.chdir(ROOT)
    return monkeypatch
