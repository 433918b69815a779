"""Static charts as inline SVG for the report: open actions per person against the overload
threshold, and a timeline (Gantt) of the critical path with today's line. Every label is
escaped; nothing is fetched; the same data gives the same bytes.

>>> svg = bar_chart([("Ann <b>", 14, True), ("Bo", 3, False)], lines=[(12, "limit")])
>>> "Ann &lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

__all__ = ["GanttRow", "bar_chart", "gantt"]

_FONT = 'font-family="system-ui, Arial, sans-serif" font-size="12"'


def bar_chart(
    rows: list[tuple[str, int, bool]], *, lines: list[tuple[float, str]], limit: int = 30
) -> str:
    """Horizontal bars ``(name, open actions, overloaded)``, overloaded ones red, the first
    ``limit`` rows, and a dashed line with its label at each ``(open actions, label)`` of
    ``lines`` (labels alternate above and below the bars)."""
    rows = rows[:limit]
    most = max([n for _, n, _ in rows] + [x for x, _ in lines] + [1])
    left, width, bar = 330, 440, 18
    scale = width / most
    height = 40 + len(rows) * (bar + 6) + 44
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 200}" '
        f'height="{height}" role="img" aria-label="Open actions per person" {_FONT}>'
    ]
    for i, (name, n, over) in enumerate(rows):
        y = 30 + i * (bar + 6)
        colour = "#d32f2f" if over else "#5c6bc0"
        label = escape(name if len(name) <= 44 else name[:43] + "…")
        parts.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{label}</text>'
            f'<rect x="{left}" y="{y}" width="{n * scale:.1f}" height="{bar}" fill="{colour}">'
            f"<title>{escape(name)}: {n} open{' (overloaded)' if over else ''}</title></rect>"
            f'<text x="{left + n * scale + 4:.1f}" y="{y + 13}">{n}{" ⚠" if over else ""}</text>'
        )
    bottom = height - 40
    for i, (at, words) in enumerate(lines):
        x = left + at * scale
        y = 16 if i % 2 == 0 else bottom + 16
        side = (x - 4, "end") if x > left + width * 0.6 else (x + 4, "start")
        parts.append(
            f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{bottom}" stroke="#d32f2f" '
            f'stroke-width="2" stroke-dasharray="6 4"/><text x="{side[0]:.1f}" y="{y}" '
            f'text-anchor="{side[1]}" fill="#d32f2f">{escape(words)}</text>'
        )
    parts.append(
        f'<text x="{left - 8}" y="{height - 4}" fill="#555" text-anchor="end">'
        "open actions</text></svg>"
    )
    return "".join(parts)


@dataclass(frozen=True)
class GanttRow:
    """One bar: ``label`` from ``start`` to ``finish`` (projected dates), marked."""

    label: str
    start: date | None
    finish: date | None
    critical: bool = True
    overdue: bool = False


def gantt(rows: list[GanttRow], *, today: date | None = None) -> str:
    """A timeline of ``rows`` with month ticks and, when given, a red line at ``today``.

    >>> svg = gantt([GanttRow("3.1", date(2025, 1, 1), date(2025, 3, 31))],
    ...             today=date(2025, 2, 1))
    >>> svg.count("<rect"), "today 2025-02-01" in svg
    (1, True)
    """
    days = [d for r in rows for d in (r.start, r.finish) if d is not None]
    if today is not None:
        days.append(today)
    if not days:
        return '<p class="sub">No dated actions on the critical path.</p>'
    first, last = min(days).replace(day=1), max(days)
    left, width, bar = 330, 640, 18
    scale = width / max((last - first).days, 1)
    height = 44 + len(rows) * (bar + 8) + 10

    def x(day: date) -> float:
        return left + (day - first).days * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" '
        f'height="{height}" role="img" aria-label="Critical path timeline" {_FONT}>'
    ]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 12 else 3 if months <= 36 else 12
    for i in range(0, months + 1, step):
        y, m = divmod(first.month - 1 + i, 12)
        tick = date(first.year + y, m + 1, 1)
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="24" x2="{x(tick):.1f}" y2="{height - 6}" '
            f'stroke="#e0e0e0"/><text x="{x(tick) + 2:.1f}" y="20" fill="#555">'
            f"{tick.strftime('%b %Y')}</text>"
        )
    for i, r in enumerate(rows):
        y = 34 + i * (bar + 8)
        label = escape(r.label if len(r.label) <= 46 else r.label[:45] + "…")
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{label}</text>')
        if r.finish is None:
            parts.append(f'<text x="{left + 4}" y="{y + 13}" fill="#555">undated</text>')
            continue
        start = r.start or r.finish
        colour = "#e65100" if r.overdue else "#d32f2f" if r.critical else "#5c6bc0"
        parts.append(
            f'<rect x="{x(start):.1f}" y="{y}" width="{max(x(r.finish) - x(start), 3):.1f}" '
            f'height="{bar}" rx="3" fill="{colour}"><title>{escape(r.label)}: '
            f"{start.isoformat()} to {r.finish.isoformat()}</title></rect>"
        )
    if today is not None:
        at = x(today)
        side = (at - 4, "end") if at > left + width / 2 else (at + 4, "start")
        parts.append(
            f'<line x1="{at:.1f}" y1="24" x2="{at:.1f}" y2="{height - 4}" '
            f'stroke="#d32f2f" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{side[0]:.1f}" y="{height - 8}" text-anchor="{side[1]}" fill="#d32f2f">'
            f"today {today.isoformat()}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
