"""Shared test helpers: run the CLI from the repository root, as a user would; the ``slow``
marker and the Hypothesis profiles of a fast local run (``scripts/test.sh --fast``).

Slow tests are marked here, by what they need, so a new one is marked without thinking of
it: a browser (``browser``), LibreOffice (``office``), an ArcadeDB/Bolt server
(``bolt_server``, ``store``, or a module that starts its own), or the fuzzer. Hypothesis
runs the ``ci`` profile (its defaults and each test's own ``@settings``, as CI always has)
unless ``ACTIONGRAPH_HYPOTHESIS_PROFILE=dev``: then no test draws more than
:data:`DEV_EXAMPLES` examples.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

from actiongraph.cli import cli

ROOT = Path(__file__).parent.parent

SLOW_FIXTURES = frozenset({"browser", "office", "bolt_server", "store"})
"""Fixtures that start a browser, LibreOffice or a database server."""
SLOW_MODULES = frozenset({"test_fuzz", "test_neo4j_kill", "test_browser"})
"""Modules that are slow throughout (the fuzzer; a server started and killed per test)."""

DEV_EXAMPLES = 10
settings.register_profile("ci", settings())
settings.register_profile("dev", max_examples=DEV_EXAMPLES)
PROFILE = os.environ.get("ACTIONGRAPH_HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests; under the dev profile, cap every property test's examples (a
    test's own ``@settings(max_examples=...)`` would otherwise win over the profile)."""
    for item in items:
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
        if name in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if PROFILE == "dev":
            _cap_examples(item)


def _cap_examples(item: pytest.Item) -> None:
    test = getattr(item, "obj", None)
    # where @given keeps a test's settings (Hypothesis 6; read when the test runs)
    own = getattr(test, "_hypothesis_internal_use_settings", None)
    if isinstance(own, settings) and own.max_examples > DEV_EXAMPLES:
        test._hypothesis_internal_use_settings = settings(own, max_examples=DEV_EXAMPLES)  # type: ignore[union-attr]


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
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (tests/headless.py), one for the whole
    session: Playwright's sync API cannot run twice at once in a process."""
    from playwright.sync_api import sync_playwright

    from tests.headless import CHROMIUM, FLAGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


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
