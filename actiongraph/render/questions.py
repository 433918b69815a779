"""Documents for the four questions and the audit: what a reader sees, in the words of the
plan. Each function turns one typed result into a :class:`Document`; nothing is computed
here that the library did not already answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from actiongraph.render.document import Document, Section, Table
from graphmodel.schema import NodeKind
from graphmodel.serialise import JsonResult, json_meta

if TYPE_CHECKING:
    from queries.audit import AuditReport, Failure
    from queries.coverage import CoverageReport, CoverageStatus, FindingCoverage
    from queries.critical_path import CriticalPath, DateConflict, Overdue, SlipImpact, Timing
    from queries.overload import OverloadReport
    from queries.reporting import Chain, Governance, Route
    from queries.rules import PlanRules


def _d(value: date | None) -> str:
    return value.isoformat() if value is not None else "-"


def _short(text: str, limit: int | None = 70) -> str:
    """``text`` on one line, cut to ``limit`` characters (None: whole)."""
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _chain(refs: Sequence[str], limit: int = 6) -> str:
    if not refs:
        return "no dated actions"
    if len(refs) <= limit:
        return " → ".join(refs)
    return " → ".join([*refs[:2], "…", *refs[-2:]]) + f" ({len(refs)} steps)"


def _path(cp: CriticalPath, limit: int | None = None) -> str:
    """The path's refs joined by ``→``, or ``⇢`` where the step rests on an inferred
    dependency (shortened like :func:`_chain` past ``limit`` steps)."""
    refs = cp.path
    if not refs:
        return "no dated actions"
    inferred = {(s.prerequisite, s.action) for s in cp.inferred_steps}
    if limit is not None and len(refs) > limit:
        return _chain(refs, limit)
    out = refs[0]
    for before, ref in pairwise(refs):
        out += (" ⇢ " if (before, ref) in inferred else " → ") + ref
    return out


def _inferred_note(cp: CriticalPath) -> str | None:
    if not cp.inferred_steps or not cp.path:
        return None
    return f"{len(cp.inferred_steps)} of {len(cp.path) - 1} step(s) inferred (⇢), not stated"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _refs(refs: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


# --- coverage ----------------------------------------------------------------------------


def coverage_sections(report: CoverageReport, *, full: bool = False) -> list[Section]:
    """The coverage table; ``full`` keeps every text whole (Markdown), else cut to fit."""
    cut = None if full else 60
    counts = report.counts()
    total = sum(counts.values())
    covered, partial, uncovered = (counts.get(s, 0) for s in _statuses())
    head = (
        f"{covered} of {total} findings covered ({_pct(report.covered_percent)}), "
        f"{partial} partial, {uncovered} uncovered"
    )
    by_ref = {f.ref: f for f in (*report.findings, *report.derived)}
    rows = [
        [
            f.ref,
            f.status.value,
            _short(f.text, cut),
            _refs(f.actions or _below(f, by_ref), 6) or "-",
            _links(f, by_ref),
            ", ".join(f.missing) or "-",
            to_fix(f),
        ]
        for f in report.findings
    ]
    after = []
    if report.stated_only:
        after.append(
            "Stated links only: addressed findings and owners marked inferred are left out"
        )
    for f in report.findings:
        after += [
            f"Inferred link: {a} addresses {f.ref} ({reason or 'no reason given'})"
            for a, reason in f.inferred.items()
        ]
    for h in report.handled_elsewhere:
        acted = f"; addressed here by {_refs(h.actions, 6)}" if h.actions else ""
        after.append(
            f"Not counted: {h.ref} is handled by {h.handled_by}{acted}: {_short(h.text, 50)}"
        )
    for f in report.derived:
        after.append(
            f"Derived by the transcriber, shown apart (not counted): {f.ref} {f.status.value}"
            + (f" (missing {', '.join(f.missing)})" if f.missing else "")
            + f": {_short(f.text, 50)}"
        )
    if report.scope_drift:
        after.append(f"Actions addressing no finding (scope drift): {_refs(report.scope_drift)}")
    for gap in report.measure_gaps:
        after.append(
            f"Measure {gap.ref} has no {' and no '.join(gap.missing)}: {_short(gap.text, cut)}"
        )
    sections = [
        Section(
            "Coverage",
            [head],
            Table(["finding", "status", "text", "actions", "link", "missing", "to fix"], rows),
            after,
        )
    ]
    if report.priorities:
        prow = [
            [
                p.ref,
                _short(p.title, None if full else 50),
                str(p.findings),
                str(p.covered),
                _pct(p.percent),
            ]
            for p in report.priorities
        ]
        sections.append(
            Section(
                "Coverage by priority",
                [],
                Table(["priority", "title", "findings", "covered", "%"], prow),
            )
        )
    return sections


def _below(f: FindingCoverage, by_ref: dict[str, FindingCoverage]) -> list[str]:
    """The actions reaching ``f`` through its child findings (at any depth), each once."""
    found: dict[str, None] = {}
    todo, seen = list(f.children), set(f.children)
    while todo:
        child = by_ref.get(todo.pop(0))
        if child is None:
            continue
        found.update(dict.fromkeys(child.actions))
        todo += [c for c in child.children if c not in seen]
        seen.update(child.children)
    return list(found)


def _links(f: FindingCoverage, by_ref: dict[str, FindingCoverage]) -> str:
    """The kinds of link used by ``f``'s own actions, each marked inferred when one rests on
    an inferred address; ``via`` the child findings with actions when it has none itself."""
    kinds = sorted(
        {link.value + (" (inferred)" if a in f.inferred else "") for a, link in f.links.items()}
    )
    if not kinds:
        reached = [c for c in f.children if c in by_ref and _reached(by_ref[c], by_ref)]
        return f"via {_refs(reached, 4)}" if reached else "-"
    return ", ".join(kinds)


def _reached(f: FindingCoverage, by_ref: dict[str, FindingCoverage]) -> bool:
    return bool(f.actions or _below(f, by_ref))


def to_fix(f: FindingCoverage, limit: int = 4) -> str:
    """What to fix for a finding: the actions lacking each requirement, the children nothing
    reaches, or why it is uncovered."""
    parts = [f"no {r}: {_refs(refs, limit)}" for r, refs in f.lacking.items()]
    if f.uncovered_children:
        parts.append(f"nothing reaches {_refs(f.uncovered_children, limit)}")
    if f.why:
        parts.append(f.why)
    return "; ".join(parts) or "-"


def _statuses() -> list[CoverageStatus]:
    from queries.coverage import CoverageStatus

    return [CoverageStatus.COVERED, CoverageStatus.PARTIAL, CoverageStatus.UNCOVERED]


def coverage_document(report: CoverageReport, *, full: bool = False) -> Document:
    return Document(f"Coverage of {report.plan}", coverage_sections(report, full=full))


# --- critical path -----------------------------------------------------------------------


def conflict_text(c: DateConflict) -> str:
    """A date conflict with both written dates, in a sponsor's words."""
    return f"Date conflict: {c.message}"


