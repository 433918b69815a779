"""Every bad input in tests/data/bad/ exits 2 with messages that name the place and the fix.

The exact output of ``actiongraph validate`` for each file is kept in
tests/data/bad/expected/<file>.txt (rewrite with ACTIONGRAPH_UPDATE_GOLDEN=1 and read the diff).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from golden import assert_golden

from actiongraph.cli import cli

ROOT = Path(__file__).parent.parent
BAD = Path("tests/data/bad")
CASES = sorted(p.name for p in (ROOT / BAD).iterdir() if p.name != "expected")


pytestmark = pytest.mark.usefixtures("at_root")


@pytest.mark.parametrize("name", CASES)
def test_bad_input_exits_2_with_located_messages(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", str(BAD / name)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert_golden(result.output, ROOT / BAD / "expected" / f"{name}.txt")


@pytest.mark.parametrize("name", CASES)
def test_every_error_names_the_file(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(BAD / name)])
    if result.exit_code == 2 and result.output.startswith("Error:"):
        assert str(BAD / name) in result.output  # a usage error: one line naming the file
        return
    import json

    report = json.loads(result.output)
    assert report["valid"] is False
    for problem in report["plans"][0]["problems"]:
        assert problem["file"] == str(BAD / name)
        assert problem["message"]


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.write(b"area: X\ntitle: T\nnote: '")
        f.write(b"x" * (51 * 1024 * 1024))
        f.write(b"'\n")
    result = CliRunner().invoke(cli, ["validate", str(big)])
    assert result.exit_code == 2
    assert f"{big}: error [file.too_large]" in result.output
    assert "above the 50 MB limit" in result.output


def test_a_missing_file_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(cli, ["validate", "no/such/plan.yaml"])
    assert result.exit_code == 2
    assert result.output == "Error: no/such/plan.yaml: no such file or folder\n"
