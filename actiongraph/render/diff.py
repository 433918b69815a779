"""Documents for ``actiongraph diff`` and ``actiongraph history`` (text and Markdown)."""

from __future__ import annotations

from collections.abc import Sequence

from actiongraph.render.document import Document, Section, Table
from queries.diff import DiffCheck, PlanDiff
from queries.history import STATUS_KEYS, History


def _value(value: str | list[str] | None) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "; ".join(value) if value else "(none)"
    return value


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def _short(text: str, width: int = 60) -> str:
    """An entity's text in a note: whole, or cut at a word with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def diff_sections(diff: PlanDiff) -> list[Section]:
    """What changed, then what it does to the answers (shared with the report)."""
    sections = []
    later = {(m.kind, m.ref, "due") for m in diff.moved_later}
    entities = (
        [[e.kind.value, e.ref, "added", _short(e.text)] for e in diff.added]
        + [[e.kind.value, e.ref, "removed", _short(e.text)] for e in diff.removed]
        + [
            [r.kind.value, r.new, "renamed", f"was {r.old} ({r.similarity:.0%} alike)"]
            for r in diff.renamed
        ]
    )
    if entities:
        sections.append(
            Section(
                "Added, removed, renamed", table=Table(["kind", "ref", "what", "note"], entities)
            )
        )
    if diff.changed:
        rows = [
            [
                c.kind.value,
                c.ref,
                c.field + (" (later)" if (c.kind, c.ref, c.field) in later else ""),
                _value(c.old),
                _value(c.new),
            ]
            for c in diff.changes_named
        ]
        sections.append(
            Section("Changed", table=Table(["kind", "ref", "field", "old", "new"], rows))
        )
    effect = [
        f"Coverage: {_pct(diff.coverage_old)} -> {_pct(diff.coverage_new)}",
        f"Finish:   {diff.finish_old or 'unknown'} -> {diff.finish_new or 'unknown'}"
        + ("" if diff.finish_old != diff.finish_new else " (unchanged)"),
    ]
    if diff.overloaded_new:
        effect.append(f"Now overloaded: {_names(diff.overloaded_new)}")
    if diff.overloaded_old:
        effect.append(f"No longer overloaded: {_names(diff.overloaded_old)}")
    if diff.unreachable_new:
        effect.append(f"Newly reach no top board: {_names(diff.unreachable_new)}")
    if diff.unreachable_old:
        effect.append(f"Reach a top board again: {_names(diff.unreachable_old)}")
    table = None
    if diff.coverage_findings:
        table = Table(
            ["finding", "old", "new"],
            [[c.ref, c.old or "(absent)", c.new or "(absent)"] for c in diff.coverage_findings],
        )
    sections.append(Section("Effect on the answers", effect, table=table))
    if diff.rules:
        sections.append(Section("Statuses to look at again", [r.message for r in diff.rules]))
    return sections


def diff_document(diff: PlanDiff, failures: dict[DiffCheck, list[str]] | None = None) -> Document:
    old, new = diff.old, diff.new
    title = (
        f"Changes in {new.title or new.plan}: {old.published or 'the old version'} -> "
        f"{new.published or 'the new version'}"
    )
    if diff.is_empty:
        return Document(title, [Section("No changes", ["The two versions are the same."])])
    counts = (
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.renamed)} renamed, "
        f"{len(diff.changed)} field change(s), {len(diff.moved_later)} due date(s) moved later"
    )
    footer = [counts]
    for check, refs in (failures or {}).items():
        footer.append(f"FAILED {check.value}: {', '.join(refs)}")
    return Document(title, diff_sections(diff), footer)


def history_document(history: History) -> Document:
    """Two tables (the figures, then actions per status) and the status rules of the
    newest version."""
    rows = [
        [
            v.label,
            v.when.isoformat() if v.when else "",
            _pct(v.covered_percent),
            str(v.open_actions),
            "" if v.overdue is None else str(v.overdue),
            v.finish.isoformat() if v.finish else "unknown",
            str(v.slipped),
            str(len(v.rules)),
        ]
        for v in history.versions
    ]
    headers = ["version", "date", "coverage", "open", "overdue", "finish", "slipped", "rules"]
    keys = [k for k in STATUS_KEYS if any(v.statuses.get(k) for v in history.versions)]
    statuses = [[v.label] + [str(v.statuses.get(k, 0)) for k in keys] for v in history.versions]
    sections = [
        Section("Versions", table=Table(headers, rows)),
        Section(
            "Actions per status",
            table=Table(["version"] + [k.replace("_", " ") for k in keys], statuses),
        ),
    ]
    lines = [v.message for v in history.rules]
    sections.append(Section("Statuses to look at again (newest version)", lines or ["None."]))
    return Document(f"History of {history.title}", sections)