def _written(t: Timing) -> str:
    start, due = t.start_written, t.due_written
    if start and due:
        return f"{start} → {due}"
    return due or (f"from {start}" if start else "-")


def critical_path_sections(cp: CriticalPath, *, full: bool = False) -> list[Section]:
    """The critical path; ``full`` keeps every text whole (Markdown), else cut to fit."""
    scope = f" to finding {cp.to}" if cp.to else ""
    if cp.to and len(cp.findings) > 1:
        scope += f" (with {', '.join(cp.findings[1:])})"
    summary = _path(cp) if cp.path else cp.summary
    if cp.path and len(cp.tied) > 1:
        summary += f" ({len(cp.tied)} chains tie: " + "; ".join(" → ".join(c) for c in cp.tied)
        summary += ")"
    lines = [f"Finishes {_d(cp.finish)}{scope}: {summary}"]
    if (note := _inferred_note(cp)) is not None:
        lines.append(note.capitalize() + "; the document states no such order")
    if cp.stated_only:
        lines.append("Stated dependencies only: inferred ones are left out")
    lines += [f"Finishes after every written due date because {r}" for r in cp.finish_reasons]
    inferred = {s.action: s for s in cp.inferred_steps}
    steps = cp.path or (cp.latest_due if not cp.dependencies else [])
    rows = []
    for i, ref in enumerate(steps):
        t = cp.timings[ref]
        rows.append(
            [
                ref,
                "-" if i == 0 or not cp.path else "inferred" if ref in inferred else "stated",
                _short(t.text, None if full else 50) or t.kind.value,
                _written(t),
                _d(t.earliest_start),
                _d(t.earliest_finish),
                "-" if t.slack_days is None else str(t.slack_days),
            ]
        )
    after = [
        f"Inferred step: {s.action} waits for {s.prerequisite} ({s.reason or 'no reason given'})"
        for s in cp.inferred_steps
    ]
    after += [conflict_text(c) for c in cp.date_conflicts]
    after += cancelled_waits(cp)
    for r in cp.milestones_reordered:
        after.append(
            f"Milestones of {r.action} sequenced by date ({', '.join(r.by_date)}); "
            f"listed as {', '.join(r.listed)}"
        )
    for cycle in cp.cycles:
        after.append("Dependency cycle: " + " → ".join([*cycle, cycle[0]]))
    if cp.undated:
        after.append(f"No dated finish (counted as zero length): {_refs(cp.undated)}")
    table = Table(
        [
            *("step", "dependency", "action", "written"),
            *("earliest start", "earliest finish", "slack"),
        ],
        rows,
    )
    return [Section("Critical path", lines, table, after)]


