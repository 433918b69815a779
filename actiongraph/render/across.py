"""Documents of the cross-plan answers of ``actiongraph neo4j overload|coverage|rules --all``
and ``actiongraph neo4j query NAME``."""

from __future__ import annotations

from typing import Any

from actiongraph.render.document import Document, Section, Table
from actiongraph.render.questions import as_of_line
from queries.across import QUERIES, Across


def _plans(result: Across) -> list[str]:
    return [f"{len(result.plans)} plan(s) in the database: {', '.join(result.plans) or 'none'}"]


def overload_across_document(result: Across) -> Document:
    """Each person or organisation with open actions, matched across plans, and how."""
    rows = []
    for load in result.rows:
        for i, p in enumerate(load.plans):
            written = p.name + (f" ({p.organisation})" if p.organisation else "")
            if p.email:
                written += f" <{p.email}>"
            rows.append(
                [
                    load.name if i == 0 else "",
                    str(load.open_actions) if i == 0 else "",
                    load.matched_by if i == 0 and len(load.plans) > 1 else "",
                    p.plan,
                    f"{p.ref}: {written}",
                    str(p.open_actions),
                ]
            )
    several = sum(1 for load in result.rows if len({p.plan for p in load.plans}) > 1)
    return Document(
        "Open actions across plans",
        [
            Section(
                "Who owns what, over every plan",
                [
                    *_plans(result),
                    f"{several} matched in more than one plan: check each match (same email, "
                    "or same name and organisation) before acting on it.",
                ],
                Table(["who", "open", "matched by", "plan", "as written", "open here"], rows),
            )
        ],
    )


def coverage_across_document(result: Across) -> Document:
    rows = [
        [
            r.plan,
            str(r.findings),
            str(r.covered),
            str(r.partial),
            str(r.uncovered),
            "-" if r.covered_percent is None else f"{r.covered_percent:g}%",
        ]
        for r in result.rows
    ]
    return Document(
        "Coverage of every plan",
        [
            Section(
                "One row per plan",
                _plans(result),
                Table(["plan", "findings", "covered", "partial", "uncovered", "covered %"], rows),
            )
        ],
    )


def rules_across_document(result: Across) -> Document:
    """One row per plan: the rule problems in all and the rules broken most."""
    rows = []
    for r in result.rows:
        counts = sorted(r.counts().items(), key=lambda kv: -kv[1])
        rows.append(
            [r.plan, str(len(r.violations)), ", ".join(f"{rule} {n}" for rule, n in counts)]
        )
    dated = as_of_line(result.rows[0].as_of if result.rows else None)
    return Document(
        "Plan rules of every plan",
        [
            Section(
                "One row per plan",
                [*_plans(result), dated],
                Table(["plan", "problems", "rules broken (most first)"], rows),
            )
        ],
    )


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def query_document(result: Across) -> Document:
    query = QUERIES[result.question]
    rows = [[_cell(row[c]) for c in query.columns] for row in result.rows]
    if not rows:  # an empty table printed nothing under the plans: say there is no answer
        none = "none found in these plans" if result.plans else "no plans"
        return Document(
            f"{query.name}: {query.question}", [Section("Answer", [*_plans(result), none])]
        )
    return Document(
        f"{query.name}: {query.question}",
        [Section("Answer", _plans(result), Table(list(query.columns), rows))],
    )
