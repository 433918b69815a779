"""Every case of tests/bad_cases.py ends as it should, never in a traceback, and
docs/bad-input.md shows exactly what the program prints today."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.bad_cases import CASES, Case, run_case
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bad_input_doc


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.title)
def test_each_case_ends_as_expected_with_a_message(case: Case, tmp_path: Path) -> None:
    seen = run_case(case, tmp_path)
    assert not seen.crashed, seen.output
    assert "Traceback" not in seen.output
    assert seen.status == case.status, seen.output
    if seen.status == 2:
        assert seen.output.strip(), "refused without a word"


def test_the_bad_input_page_is_current() -> None:
    expected = bad_input_doc.page(bad_input_doc.seen_all())
    current = bad_input_doc.PAGE.read_text(encoding="utf-8") if bad_input_doc.PAGE.exists() else ""
    assert current == expected, "docs/bad-input.md is stale: run python scripts/bad_input_doc.py"