def cancelled_waits(cp: CriticalPath) -> list[str]:
    """One line per action that depends on cancelled actions, which gate nothing."""
    return [
        f"{ref} waits on cancelled {_refs(gone)}: not scheduled, gates nothing"
        for ref, gone in cp.waits_on_cancelled.items()
    ]


@dataclass(frozen=True)
class ScheduleView(JsonResult):
    """What ``critical-path`` shows: the path, and overdue actions or slips when asked. In
    JSON, the critical path's keys, then ``overdue`` and ``slip`` when asked."""

    path: CriticalPath = field(metadata=json_meta(inline=True))
    overdue: Overdue | None = field(default=None, metadata=json_meta(omit_empty=True))
    slip: SlipImpact | None = field(default=None, metadata=json_meta(omit_empty=True))


def schedule_document(view: ScheduleView, *, full: bool = False) -> Document:
    sections = critical_path_sections(view.path, full=full)
    if view.overdue is not None:
        sections.append(overdue_section(view.overdue))
    if view.slip is not None:
        sections.append(slip_section(view.slip))
    return Document(f"Critical path of {view.path.plan}", sections)


def overdue_section(late: Overdue) -> Section:
    rows = [[ref, ", ".join(by)] for ref, by in late.held_up.items()]
    lines = [
        f"As of {_d(late.as_of)}: {len(late.overdue)} open actions past due: "
        + (_refs(late.overdue) or "none")
    ]
    return Section("Overdue", lines, Table(["held up", "by overdue"], rows))


def slip_section(impact: SlipImpact) -> Section:
    slips = ", ".join(f"{ref} by {by}" for ref, by in impact.slips.items())
    before, after_finish = impact.finish
    if before == after_finish:
        lines = [f"If {slips}: the plan still finishes {_d(before)}"]
    else:
        lines = [f"If {slips}: the plan finishes {_d(after_finish)} instead of {_d(before)}"]
    rows = [[ref, _d(old), _d(new)] for ref, (old, new) in impact.moved.items()]
    after = [
        f"{ref} does not move: its last milestone moves, but it already finishes {_d(day)}"
        for ref, day in impact.unmoved.items()
    ]
    after += [
        f"{ref} has no date to move (no due period, and no prerequisite that gives one): "
        "its slip moves nothing"
        for ref in impact.undated
    ]
    after += [
        f"Finding {ref} now finishes {_d(new)} (was {_d(old)})"
        for ref, (old, new) in impact.findings_later.items()
    ]
    return Section("Slip", lines, Table(["moves", "was", "now"], rows), after)


