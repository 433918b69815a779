"""What a YAML syntax error says: where to look and what to change, for the mistakes people
make editing a plan by hand (a tab from an editor or pasted Word text, an unclosed quote)."""

from __future__ import annotations

from pathlib import Path

from loaders.plans import read_plan


def _only_problem(tmp_path: Path, text: str) -> tuple[str, str]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = read_plan(path)
    assert result.plan is None
    (found,) = result.problems
    assert found.code == "yaml.syntax"
    return found.message, str(found.place)


def test_a_tab_in_the_indentation_is_named(tmp_path: Path) -> None:
    text = "area: X\ntitle: t\nactions:\n  - ref: A1\n\t  text: x\n"
    message, place = _only_problem(tmp_path, text)
    assert "a tab" in message and "spaces" in message
    assert place.startswith("5:1"), place


def test_an_unclosed_quote_points_back_to_where_it_opened(tmp_path: Path) -> None:
    message, place = _only_problem(tmp_path, 'area: X\ntitle: "Our plan\nfindings: []\n')
    assert "quoted scalar that began at line 2, column 8" in message
    assert place.startswith("4:1"), "the problem's own place is where the parser stopped"


def test_an_unclosed_bracket_points_back_to_it(tmp_path: Path) -> None:
    message, _ = _only_problem(tmp_path, "area: X\ntitle: t\nactions: [a, b\nfindings: []\n")
    assert "flow sequence that began at line 3, column 10" in message
