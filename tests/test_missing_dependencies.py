"""A broken install (a dependency removed after installing actiongraph) gets one line naming
what to install and exit status 2, never a traceback: python-docx for Word documents, the
Neo4j driver for the database commands. (pyvis: tests/test_visualise.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCX = ROOT / "tests" / "data" / "documents" / "word_merged_owners.docx"

_HIDE = '''
import importlib.abc
import sys


class _Hidden(importlib.abc.MetaPathFinder):
    """Every module of the package {name!r} (and its submodules) as if not installed."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == {name!r} or fullname.startswith({name!r} + "."):
            raise ModuleNotFoundError(f"No module named {{fullname!r}}", name=fullname)
        return None


sys.meta_path.insert(0, _Hidden())
'''


def _run_without(package: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "sitecustomize.py").write_text(_HIDE.format(name=package), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "NEO4J_URI": "bolt://127.0.0.1:9"}
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("package", "args", "says"),
    [
        ("docx", ("import", str(DOCX), "-o", "-"), "pip install python-docx"),
        ("neo4j", ("neo4j", "list"), "pip install neo4j"),
        ("neo4j", ("audit", "neo4j://127.0.0.1:9/neo4j?plan=teaching"), "pip install neo4j"),
    ],
)
def test_a_missing_dependency_is_one_error_line_and_exit_2(
    package: str, args: tuple[str, ...], says: str, tmp_path: Path
) -> None:
    done = _run_without(package, tmp_path, *args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert says in done.stderr