# --- overload ----------------------------------------------------------------------------


def _window(window: tuple[str, str, int] | None) -> str:
    """``("2025-03", "2025-05", 2)`` -> ``"2 in Mar-May 2025"``."""
    if window is None:
        return "-"
    first, last, count = window
    a, b = date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01")
    span = f"{a:%b}-{b:%b %Y}" if a.year == b.year else f"{a:%b %Y}-{b:%b %Y}"
    return f"{count} in {span}"


def _roles(by_role: dict[str, int]) -> str:
    """``{"responsible": 2, "accountable": 1, "involved": 0}`` -> ``"2 resp, 1 acc"``."""
    short = {"responsible": "resp", "accountable": "acc", "involved": "inv"}
    return ", ".join(f"{n} {short.get(r, r)}" for r, n in by_role.items() if n) or "-"


def _rule(report: OverloadReport) -> str:
    rule = report.rule
    text = (
        f"{rule.max_open}+ open actions, or {rule.max_share * 100:.0f}%+ of all open actions "
        f"from {rule.min_open_for_share} up"
    )
    if rule.max_in_window is not None:
        text += f", or {rule.max_in_window}+ due in one three-month window"
    return text + f"; counting {' and '.join(rule.count_roles)} ownership"


def overload_sections(report: OverloadReport) -> list[Section]:
    flagged = [o for o in (*report.people, *report.organisations, *report.boards) if o.overloaded]
    lines = [
        f"{report.total_open} open actions; {len(flagged)} owner(s) overloaded "
        f"(rule: {_rule(report)})"
    ]
    rows = []
    for o in (*report.people, *report.organisations, *report.boards):
        if not o.open_actions and not o.sole_owner_for:
            continue
        rows.append(
            [
                o.name,
                o.kind.value,
                f"{o.counted_actions} counted ({_roles(o.by_role)})",
                _pct(o.share),
                str(len(o.priorities)),
                _window(o.busiest_window),
                _refs(o.critical_actions, 4) or "-",
                _refs(o.sole_owner_for, 4) or "-",
                "YES" if o.overloaded else "",
            ]
        )
    after = [f"{o.name} is overloaded: {'; '.join(o.reasons)}" for o in flagged]
    after += written_twice_lines(report)
    if report.unowned_open:
        after.append(f"Open actions with no owner: {_refs(report.unowned_open)}")
    headers = [
        "owner",
        "kind",
        "open by role",
        "share",
        "priorities",
        "busiest 3 months",
        "critical",
        "sole owner of",
        "overloaded",
    ]
    sections = [Section("Overload", lines, Table(headers, rows), after)]
    if report.balance:
        brow = [[b.name, b.kind, str(b.actions), _pct(b.percent)] for b in report.balance]
        sections.append(
            Section(
                "Balance between partners",
                [],
                Table(["organisation", "kind", "actions", "share"], brow),
            )
        )
    return sections


def written_twice_lines(report: OverloadReport) -> list[str]:
    """A line for each group of people who may be one person written two ways."""
    return [
        " and ".join(f"{o.name} ({o.ref})" for o in group)
        + " may be one person written two ways: their actions and sole ownership are counted"
        " apart; keep one record and put the other spelling under its aliases"
        for group in report.written_twice
    ]


def overload_document(report: OverloadReport) -> Document:
    return Document(f"Overload in {report.plan}", overload_sections(report))


# --- reporting ---------------------------------------------------------------------------


