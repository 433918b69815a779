"""Mends of import bugs a review found in the trials of councils' documents: a struck line
glued onto the paragraph above, a bullet's decimal number taken for a ref, a glossary's long
form written inside post names, a table of coded findings read as a key to initials, a
heading that merely starts with "Impact", "Shared" in an organisation's name.

Each case is the smallest input that lost or invented data before its mend."""

from __future__ import annotations

from pathlib import Path

from graphmodel.model import Plan
from loaders.documents import import_document, report_text


def _plan(tmp_path: Path, name: str, text: str) -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_document(path).plan


def _actions(plan: Plan) -> list[tuple[str | None, str, list[str], str | None]]:
    """(ref, text, owners' names or posts, due as written) of every action."""
    people = {p.ref: p.name or p.post for p in plan.people}
    return [
        (
            a.ref,
            a.text,
            [people.get(o.party.ref, o.party.ref) for o in a.owners],
            a.due.text if a.due else None,
        )
        for a in plan.actions
    ]


# -- 1: a struck line never continues the paragraph above ----------------------------------


def test_a_struck_line_is_set_aside_not_glued_onto_the_line_above(tmp_path: Path) -> None:
    path = tmp_path / "wsoa.txt"
    path.write_text(
        "Anyshire written statement of action\n\n"
        "Priority 2: Alternative provision\n"
        "2.1 Map every placement. Lead: AP Manager. By: May 2025.\n"
        "~~2.2 Close the old unit. Lead: Head of Inclusion. By: Feb 2025.~~\n"
        "2.3 Review the tariff. Lead: AP Manager. By: July 2025.\n",
        encoding="utf-8",
    )
    result = import_document(path)
    assert [(a.ref, a.due.text if a.due else None) for a in result.plan.actions] == [
        ("2.1", "May 2025"),
        ("2.3", "July 2025"),
    ]
    assert all("old unit" not in a.text for a in result.plan.actions)
    text = report_text(result.report)
    assert "a struck-through paragraph, not drafted" in text and "Close the old unit" in text
