"""Golden files: compare output with a stored expectation; ACTIONGRAPH_UPDATE_GOLDEN=1 rewrites
the expectation instead (then read the diff with git before committing it)."""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("ACTIONGRAPH_UPDATE_GOLDEN") == "1"


def assert_golden(actual: str, path: Path) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with ACTIONGRAPH_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")