def route_text(route: Route) -> str:
    parts = []
    for step in route.steps:
        extra = []
        if step.chair:
            extra.append(f"chair {step.chair}")
        if step.cadence:
            extra.append(step.cadence.replace("_", "-"))
        parts.append(step.name + (f" ({', '.join(extra)})" if extra else ""))
    text = " → ".join(parts)
    if route.latency_days is not None:
        text += f"  [news reaches the top within {route.latency_days} days]"
    elif route.unknown_cadence:
        unknown = ", ".join(route.unknown_cadence)
        known = f"at least {route.known_days} days; " if route.known_days else ""
        text += f"  [{known}cadence unknown for {unknown}]"
    if not route.reaches_top:
        text += "  [reaches no top board]"
    return text


def _reporting_reach(gov: Governance) -> str:
    """How many chains reach which top boards, in words a board reads without a count of
    nothing: ``3 chain(s) to Health and Wellbeing Board``, ``5 of 11 chain(s) to Health and
    Wellbeing Board`` (the other six reach no top board), ``no boards or priorities``."""
    if not gov.chains:
        return "no boards or priorities"
    reaching = sum(c.reaches_top for c in gov.chains)
    if not reaching:
        return f"{len(gov.chains)} chain(s), none reaching a top board"
    of = f"{reaching} of " if reaching < len(gov.chains) else ""
    return f"{of}{len(gov.chains)} chain(s) to {', '.join(t.name for t in gov.tree)}"


def chain_document(chain: Chain) -> Document:
    lines = [route_text(r) for r in chain.routes] or ["reports to nothing"]
    if chain.truncated:
        lines.append("(more routes not shown)")
    start = f"{chain.kind.value} {chain.start}"
    name = chain.routes[0].steps[0].name if chain.routes and chain.routes[0].steps else ""
    if chain.kind is not NodeKind.ACTION and name and name != chain.start:
        start += f" ({name})"  # a person asked for by name is not only their ref
    return Document(f"Reporting chain from {start}", [Section("Chain", lines)])


def governance_sections(gov: Governance) -> list[Section]:
    lines = [f"Top board(s): {', '.join(t.name for t in gov.tree) or 'none'}"]
    if not gov.chains:
        lines.append("The plan names no boards or priorities: nothing says who reports to whom")
    rows = [
        [c.start, c.kind.value, route_text(c.routes[0]) if c.routes else "reports to nothing"]
        for c in gov.chains
    ]
    after = []
    if gov.unreachable:
        after.append(f"Reaching no top board: {_refs(gov.unreachable)}")
    for cycle in gov.cycles:
        after.append("Reporting cycle: " + " → ".join([*cycle, cycle[0]]))
    return [
        Section("Reporting chains", lines, Table(["from", "kind", "route (slowest)"], rows), after)
    ]


def governance_document(gov: Governance) -> Document:
    return Document(f"Governance of {gov.plan}", governance_sections(gov))


def as_of_line(as_of: date | None) -> str:
    """What date the dated rules were judged on, if any."""
    return f"as of {as_of.isoformat()}" if as_of else "no --as-of: the dated rules not checked"


def rules_document(found: PlanRules) -> Document:
    """The plan rules' violations of one plan: the rule and the message (which names what
    and where)."""
    when = as_of_line(found.as_of)
    counts = ", ".join(f"{rule} {n}" for rule, n in found.counts().items())
    lines = [f"{len(found.violations)} problem(s); {when}", *([counts] if counts else [])]
    rows = [[v.rule.value, v.message] for v in found.violations]
    return Document(
        f"Plan rules of {found.plan}",
        [Section("Rule problems", lines, Table(["rule", "problem"], rows))],
    )


# --- audit -------------------------------------------------------------------------------


SHOWN = 5
"""How many of each kind of problem the audit summary lists before "and N more"."""


