"""Same input, same bytes: every view and the report of every example, rendered in two
fresh Python processes with different hash seeds (``PYTHONHASHSEED``), are byte for byte
the same, so pictures can be diffed and kept under version control."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

RENDER = """
import hashlib, json, sys
from datetime import date
from pathlib import Path
from graphmodel import build_graph
from loaders import load_plan
from visualise import VIEWS, report_html, view_html

out = {}
for path in sorted(Path("examples").glob("*.yaml")):
    g = build_graph(load_plan(path))
    for name in VIEWS:
        for as_of in (None, date(2025, 6, 1)):
            html = view_html(g, name, as_of=as_of)
            out[f"{path.stem} {name} {as_of}"] = hashlib.sha256(html.encode()).hexdigest()
    html = report_html(g, as_of=date(2025, 6, 1))
    out[f"{path.stem} report"] = hashlib.sha256(html.encode()).hexdigest()
json.dump(out, sys.stdout, sort_keys=True)
"""


def _render(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", RENDER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    got: dict[str, str] = json.loads(done.stdout)
    return got


@pytest.mark.timeout(900)
def test_every_view_and_report_same_bytes_whatever_the_hash_seed() -> None:
    first, second = _render("1"), _render("4242")
    examples = len(list((ROOT / "examples").glob("*.yaml")))
    assert len(first) == examples * (5 * 2 + 1)
    differ = sorted(k for k in first if first[k] != second[k])
    assert differ == []
