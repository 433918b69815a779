"""Hypothesis strategies for valid plans: unique refs, every ref resolvable, unicode text,
every period form and status word the seeds use, empty optional fields."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from graphmodel.model import (
    Cadence,
    FindingKind,
    OrganisationKind,
    OwnerRole,
    Plan,
)

PERIOD_TEXTS = [
    "Dec-23",
    "July-23",
    "Jan-Jul 24",
    "Jun-Aug 23",
    "From Oct-23",
    "Sep=23",
    "March 2019",
    "Sept 2019",
    "Nov 2019-",
    "Ongoing from March 2020",
    "June 2020 to April 2021",
    "Autumn term 2024/25",
    "2024/25",
    "spring 2025",
    "by the end of October 2024",
    "Complete by Aug 18",
    "Q3 2024",
    "2024-03-31",
    "Actions have commenced",
]
STATUS_TEXTS = [
    "Blue",
    "Green",
    "Amber",
    "Red",
    "Grey",
    "In progress",
    "Completed",
    "Not started",
    "Completed and in place – Jan 18",
    "Pending",
    "Ongoing",
]

# Printable text with Welsh and Polish letters and emoji; no control characters, no
# surrounding spaces (the model strips refs), at least one visible character.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=["L", "N", "P", "S", "Zs"],
    include_characters="ŵŷâŁłŻżŚśĆćąę😀",
)
_short = st.text(_ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool)
# now and then a long text, as pasted from a Word cell (an Excel cell holds up to 32,767)
# (built by repeating a short one: drawing 3,000 characters one by one is slow)
_long = st.builds(lambda t, n: " ".join([t] * n), _short, st.integers(30, 300))
text = st.one_of(_short, _short, _short, _long)
maybe_text = st.none() | text
ref = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,6}", fullmatch=True)


def _unique_refs(n_min: int, n_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ref, min_size=n_min, max_size=n_max, unique=True)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A random valid plan (may have dependency or reporting cycles: those are warnings)."""
    finding_refs = draw(_unique_refs(0, 5))
    priority_refs = draw(_unique_refs(0, 3))
    objective_refs = draw(_unique_refs(0, 4))
    action_refs = draw(_unique_refs(0, 8))
    measure_refs = draw(_unique_refs(0, 4))
    people_refs = draw(_unique_refs(0, 5))
    org_refs = draw(_unique_refs(0, 3))
    board_refs = draw(_unique_refs(0, 3))

    def some(refs: list[str], most: int = 3) -> list[str]:
        if not refs:
            return []
        return draw(st.lists(st.sampled_from(refs), max_size=most, unique=True))

    def one(refs: list[str]) -> str | None:
        return draw(st.none() | st.sampled_from(refs)) if refs else None

    def period() -> str | None:
        return draw(st.none() | st.sampled_from(PERIOD_TEXTS))

    parties = (
        [f"person:{r}" for r in people_refs]
        + [f"organisation:{r}" for r in org_refs]
        + [f"board:{r}" for r in board_refs]
    )
    used_milestones: set[str] = set()

    def milestones() -> list[dict[str, Any]]:
        out = []
        for r in draw(st.lists(ref, max_size=2, unique=True)):
            if r in used_milestones:
                continue
            used_milestones.add(r)
            out.append(
                {
                    "ref": r,
                    "text": draw(text),
                    "due": period(),
                    "status": draw(st.none() | st.sampled_from(STATUS_TEXTS)),
                }
            )
        return out

    def owners() -> list[Any]:
        out: list[Any] = []
        for p in some(parties):
            role = draw(st.sampled_from(list(OwnerRole)))
            out.append(p if role is OwnerRole.RESPONSIBLE else {"party": p, "role": role.value})
        return out

    data: dict[str, Any] = {
        "area": draw(text),
        "title": draw(text),
        "published": period(),
        "status_scale": draw(st.sampled_from(["brag", "bragg", "rag", "words"])),
        "source": draw(maybe_text),
        "note": draw(maybe_text),
        "findings": [
            {
                "ref": r,
                "kind": draw(st.sampled_from(list(FindingKind))).value,
                "text": draw(text),
                "parent": draw(st.none() | st.sampled_from(finding_refs[:i])) if i else None,
            }
            for i, r in enumerate(finding_refs)
        ],
        "priorities": [
            {
                "ref": r,
                "title": draw(text),
                "outcome": draw(maybe_text),
                "sponsor": one(people_refs),
                "leads": some(people_refs),
                "parent_reps": some(people_refs),
                "delivery_partners": some(parties),
                "reports_to": some(board_refs),
                "addresses": some(finding_refs),
                "measures": some(measure_refs),
            }
            for r in priority_refs
        ],
        "objectives": [
            {
                "ref": r,
                "text": draw(text),
                "priority": one(priority_refs),
                "addresses": some(finding_refs),
                "measures": some(measure_refs),
            }
            for r in objective_refs
        ],
        "actions": [
            {
                "ref": r,
                "text": draw(text),
                "priority": one(priority_refs),
                "objective": one(objective_refs),
                "owners": owners(),
                "start": period(),
                "due": period(),
                "status": draw(st.none() | st.sampled_from(STATUS_TEXTS)),
                "depends_on": some(action_refs),
                "addresses": some(finding_refs),
                "measures": some(measure_refs),
                "milestones": milestones(),
                "resource": draw(maybe_text),
                "note": draw(maybe_text),
            }
            for r in action_refs
        ],
        "measures": [
            {
                "ref": r,
                "text": draw(text),
                "baseline": draw(maybe_text),
                "target": draw(maybe_text),
                "due": period(),
            }
            for r in measure_refs
        ],
        "people": [
            {
                "ref": r,
                "name": draw(text),
                "post": draw(maybe_text),
                "organisation": one(org_refs),
                "aliases": draw(st.lists(text, max_size=2)),
                "email": draw(st.none() | st.sampled_from(["jo@example.org", "Sam.Lee@NHS.net"])),
            }
            for r in people_refs
        ],
        "organisations": [
            {
                "ref": r,
                "name": draw(text),
                "kind": draw(st.sampled_from(list(OrganisationKind))).value,
            }
            for r in org_refs
        ],
        "boards": [
            {
                "ref": r,
                "name": draw(text),
                "reports_to": some(board_refs, 2),
                "chair": one(people_refs),
                "deputy_chair": one(people_refs),
                "members": some(parties),
                "cadence": draw(st.none() | st.sampled_from([c.value for c in Cadence])),
            }
            for r in board_refs
        ],
    }
    return Plan.model_validate(data)