def _load_problem(problem: Any, full: bool) -> str:
    """A load warning with what and where first; in the summary its message ends at the
    first clause (the whole advice is in ``validate`` and ``--detail``)."""
    if full:
        return str(problem)
    place = str(problem.place)  # the file is the plan audited: its place says enough
    where = problem.file or "<plan>"
    if place:
        where = place if problem.place.sheet is not None else f"line {place}"
    what = f" {problem.field}={problem.value!r}" if problem.field and problem.value else ""
    first = re.split(r"(?<=[;.])\s", problem.message, maxsplit=1)[0].rstrip(";.")
    return f"[{problem.code}]{what} at {where}: {first}"


def _cut(lines: list[str], what: str, limit: int | None) -> list[str]:
    """``lines``, the first ``limit`` of them and a count of the rest (None: all)."""
    if limit is None or len(lines) <= limit:
        return lines
    return [*lines[:limit], f"... and {len(lines) - limit} more {what} (--detail shows all)"]


def _attention(report: AuditReport, *, limit: int | None = SHOWN, full: bool = False) -> Section:
    """What a sponsor must look at: ``limit`` of each kind (None: all) with a count of the
    rest; texts cut to a line unless ``full``."""
    from queries.coverage import CoverageStatus

    cut = None if full else 70
    lines = []
    if not report.findings:
        lines.append("The plan has no findings: there is nothing for its actions to answer")
    if not report.actions:
        lines.append("The plan has no actions: nothing answers its findings")
    lines += _cut(
        [_load_problem(p, full or limit is None) for p in report.load_problems],
        "load problems",
        limit,
    )
    lines += [
        f"Handled by {h.handled_by}, not counted here: {h.ref}"
        for h in report.coverage.handled_elsewhere
    ]
    findings = report.coverage.findings
    lines += _cut(
        [
            f"Uncovered {f.ref} ({f.why}): {_short(f.text, cut)}"
            for f in findings
            if f.status is CoverageStatus.UNCOVERED
        ],
        "uncovered findings",
        limit,
    )
    lines += _cut(
        [
            f"Partial {f.ref} ({to_fix(f)}): {_short(f.text, cut)}"
            for f in findings
            if f.status is CoverageStatus.PARTIAL
        ],
        "partial findings",
        limit,
    )
    lines += _cut(
        [
            f"{f.status.value.capitalize()} {f.ref} (derived, not counted; {to_fix(f)}): "
            f"{_short(f.text, cut)}"
            for f in report.coverage.derived
            if f.status is not CoverageStatus.COVERED
        ],
        "derived findings not covered",
        limit,
    )
    ov, cp, gov = report.overload, report.critical_path, report.reporting
    lines += _cut(
        [f"Overloaded {o.name}: {'; '.join(o.reasons)}" for o in ov.overloaded],
        "overloaded owners",
        limit,
    )
    lines += _cut(
        [f"Only owner of {_refs(o.sole_owner_for, 4)}: {o.name}" for o in ov.key_people],
        "sole owners",
        limit,
    )
    lines += _cut(written_twice_lines(ov), "people who may be written twice", limit)
    lines += _cut([conflict_text(c) for c in cp.date_conflicts], "date conflicts", limit)
    lines += _cut(
        [f"Finishes after every written due date: {r}" for r in cp.finish_reasons],
        "reasons for a late finish",
        limit,
    )
    lines += _cut(cancelled_waits(cp), "waits on cancelled actions", limit)
    lines += _cut(
        [f"Dependency cycle: {' → '.join([*c, c[0]])}" for c in cp.cycles], "cycles", limit
    )
    lines += _cut(
        [f"Reporting cycle: {' → '.join([*c, c[0]])}" for c in gov.cycles], "cycles", limit
    )
    if (late := report.overdue) is not None and late.overdue:
        # the overdue actions hold each other up too: "more" counts only the others
        more = [ref for ref in late.held_up if ref not in late.overdue]
        lines.append(
            f"Past due on {_d(late.as_of)}: {_refs(late.overdue, 6)}"
            + (f" (holding up {len(more)} more)" if more else "")
        )
    if gov.unreachable:
        lines.append(f"Reaching no top board: {_refs(gov.unreachable)}")
    lines += _cut([v.message for v in report.rules], "rule problems", limit)
    return Section("Needs attention", lines or ["Nothing."], one_line=limit is not None)


