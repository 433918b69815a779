"""The figures that examples/README.md and examples/notes/*.md quote are the audit's.

Two checks: the generated blocks (``<!-- figures:PLAN -->``) are what
``scripts/example_figures.py`` writes now, and the prose outside them quotes no coverage
count, rule count, date-conflict count, finish date or overload count that the audit of that
plan does not give.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "example_figures", ROOT / "scripts" / "example_figures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["example_figures"] = module
    spec.loader.exec_module(module)
    return module


figures_script = _script()
PLANS: tuple[str, ...] = figures_script.PLANS


@pytest.fixture(scope="module")
def cache() -> dict[str, object]:
    return {}


def _figures(plan: str, cache: dict[str, object]) -> object:
    if plan not in cache:
        cache[plan] = figures_script.figures(plan)
    return cache[plan]


@pytest.mark.parametrize("doc", figures_script.DOCUMENTS, ids=lambda p: p.name)
def test_generated_blocks_are_up_to_date(doc: Path, cache: dict[str, object]) -> None:
    text = doc.read_text(encoding="utf-8")
    assert figures_script.BLOCK.search(text), f"{doc.name} has no figures block"
    assert figures_script.rewrite(text, cache) == text, (
        f"{doc.relative_to(ROOT)} quotes figures the audit no longer gives: "
        "run python scripts/example_figures.py and read the diff"
    )


def _sections(doc: Path) -> list[tuple[str, str]]:
    """(plan, prose) pairs: the README's per-plan sections, or a whole note, blocks removed."""
    text = figures_script.BLOCK.sub("", doc.read_text(encoding="utf-8"))
    if doc.parent.name == "notes":
        return [(doc.stem, text)]
    out = []
    for part in re.split(r"\n### ", text)[1:]:
        title = part.split("\n", 1)[0].strip().lower().replace(" ", "-")
        if title in PLANS:
            out.append((title, part))
    return out


# Figures that prose quotes, and how to read them from the audit of the plan.
CHECKS = [
    (
        re.compile(r"(\d+)\s+of\s+(\d+)\s+findings\s+covered"),
        lambda f, m: (
            (int(m[1]), int(m[2]))
            == (
                f.counts[figures_script.CoverageStatus.COVERED],
                len(f.report.coverage.findings),
            )
        ),
    ),
    (
        re.compile(r"\b(\d+)\s+(?:rule\s+)?problems\b"),
        lambda f, m: int(m[1]) == len(f.report.rules),
    ),
    (
        re.compile(r"\b(\d+)\s+date\s+conflicts?\b"),
        lambda f, m: int(m[1]) == len(f.report.critical_path.date_conflicts),
    ),
    (
        re.compile(r"finishes\s+\**(\d{4}-\d{2}-\d{2})"),
        lambda f, m: (
            f.report.critical_path.finish is not None
            and m[1] == f.report.critical_path.finish.isoformat()
        ),
    ),
    (
        re.compile(r"\b(\d+)\s+unreachable\b"),
        lambda f, m: int(m[1]) == len(f.report.reporting.unreachable),
    ),
    (
        re.compile(r"\b(\d+)\s+(?:owners?\s+)?overloaded\b"),
        lambda f, m: (
            int(m[1])
            == sum(
                o.overloaded for o in (*f.report.overload.people, *f.report.overload.organisations)
            )
        ),
    ),
]


@pytest.mark.parametrize("doc", figures_script.DOCUMENTS, ids=lambda p: p.name)
def test_prose_quotes_the_audit(doc: Path, cache: dict[str, object]) -> None:
    wrong = []
    for plan, prose in _sections(doc):
        f = _figures(plan, cache)
        for pattern, agrees in CHECKS:
            for m in pattern.finditer(prose):
                if not agrees(f, m):
                    line = prose[: m.start()].count("\n") + 1
                    wrong.append(f"{plan}: {m[0]!r} (line {line} of its section)")
    assert not wrong, f"{doc.name} quotes figures the audit does not give: {wrong}"


def test_the_check_fails_when_a_figure_drifts(tmp_path: Path, cache: dict[str, object]) -> None:
    doc = figures_script.DOCUMENTS[0]
    text = doc.read_text(encoding="utf-8")
    drifted = text.replace("- Coverage: 13 of 13", "- Coverage: 12 of 13", 1)
    assert drifted != text
    assert figures_script.rewrite(drifted, cache) != drifted
    f = _figures("warrington", cache)
    pattern, agrees = CHECKS[0]
    match = pattern.search("12 of 13 findings covered")
    assert match is not None and not agrees(f, match)
