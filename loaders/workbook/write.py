"""Writing a plan as workbook sheets: the inverse of :func:`loaders.workbook.plan_from_sheets`."""

from __future__ import annotations

import json
from typing import Any

from graphmodel.model import OwnerRole, Plan, slug
from graphmodel.periods import Period
from graphmodel.statuses import BUILTIN_SCALES
from loaders.names import Names, join_cell, with_basis
from loaders.workbook.fields import (
    FIELDS,
    INSPECTION,
    NAMED,
    PLAN_KEYS,
    SHEETS,
)

__all__ = ["plan_to_sheets"]


def _period(period: Period | None) -> str:
    if period is None:
        return ""
    dumped = period.model_dump(mode="json")
    if isinstance(dumped, str) and not dumped.lstrip().startswith("{"):
        return dumped
    value = dumped if isinstance(dumped, dict) else {"text": dumped}
    return json.dumps(value, ensure_ascii=False)


def _out(value: Any, kind: str, names: Names) -> str:
    """A field's value as the text of a cell of ``kind`` (see :data:`FIELDS`)."""
    if value is None:
        return ""
    if kind == "period":
        return _period(value)
    if kind == "enum":
        return str(value.value)
    if kind == "refs":
        return join_cell(value)
    if kind == "links":
        return join_cell(with_basis(str(v), v.basis, v.reason) for v in value)
    if kind == "flag":
        return "yes" if value else ""
    if kind not in NAMED:
        return str(value)
    kinds, role = NAMED[kind], OwnerRole.RESPONSIBLE
    if kind == "owners":
        parties = [(o.party.kind.value, o.party.ref, o.role) for o in value]
        bases = [(o.basis, o.reason) for o in value]
        return names.write_cell(parties, kinds, roles=True, bases=bases)
    elif kind == "parties":
        parties = [(p.kind.value, p.ref, role) for p in value]
    else:
        parties = [(kinds[0], ref, role) for ref in ([value] if isinstance(value, str) else value)]
    return names.write_cell(parties, kinds, roles=kind == "owners")


def _row(entity: Any, sheet: str, names: Names) -> dict[str, str]:
    return {column: _out(getattr(entity, f), kind, names) for f, column, kind in FIELDS[sheet][1]}


def _plan_rows(plan: Plan) -> list[list[str]]:
    scale, inspection = plan.status_scale, plan.inspection
    values = {
        "area": plan.area,
        "title": plan.title,
        "published": _period(plan.published),
        "status_scale": scale.name
        if scale.name in BUILTIN_SCALES and not scale.words
        else json.dumps(scale.model_dump(mode="json"), ensure_ascii=False),
        "id": "" if plan.id == (slug(plan.area) or "plan") else plan.id,
        "source": plan.source or "",
        "note": plan.note or "",
    }
    if inspection is not None:
        values["inspectorates"] = join_cell(inspection.inspectorates)
        for key, name in INSPECTION.items():
            if key != "inspectorates":
                value = getattr(inspection, name or key)
                values[key] = value if isinstance(value, str) else _period(value)
    rows = [["key", "value"]] + [[key, values.get(key) or ""] for key in PLAN_KEYS[0]]
    return rows + [[key, values[key]] for key in PLAN_KEYS[1] if values.get(key)]


def plan_to_sheets(plan: Plan) -> list[tuple[str, list[list[str]]]]:
    """The sheets that write ``plan`` in a fixed order: each a name and rows of text cells,
    the header first. :func:`plan_from_sheets` reads them back as the same plan."""
    names = Names.from_plan(plan)
    objectives = {o.ref: o for o in reversed(plan.objectives)}
    measures = {m.ref: m for m in reversed(plan.measures)}
    records: dict[str, list[dict[str, str]]] = {
        name: [_row(e, name, names) for e in getattr(plan, plural)]
        for name, (plural, _) in FIELDS.items()
        if name not in ("Actions", "Milestones")
    }
    actions = records["Actions"] = []
    for a in plan.actions:
        row = _row(a, "Actions", names) | {"objective_ref": a.objective or ""}
        row["measure_ref"] = join_cell(a.measures)
        if (objective := objectives.get(a.objective or "")) is not None:
            row["objective"] = objective.text
        if len(a.measures) == 1 and (measure := measures.get(a.measures[0])) is not None:
            row |= {"measure": measure.text, "baseline": measure.baseline or ""}
            row["target"] = measure.target or ""
        actions.append(row)
        for m in a.milestones:
            actions.append(_row(m, "Milestones", names) | {"parent_ref": a.ref})
    out = [("Plan", _plan_rows(plan))]
    for name, (contract, extra) in SHEETS.items():
        found = records[name]
        if contract or found:
            columns = [*contract, *(c for c in extra if any(r.get(c) for r in found))]
            out.append((name, [columns, *([r.get(c, "") for c in columns] for r in found)]))
    return out