def audit_document(report: AuditReport, *, detail: bool = False, full: bool = False) -> Document:
    """The one-screen summary a sponsor reads; with ``detail``, every item that needs
    attention and every question in full; ``full`` keeps texts whole (Markdown)."""
    cov, cp, ov, gov = report.coverage, report.critical_path, report.overload, report.reporting
    counts = cov.counts()
    covered, partial, uncovered = (counts.get(s, 0) for s in _statuses())
    flagged = [o for o in (*ov.people, *ov.organisations, *ov.boards) if o.overloaded]
    key_people = [o for o in ov.people if o.sole_owner_for]
    slowest = max(
        (r.latency_days for c in gov.chains for r in c.routes if r.latency_days is not None),
        default=None,
    )
    summary = [
        f"Coverage:      {covered} of {len(cov.findings)} findings covered "
        f"({_pct(cov.covered_percent)}), {partial} partial, {uncovered} uncovered"
        + "".join(
            f"; {h.ref} handled by {h.handled_by} (not counted)" for h in cov.handled_elsewhere
        )
        + (
            f"; derived by the transcriber, shown apart: {_refs([f.ref for f in cov.derived])}"
            if cov.derived
            else ""
        ),
        f"Critical path: finishes {_d(cp.finish)} "
        + (
            f"via {_path(cp, 6)}{f' ({len(cp.tied)} chains tie)' if cp.tied else ''}; "
            if cp.path
            else f"({cp.summary}); "
        )
        + (f"{note}; " if (note := _inferred_note(cp)) else "")
        + f"{len(cp.date_conflicts)} date conflict(s), {len(cp.cycles)} dependency cycle(s)",
        f"Overload:      {len(flagged)} owner(s) overloaded"
        + (f" ({', '.join(o.name for o in flagged[:3])})" if flagged else "")
        + f"; {len(key_people)} person/post(s) sole owner of a finding",
        f"Reporting:     {_reporting_reach(gov)}; "
        f"{len(gov.unreachable)} unreachable, {len(gov.cycles)} cycle(s)"
        + (f"; slowest news takes {slowest} days to reach the top" if slowest is not None else ""),
        f"Rules:         {len(report.rules)} problem(s)"
        + (
            f"; {len(report.load_problems)} load warning(s) (names created, statuses or "
            "dates not read)"
            if report.load_problems
            else ""
        ),
    ]
    when = f" as of {_d(report.as_of)}" if report.as_of else ""
    title = f"Audit of {report.area}: {report.title}{when}"
    sections = [
        Section("Summary", summary),
        _attention(report, limit=None if detail else SHOWN, full=full),
    ]
    if detail:
        sections += coverage_sections(cov, full=full)
        sections += critical_path_sections(cp, full=full)
        if report.overdue is not None:
            sections.append(overdue_section(report.overdue))
        sections += overload_sections(ov)
        sections += governance_sections(gov)
    checks = ", ".join(sorted(c.value for c in report.config.fail_on)) or "nothing"
    if report.passed:
        footer = [f"PASSED (fails on: {checks})"]
    else:
        footer = [
            "FAILED: "
            + "; ".join(failure_text(report, f) for f in report.failures)
            + f" (fails on: {checks})"
        ]
    return Document(title, sections, footer)


def failure_text(report: AuditReport, failure: Failure) -> str:
    """A failed check in the verdict line: how many and which; cycles counted as cycles,
    each with its members (the JSON ``count`` stays the number of refs)."""
    from queries.config import FailOn

    if failure.check is FailOn.CYCLE:
        found = [*report.critical_path.cycles, *report.reporting.cycles]
        if found:
            shown = "; ".join(" → ".join(c) for c in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            return f"{len(found)} cycle{'s' if len(found) > 1 else ''} ({shown}{more})"
    return f"{failure.count} {failure.check.value} ({_refs(failure.refs, 5)})"
