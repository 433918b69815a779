"""The audit as tables for the sheets beside the plan in the tracker workbook.

``actiongraph export --to xlsx`` writes the plan sheets with
:func:`loaders.workbook.xlsx.write_xlsx` and hands it these tables: the loaders may import
only :mod:`graphmodel`, so the audit is turned into plain tables here, where :mod:`queries`
may be imported, and the loaders only lay them out
(:func:`loaders.tracker.add_audit_sheet`). Four sheets, each stating the date of the audit:

* **Coverage** -- one row per finding: its status, what is missing, which actions lack it
  (per requirement), the actions that address it;
* **Overload** -- one row per person or post: open actions, by role, overloaded and why,
  the findings they alone own, their busiest months;
* **Critical path** -- the chain of dependent actions that decides when the plan is done,
  with planned and earliest dates and slack, then every other dated action by slack;
* **Needs attention** -- what a lead should look at first: uncovered and partial findings,
  overloaded and key people, date conflicts, actions past due on the audit date and what
  they hold up, governance that reaches no top board, broken plan rules.

>>> from datetime import date
>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> graph = build_graph(load_plan("examples/teaching.yaml"))
>>> tables = tracker_tables(graph, as_of=date(2025, 6, 1))
>>> [t.name for t in tables]
['Coverage', 'Overload', 'Critical path', 'Needs attention']
>>> tables[0].caption
'Coverage of each finding: audit of 2025-06-01'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graphmodel.graph import nodes_of
from graphmodel.schema import NodeKind, node_id, split_node_id
from queries.audit import AuditReport, audit
from queries.config import AuditConfig
from queries.coverage import REQUIREMENTS, CoverageStatus, FindingCoverage
from queries.links import answerable_owners, due_period, has_measure, owners_of
from queries.path_results import timing_node
from visualise.model import display_name

__all__ = ["Table", "tracker_tables"]

Value = str | int | float | None
_COVERAGE_TONE = {
    CoverageStatus.COVERED: "green",
    CoverageStatus.PARTIAL: "amber",
    CoverageStatus.UNCOVERED: "red",
}
_NEEDS = {"owner": "an owner", "due": "a due date", "measure": "a measure"}
_READ_ONLY = (
    "Read-only: computed from the plan sheets by actiongraph at export. Export again to "
    "bring it up to date; it is not read back."
)


@dataclass(frozen=True)
class Table:
    """One audit sheet: the attributes :class:`loaders.tracker.AuditTable` reads."""

    name: str
    caption: str
    header: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    tones: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tone_column: int = 0


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _refs(refs: list[str]) -> str:
    return ", ".join(refs)


class _Plan:
    """Refs to node ids and the words shown for them."""

    def __init__(self, graph: nx.MultiDiGraph, plan: str) -> None:
        self.graph = graph
        self.prefix = split_node_id(nodes_of(graph, NodeKind.PLAN, plan)[0])[0]

    def node(self, kind: NodeKind, ref: str) -> str:
        return node_id(kind, ref, self.prefix)

    def data(self, nid: str) -> dict[str, object]:
        return dict(self.graph.nodes[nid]) if nid in self.graph else {}

    def owners(self, nid: str) -> str:
        if nid not in self.graph:
            return ""
        return "; ".join(display_name(self.graph, p) for p, _ in owners_of(self.graph, nid))

    def lacking(self, f: FindingCoverage) -> dict[str, list[str]]:
        """Per missing requirement, the addressing actions that lack it (the coverage's own
        ``lacking`` when it has one)."""
        given = getattr(f, "lacking", None)
        if isinstance(given, dict):
            return {str(k): list(v) for k, v in given.items()}
        checks = {
            "owner": lambda a: bool(answerable_owners(self.graph, a)),
            "due": lambda a: due_period(self.graph, a) is not None,
            "measure": lambda a: has_measure(self.graph, a),
        }
        out = {}
        for need in (r for r in REQUIREMENTS if r in f.missing):
            nids = [self.node(NodeKind.ACTION, a) for a in f.actions]
            out[need] = [a for a, n in zip(f.actions, nids, strict=True) if not checks[need](n)]
        return out


def _coverage(report: AuditReport, p: _Plan, when: str) -> Table:
    rows: list[list[Value]] = []
    status = {f.ref: f.status for f in report.coverage.findings}
    for f in report.coverage.findings:
        lacking = "; ".join(f"{need}: {_refs(refs)}" for need, refs in p.lacking(f).items() if refs)
        parts = [c for c in f.children if status.get(c) is not CoverageStatus.COVERED]
        if parts and f.status is not CoverageStatus.COVERED:
            lacking = "; ".join(
                [lacking, f"see {_refs(parts)}"] if lacking else [f"see {_refs(parts)}"]
            )
        missing = ", ".join(f.missing)
        if not f.actions and f.status is not CoverageStatus.COVERED:
            missing = missing or ("see its parts" if f.children else "no action addresses it")
        rows.append([f.ref, f.text, f.status.value, missing, lacking, _refs(f.actions)])
    cov = report.coverage
    counts = cov.counts()
    summary = (
        "No finding to cover."
        if cov.covered_percent is None
        else f"{cov.covered_percent}% covered: {counts[CoverageStatus.COVERED]} covered, "
        f"{counts[CoverageStatus.PARTIAL]} partial, {counts[CoverageStatus.UNCOVERED]} uncovered."
    )
    return Table(
        "Coverage",
        f"Coverage of each finding: audit of {when}",
        ["ref", "finding", "status", "missing", "actions lacking it", "actions"],
        rows,
        [_COVERAGE_TONE[f.status] for f in cov.findings],
        [
            f"{summary} A finding is covered when an action addressing it has an owner, "
            "a due date and a measure.",
            _READ_ONLY,
        ],
        tone_column=2,
    )


def _overload(report: AuditReport, when: str) -> Table:
    ov = report.overload
    roles = sorted({role for o in ov.people for role in o.by_role})
    order = ["responsible", "accountable", "involved"]
    roles = [r for r in order if r in roles] + [r for r in roles if r not in order]
    rows: list[list[Value]] = []
    tones: list[str | None] = []
    for o in sorted(ov.people, key=lambda o: (-o.open_actions, o.name)):
        window = ""
        if o.busiest_window is not None:
            first, last, n = o.busiest_window
            window = f"{n} due in {first}" + ("" if first == last else f" to {last}")
        rows.append(
            [
                o.name,
                o.post or "",
                o.organisation or "",
                o.open_actions,
                *(o.by_role.get(r, 0) for r in roles),
                "yes" if o.overloaded else "no",
                "; ".join(o.reasons),
                _refs(o.sole_owner_for),
                window,
                _refs(o.actions),
            ]
        )
        tones.append("red" if o.overloaded else ("amber" if o.sole_owner_for else None))
    rule = ov.rule
    return Table(
        "Overload",
        f"Open actions per person: audit of {when}",
        [
            *("person", "post", "organisation", "open actions"),
            *(f"as {r}" for r in roles),
            *("overloaded", "reasons", "sole owner of findings", "busiest months", "actions"),
        ],
        rows,
        tones,
        [
            f"{ov.total_open} open actions. Overloaded: {rule.max_open} or more open actions, "
            f"or {rule.max_share:.0%} or more of them (counted from {rule.min_open_for_share})"
            + (
                f", or {rule.max_in_window} or more due in three months."
                if rule.max_in_window is not None
                else "."
            ),
            _READ_ONLY,
        ],
    )


def _critical_path(report: AuditReport, p: _Plan, when: str) -> Table:
    cp = report.critical_path
    on_path = set(cp.path)
    others = sorted(
        (t for t in cp.timings.values() if t.ref not in on_path and t.slack_days is not None),
        key=lambda t: (t.slack_days or 0, t.earliest_finish or date.max),
    )
    rows: list[list[Value]] = []
    tones: list[str | None] = []
    for step, timing in [
        *((i + 1, cp.timings[r]) for i, r in enumerate(cp.path)),
        *((None, t) for t in others),
    ]:
        nid = timing_node(p.graph, p.prefix, timing)
        data = p.data(nid)
        start, due = data.get("start"), data.get("due")
        rows.append(
            [
                step,
                timing.ref,
                str(data.get("text") or ""),
                p.owners(nid),
                str(start or ""),
                str(due or ""),
                _iso(timing.earliest_finish),
                _iso(timing.latest_finish),
                timing.slack_days,
                str(data.get("status") or ""),
            ]
        )
        tones.append("red" if step is not None else None)
    finish = _iso(cp.finish) or "unknown"
    notes = [
        f"The plan finishes {finish}"
        + (f" through {len(cp.path)} dependent actions (rows with a step)." if cp.path else "."),
    ]
    if not cp.path:
        notes[0] += " No action depends on another, so no chain decides it."
    notes += [f"Date conflict: {c.message}." for c in cp.date_conflicts]
    notes += ["Dependency cycle: " + " → ".join([*c, c[0]]) for c in cp.cycles]
    notes.append(_READ_ONLY)
    return Table(
        "Critical path",
        f"Critical path: audit of {when}",
        [
            *("step", "ref", "action", "owners", "start", "due", "earliest finish"),
            *("latest finish", "slack (days)", "status"),
        ],
        rows,
        tones,
        notes,
        tone_column=1,
    )


def _attention(report: AuditReport, when: str) -> Table:
    rows: list[list[Value]] = []
    tones: list[str | None] = []

    def add(what: str, ref: str, detail: str, tone: str) -> None:
        rows.append([what, ref, detail])
        tones.append(tone)

    for f in report.coverage.findings:
        if f.status is CoverageStatus.UNCOVERED:
            add("uncovered finding", f.ref, f.text, "red")
    for f in report.coverage.findings:
        if f.status is CoverageStatus.PARTIAL:
            lack = " and ".join(_NEEDS.get(m, m) for m in f.missing) or "parts"
            add("partly covered finding", f.ref, f"its actions lack {lack}: {f.text}", "amber")
    late = report.overdue
    if late is not None:
        for ref in late.overdue:
            held = [a for a, by in late.held_up.items() if ref in by]
            detail = f"past due on {_iso(late.as_of)}"
            add("past due", ref, detail + (f"; holds up {_refs(held)}" if held else ""), "red")
    for c in report.critical_path.date_conflicts:  # a due or a start, stated or inferred
        add("date conflict", c.action, c.message, "amber")
    for cycle in report.critical_path.cycles:
        add("dependency cycle", cycle[0], " → ".join([*cycle, cycle[0]]), "red")
    for o in report.overload.overloaded:
        add("overloaded", o.name, "; ".join(o.reasons), "red")
    for o in report.overload.key_people:
        add("sole owner", o.name, f"the only owner of {_refs(o.sole_owner_for)}", "amber")
    for ref in report.reporting.unreachable:
        add("reaches no top board", ref, "its reporting chain ends before the top board", "amber")
    for cycle in report.reporting.cycles:
        add("reporting cycle", cycle[0], " → ".join([*cycle, cycle[0]]), "red")
    for v in report.rules:
        add(f"rule {v.rule.value}", v.ref, v.message, "amber")
    notes = ["Nothing needs attention."] if not rows else []
    return Table(
        "Needs attention",
        f"Needs attention: audit of {when}",
        ["what", "ref", "detail"],
        rows,
        tones,
        [*notes, _READ_ONLY],
    )


def audit_tables(graph: nx.MultiDiGraph, report: AuditReport) -> list[Table]:
    """The audit sheets of ``report`` (an audit of ``graph``), in the order they are shown."""
    when = _iso(report.as_of) or "unknown date"
    p = _Plan(graph, report.plan)
    return [
        _coverage(report, p, when),
        _overload(report, when),
        _critical_path(report, p, when),
        _attention(report, when),
    ]


def tracker_tables(
    graph: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    as_of: date,
    config: AuditConfig | None = None,
) -> list[Table]:
    """Audit ``plan`` of ``graph`` on ``as_of`` (with ``config``'s thresholds) and return
    its sheets: Coverage, Overload, Critical path and Needs attention."""
    return audit_tables(graph, audit(graph, plan, config=config, as_of=as_of))
