"""The audit figures quoted in examples/README.md and examples/notes/*.md, generated.

Each document holds one block per plan between the markers

    <!-- figures:PLAN -->
    ...
    <!-- /figures:PLAN -->

and this script rewrites what is between them from the audit of ``examples/PLAN.yaml`` (and
its coverage on stated links only). Run it after a change to an example or to a query:

    python scripts/example_figures.py          # rewrite the blocks
    python scripts/example_figures.py --check  # exit 1 and name the blocks out of date

``tests/test_example_notes.py`` runs the check, and also reads the figures the prose around
the blocks quotes (coverage counts, rule problems, date conflicts, finishes), so a note
cannot drift from the audit.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from graphmodel import build_graph  # noqa: E402
from loaders import load_plan  # noqa: E402
from queries.audit import AuditReport, audit  # noqa: E402
from queries.basis import inferred_links  # noqa: E402
from queries.coverage import CoverageReport, CoverageStatus, coverage  # noqa: E402

EXAMPLES = ROOT / "examples"
PLANS = ("warrington", "cheshire-east", "wirral", "peterborough", "worcestershire")
DOCUMENTS = (EXAMPLES / "README.md", *(EXAMPLES / "notes" / f"{p}.md" for p in PLANS))
BLOCK = re.compile(r"(<!-- figures:([\w-]+) -->\n)(.*?)(<!-- /figures:\2 -->)", re.S)


@dataclass(frozen=True)
class Figures:
    """What the prose may quote of one plan's audit."""

    report: AuditReport
    stated: CoverageReport
    inferred: Counter[str]

    @property
    def counts(self) -> dict[CoverageStatus, int]:
        return self.report.coverage.counts()


def figures(plan: str) -> Figures:
    """The audit of ``examples/PLAN.yaml``, its coverage on stated links, its inferred links."""
    graph = build_graph(load_plan(EXAMPLES / f"{plan}.yaml"))
    report = audit(graph)
    stated = coverage(graph, stated_only=True)
    return Figures(report, stated, Counter(link.kind for link in inferred_links(graph)))


def _coverage_line(cov: CoverageReport) -> str:
    counts = cov.counts()
    pct = "n/a" if cov.covered_percent is None else f"{cov.covered_percent:.1f}%"
    return (
        f"{counts[CoverageStatus.COVERED]} of {len(cov.findings)} findings covered ({pct}), "
        f"{counts[CoverageStatus.PARTIAL]} partial, {counts[CoverageStatus.UNCOVERED]} uncovered"
    )


def block(plan: str, f: Figures | None = None) -> str:
    """The generated text of ``plan``'s block (a Markdown list)."""
    f = f or figures(plan)
    r = f.report
    cov, cp, ov, gov = r.coverage, r.critical_path, r.overload, r.reporting
    lines = [f"- Coverage: {_coverage_line(cov)}"]
    for h in cov.handled_elsewhere:
        lines.append(f"- Not counted: {h.ref} is handled by {h.handled_by}")
    for d in cov.derived:
        lines.append(f"- Derived by the transcriber, shown apart: {d.ref} ({d.status.value})")
    lines.append(f"- Coverage on stated links only (`--stated-only`): {_coverage_line(f.stated)}")
    for d in f.stated.derived:
        missing = f", missing {', '.join(d.missing)}" if d.missing else ""
        lines.append(f"  (derived {d.ref}: {d.status.value}{missing})")
    inferred = {s.action for s in cp.inferred_steps}
    path = cp.path[0] if cp.path else "no dated actions"
    for ref in cp.path[1:]:
        path += (" ⇢ " if ref in inferred else " → ") + ref
    finish = cp.finish.isoformat() if cp.finish else "none"
    steps = f" ({len(cp.inferred_steps)} of {len(cp.path) - 1} steps inferred)" if inferred else ""
    lines.append(f"- Critical path: finishes {finish} via {path}{steps}")
    conflicts = [
        f"{c.action} ({c.action_due.isoformat()}) before {c.prerequisite} "
        f"({c.prerequisite_due.isoformat()})" + (", inferred" if c.basis == "inferred" else "")
        for c in cp.date_conflicts
    ]
    lines.append(
        f"- Date conflicts: {len(conflicts)}" + (f": {'; '.join(conflicts)}" if conflicts else "")
    )
    flagged = [o for o in (*ov.people, *ov.organisations, *ov.boards) if o.overloaded]
    shown = ", ".join(f"{o.name} ({o.open_actions} open)" for o in flagged) or "nobody"
    lines.append(f"- Overloaded: {shown}")
    sole = [f"{o.name} ({', '.join(o.sole_owner_for)})" for o in ov.people if o.sole_owner_for]
    lines.append(f"- Only owner of a finding: {'; '.join(sole) or 'nobody'}")
    lines.append(
        f"- Reporting: {len(gov.chains)} chains, {len(gov.unreachable)} unreachable, "
        f"{len(gov.cycles)} cycles"
    )
    by_rule = Counter(v.rule.value for v in r.rules)
    rules = ", ".join(f"{k} {n}" for k, n in sorted(by_rule.items()))
    lines.append(f"- Rules: {len(r.rules)} problems" + (f" ({rules})" if rules else ""))
    kinds = {"DEPENDS_ON": "dependencies", "ADDRESSES": "finding links", "OWNED_BY": "owners"}
    links = ", ".join(f"{f.inferred[k]} {name}" for k, name in kinds.items())
    lines.append(f"- Inferred links: {links}")
    lines.append(f"- Verdict: {'passes' if r.passed else 'fails'}")
    return "\n".join(lines) + "\n"


def rewrite(text: str, cache: dict[str, Figures]) -> str:
    """``text`` with every figures block regenerated."""

    def fill(m: re.Match[str]) -> str:
        plan = m.group(2)
        if plan not in cache:
            cache[plan] = figures(plan)
        return m.group(1) + block(plan, cache[plan]) + m.group(4)

    return BLOCK.sub(fill, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    cache: dict[str, Figures] = {}
    stale = []
    for doc in DOCUMENTS:
        text = doc.read_text(encoding="utf-8")
        new = rewrite(text, cache)
        if new != text:
            stale.append(doc.relative_to(ROOT))
            if not check:
                doc.write_text(new, encoding="utf-8")
    if check and stale:
        print("out of date (run python scripts/example_figures.py):", *stale, sep="\n  ")
        return 1
    if not check:
        print(f"rewrote {len(stale)} document(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
