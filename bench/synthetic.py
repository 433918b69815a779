"""Seeded synthetic plans whose shape comes from the real examples, for benchmarks and tests.

The five real plans in ``examples/`` have 8 to 34 findings, 3 to 6 priorities, 0 to 27
objectives, 23 to 132 actions, up to 106 milestones, 19 to 38 measures, 28 to 47 people and
10 to 21 organisations, 2 to 8 boards; owners per action from 0.15 (Wirral) to 5 (Worcester),
typically 1 to 2, with two or three people owning 15 to 25 actions each (Warrington,
Cheshire East); 0 to 43 dependencies, mostly on an earlier action of the same workstream.
:func:`plan_data` makes one plan of that shape at the size the issue names (about 330 nodes
and 850 edges):

============  ===================================================================
entity        per plan
============  ===================================================================
findings      10 areas for improvement, 3 detailed findings under them, 1 strength
priorities    5, each with a sponsor, 1-2 leads, a parent carer rep, a board, a measure
objectives    3 per priority, each addressing one finding, with a measure
actions       about 8 per objective (7-9): 1-3 owners drawn with Zipf-like weights so
              that a few people own many; about 40% depend on the action before them
              and 10% on an earlier one (so chains of several actions); dates spread
              over 2024-2026 in the forms plans use; BRAGG statuses
milestones    about 0.55 per action, due before their action
measures      one per priority and objective, and for a quarter of the actions
people        40, each working for one of 12 organisations; two posts with no holder
boards        4, a governance chain ops -> executive -> partnership -> Health and Wellbeing
============  ===================================================================

Everything is drawn from ``random.Random(seed)``: the same seed gives the same plan.

>>> data = plan_data(7)
>>> len(data["actions"]) > 100, data["id"]
(True, 'synthetic-0007')
>>> plan_data(7) == data
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["FORMAT_SUFFIX", "plan_data", "plans", "write_plans"]

FORMAT_SUFFIX = {"json": ".json", "yaml": ".yaml", "xlsx": ".xlsx", "csv": ""}
"""The formats a generated plan is written in, and their file suffix (csv: a folder)."""

_FIRST = ["Alex", "Sam", "Jo", "Priya", "Tom", "Rosa", "Amy", "Ian", "Kat", "Raj", "Ola", "Ben"]
_LAST = ["Patel", "Okafor", "Lee", "Smith", "Jones", "Khan", "Brown", "Evans", "Wilson", "Ahmed"]
_POSTS = [
    "Director of Children's Services",
    "Head of SEND",
    "SEND Service Manager",
    "Designated Clinical Officer",
    "Principal Educational Psychologist",
    "Head of Commissioning",
    "Data and Performance Lead",
    "Parent Carer Forum Chair",
]
_ORG_KINDS = [
    "local_authority",
    "icb",
    "nhs_trust",
    "school",
    "college",
    "parent_carer_forum",
    "provider",
    "other",
]
_STATUSES = ["Blue", "Green", "Green", "Amber", "Red", "Grey", "Green", "Blue"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_SEASONS = ["Spring"] * 3 + ["Summer"] * 4 + ["Autumn"] * 5
"""The school term a month falls in (autumn Sep - Dec; August with the autumn term, which
ends after it), so a due written as a term never ends before the month it stands for (a
start after its due is a warning, ``date.start_after_due``). "Winter" spans two years."""


def _period(rng: random.Random, month: int) -> str:
    """A due period near ``month`` (months since Jan 2024), written as plans write them."""
    month = max(0, min(month, 35))
    year, m = 24 + month // 12, month % 12
    form = rng.random()
    if form < 0.55:
        return f"{_MONTHS[m]}-{year}"
    if form < 0.75 and m >= 2:
        return f"{_MONTHS[m - 2]}-{_MONTHS[m]} {year}"
    if form < 0.85:
        return f"Q{m // 3 + 1} 20{year}"
    if form < 0.93:
        return f"{_SEASONS[m]} 20{year}"
    return f"{_MONTHS[m]} 20{year}"


def plan_data(seed: int, *, index: int | None = None) -> dict[str, Any]:
    """One synthetic plan as canonical data (a ``dict`` that ``Plan.model_validate`` takes).

    ``index`` names the plan (``synthetic-0042``); by default the seed does.
    """
    rng = random.Random(seed)
    n = seed if index is None else index
    area = f"Synthetic Area {n:04d}"
    orgs = [
        {"ref": f"org-{i}", "name": f"Organisation {i} of {area}", "kind": _ORG_KINDS[i % 8]}
        for i in range(12)
    ]
    people: list[dict[str, Any]] = []
    for i in range(40):
        person: dict[str, Any] = {"ref": f"p{i}", "post": _POSTS[i % len(_POSTS)]}
        if i not in (7, 23):  # two posts without a named holder
            person["name"] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
        person["organisation"] = f"org-{rng.randrange(4) if i < 20 else rng.randrange(12)}"
        people.append(person)
    boards: list[dict[str, Any]] = [
        {"ref": "hwb", "name": "Health and Wellbeing Board", "chair": "p0", "cadence": "quarterly"},
        {"ref": "spb", "name": "SEND Partnership Board", "reports_to": ["hwb"], "chair": "p1"},
        {"ref": "exec", "name": "SEND Executive", "reports_to": ["spb"], "chair": "p2"},
        {"ref": "ops", "name": "SEND Operational Group", "reports_to": ["exec"], "chair": "p3"},
    ]
    for b in boards:
        b["members"] = [f"person:p{rng.randrange(40)}" for _ in range(4)] + ["organisation:org-0"]
        b["members"] = list(dict.fromkeys(b["members"]))
    findings: list[dict[str, Any]] = [
        {"ref": f"AFI-{i}", "kind": "area_for_improvement", "text": f"Finding {i} of {area}."}
        for i in range(1, 11)
    ]
    findings += [
        {"ref": f"AFI-{i}.1", "kind": "detailed_finding", "text": "Detail.", "parent": f"AFI-{i}"}
        for i in (1, 4, 7)
    ]
    findings.append({"ref": "S-1", "kind": "strength", "text": "Strong co-production."})
    targets = [f["ref"] for f in findings if f["kind"] != "strength"]
    measures: list[dict[str, Any]] = []

    def measure(prefix: str) -> str:
        ref = f"M-{prefix}"
        measures.append(
            {"ref": ref, "text": f"Measure of {prefix}", "baseline": "40%", "target": "90%"}
        )
        return ref

    # a few people own many actions: weights fall off as 1/rank
    weights = [1 / (rank + 1) for rank in range(40)]
    priorities: list[dict[str, Any]] = []
    objectives: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for p in range(1, 6):
        pref = f"P{p}"
        priorities.append(
            {
                "ref": pref,
                "title": f"Workstream {p}",
                "outcome": f"Outcome of workstream {p}.",
                "sponsor": f"p{rng.randrange(4)}",
                "leads": list(dict.fromkeys(f"p{rng.randrange(4, 16)}" for _ in range(2))),
                "parent_reps": [f"p{rng.randrange(30, 40)}"],
                "reports_to": [rng.choice(["spb", "exec", "ops"])],
                "measures": [measure(pref)],
            }
        )
        month = rng.randrange(0, 6)
        for o in range(1, 4):
            oref = f"{pref}.O{o}"
            objectives.append(
                {
                    "ref": oref,
                    "text": f"Objective {o} of workstream {p}.",
                    "priority": pref,
                    "addresses": [rng.choice(targets)],
                    "measures": [measure(oref)],
                }
            )
            for a in range(1, rng.randrange(8, 11)):
                actions.append(_action(rng, f"{p}.{o}.{a}", pref, oref, actions, weights, month))
                if rng.random() < 0.25:
                    actions[-1]["measures"] = [measure(actions[-1]["ref"])]
                if rng.random() < 0.3:
                    actions[-1]["addresses"] = [rng.choice(targets)]
                month += rng.choice((0, 1, 1, 2))
    return {
        "id": f"synthetic-{n:04d}",
        "area": area,
        "title": f"{area} SEND Improvement Plan (synthetic)",
        "published": "July 2024",
        "status_scale": "bragg",
        "source": f"bench.synthetic.plan_data(seed={seed})",
        "findings": findings,
        "priorities": priorities,
        "objectives": objectives,
        "actions": actions,
        "measures": measures,
        "people": people,
        "organisations": orgs,
        "boards": boards,
    }


def _action(
    rng: random.Random,
    ref: str,
    priority: str,
    objective: str,
    earlier: list[dict[str, Any]],
    weights: list[float],
    month: int,
) -> dict[str, Any]:
    picked = list(dict.fromkeys(rng.choices(range(40), weights, k=rng.choice((1, 1, 1, 2, 2, 3)))))
    owners: list[Any] = [f"person:p{picked[0]}"]
    owners += [{"party": f"person:p{i}", "role": "accountable"} for i in picked[1:]]
    if rng.random() < 0.05:
        owners.append(f"organisation:org-{rng.randrange(12)}")
    action: dict[str, Any] = {
        "ref": ref,
        "text": f"Action {ref}: do the work.",
        "priority": priority,
        "objective": objective,
        "owners": owners,
        "due": _period(rng, month + rng.randrange(1, 5)),
        "status": rng.choice(_STATUSES),
    }
    if rng.random() < 0.4:
        action["start"] = _period(rng, month)
    deps: list[str] = []
    same = [e["ref"] for e in earlier if e["priority"] == priority]
    if same and rng.random() < 0.4:
        deps.append(same[-1])
    if len(earlier) > 3 and rng.random() < 0.1:
        deps.append(earlier[rng.randrange(len(earlier) - 1)]["ref"])
    if deps:
        action["depends_on"] = list(dict.fromkeys(deps))
    if rng.random() < 0.35:
        action["milestones"] = [
            {"ref": f"{ref}.m{k}", "text": f"Milestone {k}", "due": _period(rng, month + k - 1)}
            for k in range(1, rng.choice((1, 2, 2)) + 1)
        ]
    return action


def plans(count: int, *, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` plans as data, plan ``i`` drawn with seed ``seed + i``; ids are distinct."""
    for i in range(count):
        yield plan_data(seed + i, index=i)


def write_plans(folder: Path, count: int, fmt: str, *, seed: int = 0) -> list[Path]:
    """Write ``count`` plans into ``folder`` in format ``fmt`` (a key of
    :data:`FORMAT_SUFFIX`) and return their paths; files already there are kept."""
    from graphmodel.model import Plan
    from loaders.plans import write_plan

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"synthetic-{i:04d}{FORMAT_SUFFIX[fmt]}"
        if not path.exists():
            write_plan(Plan.model_validate(plan_data(seed + i, index=i)), path, fmt)
        paths.append(path)
    return paths
